"""Normalising what clerks type: full-width forms, stray spaces."""

from __future__ import annotations

import re
import unicodedata

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def halfwidth(text: str) -> str:
    """``text`` with full-width digits, letters and punctuation (全角) turned into ASCII.

    NFKC does exactly this for the full-width block and also turns the ideographic space into a
    plain one. Use it only on numbers and codes, never on names: NFKC would rewrite some rare
    characters.
    """
    return unicodedata.normalize("NFKC", text)


def describe_char(ch: str) -> str:
    """A character as a clerk can recognise it in a message (spaces and controls spelled out)."""
    if ch == " ":
        return "空格 (space)"
    if unicodedata.category(ch).startswith("C") or ch.isspace():
        return f"U+{ord(ch):04X}"
    return ch


def shown(value: object, limit: int = 32) -> str:
    """What was typed, as a message may quote it back: one line, at most ``limit`` characters.

    Control, format and surrogate characters (a NUL, a right-to-left override, a line break) are
    spelled out as code points (``U+0007``) so the message cannot be garbled or spoofed by them; longer text is cut
    with "…", so ten thousand pasted characters never become a ten-thousand-character message.
    """
    raw = value if isinstance(value, str) else repr(value)
    parts: list[str] = []
    length = 0
    for ch in raw:
        category = unicodedata.category(ch)
        part = f"U+{ord(ch):04X}" if (category[0] == "C" and category != "Co") or category in ("Zl", "Zp") else ch
        if length + len(part) > limit:
            return "".join(parts) + "…"
        parts.append(part)
        length += len(part)
    return "".join(parts)


def unstorable_text(value: str) -> bool:
    """Whether ``value`` holds a NUL or a lone surrogate, which no database can hold
    (``services/text_guard.py`` refuses such text on its way to the database)."""
    if "\x00" in value:
        return True
    if value.isascii():
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def bilingual_half(message: str, language: str) -> str:
    """The half of a bilingual ``中文 / English`` sentence for ``language`` (``zh`` or ``en``); the whole when
    it is not split.

    The cut is the first `` / `` with Chinese before it and English (an ASCII character) right after it, so a
    Chinese name quoted in the English half does not confuse it.
    """
    start = 0
    while True:
        cut = message.find(" / ", start)
        if cut < 0:
            return message
        left, right = message[:cut], message[cut + 3:]
        if _CJK.search(left) and right[:1].isascii() and right[:1].strip():
            return left.strip() if language.startswith("zh") else right.strip()
        start = cut + 3


def counted(number: int, singular: str, plural: str | None = None) -> str:
    """``number`` and the English noun that agrees with it: ``1 household``, ``2 households``, ``0 visits``
    (the English half of a bilingual message; Qt's ``%n`` forms do this for the windows' own texts)."""
    return f"{number:,} {singular if number == 1 else plural or singular + 's'}"
