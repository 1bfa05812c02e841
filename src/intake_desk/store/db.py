"""Engine and sessions for the shared database: one SQLite file by default, PostgreSQL when desks share.

SQLite runs in WAL mode with foreign keys on and ``synchronous=FULL``. Writing transactions start
with ``BEGIN IMMEDIATE`` so two desks never both read a counter and then both write it; reading
transactions start deferred and never wait for a writer.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
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
from intake_desk.store.errors import DatabaseBusy as DatabaseBusy  # re-exported: the store's errors
from intake_desk.store.errors import DatabaseError as DatabaseError
from intake_desk.store.errors import DatabaseServerFull as DatabaseServerFull
from intake_desk.store.errors import DatabaseUnavailable as DatabaseUnavailable
from intake_desk.store.pool import (
    SERVER_LOAD_SQL,
    ReleasingPool,
    connect_retrying,
    idle_seconds_from_environment,
    is_server_full,
)

log = logging.getLogger(__name__)

ENV_URL = "INTAKE_DESK_DATABASE_URL"
DEFAULT_FILE_NAME = "intake-desk.sqlite3"


SERVER_FULL_MESSAGE = (
    "服务器连接已满，已保留您填写的内容，请稍后重试 / "
    "The database server has no free connections; what you typed is kept – try again in a moment"
)


class DatabaseFull(DatabaseError):
    """The disk (or the database's size limit) is full: the change was rolled back, nothing saved."""


FULL_MESSAGE = ("磁盘已满，刚才的操作没有保存（数据库未作任何改动），已填写的内容仍保留；请腾出磁盘空间后重试 / "
                "The disk is full: this change was not saved (the database is unchanged) and what you typed is "
                "kept; free some disk space and try again")


def is_disk_full(exc: BaseException) -> bool:
    """SQLite's SQLITE_FULL ("database or disk is full") or PostgreSQL's disk_full (53100)."""
    orig = getattr(exc, "orig", None)
    if getattr(orig, "sqlstate", None) == "53100" or getattr(orig, "sqlite_errorname", None) == "SQLITE_FULL":
        return True
    message = str(orig if orig is not None else exc).lower()
    return "database or disk is full" in message or "no space left on device" in message


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
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


BUSY_TIMEOUT_MS = 30_000


def _sqlite_execute(connection: Any, raw: Any, statement: str) -> None:
    """``statement`` straight to the driver, seen by the engine's statement hooks and failing as SQLAlchemy
    would fail it (``OperationalError`` …): for the ``BEGIN`` of every transaction, where SQLAlchemy's own
    way round a statement costs as much as SQLite's work."""
    cursor = raw.cursor()
    try:
        connection.dispatch.before_cursor_execute(connection, cursor, statement, (), None, False)
        cursor.execute(statement)
    except sqlite3.Error as exc:
        raise DBAPIError.instance(statement, None, exc, sqlite3.Error, hide_parameters=True,
                                  dialect=connection.dialect) from exc
    finally:
        cursor.close()


def _sqlite_begin(connection: Any) -> None:
    options = connection.get_execution_options()
    statement = "BEGIN IMMEDIATE" if options.get("intake_write") else "BEGIN DEFERRED"
    raw = connection.connection.dbapi_connection
    if not options.get("intake_no_wait"):
        _sqlite_execute(connection, raw, statement)
        return
    # Taken at once or not at all: a writer elsewhere holds the lock, and the caller waits for it off the
    # GUI thread instead (ui/worker.py). Once begun, the rest of the transaction never waits for a writer.
    raw.execute("PRAGMA busy_timeout=0")
    try:
        _sqlite_execute(connection, raw, statement)
    except OperationalError as exc:
        if getattr(exc.orig, "sqlite_errorname", "") not in ("SQLITE_BUSY", "SQLITE_LOCKED") \
                and "locked" not in str(exc.orig).lower():
            raise
        raise DatabaseBusy("数据库正被另一程序写入 / Another program is writing the database") from exc
    finally:
        raw.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


class Database:
    """The one shared database of a hall or county, with read and write transactions.

    On PostgreSQL a ``Database`` (one per window) keeps one connection while it works and closes it
    after ``idle_seconds`` without work (``INTAKE_DESK_IDLE_RELEASE_SECONDS``, 60 s by default; after
    ``busy_idle_seconds``, by default at once, while the server is more than half full); the next
    call reconnects. :meth:`warm_up` opens it ahead of need, off the clerk's path, so that the call the
    clerk waits for finds it open. A kept connection is not pinged before each use: each transaction
    begins with its first round trip, and one that finds the connection dropped is begun once more on
    a new connection (nothing of the transaction has run yet).
    Prepared statements are off, so PgBouncer in transaction mode can sit between the windows and the
    server (see ``store/pool.py``).
    """

    def __init__(self, url: URL | str, *, echo: bool = False, idle_seconds: float | None = None,
                 busy_idle_seconds: float | None = None, **engine_args: Any) -> None:
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
            # One connection kept; overlapping work (a status check during a submit) borrows up to four
            # more, closed as soon as they are returned. Server-side prepared statements only on a
            # connection that reaches the server itself (_prepare_when_direct): PgBouncer in transaction
            # mode hands each transaction to whichever server connection is free.
            args.update(poolclass=ReleasingPool, pool_pre_ping=False, pool_size=1, max_overflow=4,
                        connect_args={"connect_timeout": 5, "prepare_threshold": None})
        args.update(engine_args)
        self.engine: Engine = create_engine(self.url, **args)
        if self.is_sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
            event.listen(self.engine, "begin", _sqlite_begin)
        else:
            event.listen(self.engine, "do_connect", _connect_retrying)
            event.listen(self.engine, "connect", self._first_round_trip)
        if isinstance(self.engine.pool, ReleasingPool):
            self.engine.pool.idle_seconds = idle_seconds_from_environment() if idle_seconds is None else idle_seconds
            if busy_idle_seconds is not None:
                self.engine.pool.busy_idle_seconds = busy_idle_seconds
        self._write_engine = self.engine.execution_options(intake_write=True)
        self._writer = sessionmaker(bind=self._write_engine, expire_on_commit=False)
        self._writer_now = sessionmaker(bind=self.engine.execution_options(intake_write=True, intake_no_wait=True),
                                        expire_on_commit=False)
        self._reader = sessionmaker(bind=self.engine, expire_on_commit=False)
        #: When the server last answered this ``Database``'s own work (monotonic clock; 0: not yet).
        self.answered_at = 0.0

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
    def transaction(self, *, wait: bool = True) -> Iterator[Session]:
        """A writing transaction: committed when the block ends, rolled back on any error.

        ``wait=False`` (SQLite): when another connection holds the write lock, raise
        :class:`DatabaseBusy` at once instead of waiting up to ``BUSY_TIMEOUT_MS`` for it; nothing has
        been written then. On a server it changes nothing."""
        with translate_errors():
            factory = self._writer if wait or not self.is_sqlite else self._writer_now
            session, begun = self._begin(factory, write=True)
            with session, begun:
                yield session

    @contextmanager
    def reading(self, *, isolation_level: str | None = None) -> Iterator[Session]:
        """A reading transaction (never commits anything); ``isolation_level`` on a server only
        (``"REPEATABLE READ"``: one snapshot from its first statement to its end)."""
        with translate_errors():
            options = {"isolation_level": isolation_level} if isolation_level and not self.is_sqlite else None
            session, _ = self._begin(self._reader, write=False, options=options)
            with session:
                try:
                    yield session
                finally:
                    session.rollback()

    def _begin(self, factory: sessionmaker[Session], *, write: bool,
               options: dict[str, Any] | None = None) -> tuple[Session, Any]:
        """A session with its transaction begun; on a server, its first round trip already made.

        SQLite begins lazily as before. On a server the connection is taken now and the transaction's
        first statement sent (the account's re-check, or ``SELECT 1`` when the call has no account): a
        connection the server dropped since its last use (a restart, an administrator, a PgBouncer
        reload) shows here, before anything of the caller's has run, and the transaction is begun once
        more on a new connection – instead of checking every connection with a round trip of its own
        before each use.
        """
        for attempt in (1, 2):
            session = factory()
            try:
                begun = session.begin() if write else None
                if not self.is_sqlite:
                    connection = session.connection(execution_options=options)
                    if _nothing_sent(connection):
                        connection.exec_driver_sql("SELECT 1")
                    self.answered_at = time.monotonic()
                return session, begun
            except DBAPIError as exc:
                session.close()
                if attempt == 2 or not exc.connection_invalidated:
                    raise
                log.info("database connection dropped since its last use; beginning again on a new one")
            except BaseException:
                session.close()
                raise
        raise AssertionError("unreachable")  # pragma: no cover

    def warm_up(self) -> bool:
        """Open this window's connection ahead of need; True when one is open afterwards.

        Called off the GUI thread when the clerk begins work that ends in a call they wait for – an
        intake begun or looked up, the review step reached – so that the submit finds the connection open
        and its server process warm. A new connection asks the server how full it is when it opens and
        reads nothing from every table (``LIMIT 0``), so the server process has the tables' descriptions
        cached before the submit; a kept one answers how full the server is (or ``SELECT 1`` when the window
        learnt that lately). The connection is then kept as after any work (``idle_seconds``). While the
        server is more than half full nothing is opened ahead, not even for the review step: there the connections kept
        between calls are what runs out (a window's submit then opens its own, as every call does on a
        busy server), and a connection held for a submit seconds away is one another window's call waits
        for. SQLite: nothing to do.
        """
        pool = self.engine.pool
        if self.is_sqlite or not isinstance(pool, ReleasingPool):
            return False
        if pool.server_busy:
            return pool.held() > 0
        with translate_errors(), self.engine.connect() as connection:
            info = connection.connection.info
            if info.get(_WARMED):
                if pool.load_stale():
                    used, slots = connection.exec_driver_sql(SERVER_LOAD_SQL).one()
                    pool.note_server_load(int(used), int(slots))
                else:
                    connection.exec_driver_sql("SELECT 1")
            else:
                _warm_server_process(connection)
                info[_WARMED] = True
            connection.rollback()
            self.answered_at = time.monotonic()
            pool.hold_ahead()  # before the connection goes back: a server found busy meanwhile lets go at once
        return pool.held() > 0

    def ping(self) -> bool:
        """True when the database answers now (a full server answers too)."""
        return self.reachability() != "unreachable"

    def reachability(self, *, answered_within: float | None = None) -> str:
        """``"ok"``, ``"full"`` (the server answers that it has no free connection) or ``"unreachable"``.

        On a server this never holds a connection: it opens one of its own, asks, and closes it, so a
        status bar asking every few seconds neither keeps the window's connection alive nor counts as work.
        Once per idle time it also asks how full the server is (``store/pool.py``), off the clerk's path.
        ``answered_within`` (seconds): when the server answered this window's own work that recently, that
        answer stands and no connection is opened – 300 windows checking every half minute would
        otherwise start some ten server processes a second just to be told what their work already showed.
        """
        if (answered_within is not None and not self.is_sqlite and self.answered_at
                and time.monotonic() - self.answered_at < answered_within):
            return "ok"
        try:
            if self.is_sqlite:
                with self.engine.connect() as connection:
                    connection.execute(text("SELECT 1"))
                return "ok"
            cargs, cparams = self.engine.dialect.create_connect_args(self.url)
            probe = self.engine.dialect.connect(*cargs, **{**cparams, "connect_timeout": 5})
            try:
                pool = self.engine.pool
                if isinstance(pool, ReleasingPool) and pool.load_stale():
                    pool.note_load_of(probe)  # how full the server is, learnt off the clerk's path
                else:
                    probe.cursor().execute("SELECT 1")
            finally:
                probe.close()
            return "ok"
        except Exception as exc:  # noqa: BLE001 - any failure means "not reachable", except a full server
            return "full" if is_server_full(exc) else "unreachable"

    def _first_round_trip(self, dbapi_connection: Any, _record: Any) -> None:
        """A new connection's one round trip before its first use: the server's own port (prepared
        statements only without a pooler between, ``_prepare_when_direct``) and, unless the window learnt
        it lately, how full the server is (``store/pool.py``)."""
        pool = self.engine.pool
        asking = isinstance(pool, ReleasingPool) and pool.load_stale()
        row = _server_port_and_load(dbapi_connection, asking)
        if row is None:
            return
        _prepare_when_direct(dbapi_connection, row[0])
        if asking and isinstance(pool, ReleasingPool) and row[1] is not None:
            pool.note_server_load(int(row[1]), int(row[2]))

    def held_connections(self) -> int:
        """Connections this ``Database`` has open now (in use or kept for the next call)."""
        pool = self.engine.pool
        if isinstance(pool, ReleasingPool):
            return pool.held()
        return int(getattr(pool, "checkedout", lambda: 0)()) + int(getattr(pool, "checkedin", lambda: 0)())

    def dispose(self) -> None:
        self.engine.dispose()


_WARMED = "intake_desk_warmed"


def _nothing_sent(connection: Any) -> bool:
    """Whether the transaction on ``connection`` has not been sent anything yet (psycopg: idle)."""
    dbapi_connection = connection.connection.dbapi_connection
    info = getattr(dbapi_connection, "info", None)
    status = getattr(info, "transaction_status", None)
    return status is not None and int(status) == 0  # psycopg.pq.TransactionStatus.IDLE


def _warm_server_process(connection: Any) -> None:
    """One round trip on a new connection: every table of the schema opened (``LIMIT 0``), so the new
    server process has their descriptions cached before the clerk's call. (How full the server is, the
    connection asked when it was opened.)"""
    from intake_desk.store.models import ALL_TABLES

    warming = "; ".join(f'SELECT FROM "{name}" LIMIT 0' for name in ALL_TABLES)
    cursor = connection.connection.dbapi_connection.cursor()
    try:
        cursor.execute(warming)
    finally:
        cursor.close()


PREPARE_THRESHOLD = 5
"""A statement run this many times on a connection is prepared on the server (psycopg's default): the
server then parses and plans it once per connection instead of at every submit."""


def _server_port_and_load(dbapi_connection: Any, asking_load: bool) -> tuple[Any, ...] | None:
    """``(server port, slots taken, slots)`` – the last two only when ``asking_load`` – in one statement
    outside any transaction; None when the server cannot say."""
    load = SERVER_LOAD_SQL.removeprefix("SELECT ") if asking_load else "NULL, NULL"
    try:
        dbapi_connection.autocommit = True
        try:
            row = dbapi_connection.execute(f"SELECT inet_server_port(), {load}").fetchone()
        finally:
            dbapi_connection.autocommit = False
    except Exception:  # noqa: BLE001 - a server that cannot say keeps statements unprepared
        log.debug("server port unknown; statements stay unprepared", exc_info=True)
        return None
    return tuple(row) if row else None


def _prepare_when_direct(dbapi_connection: Any, server_port: Any) -> None:
    """Let psycopg prepare repeated statements on a connection that reaches the server itself.

    A pooler in between (PgBouncer in transaction mode) would run a prepared statement's later uses on
    another server connection, which does not know it. The server's own port (``inet_server_port()``)
    equals the port connected to only without one; when they differ, or the server cannot say (a
    Unix socket), statements stay unprepared.
    """
    info = getattr(dbapi_connection, "info", None)
    if server_port is not None and info is not None and str(server_port) == str(getattr(info, "port", "")):
        dbapi_connection.prepare_threshold = PREPARE_THRESHOLD


def _connect_retrying(dialect: Any, _record: Any, cargs: Any, cparams: Any) -> Any:
    """Open a server connection, waiting a few seconds while the server says it is full."""
    return connect_retrying(lambda: dialect.connect(*cargs, **cparams))


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
        if is_server_full(exc):
            log.warning("database server full: %s", type(exc).__name__)
            raise DatabaseServerFull(SERVER_FULL_MESSAGE) from exc
        if is_disk_full(exc):
            log.error("database full, the transaction was rolled back: %s", " ".join(str(exc.orig).split()))
            raise DatabaseFull(FULL_MESSAGE) from exc
        if is_connection_error(exc):
            log.warning("database unavailable: %s", type(exc).__name__)
            raise DatabaseUnavailable(
                "无法连接数据库，已保留您填写的内容，请稍后重试 / "
                "The database cannot be reached; what you typed is kept – try again shortly"
            ) from exc
        raise


PasswordPrompt = Callable[[str], str | None]
