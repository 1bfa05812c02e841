"""The audit head on PostgreSQL (services/audit.py): every transaction's events are chained by the server
in one statement sent with the COMMIT, so no desk holds the head while it waits to be scheduled."""

from __future__ import annotations

import threading
import time
from typing import Any

import psycopg
import pytest
from sqlalchemy import func, select, text

from intake_desk.domain.enums import Role
from intake_desk.services import audit
from intake_desk.services.actor import SYSTEM
from intake_desk.services.clock import FixedClock
from intake_desk.store.db import Database
from intake_desk.store.models import AuditEvent, AuditHead
from tests.conftest import add_user, make_services, setup_hall

pytestmark = pytest.mark.pg


def _dsn(pg_url: str) -> str:
    return pg_url.replace("postgresql+psycopg://", "postgresql://")


def test_a_sign_in_waits_for_the_audit_head_in_one_statement_that_commits_with_it(
        pg_db: Database, pg_url: str, clock: FixedClock) -> None:
    services = make_services(pg_db, clock)
    setup_hall(services)
    add_user(services, "clerk1", Role.CLERK, "王丽")
    outcome: list[Any] = []

    def desk() -> None:
        try:
            outcome.append(services.accounts.authenticate("clerk1", "clerk1-pass-1"))
        except BaseException as exc:  # noqa: BLE001 - reported below
            outcome.append(exc)

    with psycopg.connect(_dsn(pg_url)) as holder, psycopg.connect(_dsn(pg_url), autocommit=True) as watcher:
        holder.execute("SELECT last_hash FROM audit_head FOR UPDATE")
        thread = threading.Thread(target=desk)
        thread.start()
        waiting: list[tuple[int, str]] = []
        deadline = time.monotonic() + 30
        while not waiting and time.monotonic() < deadline:
            waiting = [(row[0], row[1]) for row in watcher.execute(
                "SELECT pid, query FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock' AND pid <> %s", (holder.info.backend_pid,))]
            time.sleep(0.05)
        # The sign-in waits in the statement that locks the head, chains its event and moves the head (the
        # server shows its first kilobyte) …
        assert len(waiting) == 1, waiting
        desk_pid, query = waiting[0]
        assert query.lstrip().startswith("WITH RECURSIVE head_row") and "FROM audit_head" in query
        assert not outcome
        holder.rollback()
        thread.join(timeout=30)
        # … and its COMMIT went with it: the desk's server process has nothing open once it is done.
        state = watcher.execute("SELECT state FROM pg_stat_activity WHERE pid = %s", (desk_pid,)).fetchone()
        assert state is None or state[0] == "idle"

    assert len(outcome) == 1 and not isinstance(outcome[0], BaseException), outcome
    with pg_db.reading() as session:
        newest = session.execute(select(*AuditEvent.__table__.c).order_by(AuditEvent.id.desc()).limit(1)).one()
        head = session.execute(select(AuditHead.last_event_id, AuditHead.last_hash)).one()
    assert newest.action == "login" and newest.entity_id == "clerk1"
    assert head.last_event_id == newest.id and head.last_hash == newest.hash
    # The server's hash is the one event_hash gives.
    assert newest.hash == audit.event_hash(newest.prev_hash, newest.at, newest.actor_id, newest.actor_name,
                                           newest.action, newest.entity, newest.entity_id, newest.detail,
                                           newest.state_digest)
    assert audit.verify(pg_db).ok


def test_the_server_starts_the_trail_when_there_is_no_head(pg_db: Database, clock: FixedClock) -> None:
    services = make_services(pg_db, clock)
    setup_hall(services)
    with pg_db.engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_head"))
        before = connection.execute(select(func.max(AuditEvent.id))).scalar_one()
    add_user(services, "clerk1", Role.CLERK, "王丽")
    with pg_db.reading() as session:
        events = session.execute(select(AuditEvent.prev_hash, AuditEvent.hash).where(AuditEvent.id > before)
                                 .order_by(AuditEvent.id)).all()
        head = session.execute(select(AuditHead.last_event_id, AuditHead.last_hash)).one()
        newest = session.scalar(select(func.max(AuditEvent.id)))
    assert events and events[0].prev_hash == audit.GENESIS
    assert all(later.prev_hash == earlier.hash for earlier, later in zip(events, events[1:], strict=False))
    assert head.last_event_id == newest and head.last_hash == events[-1].hash


def test_many_events_in_one_transaction_are_chained_by_the_desk_and_verify(pg_db: Database,
                                                                           clock: FixedClock) -> None:
    """Beyond what the server chains in one statement (a list import), the desk chains them; both verify."""
    services = make_services(pg_db, clock)
    setup_hall(services)
    for count in (3, audit._SERVER_CHAINED + 50):
        with pg_db.transaction() as session:
            audit.record_many(session, SYSTEM, [("note", "test", f"{count}-{k}", {"k": k}) for k in range(count)],
                              at=clock.now())
    with pg_db.reading() as session:
        assert session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "note")) \
            == 3 + audit._SERVER_CHAINED + 50
    assert audit.verify(pg_db).ok
