"""转介队列表格 – a lazy table of referrals: the first page on a new query, more as the view scrolls.

The model holds only the rows fetched so far; ``canFetchMore``/``fetchMore`` ask the queue service
for the next keyset page when the view reaches the end, so a million-row queue never loads at
once. Rows are plain ``QueueRow`` objects; overdue rows are drawn in red.

Pages are read on the GUI thread: a page is one indexed query (well under the 100 ms budget even
on a million referrals), and reading it in place keeps scrolling simple and exact. Everything that
can take longer (counts, exports, actions) runs through ``ui.worker``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from intake_desk.services.actor import Actor
from intake_desk.services.clock import local
from intake_desk.services.context import Services
from intake_desk.services.errors import ServiceError
from intake_desk.services.queues import QueueCursor, QueueRow, QueueSort, ReferralFilter
from intake_desk.store.db import DatabaseError
from intake_desk.ui import style
from intake_desk.ui.i18n import label, pack_text, referral_reason

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
PAGE_SIZE = 200

OVERDUE_BG = QColor(style.RED_BG)
OVERDUE_FG = QColor(style.RED)
SOON_FG = QColor(style.AMBER)
FINISHED_FG = QColor(style.MUTED)


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    text: Callable[[QueueRow], str]
    sort: QueueSort | None = None
    align_right: bool = False


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReferralTableModel", text)


def _due_text(row: QueueRow) -> str:
    if row.overdue:
        return QCoreApplication.translate("ReferralTableModel", "已逾期")
    if row.due_in_working_days is None:
        return ""
    if row.due_in_working_days == 0:
        return QCoreApplication.translate("ReferralTableModel", "今日到期")
    if row.due_in_working_days == 1:  # English says "1 working day", not "1 working days"
        return QCoreApplication.translate("ReferralTableModel", "剩 1 个工作日")
    return QCoreApplication.translate("ReferralTableModel", "剩 %1 个工作日").replace("%1", str(row.due_in_working_days))


COLUMNS: tuple[Column, ...] = (
    Column("number", QT_TRANSLATE_NOOP("ReferralTableModel", "转介编号"), lambda r: r.number),
    Column("applicant", QT_TRANSLATE_NOOP("ReferralTableModel", "申请人"), lambda r: r.applicant_name),
    Column("department", QT_TRANSLATE_NOOP("ReferralTableModel", "转介部门"), lambda r: pack_text(r.department_name), QueueSort.DEPARTMENT),
    Column("status", QT_TRANSLATE_NOOP("ReferralTableModel", "状态"), lambda r: label(r.status)),
    Column("due", QT_TRANSLATE_NOOP("ReferralTableModel", "办理期限"), lambda r: r.due_date.isoformat(), QueueSort.DUE),
    Column("left", QT_TRANSLATE_NOOP("ReferralTableModel", "时限"), _due_text),
    Column("age", QT_TRANSLATE_NOOP("ReferralTableModel", "已等待（工作日）"), lambda r: str(r.age_working_days), QueueSort.AGE, True),
    Column("created", QT_TRANSLATE_NOOP("ReferralTableModel", "转介时间"), lambda r: local(r.created_at).strftime("%Y-%m-%d %H:%M"), QueueSort.NEWEST),
    Column("hall", QT_TRANSLATE_NOOP("ReferralTableModel", "受理大厅"), lambda r: r.hall_name),
    Column("clerk", QT_TRANSLATE_NOOP("ReferralTableModel", "经办人"), lambda r: r.created_by_name),
    Column("officer", QT_TRANSLATE_NOOP("ReferralTableModel", "部门承办人"), lambda r: r.assigned_to_name),
)
ROW_ROLE = Qt.ItemDataRole.UserRole + 1


class ReferralTableModel(QAbstractTableModel):
    """The rows of ``services.queues.page`` for one filter and sort, fetched page by page."""

    loaded = Signal(int, bool)
    """Rows now loaded, and whether more can be fetched."""
    failed = Signal(object)
    """A page could not be read (the error, for the page's banner)."""

    def __init__(self, services: Services, actor: Actor, parent: Any = None, *,
                 columns: Sequence[Column] = COLUMNS, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.columns = list(columns)
        self.page_size = page_size
        self.filter = ReferralFilter()
        self.sort_key = QueueSort.DUE
        # 即将到期: highlighted within the pack's due-soon working days (the urging ladder's first rung).
        self.due_soon_days = services.packs.pack_for(services.clock.today()).urging.due_soon_working_days
        self.rows: list[QueueRow] = []
        self._cursor: QueueCursor | None = None
        self._more = False
        self.calendar_warning: str | None = None

    # -- queries ---------------------------------------------------------------------------------
    def set_query(self, filter: ReferralFilter, sort: QueueSort | None = None) -> None:
        """Show ``filter`` in ``sort`` order: the first page now, the rest as the view scrolls."""
        self.beginResetModel()
        self.filter = filter
        if sort is not None:
            self.sort_key = sort
        self.rows = []
        self._cursor = None
        self._more = False
        self.endResetModel()
        self._fetch()

    def reload(self) -> None:
        self.set_query(self.filter, self.sort_key)

    def _fetch(self) -> None:
        try:
            page = self.services.queues.page(self.actor, self.filter, self.sort_key, after=self._cursor,
                                             limit=self.page_size)
        except (ServiceError, DatabaseError) as exc:
            self._more = False
            self.failed.emit(exc)
            return
        if page.rows:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self.rows.extend(page.rows)
            self.endInsertRows()
        self._cursor = page.next_cursor
        self._more = page.next_cursor is not None
        self.calendar_warning = page.calendar_warning or self.calendar_warning
        self.loaded.emit(len(self.rows), self._more)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802, B008 - Qt override
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802, B008 - Qt override
        if not parent.isValid() and self._more:
            self._fetch()

    @property
    def has_more(self) -> bool:
        return self._more

    # -- table -----------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr(column.title)
        if role == Qt.ItemDataRole.ToolTipRole and column.sort is not None:
            return self.tr("点击按此列排序")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows) or not 0 <= index.column() < len(self.columns):
            return None
        row = self.rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.BackgroundRole and row.overdue:
            return QBrush(OVERDUE_BG)
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.overdue:
                return QBrush(OVERDUE_FG)
            if column.key == "left" and row.due_in_working_days is not None \
                    and row.due_in_working_days <= self.due_soon_days:
                return QBrush(SOON_FG)
            if row.status.is_final:
                return QBrush(FINISHED_FG)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = f"{row.number}\n{referral_reason(row.reason, row.rule)}"
            if row.overdue:
                tip = self.tr("已逾期：办理期限 {0}").format(row.due_date.isoformat()) + "\n" + tip
            return tip
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return column.text(row) + (self.tr("（已逾期）") if row.overdue and column.key == "due" else "")
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Header clicks sort by the columns the queue can sort on (the database sorts)."""
        if 0 <= column < len(self.columns) and self.columns[column].sort is not None:
            wanted = self.columns[column].sort
            assert wanted is not None
            if wanted is not self.sort_key:
                self.set_query(self.filter, wanted)

    # -- rows ------------------------------------------------------------------------------------
    def row_at(self, row: int) -> QueueRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, referral_id: int) -> int | None:
        return next((i for i, r in enumerate(self.rows) if r.id == referral_id), None)

    def column_of(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)
