"""金额 – money as integer fen (分), parsed from what clerks type and formatted for people.

Never floats: ``1800.5`` is read as the decimal 1800.50 and stored as 180050 fen.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from intake_desk.domain.text import halfwidth, shown

__all__ = [
    "MAX_FEN",
    "InvalidMoney",
    "fen_from_yuan",
    "format_fen",
    "format_yuan",
    "parse_money_fen",
    "round_fen",
    "yuan",
]

FEN_PER_YUAN = 100
MAX_YUAN = 100_000_000  # 一亿元: far above any household figure, catches a slipped key
MAX_FEN = MAX_YUAN * FEN_PER_YUAN

_GROUPED = re.compile(r"\d{1,3}(,\d{3})+(\.\d*)?", re.ASCII)
_PLAIN = re.compile(r"\d+(\.\d*)?|\.\d+", re.ASCII)
_CURRENCY = ("人民币", "RMB", "CNY", "¥", "元")


class InvalidMoney(ValueError):
    """金额无效 – the message says what is wrong, in Chinese and English."""


def parse_money_fen(text: str | int, *, allow_zero: bool = True) -> int:
    """An amount of money in fen from ``1,800``, ``1800.5``, ``１８００``, ``¥1,800.00元`` or ``1.5万``.

    Raises :class:`InvalidMoney` for empty or malformed text, negative amounts, more than two
    decimal places and amounts above :data:`MAX_YUAN`. An ``int`` is taken as whole yuan.
    """
    if isinstance(text, bool):
        raise InvalidMoney(f"“{shown(text)}”不是金额 / '{shown(text)}' is not an amount of money")
    if isinstance(text, int):
        text = str(text)
    raw = halfwidth(text).strip().replace(" ", "").replace("，", ",")
    for mark in _CURRENCY:
        if raw.upper().startswith(mark):
            raw = raw[len(mark):]
        if raw.upper().endswith(mark):
            raw = raw[: -len(mark)]
    if not raw:
        raise InvalidMoney("请输入金额 / Enter an amount")
    if raw.startswith("-") or raw.startswith("−"):
        raise InvalidMoney(f"金额不能为负数：“{shown(text)}” / An amount cannot be negative: '{shown(text)}'")
    raw = raw.removeprefix("+")
    scale = Decimal(1)
    if raw.endswith("万"):
        raw, scale = raw[:-1], Decimal(10_000)
    if _GROUPED.fullmatch(raw):
        raw = raw.replace(",", "")
    elif not _PLAIN.fullmatch(raw):
        raise InvalidMoney(
            f"“{shown(text)}”不是有效的金额，请输入如 1800 或 1,800.50 / "
            f"'{shown(text)}' is not an amount; type e.g. 1800 or 1,800.50"
        )
    try:
        amount = Decimal(raw) * scale
    except InvalidOperation:  # pragma: no cover - the patterns above admit only decimals
        raise InvalidMoney(f"“{shown(text)}”不是有效的金额 / '{shown(text)}' is not an amount") from None
    fen = amount * FEN_PER_YUAN
    if fen != fen.to_integral_value():
        raise InvalidMoney(
            f"金额最多精确到分（两位小数）：“{shown(text)}” / An amount has at most two decimal places: '{shown(text)}'"
        )
    value = int(fen)
    if value > MAX_FEN:
        raise InvalidMoney(
            f"金额超过上限{format_fen(MAX_FEN)}元：“{shown(text)}” / "
            f"The amount is above the limit of {format_fen(MAX_FEN)} yuan: '{shown(text)}'"
        )
    if value == 0 and not allow_zero:
        raise InvalidMoney("金额不能为零 / The amount cannot be zero")
    return value


def format_fen(fen: int) -> str:
    """``180000`` → ``"1,800.00"`` (yuan with thousands separators and two decimals)."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), FEN_PER_YUAN)
    return f"{sign}{whole:,}.{cents:02d}"


def format_yuan(fen: int) -> str:
    """``180000`` → ``"1,800.00 元"``."""
    return f"{format_fen(fen)} 元"


def yuan(fen: int) -> Decimal:
    """The exact amount in yuan as a Decimal: ``180050`` → ``Decimal("1800.50")``."""
    return (Decimal(fen) / FEN_PER_YUAN).quantize(Decimal("0.01"))


def fen_from_yuan(amount: Decimal | int | str) -> int:
    """Whole fen for an exact yuan amount; refuses fractions of a fen."""
    value = Decimal(amount) * FEN_PER_YUAN
    if value != value.to_integral_value():
        raise InvalidMoney(f"金额最多两位小数：{amount} / At most two decimal places: {amount}")
    return int(value)


def round_fen(value: Fraction | Decimal | int) -> int:
    """An exact amount of fen rounded half away from zero to a whole fen (四舍五入到分)."""
    if isinstance(value, int):
        return value
    exact = Fraction(value)
    magnitude = math.floor(abs(exact) + Fraction(1, 2))
    return magnitude if exact >= 0 else -magnitude
