"""A county on one PostgreSQL server (issue 12): 300 windows open all day against ``max_connections`` 100.

Each simulated window is a thread with its own ``Database`` and ``Services`` (windows spread over
several processes, as desks are spread over computers). Once every process has started (imported the
program – seconds on a busy machine), windows arrive one after another over 40 s;
each signs in, opens the referral queue and submits an intake at once, then refreshes the queue every
30 s and submits a new intake every 1–3 minutes (uniformly drawn, so the windows drift apart) until the
run ends; then all of them sit idle with the window open, and the server's connections are counted.
Each intake is modelled as the window lives it: the clerk begins it up to 10 s after the last submit
(the window opens its connection ahead: ``Database.warm_up()``, the call the intake page makes), types,
reaches the review step 5–20 s before submitting (``warm_up()`` again, as the page does) and
submits. Each window's status bar checks the server every 30 s (``Database.reachability``, the window's
own call: a probe connection unless the window's own work was answered within that time). The
simulated typing sends nothing to the server (the real window's draft autosave and live
preview do; not simulated).

Time is compressed by ``SCALE`` (default 2): the 30-s refresh runs every 15 s, submits come every
30–90 s, the review step lasts 2.5–10 s, and the idle time after which a window lets go of its
connection (60 s while the server has room; at once while it is more than half full) is divided by
the same factor, so a run of ``SIM_MINUTES`` simulated minutes
after the arrivals takes SIM_MINUTES × 60 / SCALE seconds. The arrivals themselves are not compressed:
300 windows over 40 s is the burst the issue asks about. Compression makes the load per second
``SCALE`` times that of a real county, so the latencies here are pessimistic.

Two runs on the same server at its default settings: windows connecting directly, and windows going
through PgBouncer in transaction mode (``scripts/pgbouncer.sh``, 20 server connections). Reported:
connections refused (a window told the server is full, after its retries) and other failures, how
often the server answered "full" and the window retried, the peak of server connections held for the
benchmark's database (sampled every 0.1 s), what is left after the idle time, and the p95 of a warm
submit (a window's second and later ones) and of a queue page, beside the same two figures of one
window working alone on the same database in the same run (the floor: the same flow – connection let
go, opened ahead twice, submit, queue page – with no waits). ``bench_window`` takes one window's submit
and queue page apart (connect, server-load question, pre-ping, account re-check, the rest; processor
time in the window and in its server process).

Environment: ``INTAKE_DESK_BENCH_COUNTY_WINDOWS`` (300), ``_SCALE`` (2), ``_MINUTES`` (5, simulated),
``_PROCESSES`` (30), ``_MODES`` ("direct,pgbouncer"), ``_ROUNDS`` (15, ``bench_window``). A quicker run to
try a change: ``INTAKE_DESK_BENCH_COUNTY_WINDOWS=150 INTAKE_DESK_BENCH_COUNTY_MINUTES=2`` (about 4 minutes).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import random
import socket
import statistics
import subprocess
import threading
import time
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy.engine import make_url

from intake_desk.domain.enums import Role
from intake_desk.services import audit
from intake_desk.services.clock import FixedClock
from intake_desk.services.context import Services
from intake_desk.services.intake import ReferralChoice
from intake_desk.services.queues import QueueSort, ReferralFilter
from intake_desk.store.db import Database, DatabaseServerFull, DatabaseUnavailable
from intake_desk.store.migrate import upgrade
from tests.benchmarks.harness import Figure, pg_bench_database
from tests.conftest import TEST_NOW, make_services, setup_hall
from tests.intake_data import rid, single_form

WINDOWS = int(os.environ.get("INTAKE_DESK_BENCH_COUNTY_WINDOWS", "300"))
SCALE = float(os.environ.get("INTAKE_DESK_BENCH_COUNTY_SCALE", "2"))
SIM_MINUTES = float(os.environ.get("INTAKE_DESK_BENCH_COUNTY_MINUTES", "5"))
#: Windows are spread over processes as desks are over computers: ten threads a process. Fifty a process
#: (6 processes) made each window's calls wait for Python's interpreter lock between round trips while its
#: transaction stayed open on the server – an artefact of the simulation, not of a window on its own computer.
PROCESSES = int(os.environ.get("INTAKE_DESK_BENCH_COUNTY_PROCESSES", "30"))
MODES = os.environ.get("INTAKE_DESK_BENCH_COUNTY_MODES", "direct,pgbouncer").split(",")
ARRIVAL_S = 40.0
REFRESH_S, SUBMIT_MIN_S, SUBMIT_MAX_S, IDLE_S = 30.0, 60.0, 180.0, 60.0
STATUS_CHECK_S = 30.0  # the status bar's check on a server (ui/main_window.py SERVER_PING_INTERVAL_MS)
#: The clerk's intake: begun up to 10 s after the last submit, typed, then 5–20 s on the review step.
PAUSE_MAX_S, REVIEW_MIN_S, REVIEW_MAX_S = 10.0, 5.0, 20.0
QUEUE_PAGE = 100
ABORT_AT = 94  # server-wide client connections (max_connections 100 less the 3 reserved, less a margin)
SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "pgbouncer.sh"


def county_form(window: int, k: int) -> Any:
    """A one-person household unique to (window, k), referred to the medical security bureau."""
    born = date(1940 + window % 60, 1 + k % 12, 1 + window // 60)
    number = rid(k // 12, born=born)
    member = replace(single_form(0).members[0], resident_id=number)
    return replace(single_form(0, name="钱七"), members=(member,),
                   referrals=(ReferralChoice("medical", "慢性病，自付医疗费用高", consent_given=True,
                                             added_by_clerk=True),))


def username(window: int) -> str:
    return f"w{window:03d}"


def p95(samples: list[float]) -> float:
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


class _FullCounter(logging.Handler):
    """Counts the store's 'server full, trying again' notes in this process."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.count = 0
        self._lock_count = threading.Lock()

    def emit(self, record: logging.LogRecord) -> None:
        if "server full" in record.getMessage():
            with self._lock_count:
                self.count += 1


