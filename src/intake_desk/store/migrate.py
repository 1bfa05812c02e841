"""Migrations at start-up: create a new database, upgrade an older one (backed up first: a copy of a
SQLite file, ``pg_dump`` of a PostgreSQL database where it is installed), refuse one written by a
newer program.

A database already at the head costs one small query at start-up: its revision is read from the
``alembic_version`` table and compared with the head named by the shipped revision files, and Alembic
itself (with Mako and its DDL modules) is only imported when there is something to upgrade.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.exc import SQLAlchemyError

from intake_desk import paths
from intake_desk.files import create_private, private_dir
from intake_desk.store.backup_records import record_backup
from intake_desk.store.db import Database, DatabaseError

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

log = logging.getLogger(__name__)

VERSION_TABLE = "alembic_version"
# A revision file's module-level ``revision = "…"`` and ``down_revision = …`` (None, a name, or a tuple).
_REVISION_LINE = re.compile(r"""^revision\s*(?::[^=\n]*)?=\s*(['"])([^'"]+)\1""", re.MULTILINE)
_DOWN_REVISION_LINE = re.compile(r"^down_revision\s*(?::[^=\n]*)?=(.*)$", re.MULTILINE)
_QUOTED = re.compile(r"""(['"])([^'"]+)\1""")


class DatabaseTooNew(DatabaseError):
    """The database was written by a newer version of the program."""


class UpgradeNeedsOwner(DatabaseError):
    """The schema is older than the program's and this login (a desk login) may not change it."""


NEEDS_OWNER_MESSAGE = (
    "数据库需要升级：请管理员以数据库所有者的登录运行 intake-desk db upgrade / The database needs an upgrade: "
    "the administrator runs intake-desk db upgrade with the owner's login"
)


def _may_change_schema(db: Database) -> bool:
    """Whether this login may migrate the schema: SQLite, the owner of the program's tables, a superuser."""
    if db.is_sqlite:
        return True
    from intake_desk.store.roles import login_kind

    return login_kind(db).too_powerful


def _is_permission_error(exc: BaseException) -> bool:
    orig = getattr(exc, "orig", None)
    return getattr(orig, "sqlstate", None) == "42501" or "permission denied" in str(orig or exc).lower()


@dataclass(frozen=True)
class UpgradeResult:
    before: str | None
    after: str
    backup: Path | None

    @property
    def changed(self) -> bool:
        return self.before != self.after


def alembic_config(db: Database | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(paths.migrations_dir()))
    if db is not None:
        config.set_main_option("sqlalchemy.url", db.url.render_as_string(hide_password=False).replace("%", "%%"))
    return config


def script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = script_directory().get_current_head()
    if head is None:
        raise DatabaseError("程序缺少数据库迁移脚本 / The program has no migration scripts")
    return head


def current_revision(db: Database) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def shipped_head(versions: Path | None = None) -> str | None:
    """The head revision named by the shipped revision files, read as text (no Alembic import).

    None when the files do not say it plainly (a file without a readable ``revision``, several heads):
    the caller then asks Alembic itself.
    """
    folder = versions or paths.migrations_dir() / "versions"
    revisions: set[str] = set()
    parents: set[str] = set()
    try:
        files = sorted(folder.glob("*.py"))
        for file in files:
            source = file.read_text(encoding="utf-8")
            revision = _REVISION_LINE.search(source)
            down = _DOWN_REVISION_LINE.search(source)
            if revision is None or down is None:
                return None
            revisions.add(revision.group(2))
            parents.update(match.group(2) for match in _QUOTED.finditer(down.group(1)))
    except OSError:
        return None
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def recorded_revision(db: Database) -> tuple[str | None, bool]:
    """The revision the database records in ``alembic_version`` (None for a new database), and whether
    it was read plainly (False: several rows, which only Alembic interprets)."""
    with db.engine.connect() as connection:
        if not inspect(connection).has_table(VERSION_TABLE):
            return None, True
        rows = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
    if len(rows) > 1:
        return None, False
    return (rows[0] if rows else None), True


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
    shipped = shipped_head()
    recorded, plain = recorded_revision(db)
    if shipped is not None and plain and recorded == shipped:
        return UpgradeResult(recorded, shipped, None)  # the usual start: nothing to do, Alembic not loaded
    head = head_revision()
    before = current_revision(db)
    if before == head:
        return UpgradeResult(before, head, None)
    if before is not None and not _known(before):
        raise DatabaseTooNew(
            f"数据库版本（{before}）比本程序新，请升级程序后再打开 / "
            f"The database (revision {before}) was written by a newer Intake Desk; install the newer program"
        )
    if before is not None and not _may_change_schema(db):
        log.warning("%s needs an upgrade from %s and this login may not change the schema", db.description, before)
        raise UpgradeNeedsOwner(NEEDS_OWNER_MESSAGE)
    backup: Path | None = None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    folder = backup_dir or (paths.data_dir() / "backups")
    if before is not None and db.sqlite_path is not None and db.sqlite_path.exists():
        backup = sqlite_backup(db, folder / f"{db.sqlite_path.stem}-before-{head}-{stamp}.sqlite3")
        log.info("database backed up before migration to %s", backup)
    elif before is not None and not db.is_sqlite:
        backup = _pg_backup_before(db, folder / f"{db.url.database}-before-{head}-{stamp}.dump")
    from alembic import command

    try:
        with db.engine.begin() as connection:
            config = alembic_config(db)
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except SQLAlchemyError as exc:
        if not _is_permission_error(exc):
            raise
        log.warning("upgrade of %s refused: %s", db.description, " ".join(str(getattr(exc, "orig", None) or exc).split()))
        raise UpgradeNeedsOwner(NEEDS_OWNER_MESSAGE) from exc
    _refresh_statistics(db)
    log.info("database upgraded from %s to %s", before, head)
    return UpgradeResult(before, head, backup)


# The tables of the schema that hold any page (PostgreSQL).
_TABLES_WITH_PAGES = ("SELECT c.oid::regclass::text FROM pg_class c WHERE c.relkind = 'r' "
                      "AND c.relnamespace = current_schema()::regnamespace AND pg_relation_size(c.oid) > 0 "
                      "ORDER BY 1")


def _refresh_statistics(db: Database) -> None:
    """New indexes are only chosen well with fresh statistics (a stale plan took 934 ms instead of 1.4 ms).

    On PostgreSQL only the tables that hold rows are analysed. An empty table analysed is known to the
    planner as empty, so every statement a connection prepares on it – its inserts' foreign-key checks
    too – is planned as a scan of the whole table, and a connection keeps that plan while the table grows
    (a new database, its first thousand intakes: each submit scanned ``applications`` eleven times). A
    table never analysed is taken to be ten pages until autovacuum analyses it, and its key is looked up
    by its index."""
    with db.engine.begin() as connection:
        if db.is_sqlite:
            # A sampled ANALYZE: milliseconds even on a multi-gigabyte file, and enough for the planner.
            connection.exec_driver_sql("PRAGMA analysis_limit=2000")
            connection.exec_driver_sql("ANALYZE")
        else:
            tables = [name for (name,) in connection.exec_driver_sql(_TABLES_WITH_PAGES)]
            if tables:
                connection.exec_driver_sql(f"ANALYZE {', '.join(tables)}")


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
    from alembic import command

    with db.engine.begin() as connection:
        config = alembic_config(db)
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def _main(argv: list[str]) -> int:
    """Developer entry: ``python -m intake_desk.store.migrate revision "message"``."""
    if len(argv) >= 3 and argv[1] == "revision":
        import tempfile

        from alembic import command

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
