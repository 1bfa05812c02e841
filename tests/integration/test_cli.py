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
    for name, department in (("chen", "EDUCATION"), ("liu", "医疗保障局"), ("zhou", "Housing")):
        added = run("user", "add", name, "--role", "department", "--department", department, "--database", url,
                    home=tmp_path, stdin="pw-123456\npw-123456\n")
        assert added.returncode == 0, added.stderr
    refused = run("user", "add", "sun", "--role", "department", "--department", "EDU", "--database", url,
                  home=tmp_path, stdin="pw-123456\npw-123456\n")
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
    assert run("user", "add", "li", "--role", "supervisor", "--database", url, home=tmp_path,
               stdin="pw-123456\npw-123456\n").returncode == 0
    export = run("export", "referrals", "-o", str(tmp_path / "r.csv"), "--user", "li", "--department", "edu",
                 "--database", url, home=tmp_path, stdin="pw-123456\n")
    assert export.returncode == 2 and "education" in export.stderr and not (tmp_path / "r.csv").exists()
    exported = run("export", "referrals", "-o", str(tmp_path / "r.csv"), "--user", "li", "--department",
                   "教育局", "--database", url, home=tmp_path, stdin="pw-123456\n")
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
    mismatch = run("user", "add", "wangli", "--role", "clerk", "--database", url, home=tmp_path,
                   stdin="pw-123456\npw-654321\n")
    assert mismatch.returncode == 2 and "differ" in mismatch.stderr
    added = run("user", "add", "wangli", "--role", "clerk", "--display-name", "王丽", "--database", url,
                home=tmp_path, stdin="pw-123456\npw-123456\n")
    assert added.returncode == 0, added.stderr
    assert "wangli" in added.stdout
    db = Database(url)
    with db.engine.connect() as connection:
        row = connection.execute(text("SELECT display_name, role, password_hash FROM users WHERE username='wangli'")).one()
    db.dispose()
    assert row[0] == "王丽" and row[1] == "clerk"
    assert row[2].startswith("scrypt$") and "pw-123456" not in row[2]
    duplicate = run("user", "add", "wangli", "--role", "clerk", "--database", url, home=tmp_path,
                    stdin="pw-123456\npw-123456\n")
    assert duplicate.returncode == 2
    assert len(duplicate.stderr.strip().splitlines()) == 1 and "wangli" in duplicate.stderr


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
    assert run("db", "backup", str(backup), "--database", url, home=tmp_path).returncode == 0
    db = Database(url)
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE halls SET name = '改过的名字'"))
    db.dispose()
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("hello", encoding="utf-8")
    refused = run("db", "restore", str(not_a_backup), "--yes", "--database", url, home=tmp_path)
    assert refused.returncode == 1 and "not an Intake Desk backup" in refused.stderr
    restored = run("db", "restore", str(backup), "--yes", "--database", url, home=tmp_path)
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
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE audit_events SET actor_name = '别人' WHERE id = 1"))
    db.dispose()
    bad = run("audit", "verify", "--database", url, home=tmp_path)
    assert bad.returncode == 1 and "#1" in bad.stderr
    chinese, english = bad.stderr.strip().split(" / ", 1)
    assert "记录被修改" in chinese  # each half in its own language, the reason after the event
    assert english.startswith("The audit trail is broken at event #1: ") and "altered" in english
    assert not any("\u4e00" <= c <= "\u9fff" for c in english)
