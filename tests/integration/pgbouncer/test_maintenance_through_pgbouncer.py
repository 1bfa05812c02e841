"""``db upgrade``, ``db backup`` and ``db restore`` through PgBouncer in transaction mode are refused in
one sentence naming the server's own port (``pg_dump``/``pg_restore`` set session parameters that
transaction pooling would hand to other desks' connections); the same commands at the server's own
address work. Everyday commands keep working through PgBouncer."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from intake_desk.store.db import Database
from intake_desk.store.migrate import downgrade, head_revision
from intake_desk.store.pooler import server_port_if_pooled
from tests.conftest import PG_URL
from tests.integration.test_cli import run

pytestmark = pytest.mark.pg
ADMIN_PW = "admin-pass-1\n"


@pytest.fixture
def addresses(pg_url: str, pgbouncer_port: int) -> Iterator[tuple[str, str]]:
    """(through PgBouncer, the server itself) for a database of this test's own."""
    del pg_url
    name = f"intake_bouncer_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    direct = make_url(PG_URL).set(database=name)
    try:
        yield (direct.set(port=pgbouncer_port).render_as_string(hide_password=False),
               direct.render_as_string(hide_password=False))
    finally:
        with admin.connect() as connection:
            connection.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n "
                                    "AND pid <> pg_backend_pid()"), {"n": name})
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


def _version(address: str) -> str:
    db = Database(address)
    try:
        with db.engine.connect() as connection:
            return str(connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one())
    finally:
        db.dispose()


def test_maintenance_is_refused_through_pgbouncer_and_works_direct(addresses: tuple[str, str],
                                                                    tmp_path: Path) -> None:
    bouncer, direct = addresses
    server_port = make_url(direct).port or 5432
    assert run("setup", "--hall-code", "HT01", "--hall-name", "月塘", "--admin", "admin", "--database", bouncer,
               home=tmp_path, stdin=ADMIN_PW * 2).returncode == 0  # everyday work goes through PgBouncer
    db = Database(bouncer)
    try:
        assert server_port_if_pooled(db) == server_port
    finally:
        db.dispose()
    direct_db = Database(direct)
    try:
        assert server_port_if_pooled(direct_db) is None
    finally:
        direct_db.dispose()

    dump = tmp_path / "hall.dump"
    for command in (("db", "backup", str(dump)), ("db", "upgrade"), ("db", "restore", str(dump), "--yes")):
        refused = run(*command, "--database", bouncer, "--user", "admin", home=tmp_path, stdin=ADMIN_PW)
        assert refused.returncode == 1, (command, refused.stdout)
        lines = refused.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in refused.stderr, refused.stderr
        assert "not through PgBouncer" in lines[0] and f"port {server_port}" in lines[0], lines[0]
        assert not dump.exists()

    backed = run("db", "backup", str(dump), "--database", direct, "--user", "admin", home=tmp_path, stdin=ADMIN_PW)
    assert backed.returncode == 0, backed.stderr
    assert dump.read_bytes().startswith(b"PGDMP")
    old = Database(direct)
    downgrade(old, "0011")
    old.dispose()
    assert run("db", "upgrade", "--database", bouncer, "--user", "admin", home=tmp_path,
               stdin=ADMIN_PW).returncode == 1
    assert _version(direct) == "0011"
    upgraded = run("db", "upgrade", "--database", direct, "--user", "admin", home=tmp_path, stdin=ADMIN_PW)
    assert upgraded.returncode == 0, upgraded.stderr
    assert _version(bouncer) == head_revision()
