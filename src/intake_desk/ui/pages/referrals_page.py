"""转介跟踪 – the supervisor's queue: every referral until its department reports a result.

At the top, counts per department × status (overdue in red) and open referrals by age in working
days; below, filters, the lazily loaded queue (overdue rows red) and, beside it, the selected
referral's facts, steps and timeline. A selection can be marked as sent or reassigned at once, and
the ledger exported with the same filters.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from intake_desk.domain.enums import ReferralStatus
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.services.export import ExportFormat, ExportResult
from intake_desk.services.permissions import Permission, allowed
from intake_desk.services.queues import AGING_BUCKETS, CountMatrix, QueueSort, ReferralFilter
from intake_desk.services.referrals import BulkResult
from intake_desk.ui import style
from intake_desk.ui.columns import fit_columns, positions
from intake_desk.ui.i18n import in_language, label, pack_text
from intake_desk.ui.models.referral_table import ReferralTableModel
from intake_desk.ui.pages.referral_page_common import ReferralQueuePage
from intake_desk.ui.style import set_role
from intake_desk.ui.widgets.banner import Banner
from intake_desk.ui.widgets.referral_timeline import ReferralPanel, SummaryLabel, open_reassign_dialog
from intake_desk.ui.worker import run_in_background, show_error

Index = QModelIndex | QPersistentModelIndex
NO_DATE = QDate(2000, 1, 1)
OPEN = "open"


class CountsModel(QAbstractTableModel):
    """Departments down, statuses across, then 逾期 (red) and 合计."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.matrix: CountMatrix | None = None
        self.statuses = list(ReferralStatus)

    def set_matrix(self, matrix: CountMatrix) -> None:
        """Show ``matrix``; departments with no referral in the scope (another department filtered) are left out."""
        self.beginResetModel()
        shown = tuple(d for d in matrix.departments if matrix.department_total(d[0])) or matrix.departments
        self.matrix = replace(matrix, departments=shown)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        if parent.isValid() or self.matrix is None:
            return 0
        return len(self.matrix.departments) + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else len(self.statuses) + 2

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or self.matrix is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if section < len(self.statuses):
                return label(self.statuses[section])
            return self.tr("逾期") if section == len(self.statuses) else self.tr("合计")
        if section < len(self.matrix.departments):
            return pack_text(self.matrix.departments[section][1])
        return self.tr("合计")

    def cell(self, row: int, column: int) -> tuple[str | None, ReferralStatus | str | None]:
        """(department code or None for the total row, status / "overdue" / None for the total column)."""
        assert self.matrix is not None
        department = self.matrix.departments[row][0] if row < len(self.matrix.departments) else None
        if column < len(self.statuses):
            return department, self.statuses[column]
        return department, "overdue" if column == len(self.statuses) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.matrix is None or not index.isValid():
            return None
        department, what = self.cell(index.row(), index.column())
        matrix = self.matrix
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole):
            if what == "overdue":
                value = matrix.overdue.get(department, 0) if department else matrix.overdue_total
            elif what is None:
                value = matrix.department_total(department) if department else matrix.total
            else:
                assert isinstance(what, ReferralStatus)
                value = matrix.count(department, what) if department else matrix.status_total(what)
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{value:,}" if value else "·"
            if role == Qt.ItemDataRole.ForegroundRole and what == "overdue" and value:
                return QBrush(QColor(style.RED))
            if role == Qt.ItemDataRole.FontRole and (department is None or what is None or what == "overdue"):
                font = self.parent().font() if isinstance(self.parent(), QWidget) else None
                if font is not None:
                    font.setBold(True)
                return font
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and what == "overdue":
            return QBrush(QColor(style.RED_BG))
        return None


