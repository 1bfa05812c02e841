"""Demonstration data for 主动发现 and 监测预警: two department lists imported, leads visited, both libraries filled.

Goes through the services as a supervisor and a clerk would: the disability federation's list
(csv, GB18030) and rural revitalisation's list (xlsx) are written to a temporary folder and
imported; the registry screens out the people already applying; the clerk visits most leads –
some helped to apply, most into the class 1 or class 2 library, one closed with a reason – and one
household moves from class 1 to class 2 at its next visit.
"""

from __future__ import annotations

import csv
import io
import random
import tempfile
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select

from intake_desk.domain.resident_id import make_resident_id
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.services.discovery import LeadOutcome
from intake_desk.services.errors import ServiceError
from intake_desk.services.monitoring import EntryDetails, VisitOutcome, VisitRecord
from intake_desk.store.models import Person

__all__ = ["seed_discovery"]

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ("秀英", "桂兰", "建国", "志强", "丽娟", "国华", "玉梅", "德明", "春花", "海涛", "凤英", "永福")
STREETS = ("月塘街道", "茨菇塘街道", "金山街道")
HEADERS = ("序号", "姓名", "身份证号码", "联系电话", "家庭住址", "困难类型", "备注")
RISKS = ("serious_illness", "severe_disability", "unemployment", "elderly_alone", "high_medical_costs")


def _people(rng: random.Random, count: int, start: int, today: date) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for i in range(count):
        born = today - timedelta(days=rng.randrange(25 * 365, 85 * 365))
        rid = make_resident_id("430202", born, 500 + start + i)
        rows.append((str(i + 1), rng.choice(SURNAMES) + rng.choice(GIVEN), rid, f"139{rng.randrange(10**8):08d}",
                     f"荷塘区{rng.choice(STREETS)}{rng.randrange(1, 40)}栋{rng.randrange(1, 6)}单元", "", ""))
    return rows


def _write_csv(path: Path, rows: list[tuple[str, ...]]) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["荷塘区重度残疾人员名单（区残联）"])
    writer.writerow(HEADERS)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode("gb18030"))
    return path


def _write_xlsx(path: Path, rows: list[tuple[str, ...]]) -> Path:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("防返贫监测")
    sheet.append(list(HEADERS))
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def seed_discovery(services: Services, supervisor: Actor, clerk: Actor, rng: random.Random) -> list[str]:
    """Import the demo lists and work the leads; returns notes for the summary (nothing on success)."""
    notes: list[str] = []
    today = services.clock.today()
    with services.db.reading() as session:
        registered = list(session.scalars(select(Person.resident_id).order_by(Person.id).limit(2)))
    disability = _people(rng, 12, 0, today)
    for i, rid in enumerate(registered):  # already applying: screened out as 在办/在保
        disability[i] = (disability[i][0], "在册人员", rid, "", "", "", "")
    for row_index in range(len(disability)):
        row = disability[row_index]
        disability[row_index] = row[:5] + ("一级肢体残疾" if row_index % 2 else "二级视力残疾",) + row[6:]
    disability.append((str(len(disability) + 1), "错号", disability[-1][2][:17] + "0", "", "", "", ""))
    rural = [row[:5] + ("因病返贫风险",) + row[6:] for row in _people(rng, 8, 40, today)]
    with tempfile.TemporaryDirectory() as folder:
        try:
            services.discovery.import_list(supervisor, _write_csv(Path(folder) / "残联重度残疾名单.csv", disability),
                                           "disability")
            services.discovery.import_list(supervisor, _write_xlsx(Path(folder) / "防返贫监测对象.xlsx", rural), "rural")
        except ServiceError as exc:
            return [exc.message]
    leads = services.discovery.leads(clerk, limit=100)
    plan = [LeadOutcome.CLASS1] * 7 + [LeadOutcome.CLASS2] * 6 + [LeadOutcome.APPLY, LeadOutcome.NO_HELP]
    for turn, lead in enumerate(leads[:len(plan)]):
        outcome = plan[turn]
        visit = VisitRecord(today - timedelta(days=rng.randrange(0, 80)), clerk.display_name, "社区民政专干",
                            rng.choice(("家中无固定收入，靠亲属接济", "户主长期患病，医疗支出大", "独居，子女在外地",
                                        "家庭成员失业半年以上")),
                            rng.choice(("住房简陋", "基本生活有保障", "需定期关注")))
        income = rng.randrange(40_000, 100_000) if outcome is LeadOutcome.CLASS1 else rng.randrange(105_000, 150_000)
        entry = EntryDetails(risk_factors=(rng.choice(RISKS),), per_capita_income_fen=income,
                             stable=rng.random() < 0.7)
        try:
            services.discovery.record_visit(clerk, lead.id, lead.version, visit, outcome,
                                            "子女有稳定收入，已赡养" if outcome is LeadOutcome.NO_HELP else "",
                                            entry=entry)
        except ServiceError as exc:
            notes.append(f"{lead.name}: {exc.message}")
    households = services.monitoring.households(clerk, limit=5)
    if households:
        first = households[0]
        try:
            services.monitoring.record_visit(
                clerk, first.id, first.version, VisitRecord(today, clerk.display_name, "社区民政专干", "子女已就业，收入增加"),
                VisitOutcome.CLASS2, details=EntryDetails(per_capita_income_fen=130_000))
        except ServiceError as exc:
            notes.append(f"{first.name}: {exc.message}")
    return notes
