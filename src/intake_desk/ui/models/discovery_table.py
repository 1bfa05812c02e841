"""The 发现 page's lists (leads, monitored households) as lazy table models.

Same rules as the referral and post-check queues: the model holds only the rows fetched so far,
``reload()`` asks for the count and the first page, scrolling near the end fetches the next page,
and answers that arrive after the filters changed are dropped. The model never talks to the
database: the page gives it ``fetch(offset, limit)``, ``count()`` and a background ``runner``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from intake_desk.services.discovery import LeadRow
from intake_desk.services.monitoring import MonitoredRow
from intake_desk.ui import style
from intake_desk.ui.i18n import label

Index = QModelIndex | QPersistentModelIndex
Runner = Callable[[Callable[[], Any], Callable[[Any], None], Callable[[BaseException], None]], None]
PAGE_SIZE = 200
ROW_ROLE = int(Qt.ItemDataRole.UserRole) + 1
R = TypeVar("R", LeadRow, MonitoredRow)


Column = tuple[str, Callable[[], str]]


class LazyRowsModel(QAbstractTableModel, Generic[R]):
    loading_changed = Signal(bool)
    total_changed = Signal(int)
    failed = Signal(object)
    reloaded = Signal()

    columns: Sequence[Column] = ()

    def __init__(self, fetch: Callable[[int, int], list[R]], count: Callable[[], int], runner: Runner,
                 parent: Any = None, *, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self._fetch, self._count, self._runner = fetch, count, runner
        self.page_size = page_size
        self.rows: list[R] = []
        self.total = 0
        self.generation = 0
        self.loading = False

    def set_source(self, fetch: Callable[[int, int], list[R]], count: Callable[[], int]) -> None:
        self._fetch, self._count = fetch, count

    def reload(self) -> None:
        self.generation += 1
        generation = self.generation
        fetch, count, size = self._fetch, self._count, self.page_size
        self._set_loading(True)
        self._runner(lambda: (count(), fetch(0, size)), lambda result: self._reloaded(generation, result),
                     lambda error: self._failed(generation, error))

    def _reloaded(self, generation: int, result: tuple[int, list[R]]) -> None:
        if generation != self.generation:
            return
        total, rows = result
        self.beginResetModel()
        self.rows = list(rows)
        self.total = max(int(total), len(self.rows))
        self.endResetModel()
        self._set_loading(False)
        self.total_changed.emit(self.total)
        self.reloaded.emit()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802, B008 - Qt signature
        return not parent.isValid() and not self.loading and len(self.rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802, B008 - Qt signature
        if not self.canFetchMore(parent):
            return
        generation, offset, fetch, size = self.generation, len(self.rows), self._fetch, self.page_size
        self._set_loading(True)
        self._runner(lambda: fetch(offset, size), lambda rows: self._more(generation, offset, rows),
                     lambda error: self._failed(generation, error))

    def _more(self, generation: int, offset: int, rows: list[R]) -> None:
        if generation != self.generation:
            return
        self._set_loading(False)
        if offset != len(self.rows):
            return
        known = {r.id for r in self.rows}
        fresh = [r for r in rows if r.id not in known]
        if fresh:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(fresh) - 1)
            self.rows.extend(fresh)
            self.endInsertRows()
        if len(rows) < self.page_size:
            self.total = len(self.rows)
            self.total_changed.emit(self.total)

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation == self.generation:
            self._set_loading(False)
            self.failed.emit(error)

    def _set_loading(self, loading: bool) -> None:
        if loading != self.loading:
            self.loading = loading
            self.loading_changed.emit(loading)

    def row_at(self, row: int) -> R | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    # -- Qt model ----------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt signature
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.columns):
            return self.columns[section][1]()
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        row = self.row_at(index.row())
        if row is None or not 0 <= index.column() < len(self.columns):
            return None
        key = self.columns[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, key)
        if role == ROW_ROLE:
            return row
        return self.extra(row, key, role)

    def text(self, row: R, key: str) -> str:
        """The cell's text; by default the row's attribute named by the column (subclasses format theirs)."""
        value = getattr(row, key, "")
        return "" if value is None else str(value)

    def extra(self, row: R, key: str, role: int) -> Any:
        return None


class LeadTableModel(LazyRowsModel[LeadRow]):
    columns = (
        ("name", lambda: QCoreApplication.translate("DiscoveryTable", "姓名")), ("resident_id", lambda: QCoreApplication.translate("DiscoveryTable", "身份证号")), ("source", lambda: QCoreApplication.translate("DiscoveryTable", "名单来源")),
        ("reason", lambda: QCoreApplication.translate("DiscoveryTable", "类别/原因")), ("address", lambda: QCoreApplication.translate("DiscoveryTable", "住址")), ("phone", lambda: QCoreApplication.translate("DiscoveryTable", "联系电话")),
        ("worker", lambda: QCoreApplication.translate("DiscoveryTable", "走访人")), ("status", lambda: QCoreApplication.translate("DiscoveryTable", "状态")), ("created", lambda: QCoreApplication.translate("DiscoveryTable", "发现日期")),
    )

    source_names: dict[str, str] = {}
    """Source code → its name in the window's language (set by the page from the pack)."""

    def text(self, row: LeadRow, key: str) -> str:
        if key == "source":
            return self.source_names.get(row.source, row.source_name)
        if key == "status":
            return label(row.outcome) if row.outcome else label(row.status)
        return {
            "name": row.name, "resident_id": row.resident_id_masked, "source": row.source_name,
            "reason": row.reason, "address": row.address, "phone": row.phone,
            "worker": row.worker_name or QCoreApplication.translate("DiscoveryTable", "未分派"), "created": f"{row.created_at:%Y-%m-%d}",
        }.get(key, "")


