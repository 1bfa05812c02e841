"""纳入监测 at submit: a household assessed 低保边缘 or 不符合 enters the class 1 or class 2 library,
with the applicant's consent, its risk factors and whether its situation is stable."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from intake_desk.domain.enums import Category
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.services.monitoring import EntryDetails, Library, MonitoredRow
from intake_desk.ui.i18n import label, language
from intake_desk.ui.style import set_role
from intake_desk.ui.worker import error_message, run_in_background


class EnrollDialog(QDialog):
    def __init__(self, services: Services, actor: Actor, number: str, category: Category,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("enrollDialog")
        self.setWindowTitle(self.tr("纳入监测 – %1").replace("%1", number))
        self.services, self.actor, self.number = services, actor, number
        self.result_row: MonitoredRow | None = None
        rules = services.monitoring.rules()
        form = QFormLayout()
        self.library = QComboBox()
        self.library.setObjectName("enrollLibrary")
        for library in Library:
            self.library.addItem(label(library), library.value)
        self.library.setCurrentIndex(0 if category is Category.MARGINAL else 1)
        form.addRow(self.tr("库别(&L)"), self.library)
        grid = QGridLayout()
        self.factors: dict[str, QCheckBox] = {}
        for i, factor in enumerate(rules.risk_factors):
            box = QCheckBox(factor.label(language()))
            box.setObjectName(f"enroll_{factor.code}")
            self.factors[factor.code] = box
            grid.addWidget(box, i // 3, i % 3)
        holder = QWidget()
        holder.setLayout(grid)
        # A heading, not a buddy: Alt+letter on a check box would tick it. Tab reaches each box.
        form.addRow(QLabel(self.tr("风险因素"), self), holder)
        self.stable = QCheckBox(self.tr("家庭情况稳定(&T)"))
        self.stable.setObjectName("enrollStable")
        self.stable.setChecked(True)
        form.addRow("", self.stable)
        self.consent = QCheckBox(self.tr("申请人同意纳入监测、定期走访(&A)"))
        self.consent.setObjectName("enrollConsent")
        form.addRow("", self.consent)
        self.error = QLabel()
        self.error.setObjectName("enrollError")
        self.error.setWordWrap(True)
        set_role(self.error, "error")
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("纳入监测"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def accept(self) -> None:
        details = EntryDetails(risk_factors=tuple(c for c, b in self.factors.items() if b.isChecked()),
                               stable=self.stable.isChecked(), consent=self.consent.isChecked())
        services, actor, number = self.services, self.actor, self.number
        library = str(self.library.currentData())

        def saved(row: Any) -> None:
            self.result_row = row
            super(EnrollDialog, self).accept()

        def failed(error: BaseException) -> None:
            self.error.setText(error_message(error))
            self.error.show()

        self.error.hide()
        run_in_background(self, lambda: services.monitoring.enroll_application(actor, number, library, details),
                          saved, failed, label="enroll monitoring")
