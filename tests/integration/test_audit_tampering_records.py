"""The audit trail attests callbacks, follow-ups, procedures, leads and monitored households as their own
kinds of entity: ``audit verify`` names each row of these tables changed, added or removed outside the
program, on SQLite and PostgreSQL; a database from before (migration 0013) gets a baseline event per
row, authored by the system as the upgrade."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from intake_desk.domain.enums import Rating, Role
from intake_desk.services import audit
from intake_desk.services.clock import FixedClock
from intake_desk.services.context import Services
from intake_desk.services.discovery import LeadOutcome
from intake_desk.services.monitoring import EntryDetails, VisitRecord
from intake_desk.store.db import Database
from intake_desk.store.migrate import downgrade, upgrade
from tests.conftest import add_user, make_services, setup_hall
from tests.discovery_data import person_rows, write_csv
from tests.intake_data import single_form
from tests.tampering import RECORD_UPDATES, as_attacker, recompute_chain

INVESTIGATION = {"investigators": ["李四", "王五"], "visit_record": "家中无劳动力，住房简陋，与申报一致"}


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def database(request: pytest.FixtureRequest) -> Iterator[Database]:
    yield request.getfixturevalue("db" if request.param == "sqlite" else "pg_db")


@dataclass
class Records:
    services: Services
    number: str  # an application with a procedure step, a poor rating and its follow-up
    callback: int
    follow_up: int
    lead_untouched: int
    lead_visited: int
    monitored: int


@pytest.fixture
def records(database: Database, clock: FixedClock, tmp_path: Path) -> Records:
    services = make_services(database, clock)
    setup_hall(services)
    clerk = add_user(services, "clerk1", Role.CLERK, "王丽")
    supervisor = add_user(services, "super1", Role.SUPERVISOR, "李强")
    number = services.intake.submit(clerk, single_form(1, "钱七")).number
    view = services.procedure.view(clerk, number)
    services.procedure.record_step(clerk, number, "investigation", INVESTIGATION, expected_version=view.version,
                                   done_on=clock.today())
    rated = services.callbacks.rate_at_window(clerk, number, Rating.DISSATISFIED, comment="等了很久")
    assert rated.follow_up_id is not None
    services.discovery.import_list(supervisor, write_csv(tmp_path / "l.csv", person_rows(2)), "rural")
    leads = sorted(services.discovery.leads(clerk), key=lambda lead: lead.id)
    visited = services.discovery.record_visit(clerk, leads[1].id, leads[1].version,
                                              VisitRecord(date(2026, 11, 20), "王丽", "李强", "情况属实"),
                                              LeadOutcome.CLASS1, entry=EntryDetails(per_capita_income_fen=80_000))
    assert visited.monitored_id is not None
    return Records(services, number, rated.id, rated.follow_up_id, leads[0].id, leads[1].id, visited.monitored_id)


def _found(result: audit.VerifyResult) -> list[tuple[str, str, str]]:
    return [(f.entity, f.entity_id, f.change) for f in result.findings]


def _run(db: Database, sql: str, **values: object) -> int:
    with db.engine.begin() as connection:
        return connection.execute(text(sql), values).rowcount


def test_the_untouched_records_verify(records: Records) -> None:
    result = audit.verify(records.services.db)
    assert result.ok, (result.problem, _found(result))
    assert result.unattested == 0
    # Each kind is read and attested: removing the rows' digests would leave them "added".
    with records.services.db.reading() as session:
        for entity, entity_id in (("callback", records.callback), ("follow_up", records.follow_up),
                                  ("procedure", records.number), ("lead", records.lead_untouched),
                                  ("lead", records.lead_visited), ("monitored_household", records.monitored)):
            digests = audit.state_digests(session, entity, [str(entity_id)])
            assert digests[str(entity_id)] != audit.ABSENT, entity


@pytest.mark.parametrize(("statement", "kind"), RECORD_UPDATES)
def test_a_direct_update_names_the_record(records: Records, statement: str, kind: str) -> None:
    db = records.services.db
    assert _run(db, statement, callback=records.callback, follow_up=records.follow_up, number=records.number,
                lead=records.lead_untouched, monitored=records.monitored) >= 1
    expected = {"callback": str(records.callback), "follow_up": str(records.follow_up), "procedure": records.number,
                "lead": str(records.lead_untouched), "monitored_household": str(records.monitored)}[kind]
    result = audit.verify(db)
    assert result.chain_ok and not result.ok
    assert _found(result) == [(kind, expected, "changed")]
    assert "was changed outside the program" in result.findings[0].sentence


def test_a_removed_lead_and_an_added_callback_are_named(records: Records) -> None:
    db = records.services.db
    assert _run(db, "DELETE FROM leads WHERE id = :lead", lead=records.lead_untouched) == 1
    with db.engine.begin() as connection:
        row = connection.execute(text("SELECT * FROM callbacks WHERE id = :id"), {"id": records.callback}).mappings().one()
        copy = {k: v for k, v in row.items() if k != "id"} | {"subject_id": 999_999, "subject_number": "HT01-X"}
        columns = ", ".join(copy)
        added = connection.execute(text(f"INSERT INTO callbacks ({columns}) VALUES "
                                        f"({', '.join(':' + c for c in copy)}) RETURNING id"), copy).scalar_one()
    result = audit.verify(db)
    assert sorted(_found(result)) == sorted([("callback", str(added), "added"),
                                             ("lead", str(records.lead_untouched), "removed")])
    sentences = " ".join(f.sentence for f in result.findings)
    assert "线索" in sentences and "回访" in sentences


def test_a_database_from_before_gets_a_baseline_by_the_upgrade(records: Records) -> None:
    """Rows whose events carry no digest (written before these kinds were attested) are attested by the
    upgrade to 0013 – one event each, authored by the system as the upgrade – and then watched."""
    db = records.services.db
    kinds = ("callback", "follow_up", "procedure", "lead", "monitored_household")
    with as_attacker(db) as connection:  # what the trail of a 0012 database held for these rows
        connection.execute(text("UPDATE audit_events SET state_digest = NULL WHERE entity IN "
                                "('callback', 'follow_up', 'procedure', 'lead', 'monitored_household')"))
        connection.execute(text("DELETE FROM audit_events WHERE entity = 'procedure'"))
        recompute_chain(connection)
    downgrade(db, "0012_trust")
    assert audit.verify(db).unattested > 0, "before the upgrade these rows are not attested"
    upgrade(db)
    result = audit.verify(db)
    assert result.ok and result.unattested == 0, (result.problem, _found(result))
    with db.engine.connect() as connection:
        baseline = connection.execute(text("SELECT entity, actor_name, state_digest FROM audit_events "
                                           "WHERE action = 'audit.baseline'")).all()
    assert {entity for entity, _who, _digest in baseline} == set(kinds)
    assert len(baseline) == 6  # a callback, a follow-up, a procedure, two leads, a monitored household
    assert all(who == "系统（数据库升级 0013_audit_more）" and digest for _entity, who, digest in baseline)
    _run(db, "UPDATE follow_ups SET second_comment = '改过' WHERE id = :id", id=records.follow_up)
    assert _found(audit.verify(db)) == [("follow_up", str(records.follow_up), "changed")]


def test_a_large_import_attests_every_lead(database: Database, clock: FixedClock, tmp_path: Path) -> None:
    """More events than one statement carries (1,200 leads): each lead has its own event and digest."""
    services = make_services(database, clock)
    setup_hall(services)
    supervisor = add_user(services, "super1", Role.SUPERVISOR, "李强")
    services.discovery.import_list(supervisor, write_csv(tmp_path / "big.csv", person_rows(1200)), "rural")
    result = audit.verify(services.db)
    assert result.ok and result.unattested == 0, (result.problem, _found(result))
    with database.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM audit_events WHERE action = 'lead.import' "
                                       "AND state_digest IS NOT NULL")).scalar_one() == 1200
    _run(database, "UPDATE leads SET phone = '13900000000' WHERE id = (SELECT max(id) FROM leads)")
    assert [f.change for f in audit.verify(services.db).findings] == ["changed"]
