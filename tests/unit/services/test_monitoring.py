"""监测预警: library entries and moves, the visits queue in working days, circles and the quarterly report."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from intake_desk.domain.enums import IncomeCategory
from intake_desk.services.actor import Actor
from intake_desk.services.clock import FixedClock
from intake_desk.services.context import Services
from intake_desk.services.discovery import LeadOutcome
from intake_desk.services.errors import ConflictError, ValidationFailed
from intake_desk.services.intake_form import IncomeInput
from intake_desk.services.monitoring import (
    EntryDetails,
    Library,
    MonitoringFilter,
    VisitOutcome,
    VisitRecord,
    quarter_bounds,
)
from intake_desk.store.models import MonitoringMove
from tests.discovery_data import person_rows, write_csv
from tests.intake_data import single_form


def _visit(day: date, findings: str = "情况稳定") -> VisitRecord:
    return VisitRecord(day, "王丽", "李强", findings)


def _libraries(services: Services, supervisor: Actor, clerk: Actor, tmp_path: Path, n: int = 3) -> list[int]:
    """``n`` leads visited on 2026-11-20 into class 1 (income 800 元 per head: 低保边缘)."""
    services.discovery.import_list(supervisor, write_csv(tmp_path / "l.csv", person_rows(n)), "rural")
    ids = []
    for lead in services.discovery.leads(clerk):
        result = services.discovery.record_visit(clerk, lead.id, lead.version, _visit(date(2026, 11, 20)),
                                                 LeadOutcome.CLASS1, entry=EntryDetails(per_capita_income_fen=80_000))
        assert result.monitored_id is not None
        ids.append(result.monitored_id)
    return ids


def _moves(services: Services) -> list[tuple[str, str | None, str | None]]:
    with services.db.reading() as session:
        return [(m.kind, m.from_value, m.to_value) for m in session.scalars(
            select(MonitoringMove).order_by(MonitoringMove.id))]


def test_a_visit_moves_a_household_between_libraries_and_out(services: Services, supervisor: Actor, clerk: Actor,
                                                              tmp_path: Path) -> None:
    first, second, third = _libraries(services, supervisor, clerk, tmp_path)
    row = services.monitoring.household(clerk, first)
    moved = services.monitoring.record_visit(clerk, first, row.version, _visit(date(2026, 11, 19), "子女已就业"),
                                             VisitOutcome.CLASS2, details=EntryDetails(per_capita_income_fen=120_000))
    assert moved.household.library is Library.CLASS2
    assert moved.household.circle == "low_income"
    assert moved.household.last_visit_on == date(2026, 11, 19)
    assert moved.household.next_visit_due == date(2027, 2, 19)
    row = services.monitoring.household(clerk, second)
    with pytest.raises(ValidationFailed, match="理由"):
        services.monitoring.record_visit(clerk, second, row.version, _visit(date(2026, 11, 19)), VisitOutcome.OUT)
    out = services.monitoring.record_visit(clerk, second, row.version, _visit(date(2026, 11, 19)), VisitOutcome.OUT,
                                           reason="已迁出本县")
    assert not out.household.active and out.household.close_reason == "已迁出本县"
    row = services.monitoring.household(clerk, third)
    to_intake = services.monitoring.record_visit(clerk, third, row.version, _visit(date(2026, 11, 19), "突发重病"),
                                                 VisitOutcome.INTAKE)
    assert to_intake.prefill is not None and to_intake.prefill.reason == "突发重病"
    assert to_intake.prefill.source_name == "一类库"
    assert ("library", "class1", "class2") in _moves(services)
    assert ("circle", "marginal", "low_income") in _moves(services)
    assert ("library", "class1", "out") in _moves(services)
    assert ("library", "class1", "intake") in _moves(services)
    assert services.monitoring.count(clerk) == 1
    assert services.monitoring.count(clerk, MonitoringFilter(active=False)) == 2
    with pytest.raises(ConflictError):
        services.monitoring.record_visit(clerk, first, row.version, _visit(date(2026, 11, 19)), "stay")
    with pytest.raises(ValidationFailed, match="已退出"):
        services.monitoring.record_visit(clerk, second, out.household.version, _visit(date(2026, 11, 19)), "stay")
    history = services.monitoring.visits(clerk, first)
    # By visit date: the library visit of 19 November, then the lead visit of 20 November.
    assert [(v["visited_on"], v["outcome"]) for v in history] == [(date(2026, 11, 19), "class2"),
                                                                   (date(2026, 11, 20), "class1")]


def test_visits_queue_due_and_overdue_in_working_days(services: Services, supervisor: Actor, clerk: Actor,
                                                      clock: FixedClock, tmp_path: Path) -> None:
    ids = _libraries(services, supervisor, clerk, tmp_path, n=2)
    row = services.monitoring.household(clerk, ids[0])
    # Visited on Friday 2026-06-26 → due 2026-09-28 (26 September was a Saturday: the next working day).
    services.monitoring.record_visit(clerk, ids[0], row.version, _visit(date(2026, 6, 26)), VisitOutcome.STAY)
    first = services.monitoring.household(clerk, ids[0])
    assert first.next_visit_due == date(2026, 9, 28)
    assert first.overdue and first.visit_days_left is not None and first.visit_days_left < 0
    queue = services.monitoring.households(clerk, MonitoringFilter(overdue=True))
    assert [r.id for r in queue] == [ids[0]]
    assert services.monitoring.count(clerk, MonitoringFilter(due_within_days=10)) == 1
    summary = services.monitoring.summary(clerk)
    assert (summary.households, summary.overdue, summary.needs_attention) == (2, 1, True)
    assert "监测对象 2 户" in summary.message and "逾期 1 户" in summary.message
    clock.advance(days=90)  # 2027-02-… : the second household's visit (due 2027-02-22) comes within reach
    assert services.monitoring.count(clerk, MonitoringFilter(due_within_days=10)) == 2


def test_filters_by_library_risk_factor_circle_and_text(services: Services, supervisor: Actor, clerk: Actor,
                                                        tmp_path: Path) -> None:
    ids = _libraries(services, supervisor, clerk, tmp_path, n=3)
    row = services.monitoring.household(clerk, ids[1])
    services.monitoring.record_visit(clerk, ids[1], row.version, _visit(date(2026, 11, 19)), "class2",
                                     details=EntryDetails(risk_factors=("disaster",), per_capita_income_fen=50_000))
    assert services.monitoring.count(clerk, MonitoringFilter(libraries=(Library.CLASS2,))) == 1
    assert services.monitoring.count(clerk, MonitoringFilter(risk_factors=("disaster",))) == 1
    assert services.monitoring.count(clerk, MonitoringFilter(risk_factors=("poverty_return",))) == 2
    assert services.monitoring.count(clerk, MonitoringFilter(circles=("dibao",))) == 1
    assert services.monitoring.count(clerk, MonitoringFilter(text="王")) == 1
    assert services.monitoring.count(clerk, MonitoringFilter(text="lw")) == 1


def test_income_circles_and_their_moves(services: Services, supervisor: Actor, clerk: Actor, tmp_path: Path) -> None:
    ids = _libraries(services, supervisor, clerk, tmp_path, n=3)
    row = services.monitoring.household(clerk, ids[0])
    services.monitoring.record_visit(clerk, ids[0], row.version, _visit(date(2026, 11, 19)), "stay",
                                     details=EntryDetails(category="tekun"))
    counts = {c.code: c.households for c in services.monitoring.circle_counts(clerk)}
    assert counts == {"tekun": 1, "dibao": 0, "marginal": 2, "low_income": 0, "": 0}
    moves = services.monitoring.circle_moves(clerk, date(2026, 11, 1), date(2026, 11, 30))
    assert [(m.month, m.moves_in, m.moves_out) for m in moves] == [
        ("2026-11", {"marginal": 3, "tekun": 1}, {"marginal": 1})]


def test_enroll_at_submit_for_marginal_or_ineligible_with_consent(services: Services, clerk: Actor) -> None:
    rich = single_form(9, "钱九", incomes=(IncomeInput(0, IncomeCategory.WAGES, 900_00 * 12),))
    number = services.intake.submit(clerk, rich).number
    with pytest.raises(ValidationFailed, match="同意"):
        services.monitoring.enroll_application(clerk, number, "class1", EntryDetails(consent=False))
    row = services.monitoring.enroll_application(clerk, number, "一类库", EntryDetails(risk_factors=("unemployment",)))
    assert (row.name, row.library, row.per_capita_income_fen, row.circle) == ("钱九", Library.CLASS1, 90_000,
                                                                             "marginal")
    with pytest.raises(ValidationFailed, match="已在监测"):
        services.monitoring.enroll_application(clerk, number, "class2", EntryDetails())
    poor = services.intake.submit(clerk, single_form(10, "孙十")).number  # 低保: not for monitoring
    with pytest.raises(ValidationFailed, match="低保边缘"):
        services.monitoring.enroll_application(clerk, poor, "class1", EntryDetails())


def test_quarterly_report(services: Services, supervisor: Actor, clerk: Actor, tmp_path: Path) -> None:
    ids = _libraries(services, supervisor, clerk, tmp_path, n=3)
    row = services.monitoring.household(clerk, ids[0])
    services.monitoring.record_visit(clerk, ids[0], row.version, _visit(date(2026, 11, 19)), "class2")
    services.discovery.import_list(supervisor, write_csv(tmp_path / "m.csv", person_rows(2, start=100)), "union")
    lead = services.discovery.leads(clerk)[0]
    services.discovery.record_visit(clerk, lead.id, lead.version, _visit(date(2026, 11, 19)), "apply")
    report = services.monitoring.quarterly_report(supervisor, 2026, 4)
    assert (report.start, report.end) == (date(2026, 10, 1), date(2026, 12, 31))
    hall = report.halls[0]
    assert (hall.hall_code, hall.class1, hall.class2) == ("HT01", 2, 1)
    assert (hall.visits_done, hall.moves, hall.entered, hall.left) == (5, 1, 3, 0)
    assert (hall.leads_found, hall.leads_to_intake) == (5, 1)
    assert hall.visits_due == 0  # all next visits fall in 2027
    data = report.as_json()
    assert data["total"]["class1"] == 2 and data["halls"][0]["hall_code"] == "HT01"
    earlier = services.monitoring.quarterly_report(supervisor, 2026, 3)
    assert (earlier.halls[0].class1, earlier.halls[0].visits_done) == (0, 0)
    assert quarter_bounds(2027, 1) == (date(2027, 1, 1), date(2027, 3, 31))
    with pytest.raises(ValidationFailed):
        quarter_bounds(2026, 5)
    assert timedelta(days=1)
