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
