"""The four printed documents, each rendered to PDF bytes.

``render_receipt`` (受理回执), ``render_declaration`` (告知承诺书), ``render_referral_slip`` (转介单) and
``render_notice`` (一次性告知书) take the plain data of :mod:`intake_desk.printing.model` and an
optional :class:`~intake_desk.printing.fonts.FontChoice` (default: :func:`find_cjk_font`). Each checks
that the fonts have every character first and raises ``MissingGlyphsError`` naming the missing ones
instead of printing empty boxes. Same data, same font → byte-identical PDF.
"""

from __future__ import annotations

from intake_desk.printing.declaration import render_declaration
from intake_desk.printing.fonts import FontChoice, MissingGlyphsError, find_cjk_font
from intake_desk.printing.notice import render_notice
from intake_desk.printing.receipt import render_receipt
from intake_desk.printing.referral import render_referral_slip

__all__ = [
    "FontChoice",
    "MissingGlyphsError",
    "find_cjk_font",
    "render_declaration",
    "render_notice",
    "render_receipt",
    "render_referral_slip",
]
