"""The procedure queue (办理) as a lazy table model: open procedures by the current step's due date,
read a page at a time with keyset paging (the last row's due date and id), off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from intake_desk.services.procedure_report import ProcedureCursor, ProcedurePage, ProcedureQueueRow
from intake_desk.ui import style
from intake_desk.ui.i18n import label, pack_text

Index = QModelIndex | QPersistentModelIndex
Runner = Callable[[Callable[[], Any], Callable[[Any], None], Callable[[BaseException], None]], None]
Fetch = Callable[[ProcedureCursor | None, int], ProcedurePage]
PAGE_SIZE = 200
ROW_ROLE = int(Qt.ItemDataRole.UserRole) + 1


def _t(text: str) -> str:
    return QCoreApplication.translate("ProcedureTable", text)


COLUMNS: tuple[tuple[str, Callable[[], str]], ...] = (
    ("number", lambda: QCoreApplication.translate("ProcedureTable", "受理编号")),
    ("applicant", lambda: QCoreApplication.translate("ProcedureTable", "申请人")),
    ("type", lambda: QCoreApplication.translate("ProcedureTable", "救助类别")),
    ("track", lambda: QCoreApplication.translate("ProcedureTable", "通道")),
    ("step", lambda: QCoreApplication.translate("ProcedureTable", "当前步骤")),
    ("step_due", lambda: QCoreApplication.translate("ProcedureTable", "步骤期限")),
    ("due", lambda: QCoreApplication.translate("ProcedureTable", "办结期限")),
    ("received", lambda: QCoreApplication.translate("ProcedureTable", "受理日期")),
)
KEYS = [key for key, _ in COLUMNS]


class ProcedureTableModel(QAbstractTableModel):
    loading_changed = Signal(bool)
    total_changed = Signal(int)
    failed = Signal(object)
    reloaded = Signal()

    def __init__(self, fetch: Fetch, count: Callable[[], int], runner: Runner, parent: Any = None) -> None:
        super().__init__(parent)
        self._fetch, self._count, self._runner = fetch, count, runner
        self.rows: list[ProcedureQueueRow] = []
        self.cursor: ProcedureCursor | None = None
        self.total = 0
        self.generation = 0
        self.loading = False

    def set_source(self, fetch: Fetch, count: Callable[[], int]) -> None:
        self._fetch, self._count = fetch, count

    def reload(self) -> None:
        self.generation += 1
        generation, fetch, count = self.generation, self._fetch, self._count
        self._set_loading(True)
        self._runner(lambda: (count(), fetch(None, PAGE_SIZE)), lambda r: self._reloaded(generation, r),
                     lambda e: self._failed(generation, e))

    def _reloaded(self, generation: int, result: tuple[int, ProcedurePage]) -> None:
        if generation != self.generation:
            return
        total, page = result
        self.beginResetModel()
        self.rows = list(page.rows)
        self.cursor = page.next_cursor
        self.total = max(int(total), len(self.rows))
        self.endResetModel()
        self._set_loading(False)
        self.total_changed.emit(self.total)
        self.reloaded.emit()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802, B008 - Qt signature
        return not parent.isValid() and not self.loading and self.cursor is not None

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802, B008 - Qt signature
        if not self.canFetchMore(parent):
            return
        generation, fetch, cursor = self.generation, self._fetch, self.cursor
        self._set_loading(True)
        self._runner(lambda: fetch(cursor, PAGE_SIZE), lambda p: self._more(generation, cursor, p),
                     lambda e: self._failed(generation, e))

    def _more(self, generation: int, cursor: ProcedureCursor | None, page: ProcedurePage) -> None:
        if generation != self.generation or cursor != self.cursor:
            return
        self._set_loading(False)
        known = {r.procedure_id for r in self.rows}
        fresh = [r for r in page.rows if r.procedure_id not in known]
        if fresh:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(fresh) - 1)
            self.rows.extend(fresh)
            self.endInsertRows()
        self.cursor = page.next_cursor

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation == self.generation:
            self._set_loading(False)
            self.failed.emit(error)

    def _set_loading(self, loading: bool) -> None:
        if loading != self.loading:
            self.loading = loading
            self.loading_changed.emit(loading)

    def row_at(self, row: int) -> ProcedureQueueRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt signature
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(COLUMNS):
            return COLUMNS[section][1]()
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        row = self.row_at(index.row())
        if row is None or not 0 <= index.column() < len(COLUMNS):
            return None
        key = KEYS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, key)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.BackgroundRole and row.overdue:
            return QBrush(QColor(style.RED_BG))
        if role == Qt.ItemDataRole.ForegroundRole and row.overdue and key in ("step", "step_due", "due"):
            return QBrush(QColor(style.RED))
        return None

    @staticmethod
    def _text(row: ProcedureQueueRow, key: str) -> str:
        if key == "number":
            return row.number
        if key == "applicant":
            return row.applicant_name
        if key == "type":
            return label(row.assistance_type)
        if key == "track":
            return label(row.track) + (QCoreApplication.translate("ProcedureTable", "（已延期）") if row.extended else "")
        if key == "step":
            return pack_text(row.step_name) + (QCoreApplication.translate("ProcedureTable", "（逾期）") if row.overdue else "")
        if key == "step_due":
            return row.step_due_date.isoformat()
        if key == "due":
            return row.due_date.isoformat()
        if key == "received":
            return row.received_on.isoformat()
        return ""
