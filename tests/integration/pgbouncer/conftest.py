"""The intake, queue and audit tests again, through PgBouncer in transaction mode (the county set-up).

Every fixture that hands out a database here hands out the run's PostgreSQL database reached through
PgBouncer: ``pg_url`` names the bouncer's port and ``db`` (the SQLite file elsewhere) is ``pg_db``. The
PgBouncer is the one on 127.0.0.1:6432 (``.ci/run`` starts it; ``INTAKE_DESK_TEST_PGBOUNCER_PORT``
names another); when none answers, ``scripts/pgbouncer.sh`` starts one on a free port for this run and
stops it at the end.
"""

from __future__ import annotations

import os
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

from intake_desk.store.db import Database
from tests.conftest import PG_URL, REQUIRE_PG

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "pgbouncer.sh"
PORT = int(os.environ.get("INTAKE_DESK_TEST_PGBOUNCER_PORT", "6432"))


def _answers(port: int) -> bool:
    try:
        with psycopg.connect(host="127.0.0.1", port=port, user="postgres", dbname="pgbouncer",
                             autocommit=True, connect_timeout=3) as connection:
            connection.execute("SHOW VERSION")
        return True
    except psycopg.Error:
        return False


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def pgbouncer_port() -> Iterator[int]:
    if _answers(PORT):
        yield PORT
        return
    port = _free_port()
    server_port = make_url(PG_URL).port or 5432
    started = subprocess.run(["bash", str(SCRIPT), "start", str(port), str(server_port)],
                             capture_output=True, text=True, timeout=300)
    if started.returncode != 0 or not _answers(port):
        message = f"no PgBouncer on 127.0.0.1:{PORT} and none could be started: {started.stderr.strip()[-300:]}"
        if REQUIRE_PG:
            pytest.fail(message + " (INTAKE_DESK_REQUIRE_PG=1)")
        pytest.skip(message)
    try:
        yield port
    finally:
        subprocess.run(["bash", str(SCRIPT), "stop", str(port)], capture_output=True, timeout=60)


@pytest.fixture(scope="session")
def pg_url(pg_url: str, pgbouncer_port: int) -> str:
    """The run's PostgreSQL database, reached through PgBouncer."""
    return make_url(pg_url).set(port=pgbouncer_port).render_as_string(hide_password=False)


@pytest.fixture
def db(pg_db: Database) -> Database:
    """What runs on a SQLite file elsewhere runs on PostgreSQL through PgBouncer here."""
    return pg_db
