"""Step 1 – 申请人: scan or type the resident ID, or find by name or pinyin initials."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QTreeWidgetItem, QWidget

from intake_desk.domain.enums import Channel, HousingCondition, HukouType
from intake_desk.domain.resident_id import InvalidResidentId, looks_like_resident_id, parse_resident_id
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.services.errors import ValidationFailed
from intake_desk.ui.columns import fit_columns
from intake_desk.ui.forms.ui_step_applicant import Ui_ApplicantStep
from intake_desk.ui.i18n import in_language, label
from intake_desk.ui.pages.intake.base import Step, fill_combo, select_data, show_problem_label
from intake_desk.ui.pages.intake.members import preset_member
from intake_desk.ui.pages.intake.state import IntakeState, MemberRow
from intake_desk.ui.style import set_invalid, set_role
from intake_desk.ui.worker import error_message, run_in_background

if TYPE_CHECKING:
    from intake_desk.services.intake import IdCheck
    from intake_desk.services.persons import PersonLookup, PersonRow


class ApplicantStep(Step):
    person_found = Signal(object)
    """A registered person was opened: the ``PersonLookup``."""
    new_person = Signal(str)
    """A valid ID that nobody has yet: the normalised number."""

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(services, actor, parent)
        self.ui = Ui_ApplicantStep()
        self.ui.setupUi(self)
        ui = self.ui
        set_role(ui.searchProblem, "error")
        set_role(ui.historyHint, "hint")
        set_role(ui.idDerived, "hint")
        ui.searchProblem.hide()
        ui.resultsList.hide()
        # The receipt number and date whole; the requested types give way (whole in the tooltip). Five rows
        # and the header always show: on a short screen the page scrolls instead of squeezing the list.
        fit_columns(ui.historyList, keep=(0, 1))
        rows = ui.historyList.fontMetrics().height() + 10
        ui.historyList.setMinimumHeight(6 * rows + 2 * ui.historyList.frameWidth())
        fill_combo(ui.hukouCombo, HukouType)
        fill_combo(ui.housingCombo, HousingCondition)
        fill_combo(ui.channelCombo, Channel)
        font = ui.searchEdit.font()
        font.setPointSize(font.pointSize() + 3)
        ui.searchEdit.setFont(font)
        ui.searchEdit.setMinimumHeight(40)
        ui.searchEdit.returnPressed.connect(self.search)
        ui.searchButton.clicked.connect(self.search)
        ui.resultsList.itemActivated.connect(self._result_chosen)
        ui.idEdit.textEdited.connect(self._id_edited)
        ui.nameEdit.textEdited.connect(self._name_edited)
        ui.phoneEdit.textEdited.connect(lambda text: self._set("phone", text))
        ui.addressEdit.textEdited.connect(lambda text: self._set("address", text))
        ui.hukouCombo.currentIndexChanged.connect(lambda _i: self._set("hukou_type", ui.hukouCombo.currentData()))
        ui.housingCombo.currentIndexChanged.connect(lambda _i: self._set("housing", ui.housingCombo.currentData()))
        ui.channelCombo.currentIndexChanged.connect(lambda _i: self._set("channel", ui.channelCombo.currentData()))
        self.ack_check = QCheckBox(self.tr("已向申请人核实：不是重复申请，继续受理(&C)"), self)
        self.ack_check.setObjectName("openAckCheck")
        self.ack_check.hide()
        self.ack_check.toggled.connect(self._ack_toggled)
        ui.searchLayout.addWidget(self.ack_check)
        self.open_number = ""
        self._searching = False
        # A field's reason is shown under the form once the clerk has left the field (not while typing).
        self.problems_label = QLabel(self)
        self.problems_label.setObjectName("applicantProblems")
        self.problems_label.setWordWrap(True)
        self.problems_label.hide()
        self.layout().addWidget(self.problems_label)
        self._left: set[QLineEdit] = set()
        self._problems: Mapping[str, str] = {}
        for edit in (ui.idEdit, ui.nameEdit, ui.phoneEdit, ui.addressEdit):
            edit.editingFinished.connect(lambda edit=edit: self._field_left(edit))

    def title(self) -> str:
        return self.tr("申请人")

    # -- state ↔ widgets ---------------------------------------------------------------------------
    def _applicant(self, create: bool = True) -> MemberRow | None:
        members = self.state.members
        if not members and create:
            members.append(MemberRow())
            self.state.applicant_index = 0
        if not members:
            return None
        return members[min(self.state.applicant_index, len(members) - 1)]

    def refresh(self) -> None:
        ui = self.ui
        applicant = self._applicant(create=False)
        ui.searchEdit.setText(self.state.search_text)
        ui.idEdit.setText(applicant.resident_id if applicant else "")
        ui.nameEdit.setText(applicant.name if applicant else "")
        ui.phoneEdit.setText(self.state.phone)
        ui.addressEdit.setText(self.state.address)
        select_data(ui.hukouCombo, self.state.hukou_type)
        select_data(ui.housingCombo, self.state.housing)
        select_data(ui.channelCombo, self.state.channel)
        self._show_derived()
        self.ack_check.setChecked(bool(self.open_number) and self.state.open_warning_acknowledged == self.open_number)

    def _set(self, attribute: str, value: str) -> None:
        if self._loading or getattr(self.state, attribute) == value:
            return
        setattr(self.state, attribute, value)
        self.emit_changed()

    def _id_edited(self, text: str) -> None:
        applicant = self._applicant()
        assert applicant is not None
        applicant.resident_id = text
        preset_member(applicant, self.services)
        self._show_derived()
        self.emit_changed()

    def _name_edited(self, text: str) -> None:
        applicant = self._applicant()
        assert applicant is not None
        applicant.name = text
        self.emit_changed()

    def _show_derived(self) -> None:
        """Sex, birth date and age as the ID is typed (the domain parser says what is wrong)."""
        text = self.ui.idEdit.text().strip()
        if not text:
            self.ui.idDerived.clear()
            return
        today = self.services.clock.today()
        try:
            parsed = parse_resident_id(text, today=today)
        except InvalidResidentId as exc:
            set_role(self.ui.idDerived, "error")
            self.ui.idDerived.setText(in_language(str(exc)))
            return
        set_role(self.ui.idDerived, "hint")
        self.ui.idDerived.setText(self.tr("%1 · 出生 %2 · %3 岁")
                                  .replace("%1", label(parsed.sex))
                                  .replace("%2", parsed.birth_date.isoformat())
                                  .replace("%3", str(parsed.age_on(today))))

    # -- search ----------------------------------------------------------------------------------
    def search(self) -> None:
        text = self.ui.searchEdit.text().strip()
        self.state.search_text = self.ui.searchEdit.text()
        self._clear_search_problem()
        if not text or self._searching:
            return
        self._searching = True
        intake = self.services.intake
        actor = self.actor
        if looks_like_resident_id(text):
            def by_id() -> tuple[IdCheck, PersonLookup | None]:
                check = intake.check_resident_id(text)
                return check, intake.lookup_person(actor, check.number)

            run_in_background(self, by_id, self._looked_up, self._search_failed, label="lookup person")
        else:
            run_in_background(self, lambda: intake.search_persons(actor, text), self._listed, self._search_failed,
                              label="search persons")

    def _looked_up(self, result: tuple[IdCheck, PersonLookup | None]) -> None:
        self._searching = False
        check, found = result
        self.ui.resultsList.hide()
        if found is None:
            self.new_person.emit(check.number)
        else:
            self.person_found.emit(found)

    def _listed(self, rows: list[PersonRow]) -> None:
        self._searching = False
        results = self.ui.resultsList
        results.clear()
        if not rows:
            results.hide()
            self._search_problem(self.tr("没有找到“%1”。新申请人请刷身份证或输入完整的身份证号。")
                                 .replace("%1", self.ui.searchEdit.text().strip()), invalid=False)
            return
        for row in rows:
            item = QTreeWidgetItem([row.name, row.resident_id_masked, label(row.sex), row.birth_date.isoformat()])
            item.setData(0, Qt.ItemDataRole.UserRole, row.person_id)
            results.addTopLevelItem(item)
        for column in range(4):
            results.resizeColumnToContents(column)
        results.show()
        results.setCurrentItem(results.topLevelItem(0))
        results.setFocus()

    def _result_chosen(self, item: QTreeWidgetItem) -> None:
        person_id = item.data(0, Qt.ItemDataRole.UserRole)
        intake, actor = self.services.intake, self.actor
        self._searching = True
        run_in_background(self, lambda: intake.lookup_person(actor, person_id=person_id), self._opened,
                          self._search_failed, label="open person")

    def _opened(self, found: PersonLookup | None) -> None:
        self._searching = False
        self.ui.resultsList.hide()
        if found is not None:
            self.person_found.emit(found)

    def _search_failed(self, error: BaseException) -> None:
        self._searching = False
        if isinstance(error, ValidationFailed):
            reason = error.fields.get("resident_id", error.message)
            self._search_problem(in_language(reason), invalid=True)
        else:
            self._search_problem(error_message(error), invalid=False)
        self.ui.searchEdit.setFocus()
        self.ui.searchEdit.selectAll()

    def _search_problem(self, text: str, *, invalid: bool) -> None:
        self.ui.searchProblem.setText(text)
        self.ui.searchProblem.show()
        set_invalid(self.ui.searchEdit, invalid, text)

    def _clear_search_problem(self) -> None:
        self.ui.searchProblem.hide()
        set_invalid(self.ui.searchEdit, False)

    # -- history and the open-application warning ---------------------------------------------
    def show_history(self, found: PersonLookup | None) -> None:
        history = self.ui.historyList
        history.clear()
        applications = found.applications if found else ()
        for summary in applications:
            item = QTreeWidgetItem([
                summary.number, summary.received_on.isoformat(), label(summary.status),
                label(summary.category) if summary.category else "",
                "、".join(label(t) for t in summary.requested_types),
            ])
            if summary.is_open:
                for column in range(5):
                    item.setForeground(column, Qt.GlobalColor.darkRed)
            history.addTopLevelItem(item)
        if found is None:
            self.ui.historyHint.setText(self.tr("输入身份证号后显示本人及家庭的既往申请。"))
        elif not applications:
            self.ui.historyHint.setText(self.tr("%1 没有既往申请。").replace("%1", found.name))
        else:
            self.ui.historyHint.setText(self.tr("%1 及其家庭的既往申请 %2 件：").replace("%1", found.name)
                                        .replace("%2", str(len(applications))))

    def set_open_application(self, number: str) -> None:
        self.open_number = number
        self.ack_check.setVisible(bool(number))
        self.ack_check.setChecked(bool(number) and self.state.open_warning_acknowledged == number)

    def _ack_toggled(self, checked: bool) -> None:
        self._set("open_warning_acknowledged", self.open_number if checked else "")

    @property
    def needs_acknowledgement(self) -> bool:
        return bool(self.open_number) and self.state.open_warning_acknowledged != self.open_number

    # -- problems --------------------------------------------------------------------------------
    def load(self, state: IntakeState) -> None:
        super().load(state)
        self._clear_search_problem()  # the last applicant's refused ID does not belong to this intake
        self._left.clear()

    def _field_left(self, edit: QLineEdit) -> None:
        self._left.add(edit)
        self.show_problems(self._problems)

    def show_problems(self, problems: Mapping[str, str]) -> None:
        self._problems = dict(problems)
        index = self.state.applicant_index
        fields: dict[QLineEdit, tuple[str, str | None]] = {
            self.ui.idEdit: (self.tr("身份证号"), problems.get(f"members[{index}].resident_id")),
            self.ui.nameEdit: (self.tr("姓名"), problems.get(f"members[{index}].name")),
            self.ui.phoneEdit: (self.tr("联系电话"), problems.get("phone")),
            self.ui.addressEdit: (self.tr("住址"), problems.get("address")),
        }
        lines = []
        for widget, (caption, reason) in fields.items():
            set_invalid(widget, bool(reason), in_language(reason or ""))
            if reason and (widget in self._left or (not widget.hasFocus() and bool(widget.text()))):
                lines.append(f"{caption}：{in_language(reason)}")
        show_problem_label(self.problems_label, "\n".join(dict.fromkeys(lines)))

    def was_left(self, path: str) -> bool:
        return True  # the step keeps the fields it has left itself (show_problems)

    def owns(self, path: str) -> bool:
        index = self.state.applicant_index
        return path in ("applicant_index", "phone", "address", "hukou_type", "housing", "channel") or path in (
            f"members[{index}].resident_id", f"members[{index}].name")

    def focus_first(self) -> None:
        if not self.state.members:
            self.ui.searchEdit.setFocus()
            self.ui.searchEdit.selectAll()
        elif not self._applicant(create=False) or not self._applicant(create=False).name:  # type: ignore[union-attr]
            self.ui.nameEdit.setFocus()
        else:
            self.ui.phoneEdit.setFocus()

    def focus_search(self) -> None:
        self.ui.searchEdit.setFocus()
        self.ui.searchEdit.selectAll()