def _window(url: str, window: int, first_k: int, t0: float, end_at: float, close: threading.Event,
            stop: threading.Event, out: dict[str, Any]) -> None:
    rng = random.Random(window)
    if stop.wait(max(0.0, t0 + window * ARRIVAL_S / WINDOWS - time.time())):
        return
    db = Database(url, idle_seconds=IDLE_S / SCALE)
    services = Services(db, FixedClock(TEST_NOW))

    def timed(kind: str, call: Any) -> Any:
        started = time.perf_counter()
        try:
            result = call()
        except DatabaseServerFull:
            with out["lock"]:
                out["refused"] += 1
            return None
        except DatabaseUnavailable:
            with out["lock"]:
                out["unavailable"] += 1
            return None
        except Exception as exc:  # noqa: BLE001 - reported to the parent
            out["errors"].append(f"{kind}: {type(exc).__name__}: {exc}"[:300])
            return None
        with out["lock"]:  # each figure beside the moment it was taken (seconds after the first arrival)
            out[kind].append((time.perf_counter() - started) * 1000.0)
            out["at"].setdefault(kind, []).append(time.time() - t0)
        return result

    try:
        clerk = None
        while clerk is None and time.time() < end_at:
            clerk = timed("sign_in", lambda: services.accounts.authenticate(username(window), f"{username(window)}-pass-1"))
        if clerk is None:
            return
        submitted = 0

        def queue_page() -> Any:
            return services.queues.page(clerk, ReferralFilter(open_only=True), QueueSort.DUE, limit=QUEUE_PAGE)

        def submit() -> None:
            nonlocal submitted
            kind = "warm_submit" if submitted else "first_submit"
            form = county_form(window, first_k + submitted)
            if timed(kind, lambda: services.intake.submit(clerk, form)) is not None:
                submitted += 1

        def warm_up() -> None:
            # What the window does when the clerk begins an intake and when they reach its review step:
            # the same call, off the clerk's path.
            timed("warm_up", db.warm_up)

        timed("queue_page", queue_page)
        submit()

        def schedule(after: float) -> tuple[float, float, float]:
            """The next intake: begun after a pause, typed, reviewed, submitted 1–3 minutes after the last."""
            next_submit = after + rng.uniform(SUBMIT_MIN_S, SUBMIT_MAX_S) / SCALE
            review = next_submit - rng.uniform(REVIEW_MIN_S, REVIEW_MAX_S) / SCALE
            begin = min(review, after + rng.uniform(0, PAUSE_MAX_S) / SCALE)
            return begin, review, next_submit

        now = time.time()
        next_refresh = now + rng.uniform(0, REFRESH_S / SCALE)
        next_check = now + rng.uniform(0, STATUS_CHECK_S / SCALE)
        next_begin, next_review, next_submit = schedule(now)
        while True:
            due = min(next_refresh, next_begin, next_review, next_submit, next_check)
            if due >= end_at or stop.wait(max(0.0, due - time.time())):
                break
            if due == next_check:
                # The status bar's timer, as the window runs it (ui/main_window.py): a probe connection of
                # its own unless the window's own work was answered within the interval.
                if timed("status_check", lambda: db.reachability(answered_within=STATUS_CHECK_S / SCALE)) != "ok":
                    with out["lock"]:
                        out["status_not_ok"] += 1
                next_check += STATUS_CHECK_S / SCALE
            elif due == next_begin:
                warm_up()
                next_begin = float("inf")
            elif due == next_review:
                warm_up()
                next_review = float("inf")
            elif due == next_submit:
                submit()
                next_begin, next_review, next_submit = schedule(next_submit)
            else:
                timed("queue_page", queue_page)
                next_refresh += REFRESH_S / SCALE
        with out["lock"]:
            out["submitted"] += submitted
        close.wait(timeout=3600)  # the window stays open, idle, until the parent has counted connections
    finally:
        db.dispose()


