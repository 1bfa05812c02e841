"""发现 – department lists, leads, the monitoring libraries and the visits queue (主动发现、监测预警).

Three tabs: 线索 (leads from imported lists, to visit), 监测库 (class 1 / class 2 households by next
visit due, overdue in red – the visits queue) and, for supervisors, 导入名单 (a department's list
screened against the registry). A visit (入户走访) is recorded in one dialog; 引导申请 opens the
intake page pre-filled with the person and the department's reason (``intake_requested``).

Keyboard: Ctrl+Tab between tabs, Ctrl+F (the window's find) the search box, Enter or F2 on a row records a visit,
Ctrl+Shift+R reveals the row's full ID number (audited), Tab leaves the tables. Every service call
runs off the GUI thread; a refusal is one sentence and what was typed stays in the dialog.
Built in code: tables, filter bars and one dialog read more plainly here than Designer forms.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from intake_desk.domain.enums import HukouType
from intake_desk.domain.money import InvalidMoney, parse_money_fen
from intake_desk.policy.discovery import DiscoveryRules
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.services.discovery import ImportResult, IntakePrefill, LeadFilter, LeadOutcome, LeadStatus
from intake_desk.services.monitoring import EntryDetails, Library, MonitoringFilter, VisitOutcome, VisitRecord
from intake_desk.services.permissions import Permission, allowed
from intake_desk.ui.columns import fit_columns, positions
from intake_desk.ui.i18n import in_language, label, language
from intake_desk.ui.models.discovery_table import ROW_ROLE, LeadTableModel, MonitoredTableModel
from intake_desk.ui.models.lazy_table import LazyTableModel
from intake_desk.ui.style import set_role
from intake_desk.ui.widgets.banner import Banner
from intake_desk.ui.worker import error_message, run_in_background

SEARCH_DELAY_MS = 300


def _table(model: LazyTableModel[Any], name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setTabKeyNavigation(False)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    # Columns as wide as what they hold where there is room; the ID number and dates always whole.
    keys = [key for key, _title in model.columns]
    fit_columns(view, keep=positions(keys, ("resident_id", "due")),
                optional=positions(keys, ("created", "recheck", "worker", "phone")))
    return view


class VisitDialog(QDialog):
    """入户走访 – the day, two visitors, what was found, the situation, the outcome and its details."""

    def __init__(self, parent: QWidget, rules: DiscoveryRules, who: str, title: str, outcomes: list[tuple[str, str]],
                 *, today: date, default_outcome: str = "", library_details: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("visitDialog")
        self.setWindowTitle(self.tr("入户走访 – %1").replace("%1", title))
        self.rules = rules
        form = QFormLayout()
        self.visited_on = QDateEdit(QDate(today.year, today.month, today.day))
        self.visited_on.setMaximumDate(QDate(today.year, today.month, today.day))
        self.visited_on.setObjectName("visitDate")
        self.visited_on.setCalendarPopup(True)
        self.visited_on.setDisplayFormat("yyyy-MM-dd")
        self.visitor_1 = QLineEdit(who)
        self.visitor_1.setObjectName("visitor1")
        self.visitor_2 = QLineEdit()
        self.visitor_2.setObjectName("visitor2")
        self.findings = QPlainTextEdit()
        self.findings.setObjectName("findings")
        self.findings.setTabChangesFocus(True)
        self.findings.setFixedHeight(70)
        self.situation = QPlainTextEdit()
        self.situation.setObjectName("situation")
        self.situation.setTabChangesFocus(True)
        self.situation.setFixedHeight(50)
        self.outcome = QComboBox()
        self.outcome.setObjectName("outcome")
        for code, text in outcomes:
            self.outcome.addItem(text, code)
        if default_outcome:
            self.outcome.setCurrentIndex(max(0, self.outcome.findData(default_outcome)))
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(self.tr("“无需帮扶”或“退出监测”须写明理由"))
        form.addRow(self.tr("走访日期(&D)"), self.visited_on)
        form.addRow(self.tr("走访人（一）(&1)"), self.visitor_1)
        form.addRow(self.tr("走访人（二）(&2)"), self.visitor_2)
        form.addRow(self.tr("走访发现(&F)"), self.findings)
        form.addRow(self.tr("家庭现状(&S)"), self.situation)
        form.addRow(self.tr("处理结果(&O)"), self.outcome)
        form.addRow(self.tr("理由/说明(&R)"), self.reason)
        self.factor_boxes: dict[str, QCheckBox] = {}
        self.income = QLineEdit()
        self.income.setObjectName("perCapitaIncome")
        self.income.setPlaceholderText(self.tr("元/月，不清楚可不填"))
        self.hukou = QComboBox()
        self.hukou.setObjectName("hukou")
        for hukou in HukouType:
            self.hukou.addItem(label(hukou), hukou.value)
        self.stable = QCheckBox(self.tr("家庭情况稳定(&T)（每 %1 个月复核；不稳定的每 %2 个月）")
                                .replace("%1", str(rules.recheck_stable_months))
                                .replace("%2", str(rules.recheck_unstable_months)))
        self.stable.setObjectName("stable")
        self.stable.setChecked(True)
        if library_details:
            grid = QGridLayout()
            for i, factor in enumerate(rules.risk_factors):
                box = QCheckBox(factor.label(language()))
                box.setObjectName(f"risk_{factor.code}")
                self.factor_boxes[factor.code] = box
                grid.addWidget(box, i // 3, i % 3)
            holder = QWidget()
            holder.setLayout(grid)
            # A heading, not a buddy: Alt+letter on a check box would tick it. Tab reaches each box.
            form.addRow(QLabel(self.tr("风险因素"), self), holder)
            row = QHBoxLayout()
            row.addWidget(self.income, 1)
            hukou_label = QLabel(self.tr("户籍(&H)"), self)
            hukou_label.setBuddy(self.hukou)
            row.addWidget(hukou_label)
            row.addWidget(self.hukou)
            income_holder = QWidget()
            income_holder.setLayout(row)
            income_label = QLabel(self.tr("人均月收入(&I)"), self)
            income_label.setBuddy(self.income)
            form.addRow(income_label, income_holder)
            form.addRow("", self.stable)
        self.error = QLabel()
        self.error.setObjectName("visitError")
        self.error.setWordWrap(True)
        set_role(self.error, "error")
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("保存走访记录"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        # The clerk is the first visitor already: the cursor starts at the second.
        QTimer.singleShot(0, self.visitor_2.setFocus)

    on_save: Any = None
    """Called with the dialog when 保存 is pressed; the dialog stays open until :meth:`saved`."""

    def accept(self) -> None:
        if self.on_save is not None:
            self.error.hide()
            self.on_save(self)
        else:
            super().accept()

    def saved(self) -> None:
        super().accept()

    def visit(self) -> VisitRecord:
        day = self.visited_on.date()
        return VisitRecord(date(day.year(), day.month(), day.day()), self.visitor_1.text(), self.visitor_2.text(),
                           self.findings.toPlainText(), self.situation.toPlainText())

    def details(self) -> EntryDetails:
        """The library details as typed; a bad income is refused with one sentence (ValueError)."""
        text = self.income.text().strip()
        income: int | None = None
        if text:
            try:
                income = parse_money_fen(text)
            except InvalidMoney as exc:
                raise ValueError(str(exc)) from None
        return EntryDetails(risk_factors=tuple(c for c, b in self.factor_boxes.items() if b.isChecked()),
                            per_capita_income_fen=income, hukou_type=HukouType(self.hukou.currentData()),
                            stable=self.stable.isChecked())

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()


class AssignDialog(QDialog):
    """分派 – choose the worker who visits the lead."""

    def __init__(self, parent: QWidget, name: str, users: list[tuple[str, str]]) -> None:
        super().__init__(parent)
        self.setObjectName("assignDialog")
        self.setWindowTitle(self.tr("分派线索 – %1").replace("%1", name))
        self.worker = QComboBox()
        self.worker.setObjectName("assignWorker")
        self.worker.setEditable(not users)
        for username, display in users:
            self.worker.addItem(f"{display}（{username}）", username)
        form = QFormLayout()
        # The lead's name in the body too: a window title is easy to miss and screen readers may skip it.
        lead = QLabel(name, self)
        lead.setObjectName("assignLead")
        lead.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow(QLabel(self.tr("线索"), self), lead)  # a heading, not a buddy: the name is not a field
        form.addRow(self.tr("走访人(&V)"), self.worker)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("分派"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)


class DiscoveryPage(QWidget):
    intake_requested = Signal(object)
    """引导申请: an ``IntakePrefill`` – the main window opens the intake page with it."""

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("discoveryPage")
        self.services = services
        self.actor = actor
        self.can_import = allowed(actor, Permission.DISCOVERY_IMPORT)
        self.rules = services.discovery.rules()
        self.last_import: ImportResult | None = None
        self.last_export: Any = None
        self.last_report: Path | None = None
        self.assign_dialog: AssignDialog | None = None
        self.dialog: VisitDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        self.banner = Banner(self)
        layout.addWidget(self.banner)
        self.summary = QLabel()
        self.summary.setObjectName("monitoringSummary")
        set_role(self.summary, "hint")
        layout.addWidget(self.summary)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("discoveryTabs")
        layout.addWidget(self.tabs, 1)
        self._build_leads()
        self._build_libraries()
        if self.can_import:
            self._build_import()
        self.tabs.currentChanged.connect(self._tab_changed)
        QShortcut(QKeySequence("F2"), self, self.record_visit)
        QShortcut(QKeySequence("Ctrl+Shift+R"), self, self.reveal_id)
        self._loaded = False

    # -- tabs ------------------------------------------------------------------------------------
    def _runner(self, fn: Any, ok: Any, fail: Any) -> None:
        run_in_background(self, fn, ok, fail, busy=True, label="discovery")

    def _build_leads(self) -> None:
        tab = QWidget()
        box = QVBoxLayout(tab)
        bar = QHBoxLayout()
        self.lead_search = QLineEdit()
        self.lead_search.setObjectName("leadSearch")
        self.lead_search.setPlaceholderText(self.tr("姓名、拼音首字母或身份证号（Ctrl+F）"))
        self.lead_status = QComboBox()
        self.lead_status.setObjectName("leadStatus")
        self.lead_status.addItem(self.tr("待走访"), LeadStatus.OPEN.value)
        self.lead_status.addItem(self.tr("已处理"), LeadStatus.CLOSED.value)
        self.lead_source = QComboBox()
        self.lead_source.setObjectName("leadSource")
        self.lead_source.addItem(self.tr("全部来源"), "")
        for source in self.rules.sources:
            self.lead_source.addItem(source.label(language()), source.code)
        self.lead_count = QLabel()
        self.lead_count.setObjectName("leadCount")
        for widget in (self.lead_search, self.lead_status, self.lead_source):
            bar.addWidget(widget, 2 if widget is self.lead_search else 0)
        bar.addWidget(self.lead_count)
        box.addLayout(bar)
        services, actor = self.services, self.actor
        self.lead_model = LeadTableModel(lambda o, n: services.discovery.leads(actor, self._lead_filter(), offset=o,
                                                                               limit=n),
                                         lambda: services.discovery.count(actor, self._lead_filter()), self._runner,
                                         self)
        self.lead_model.source_names = {src.code: src.label(language()) for src in self.rules.sources}
        self.lead_model.total_changed.connect(lambda n: self.lead_count.setText(self.tr("共 %1 条").replace("%1", str(n))))
        self.lead_model.failed.connect(self._failed)
        self.lead_view = _table(self.lead_model, "leadTable")
        self.lead_view.activated.connect(lambda _index: self.record_visit())
        box.addWidget(self.lead_view, 1)
        buttons = QHBoxLayout()
        self.lead_visit_button = QPushButton(self.tr("入户走访…（F2）"))
        self.lead_visit_button.setObjectName("leadVisitButton")
        self.lead_visit_button.setAutoDefault(True)
        self.lead_visit_button.clicked.connect(self.record_visit)
        buttons.addWidget(self.lead_visit_button)
        if self.can_import:
            self.assign_button = QPushButton(self.tr("分派(&A)…"))
            self.assign_button.setObjectName("assignButton")
            self.assign_button.setAutoDefault(True)
            self.assign_button.clicked.connect(self.assign_lead)
            buttons.addWidget(self.assign_button)
        buttons.addStretch(1)
        self.lead_export_button = QPushButton(self.tr("导出线索台账…"))
        self.lead_export_button.setObjectName("leadExportButton")
        self.lead_export_button.setAutoDefault(True)
        self.lead_export_button.clicked.connect(lambda: self.choose_export("leads"))
        buttons.addWidget(self.lead_export_button)
        box.addLayout(buttons)
        self.tabs.addTab(tab, self.tr("线索"))
        self._lead_timer = QTimer(self)
        self._lead_timer.setSingleShot(True)
        self._lead_timer.setInterval(SEARCH_DELAY_MS)
        self._lead_timer.timeout.connect(self.lead_model.reload)
        self.lead_search.textChanged.connect(lambda _t: self._lead_timer.start())
        self.lead_status.currentIndexChanged.connect(lambda _i: self.lead_model.reload())
        self.lead_source.currentIndexChanged.connect(lambda _i: self.lead_model.reload())

    def _build_libraries(self) -> None:
        tab = QWidget()
        box = QVBoxLayout(tab)
        bar = QHBoxLayout()
        self.library_search = QLineEdit()
        self.library_search.setObjectName("librarySearch")
        self.library_search.setPlaceholderText(self.tr("姓名、拼音首字母或身份证号（Ctrl+F）"))
        self.library_filter = QComboBox()
        self.library_filter.setObjectName("libraryFilter")
        self.library_filter.addItem(self.tr("一类库和二类库"), "")
        for library in Library:
            self.library_filter.addItem(label(library), library.value)
        self.due_filter = QComboBox()
        self.due_filter.setObjectName("dueFilter")
        self.due_filter.addItem(self.tr("全部在库"), "")
        self.due_filter.addItem(self.tr("走访逾期"), "overdue")
        self.due_filter.addItem(self.tr("10 个工作日内到期"), "soon")
        self.due_filter.addItem(self.tr("已退出监测"), "closed")
        self.library_count = QLabel()
        self.library_count.setObjectName("libraryCount")
        for widget in (self.library_search, self.library_filter, self.due_filter):
            bar.addWidget(widget, 2 if widget is self.library_search else 0)
        bar.addWidget(self.library_count)
        box.addLayout(bar)
        services, actor = self.services, self.actor
        self.library_model = MonitoredTableModel(
            lambda o, n: services.monitoring.households(actor, self._library_filter(), offset=o, limit=n),
            lambda: services.monitoring.count(actor, self._library_filter()), self._runner, self)
        self.library_model.total_changed.connect(
            lambda n: self.library_count.setText(self.tr("共 %n 户", "", n)))
        self.library_model.failed.connect(self._failed)
        self.library_view = _table(self.library_model, "libraryTable")
        self.library_view.activated.connect(lambda _index: self.record_visit())
        box.addWidget(self.library_view, 1)
        buttons = QHBoxLayout()
        self.library_visit_button = QPushButton(self.tr("入户走访…（F2）"))
        self.library_visit_button.setObjectName("libraryVisitButton")
        self.library_visit_button.setAutoDefault(True)
        self.library_visit_button.clicked.connect(self.record_visit)
        buttons.addWidget(self.library_visit_button)
        buttons.addStretch(1)
        self.library_export_button = QPushButton(self.tr("导出监测台账…"))
        self.library_export_button.setObjectName("libraryExportButton")
        self.library_export_button.setAutoDefault(True)
        self.library_export_button.clicked.connect(lambda: self.choose_export("monitoring"))
        buttons.addWidget(self.library_export_button)
        if self.can_import:
            self.report_button = QPushButton(self.tr("季度报表…"))
            self.report_button.setObjectName("reportButton")
            self.report_button.setAutoDefault(True)
            self.report_button.clicked.connect(self.choose_report)
            buttons.addWidget(self.report_button)
        box.addLayout(buttons)
        self.tabs.addTab(tab, self.tr("监测库"))
        self._library_timer = QTimer(self)
        self._library_timer.setSingleShot(True)
        self._library_timer.setInterval(SEARCH_DELAY_MS)
        self._library_timer.timeout.connect(self.library_model.reload)
        self.library_search.textChanged.connect(lambda _t: self._library_timer.start())
        self.library_filter.currentIndexChanged.connect(lambda _i: self.library_model.reload())
        self.due_filter.currentIndexChanged.connect(lambda _i: self.library_model.reload())

    def _build_import(self) -> None:
        tab = QWidget()
        box = QVBoxLayout(tab)
        form = QFormLayout()
        self.import_source = QComboBox()
        self.import_source.setObjectName("importSource")
        for source in self.rules.sources:
            self.import_source.addItem(source.label(language()), source.code)
        file_row = QHBoxLayout()
        self.import_file = QLineEdit()
        self.import_file.setObjectName("importFile")
        self.import_file.setPlaceholderText(self.tr("名单文件 .xlsx 或 .csv（UTF-8 或 GB18030）"))
        self.browse_button = QPushButton(self.tr("选择文件…"))
        self.browse_button.setObjectName("browseButton")
        self.browse_button.setAutoDefault(True)
        self.browse_button.clicked.connect(self._browse)
        file_row.addWidget(self.import_file, 1)
        file_row.addWidget(self.browse_button)
        holder = QWidget()
        holder.setLayout(file_row)
        form.addRow(self.tr("名单来源"), self.import_source)
        form.addRow(self.tr("名单文件"), holder)
        box.addLayout(form)
        self.import_button = QPushButton(self.tr("导入并比对"))
        self.import_button.setObjectName("importButton")
        self.import_button.setAutoDefault(True)
        self.import_button.clicked.connect(self.import_list)
        self.import_file.returnPressed.connect(self.import_list)
        row = QHBoxLayout()
        row.addWidget(self.import_button)
        row.addStretch(1)
        box.addLayout(row)
        self.import_result = QLabel()
        self.import_result.setObjectName("importResult")
        self.import_result.setWordWrap(True)
        box.addWidget(self.import_result)
        self.import_problems = QPlainTextEdit()
        self.import_problems.setObjectName("importProblems")
        self.import_problems.setReadOnly(True)
        self.import_problems.setTabChangesFocus(True)
        self.import_problems.setPlaceholderText(self.tr("无效或重复的行将在这里列出（行号与原因）"))
        box.addWidget(self.import_problems, 1)
        self.tabs.addTab(tab, self.tr("导入名单"))

    # -- filters ---------------------------------------------------------------------------------
    def _lead_filter(self) -> LeadFilter:
        source = self.lead_source.currentData()
        return LeadFilter(statuses=(LeadStatus(self.lead_status.currentData()),),
                          sources=(source,) if source else (), text=self.lead_search.text())

    def _library_filter(self) -> MonitoringFilter:
        library = self.library_filter.currentData()
        due = self.due_filter.currentData()
        return MonitoringFilter(libraries=(Library(library),) if library else (), active=due != "closed",
                                overdue=due == "overdue", due_within_days=10 if due == "soon" else None,
                                text=self.library_search.text())

    # -- page life ---------------------------------------------------------------------------------
    def page_shown(self) -> None:
        if not self._loaded:
            self._loaded = True
            self.refresh()

    def refresh(self) -> None:
        self.lead_model.reload()
        self.library_model.reload()
        services, actor = self.services, self.actor
        run_in_background(self, lambda: services.monitoring.summary(actor),
                          lambda summary: self.summary.setText(in_language(summary.message)), lambda _e: None, busy=False,
                          label="monitoring summary")

    def _tab_changed(self, index: int) -> None:
        """The keyboard lands in the tab: the list (first row chosen) or the import form."""
        if index == 2:
            self.import_source.setFocus()
            return
        view = self.lead_view if index == 0 else self.library_view
        view.setFocus()
        if not view.currentIndex().isValid() and view.model().rowCount() > 0:
            view.setCurrentIndex(view.model().index(0, 0))

    def focus_search(self) -> None:
        target = self.lead_search if self.tabs.currentIndex() == 0 else self.library_search
        target.setFocus()
        target.selectAll()

    def show_error(self, message: str) -> None:
        self.banner.show_message("error", message)

    def _failed(self, error: BaseException) -> None:
        self.show_error(error_message(error))

    # -- import ----------------------------------------------------------------------------------
    def _browse(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, self.tr("选择名单文件"), "",
                                                    self.tr("名单 (*.xlsx *.csv *.txt)"))
        if name:
            self.import_file.setText(name)

    def import_list(self) -> None:
        path = self.import_file.text().strip()
        if not path:
            self.show_error(self.tr("请先选择名单文件"))
            self.import_file.setFocus()
            return
        source = str(self.import_source.currentData())
        services, actor = self.services, self.actor
        self.import_button.setEnabled(False)

        def done(result: ImportResult) -> None:
            self.import_button.setEnabled(True)
            self.last_import = result
            self.import_result.setText(in_language(result.line))
            lines = [self.tr("第 %1 行（%2）：%3 %4 %5").replace("%1", str(p.row_number))
                     .replace("%2", self.tr("无效") if p.kind == "invalid" else self.tr("重复"))
                     .replace("%3", p.resident_id_masked).replace("%4", p.name).replace("%5", in_language(p.reason))
                     for p in result.problems]
            self.import_problems.setPlainText("\n".join(lines))
            self.banner.show_message("info", self.tr("名单已导入：新线索 %n 条", "", result.new_leads),
                                     timeout_ms=10_000)
            self.refresh()

        def failed(error: BaseException) -> None:
            self.import_button.setEnabled(True)
            self.show_error(error_message(error))

        run_in_background(self, lambda: services.discovery.import_list(actor, Path(path), source), done, failed,
                          label="discovery import")

    # -- visits ----------------------------------------------------------------------------------
    def _current(self) -> tuple[str, Any]:
        if self.tabs.currentIndex() == 0:
            return "lead", self.lead_view.currentIndex().data(ROW_ROLE)
        if self.tabs.currentIndex() == 1:
            return "household", self.library_view.currentIndex().data(ROW_ROLE)
        return "", None

    def record_visit(self) -> None:
        kind, row = self._current()
        if row is None:
            if kind:
                self.show_error(self.tr("请先在列表中选择一行"))
            return
        if kind == "lead":
            if row.status is not LeadStatus.OPEN:
                self.show_error(self.tr("该线索已处理"))
                return
            outcomes = [(o.value, label(o)) for o in LeadOutcome]
            dialog = VisitDialog(self, self.rules, self.actor.display_name, row.name, outcomes,
                                 today=self.services.clock.today(), default_outcome=LeadOutcome.APPLY.value)
            source = next((s for s in self.rules.sources if s.code == row.source), None)
            if source and source.risk_factor in dialog.factor_boxes:
                dialog.factor_boxes[source.risk_factor].setChecked(True)
        else:
            if not row.active:
                self.show_error(self.tr("该户已退出监测"))
                return
            outcomes = [(o.value, label(o)) for o in VisitOutcome]
            dialog = VisitDialog(self, self.rules, self.actor.display_name, row.name, outcomes,
                                 today=self.services.clock.today(), default_outcome=VisitOutcome.STAY.value)
            for code in row.risk_factors:
                if code in dialog.factor_boxes:
                    dialog.factor_boxes[code].setChecked(True)
            dialog.stable.setChecked(row.stable)
        self.dialog = dialog
        dialog.on_save = lambda d, kind=kind, row=row: self._save_visit(d, kind, row)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()

    def _save_visit(self, dialog: VisitDialog, kind: str, row: Any) -> None:
        try:
            visit, details = dialog.visit(), dialog.details()
        except ValueError as exc:
            dialog.show_error(in_language(str(exc)))
            return
        outcome, reason = str(dialog.outcome.currentData()), dialog.reason.text()
        services, actor = self.services, self.actor

        def call() -> Any:
            if kind == "lead":
                return services.discovery.record_visit(actor, row.id, row.version, visit, outcome, reason,
                                                       entry=details)
            changed = details if (details.risk_factors or details.per_capita_income_fen is not None
                                  or details.stable != row.stable) else None
            return services.monitoring.record_visit(actor, row.id, row.version, visit, outcome, reason,
                                                    details=changed)

        def saved(result_: Any) -> None:
            dialog.saved()
            prefill: IntakePrefill | None = result_.prefill
            self.banner.show_message("info", self.tr("走访记录已保存"), timeout_ms=8000)
            self.refresh()
            if prefill is not None:
                self.intake_requested.emit(prefill)

        run_in_background(self, call, saved, lambda error: dialog.show_error(error_message(error)),
                          label="discovery visit")

    # -- assigning a lead (supervisors) -----------------------------------------------------------------
    def assign_lead(self) -> None:
        """分派 – the chosen lead to a clerk or supervisor of the supervisor's scope."""
        row = self.lead_view.currentIndex().data(ROW_ROLE)
        if row is None:
            self.show_error(self.tr("请先在列表中选择一行"))
            return
        services, actor = self.services, self.actor

        def open_dialog(choices: Any) -> None:
            dialog = AssignDialog(self, row.name, list(choices.clerks))
            self.assign_dialog = dialog

            def chosen(code: int) -> None:
                username = str(dialog.worker.currentData() or dialog.worker.currentText()).strip()
                if code != QDialog.DialogCode.Accepted or not username:
                    return
                run_in_background(self, lambda: services.discovery.assign(actor, row.id, row.version,
                                                                          worker_username=username),
                                  self._assigned, self._failed, label="assign lead")

            dialog.finished.connect(chosen)
            dialog.open()

        run_in_background(self, lambda: services.queues.filter_choices(actor), open_dialog, self._failed,
                          label="assign choices")

    def _assigned(self, updated: Any) -> None:
        self.banner.show_message("ok", self.tr("已分派给 %1").replace("%1", updated.worker_name), timeout_ms=8000)
        self.lead_model.reload()

    # -- ledgers and the quarterly report ------------------------------------------------------------
    def choose_export(self, ledger: str) -> None:
        name = self.tr("线索台账") if ledger == "leads" else self.tr("监测台账")
        suggested = str(Path.home() / f"{name}-{self.services.clock.today():%Y%m%d}.xlsx")
        path, _ = QFileDialog.getSaveFileName(self, name, suggested, self.tr("Excel 工作簿 (*.xlsx);;CSV 文本 (*.csv)"))
        if path:
            self.export_to(ledger, Path(path))

    def export_to(self, ledger: str, path: Path) -> None:
        """The leads or monitoring ledger of the current filters, written in the background."""
        if path.suffix.lower() not in (".xlsx", ".csv"):
            path = path.with_suffix(".xlsx")
        services, actor = self.services, self.actor
        lead_filter, library_filter = self._lead_filter(), self._library_filter()

        def work() -> Any:
            if ledger == "leads":
                return services.discovery.export_leads(actor, lead_filter, path)
            return services.monitoring.export_monitoring(actor, library_filter, path)

        def done(result: Any) -> None:
            self.last_export = result
            self.banner.show_message("ok", in_language(result.message))

        run_in_background(self, work, done, self._failed, label="discovery export")

    def choose_report(self) -> None:
        today = self.services.clock.today()
        year, quarter = today.year, (today.month - 1) // 3 + 1
        suggested = str(Path.home() / self.tr("监测预警季报-%1.pdf").replace("%1", f"{year}Q{quarter}"))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("季度报表"), suggested, self.tr("PDF 文件 (*.pdf)"))
        if path:
            self.save_report(Path(path), year, quarter)

    def save_report(self, path: Path, year: int, quarter: int) -> None:
        """一季度一上报: the quarter's report as PDF (owner-only file), the same figures as the command line."""
        services, actor = self.services, self.actor

        def work() -> Path:
            from intake_desk.files import create_private
            from intake_desk.printing.monitoring_report import render_quarterly_report

            report = services.monitoring.quarterly_report(actor, year, quarter)
            pdf = render_quarterly_report(report, services.printing.font(), printed_by=actor.display_name)
            with create_private(path, exclusive=False) as handle:
                handle.write(pdf)
            return path

        def done(saved: Path) -> None:
            self.last_report = saved
            self.banner.show_message("ok", self.tr("季度报表已保存：%1").replace("%1", str(saved)))

        run_in_background(self, work, done, self._failed, label="quarterly report")

    def reveal_id(self) -> None:
        kind, row = self._current()
        if row is None:
            return
        services, actor = self.services, self.actor
        reveal = services.discovery.reveal_id if kind == "lead" else services.monitoring.reveal_id
        run_in_background(self, lambda: reveal(actor, row.id),
                          lambda number: self.banner.show_message(
                              "info", self.tr("%1 的身份证号：%2（已记入审计日志）").replace("%1", row.name)
                              .replace("%2", number), timeout_ms=15_000),
                          self._failed, label="reveal id")


Page = DiscoveryPage
