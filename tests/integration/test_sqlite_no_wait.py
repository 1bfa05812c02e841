"""A write asked not to wait (``wait=False``, the GUI thread's submit) finds another writer on the SQLite file:
refused at once with ``DatabaseBusy``, nothing written, no number used; the same call waits when asked to."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.store.db import BUSY_TIMEOUT_MS, Database, DatabaseBusy
from intake_desk.store.models import Application
from tests.intake_data import single_form


def _applications(db: Database) -> int:
    with db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(Application)) or 0)


def test_no_wait_is_refused_at_once_and_writes_nothing(services: Services, clerk: Actor, db: Database,
                                                       db_path: Path) -> None:
    first = services.intake.submit(clerk, single_form(1), wait=False)  # nobody else writing: as usual
    assert first.number.endswith("0001")
    other = sqlite3.connect(db_path, timeout=5, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    try:
        started = time.perf_counter()
        with pytest.raises(DatabaseBusy):
            services.intake.submit(clerk, single_form(2), wait=False)
        assert time.perf_counter() - started < 1.0, "refused at once, not after the busy timeout"
    finally:
        other.execute("ROLLBACK")
    assert _applications(db) == 1

    # The connection that was refused waits again as usual (its busy timeout is back): another writer
    # holding the lock for 300 ms delays a waiting submit, which then gets the next number.
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == BUSY_TIMEOUT_MS
    other.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.3, lambda: other.execute("ROLLBACK"))
    release.start()
    started = time.perf_counter()
    second = services.intake.submit(clerk, single_form(3))
    assert time.perf_counter() - started >= 0.25
    release.join()
    other.close()
    assert second.number.endswith("0002"), "the refused submit used no number"
    assert _applications(db) == 2
