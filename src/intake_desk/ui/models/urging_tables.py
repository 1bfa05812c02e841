"""The three lists of the 督办 page – the ladder, callbacks and follow-ups – as lazy table models.

Each model holds only the rows fetched so far: ``reload()`` asks for the first page, and when the
view scrolls near the end Qt calls ``fetchMore`` for the next one, until a page comes back short.
Fetches run off the GUI thread through the page's runner; an answer that arrives after the filters
changed (an older generation) is dropped. The models never talk to the database themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

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

from intake_desk.domain.enums import PostCheckKind, Rung
from intake_desk.services.callbacks import CallbackRow, FollowUpRow
from intake_desk.services.urging import LadderItem
from intake_desk.ui import style
from intake_desk.ui.i18n import label, pack_text

Index = QModelIndex | QPersistentModelIndex
Runner = Callable[[Callable[[], Any], Callable[[Any], None], Callable[[BaseException], None]], None]
R = TypeVar("R")
PAGE_SIZE = 200
ROW_ROLE = int(Qt.ItemDataRole.UserRole) + 1


def days_text(working_days_left: int) -> str:
    """“逾期 3 个工作日”, “今日到期”, “还剩 2 个工作日”."""
    if working_days_left < 0:
        return QCoreApplication.translate("UrgingTables", "逾期 {n} 个工作日").format(n=-working_days_left)
    if working_days_left == 0:
        return QCoreApplication.translate("UrgingTables", "今日到期")
    return QCoreApplication.translate("UrgingTables", "还剩 {n} 个工作日").format(n=working_days_left)


class LazyRows(QAbstractTableModel, Generic[R]):
    """A lazily fetched list of frozen service rows shown through ``columns``."""

    loading_changed = Signal(bool)
    failed = Signal(object)
    reloaded = Signal()

    def __init__(self, columns: Sequence[tuple[str, Callable[[], str]]], text: Callable[[R, str], str],
                 runner: Runner, parent: Any = None, *, alert: Callable[[R], bool] | None = None,
                 page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.keys = [key for key, _ in columns]
        self._text = text
        self._alert = alert or (lambda _row: False)
        self._runner = runner
        self._fetch: Callable[[int, int], list[R]] = lambda _offset, _limit: []
        self.page_size = page_size
        self.rows: list[R] = []
        self.exhausted = True
        self.generation = 0
        self.loading = False

    def set_source(self, fetch: Callable[[int, int], list[R]]) -> None:
        self._fetch = fetch

    def reload(self) -> None:
        self.generation += 1
        generation, fetch, size = self.generation, self._fetch, self.page_size
        self._set_loading(True)
        self._runner(lambda: fetch(0, size), lambda rows: self._reloaded(generation, rows),
                     lambda error: self._failed(generation, error))

    def _reloaded(self, generation: int, rows: list[R]) -> None:
        if generation != self.generation:
            return
        self.beginResetModel()
        self.rows = list(rows)
        self.exhausted = len(rows) < self.page_size
        self.endResetModel()
        self._set_loading(False)
        self.reloaded.emit()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802, B008 - Qt signature
        return not parent.isValid() and not self.loading and not self.exhausted

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
        if rows:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
            self.rows.extend(rows)
            self.endInsertRows()
        self.exhausted = len(rows) < self.page_size

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

    def replace_row(self, row: int, updated: R) -> None:
        if 0 <= row < len(self.rows):
            self.rows[row] = updated
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

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
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, self.keys[index.column()])
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.BackgroundRole and self._alert(row):
            return QBrush(QColor(style.RED_BG))
        return None


# -- the three lists -------------------------------------------------------------------------------

LADDER_COLUMNS: tuple[tuple[str, Callable[[], str]], ...] = (
    ("rung", lambda: QCoreApplication.translate("UrgingTables", "梯度")),
    ("kind", lambda: QCoreApplication.translate("UrgingTables", "事项")),
    ("number", lambda: QCoreApplication.translate("UrgingTables", "编号")),
    ("applicant", lambda: QCoreApplication.translate("UrgingTables", "申请人")),
    ("responsible", lambda: QCoreApplication.translate("UrgingTables", "责任单位")),
    ("due", lambda: QCoreApplication.translate("UrgingTables", "办理期限")),
    ("left", lambda: QCoreApplication.translate("UrgingTables", "时限")),
)


_NUMBER_SUFFIXES = {"整改": QT_TRANSLATE_NOOP("UrgingTables", "整改"), "延期": QT_TRANSLATE_NOOP("UrgingTables", "延期")}


def item_number(number: str) -> str:
    """A dated item's number as the ladder shows it: ``receipt number·check`` with the check in the window's language."""
    head, dot, tail = number.rpartition("·")
    if not dot:
        return number
    kind = next((k for k in PostCheckKind if k.zh == tail), None)
    if kind is not None:
        return f"{head}·{label(kind)}"
    if tail in _NUMBER_SUFFIXES:
        return f"{head}·{QCoreApplication.translate('UrgingTables', _NUMBER_SUFFIXES[tail])}"
    return number


def ladder_text(item: LadderItem, key: str) -> str:
    if key == "rung":
        return label(item.rung)
    if key == "kind":
        return label(item.kind)
    if key == "number":
        return item_number(item.number)
    if key == "applicant":
        return item.applicant_name
    if key == "responsible":
        return pack_text(item.responsible)
    if key == "due":
        return item.due_date.isoformat()
    if key == "left":
        return days_text(item.position.working_days_left)
    return ""


def ladder_alert(item: LadderItem) -> bool:
    return item.rung in (Rung.URGED, Rung.ESCALATED, Rung.OVERDUE)


CALLBACK_COLUMNS: tuple[tuple[str, Callable[[], str]], ...] = (
    ("subject", lambda: QCoreApplication.translate("UrgingTables", "事项")),
    ("number", lambda: QCoreApplication.translate("UrgingTables", "编号")),
    ("applicant", lambda: QCoreApplication.translate("UrgingTables", "申请人")),
    ("phone", lambda: QCoreApplication.translate("UrgingTables", "电话")),
    ("department", lambda: QCoreApplication.translate("UrgingTables", "部门")),
    ("decided", lambda: QCoreApplication.translate("UrgingTables", "办结日期")),
    ("due", lambda: QCoreApplication.translate("UrgingTables", "回访期限")),
    ("tries", lambda: QCoreApplication.translate("UrgingTables", "已回访次数")),
    ("rating", lambda: QCoreApplication.translate("UrgingTables", "评价")),
)


def callback_text(row: CallbackRow, key: str) -> str:
    if key == "subject":
        return label(row.subject)
    if key == "number":
        return row.subject_number
    if key == "applicant":
        return row.applicant_name
    if key == "phone":
        return row.applicant_phone_masked
    if key == "department":
        return pack_text(row.department_name)
    if key == "decided":
        return row.decided_on.isoformat()
    if key == "due":
        return row.due_date.isoformat() + (QCoreApplication.translate("UrgingTables", "（逾期）") if row.overdue else "")
    if key == "tries":
        return str(row.tries)
    if key == "rating":
        if row.rating is not None:
            return label(row.rating)
        return QCoreApplication.translate("UrgingTables", "无法联系") if row.status == "unreachable" else ""
    return ""


FOLLOW_UP_COLUMNS: tuple[tuple[str, Callable[[], str]], ...] = (
    ("number", lambda: QCoreApplication.translate("UrgingTables", "编号")),
    ("applicant", lambda: QCoreApplication.translate("UrgingTables", "申请人")),
    ("department", lambda: QCoreApplication.translate("UrgingTables", "部门")),
    ("rating", lambda: QCoreApplication.translate("UrgingTables", "评价")),
    ("opened", lambda: QCoreApplication.translate("UrgingTables", "开始日期")),
    ("due", lambda: QCoreApplication.translate("UrgingTables", "整改期限")),
    ("left", lambda: QCoreApplication.translate("UrgingTables", "时限")),
    ("status", lambda: QCoreApplication.translate("UrgingTables", "状态")),
)


def follow_up_text(row: FollowUpRow, key: str) -> str:
    if key == "number":
        return row.subject_number
    if key == "applicant":
        return row.applicant_name
    if key == "department":
        return pack_text(row.department_name)
    if key == "rating":
        return label(row.rating)
    if key == "opened":
        return row.opened_on.isoformat()
    if key == "due":
        return row.due_date.isoformat()
    if key == "left":
        return days_text(row.position.working_days_left) if row.status == "open" else label(row.position.rung)
    if key == "status":
        return QCoreApplication.translate("UrgingTables", "整改中") if row.status == "open" else QCoreApplication.translate("UrgingTables", "已关闭")
    return ""
