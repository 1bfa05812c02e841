"""督办 – what is due soon, urged (催办) and escalated (督办), and the applicant's voice afterwards.

Three tabs (Ctrl+PgUp / Ctrl+PgDn, the window's keys for the next sheet):

* **催办督办** – every dated item of the user's scope that needs attention (referrals, applications,
  post-checks, follow-ups), earliest due first, with its rung for today. Opening the page records the
  rungs reached since anyone last looked (``UrgingService.sync``), so the timeline and the audit trail
  say who was urged and when. For a late referral, 打印催办通知书 prints the urging notice for the
  department (or saves it as PDF).
* **回访** – callbacks due after a decision or a completed referral: each try, and once the applicant
  is reached the rating (好差评, one per service), whether the help arrived and a comment. A rating of
  不满意 or worse opens a follow-up. 当场评价 records a rating given at the window.
* **整改** – follow-ups opened by poor ratings; a supervisor closes one with what was done and a
  second callback.

Every service call runs off the GUI thread; a refusal is one sentence in the banner and what was typed
stays where it was.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from intake_desk.domain.enums import CallbackChannel, DatedItemKind, Rating, Rung
from intake_desk.services.actor import Actor
from intake_desk.services.callbacks import CallbackRow, FollowUpRow
from intake_desk.services.clock import local
from intake_desk.services.context import Services
from intake_desk.services.permissions import Permission, allowed
from intake_desk.services.printing import RenderedDocument
from intake_desk.services.urging import LadderItem, LadderSummary
from intake_desk.ui.columns import fit_columns, positions
from intake_desk.ui.i18n import in_language, label, pack_text
from intake_desk.ui.models.urging_tables import (
    CALLBACK_COLUMNS,
    FOLLOW_UP_COLUMNS,
    LADDER_COLUMNS,
    ROW_ROLE,
    UrgingTableModel,
    callback_text,
    days_text,
    follow_up_text,
    ladder_alert,
    ladder_text,
)
from intake_desk.ui.style import set_role
from intake_desk.ui.widgets.banner import Banner
from intake_desk.ui.worker import error_message, run_in_background

NOTICE_RUNGS = (Rung.OVERDUE, Rung.URGED, Rung.ESCALATED)


def _table(parent: QWidget, name: str) -> QTableView:
    table = QTableView(parent)
    table.setObjectName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
    table.verticalHeader().setVisible(False)
    table.setWordWrap(False)
    return table


def _fit(table: QTableView, model: UrgingTableModel[Any], optional: tuple[str, ...]) -> None:
    """Columns fitted to the table: numbers and dates whole, ``optional`` given up first where room is short."""
    keys = [key for key, _title in model.columns]
    fit_columns(table, keep=positions(keys, ("number", "due")), optional=positions(keys, optional), claim=True)


def _note(parent: QWidget, name: str, placeholder: str) -> QPlainTextEdit:
    edit = QPlainTextEdit(parent)
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)  # Tab moves on, as everywhere else
    edit.setMinimumHeight(48)
    edit.setMaximumHeight(72)
    return edit


def _button(parent: QWidget, name: str, text: str, *, primary: bool = False) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setAutoDefault(True)  # Enter presses the focused button
    if primary:
        set_role(button, "primary")
    return button


def _ratings(combo: QComboBox, blank: str) -> None:
    combo.addItem(blank, "")
    for rating in Rating:
        combo.addItem(label(rating), rating.value)


class UrgingPage(QWidget):
    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("urgingPage")
        self.services = services
        self.actor = actor
        self.ladder_item: LadderItem | None = None
        self.callback: CallbackRow | None = None
        self.follow_up: FollowUpRow | None = None
        self.summary: LadderSummary | None = None
        self.desk = allowed(actor, Permission.CALLBACK_RECORD)
        self.last_saved: Path | None = None
        self._build()

    # -- building ----------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.setSpacing(8)
        title = QLabel(self.tr("督办与回访"), self)
        set_role(title, "title")
        hint = QLabel(self.tr("到期前提醒，逾期次日催办，再逾期转督办；办结后回访，差评整改。"), self)
        set_role(hint, "hint")
        hint.setWordWrap(True)
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("summaryLabel")
        self.summary_label.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(self.summary_label)
        self.banner = Banner(self)
        layout.addWidget(self.banner)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("urgingTabs")
        self.tabs.addTab(self._build_ladder(), self.tr("催办督办"))
        if self.desk:
            self.tabs.addTab(self._build_callbacks(), self.tr("回访"))
            self.tabs.addTab(self._build_follow_ups(), self.tr("整改"))
        layout.addWidget(self.tabs, 1)
        refresh = QShortcut(QKeySequence("F5"), self)
        refresh.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        refresh.activated.connect(self.reload)

    def _build_ladder(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        bar = QHBoxLayout()
        self.rung_combo = QComboBox(tab)
        self.rung_combo.setObjectName("rungFilter")
        self.rung_combo.addItem(self.tr("需关注（全部）"), "")
        for rung in (Rung.DUE_SOON, Rung.OVERDUE, Rung.URGED, Rung.ESCALATED):
            self.rung_combo.addItem(label(rung), rung.value)
        self.kind_combo = QComboBox(tab)
        self.kind_combo.setObjectName("kindFilter")
        self.kind_combo.addItem(self.tr("全部事项"), "")
        for kind in DatedItemKind:
            self.kind_combo.addItem(label(kind), kind.value)
        rung_label = QLabel(self.tr("梯度(&G)"), tab)
        rung_label.setBuddy(self.rung_combo)
        kind_label = QLabel(self.tr("事项(&K)"), tab)
        kind_label.setBuddy(self.kind_combo)
        self.refresh_button = _button(tab, "refreshButton", self.tr("刷新"))
        self.refresh_button.setToolTip(self.tr("重新读取（F5）"))
        bar.addWidget(rung_label)
        bar.addWidget(self.rung_combo)
        bar.addWidget(kind_label)
        bar.addWidget(self.kind_combo)
        bar.addStretch(1)
        bar.addWidget(self.refresh_button)
        layout.addLayout(bar)
        splitter = QSplitter(Qt.Orientation.Horizontal, tab)
        self.ladder_table = _table(splitter, "ladderTable")
        self.ladder_model: UrgingTableModel[LadderItem] = UrgingTableModel(LADDER_COLUMNS, ladder_text, self._run, self,
                                                            alert=ladder_alert)
        self.ladder_table.setModel(self.ladder_model)
        _fit(self.ladder_table, self.ladder_model, ("kind",))
        splitter.addWidget(self.ladder_table)
        panel = QGroupBox(self.tr("事项"), splitter)
        panel.setObjectName("ladderPanel")
        form = QFormLayout(panel)
        self.ladder_labels = self._detail_rows(panel, form, (
            ("number", self.tr("编号")), ("applicant", self.tr("申请人")), ("responsible", self.tr("责任单位")),
            ("due", self.tr("办理期限")), ("rung", self.tr("梯度")), ("urged", self.tr("催办")),
            ("escalated", self.tr("督办"))))
        self.print_notice_button = _button(panel, "printNoticeButton", self.tr("打印催办通知书(&P)…"), primary=True)
        self.save_notice_button = _button(panel, "saveNoticeButton", self.tr("另存为 PDF(&S)…"))
        self.print_notice_button.setVisible(allowed(self.actor, Permission.PRINT))
        self.save_notice_button.setVisible(allowed(self.actor, Permission.PRINT))
        form.addRow("", self.print_notice_button)
        form.addRow("", self.save_notice_button)
        splitter.addWidget(panel)
        # never narrower than its fields and their captions need (at 1280 px, in English)
        panel.setMinimumWidth(max(270, panel.minimumSizeHint().width()))
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([640, 280])
        layout.addWidget(splitter, 1)
        self.rung_combo.currentIndexChanged.connect(self.reload_ladder)
        self.kind_combo.currentIndexChanged.connect(self.reload_ladder)
        self.refresh_button.clicked.connect(self.reload)
        self.ladder_table.selectionModel().selectionChanged.connect(self._ladder_selected)
        self.ladder_model.failed.connect(self.show_error)
        self.ladder_model.reloaded.connect(lambda: self._select_first(self.ladder_table, self.ladder_model))
        self.print_notice_button.clicked.connect(self.print_notice)
        self.save_notice_button.clicked.connect(self.save_notice)
        self._show_ladder_item(None)
        return tab

    def _build_callbacks(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        bar = QHBoxLayout()
        self.callback_status = QComboBox(tab)
        self.callback_status.setObjectName("callbackStatus")
        for text, code in ((self.tr("待回访"), "open"), (self.tr("已回访"), "done"),
                           (self.tr("无法联系"), "unreachable"), (self.tr("全部"), "")):
            self.callback_status.addItem(text, code)
        status_label = QLabel(self.tr("状态(&T)"), tab)
        status_label.setBuddy(self.callback_status)
        self.rate_button = _button(tab, "rateAtWindowButton", self.tr("当场评价(&W)…"))
        self.rate_button.setToolTip(self.tr("申请人在窗口当场对一项服务评价（一次一评）"))
        bar.addWidget(status_label)
        bar.addWidget(self.callback_status)
        bar.addStretch(1)
        bar.addWidget(self.rate_button)
        layout.addLayout(bar)
        splitter = QSplitter(Qt.Orientation.Horizontal, tab)
        self.callback_table = _table(splitter, "callbackTable")
        self.callback_model: UrgingTableModel[CallbackRow] = UrgingTableModel(CALLBACK_COLUMNS, callback_text, self._run, self,
                                                              alert=lambda row: row.overdue)
        self.callback_table.setModel(self.callback_model)
        _fit(self.callback_table, self.callback_model, ("decided", "tries", "phone"))
        splitter.addWidget(self.callback_table)
        panel = QGroupBox(self.tr("登记回访"), splitter)
        panel.setObjectName("callbackPanel")
        form = QFormLayout(panel)
        self.callback_labels = self._detail_rows(panel, form, (
            ("number", self.tr("编号")), ("applicant", self.tr("申请人")), ("phone", self.tr("电话")),
            ("due", self.tr("回访期限")), ("tries", self.tr("已回访"))))
        self.reached_check = QCheckBox(self.tr("已联系上申请人(&R)"), panel)
        self.reached_check.setObjectName("reachedCheck")
        self.rating_combo = QComboBox(panel)
        self.rating_combo.setObjectName("ratingCombo")
        _ratings(self.rating_combo, self.tr("（请选择）"))
        self.help_combo = QComboBox(panel)
        self.help_combo.setObjectName("helpCombo")
        for text, value in ((self.tr("（请选择）"), None), (self.tr("已到位"), True), (self.tr("未到位"), False)):
            self.help_combo.addItem(text, value)
        self.channel_combo = QComboBox(panel)
        self.channel_combo.setObjectName("channelCombo")
        for channel in (CallbackChannel.PHONE, CallbackChannel.VISIT):
            self.channel_combo.addItem(label(channel), channel.value)
        self.comment_edit = _note(panel, "commentEdit", self.tr("申请人的意见和建议"))
        self.record_button = _button(panel, "recordCallbackButton", self.tr("登记回访(&L)"), primary=True)
        self.record_button.setToolTip(self.tr("保存这次回访；未联系上时只记一次回访（Ctrl+Enter）"))
        form.addRow("", self.reached_check)
        form.addRow(self.tr("评价"), self.rating_combo)
        form.addRow(self.tr("救助是否到位"), self.help_combo)
        form.addRow(self.tr("方式"), self.channel_combo)
        form.addRow(self.tr("意见"), self.comment_edit)
        form.addRow("", self.record_button)
        splitter.addWidget(panel)
        # never narrower than its fields and their captions need (at 1280 px, in English)
        panel.setMinimumWidth(max(270, panel.minimumSizeHint().width()))
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([600, 300])
        layout.addWidget(splitter, 1)
        self.callback_status.currentIndexChanged.connect(self.reload_callbacks)
        self.callback_table.selectionModel().selectionChanged.connect(self._callback_selected)
        self.callback_model.failed.connect(self.show_error)
        self.callback_model.reloaded.connect(lambda: self._select_first(self.callback_table, self.callback_model))
        self.reached_check.toggled.connect(lambda _on: self._fill_callback(self.callback))
        self.record_button.clicked.connect(self.record_callback)
        self.rate_button.clicked.connect(self.open_rate_dialog)
        self._shortcut(panel, self.record_callback)
        self._fill_callback(None)
        return tab

    def _build_follow_ups(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        bar = QHBoxLayout()
        self.follow_status = QComboBox(tab)
        self.follow_status.setObjectName("followUpStatus")
        for text, code in ((self.tr("整改中"), "open"), (self.tr("已关闭"), "closed"), (self.tr("全部"), "")):
            self.follow_status.addItem(text, code)
        status_label = QLabel(self.tr("状态(&U)"), tab)
        status_label.setBuddy(self.follow_status)
        bar.addWidget(status_label)
        bar.addWidget(self.follow_status)
        bar.addStretch(1)
        layout.addLayout(bar)
        splitter = QSplitter(Qt.Orientation.Horizontal, tab)
        self.follow_table = _table(splitter, "followUpTable")
        self.follow_model: UrgingTableModel[FollowUpRow] = UrgingTableModel(
            FOLLOW_UP_COLUMNS, follow_up_text, self._run, self,
            alert=lambda row: row.status == "open" and row.position.working_days_left < 0)
        self.follow_table.setModel(self.follow_model)
        _fit(self.follow_table, self.follow_model, ("opened",))
        splitter.addWidget(self.follow_table)
        panel = QGroupBox(self.tr("关闭整改"), splitter)
        panel.setObjectName("followUpPanel")
        form = QFormLayout(panel)
        self.follow_labels = self._detail_rows(panel, form, (
            ("number", self.tr("编号")), ("applicant", self.tr("申请人")), ("rating", self.tr("评价")),
            ("comment", self.tr("意见")), ("due", self.tr("整改期限")), ("closed", self.tr("处理"))))
        self.action_edit = _note(panel, "actionEdit", self.tr("做了哪些整改"))
        self.second_reached = QCheckBox(self.tr("再次回访已联系上(&C)"), panel)
        self.second_reached.setObjectName("secondReachedCheck")
        self.second_rating = QComboBox(panel)
        self.second_rating.setObjectName("secondRatingCombo")
        _ratings(self.second_rating, self.tr("（请选择）"))
        self.second_comment = _note(panel, "secondCommentEdit", self.tr("再次回访时申请人的意见"))
        self.close_button = _button(panel, "closeFollowUpButton", self.tr("关闭整改(&F)"), primary=True)
        form.addRow(self.tr("整改措施"), self.action_edit)
        form.addRow("", self.second_reached)
        form.addRow(self.tr("再次评价"), self.second_rating)
        form.addRow(self.tr("再次回访意见"), self.second_comment)
        form.addRow("", self.close_button)
        splitter.addWidget(panel)
        # never narrower than its fields and their captions need (at 1280 px, in English)
        panel.setMinimumWidth(max(270, panel.minimumSizeHint().width()))
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([600, 300])
        layout.addWidget(splitter, 1)
        self.follow_status.currentIndexChanged.connect(self.reload_follow_ups)
        self.follow_table.selectionModel().selectionChanged.connect(self._follow_selected)
        self.follow_model.failed.connect(self.show_error)
        self.follow_model.reloaded.connect(lambda: self._select_first(self.follow_table, self.follow_model))
        self.second_reached.toggled.connect(lambda _on: self._fill_follow_up(self.follow_up))
        self.close_button.clicked.connect(self.close_follow_up)
        self._shortcut(panel, self.close_follow_up)
        self._fill_follow_up(None)
        return tab

    def _detail_rows(self, panel: QWidget, form: QFormLayout,
                     rows: tuple[tuple[str, str], ...]) -> dict[str, QLabel]:
        labels = {}
        for key, title in rows:
            value = QLabel("—", panel)
            value.setObjectName(f"detail_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            labels[key] = value
            form.addRow(title, value)
        return labels

    @staticmethod
    def _shortcut(panel: QWidget, slot: Callable[[], None]) -> None:
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), panel)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # -- loading -----------------------------------------------------------------------------------
    def _run(self, fn: Callable[[], Any], on_success: Callable[[Any], None],
             on_failure: Callable[[BaseException], None]) -> None:
        run_in_background(self, fn, on_success, on_failure, label="urging")

    def page_shown(self) -> None:
        """Record the rungs reached since anyone last looked, then show today's lists."""
        focus = QApplication.focusWidget()
        if focus is None or not self.isAncestorOf(focus):
            self.rung_combo.setFocus(Qt.FocusReason.OtherFocusReason)  # the keyboard starts on this page
        service, actor = self.services.urging, self.actor
        self._run(lambda: service.sync(actor), lambda _recorded: self.reload(), self._sync_failed)

    def _sync_failed(self, error: BaseException) -> None:
        self.show_error(error)
        self.reload()

    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.rung_combo.setFocus()

    def reload(self) -> None:
        self.reload_ladder()
        if self.desk:
            self.reload_callbacks()
            self.reload_follow_ups()
        service, actor = self.services.urging, self.actor
        self._run(lambda: service.summary(actor), self._show_summary, lambda _e: None)

    def reload_ladder(self) -> None:
        rung = Rung(self.rung_combo.currentData()) if self.rung_combo.currentData() else None
        kind = DatedItemKind(self.kind_combo.currentData()) if self.kind_combo.currentData() else None
        service, actor = self.services.urging, self.actor
        kinds = [kind] if kind else None
        self.ladder_model.set_source(lambda offset, limit: service.items(actor, rung, kinds, offset=offset,
                                                                         limit=limit))
        self.ladder_model.reload()

    def reload_callbacks(self) -> None:
        status = self.callback_status.currentData() or None
        service, actor = self.services.callbacks, self.actor
        self.callback_model.set_source(lambda offset, limit: service.callbacks(actor, status, offset=offset,
                                                                               limit=limit))
        self.callback_model.reload()

    def reload_follow_ups(self) -> None:
        status = self.follow_status.currentData() or None
        service, actor = self.services.callbacks, self.actor
        self.follow_model.set_source(lambda offset, limit: service.follow_ups(actor, status, offset=offset,
                                                                              limit=limit))
        self.follow_model.reload()

    def _show_summary(self, summary: LadderSummary) -> None:
        self.summary = summary
        zh, en = summary.sentence()
        self.summary_label.setText(in_language(f"{zh} / {en}"))
        set_role(self.summary_label, "error" if summary.escalated else "hint")

    @staticmethod
    def _select_first(table: QTableView, model: UrgingTableModel[Any]) -> None:
        if model.rows and not table.selectionModel().hasSelection():
            table.selectRow(0)

    def show_error(self, error: BaseException | str) -> None:
        message = error if isinstance(error, str) else error_message(error)
        self.banner.show_message("error", message)

    def _selected(self, table: QTableView, model: UrgingTableModel[Any]) -> Any:
        rows = table.selectionModel().selectedRows()
        return model.data(rows[0], ROW_ROLE) if rows else None

    # -- the ladder --------------------------------------------------------------------------------
    def _ladder_selected(self, *_args: Any) -> None:
        self._show_ladder_item(self._selected(self.ladder_table, self.ladder_model))

    def _show_ladder_item(self, item: LadderItem | None) -> None:
        self.ladder_item = item
        values = dict.fromkeys(self.ladder_labels, "—")
        if item is not None:
            values.update({
                "number": f"{label(item.kind)} {item.number}",
                "applicant": f"{item.applicant_name}  {item.applicant_id_masked}",
                "responsible": pack_text(item.responsible) or "—",
                "due": f"{item.due_date.isoformat()}（{days_text(item.position.working_days_left)}）",
                "rung": label(item.rung),
                "urged": (f"{local(item.urged_at):%Y-%m-%d %H:%M} {item.urged_by}" if item.urged_at
                          else item.position.urged_on.isoformat()),
                "escalated": (f"{local(item.escalated_at):%Y-%m-%d %H:%M} {item.escalated_by}" if item.escalated_at
                              else item.position.escalated_on.isoformat()),
            })
        for key, value in values.items():
            self.ladder_labels[key].setText(value)
        can_print = (item is not None and item.kind is DatedItemKind.REFERRAL and item.rung in NOTICE_RUNGS)
        for button in (self.print_notice_button, self.save_notice_button):
            button.setEnabled(can_print)
            button.setToolTip("" if can_print else self.tr("只有逾期的转介可以打印催办通知书"))

    def print_notice(self) -> None:
        """Print the urging notice on a printer chosen in the system dialog (recorded in the print log)."""
        item = self.ladder_item
        if item is None or not self.print_notice_button.isEnabled():
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        from intake_desk.ui.dialogs.print_preview import paint_pdfs

        service, actor, number = self.services.urging, self.actor, item.number

        def job() -> RenderedDocument:
            rendered = service.print_urging(actor, number, "printer")
            paint_pdfs(printer, [rendered.pdf])
            return rendered

        self._run(job, lambda r: self._notice_done(r, self.tr("已发送到打印机")), self.show_error)

    def save_notice(self) -> None:
        item = self.ladder_item
        if item is None or not self.save_notice_button.isEnabled():
            return
        name, _filter = QFileDialog.getSaveFileName(self, self.tr("保存催办通知书"),
                                                    self.tr("%1-催办通知书.pdf").replace("%1", item.number),
                                                    self.tr("PDF 文件 (*.pdf)"))
        if name:
            self.save_notice_to(Path(name))

    def save_notice_to(self, path: Path) -> None:
        """Save the urging notice of the selected referral as a PDF file (recorded in the print log)."""
        item = self.ladder_item
        if item is None:
            return
        service, actor, number = self.services.urging, self.actor, item.number

        def job() -> RenderedDocument:
            from intake_desk.files import create_private

            rendered = service.print_urging(actor, number, "file")
            with create_private(path) as handle:
                handle.write(rendered.pdf)
            return rendered

        def saved(rendered: RenderedDocument) -> None:
            self.last_saved = path
            self._notice_done(rendered, self.tr("已保存到 %1").replace("%1", str(path)))

        self._run(job, saved, self.show_error)

    def _notice_done(self, rendered: RenderedDocument, what: str) -> None:
        self.banner.show_message("ok", self.tr("催办通知书 %1 第 %2 份：").replace("%1", rendered.document_number)
                                 .replace("%2", str(rendered.copy_no)) + what, timeout_ms=10000)
        self.reload_ladder()

    # -- callbacks ---------------------------------------------------------------------------------
    def _callback_selected(self, *_args: Any) -> None:
        row = self._selected(self.callback_table, self.callback_model)
        if row is not None and self.callback is not None and row.id == self.callback.id:
            self.callback = row
            self._fill_callback(row)
            return
        self.callback = row
        if row is not None:  # a different callback: start its form afresh
            self.reached_check.setChecked(False)
            self.rating_combo.setCurrentIndex(0)
            self.help_combo.setCurrentIndex(0)
            self.comment_edit.clear()
        self._fill_callback(row)

    def _fill_callback(self, row: CallbackRow | None) -> None:
        values = dict.fromkeys(self.callback_labels, "—")
        if row is not None:
            values.update({
                "number": f"{label(row.subject)} {row.subject_number}" + (f"（{pack_text(row.department_name)}）"
                                                                          if row.department_name else ""),
                "applicant": f"{row.applicant_name}  {row.applicant_id_masked}",
                "phone": row.applicant_phone_masked or "—",
                "due": row.due_date.isoformat() + (self.tr("（逾期）") if row.overdue else ""),
                "tries": self.tr("%n 次", "", row.tries) + (
                    f" · {label(row.rating)}" if row.rating else ""),
            })
        for key, value in values.items():
            self.callback_labels[key].setText(value)
        set_role(self.callback_labels["due"], "error" if row is not None and row.overdue else "")
        editable = row is not None and row.status == "open"
        reached = self.reached_check.isChecked()
        self.reached_check.setEnabled(editable)
        for widget in (self.rating_combo, self.help_combo):
            widget.setEnabled(editable and reached)
        self.comment_edit.setReadOnly(not editable)
        self.channel_combo.setEnabled(editable)
        self.record_button.setEnabled(editable)

    def record_callback(self) -> None:
        row = self.callback
        if row is None or row.status != "open" or not self.record_button.isEnabled():
            return
        reached = self.reached_check.isChecked()
        rating = self.rating_combo.currentData() or None if reached else None
        help_arrived = self.help_combo.currentData() if reached else None
        comment = self.comment_edit.toPlainText()
        channel = self.channel_combo.currentData()
        service, actor = self.services.callbacks, self.actor
        self.record_button.setEnabled(False)
        self._run(lambda: service.record_callback(actor, row.id, row.version, reached=reached, rating=rating,
                                                  help_arrived=help_arrived, comment=comment, channel=channel),
                  self._callback_recorded, self._callback_failed)

    def _callback_recorded(self, row: CallbackRow) -> None:
        index = next((i for i, r in enumerate(self.callback_model.rows) if r.id == row.id), -1)
        self.callback_model.replace_row(index, row)
        self.callback = row
        self.comment_edit.clear()
        self.reached_check.setChecked(False)
        if row.rating is None:
            text = self.tr("已记一次未联系上（第 %1 次）").replace("%1", str(row.tries))
            if row.status == "unreachable":
                text += self.tr("，回访结束：无法联系")
        else:
            text = self.tr("已登记评价：%1").replace("%1", label(row.rating))
            if row.follow_up_id:
                text += self.tr("；已开启整改")
        self.banner.show_message("ok", f"{row.subject_number} {text}", timeout_ms=10000)
        self._fill_callback(row)
        self.reload_follow_ups()
        service, actor = self.services.urging, self.actor
        self._run(lambda: service.summary(actor), self._show_summary, lambda _e: None)

    def _callback_failed(self, error: BaseException) -> None:
        self.show_error(error)
        self._fill_callback(self.callback)

    def open_rate_dialog(self) -> None:
        dialog = RateDialog(self)
        self.rate_dialog = dialog
        dialog.accepted.connect(lambda: self._rate(dialog))
        dialog.open()

    def _rate(self, dialog: RateDialog) -> None:
        number, rating, help_arrived, comment = dialog.values()
        service, actor = self.services.callbacks, self.actor
        self._run(lambda: service.rate_at_window(actor, number, rating, help_arrived=help_arrived, comment=comment),
                  self._callback_recorded_elsewhere, self.show_error)

    def _callback_recorded_elsewhere(self, row: CallbackRow) -> None:
        self.banner.show_message("ok", self.tr("已登记当场评价：%1 %2").replace("%1", row.subject_number)
                                 .replace("%2", label(row.rating) if row.rating else ""), timeout_ms=10000)
        self.reload()

    # -- follow-ups --------------------------------------------------------------------------------
    def _follow_selected(self, *_args: Any) -> None:
        row = self._selected(self.follow_table, self.follow_model)
        if row is not None and (self.follow_up is None or row.id != self.follow_up.id):
            self.action_edit.clear()
            self.second_reached.setChecked(False)
            self.second_rating.setCurrentIndex(0)
            self.second_comment.clear()
        self.follow_up = row
        self._fill_follow_up(row)

    def _fill_follow_up(self, row: FollowUpRow | None) -> None:
        values = dict.fromkeys(self.follow_labels, "—")
        if row is not None:
            values.update({
                "number": row.subject_number + (f"（{pack_text(row.department_name)}）" if row.department_name else ""),
                "applicant": row.applicant_name,
                "rating": label(row.rating),
                "comment": row.comment or "—",
                "due": f"{row.due_date.isoformat()}（{days_text(row.position.working_days_left)}）"
                if row.status == "open" else row.due_date.isoformat(),
                "closed": (f"{local(row.closed_at):%Y-%m-%d %H:%M} {row.closed_by}：{row.action_taken}"
                           if row.closed_at else "—"),
            })
        for key, value in values.items():
            self.follow_labels[key].setText(value)
        editable = row is not None and row.status == "open" and allowed(self.actor, Permission.FOLLOW_UP_CLOSE)
        self.action_edit.setReadOnly(not editable)
        self.second_comment.setReadOnly(not editable)
        self.second_reached.setEnabled(editable)
        self.second_rating.setEnabled(editable and self.second_reached.isChecked())
        self.close_button.setEnabled(editable)
        if not allowed(self.actor, Permission.FOLLOW_UP_CLOSE):
            self.close_button.setToolTip(self.tr("整改由窗口负责人关闭"))

    def close_follow_up(self) -> None:
        row = self.follow_up
        if row is None or not self.close_button.isEnabled():
            return
        reached = self.second_reached.isChecked()
        rating = (self.second_rating.currentData() or None) if reached else None
        action, comment = self.action_edit.toPlainText(), self.second_comment.toPlainText()
        service, actor = self.services.callbacks, self.actor
        self.close_button.setEnabled(False)
        self._run(lambda: service.close_follow_up(actor, row.id, row.version, action_taken=action,
                                                  second_reached=reached, second_rating=rating,
                                                  second_comment=comment),
                  self._follow_closed, self._follow_failed)

    def _follow_closed(self, row: FollowUpRow) -> None:
        index = next((i for i, r in enumerate(self.follow_model.rows) if r.id == row.id), -1)
        self.follow_model.replace_row(index, row)
        self.follow_up = row
        self.banner.show_message("ok", self.tr("整改已关闭：%1").replace("%1", row.subject_number), timeout_ms=10000)
        self._fill_follow_up(row)
        service, actor = self.services.urging, self.actor
        self._run(lambda: service.summary(actor), self._show_summary, lambda _e: None)

    def _follow_failed(self, error: BaseException) -> None:
        self.show_error(error)
        self._fill_follow_up(self.follow_up)


