"""Referral queue on 1,000,000 referrals: first page with filter + sort, beside the raw SQL of the same
query, on SQLite and PostgreSQL; counts; and the memory of the window with that database open.

The databases are built once by ``services.bulk_seed`` (the real rules, bulk writes) and kept:
SQLite in ``artifacts/bench/referrals-1m.sqlite3``, PostgreSQL as database ``intake_bench_1m`` on the
test server. Build them explicitly (the time is recorded in ``artifacts/bench/build-<kind>.json``)::

    .venv/bin/python -m tests.benchmarks.bench_queue build sqlite
    .venv/bin/python -m tests.benchmarks.bench_queue build postgresql
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from intake_desk.services.clock import LOCAL_ZONE, FixedClock
from tests.benchmarks.harness import Figure

ROOT = Path(__file__).resolve().parents[2]
BENCH_DIR = ROOT / "artifacts" / "bench"
REFERRALS = 1_000_000
BENCH_NOW = datetime(2026, 11, 20, 10, 0, tzinfo=LOCAL_ZONE)
SQLITE_PATH = BENCH_DIR / "referrals-1m.sqlite3"
PG_SERVER = os.environ.get("INTAKE_DESK_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
PG_NAME = "intake_bench_1m"


def database_url(kind: str) -> str:
    if kind == "sqlite":
        return f"sqlite:///{SQLITE_PATH}"
    return make_url(PG_SERVER).set(database=PG_NAME).render_as_string(hide_password=False)


def build_record(kind: str) -> dict[str, Any] | None:
    path = BENCH_DIR / f"build-{kind}.json"
    return json.loads(path.read_text()) if path.exists() else None


def exists(kind: str) -> bool:
    record = build_record(kind)
    if record is None or not record.get("complete"):
        return False
    if kind == "sqlite":
        return SQLITE_PATH.exists()
    engine = create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            return bool(connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": PG_NAME}))
    finally:
        engine.dispose()


def ensure_current(kind: str) -> None:
    """Bring a kept benchmark database to the newest revision in place (it can be rebuilt, so no backup)."""
    from alembic import command

    from intake_desk.store.db import Database
    from intake_desk.store.migrate import alembic_config, current_revision, head_revision

    db = Database(database_url(kind))
    try:
        if current_revision(db) == head_revision():
            return
        print(f"   upgrading the {kind} benchmark database to {head_revision()} …", flush=True)
        with db.engine.begin() as connection:
            config = alembic_config(db)
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("ANALYZE")
    finally:
        db.dispose()


def build(kind: str) -> dict[str, Any]:
    """Create the benchmark database from nothing and record how long it took."""
    from intake_desk.policy.pack import PackRegistry
    from intake_desk.services.bulk_seed import bulk_seed
    from intake_desk.store.db import Database
    from intake_desk.store.migrate import upgrade

    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    if kind == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
    else:
        admin = create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{PG_NAME}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{PG_NAME}"'))
        admin.dispose()
    started = time.perf_counter()
    db = Database(database_url(kind))
    upgrade(db, backup_dir=BENCH_DIR)
    last = [0.0]

    def progress(report: Any) -> None:
        if report.seconds - last[0] >= 30:
            last[0] = report.seconds
            print(f"  {report.referrals:>9} referrals, {report.seconds:6.0f} s", flush=True)

    report = bulk_seed(db, PackRegistry.default(), referrals=REFERRALS, now=BENCH_NOW.astimezone(),
                       batch_size=5000, progress=progress)
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("ANALYZE" if db.is_sqlite else "VACUUM ANALYZE")
    seconds = time.perf_counter() - started
    db.dispose()
    record = {
        "kind": kind, "complete": True, "seconds": round(seconds, 1), "seed_seconds": round(report.seconds, 1),
        "households": report.households, "applications": report.applications, "referrals": report.referrals,
        "events": report.events, "by_status": report.by_status, "overdue": report.overdue,
        "size_bytes": SQLITE_PATH.stat().st_size if kind == "sqlite" else None,
        "built_at": datetime.now(LOCAL_ZONE).isoformat(timespec="seconds"), "machine_cpus": os.cpu_count(),
    }
    (BENCH_DIR / f"build-{kind}.json").write_text(json.dumps(record, ensure_ascii=False, indent=2))
    print(report.line())
    return record


def clock() -> FixedClock:
    return FixedClock(BENCH_NOW)


# -- the queue ---------------------------------------------------------------------------------------

PAGE = 100


def _cases() -> list[tuple[str, str, Any, Any]]:
    """(name, who, filter, sort) – the queries a supervisor and a department officer make most."""
    from intake_desk.domain.enums import ReferralStatus as S
    from intake_desk.services.queues import QueueSort as Q
    from intake_desk.services.queues import ReferralFilter as F

    return [
        ("open, by due date (the default)", "super", F(open_only=True), Q.DUE),
        ("department + open, by due date", "super", F(department_codes=("medical",), open_only=True), Q.DUE),
        ("overdue, by due date", "super", F(overdue=True), Q.DUE),
        ("due within 2 working days", "super", F(due_within_days=2), Q.DUE),
        ("hall + status, by age", "super", F(hall_codes=("YT",), statuses=(S.SENT,)), Q.AGE),
        ("everything, by department", "super", F(), Q.DEPARTMENT),
        ("everything, newest first", "super", F(), Q.NEWEST),
        ("clerk + 30-day range, newest first", "super",
         F(clerk_usernames=("yt-clerk1",), created_from=BENCH_NOW.date().replace(day=1) - _days(20),
           created_to=BENCH_NOW.date()), Q.NEWEST),
        ("pinyin initials 'zl', by due date", "super", F(text="zl"), Q.DUE),
        ("name '王' + open, by due date", "super", F(text="王", open_only=True), Q.DUE),
        ("overdue + department, by age", "super", F(overdue=True, department_codes=("housing",)), Q.AGE),
        ("inbox: sent to medical, most urgent", "medical", F(statuses=(S.SENT,)), Q.URGENCY),
        ("inbox: medical in progress, most urgent", "medical", F(statuses=(S.RECEIVED, S.IN_PROGRESS)), Q.URGENCY),
    ]


def _days(n: int) -> Any:
    from datetime import timedelta

    return timedelta(days=n)


def _captured_sql(db: Any, fn: Any) -> tuple[str, Any]:
    """The SELECT … ORDER BY … LIMIT statement and parameters ``fn`` sends to the driver."""
    from sqlalchemy import event

    seen: list[tuple[str, Any]] = []

    def grab(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool) -> None:
        seen.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", grab)
    try:
        fn()
    finally:
        event.remove(db.engine, "before_cursor_execute", grab)
    pages = [(sql, params) for sql, params in seen if "FROM referrals" in sql and "ORDER BY" in sql]
    return pages[-1]


def _raw_runner(kind: str, db: Any) -> tuple[Any, Any]:
    """A plain DBAPI connection to the same database, and a function running one statement on it."""
    if kind == "sqlite":
        import sqlite3

        connection = sqlite3.connect(SQLITE_PATH)
    else:
        import psycopg

        url = db.url
        connection = psycopg.connect(host=url.host, port=url.port or 5432, user=url.username, dbname=url.database,
                                     autocommit=True)

    def run(sql: str, params: Any) -> list[Any]:
        cursor = connection.cursor()
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        cursor.close()
        return rows

    return connection, run


def _queue_figures(kind: str) -> list[Figure]:
    from intake_desk.services.context import Services
    from intake_desk.store.db import Database
    from tests.benchmarks.harness import median_ms

    db = Database(database_url(kind))
    services = Services(db, clock())
    actors = {"super": services.accounts.authenticate("yt-super", "yt-super-demo-2026"),
              "medical": services.accounts.authenticate("medical1", "medical1-demo-2026")}
    connection, raw = _raw_runner(kind, db)
    label = "SQLite" if kind == "sqlite" else "PostgreSQL"
    figures: list[Figure] = []
    try:
        for name, who, filter, sort in _cases():
            actor = actors[who]

            def page(actor: Any = actor, filter: Any = filter, sort: Any = sort) -> Any:
                return services.queues.page(actor, filter, sort, limit=PAGE)

            rows = len(page().rows)
            sql, params = _captured_sql(db, page)
            ours = median_ms(page, repeat=15, warmup=2)
            floor = median_ms(lambda sql=sql, params=params: raw(sql, params), repeat=15, warmup=2)
            figures.append(Figure(f"queue {label}: {name}", ours, 100.0, "raw SQL, same query", floor,
                                  note=f"{rows} rows"))
        # Scrolling: page 51 reached by keyset (what the table asks for after 5,000 rows).
        cursor = None
        actor = actors["super"]
        from intake_desk.services.queues import QueueSort, ReferralFilter

        for _ in range(50):
            cursor = services.queues.page(actor, ReferralFilter(), QueueSort.DUE, after=cursor, limit=PAGE).next_cursor
        deep = median_ms(lambda: services.queues.page(actor, ReferralFilter(), QueueSort.DUE, after=cursor,
                                                      limit=PAGE), repeat=15)
        figures.append(Figure(f"queue {label}: page 51 by keyset (rows 5,001–5,100)", deep, 100.0))
        # Counts at the top of the page (one GROUP BY, overdue per department, aging buckets).
        counts = median_ms(lambda: services.queues.counts(actor), repeat=5, warmup=1)
        group_sql = "SELECT department_id, status, count(*) FROM referrals GROUP BY department_id, status"
        group = median_ms(lambda: raw(group_sql, ()), repeat=5, warmup=1)
        figures.append(Figure(f"counts {label}: department × status + overdue + aging", counts, None,
                              "raw GROUP BY department, status", group,
                              note="once per refresh, never per keystroke"))
        capped = median_ms(lambda: services.queues.count(actor, ReferralFilter(text="zl")), repeat=5, warmup=1)
        figures.append(Figure(f"count {label}: rows matching 'zl' (capped at 10,000)", capped, None))
        summary = median_ms(lambda: services.queues.summary(actor), repeat=5, warmup=1)
        figures.append(Figure(f"sign-in summary {label}: overdue + due within 2", summary, None))
    finally:
        connection.close()
        db.dispose()
    return figures


def bench_queue_sqlite() -> list[Figure]:
    if not exists("sqlite"):
        print("   building the 1,000,000-referral SQLite database first …", flush=True)
        build("sqlite")
    ensure_current("sqlite")
    return _queue_figures("sqlite")


def bench_queue_postgresql() -> list[Figure]:
    if not exists("postgresql"):
        print("   building the 1,000,000-referral PostgreSQL database first …", flush=True)
        build("postgresql")
    ensure_current("postgresql")
    return _queue_figures("postgresql")


# -- memory ------------------------------------------------------------------------------------------

_WINDOW = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
from tests.benchmarks.bench_queue import database_url, clock
from intake_desk.services.context import Services
from intake_desk.store.db import Database
from intake_desk.ui.application import application, build_main_window
from intake_desk.ui import worker
app = application("zh")
services = Services(Database(database_url(sys.argv[1])), clock())
actor = services.accounts.authenticate("yt-super", "yt-super-demo-2026")
window = build_main_window(services, actor)
window.resize(1500, 900)
window.show()
def settle():
    for _ in range(50):
        app.processEvents(); worker.wait_all(30_000); app.processEvents()
settle()
page = window.show_page("referrals")
settle()
for _ in range(25):  # scroll 5,000 rows down the queue
    page.model.fetchMore()
settle()
page.table.selectRow(10)
settle()
window.show_page("statistics")
settle()
window.show_page("referrals")
settle()
status = open("/proc/self/status").read()
values = {line.split(":")[0]: int(line.split()[1]) for line in status.splitlines() if line.startswith(("VmRSS", "VmHWM"))}
print(f"rss {values['VmRSS']} hwm {values['VmHWM']} rows {page.model.rowCount()}", flush=True)
"""

