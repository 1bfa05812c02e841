"""The shared page furniture of the documents: styles, boxes, cut lines, QR codes, footer, build.

Every piece of text goes through a :class:`Typesetter`, which escapes it, switches to a supplement
font for rare characters and remembers it, so the glyph check before building sees exactly the
text that will be printed (footer and reprint mark included).
"""

from __future__ import annotations

import io
import itertools
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from reportlab.graphics.barcode import qrencoder
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import FILL_NON_ZERO, Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus import paragraph as _rl_paragraph

from intake_desk.printing.fonts import FontChoice, MissingGlyphsError, find_cjk_font, runs_for
from intake_desk.printing.linebreak import break_lines
from intake_desk.printing.model import DocumentCommon, format_datetime, reprint_mark

# A blank date to fill in by hand; no-break spaces, because a Paragraph collapses ordinary ones.
DATE_BLANK = "\xa0" * 10 + "年" + "\xa0" * 7 + "月" + "\xa0" * 7 + "日"

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 16 * mm
MARGIN_TOP = 16 * mm
MARGIN_BOTTOM = 18 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
FOOTER_Y = 9 * mm

GRID = 0.6
HEADER_FILL = colors.Color(0.92, 0.92, 0.92)
LABEL_FILL = colors.Color(0.965, 0.965, 0.965)
HINT = colors.Color(0.55, 0.55, 0.55)
REPRINT_RED = colors.Color(0.75, 0.05, 0.05)


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    paragraph: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    cell_right: ParagraphStyle
    label: ParagraphStyle
    dense: ParagraphStyle
    dense_center: ParagraphStyle
    small: ParagraphStyle
    small_right: ParagraphStyle
    hint: ParagraphStyle
    seal_hint: ParagraphStyle


def _styles(font_name: str) -> Styles:
    def style(name: str, size: float, leading: float, **extra: Any) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=font_name, fontSize=size, leading=leading, wordWrap="CJK", **extra)

    return Styles(
        title=style("title", 18, 24, alignment=TA_CENTER, spaceAfter=2),
        subtitle=style("subtitle", 10.5, 14, alignment=TA_CENTER, textColor=colors.Color(0.2, 0.2, 0.2)),
        heading=style("heading", 11.5, 16, spaceBefore=7, spaceAfter=3),
        body=style("body", 10.5, 16, alignment=TA_JUSTIFY),
        paragraph=style("paragraph", 10.5, 17, alignment=TA_JUSTIFY, firstLineIndent=21, spaceAfter=2),
        cell=style("cell", 9.5, 13, alignment=TA_LEFT),
        cell_center=style("cell_center", 9.5, 13, alignment=TA_CENTER),
        cell_right=style("cell_right", 9.5, 13, alignment=TA_RIGHT),
        label=style("label", 9.5, 13, alignment=TA_CENTER),
        dense=style("dense", 8.5, 11, alignment=TA_LEFT),
        dense_center=style("dense_center", 8.5, 11, alignment=TA_CENTER),
        small=style("small", 8.5, 12, alignment=TA_JUSTIFY),
        small_right=style("small_right", 8.5, 12, alignment=TA_RIGHT, textColor=HINT),
        hint=style("hint", 8, 11, alignment=TA_LEFT, textColor=HINT),
        seal_hint=style("seal_hint", 9.5, 14, alignment=TA_CENTER, textColor=HINT),
    )


