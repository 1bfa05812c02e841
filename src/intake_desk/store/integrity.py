"""A damaged SQLite file is found at start, before anything reads or writes it.

``PRAGMA integrity_check`` runs on a plain ``sqlite3`` connection (the engine's own start-up pragmas
would already fail on a damaged file). A damaged file raises :class:`DatabaseDamaged`, whose one
sentence names the newest usable backup and the command that restores it.

The full check reads every index against its table: about 0.5 s for a 22 MB file and 5 s for
150 MB (1,000,000 people) here. Above :data:`FULL_CHECK_MAX_BYTES` the start runs
``PRAGMA quick_check`` instead (every page and record, not index contents; 0.2 s for 150 MB, but
17 s for a 3.4 GB county-sized file). Above :data:`QUICK_CHECK_MAX_BYTES` the start only reads the
file header and the schema (milliseconds), which finds a file that is not a database or whose first
pages are gone; ``intake-desk db check`` runs the full check, e.g. at night.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from urllib.parse import quote

from intake_desk import paths
from intake_desk.store.backup_records import recorded_source
from intake_desk.store.db import Database, DatabaseError, DatabaseUnavailable

log = logging.getLogger(__name__)

__all__ = ["DatabaseDamaged", "backup_folders", "check_sqlite_file", "newest_backup", "restore_command"]

_MAX_PROBLEMS = 3
FULL_CHECK_MAX_BYTES = 32 * 1024 * 1024
QUICK_CHECK_MAX_BYTES = 512 * 1024 * 1024
_HEADER_CHECK = "header"


class DatabaseDamaged(DatabaseError):
    """The SQLite file fails its integrity check; ``backup`` is the newest usable backup, if any."""

    def __init__(self, path: Path, problem: str, backup: Path | None) -> None:
        self.path = path
        self.problem = problem
        self.backup = backup
        if backup is not None:
            command = restore_command(backup, path)
            advice_zh = f"请关闭所有窗口后用最新备份恢复：{command}"
            advice_en = f"close every window and restore the newest backup: {command}"
        else:
            folders = "、".join(str(f) for f in backup_folders(path))
            advice_zh = f"在 {folders} 中没有找到可用的备份，请联系管理员"
            advice_en = f"no usable backup was found in {', '.join(str(f) for f in backup_folders(path))}; " \
                        f"ask the administrator"
        super().__init__(
            f"数据库文件 {path} 已损坏（{problem}），{advice_zh} / "
            f"The database file {path} is damaged ({problem}); {advice_en}"
        )


def restore_command(backup: Path, database: Path) -> str:
    return f'intake-desk db restore "{backup}" --database "{database}"'


def backup_folders(database: Path) -> list[Path]:
    """Where backups of ``database`` are looked for: the program's backup folder and the file's own folder."""
    folders = [paths.data_dir() / "backups", database.parent / "backups", database.parent]
    unique: list[Path] = []
    for folder in folders:
        if folder not in unique:
            unique.append(folder)
    return unique


def _problems(path: Path, pragma: str) -> str | None:
    """None when the file is sound, else what the check (or opening the file) reported."""
    try:
        connection = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, timeout=30)
    except sqlite3.OperationalError as exc:
        raise DatabaseUnavailable(
            f"无法打开数据库文件 {path}（{exc}），请检查共享盘或网络 / "
            f"The database file {path} cannot be opened ({exc}); check the shared drive or network"
        ) from exc
    try:
        if pragma == _HEADER_CHECK:
            # Reading the schema touches the header and the schema pages; the tables need not be scanned.
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
            rows = [("ok",)]
        else:
            rows = connection.execute(f"PRAGMA {pragma}").fetchmany(_MAX_PROBLEMS)
    except sqlite3.OperationalError as exc:
        if "malformed" in str(exc) or "corrupt" in str(exc):
            return str(exc)
        raise DatabaseUnavailable(
            f"无法读取数据库文件 {path}（{exc}） / The database file {path} cannot be read ({exc})"
        ) from exc
    except sqlite3.DatabaseError as exc:  # "file is not a database", "database disk image is malformed"
        return str(exc)
    finally:
        connection.close()
    messages = [str(row[0]) for row in rows]
    if messages == ["ok"]:
        return None
    return "; ".join(m.replace("\n", " ") for m in messages)[:300]


def newest_backup(database: Path) -> Path | None:
    """The newest file in the backup folders that is a sound backup recorded as taken of ``database``."""
    from intake_desk.store.backup import check_sqlite_backup

    this = database.resolve()
    candidates: list[Path] = []
    for folder in backup_folders(database):
        if folder.is_dir():
            candidates.extend(p for p in folder.iterdir()
                              if p.is_file() and p.suffix in (".sqlite3", ".sqlite", ".db", ".bak")
                              and p.resolve() != this and recorded_source(p) == this)
    for candidate in sorted(candidates, key=lambda p: p.stat().st_mtime, reverse=True):
        try:
            check_sqlite_backup(candidate)
        except DatabaseError:
            continue
        return candidate
    return None


def check_sqlite_file(path: Path, *, full: bool | None = None) -> None:
    """Raise :class:`DatabaseDamaged` when the file at ``path`` fails ``PRAGMA integrity_check``.

    ``full=None`` chooses by size (see :data:`FULL_CHECK_MAX_BYTES`). A file that does not exist yet
    is fine (it is created on first start); a 0-byte file is damaged (a new one always has a header).
    """
    if not path.exists():
        return
    size = path.stat().st_size
    if size == 0:  # the program never makes an empty file (files.create_private_sqlite): it was truncated
        backup = newest_backup(path)
        log.error("database file %s is empty (0 bytes); newest backup: %s", path, backup)
        raise DatabaseDamaged(path, "0 bytes: the file is empty", backup)
    if full is None:
        full = size <= FULL_CHECK_MAX_BYTES
    if full:
        check = "integrity_check"
    elif size <= QUICK_CHECK_MAX_BYTES:
        check = "quick_check"
    else:
        check = _HEADER_CHECK
        log.info("%s is %d MB: only its header is checked at start; 'intake-desk db check' runs the full check",
                 path, size // (1024 * 1024))
    problem = _problems(path, check)
    if problem is None:
        return
    backup = newest_backup(path)
    log.error("database file %s failed its integrity check: %s (newest backup: %s)", path, problem, backup)
    raise DatabaseDamaged(path, problem, backup)


def check_database(db: Database, *, full: bool | None = None) -> None:
    """The start-up check: SQLite files only (PostgreSQL looks after its own pages)."""
    if db.sqlite_path is not None:
        check_sqlite_file(db.sqlite_path, full=full)
