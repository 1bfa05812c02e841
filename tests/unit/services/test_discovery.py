"""主动发现: importing department lists, screening against the registry, leads and their visits."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from intake_desk.domain.enums import ApplicationStatus, Role
from intake_desk.domain.resident_id import make_resident_id
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.services.discovery import COUNT_KEYS, LeadFilter, LeadOutcome, LeadStatus, place_hall
from intake_desk.services.errors import NotFound, PermissionDenied, ValidationFailed
from intake_desk.services.monitoring import EntryDetails, Library, VisitRecord
from intake_desk.store.models import AuditEvent, DiscoveryImport, Lead, MonitoredHousehold
from tests.conftest import add_user
from tests.discovery_data import HEADERS, lead_id, person_rows, write_csv, write_xlsx
from tests.intake_data import LI_SI, ZHANG_SAN, ZHANG_XIAO, rid, single_form, zhuzhou_form

VISIT = VisitRecord(date(2026, 11, 20), "王丽", "李强", "家中两人无业，靠低保边缘收入生活", "住房简陋")


def _count(services: Services, model: type) -> int:
    with services.db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _approved(services: Services, clerk: Actor, supervisor: Actor) -> str:
    """张三's household (张三, 李四, 张小三) approved: the three are 在保."""
    number = services.intake.submit(clerk, zhuzhou_form()).number
    version = services.applications.get(supervisor, number).version
    services.applications.update_status(supervisor, number, ApplicationStatus.UNDER_REVIEW, expected_version=version)
    version = services.applications.get(supervisor, number).version
    services.applications.update_status(supervisor, number, ApplicationStatus.APPROVED, expected_version=version)
    return number


def test_every_screening_outcome(services: Services, clerk: Actor, supervisor: Actor, tmp_path: Path) -> None:
    _approved(services, clerk, supervisor)
    services.intake.submit(clerk, single_form(7, "王五"))  # received: 在办
    first = write_csv(tmp_path / "first.csv", person_rows(1, start=500))
    services.discovery.import_list(supervisor, first, "health")  # one open lead
    lead = services.discovery.leads(supervisor)[0]
    services.discovery.record_visit(supervisor, lead.id, lead.version, VISIT, LeadOutcome.CLASS1,
                                    entry=EntryDetails(risk_factors=("serious_illness",)))
    services.discovery.import_list(supervisor, write_csv(tmp_path / "second.csv", person_rows(1, start=501)), "health")
    rows = [
        ("1", "张三", ZHANG_SAN, "", "", "重度残疾", ""),
        ("2", "张小三", ZHANG_XIAO, "", "", "", ""),  # a member as declared, not the applicant
        ("3", "王五", rid(7), "", "", "", ""),
        ("4", person_rows(1, 500)[0][1], lead_id(500), "", "", "", ""),  # in the class 1 library now
        ("5", person_rows(1, 501)[0][1], lead_id(501), "", "", "", ""),  # an open lead
        ("6", "赵六", lead_id(502), "13900001111", "荷塘区", "重度残疾", "一级"),
        ("7", "钱七", "430211196001011235", "", "", "", ""),  # wrong check character
        ("8", "赵六", lead_id(502), "", "", "", ""),  # repeats row 6
        ("9", "", lead_id(503), "", "", "", ""),  # no name
    ]
    path = write_csv(tmp_path / "list.csv", rows)
    result = services.discovery.import_list(supervisor, path, "disability")
    assert result.counts() == {"rows": 9, "in_assistance": 2, "in_progress": 1, "already_monitored": 1,
                               "known_leads": 1, "new_leads": 1, "invalid": 2, "duplicates": 1}
    assert list(result.counts()) == list(COUNT_KEYS)
    problems = {(p.row_number, p.kind) for p in result.problems}
    # Row numbers are the file's: the header is line 1.
    assert problems == {(8, "invalid"), (9, "duplicate"), (10, "invalid")}
    by_row = {p.row_number: p for p in result.problems}
    assert "校验位" in by_row[8].reason and "check character" in by_row[8].reason
    assert "第 7 行" in by_row[9].reason
    assert "姓名" in by_row[10].reason
    assert result.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    new = services.discovery.leads(supervisor, LeadFilter(sources=("disability",)))
    assert [(r.name, r.phone, r.reason, r.source_name) for r in new] == [("赵六", "13900001111", "重度残疾", "残联 重度残疾")]
    assert new[0].resident_id_masked == lead_id(502)[:6] + "********" + lead_id(502)[-4:]
    assert LI_SI  # the spouse is screened the same way (a member of the approved application)


