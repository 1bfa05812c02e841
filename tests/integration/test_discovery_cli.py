"""``intake-desk discovery import`` and ``discovery report`` end to end on a SQLite file."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from intake_desk.cli import main
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.services.discovery import COUNT_KEYS
from tests.discovery_data import person_rows, write_csv, write_xlsx


def _password(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text + "\n"))


def test_import_prints_counts_as_json_or_one_line(services: Services, db_path: Path, supervisor: Actor,
                                                  clerk: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    rows = person_rows(6)
    rows.append(("7", "钱七", "430211196001011235", "", "", "", ""))
    rows.append(rows[0])
    path = write_csv(tmp_path / "医保名单.csv", rows, encoding="gb18030")
    _password(monkeypatch, "super1-pass-1")
    code = main(["discovery", "import", str(path), "--source", "medical", "--user", "super1", "--json",
                 "--database", str(db_path)])
    out = capsys.readouterr()
    assert code == 0, out.err
    counts = json.loads(out.out)
    assert list(counts) == list(COUNT_KEYS)
    assert counts == {"rows": 8, "in_assistance": 0, "in_progress": 0, "already_monitored": 0, "known_leads": 0,
                      "new_leads": 6, "invalid": 1, "duplicates": 1}
    assert "第 8 行" in out.err and "第 9 行" in out.err  # invalid and repeated rows listed with their numbers
    assert "430211196001011235" not in out.err  # masked

    _password(monkeypatch, "super1-pass-1")
    assert main(["discovery", "import", str(write_xlsx(tmp_path / "again.xlsx", person_rows(6))), "--source",
                 "medical", "--user", "super1", "--database", str(db_path)]) == 0
    line = capsys.readouterr().out.strip().splitlines()
    assert len(line) == 1 and "新线索 0" in line[0] and "known leads 6" in line[0]

    _password(monkeypatch, "clerk1-pass-1")
    assert main(["discovery", "import", str(path), "--source", "medical", "--user", "clerk1",
                 "--database", str(db_path)]) == 2
    assert "discovery.import" in capsys.readouterr().err
    _password(monkeypatch, "super1-pass-1")
    assert main(["discovery", "import", str(path), "--source", "nope", "--user", "super1",
                 "--database", str(db_path)]) == 2
    assert "未知的名单来源" in capsys.readouterr().err
    _password(monkeypatch, "wrong")
    assert main(["discovery", "import", str(path), "--source", "medical", "--user", "super1",
                 "--database", str(db_path)]) == 2


def test_quarterly_report_as_json_and_pdf(services: Services, db_path: Path, supervisor: Actor, clerk: Actor,
                                          tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    from datetime import date

    from pypdf import PdfReader

    from intake_desk.services.monitoring import VisitRecord

    services.discovery.import_list(supervisor, write_csv(tmp_path / "l.csv", person_rows(3)), "rural")
    for lead, library in zip(services.discovery.leads(clerk), ("class1", "class1", "class2"), strict=True):
        services.discovery.record_visit(clerk, lead.id, lead.version,
                                        VisitRecord(date(2026, 11, 20), "王丽", "李强", "收入不稳定"), library)
    output = tmp_path / "季报.pdf"
    _password(monkeypatch, "super1-pass-1")
    code = main(["discovery", "report", "--year", "2026", "--quarter", "4", "--user", "super1", "--json",
                 "-o", str(output), "--database", str(db_path)])
    out = capsys.readouterr()
    assert code == 0, out.err
    data = json.loads(out.out)
    assert (data["total"]["class1"], data["total"]["class2"], data["total"]["visits_done"]) == (2, 1, 3)
    assert data["total"]["leads_found"] == 3
    text = "".join(page.extract_text() for page in PdfReader(output).pages)
    assert "2026 年第 4 季度困难群众监测预警情况报表" in text
    assert "一类库" in text and "新线索" in text and "合计" in text
    (tmp_path.parent / "report.pdf").write_bytes(output.read_bytes())
    _password(monkeypatch, "clerk1-pass-1")
    assert main(["discovery", "report", "--year", "2026", "--quarter", "4", "--user", "clerk1",
                 "--database", str(db_path)]) == 2


def test_leads_and_monitoring_ledgers_read_back(services: Services, db_path: Path, supervisor: Actor, clerk: Actor,
                                                tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    import csv
    from datetime import date

    from openpyxl import load_workbook

    from intake_desk.services.monitoring import EntryDetails, VisitRecord
    from tests.discovery_data import lead_id

    rows = person_rows(3)
    rows[2] = rows[2][:5] + ("=HYPERLINK(\"http://x\")",) + rows[2][6:]  # a reason that looks like a formula
    services.discovery.import_list(supervisor, write_csv(tmp_path / "l.csv", rows), "disability")
    first = next(r for r in services.discovery.leads(clerk) if r.name == "王伟")
    services.discovery.record_visit(clerk, first.id, first.version,
                                    VisitRecord(date(2026, 11, 20), "王丽", "李强", "独居，收入低"), "class1",
                                    entry=EntryDetails(risk_factors=("elderly_alone",), per_capita_income_fen=60_000))

    _password(monkeypatch, "clerk1-pass-1")
    leads_xlsx = tmp_path / "leads.xlsx"
    assert main(["export", "leads", "--user", "clerk1", "-o", str(leads_xlsx), "--database", str(db_path)]) == 0
    assert "已导出 3 行" in capsys.readouterr().out
    sheet = list(load_workbook(leads_xlsx).active.iter_rows(values_only=True))
    assert sheet[0][:3] == ("姓名", "身份证号码", "联系电话")
    by_name = {r[0]: r for r in sheet[1:]}
    assert by_name["王伟"][1] == lead_id(0)[:6] + "********" + lead_id(0)[-4:]
    assert by_name["王伟"][2] == "138****0000"
    assert by_name["王伟"][7] == "纳入一类库"
    assert by_name["张伟"][5] == "=HYPERLINK(\"http://x\")"  # kept as text, not a formula

    _password(monkeypatch, "clerk1-pass-1")
    open_csv = tmp_path / "open.csv"
    assert main(["export", "leads", "--user", "clerk1", "--status", "open", "-o", str(open_csv),
                 "--database", str(db_path)]) == 0
    capsys.readouterr()
    with open_csv.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle))
    assert sorted(r[0] for r in lines[1:]) == ["张伟", "李伟"]
    assert next(r for r in lines[1:] if r[0] == "张伟")[5] == "'=HYPERLINK(\"http://x\")"

    _password(monkeypatch, "super1-pass-1")
    monitoring = tmp_path / "monitoring.xlsx"
    assert main(["export", "monitoring", "--user", "super1", "--library", "class1", "--full-ids", "-o",
                 str(monitoring), "--database", str(db_path)]) == 0
    capsys.readouterr()
    sheet = list(load_workbook(monitoring).active.iter_rows(values_only=True))
    assert len(sheet) == 2
    row = dict(zip(sheet[0], sheet[1], strict=True))
    assert (row["户主"], row["身份证号码"], row["库别"], row["风险因素"]) == ("王伟", lead_id(0), "一类库", "独居老人")
    assert (row["人均月收入（元）"], row["收入圈"], row["走访逾期"]) == ("600.00", "低保", "否")
    assert row["下次走访"].date() == date(2027, 2, 22)
    _password(monkeypatch, "clerk1-pass-1")
    assert main(["export", "monitoring", "--user", "clerk1", "--full-ids", "-o", str(tmp_path / "m.csv"),
                 "--database", str(db_path)]) == 2
    assert "export.full" in capsys.readouterr().err
    from sqlalchemy import select

    from intake_desk.store.models import AuditEvent
    with services.db.reading() as session:
        actions = list(session.scalars(select(AuditEvent.action).where(AuditEvent.action.like("export.%"))))
    assert actions == ["export.leads", "export.leads", "export.monitoring"]


def test_hall_area_from_the_command_line_places_new_leads(services: Services, db_path: Path, admin: Actor,
                                                          supervisor: Actor, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    from intake_desk.services.actor import SYSTEM
    from intake_desk.store.models import Hall

    with services.db.transaction() as session:
        session.add(Hall(code="HT02", name="另一个大厅"))
    from intake_desk.domain.enums import Role

    services.accounts.add_user(SYSTEM, "county", "县局", Role.SUPERVISOR, "county-pass-1", county=True)
    _password(monkeypatch, "county-pass-1")
    assert main(["discovery", "area", "--hall", "HT02", "--address", "月塘街道", "--user", "county",
                 "--database", str(db_path)]) == 0
    assert "HT02" in capsys.readouterr().out
    _password(monkeypatch, "county-pass-1")
    assert main(["discovery", "import", str(write_csv(tmp_path / "l.csv", person_rows(2))), "--source", "union",
                 "--user", "county", "--database", str(db_path)]) == 0
    county = services.accounts.authenticate("county", "county-pass-1")
    assert {r.hall_code for r in services.discovery.leads(county)} == {"HT02"}
    assert services.discovery.leads(supervisor) == []  # HT01's supervisor sees none of HT02's leads
    _password(monkeypatch, "super1-pass-1")
    assert main(["discovery", "area", "--hall", "HT01", "--region", "43x", "--user", "super1",
                 "--database", str(db_path)]) == 2
    assert "地区码" in capsys.readouterr().err
