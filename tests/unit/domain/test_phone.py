from __future__ import annotations

import pytest

from intake_desk.domain.masking import mask_phone
from intake_desk.domain.phone import InvalidPhone, validate_phone


@pytest.mark.parametrize(
    ("typed", "normal"),
    [
        ("13812345678", "13812345678"),
        ("138 1234 5678", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("008613812345678", "13812345678"),
        ("8613812345678", "13812345678"),
        ("１３８１２３４５６７８", "13812345678"),
        ("19912345678", "19912345678"),
        ("0731-22881234", "0731-22881234"),
        ("(0731)22881234", "0731-22881234"),
        ("（0731）22881234", "0731-22881234"),
        ("010 6552 1234", "010-65521234"),
        ("021-6234567", "021-6234567"),
        ("0731-22881234-801", "0731-22881234-801"),
        ("0731-22881234转801", "0731-22881234-801"),
        ("22881234", "22881234"),
    ],
)
def test_accepts_mobile_and_landline_forms(typed: str, normal: str) -> None:
    assert validate_phone(typed) == normal


@pytest.mark.parametrize(
    ("typed", "zh"),
    [
        ("", "请输入电话号码"),
        ("1381234567", "11位"),
        ("12812345678", "11位"),  # 12x is not a mobile prefix
        ("138123456789", "11位"),
        ("0731-2288", "区号"),
        ("0031-22881234", "区号"),
        ("12345", "11位"),
        ("138a2345678", "不允许的字符“a”"),
        ("0731-02881234", "区号"),
    ],
)
def test_rejects_bad_numbers(typed: str, zh: str) -> None:
    with pytest.raises(InvalidPhone) as caught:
        validate_phone(typed)
    assert zh in str(caught.value).split(" / ")[0]
    assert " / " in str(caught.value)


def test_mask_phone() -> None:
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("0731-22881234") == "073*-****1234"
    assert mask_phone("1234") == "****"


def test_arabic_indic_digits_are_not_phone_digits() -> None:
    with pytest.raises(InvalidPhone):
        validate_phone("١٣٨١٢٣٤٥٦٧٨")


def test_hyphenated_extension_needs_a_full_landline_number() -> None:
    with pytest.raises(InvalidPhone):
        validate_phone("2288123-801")
    with pytest.raises(InvalidPhone):
        validate_phone("13812345678-801")
