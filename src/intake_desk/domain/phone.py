"""电话号码 – mainland mobile and landline numbers as clerks type them.

Accepted: mobile ``13812345678`` (with ``+86``/``0086``/``86`` prefix, spaces or hyphens), landline
with area code ``0731-22881234``, ``(0731)22881234``, ``010 6552 1234``, with an extension
``0731-22881234-801`` or ``…转801``, and a local landline number without area code ``22881234``.
The result is one normal form: ``13812345678``, ``0731-22881234``, ``0731-22881234-801``.
"""

from __future__ import annotations

import re

from intake_desk.domain.text import halfwidth, shown

__all__ = ["InvalidPhone", "validate_phone"]

_MOBILE = re.compile(r"1[3-9]\d{9}", re.ASCII)
# 区号: 010 and 02x are three digits, the rest four (0xxx with a non-zero second digit).
_LANDLINE = re.compile(r"(?P<area>010|02\d|0[3-9]\d{2})(?P<local>[2-9]\d{6,7})", re.ASCII)
_LOCAL = re.compile(r"[2-9]\d{6,7}", re.ASCII)
# 0731-22881234-801: a trailing hyphenated group is an extension only after a full landline number.
_HYPHEN_EXTENSION = re.compile(r"^(?P<main>.*[0-9])\s*-\s*(?P<ext>[0-9]{1,6})$")
_EXTENSION = re.compile(r"^(?P<main>.*?)(?:转|分机|ext\.?|x|#)\s*(?P<ext>\d{1,6})$", re.IGNORECASE)


class InvalidPhone(ValueError):
    """电话号码无效 – the message says what is wrong, in Chinese and English."""


def validate_phone(text: str) -> str:
    """The phone number in its normal form, or :class:`InvalidPhone` saying what is wrong."""
    raw = halfwidth(text).strip()
    if not raw:
        raise InvalidPhone("请输入电话号码 / Enter a phone number")
    try:
        return _normal_form(raw, text)
    except InvalidPhone as first:
        split = _HYPHEN_EXTENSION.match(raw)
        if split is None:
            raise
        try:
            main = _normal_form(split["main"], text, landline_only=True)
        except InvalidPhone:
            raise first from None
        if main.count("-") != 1:  # a local number without area code takes no hyphenated extension
            raise
        return f"{main}-{split['ext']}"


def _normal_form(raw: str, text: str, *, landline_only: bool = False) -> str:
    extension = ""
    match = _EXTENSION.match(raw)
    if match:
        raw, extension = match["main"].strip(), match["ext"]
    compact = re.sub(r"[\s\-()（）]", "", raw)
    if compact.startswith("+86"):
        compact = compact[3:]
    elif compact.startswith("0086"):
        compact = compact[4:]
    elif compact.startswith("86") and len(compact) == 13:
        compact = compact[2:]
    bad = next((ch for ch in compact if not "0" <= ch <= "9"), None)
    if bad is not None:
        raise InvalidPhone(
            f"电话号码中有不允许的字符“{bad}” / The phone number contains a character that is not allowed: '{bad}'"
        )
    if not extension and not landline_only and _MOBILE.fullmatch(compact):
        return compact
    landline = _LANDLINE.fullmatch(compact)
    if landline:
        number = f"{landline['area']}-{landline['local']}"
    elif _LOCAL.fullmatch(compact):
        number = compact
    else:
        raise InvalidPhone(_explain(compact, text))
    return f"{number}-{extension}" if extension else number


def _explain(digits: str, text: str) -> str:
    if digits.startswith("1"):
        return (
            f"手机号码应为以13–19开头的11位数字，“{shown(text)}”有{len(digits)}位 / "
            f"A mobile number has 11 digits starting 13–19; '{shown(text)}' has {len(digits)}"
        )
    if digits.startswith("0"):
        return (
            f"固定电话应为区号加7–8位号码，如 0731-22881234：“{shown(text)}” / "
            f"A landline number is an area code and 7–8 digits, e.g. 0731-22881234: '{shown(text)}'"
        )
    return (
        f"“{shown(text)}”不是有效的手机或固定电话号码 / '{shown(text)}' is not a mobile or landline number"
    )