def _process(url: str, windows: list[int], first_k: int, ready: Any, start: Any, close_flag: Any,
             abort_flag: Any, results: Any) -> None:
    # Imported and set up: the arrivals are timed from when every process is, not from a guess.
    ready.put(os.getpid())
    start_flag, start_at = start
    start_flag.wait(timeout=600)
    t0 = start_at.value
    end_at = t0 + ARRIVAL_S + SIM_MINUTES * 60.0 / SCALE
    counter = _FullCounter()
    logging.getLogger("intake_desk.store.pool").addHandler(counter)
    logging.getLogger("intake_desk.store.pool").setLevel(logging.INFO)
    out: dict[str, Any] = {"sign_in": [], "queue_page": [], "first_submit": [], "warm_submit": [], "warm_up": [],
                           "status_check": [], "status_not_ok": 0, "at": {}, "refused": 0, "unavailable": 0, "errors": [], "submitted": 0, "lock": threading.Lock()}
    close, stop = threading.Event(), threading.Event()
    threads = [threading.Thread(target=_window, args=(url, w, first_k, t0, end_at, close, stop, out), daemon=True)
               for w in windows]
    for thread in threads:
        thread.start()
    while not close_flag.is_set():
        if abort_flag.is_set():
            stop.set()
        time.sleep(0.1)
    close.set()
    for thread in threads:
        thread.join(timeout=60)
    out["full_answers"] = counter.count
    del out["lock"]
    results.put(out)


def _server_connections(admin: psycopg.Connection[Any], database: str) -> tuple[int, int]:
    ours, everyone, _states = _server_connection_states(admin, database)
    return ours, everyone


