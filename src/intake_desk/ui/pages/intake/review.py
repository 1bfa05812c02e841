"""Step 7 – 评估复核: the live pre-assessment in plain words, proposed referrals, due dates."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QTreeWidgetItem, QWidget

from intake_desk.domain.enums import Category
from intake_desk.domain.money import format_fen
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.ui.columns import fit_columns
from intake_desk.ui.forms.ui_step_review import Ui_ReviewStep
from intake_desk.ui.i18n import in_language, label, language, pack_text, referral_facts, referral_reason
from intake_desk.ui.pages.intake.base import Step
from intake_desk.ui.pages.intake.state import ReferralRow
from intake_desk.ui.style import set_invalid, set_role

if TYPE_CHECKING:
    from intake_desk.policy.pack import Department
    from intake_desk.services.intake import IntakePreview

CATEGORY_ROLES = {  # green: meets the conditions; amber: near them or another kind of help; grey: neither
    Category.TEKUN: "ok", Category.DIBAO: "ok", Category.MARGINAL: "warning",
    Category.EXPENDITURE: "warning", Category.TEMPORARY: "warning", Category.NOT_ELIGIBLE: "hint",
}


class ReviewStep(Step):
    paths = ("referrals",)

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(services, actor, parent)
        self.ui = Ui_ReviewStep()
        self.ui.setupUi(self)
        ui = self.ui
        font = ui.categoryLabel.font()
        font.setPointSize(font.pointSize() + 9)
        font.setBold(True)
        ui.categoryLabel.setFont(font)
        set_role(ui.explanationCaption, "subtitle")
        ui.calendarWarning.hide()
        ui.reasonFrame.hide()
        ui.referralProblem.hide()
        set_role(ui.referralProblem, "error")
        tree = ui.referralsTree
        fit_columns(tree)
        set_role(ui.referralDetail, "hint")
        tree.currentItemChanged.connect(lambda _current, _previous: self._show_detail())
        self.departments: tuple[Department, ...] = ()
        self.preview: IntakePreview | None = None
        self._mode = ""
        ui.removeReferralButton.clicked.connect(self.start_remove)
        ui.restoreReferralButton.clicked.connect(self.restore)
        ui.addReferralButton.clicked.connect(self.start_add)
        ui.reasonOkButton.clicked.connect(self.confirm_reason)
        ui.reasonCancelButton.clicked.connect(self.cancel_reason)
        ui.reasonEdit.returnPressed.connect(self.confirm_reason)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence(Qt.Key.Key_Delete), tree, self.start_remove, context=context)
        QShortcut(QKeySequence(Qt.Key.Key_Insert), self, self.start_add, context=context)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), ui.reasonFrame, self.cancel_reason, context=context)

    def title(self) -> str:
        return self.tr("评估复核")

    def set_departments(self, departments: tuple[Department, ...]) -> None:
        self.departments = departments

    # -- the assessment --------------------------------------------------------------------------
    def apply_preview(self, preview: IntakePreview | None) -> None:
        self.preview = preview
        ui = self.ui
        assessment = preview.assessment if preview else None
        if assessment is None:
            set_role(ui.categoryLabel, "hint")
            ui.categoryLabel.setText(self.tr("尚无法评估"))
            for value in (ui.perCapitaValue, ui.standardValue, ui.benefitValue):
                value.setText("—")
            problems = preview.problems if preview else {}
            lines = "".join(f"<li>{html.escape(in_language(r))}</li>" for r in list(problems.values())[:6])
            ui.explanationText.setHtml(
                "<p>" + html.escape(self.tr("家庭成员信息完整、正确后，这里显示预评估结果和理由。")) + "</p>"
                + (f"<ul>{lines}</ul>" if lines else ""))
        else:
            set_role(ui.categoryLabel, CATEGORY_ROLES.get(assessment.category, "hint"))
            ui.categoryLabel.setText(self.tr("预评估：%1").replace("%1", label(assessment.category)))
            ui.perCapitaValue.setText(self.tr("%1 元/月（%n 人）", "", assessment.household_size)
                                      .replace("%1", format_fen(assessment.per_capita_monthly_income_fen)))
            ui.standardValue.setText(self.tr("%1 元/月").replace("%1", format_fen(assessment.standard_monthly_fen)))
            ui.benefitValue.setText(self._benefit_text(preview))
            steps = "".join(f"<li style='margin-bottom:6px'>{html.escape(s)}</li>" for s in assessment.steps_in(language()))
            basis = (self.tr("政策依据：%1 %2").replace("%1", pack_text(preview.pack_locality))  # type: ignore[union-attr]
                     .replace("%2", preview.pack_version))  # type: ignore[union-attr]
            shown = assessment.asset_findings_en if language() == "en" else assessment.asset_findings
            findings = "".join(f"<li>{html.escape(f)}</li>" for f in shown)
            assets = self.tr("财产情况")
            ui.explanationText.setHtml(
                f"<ol style='margin-left:-12px'>{steps}</ol>"
                + (f"<p><b>{html.escape(assets)}</b></p><ul>{findings}</ul>" if findings else "")
                + f"<p style='color:#5b6776'>{html.escape(basis)}</p>"
            )
        if preview is not None:
            track = self.tr("快速办理") if preview.fast_track else self.tr("常规流程")
            ui.dueValue.setText(self.tr("%1（%n 个工作日，%2）", "", preview.review_working_days)
                                .replace("%1", preview.due_date.isoformat()).replace("%2", track))
            if preview.warning:
                set_role(ui.calendarWarning, "banner-warning")
                ui.calendarWarning.setText(in_language(preview.warning))
                ui.calendarWarning.show()
            else:
                ui.calendarWarning.hide()
        self._rebuild_referrals()

    def _benefit_text(self, preview: IntakePreview | None) -> str:
        assessment = preview.assessment if preview else None
        if assessment is None:
            return "—"
        parts = []
        if assessment.estimated_monthly_benefit_fen is not None:
            parts.append(self.tr("约 %1 元/月（全家）").replace("%1", format_fen(assessment.estimated_monthly_benefit_fen)))
        if assessment.temporary_range_fen is not None:
            low, high = assessment.temporary_range_fen
            parts.append(self.tr("临时救助一般不超过 %1 元，特别困难不超过 %2 元")
                         .replace("%1", format_fen(low)).replace("%2", format_fen(high)))
        return "；".join(parts) or self.tr("不适用")

    # -- referrals -------------------------------------------------------------------------------
    def refresh(self) -> None:
        self._rebuild_referrals()

    def _rebuild_referrals(self) -> None:
        tree = self.ui.referralsTree
        current = tree.currentItem()
        current_code = current.data(0, Qt.ItemDataRole.UserRole) if current else None
        tree.clear()
        restore = None
        for row in self.state.referrals:
            if row.consent_given:
                consent = self.tr("已同意")
            elif row.requires_consent:
                consent = self.tr("须单独同意")
            else:
                consent = self.tr("未同意")
            if row.removed:
                handling = self.tr("不转介：%1").replace("%1", row.removal_reason)
            elif row.added_by_clerk:
                handling = self.tr("窗口添加")
            else:
                handling = self.tr("采纳")
            reason = referral_reason(row.reason, row.rule)
            item = QTreeWidgetItem([pack_text(row.department_name), handling, consent,
                                    row.due_date or self.tr("按部门时限"), reason.splitlines()[0] if reason else ""])
            item.setData(0, Qt.ItemDataRole.UserRole, row.department_code)
            item.setToolTip(4, "\n".join([reason, *referral_facts(row.facts)]))
            if row.removed:
                for column in range(5):
                    item.setForeground(column, Qt.GlobalColor.gray)
                font = item.font(0)
                font.setStrikeOut(True)
                item.setFont(0, font)
            tree.addTopLevelItem(item)
            if row.department_code == current_code:
                restore = item
        if restore is not None:
            tree.setCurrentItem(restore)
        elif tree.topLevelItemCount():
            tree.setCurrentItem(tree.topLevelItem(0))
        if not self.state.referrals:
            empty = QTreeWidgetItem([self.tr("（无建议转介）"), "", "", "", ""])
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            tree.addTopLevelItem(empty)
        self._show_detail()

    def _show_detail(self) -> None:
        """The whole reason, the facts behind it and the members concerned, for the selected referral."""
        row = self._selected()
        if row is None:
            self.ui.referralDetail.clear()
            return
        lines = [self.tr("%1：%2").replace("%1", pack_text(row.department_name))
                 .replace("%2", referral_reason(row.reason, row.rule))]
        lines += [f"· {fact}" for fact in referral_facts(row.facts)]
        if row.member_names:
            lines.append(self.tr("涉及成员：%1").replace("%1", "、".join(row.member_names)))
        if row.removed:
            lines.append(self.tr("不转介的理由：%1").replace("%1", row.removal_reason))
        self.ui.referralDetail.setText("\n".join(lines))

    def _selected(self) -> ReferralRow | None:
        item = self.ui.referralsTree.currentItem()
        code = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        return next((r for r in self.state.referrals if r.department_code == code), None)

    def start_remove(self) -> None:
        row = self._selected()
        if row is None or row.removed:
            return
        if row.added_by_clerk:
            self.state.referrals.remove(row)
            self._changed()
            return
        self._mode = "remove"
        self.ui.departmentLabel.hide()
        self.ui.departmentCombo.hide()
        self.ui.reasonLabel.setText(self.tr("不转介到 %1 的理由(&J)").replace("%1", pack_text(row.department_name)))
        self._open_reason()

    def start_add(self) -> None:
        self._mode = "add"
        combo = self.ui.departmentCombo
        combo.clear()
        taken = {r.department_code for r in self.state.referrals if not r.removed}
        for department in self.departments:
            if department.code not in taken:
                combo.addItem(department.name, department.code)
        if not combo.count():
            self._problem(self.tr("所有协同部门都已在转介列表中。"))
            return
        self.ui.departmentLabel.show()
        combo.show()
        self.ui.reasonLabel.setText(self.tr("转介理由(&J)"))
        self._open_reason()
        combo.setFocus()

    def _open_reason(self) -> None:
        self.ui.referralProblem.hide()
        self.ui.reasonEdit.clear()
        set_invalid(self.ui.reasonEdit, False)
        self.ui.reasonFrame.show()
        self.ui.reasonEdit.setFocus()

    def confirm_reason(self) -> None:
        reason = self.ui.reasonEdit.text().strip()
        if not reason:
            text = self.tr("请填写理由")
            set_invalid(self.ui.reasonEdit, True, text)
            self._problem(text)
            self.ui.reasonEdit.setFocus()
            return
        if self._mode == "remove":
            row = self._selected()
            if row is not None:
                row.removed = True
                row.removal_reason = reason
        elif self._mode == "add":
            code = self.ui.departmentCombo.currentData()
            department = next(d for d in self.departments if d.code == code)
            existing = next((r for r in self.state.referrals if r.department_code == code), None)
            if existing is not None:
                existing.removed = False
                existing.removal_reason = ""
                existing.reason = reason
                existing.added_by_clerk = True
            else:
                self.state.referrals.append(ReferralRow(code, department.name, reason,
                                                        requires_consent=department.requires_consent,
                                                        added_by_clerk=True))
        self.cancel_reason()
        self._changed()

    def cancel_reason(self) -> None:
        self._mode = ""
        self.ui.reasonFrame.hide()
        self.ui.referralProblem.hide()
        self.ui.referralsTree.setFocus()

    def restore(self) -> None:
        row = self._selected()
        if row is not None and row.removed:
            row.removed = False
            row.removal_reason = ""
            self._changed()

    def _changed(self) -> None:
        self._rebuild_referrals()
        self.emit_changed()

    def _problem(self, text: str) -> None:
        self.ui.referralProblem.setText(text)
        self.ui.referralProblem.show()

    def show_problems(self, problems: Mapping[str, str]) -> None:
        kept = [r for r in self.state.referrals if not r.removed]
        lines = []
        for path, reason in problems.items():
            if path.startswith("referrals["):
                position = int(path[10:path.index("]")])
                name = pack_text(kept[position].department_name) if position < len(kept) else ""
                lines.append(f"{name}：{in_language(reason)}")
        if lines:
            self._problem("\n".join(lines))
        elif not self._mode:
            self.ui.referralProblem.hide()

    def focus_first(self) -> None:
        self.ui.referralsTree.setFocus()