class Typesetter:
    """Turns text into flowables in the document font, remembering every character it prints."""

    def __init__(self, font: FontChoice | None = None) -> None:
        self.font = font or find_cjk_font()
        self.runs = runs_for(self.font)
        self.styles = _styles(self.font.name)
        self._texts: list[str] = []

    # text ----------------------------------------------------------------------------------
    def record(self, text: str) -> str:
        """Remember ``text`` for the glyph check (for text drawn without :meth:`markup`)."""
        self._texts.append(text)
        return text

    def markup(self, text: str) -> str:
        """``text`` escaped for a Paragraph, rare characters wrapped in their supplement font."""
        self._texts.append(text)
        main = self.font.name
        parts = []
        for name, piece in self.runs.split(text):
            escaped = escape(piece).replace("\n", "<br/>")
            parts.append(escaped if name == main else f'<font face="{name}">{escaped}</font>')
        return "".join(parts)

    def para(self, text: str, style: ParagraphStyle | None = None) -> Paragraph:
        return CJKParagraph(self.markup(text), style or self.styles.body)

    def cell(self, text: str, center: bool = False) -> Paragraph:
        return self.para(text, self.styles.cell_center if center else self.styles.cell)

    def amount(self, text: str) -> Paragraph:
        """A right-aligned cell, for money."""
        return self.para(text, self.styles.cell_right)

    def label(self, text: str) -> Paragraph:
        return self.para(text, self.styles.label)

    def dense(self, text: str, center: bool = False) -> Paragraph:
        """A cell of a many-column table (household members), in a smaller size."""
        return self.para(text, self.styles.dense_center if center else self.styles.dense)

    def check(self) -> None:
        """Raise :class:`MissingGlyphsError` for characters no font can print."""
        missing = self.runs.missing("".join(self._texts))
        if missing:
            raise MissingGlyphsError(missing, self.font)

    # drawing straight on the canvas ----------------------------------------------------------
    def width(self, text: str, size: float) -> float:
        return float(sum(stringWidth(piece, name, size) for name, piece in self.runs.split(text)))

    def draw(self, canvas: Canvas, x: float, y: float, text: str, size: float, align: str = "left") -> None:
        """Draw one line of (already recorded) text at ``x`` (left, centre or right edge)."""
        if align != "left":
            width = self.width(text, size)
            x -= width / 2 if align == "center" else width
        for name, piece in self.runs.split(text):
            canvas.setFont(name, size)
            canvas.drawString(x, y, piece)
            x += stringWidth(piece, name, size)


# -------------------------------------------------------------------------------------------
# tables
# -------------------------------------------------------------------------------------------


def plain_table(
    ts: Typesetter,
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
) -> Table:
    """A borderless table for arranging things side by side."""
    table = Table([list(r) for r in rows], colWidths=list(widths))
    table.setStyle(TableStyle([
        # Cells set their font even when they hold only flowables; without this that is Helvetica,
        # which is never embedded.
        ("FONTNAME", (0, 0), (-1, -1), ts.font.name),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return table


def grid_table(
    ts: Typesetter,
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    *,
    header_rows: int = 0,
    label_columns: Sequence[int] = (),
    spans: Sequence[tuple[tuple[int, int], tuple[int, int]]] = (),
    row_heights: Sequence[float | None] | None = None,
    extra: Sequence[tuple[Any, ...]] = (),
) -> Table:
    """A bordered form table; ``header_rows`` repeat on every page the table flows onto."""
    table = Table(
        [list(r) for r in rows],
        colWidths=list(widths),
        rowHeights=list(row_heights) if row_heights is not None else None,
        repeatRows=header_rows,
        hAlign="CENTER",
    )
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), ts.font.name),
        ("GRID", (0, 0), (-1, -1), GRID, colors.black),
        ("BOX", (0, 0), (-1, -1), 1.2, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL))
    for column in label_columns:
        commands.append(("BACKGROUND", (column, header_rows), (column, -1), LABEL_FILL))
    for start, end in spans:
        commands.append(("SPAN", start, end))
    commands.extend(extra)
    table.setStyle(TableStyle(commands))
    return table


# -------------------------------------------------------------------------------------------
# small drawn pieces
# -------------------------------------------------------------------------------------------


def draw_checkbox(canvas: Canvas, x: float, y: float, size: float, checked: bool) -> None:
    """A square box with its lower-left corner at (x, y), ticked when ``checked``."""
    canvas.saveState()
    canvas.setLineWidth(0.8)
    canvas.rect(x, y, size, size, stroke=1, fill=0)
    if checked:
        canvas.setLineWidth(1.4)
        path = canvas.beginPath()
        path.moveTo(x + size * 0.18, y + size * 0.52)
        path.lineTo(x + size * 0.42, y + size * 0.2)
        path.lineTo(x + size * 0.85, y + size * 0.88)
        canvas.drawPath(path, stroke=1, fill=0)
    canvas.restoreState()