def _server_connection_states(admin: psycopg.Connection[Any], database: str) -> tuple[int, int, dict[str, int]]:
    """Server connections of the benchmark's database, of every database, and ours by state and what they
    wait for: ``idle`` (waiting for the client's next statement) is a window keeping its connection between
    calls, the others are calls in progress (or starting up), some waiting for a lock."""
    rows = admin.execute("SELECT datname = %s, coalesce(state, 'starting') || coalesce(' waiting for a ' "
                         "|| lower(wait_event_type) || ' (' || wait_event || ')', ''), count(*) "
                         "FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() "
                         "GROUP BY 1, 2", (database,)).fetchall()
    states = {state: int(n) for ours, state, n in rows if ours}
    return sum(states.values()), sum(int(n) for _o, _s, n in rows), states


def _run(url: str, admin_dsn: str, database: str, first_k: int) -> dict[str, Any]:
    """One run; each window's households are numbered from ``first_k`` (a new set for every run)."""
    context = multiprocessing.get_context("spawn")
    results, close_flag, abort_flag = context.Queue(), context.Event(), context.Event()
    ready, start_flag, start_at = context.Queue(), context.Event(), context.Value("d", 0.0)
    groups = [list(range(WINDOWS))[p::PROCESSES] for p in range(PROCESSES)]
    processes = [context.Process(target=_process, args=(url, g, first_k, ready, (start_flag, start_at), close_flag,
                                                        abort_flag, results)) for g in groups]
    for process in processes:
        process.start()
    for _ in processes:  # every process has imported the program (seconds on a busy machine)
        ready.get(timeout=600)
    t0 = time.time() + 1.0
    end_at = t0 + ARRIVAL_S + SIM_MINUTES * 60.0 / SCALE
    start_at.value = t0
    start_flag.set()
    peak = peak_all = 0
    peak_states: dict[str, int] = {}
    nearly_full_since: float | None = None
    aborted = ""
    with psycopg.connect(admin_dsn, autocommit=True) as admin:
        while time.time() < end_at:
            ours, everyone, states = _server_connection_states(admin, database)
            if ours > peak:
                peak_states = states
            peak, peak_all = max(peak, ours), max(peak_all, everyone)
            # The server is shared: a run that keeps it nearly full for 5 s is stopped, not pushed on.
            nearly_full_since = (nearly_full_since or time.time()) if everyone >= ABORT_AT else None
            if nearly_full_since is not None and time.time() - nearly_full_since > 5:
                aborted = f"stopped after {time.time() - t0:.0f} s: the server held ≥ {ABORT_AT} connections for 5 s"
                abort_flag.set()
                break
            time.sleep(0.1)
        idle_wait = IDLE_S / SCALE * 1.25 + 2.0
        time.sleep(idle_wait)
        after_idle, _ = _server_connections(admin, database)
    close_flag.set()
    outs = [results.get(timeout=300) for _ in processes]
    for process in processes:
        process.join(timeout=60)
    merged: dict[str, Any] = {"peak": peak, "peak_all": peak_all, "peak_states": peak_states, "after_idle": after_idle,
                              "idle_wait": idle_wait, "aborted": aborted}
    for key in ("sign_in", "queue_page", "first_submit", "warm_submit", "warm_up", "status_check", "errors"):
        merged[key] = [x for o in outs for x in o[key]]
    for key in ("refused", "unavailable", "submitted", "full_answers", "status_not_ok"):
        merged[key] = sum(o[key] for o in outs)
    # The same samples once all windows have arrived (the sign-ins' password hashing is over).
    for key in ("queue_page", "warm_submit"):
        merged[f"{key}_after_arrival"] = [x for o in outs for x, at in zip(o[key], o["at"].get(key, []), strict=True)
                                          if at > ARRIVAL_S]
    return merged


