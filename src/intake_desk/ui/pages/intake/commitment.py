"""Step 6 – 告知承诺: fast-track by signing the commitment; consent for each proposed referral."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QWidget

from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.services.intake_form import SignatureMethod
from intake_desk.ui.forms.ui_step_commitment import Ui_CommitmentStep
from intake_desk.ui.i18n import in_language, language, pack_text, referral_reason
from intake_desk.ui.pages.intake.base import NumberedChecks, Step, fill_combo, select_data
from intake_desk.ui.style import set_invalid, set_role

if TYPE_CHECKING:
    from intake_desk.services.intake import IntakePreview


class CommitmentStep(Step):
    paths = ("declaration",)

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(services, actor, parent)
        self.ui = Ui_CommitmentStep()
        self.ui.setupUi(self)
        ui = self.ui
        set_role(ui.consentHint, "hint")
        fill_combo(ui.methodCombo, SignatureMethod)
        self.texts: tuple[str, str] = ("", "")  # commitment, office promise
        self.consent_checks: list[QCheckBox] = []
        ui.signedCheck.toggled.connect(self._signed_toggled)
        ui.signerEdit.textEdited.connect(lambda text: self._set("signer_name", text))
        ui.methodCombo.currentIndexChanged.connect(lambda _i: self._set("signature_method", ui.methodCombo.currentData()))
        for check, attribute in ((ui.verificationCheck, "consent_verification"),
                                 (ui.reportChangesCheck, "consent_report_changes"),
                                 (ui.consequencesCheck, "consent_consequences"),
                                 (ui.doubleCheck, "double_commitment")):
            check.toggled.connect(lambda on, a=attribute: self._set(a, on))
        ui.doubleCheck.toggled.connect(lambda _on: self._show_text())
        self._preview: IntakePreview | None = None
        for widget, path in ((ui.signerEdit, "declaration.signer_name"),
                             (ui.verificationCheck, "declaration.consent_verification"),
                             (ui.reportChangesCheck, "declaration.consent_report_changes"),
                             (ui.consequencesCheck, "declaration.consent_consequences")):
            self.leave_tracks(widget, path)
        # A digit ticks the numbered referral consent (each department its own key) from any box here.
        self.numbers = NumberedChecks(self)
        for check in (ui.signedCheck, ui.verificationCheck, ui.reportChangesCheck, ui.consequencesCheck,
                      ui.doubleCheck):
            self.numbers.watch(check)

    def title(self) -> str:
        return self.tr("告知承诺")

    def set_texts(self, commitment: str, office_promise: str) -> None:
        self.texts = (commitment, office_promise)
        self._show_text()

    def _show_text(self) -> None:
        commitment, promise = self.texts
        text = commitment
        if self.ui.doubleCheck.isChecked() and promise:
            text += "\n\n" + self.tr("【经办机构承诺】") + "\n" + promise
        self.ui.commitmentText.setPlainText(text.strip())

    def refresh(self) -> None:
        ui = self.ui
        state = self.state
        ui.signedCheck.setChecked(state.signed)
        ui.signerEdit.setText(state.signer_name)
        select_data(ui.methodCombo, state.signature_method)
        ui.verificationCheck.setChecked(state.consent_verification)
        ui.reportChangesCheck.setChecked(state.consent_report_changes)
        ui.consequencesCheck.setChecked(state.consent_consequences)
        ui.doubleCheck.setChecked(state.double_commitment)
        self._enable_details()
        self._rebuild_consents()
        self._show_fast_track()

    def _set(self, attribute: str, value: object) -> None:
        if self._loading or getattr(self.state, attribute) == value:
            return
        setattr(self.state, attribute, value)
        self.emit_changed()

    def _signed_toggled(self, on: bool) -> None:
        if self._loading:
            return
        self.state.signed = on
        if on and not self.state.signer_name.strip() and self.state.members:
            self.state.signer_name = self.state.members[self.state.applicant_index].name
            self.ui.signerEdit.setText(self.state.signer_name)
        self._enable_details()
        self.emit_changed()

    def _enable_details(self) -> None:
        on = self.ui.signedCheck.isChecked()
        for widget in (self.ui.signerEdit, self.ui.methodCombo, self.ui.verificationCheck,
                       self.ui.reportChangesCheck, self.ui.consequencesCheck, self.ui.doubleCheck):
            widget.setEnabled(on)

    # -- referral consent ------------------------------------------------------------------------
    def _rebuild_consents(self) -> None:
        layout = self.ui.consentList
        for check in self.consent_checks:
            layout.removeWidget(check)
            check.hide()  # gone from the step now, deleted when the event loop next runs
            check.deleteLater()
        self.consent_checks = []
        rows = [r for r in self.state.referrals if not r.removed]
        previous: QWidget = self.ui.doubleCheck
        for position, row in enumerate(rows):
            reason = referral_reason(row.reason, row.rule).splitlines()[0] if row.reason else ""
            if language() == "zh":
                text = self.tr("同意转介到 %1：%2").replace("%1", pack_text(row.department_name)).replace("%2", reason)
            else:  # the English reason is a sentence or two: it is the box's tooltip, the line stays one screen wide
                text = self.tr("同意转介到 %1").replace("%1", pack_text(row.department_name))
            text = NumberedChecks.numbered(position, text)
            if row.requires_consent:
                text += self.tr("（须申请人单独同意）")
            check = QCheckBox(text, self)
            check.setToolTip(reason)
            check.setObjectName(f"consent_{row.department_code}")
            check.setChecked(row.consent_given)
            check.toggled.connect(lambda on, r=row: self._consent(r, on))
            layout.addWidget(check)
            QWidget.setTabOrder(previous, check)
            previous = check
            self.consent_checks.append(check)
        self.numbers.set_items(self.consent_checks)
        self.ui.consentBox.setVisible(bool(rows))

    def _consent(self, row: object, on: bool) -> None:
        if self._loading:
            return
        row.consent_given = on  # type: ignore[attr-defined]
        self.emit_changed()

    def apply_preview(self, preview: IntakePreview | None) -> None:
        self._preview = preview
        wanted = [f"consent_{r.department_code}" for r in self.state.referrals if not r.removed]
        if wanted != [c.objectName() for c in self.consent_checks]:
            self._loading = True
            try:
                self._rebuild_consents()
            finally:
                self._loading = False
        self._show_fast_track()

    def _show_fast_track(self) -> None:
        preview = self._preview
        label = self.ui.fastTrackLabel
        if preview is None:
            label.clear()
            return
        if self.state.signed:
            set_role(label, "ok")
            label.setText(self.tr("承诺制快速办理：审核时限 %n 个工作日，%1 前办结；受理后按期进行事后核查。", "",
                                  preview.review_working_days).replace("%1", preview.due_date.isoformat()))
        else:
            set_role(label, "hint")
            label.setText(self.tr("未签署承诺书的按常规流程办理：审核时限 %n 个工作日，%1 前办结。", "",
                                  preview.review_working_days).replace("%1", preview.due_date.isoformat()))

    def show_problems(self, problems: Mapping[str, str]) -> None:
        for widget, path in ((self.ui.signerEdit, "declaration.signer_name"),
                             (self.ui.verificationCheck, "declaration.consent_verification"),
                             (self.ui.reportChangesCheck, "declaration.consent_report_changes"),
                             (self.ui.consequencesCheck, "declaration.consent_consequences")):
            reason = problems.get(path, "")
            set_invalid(widget, bool(reason), in_language(reason))
            if isinstance(widget, QCheckBox):
                set_role(widget, "error-check" if reason else "")

    def focus_first(self) -> None:
        self.ui.signedCheck.setFocus()
