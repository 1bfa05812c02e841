"""``db backup`` and ``db upgrade`` sign in as an administrator (a backup reads every record; an upgrade
changes the schema under them) – also on a database whose schema is older than the program's, from
every revision since accounts existed – and a desk login that opens a database needing an upgrade is
told, in one sentence, to have the administrator upgrade it with the owner's login. SQLite and
PostgreSQL through the real command line."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from intake_desk.store.db import Database
from intake_desk.store.migrate import NEEDS_OWNER_MESSAGE, downgrade, head_revision
from tests.conftest import PG_URL
from tests.integration.test_cli import run

SETUP = ("setup", "--hall-code", "HT01", "--hall-name", "月塘", "--admin", "admin")
ADMIN_PW = "admin-pass-1\n"


@pytest.fixture
def url(empty_database_url: str, tmp_path: Path) -> str:
    """A set-up database of this test's own: admin (administrator) and wangli (clerk)."""
    address = empty_database_url
    done = run(*SETUP, "--database", address, home=tmp_path, stdin=ADMIN_PW * 2)
    assert done.returncode == 0, done.stderr
    added = run("user", "add", "wangli", "--role", "clerk", "--hall", "HT01", "--user", "admin", "--database",
                address, home=tmp_path, stdin=ADMIN_PW + "pw-1234567\npw-1234567\n")
    assert added.returncode == 0, added.stderr
    db = Database(address)
    with db.engine.begin() as connection:  # a clerk who has already changed the first password
        connection.execute(text("UPDATE users SET must_change_password = false WHERE username = 'wangli'"))
    db.dispose()
    return address


def _rows(address: str, sql: str) -> list[tuple[object, ...]]:
    db = Database(address)
    try:
        with db.engine.connect() as connection:
            return [tuple(r) for r in connection.execute(text(sql))]
    finally:
        db.dispose()


def _one_line(done: object) -> str:
    stderr = getattr(done, "stderr", "")
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


def test_a_backup_needs_an_administrator_and_is_audited(url: str, tmp_path: Path) -> None:
    target = tmp_path / "nightly.backup"
    unsigned = run("db", "backup", str(target), "--database", url, home=tmp_path)
    assert unsigned.returncode == 2 and "--user" in _one_line(unsigned) and not target.exists()
    clerk = run("db", "backup", str(target), "--database", url, "--user", "wangli", home=tmp_path,
                stdin="pw-1234567\n")
    assert clerk.returncode == 2 and "Only an administrator may back up the database" in _one_line(clerk)
    assert not target.exists()
    wrong = run("db", "backup", str(target), "--database", url, "--user", "admin", home=tmp_path,
                stdin="not-the-password\n")
    assert wrong.returncode == 2 and "wrong" in _one_line(wrong) and not target.exists()
    assert _rows(url, "SELECT failed_logins FROM users WHERE username = 'admin'") == [(1,)], "the failure counts"

    done = run("db", "backup", str(target), "--database", url, "--user", "admin", home=tmp_path, stdin=ADMIN_PW)
    assert done.returncode == 0, done.stderr
    assert target.is_file() and target.stat().st_size > 0
    events = _rows(url, "SELECT actor_name, detail FROM audit_events WHERE action = 'database.backup'")
    assert len(events) == 1
    actor_name, detail = events[0]
    assert json.loads(str(detail))["by"] == "admin" and json.loads(str(detail))["file"] == str(target.resolve())
    assert actor_name != "系统"
    verified = run("audit", "verify", "--database", url, home=tmp_path)
    assert verified.returncode == 0, verified.stdout + verified.stderr


# Revisions since the accounts table existed: the first, one in the middle, the one before the head.
@pytest.mark.parametrize("revision", ["0001", "0009", "0011"])
def test_an_upgrade_signs_in_on_the_older_schema(url: str, tmp_path: Path, revision: str) -> None:
    db = Database(url)
    downgrade(db, revision)
    db.dispose()
    assert _rows(url, "SELECT version_num FROM alembic_version")[0][0] == revision

    unsigned = run("db", "upgrade", "--database", url, home=tmp_path)
    assert unsigned.returncode == 2 and "--user" in _one_line(unsigned)
    clerk = run("db", "upgrade", "--database", url, "--user", "wangli", home=tmp_path, stdin="pw-1234567\n")
    assert clerk.returncode == 2 and "Only an administrator may upgrade the database" in _one_line(clerk)
    wrong = run("db", "upgrade", "--database", url, "--user", "admin", home=tmp_path, stdin="wrong-password\n")
    assert wrong.returncode == 2 and "wrong" in _one_line(wrong)
    assert _rows(url, "SELECT failed_logins FROM users WHERE username = 'admin'") == [(1,)]
    assert _rows(url, "SELECT version_num FROM alembic_version")[0][0] == revision, "nothing upgraded"

    done = run("db", "upgrade", "--database", url, "--user", "admin", home=tmp_path, stdin=ADMIN_PW)
    assert done.returncode == 0, done.stderr
    assert _rows(url, "SELECT version_num FROM alembic_version")[0][0] == head_revision()
    assert _rows(url, "SELECT failed_logins FROM users WHERE username = 'admin'") == [(0,)]
    events = _rows(url, "SELECT detail FROM audit_events WHERE action = 'database.upgrade'")
    assert len(events) == 1
    detail = json.loads(str(events[0][0]))
    assert detail["by"] == "admin" and detail["from"] == revision and detail["to"] == head_revision()