def _alone(url: str) -> tuple[float, float]:
    """One window working alone on the same database, the same way as each window of the county: its
    connection let go after the last submit (the idle release), opened ahead when the clerk begins the
    intake and again at the review step, then the submit and a queue page – p95 of each, no waits between."""
    db = Database(url, idle_seconds=IDLE_S)
    services = Services(db, FixedClock(TEST_NOW))
    clerk = services.accounts.authenticate(username(0), f"{username(0)}-pass-1")
    submits, pages = [], []
    for k in range(40):
        db.engine.pool.dispose()  # what the idle release does
        db.warm_up()
        db.warm_up()
        started = time.perf_counter()
        services.intake.submit(clerk, county_form(WINDOWS + 1, k))
        if k:
            submits.append((time.perf_counter() - started) * 1000.0)
        started = time.perf_counter()
        services.queues.page(clerk, ReferralFilter(open_only=True), QueueSort.DUE, limit=QUEUE_PAGE)
        pages.append((time.perf_counter() - started) * 1000.0)
    db.dispose()
    return p95(submits), p95(pages)


def _pgbouncer() -> tuple[int, bool]:
    """A PgBouncer to go through: the one on 6432, or one started on a free port (and stopped after)."""
    try:
        with psycopg.connect(host="127.0.0.1", port=6432, user="postgres", dbname="pgbouncer", autocommit=True,
                             connect_timeout=3):
            return 6432, False
    except psycopg.Error:
        pass
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    subprocess.run(["bash", str(SCRIPT), "start", str(port)], check=True, timeout=300)
    return port, True


def _setup(url: str, windows: int = WINDOWS) -> None:
    db = Database(url)
    upgrade(db)
    services = make_services(db, FixedClock(TEST_NOW))
    setup_hall(services)
    from intake_desk.services.actor import SYSTEM
    from tests.conftest import HALL_CODE

    for window in range(windows):
        services.accounts.add_user(SYSTEM, username(window), f"窗口{window + 1}", Role.CLERK,
                                   f"{username(window)}-pass-1", hall_code=HALL_CODE)
    db.dispose()


def _figures(mode: str, run: dict[str, Any], submit_floor: float, page_floor: float) -> list[Figure]:
    label = "direct" if mode == "direct" else "via PgBouncer"
    failures = run["refused"] + run["unavailable"] + len(run["errors"]) + (1 if run["aborted"] else 0)
    note = (f"{WINDOWS} windows, time ×{SCALE:g}; refused {run['refused']}, unreachable {run['unavailable']}, "
            f"errors {len(run['errors'])}, server said full {run['full_answers']}× (retried); "
            f"server connections peak {run['peak']} (all databases {run['peak_all']}; at the peak "
            f"{', '.join(f'{n} {state}' for state, n in sorted(run['peak_states'].items())) or 'none'}), "
            f"{run['after_idle']} after {run['idle_wait']:.0f} s idle; "
            f"{len(run['warm_submit'])} warm + {len(run['first_submit'])} first submits, "
            f"{len(run['queue_page'])} queue pages, {len(run['sign_in'])} sign-ins "
            f"(p95 {p95(run['sign_in']):.0f} ms), {len(run['warm_up'])} warm-ups (p95 {p95(run['warm_up']):.0f} ms), "
            f"{len(run['status_check'])} status-bar checks ({run['status_not_ok']} not ok); "
            f"after the {ARRIVAL_S:.0f}-s arrival: p95 warm submit {p95(run['warm_submit_after_arrival']):.1f} ms, "
            f"queue page {p95(run['queue_page_after_arrival']):.1f} ms")
    if run["errors"]:
        note += f"; first error: {run['errors'][0]}"
    if run["aborted"]:
        note += f"; RUN {run['aborted']}"
    return [
        Figure(f"county {label}: connections refused or failed", failures, 0, unit="", note=note),
        Figure(f"county {label}: peak server connections (of max_connections 100)", run["peak"], unit=""),
        Figure(f"county {label}: p95 warm submit", p95(run["warm_submit"]), 50, "one window alone", submit_floor),
        Figure(f"county {label}: p95 queue page", p95(run["queue_page"]), 100, "one window alone", page_floor),
    ]


