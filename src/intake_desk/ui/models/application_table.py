"""The application list as a lazy table model: the first page at once, the next ones as the view scrolls.

Rows are fetched off the GUI thread in pages (``ApplicationService.search`` with offset and limit)
and the total comes from ``count``; the model never holds more than the clerk has scrolled past, so
a large database stays fast. A new query invalidates answers still on their way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from intake_desk.domain.enums import ApplicationStatus
from intake_desk.services.actor import Actor
from intake_desk.services.applications import ApplicationRow
from intake_desk.services.context import Services
from intake_desk.ui import style
from intake_desk.ui.i18n import label
from intake_desk.ui.worker import run_in_background

Index = QModelIndex | QPersistentModelIndex
PAGE_SIZE = 200


@dataclass(frozen=True)
class Query:
    text: str = ""
    status: ApplicationStatus | None = None


class ApplicationTableModel(QAbstractTableModel):
    total_changed = Signal(int)
    loaded = Signal()
    """A page of rows arrived."""

    def __init__(self, services: Services, actor: Actor, owner: QWidget) -> None:
        super().__init__(owner)
        self.services = services
        self.actor = actor
        self.owner = owner
        self.columns = self._columns()
        self.rows: list[ApplicationRow] = []
        self.total = 0
        self.query = Query()
        self._generation = 0
        self._fetching = False

    def _columns(self) -> list[tuple[str, Callable[[ApplicationRow], str]]]:
        yes = self.tr("是")
        return [
            (self.tr("受理编号"), lambda r: r.number),
            (self.tr("受理日期"), lambda r: r.received_on.isoformat()),
            (self.tr("申请人"), lambda r: r.applicant_name),
            (self.tr("身份证号"), lambda r: r.applicant_id_masked),
            (self.tr("评估类别"), lambda r: label(r.category) if r.category else ""),
            (self.tr("状态"), lambda r: label(r.status)),
            (self.tr("快速办理"), lambda r: yes if r.fast_track else ""),
            (self.tr("办结期限"), lambda r: r.due_date.isoformat()),
        ]

    # -- queries ---------------------------------------------------------------------------------
    def set_query(self, query: Query) -> None:
        """Start over with ``query``: the count and the first page are fetched in the background."""
        self._generation += 1
        generation = self._generation
        self.query = query
        self.beginResetModel()
        self.rows = []
        self.total = 0
        self._fetching = True
        self.endResetModel()
        service, actor = self.services.applications, self.actor

        def first_page() -> tuple[int, list[ApplicationRow]]:
            total = service.count(actor, query.text or None, status=query.status)
            return total, service.search(actor, query.text or None, status=query.status, offset=0, limit=PAGE_SIZE)

        run_in_background(self.owner, first_page, lambda result: self._first_page(generation, result),
                          lambda error: self._failed(generation, error), label="application list")

    def reload(self) -> None:
        self.set_query(self.query)

    def _first_page(self, generation: int, result: tuple[int, list[ApplicationRow]]) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        total, rows = result
        self.total = total
        if rows:
            self.beginInsertRows(QModelIndex(), 0, len(rows) - 1)
            self.rows = list(rows)
            self.endInsertRows()
        self.total_changed.emit(total)
        self.loaded.emit()

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            self._fetching = False
        from intake_desk.ui.worker import show_error

        show_error(self.owner, error)

    # -- lazy paging -----------------------------------------------------------------------------
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802, B008 - Qt signature
        return not parent.isValid() and not self._fetching and len(self.rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802, B008 - Qt signature
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        generation, offset, query = self._generation, len(self.rows), self.query
        service, actor = self.services.applications, self.actor
        run_in_background(
            self.owner,
            lambda: service.search(actor, query.text or None, status=query.status, offset=offset, limit=PAGE_SIZE),
            lambda rows: self._more(generation, offset, rows), lambda error: self._failed(generation, error),
            busy=False, label="application list page",
        )

    def _more(self, generation: int, offset: int, rows: list[ApplicationRow]) -> None:
        if generation != self._generation or offset != len(self.rows):
            return
        self._fetching = False
        if rows:
            self.beginInsertRows(QModelIndex(), offset, offset + len(rows) - 1)
            self.rows.extend(rows)
            self.endInsertRows()
        else:
            self.total = len(self.rows)  # the list shrank since it was counted
        self.loaded.emit()

    @property
    def busy(self) -> bool:
        return self._fetching

    # -- the model -------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt signature
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.columns):
            return self.columns[section][0]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[index.column()][1](row)
        if role == Qt.ItemDataRole.UserRole:
            return row.number
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == len(self.columns) - 1 and row.overdue:
            return QColor(style.RED)
        if role == Qt.ItemDataRole.ToolTipRole and row.overdue and index.column() == len(self.columns) - 1:
            return self.tr("已超过办结期限")
        return None

    def number_at(self, row: int) -> str | None:
        return self.rows[row].number if 0 <= row < len(self.rows) else None

