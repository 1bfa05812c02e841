from __future__ import annotations

import pytest

from intake_desk.domain.names import MAX_NAME_LENGTH, InvalidName, pinyin_initials, validate_name


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("张三", "张三"),
        ("  李四 ", "李四"),
        ("𠮷野", "𠮷野"),  # U+20BB7, outside the BMP
        ("阿卜杜·热合曼", "阿卜杜·热合曼"),
        ("阿卜杜•热合曼", "阿卜杜·热合曼"),  # bullet typed by an input method
        ("阿卜杜・热合曼", "阿卜杜·热合曼"),  # katakana middle dot
        ("John  Smith", "John Smith"),
        ("\ue000明", "\ue000明"),  # a private-use character some registries used for rare characters
        ("丽\ufa00", "丽\ufa00"),  # a CJK compatibility ideograph is not normalised away
    ],
)
def test_names_are_kept_exactly(typed: str, stored: str) -> None:
    assert validate_name(typed) == stored


def test_astral_character_counts_as_one() -> None:
    name = "𠮷" * MAX_NAME_LENGTH
    assert validate_name(name) == name


@pytest.mark.parametrize(
    ("typed", "zh", "en"),
    [
        ("", "请输入姓名", "Enter a name"),
        ("   ", "请输入姓名", "Enter a name"),
        ("12345", "不能只有数字", "only digits"),
        ("１２３", "不能只有数字", "only digits"),
        ("张3", "不能有数字“3”", "digit '3'"),
        ("张" * (MAX_NAME_LENGTH + 1), f"最多{MAX_NAME_LENGTH}个字", "too long"),
        ("王@", "不允许的字符“@”", "not allowed: '@'"),
        ("·热合曼", "间隔号", "middle dot"),
        ("阿卜杜··热合曼", "间隔号", "middle dot"),
        ("张\x00三", "U+0000", "U+0000"),
    ],
)
def test_rejects_bad_names(typed: str, zh: str, en: str) -> None:
    with pytest.raises(InvalidName) as caught:
        validate_name(typed)
    chinese, english = str(caught.value).split(" / ")
    assert zh in chinese
    assert en in english


@pytest.mark.parametrize(
    ("name", "initials"),
    [
        ("张三", "zs"),
        ("欧阳修", "oyx"),
        ("阿卜杜·热合曼", "abdrhm"),
        ("𠮷野", "y"),  # unknown to pypinyin: left out
        ("John Smith", "js"),
    ],
)
def test_pinyin_initials(name: str, initials: str) -> None:
    assert pinyin_initials(name) == initials
