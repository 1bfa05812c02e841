"""``audit verify`` with entity digests beside the hash chain alone, on a bulk-seeded SQLite database.

The database is built once by ``services.bulk_seed`` (which leaves one attested event per application
and referral) and kept in ``artifacts/bench/audit-<households>.sqlite3``; the number of households is
``INTAKE_DESK_BENCH_AUDIT_HOUSEHOLDS`` (default 20,000). Two floors, measured in the same run: the chain
alone (``--quick``), and a plain ``sqlite3`` loop that reads every row of the tables verify reads and
hashes each row's ``repr`` with SHA-256 (what reading and hashing the data costs with no canonical
state at all). Processor time per record is printed beside that floor's, so a loaded machine's waiting
is left out; per-record figures say what a larger database would take.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from pathlib import Path

from sqlalchemy import func, select

from intake_desk.services import audit
from intake_desk.services.bulk_seed import bulk_seed
from intake_desk.services.context import Services
from intake_desk.services.entity_states import APPLICATION_PARTS
from intake_desk.store import models
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


_READ_TABLES = (AuditEvent, Application, *APPLICATION_PARTS, Referral, models.PostCheck, models.User,
                models.AppSetting, models.Callback, models.FollowUp, models.ApplicationProcedure,
                models.ProcedureStep, models.ProcedureExtension, models.PublicityObjection,
                models.ProcedureWithdrawal, models.ProcedureDecision, models.ProcedureRefusalReason, models.Lead,
                models.MonitoredHousehold, models.MonitoringVisit, models.MonitoringMove)


def _timed(fn: object) -> tuple[float, float, audit.VerifyResult]:
    """(wall ms, processor ms, result)."""
    started, processor = time.perf_counter(), time.process_time()
    result = fn()  # type: ignore[operator]
    return (time.perf_counter() - started) * 1000.0, (time.process_time() - processor) * 1000.0, result


def _read_and_hash(path: Path) -> tuple[float, float, int]:
    """The floor: every row of the tables verify reads, through plain sqlite3, its repr hashed."""
    started, processor = time.perf_counter(), time.process_time()
    rows = 0
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        for model in _READ_TABLES:
            for row in connection.execute(f"SELECT * FROM {model.__tablename__}"):
                hashlib.sha256(repr(row).encode()).hexdigest()
                rows += 1
    finally:
        connection.close()
    return (time.perf_counter() - started) * 1000.0, (time.process_time() - processor) * 1000.0, rows


def _median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


def bench_audit_verify() -> list[Figure]:
    db = _database()
    path = db.sqlite_path
    assert path is not None
    try:
        with db.reading() as session:
            applications = int(session.scalar(select(func.count()).select_from(Application)) or 0)
            referrals = int(session.scalar(select(func.count()).select_from(Referral)) or 0)
            events = int(session.scalar(select(func.count()).select_from(AuditEvent)) or 0)
        chain_runs = [_timed(lambda: audit.verify(db, digests=False)) for _ in range(3)]
        full_runs = [_timed(lambda: audit.verify(db)) for _ in range(3)]
        floor_runs = [_read_and_hash(path) for _ in range(3)]
        chain_ms, chain_cpu = _median([r[0] for r in chain_runs]), _median([r[1] for r in chain_runs])
        full_ms, full_cpu = _median([r[0] for r in full_runs]), _median([r[1] for r in full_runs])
        floor_ms, floor_cpu = _median([r[0] for r in floor_runs]), _median([r[1] for r in floor_runs])
        floor_rows = floor_runs[0][2]
        result = full_runs[-1][2]
        assert result.ok, (result.problem, result.findings[:3])
        rows = result.entities_checked
        load = os.getloadavg()[0]
        return [
            Figure(f"audit verify, digests ({applications:,} applications, {referrals:,} referrals)", full_ms,
                   floor_name=f"chain alone, {events:,} events", floor_ms=chain_ms,
                   note=f"{rows:,} records, {full_ms / max(rows, 1) * 1000:.1f} µs a record; load {load:.1f}"),
            Figure("audit verify, digests: processor time a record (chain included)", full_cpu / max(rows, 1) * 1000,
                   unit="µs", floor_name=f"sqlite3 read + sha256 of repr, {floor_rows:,} rows",
                   floor_ms=floor_cpu / max(rows, 1) * 1000,
                   note=f"processor {full_cpu / 1000:.1f} s; floor {floor_cpu / 1000:.1f} s "
                        f"({floor_ms / 1000:.1f} s wall); chain alone {chain_cpu / 1000:.1f} s"),
            Figure("audit verify, chain alone, per 1,000 events", chain_ms / max(events, 1) * 1000),
        ]
    finally:
        db.dispose()
