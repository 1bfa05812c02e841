"""Files with personal data are owner-only from their first byte (0600, folders 0700), whatever the umask.

The in-process tests run under umask 022, so they pass only where the file is *created* 0600 (a
``chmod`` afterwards would still show 0600, which is why the database test also watches the file
while SQLite writes its -wal and -shm). The command-line test runs the real program.
"""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from intake_desk.files import create_private_sqlite, private_dir, private_temporary
from intake_desk.logs import PrivateRotatingFileHandler
from intake_desk.store import backup as backups
from intake_desk.store.db import Database
from intake_desk.store.migrate import upgrade

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def loose_umask() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_database_wal_shm_and_backups(tmp_path: Path, loose_umask: None) -> None:
    path = tmp_path / "hall" / "intake-desk.sqlite3"
    db = Database(f"sqlite:///{path}")
    assert mode(path) == 0o600 and mode(path.parent) == 0o700, "created owner-only, before anything is written"
    assert path.stat().st_size > 0, "a new database is never a 0-byte file"
    upgrade(db, backup_dir=tmp_path / "backups")
    with db.engine.connect() as connection:  # an open connection keeps the -wal and -shm files
        connection.execute(text("SELECT count(*) FROM halls")).scalar()
        for suffix in ("", "-wal", "-shm"):
            assert mode(Path(f"{path}{suffix}")) == 0o600, suffix
        copy = backups.backup(db, tmp_path / "copies" / "b.sqlite3")
    assert mode(copy) == 0o600 and mode(copy.parent) == 0o700
    safety = backups.restore(db, copy)
    assert safety is not None and mode(safety) == 0o600
    db.dispose()


def test_backup_refuses_to_overwrite(tmp_path: Path, db: Database) -> None:
    target = tmp_path / "b.sqlite3"
    target.write_bytes(b"someone else's file")
    with pytest.raises(Exception, match="already exists"):
        backups.backup(db, target)
    assert target.read_bytes() == b"someone else's file"


def test_pg_dump_backup_is_owner_only(pg_db: Database, tmp_path: Path, loose_umask: None) -> None:
    import shutil

    if shutil.which("pg_dump") is None:
        pytest.skip("pg_dump not installed")
    path = backups.backup(pg_db, tmp_path / "county.dump")
    assert path.stat().st_size > 0 and mode(path) == 0o600


def test_log_files_including_rotated_ones(tmp_path: Path, loose_umask: None) -> None:
    path = tmp_path / "logs" / "intake-desk.log"
    private_dir(path.parent)
    handler = PrivateRotatingFileHandler(path, maxBytes=200, backupCount=2, encoding="utf-8")
    logger = logging.getLogger("test_file_modes")
    logger.addHandler(handler)
    try:
        for i in range(20):
            logger.warning("line %d of a log that rotates", i)
    finally:
        logger.removeHandler(handler)
        handler.close()
    files = sorted(path.parent.iterdir())
    assert len(files) == 3, files
    assert all(mode(f) == 0o600 for f in files), {f.name: oct(mode(f)) for f in files}
    assert mode(path.parent) == 0o700


def test_drafts(tmp_path: Path, loose_umask: None, monkeypatch: pytest.MonkeyPatch) -> None:
    from intake_desk.ui.pages.intake import autosave

    monkeypatch.setenv("INTAKE_DESK_HOME", str(tmp_path / "home"))
    target = tmp_path / "home" / "data" / "drafts" / "clerk1-intake.json"
    seen: list[int] = []
    real_replace = os.replace

    def watch(source: str | Path, destination: str | Path) -> None:  # the mode before the file is in place
        seen.append(mode(Path(source)))
        real_replace(source, destination)

    monkeypatch.setattr(autosave.os, "replace", watch)
    autosave._write_local(target, {"members": [{"name": "张三"}]})
    assert seen == [0o600] and mode(target) == 0o600
    assert mode(target.parent) == 0o700 and mode(tmp_path / "home" / "data") == 0o700


def test_private_temporary_and_sqlite_helpers(tmp_path: Path, loose_umask: None) -> None:
    with private_temporary(tmp_path / "out.csv") as partial:
        assert mode(partial) == 0o600 and partial.parent == tmp_path
    assert not partial.exists()
    assert create_private_sqlite(tmp_path / "a.sqlite3") and mode(tmp_path / "a.sqlite3") == 0o600
    assert not create_private_sqlite(tmp_path / "a.sqlite3")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.sqlite3"], "no temporary file left"


def test_the_program_makes_owner_only_files(tmp_path: Path) -> None:
    """The real command line, started under umask 022: database, -wal/-shm, log, backup (exports:
    tests/integration/test_export_safety.py)."""
    home = tmp_path / "home"
    environment = {**os.environ, "INTAKE_DESK_HOME": str(home)}
    environment.pop("INTAKE_DESK_DATABASE_URL", None)

    def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "intake_desk", *args], input=stdin, capture_output=True,
                              text=True, env=environment, timeout=120, check=False,
                              preexec_fn=lambda: os.umask(0o022))

    done = run("setup", "--hall-code", "HT01", "--hall-name", "月塘街道便民服务中心", "--admin", "admin",
               stdin="admin-pass-1\nadmin-pass-1\n")
    assert done.returncode == 0, done.stderr
    data = home / "data"
    database = data / "intake-desk.sqlite3"
    assert mode(database) == 0o600 and mode(data) == 0o700
    log = data / "logs" / "intake-desk.log"
    assert log.exists() and mode(log) == 0o600 and mode(log.parent) == 0o700
    backup = tmp_path / "nightly.sqlite3"
    assert run("db", "backup", str(backup), "--user", "admin", stdin="admin-pass-1\n").returncode == 0
    assert mode(backup) == 0o600
    # While a program holds the database open, its -wal and -shm are owner-only too.
    db = Database(f"sqlite:///{database}")
    with db.engine.connect() as connection:
        connection.execute(text("SELECT count(*) FROM users")).scalar()
        assert {s: mode(Path(f"{database}{s}")) for s in ("-wal", "-shm")} == {"-wal": 0o600, "-shm": 0o600}
    db.dispose()
