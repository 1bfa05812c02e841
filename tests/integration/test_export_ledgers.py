"""Ledger export: Excel and CSV read back, Chinese headers, dates as dates, masked IDs, audit, permissions."""

from __future__ import annotations

import csv
import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from intake_desk.domain.enums import ApplicationStatus, ReferralStatus
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.services.errors import PermissionDenied, ValidationFailed
from intake_desk.services.export import APPLICATION_COLUMNS, REFERRAL_COLUMNS, ApplicationFilter
from intake_desk.services.queues import QueueSort, ReferralFilter
from intake_desk.store.models import Application, AuditEvent, Person
from tests.conftest import TEST_NOW
from tests.referral_data import ensure_departments, local_at, make_application, make_referral, officer

S = ReferralStatus


@pytest.fixture
def ledger(services: Services, admin: Actor, clerk: Actor, supervisor: Actor) -> dict[str, int]:
    ensure_departments(services)
    ids = {}
    for name, department, status, due, created in (
        ("张三", "medical", S.SENT, date(2026, 11, 18), date(2026, 11, 2)),
        ("阿卜杜·热合曼", "education", S.COMPLETED, date(2026, 11, 16), date(2026, 11, 3)),
        ("𠮷祥", "housing", S.IN_PROGRESS, date(2026, 11, 27), date(2026, 11, 13)),
    ):
        at = local_at(created, 9, 30)
        application = make_application(services, clerk, name, received=at, due_date=created + timedelta(days=40),
                                       status=ApplicationStatus.UNDER_REVIEW)
        ids[name] = make_referral(services, supervisor, application, department, status, due_date=due, at=at,
                                  creator=clerk)
    return ids


def _resident_id(services: Services, name: str) -> str:
    with services.db.reading() as session:
        number = session.scalar(select(Person.resident_id).where(Person.name == name))
        assert number is not None
        return number


def test_referrals_to_excel(services: Services, supervisor: Actor, ledger: dict[str, int], tmp_path: Path) -> None:
    path = tmp_path / "转介台账.xlsx"
    result = services.exports.referrals(supervisor, ReferralFilter(), path, sort=QueueSort.DUE)
    assert result.rows == 3 and not result.full_ids and path.exists()
    assert not (tmp_path / "转介台账.xlsx.part").exists()
    workbook = load_workbook(path)
    sheet = workbook["转介台账"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == tuple(c[0] for c in REFERRAL_COLUMNS)
    assert [r[2] for r in rows[1:]] == ["阿卜杜·热合曼", "张三", "𠮷祥"], "names exactly as written, due-date order"
    first = dict(zip(rows[0], rows[2], strict=True))  # 张三
    resident_id = _resident_id(services, "张三")
    assert first["身份证号码"] == resident_id[:6] + "********" + resident_id[-4:]
    assert first["转介部门"] == "医疗保障局" and first["状态"] == "已发送" and first["是否逾期"] == "是"
    assert first["办理期限"] == datetime(2026, 11, 18)  # a real date cell, not text
    assert sheet.cell(row=3, column=10).number_format == "yyyy-mm-dd"
    assert first["创建时间"] == datetime(2026, 11, 2, 9, 30)  # local (Beijing) time
    assert first["已等待工作日"] == 14
    assert first["经办人"] == "王丽"
    done = dict(zip(rows[0], rows[1], strict=True))
    assert done["办理结果/说明"] == "已纳入医疗救助，报销比例 70%" and done["是否逾期"] == "否"
    assert isinstance(done["办结时间"], datetime)


def test_referrals_to_csv_with_a_filter(services: Services, supervisor: Actor, ledger: dict[str, int],
                                        tmp_path: Path) -> None:
    path = tmp_path / "overdue.csv"
    result = services.exports.referrals(supervisor, ReferralFilter(overdue=True), path)
    assert result.rows == 1
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "a byte-order mark, so Excel reads the Chinese headers"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:3] == ["转介编号", "受理编号", "申请人"]
    assert rows[1][2] == "张三" and rows[1][9] == "2026-11-18" and rows[1][7] == "2026-11-02 09:30"