class Choices(Flowable):  # type: ignore[misc]  # ReportLab is untyped
    """A row of check boxes with labels, e.g. ■ 同意  □ 不同意 (ticked boxes are drawn, not typed)."""

    def __init__(self, ts: Typesetter, options: Sequence[tuple[str, bool]], size: float = 9.5,
                 gap: float = 12) -> None:
        super().__init__()
        self.ts = ts
        self.options = [(ts.record(text), checked) for text, checked in options]
        self.size = size
        self.gap = gap
        self.box = size * 0.95

    def _natural_width(self) -> float:
        return sum(self.box + 3 + self.ts.width(t, self.size) for t, _ in self.options) + self.gap * (
            len(self.options) - 1
        )

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = min(availWidth, self._natural_width())
        self.height = self.size * 1.45
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        x = 0.0
        baseline = self.size * 0.3
        for text, checked in self.options:
            draw_checkbox(canvas, x, baseline - self.size * 0.08, self.box, checked)
            x += self.box + 3
            self.ts.draw(canvas, x, baseline, text, self.size)
            x += self.ts.width(text, self.size) + self.gap


class HintBox(Flowable):  # type: ignore[misc]  # ReportLab is untyped
    """An empty box to sign, press a fingerprint or stamp a seal in, with a faint hint inside.

    ``shape`` is ``"rect"`` or ``"circle"`` (the dashed circle where the office seal goes).
    """

    def __init__(self, ts: Typesetter, width: float, height: float, hint: str, shape: str = "rect",
                 border: bool = True) -> None:
        super().__init__()
        self.ts = ts
        self.width = width
        self.height = height
        self.hint = ts.record(hint)
        self.shape = shape
        self.border = border

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(HINT)
        canvas.setLineWidth(0.6)
        if self.shape == "circle":
            canvas.setDash(3, 2)
            radius = min(self.width, self.height) / 2 - 1
            canvas.circle(self.width / 2, self.height / 2, radius, stroke=1, fill=0)
        elif self.border:
            canvas.setDash(2, 2)
            canvas.rect(0, 0, self.width, self.height, stroke=1, fill=0)
        canvas.setFillColor(HINT)
        self.ts.draw(canvas, self.width / 2, self.height / 2 - 3, self.hint, 8.5, align="center")
        canvas.restoreState()


def draw_cut_line(ts: Typesetter, canvas: Canvas, y: float, x0: float, x1: float, label: str) -> None:
    """A dashed line across the page with ``label`` in a gap in its middle (沿此线剪开)."""
    size = 8.5
    text_width = ts.width(label, size)
    middle = (x0 + x1) / 2
    canvas.saveState()
    canvas.setStrokeColor(colors.Color(0.3, 0.3, 0.3))
    canvas.setLineWidth(0.7)
    canvas.setDash(4, 3)
    canvas.line(x0, y, middle - text_width / 2 - 6, y)
    canvas.line(middle + text_width / 2 + 6, y, x1, y)
    canvas.setFillColor(colors.Color(0.3, 0.3, 0.3))
    ts.draw(canvas, middle, y - size * 0.35, label, size, align="center")
    canvas.restoreState()


class CutLine(Flowable):  # type: ignore[misc]  # ReportLab is untyped
    """:func:`draw_cut_line` as a flowable, for tear-off sections that flow with the text."""

    def __init__(self, ts: Typesetter, label: str, space: float = 8 * mm) -> None:
        super().__init__()
        self.ts = ts
        self.label = ts.record(label)
        self.space = space

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        return availWidth, self.space

    def draw(self) -> None:
        # Reach into the side margins so the line runs across the sheet like a perforation.
        draw_cut_line(self.ts, self.canv, self.space / 2, -MARGIN_X + 6 * mm, self.width + MARGIN_X - 6 * mm,
                      self.label)


QrModules = tuple[tuple[bool, ...], ...]


