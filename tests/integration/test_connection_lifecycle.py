"""A window's connections to a shared server (issue 12): one while it works, none once it is idle, the
status check never holding one, and a full server named as such – on the real PostgreSQL server."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator

import psycopg
import pytest
from sqlalchemy import event, text
from sqlalchemy.engine import make_url

from intake_desk.store import pool as pool_module
from intake_desk.store.connect import open_database
from intake_desk.store.db import Database, DatabaseServerFull, DatabaseUnavailable

pytestmark = pytest.mark.pg

IDLE = 0.4  # seconds: the configured idle time, short for the test


def _dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _alive(admin_dsn: str, pids: set[int]) -> set[int]:
    """The ones of ``pids`` that the server still lists in pg_stat_activity."""
    with psycopg.connect(admin_dsn, autocommit=True) as connection:
        rows = connection.execute("SELECT pid FROM pg_stat_activity WHERE pid = ANY(%s)", (list(pids),)).fetchall()
    return {row[0] for row in rows}


def _backend_pid(db: Database) -> int:
    with db.reading() as session:
        return int(session.execute(text("SELECT pg_backend_pid()")).scalar_one())


def _wait_until(condition: object, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.05)
    return bool(condition())  # type: ignore[operator]


def test_an_idle_database_holds_no_connection_and_serves_the_next_call(pg_url: str) -> None:
    admin = _dsn(pg_url)
    db = Database(pg_url, idle_seconds=IDLE)
    try:
        first = _backend_pid(db)
        # While work goes on, the one connection is kept and reused.
        assert {_backend_pid(db) for _ in range(5)} == {first}
        assert db.held_connections() == 1
        assert _alive(admin, {first}) == {first}

        # Untouched for the configured time: the server no longer lists it.
        assert _wait_until(lambda: not _alive(admin, {first}), timeout=IDLE * 10), "idle connection still open"
        assert db.held_connections() == 0

        # The next call reconnects without any error.
        second = _backend_pid(db)
        assert second != first
        assert _alive(admin, {second}) == {second}
    finally:
        db.dispose()


def test_overlapping_work_keeps_only_one_connection(pg_url: str) -> None:
    db = Database(pg_url, idle_seconds=60)
    barrier = threading.Barrier(4)
    pids: list[int] = []

    def work() -> None:
        with db.reading() as session:
            barrier.wait(timeout=10)  # all four inside a transaction at once
            pids.append(int(session.execute(text("SELECT pg_backend_pid()")).scalar_one()))

    threads = [threading.Thread(target=work) for _ in range(4)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert len(set(pids)) == 4  # overlapping work was served at once …
        assert db.held_connections() == 1  # … and only one connection is kept afterwards
        assert len(_alive(_dsn(pg_url), set(pids))) == 1
    finally:
        db.dispose()


def test_status_checks_hold_no_connection_and_do_not_count_as_work(pg_url: str) -> None:
    admin = _dsn(pg_url)
    db = Database(pg_url, idle_seconds=IDLE * 2)
    try:
        assert db.ping() is True
        assert db.held_connections() == 0  # a check on a fresh window leaves nothing open
        pid = _backend_pid(db)
        # A status bar asking every IDLE/4 seconds does not keep the idle connection alive.
        deadline = time.monotonic() + IDLE * 6
        while _alive(admin, {pid}) and time.monotonic() < deadline:
            assert db.ping() is True
            time.sleep(IDLE / 4)
        assert not _alive(admin, {pid}), "status checks kept the idle connection open"
        assert db.held_connections() == 0
    finally:
        db.dispose()


@pytest.fixture
def limited_role(pg_url: str) -> Iterator[str]:
    """A login role allowed one connection at a time (``CONNECTION LIMIT 1``): the server is 'full' for it
    as soon as it has one open."""
    admin = _dsn(pg_url)
    name = f"intake_full_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE ROLE "{name}" LOGIN CONNECTION LIMIT 1')
    try:
        yield make_url(pg_url).set(username=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s", (name,))
            connection.execute(f'DROP ROLE IF EXISTS "{name}"')


def test_a_full_server_is_named_as_such_never_as_the_network(limited_role: str,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool_module, "FULL_SERVER_WAITS", (0.05, 0.1))
    holder = psycopg.connect(_dsn(limited_role))  # the role's one connection, held
    db = Database(limited_role, idle_seconds=IDLE)
    try:
        with pytest.raises(DatabaseServerFull) as full:
            with db.reading() as session:
                session.execute(text("SELECT 1"))
        assert isinstance(full.value, DatabaseUnavailable)  # pages keep what was typed, as for a lost server
        message = str(full.value)
        assert message.startswith("服务器连接已满") and "no free connections" in message
        assert "网络" not in message and "network" not in message
        assert db.ping() is True  # the server answers: the status bar does not call it unreachable

        with pytest.raises(DatabaseServerFull) as at_start:
            open_database(limited_role)
        assert str(at_start.value) == message

        holder.close()  # a slot frees up: the same Database is served again
        with db.reading() as session:
            assert session.execute(text("SELECT 1")).scalar_one() == 1
    finally:
        holder.close()
        db.dispose()


def test_a_full_server_is_tried_again_before_the_clerk_is_told(limited_role: str,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool_module, "FULL_SERVER_WAITS", (0.2, 0.4, 0.8, 1.6))
    holder = psycopg.connect(_dsn(limited_role))
    releaser = threading.Timer(0.5, holder.close)  # another window finishes half a second later
    db = Database(limited_role, idle_seconds=IDLE)
    try:
        releaser.start()
        started = time.monotonic()
        with db.reading() as session:
            assert session.execute(text("SELECT 1")).scalar_one() == 1
        assert time.monotonic() - started >= 0.5  # it waited for the slot instead of failing
    finally:
        releaser.cancel()
        holder.close()
        db.dispose()


@pytest.mark.parametrize("share, released", [(0.0, True), (2.0, False)])
def test_a_busy_server_gets_idle_connections_back_sooner(pg_url: str, monkeypatch: pytest.MonkeyPatch,
                                                         share: float, released: bool) -> None:
    """Share 0: any server counts as more than 'half full'; share 2: none ever does. The window learns how
    full the server is when it opens its connection ahead (``warm_up``), never on the way to a call."""
    monkeypatch.setattr(pool_module, "SERVER_BUSY_SHARE", share)
    admin = _dsn(pg_url)
    db = Database(pg_url, idle_seconds=60, busy_idle_seconds=IDLE)
    try:
        db.warm_up()
        assert db.engine.pool.server_busy is released  # type: ignore[attr-defined]
        pid = _backend_pid(db)
        time.sleep(IDLE * 4)
        assert (not _alive(admin, {pid})) is released
        assert db.held_connections() == (0 if released else 1)
        assert _backend_pid(db) > 0  # served either way
    finally:
        db.dispose()


def test_on_a_busy_server_a_connection_closes_as_soon_as_the_work_is_done(pg_url: str,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool_module, "SERVER_BUSY_SHARE", 0.0)  # any server counts as busy
    admin = _dsn(pg_url)
    db = Database(pg_url, idle_seconds=60)  # busy_idle_seconds left at its default: at once
    try:
        assert db.reachability() == "ok"  # the status bar's check: the server is busy
        pid = _backend_pid(db)
        assert db.held_connections() == 0
        assert _wait_until(lambda: not _alive(admin, {pid}), timeout=5)
        assert _backend_pid(db) != pid  # the next call is served on a new connection
    finally:
        db.dispose()


def _connects(db: Database) -> list[int]:
    """Counts the new server connections ``db`` opens from now on (one entry each)."""
    opened: list[int] = []
    event.listen(db.engine, "connect", lambda *_args: opened.append(1))
    return opened


def test_a_database_opened_ahead_holds_one_connection_then_releases_it_after_the_idle_time(pg_url: str) -> None:
    admin = _dsn(pg_url)
    db = Database(pg_url, idle_seconds=IDLE * 2)
    try:
        assert db.held_connections() == 0
        assert db.warm_up() is True  # the clerk began an intake: opened in the background
        assert db.held_connections() == 1
        with psycopg.connect(admin, autocommit=True) as connection:
            ours = connection.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> "
                                      "pg_backend_pid()", (make_url(pg_url).database,)).fetchall()
        assert len(ours) == 1
        opened = _connects(db)
        assert _backend_pid(db) == ours[0][0]  # the clerk's call finds it open …
        assert opened == []  # … and opens nothing
        assert db.warm_up() is True and db.held_connections() == 1  # asked again: still the one
        assert _wait_until(lambda: not _alive(admin, {ours[0][0]}), timeout=IDLE * 12), "kept after the idle time"
        assert db.held_connections() == 0
        assert _backend_pid(db) != ours[0][0]  # and the next call reconnects
    finally:
        db.dispose()


def test_a_call_asks_the_server_nothing_but_its_own_statements(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """No connection check before each use, and no server-load question on the way to a call once the status
    bar's check (or an opening ahead) has told the window within the idle time: a call on a new connection
    and one on the kept connection send only BEGIN, their statements and the end."""
    db = Database(pg_url, idle_seconds=60)
    pings: list[int] = []
    real_ping = db.engine.dialect.do_ping
    monkeypatch.setattr(db.engine.dialect, "do_ping", lambda c: pings.append(1) or real_ping(c))
    try:
        monkeypatch.setattr(pool_module, "SERVER_BUSY_SHARE", 2.0)
        assert db.reachability() == "ok"  # the status bar: the server has room
        monkeypatch.setattr(pool_module, "SERVER_BUSY_SHARE", 0.0)  # were the load asked again, it would be busy
        first = _backend_pid(db)  # a new connection
        assert _backend_pid(db) == first  # the kept one
        assert pings == []
        assert db.engine.pool.server_busy is False  # type: ignore[attr-defined]
        assert db.held_connections() == 1
    finally:
        db.dispose()


def test_a_window_told_nothing_lately_asks_on_its_new_connection(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A window just started (or a command) learns the server's load with its first connection, so a county
    arriving at once does not keep a connection each while the server fills up."""
    monkeypatch.setattr(pool_module, "SERVER_BUSY_SHARE", 0.0)
    db = Database(pg_url, idle_seconds=60)
    try:
        _backend_pid(db)
        assert db.engine.pool.server_busy is True  # type: ignore[attr-defined]
        assert db.held_connections() == 0  # let go at once
    finally:
        db.dispose()