class RateDialog(QDialog):
    """当场评价 – the applicant rates one service at the window (receipt or referral number)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rateDialog")
        self.setWindowTitle(self.tr("当场评价"))
        form = QFormLayout(self)
        self.number_edit = QLineEdit(self)
        self.number_edit.setObjectName("numberEdit")
        self.number_edit.setPlaceholderText(self.tr("受理编号或转介编号"))
        self.rating_combo = QComboBox(self)
        self.rating_combo.setObjectName("ratingCombo")
        _ratings(self.rating_combo, self.tr("（请选择）"))
        self.help_combo = QComboBox(self)
        self.help_combo.setObjectName("helpCombo")
        for text, value in ((self.tr("不适用"), None), (self.tr("已到位"), True), (self.tr("未到位"), False)):
            self.help_combo.addItem(text, value)
        self.comment_edit = _note(self, "commentEdit", self.tr("申请人的意见和建议"))
        form.addRow(self.tr("编号(&N)"), self.number_edit)
        form.addRow(self.tr("评价(&V)"), self.rating_combo)
        form.addRow(self.tr("救助是否到位(&H)"), self.help_combo)
        form.addRow(self.tr("意见(&C)"), self.comment_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("登记评价"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        form.addRow(buttons)

    def values(self) -> tuple[str, str, bool | None, str]:
        return (self.number_edit.text().strip(), self.rating_combo.currentData() or "",
                self.help_combo.currentData(), self.comment_edit.toPlainText())
