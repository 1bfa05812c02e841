"""Step 4 – 困难情况与申请事项: special circumstances, requested assistance types."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QCheckBox, QWidget

from intake_desk.domain.enums import AssistanceType, SpecialCircumstance
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.ui.forms.ui_step_circumstances import Ui_CircumstancesStep
from intake_desk.ui.i18n import label
from intake_desk.ui.pages.intake.base import NumberedChecks, Step, problems_text, show_problem_label
from intake_desk.ui.style import set_invalid


class CircumstancesStep(Step):
    paths = ("requested_types", "special_circumstances", "special_note", "no_able_supporter")

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(services, actor, parent)
        self.ui = Ui_CircumstancesStep()
        self.ui.setupUi(self)
        self.ui.problemsLabel.hide()
        self.request_checks: dict[str, QCheckBox] = {}
        columns = 3
        for position, kind in enumerate(AssistanceType):
            check = QCheckBox(NumberedChecks.numbered(position, label(kind)), self)
            check.setObjectName(f"request_{kind.value}")
            check.toggled.connect(lambda on, code=kind.value: self._toggle(self.state.requested_types, code, on))
            self.ui.requestsGrid.addWidget(check, position // columns, position % columns)
            self.request_checks[kind.value] = check
        self.circumstance_checks: dict[str, QCheckBox] = {}
        for kind in SpecialCircumstance:
            check = QCheckBox(label(kind), self)
            check.setObjectName(f"circumstance_{kind.value}")
            check.toggled.connect(lambda on, code=kind.value: self._toggle(self.state.special_circumstances, code, on))
            self.ui.circumstancesRow.addWidget(check)
            self.circumstance_checks[kind.value] = check
        self.ui.circumstancesRow.addStretch(1)
        # A digit ticks the numbered assistance type (1 最低生活保障 … 0 受灾人员救助) from any box of the step.
        self.numbers = NumberedChecks(self)
        self.numbers.set_items(list(self.request_checks.values()))
        for check in self.circumstance_checks.values():
            self.numbers.watch(check)
        self.numbers.watch(self.ui.noSupporterCheck)
        self.ui.noteEdit.textChanged.connect(self._note_changed)
        self.ui.noSupporterCheck.toggled.connect(self._supporter_toggled)
        order = list(self.request_checks.values()) + list(self.circumstance_checks.values()) + [
            self.ui.noteEdit, self.ui.noSupporterCheck]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)
        requests: list[QWidget] = list(self.request_checks.values())
        for check in requests:
            self.leave_tracks(check, "requested_types", requests)
        self.leave_tracks(self.ui.noteEdit, "special_note")

    def title(self) -> str:
        return self.tr("困难情况")

    def refresh(self) -> None:
        for code, check in self.request_checks.items():
            check.setChecked(code in self.state.requested_types)
        for code, check in self.circumstance_checks.items():
            check.setChecked(code in self.state.special_circumstances)
        if self.ui.noteEdit.toPlainText() != self.state.special_note:
            self.ui.noteEdit.setPlainText(self.state.special_note)
        self.ui.noSupporterCheck.setChecked(self.state.no_able_supporter)

    def _toggle(self, values: list[str], code: str, on: bool) -> None:
        if self._loading:
            return
        if on and code not in values:
            values.append(code)
        elif not on and code in values:
            values.remove(code)
        else:
            return
        self.emit_changed()

    def _note_changed(self) -> None:
        if self._loading:
            return
        self.state.special_note = self.ui.noteEdit.toPlainText()
        self.emit_changed()

    def _supporter_toggled(self, on: bool) -> None:
        if self._loading:
            return
        self.state.no_able_supporter = on
        self.emit_changed()

    def show_problems(self, problems: Mapping[str, str]) -> None:
        mine = self.my_problems(problems)
        show_problem_label(self.ui.problemsLabel, problems_text(mine))
        set_invalid(self.ui.noteEdit, "special_note" in mine, mine.get("special_note", ""))

    def focus_first(self) -> None:
        next(iter(self.request_checks.values())).setFocus()
