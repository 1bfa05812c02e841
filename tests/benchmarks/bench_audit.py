"""``audit verify`` with entity digests beside the hash chain alone, on a bulk-seeded SQLite database.

The database is built once by ``services.bulk_seed`` (which leaves one attested event per application
and referral) and kept in ``artifacts/bench/audit-<households>.sqlite3``; the number of households is
``INTAKE_DESK_BENCH_AUDIT_HOUSEHOLDS`` (default 20,000). The floor is the chain alone (``--quick``),
walked in the same run; per-row figures say what a larger database would take.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from sqlalchemy import func, select

from intake_desk.services import audit
from intake_desk.services.bulk_seed import bulk_seed
from intake_desk.services.context import Services
from intake_desk.store.db import Database
from intake_desk.store.migrate import upgrade
from intake_desk.store.models import Application, AuditEvent, Referral
from tests.benchmarks.harness import Figure

ROOT = Path(__file__).resolve().parents[2]
HOUSEHOLDS = int(os.environ.get("INTAKE_DESK_BENCH_AUDIT_HOUSEHOLDS", "20000"))


def _database() -> Database:
    path = ROOT / "artifacts" / "bench" / f"audit-{HOUSEHOLDS}.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh = not path.exists()
    db = Database(f"sqlite:///{path}")
    upgrade(db, backup_dir=path.parent)
    if fresh:
        started = time.perf_counter()
        bulk_seed(db, Services(db).packs, households=HOUSEHOLDS, seed=11)
        print(f"  built {path.name} in {time.perf_counter() - started:.0f} s")
    return db


def _timed(fn: object) -> tuple[float, audit.VerifyResult]:
    started = time.perf_counter()
    result = fn()  # type: ignore[operator]
    return (time.perf_counter() - started) * 1000.0, result


def bench_audit_verify() -> list[Figure]:
    db = _database()
    try:
        with db.reading() as session:
            applications = int(session.scalar(select(func.count()).select_from(Application)) or 0)
            referrals = int(session.scalar(select(func.count()).select_from(Referral)) or 0)
            events = int(session.scalar(select(func.count()).select_from(AuditEvent)) or 0)
        chain_runs = [_timed(lambda: audit.verify(db, digests=False)) for _ in range(3)]
        full_runs = [_timed(lambda: audit.verify(db)) for _ in range(3)]
        chain_ms = sorted(ms for ms, _ in chain_runs)[1]
        full_ms = sorted(ms for ms, _ in full_runs)[1]
        result = full_runs[-1][1]
        assert result.ok, (result.problem, result.findings[:3])
        rows = result.entities_checked
        return [
            Figure(f"audit verify, digests ({applications:,} applications, {referrals:,} referrals)", full_ms,
                   floor_name=f"chain alone, {events:,} events", floor_ms=chain_ms,
                   note=f"{rows:,} records, {full_ms / max(rows, 1) * 1000:.1f} µs a record"),
            Figure("audit verify, chain alone, per 1,000 events", chain_ms / max(events, 1) * 1000),
        ]
    finally:
        db.dispose()
