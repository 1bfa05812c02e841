"""Restoring over a database whose accounts cannot be read: the administrator signs in against the
accounts inside the backup being restored (that backup is what will be trusted afterwards), and the
restore is audited in the restored database under that name – SQLite and PostgreSQL, through the real
command line. A dropped or broken ``users`` table is damage, never an "empty database" that anyone
may restore into."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from intake_desk.services.backup_accounts import copy_rows
from intake_desk.store.db import Database
from tests.integration.test_cli import run

ADMIN_PW = "admin-pass-1\n"


@pytest.fixture
def url(empty_database_url: str, tmp_path: Path) -> str:
    """A set-up database (admin, administrator; wangli, clerk) of this test's own."""
    address = empty_database_url
    assert run("setup", "--hall-code", "HT01", "--hall-name", "月塘", "--admin", "admin", "--database", address,
               home=tmp_path, stdin=ADMIN_PW * 2).returncode == 0
    added = run("user", "add", "wangli", "--role", "clerk", "--hall", "HT01", "--display-name", "王丽\t𠮷",
                "--user", "admin", "--database", address, home=tmp_path, stdin=ADMIN_PW + "pw-1234567\npw-1234567\n")
    assert added.returncode == 0, added.stderr
    return address


def _execute(address: str, *statements: str) -> None:
    db = Database(address)
    try:
        with db.engine.begin() as connection:
            for statement in statements:
                connection.execute(text(statement))
    finally:
        db.dispose()


def _rows(address: str, sql: str) -> list[tuple[object, ...]]:
    db = Database(address)
    try:
        with db.engine.connect() as connection:
            return [tuple(r) for r in connection.execute(text(sql))]
    finally:
        db.dispose()


@pytest.mark.parametrize("damage", [
    ("DROP TABLE users",),
    ("ALTER TABLE users DROP COLUMN password_hash",),
])
def test_restoring_over_unreadable_accounts_signs_in_on_the_backup(url: str, tmp_path: Path,
                                                                   damage: tuple[str, ...]) -> None:
    backup = tmp_path / ("hall.sqlite3" if url.startswith("sqlite") else "hall.dump")
    backed = run("db", "backup", str(backup), "--database", url, "--user", "admin", home=tmp_path, stdin=ADMIN_PW)
    assert backed.returncode == 0, backed.stderr
    # Work after the backup, then the damage to the accounts.
    _execute(url, "UPDATE halls SET name = '改过的名字'")
    if url.startswith("sqlite"):
        connection = sqlite3.connect(url.removeprefix("sqlite:///"))
        connection.execute("PRAGMA foreign_keys=OFF")  # as the sqlite3 shell has it
        for statement in damage:
            connection.execute(statement)
        connection.commit()
        connection.close()
    else:
        _execute(url, *(d.replace("DROP TABLE users", "DROP TABLE users CASCADE") for d in damage))

    unsigned = run("db", "restore", str(backup), "--yes", "--database", url, home=tmp_path)
    assert unsigned.returncode == 2 and "--user" in unsigned.stderr and "Traceback" not in unsigned.stderr
    assert _rows(url, "SELECT name FROM halls") == [("改过的名字",)], "nothing restored without a sign-in"
    clerk = run("db", "restore", str(backup), "--yes", "--database", url, "--user", "wangli", home=tmp_path,
                stdin="pw-1234567\n")
    assert clerk.returncode == 2 and "Traceback" not in clerk.stderr
    assert len(clerk.stderr.strip().splitlines()) == 1
    wrong = run("db", "restore", str(backup), "--yes", "--database", url, "--user", "admin", home=tmp_path,
                stdin="not-the-password\n")
    assert wrong.returncode == 2 and "wrong" in wrong.stderr and len(wrong.stderr.strip().splitlines()) == 1
    assert _rows(url, "SELECT name FROM halls") == [("改过的名字",)]

    done = run("db", "restore", str(backup), "--yes", "--database", url, "--user", "admin", home=tmp_path,
               stdin=ADMIN_PW)
    assert done.returncode == 0, done.stderr
    assert _rows(url, "SELECT name FROM halls") == [("月塘",)]
    (event,) = _rows(url, "SELECT actor_name, actor_id, detail FROM audit_events WHERE action = 'database.restore'")
    actor_name, actor_id, detail = event
    assert json.loads(str(detail))["restored_by"] == "admin" and actor_id is not None and actor_name != "系统"
    verified = run("audit", "verify", "--database", url, home=tmp_path)
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_copy_text_values_are_read_back_exactly() -> None:
    dump = ("SET x = 1;\nCOPY public.users (id, username, display_name, locked_until) FROM stdin;\n"
            "1\tadmin\t王丽\\t𠮷\\\\后\\n\t\\N\n\\.\n")
    assert list(copy_rows(dump, "users")) == [
        {"id": "1", "username": "admin", "display_name": "王丽\t𠮷\\后\n", "locked_until": None}]
