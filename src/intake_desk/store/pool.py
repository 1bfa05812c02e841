"""Connection lifecycle for a shared server: one connection per window, none while it sits idle.

A county runs one PostgreSQL server (``max_connections`` 100 by default) for some 300 windows that
stay open all day. A window therefore keeps **one** connection while it works – a second one is
opened only for work that overlaps (a status check during a submit) and closed as soon as it is
returned – and closes that one too once it has done nothing for ``idle_seconds`` (60 s unless
configured). The next call opens a new connection without the clerk noticing.

Sixty seconds is generous while the server has room, but 300 windows each keeping their connection
for a minute after each piece of work would need some 150 connections. So the window asks the server
how full it is – on each new connection (its first round trip, with the server's port) and, while it
keeps one unused, every quarter of the idle time on that connection, off the clerk's path (the reaper
thread below) – and while more than half of the server's connection slots are taken it lets go after
``busy_idle_seconds`` instead: by default at once, as soon as the piece of work is done. Windows that
keep connections therefore give them up as soon as the server fills with work in progress, and a
window opens none ahead of the clerk's submit (``Database.warm_up``) while the server is busy. Behind
PgBouncer the server never looks full and windows keep their (cheap) client connection for the whole
idle time.

``ReleasingPool`` is SQLAlchemy's ``QueuePool`` with a last-use clock; one daemon thread per process
(``_Reaper``) closes the idle connections of every pool that has been left alone long enough, and asks
the server's load on a kept connection whose last answer is older than a quarter of the idle time. The
release and a checkout exclude each other, so a connection is never closed under a caller. A kept
connection is not checked before each use (no pre-ping round trip): ``Database`` begins each
transaction with its first round trip and, if that finds the connection dropped by the server, begins
it once more on a new one.

A server that is full ("too many clients") is retried for a few seconds before the error reaches the
caller (``connect_retrying``); ``is_server_full`` recognises the refusal, whether it comes from
PostgreSQL itself (all slots, a role's or a database's ``CONNECTION LIMIT``) or from PgBouncer.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import weakref
from collections.abc import Callable
from typing import Any

from sqlalchemy.pool import ConnectionPoolEntry, QueuePool

log = logging.getLogger(__name__)

ENV_IDLE_SECONDS = "INTAKE_DESK_IDLE_RELEASE_SECONDS"
DEFAULT_IDLE_SECONDS = 60.0
DEFAULT_BUSY_IDLE_SECONDS = 0.0
#: From this share of the server's connection slots taken on, windows let go of idle connections sooner.
SERVER_BUSY_SHARE = 0.5
#: Slots taken and slots there are for ordinary logins. The function under the ``pg_stat_activity`` view,
#: without the view's joins: a third of the processor time on a new server process (1.3 ms against 3.1 ms).
SERVER_LOAD_SQL = (
    "SELECT (SELECT count(*) FROM pg_stat_get_activity(NULL) s WHERE s.backend_type = 'client backend'), "
    "current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int"
)
#: Waits between attempts when the server is full: about 6 s in all before the clerk is told.
FULL_SERVER_WAITS = (0.2, 0.4, 0.8, 1.6, 3.0)

_FULL_MARKERS = (
    "too many clients",  # max_connections reached
    "too many connections",  # a role's or a database's CONNECTION LIMIT
    "connection slots are reserved",  # only superuser slots left
    "no more connections allowed",  # PgBouncer's max_client_conn
)


def idle_seconds_from_environment() -> float:
    raw = os.environ.get(ENV_IDLE_SECONDS, "").strip()
    if not raw:
        return DEFAULT_IDLE_SECONDS
    try:
        value = float(raw)
    except ValueError:
        log.warning("%s=%r is not a number of seconds; using %s", ENV_IDLE_SECONDS, raw, DEFAULT_IDLE_SECONDS)
        return DEFAULT_IDLE_SECONDS
    return max(0.05, value)


def is_server_full(exc: BaseException) -> bool:
    """Whether ``exc`` (or what it wraps) is the server refusing a connection for lack of slots."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if getattr(current, "sqlstate", None) == "53300":
            return True
        if any(marker in str(current).lower() for marker in _FULL_MARKERS):
            return True
        current = getattr(current, "orig", None) or current.__cause__
    return False


def connect_retrying(connect: Callable[[], Any], waits: tuple[float, ...] | None = None) -> Any:
    """``connect()``, tried again after each of ``waits`` (``FULL_SERVER_WAITS``) while the server is full."""
    for wait in (*(FULL_SERVER_WAITS if waits is None else waits), None):
        try:
            return connect()
        except Exception as exc:
            if wait is None or not is_server_full(exc):
                raise
            log.info("database server full; trying again in %.1f s", wait)
            time.sleep(wait)
    raise AssertionError("unreachable")  # pragma: no cover


