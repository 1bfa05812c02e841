"""The end of a submit (services/submit_seal.py): the receipt counter and the audit head are taken last,
in one statement on PostgreSQL, and the events carry the same digests a fresh read of the rows gives."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from typing import Any

import psycopg
import pytest
from sqlalchemy import func, select, text

from intake_desk.domain.enums import Role
from intake_desk.services import audit
from intake_desk.services.clock import FixedClock
from intake_desk.services.intake import SubmitResult, referral_choice
from intake_desk.store.db import Database
from intake_desk.store.models import AuditEvent, AuditHead
from tests.conftest import add_user, make_services, setup_hall
from tests.intake_data import single_form, zhuzhou_form


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def database(request: pytest.FixtureRequest) -> Database:
    return request.getfixturevalue("db" if request.param == "sqlite" else "pg_db")  # type: ignore[no-any-return]


def test_the_events_of_a_submit_carry_the_digests_of_the_rows_as_read_back(database: Database,
                                                                           clock: FixedClock) -> None:
    services = make_services(database, clock)
    setup_hall(services)
    clerk = add_user(services, "clerk1", Role.CLERK, "王丽")
    form = zhuzhou_form()  # signed declaration: fast track with post-checks; referrals proposed below
    preview = services.intake.preview(clerk, form)
    form = replace(form, referrals=tuple(referral_choice(p, consent_given=True) for p in preview.referrals))
    result = services.intake.submit(clerk, form)
    assert result.referrals and result.post_checks

    with database.reading() as session:
        events = session.execute(select(AuditEvent.action, AuditEvent.entity, AuditEvent.entity_id,
                                        AuditEvent.state_digest).order_by(AuditEvent.id.desc())
                                 .limit(2 + len(result.referrals) + len(result.post_checks))).all()
        recorded = {(entity, entity_id): digest for _action, entity, entity_id, digest in events}
        actions = [action for action, _e, _i, _d in reversed(events)]
        fresh = {}
        for entity in ("application", "referral", "post_check", "procedure"):
            ids = [i for e, i in recorded if e == entity]
            fresh.update({(entity, i): d for i, d in audit.state_digests(session, entity, ids).items()})
    assert actions == (["application.submit"] + ["referral.create"] * len(result.referrals)
                       + ["postcheck.schedule"] * len(result.post_checks) + ["procedure.open"])
    assert ("application", result.number) in recorded and ("procedure", result.number) in recorded
    assert {f"{result.number}-{r.number.rsplit('-', 1)[1]}" for r in result.referrals} \
        == {i for e, i in recorded if e == "referral"}
    assert all(digest is not None and digest != audit.ABSENT for digest in recorded.values())
    assert recorded == fresh
    assert audit.verify(database).ok


@pytest.mark.pg
def test_a_submit_waits_for_the_counter_in_its_last_statement_without_holding_the_audit_head(
        pg_db: Database, pg_url: str, clock: FixedClock) -> None:
    services = make_services(pg_db, clock)
    setup_hall(services)
    clerk = add_user(services, "clerk1", Role.CLERK, "王丽")
    first = services.intake.submit(clerk, single_form(1))
    found = services.intake.lookup_person(clerk, single_form(1).members[0].resident_id)
    assert first.number == "HT01-20261120-0001" and found is not None

    dsn = pg_url.replace("postgresql+psycopg://", "postgresql://")
    outcome: list[Any] = []

    def desk() -> None:
        try:
            outcome.append(services.intake.submit(clerk, single_form(2)))
        except BaseException as exc:  # noqa: BLE001 - reported below
            outcome.append(exc)

    with psycopg.connect(dsn) as holder, psycopg.connect(dsn, autocommit=True) as watcher:
        holder.execute("SELECT value FROM counters WHERE scope = 'receipt:HT01' FOR UPDATE")
        thread = threading.Thread(target=desk)
        thread.start()
        waiting: list[str] = []
        deadline = time.monotonic() + 30
        while not waiting and time.monotonic() < deadline:
            waiting = [row[0] for row in watcher.execute(
                "SELECT query FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' "
                "AND pid <> %s", (holder.info.backend_pid,))]
            time.sleep(0.05)
        # The submit waits in one statement that takes the counter and then the audit head (the server shows
        # its first kilobyte) …
        assert len(waiting) == 1, waiting
        assert "INSERT INTO counters" in waiting[0] and "FROM audit_head" in waiting[0]
        # … and holds no audit head while it waits: another service's event is written meanwhile.
        other = make_services(Database(pg_db.url), clock)
        try:
            opened = threading.Thread(target=other.intake.lookup_person, args=(clerk,),
                                      kwargs={"person_id": found.person_id})
            opened.start()
            opened.join(timeout=20)
            assert not opened.is_alive()
        finally:
            other.db.dispose()
        assert not outcome  # still waiting for the counter
        holder.rollback()
        thread.join(timeout=30)

    assert len(outcome) == 1 and isinstance(outcome[0], SubmitResult), outcome
    assert outcome[0].number == "HT01-20261120-0002"
    with pg_db.reading() as session:
        actions = session.scalars(select(AuditEvent.action).order_by(AuditEvent.id.desc()).limit(3)).all()
    # the head moved on while the submit waited: another desk's event, then the submit's own
    assert actions == ["procedure.open", "application.submit", "person.open"]
    assert audit.verify(pg_db).ok


@pytest.mark.pg
def test_a_submit_starts_the_trail_when_there_is_no_audit_head(pg_db: Database, clock: FixedClock) -> None:
    services = make_services(pg_db, clock)
    setup_hall(services)
    clerk = add_user(services, "clerk1", Role.CLERK, "王丽")
    with pg_db.engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_head"))
    result = services.intake.submit(clerk, single_form(3))
    with pg_db.reading() as session:
        events = session.execute(select(AuditEvent.id, AuditEvent.action, AuditEvent.prev_hash, AuditEvent.hash)
                                 .where(AuditEvent.entity_id == result.number).order_by(AuditEvent.id)).all()
        newest = session.scalar(select(func.max(AuditEvent.id)))
        head = session.execute(select(AuditHead.last_event_id, AuditHead.last_hash)).one()
    assert [e.action for e in events] == ["application.submit", "procedure.open"]
    assert events[0].prev_hash == audit.GENESIS and events[1].prev_hash == events[0].hash
    assert head.last_event_id == newest == events[-1].id and head.last_hash == events[-1].hash
