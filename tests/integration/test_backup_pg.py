"""PostgreSQL backup and restore through the command line (pg_dump / pg_restore), on a database of its own."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from intake_desk.store.db import Database
from tests.conftest import PG_URL

pytestmark = [pytest.mark.pg, pytest.mark.skipif(shutil.which("pg_dump") is None, reason="pg_dump not installed")]


def run(*args: str, home: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "INTAKE_DESK_HOME": str(home)}
    environment.pop("INTAKE_DESK_DATABASE_URL", None)
    return subprocess.run([sys.executable, "-m", "intake_desk", *args], input=stdin, capture_output=True,
                          text=True, env=environment, timeout=180, check=False)


def _create(name: str) -> str:
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(PG_URL).set(database=name).render_as_string(hide_password=False)


def _drop(name: str) -> None:
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                "WHERE datname = :n AND pid <> pg_backend_pid()"), {"n": name})
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
    admin.dispose()


@pytest.fixture
def fresh_pg(pg_url: str) -> Iterator[str]:
    """An empty database of this test's own (a restore replaces everything in it)."""
    del pg_url  # the fixture makes sure the server is there (or skips / fails as configured)
    names: list[str] = []

    def make() -> str:
        names.append(f"intake_backup_{uuid.uuid4().hex[:10]}")
        return _create(names[-1])

    yield make()  # type: ignore[misc]
    for name in names:
        _drop(name)


def _scalar(url: str, sql: str) -> object:
    db = Database(url)
    try:
        with db.engine.connect() as connection:
            return connection.execute(text(sql)).scalar_one()
    finally:
        db.dispose()


def test_backup_then_restore_postgresql(fresh_pg: str, tmp_path: Path) -> None:
    url = fresh_pg
    done = run("setup", "--hall-code", "HT01", "--hall-name", "月塘街道便民服务中心", "--admin", "admin",
               "--database", url, home=tmp_path, stdin="admin-pass-1\nadmin-pass-1\n")
    assert done.returncode == 0, done.stderr
    added = run("user", "add", "wangli", "--role", "clerk", "--display-name", "王丽𠮷", "--user", "admin",
                "--database", url, home=tmp_path, stdin="admin-pass-1\npw-1234567\npw-1234567\n")
    assert added.returncode == 0, added.stderr
    events_before = _scalar(url, "SELECT count(*) FROM audit_events")

    dump = tmp_path / "hall.dump"
    backed = run("db", "backup", str(dump), "--database", url, "--user", "admin", home=tmp_path,
                 stdin="admin-pass-1\n")
    assert backed.returncode == 0, backed.stderr
    assert dump.is_file() and dump.read_bytes().startswith(b"PGDMP")

    # Life goes on after the backup …
    db = Database(url)
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE halls SET name = '改过的名字'"))
        connection.execute(text("DELETE FROM users WHERE username = 'wangli'"))
    db.dispose()

    # … a file that is not a backup is refused and changes nothing,
    notes = tmp_path / "notes.dump"
    notes.write_text("hello", encoding="utf-8")
    refused = run("db", "restore", str(notes), "--yes", "--user", "admin", "--database", url, home=tmp_path,
                  stdin="admin-pass-1\n")
    assert refused.returncode == 1 and "not an Intake Desk backup" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    assert _scalar(url, "SELECT name FROM halls") == "改过的名字"

    # … and the real backup brings the database back as it was.
    restored = run("db", "restore", str(dump), "--yes", "--user", "admin", "--database", url, home=tmp_path,
                   stdin="admin-pass-1\n")
    assert restored.returncode == 0, restored.stderr
    assert _scalar(url, "SELECT name FROM halls") == "月塘街道便民服务中心"
    assert _scalar(url, "SELECT display_name FROM users WHERE username = 'wangli'") == "王丽𠮷"
    # The restored trail plus one event: the restore itself.
    # The dump holds the administrator's sign-in for the backup; the restore adds its own event.
    assert _scalar(url, "SELECT count(*) FROM audit_events") == events_before + 2
    assert _scalar(url, "SELECT max(action) FROM audit_events WHERE id = (SELECT max(id) FROM audit_events)") \
        == "database.restore"
    safety = list(tmp_path.glob("*-before-restore-*.dump"))
    assert len(safety) == 1 and safety[0].read_bytes().startswith(b"PGDMP")
    verified = run("audit", "verify", "--database", url, home=tmp_path)
    assert verified.returncode == 0 and "intact" in verified.stdout
    current = run("db", "current", "--database", url, home=tmp_path)
    assert current.returncode == 0 and "up to date" in current.stdout
    # Writing after the restore works (sequences came back with the rows).
    again = run("user", "add", "lisi", "--role", "clerk", "--user", "admin", "--database", url, home=tmp_path,
                stdin="admin-pass-1\npw-7654321\npw-7654321\n")
    assert again.returncode == 0, again.stderr


def test_a_dump_of_another_database_is_refused(fresh_pg: str, tmp_path: Path) -> None:
    other = _create(f"intake_other_{uuid.uuid4().hex[:10]}")
    try:
        engine = create_engine(other)
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE notes (id serial primary key, body text)"))
        engine.dispose()
        foreign = tmp_path / "other.dump"
        url = make_url(other)
        subprocess.run(["pg_dump", "--format=custom", "--file", str(foreign), "--host", url.host or "localhost",
                        "--port", str(url.port or 5432), "--username", url.username or "postgres",
                        "--dbname", url.database or ""], check=True, capture_output=True)
    finally:
        _drop(make_url(other).database or "")
    assert run("setup", "--hall-code", "HT01", "--hall-name", "月塘", "--admin", "admin", "--database", fresh_pg,
               home=tmp_path, stdin="admin-pass-1\nadmin-pass-1\n").returncode == 0
    refused = run("db", "restore", str(foreign), "--yes", "--user", "admin", "--database", fresh_pg, home=tmp_path,
                  stdin="admin-pass-1\n")
    assert refused.returncode == 1 and "not an Intake Desk backup" in refused.stderr
    assert _scalar(fresh_pg, "SELECT name FROM halls") == "月塘"


def test_an_older_postgresql_database_is_dumped_before_it_is_upgraded(fresh_pg: str, tmp_path: Path) -> None:
    from intake_desk.store.migrate import downgrade, script_directory

    url = fresh_pg
    assert run("setup", "--hall-code", "HT01", "--hall-name", "月塘", "--admin", "admin", "--database", url,
               home=tmp_path, stdin="admin-pass-1\nadmin-pass-1\n").returncode == 0
    previous = [s.revision for s in script_directory().walk_revisions()][1]
    db = Database(url)
    downgrade(db, previous)
    db.dispose()
    upgraded = run("db", "upgrade", "--database", url, "--user", "admin", home=tmp_path, stdin="admin-pass-1\n")
    assert upgraded.returncode == 0, upgraded.stderr
    dumps = list((tmp_path / "data" / "backups").glob("*-before-*.dump"))
    assert len(dumps) == 1 and str(dumps[0]) in upgraded.stdout
    listing = subprocess.run(["pg_restore", "--list", str(dumps[0])], capture_output=True, text=True, check=True)
    assert "TABLE public halls" in listing.stdout
    assert _scalar(url, "SELECT name FROM halls") == "月塘"
    assert _scalar(url, "SELECT version_num FROM alembic_version") != previous
