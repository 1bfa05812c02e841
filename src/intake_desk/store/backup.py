"""Backups: SQLite with the online backup API, PostgreSQL with ``pg_dump`` where it is installed.

A restore refuses a file that is not a backup of this program, and keeps the database it replaces.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from intake_desk.files import create_private, private_dir
from intake_desk.store.db import Database, DatabaseError
from intake_desk.store.migrate import sqlite_backup

_REQUIRED_TABLES = {"alembic_version", "halls", "applications", "audit_events"}


def _not_a_backup(path: Path, why: str) -> DatabaseError:
    return DatabaseError(f"{path} 不是本程序的备份文件（{why}） / {path} is not an Intake Desk backup ({why})")


def _backup_into(source: Path, target: Path) -> None:
    source_connection = sqlite3.connect(source)
    target_connection = sqlite3.connect(target)
    try:
        source_connection.backup(target_connection)
    finally:
        source_connection.close()
        target_connection.close()


def _copy_files(live: Path, copy: Path) -> None:
    for suffix in ("", "-wal"):
        if Path(f"{live}{suffix}").exists():
            with open(f"{live}{suffix}", "rb") as source, create_private(Path(f"{copy}{suffix}")) as target:
                shutil.copyfileobj(source, target)


def check_sqlite_backup(path: Path) -> None:
    if not path.is_file():
        raise DatabaseError(f"找不到备份文件 {path} / No backup file at {path}")
    with path.open("rb") as handle:
        if handle.read(16) != b"SQLite format 3\x00":
            raise _not_a_backup(path, "不是 SQLite 文件 / not a SQLite file")
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if connection.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise _not_a_backup(path, "文件已损坏 / the file is damaged")
    except sqlite3.DatabaseError as exc:
        raise _not_a_backup(path, "无法读取 / unreadable") from exc
    finally:
        connection.close()
    missing = _REQUIRED_TABLES - tables
    if missing:
        raise _not_a_backup(path, "缺少数据表 / tables missing: " + ", ".join(sorted(missing)))


def _pg_args(db: Database) -> tuple[list[str], dict[str, str]]:
    url = db.url
    args = ["--host", url.host or "localhost", "--port", str(url.port or 5432),
            "--username", url.username or "postgres", "--dbname", url.database or ""]
    env = {"PGPASSWORD": str(url.password)} if url.password else {}
    return args, env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise DatabaseError(f"本机未安装 {name}，无法备份/恢复 PostgreSQL / {name} is not installed here")
    return found


pg_tool = _tool


def backup(db: Database, target: str | Path) -> Path:
    path = Path(target).expanduser().resolve()
    if db.is_sqlite:
        return sqlite_backup(db, path)
    import os

    args, env = _pg_args(db)
    private_dir(path.parent)
    create_private(path, exclusive=False).close()  # pg_dump writes into the owner-only file
    done = subprocess.run([_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(path), *args],
                          env={**os.environ, **env}, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        path.unlink(missing_ok=True)
        raise DatabaseError(f"pg_dump 失败 / pg_dump failed: {done.stderr.strip().splitlines()[-1:]}")
    return path


def restore(db: Database, source: str | Path) -> Path | None:
    """Replace the database's content with a backup; returns where the replaced database was kept."""
    path = Path(source).expanduser().resolve()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    if db.is_sqlite:
        check_sqlite_backup(path)
        live = db.sqlite_path
        if live is None:
            raise DatabaseError("内存数据库不能恢复 / An in-memory database cannot be restored")
        safety = None
        if live.exists():
            safety = live.with_name(f"{live.stem}-before-restore-{stamp}.sqlite3")
            try:
                sqlite_backup(db, safety)
            except sqlite3.DatabaseError:  # a damaged file: keep its bytes as they are
                _copy_files(live, safety)
        db.dispose()
        try:
            _backup_into(path, live)
        except sqlite3.DatabaseError:
            # The damaged file cannot take pages: replace it (its copy was kept above). Its -wal and
            # -shm go too, or SQLite would replay a journal of the old file onto the restored one.
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{live}{suffix}").unlink(missing_ok=True)
            _backup_into(path, live)
        return safety
    import os

    if not path.is_file():
        raise DatabaseError(f"找不到备份文件 {path} / No backup file at {path}")
    listing = subprocess.run([_tool("pg_restore"), "--list", str(path)], capture_output=True, text=True, check=False)
    if listing.returncode != 0 or not all(f"TABLE public {t} " in listing.stdout or f"TABLE public {t}\n" in listing.stdout
                                          for t in ("halls", "applications", "audit_events")):
        raise _not_a_backup(path, "不是 pg_dump 自定义格式或缺少数据表 / not a pg_dump archive of this program")
    args, env = _pg_args(db)
    safety = Path(f"{path.parent}/{db.url.database}-before-restore-{stamp}.dump")
    backup(db, safety)
    db.dispose()
    done = subprocess.run([_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction",
                           *args, str(path)], env={**os.environ, **env}, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise DatabaseError(f"pg_restore 失败 / pg_restore failed: {done.stderr.strip().splitlines()[-1:]}")
    return safety
