"""催办通知书 – the urging notice the hall sends a department whose referral is overdue.

It names the referral and the applicant (ID masked), the day it was sent, the due date, how many
working days it is overdue, and by when a written reply is expected; a copy goes to the head of the
department (抄送部门负责人). After the escalation day it says that the item is now on the county's
escalation list (督办).
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from intake_desk.printing.fonts import FontChoice
from intake_desk.printing.layout import (
    CONTENT_WIDTH,
    LABEL_FILL,
    Typesetter,
    build_pdf,
    grid_table,
    title_block,
)
from intake_desk.printing.model import DocumentCommon, format_date

TITLE = "社会救助转介事项催办通知书"


@dataclass(frozen=True, kw_only=True)
class UrgingNoticeDocument(DocumentCommon):
    """Everything printed on one urging notice."""

    referral_number: str
    application_number: str
    department_name: str
    department_full_name: str
    department_contact: str
    applicant_name: str
    applicant_id_masked: str
    matter: str
    sent_on: str
    due_date: str
    working_days_overdue: int
    escalated: bool
    escalated_on: str
    reply_by: str
    previous_notices: int


def _facts(ts: Typesetter, data: UrgingNoticeDocument) -> Flowable:
    rows = [
        [ts.label("转介编号"), ts.cell(data.referral_number), ts.label("受理编号"), ts.cell(data.application_number)],
        [ts.label("申请人"), ts.cell(data.applicant_name), ts.label("身份证号码"), ts.cell(data.applicant_id_masked)],
        [ts.label("转介事项"), ts.cell(data.matter), "", ""],
        [ts.label("发送日期"), ts.cell(data.sent_on), ts.label("办理时限"), ts.cell(data.due_date)],
        [ts.label("逾期"), ts.cell(f"{data.working_days_overdue} 个工作日"), ts.label("请于此前回复"),
         ts.cell(data.reply_by)],
    ]
    label_w = 24 * mm
    value_w = (CONTENT_WIDTH - 2 * label_w) / 2
    return grid_table(ts, rows, [label_w, value_w, label_w, value_w], label_columns=(0, 2),
                      spans=[((1, 2), (3, 2))])


def _signatures(ts: Typesetter, data: UrgingNoticeDocument) -> Flowable:
    rows = [
        [ts.label("催办单位\n（盖章）"),
         ts.para(f"{data.hall.name}\n（盖章）\n{format_date(data.printed_at.date())}", ts.styles.seal_hint),
         ts.label("经办人"), ts.cell(data.clerk_name)],
        [ts.label("联系电话"), ts.cell(data.hall.phone), ts.label("部门签收"), ""],
    ]
    label_w = 24 * mm
    value_w = (CONTENT_WIDTH - 2 * label_w) / 2
    return grid_table(ts, rows, [label_w, value_w, label_w, value_w], label_columns=(0,),
                      row_heights=[28 * mm, 12 * mm], extra=[("BACKGROUND", (2, 0), (2, -1), LABEL_FILL)])


def render_urging_notice(data: UrgingNoticeDocument, font: FontChoice | None = None) -> bytes:
    """The urging notice as PDF bytes (raises ``MissingGlyphsError`` before printing boxes)."""
    ts = Typesetter(font)
    times = f"（第 {data.previous_notices + 1} 次催办）" if data.previous_notices else ""
    story: list[Flowable] = [
        *title_block(ts, TITLE, f"编号：{data.document_number}{times}"),
        ts.para(f"{data.department_full_name or data.department_name}：", ts.styles.body),
        Spacer(1, 1.5 * mm),
        ts.para(
            f"我中心于 {data.sent_on}向贵单位转介的下列社会救助事项，办理时限为 {data.due_date}，"
            f"截至 {format_date(data.printed_at.date())}已逾期 {data.working_days_overdue} 个工作日，尚未收到办理结果。"
            f"根据“一门受理、协同办理”工作要求，现予催办，请于 {data.reply_by}前办结并书面反馈办理结果；"
            "确有困难不能按期办结的，请书面说明原因和预计办结时间。",
            ts.styles.paragraph,
        ),
        Spacer(1, 2 * mm),
        _facts(ts, data),
        Spacer(1, 3 * mm),
    ]
    if data.escalated:
        story.append(ts.para(
            f"该事项自 {data.escalated_on}起已列入督办事项，逾期情况将纳入部门协同办理情况通报。",
            ts.styles.paragraph))
        story.append(Spacer(1, 2 * mm))
    contact = f"（{data.department_contact}）" if data.department_contact else ""
    story += [
        ts.para(f"抄送：{data.department_name}负责人{contact}", ts.styles.small),
        Spacer(1, 4 * mm),
        KeepTogether([
            _signatures(ts, data),
            Spacer(1, 1.5 * mm),
            ts.para("本通知书一式两份，催办单位与被催办部门各执一份。", ts.styles.small_right),
        ]),
    ]
    return build_pdf(ts, data, title=f"{TITLE} {data.document_number}", subject=TITLE, story=story)