def test_the_older_schema_sign_in_keeps_the_lockout(url: str, tmp_path: Path) -> None:
    db = Database(url)
    downgrade(db, "0011")
    db.dispose()
    for _ in range(5):
        run("db", "upgrade", "--database", url, "--user", "admin", home=tmp_path, stdin="wrong-password\n")
    locked = run("db", "upgrade", "--database", url, "--user", "admin", home=tmp_path, stdin=ADMIN_PW)
    assert locked.returncode == 2 and "locked" in _one_line(locked)
    assert _rows(url, "SELECT version_num FROM alembic_version")[0][0] == "0011"


def test_a_new_database_is_upgraded_without_signing_in(tmp_path: Path) -> None:
    address = f"sqlite:///{tmp_path / 'new.sqlite3'}"
    done = run("db", "upgrade", "--database", address, home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert _rows(address, "SELECT version_num FROM alembic_version")[0][0] == head_revision()


# -- a desk login on a database that needs an upgrade ------------------------------------------------

@pytest.mark.pg
def test_a_desk_login_is_told_to_have_the_owner_upgrade(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       pg_url: str) -> None:
    from intake_desk.store.roles import create_desk_login

    name = f"intake_old_{uuid.uuid4().hex[:8]}"
    login = f"desk_o{uuid.uuid4().hex[:6]}"
    password = "desk-login-password-1"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    owner_url = make_url(PG_URL).set(database=name)
    try:
        owner = Database(owner_url)
        from intake_desk.store.migrate import upgrade

        upgrade(owner, backup_dir=tmp_path)
        create_desk_login(owner, login, password)
        downgrade(owner, "0011")  # an older program's database, before this version's upgrade
        owner.dispose()
        desk_url = owner_url.set(username=login, password=password).render_as_string(hide_password=False)

        # On the command line: one sentence, nothing changed.
        done = run("audit", "verify", "--database", desk_url, home=tmp_path)
        assert done.returncode == 1, done.stdout
        assert _one_line(done).endswith(NEEDS_OWNER_MESSAGE), done.stderr
        assert "permission denied" not in done.stderr.lower()
        checked = run("selftest", "--database", desk_url, home=tmp_path)
        assert checked.returncode == 1 and NEEDS_OWNER_MESSAGE in checked.stdout, checked.stdout
        assert "permission denied" not in checked.stdout.lower()

        # In the window: the same sentence is what the start-failure box shows.
        from intake_desk import app, cli

        shown: list[str] = []
        monkeypatch.setattr(app, "report_start_failure", shown.append)
        monkeypatch.setenv("INTAKE_DESK_HOME", str(tmp_path))
        assert cli.main(["gui", "--database", desk_url]) == 1
        assert shown == [NEEDS_OWNER_MESSAGE]
        assert _rows(owner_url.render_as_string(hide_password=False),
                     "SELECT version_num FROM alembic_version")[0][0] == "0011"
    finally:
        with admin.connect() as connection:
            connection.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"),
                               {"n": name})
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            connection.execute(text(f'DROP ROLE IF EXISTS "{login}"'))
        admin.dispose()


def test_a_desk_login_on_a_database_with_accounts_needs_an_administrator(url: str, tmp_path: Path) -> None:
    """``db desk-login`` may upgrade the schema too: on a database with accounts, an administrator signs
    in first (that password before the desk login's two)."""
    if url.startswith("sqlite"):
        pytest.skip("desk logins are PostgreSQL logins")
    login = f"desk_m{uuid.uuid4().hex[:6]}"
    password = "desk-login-password-1\n"
    unsigned = run("db", "desk-login", login, "--database", url, home=tmp_path, stdin=password * 2)
    assert unsigned.returncode == 2 and "--user" in _one_line(unsigned)
    try:
        made = run("db", "desk-login", login, "--database", url, "--user", "admin", home=tmp_path,
                   stdin=ADMIN_PW + password * 2)
        assert made.returncode == 0, made.stderr
        assert _rows(url, f"SELECT count(*) FROM pg_roles WHERE rolname = '{login}'") == [(1,)]
    finally:
        db = Database(url)
        with db.engine.begin() as connection:
            if connection.execute(text(f"SELECT 1 FROM pg_roles WHERE rolname = '{login}'")).first():
                connection.execute(text(f'DROP OWNED BY "{login}"'))
                connection.execute(text(f'DROP ROLE "{login}"'))
        db.dispose()
