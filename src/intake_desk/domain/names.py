"""姓名 – personal names as written on the resident ID card.

Names are kept exactly as typed: characters outside the Basic Multilingual Plane (𠮷), private-use
characters some registries used for rare characters (造字) and the middle dot of minority and
transliterated names (阿卜杜·热合曼). No Unicode normalisation is applied, because NFC/NFKC would
replace CJK compatibility ideographs with other code points. Only look-alike dots typed by input
methods (•, ・, ‧, ･, ∙) become the standard middle dot U+00B7, and runs of spaces become one.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from intake_desk.domain.text import describe_char

__all__ = ["MAX_NAME_LENGTH", "MIDDLE_DOT", "InvalidName", "pinyin_initials", "validate_name"]

MIDDLE_DOT = "\u00b7"
MAX_NAME_LENGTH = 40  # code points; long transliterated names run to about 30
_DOT_LOOKALIKES = str.maketrans({c: MIDDLE_DOT for c in "\u2022\u30fb\u2027\uff65\u2219\u22c5"})
_SPACES = re.compile(r"\s+")
_ALLOWED_PUNCTUATION = frozenset({MIDDLE_DOT, " ", "-", "'", "."})


class InvalidName(ValueError):
    """姓名无效 – the message says what is wrong, in Chinese and English."""


def validate_name(text: str) -> str:
    """The name as it is to be stored, or :class:`InvalidName` saying what is wrong."""
    name = _SPACES.sub(" ", text.translate(_DOT_LOOKALIKES)).strip()
    if not name:
        raise InvalidName("请输入姓名 / Enter a name")
    length = len(name)  # Python counts code points, so 𠮷 is one character
    if length > MAX_NAME_LENGTH:
        raise InvalidName(
            f"姓名过长：{length}个字，最多{MAX_NAME_LENGTH}个字 / "
            f"The name is too long: {length} characters, at most {MAX_NAME_LENGTH}"
        )
    if all(ch.isdigit() or ch in " -." for ch in name):
        raise InvalidName("姓名不能只有数字 / A name cannot be only digits")
    for ch in name:
        if ch.isdigit():
            raise InvalidName(f"姓名中不能有数字“{ch}” / A name cannot contain the digit '{ch}'")
        category = unicodedata.category(ch)
        if category[0] in "LM" or category == "Co" or ch in _ALLOWED_PUNCTUATION:
            continue
        shown = describe_char(ch)
        raise InvalidName(
            f"姓名中有不允许的字符“{shown}” / The name contains a character that is not allowed: '{shown}'"
        )
    if name[0] == MIDDLE_DOT or name[-1] == MIDDLE_DOT or MIDDLE_DOT * 2 in name:
        raise InvalidName(
            "间隔号“·”只能用在两部分姓名之间 / The middle dot '·' may only stand between two parts of a name"
        )
    return name


@lru_cache(maxsize=8192)  # a desk meets the same names again (members, referrals, the applicant)
def pinyin_initials(name: str) -> str:
    """拼音首字母 – lower-case initials for search: 张三 → ``zs``, 阿卜杜·热合曼 → ``abdrhm``.

    Characters pypinyin does not know (rare characters, private-use characters, the middle dot)
    are left out; ASCII letters of a Latin name are kept by their first letter.
    """
    # Imported here: pypinyin loads its dictionary on import (about a second), which start-up need not pay.
    from pypinyin import Style, lazy_pinyin

    initials = lazy_pinyin(name, style=Style.FIRST_LETTER, errors=_non_chinese)
    return "".join(part for part in initials if part).lower()


def _non_chinese(chars: str) -> str:
    # Latin words keep their first letter ("John Smith" → "js"); anything else is dropped.
    return "".join(word[0] for word in re.findall(r"[A-Za-z]+", chars))