class ReleasingPool(QueuePool):
    """A ``QueuePool`` that closes its idle connections once none has been used for ``idle_seconds``."""

    def __init__(self, creator: Any, *args: Any, idle_seconds: float = DEFAULT_IDLE_SECONDS,
                 busy_idle_seconds: float = DEFAULT_BUSY_IDLE_SECONDS, **kw: Any) -> None:
        super().__init__(creator, *args, **kw)
        self.idle_seconds = idle_seconds
        self.busy_idle_seconds = busy_idle_seconds
        self.server_busy = False
        self.load_noted_at = float("-inf")  # when the server last said how full it is (monotonic clock)
        self._guard = threading.Lock()
        self._getting = 0
        self._last_used = time.monotonic()
        self.released = 0  # how many times idle connections were closed (for tests and benchmarks)
        _REAPER.watch(self)

    def _do_get(self) -> ConnectionPoolEntry:
        with self._guard:
            self._getting += 1
        try:
            return super()._do_get()
        finally:
            with self._guard:
                self._getting -= 1
                self._last_used = time.monotonic()

    def _do_return_conn(self, record: ConnectionPoolEntry) -> None:
        super()._do_return_conn(record)
        with self._guard:
            self._last_used = time.monotonic()
        if self.hold_seconds() <= 0:
            self.release_if_idle()  # a busy server: closed as soon as nothing uses it

    def recreate(self) -> QueuePool:
        pool = super().recreate()
        if isinstance(pool, ReleasingPool):
            pool.idle_seconds = self.idle_seconds
            pool.busy_idle_seconds = self.busy_idle_seconds
            pool.server_busy = self.server_busy
            pool.load_noted_at = self.load_noted_at
        return pool

    def hold_seconds(self) -> float:
        """How long an unused connection is kept now: shorter while the server is more than half full."""
        return min(self.idle_seconds, self.busy_idle_seconds) if self.server_busy else self.idle_seconds

    def hold_ahead(self) -> bool:
        """Keep the connection(s) for the call the clerk is about to make, as after any work; False (and
        nothing kept) while the server is more than half full."""
        with self._guard:
            if self.server_busy:
                return False
            self._last_used = time.monotonic()
        return True

    def pace(self, now: float) -> float | None:
        """How long the reaper may sleep before this pool may have something to release or to ask (None: it
        lets go by itself). Checked four times per idle period: a connection closes within 1¼ idle periods,
        and one kept unused asks the server's load as often."""
        if self.hold_seconds() > 0:
            return self.hold_seconds() / 4
        return None

    def load_refresh_seconds(self) -> float:
        """How old the server's load may be before a kept, unused connection asks it again."""
        return self.idle_seconds / 4

    def note_server_load(self, used: int, slots: int) -> None:
        self.server_busy = slots > 0 and used >= slots * SERVER_BUSY_SHARE
        self.load_noted_at = time.monotonic()

    def load_stale(self) -> bool:
        """Whether the server's load was last learnt longer ago than ``load_refresh_seconds`` (or never)."""
        return time.monotonic() - self.load_noted_at > self.load_refresh_seconds()

    def note_load_of(self, dbapi_connection: Any) -> None:
        """Ask the server through ``dbapi_connection`` (not in a transaction) how full it is (``SERVER_LOAD_SQL``)."""
        try:
            cursor = dbapi_connection.cursor()
            try:
                cursor.execute(SERVER_LOAD_SQL)
                used, slots = cursor.fetchone()
            finally:
                cursor.close()
            dbapi_connection.rollback()
        except Exception:  # noqa: BLE001 - a server that cannot say keeps the last answer
            log.debug("server load unknown", exc_info=True)
            return
        self.note_server_load(int(used), int(slots))

    def held(self) -> int:
        """Connections open now (in use or waiting in the pool)."""
        return self.checkedout() + self.checkedin()

    def release_if_idle(self, now: float | None = None) -> bool:
        """Close the pooled connections if none is in use and none was used for ``idle_seconds``."""
        now = time.monotonic() if now is None else now
        with self._guard:
            if self._getting or self.checkedout() or self.checkedin() == 0:
                return False
            if now - self._last_used < self.hold_seconds():
                return False
            self.dispose()
            self.released += 1
        log.debug("idle database connection closed")
        return True

    def refresh_load_if_kept(self, now: float | None = None) -> bool:
        """Off the clerk's path: on a connection kept unused, ask the server how full it is once its last
        answer is older than ``load_refresh_seconds``; True when it was asked. A server that has filled
        meanwhile makes the pool let go at once (``release_if_idle``), so the connections kept by windows
        between their calls give way to the calls of other windows."""
        now = time.monotonic() if now is None else now
        with self._guard:
            if self._getting or self.checkedout() or self.checkedin() == 0 \
                    or now - self.load_noted_at < self.load_refresh_seconds():
                return False
            last_used = self._last_used
            record = QueuePool._do_get(self)  # the kept connection, without counting as work
        try:
            self.note_load_of(record.dbapi_connection)
        finally:
            QueuePool._do_return_conn(self, record)
            with self._guard:
                self._last_used = max(self._last_used, last_used)
        if self.server_busy:
            self.release_if_idle(now)
        return True


class _Reaper:
    """One daemon thread per process that releases idle pools; it ends when no pool is left."""

    def __init__(self) -> None:
        self._pools: weakref.WeakSet[ReleasingPool] = weakref.WeakSet()
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None

    def watch(self, pool: ReleasingPool) -> None:
        with self._wake:
            self._pools.add(pool)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="intake-desk-idle-release", daemon=True)
                self._thread.start()
            self._wake.notify()

    def wake(self) -> None:
        """A pool's hold changed: recompute when to look again."""
        with self._wake:
            self._wake.notify()

    def _run(self) -> None:
        while True:
            with self._wake:
                pools = list(self._pools)
                if not pools:
                    self._thread = None
                    return
                # A pool that lets go at once (a busy server) does so itself when its connection is returned:
                # it sets no pace here, or every process of a busy county would wake 20 times a second.
                now = time.monotonic()
                waits = [wait for wait in (p.pace(now) for p in pools) if wait is not None]
                self._wake.wait(timeout=max(0.05, min(waits, default=DEFAULT_IDLE_SECONDS / 4)))
                pools = list(self._pools)
            now = time.monotonic()
            for pool in pools:
                try:
                    if not pool.release_if_idle(now):
                        pool.refresh_load_if_kept(now)
                except Exception:  # noqa: BLE001 - closing a dead connection must not stop the thread
                    log.exception("releasing an idle database connection failed")
            del pools


_REAPER = _Reaper()
