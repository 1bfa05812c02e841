"""Step 8 – 提交: a last look, one transaction, the receipt number at once, then printing."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QPushButton, QWidget

from intake_desk.domain.enums import AssistanceType, Category
from intake_desk.domain.masking import mask_resident_id
from intake_desk.domain.money import format_fen
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.services.permissions import Permission, allowed
from intake_desk.ui.forms.ui_step_submit import Ui_SubmitStep
from intake_desk.ui.i18n import in_language, label, pack_text
from intake_desk.ui.pages.intake.base import Step
from intake_desk.ui.style import set_role

if TYPE_CHECKING:
    from intake_desk.services.intake import IntakePreview, SubmitResult


class SubmitStep(Step):
    submit_requested = Signal()
    print_requested = Signal()
    new_requested = Signal()

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(services, actor, parent)
        self.ui = Ui_SubmitStep()
        self.ui.setupUi(self)
        ui = self.ui
        ui.submitButton.setProperty("role", "primary")
        ui.printButton.setProperty("role", "primary")
        set_role(ui.receiptNumber, "big-number")
        set_role(ui.doneLabel, "subtitle")
        font = ui.submitButton.font()
        font.setPointSize(font.pointSize() + 3)
        ui.submitButton.setFont(font)
        ui.printButton.setFont(font)
        ui.submitButton.clicked.connect(self.submit_requested)
        ui.printButton.clicked.connect(self.print_requested)
        ui.nextIntakeButton.clicked.connect(self.new_requested)
        # 纳入监测: offered after submit when the household is assessed 低保边缘 or 不符合 (ui/dialogs).
        self.enroll_button = QPushButton(self.tr("纳入监测…"), self)
        self.enroll_button.setObjectName("enrollButton")
        self.enroll_button.setAutoDefault(True)
        self.enroll_button.clicked.connect(self._enroll)
        self.enroll_button.hide()
        ui.receiptButtons.insertWidget(ui.receiptButtons.indexOf(ui.nextIntakeButton), self.enroll_button)
        self.preview: IntakePreview | None = None
        self.problems: Mapping[str, str] = {}
        self.result: SubmitResult | None = None

    def title(self) -> str:
        return self.tr("提交")

    def apply_preview(self, preview: IntakePreview | None) -> None:
        self.preview = preview
        self._checklist()

    def show_problems(self, problems: Mapping[str, str]) -> None:
        self.problems = problems
        self._checklist()

    def refresh(self) -> None:
        self._checklist()

    def _checklist(self) -> None:
        state = self.state
        rows: list[tuple[str, str, str]] = []  # (role, caption, text)
        applicant = state.members[state.applicant_index] if 0 <= state.applicant_index < len(state.members) else None
        if applicant is not None and applicant.name:
            rows.append(("ok", self.tr("申请人"), f"{applicant.name}　{mask_resident_id(applicant.resident_id)}"))
        else:
            rows.append(("error", self.tr("申请人"), self.tr("尚未填写")))
        rows.append(("ok" if state.members else "error", self.tr("家庭成员"),
                     self.tr("%1 人").replace("%1", str(len(state.members)))))
        requested = "、".join(label(AssistanceType(t)) for t in state.requested_types)
        rows.append(("ok" if requested else "error", self.tr("申请事项"), requested or self.tr("尚未选择")))
        preview = self.preview
        if preview is not None and not preview.materials:
            rows.append(("error", self.tr("材料"), self.tr("尚未选择申请事项，无材料清单")))
        elif preview is not None:
            missing = [m for m in preview.materials if m.missing]
            rows.append(("warning" if missing else "ok", self.tr("材料"),
                         self.tr("尚缺 %1 项，提交后打印一次性告知书").replace("%1", str(len(missing)))
                         if missing else self.tr("齐全")))
            if preview.assessment is not None:
                text = label(preview.assessment.category)
                if preview.assessment.estimated_monthly_benefit_fen is not None:
                    text += self.tr("，预计 %1 元/月").replace(
                        "%1", format_fen(preview.assessment.estimated_monthly_benefit_fen))
                rows.append(("ok", self.tr("预评估"), text))
            rows.append(("ok", self.tr("办结期限"), self.tr("%1（%2）").replace("%1", preview.due_date.isoformat())
                         .replace("%2", self.tr("承诺制快速办理") if preview.fast_track else self.tr("常规流程"))))
        kept = [r for r in state.referrals if not r.removed]
        if kept:
            consented = sum(1 for r in kept if r.consent_given)
            rows.append(("ok" if consented == len(kept) else "warning", self.tr("转介"),
                         self.tr("%n 个部门，其中 %2 个已取得同意（未同意的保存为建议，不发送）", "", len(kept))
                         .replace("%2", str(consented))))
        if self.problems:
            first = list(self.problems.values())[:5]
            rows.append(("error", self.tr("需要更正"), self.tr("%1 处：").replace("%1", str(len(self.problems)))
                         + "；".join(in_language(p) for p in first)))
        colours = {"ok": "#1e7a3c", "warning": "#8a5a00", "error": "#b3261e"}
        marks = {"ok": "✓", "warning": "!", "error": "✗"}
        body = "".join(
            f"<tr><td style='color:{colours[role]};font-weight:bold;padding:4px 10px 4px 0'>{marks[role]}</td>"
            f"<td style='padding:4px 16px 4px 0;color:#5b6776'>{html.escape(caption)}</td>"
            f"<td style='padding:4px 0'>{html.escape(text)}</td></tr>"
            for role, caption, text in rows)
        self.ui.checklistLabel.setText(f"<table>{body}</table>")

    def show_result(self, result: SubmitResult) -> None:
        self.result = result
        ui = self.ui
        ui.receiptNumber.setText(result.number)
        lines = [
            self.tr("受理时间：%1").replace("%1", result.received_on.isoformat()),
            self.tr("预评估：%1").replace("%1", label(result.category)),
            self.tr("承诺办结日期：%1（%n 个工作日）", "", result.review_working_days)
            .replace("%1", result.due_date.isoformat()),
        ]
        if result.referrals:
            lines.append(self.tr("转介：%1").replace("%1", "、".join(
                f"{pack_text(r.department_name)}（{label(r.status)}）" for r in result.referrals)))
        if result.missing_materials:
            lines.append(self.tr("尚缺材料 %n 项：请打印一次性告知书交申请人。", "", result.missing_materials))
        if result.warning:
            lines.append(in_language(result.warning))
        ui.receiptDetails.setText("\n".join(lines))
        ui.modes.setCurrentWidget(ui.receiptPage)
        self.enroll_button.setEnabled(True)
        self.enroll_button.setText(self.tr("纳入监测…"))
        self.enroll_button.setVisible(result.category in (Category.MARGINAL, Category.NOT_ELIGIBLE)
                                      and allowed(self.actor, Permission.DISCOVERY_WORK))
        ui.printButton.setFocus()

    def _enroll(self) -> None:
        if self.result is None:
            return
        from intake_desk.ui.dialogs.enroll_monitoring import EnrollDialog  # loaded when first offered

        dialog = EnrollDialog(self.services, self.actor, self.result.number, self.result.category, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def done(code: int) -> None:
            if code == QDialog.DialogCode.Accepted and dialog.result_row is not None:
                self.enroll_button.setEnabled(False)
                self.enroll_button.setText(self.tr("已纳入%1").replace("%1", label(dialog.result_row.library)))

        dialog.finished.connect(done)
        dialog.open()

    def reset(self) -> None:
        self.result = None
        self.enroll_button.hide()
        self.ui.modes.setCurrentWidget(self.ui.confirmPage)

    def focus_first(self) -> None:
        (self.ui.printButton if self.result else self.ui.submitButton).setFocus()
