"""受理回执 – the acknowledgement receipt: the applicant's copy above, the file stub below, one A4 page.

Each half carries the receipt number as text and as a QR code. Each half sits in its own frame and
shrinks to fit (never clips), so a long list of materials cannot push the stub onto a second page.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, FrameBreak, KeepInFrame, Spacer, Table

from intake_desk.printing.fonts import FontChoice
from intake_desk.printing.layout import (
    CONTENT_WIDTH,
    LABEL_FILL,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    Choices,
    QrModules,
    Typesetter,
    build_pdf,
    draw_cut_line,
    grid_table,
    qr_modules,
    title_with_qr,
)
from intake_desk.printing.model import ReceiptData, format_date, format_datetime

_GAP = 10 * mm  # between the halves, where the cut line runs
_MIDDLE = (MARGIN_BOTTOM + PAGE_HEIGHT - MARGIN_TOP) / 2
_HALF_HEIGHT = (PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM - _GAP) / 2
_QR_SIZE = 23 * mm


def _materials_text(data: ReceiptData) -> str:
    if not data.materials_received:
        return "（无）"
    return "；".join(f"{n}. {m.name}（{m.copies} 份）" for n, m in enumerate(data.materials_received, start=1))


def _facts_table(ts: Typesetter, data: ReceiptData) -> Table:
    label, cell = ts.label, ts.cell
    mode = Choices(ts, [("快速办理（告知承诺）", data.fast_track), ("常规办理", not data.fast_track)], gap=10)
    # (cells, wide): a wide row is a label and one value across the other three columns. A row with
    # nothing to say (a hall without an address on file) is left out rather than printed empty.
    specs: list[tuple[list[object], bool]] = [
        ([label("受理编号"), cell(data.receipt_number), label("受理时间"), cell(format_datetime(data.received_at))],
         False),
        ([label("申请人"), cell(data.applicant_name), label("身份证号码"), cell(data.applicant_id_masked)], False),
        ([label("家庭人口"), cell(f"{data.household_size} 人"), label("受理方式"), cell(data.channel or "窗口受理")],
         False),
        ([label("申请事项"), cell("、".join(data.assistance_types)), "", ""], True),
        ([label("已收材料"), cell(_materials_text(data)), "", ""], True),
        ([label("办理方式"), mode, label("承诺时限"),
          cell(f"{data.time_limit_working_days} 个工作日，{format_date(data.due_date)}前办结")], False),
        ([label("受理单位"), cell(data.hall.name), label("咨询电话"), cell(data.hall.phone or "—")], False),
    ]
    if data.hall.address.strip():
        specs.append(([label("办理地址"), cell(data.hall.address), "", ""], True))
    specs.append(([label("经办人"), cell(data.clerk_name), label("监督投诉"), cell(data.hall.complaint_channel or "—")],
                  False))
    label_width = 22 * mm
    value_width = (CONTENT_WIDTH - 2 * label_width) / 2
    return grid_table(
        ts,
        [cells for cells, _ in specs],
        [label_width, value_width, label_width, value_width],
        label_columns=(0,),
        spans=[((1, row), (3, row)) for row, (_, wide) in enumerate(specs) if wide],
        extra=[
            *(("BACKGROUND", (2, row), (2, row), LABEL_FILL) for row, (_, wide) in enumerate(specs) if not wide),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ],
    )


def _half(ts: Typesetter, data: ReceiptData, qr: QrModules, applicant_copy: bool) -> KeepInFrame:
    part = "（申请人联）" if applicant_copy else "（存根联）"
    content: list[Flowable] = [
        title_with_qr(ts, data.wording.receipt_title, part, qr, _QR_SIZE), Spacer(1, 2 * mm), _facts_table(ts, data)]
    if data.pending_materials_note:
        content += [Spacer(1, 1.5 * mm), ts.para(f"※ {data.pending_materials_note}", ts.styles.small)]
    content.append(Spacer(1, 2 * mm))
    if applicant_copy:
        notes = data.wording.receipt_notes
        if notes:
            listed = notes[0] if len(notes) == 1 else "  ".join(f"{n}. {t}" for n, t in enumerate(notes, start=1))
            content.append(ts.para(f"温馨提示：{listed}", ts.styles.small))
        content += [Spacer(1, 1.5 * mm), ts.para(f"{data.hall.name}（盖章）", ts.styles.small_right)]
    else:
        content.append(ts.para("申请人确认以上受理信息无误（签字或按手印）：________________        "
                               "经办人（签字）：______________        日期：______年____月____日", ts.styles.small))
        content.append(Spacer(1, 1 * mm))
        content.append(ts.para("本联由受理单位留存归档。", ts.styles.small_right))
    return KeepInFrame(CONTENT_WIDTH, _HALF_HEIGHT, content, mode="shrink", name=part)


def render_receipt(data: ReceiptData, font: FontChoice | None = None) -> bytes:
    """The acknowledgement receipt as PDF bytes (raises ``MissingGlyphsError`` before printing boxes)."""
    ts = Typesetter(font)
    cut_label = ts.record("沿此线剪开")
    top = Frame(MARGIN_X, _MIDDLE + _GAP / 2, CONTENT_WIDTH, _HALF_HEIGHT, id="applicant",
                leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    bottom = Frame(MARGIN_X, MARGIN_BOTTOM, CONTENT_WIDTH, _HALF_HEIGHT, id="stub",
                   leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def on_page(canvas: Canvas, doc: BaseDocTemplate) -> None:
        draw_cut_line(ts, canvas, _MIDDLE, 6 * mm, PAGE_WIDTH - 6 * mm, cut_label)

    qr = qr_modules(data.receipt_number)
    story: list[Flowable] = [_half(ts, data, qr, True), FrameBreak(), _half(ts, data, qr, False)]
    return build_pdf(
        ts,
        data,
        title=f"{data.wording.receipt_title} {data.receipt_number}",
        subject=data.wording.receipt_title,  # no personal data in the file's metadata
        story=story,
        frames=[top, bottom],
        on_page=on_page,
    )
