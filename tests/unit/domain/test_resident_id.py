from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intake_desk.domain.enums import Sex
from intake_desk.domain.resident_id import (
    PROVINCE_CODES,
    InvalidResidentId,
    check_character,
    looks_like_resident_id,
    make_resident_id,
    mask_resident_id,
    parse_resident_id,
)

TODAY = date(2026, 11, 22)
# A number published in GB 11643-1999 as its worked example.
STANDARD_EXAMPLE = "11010519491231002X"


def test_standard_example_parses() -> None:
    rid = parse_resident_id(STANDARD_EXAMPLE, today=TODAY)
    assert rid.number == STANDARD_EXAMPLE
    assert rid.region_code == "110105"
    assert rid.birth_date == date(1949, 12, 31)
    assert rid.sex is Sex.FEMALE
    assert rid.sequence == "002"
    assert rid.age_on(TODAY) == 76
    assert rid.masked == "110105********002X"


@pytest.mark.parametrize(
    "typed",
    [
        "11010519491231002x",  # lower-case x
        "  11010519491231002X  ",  # surrounding spaces
        "\u300011010519491231002X\t",  # ideographic space and tab
        "１１０１０５１９４９１２３１００２Ｘ",  # full-width digits and X
        "１１０１０５１９４９１２３１００２ｘ",
    ],
)
def test_normalises_what_clerks_type(typed: str) -> None:
    assert parse_resident_id(typed, today=TODAY).number == STANDARD_EXAMPLE


def test_fifteen_digit_number_converts_to_eighteen() -> None:
    rid = parse_resident_id("110105491231002", today=TODAY)
    assert rid.number == STANDARD_EXAMPLE
    assert rid.birth_date == date(1949, 12, 31)


@pytest.mark.parametrize(
    ("typed", "zh", "en"),
    [
        ("", "请输入身份证号码", "Enter a resident ID"),
        ("1101051949123100", "实际为16位", "this one has 16"),
        ("11010519491231002X1", "实际为19位", "this one has 19"),
        ("1101051949123100AX", "第17位“A”不是数字", "Character 17"),
        ("110105 9491231002X", "第7位“空格 (space)”不是数字", "Character 7"),
        ("11010519491231002Y", "第18位“Y”应为数字或X", "must be a digit or X"),
        ("11010519490231002X", "出生日期19490231不存在", "does not exist"),
        ("11010518991231002X", "出生年份1899不可能", "impossible"),
        ("00010519491231002X", "前两位“00”不是有效的省级行政区划代码", "province code"),
        ("110105194912310021", "第18位应为X，实际为1", "should be X, not 1"),
    ],
)
def test_rejects_with_a_message_that_says_what_is_wrong(typed: str, zh: str, en: str) -> None:
    with pytest.raises(InvalidResidentId) as caught:
        parse_resident_id(typed, today=TODAY)
    message = str(caught.value)
    assert zh in message
    assert en in message
    chinese, english = message.split(" / ")
    assert zh in chinese and en in english
    assert "\n" not in message


def test_rejects_a_birth_date_in_the_future() -> None:
    number = make_resident_id("430202", date(2026, 11, 23), 11)
    with pytest.raises(InvalidResidentId, match="晚于今天.*in the future"):
        parse_resident_id(number, today=TODAY)
    assert parse_resident_id(number, today=date(2026, 11, 23)).birth_date == date(2026, 11, 23)


def test_invalid_resident_id_is_a_value_error() -> None:
    assert issubclass(InvalidResidentId, ValueError)


def test_declared_sex_must_match_sequence() -> None:
    male = make_resident_id("430202", date(1980, 5, 6), 123)
    assert parse_resident_id(male, today=TODAY, sex=Sex.MALE).sex is Sex.MALE
    with pytest.raises(InvalidResidentId, match="表示男性.*女"):
        parse_resident_id(male, today=TODAY, sex=Sex.FEMALE)


@pytest.mark.parametrize(
    ("birth", "day", "age"),
    [
        (date(1990, 6, 15), date(2026, 6, 14), 35),
        (date(1990, 6, 15), date(2026, 6, 15), 36),
        (date(2000, 2, 29), date(2026, 2, 28), 25),
        (date(2000, 2, 29), date(2026, 3, 1), 26),
        (date(2026, 11, 22), date(2026, 11, 22), 0),
    ],
)
def test_age_on_counts_full_years(birth: date, day: date, age: int) -> None:
    assert parse_resident_id(make_resident_id("430202", birth, 1), today=TODAY).age_on(day) == age


def test_check_character_matches_standard_example() -> None:
    assert check_character("11010519491231002") == "X"
    with pytest.raises(ValueError):
        check_character("1101051949123100")


def test_make_resident_id_refuses_bad_parts() -> None:
    with pytest.raises(ValueError):
        make_resident_id("43020", date(1990, 1, 1), 1)
    with pytest.raises(ValueError):
        make_resident_id("430202", date(1990, 1, 1), 0)


def test_mask_resident_id() -> None:
    assert mask_resident_id("430202199001011234") == "430202********1234"
    assert mask_resident_id("430202900101123") == "430202*****1123"
    assert mask_resident_id("12345") == "*****"


def test_looks_like_resident_id() -> None:
    assert looks_like_resident_id("11010519491231002x")
    assert looks_like_resident_id("110105491231002")
    assert not looks_like_resident_id("张三")
    assert not looks_like_resident_id("1101051949")


regions = st.builds(
    lambda province, rest: f"{province:02d}{rest:04d}",
    st.sampled_from(sorted(PROVINCE_CODES)),
    st.integers(0, 9999),
)
births = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)
sequences = st.integers(1, 999)


@given(regions, births, sequences)
def test_valid_id_round_trips(region: str, birth: date, seq: int) -> None:
    number = make_resident_id(region, birth, seq)
    rid = parse_resident_id(number, today=TODAY)
    assert rid.number == number
    assert rid.region_code == region
    assert rid.birth_date == birth
    assert rid.sex is (Sex.MALE if seq % 2 else Sex.FEMALE)
    assert parse_resident_id(number.lower(), today=TODAY) == rid
    assert parse_resident_id(str(rid), today=TODAY) == rid


@given(regions, births, sequences, st.integers(0, 17), st.integers(1, 10))
def test_changing_any_one_character_is_rejected(
    region: str, birth: date, seq: int, position: int, shift: int
) -> None:
    number = make_resident_id(region, birth, seq)
    alphabet = "0123456789X" if position == 17 else "0123456789"
    current = alphabet.index(number[position])
    replacement = alphabet[(current + shift) % len(alphabet)]
    if replacement == number[position]:
        replacement = alphabet[(current + 1) % len(alphabet)]
    changed = number[:position] + replacement + number[position + 1 :]
    assert changed != number
    with pytest.raises(InvalidResidentId):
        parse_resident_id(changed, today=TODAY)


@given(regions, st.dates(min_value=date(1900, 1, 1), max_value=date(1999, 12, 31)), sequences)
def test_old_number_converts_to_the_new_one(region: str, birth: date, seq: int) -> None:
    old = f"{region}{birth:%y%m%d}{seq:03d}"
    assert parse_resident_id(old, today=TODAY).number == make_resident_id(region, birth, seq)
