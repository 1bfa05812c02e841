"""Columns that fit their view: a data table does not scroll sideways on a 1366×768 or 1280×720 screen.

``fit_columns(view)`` owns the widths of a table's (or tree's) columns. Each column wants the width of its
title or of its widest cell among the rows loaded, whichever is more (at most ``most`` pixels). When the
view is narrower than all of them together, the columns in ``optional`` are hidden first, in turn, the
least needed first (what they hold shows in the page's detail pane), and shown again once there is room.
Then the widest columns give way, never below their title's width (a column in ``keep`` – a receipt
number, a date – never gives way); their cells are elided and show whole in a tooltip. The last column
stretches to the view's edge. Widths are worked out again when the view is resized
and when rows arrive.
"""

from __future__ import annotations

from collections.abc import Iterable

import shiboken6
from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView, QToolTip, QTreeView

# Rows looked at for a column's widest cell: those on screen and some below (a lazy table may hold
# thousands; the widths follow what the clerk sees).
CONTENT_PRECISION = 200


def header_of(view: QAbstractItemView) -> QHeaderView:
    if isinstance(view, QTableView):
        return view.horizontalHeader()
    if isinstance(view, QTreeView):
        return view.header()
    raise TypeError(f"{type(view).__name__} has no column header")


def share(natural: list[int], floors: list[int], room: int) -> list[int]:
    """Widths for columns that want ``natural`` and may give way down to ``floors`` in ``room`` pixels:
    the widest give way first (one cap for all: a column keeps min(natural, cap), never below its floor).
    The floors when even they do not fit."""
    if sum(natural) <= room:
        return list(natural)
    if sum(floors) >= room:
        return list(floors)
    low, high = 0, max(natural)
    while low < high:  # the largest cap whose widths fit
        cap = (low + high + 1) // 2
        if sum(max(f, min(n, cap)) for n, f in zip(natural, floors, strict=True)) <= room:
            low = cap
        else:
            high = cap - 1
    widths = [max(f, min(n, low)) for n, f in zip(natural, floors, strict=True)]
    # The pixels a whole-number cap leaves over go to the columns that gave way, left to right.
    spare = room - sum(widths)
    for i, (n, w) in enumerate(zip(natural, widths, strict=True)):
        if spare <= 0:
            break
        if w < n:
            extra = min(spare, n - w)
            widths[i] += extra
            spare -= extra
    return widths


class ColumnFit(QObject):
    """See the module's docstring; made by :func:`fit_columns`."""

    def __init__(self, view: QAbstractItemView, keep: Iterable[int], optional: Iterable[int], most: int,
                 widths: dict[int, int] | None, least: dict[int, int] | None, claim: bool) -> None:
        super().__init__(view)
        self.view = view
        self.header = header_of(view)
        self.keep = set(keep)
        self.optional = list(optional)
        self.most = most
        self.preset = dict(widths or {})
        self.least = dict(least or {})
        self.claim = claim
        self.hidden: set[int] = set()  # columns hidden here for want of room (others' hiding is left alone)
        self._model: QAbstractItemModel | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refit)
        self.header.setResizeContentsPrecision(CONTENT_PRECISION)
        self.header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.header.setStretchLastSection(True)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.viewport().installEventFilter(self)
        self._watch_model()
        self.later()

    def later(self) -> None:
        self._timer.start()

    def _watch_model(self) -> None:
        model = self.view.model()
        if model is self._model:
            return
        self._model = model
        if model is None:
            return
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted, model.rowsRemoved,
                       model.columnsInserted, model.headerDataChanged):
            signal.connect(self.later)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize:
            self.later()
        elif event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            return self._tooltip(event)
        return False

    def _tooltip(self, event: QHelpEvent) -> bool:
        """An elided cell shows whole in its tooltip (with the model's own tooltip under it, if any)."""
        view = self.view
        index = view.indexAt(event.pos())
        if not index.isValid():
            return False
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        own = str(index.data(Qt.ItemDataRole.ToolTipRole) or "")
        rect = view.visualRect(index)
        margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
        if not text or view.fontMetrics().horizontalAdvance(text) + margin <= rect.width() or text in own:
            return False  # the model's own tooltip, as before
        QToolTip.showText(view.viewport().mapToGlobal(QPoint(event.pos())),
                          text + ("\n" + own if own else ""), view.viewport(), rect)
        return True

    def refit(self) -> None:
        view, header = self.view, self.header
        if not shiboken6.isValid(view) or not shiboken6.isValid(header):
            return
        self._watch_model()
        model = view.model()
        if model is None or header.count() == 0:
            return
        for logical in list(self.hidden):
            header.showSection(logical)
        self.hidden.clear()
        columns = [c for c in range(header.count()) if not header.isSectionHidden(c)]
        if not columns:
            return
        room = view.viewport().width()
        titles = {c: header.sectionSizeHint(c) for c in columns}
        natural = {}
        for c in columns:
            content = self.preset.get(c)
            if content is None:
                content = min(max(view.sizeHintForColumn(c), 0), self.most)
            natural[c] = max(titles[c], content)
        floors = {c: natural[c] if c in self.keep else min(natural[c], max(titles[c], self.least.get(c, 0)))
                  for c in columns}
        if self.claim:  # room for the columns that stay, taken from the panel beside the table
            frame = 2 * view.frameWidth() + view.verticalScrollBar().sizeHint().width()
            view.setMinimumWidth(sum(floors[c] for c in columns if c not in self.optional) + frame)
        for c in self.optional:  # the least needed first, before any other column is elided
            if sum(natural[k] for k in columns) <= room:
                break
            if c in columns and len(columns) > 1:
                columns.remove(c)
                header.hideSection(c)
                self.hidden.add(c)
        widths = share([natural[c] for c in columns], [floors[c] for c in columns], room)
        for c, width in zip(columns, widths, strict=True):
            if header.sectionSize(c) != width:
                header.resizeSection(c, width)


def fit_columns(view: QAbstractItemView, *, keep: Iterable[int] = (), optional: Iterable[int] = (),
                most: int = 360, widths: dict[int, int] | None = None, least: dict[int, int] | None = None,
                claim: bool = False) -> ColumnFit:
    """Fit ``view``'s columns to it (module docstring). ``keep``: columns never elided; ``optional``: columns
    hidden, in this order, before the others give way; ``widths``: the width a column wants, where a
    page knows better than its cells (an editable table sized for its choices); ``least``: the width below
    which a column never gives way, where more than its title (its widest choice); ``claim``: the table is
    never narrower than the columns that stay (beside a detail pane in a splitter, the pane gives way)."""
    existing = view.findChild(ColumnFit, "", Qt.FindChildOption.FindDirectChildrenOnly)
    if existing is not None:
        existing.setParent(None)
        existing.deleteLater()
    return ColumnFit(view, keep, optional, most, widths, least, claim)


def positions(keys: Iterable[str], wanted: Iterable[str]) -> list[int]:
    """The column numbers of ``wanted`` keys (in the order given) among a model's column ``keys``."""
    order = list(keys)
    return [order.index(key) for key in wanted if key in order]
