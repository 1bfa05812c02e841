"""The command line as a user runs it: a real subprocess, a real database, one-line errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from intake_desk.store.db import Database
from intake_desk.store.migrate import head_revision
from tests.tampering import as_attacker


def run(*args: str, home: Path, stdin: str = "", env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "INTAKE_DESK_HOME": str(home), **(env or {})}
    environment.pop("INTAKE_DESK_DATABASE_URL", None)
    return subprocess.run([sys.executable, "-m", "intake_desk", *args], input=stdin, capture_output=True,
                          text=True, env=environment, timeout=120, check=False)


def test_help_and_version(tmp_path: Path) -> None:
    helped = run("--help", home=tmp_path)
    assert helped.returncode == 0
    for name in ("gui", "demo", "db", "user", "audit", "selftest"):
        assert name in helped.stdout
    version = run("--version", home=tmp_path)
    assert version.returncode == 0 and version.stdout.startswith("intake-desk ")


def test_db_current_only_reads_an_empty_database(tmp_path: Path) -> None:
    done = run("db", "current", home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "empty" in done.stdout and "db upgrade" in done.stdout and head_revision() in done.stdout
    database = tmp_path / "data" / "intake-desk.sqlite3"
    if database.exists():  # connecting may create the file; it must not create the schema
        db = Database(f"sqlite:///{database}")
        with db.engine.connect() as connection:
            tables = connection.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'")).all()
        db.dispose()
        assert tables == []
    upgraded = run("db", "upgrade", home=tmp_path)
    assert upgraded.returncode == 0, upgraded.stderr
    current = run("db", "current", home=tmp_path)
    assert current.stdout.split()[0] == head_revision() and "up to date" in current.stdout
    # The log says what the program did, not what Alembic set up for every connection.
    logged = (tmp_path / "data" / "logs" / "intake-desk.log").read_text(encoding="utf-8")
    assert "Running upgrade" in logged
    assert "setup plugin" not in logged and "Context impl" not in logged and "Will assume" not in logged


def test_help_says_which_commands_read_passwords_from_standard_input(tmp_path: Path) -> None:
    for command in (("user", "add"), ("setup",)):
        helped = run(*command, "--help", home=tmp_path)
        assert helped.returncode == 0
        flat = " ".join(helped.stdout.split())
        assert "two lines from standard input" in flat, command
    for command in ("export", "print"):
        flat = " ".join(run(command, "--help", home=tmp_path).stdout.split())
        assert "one line from standard input" in flat, command


def test_departments_are_named_by_code_in_any_case_or_chinese_name(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'desk.sqlite3'}"
    assert run("setup", "--hall-code", "HT01", "--hall-name", "月塘", "--admin", "admin", "--database", url,
               home=tmp_path, stdin="admin-pass-1\nadmin-pass-1\n").returncode == 0
    as_admin = ("--user", "admin", "--database", url)
    for name, department in (("chen", "EDUCATION"), ("liu", "医疗保障局"), ("zhou", "Housing")):
        added = run("user", "add", name, "--role", "department", "--department", department, *as_admin,
                    home=tmp_path, stdin="admin-pass-1\npw-123456\npw-123456\n")
        assert added.returncode == 0, added.stderr
    refused = run("user", "add", "sun", "--role", "department", "--department", "EDU", *as_admin,
                  home=tmp_path, stdin="admin-pass-1\npw-123456\npw-123456\n")
    assert refused.returncode == 2 and len(refused.stderr.strip().splitlines()) == 1
    for code in ("education", "medical", "housing", "employment", "disability", "emergency", "charity"):
        assert code in refused.stderr
    assert "教育局" in refused.stderr and "EDU" in refused.stderr
    db = Database(url)
    with db.engine.connect() as connection:
        rows = dict(connection.execute(text(
            "SELECT u.username, d.code FROM users u JOIN departments d ON d.id = u.department_id")).all())
    db.dispose()
    assert rows == {"chen": "education", "liu": "medical", "zhou": "housing"}
    assert run("user", "add", "li", "--role", "supervisor", *as_admin, home=tmp_path,
               stdin="admin-pass-1\npw-123456\npw-123456\n").returncode == 0
    assert run("user", "password", "--user", "li", "--database", url, home=tmp_path,
               stdin="pw-123456\npw-123456-own\npw-123456-own\n").returncode == 0
    export = run("export", "referrals", "-o", str(tmp_path / "r.csv"), "--user", "li", "--department", "edu",
                 "--database", url, home=tmp_path, stdin="pw-123456-own\n")
    assert export.returncode == 2 and "education" in export.stderr and not (tmp_path / "r.csv").exists()
    exported = run("export", "referrals", "-o", str(tmp_path / "r.csv"), "--user", "li", "--department",
                   "教育局", "--database", url, home=tmp_path, stdin="pw-123456-own\n")
    assert exported.returncode == 0, exported.stderr


def test_setup_then_user_add_asks_the_password_twice(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'desk.sqlite3'}"
    refused = run("user", "add", "wangli", "--role", "clerk", "--database", url, home=tmp_path,
                  stdin="pw-123456\npw-123456\n")
    assert refused.returncode == 2
    assert "intake-desk setup" in refused.stderr and "Traceback" not in refused.stderr
    done = run("setup", "--hall-code", "HT01", "--hall-name", "月塘街道便民服务中心", "--admin", "admin",
               "--database", url, home=tmp_path, stdin="admin-pass-1\nadmin-pass-1\n")
    assert done.returncode == 0, done.stderr
    as_admin = ("--user", "admin", "--database", url)
    mismatch = run("user", "add", "wangli", "--role", "clerk", *as_admin, home=tmp_path,
                   stdin="admin-pass-1\npw-123456\npw-654321\n")
    assert mismatch.returncode == 2 and "differ" in mismatch.stderr
    added = run("user", "add", "wangli", "--role", "clerk", "--display-name", "王丽", *as_admin,
                home=tmp_path, stdin="admin-pass-1\npw-123456\npw-123456\n")
    assert added.returncode == 0, added.stderr
    assert "wangli" in added.stdout
    db = Database(url)
    with db.engine.connect() as connection:
        row = connection.execute(text("SELECT display_name, role, password_hash, must_change_password "
                                      "FROM users WHERE username='wangli'")).one()
        creator = connection.execute(text("SELECT actor_name FROM audit_events WHERE action = 'user.create' "
                                          "AND entity_id = 'wangli'")).scalar_one()
    db.dispose()
    assert row[0] == "王丽" and row[1] == "clerk"
    assert row[2].startswith("scrypt$") and "pw-123456" not in row[2]
    assert row[3], "an account made by an administrator changes its password at first sign-in"
    assert creator == "系统管理员"  # the administrator who signed in, not "系统"
    duplicate = run("user", "add", "wangli", "--role", "clerk", *as_admin, home=tmp_path,
                    stdin="admin-pass-1\npw-123456\npw-123456\n")
    assert duplicate.returncode == 2
    assert len(duplicate.stderr.strip().splitlines()) == 1 and "wangli" in duplicate.stderr


def _setup(url: str, home: Path) -> None:
    done = run("setup", "--hall-code", "HT01", "--hall-name", "月塘", "--admin", "admin", "--database", url,
               home=home, stdin="admin-pass-1\nadmin-pass-1\n")
    assert done.returncode == 0, done.stderr


def _count(url: str, sql: str) -> int:
    db = Database(url)
    try:
        with db.engine.connect() as connection:
            return int(connection.execute(text(sql)).scalar_one())
    finally:
        db.dispose()


def test_user_add_without_signing_in_makes_no_account(tmp_path: Path) -> None:
    """Finding 1: ``printf 'pw\npw\n' | intake-desk user add mallory --role admin`` made an administrator."""
    url = f"sqlite:///{tmp_path / 'desk.sqlite3'}"
    _setup(url, tmp_path)
    tries = [
        (("user", "add", "mallory", "--role", "admin", "--database", url), "mallory-pass-1\nmallory-pass-1\n"),
        (("user", "add", "mallory", "--role", "admin", "--user", "admin", "--database", url),
         "wrong-password\nmallory-pass-1\nmallory-pass-1\n"),
    ]
    for args, stdin in tries:
        refused = run(*args, home=tmp_path, stdin=stdin)
        assert refused.returncode == 2, refused.stdout
        assert len(refused.stderr.strip().splitlines()) == 1 and "Traceback" not in refused.stderr
    assert _count(url, "SELECT count(*) FROM users WHERE username = 'mallory'") == 0
    # A clerk who signs in correctly may not add accounts either.
    assert run("user", "add", "clerk1", "--role", "clerk", "--user", "admin", "--database", url, home=tmp_path,
               stdin="admin-pass-1\nclerk1-pass-1\nclerk1-pass-1\n").returncode == 0
    first = run("export", "applications", "-o", str(tmp_path / "a.csv"), "--user", "clerk1", "--database", url,
                home=tmp_path, stdin="clerk1-pass-1\n")
    assert first.returncode == 2 and "user password" in first.stderr  # must change the password first
    changed = run("user", "password", "--user", "clerk1", "--database", url, home=tmp_path,
                  stdin="clerk1-pass-1\nclerk1-own-pass\nclerk1-own-pass\n")
    assert changed.returncode == 0, changed.stderr
    clerk_adds = run("user", "add", "mallory", "--role", "admin", "--user", "clerk1", "--database", url,
                     home=tmp_path, stdin="clerk1-own-pass\nmallory-pass-1\nmallory-pass-1\n")
    assert clerk_adds.returncode == 2 and "users.manage" in clerk_adds.stderr
    assert _count(url, "SELECT count(*) FROM users WHERE username = 'mallory'") == 0


def test_setup_runs_without_signing_in_only_on_an_empty_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'desk.sqlite3'}"
    _setup(url, tmp_path)
    again = run("setup", "--hall-code", "HT09", "--hall-name", "别处", "--admin", "mallory", "--database", url,
                home=tmp_path, stdin="mallory-pass-1\nmallory-pass-1\n")
    assert again.returncode == 2 and "--user" in again.stderr
    # A database with a hall but no administrator (e.g. every administrator removed) is not "empty".
    db = Database(url)
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE users SET role = 'clerk'"))
    db.dispose()
    hole = run("setup", "--hall-code", "HT01", "--hall-name", "月塘", "--admin", "mallory", "--database", url,
               home=tmp_path, stdin="mallory-pass-1\nmallory-pass-1\n")
    assert hole.returncode == 2
    assert _count(url, "SELECT count(*) FROM users WHERE username = 'mallory'") == 0


def test_a_county_administrator_adds_a_hall_with_its_own_administrator(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'desk.sqlite3'}"
    assert run("setup", "--county", "--hall-code", "HT01", "--hall-name", "月塘", "--admin", "county",
               "--database", url, home=tmp_path, stdin="county-pass-1\ncounty-pass-1\n").returncode == 0
    added = run("setup", "--hall-code", "HT02", "--hall-name", "宋家桥", "--admin", "admin2", "--user", "county",
                "--database", url, home=tmp_path, stdin="county-pass-1\nadmin2-pass-1\nadmin2-pass-1\n")
    assert added.returncode == 0, added.stderr
    db = Database(url)
    with db.engine.connect() as connection:
        row = connection.execute(text("SELECT h.code, u.must_change_password FROM users u JOIN halls h "
                                      "ON h.id = u.hall_id WHERE u.username = 'admin2'")).one()
    db.dispose()
    assert row[0] == "HT02" and row[1]


def test_seed_demo_refuses_a_working_database(tmp_path: Path) -> None:
    """Finding 1: ``seed-demo`` on a working database added ten accounts with published passwords."""
    url = f"sqlite:///{tmp_path / 'desk.sqlite3'}"
    _setup(url, tmp_path)
    refused = run("seed-demo", "--households", "2", "--database", url, home=tmp_path)
    assert refused.returncode == 2 and "not a demo database" in refused.stderr
    assert _count(url, "SELECT count(*) FROM users") == 1
    demo = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    assert run("seed-demo", "--households", "2", "--database", demo, home=tmp_path).returncode == 0
    again = run("seed-demo", "--households", "2", "--bulk", "--seed", "2", "--database", demo, home=tmp_path)
    assert again.returncode == 0, again.stderr  # the demo's own database takes more demo data


@pytest.mark.parametrize("url, needle", [
    ("mysql://root@localhost/x", "PostgreSQL"),
    ("postgresql+psycopg://postgres@127.0.0.1:1/none", "127.0.0.1:1"),
])
def test_bad_database_is_one_clear_line(tmp_path: Path, url: str, needle: str) -> None:
    done = run("db", "current", "--database", url, home=tmp_path)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert needle in done.stderr


def test_backup_and_restore_sqlite(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'desk.sqlite3'}"
    assert run("setup", "--hall-code", "HT01", "--hall-name", "月塘", "--admin", "admin", "--database", url,
               home=tmp_path, stdin="admin-pass-1\nadmin-pass-1\n").returncode == 0
    backup = tmp_path / "b.sqlite3"
    assert run("db", "backup", str(backup), "--database", url, "--user", "admin", home=tmp_path,
               stdin="admin-pass-1\n").returncode == 0
    db = Database(url)
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE halls SET name = '改过的名字'"))
    db.dispose()
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("hello", encoding="utf-8")
    as_admin = ("--user", "admin", "--database", url)
    refused = run("db", "restore", str(not_a_backup), "--yes", *as_admin, home=tmp_path, stdin="admin-pass-1\n")
    assert refused.returncode == 1 and "not an Intake Desk backup" in refused.stderr
    unsigned = run("db", "restore", str(backup), "--yes", "--database", url, home=tmp_path)
    assert unsigned.returncode == 2 and "--user" in unsigned.stderr
    unconfirmed = run("db", "restore", str(backup), *as_admin, home=tmp_path, stdin="admin-pass-1\n")
    assert unconfirmed.returncode == 2 and "--yes" in unconfirmed.stderr
    restored = run("db", "restore", str(backup), "--yes", *as_admin, home=tmp_path, stdin="admin-pass-1\n")
    assert restored.returncode == 0, restored.stderr
    db = Database(url)
    with db.engine.connect() as connection:
        assert connection.execute(text("SELECT name FROM halls")).scalar_one() == "月塘"
    db.dispose()
    assert list(tmp_path.glob("desk-before-restore-*.sqlite3"))


def test_audit_verify_detects_tampering(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'desk.sqlite3'}"
    assert run("setup", "--hall-code", "HT01", "--hall-name", "月塘", "--admin", "admin", "--database", url,
               home=tmp_path, stdin="admin-pass-1\nadmin-pass-1\n").returncode == 0
    good = run("audit", "verify", "--database", url, home=tmp_path)
    assert good.returncode == 0 and "intact" in good.stdout
    db = Database(url)
    with as_attacker(db) as connection:
        connection.execute(text("UPDATE audit_events SET actor_name = '别人' WHERE id = 1"))
    db.dispose()
    bad = run("audit", "verify", "--database", url, home=tmp_path)
    assert bad.returncode == 1 and "#1" in bad.stderr
    chinese, english = bad.stderr.strip().split(" / ", 1)
    assert "记录被修改" in chinese  # each half in its own language, the reason after the event
    assert english.startswith("The audit trail is broken at event #1: ") and "altered" in english
    assert not any("\u4e00" <= c <= "\u9fff" for c in english)
