"""A damaged SQLite file is found at start, and the program names the backup that restores it."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from intake_desk.app import open_services
from intake_desk.store.db import Database, DatabaseError
from intake_desk.store.integrity import DatabaseDamaged, check_sqlite_file, newest_backup

SETUP = ("setup", "--hall-code", "HT01", "--hall-name", "月塘街道便民服务中心", "--admin", "admin")


def run(*args: str, home: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "INTAKE_DESK_HOME": str(home)}
    environment.pop("INTAKE_DESK_DATABASE_URL", None)
    return subprocess.run([sys.executable, "-m", "intake_desk", *args], input=stdin, capture_output=True,
                          text=True, env=environment, timeout=120, check=False)


def _page_size(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute("PRAGMA page_size").fetchone()[0])
    finally:
        connection.close()


def damage_pages(path: Path) -> None:
    """Overwrite the middle pages of the file with noise (what a failing disk or share leaves behind)."""
    size = path.stat().st_size
    page = _page_size(path)
    noise = random.Random(7).randbytes(size)
    with path.open("r+b") as handle:
        for start in range(2 * page, size - page, page):
            handle.seek(start + 8)
            handle.write(noise[start:start + page // 2])
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def damage_index(path: Path) -> None:
    """Two indexes swapped: every page reads, but the indexes no longer match their table."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA writable_schema=ON")
        roots = dict(connection.execute(
            "SELECT name, rootpage FROM sqlite_master WHERE name IN "
            "('ix_audit_events_action', 'ix_audit_events_entity_entity_id')").fetchall())
        for name, other in (("ix_audit_events_action", "ix_audit_events_entity_entity_id"),
                            ("ix_audit_events_entity_entity_id", "ix_audit_events_action")):
            connection.execute("UPDATE sqlite_master SET rootpage = ? WHERE name = ?", (roots[other], name))
        connection.commit()
    finally:
        connection.close()


