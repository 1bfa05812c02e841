"""脱敏 – masking personal numbers for lists, receipts and exports (PIPL: show only what is needed)."""

from __future__ import annotations

from intake_desk.domain.text import halfwidth


def mask_resident_id(number: str) -> str:
    """First 6 and last 4 characters kept, the rest starred: ``430202********1234``.

    Works on 15- and 18-character numbers; anything shorter than 11 characters is starred whole,
    since keeping 10 of them would reveal nearly everything.
    """
    text = halfwidth(number).strip()
    if len(text) < 11:
        return "*" * len(text)
    return text[:6] + "*" * (len(text) - 10) + text[-4:]


def mask_phone(number: str) -> str:
    """A phone number with all but the first 3 and last 4 digits starred: ``138****5678``."""
    text = halfwidth(number).strip()
    digits = [i for i, ch in enumerate(text) if ch.isdigit()]
    if len(digits) < 8:
        return "*" * len(text)
    hide = set(digits[3:-4])
    return "".join("*" if i in hide else ch for i, ch in enumerate(text))
