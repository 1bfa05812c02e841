"""``audit verify`` digests every row by a table scan per kind (``services.state_scan``); the digests are
those the per-entity path records (``services.entity_states`` read by id at each commit and submit):
compared here for every registered kind, on SQLite and PostgreSQL, on rows that hold every part."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from intake_desk.domain.enums import (
    AssetKind,
    AssistanceType,
    DeductionKind,
    ExpenseKind,
    Rating,
    Role,
)
from intake_desk.services import audit
from intake_desk.services.clock import FixedClock
from intake_desk.services.context import Services
from intake_desk.services.discovery import LeadOutcome
from intake_desk.services.intake_form import (
    AssetInput,
    DeductionInput,
    ExpenseInput,
    MaterialInput,
    ReferralChoice,
)
from intake_desk.services.monitoring import EntryDetails, VisitOutcome, VisitRecord
from intake_desk.store.db import Database
from tests.conftest import add_user, make_services, setup_hall
from tests.discovery_data import person_rows, write_csv
from tests.intake_data import single_form, zhuzhou_form

INVESTIGATION = {"investigators": ["李四", "王五"], "visit_record": "家中无劳动力，住房简陋，与申报一致"}


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def database(request: pytest.FixtureRequest) -> Iterator[Database]:
    yield request.getfixturevalue("db" if request.param == "sqlite" else "pg_db")


@pytest.fixture
def services(database: Database, clock: FixedClock, tmp_path: Path) -> Services:
    """A hall with a record of every kind: applications with every declared part, referrals, a post-check,
    a procedure with a step, a callback with its follow-up, leads (one visited), a monitored household
    with a visit and a move, accounts and a setting."""
    services = make_services(database, clock)
    admin = setup_hall(services)
    clerk = add_user(services, "clerk1", Role.CLERK, "王丽")
    supervisor = add_user(services, "super1", Role.SUPERVISOR, "李强")
    services.settings.put(admin, "idle_lock_minutes", 12)
    full = replace(zhuzhou_form(),
                   assets=(AssetInput(0, AssetKind.DEPOSIT, 1_000_00, note="活期"),
                           AssetInput(None, AssetKind.VEHICLE, 20_000_00, exempt=True)),
                   expenses=(ExpenseInput(2, ExpenseKind.MEDICAL, 3_000_00, note="住院"),),
                   deductions=(DeductionInput(0, DeductionKind.SOCIAL_INSURANCE, 1_200_00),),
                   materials=(MaterialInput(AssistanceType.DIBAO, "hukou", "户口簿", received=True),
                              MaterialInput(AssistanceType.DIBAO, "income", "收入证明", note="缺")),
                   referrals=(ReferralChoice("medical", "慢性病，自付医疗费用高", consent_given=True),
                              ReferralChoice("employment", "失业，有劳动能力")))
    services.intake.submit(clerk, full)
    number = services.intake.submit(clerk, single_form(1, "钱七")).number
    refused, withdrawn = (services.intake.submit(clerk, single_form(n, name)).number
                          for n, name in ((2, "赵二"), (3, "孙三")))
    for investigated in (number, refused):
        view = services.procedure.view(clerk, investigated)
        services.procedure.record_step(clerk, investigated, "investigation", INVESTIGATION,
                                       expected_version=view.version, done_on=clock.today())
    services.procedure.refuse(supervisor, refused, reasons=["income_above"], facts="月工资 3,000 元",
                              expected_version=services.procedure.view(supervisor, refused).version)
    services.procedure.withdraw(clerk, withdrawn, "申请人撤回",
                                expected_version=services.procedure.view(clerk, withdrawn).version)
    rated = services.callbacks.rate_at_window(clerk, number, Rating.DISSATISFIED, comment="等了很久")
    assert rated.follow_up_id is not None
    services.postchecks.draw_spot_checks(supervisor, 100.0, seed=1)
    services.discovery.import_list(supervisor, write_csv(tmp_path / "l.csv", person_rows(3)), "rural")
    leads = sorted(services.discovery.leads(clerk), key=lambda lead: lead.id)
    visited = services.discovery.record_visit(clerk, leads[1].id, leads[1].version,
                                              VisitRecord(date(2026, 11, 20), "王丽", "李强", "情况属实"),
                                              LeadOutcome.CLASS1, entry=EntryDetails(per_capita_income_fen=80_000))
    assert visited.monitored_id is not None
    household = services.monitoring.household(clerk, visited.monitored_id)
    services.monitoring.record_visit(clerk, visited.monitored_id, household.version,
                                     VisitRecord(date(2026, 11, 20), "王丽", "李强", "收入下降"), VisitOutcome.CLASS2)
    return services


def test_every_kind_scanned_gives_the_digests_the_per_entity_path_records(services: Services) -> None:
    kinds = audit.registered()
    assert {"application", "referral", "post_check", "user", "setting", "callback", "follow_up", "procedure",
            "lead", "monitored_household"} <= set(kinds)
    with services.db.reading() as session:
        for entity, kind in kinds.items():
            assert kind.scan is not None, entity
            scanned = list(kind.scan(session))
            read = [(entity_id, key, audit.digest_of(state)) for entity_id, key, state in kind.read(session, None)]
            assert scanned, f"no {entity} row to compare"
            assert scanned == read, entity  # same rows, same order, same digests
            one_by_one = audit.state_digests(session, entity, [entity_id for entity_id, _key, _digest in scanned])
            assert one_by_one == {entity_id: digest for entity_id, _key, digest in scanned}, entity
    result = audit.verify(services.db)
    assert result.ok and result.unattested == 0, (result.problem, result.findings)


def test_the_scanned_application_holds_every_part(services: Services) -> None:
    """The comparison above covers rows with members, incomes, assets, expenses, deductions, materials,
    a declaration and an assessment, procedures with steps, a refusal with its reasons and a withdrawal, and
    visits and moves."""
    with services.db.reading() as session:
        kind = audit.registered()["application"]
        states = [state for _id, _key, state in kind.read(session, None)]
        for part in ("members", "incomes", "assets", "expenses", "deductions", "requested_items", "materials",
                     "declaration", "assessments"):
            assert any(state[part] for state in states), part
        procedures = [state for _id, _key, state in audit.registered()["procedure"].read(session, None)]
        assert any(state["steps"] for state in procedures) and any(state["withdrawal"] for state in procedures)
        assert any(decision["refusal_reasons"] for state in procedures for decision in state["decision"])
        leads = [state for _id, _key, state in audit.registered()["lead"].read(session, None)]
        assert any(state["visits"] for state in leads)
        households = [state for _id, _key, state in audit.registered()["monitored_household"].read(session, None)]
        assert any(state["visits"] for state in households) and any(state["moves"] for state in households)
