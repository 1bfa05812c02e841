"""部门收件 – what the desk has referred to my department, most urgent first.

For department logins: the referrals of the officer's own department only (the services enforce
it), in tabs by where they stand; the selected referral's facts with the ID number masked unless
revealed (audited), and the steps the officer may take: receive, start work, complete with the
outcome, decline with the reason, return asking for more.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from intake_desk.domain.enums import ReferralStatus
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.services.queues import CountMatrix, QueueSort, ReferralFilter
from intake_desk.ui.columns import fit_columns, positions
from intake_desk.ui.i18n import pack_text
from intake_desk.ui.models.referral_table import COLUMNS, ReferralTableModel
from intake_desk.ui.pages.referral_page_common import ReferralQueuePage
from intake_desk.ui.style import set_role
from intake_desk.ui.widgets.banner import Banner
from intake_desk.ui.widgets.referral_timeline import ReferralPanel, SummaryLabel
from intake_desk.ui.worker import run_in_background, show_error

S = ReferralStatus


@dataclass(frozen=True)
class Tab:
    key: str
    title: str
    statuses: tuple[ReferralStatus, ...]


TABS: tuple[Tab, ...] = (
    Tab("new", QT_TRANSLATE_NOOP("InboxPage", "待接收"), (S.SENT,)),
    Tab("working", QT_TRANSLATE_NOOP("InboxPage", "办理中"), (S.RECEIVED, S.IN_PROGRESS)),
    Tab("returned", QT_TRANSLATE_NOOP("InboxPage", "已退回待补充"), (S.RETURNED,)),
    Tab("finished", QT_TRANSLATE_NOOP("InboxPage", "已办结"), (S.COMPLETED, S.DECLINED, S.CANCELLED)),
    Tab("all", QT_TRANSLATE_NOOP("InboxPage", "全部"), ()),
)
INBOX_COLUMNS = tuple(c for c in COLUMNS if c.key in ("number", "applicant", "status", "due", "left", "age",
                                                      "created", "hall", "clerk", "officer"))


class InboxPage(ReferralQueuePage, QWidget):
    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inboxPage")
        self.services = services
        self.actor = actor
        self.matrix: CountMatrix | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        top = QHBoxLayout()
        title = QLabel(self.tr("部门收件") + (f" – {pack_text(actor.department_name)}" if actor.department_name else ""), self)
        set_role(title, "title")
        top.addWidget(title)
        top.addStretch(1)
        self.summary_label = SummaryLabel(self.services, self.actor, self)
        top.addWidget(self.summary_label)
        layout.addLayout(top)
        self.banner = Banner(self)
        layout.addWidget(self.banner)

        bar = QHBoxLayout()
        self.tabs = QTabBar(self)
        self.tabs.setObjectName("inboxTabs")
        self.tabs.setExpanding(False)
        for tab in TABS:
            self.tabs.addTab(self.tr(tab.title))
        self.tabs.currentChanged.connect(self.apply_filters)
        bar.addWidget(self.tabs)
        bar.addStretch(1)
        self.overdue = QCheckBox(self.tr("只看逾期"), self)
        self.overdue.setObjectName("overdueCheck")
        self.overdue.toggled.connect(self.apply_filters)
        bar.addWidget(self.overdue)
        self.search = QLineEdit(self)
        self.search.setObjectName("searchEdit")
        self.search.setPlaceholderText(self.tr("姓名、拼音首字母、编号或身份证号"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(260)
        bar.addWidget(self.search)
        self.refresh_button = QPushButton(self.tr("刷新"), self)
        self.refresh_button.setObjectName("refreshButton")
        self.refresh_button.setShortcut("F5")
        self.refresh_button.clicked.connect(self.refresh)
        bar.addWidget(self.refresh_button)
        layout.addLayout(bar)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(300)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.model = ReferralTableModel(services, actor, self, columns=INBOX_COLUMNS)
        self.model.failed.connect(lambda error: show_error(self, error))
        self.table = QTableView(splitter)
        self.table.setObjectName("inboxTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(30)
        self.table.horizontalHeader().setStretchLastSection(True)
        keys = [column.key for column in self.model.columns]
        fit_columns(self.table, keep=positions(keys, ("number", "status", "due")),
                    optional=positions(keys, ("hall", "created", "age")), claim=True)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.panel = ReferralPanel(services, actor, splitter)
        self.panel.changed.connect(self._changed)
        splitter.addWidget(self.table)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        self.apply_filters()
        self.refresh_counts()
        self.load_summary()

    # -- filters ---------------------------------------------------------------------------------
    @property
    def tab(self) -> Tab:
        return TABS[max(0, self.tabs.currentIndex())]

    def current_filter(self) -> ReferralFilter:
        return ReferralFilter(statuses=self.tab.statuses, overdue=self.overdue.isChecked(), text=self.search.text())

    def apply_filters(self) -> None:
        self._search_timer.stop()
        self.banner.clear()
        sort = QueueSort.NEWEST if self.tab.key == "finished" else QueueSort.URGENCY
        self.model.set_query(self.current_filter(), sort)
        self.panel.clear()

    def show_tab(self, key: str) -> None:
        self.tabs.setCurrentIndex(next(i for i, tab in enumerate(TABS) if tab.key == key))

    # -- background reads ------------------------------------------------------------------------
    def refresh_counts(self) -> None:
        services, actor = self.services, self.actor
        run_in_background(self, lambda: services.queues.counts(actor, with_aging=False), self._counts_loaded,
                          busy=False, label="inbox counts")

    def _counts_loaded(self, matrix: CountMatrix) -> None:
        self.matrix = matrix
        code = self.actor.department_code or ""
        for i, tab in enumerate(TABS):
            statuses = tab.statuses or tuple(ReferralStatus)
            n = sum(matrix.count(code, s) for s in statuses)
            self.tabs.setTabText(i, f"{self.tr(tab.title)}（{n:,}）")



    # -- selection -------------------------------------------------------------------------------
    def select_row(self, row: int) -> None:
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def _changed(self, referral_id: int) -> None:
        # The referral may have left this tab (received → 办理中); the panel keeps showing it.
        self.model.reload()
        row = self.model.row_of(referral_id)
        if row is not None:
            self.table.selectionModel().blockSignals(True)
            self.select_row(row)
            self.table.selectionModel().blockSignals(False)
        self.refresh_counts()
        self.load_summary()


Page = InboxPage
