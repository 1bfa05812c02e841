"""Migrations at start-up: create a new database, upgrade an older one (backed up first: a copy of a
SQLite file, ``pg_dump`` of a PostgreSQL database where it is installed), refuse one written by a
newer program.
"""

from __future__ import annotations

import logging
import sqlite3
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from intake_desk import paths
from intake_desk.files import create_private, private_dir
from intake_desk.store.backup_records import record_backup
from intake_desk.store.db import Database, DatabaseError

log = logging.getLogger(__name__)


class DatabaseTooNew(DatabaseError):
    """The database was written by a newer version of the program."""


@dataclass(frozen=True)
class UpgradeResult:
    before: str | None
    after: str
    backup: Path | None

    @property
    def changed(self) -> bool:
        return self.before != self.after


def alembic_config(db: Database | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(paths.migrations_dir()))
    if db is not None:
        config.set_main_option("sqlalchemy.url", db.url.render_as_string(hide_password=False).replace("%", "%%"))
    return config


def script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = script_directory().get_current_head()
    if head is None:
        raise DatabaseError("程序缺少数据库迁移脚本 / The program has no migration scripts")
    return head


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _known(revision: str) -> bool:
    return any(script.revision == revision for script in script_directory().walk_revisions())


def sqlite_backup(db: Database, target: Path) -> Path:
    """Copy a live SQLite database with the online backup API (safe while others read it)."""
    source_path = db.sqlite_path
    if source_path is None:
        raise DatabaseError("只能备份 SQLite 数据库文件 / Only a SQLite file can be backed up this way")
    private_dir(target.parent)
    if target.exists():
        raise DatabaseError(f"备份文件已存在，未覆盖：{target} / The backup file already exists and was not "
                            f"overwritten: {target}")
    create_private(target).close()  # owner-only before the first page is copied into it
    source = sqlite3.connect(source_path)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    record_backup(target, source_path)
    return target


def upgrade(db: Database, *, backup_dir: Path | None = None) -> UpgradeResult:
    """Bring the database to the head revision; back up an older SQLite file first."""
    head = head_revision()
    before = current_revision(db)
    if before == head:
        return UpgradeResult(before, head, None)
    if before is not None and not _known(before):
        raise DatabaseTooNew(
            f"数据库版本（{before}）比本程序新，请升级程序后再打开 / "
            f"The database (revision {before}) was written by a newer Intake Desk; install the newer program"
        )
    backup: Path | None = None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    folder = backup_dir or (paths.data_dir() / "backups")
    if before is not None and db.sqlite_path is not None and db.sqlite_path.exists():
        backup = sqlite_backup(db, folder / f"{db.sqlite_path.stem}-before-{head}-{stamp}.sqlite3")
        log.info("database backed up before migration to %s", backup)
    elif before is not None and not db.is_sqlite:
        backup = _pg_backup_before(db, folder / f"{db.url.database}-before-{head}-{stamp}.dump")
    with db.engine.begin() as connection:
        config = alembic_config(db)
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    _refresh_statistics(db)
    log.info("database upgraded from %s to %s", before, head)
    return UpgradeResult(before, head, backup)


def _refresh_statistics(db: Database) -> None:
    """New indexes are only chosen well with fresh statistics (a stale plan took 934 ms instead of 1.4 ms)."""
    with db.engine.begin() as connection:
        if db.is_sqlite:
            # A sampled ANALYZE: milliseconds even on a multi-gigabyte file, and enough for the planner.
            connection.exec_driver_sql("PRAGMA analysis_limit=2000")
            connection.exec_driver_sql("ANALYZE")
        else:
            connection.exec_driver_sql("ANALYZE")


def _pg_backup_before(db: Database, target: Path) -> Path | None:
    """``pg_dump`` of a shared database before it is upgraded (None, and a log line, without pg_dump)."""
    import shutil

    from intake_desk.store.backup import backup as dump

    if shutil.which("pg_dump") is None:
        log.warning("pg_dump not installed: %s upgraded without a backup taken here", db.description)
        return None
    try:
        path = dump(db, target)
    except DatabaseError as exc:
        raise DatabaseError(
            f"升级前的备份失败，数据库未升级：{exc} / The backup before the upgrade failed, so nothing was "
            f"upgraded: {exc}"
        ) from exc
    log.info("database backed up before migration to %s", path)
    return path


def downgrade(db: Database, revision: str) -> None:
    with db.engine.begin() as connection:
        config = alembic_config(db)
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def _main(argv: list[str]) -> int:
    """Developer entry: ``python -m intake_desk.store.migrate revision "message"``."""
    if len(argv) >= 3 and argv[1] == "revision":
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            db = Database(f"sqlite:///{folder}/autogen.sqlite3")
            upgrade(db, backup_dir=Path(folder))
            config = alembic_config(db)
            with db.engine.begin() as connection:
                config.attributes["connection"] = connection
                command.revision(config, message=argv[2], autogenerate=True,
                                 version_path=str(paths.migrations_dir() / "versions"))
        return 0
    print(_main.__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(_main(sys.argv))
