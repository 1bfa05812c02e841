"""Printing: the receipt PDF with its QR codes, warm (font registered, modules imported).

Budget (shared/DESIGN.md): receipt PDF with QR code ≤ 60 ms warm. The floor is the plainest PDF
ReportLab can make with the same embedded font: one paragraph on one page.
"""

from __future__ import annotations

import dataclasses
import io
import itertools

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from intake_desk.printing.documents import find_cjk_font, render_declaration, render_receipt
from intake_desk.printing.samples import sample_declaration, sample_receipt
from tests.benchmarks.harness import Figure, median_ms

FLOOR_NAME = "one-paragraph ReportLab PDF, same font"


def _bare_pdf(font_name: str) -> bytes:
    buffer = io.BytesIO()
    style = ParagraphStyle("p", fontName=font_name, fontSize=10.5, leading=16, wordWrap="CJK")
    doc = SimpleDocTemplate(buffer, pagesize=A4, invariant=1, initialFontName=font_name)
    doc.build([Paragraph("社会救助申请受理回执 NZ-20260930-0007 阿卜杜·热合曼 已受理。", style)])
    return buffer.getvalue()


def bench_receipt() -> list[Figure]:
    font = find_cjk_font()
    receipt = sample_receipt()
    numbers = itertools.count(1)

    def next_receipt() -> bytes:
        # A new receipt number each time, as at the desk: nothing about the QR code is reused.
        number = f"NZ-20260930-{next(numbers):04d}"
        return render_receipt(dataclasses.replace(receipt, receipt_number=number, document_number=f"{number}-R"), font)

    # The declaration's 𠮷 needs an Extension-B font most machines lack; a common name keeps it printable.
    declaration = sample_declaration(rare_name="吉晓燕")
    floor = median_ms(lambda: _bare_pdf(font.name))
    return [
        Figure(
            name="receipt PDF with QR codes (2 parts, 1 page), warm",
            median_ms=median_ms(next_receipt),
            budget_ms=60,
            floor_name=FLOOR_NAME,
            floor_ms=floor,
            note=f"font {font.family}",
        ),
        Figure(
            name="commitment declaration, 9 members (3 pages), warm",
            median_ms=median_ms(lambda: render_declaration(declaration, font)),
            floor_name=FLOOR_NAME,
            floor_ms=floor,
        ),
    ]
