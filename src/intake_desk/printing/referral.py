"""转介单 – a referral slip for one department, with a tear-off return section (回执联).

The upper part tells the department who is referred, why (the facts that fired the rule), which
members it concerns, that the applicant consented, whom to contact and by when. Below a cut line,
the return section is filled in by the department and sent back; it is kept whole on one page and
carries the referral number as a QR code so the desk can find the referral when it comes back.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from intake_desk.printing.fonts import FontChoice
from intake_desk.printing.layout import (
    CONTENT_WIDTH,
    DATE_BLANK,
    LABEL_FILL,
    Choices,
    CutLine,
    HintBox,
    QrModules,
    Typesetter,
    build_pdf,
    grid_table,
    qr_modules,
    title_with_qr,
)
from intake_desk.printing.model import ReferralSlipData, format_date, format_datetime

_LABEL_W = 22 * mm
_VALUE_W = (CONTENT_WIDTH - 2 * _LABEL_W) / 2
_FOUR = [_LABEL_W, _VALUE_W, _LABEL_W, _VALUE_W]


def _second_labels(*rows: int) -> list[tuple[object, ...]]:
    return [("BACKGROUND", (2, row), (2, row), LABEL_FILL) for row in rows]


def _referral_table(ts: Typesetter, data: ReferralSlipData) -> Flowable:
    label, cell = ts.label, ts.cell
    facts = "\n".join(f"{n}. {fact}" for n, fact in enumerate(data.facts, start=1)) or "—"
    rows = [
        [label("转介编号"), cell(data.referral_number), label("转介日期"), cell(format_date(data.referred_on))],
        [label("接收部门"), cell(data.department), label("受理编号"), cell(data.application_number)],
        [label("申请人"), cell(data.applicant_name), label("身份证号码"), cell(data.applicant_id_masked)],
        [label("联系电话"), cell(data.applicant_phone or "—"), label("家庭住址"), cell(data.address or "—")],
        [label("转介事由"), cell(data.reason), "", ""],
        [label("相关情况"), cell(facts), "", ""],
    ]
    return grid_table(ts, rows, _FOUR, label_columns=(0,),
                      spans=[((1, 4), (3, 4)), ((1, 5), (3, 5))],
                      extra=_second_labels(0, 1, 2, 3))


def _members_table(ts: Typesetter, data: ReferralSlipData) -> Flowable:
    head = ["序号", "姓名", "关系", "身份证号码", "年龄", "健康状况", "残疾情况", "就业/就学"]
    rows: list[list[object]] = [[ts.dense(h, center=True) for h in head]]
    for n, m in enumerate(data.members, start=1):
        rows.append([
            ts.dense(str(n), center=True), ts.dense(m.name), ts.dense(m.relation, center=True), ts.dense(m.id_masked),
            ts.dense(str(m.age), center=True), ts.dense(m.health, center=True), ts.dense(m.disability, center=True),
            ts.dense(m.occupation, center=True),
        ])
    widths = [10, 30, 20, 34, 10, 24, 26, 24]
    return grid_table(ts, rows, [w * mm for w in widths], header_rows=1)


def _handling_table(ts: Typesetter, data: ReferralSlipData) -> Flowable:
    """Consent, time limit, the desk's contact, and the sending office's seal."""
    label, cell = ts.label, ts.cell
    choices = Choices(ts, [("同意转介并向接收部门提供本户信息", data.consented), ("不同意", not data.consented)])
    consent: object = choices
    if data.consent_recorded_at is not None:
        consent = [choices, ts.para(f"（{format_datetime(data.consent_recorded_at)} 记录）", ts.styles.hint)]
    contact = f"{data.contact_person}\n电话：{data.contact_phone}"
    if data.clerk_name != data.contact_person:
        contact = f"经办人：{data.clerk_name}\n联系人：{contact}"
    seal = 24 * mm  # a real seal (about 40 mm) may overlap the borders, as on any paper form
    rows = [
        [label("申请人意见"), consent, "", ""],
        [label("办理时限"),
         cell(f"{data.time_limit_working_days} 个工作日，请于 {format_date(data.due_date)}前办理并反馈结果"), "", ""],
        [label("联系人"), cell(contact),
         label("转出单位\n（盖章）"),
         ts.para(f"{data.hall.name}\n（盖章）\n{format_date(data.referred_on)}", ts.styles.seal_hint)],
    ]
    return grid_table(ts, rows, _FOUR, label_columns=(0,),
                      spans=[((1, 0), (3, 0)), ((1, 1), (3, 1))],
                      row_heights=[None, None, seal],
                      extra=_second_labels(2))


def _return_section(ts: Typesetter, data: ReferralSlipData, qr: QrModules) -> list[Flowable]:
    label, cell = ts.label, ts.cell
    wording = data.wording
    outcome = Choices(ts, [("已办结", False), ("不予受理", False), ("退回补充材料", False), ("办理中", False)], gap=14)
    seal = 24 * mm
    rows = [
        [label("转介编号"), cell(data.referral_number), label("受理编号"), cell(data.application_number)],
        [label("申请人"), cell(data.applicant_name), label("接收部门"), cell(data.department)],
        [label("接收日期"), cell(DATE_BLANK), label("接收人"), ""],
        [label("办理结果"), outcome, "", ""],
        [label("结果说明"), HintBox(ts, CONTENT_WIDTH - _LABEL_W - 8, 13 * mm,
                                    "救助项目、金额或不予受理的理由", border=False), "", ""],
        [label("经办人"), "", label("联系电话"), ""],
        [label("部门（盖章）"), ts.para("（盖章）", ts.styles.seal_hint), label("日期"), cell(DATE_BLANK)],
    ]
    table = grid_table(
        ts, rows, _FOUR, label_columns=(0,),
        spans=[((1, 3), (3, 3)), ((1, 4), (3, 4))],
        row_heights=[None, None, 8 * mm, 8 * mm, 16 * mm, 8 * mm, seal],
        extra=_second_labels(0, 1, 2, 5, 6),
    )
    where = "；".join(part for part in (data.hall.address, f"电话 {data.hall.phone}" if data.hall.phone else "") if part)
    send_back = (f"请于 {format_date(data.due_date)}前将本回执送回{data.hall.name}"
                 + (f"（{where}）" if where else "") + "。")
    notes = f"{wording.referral_return_note}{send_back}" if wording.referral_return_note else send_back
    return [
        title_with_qr(ts, wording.referral_return_title, "（回执联）", qr, 15 * mm),
        Spacer(1, 1.5 * mm),
        table,
        Spacer(1, 1.5 * mm),
        ts.para(notes, ts.styles.small),
    ]


def render_referral_slip(data: ReferralSlipData, font: FontChoice | None = None) -> bytes:
    """One department's referral slip as PDF bytes (raises ``MissingGlyphsError`` before printing boxes)."""
    ts = Typesetter(font)
    wording = data.wording
    qr = qr_modules(data.referral_number)
    story: list[Flowable] = [
        title_with_qr(ts, wording.referral_title, "（转介联）", qr, 15 * mm),
        Spacer(1, 1.5 * mm),
        _referral_table(ts, data),
    ]
    if data.members:
        story += [Spacer(1, 1.5 * mm), ts.para(f"涉及家庭成员（{len(data.members)} 人）", ts.styles.body),
                  Spacer(1, 0.5 * mm), _members_table(ts, data)]
    story += [Spacer(1, 2 * mm), _handling_table(ts, data)]
    story.append(KeepTogether([CutLine(ts, "沿此线剪开，回执联由接收部门填写后送回", space=8 * mm), *_return_section(ts, data, qr)]))
    return build_pdf(
        ts,
        data,
        title=f"{wording.referral_title} {data.referral_number}",
        subject=f"{data.department} {wording.referral_title}",
        story=story,
    )
