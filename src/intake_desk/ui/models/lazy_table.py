"""Lazy table models: a long list read a page at a time, off the GUI thread (Anki's browser table keeps
only what it has fetched).

The model holds only the rows fetched so far. ``reload()`` asks for the first page (and the count, where
the list has one); when the view scrolls near the end Qt calls ``fetchMore``, which asks for the next page,
until the list ends. Answers that arrive after the filters changed (an older generation) are dropped. A
model never talks to the database: the page gives it the service calls to read through and a ``runner``
that runs them in the background (``ui.worker.run_in_background``).

Two ways to page: :class:`OffsetTableModel` (``fetch(offset, limit)``, ending at the count or at a short
page) and :class:`KeysetTableModel` (``fetch(cursor, limit)`` returning the rows and the next cursor).
A subclass names its ``columns`` and how a row shows in them (:meth:`LazyTableModel.text`, ``extra``).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

Index = QModelIndex | QPersistentModelIndex
Runner = Callable[[Callable[[], Any], Callable[[Any], None], Callable[[BaseException], None]], None]
"""``runner(fn, on_success, on_failure)``: run ``fn`` in the background, call back on the GUI thread."""
Column = tuple[str, Callable[[], str]]
"""A column's key and its title in the window's language (asked each time the header is drawn)."""

PAGE_SIZE = 200
ROW_ROLE = int(Qt.ItemDataRole.UserRole) + 1
"""``index.data(ROW_ROLE)``: the row object shown on that line."""

R = TypeVar("R")
C = TypeVar("C")


class LazyTableModel(QAbstractTableModel, Generic[R]):
    """The rows fetched so far, the generation of the filters they were fetched for, and the Qt model over
    them. A subclass says how to read the first page and the next (:meth:`_first_page`, :meth:`_next_page`)."""

    loading_changed = Signal(bool)
    total_changed = Signal(int)
    failed = Signal(object)
    """A fetch failed (the error); the page shows it as one sentence."""
    reloaded = Signal()

    columns: Sequence[Column] = ()
    row_key: Callable[[Any], Hashable] | None = None
    """A row's identity: a row already shown is not added again when it moved between pages meanwhile."""

    def __init__(self, runner: Runner, parent: Any = None, *, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self._runner = runner
        self.page_size = page_size
        self.rows: list[R] = []
        self.total = 0
        self.generation = 0
        self.loading = False
        self.next_at: Any = None
        """Where the next page starts (an offset or a cursor); None when the list has ended."""

    # -- reading -----------------------------------------------------------------------------------
    def _first_page(self) -> Callable[[], tuple[int | None, Any]]:
        """The background call for the first page: (the count or None, the page as the service returns it)."""
        raise NotImplementedError

    def _next_page(self, at: Any) -> Callable[[], Any]:
        """The background call for the page starting at ``at`` (the page as the service returns it)."""
        raise NotImplementedError

    def _page_rows(self, page: Any) -> tuple[list[R], Any]:
        """A page's rows, and what :meth:`_after` needs of it beside them."""
        raise NotImplementedError

    def _after(self, page: list[R], token: Any, *, first: bool) -> Any:
        """Where the next page starts, now that ``page`` (as fetched) is shown; None when the list has ended."""
        raise NotImplementedError

    def reload(self) -> None:
        """Forget the rows and fetch the first page (and the count) again."""
        self.generation += 1
        generation = self.generation
        self._set_loading(True)
        self._runner(self._first_page(), lambda result: self._reloaded(generation, result),
                     lambda error: self._failed(generation, error))

    def _reloaded(self, generation: int, result: tuple[int | None, Any]) -> None:
        if generation != self.generation:
            return
        total, page = result
        rows, token = self._page_rows(page)
        self.beginResetModel()
        self.rows = list(rows)
        self.total = len(self.rows) if total is None else max(int(total), len(self.rows))
        self.next_at = self._after(self.rows, token, first=True)
        self.endResetModel()
        self._set_loading(False)
        self.total_changed.emit(self.total)
        self.reloaded.emit()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802, B008 - Qt signature
        return not parent.isValid() and not self.loading and self.next_at is not None

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802, B008 - Qt signature
        if not self.canFetchMore(parent):
            return
        generation, at = self.generation, self.next_at
        self._set_loading(True)
        self._runner(self._next_page(at), lambda result: self._more(generation, at, result),
                     lambda error: self._failed(generation, error))

    def _more(self, generation: int, at: Any, result: Any) -> None:
        if generation != self.generation:
            return
        self._set_loading(False)
        if at != self.next_at:
            return  # rows changed under the request; the next scroll asks again
        fetched, token = self._page_rows(result)
        fresh = fetched
        key = self.row_key
        if key is not None:  # a row changed meanwhile may move between pages
            known = {key(r) for r in self.rows}
            fresh = [r for r in fetched if key(r) not in known]
        if fresh:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(fresh) - 1)
            self.rows.extend(fresh)
            self.endInsertRows()
        self.next_at = self._after(fetched, token, first=False)

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation == self.generation:
            self._set_loading(False)
            self.failed.emit(error)

    def _set_loading(self, loading: bool) -> None:
        if loading != self.loading:
            self.loading = loading
            self.loading_changed.emit(loading)

    # -- rows --------------------------------------------------------------------------------------
    def row_at(self, row: int) -> R | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def replace_at(self, row: int, updated: R) -> None:
        """Show a row as the service returned it after a change (it stays where it is until reloaded)."""
        if 0 <= row < len(self.rows):
            self.rows[row] = updated
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    def text(self, row: R, key: str) -> str:
        """The cell's text; by default the row's attribute named by the column (subclasses format theirs)."""
        value = getattr(row, key, "")
        return "" if value is None else str(value)

    def extra(self, row: R, key: str, role: int) -> Any:
        """Any other role of a cell (colours, tooltips, alignment); None by default."""
        return None

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


