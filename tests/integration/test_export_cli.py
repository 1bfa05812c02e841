"""``intake-desk export`` and ``intake-desk seed-demo`` end to end on a SQLite file."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from intake_desk.cli import main
from intake_desk.domain.enums import ReferralStatus
from intake_desk.services import audit
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.store.db import Database
from intake_desk.store.models import Application, AuditEvent, Person, Referral, ReferralEvent
from tests.conftest import TEST_NOW
from tests.referral_data import ensure_departments, make_application, make_referral


def _password(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text + "\n"))


def test_export_referrals_from_the_command_line(services: Services, db_path: Path, clerk: Actor, supervisor: Actor,
                                                tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    ensure_departments(services)
    at = TEST_NOW.replace(day=2)
    for name, status in (("张三", ReferralStatus.SENT), ("李四", ReferralStatus.COMPLETED)):
        application = make_application(services, clerk, name, received=at)
        make_referral(services, supervisor, application, "medical", status, due_date=TEST_NOW.date().replace(day=10),
                      at=at)
    output = tmp_path / "overdue.xlsx"
    _password(monkeypatch, "super1-pass-1")
    code = main(["export", "referrals", "--database", str(db_path), "--user", "super1", "--overdue",
                 "--department", "medical", "-o", str(output)])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "已导出" in out.out and "身份证号已脱敏" in out.out
    rows = list(load_workbook(output).active.iter_rows(values_only=True))
    assert [r[2] for r in rows[1:]] == ["张三"]

    _password(monkeypatch, "clerk1-pass-1")
    code = main(["export", "referrals", "--database", str(db_path), "--user", "clerk1", "--full-ids",
                 "-o", str(tmp_path / "full.csv")])
    assert code == 2 and "export.full" in capsys.readouterr().err
    _password(monkeypatch, "wrong")
    assert main(["export", "applications", "--database", str(db_path), "--user", "super1",
                 "-o", str(tmp_path / "a.csv")]) == 2
    assert "用户名或密码不正确" in capsys.readouterr().err
    _password(monkeypatch, "super1-pass-1")
    assert main(["export", "referrals", "--database", str(db_path), "--user", "super1", "--status", "nonsense",
                 "-o", str(tmp_path / "s.csv")]) == 2
    assert "不是有效的取值" in capsys.readouterr().err
    _password(monkeypatch, "super1-pass-1")
    assert main(["export", "applications", "--database", str(db_path), "--user", "super1", "--from", "2026-11-01",
                 "--status", "已受理", "-o", str(tmp_path / "a.csv")]) == 0
    assert "已导出 2 行" in capsys.readouterr().out
    with services.db.reading() as session:
        actions = session.scalars(select(AuditEvent.action).where(AuditEvent.action.like("export.%"))
                                  .order_by(AuditEvent.id)).all()
        assert actions == ["export.referrals", "export.applications"]


def test_seed_demo_in_bulk(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "demo.sqlite3"
    code = main(["seed-demo", "--database", str(path), "--households", "300", "--bulk", "--seed", "7"])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "300 households" in out.out and "admin / admin-demo-2026" in out.out
    db = Database(f"sqlite:///{path}")
    try:
        with db.reading() as session:
            assert session.scalar(select(func.count()).select_from(Application)) == 300
            referrals = session.scalar(select(func.count()).select_from(Referral)) or 0
            assert referrals > 300
            statuses = set(session.scalars(select(Referral.status).distinct()))
            assert {"completed", "sent", "in_progress", "declined", "cancelled"} <= statuses
            events = session.scalar(select(func.count()).select_from(ReferralEvent)) or 0
            assert events > 2 * referrals
        assert audit.verify(db).ok
    finally:
        db.dispose()
    # A second run with the same seed skips the people it already made and adds new households.
    assert main(["seed-demo", "--database", str(path), "--households", "100", "--bulk", "--seed", "7"]) == 0
    db = Database(f"sqlite:///{path}")
    try:
        with db.reading() as session:
            assert session.scalar(select(func.count()).select_from(Application)) == 400
            assert session.scalar(select(func.count(Person.resident_id.distinct()))) == session.scalar(
                select(func.count()).select_from(Person))
        assert audit.verify(db).ok
    finally:
        db.dispose()


def test_seed_demo_through_the_services(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "small.sqlite3"
    assert main(["seed-demo", "--database", str(path), "--households", "12"]) == 0
    out = capsys.readouterr().out
    assert "已受理 12 件申请" in out and "supervisor / supervisor1234" in out
