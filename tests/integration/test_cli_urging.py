"""``intake-desk print urging``, ``report satisfaction`` and the callback and escalation ledgers, run as a
person runs them: a real subprocess, the password on standard input, on the real clock."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from intake_desk.domain.enums import ReferralStatus, Role
from intake_desk.services.clock import Clock
from intake_desk.services.context import Services
from intake_desk.store.db import Database
from tests.conftest import add_user, setup_hall
from tests.integration.test_cli_print import run
from tests.referral_data import ensure_departments, make_application, make_referral, officer

S = ReferralStatus


@pytest.fixture
def county(tmp_path: Path, migrated_template: Path) -> tuple[str, dict[str, str]]:
    """A database on today's real date: one escalated, one on-track and one completed referral."""
    path = tmp_path / "county.sqlite3"
    path.write_bytes(migrated_template.read_bytes())
    services = Services(Database(f"sqlite:///{path}"), Clock())
    try:
        setup_hall(services)
        ensure_departments(services)
        clerk = add_user(services, "clerk1", Role.CLERK, "王丽")
        supervisor = add_user(services, "super1", Role.SUPERVISOR, "李强")
        medical = officer(services, "yibao1", "medical", "赵医保")
        earlier = services.clock.now() - timedelta(days=40)
        today = services.clock.today()
        numbers = {}
        for name, due, status in (("丙三", today - timedelta(days=25), S.SENT),
                                  ("丁四", today + timedelta(days=40), S.SENT),
                                  ("己六", today - timedelta(days=5), S.COMPLETED)):
            application = make_application(services, clerk, name, received=earlier)
            rid = make_referral(services, supervisor, application, "medical", status, due_date=due, at=earlier,
                                department_actor=medical)
            numbers[name] = services.referrals.get(supervisor, rid).number
        # Completed five days ago: called back, and the applicant was not happy.
        with services.db.transaction() as session:
            from intake_desk.store.models import Referral

            done = session.get(Referral, services.referrals.get(supervisor, rid).id)
            assert done is not None
            done.finished_at = services.clock.now() - timedelta(days=5)
        services.urging.sync(clerk)
        (callback,) = services.callbacks.callbacks(clerk)
        services.callbacks.record_callback(clerk, callback.id, callback.version, reached=True,
                                           rating="非常不满意", help_arrived=False, comment="=HYPERLINK(\"x\")")
    finally:
        services.close()
    for user in ("clerk1", "super1"):
        # Accounts made by an administrator change their password at first sign-in; these sign in here.
        with Database(f"sqlite:///{path}").transaction() as session:
            from sqlalchemy import update

            from intake_desk.store.models import User

            session.execute(update(User).where(User.username == user).values(must_change_password=False))
    return f"sqlite:///{path}", numbers


def test_print_urging_writes_the_notice_for_a_late_referral(county: tuple[str, dict[str, str]],
                                                            tmp_path: Path) -> None:
    url, numbers = county
    out = tmp_path / "urging.pdf"
    done = run("--database", url, "print", "urging", numbers["丙三"], "--user", "super1", "-o", str(out),
               home=tmp_path, stdin="super1-pass-1\n")
    assert done.returncode == 0, done.stderr
    assert "催办通知书" in done.stdout and "第 1 份" in done.stdout
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(out.read_bytes())).pages).replace("\n", "")
    assert numbers["丙三"] in text and "列入督办" in text and "丙三" in text


def test_print_urging_is_refused_for_a_referral_not_overdue(county: tuple[str, dict[str, str]],
                                                            tmp_path: Path) -> None:
    url, numbers = county
    out = tmp_path / "urging.pdf"
    done = run("--database", url, "print", "urging", numbers["丁四"], "--user", "super1", "-o", str(out),
               home=tmp_path, stdin="super1-pass-1\n")
    assert done.returncode == 2
    assert "未逾期" in done.stderr and "not overdue" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert not out.exists()


def test_report_satisfaction_prints_json_for_a_supervisor_and_refuses_a_clerk(
        county: tuple[str, dict[str, str]], tmp_path: Path) -> None:
    url, _numbers = county
    year_start = date.today().replace(month=1, day=1).isoformat()
    done = run("--database", url, "report", "satisfaction", "--from", year_start, "--json", "--user", "super1",
               home=tmp_path, stdin="super1-pass-1\n")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["total"] == 1 and data["counts"]["very_dissatisfied"] == 1
    assert data["satisfied_share"] == 0.0 and data["follow_ups_open"] == 1
    assert list(data["by_department"]) == ["医疗保障局"]
    plain = run("--database", url, "report", "satisfaction", "--user", "super1", home=tmp_path,
                stdin="super1-pass-1\n")
    assert plain.returncode == 0 and "满意率 0.0%" in plain.stdout
    refused = run("--database", url, "report", "satisfaction", "--user", "clerk1", home=tmp_path,
                  stdin="clerk1-pass-1\n")
    assert refused.returncode == 2 and "无权" in refused.stderr


def test_the_callback_and_escalation_ledgers_read_back(county: tuple[str, dict[str, str]], tmp_path: Path) -> None:
    url, numbers = county
    callbacks = tmp_path / "callbacks.xlsx"
    done = run("--database", url, "export", "callbacks", "-o", str(callbacks), "--user", "super1", home=tmp_path,
               stdin="super1-pass-1\n")
    assert done.returncode == 0, done.stderr
    sheet = load_workbook(callbacks).active
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert row["评价"] == "非常不满意" and row["整改"] == "有" and row["回访状态"] == "已回访"
    assert sheet.cell(2, header.index("意见") + 1).data_type == "s", "a formula-like comment stays text"
    assert "*" in row["身份证号码"]
    escalations = tmp_path / "escalations.csv"
    done = run("--database", url, "export", "escalations", "-o", str(escalations), "--user", "super1",
               home=tmp_path, stdin="super1-pass-1\n")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(escalations.read_text(encoding="utf-8-sig"))))
    assert [r["事项编号"] for r in rows] == [numbers["丙三"]]
    assert rows[0]["催办梯度"] == "已督办" and rows[0]["责任单位"] == "医疗保障局"
    assert os.stat(escalations).st_mode & 0o077 == 0
    refused = run("--database", url, "export", "escalations", "--full-ids", "-o", str(tmp_path / "x.csv"),
                  "--user", "super1", home=tmp_path, stdin="super1-pass-1\n")
    assert refused.returncode == 2 and "masked" in refused.stderr