def visit_due_text(row: MonitoredRow) -> str:
    """距走访 as the clerk reads it: “逾期 3 个工作日”, “今日到期”, “5 个工作日”."""
    left = row.visit_days_left
    if left is None:
        return "—"
    if row.overdue:
        return QCoreApplication.translate("DiscoveryTable", "逾期 %n 个工作日").replace("%n", str(-left)) if left < 0 else QCoreApplication.translate("DiscoveryTable", "已逾期")
    if left == 0:
        return QCoreApplication.translate("DiscoveryTable", "今日到期")
    return QCoreApplication.translate("DiscoveryTable", "%n 个工作日").replace("%n", str(left))


class MonitoredTableModel(LazyRowsModel[MonitoredRow]):
    columns = (
        ("name", lambda: QCoreApplication.translate("DiscoveryTable", "户主")), ("resident_id", lambda: QCoreApplication.translate("DiscoveryTable", "身份证号")), ("library", lambda: QCoreApplication.translate("DiscoveryTable", "库别")),
        ("risks", lambda: QCoreApplication.translate("DiscoveryTable", "风险因素")), ("circle", lambda: QCoreApplication.translate("DiscoveryTable", "收入圈")), ("due", lambda: QCoreApplication.translate("DiscoveryTable", "下次走访")),
        ("left", lambda: QCoreApplication.translate("DiscoveryTable", "距走访")), ("recheck", lambda: QCoreApplication.translate("DiscoveryTable", "复核日期")), ("worker", lambda: QCoreApplication.translate("DiscoveryTable", "负责人")),
    )

    def text(self, row: MonitoredRow, key: str) -> str:
        if key == "left":
            return visit_due_text(row) + (" *" if row.calendar_fallback else "")
        return {
            "name": row.name, "resident_id": row.resident_id_masked, "library": label(row.library),
            "risks": row.risk_factor_names, "circle": row.circle_name or "—",
            "due": row.next_visit_due.isoformat(), "recheck": row.next_recheck_due.isoformat(),
            "worker": row.worker_name,
        }.get(key, "")

    def extra(self, row: MonitoredRow, key: str, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and row.overdue:
            return QBrush(QColor(style.RED_BG))
        if role == Qt.ItemDataRole.ForegroundRole and row.overdue and key in ("due", "left"):
            return QBrush(QColor(style.RED))
        if role == Qt.ItemDataRole.ToolTipRole and key == "left" and row.calendar_fallback:
            return QCoreApplication.translate("DiscoveryTable", "按周一至周五计算（该年节假日安排尚未录入）")
        return None