def damage_header(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.write(b"this is not sqlite at all")


@pytest.fixture
def desk(tmp_path: Path) -> tuple[Path, str]:
    """A set-up desk database with a hall, an admin and a backup in <data>/backups."""
    path = tmp_path / "desk.sqlite3"
    url = f"sqlite:///{path}"
    done = run(*SETUP, "--database", url, home=tmp_path, stdin="admin-pass-1\nadmin-pass-1\n")
    assert done.returncode == 0, done.stderr
    backup = tmp_path / "data" / "backups" / "desk-manual.sqlite3"
    assert run("db", "backup", str(backup), "--database", url, "--user", "admin", home=tmp_path,
               stdin="admin-pass-1\n").returncode == 0
    # Work after the backup, then the damage.
    db = Database(url)
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE halls SET phone = '0731-1234567'"))
    db.dispose()
    return path, url


def test_a_sound_file_and_a_new_file_pass(db: Database, tmp_path: Path) -> None:
    assert db.sqlite_path is not None
    check_sqlite_file(db.sqlite_path)
    check_sqlite_file(tmp_path / "not-yet-created.sqlite3")


@pytest.mark.parametrize("damage", [damage_pages, damage_index, damage_header], ids=["pages", "index", "header"])
def test_damage_is_found_at_start_and_names_the_newest_backup(desk: tuple[Path, str], tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch, damage) -> None:  # type: ignore[no-untyped-def]
    path, url = desk
    older = tmp_path / "data" / "backups" / "desk-older.sqlite3"
    older.write_bytes((tmp_path / "data" / "backups" / "desk-manual.sqlite3").read_bytes())
    os.utime(older, (1_000_000_000, 1_000_000_000))
    junk = tmp_path / "data" / "backups" / "not-a-backup.sqlite3"
    junk.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    damage(path)
    monkeypatch.setenv("INTAKE_DESK_HOME", str(tmp_path))
    with pytest.raises(DatabaseDamaged) as info:
        open_services(url)
    error = info.value
    assert error.backup == tmp_path / "data" / "backups" / "desk-manual.sqlite3"
    assert "intake-desk db restore" in str(error) and str(error.backup) in str(error)
    assert "\n" not in str(error) and " / " in str(error)
    if damage is damage_index:
        assert "missing from index" in error.problem


def test_the_command_line_says_what_to_do_and_the_restore_it_names_works(desk: tuple[Path, str],
                                                                        tmp_path: Path) -> None:
    path, url = desk
    damage_pages(path)
    refused = run("db", "current", "--database", url, home=tmp_path)
    assert refused.returncode == 1
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in refused.stderr
    assert "damaged" in lines[0] and "desk-manual.sqlite3" in lines[0]
    # Follow the advice literally.
    command = lines[0].split("restore the newest backup: ")[1]
    assert command.startswith("intake-desk db restore ")
    import shlex

    # The damaged file cannot be read, so the administrator signs in against the backup.
    restored = run(*shlex.split(command)[1:], "--yes", "--user", "admin", home=tmp_path, stdin="admin-pass-1\n")
    assert restored.returncode == 0, restored.stderr
    assert list(tmp_path.glob("desk-before-restore-*.sqlite3"))  # the damaged file is kept aside
    current = run("db", "current", "--database", url, home=tmp_path)
    assert current.returncode == 0, current.stderr
    verified = run("audit", "verify", "--database", url, home=tmp_path)
    assert verified.returncode == 0 and "intact" in verified.stdout
    db = Database(url)
    with db.engine.connect() as connection:
        assert connection.execute(text("SELECT name, phone FROM halls")).one() == ("月塘街道便民服务中心", "")
    db.dispose()


def test_without_a_backup_it_says_to_ask_the_administrator(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "alone" / "desk.sqlite3"
    url = f"sqlite:///{path}"
    assert run(*SETUP, "--database", url, home=tmp_path, stdin="admin-pass-1\nadmin-pass-1\n").returncode == 0
    damage_header(path)
    monkeypatch.setenv("INTAKE_DESK_HOME", str(tmp_path / "elsewhere"))
    assert newest_backup(path) is None
    with pytest.raises(DatabaseDamaged) as info:
        open_services(url)
    assert info.value.backup is None and "ask the administrator" in str(info.value)


def test_a_damaged_file_is_never_taken_as_a_backup(desk: tuple[Path, str], tmp_path: Path) -> None:
    path, url = desk
    damage_pages(path)
    refused = run("db", "restore", str(path), "--yes", "--database", f"sqlite:///{tmp_path / 'other.sqlite3'}",
                  home=tmp_path)
    assert refused.returncode == 1 and "not an Intake Desk backup" in refused.stderr


def test_damaged_is_a_database_error() -> None:
    assert issubclass(DatabaseDamaged, DatabaseError)


def test_large_files_get_the_quick_check_at_start_and_db_check_runs_the_full_one(
        desk: tuple[Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from intake_desk.store import integrity

    path, url = desk
    damage_index(path)
    monkeypatch.setattr(integrity, "FULL_CHECK_MAX_BYTES", 0)
    check_sqlite_file(path)  # quick_check reads every page but not index contents
    with pytest.raises(DatabaseDamaged):
        check_sqlite_file(path, full=True)
    checked = run("db", "check", "--database", url, home=tmp_path)
    assert checked.returncode == 1 and "missing from index" in checked.stderr


def test_db_check_on_a_sound_file(desk: tuple[Path, str], tmp_path: Path) -> None:
    _, url = desk
    checked = run("db", "check", "--database", url, home=tmp_path)
    assert checked.returncode == 0 and "sound" in checked.stdout


def test_very_large_files_get_a_header_check_at_start(desk: tuple[Path, str], tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Above the quick-check size only the header and schema are read at start: a file that is not a
    database is still refused at once, while damage deep inside is left to ``db check``."""
    from intake_desk.store import integrity

    path, url = desk
    monkeypatch.setattr(integrity, "FULL_CHECK_MAX_BYTES", 0)
    monkeypatch.setattr(integrity, "QUICK_CHECK_MAX_BYTES", 0)
    damage_index(path)
    check_sqlite_file(path)  # deep damage is not looked for at start on a very large file
    with pytest.raises(DatabaseDamaged):
        check_sqlite_file(path, full=True)
    damage_header(path)
    with pytest.raises(DatabaseDamaged):
        check_sqlite_file(path)


# -- a 0-byte file, and only this database's own backups ---------------------------------------------

def test_a_zero_byte_file_is_refused_like_a_damaged_one(desk: tuple[Path, str], tmp_path: Path) -> None:
    path, url = desk
    path.write_bytes(b"")  # truncated by a full disk or a bad copy
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    for command in (("audit", "verify"), ("db", "current"), ("db", "upgrade")):
        refused = run(*command, "--database", url, home=tmp_path)
        assert refused.returncode == 1, (command, refused.stdout)
        lines = refused.stderr.strip().splitlines()
        assert len(lines) == 1 and "0 bytes: the file is empty" in lines[0] and "intact" not in refused.stdout
        assert "desk-manual.sqlite3" in lines[0], "its own recorded backup is named"
    assert path.stat().st_size == 0, "nothing was migrated into it"
    # The advice works: restore over the empty file.
    restored = run("db", "restore", str(tmp_path / "data" / "backups" / "desk-manual.sqlite3"), "--yes",
                   "--database", url, home=tmp_path)
    assert restored.returncode == 0, restored.stderr
    assert run("audit", "verify", "--database", url, home=tmp_path).returncode == 0


def test_only_a_backup_recorded_for_this_database_is_offered(desk: tuple[Path, str], tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    path, url = desk
    backups = tmp_path / "data" / "backups"
    # Another hall's sound database beside it, and that hall's newer backup in the same backup folder.
    other = tmp_path / "other-hall.sqlite3"
    done = run(*SETUP, "--database", f"sqlite:///{other}", home=tmp_path, stdin="admin-pass-1\nadmin-pass-1\n")
    assert done.returncode == 0, done.stderr
    assert run("db", "backup", str(backups / "other-hall-newer.sqlite3"), "--database", f"sqlite:///{other}",
               "--user", "admin", home=tmp_path, stdin="admin-pass-1\n").returncode == 0
    # A plain copy of this database with no record (someone copied it by hand): not recorded, not offered.
    (backups / "copied-by-hand.sqlite3").write_bytes((backups / "desk-manual.sqlite3").read_bytes())
    for newer in (other, backups / "other-hall-newer.sqlite3", backups / "copied-by-hand.sqlite3"):
        os.utime(newer, None)
    os.utime(backups / "desk-manual.sqlite3", (1_000_000_000, 1_000_000_000))
    damage_header(path)
    monkeypatch.setenv("INTAKE_DESK_HOME", str(tmp_path))
    assert newest_backup(path) == backups / "desk-manual.sqlite3"
    assert newest_backup(other) == backups / "other-hall-newer.sqlite3"
    with pytest.raises(DatabaseDamaged) as info:
        open_services(url)
    assert info.value.backup == backups / "desk-manual.sqlite3"
    assert "other-hall" not in str(info.value) and "copied-by-hand" not in str(info.value)
