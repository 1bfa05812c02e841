"""受理 – the intake page: eight steps from the applicant to the receipt number, keyboard-first.

The page owns the :class:`IntakeState` (what was typed, verbatim) and the steps show parts of it.
Every change is autosaved (file + database) and re-assessed by ``IntakeService.preview`` off the GUI
thread; the reasons that mark fields come from the service and the domain validators, never from
the widgets. Submitting is one service call; a refusal leaves everything typed in place.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QScrollArea, QSizePolicy, QWidget

from intake_desk.domain.masking import mask_resident_id
from intake_desk.domain.money import format_fen
from intake_desk.services.actor import Actor
from intake_desk.services.clock import local
from intake_desk.services.context import Services
from intake_desk.services.errors import (
    ConflictError,
    DatabaseError,
    DatabaseServerFull,
    DatabaseUnavailable,
    ValidationFailed,
)
from intake_desk.services.intake_form import missing_parts
from intake_desk.ui.forms.ui_intake_page import Ui_IntakePage
from intake_desk.ui.i18n import in_language, label, language
from intake_desk.ui.pages.intake.applicant import ApplicantStep
from intake_desk.ui.pages.intake.autosave import DraftKeeper, saved_at
from intake_desk.ui.pages.intake.base import Step
from intake_desk.ui.pages.intake.circumstances import CircumstancesStep
from intake_desk.ui.pages.intake.commitment import CommitmentStep
from intake_desk.ui.pages.intake.economy import EconomyStep
from intake_desk.ui.pages.intake.materials import MaterialsStep
from intake_desk.ui.pages.intake.members import MembersStep, preset_member
from intake_desk.ui.pages.intake.review import ReviewStep
from intake_desk.ui.pages.intake.state import IntakeState, MemberRow, ReferralRow
from intake_desk.ui.pages.intake.submit import SubmitStep
from intake_desk.ui.pages.intake.warm import ConnectionWarmer
from intake_desk.ui.style import set_role
from intake_desk.ui.widgets.steps import DONE, PENDING, PROBLEM
from intake_desk.ui.worker import error_message, run_here_first, run_in_background

if TYPE_CHECKING:
    from intake_desk.services.intake import IntakePreview, SubmitResult
    from intake_desk.services.persons import PersonLookup

log = logging.getLogger(__name__)

PREVIEW_DELAY_MS = 250
SUBMIT_HERE_MS = 100
"""A submit that took longer than this sends the next one to the background (see ``_submit_here``)."""
CONFIRM_NEW_MS = 6000


class IntakePage(QWidget):
    print_requested = Signal(str)
    """The clerk asked to print the receipt of the application with this number."""
    submitted = Signal(object)
    """An application was received: the ``SubmitResult``."""

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.ui = Ui_IntakePage()
        self.ui.setupUi(self)
        ui = self.ui
        set_role(ui.titleLabel, "title")
        set_role(ui.applicantSummary, "subtitle")
        set_role(ui.draftStatus, "hint")
        ui.summaryStrip.setProperty("role", "card")
        for figure in (ui.householdFigure, ui.incomeFigure, ui.perCapitaFigure):
            set_role(figure, "subtitle")
        ui.nextButton.setProperty("role", "primary")
        # The step scrolls between the step indicator and the summary strip: on a 1366×768 screen the strip
        # with ‹ 上一步 and 下一步 › stays in view instead of being cut off at the window's bottom edge.
        self.steps_area = QScrollArea(self)
        self.steps_area.setObjectName("stepsArea")
        self.steps_area.setWidgetResizable(True)
        self.steps_area.setFrameShape(QFrame.Shape.NoFrame)
        self.steps_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.steps_area.setSizePolicy(ui.steps.sizePolicy())
        ui.outerLayout.replaceWidget(ui.steps, self.steps_area)
        self.steps_area.setWidget(ui.steps)

        self.state = IntakeState()
        self.preview: IntakePreview | None = None
        self.local_problems: dict[str, str] = {}
        self.problems: dict[str, str] = {}
        self.gaps = missing_parts(self.state.to_form()[0])
        self.visited = 0
        self.submitted_number: str | None = None
        self.open_warning_text = ""
        self._preview_running = False
        self._preview_again = False
        self._submitting = False
        self._last_submit_ms: float | None = None
        self._refusal_shown = False
        self._confirm_new_until = 0.0
        self.loaded = False

        self.applicant = ApplicantStep(services, actor, self)
        self.applicant.ack_check.toggled.connect(self._open_warning_acknowledged)
        self.members = MembersStep(services, actor, self)
        self.economy = EconomyStep(services, actor, self)
        self.circumstances = CircumstancesStep(services, actor, self)
        self.materials = MaterialsStep(services, actor, self)
        self.commitment = CommitmentStep(services, actor, self)
        self.review = ReviewStep(services, actor, self)
        self.submit_step = SubmitStep(services, actor, self)
        self.steps: list[Step] = [self.applicant, self.members, self.economy, self.circumstances, self.materials,
                                  self.commitment, self.review, self.submit_step]
        for index, step in enumerate(self.steps):
            step.setObjectName(f"step{index + 1}")
            ui.steps.addWidget(step)
            step.changed.connect(self._changed)
            step.field_left.connect(self._field_left)
        # The area scrolls by the height of the step on screen, not of the tallest step.
        ui.steps.currentChanged.connect(self._size_by_current_step)
        self._size_by_current_step(ui.steps.currentIndex())
        ui.stepIndicator.set_steps([s.title() for s in self.steps], [f"Alt+{i + 1}" for i in range(len(self.steps))])
        ui.stepIndicator.step_clicked.connect(self.go_to)

        self.applicant.person_found.connect(self._person_found)
        self.applicant.new_person.connect(self._new_person)
        self.submit_step.submit_requested.connect(self.submit)
        self.submit_step.print_requested.connect(self.request_print)
        self.submit_step.new_requested.connect(self.start_new)
        ui.previousButton.clicked.connect(self.previous_step)
        ui.nextButton.clicked.connect(self.next_step)
        ui.newButton.clicked.connect(self.new_intake)

        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for index in range(len(self.steps)):
            QShortcut(QKeySequence(f"Alt+{index + 1}"), self, lambda i=index: self.go_to(i), context=context)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self._ctrl_enter, context=context)

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.refresh_preview)
        self.drafts = DraftKeeper(services, actor, self)
        self.drafts.status_changed.connect(self._draft_status)
        self.warmer = ConnectionWarmer(services, self)

        self._load_state(IntakeState(), step=0)
        # After the window is on the screen: the policy texts and the clerk's unsubmitted draft.
        QTimer.singleShot(0, self._load_policy_texts)
        QTimer.singleShot(0, lambda: self.drafts.load(self._draft_loaded, check=IntakeState.from_payload,
                                                      on_set_aside=self._draft_set_aside))

    # -- state -----------------------------------------------------------------------------------
    def _load_state(self, state: IntakeState, *, step: int | None = None) -> None:
        self.state = state
        self.preview = None
        self.local_problems = {}
        self.problems = {}
        self.gaps = missing_parts(state.to_form()[0])
        self._refusal_shown = False
        for each in self.steps:
            each.load(state)
        self.visited = max(state.step, step or 0)
        self.go_to(state.step if step is None else step, record=False)
        self._update_header()
        self.refresh_preview()

    def _changed(self) -> None:
        if self.submitted_number is not None:
            # Editing after the receipt starts nothing new: the received application is on file.
            return
        self.state.step = self.current_step()
        self._update_header()
        self.drafts.schedule(self.state.to_payload())
        self._preview_timer.start()
        self.warmer.begin()

    def _update_header(self) -> None:
        state = self.state
        applicant = state.members[state.applicant_index] if 0 <= state.applicant_index < len(state.members) else None
        if applicant is None or not (applicant.name or applicant.resident_id):
            self.ui.applicantSummary.setText(self.tr("新的受理"))
            return
        parts = [applicant.name or self.tr("（未填姓名）")]
        if applicant.resident_id.strip():
            parts.append(mask_resident_id(applicant.resident_id))
        parts.append(self.tr("家庭 %1 人").replace("%1", str(len(state.members))))
        self.ui.applicantSummary.setText(" · ".join(parts))

    # -- navigation ------------------------------------------------------------------------------
    def current_step(self) -> int:
        return self.ui.steps.currentIndex()

    def go_to(self, index: int, *, record: bool = True) -> None:
        index = max(0, min(index, len(self.steps) - 1))
        if self.submitted_number is not None:
            index = len(self.steps) - 1  # the receipt stays until the next intake (Ctrl+N)
        if self.ui.banner.kind == "info" and index != self.current_step():
            self.ui.banner.clear()
        if index > 0 and self.applicant.needs_acknowledgement and self.submitted_number is None:
            self.ui.banner.show_message("error", self.open_warning_text + "\n" + self.tr(
                "请先向申请人核实，并在第 1 步勾选“不是重复申请，继续受理”。"))
            index = 0
            self.applicant.ack_check.setFocus()
        step = self.steps[index]
        step.refresh()
        self.ui.steps.setCurrentIndex(index)
        self.visited = max(self.visited, index)
        if record and self.state.step != index and self.submitted_number is None:
            self.state.step = index
            self.drafts.schedule(self.state.to_payload())
        self.ui.stepIndicator.set_current(index)
        self.ui.previousButton.setEnabled(index > 0 and self.submitted_number is None)
        self.ui.nextButton.setEnabled(index < len(self.steps) - 1)
        self._mark_steps()
        self._show_problems()
        if record and self.submitted_number is None:
            # The submit's connection opened ahead: at the review step it is seconds away.
            if step is self.review or step is self.submit_step:
                self.warmer.imminent()
            else:
                self.warmer.begin()
        if not (index == 0 and self.applicant.needs_acknowledgement):
            step.focus_first()

    def next_step(self) -> None:
        if self.current_step() < len(self.steps) - 1:
            self.go_to(self.current_step() + 1)

    def previous_step(self) -> None:
        if self.current_step() > 0:
            self.go_to(self.current_step() - 1)

    def focus_search(self) -> None:
        self.go_to(0)
        self.applicant.focus_search()

    def page_shown(self) -> None:
        self.steps[self.current_step()].focus_first()
        if self.submitted_number is None:
            self.warmer.begin()

    def _ctrl_enter(self) -> None:
        if self.current_step() == len(self.steps) - 1 and self.submitted_number is None:
            self.submit()

    # -- applicant found / new -------------------------------------------------------------------
    def _person_found(self, found: PersonLookup) -> None:
        state = IntakeState.from_form(found.form, person_id=found.person_id, search_text=self.applicant.ui.searchEdit.text())
        state.channel = self.state.channel
        self._show_person(found)
        self._load_state(state, step=0)
        self._changed()
        if found.open_application is None:
            when = f"（{self.tr('上次申请')} {found.last_application_number}）" if found.last_application_number else ""
            self.ui.banner.show_message("info", self.tr("已载入 %1 的家庭和上次申报的情况%2，请与申请人逐项核对。")
                                        .replace("%1", found.name).replace("%2", when), timeout_ms=12000)
            self.applicant.ui.phoneEdit.setFocus()

    def _show_person(self, found: PersonLookup | None) -> None:
        self.applicant.show_history(found)
        warning = found.open_application if found else None
        self.open_warning_text = in_language(warning.message) if warning else ""
        self.applicant.set_open_application(warning.number if warning else "")
        if warning is not None:
            self.ui.banner.show_message("error", self.open_warning_text)
            self.applicant.ack_check.setFocus()

    def _size_by_current_step(self, current: int) -> None:
        ignored = QSizePolicy.Policy.Ignored
        for index, step in enumerate(self.steps):
            if index == current:
                step.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
            else:
                step.setSizePolicy(ignored, ignored)
        self.ui.steps.updateGeometry()

    def _open_warning_acknowledged(self, checked: bool) -> None:
        """Once the clerk ticks “not a duplicate”, the banner stops asking for it."""
        if checked and self.open_warning_text and self.ui.banner.kind == "error" \
                and self.ui.banner.text().startswith(self.open_warning_text):
            self.ui.banner.clear()

    def _new_person(self, number: str) -> None:
        keep = self.state
        applicant = MemberRow(resident_id=number)
        preset_member(applicant, self.services)
        state = IntakeState(search_text=self.applicant.ui.searchEdit.text(), channel=keep.channel,
                            members=[applicant])
        self._show_person(None)
        self._load_state(state, step=0)
        self._changed()
        self.ui.banner.show_message("info", self.tr("新申请人 %1：请填写姓名、电话和住址。")
                                    .replace("%1", mask_resident_id(number)), timeout_ms=10000)
        self.applicant.ui.nameEdit.setFocus()

    # -- the live assessment ---------------------------------------------------------------------
    def refresh_preview(self) -> None:
        self._preview_timer.stop()
        if self._preview_running:
            self._preview_again = True
            return
        form, self.local_problems = self.state.to_form()
        self.gaps = missing_parts(form)
        if not self.state.members:
            self._apply_preview(None)
            return
        self._preview_running = True
        intake, actor = self.services.intake, self.actor
        run_in_background(self, lambda: intake.preview(actor, form), self._preview_done, self._preview_failed,
                          busy=False, label="preview")

    def _preview_done(self, preview: IntakePreview) -> None:
        self._preview_running = False
        if self._preview_again:
            self._preview_again = False
            self.refresh_preview()
            return
        self._apply_preview(preview)

    def _preview_failed(self, error: BaseException) -> None:
        self._preview_running = False
        if self._preview_again:
            self._preview_again = False
            self.refresh_preview()
            return
        if isinstance(error, DatabaseUnavailable):
            self._database_unavailable(error)
        log.info("preview not available: %s", error)

    def _apply_preview(self, preview: IntakePreview | None) -> None:
        self.preview = preview
        if preview is not None:
            self._merge_proposals(preview)
        self.problems = {**(dict(preview.problems) if preview else {}), **self.local_problems}
        for step in self.steps:
            step.apply_preview(preview)
        self._update_summary()
        self._mark_steps()
        self._show_problems()
        self._update_refusal_banner()

    def _update_refusal_banner(self) -> None:
        """The “cannot submit yet” banner follows the corrections: fewer as they are made, gone when none."""
        if not self._refusal_shown or self.ui.banner.kind != "error":
            return
        if not self.problems:
            self.ui.banner.clear()
            self._refusal_shown = False
        else:
            self.ui.banner.show_message("error", self._refusal_text(self.problems))

    def _refusal_text(self, problems: Mapping[str, str]) -> str:
        # Each problem once: several fields refused for the same reason are one sentence to read.
        reasons = list(dict.fromkeys(in_language(reason) for reason in problems.values()))
        text = self.tr("还不能提交：%1 处需要更正。").replace("%1", str(len(problems)))
        return text + reasons[0] + (self.tr("（另有 %1 项，见各步骤）").replace("%1", str(len(reasons) - 1))
                                    if len(reasons) > 1 else "")

    def _merge_proposals(self, preview: IntakePreview) -> None:
        """Keep the clerk's decisions (consent, removal, own additions) as the proposals change."""
        by_code = {row.department_code: row for row in self.state.referrals}
        merged: list[ReferralRow] = []
        for proposal in preview.referrals:
            row = by_code.pop(proposal.department_code, None)
            if row is None:
                row = ReferralRow(proposal.department_code, proposal.department_name, proposal.reason)
            elif not row.added_by_clerk:
                row.reason = proposal.reason
            if not row.added_by_clerk:
                row.facts = list(proposal.facts)
                row.member_names = list(proposal.member_names)
                row.rule = proposal.rule
            row.department_name = proposal.department_name
            row.requires_consent = proposal.requires_consent
            row.due_date = proposal.due_date.isoformat()
            merged.append(row)
        merged += [row for row in by_code.values() if row.added_by_clerk]
        if merged != self.state.referrals:
            self.state.referrals = merged
            self.drafts.schedule(self.state.to_payload())

    def _update_summary(self) -> None:
        ui = self.ui
        assessment = self.preview.assessment if self.preview else None
        ui.householdFigure.setText(self.tr("家庭 %1 人").replace("%1", str(len(self.state.members))))
        if assessment is None:
            ui.incomeFigure.setText(self.tr("年收入 —"))
            ui.perCapitaFigure.setText(self.tr("人均月收入 —"))
            set_role(ui.categoryFigure, "hint")
            ui.categoryFigure.setText(self.tr("预评估：待完善信息"))
            return
        ui.incomeFigure.setText(self.tr("年收入 %1 元").replace("%1", format_fen(assessment.gross_income_fen)))
        ui.perCapitaFigure.setText(self.tr("人均月收入 %1 元").replace(
            "%1", format_fen(assessment.per_capita_monthly_income_fen)))
        set_role(ui.categoryFigure, "banner-ok" if assessment.in_or_near_assistance else "banner-info")
        text = self.tr("预评估：%1").replace("%1", label(assessment.category))
        if assessment.estimated_monthly_benefit_fen:
            text += self.tr("，约 %1 元/月").replace("%1", format_fen(assessment.estimated_monthly_benefit_fen))
        ui.categoryFigure.setText(text)

    # -- problems --------------------------------------------------------------------------------
    def _visible_problems(self, step_index: int) -> dict[str, str]:
        """The reasons step ``step_index`` shows: none before it is reached; on the step the clerk is
        filling in for the first time, those of the fields left; once the clerk has gone past it (or
        tried to submit), all of them."""
        if step_index > self.visited:
            return {}
        step = self.steps[step_index]
        mine = {k: v for k, v in self.problems.items() if step.owns(k)}
        if step_index < self.visited or step_index != self.current_step() or self._refusal_shown:
            return mine
        return {k: v for k, v in mine.items() if step.was_left(k)}

    def _field_left(self) -> None:
        self._mark_steps()
        self._show_problems()

    def _show_problems(self) -> None:
        for index, step in enumerate(self.steps[:-1]):
            step.show_problems(self._visible_problems(index) if index <= self.visited else {})
        self.submit_step.show_problems(dict(self.problems) if self.visited >= len(self.steps) - 1 else {})

    def _mark_steps(self) -> None:
        indicator = self.ui.stepIndicator
        for index in range(len(self.steps) - 1):
            if index > self.visited:
                indicator.set_state(index, PENDING)
            elif self._visible_problems(index) or (index == 0 and self.applicant.needs_acknowledgement):
                indicator.set_state(index, PROBLEM)
            elif any(self.steps[index].owns(gap) for gap in self.gaps):
                indicator.set_state(index, PENDING)  # visited but still empty: not done
            else:
                indicator.set_state(index, DONE if index < self.current_step() or index < self.visited else PENDING)
        indicator.set_state(len(self.steps) - 1, DONE if self.submitted_number else PENDING)

    def first_step_with_problem(self, problems: Mapping[str, str]) -> int | None:
        for index, step in enumerate(self.steps[:-1]):
            if any(step.owns(path) for path in problems):
                return index
        return None

    # -- submit ----------------------------------------------------------------------------------
    def submit(self) -> None:
        if self._submitting or self.submitted_number is not None:
            return
        form, local = self.state.to_form()
        if local:
            self._refused(ValidationFailed(next(iter(local.values())), local))
            return
        self._submitting = True
        acknowledged = bool(self.state.open_warning_acknowledged)
        intake, actor = self.services.intake, self.actor

        def submit(wait: bool) -> SubmitResult:
            started = time.perf_counter()
            failed = False
            try:
                return intake.submit(actor, form, expected_open_application_ack=acknowledged, wait=wait)
            except DatabaseError:
                failed = True  # unreachable, full, busy: the next write goes to the background
                raise
            finally:
                self._last_submit_ms = None if failed else (time.perf_counter() - started) * 1000

        if self._submit_here():
            run_here_first(self, lambda: submit(False), lambda: submit(True), self._submitted, self._refused,
                           label="submit")
        else:
            self.submit_step.ui.submitButton.setEnabled(False)
            run_in_background(self, lambda: submit(True), self._submitted, self._refused, label="submit")

    def _submit_here(self) -> bool:
        """Submit on the GUI thread: the local SQLite file, and the last submit was quick.

        The write is then a few milliseconds, less than handing it to a worker thread and back costs.
        A server, the first submit (nothing known yet about this disk) and any after a slow one
        (``SUBMIT_HERE_MS``: a slow disk, a large checkpoint) or a failed one (the database unreachable,
        full or busy) go to the background, so a slow database
        never holds the window; a quick one there brings the GUI thread back. Another program writing
        the file never holds it either: the GUI thread does not wait for its lock (``run_here_first``).
        """
        last = self._last_submit_ms
        return self.services.db.is_sqlite and last is not None and last <= SUBMIT_HERE_MS

    def _submitted(self, result: SubmitResult) -> None:
        self._submitting = False
        self.submit_step.ui.submitButton.setEnabled(True)
        self.submitted_number = result.number
        # The receipt first: the draft's file and row go once the number is on the screen.
        self.drafts.discard(after_events=True)
        self.visited = len(self.steps) - 1
        self.submit_step.show_result(result)
        self.ui.steps.setCurrentWidget(self.submit_step)
        self.ui.stepIndicator.set_current(len(self.steps) - 1)
        self.ui.previousButton.setEnabled(False)
        self.ui.nextButton.setEnabled(False)
        self._mark_steps()
        self.ui.banner.clear()
        self.ui.draftStatus.setText(self.tr("已提交"))
        self.submitted.emit(result)
        self.submit_step.focus_first()

    def _refused(self, error: BaseException) -> None:
        self._submitting = False
        # Whatever the reason, what was typed is on disk now (autosave may still be waiting).
        self.drafts.schedule(self.state.to_payload())
        self.drafts.flush()
        self.submit_step.ui.submitButton.setEnabled(True)
        message = error_message(error)
        from intake_desk.services.intake import OpenApplicationExists

        if isinstance(error, OpenApplicationExists):
            self.open_warning_text = in_language(error.warning.message)
            self.applicant.set_open_application(error.warning.number)
            self.ui.banner.show_message("error", self.open_warning_text)
            self.go_to(0)
            self.applicant.ack_check.setFocus()
            return
        if isinstance(error, ValidationFailed) and error.fields:
            self.visited = len(self.steps) - 1
            self.problems = {**self.problems, **error.fields}
            self._mark_steps()
            self._show_problems()
            target = self.first_step_with_problem(error.fields)
            self.ui.banner.show_message("error", self._refusal_text(error.fields))
            self._refusal_shown = True
            if target is not None:
                self.ui.steps.setCurrentIndex(target)
                self.ui.stepIndicator.set_current(target)
                self.ui.previousButton.setEnabled(target > 0)
                self.ui.nextButton.setEnabled(True)
                self.steps[target].refresh()
                self._show_problems()
                self.steps[target].focus_first()
            return
        if isinstance(error, DatabaseUnavailable):
            self._database_unavailable(error)
        elif isinstance(error, ConflictError):
            self.refresh_preview()
        self.ui.banner.show_message("error", message)

    def show_error(self, message: str) -> None:
        self.ui.banner.show_message("error", message)

    # -- printing and starting over --------------------------------------------------------------
    def printable_number(self) -> str | None:
        return self.submitted_number

    def request_print(self) -> None:
        if self.submitted_number:
            self.print_requested.emit(self.submitted_number)

    def new_intake(self) -> None:
        """Ctrl+N: start over; an unsubmitted intake is only dropped when Ctrl+N is pressed twice."""
        if self.submitted_number is not None or self.state.is_empty():
            self.start_new()
            return
        now = time.monotonic()
        if now <= self._confirm_new_until:
            self._confirm_new_until = 0.0
            self.start_new()
            return
        self._confirm_new_until = now + CONFIRM_NEW_MS / 1000
        self.ui.banner.show_message("warning", self.tr(
            "当前受理尚未提交。再按一次 Ctrl+N（或再点“新受理”）将放弃这份草稿，开始新的受理。"),
            timeout_ms=CONFIRM_NEW_MS)

    def start_new(self) -> None:
        self.drafts.discard()
        self.submitted_number = None
        self.submit_step.reset()
        self.applicant.set_open_application("")
        self.applicant.show_history(None)
        self.open_warning_text = ""
        self.ui.banner.clear()
        self.visited = 0
        self._load_state(IntakeState(), step=0)
        self.ui.draftStatus.clear()
        self.applicant.focus_search()

    def start_prefilled(self, resident_id: str, name: str, phone: str, address: str, note: str) -> bool:
        """引导申请 from the 发现 page: a new intake with the person and the department's reason.

        Refused (False, with a banner) while another intake is being typed, so nothing is lost.
        """
        if self.submitted_number is None and not self.state.is_empty():
            self.ui.banner.show_message("warning", self.tr(
                "当前受理尚未提交：请先提交，或按两次 Ctrl+N 放弃后，再从“发现”页引导申请。"), timeout_ms=15000)
            return False
        self.start_new()
        applicant = MemberRow(resident_id=resident_id, name=name)
        preset_member(applicant, self.services)
        self._load_state(IntakeState(search_text=resident_id, phone=phone, address=address, notes=note,
                                     members=[applicant]), step=0)
        return True

    # -- drafts ----------------------------------------------------------------------------------
    def _draft_loaded(self, payload: dict[str, Any] | None) -> None:
        self.loaded = True
        if not payload or self.submitted_number is not None or not self.state.is_empty():
            return
        try:
            state = IntakeState.from_payload(payload)
        except (ValueError, TypeError) as exc:
            log.warning("draft could not be restored: %s", exc)
            return
        if state.is_empty():
            return
        self._load_state(state)
        # The hall's time (Asia/Shanghai), as every other time on screen and on the receipt.
        saved = local(datetime.fromtimestamp(saved_at(payload), UTC)).strftime("%H:%M:%S")
        self.ui.banner.show_message("info", self.tr("已恢复未提交的受理草稿（%1 保存），可以接着填写；按两次 Ctrl+N 放弃。")
                                    .replace("%1", saved), timeout_ms=15000)
        applicant = state.members[state.applicant_index] if state.members else None
        if applicant is not None and applicant.resident_id.strip():
            intake, actor, number = self.services.intake, self.actor, applicant.resident_id
            run_in_background(self, lambda: intake.lookup_person(actor, number), self._history_loaded,
                              lambda _e: None, busy=False, label="history")

    def _draft_set_aside(self, sentence: str) -> None:
        self.ui.banner.show_message("warning", sentence)

    def _history_loaded(self, found: PersonLookup | None) -> None:
        if found is not None:
            self._show_person(found)
            self._mark_steps()

    def _database_unavailable(self, error: DatabaseUnavailable) -> None:
        """A call failed for want of the database: say where the draft is. A full server is not gone:
        the draft is saved again, and the database copy retried until a connection frees up."""
        if isinstance(error, DatabaseServerFull):
            if self.submitted_number is None and not self.state.is_empty():
                self.drafts.schedule(self.state.to_payload())
            self._draft_status("full", False)
        else:
            self._draft_status("local", False)

    def _draft_status(self, where: str, in_database: bool) -> None:
        if self.submitted_number is not None:
            return
        stamp = local(datetime.now(UTC)).strftime("%H:%M:%S")
        if where == "database":
            set_role(self.ui.draftStatus, "hint")
            self.ui.draftStatus.setText(self.tr("草稿已自动保存 %1").replace("%1", stamp))
        elif where == "local":
            set_role(self.ui.draftStatus, "warning")
            self.ui.draftStatus.setText(self.tr("数据库暂时无法连接，草稿已保存在本机 %1").replace("%1", stamp))
        elif where == "full":
            set_role(self.ui.draftStatus, "warning")
            self.ui.draftStatus.setText(self.tr("服务器连接已满，草稿已保存在本机 %1，稍后自动重试").replace("%1", stamp))
        else:
            self.ui.draftStatus.clear()

    def _load_policy_texts(self) -> None:
        services = self.services

        english = language() == "en"

        def read() -> tuple[Any, str, str]:
            # The intake service (and what it imports) loads here, off the GUI thread.
            pack = services.intake.pack()
            wording = pack.wording
            if english and wording.commitment_en:
                return pack.departments, wording.commitment_en, wording.office_promise_en or wording.office_promise
            return pack.departments, wording.commitment, wording.office_promise

        def done(result: tuple[Any, str, str]) -> None:
            departments, commitment, promise = result
            self.review.set_departments(departments)
            self.commitment.set_texts(commitment, promise)

        run_in_background(self, read, done, busy=False, label="policy texts")

    def window_closing(self) -> bool:
        """Save what is pending before the window goes (the worker pool finishes the write)."""
        if self.drafts.pending and self.submitted_number is None:
            self.drafts.schedule(self.state.to_payload())
            self.drafts.flush()
        return True
