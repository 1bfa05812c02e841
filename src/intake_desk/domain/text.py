"""Normalising what clerks type: full-width forms, stray spaces."""

from __future__ import annotations

import unicodedata


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