class ReferralsPage(ReferralQueuePage, QWidget):
    """转介 – the supervisor's (and desk's) referral queue."""

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("referralsPage")
        self.services = services
        self.actor = actor
        self.matrix: CountMatrix | None = None
        self.total: tuple[int, bool] | None = None
        self.last_export: ExportResult | None = None
        self._counting = 0
        self._build()
        self.status.blockSignals(True)
        self.status.setCurrentIndex(self.status.findData(OPEN))  # what is still being followed
        self.status.blockSignals(False)
        self.model.set_query(self.current_filter(), self.current_sort())
        self.count_rows()
        self.refresh_counts()
        self.load_summary()

    # -- layout ----------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        top = QHBoxLayout()
        title = QLabel(self.tr("转介跟踪"), self)
        set_role(title, "title")
        top.addWidget(title)
        top.addStretch(1)
        # Open referrals by age sit in the title row: the counts table below needs the page's whole width
        # in English (eleven columns) and must show whole, never scroll sideways.
        heading = QLabel(self.tr("未办结转介已等待（工作日）"), self)
        set_role(heading, "hint")
        top.addWidget(heading)
        self.aging_labels: dict[str, QLabel] = {}
        for i, bucket in enumerate(AGING_BUCKETS):
            name = QLabel(bucket.label, self)
            set_role(name, "hint")
            value = QLabel("–", self)
            value.setObjectName(f"aging_{i}")
            set_role(value, "subtitle")
            top.addSpacing(10)
            top.addWidget(name)
            top.addWidget(value)
            self.aging_labels[bucket.label] = value
        top.addSpacing(24)
        self.summary_label = SummaryLabel(self.services, self.actor, self)
        top.addWidget(self.summary_label)
        layout.addLayout(top)
        self.banner = Banner(self)
        layout.addWidget(self.banner)

        counts_row = QHBoxLayout()
        self.counts_model = CountsModel(self)
        self.counts_view = QTableView(self)
        self.counts_view.setObjectName("countsView")
        self.counts_view.setModel(self.counts_model)
        self.counts_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.counts_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.counts_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.counts_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.counts_view.verticalHeader().setDefaultSectionSize(24)
        # the rows are 24 px: the header's usual padding would clip the descenders of Latin department names
        self.counts_view.verticalHeader().setStyleSheet("QHeaderView::section { padding: 2px 6px; }")
        self.counts_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.counts_view.setToolTip(self.tr("点击数字，按该部门和状态筛选"))
        self.counts_view.clicked.connect(self._count_clicked)
        counts_row.addWidget(self.counts_view)
        counts_row.addStretch(1)
        layout.addLayout(counts_row, 0)

        layout.addLayout(self._build_filters())

        actions = QHBoxLayout()
        self.send_button = QPushButton(self.tr("标记已发送"), self)
        self.send_button.setObjectName("bulkSendButton")
        self.send_button.setToolTip(self.tr("将选中的待发送转介标记为已发送"))
        self.send_button.clicked.connect(self.bulk_send)
        self.send_button.setVisible(allowed(self.actor, Permission.REFERRAL_SEND))
        self.reassign_button = QPushButton(self.tr("改派…"), self)
        self.reassign_button.setObjectName("bulkReassignButton")
        self.reassign_button.clicked.connect(self.bulk_reassign)
        self.reassign_button.setVisible(allowed(self.actor, Permission.REFERRAL_REASSIGN))
        self.export_button = QPushButton(self.tr("导出台账…"), self)
        self.export_button.setObjectName("exportButton")
        self.export_button.clicked.connect(self.choose_export)
        self.export_button.setVisible(allowed(self.actor, Permission.EXPORT))
        self.full_ids = QCheckBox(self.tr("导出完整身份证号"), self)
        self.full_ids.setObjectName("fullIdsCheck")
        self.full_ids.setToolTip(self.tr("完整身份证号属敏感个人信息，导出将写入审计日志"))
        self.full_ids.setVisible(allowed(self.actor, Permission.EXPORT_FULL))
        for widget in (self.send_button, self.reassign_button, self.export_button, self.full_ids):
            actions.addWidget(widget)
        actions.addStretch(1)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        set_role(self.count_label, "hint")
        actions.addWidget(self.count_label)
        layout.addLayout(actions)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.model = ReferralTableModel(self.services, self.actor, self)
        self.model.loaded.connect(self._loaded)
        self.model.failed.connect(lambda error: show_error(self, error))
        self.table = QTableView(splitter)
        self.table.setObjectName("referralTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(30)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionsClickable(True)
        self.table.horizontalHeader().sectionClicked.connect(self._header_clicked)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.panel = ReferralPanel(self.services, self.actor, splitter)
        self.panel.changed.connect(self._referral_changed)
        splitter.addWidget(self.table)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        self._resize_columns()

    def _build_filters(self) -> QVBoxLayout:
        rows = QVBoxLayout()
        first = QHBoxLayout()
        second = QHBoxLayout()
        choices = self.services.queues.filter_choices(self.actor)
        self.department = QComboBox(self)
        self.department.setObjectName("departmentFilter")
        self.department.addItem(self.tr("全部部门"), None)
        for code, name in choices.departments:
            self.department.addItem(pack_text(name), code)
        self.status = QComboBox(self)
        self.status.setObjectName("statusFilter")
        self.status.addItem(self.tr("全部状态"), None)
        self.status.addItem(self.tr("未办结"), OPEN)
        for status in ReferralStatus:
            self.status.addItem(label(status), status.value)
        self.hall = QComboBox(self)
        self.hall.setObjectName("hallFilter")
        self.hall.addItem(self.tr("全部大厅"), None)
        for code, name in choices.halls:
            self.hall.addItem(name, code)
        self.clerk = QComboBox(self)
        self.clerk.setObjectName("clerkFilter")
        self.clerk.addItem(self.tr("全部经办人"), None)
        for username, name in choices.clerks:
            self.clerk.addItem(name, username)
        self.search = QLineEdit(self)
        self.search.setObjectName("searchEdit")
        self.search.setPlaceholderText(self.tr("姓名、拼音首字母、编号或身份证号"))
        self.search.setClearButtonEnabled(True)
        for text, widget in ((self.tr("部门"), self.department), (self.tr("状态"), self.status),
                             (self.tr("大厅"), self.hall), (self.tr("经办人"), self.clerk)):
            first.addWidget(QLabel(text, self))
            first.addWidget(widget)
        first.addWidget(self.search, 1)
        self.overdue = QCheckBox(self.tr("只看逾期"), self)
        self.overdue.setObjectName("overdueCheck")
        self.due_soon = QCheckBox(self.tr("到期时间在"), self)
        self.due_soon.setObjectName("dueSoonCheck")
        self.due_days = QSpinBox(self)
        self.due_days.setObjectName("dueDaysSpin")
        self.due_days.setRange(0, 60)
        self.due_days.setValue(2)
        self.due_days.setSuffix(self.tr(" 个工作日内"))
        self.created_from = self._date_edit("createdFrom")
        self.created_to = self._date_edit("createdTo")
        self.sort = QComboBox(self)
        self.sort.setObjectName("sortCombo")
        for sort in (QueueSort.DUE, QueueSort.AGE, QueueSort.DEPARTMENT, QueueSort.NEWEST):
            self.sort.addItem(label(sort), sort.value)
        self.refresh_button = QPushButton(self.tr("刷新"), self)
        self.refresh_button.setObjectName("refreshButton")
        self.refresh_button.setShortcut("F5")
        self.refresh_button.clicked.connect(self.refresh)
        for widget in (self.overdue, self.due_soon, self.due_days):
            second.addWidget(widget)
        second.addSpacing(12)
        second.addWidget(QLabel(self.tr("转介日期"), self))
        second.addWidget(self.created_from)
        second.addWidget(QLabel(self.tr("至"), self))
        second.addWidget(self.created_to)
        second.addSpacing(12)
        second.addWidget(QLabel(self.tr("排序"), self))
        second.addWidget(self.sort)
        second.addStretch(1)
        second.addWidget(self.refresh_button)
        rows.addLayout(first)
        rows.addLayout(second)
        # On a narrow window (1280 px, or English) the filters give way rather than push the page wider
        # than the screen: a drop-down narrows to show the start of its choice (the list shows it whole).
        for combo in (self.department, self.status, self.hall, self.clerk, self.sort):
            combo.setMinimumWidth(min(combo.sizeHint().width(), 96))
        self.search.setMinimumWidth(120)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(300)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        for combo in (self.department, self.status, self.hall, self.clerk, self.sort):
            combo.currentIndexChanged.connect(self.apply_filters)
        for check in (self.overdue, self.due_soon):
            check.toggled.connect(self.apply_filters)
        self.due_days.valueChanged.connect(lambda _v: self.due_soon.isChecked() and self.apply_filters())
        self.created_from.dateChanged.connect(self.apply_filters)
        self.created_to.dateChanged.connect(self.apply_filters)
        return rows

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(self.tr("不限"))
        edit.setDate(NO_DATE)
        return edit

    def _resize_columns(self) -> None:
        # The number, status and due date whole; on a narrow screen the hall, time referred and clerk give way (the
        # hall is the same for a hall's own queue; the history beside the table has the rest).
        keys = [column.key for column in self.model.columns]
        fit_columns(self.table, keep=positions(keys, ("number", "status", "due")),
                    optional=positions(keys, ("hall", "created", "clerk", "age", "officer")), claim=True)

    # -- filters ---------------------------------------------------------------------------------
    def current_filter(self) -> ReferralFilter:
        status = self.status.currentData()
        department = self.department.currentData()
        hall = self.hall.currentData()
        clerk = self.clerk.currentData()
        return ReferralFilter(
            department_codes=(department,) if department else (),
            statuses=(ReferralStatus(status),) if status and status != OPEN else (),
            open_only=status == OPEN,
            overdue=self.overdue.isChecked(),
            due_within_days=self.due_days.value() if self.due_soon.isChecked() else None,
            hall_codes=(hall,) if hall else (),
            clerk_usernames=(clerk,) if clerk else (),
            created_from=_date(self.created_from),
            created_to=_date(self.created_to),
            text=self.search.text(),
        )

    def current_sort(self) -> QueueSort:
        return QueueSort(self.sort.currentData())

    def apply_filters(self) -> None:
        self._search_timer.stop()
        self.banner.clear()
        self.model.set_query(self.current_filter(), self.current_sort())
        self.panel.clear()
        self.count_rows()

    def _header_clicked(self, section: int) -> None:
        wanted = self.model.columns[section].sort
        if wanted is not None:
            index = self.sort.findData(wanted.value)
            if index >= 0:
                self.sort.setCurrentIndex(index)

    def _count_clicked(self, index: QModelIndex) -> None:
        if self.counts_model.matrix is None:
            return
        department, what = self.counts_model.cell(index.row(), index.column())
        self.department.blockSignals(True)
        self.status.blockSignals(True)
        self.overdue.blockSignals(True)
        self.department.setCurrentIndex(max(0, self.department.findData(department)) if department else 0)
        if isinstance(what, ReferralStatus):
            self.status.setCurrentIndex(self.status.findData(what.value))
            self.overdue.setChecked(False)
        else:
            self.status.setCurrentIndex(0)
            self.overdue.setChecked(what == "overdue")
        self.department.blockSignals(False)
        self.status.blockSignals(False)
        self.overdue.blockSignals(False)
        self.apply_filters()

    # -- reading in the background -----------------------------------------------------------------
    def refresh_counts(self) -> None:
        services, actor = self.services, self.actor
        scope = self.current_filter()
        run_in_background(self, lambda: services.queues.counts(actor, scope), self._counts_loaded, busy=False,
                          label="referral counts")

    def _counts_loaded(self, matrix: CountMatrix) -> None:
        self.matrix = matrix
        self.counts_model.set_matrix(matrix)
        for bucket in AGING_BUCKETS:
            self.aging_labels[bucket.label].setText(f"{matrix.aging.get(bucket.label, 0):,}")
        # Every row and every column shows, 合计 too: the table is as large as its header and cells, so it
        # never scrolls (the page's own width check then covers it).
        rows = self.counts_model.rowCount()
        view = self.counts_view
        height = (view.horizontalHeader().sizeHint().height() + sum(view.rowHeight(r) for r in range(rows))
                  + 2 * view.frameWidth())
        width = view.verticalHeader().sizeHint().width() + view.horizontalHeader().length() + 2 * view.frameWidth()
        view.setFixedSize(width, max(80, height))

    def count_rows(self) -> None:
        services, actor, filter = self.services, self.actor, self.current_filter()
        self._counting += 1
        ticket = self._counting

        def done(result: tuple[int, bool]) -> None:
            if ticket == self._counting:
                self.total = result
                self._show_count()

        run_in_background(self, lambda: services.queues.count(actor, filter), done, lambda _e: None, busy=False,
                          label="referral count")



    def _loaded(self, rows: int, more: bool) -> None:
        self._show_count()
        if self.model.calendar_warning:
            self.banner.show_message("warning", in_language(self.model.calendar_warning))

    def _show_count(self) -> None:
        loaded = self.model.rowCount()
        if self.total is None:
            self.count_label.setText(self.tr("已显示 {0} 条").format(loaded))
            return
        n, capped = self.total
        total = f"{n:,}+" if capped else f"{n:,}"
        self.count_label.setText(self.tr("共 {0} 条，已显示 {1} 条").format(total, loaded))

    # -- selection and actions ---------------------------------------------------------------------
    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [r.id for r in (self.model.row_at(i) for i in rows) if r is not None]

    def select_rows(self, rows: list[int]) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        for i, row in enumerate(rows):
            index = self.model.index(row, 0)
            flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
            if i == 0:
                selection.setCurrentIndex(index, flags)
            else:
                selection.select(index, flags)

    def _referral_changed(self, referral_id: int) -> None:
        self._reload_keeping(referral_id)

    def _reload_keeping(self, referral_id: int | None) -> None:
        self.model.reload()
        self.count_rows()
        self.refresh_counts()
        if referral_id is not None:
            row = self.model.row_of(referral_id)
            if row is not None:
                self.table.selectionModel().blockSignals(True)
                self.select_rows([row])
                self.table.selectionModel().blockSignals(False)

    def bulk_send(self) -> None:
        ids = self.selected_ids()
        if not ids:
            self.banner.show_message("warning", self.tr("请先在列表中选择要发送的转介"))
            return
        services, actor = self.services, self.actor
        run_in_background(self, lambda: services.referrals.bulk_send(actor, ids), self._bulk_done,
                          label=self.tr("标记已发送"))

    def bulk_reassign(self) -> None:
        ids = self.selected_ids()
        if not ids:
            self.banner.show_message("warning", self.tr("请先在列表中选择要改派的转介"))
            return
        current = self.model.row_at(self.table.currentIndex().row())
        open_reassign_dialog(self, self.services, self.actor, ids, current.department_code if current else None,
                             lambda: self._after_reassign(ids))

    def _after_reassign(self, ids: list[int]) -> None:
        self.banner.show_message("ok", self.tr("已改派 %n 条转介", "", len(ids)), timeout_ms=8000)
        self._reload_keeping(None)
        self.panel.clear()

    def _bulk_done(self, result: BulkResult) -> None:
        kind = "warning" if result.refused else "ok"
        lines = [in_language(result.summary)] + [f"{number}：{in_language(reason)}"
                                                 for _, number, reason in result.refused[:10]]
        self.banner.show_message(kind, "\n".join(lines))
        self._reload_keeping(None)
        self.panel.clear()

    # -- export ----------------------------------------------------------------------------------
    def choose_export(self) -> None:
        suggested = str(Path.home() / self.tr("转介台账-%1.xlsx").replace("%1", f"{date.today():%Y%m%d}"))
        # Window-modal without a nested event loop (the window keeps painting; keyboard returns here).
        dialog = QFileDialog(self, self.tr("导出转介台账"), suggested,
                             self.tr("Excel 工作簿 (*.xlsx);;CSV 文本 (*.csv)"))
        dialog.setObjectName("exportDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda path: self.export_to(Path(path), full_ids=self.full_ids.isChecked()))
        dialog.open()

    def export_to(self, path: Path, *, full_ids: bool = False) -> None:
        """Export the rows of the current filter and sort to ``path`` (.xlsx or .csv) in the background."""
        services, actor, filter, sort = self.services, self.actor, self.current_filter(), self.current_sort()
        if path.suffix.lower() not in (".xlsx", ".csv"):
            path = path.with_suffix(".xlsx")

        def work() -> ExportResult:
            return services.exports.referrals(actor, filter, path, format=ExportFormat.for_path(path), sort=sort,
                                              full_ids=full_ids)

        def done(result: ExportResult) -> None:
            self.last_export = result
            self.banner.show_message("ok", in_language(result.message))

        run_in_background(self, work, done, label=self.tr("导出台账"))


def _date(edit: QDateEdit) -> date | None:
    value = edit.date()
    if value == NO_DATE:
        return None
    result: date = value.toPython()  # type: ignore[assignment]
    return result


Page = ReferralsPage