class OffsetTableModel(LazyTableModel[R]):
    """Paged by offset: ``fetch(offset, limit)``. With a ``count()`` the list ends at the count, or sooner
    at a short page (rows left the filter: the total follows); without one, at the first short page."""

    def __init__(self, fetch: Callable[[int, int], list[R]], count: Callable[[], int] | None, runner: Runner,
                 parent: Any = None, *, page_size: int = PAGE_SIZE) -> None:
        super().__init__(runner, parent, page_size=page_size)
        self._fetch, self._count = fetch, count

    def set_source(self, fetch: Callable[[int, int], list[R]], count: Callable[[], int] | None = None) -> None:
        """New filters: the next :meth:`reload` reads through these."""
        self._fetch, self._count = fetch, count

    def _first_page(self) -> Callable[[], tuple[int | None, Any]]:
        fetch, count, size = self._fetch, self._count, self.page_size
        return lambda: (count() if count is not None else None, fetch(0, size))

    def _next_page(self, at: Any) -> Callable[[], Any]:
        fetch, size = self._fetch, self.page_size
        return lambda: fetch(at, size)

    def _page_rows(self, page: Any) -> tuple[list[R], Any]:
        return list(page), None

    def _after(self, page: list[R], token: Any, *, first: bool) -> Any:
        shown = len(self.rows)
        if self._count is not None:
            if not first and len(page) < self.page_size and shown != self.total:
                self.total = shown  # the end came sooner than counted
                self.total_changed.emit(self.total)
            return shown if shown < self.total else None
        if shown != self.total:
            self.total = shown
            self.total_changed.emit(self.total)
        return shown if len(page) >= self.page_size else None


class KeysetTableModel(LazyTableModel[R], Generic[R, C]):
    """Paged by a cursor (the last row's sort key): ``fetch(cursor or None, limit)`` returns a page with
    ``rows`` and ``next_cursor`` (None at the end); ``count()`` gives the total shown above the list."""

    def __init__(self, fetch: Callable[[C | None, int], Any], count: Callable[[], int], runner: Runner,
                 parent: Any = None, *, page_size: int = PAGE_SIZE) -> None:
        super().__init__(runner, parent, page_size=page_size)
        self._fetch, self._count = fetch, count

    def set_source(self, fetch: Callable[[C | None, int], Any], count: Callable[[], int]) -> None:
        """New filters: the next :meth:`reload` reads through these."""
        self._fetch, self._count = fetch, count

    @property
    def cursor(self) -> C | None:
        """Where the next page starts (None at the end)."""
        return self.next_at  # type: ignore[no-any-return]

    def _first_page(self) -> Callable[[], tuple[int | None, Any]]:
        fetch, count, size = self._fetch, self._count, self.page_size
        return lambda: (count(), fetch(None, size))

    def _next_page(self, at: Any) -> Callable[[], Any]:
        fetch, size = self._fetch, self.page_size
        return lambda: fetch(at, size)

    def _page_rows(self, page: Any) -> tuple[list[R], Any]:
        return list(page.rows), page.next_cursor

    def _after(self, page: list[R], token: Any, *, first: bool) -> Any:
        return token
