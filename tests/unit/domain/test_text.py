"""The English half of a bilingual message agrees with its numbers: "1 household", never "1 households"."""

from __future__ import annotations

from pathlib import Path

from intake_desk.domain.text import bilingual_half, counted
from intake_desk.services.export import ExportFormat, ExportResult
from intake_desk.services.monitoring import MonitoringSummary
from intake_desk.services.queues import SignInSummary


def test_counted_agrees_with_its_number() -> None:
    assert counted(1, "household") == "1 household"
    assert counted(0, "household") == "0 households"
    assert counted(2, "working day") == "2 working days"
    assert counted(12_345, "row") == "12,345 rows"
    assert counted(1, "person", "people") == "1 person" and counted(3, "person", "people") == "3 people"


def test_the_sign_in_summaries_read_one_thing_in_the_singular() -> None:
    monitoring = bilingual_half(MonitoringSummary(households=1, overdue=1, due_soon=0, within_days=1).message, "en")
    assert monitoring == "1 household monitored: 1 visit overdue, 0 due within 1 working day"
    many = bilingual_half(MonitoringSummary(households=2, overdue=0, due_soon=3, within_days=10).message, "en")
    assert many == "2 households monitored: 0 visits overdue, 3 due within 10 working days"
    assert "监测对象 1 户" in bilingual_half(MonitoringSummary(1, 1, 0, 1).message, "zh")
    referrals = bilingual_half(SignInSummary(overdue=1, due_soon=1, within_days=2, scope="全部转介").message, "en")
    assert referrals == "1 referral overdue, 1 due within 2 working days"


def test_an_export_of_one_row_says_one_row(tmp_path: Path) -> None:
    one = ExportResult(tmp_path / "a.csv", 1, ExportFormat.CSV, full_ids=False)
    assert bilingual_half(one.message, "en").startswith("Exported 1 row to")
    two = ExportResult(tmp_path / "a.csv", 2, ExportFormat.CSV, full_ids=False)
    assert bilingual_half(two.message, "en").startswith("Exported 2 rows to")