_BARE = """
import os
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1500, 900)
window.show()
for _ in range(20):
    app.processEvents()
status = open("/proc/self/status").read()
values = {line.split(":")[0]: int(line.split()[1]) for line in status.splitlines() if line.startswith(("VmRSS", "VmHWM"))}
print(f"rss {values['VmRSS']} hwm {values['VmHWM']} rows 0", flush=True)
"""


def _rss(script: str, *args: str) -> tuple[float, float, int]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), INTAKE_DESK_HOME=str(BENCH_DIR / "home"))
    out = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, env=env,
                         cwd=ROOT, timeout=600, check=True).stdout
    line = next(line for line in out.splitlines() if line.startswith("rss "))
    _, rss, _, hwm, _, rows = line.split()
    return int(rss) / 1024, int(hwm) / 1024, int(rows)


def bench_memory() -> list[Figure]:
    if not exists("sqlite"):
        build("sqlite")
    ensure_current("sqlite")
    bare, bare_peak, _ = _rss(_BARE)
    rss, peak, rows = _rss(_WINDOW, "sqlite")
    return [
        Figure("memory: window on 1,000,000 referrals (SQLite), RSS", rss, 300.0, "bare PySide6 window", bare,
               unit="MB", note=f"{rows:,} queue rows loaded, statistics shown"),
        Figure("memory: same, peak RSS (VmHWM)", peak, 300.0, "bare PySide6 window, peak", bare_peak, unit="MB"),
    ]


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "build":
        print(json.dumps(build(sys.argv[2]), ensure_ascii=False, indent=2))
        sys.exit(0)
    if len(sys.argv) == 3 and sys.argv[1] == "upgrade":
        ensure_current(sys.argv[2])
        sys.exit(0)
    print(__doc__)
    sys.exit(subprocess.call([sys.executable, "-m", "tests.benchmarks.run", "bench_queue"]))