def bench_county() -> list[Figure]:
    figures: list[Figure] = []
    with pg_bench_database("intake_bench_county") as url:
        _setup(url)
        database = make_url(url).database or ""
        admin_dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
        submit_floor, page_floor = _alone(url)
        for index, mode in enumerate(MODES):
            first_k = 240 * index
            if mode == "direct":
                run = _run(url, admin_dsn, database, first_k)
            else:
                port, started = _pgbouncer()
                try:
                    run = _run(make_url(url).set(port=port).render_as_string(hide_password=False),
                               admin_dsn, database, first_k)
                finally:
                    if started:
                        subprocess.run(["bash", str(SCRIPT), "stop", str(port)], timeout=60)
            figures += _figures(mode, run, submit_floor, page_floor)
        db = Database(url)
        verified = audit.verify(db)
        db.dispose()
        figures.append(Figure("county: audit chain verified after both runs", 1.0 if verified.ok else 0.0, 1,
                              unit="", higher_is_better=True, note=verified.problem or "intact"))
    return figures


# ---- where one window's warm submit goes (issue 12, part 1) ------------------------------------------------

def _backend_cpu_ms(pid: int) -> float:
    """Processor time the server process ``pid`` has used so far (Linux schedstat; same machine only)."""
    try:
        with open(f"/proc/{pid}/schedstat", encoding="ascii") as handle:
            return int(handle.read().split()[0]) / 1e6
    except (OSError, ValueError, IndexError):
        return float("nan")