def test_a_connection_dropped_by_the_server_is_replaced_without_an_error(pg_url: str) -> None:
    """Not pinged before use: the transaction's first round trip finds the connection gone and the
    transaction is begun again on a new one – also for a call made without an account."""
    admin = _dsn(pg_url)
    db = Database(pg_url, idle_seconds=60)
    try:
        first = _backend_pid(db)
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute("SELECT pg_terminate_backend(%s)", (first,))
        assert _wait_until(lambda: not _alive(admin, {first}), timeout=5)
        second = _backend_pid(db)
        assert second != first
        with db.transaction() as session:
            assert session.execute(text("SELECT 2")).scalar_one() == 2
    finally:
        db.dispose()


def test_while_the_server_is_busy_nothing_is_opened_ahead(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """More than half full: neither the start of an intake nor its review step opens a connection ahead –
    on a busy server the connections kept between calls are what runs out; the submit opens its own."""
    monkeypatch.setattr(pool_module, "SERVER_BUSY_SHARE", 0.0)
    db = Database(pg_url, idle_seconds=60)
    try:
        assert db.reachability() == "ok"  # the status bar learnt that the server is busy
        opened = _connects(db)
        assert db.warm_up() is False
        assert opened == [] and db.held_connections() == 0
        _backend_pid(db)  # the submit: its own connection, let go at once
        assert db.held_connections() == 0
    finally:
        db.dispose()


def test_a_kept_connection_gives_way_when_the_server_fills(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A window keeping its connection between calls asks the server's load on it every quarter of the idle
    time, off the clerk's path, without counting as work; once the server is more than half full it lets go
    at once – so windows that connected while the server had room give way to other windows' calls."""
    admin = _dsn(pg_url)
    idle = 2.0
    db = Database(pg_url, idle_seconds=idle)
    pool = db.engine.pool
    try:
        first = _backend_pid(db)
        assert pool.server_busy is False  # type: ignore[attr-defined]  # asked when the connection opened
        asked_at = pool.load_noted_at  # type: ignore[attr-defined]
        # Still room a quarter of the idle time later: asked again on the kept connection, which stays.
        assert _wait_until(lambda: pool.load_noted_at > asked_at, timeout=idle)  # type: ignore[attr-defined]
        assert db.held_connections() == 1 and _alive(admin, {first}) == {first}
        # The server fills (as if): the next answer makes the pool let go, before its idle time is up.
        monkeypatch.setattr(pool_module, "SERVER_BUSY_SHARE", 0.0)
        filled_at = time.monotonic()
        assert _wait_until(lambda: not _alive(admin, {first}), timeout=idle)
        assert time.monotonic() - filled_at < idle
        assert db.held_connections() == 0
        assert _backend_pid(db) != first  # the next call opens a new one
    finally:
        db.dispose()


def test_a_kept_connection_asking_the_load_does_not_count_as_work(pg_url: str) -> None:
    """The load questions on a kept connection do not keep it: it still closes after the idle time."""
    admin = _dsn(pg_url)
    idle = 1.2
    db = Database(pg_url, idle_seconds=idle)
    pool = db.engine.pool
    try:
        first = _backend_pid(db)
        used_at = time.monotonic()
        assert _wait_until(lambda: not _alive(admin, {first}), timeout=idle * 5)
        assert time.monotonic() - used_at < idle * 2
        assert pool.released >= 1  # type: ignore[attr-defined]
    finally:
        db.dispose()


def test_the_status_check_asks_the_servers_load_once_per_idle_time(pg_url: str,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    db = Database(pg_url, idle_seconds=IDLE)
    pool = db.engine.pool
    try:
        monkeypatch.setattr(pool_module, "SERVER_BUSY_SHARE", 0.0)
        assert db.reachability() == "ok"
        assert pool.server_busy is True  # type: ignore[attr-defined]
        monkeypatch.setattr(pool_module, "SERVER_BUSY_SHARE", 2.0)
        assert db.reachability() == "ok"
        assert pool.server_busy is True  # type: ignore[attr-defined]  # not asked again so soon
        time.sleep(IDLE * 1.5)
        assert db.reachability() == "ok"
        assert pool.server_busy is False  # type: ignore[attr-defined]  # asked again after the idle time
        assert db.held_connections() == 0
    finally:
        db.dispose()


def test_the_status_bars_timer_opens_nothing_while_the_windows_own_work_is_answered(pg_url: str) -> None:
    """The timer's check (``answered_within`` its interval) stands on the window's own recent work; a check
    asked for (after an error, at start) and one after a quiet interval open their probe connection."""
    db = Database(pg_url, idle_seconds=60)
    opened: list[int] = []
    dialect = db.engine.dialect
    connect = dialect.connect

    def counted(*args: object, **kwargs: object) -> object:  # every connection to the server, probes too
        opened.append(1)
        return connect(*args, **kwargs)

    dialect.connect = counted  # type: ignore[method-assign]
    try:
        assert db.reachability(answered_within=30) == "ok"  # nothing answered yet: asked
        assert len(opened) == 1
        _backend_pid(db)  # the window's own work
        assert len(opened) == 2
        assert db.reachability(answered_within=30) == "ok"
        assert len(opened) == 2  # answered a moment ago: no probe connection
        assert db.reachability() == "ok"
        assert len(opened) == 3  # asked for: always a probe
        db.answered_at = time.monotonic() - 31  # the window's last work was answered more than 30 s ago
        assert db.reachability(answered_within=30) == "ok"
        assert len(opened) == 4
        assert db.held_connections() == 1  # the window's own connection only
    finally:
        db.dispose()


def test_the_status_bars_timer_still_finds_an_unreachable_server_once_the_window_is_quiet() -> None:
    db = Database("postgresql+psycopg://postgres@127.0.0.1:1/nothing_here", idle_seconds=60)
    try:
        assert db.reachability(answered_within=30) == "unreachable"
    finally:
        db.dispose()
