"""办理 – taking applications from receipt to decision: the queue by step and due date, one application's
steps (dates, who, what next and by when), and recording the next step, a refusal, an extension, a
withdrawal or a redo – by keyboard.

The queue pages in lazily (``ui.models.procedure_table``, keyset paging). Typing or scanning a receipt
number in 办理进度 opens that application. Every service call runs off the GUI thread; a refusal (a step
out of order, a missing record, somebody saved first) is one sentence in the banner and what was typed
stays where it is.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QItemSelection, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from intake_desk.domain.enums import DocumentKind
from intake_desk.domain.money import InvalidMoney, parse_money_fen
from intake_desk.policy.procedure import DataCheckResult, StepKind, StepState
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.services.errors import ConflictError
from intake_desk.services.permissions import Permission, allowed
from intake_desk.services.printing import PrintOutput, RenderedDocument
from intake_desk.services.procedure import Objection, ProcedureState, ProcedureView
from intake_desk.services.procedure_report import ProcedureCursor, ProcedureFilter
from intake_desk.services.procedure_report import ProcedurePage as QueuePage
from intake_desk.ui.columns import fit_columns, positions
from intake_desk.ui.i18n import label, language, pack_text
from intake_desk.ui.models.procedure_table import ROW_ROLE, ProcedureTableModel
from intake_desk.ui.style import set_role
from intake_desk.ui.widgets.banner import Banner
from intake_desk.ui.worker import error_message, run_in_background

SEARCH_DELAY_MS = 300


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(edit: QDateEdit) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace("，", "\n").replace("、", "\n").replace(",", "\n").splitlines()
            if line.strip()]


class ProcedurePage(QWidget):
    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("procedurePage")
        self.services = services
        self.actor = actor
        self.view: ProcedureView | None = None
        self._build()
        self.model = ProcedureTableModel(self._fetcher(), self._counter(), self._run, self)
        self.table.setModel(self.model)
        keys = [key for key, _title in self.model.columns]
        fit_columns(self.table, keep=positions(keys, ("number", "step_due", "due")),
                    optional=positions(keys, ("received", "track", "type")), claim=True)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.total_changed.connect(lambda n: self.count_label.setText(self.tr("共 %n 件", "", n)))
        self.model.failed.connect(self.show_error)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.reload)
        self._loaded_once = False

    # -- building ----------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.setSpacing(8)
        title = QLabel(self.tr("审核确认办理"), self)
        set_role(title, "title")
        layout.addWidget(title)
        self.banner = Banner(self)
        layout.addWidget(self.banner)

        bar = QHBoxLayout()
        self.lookup_edit = QLineEdit(self)
        self.lookup_edit.setObjectName("lookupEdit")
        self.lookup_edit.setPlaceholderText(self.tr("扫描或输入受理编号，回车查看进度"))
        self.lookup_edit.returnPressed.connect(self.lookup)
        lookup_label = QLabel(self.tr("办理进度(&P)"), self)
        lookup_label.setBuddy(self.lookup_edit)
        self.step_combo = QComboBox(self)
        self.step_combo.setObjectName("stepFilter")
        self.step_combo.addItem(self.tr("全部步骤"), "")
        for code, name in self.services.procedure_report.step_choices(self.actor, language()):
            self.step_combo.addItem(name, code)
        self.overdue_check = QCheckBox(self.tr("只看逾期(&O)"), self)
        self.overdue_check.setObjectName("overdueFilter")
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setPlaceholderText(self.tr("姓名或受理编号"))
        self.search_edit.setClearButtonEnabled(True)
        self.refresh_button = QPushButton(self.tr("刷新"), self)
        self.refresh_button.setShortcut(QKeySequence("F5"))
        self.count_label = QLabel(self)
        set_role(self.count_label, "hint")
        lookup_row = QHBoxLayout()
        lookup_row.addWidget(lookup_label)
        lookup_row.addWidget(self.lookup_edit, 1)
        layout.addLayout(lookup_row)
        bar.addWidget(QLabel(self.tr("步骤"), self))
        bar.addWidget(self.step_combo)
        bar.addWidget(self.overdue_check)
        bar.addWidget(self.search_edit, 1)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.count_label)
        layout.addLayout(bar)
        self.step_combo.currentIndexChanged.connect(self.reload)
        self.overdue_check.toggled.connect(self.reload)
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())
        self.refresh_button.clicked.connect(self.reload)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.table = QTableView(splitter)
        self.table.setObjectName("procedureTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        splitter.addWidget(self.table)
        splitter.addWidget(self._build_panel(splitter))
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 4)
        layout.addWidget(splitter, 1)

    def _build_panel(self, parent: QWidget) -> QWidget:
        panel = QWidget(parent)
        panel.setObjectName("procedurePanel")
        column = QVBoxLayout(panel)
        column.setContentsMargins(8, 0, 0, 0)
        self.header_label = QLabel(self.tr("选择一件申请，或输入受理编号查看办理进度。"), panel)
        self.header_label.setObjectName("procedureHeader")
        self.header_label.setWordWrap(True)
        self.steps_label = QLabel(panel)
        self.steps_label.setObjectName("procedureSteps")
        self.steps_label.setTextFormat(Qt.TextFormat.RichText)
        self.steps_label.setWordWrap(True)
        column.addWidget(self.header_label)
        column.addWidget(self.steps_label)
        column.addWidget(self._build_documents(panel))  # above the form: after a decision, the notice is next

        box = QGroupBox(self.tr("办理"), panel)
        form = QFormLayout(box)
        self.action_combo = QComboBox(box)
        self.action_combo.setObjectName("actionCombo")
        self.action_combo.currentIndexChanged.connect(self._action_changed)
        action_label = QLabel(self.tr("事项(&A)"), box)
        action_label.setBuddy(self.action_combo)
        form.addRow(action_label, self.action_combo)
        self.date_edit = QDateEdit(box)
        self.date_edit.setObjectName("dateEdit")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setDate(_qdate(self.services.clock.today()))
        form.addRow(self.tr("日期"), self.date_edit)
        self.stack = QStackedWidget(box)
        form.addRow(self.stack)
        self.forms: dict[str, QWidget] = {}
        self._build_forms()
        self.save_button = QPushButton(self.tr("保存(&S)"), box)
        self.save_button.setObjectName("saveButton")
        self.save_button.setDefault(True)
        self.save_button.setToolTip(self.tr("保存（Ctrl+Enter）"))
        self.save_button.clicked.connect(self.save)
        form.addRow(self.save_button)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), box)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.save)
        column.addWidget(box)
        column.addStretch(1)
        self.action_box = box
        box.setEnabled(False)
        return panel

    def _build_documents(self, parent: QWidget) -> QWidget:
        """文书: the 办理进度 slip, and the 延期办理告知书 / 不予救助告知书 once they apply – printed or saved."""
        box = QGroupBox(self.tr("文书"), parent)
        box.setObjectName("documentsBox")
        row = QHBoxLayout(box)
        self.document_combo = QComboBox(box)
        self.document_combo.setObjectName("documentCombo")
        document_label = QLabel(self.tr("文书(&D)"), box)
        document_label.setBuddy(self.document_combo)
        self.print_document_button = QPushButton(self.tr("打印(&R)…"), box)
        self.print_document_button.setObjectName("printDocumentButton")
        self.save_document_button = QPushButton(self.tr("另存为 PDF(&F)…"), box)
        self.save_document_button.setObjectName("saveDocumentButton")
        for button in (self.print_document_button, self.save_document_button):
            button.setAutoDefault(True)
        row.addWidget(document_label)
        row.addWidget(self.document_combo, 1)
        row.addWidget(self.print_document_button)
        row.addWidget(self.save_document_button)
        self.print_document_button.clicked.connect(self.print_document)
        self.save_document_button.clicked.connect(self.save_document)
        visible = allowed(self.actor, Permission.PRINT)
        box.setVisible(visible)
        box.setEnabled(False)
        self.documents_box = box
        return box

    def _fill_documents(self, view: ProcedureView) -> None:
        kinds = [DocumentKind.PROGRESS]
        if view.extended:
            kinds.append(DocumentKind.EXTENSION)
        if view.state is ProcedureState.REFUSED:
            kinds.append(DocumentKind.REFUSAL)
        offered = [self.document_combo.itemData(i) for i in range(self.document_combo.count())]
        current = self.document_combo.currentData()
        if offered != [k.value for k in reversed(kinds)]:  # a new notice applies: offer it first
            self.document_combo.clear()
            for kind in reversed(kinds):
                self.document_combo.addItem(label(kind), kind.value)
            current = None
        index = self.document_combo.findData(current) if current else 0
        self.document_combo.setCurrentIndex(max(index, 0))
        self.documents_box.setEnabled(True)

    def _render_job(self, output: PrintOutput, after: Callable[[RenderedDocument], None] | None = None
                    ) -> Callable[[], RenderedDocument] | None:
        view, kind = self.view, self.document_combo.currentData()
        if view is None or not kind:
            return None
        service, actor, number = self.services.procedure_documents, self.actor, view.number

        def job() -> RenderedDocument:
            rendered = service.render(actor, number, kind, output=output, via="window")
            if after is not None:
                after(rendered)
            return rendered

        return job

    def print_document(self) -> None:
        """Print the chosen document on a printer picked in the system dialog (recorded in the print log)."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return
        from intake_desk.ui.dialogs.print_preview import paint_pdfs

        job = self._render_job(PrintOutput.PRINTER, lambda r: paint_pdfs(printer, [r.pdf]))
        if job is not None:
            self._run(job, lambda r: self._document_done(r, self.tr("已发送到打印机")), self.show_error)

    def save_document(self) -> None:
        kind = self.document_combo.currentData()
        if self.view is None or not kind:
            return
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("保存文书"), f"{self.view.number}-{label(DocumentKind(kind))}.pdf", self.tr("PDF 文件 (*.pdf)"))
        if name:
            self.save_document_to(Path(name))

    def save_document_to(self, path: Path) -> None:
        """Save the chosen document as an owner-only PDF file (recorded in the print log)."""
        from intake_desk.files import create_private

        def write(rendered: RenderedDocument) -> None:
            with create_private(path) as handle:
                handle.write(rendered.pdf)

        job = self._render_job(PrintOutput.FILE, write)
        if job is not None:
            self._run(job, lambda r: self._document_done(r, self.tr("已保存到 %1").replace("%1", str(path))),
                      self.show_error)

    def _document_done(self, rendered: RenderedDocument, what: str) -> None:
        self.banner.show_message("ok", self.tr("%1 第 %2 份：").replace("%1", rendered.title)
                                 .replace("%2", str(rendered.copy_no)) + what, timeout_ms=10000)

    def _page(self, key: str, rows: list[tuple[str, QWidget]]) -> None:
        page = QWidget(self.stack)
        form = QFormLayout(page)
        form.setContentsMargins(0, 0, 0, 0)
        for text, widget in rows:
            widget.setParent(page)
            if isinstance(widget, QPlainTextEdit):
                widget.setTabChangesFocus(True)
                widget.setMaximumHeight(70)
            form.addRow(text, widget)
        self.stack.addWidget(page)
        self.forms[key] = page

    def _build_forms(self) -> None:
        self.investigators_edit = QLineEdit()
        self.investigators_edit.setObjectName("investigatorsEdit")
        self.investigators_edit.setPlaceholderText(self.tr("至少两人，用顿号或逗号分隔"))
        self.visit_edit = QPlainTextEdit()
        self.visit_edit.setObjectName("visitEdit")
        self._page("investigation", [(self.tr("调查人员"), self.investigators_edit), (self.tr("调查记录"), self.visit_edit)])
        self.check_combo = QComboBox()
        self.check_combo.setObjectName("checkResultCombo")
        for result in DataCheckResult:
            self.check_combo.addItem(label(result), result.value)
        self.check_note = QLineEdit()
        self.check_note.setObjectName("checkNoteEdit")
        self._page("data_check", [(self.tr("核对结果"), self.check_combo), (self.tr("差异说明"), self.check_note)])
        self.publicity_start = QDateEdit()
        self.publicity_end = QDateEdit()
        for edit in (self.publicity_start, self.publicity_end):
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setCalendarPopup(True)
        self.publicity_start.setObjectName("publicityStart")
        self.publicity_end.setObjectName("publicityEnd")
        self.objections_edit = QPlainTextEdit()
        self.objections_edit.setObjectName("objectionsEdit")
        self.objections_edit.setPlaceholderText(self.tr("每行一件异议；无异议留空"))
        self._page("publicity", [(self.tr("公示开始"), self.publicity_start), (self.tr("公示结束"), self.publicity_end),
                                 (self.tr("异议"), self.objections_edit)])
        self.conclusion_edit = QPlainTextEdit()
        self.conclusion_edit.setObjectName("conclusionEdit")
        self._page("conclusion", [(self.tr("意见"), self.conclusion_edit)])
        self.relief_amount = QLineEdit()
        self.relief_amount.setObjectName("reliefAmountEdit")
        self._page("advance_relief", [(self.tr("先行救助金额（元）"), self.relief_amount)])
        self.amount_edit = QLineEdit()
        self.amount_edit.setObjectName("amountEdit")
        self.start_month = QDateEdit()
        self.start_month.setObjectName("startMonthEdit")
        self.start_month.setDisplayFormat("yyyy-MM")
        self._page("decision", [(self.tr("每月救助金额（元）"), self.amount_edit), (self.tr("起始月份"), self.start_month)])
        self.reasons_list = QListWidget()
        self.reasons_list.setObjectName("reasonsList")
        self.reasons_list.setMaximumHeight(110)
        for code, name in self.services.procedure.refusal_reasons(self.actor):
            item = QListWidgetItem(pack_text(name), self.reasons_list)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.facts_edit = QPlainTextEdit()
        self.facts_edit.setObjectName("factsEdit")
        self._page("refuse", [(self.tr("理由（空格勾选）"), self.reasons_list), (self.tr("所依据的事实"), self.facts_edit)])
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("reasonEdit")
        self._page("reason", [(self.tr("理由"), self.reason_edit)])
        self.approve_combo = QComboBox()
        self.approve_combo.setObjectName("approveCombo")
        self.approve_combo.addItem(self.tr("批准延期"), True)
        self.approve_combo.addItem(self.tr("不批准"), False)
        self.approve_note = QLineEdit()
        self.approve_note.setObjectName("approveNoteEdit")
        self._page("extension_decide", [(self.tr("决定"), self.approve_combo), (self.tr("说明"), self.approve_note)])
        self.redo_combo = QComboBox()
        self.redo_combo.setObjectName("redoCombo")
        self.redo_reason = QLineEdit()
        self.redo_reason.setObjectName("redoReasonEdit")
        self._page("redo", [(self.tr("重做步骤"), self.redo_combo), (self.tr("理由"), self.redo_reason)])

    # -- the queue ---------------------------------------------------------------------------------
    def _run(self, fn: Callable[[], Any], on_success: Callable[[Any], None],
             on_failure: Callable[[BaseException], None]) -> None:
        run_in_background(self, fn, on_success, on_failure, label="procedure")

    def _filter(self) -> ProcedureFilter:
        step = self.step_combo.currentData()
        return ProcedureFilter(steps=(step,) if step else (), overdue=self.overdue_check.isChecked(),
                               text=self.search_edit.text().strip())

    def _fetcher(self) -> Callable[[ProcedureCursor | None, int], QueuePage]:
        f, actor, service = self._filter(), self.actor, self.services.procedure_report
        return lambda cursor, limit: service.page(actor, f, after=cursor, limit=limit)

    def _counter(self) -> Callable[[], int]:
        f, actor, service = self._filter(), self.actor, self.services.procedure_report
        return lambda: service.count(actor, f)

    def reload(self) -> None:
        self.model.set_source(self._fetcher(), self._counter())
        self.model.reload()

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._loaded_once:
            self._loaded_once = True
            self.reload()
            self.lookup_edit.setFocus()

    def focus_first(self) -> None:
        self.lookup_edit.setFocus()

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            row = self.model.data(indexes[0], ROW_ROLE)
            if row is not None:
                self.open_number(row.number)

    def lookup(self) -> None:
        text = self.lookup_edit.text().strip()
        if text:
            service, actor = self.services.procedure, self.actor
            self._run(lambda: service.progress(actor, text), self._show, self.show_error)

    def open_number(self, number: str) -> None:
        service, actor = self.services.procedure, self.actor
        self._run(lambda: service.view(actor, number), self._show, self.show_error)

    # -- one application ---------------------------------------------------------------------------
    def _show(self, view: ProcedureView) -> None:
        changed = self.view is None or self.view.number != view.number
        self.view = view
        state = label(view.state) + (self.tr("（已逾期）") if view.overdue else "")
        next_text = (self.tr("下一步：%1，%2 前").replace("%1", pack_text(view.current.name)).replace(
            "%2", view.current.due.isoformat() if view.current.due else "—") if view.current else self.tr("已办结"))
        self.header_label.setText(
            f"<b>{escape(view.number)}</b>　{escape(view.applicant_name)}　{escape(pack_text(view.procedure_name))}<br>"
            + self.tr("受理 %1，承诺办结 %2，办理期限 %3").replace("%1", view.received_on.isoformat())
            .replace("%2", view.promised_due.isoformat()).replace("%3", view.whole_due.isoformat())
            + f"<br>{escape(state)}　{escape(next_text)}")
        rows = "".join(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>".format(
                escape(pack_text(s.name)), escape(label(s.state)) + (self.tr("（逾期）") if s.late else ""),
                s.due.isoformat() if s.due else "—", s.done_on.isoformat() if s.done_on else "—",
                escape(s.actor_name or "—"), escape(s.summary_in(language())))
            for s in view.steps)
        head = "".join(f"<th>{escape(h)}</th>" for h in (self.tr("步骤"), self.tr("状态"), self.tr("期限"),
                                                          self.tr("完成"), self.tr("经办人"), self.tr("记录")))
        extra = ""
        if view.extension is not None:
            extra += "<p>" + escape(self.tr("延期：%1（%2 → %3）").replace("%1", view.extension.reason)
                                    .replace("%2", view.extension.previous_due_date.isoformat())
                                    .replace("%3", view.extension.new_due_date.isoformat())) + "</p>"
        if view.decision is not None and view.decision.reasons:
            extra += "<p>" + escape(self.tr("不予救助：") + self.tr("；").join(pack_text(r.name) for r in view.decision.reasons)) + "</p>"
        if view.withdrawn_on is not None:
            extra += "<p>" + escape(self.tr("已撤回：") + view.withdrawal_reason) + "</p>"
        self.steps_label.setText(f"<table cellpadding='3' border='1' cellspacing='0'><tr>{head}</tr>{rows}</table>"
                                 + extra)
        self.date_edit.setDate(_qdate(self.services.clock.today()))
        self._fill_actions(view, keep=not changed)
        self._fill_documents(view)

    def _fill_actions(self, view: ProcedureView, *, keep: bool) -> None:
        previous = self.action_combo.currentData()
        self.action_combo.blockSignals(True)
        self.action_combo.clear()
        if view.current is not None and view.current.code in view.actions:
            self.action_combo.addItem(self.tr("完成：%1").replace("%1", pack_text(view.current.name)), view.current.code)
        names = {"refuse": self.tr("不予救助"), "extension_request": self.tr("申请延期"),
                 "extension_decide": self.tr("审批延期"), "withdraw": self.tr("申请人撤回"), "redo": self.tr("重做步骤")}
        for key, text in names.items():
            if key in view.actions:
                self.action_combo.addItem(text, key)
        self.redo_combo.clear()
        for step in view.steps:
            if step.state is StepState.DONE:
                self.redo_combo.addItem(pack_text(step.name), step.code)
        index = self.action_combo.findData(previous) if keep else -1
        self.action_combo.setCurrentIndex(max(index, 0))
        self.action_combo.blockSignals(False)
        self.action_box.setEnabled(self.action_combo.count() > 0)
        self._action_changed()

    def _action_changed(self) -> None:
        key = self.action_combo.currentData()
        if not key or self.view is None:
            return
        kind = next((s.kind for s in self.view.steps if s.code == key), None)
        page = {StepKind.INVESTIGATION: "investigation", StepKind.DATA_CHECK: "data_check",
                StepKind.PUBLICITY: "publicity", StepKind.DEMOCRATIC_REVIEW: "conclusion",
                StepKind.OPINION: "conclusion", StepKind.ADVANCE_RELIEF: "advance_relief",
                StepKind.DECISION: "decision"}.get(kind) if kind else None
        page = page or {"refuse": "refuse", "extension_decide": "extension_decide", "redo": "redo"}.get(key, "reason")
        self.stack.setCurrentWidget(self.forms[page])
        self.date_edit.setEnabled(kind is not None or key in ("refuse", "withdraw"))
        if kind is StepKind.PUBLICITY:
            # The publicity starts the day after the last step and lasts the pack's days.
            step = next(s for s in self.view.steps if s.code == key)
            last = max((s.done_on for s in self.view.steps if s.done_on), default=self.view.received_on)
            start = _qdate(last).addDays(1)
            self.publicity_start.setDate(start)
            self.publicity_end.setDate(start.addDays(max(step.duration_days - 1, 0)))
        if kind is StepKind.DECISION and self.start_month.date() == QDate(2000, 1, 1):
            today = self.services.clock.today()
            self.start_month.setDate(QDate(today.year, today.month, 1))

    # -- saving ------------------------------------------------------------------------------------
    def save(self) -> None:
        view = self.view
        key = self.action_combo.currentData()
        if view is None or not key or not self.action_box.isEnabled():
            return
        try:
            call = self._call(view, key)
        except InvalidMoney as exc:
            self.show_error(str(exc))
            return
        self.save_button.setEnabled(False)
        self._run(call, self._saved, self._save_failed)

    def _call(self, view: ProcedureView, key: str) -> Callable[[], ProcedureView]:
        service, actor, number, version = self.services.procedure, self.actor, view.number, view.version
        on = _day(self.date_edit)
        kind = next((s.kind for s in view.steps if s.code == key), None)
        if kind is not None:
            record: dict[str, Any]
            if kind is StepKind.INVESTIGATION:
                record = {"investigators": _lines(self.investigators_edit.text()),
                          "visit_record": self.visit_edit.toPlainText()}
            elif kind is StepKind.DATA_CHECK:
                record = {"result": self.check_combo.currentData(), "note": self.check_note.text()}
            elif kind is StepKind.PUBLICITY:
                start = _day(self.publicity_start)
                record = {"start": start, "end": _day(self.publicity_end),
                          "objections": [Objection(start, line) for line in
                                         self.objections_edit.toPlainText().splitlines() if line.strip()]}
            elif kind in (StepKind.DEMOCRATIC_REVIEW, StepKind.OPINION):
                record = {"conclusion": self.conclusion_edit.toPlainText()}
            elif kind is StepKind.ADVANCE_RELIEF:
                record = {"amount_fen": parse_money_fen(self.relief_amount.text() or "0")}
            else:
                month = self.start_month.date()
                record = {"outcome": "approved", "amount_fen": parse_money_fen(self.amount_edit.text() or "0"),
                          "start_month": date(month.year(), month.month(), 1)}
            return lambda: service.record_step(actor, number, key, record, expected_version=version, done_on=on)
        if key == "refuse":
            reasons = [self.reasons_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.reasons_list.count())
                       if self.reasons_list.item(i).checkState() == Qt.CheckState.Checked]
            facts = self.facts_edit.toPlainText()
            return lambda: service.refuse(actor, number, reasons=reasons, facts=facts, expected_version=version,
                                          decided_on=on)
        if key == "withdraw":
            reason = self.reason_edit.text()
            return lambda: service.withdraw(actor, number, reason, expected_version=version, withdrawn_on=on)
        if key == "extension_request":
            reason = self.reason_edit.text()
            return lambda: service.request_extension(actor, number, reason, expected_version=version)
        if key == "extension_decide":
            approve, note = bool(self.approve_combo.currentData()), self.approve_note.text()
            return lambda: service.decide_extension(actor, number, approve=approve, expected_version=version,
                                                    note=note)
        code, reason = self.redo_combo.currentData() or "", self.redo_reason.text()
        return lambda: service.redo(actor, number, code, reason, expected_version=version)

    def _saved(self, view: ProcedureView) -> None:
        self.save_button.setEnabled(True)
        self.banner.show_message("ok", self.tr("已保存：%1").replace("%1", view.number), timeout_ms=5000)
        for edit in (self.investigators_edit, self.check_note, self.relief_amount, self.amount_edit, self.reason_edit,
                     self.approve_note, self.redo_reason):
            edit.clear()
        for box in (self.visit_edit, self.objections_edit, self.conclusion_edit, self.facts_edit):
            box.clear()
        for i in range(self.reasons_list.count()):
            self.reasons_list.item(i).setCheckState(Qt.CheckState.Unchecked)
        self._show(view)
        self.reload()
        self.action_combo.setFocus()

    def _save_failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.show_error(error)
        if isinstance(error, ConflictError) and self.view is not None:
            self.open_number(self.view.number)  # show what the other desk saved; what was typed stays

    def show_error(self, error: BaseException | str) -> None:
        self.banner.show_message("error", error if isinstance(error, str) else error_message(error))
