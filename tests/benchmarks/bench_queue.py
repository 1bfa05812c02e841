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

ROOT = Path(__file__).resolve().parents[2]
BENCH_DIR = ROOT / "artifacts" / "bench"
REFERRALS = 1_000_000
BENCH_NOW = datetime(2026, 11, 20, 10, 0, tzinfo=LOCAL_ZONE)
SQLITE_PATH = BENCH_DIR / "referrals-1m.sqlite3"
PG_SERVER = os.environ.get("INTAKE_DESK_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
PG_NAME = "intake_bench_1m"


def bench_url(kind: str) -> str:
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
    db = Database(bench_url(kind))
    upgrade(db, backup_dir=BENCH_DIR)
    last = [0.0]

    def progress(report: Any) -> None:
        if report.seconds - last[0] >= 30:
            last[0] = report.seconds
            print(f"  {report.referrals:>9} referrals, {report.seconds:6.0f} s", flush=True)

    report = bulk_seed(db, PackRegistry.default(), referrals=REFERRALS, now=BENCH_NOW.astimezone(),
                       batch_size=5000, progress=progress)
    with db.engine.connect() as connection:
        if db.is_sqlite:
            connection.exec_driver_sql("ANALYZE")
        else:
            connection.exec_driver_sql("COMMIT")
            connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM ANALYZE")
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


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "build":
        print(json.dumps(build(sys.argv[2]), ensure_ascii=False, indent=2))
        sys.exit(0)
    print(__doc__)
    sys.exit(subprocess.call([sys.executable, "-m", "tests.benchmarks.run", "bench_queue"]))
