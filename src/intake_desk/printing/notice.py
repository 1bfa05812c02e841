"""一次性告知书 – the one-time notice: every missing material, where to get it, where to bring it, by when.

The point of the notice is that the applicant comes back once, so it lists everything at once,
grouped by assistance type; the table repeats its header if it flows onto another page.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from intake_desk.printing.fonts import FontChoice
from intake_desk.printing.layout import (
    CONTENT_WIDTH,
    DATE_BLANK,
    LABEL_FILL,
    Typesetter,
    build_pdf,
    grid_table,
    title_block,
)
from intake_desk.printing.model import NoticeData, format_date


def _missing_table(ts: Typesetter, data: NoticeData) -> Flowable:
    head = ["序号", "申请事项", "需补充的材料", "要求", "出具单位/获取途径"]
    rows: list[list[object]] = [[ts.label(h) for h in head]]
    for n, item in enumerate(data.missing, start=1):
        rows.append([
            ts.cell(str(n), center=True), ts.cell(item.assistance_type, center=True), ts.cell(item.name),
            ts.cell(item.requirement or "—"), ts.cell(item.where_to_get or "—"),
        ])
    # Rows of the same assistance type share one merged cell, so the grouping is visible.
    spans: list[tuple[tuple[int, int], tuple[int, int]]] = []
    start = 1
    for row in range(2, len(rows) + 1):
        if row == len(rows) or data.missing[row - 1].assistance_type != data.missing[start - 1].assistance_type:
            if row - 1 > start:
                spans.append(((1, start), (1, row - 1)))
            start = row
    widths = [12 * mm, 32 * mm, 52 * mm, 44 * mm, CONTENT_WIDTH - 140 * mm]
    return grid_table(ts, rows, widths, header_rows=1, spans=spans)


def _where_table(ts: Typesetter, data: NoticeData) -> Flowable:
    hall = data.hall
    # A row with nothing on file (no address, no office hours) is left out rather than printed empty.
    rows = [
        [ts.label(caption), ts.cell(value)] for caption, value in (
            ("送达地点", data.where_to_bring or data.wording.notice_where_to_bring),
            ("地址", hall.address),
            ("办公时间", hall.office_hours),
            ("咨询电话", hall.phone),
            ("监督投诉", hall.complaint_channel),
        ) if value.strip()
    ]
    return grid_table(ts, rows, [24 * mm, CONTENT_WIDTH - 24 * mm], label_columns=(0,))


def _signatures(ts: Typesetter, data: NoticeData) -> Flowable:
    label, cell = ts.label, ts.cell
    rows = [
        [label("经办人"), cell(data.clerk_name), label("受理单位\n（盖章）"),
         ts.para(f"{data.hall.name}\n（盖章）\n{format_date(data.printed_at.date())}", ts.styles.seal_hint)],
        [label("申请人签收"), "", label("签收日期"), cell(DATE_BLANK)],
    ]
    label_w = 24 * mm
    value_w = (CONTENT_WIDTH - 2 * label_w) / 2
    return grid_table(ts, rows, [label_w, value_w, label_w, value_w], label_columns=(0,),
                      row_heights=[30 * mm, 12 * mm],
                      extra=[("BACKGROUND", (2, 0), (2, -1), LABEL_FILL)])


def render_notice(data: NoticeData, font: FontChoice | None = None) -> bytes:
    """The one-time notice as PDF bytes (raises ``MissingGlyphsError`` before printing boxes).

    Raises ``ValueError`` when nothing is missing: there is nothing to tell the applicant.
    """
    if not data.missing:
        raise ValueError("没有缺少的材料，无需出具一次性告知书 / nothing is missing, so there is no notice to print")
    ts = Typesetter(font)
    wording = data.wording
    story: list[Flowable] = [
        *title_block(ts, wording.notice_title, f"编号：{data.document_number}"),
        ts.para(f"{data.applicant_name}（身份证号码 {data.applicant_id_masked}）：", ts.styles.body),
        Spacer(1, 1.5 * mm),
        ts.para(
            f"您于 {format_date(data.applied_on)}申请的{'、'.join(data.assistance_types)}"
            f"（受理编号 {data.application_number}），经窗口审查，尚需补充以下 {len(data.missing)} 项材料。"
            "根据一次性告知制度，现将需要补充的全部材料一次性告知如下：",
            ts.styles.paragraph,
        ),
        Spacer(1, 2 * mm),
        _missing_table(ts, data),
        Spacer(1, 3 * mm),
        ts.para(f"请您于 {format_date(data.come_back_by)}前，携带上述材料一次性送至：", ts.styles.paragraph),
        Spacer(1, 1.5 * mm),
        _where_table(ts, data),
    ]
    if wording.notice_notes:
        story.append(Spacer(1, 2 * mm))
        story.append(ts.para("注意事项：", ts.styles.body))
        story += [ts.para(f"{n}. {note}", ts.styles.small) for n, note in enumerate(wording.notice_notes, start=1)]
    story.append(Spacer(1, 4 * mm))
    story.append(KeepTogether([
        _signatures(ts, data),
        Spacer(1, 1.5 * mm),
        ts.para("本告知书一式两份，申请人与受理单位各执一份。", ts.styles.small_right),
    ]))
    return build_pdf(
        ts,
        data,
        title=f"{wording.notice_title} {data.application_number}",
        subject=wording.notice_title,  # no personal data in the file's metadata
        story=story,
    )
