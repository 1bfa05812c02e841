"""The 核查 list as a lazy table model: rows are fetched a page at a time, off the GUI thread.

The model holds only the rows fetched so far. ``reload()`` asks for the count and the first page;
when the view scrolls near the end it calls ``fetchMore``, which asks for the next page. Answers
that arrive after the filters changed (an older generation) are dropped. The model never talks
to the database itself: the page gives it a ``fetch(offset, limit)`` and a ``count()`` (service
calls) and a ``runner`` that runs them in the background (``ui.worker.run_in_background``).
"""

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

from intake_desk.domain.enums import BreachGrade, PostCheckStatus
from intake_desk.services.postchecks import PostCheckRow
from intake_desk.ui import style
from intake_desk.ui.i18n import label

Index = QModelIndex | QPersistentModelIndex
Runner = Callable[[Callable[[], Any], Callable[[Any], None], Callable[[BaseException], None]], None]
"""``runner(fn, on_success, on_failure)``: run ``fn`` in the background, call back on the GUI thread."""

PAGE_SIZE = 100
ROW_ROLE = int(Qt.ItemDataRole.UserRole) + 1


def _t(text: str) -> str:
    return QCoreApplication.translate("PostCheckTable", text)


COLUMNS: tuple[tuple[str, Callable[[], str]], ...] = (
    ("number", lambda: QCoreApplication.translate("PostCheckTable", "受理编号")),
    ("applicant", lambda: QCoreApplication.translate("PostCheckTable", "申请人")),
    ("kind", lambda: QCoreApplication.translate("PostCheckTable", "核查类型")),
    ("due", lambda: QCoreApplication.translate("PostCheckTable", "到期日")),
    ("left", lambda: QCoreApplication.translate("PostCheckTable", "剩余工作日")),
    ("status", lambda: QCoreApplication.translate("PostCheckTable", "状态")),
    ("grade", lambda: QCoreApplication.translate("PostCheckTable", "失信等级")),
    ("resident_id", lambda: QCoreApplication.translate("PostCheckTable", "身份证号")),
    ("done_by", lambda: QCoreApplication.translate("PostCheckTable", "核查人")),
)
KEYS = [key for key, _ in COLUMNS]


def days_left_text(row: PostCheckRow) -> str:
    """剩余工作日 as the clerk reads it: “逾期 3 个工作日”, “今日到期”, “5”."""
    left = row.working_days_left
    if left is None:
        return "—"
    if row.overdue:
        # Due on a holiday and today still a holiday: late, but not yet by a working day.
        return QCoreApplication.translate("PostCheckTable", "逾期 %n 个工作日").replace("%n", str(-left)) if left < 0 else QCoreApplication.translate("PostCheckTable", "已逾期")
    if left == 0:
        return QCoreApplication.translate("PostCheckTable", "今日到期")
    return str(left)


class PostCheckTableModel(QAbstractTableModel):
    loading_changed = Signal(bool)
    total_changed = Signal(int)
    failed = Signal(object)
    """A fetch failed (the error); the page shows it as one sentence."""
    reloaded = Signal()

    def __init__(self, fetch: Callable[[int, int], list[PostCheckRow]], count: Callable[[], int],
                 runner: Runner, parent: Any = None, *, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._count = count
        self._runner = runner
        self.page_size = page_size
        self.rows: list[PostCheckRow] = []
        self.total = 0
        self.generation = 0
        self.loading = False
        self.fallback_tooltip = ""

    # -- loading -----------------------------------------------------------------------------------
    def set_source(self, fetch: Callable[[int, int], list[PostCheckRow]], count: Callable[[], int]) -> None:
        """New filters: the next :meth:`reload` reads through these."""
        self._fetch = fetch
        self._count = count

    def reload(self) -> None:
        """Forget the rows and fetch the count and the first page again."""
        self.generation += 1
        generation = self.generation
        fetch, count, size = self._fetch, self._count, self.page_size
        self._set_loading(True)
        self._runner(lambda: (count(), fetch(0, size)),
                     lambda result: self._reloaded(generation, result),
                     lambda error: self._failed(generation, error))

    def _reloaded(self, generation: int, result: tuple[int, list[PostCheckRow]]) -> None:
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
        generation = self.generation
        offset, fetch, size = len(self.rows), self._fetch, self.page_size
        self._set_loading(True)
        self._runner(lambda: fetch(offset, size),
                     lambda rows: self._more(generation, offset, rows),
                     lambda error: self._failed(generation, error))

    def _more(self, generation: int, offset: int, rows: list[PostCheckRow]) -> None:
        if generation != self.generation:
            return
        self._set_loading(False)
        if offset != len(self.rows):
            return  # rows changed under the request; the next scroll asks again
        known = {r.id for r in self.rows}
        fresh = [r for r in rows if r.id not in known]  # a row recorded meanwhile may move between pages
        if fresh:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(fresh) - 1)
            self.rows.extend(fresh)
            self.endInsertRows()
        if len(rows) < self.page_size:
            self.total = len(self.rows)  # the end was reached sooner than counted (rows left the filter)
            self.total_changed.emit(self.total)

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation == self.generation:
            self._set_loading(False)
            self.failed.emit(error)

    def _set_loading(self, loading: bool) -> None:
        if loading != self.loading:
            self.loading = loading
            self.loading_changed.emit(loading)

    # -- rows --------------------------------------------------------------------------------------
    def row_at(self, row: int) -> PostCheckRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def index_of(self, post_check_id: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == post_check_id), -1)

    def replace_row(self, updated: PostCheckRow) -> int:
        """Show a row as the service returned it after a change (it stays where it is until reloaded)."""
        i = self.index_of(updated.id)
        if i >= 0:
            self.rows[i] = updated
            self.dataChanged.emit(self.index(i, 0), self.index(i, len(COLUMNS) - 1))
        return i

    # -- Qt model ----------------------------------------------------------------------------------
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
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.overdue and key in ("due", "left", "status"):
                return QBrush(QColor(style.RED))
            if key == "grade" and row.breach_grade is not BreachGrade.NONE:
                return QBrush(QColor(style.AMBER))
            if key == "status" and row.status is PostCheckStatus.PASSED:
                return QBrush(QColor(style.GREEN))
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "left" and row.calendar_fallback:
                return self.fallback_tooltip or QCoreApplication.translate("PostCheckTable", "按周一至周五计算（该年节假日安排尚未录入）")
            if key == "status" and row.result:
                return row.result
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("left", "due"):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    @staticmethod
    def _text(row: PostCheckRow, key: str) -> str:
        if key == "number":
            return row.application_number
        if key == "applicant":
            return row.applicant_name
        if key == "resident_id":
            return row.applicant_id_masked
        if key == "kind":
            return label(row.kind)
        if key == "due":
            return row.due_date.isoformat()
        if key == "left":
            text = days_left_text(row)
            return f"{text} *" if row.calendar_fallback else text
        if key == "status":
            return label(row.status) + (QCoreApplication.translate("PostCheckTable", "（逾期）") if row.overdue else "")
        if key == "grade":
            return "" if row.breach_grade is BreachGrade.NONE else label(row.breach_grade)
        if key == "done_by":
            return row.done_by_name
        return ""
