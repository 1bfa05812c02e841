"""告知承诺书 – the commitment declaration: what the applicant promises, the declared household facts,
the authorisation to verify them, the referral consents, and boxes to sign, fingerprint and seal.

The household table repeats its header on every page it flows onto; the signature blocks are kept
whole (never split over a page break).
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from intake_desk.printing.fonts import FontChoice
from intake_desk.printing.layout import (
    CONTENT_WIDTH,
    DATE_BLANK,
    LABEL_FILL,
    Choices,
    HintBox,
    Typesetter,
    build_pdf,
    grid_table,
)
from intake_desk.printing.model import AmountLine, DeclarationData, format_fen

_NUMERALS = "一二三四五六七八九十"
ADULT_AGE = 18


def _amount(fen: int | None) -> str:
    return "—" if fen is None else format_fen(fen, unit="")


class _Sections:
    """Numbers the section headings 一、二、三 … in the order they are printed."""

    def __init__(self, ts: Typesetter) -> None:
        self.ts = ts
        self.count = 0

    def heading(self, text: str) -> Flowable:
        self.count += 1
        return self.ts.para(f"{_NUMERALS[self.count - 1]}、{text}", self.ts.styles.heading)


def _applicant_table(ts: Typesetter, data: DeclarationData) -> Flowable:
    label, cell = ts.label, ts.cell
    rows = [
        [label("申请人"), cell(data.applicant_name), label("身份证号码"), cell(data.applicant_id_masked)],
        [label("联系电话"), cell(data.applicant_phone or "—"), label("受理编号"), cell(data.application_number)],
        [label("家庭住址"), cell(data.address or "—"), "", ""],
        [label("申请事项"), cell("、".join(data.assistance_types)), "", ""],
    ]
    lw = 22 * mm
    vw = (CONTENT_WIDTH - 2 * lw) / 2
    return grid_table(
        ts, rows, [lw, vw, lw, vw], label_columns=(0,),
        spans=[((1, 2), (3, 2)), ((1, 3), (3, 3))],
        extra=[("BACKGROUND", (2, 0), (2, 1), LABEL_FILL)],
    )


def _members_table(ts: Typesetter, data: DeclarationData) -> Flowable:
    head = ["序号", "姓名", "与申请人关系", "身份证号码", "性别", "年龄", "健康状况", "残疾情况", "劳动能力", "就业/就学"]
    rows: list[list[object]] = [[ts.dense(h, center=True) for h in head]]
    for n, m in enumerate(data.members, start=1):
        rows.append([
            ts.dense(str(n), center=True), ts.dense(m.name), ts.dense(m.relation, center=True),
            ts.dense(m.id_masked), ts.dense(m.sex, center=True), ts.dense(str(m.age), center=True),
            ts.dense(m.health, center=True), ts.dense(m.disability, center=True),
            ts.dense(m.labour_capacity, center=True), ts.dense(m.occupation, center=True),
        ])
    widths = [10, 26, 16, 33, 10, 10, 17, 19, 19, 18]
    return grid_table(ts, rows, [w * mm for w in widths], header_rows=1)


def _amount_table(ts: Typesetter, kind: str, lines: tuple[AmountLine, ...],
                  totals: list[tuple[str, str]]) -> Flowable:
    rows: list[list[object]] = [[ts.label(kind), ts.label("金额（元）"), ts.label("说明")]]
    for line in lines:
        rows.append([ts.cell(line.label, center=True), ts.amount(_amount(line.amount_fen)), ts.cell(line.note)])
    for caption, value in totals:
        rows.append([ts.label(caption), ts.amount(value), ""])
    first_total = len(rows) - len(totals)
    extra: list[tuple[object, ...]] = []
    for row in range(first_total, len(rows)):
        extra.append(("BACKGROUND", (0, row), (-1, row), LABEL_FILL))
    return grid_table(ts, rows, [36 * mm, 40 * mm, CONTENT_WIDTH - 76 * mm], header_rows=1, extra=extra)


def _consent_table(ts: Typesetter, data: DeclarationData) -> Flowable:
    rows: list[list[object]] = [[ts.label("序号"), ts.label("转介部门"), ts.label("转介事项"), ts.label("申请人意见")]]
    for n, consent in enumerate(data.consents, start=1):
        rows.append([
            ts.cell(str(n), center=True), ts.cell(consent.department), ts.cell(consent.matter),
            Choices(ts, [("同意", consent.consented), ("不同意", not consent.consented)]),
        ])
    return grid_table(ts, rows, [12 * mm, 58 * mm, 66 * mm, 42 * mm], header_rows=1)


def _signature_block(ts: Typesetter) -> Flowable:
    sign_w, print_w = 70 * mm, 34 * mm
    label_w = (CONTENT_WIDTH - sign_w - print_w) / 2
    rows = [
        [ts.label("承诺人（申请人）\n签字"), HintBox(ts, sign_w - 8, 20 * mm, "签名处", border=False),
         ts.label("按手印"), HintBox(ts, 24 * mm, 24 * mm, "指印处")],
        [ts.label("签字日期"), ts.cell(DATE_BLANK), "", ""],
    ]
    return grid_table(ts, rows, [label_w, sign_w, label_w, print_w], label_columns=(0,),
                      row_heights=[28 * mm, 10 * mm],
                      spans=[((1, 1), (3, 1))],
                      extra=[("BACKGROUND", (2, 0), (2, 0), LABEL_FILL), ("ALIGN", (3, 0), (3, 0), "CENTER")])


def _members_signatures(ts: Typesetter, data: DeclarationData) -> Flowable | None:
    adults = [m for m in data.members if m.age >= ADULT_AGE and m.name != data.applicant_name]
    if not adults:
        return None
    name_w = 30 * mm
    sign_w = CONTENT_WIDTH / 2 - name_w
    rows: list[list[object]] = []
    for i in range(0, len(adults), 2):
        pair = adults[i:i + 2]
        row: list[object] = []
        for member in pair:
            row += [ts.cell(member.name, center=True), HintBox(ts, sign_w - 8, 10 * mm, "签字或按手印", border=False)]
        if len(pair) == 1:
            row += ["", ""]
        rows.append(row)
    extra: list[tuple[object, ...]] = []
    if len(adults) % 2:
        extra.append(("BACKGROUND", (2, -1), (2, -1), colors.white))  # the empty half of the last row
    return grid_table(ts, rows, [name_w, sign_w, name_w, sign_w], label_columns=(0, 2),
                      row_heights=[13 * mm] * len(rows), extra=extra)


def _office_block(ts: Typesetter, data: DeclarationData) -> Flowable:
    seal_w = 48 * mm
    label_w = 26 * mm
    sign_w = CONTENT_WIDTH - 2 * label_w - seal_w
    rows = [
        [ts.label("经办人签字"), HintBox(ts, sign_w - 8, 14 * mm, "签名处", border=False),
         ts.label("受理单位\n（盖章）"), HintBox(ts, 40 * mm, 40 * mm, "盖章处", shape="circle")],
        [ts.label("日期"), ts.cell(DATE_BLANK), "", ""],
    ]
    return grid_table(ts, rows, [label_w, sign_w, label_w, seal_w], label_columns=(0,),
                      row_heights=[44 * mm, 10 * mm], spans=[((1, 1), (3, 1))],
                      extra=[("BACKGROUND", (2, 0), (2, 0), LABEL_FILL), ("ALIGN", (3, 0), (3, 0), "CENTER")])


def render_declaration(data: DeclarationData, font: FontChoice | None = None) -> bytes:
    """The commitment declaration as PDF bytes (raises ``MissingGlyphsError`` before printing boxes)."""
    ts = Typesetter(font)
    wording = data.wording
    sections = _Sections(ts)
    # The template version and hash are stored with the declaration; printing them near the title
    # lets anyone match a signed paper to the exact wording it was signed under.
    story: list[Flowable] = [
        ts.para(wording.declaration_title, ts.styles.title),
        ts.para(f"模板：{data.template_version}\n校验码（SHA-256）：{data.template_hash}", ts.styles.small_right),
        Spacer(1, 2 * mm),
        _applicant_table(ts, data),
    ]

    story.append(sections.heading("承诺事项"))
    story.append(ts.para(f"本人 {data.applicant_name} 就本次社会救助申请，郑重承诺如下：", ts.styles.body))
    for n, paragraph in enumerate(wording.commitment_text, start=1):
        story.append(ts.para(f"{n}．{paragraph}", ts.styles.paragraph))

    story.append(sections.heading(f"共同生活家庭成员（共 {len(data.members)} 人）"))
    story.append(_members_table(ts, data))

    story.append(sections.heading(f"家庭经济状况申报（{data.income_period}）"))
    totals = [("计入家庭收入合计", _amount(data.counted_income_total_fen))]
    if data.per_capita_monthly_income_fen is not None:
        totals.append(("家庭人均月收入", _amount(data.per_capita_monthly_income_fen)))
    story += [_amount_table(ts, "收入类别", data.incomes, totals), Spacer(1, 2.5 * mm)]
    if data.assets:
        story += [_amount_table(ts, "家庭财产", data.assets, []), Spacer(1, 2.5 * mm)]
    if data.expenses:
        expense_total = sum(line.amount_fen or 0 for line in data.expenses)
        story.append(_amount_table(ts, "刚性支出", data.expenses, [("刚性支出合计", _amount(expense_total))]))

    story.append(sections.heading("家庭经济状况核对授权"))
    story.append(ts.para(wording.verification_authorisation, ts.styles.paragraph))

    if data.consents:
        story.append(sections.heading("转介及信息共享同意"))
        story.append(ts.para("经窗口告知，申请人对下列转介事项及向相关部门提供本户信息的意见如下：", ts.styles.body))
        story += [Spacer(1, 1.5 * mm), _consent_table(ts, data)]

    signing: list[Flowable] = [
        sections.heading("承诺人签字"),
        ts.para("以上承诺内容、申报情况及授权事项，本人已阅读（或经工作人员宣读）并完全理解，确认无误。",
                ts.styles.body),
        Spacer(1, 2 * mm),
        _signature_block(ts),
    ]
    story.append(KeepTogether(signing))
    others = _members_signatures(ts, data)
    if others is not None:
        story.append(KeepTogether([
            Spacer(1, 3 * mm),
            ts.para("共同生活的成年家庭成员同意上述核对授权并签字：", ts.styles.body),
            Spacer(1, 1.5 * mm),
            others,
        ]))

    if data.double_commitment:
        office: list[Flowable] = [sections.heading("经办机构服务承诺（双承诺）")]
        office += [ts.para(text, ts.styles.paragraph) for text in wording.double_commitment_text]
        office += [Spacer(1, 2 * mm), _office_block(ts, data)]
        story.append(KeepTogether(office))

    return build_pdf(
        ts,
        data,
        title=f"{wording.declaration_title} {data.application_number}",
        subject=wording.declaration_title,  # no personal data in the file's metadata
        story=story,
    )