def test_full_ids_need_the_permission_and_are_audited(services: Services, clerk: Actor, supervisor: Actor,
                                                      ledger: dict[str, int], tmp_path: Path) -> None:
    with pytest.raises(PermissionDenied):
        services.exports.referrals(clerk, ReferralFilter(), tmp_path / "x.xlsx", full_ids=True)
    assert not (tmp_path / "x.xlsx").exists()
    path = tmp_path / "full.xlsx"
    services.exports.referrals(supervisor, ReferralFilter(department_codes=("housing",)), path, full_ids=True)
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    assert rows[1][3] == _resident_id(services, "𠮷祥")
    with services.db.reading() as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "export.referrals")).one()
        detail = json.loads(event.detail)
        assert event.actor_name == "李强" and event.entity_id == "full.xlsx"
        assert detail == {"rows": 1, "format": "xlsx", "full_ids": True,
                          "filter": {"department_codes": ["housing"], "sort": "due"}}


def test_department_officers_cannot_export(services: Services, ledger: dict[str, int], tmp_path: Path) -> None:
    medical = officer(services, "yibao1", "medical", "赵医保")
    with pytest.raises(PermissionDenied):
        services.exports.referrals(medical, ReferralFilter(), tmp_path / "x.csv")


def test_bad_target(services: Services, supervisor: Actor, ledger: dict[str, int], tmp_path: Path) -> None:
    with pytest.raises(ValidationFailed, match=r"\.csv 或 \.xlsx"):
        services.exports.referrals(supervisor, ReferralFilter(), tmp_path / "x.pdf")
    with pytest.raises(ValidationFailed, match="文件夹不存在"):
        services.exports.referrals(supervisor, ReferralFilter(), tmp_path / "missing" / "x.csv")


def test_applications_ledger(services: Services, supervisor: Actor, clerk: Actor, ledger: dict[str, int],
                             tmp_path: Path) -> None:
    path = tmp_path / "受理台账.xlsx"
    result = services.exports.applications(supervisor, ApplicationFilter(), path)
    assert result.rows == 3
    rows = list(load_workbook(path)["受理台账"].iter_rows(values_only=True))
    assert rows[0] == tuple(c[0] for c in APPLICATION_COLUMNS)
    assert [r[1] for r in rows[1:]] == ["𠮷祥", "阿卜杜·热合曼", "张三"], "newest first"
    newest = dict(zip(rows[0], rows[1], strict=True))
    assert newest["受理时间"] == datetime(2026, 11, 13, 9, 30) and newest["办结期限"] == datetime(2026, 12, 23)
    assert newest["转介数"] == 1 and newest["状态"] == "审核中" and newest["受理人"] == "王丽"
    assert newest["身份证号码"].count("*") == 8
    narrowed = services.exports.applications(
        supervisor, ApplicationFilter(department_codes=("medical",), received_from=date(2026, 11, 1),
                                      received_to=date(2026, 11, 2)), tmp_path / "m.csv")
    assert narrowed.rows == 1
    by_text = services.exports.applications(supervisor, ApplicationFilter(text="abd"), tmp_path / "t.csv")
    assert by_text.rows == 1
    with services.db.reading() as session:
        number = session.scalar(select(Application.number).where(Application.applicant_name == "张三"))
    assert number is not None
    assert services.exports.applications(supervisor, ApplicationFilter(text=number), tmp_path / "n.csv").rows == 1
    assert services.exports.applications(supervisor, ApplicationFilter(overdue=True), tmp_path / "o.csv").rows == 0
    late = ApplicationFilter(statuses=(ApplicationStatus.UNDER_REVIEW,), clerk_usernames=("clerk1",))
    assert services.exports.applications(supervisor, late, tmp_path / "c.csv").rows == 3
    assert TEST_NOW.date() == date(2026, 11, 20)
