"""Engine and sessions for the shared database: one SQLite file by default, PostgreSQL when desks share.

SQLite runs in WAL mode with foreign keys on and ``synchronous=FULL``. Writing transactions start
with ``BEGIN IMMEDIATE`` so two desks never both read a counter and then both write it; reading
transactions start deferred and never wait for a writer.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from intake_desk import paths
from intake_desk.files import create_private_sqlite

log = logging.getLogger(__name__)

ENV_URL = "INTAKE_DESK_DATABASE_URL"
DEFAULT_FILE_NAME = "intake-desk.sqlite3"


class DatabaseError(Exception):
    """A database problem described in one sentence, Chinese then English."""


class DatabaseUnavailable(DatabaseError):
    """The database cannot be reached now (server down, network lost, file gone)."""


def default_url() -> str:
    return f"sqlite:///{paths.data_dir() / DEFAULT_FILE_NAME}"


def resolve_url(explicit: str | None = None) -> URL:
    """``--database`` wins, then ``INTAKE_DESK_DATABASE_URL``, then the per-user SQLite file.

    A plain file path is accepted as a SQLite database.
    """
    raw = explicit or os.environ.get(ENV_URL) or default_url()
    if "://" not in raw:
        raw = f"sqlite:///{Path(raw).expanduser().resolve()}"
    try:
        url = make_url(raw)
    except ArgumentError as exc:
        raise DatabaseError(f"数据库地址无法识别：{raw} / The database URL is not valid: {raw}") from exc
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise DatabaseError(
            f"只支持 SQLite 和 PostgreSQL 数据库：{url.get_backend_name()} / "
            f"Only SQLite and PostgreSQL are supported, not {url.get_backend_name()}"
        )
    return url


def describe_url(url: URL) -> str:
    """What to show a person: the file path, or server/database without any password."""
    if url.get_backend_name() == "sqlite":
        return url.database or ":memory:"
    port = f":{url.port}" if url.port else ""
    return f"{url.username or ''}@{url.host or 'localhost'}{port}/{url.database or ''}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # transactions are begun explicitly below
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    mode = "IMMEDIATE" if connection.get_execution_options().get("intake_write") else "DEFERRED"
    connection.exec_driver_sql(f"BEGIN {mode}")


class Database:
    """The one shared database of a hall or county, with read and write transactions."""

    def __init__(self, url: URL | str, *, echo: bool = False, **engine_args: Any) -> None:
        self.url = url if isinstance(url, URL) else resolve_url(url)
        self.is_sqlite = self.url.get_backend_name() == "sqlite"
        if self.is_sqlite and self.url.database and self.url.database != ":memory:" \
                and not self.url.database.startswith("file:"):
            # Owner-only from its first byte; its -wal and -shm files take the same mode.
            create_private_sqlite(Path(self.url.database))
        # hide_parameters: a failed statement's error text never carries the ID numbers or incomes it wrote
        args: dict[str, Any] = {"echo": echo, "future": True, "hide_parameters": True}
        if self.is_sqlite:
            args["connect_args"] = {"check_same_thread": False, "timeout": 30}
        else:
            args.update(pool_pre_ping=True, pool_size=5, max_overflow=5, connect_args={"connect_timeout": 5})
        args.update(engine_args)
        self.engine: Engine = create_engine(self.url, **args)
        if self.is_sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
            event.listen(self.engine, "begin", _sqlite_begin)
        self._write_engine = self.engine.execution_options(intake_write=True)
        self._writer = sessionmaker(bind=self._write_engine, expire_on_commit=False)
        self._reader = sessionmaker(bind=self.engine, expire_on_commit=False)

    # ----------------------------------------------------------------------------------------------
    @property
    def description(self) -> str:
        return describe_url(self.url)

    @property
    def sqlite_path(self) -> Path | None:
        if self.is_sqlite and self.url.database and self.url.database != ":memory:":
            return Path(self.url.database)
        return None

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A writing transaction: committed when the block ends, rolled back on any error."""
        with translate_errors(), self._writer() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A reading transaction (never commits anything)."""
        with translate_errors(), self._reader() as session:
            try:
                yield session
            finally:
                session.rollback()

    def ping(self) -> bool:
        """True when the database answers now."""
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            return True
        except (OperationalError, DBAPIError, OSError):
            return False

    def dispose(self) -> None:
        self.engine.dispose()


def is_connection_error(exc: BaseException) -> bool:
    """Whether an error means the database went away (as opposed to a bad statement)."""
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    if isinstance(exc, OperationalError):
        message = str(exc.orig).lower() if exc.orig is not None else str(exc).lower()
        markers = (
            "connection", "server closed", "terminating", "could not connect", "unable to open",
            "disk i/o", "no such file", "timeout", "shutdown", "connection refused", "readonly",
        )
        return any(marker in message for marker in markers)
    return False


@contextmanager
def translate_errors() -> Iterator[None]:
    """Turn a lost connection into ``DatabaseUnavailable`` with a sentence a clerk can act on."""
    try:
        yield
    except (OperationalError, DBAPIError) as exc:
        if is_connection_error(exc):
            log.warning("database unavailable: %s", type(exc).__name__)
            raise DatabaseUnavailable(
                "无法连接数据库，已保留您填写的内容，请稍后重试 / "
                "The database cannot be reached; what you typed is kept – try again shortly"
            ) from exc
        raise


PasswordPrompt = Callable[[str], str | None]
