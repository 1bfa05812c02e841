"""A full disk is one sentence saying nothing of the change was saved – the real SQLITE_FULL error,
raised by a database whose size limit (PRAGMA max_page_count) is the size it has now."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.exc import OperationalError

from intake_desk.services import audit
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.store.db import Database, DatabaseFull, is_disk_full, translate_errors
from intake_desk.store.models import Application, AuditEvent
from tests.conftest import make_services
from tests.intake_data import zhuzhou_form


def _fill(db_path: Path, clock: Any) -> Database:
    """The database opened with no room to grow."""
    import sqlite3

    with sqlite3.connect(db_path) as connection:
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    full = Database(f"sqlite:///{db_path}")

    def no_room(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(full.engine, "connect", no_room)
    return full


def test_a_full_disk_is_one_sentence_and_nothing_is_half_saved(services: Services, clerk: Actor, db_path: Path,
                                                               clock: Any) -> None:
    services.db.dispose()
    full = make_services(_fill(db_path, clock), clock)
    with full.db.reading() as session:
        events = session.scalar(select(func.count()).select_from(AuditEvent))
    with pytest.raises(DatabaseFull) as info:
        full.intake.submit(clerk, zhuzhou_form(), expected_open_application_ack=True)
    message = str(info.value)
    assert "not saved" in message and "没有保存" in message and "\n" not in message and " / " in message
    assert isinstance(info.value.__cause__, OperationalError) and "full" in str(info.value.__cause__)
    with full.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Application)) == 0
        assert session.scalar(select(func.count()).select_from(AuditEvent)) == events
    full.db.dispose()
    # Room again: the same form goes through and the trail is whole.
    again = make_services(Database(f"sqlite:///{db_path}"), clock)
    result = again.intake.submit(clerk, zhuzhou_form(), expected_open_application_ack=True)
    assert result.number and audit.verify(again.db).ok
    again.db.dispose()


def test_postgresql_disk_full_is_recognised() -> None:
    import psycopg.errors

    error = OperationalError("INSERT …", {}, psycopg.errors.DiskFull("could not extend file: No space left on device"))
    assert is_disk_full(error)
    with pytest.raises(DatabaseFull), translate_errors():
        raise error
    assert not is_disk_full(OperationalError("SELECT 1", {}, Exception("server closed the connection")))