def qr_modules(value: str) -> QrModules:
    """The dark/light modules of a QR code (error correction M) carrying ``value``.

    Encoding is the slow part of a QR code, so a document encodes each value once and draws it as
    often as it needs (the receipt shows the same number on both parts).
    """
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(value)
    code.make()
    return tuple(tuple(bool(module) for module in row) for row in code.modules)


class QrCode(Flowable):  # type: ignore[misc]  # ReportLab is untyped
    """A QR code ``size`` points square, drawn as one filled path.

    The standard asks for 4 light modules around the symbol. Two are inside ``size``; the rest comes
    from where the documents put the code (title row: page margin above and right, text far to the
    left, a spacer below), which lets the modules be larger and scan better at the same size.
    """

    BORDER = 2

    def __init__(self, modules: QrModules, size: float) -> None:
        super().__init__()
        self.modules = modules
        self.width = self.height = size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.width, self.height

    def draw(self) -> None:
        box = self.width / (len(self.modules) + 2 * self.BORDER)
        path = self.canv.beginPath()
        for r, row in enumerate(self.modules):
            y = self.height - (r + self.BORDER + 1) * box
            c = 0
            for dark, run in itertools.groupby(row):
                count = len(list(run))
                if dark:
                    # A hair taller than a module, so viewers show no seams between rows.
                    path.rect((c + self.BORDER) * box, y, count * box, box * 1.05)
                c += count
        self.canv.setFillColor(colors.black)
        # Non-zero winding: ReportLab's default even-odd rule would punch the overlaps out again.
        self.canv.drawPath(path, stroke=0, fill=1, fillMode=FILL_NON_ZERO)


def title_with_qr(ts: Typesetter, title: str, subtitle: str, qr: QrModules, size: float = 23 * mm) -> Table:
    """The title centred on the page with a QR code (see :func:`qr_modules`) at the right."""
    text = [ts.para(title, ts.styles.title), ts.para(subtitle, ts.styles.subtitle)]
    return plain_table(ts, [[Spacer(size, 1), text, QrCode(qr, size)]], [size, CONTENT_WIDTH - 2 * size, size])


def title_block(ts: Typesetter, title: str, subtitle: str | None = None) -> list[Flowable]:
    parts: list[Flowable] = [ts.para(title, ts.styles.title)]
    if subtitle:
        parts.append(ts.para(subtitle, ts.styles.subtitle))
    parts.append(Spacer(1, 3 * mm))
    return parts


# -------------------------------------------------------------------------------------------
# footer, reprint mark and building
# -------------------------------------------------------------------------------------------

PageDecorator = Callable[[Canvas, int, int], None]


class _NumberedCanvas(Canvas):  # type: ignore[misc]  # ReportLab is untyped
    """Holds pages back until the end so every page can say “第 n / m 页”."""

    def __init__(self, *args: Any, decorate: PageDecorator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._decorate = decorate
        self._held: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 - ReportLab's name
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held)
        for number, state in enumerate(self._held, start=1):
            self.__dict__.update(state)
            self._decorate(self, number, total)
            Canvas.showPage(self)
        Canvas.save(self)


def footer_decorator(ts: Typesetter, common: DocumentCommon) -> PageDecorator:
    """Footer “<number>  第 n / m 页” with the print time, and the reprint mark at the top right."""
    number = ts.record(common.document_number)
    printed = ts.record(f"打印：{format_datetime(common.printed_at)}  {common.clerk_name}")
    ts.record("第 0123456789 / 页")
    mark = reprint_mark(common.copy_no)
    if mark:
        ts.record(mark)

    def decorate(canvas: Canvas, page: int, total: int) -> None:
        canvas.saveState()
        canvas.setStrokeColor(colors.Color(0.6, 0.6, 0.6))
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_X, FOOTER_Y + 10, PAGE_WIDTH - MARGIN_X, FOOTER_Y + 10)
        canvas.setFillColor(colors.black)
        ts.draw(canvas, PAGE_WIDTH / 2, FOOTER_Y, f"{number}  第 {page} / {total} 页", 9, align="center")
        canvas.setFillColor(HINT)
        ts.draw(canvas, PAGE_WIDTH - MARGIN_X, FOOTER_Y, printed, 7.5, align="right")
        if mark:
            size = 11
            width = ts.width(mark, size) + 12
            x = PAGE_WIDTH - MARGIN_X - width
            y = PAGE_HEIGHT - 10.5 * mm
            canvas.setStrokeColor(REPRINT_RED)
            canvas.setFillColor(REPRINT_RED)
            canvas.setLineWidth(1.2)
            canvas.rect(x, y - 5, width, size + 9, stroke=1, fill=0)
            ts.draw(canvas, x + 6, y, mark, size)
        canvas.restoreState()

    return decorate


