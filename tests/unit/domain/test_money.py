from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intake_desk.domain.money import (
    MAX_FEN,
    InvalidMoney,
    fen_from_yuan,
    format_fen,
    format_yuan,
    parse_money_fen,
    round_fen,
    yuan,
)


@pytest.mark.parametrize(
    ("typed", "fen"),
    [
        ("1,800", 180_000),
        ("1800.5", 180_050),
        ("1800.05", 180_005),
        ("１８００", 180_000),
        ("１，８００．５０", 180_050),
        ("¥1,800.00元", 180_000),
        ("￥ 700 元", 70_000),
        ("6733", 673_300),
        ("0.5", 50),
        (".5", 50),
        ("0", 0),
        ("1.5万", 1_500_000),
        ("1,234,567.89", 123_456_789),
        (1800, 180_000),
        ("100000000", MAX_FEN),
    ],
)
def test_parses_what_clerks_type(typed: str | int, fen: int) -> None:
    assert parse_money_fen(typed) == fen


@pytest.mark.parametrize(
    ("typed", "zh", "en"),
    [
        ("", "请输入金额", "Enter an amount"),
        ("-5", "不能为负数", "cannot be negative"),
        ("1.234", "两位小数", "two decimal places"),
        ("1,80,0", "不是有效的金额", "not an amount"),
        ("1e5", "不是有效的金额", "not an amount"),
        ("abc", "不是有效的金额", "not an amount"),
        ("1..5", "不是有效的金额", "not an amount"),
        ("100000000.01", "超过上限", "above the limit"),
    ],
)
def test_rejects_bad_amounts(typed: str, zh: str, en: str) -> None:
    with pytest.raises(InvalidMoney) as caught:
        parse_money_fen(typed)
    chinese, english = str(caught.value).split(" / ")
    assert zh in chinese
    assert en in english


def test_zero_can_be_refused() -> None:
    with pytest.raises(InvalidMoney, match="不能为零"):
        parse_money_fen("0", allow_zero=False)


def test_bool_is_not_money() -> None:
    with pytest.raises(InvalidMoney):
        parse_money_fen(True)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fen", "text"),
    [(0, "0.00"), (5, "0.05"), (180_000, "1,800.00"), (123_456_789, "1,234,567.89"), (-30_050, "-300.50")],
)
def test_format_fen(fen: int, text: str) -> None:
    assert format_fen(fen) == text
    assert format_yuan(fen) == f"{text} 元"


@given(st.integers(0, MAX_FEN))
def test_format_and_parse_round_trip(fen: int) -> None:
    assert parse_money_fen(format_fen(fen)) == fen
    assert fen_from_yuan(yuan(fen)) == fen


def test_yuan_is_exact() -> None:
    assert yuan(180_050) == Decimal("1800.50")
    with pytest.raises(InvalidMoney):
        fen_from_yuan(Decimal("1.001"))


@pytest.mark.parametrize(
    ("value", "fen"),
    [
        (Fraction(1, 2), 1),
        (Fraction(3, 2), 2),
        (Fraction(5, 3), 2),
        (Fraction(4, 3), 1),
        (Fraction(-1, 2), -1),
        (Decimal("2.49"), 2),
        (7, 7),
    ],
)
def test_round_fen_half_up(value: Fraction | Decimal | int, fen: int) -> None:
    assert round_fen(value) == fen
