"""One referral at the side of a queue: its facts, the steps the signed-in user may take, its timeline.

The buttons are exactly ``ReferralDetail.actions`` (the service decides what this user may do);
a step that needs an outcome, reason or note asks for it in a small dialog first. The applicant's
ID number is shown masked; 显示完整号码 asks the service, which writes the reveal to the audit trail.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from intake_desk.policy.referral_states import RULES, ReferralAction
from intake_desk.services.actor import Actor
from intake_desk.services.clock import local
from intake_desk.services.context import Services
from intake_desk.services.errors import ConflictError
from intake_desk.services.queues import SignInSummary
from intake_desk.services.referrals import OfficerInfo, ReferralDetail, ReferralEventView
from intake_desk.ui.dialogs.conflict import offer_reload
from intake_desk.ui.i18n import in_language, label, language, pack_text, referral_facts, referral_reason
from intake_desk.ui.style import set_role
from intake_desk.ui.widgets.pane import scrolling_pane
from intake_desk.ui.worker import run_in_background, show_error

STATUS_COLOURS = {
    "proposed": "#5b6776", "pending": "#8a5a00", "sent": "#1f5fa8", "received": "#1f5fa8",
    "in_progress": "#1f5fa8", "completed": "#1e7a3c", "declined": "#b3261e", "returned": "#8a5a00",
    "cancelled": "#5b6776",
}


class ReferralTimeline(QTextBrowser):
    """办理记录 – every step of a referral, oldest first: when, who, what, and the note."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("referralTimeline")
        self.setOpenLinks(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.events: tuple[ReferralEventView, ...] = ()

    def set_events(self, events: Sequence[ReferralEventView]) -> None:
        self.events = tuple(events)
        parts = []
        for event in self.events:
            colour = STATUS_COLOURS.get(event.to_status.value, "#1d2733")
            moved = (f"{html.escape(label(event.from_status))} → " if event.from_status
                     and event.from_status is not event.to_status else "")
            note = (f"<div style='margin-left:12px;color:#1d2733'>{html.escape(in_language(event.note))}</div>"
                    if event.note else "")
            parts.append(
                f"<div style='margin-bottom:8px'>"
                f"<span style='color:#5b6776'>{local(event.at):%Y-%m-%d %H:%M}</span>&nbsp; "
                f"<b>{html.escape(event.action_in(language()))}</b>&nbsp; "
                f"<span style='color:{colour}'>{moved}{html.escape(label(event.to_status))}</span>"
                f"&nbsp; <span style='color:#5b6776'>{html.escape(event.actor_name)}</span>{note}</div>")
        self.setHtml("".join(parts) or f"<p style='color:#5b6776'>{self.tr('暂无记录')}</p>")

    def text_lines(self) -> list[str]:
        """The timeline as plain lines (for tests and accessibility)."""
        return [line for line in self.toPlainText().splitlines() if line.strip()]


class NoteDialog(QDialog):
    """Asks for the outcome / reason / note of a step (and the reply date of a paper reply)."""

    def __init__(self, title: str, prompt: str, *, required: bool, reply_date: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noteDialog")
        self.setWindowTitle(title)
        self.required = required
        layout = QVBoxLayout(self)
        self.prompt = QLabel(prompt, self)
        self.prompt.setWordWrap(True)
        layout.addWidget(self.prompt)
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("noteEdit")
        self.note.setPlaceholderText(self.tr("必填") if required else self.tr("可不填"))
        self.note.setMinimumSize(380, 110)
        layout.addWidget(self.note)
        self.prompt.setBuddy(self.note)  # the prompt's Alt+letter takes the keyboard to the note box
        self.date: QDateEdit | None = None
        if reply_date:
            row = QFormLayout()
            self.date = QDateEdit(self)
            self.date.setObjectName("replyDate")
            self.date.setCalendarPopup(True)
            self.date.setDisplayFormat("yyyy-MM-dd")
            self.date.setDate(QDate.currentDate())
            row.addRow(self.tr("部门回复日期(&D)"), self.date)
            layout.addLayout(row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.note.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not self.required or bool(self.note.toPlainText().strip()))

    def text(self) -> str:
        return self.note.toPlainText().strip()

    def reply_on(self) -> date | None:
        return self.date.date().toPython() if self.date is not None else None  # type: ignore[no-any-return]


class ReassignDialog(QDialog):
    """改派 – a new department and/or officer, with a note."""

    def __init__(self, departments: Sequence[tuple[str, str]], officers: Sequence[OfficerInfo],
                 current_department: str | None, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reassignDialog")
        self.setWindowTitle(self.tr("改派转介"))
        self.officers = list(officers)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("改派 %n 条转介。已接收或办理中的转介改派到新部门后，需由新部门重新接收。", "", count),
                       self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.department = QComboBox(self)
        self.department.setObjectName("reassignDepartment")
        for code, name in departments:
            self.department.addItem(name, code)
        if current_department:
            self.department.setCurrentIndex(max(0, self.department.findData(current_department)))
        self.officer = QComboBox(self)
        self.officer.setObjectName("reassignOfficer")
        form.addRow(self.tr("部门(&D)"), self.department)
        form.addRow(self.tr("经办人(&O)"), self.officer)
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("reassignNote")
        self.note.setMaximumHeight(80)
        form.addRow(self.tr("说明(&N)"), self.note)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.department.currentIndexChanged.connect(self._fill_officers)
        self._fill_officers()

    def _fill_officers(self) -> None:
        code = self.department.currentData()
        self.officer.clear()
        self.officer.addItem(self.tr("（不指定）"), None)
        for officer in self.officers:
            if officer.department_code == code:
                self.officer.addItem(officer.display_name, officer.id)

    def choice(self) -> tuple[str, int | None, str]:
        return str(self.department.currentData()), self.officer.currentData(), self.note.toPlainText().strip()


class ReferralPanel(QWidget):
    """The side panel of the queue and the inbox."""

    changed = Signal(int)
    """A step was taken on this referral (the queue reloads)."""

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("referralPanel")
        self.services = services
        self.actor = actor
        self.detail: ReferralDetail | None = None
        self.revealed: str | None = None
        self.setMinimumWidth(360)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 8, 12, 8)
        self.title = QLabel(self.tr("请在左侧选择一条转介"), body)
        self.title.setObjectName("referralTitle")
        set_role(self.title, "subtitle")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.title)
        self.status = QLabel(body)
        self.status.setObjectName("referralStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.applicant = QLabel(body)
        self.applicant.setObjectName("referralApplicant")
        self.applicant.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # The button under the number: the pane stays narrow enough to sit beside the list at 1280 px.
        id_row = QVBoxLayout()
        id_row.setSpacing(4)
        self.id_number = QLabel(body)
        self.id_number.setObjectName("referralIdNumber")
        self.id_number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reveal_button = QPushButton(self.tr("显示完整号码"), body)
        self.reveal_button.setObjectName("revealIdButton")
        self.reveal_button.setToolTip(self.tr("查看完整身份证号码，查看记录将写入审计日志"))
        self.reveal_button.clicked.connect(self.reveal_id)
        id_row.addWidget(self.id_number)
        id_row.addWidget(self.reveal_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.members = QLabel(body)
        self.members.setWordWrap(True)
        self.department = QLabel(body)
        self.due = QLabel(body)
        self.due.setObjectName("referralDue")
        self.reason = QLabel(body)
        self.reason.setObjectName("referralReason")
        self.reason.setWordWrap(True)
        self.facts = QLabel(body)
        self.facts.setWordWrap(True)
        self.outcome = QLabel(body)
        self.outcome.setObjectName("referralOutcome")
        self.outcome.setWordWrap(True)
        form.addRow(self.tr("申请人"), self.applicant)
        form.addRow(self.tr("身份证号"), id_row)
        form.addRow(self.tr("涉及成员"), self.members)
        form.addRow(self.tr("转介部门"), self.department)
        form.addRow(self.tr("办理期限"), self.due)
        form.addRow(self.tr("转介事由"), self.reason)
        form.addRow(self.tr("相关情况"), self.facts)
        form.addRow(self.tr("办理结果"), self.outcome)
        layout.addLayout(form)
        self.hint = QLabel(body)
        self.hint.setObjectName("referralHint")
        self.hint.setWordWrap(True)
        set_role(self.hint, "hint")
        layout.addWidget(self.hint)
        self.button_row = QHBoxLayout()
        self.button_row.setSpacing(6)
        layout.addLayout(self.button_row)
        self.buttons: dict[str, QPushButton] = {}
        heading = QLabel(self.tr("办理记录"), body)
        set_role(heading, "subtitle")
        layout.addWidget(heading)
        self.timeline = ReferralTimeline(body)
        self.timeline.setMinimumHeight(220)
        self.timeline.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        layout.addWidget(self.timeline, 1)
        # Wrapped lines (the reason, the facts) take the height they need at the pane's width: on a narrow
        # pane the body grows and scrolls instead of squeezing them into each other.
        outer.addWidget(scrolling_pane(body, self))
        self._set_enabled(False)

    # -- showing ---------------------------------------------------------------------------------
    def show_referral(self, referral_id: int | None) -> None:
        if referral_id is None:
            self.clear()
            return
        services, actor = self.services, self.actor
        run_in_background(self, lambda: services.referrals.get(actor, referral_id), self.set_detail,
                          busy=False, label="referral")

    def clear(self) -> None:
        self.detail = None
        self.revealed = None
        self.title.setText(self.tr("请在左侧选择一条转介"))
        for widget in (self.status, self.applicant, self.id_number, self.members, self.department, self.due,
                       self.reason, self.facts, self.outcome, self.hint):
            widget.clear()
        self.timeline.set_events(())
        self._set_buttons(())
        self._set_enabled(False)

    def set_detail(self, detail: ReferralDetail) -> None:
        same = self.detail is not None and self.detail.id == detail.id
        self.detail = detail
        if not same:
            self.revealed = None
        self.title.setText(f"{detail.number}")
        status = label(detail.status)
        if detail.overdue:
            self.status.setText(self.tr("{0} · 已逾期").format(status))
            set_role(self.status, "error")
        else:
            self.status.setText(status)
            set_role(self.status, "ok" if detail.status.is_final else "")
        self.applicant.setText(f"{detail.applicant_name}　{detail.application_number}")
        self.id_number.setText(self.revealed or detail.applicant_id_masked)
        self.reveal_button.setVisible(self.revealed is None and bool(detail.applicant_id_masked))
        self.members.setText(detail.member_names or "—")
        self.department.setText(pack_text(detail.department_name) + (f"（{detail.assigned_to_name}）"
                                                                     if detail.assigned_to_name else ""))
        self.due.setText(detail.due_date.isoformat())
        set_role(self.due, "error" if detail.overdue else "")
        self.reason.setText(referral_reason(detail.reason, detail.rule))
        self.facts.setText("\n".join(f"· {fact}" for fact in referral_facts(detail.facts)) or "—")
        self.outcome.setText(detail.outcome or "—")
        hints = []
        if detail.paper_reply and any(RULES[a].side.value == "department" for a in detail.actions):
            hints.append(self.tr("部门以纸质回复时，由窗口登记：接收、办理、办结等步骤将注明“纸质回复”。"))
        if detail.department_requires_consent and not detail.consent_given:
            hints.append(self.tr("向该部门转介须经申请人单独同意。"))
        self.hint.setText("\n".join(hints))
        self.hint.setVisible(bool(hints))
        self.timeline.set_events(detail.events)
        self._set_buttons(detail.actions)
        self._set_enabled(True)

    def _set_enabled(self, enabled: bool) -> None:
        self.reveal_button.setEnabled(enabled)

    def _set_buttons(self, actions: Sequence[ReferralAction]) -> None:
        # A clerk who pressed one of these buttons by keyboard keeps a focus here when they are replaced.
        had_focus = any(button.hasFocus() for button in self.buttons.values())
        while self.button_row.count():  # the buttons and the stretch after them
            item = self.button_row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.buttons.clear()
        for action in actions:
            button = QPushButton(label(action), self)
            button.setObjectName(f"action_{action.value}")
            if action in (ReferralAction.COMPLETE, ReferralAction.RECEIVE, ReferralAction.SEND):
                set_role(button, "primary")
            button.clicked.connect(lambda _checked=False, a=action: self.take(a))
            self.button_row.addWidget(button)
            self.buttons[action.value] = button
        if self.detail is not None and self.detail.can_reassign:
            button = QPushButton(self.tr("改派…"), self)
            button.setObjectName("action_reassign")
            button.clicked.connect(self.reassign)
            self.button_row.addWidget(button)
            self.buttons["reassign"] = button
        self.button_row.addStretch(1)
        # Buttons made now join the end of the Tab chain: put them where they are read, before the timeline.
        previous: QWidget = self.reveal_button
        for button in self.buttons.values():
            QWidget.setTabOrder(previous, button)
            previous = button
        QWidget.setTabOrder(previous, self.timeline)
        if had_focus:
            (next(iter(self.buttons.values()), None) or self.timeline).setFocus(Qt.FocusReason.OtherFocusReason)

    # -- acting ----------------------------------------------------------------------------------
    def take(self, action: ReferralAction) -> None:
        """Take ``action`` on the shown referral, asking for the note first when it needs one."""
        detail = self.detail
        if detail is None:
            return
        rule = RULES[action]
        paper = detail.paper_reply and rule.side.value == "department"
        if rule.note_required or action in (ReferralAction.RESUBMIT, ReferralAction.CONFIRM) or paper:
            note_label = rule.note_label_zh if language() == "zh" else rule.note_label_en
            prompt = self.tr("请填写{0}(&N)：").format(note_label) if rule.note_required else self.tr("说明(&N)（可不填）：")
            dialog = NoteDialog(f"{label(action)} – {detail.number}", prompt, required=rule.note_required,
                                reply_date=paper, parent=self)
            dialog.accepted.connect(lambda: self._act(detail, action, dialog.text(), dialog.reply_on()))
            dialog.finished.connect(dialog.deleteLater)
            dialog.open()
            return
        self._act(detail, action, "", None)

    def _act(self, detail: ReferralDetail, action: ReferralAction, note: str, reply_on: date | None) -> None:
        services, actor = self.services, self.actor
        consent = True if action is ReferralAction.CONFIRM else None

        def work() -> ReferralDetail:
            return services.referrals.act(actor, detail.id, action, note, expected_version=detail.version,
                                          consent_given=consent, paper_reply_on=reply_on)

        run_in_background(self, work, self._acted, lambda error: self._failed(error, note), label=label(action))

    def _acted(self, detail: ReferralDetail) -> None:
        self.set_detail(detail)
        self.changed.emit(detail.id)

    def _failed(self, error: BaseException, typed: str = "") -> None:
        if isinstance(error, ConflictError) and self.detail is not None:
            # Another desk saved first: say who, keep the note typed here, reload when asked.
            referral_id = self.detail.id
            offer_reload(self, error, lambda: self.show_referral(referral_id), typed=typed)
            return
        show_error(self, error)

    def reassign(self) -> None:
        detail = self.detail
        if detail is None:
            return
        open_reassign_dialog(self, self.services, self.actor, [detail.id], detail.department_code,
                             lambda: self._reassigned(detail.id))

    def _reassigned(self, referral_id: int) -> None:
        self.show_referral(referral_id)
        self.changed.emit(referral_id)

    def reveal_id(self) -> None:
        detail = self.detail
        if detail is None:
            return
        services, actor = self.services, self.actor

        def done(number: str) -> None:
            if self.detail is not None and self.detail.id == detail.id:
                self.revealed = number
                self.id_number.setText(number)
                self.reveal_button.hide()

        run_in_background(self, lambda: services.referrals.reveal_id(actor, detail.id), done, busy=False,
                          label="reveal")


class SummaryLabel(QLabel):
    """“N 条转介已逾期，M 条将在 2 个工作日内到期” for the signed-in user's scope, read in the background."""

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("summaryLabel")
        self.services = services
        self.actor = actor
        self.summary: SignInSummary | None = None

    def load(self) -> None:
        services, actor = self.services, self.actor
        run_in_background(self, lambda: services.queues.summary(actor), self._loaded, busy=False,
                          label="referral summary")

    def _loaded(self, summary: SignInSummary) -> None:
        self.summary = summary
        self.setText(in_language(summary.message))
        set_role(self, "error" if summary.overdue else "warning" if summary.due_soon else "ok")


def open_reassign_dialog(parent: QWidget, services: Services, actor: Actor, referral_ids: Sequence[int],
                         current_department: str | None, done: Callable[[], None]) -> None:
    """Ask for the new department/officer, then reassign the referrals (one or a selection)."""

    def ask(choices: tuple[list[tuple[str, str]], list[OfficerInfo]]) -> None:
        departments, officers = choices
        dialog = ReassignDialog([(code, pack_text(name)) for code, name in departments], officers, current_department,
                                len(referral_ids), parent)

        def accepted() -> None:
            code, officer, note = dialog.choice()
            department = None if (code == current_department and officer is not None) else code
            ids = list(referral_ids)

            def work() -> object:
                if len(ids) == 1:
                    return services.referrals.reassign(actor, ids[0], department_code=department,
                                                       officer_id=officer, note=note)
                return services.referrals.bulk_reassign(actor, ids, department_code=department,
                                                        officer_id=officer, note=note)

            run_in_background(parent, work, lambda _result: _after_bulk(parent, _result, done), label="reassign")

        dialog.accepted.connect(accepted)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def load() -> tuple[list[tuple[str, str]], list[OfficerInfo]]:
        departments = list(services.queues.filter_choices(actor).departments)
        return departments, services.referrals.officers(actor)

    run_in_background(parent, load, ask, busy=False, label="officers")


def _after_bulk(parent: QWidget, result: object, done: Callable[[], None]) -> None:
    from intake_desk.services.referrals import BulkResult

    if isinstance(result, BulkResult) and result.refused:
        lines = [in_language(result.summary)] + [f"{number}：{in_language(reason)}"
                                                 for _, number, reason in result.refused[:10]]
        show_error(parent, "\n".join(lines))
    done()