# ReportLab is not thread-safe here: an embedded font is subset when the PDF is saved, reading the font
# file through the face's one shared read position (TTFontFile.seek/_pos), so two documents saved at
# once from the window's thread pool can read each other's glyphs. One document is laid out at a time;
# a receipt takes about 25 ms, a wait no clerk would notice.
_BUILD_LOCK = threading.Lock()


def build_pdf(
    ts: Typesetter,
    common: DocumentCommon,
    *,
    title: str,
    subject: str,
    story: list[Flowable],
    frames: list[Frame] | None = None,
    on_page: Callable[[Canvas, BaseDocTemplate], None] | None = None,
) -> bytes:
    """Check the glyphs, lay out ``story`` on A4 portrait pages and return the PDF bytes.

    The output is deterministic (ReportLab's invariant mode): the same data gives the same bytes.
    Invariant mode would also stamp every file as made on 2000-01-01; the creation and modification
    dates are the document's real print time instead (``common.printed_at``). The metadata (title,
    subject, author, keywords) carries no personal data: document kind and number, and the hall.
    """
    decorate = footer_decorator(ts, common)
    ts.record(title)
    ts.check()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=title,
        subject=subject,
        author=common.hall.name,
        creator="Intake Desk 社会救助窗口受理台",
        producer="Intake Desk (ReportLab)",
        keywords=common.document_number,
        invariant=1,
        initialFontName=ts.font.name,
        initialFontSize=10.5,
        initialLeading=16,
    )
    if frames is None:
        frames = [Frame(MARGIN_X, MARGIN_BOTTOM, CONTENT_WIDTH, PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
                        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")]
    doc.addPageTemplates([PageTemplate(id="page", frames=frames, onPage=on_page or _no_decoration)])

    stamp = pdf_date(common.printed_at)

    def canvas_maker(*args: Any, **kwargs: Any) -> Canvas:
        canvas = _NumberedCanvas(*args, decorate=decorate, **kwargs)
        canvas.setDateFormatter(lambda *_fields: stamp)
        return canvas

    with _BUILD_LOCK:
        doc.build(story, canvasmaker=canvas_maker)
    return buffer.getvalue()


def pdf_date(moment: datetime) -> str:
    """A PDF date string (``D:YYYYMMDDHHmmSS+08'00'``) for ``moment`` (naive means Beijing time)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo("Asia/Shanghai"))
    offset = moment.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"D:{moment:%Y%m%d%H%M%S}{sign}{hours:02d}'{mins:02d}'"


def _no_decoration(canvas: Canvas, doc: BaseDocTemplate) -> None:
    return None


# -------------------------------------------------------------------------------------------
# Chinese line breaking
# -------------------------------------------------------------------------------------------


_ADVANCES: dict[tuple[str, float, str], float] = {}
"""Advance widths by (font, size, character): a receipt is laid out a few times while it shrinks to fit."""


class _Glyph(str):
    """One character of a paragraph with its fragment (font, size, colour) and width – what ReportLab's
    ``makeCJKParaLine`` reads (its own ``cjkU`` measures every character again each time)."""

    frag: Any
    width: float

    def __new__(cls, value: str, frag: Any) -> _Glyph:
        self = str.__new__(cls, value)
        self.frag = frag
        if hasattr(frag, "cbDefn"):
            self.width = float(getattr(frag.cbDefn, "width", 0))
        else:
            key = (frag.fontName, frag.fontSize, value)
            width = _ADVANCES.get(key)
            if width is None:
                width = _ADVANCES[key] = float(stringWidth(value, frag.fontName, frag.fontSize))
            self.width = width
        return self


class CJKParagraph(Paragraph):  # type: ignore[misc]  # ReportLab is untyped
    """A Paragraph whose lines break by :func:`~intake_desk.printing.linebreak.break_lines`.

    ReportLab's own CJK wrapping hangs a closing mark past the right edge (so “（1 份）；” ran over a
    table border) and otherwise lets a line start with “；”. This keeps ReportLab's drawing and
    justification and replaces only the choice of where lines end.
    """

    def breakLinesCJK(self, maxWidths: Any) -> Any:  # noqa: N802, N803 - ReportLab's names
        if not isinstance(maxWidths, (list, tuple)):
            maxWidths = [maxWidths]  # noqa: N806
        style = self.style
        self.height = 0
        _rl_paragraph._handleBulletWidth(self.bulletText, style, maxWidths)
        if not self.frags:
            return _rl_paragraph.ParaLines(kind=0, fontSize=style.fontSize, fontName=style.fontName,
                                           textColor=style.textColor, lines=[], ascent=style.fontSize,
                                           descent=-0.2 * style.fontSize)
        if hasattr(self, "blPara") and getattr(self, "_splitpara", False):
            return self.blPara
        calc_bounds = getattr(self, "autoLeading", getattr(style, "autoLeading", "")) not in ("", "off")
        # A table measures each cell more than once and a receipt that shrinks to fit re-measures it
        # at each scale: the lines for a width are worked out once.
        key = (tuple(maxWidths), calc_bounds)
        cache: dict[tuple[tuple[float, ...], bool], Any] = self.__dict__.setdefault("_lines_by_width", {})
        if key in cache:
            return cache[key]
        units: list[_Glyph] = []
        for frag in self.frags:
            text = frag.text.decode("utf8") if isinstance(frag.text, bytes) else frag.text
            if text:
                units.extend(_Glyph(char, frag) for char in text)
            else:  # a <br/>
                units.append(_Glyph("", frag))
        chars = "".join(str(u) or "\n" for u in units)
        widths = [u.width for u in units]
        forced = [i for i, u in enumerate(units) if hasattr(u.frag, "lineBreak")]
        lines = []
        for number, (start, end) in enumerate(break_lines(chars, widths, maxWidths, forced)):
            max_width = maxWidths[min(number, len(maxWidths) - 1)]
            used = sum(widths[start:end])
            line_break = end > start and end - 1 in forced
            lines.append(_cjk_line(units[start:end], max_width, used, line_break, calc_bounds))
        cache[key] = result = _rl_paragraph.ParaLines(kind=1, lines=lines)
        return result


def _cjk_line(units: list[_Glyph], max_width: float, used: float, line_break: bool, calc_bounds: bool) -> Any:
    """ReportLab's ``makeCJKParaLine``, measuring each run of one fragment once instead of each character."""
    if any(hasattr(u.frag, "cbDefn") for u in units):  # an inline image: ReportLab's own way
        return _rl_paragraph.makeCJKParaLine(units, max_width, used, max_width - used, line_break, calc_bounds)
    words = []
    size = ascent = descent = 0.0
    for _, run in itertools.groupby(units, key=lambda u: id(u.frag)):
        glyphs = list(run)
        frag = glyphs[0].frag
        run_ascent, run_descent = _rl_paragraph.getAscentDescent(frag.fontName, frag.fontSize)
        size, ascent, descent = max(size, frag.fontSize), max(ascent, run_ascent), min(descent, run_descent)
        word = frag.clone()
        word.text = "".join(glyphs)
        words.append(word)
    return _rl_paragraph.FragLine(kind=1, extraSpace=max_width - used, wordCount=1, words=words, fontSize=size,
                                  ascent=ascent, descent=descent, maxWidth=max_width, currentWidth=used,
                                  lineBreak=line_break)