class _Phases:
    """Times the parts of one call on a ``Database``: opening a connection (TCP, authentication, the new
    server process), the server-load question, the connection check (pre-ping), the account re-check at
    the start of the transaction, and the rest; wall time, this thread's processor time and the server
    process's."""

    PARTS = ("connect", "other set-up of a new connection", "server load query", "pre-ping", "sign-in re-check",
             "rest of the call")

    def __init__(self, db: Database) -> None:
        from sqlalchemy import event

        self.wall: dict[str, float] = {}
        self.pid = 0
        self.server_start = 0.0
        self._statement_started = 0.0
        engine = db.engine
        dialect = engine.dialect
        pool = engine.pool

        def timing(key: str, function: Any) -> Any:
            def call(*args: Any, **kwargs: Any) -> Any:
                started = time.perf_counter()
                try:
                    return function(*args, **kwargs)
                finally:
                    self.wall[key] = self.wall.get(key, 0.0) + (time.perf_counter() - started) * 1000.0
            return call

        dialect.connect = timing("connect", dialect.connect)  # type: ignore[method-assign]
        dialect.do_ping = timing("pre-ping", dialect.do_ping)  # type: ignore[method-assign]
        if hasattr(pool, "note_load_of"):
            pool.note_load_of = timing("server load query", pool.note_load_of)

        set_up_started = [0.0]

        @event.listens_for(engine, "connect", insert=True)
        def set_up_begins(_dbapi_connection: Any, _record: Any) -> None:
            set_up_started[0] = time.perf_counter()

        @event.listens_for(engine, "connect")
        def set_up_ends(_dbapi_connection: Any, _record: Any) -> None:
            # Every statement the store sends on a new connection before the call's own (the server-load
            # question is counted apart).
            took = (time.perf_counter() - set_up_started[0]) * 1000.0 - self.wall.get("server load query", 0.0)
            self.wall["other set-up of a new connection"] = self.wall.get("other set-up of a new connection",
                                                                          0.0) + took

        @event.listens_for(engine, "checkout")
        def checkout(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
            pid = int(dbapi_connection.info.backend_pid)
            if pid != self.pid:
                self.pid, self.server_start = pid, _backend_cpu_ms(pid)

        @event.listens_for(engine, "before_cursor_execute")
        def before(_c: Any, _cursor: Any, statement: str, *_args: Any) -> None:
            self._statement_started = time.perf_counter()

        @event.listens_for(engine, "after_cursor_execute")
        def after(_c: Any, _cursor: Any, statement: str, *_args: Any) -> None:
            if "FROM users" in statement and "users.version" in statement:
                took = (time.perf_counter() - self._statement_started) * 1000.0
                self.wall["sign-in re-check"] = self.wall.get("sign-in re-check", 0.0) + took

    def measure(self, call: Any) -> dict[str, float]:
        self.wall = {}
        self.pid = 0
        started, cpu_started = time.perf_counter(), time.thread_time()
        call()
        total = (time.perf_counter() - started) * 1000.0
        parts = {key: self.wall.get(key, 0.0) for key in self.PARTS[:-1]}
        parts["rest of the call"] = total - sum(parts.values())
        parts["total"] = total
        parts["processor time in the window"] = (time.thread_time() - cpu_started) * 1000.0
        # A new server process starts at 0; a kept one is read at its checkout.
        before = 0.0 if "connect" in self.wall else self.server_start
        parts["processor time in the server process"] = _backend_cpu_ms(self.pid) - before
        return parts


BREAKDOWN_ROUNDS = int(os.environ.get("INTAKE_DESK_BENCH_COUNTY_ROUNDS", "15"))


def _window_breakdown(url: str) -> list[Figure]:
    """One window alone, its submit and queue page taken apart: on the connection it used a moment ago (a
    desk working continuously: the floor), after its idle release (a new connection first), and after the
    window opened its connection ahead when the clerk began the intake (``Database.warm_up``)."""
    db = Database(url, idle_seconds=IDLE_S)
    services = Services(db, FixedClock(TEST_NOW))
    phases = _Phases(db)
    clerk = services.accounts.authenticate(username(0), f"{username(0)}-pass-1")
    counter = iter(range(10_000))

    def submit() -> None:
        services.intake.submit(clerk, county_form(WINDOWS + 2, next(counter)))

    def page() -> None:
        services.queues.page(clerk, ReferralFilter(open_only=True), QueueSort.DUE, limit=QUEUE_PAGE)

    def released() -> None:
        db.engine.pool.dispose()  # what the idle release does

    def ahead() -> None:
        released()
        warm = getattr(db, "warm_up", None)
        if warm is not None:
            warm()

    scenarios = {"warm": lambda: None, "after idle release": released}
    if hasattr(db, "warm_up"):
        scenarios["opened ahead (warm_up)"] = ahead
    for _ in range(3):
        submit()
        page()
    samples: dict[tuple[str, str], list[dict[str, float]]] = {}
    for _ in range(BREAKDOWN_ROUNDS):
        for name, prepare in scenarios.items():  # interleaved: the machine's load falls on all alike
            for kind, call in (("submit", submit), ("queue page", page)):
                prepare()
                samples.setdefault((kind, name), []).append(phases.measure(call))
    db.dispose()
    figures = []
    for (kind, name), runs in samples.items():
        parts = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
        floor = {key: statistics.median(run[key] for run in samples[(kind, "warm")]) for key in runs[0]}
        note = ", ".join(f"{key} {parts[key]:.1f}" for key in _Phases.PARTS if parts.get(key, 0) >= 0.05)
        note += " ms (wall)"
        figures.append(Figure(f"one window, {kind} {name}: wall", parts["total"], None,
                              "on the connection just used", floor["total"], note=note))
        for key in ("processor time in the window", "processor time in the server process"):
            figures.append(Figure(f"one window, {kind} {name}: {key}", parts[key], None,
                                  "on the connection just used", floor[key]))
    return figures


def bench_window() -> list[Figure]:
    """Where one window's submit and queue page go (medians of ``INTAKE_DESK_BENCH_COUNTY_ROUNDS``)."""
    with pg_bench_database("intake_bench_county_window") as url:
        _setup(url, windows=3)
        return _window_breakdown(url)


if __name__ == "__main__":  # pragma: no cover - python -m tests.benchmarks.bench_county
    for figure in bench_county():
        print(figure.line())
