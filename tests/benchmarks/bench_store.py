"""Receipt-number allocation: one writing transaction per number, as a desk does at submit."""

from __future__ import annotations

import sqlite3
import tempfile
from datetime import date
from pathlib import Path

from intake_desk.store.counters import next_receipt_number
from intake_desk.store.db import Database
from intake_desk.store.migrate import upgrade
from tests.benchmarks.harness import Figure, median_ms, pg_bench_database

DAY = date(2026, 11, 20)


def _sqlite_figures(folder: Path) -> list[Figure]:
    db = Database(f"sqlite:///{folder / 'bench.sqlite3'}")
    upgrade(db, backup_dir=folder)

    def allocate() -> None:
        with db.transaction() as session:
            next_receipt_number(session, "HT01", DAY)

    ours = median_ms(allocate, repeat=201)
    raw = sqlite3.connect(folder / "bench.sqlite3", isolation_level=None)
    raw.execute("PRAGMA journal_mode=WAL")
    raw.execute("PRAGMA synchronous=FULL")

    def allocate_raw() -> None:
        raw.execute("BEGIN IMMEDIATE")
        raw.execute("INSERT INTO counters (scope, day, value) VALUES ('raw', '2026-11-20', 1) "
                    "ON CONFLICT (scope, day) DO UPDATE SET value = value + 1 RETURNING value").fetchone()
        raw.execute("COMMIT")

    floor = median_ms(allocate_raw, repeat=201)
    raw.close()
    db.dispose()
    return [Figure("receipt number, SQLite (own transaction, fsync)", ours, None, "raw sqlite3 upsert+commit", floor)]


def _pg_figures() -> list[Figure]:
    with pg_bench_database("intake_bench_store") as url:
        return _pg_measure(Database(url))


def _pg_measure(db: Database) -> list[Figure]:
    try:
        upgrade(db)

        def allocate() -> None:
            with db.transaction() as session:
                next_receipt_number(session, "BENCH", DAY)

        ours = median_ms(allocate, repeat=201)
        raw = db.engine.raw_connection()
        cursor = raw.cursor()

        def allocate_raw() -> None:
            cursor.execute("INSERT INTO counters (scope, day, value) VALUES ('raw', '2026-11-20', 1) "
                           "ON CONFLICT (scope, day) DO UPDATE SET value = counters.value + 1 RETURNING value")
            cursor.fetchone()
            raw.commit()

        floor = median_ms(allocate_raw, repeat=201)
        raw.close()
        return [Figure("receipt number, PostgreSQL", ours, None, "raw psycopg upsert+commit", floor)]
    finally:
        db.dispose()


def bench_receipt_numbers() -> list[Figure]:
    with tempfile.TemporaryDirectory() as folder:
        figures = _sqlite_figures(Path(folder))
    return figures + _pg_figures()
