"""公民身份号码 – the resident identity number (GB 11643-1999).

Eighteen characters: a six-digit region code (行政区划代码), the birth date as YYYYMMDD, a three-digit
sequence (顺序码, odd for men, even for women) and a check character computed by ISO 7064 MOD 11-2.
Old cards carry fifteen digits (two-digit birth year, no check character); they are converted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from intake_desk.domain.enums import Sex
from intake_desk.domain.masking import mask_resident_id
from intake_desk.domain.text import describe_char, halfwidth

__all__ = [
    "InvalidResidentId",
    "ResidentId",
    "check_character",
    "make_resident_id",
    "mask_resident_id",
    "parse_resident_id",
]

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"

# 省级行政区划代码 – the first two digits (81/82/83: Hong Kong, Macao, Taiwan residence permits).
PROVINCE_CODES = frozenset(
    {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
     50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83, 91}
)
EARLIEST_BIRTH_YEAR = 1900

_DIGITS = re.compile(r"[0-9]+")


class InvalidResidentId(ValueError):
    """身份证号码无效 – the message says what is wrong, in Chinese and English."""


@dataclass(frozen=True)
class ResidentId:
    """A valid 18-character resident identity number and what it encodes."""

    number: str
    region_code: str
    birth_date: date
    sex: Sex

    @property
    def sequence(self) -> str:
        """顺序码 – the three digits after the birth date."""
        return self.number[14:17]

    @property
    def masked(self) -> str:
        return mask_resident_id(self.number)

    def age_on(self, day: date) -> int:
        """周岁 – full years of age on ``day`` (a person born on 29 February ages on 1 March)."""
        years = day.year - self.birth_date.year
        if (day.month, day.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years

    def __str__(self) -> str:
        return self.number


def check_character(first17: str) -> str:
    """校验码 – the ISO 7064 MOD 11-2 check character for the first 17 digits."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError(f"need 17 ASCII digits, got {first17!r}")
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


def make_resident_id(region: str, birth: date, seq: int | str) -> str:
    """The full 18-character number for a region code, birth date and sequence (1–999).

    Used to build test and demonstration data; the result always passes :func:`parse_resident_id`
    provided the region's province code exists and the date is not in the future.
    """
    seq_text = f"{int(seq):03d}"
    if len(region) != 6 or not region.isdigit():
        raise ValueError(f"region code must be 6 digits, got {region!r}")
    if len(seq_text) != 3 or seq_text == "000":
        raise ValueError(f"sequence must be 1–999, got {seq!r}")
    first17 = f"{region}{birth:%Y%m%d}{seq_text}"
    return first17 + check_character(first17)


def parse_resident_id(text: str, *, today: date | None = None, sex: Sex | None = None) -> ResidentId:
    """Check and parse a resident ID number as typed or scanned.

    Surrounding spaces are dropped, full-width digits and ``Ｘ`` are accepted, a lower-case ``x`` is
    the same as ``X`` and a 15-digit number is converted to 18. ``today`` (default: the real date)
    bounds the birth date; ``sex``, if given, must match the sequence digit.
    Raises :class:`InvalidResidentId` saying exactly what is wrong.
    """
    raw = halfwidth(text).strip()
    if not raw:
        raise InvalidResidentId("请输入身份证号码 / Enter a resident ID number")
    if len(raw) not in (15, 18):
        raise InvalidResidentId(
            f"身份证号码应为18位（旧证15位），实际为{len(raw)}位 / "
            f"A resident ID has 18 characters (15 on old cards); this one has {len(raw)}"
        )
    digits_needed = 15 if len(raw) == 15 else 17
    for position, ch in enumerate(raw[:digits_needed], start=1):
        if not ("0" <= ch <= "9"):
            shown = describe_char(ch)
            raise InvalidResidentId(
                f"身份证号码第{position}位“{shown}”不是数字 / "
                f"Character {position} of the resident ID ('{shown}') is not a digit"
            )
    if len(raw) == 18:
        last = raw[17].upper()
        if not ("0" <= last <= "9" or last == "X"):
            shown = describe_char(raw[17])
            raise InvalidResidentId(
                f"身份证号码第18位“{shown}”应为数字或X / "
                f"Character 18 of the resident ID ('{shown}') must be a digit or X"
            )
        number = raw[:17] + last
        birth_text = number[6:14]
    else:
        birth_text = "19" + raw[6:12]
        first17 = raw[:6] + birth_text + raw[12:15]
        number = first17 + check_character(first17)

    province = int(number[:2])
    if province not in PROVINCE_CODES:
        raise InvalidResidentId(
            f"身份证号码前两位“{number[:2]}”不是有效的省级行政区划代码 / "
            f"The first two digits '{number[:2]}' are not a province code"
        )

    birth = _birth_date(birth_text)
    today = today or date.today()
    if birth > today:
        raise InvalidResidentId(
            f"身份证号码中的出生日期{birth:%Y-%m-%d}晚于今天 / "
            f"The birth date {birth:%Y-%m-%d} in the resident ID is in the future"
        )

    if len(raw) == 18:
        expected = check_character(number[:17])
        if number[17] != expected:
            raise InvalidResidentId(
                f"身份证号码校验位错误：第18位应为{expected}，实际为{number[17]}，请逐位核对 / "
                f"Wrong check character: the last character should be {expected}, not {number[17]}; "
                f"check every digit"
            )

    encoded_sex = Sex.MALE if int(number[16]) % 2 else Sex.FEMALE
    if sex is not None and sex != encoded_sex:
        raise InvalidResidentId(
            f"身份证号码第17位表示{encoded_sex.zh}性，与登记的性别“{sex.zh}”不符 / "
            f"Digit 17 of the resident ID says {encoded_sex.en.lower()}, "
            f"but the recorded sex is {sex.en.lower()}"
        )
    return ResidentId(number=number, region_code=number[:6], birth_date=birth, sex=encoded_sex)


def _birth_date(text: str) -> date:
    year, month, day = int(text[:4]), int(text[4:6]), int(text[6:8])
    if year < EARLIEST_BIRTH_YEAR:
        raise InvalidResidentId(
            f"身份证号码中的出生年份{year}不可能（早于{EARLIEST_BIRTH_YEAR}年） / "
            f"The birth year {year} in the resident ID is impossible (before {EARLIEST_BIRTH_YEAR})"
        )
    try:
        return date(year, month, day)
    except ValueError:
        raise InvalidResidentId(
            f"身份证号码中的出生日期{text}不存在 / The birth date {text} in the resident ID does not exist"
        ) from None


def is_valid_resident_id(text: str, *, today: date | None = None) -> bool:
    try:
        parse_resident_id(text, today=today)
    except InvalidResidentId:
        return False
    return True


def looks_like_resident_id(text: str) -> bool:
    """True when ``text`` is shaped like an ID (15–18 digits, maybe ending in X): a search hint."""
    raw = halfwidth(text).strip().upper()
    body = raw[:-1] if raw.endswith("X") else raw
    return len(raw) in (15, 18) and bool(_DIGITS.fullmatch(body))