def test_reimporting_the_same_list_adds_no_lead(services: Services, supervisor: Actor, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "list.csv", person_rows(30))
    first = services.discovery.import_list(supervisor, path, "employment")
    again = services.discovery.import_list(supervisor, path, "employment")
    assert (first.new_leads, first.known_leads) == (30, 0)
    assert (again.new_leads, again.known_leads, again.rows) == (0, 30, 30)
    assert _count(services, Lead) == 30
    assert _count(services, DiscoveryImport) == 2


def test_import_is_audited_with_file_name_digest_and_counts(services: Services, supervisor: Actor,
                                                            tmp_path: Path) -> None:
    path = write_csv(tmp_path / "残联名单.csv", person_rows(3))
    result = services.discovery.import_list(supervisor, path, "disability")
    with services.db.reading() as session:
        text = session.execute(select(AuditEvent.detail).where(AuditEvent.action == "discovery.import")).scalar_one()
    detail = json.loads(text)
    assert detail["file_name"] == "残联名单.csv"
    assert detail["sha256"] == result.sha256
    assert {k: detail[k] for k in COUNT_KEYS} == result.counts()
    assert lead_id(0) not in text  # no full ID number in the audit trail


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_encodings_are_sniffed(services: Services, supervisor: Actor, tmp_path: Path, encoding: str) -> None:
    rows = person_rows(5)
    rows[0] = rows[0][:1] + ("欧阳𠮷",) + rows[0][2:]  # a name outside the BMP survives GB18030
    path = write_csv(tmp_path / "list.csv", rows, encoding=encoding, title="2026年重度残疾人员名单")
    result = services.discovery.import_list(supervisor, path, "disability")
    assert (result.rows, result.new_leads, result.invalid) == (5, 5, 0)
    names = {r.name for r in services.discovery.leads(supervisor)}
    assert "欧阳𠮷" in names and "李伟" in names


def test_xlsx_with_a_title_row_and_number_cells(services: Services, supervisor: Actor, tmp_path: Path) -> None:
    rows: list[list[object]] = [list(r) for r in person_rows(4)]
    rows[1][3] = 13800001234  # a phone typed as a number
    rows[2][2] = float(rows[2][2][:-1] + "0")  # an ID stored as a number: its last digits are lost
    rows[3][2] = rows[3][2][:6] + rows[3][2][8:17]  # an old 15-digit number: converted
    path = write_xlsx(tmp_path / "list.xlsx", rows, title="人社 失业登记人员")
    result = services.discovery.import_list(supervisor, path, "employment")
    assert (result.rows, result.new_leads, result.invalid) == (4, 3, 1)
    assert result.problems[0].row_number == 5 and "文本" in result.problems[0].reason
    phones = {r.phone for r in services.discovery.leads(supervisor)}
    assert "13800001234" in phones
    with services.db.reading() as session:
        stored = set(session.scalars(select(Lead.resident_id)))
    assert lead_id(3) in stored  # the 15-digit number came back as the 18-character one


