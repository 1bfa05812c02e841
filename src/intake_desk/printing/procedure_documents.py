"""The documents of the procedure: 延期办理告知书, 不予救助告知书, 公示名单 and 办理进度 slip.

Like every document here they are filled from plain frozen data (no database). The 公示名单 holds,
by law and by design, only name, household size, category and monthly amount: its entry type has no
other field, so an ID number, phone, address, income or health cannot reach it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from intake_desk.printing.fonts import FontChoice
from intake_desk.printing.layout import (
    CONTENT_WIDTH,
    LABEL_FILL,
    Typesetter,
    build_pdf,
    grid_table,
    qr_modules,
    title_block,
    title_with_qr,
)
from intake_desk.printing.model import DocumentCommon, format_date, format_fen

__all__ = [
    "ExtensionNoticeData",
    "ProgressSlipData",
    "ProgressStepLine",
    "PublicityLine",
    "PublicityListData",
    "RefusalNoticeData",
    "render_extension_notice",
    "render_progress_slip",
    "render_publicity_list",
    "render_refusal_notice",
]


@dataclass(frozen=True, kw_only=True)
class ExtensionNoticeData(DocumentCommon):
    """延期办理告知书."""

    applicant_name: str
    application_number: str
    applied_on: date
    assistance_type: str
    previous_due: date
    new_due: date
    working_days: int
    reason: str
    approved_by: str


@dataclass(frozen=True, kw_only=True)
class RefusalNoticeData(DocumentCommon):
    """不予救助告知书: the reasons, the facts they rest on, and the appeal channels."""

    applicant_name: str
    application_number: str
    applied_on: date
    assistance_type: str
    decided_on: date
    reasons: tuple[str, ...]
    facts: str
    appeal_review_body: str
    appeal_review_days: int
    appeal_court: str
    appeal_litigation_months: int
    notice_due: date


@dataclass(frozen=True)
class PublicityLine:
    """One line of the 公示名单 – these four facts and nothing else."""

    name: str
    household_size: int
    category: str
    monthly_amount_fen: int | None


@dataclass(frozen=True, kw_only=True)
class PublicityListData(DocumentCommon):
    period_from: date
    period_to: date
    first_day: date | None
    last_day: date | None
    lines: tuple[PublicityLine, ...]
    place: str
    objection_channel: str


@dataclass(frozen=True)
class ProgressStepLine:
    name: str
    state: str
    due: date | None
    done_on: date | None
    by: str


@dataclass(frozen=True, kw_only=True)
class ProgressSlipData(DocumentCommon):
    """办理进度 slip: where the application stands, what comes next and by when."""

    applicant_name: str
    application_number: str
    applied_on: date
    procedure_name: str
    promised_due: date
    whole_due: date
    state: str
    steps: tuple[ProgressStepLine, ...]
    next_step: str
    next_due: date | None


def _d(day: date | None) -> str:
    return format_date(day) if day else "—"


def _signature(ts: Typesetter, common: DocumentCommon, decided: date) -> Flowable:
    return KeepTogether([
        Spacer(1, 8 * mm),
        ts.para(f"{common.hall.name}（盖章）", ts.styles.small_right),
        ts.para(format_date(decided), ts.styles.small_right),
    ])


def _facts(ts: Typesetter, rows: list[tuple[str, str]]) -> Flowable:
    return grid_table(ts, [[ts.label(k), ts.cell(v)] for k, v in rows], [30 * mm, CONTENT_WIDTH - 30 * mm],
                      label_columns=(0,))


def render_extension_notice(data: ExtensionNoticeData, font: FontChoice | None = None) -> bytes:
    ts = Typesetter(font)
    title = "社会救助申请延期办理告知书"
    story: list[Flowable] = [
        *title_block(ts, title, f"编号：{data.document_number}"),
        ts.para(f"{data.applicant_name}：", ts.styles.body),
        Spacer(1, 1.5 * mm),
        ts.para(
            f"您于 {format_date(data.applied_on)}提出的{data.assistance_type}申请（受理编号 {data.application_number}），"
            f"原定于 {format_date(data.previous_due)}前办结。因以下原因，经批准延期办理，"
            f"办理期限延长至 {format_date(data.new_due)}（自受理之日起 {data.working_days} 个工作日）。",
            ts.styles.paragraph),
        Spacer(1, 2 * mm),
        _facts(ts, [("延期原因", data.reason), ("批准人", data.approved_by),
                    ("新的办结期限", format_date(data.new_due)), ("咨询电话", data.hall.phone),
                    ("监督投诉", data.hall.complaint_channel)]),
        Spacer(1, 2 * mm),
        ts.para("特此告知。", ts.styles.paragraph),
        _signature(ts, data, data.printed_at.date()),
    ]
    return build_pdf(ts, data, title=f"{title} {data.application_number}", subject=f"{data.applicant_name} {title}",
                     story=story)


def render_refusal_notice(data: RefusalNoticeData, font: FontChoice | None = None) -> bytes:
    if not data.reasons:
        raise ValueError("不予救助告知书须写明理由 / a refusal notice needs its reasons")
    ts = Typesetter(font)
    title = "不予社会救助告知书"
    reason_rows = [[ts.cell(str(n), center=True), ts.cell(reason)] for n, reason in enumerate(data.reasons, start=1)]
    story: list[Flowable] = [
        *title_block(ts, title, f"编号：{data.document_number}"),
        ts.para(f"{data.applicant_name}：", ts.styles.body),
        Spacer(1, 1.5 * mm),
        ts.para(
            f"您于 {format_date(data.applied_on)}提出的{data.assistance_type}申请（受理编号 {data.application_number}），"
            f"经入户调查、家庭经济状况核对等程序审核，于 {format_date(data.decided_on)}决定不予救助。理由如下：",
            ts.styles.paragraph),
        Spacer(1, 2 * mm),
        grid_table(ts, [[ts.label("序号"), ts.label("不予救助理由")], *reason_rows],
                   [14 * mm, CONTENT_WIDTH - 14 * mm], header_rows=1),
        Spacer(1, 2 * mm),
        ts.para("所依据的事实：", ts.styles.body),
        ts.para(data.facts, ts.styles.paragraph),
        Spacer(1, 2 * mm),
        ts.para(
            f"如对本决定不服，可以自收到本告知书之日起 {data.appeal_review_days} 日内向{data.appeal_review_body}"
            f"申请行政复议，或者自收到本告知书之日起 {data.appeal_litigation_months} 个月内向{data.appeal_court}"
            "提起行政诉讼。",
            ts.styles.paragraph),
        ts.para(
            f"家庭情况发生变化、符合救助条件时，可以重新提出申请。咨询电话：{data.hall.phone}；"
            f"监督投诉：{data.hall.complaint_channel}。",
            ts.styles.paragraph),
        _signature(ts, data, data.decided_on),
        Spacer(1, 4 * mm),
        grid_table(ts, [[ts.label("申请人签收"), "", ts.label("签收日期"), ts.cell("    年    月    日")]],
                   [26 * mm, (CONTENT_WIDTH - 52 * mm) / 2, 26 * mm, (CONTENT_WIDTH - 52 * mm) / 2],
                   label_columns=(0,), extra=[("BACKGROUND", (2, 0), (2, -1), LABEL_FILL)],
                   row_heights=[12 * mm]),
        ts.para(f"本告知书应于 {format_date(data.notice_due)}前送达申请人（决定后 3 个工作日内）。一式两份。",
                ts.styles.small),
    ]
    return build_pdf(ts, data, title=f"{title} {data.application_number}", subject=f"{data.applicant_name} {title}",
                     story=story)


def render_publicity_list(data: PublicityListData, font: FontChoice | None = None) -> bytes:
    ts = Typesetter(font)
    title = "社会救助对象公示名单"
    head = ["序号", "姓名", "家庭人口", "救助类别", "月救助金额"]
    rows: list[list[object]] = [[ts.label(h) for h in head]]
    for n, line in enumerate(data.lines, start=1):
        amount = format_fen(line.monthly_amount_fen) if line.monthly_amount_fen is not None else "—"
        rows.append([ts.cell(str(n), center=True), ts.cell(line.name, center=True),
                     ts.cell(f"{line.household_size} 人", center=True), ts.cell(line.category, center=True),
                     ts.amount(amount)])
    if not data.lines:
        rows.append([ts.cell("本期无公示对象", center=True), "", "", "", ""])
    widths = [14 * mm, 40 * mm, 26 * mm, 50 * mm, CONTENT_WIDTH - 130 * mm]
    spans = [((0, 1), (4, 1))] if not data.lines else []
    period = (f"{format_date(data.first_day)}至{format_date(data.last_day)}"
              if data.first_day and data.last_day else f"{format_date(data.period_from)}至{format_date(data.period_to)}")
    story: list[Flowable] = [
        *title_block(ts, title, f"{data.hall.name}　编号：{data.document_number}"),
        ts.para(
            f"根据社会救助审核确认有关规定，现将以下申请对象予以公示，公示期为 {period}。"
            f"公示地点：{data.place}。",
            ts.styles.paragraph),
        Spacer(1, 2 * mm),
        grid_table(ts, rows, widths, header_rows=1, spans=spans),
        Spacer(1, 3 * mm),
        ts.para(f"如有异议：{data.objection_channel}。", ts.styles.paragraph),
        ts.para(f"联系电话：{data.hall.phone}；监督投诉：{data.hall.complaint_channel}。", ts.styles.paragraph),
        ts.para("为保护个人信息，本名单仅公布姓名、家庭人口、救助类别和救助金额。", ts.styles.small),
        _signature(ts, data, data.printed_at.date()),
    ]
    return build_pdf(ts, data, title=f"{title} {data.hall.code} {data.period_from:%Y%m%d}-{data.period_to:%Y%m%d}",
                     subject=f"{data.hall.name} {title}", story=story)


def render_progress_slip(data: ProgressSlipData, font: FontChoice | None = None) -> bytes:
    ts = Typesetter(font)
    title = "社会救助申请办理进度"
    rows: list[list[object]] = [[ts.label(h) for h in ("步骤", "状态", "期限", "完成日期", "经办人")]]
    for step in data.steps:
        rows.append([ts.cell(step.name), ts.cell(step.state, center=True), ts.cell(_d(step.due), center=True),
                     ts.cell(_d(step.done_on), center=True), ts.cell(step.by or "—", center=True)])
    story: list[Flowable] = [
        title_with_qr(ts, title, f"受理编号 {data.application_number}", qr_modules(data.application_number), 20 * mm),
        Spacer(1, 2 * mm),
        _facts(ts, [("申请人", data.applicant_name), ("受理日期", format_date(data.applied_on)),
                    ("办理程序", data.procedure_name), ("当前状态", data.state),
                    ("承诺办结日期", format_date(data.promised_due)),
                    ("办理期限", format_date(data.whole_due)),
                    ("下一步", f"{data.next_step}（{_d(data.next_due)}前）" if data.next_step else "—")]),
        Spacer(1, 3 * mm),
        grid_table(ts, rows, [50 * mm, 24 * mm, 34 * mm, 34 * mm, CONTENT_WIDTH - 142 * mm], header_rows=1),
        Spacer(1, 2 * mm),
        ts.para(f"查询办理进度请出示受理编号。咨询电话：{data.hall.phone}。", ts.styles.small),
    ]
    return build_pdf(ts, data, title=f"{title} {data.application_number}", subject=f"{data.applicant_name} {title}",
                     story=story)
