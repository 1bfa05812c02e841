"""Fixtures for the integration tests that drive the real command line."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.conftest import PG_URL


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database of this test's own: a SQLite file, or a new PostgreSQL database dropped afterwards
    (skipped where ``pg_dump``, which backup and restore run, is not installed)."""
    name = None
    if request.param == "sqlite":
        address = f"sqlite:///{tmp_path / 'desk.sqlite3'}"
    else:
        if shutil.which("pg_dump") is None:
            pytest.skip("pg_dump not installed")
        request.getfixturevalue("pg_url")  # the server is there (or skip / fail as configured)
        name = f"intake_cli_{uuid.uuid4().hex[:10]}"
        admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        address = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    yield address
    if name is not None:
        admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n "
                                    "AND pid <> pg_backend_pid()"), {"n": name})
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()
