"""Formatting helpers and the copy-number rule of the printed documents."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest

from intake_desk.printing.model import format_date, format_datetime, format_fen, reprint_mark
from intake_desk.printing.samples import sample_receipt, sample_wording


@pytest.mark.parametrize(
    ("fen", "text"),
    [
        (0, "0.00 元"),
        (5, "0.05 元"),
        (180_000, "1,800.00 元"),
        (6_912_000, "69,120.00 元"),
        (123_456_789, "1,234,567.89 元"),
        (-5_050, "-50.50 元"),
    ],
)
def test_money_is_printed_from_integer_fen(fen: int, text: str) -> None:
    assert format_fen(fen) == text


def test_money_without_unit_for_columns_headed_in_yuan() -> None:
    assert format_fen(4_860_000, unit="") == "48,600.00"


def test_dates_are_printed_the_chinese_way() -> None:
    assert format_date(date(2026, 10, 20)) == "2026年10月20日"
    assert format_datetime(datetime(2026, 9, 30, 10, 4)) == "2026年09月30日 10:04"


def test_utc_times_are_printed_in_china_standard_time() -> None:
    # 2026-09-30 18:30 UTC is 2026-10-01 02:30 in Beijing: the date moves too.
    assert format_datetime(datetime(2026, 9, 30, 18, 30, tzinfo=UTC)) == "2026年10月01日 02:30"


def test_copy_number_rule_first_print_is_the_original() -> None:
    assert reprint_mark(1) is None
    assert reprint_mark(2) == "补打（第 1 次）"
    assert reprint_mark(5) == "补打（第 4 次）"


def test_copy_number_below_one_is_refused_when_the_document_is_made() -> None:
    with pytest.raises(ValueError, match="copy_no starts at 1"):
        reprint_mark(0)
    with pytest.raises(ValueError, match="打印份次"):
        dataclasses.replace(sample_receipt(), copy_no=0)


def test_commitment_hash_follows_the_printed_wording() -> None:
    wording = sample_wording()
    assert wording.commitment_hash() == sample_wording().commitment_hash()
    assert len(wording.commitment_hash()) == 64
    changed = dataclasses.replace(wording, commitment_text=(*wording.commitment_text[:-1], "改过的一段。"))
    assert changed.commitment_hash() != wording.commitment_hash()
    # Titles and receipt notes are not part of what the applicant commits to.
    assert dataclasses.replace(wording, receipt_notes=()).commitment_hash() == wording.commitment_hash()