def test_a_list_without_the_required_columns_is_refused_in_one_sentence(
        services: Services, supervisor: Actor, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "bad.csv", [("1", "王伟", "x")], headers=("序号", "名字", "电话"))
    with pytest.raises(ValidationFailed) as refused:
        services.discovery.import_list(supervisor, path, "health")
    assert "身份证号码" in refused.value.message and "ID number" in refused.value.message
    with pytest.raises(ValidationFailed, match="未知的名单来源"):
        services.discovery.import_list(supervisor, write_csv(tmp_path / "ok.csv", person_rows(1)), "civil")
    (tmp_path / "junk.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    with pytest.raises(ValidationFailed, match="Excel"):
        services.discovery.import_list(supervisor, tmp_path / "junk.xlsx", "health")
    assert _count(services, DiscoveryImport) == 0 and _count(services, Lead) == 0


def test_a_failed_import_leaves_nothing(services: Services, supervisor: Actor, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from intake_desk.services import audit

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(audit, "record", broken)
    with pytest.raises(RuntimeError):
        services.discovery.import_list(supervisor, write_csv(tmp_path / "list.csv", person_rows(50)), "rural")
    assert _count(services, Lead) == 0 and _count(services, DiscoveryImport) == 0


def test_leads_are_placed_by_address_then_region(services: Services, admin: Actor, supervisor: Actor,
                                                 tmp_path: Path) -> None:
    assert place_hall([("region", "4302", 1), ("region", "430211", 2), ("address", "月塘", 3)],
                      lead_id(1), "荷塘区月塘街道") == 3
    assert place_hall([("region", "4302", 1), ("region", "430211", 2)], lead_id(1), "") == 2
    assert place_hall([("region", "4303", 1)], lead_id(1), "") is None
    services.discovery.set_hall_area(supervisor, "HT01", "region", "430211")
    services.discovery.import_list(supervisor, write_csv(tmp_path / "l.csv", person_rows(2)), "union")
    assert {r.hall_code for r in services.discovery.leads(supervisor)} == {"HT01"}
    with pytest.raises(ValidationFailed):
        services.discovery.set_hall_area(supervisor, "HT01", "region", "43x")


def test_assigning_a_worker_and_the_version_check(services: Services, supervisor: Actor, clerk: Actor,
                                                  tmp_path: Path) -> None:
    services.discovery.import_list(supervisor, write_csv(tmp_path / "l.csv", person_rows(1)), "union")
    lead = services.discovery.leads(supervisor)[0]
    assigned = services.discovery.assign(supervisor, lead.id, lead.version, worker_username="clerk1")
    assert (assigned.worker_name, assigned.version) == ("王丽", lead.version + 1)
    assert [r.id for r in services.discovery.leads(clerk, LeadFilter(worker_usernames=("clerk1",)))] == [lead.id]
    from intake_desk.services.errors import ConflictError

    with pytest.raises(ConflictError):
        services.discovery.assign(supervisor, lead.id, lead.version, worker_username="super1")


def test_lead_outcomes(services: Services, supervisor: Actor, clerk: Actor, tmp_path: Path) -> None:
    services.discovery.import_list(supervisor, write_csv(tmp_path / "l.csv", person_rows(4)), "medical")
    leads = {r.name: r for r in services.discovery.leads(clerk)}
    # 引导申请: the intake opens with the person and the department's reason.
    applied = services.discovery.record_visit(clerk, leads["王伟"].id, leads["王伟"].version, VISIT, "apply")
    assert applied.prefill is not None
    assert (applied.prefill.name, applied.prefill.resident_id, applied.prefill.reason) == (
        "王伟", lead_id(0), "医保 重病/大额医疗：重度残疾")
    assert applied.lead.status is LeadStatus.CLOSED and applied.lead.outcome is LeadOutcome.APPLY
    # 纳入一类库 with the source's risk factor when none is given; income places the circle.
    one = services.discovery.record_visit(clerk, leads["李伟"].id, leads["李伟"].version, VISIT, LeadOutcome.CLASS1,
                                          entry=EntryDetails(per_capita_income_fen=90_000))
    household = services.monitoring.household(clerk, one.monitored_id or 0)
    assert household.library is Library.CLASS1
    assert household.risk_factors == ("high_medical_costs",)
    assert household.circle == "marginal"
    # 2026-11-20 + 3 months = 2027-02-20, a Saturday with no known calendar: Monday 22 February.
    assert household.next_visit_due == date(2027, 2, 22)
    assert household.next_recheck_due == date(2027, 5, 20)
    two = services.discovery.record_visit(clerk, leads["张伟"].id, leads["张伟"].version, VISIT, "纳入二类库",
                                          entry=EntryDetails(risk_factors=("elderly_alone",), stable=False))
    assert services.monitoring.household(clerk, two.monitored_id or 0).next_recheck_due == date(2026, 12, 21)
    # 无需帮扶 needs a reason.
    with pytest.raises(ValidationFailed, match="理由"):
        services.discovery.record_visit(clerk, leads["刘伟"].id, leads["刘伟"].version, VISIT, LeadOutcome.NO_HELP)
    closed = services.discovery.record_visit(clerk, leads["刘伟"].id, leads["刘伟"].version, VISIT,
                                             LeadOutcome.NO_HELP, reason="子女均有稳定工作")
    assert closed.lead.outcome_reason == "子女均有稳定工作"
    assert services.discovery.count(clerk) == 0
    assert services.discovery.count(clerk, LeadFilter(statuses=(LeadStatus.CLOSED,))) == 4
    detail = services.discovery.lead(clerk, leads["刘伟"].id)
    assert [(v.visitor_1, v.visitor_2, v.outcome) for v in detail.visits] == [("王丽", "李强", "no_help")]
    with pytest.raises(ValidationFailed, match="已处理"):
        services.discovery.record_visit(clerk, closed.lead.id, closed.lead.version, VISIT, "apply")


def test_a_visit_needs_two_visitors_findings_and_no_future_date(services: Services, supervisor: Actor,
                                                                clerk: Actor, tmp_path: Path) -> None:
    services.discovery.import_list(supervisor, write_csv(tmp_path / "l.csv", person_rows(1)), "medical")
    lead = services.discovery.leads(clerk)[0]
    for bad, words in [(replace(VISIT, visitor_2=""), "两名"), (replace(VISIT, visitor_2="王丽"), "同一人"),
                       (replace(VISIT, findings=" "), "发现"), (replace(VISIT, visited_on=date(2027, 1, 1)), "晚于")]:
        with pytest.raises(ValidationFailed, match=words):
            services.discovery.record_visit(clerk, lead.id, lead.version, bad, "apply")
    assert services.discovery.lead(clerk, lead.id).visits == ()


def test_who_may_import_and_visit(services: Services, supervisor: Actor, clerk: Actor, tmp_path: Path) -> None:
    officer = add_user(services, "yibao1", Role.DEPARTMENT, "赵医保", department_code="medical")
    path = write_csv(tmp_path / "l.csv", person_rows(2))
    with pytest.raises(PermissionDenied):
        services.discovery.import_list(clerk, path, "medical")
    services.discovery.import_list(supervisor, path, "medical")
    with pytest.raises(PermissionDenied):
        services.discovery.leads(officer)
    with pytest.raises(PermissionDenied):
        services.monitoring.households(officer)
    lead = services.discovery.leads(clerk)[0]
    with pytest.raises(PermissionDenied):
        services.discovery.assign(clerk, lead.id, lead.version, worker_username="clerk1")


def test_another_halls_leads_are_out_of_scope(services: Services, admin: Actor, supervisor: Actor,
                                              tmp_path: Path) -> None:
    from intake_desk.store.models import Hall

    with services.db.transaction() as session:
        session.add(Hall(code="HT02", name="另一个大厅"))
    from intake_desk.services.actor import SYSTEM

    services.accounts.add_user(SYSTEM, "clerk2", "钱二", Role.CLERK, "clerk2-pass-1", hall_code="HT02")
    other = services.accounts.authenticate("clerk2", "clerk2-pass-1")
    services.discovery.import_list(supervisor, write_csv(tmp_path / "l.csv", person_rows(2)), "medical")
    lead = services.discovery.leads(supervisor)[0]
    assert services.discovery.leads(other) == []
    with pytest.raises(NotFound):
        services.discovery.record_visit(other, lead.id, lead.version, VISIT, "apply")


def test_reveal_id_is_audited(services: Services, supervisor: Actor, clerk: Actor, tmp_path: Path) -> None:
    services.discovery.import_list(supervisor, write_csv(tmp_path / "l.csv", person_rows(1)), "medical")
    lead = services.discovery.leads(clerk)[0]
    assert services.discovery.reveal_id(clerk, lead.id) == lead_id(0)
    with services.db.reading() as session:
        assert session.scalar(select(func.count()).where(AuditEvent.action == "lead.reveal_id")) == 1


def test_headers_fixture_is_what_the_issue_lists() -> None:
    assert HEADERS[1:3] == ("姓名", "身份证号码")
    assert make_resident_id("430211", date(1960, 1, 1), 1) == lead_id(0)
    assert MonitoredHousehold.__tablename__ == "monitored_households"


def test_xlsx_row_numbers_are_excels_across_empty_rows(services: Services, supervisor: Actor, tmp_path: Path) -> None:
    rows: list[list[object]] = [list(r) for r in person_rows(2)]
    rows.insert(1, [None] * 7)  # an empty line in the sheet: absent from the file's XML
    rows.append(["3", "钱七", "430211196001011235", None, None, None, None])
    path = write_xlsx(tmp_path / "gaps.xlsx", rows, title="名单")
    result = services.discovery.import_list(supervisor, path, "union")
    assert (result.rows, result.new_leads, result.invalid) == (3, 2, 1)
    assert [p.row_number for p in result.problems] == [6]  # title 1, headers 2, rows 3, (4 empty), 5, 6
