"""Receipt numbers are unique and gap-free when many desks allocate at once (8 processes × 50)."""

from __future__ import annotations

import multiprocessing
from datetime import date
from pathlib import Path

import pytest

from intake_desk.store.counters import next_receipt_number, next_value, receipt_number
from intake_desk.store.db import Database

DAY = date(2026, 11, 20)
PROCESSES, EACH = 8, 50


def _allocate(url: str, count: int, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    db = Database(url)
    numbers = []
    for _ in range(count):
        with db.transaction() as session:
            numbers.append(next_value(session, "receipt:HT01", DAY))
    db.dispose()
    queue.put(numbers)


def _run_desks(url: str) -> list[int]:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    workers = [context.Process(target=_allocate, args=(url, EACH, queue)) for _ in range(PROCESSES)]
    for worker in workers:
        worker.start()
    results = [queue.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=30)
        assert worker.exitcode == 0
    return sorted(n for numbers in results for n in numbers)


@pytest.mark.slow
def test_sqlite_file_eight_desks(db: Database, db_path: Path) -> None:
    assert _run_desks(f"sqlite:///{db_path}") == list(range(1, PROCESSES * EACH + 1))


@pytest.mark.slow
@pytest.mark.pg
def test_postgresql_eight_desks(pg_db: Database, pg_url: str) -> None:
    assert _run_desks(pg_url) == list(range(1, PROCESSES * EACH + 1))


def test_rolled_back_number_is_reused(db: Database) -> None:
    with db.transaction() as session:
        assert next_receipt_number(session, "HT01", DAY) == "HT01-20261120-0001"
    with pytest.raises(RuntimeError), db.transaction() as session:
        assert next_receipt_number(session, "HT01", DAY) == "HT01-20261120-0002"
        raise RuntimeError("submit failed after the number was drawn")
    with db.transaction() as session:
        assert next_receipt_number(session, "HT01", DAY) == "HT01-20261120-0002"


def test_numbers_restart_each_day_and_per_hall(db: Database) -> None:
    with db.transaction() as session:
        assert next_receipt_number(session, "HT01", DAY) == "HT01-20261120-0001"
        assert next_receipt_number(session, "HT02", DAY) == "HT02-20261120-0001"
        assert next_receipt_number(session, "HT01", date(2026, 11, 23)) == "HT01-20261123-0001"
        assert next_receipt_number(session, "HT01", DAY) == "HT01-20261120-0002"


def test_receipt_number_format() -> None:
    assert receipt_number("HT01", DAY, 7) == "HT01-20261120-0007"
