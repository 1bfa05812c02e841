"""Keyboard rules every widget of the program follows, applied in one place as widgets are polished.

* Tab and Shift+Tab leave tables and lists (the arrow keys move inside them); Tab while editing a cell
  still moves to the next cell that can be edited.
* Tab in a note box moves to the next field instead of typing a tab character.
* Enter presses the focused push button everywhere, not only in dialogs (``autoDefault``).
* Tab leaves a date field at once (Qt walks year, month and day first; the arrow keys do that).
* A column is never narrower than its title (the table scrolls sideways instead), so no header is cut
  on a small screen or in a longer language.
* A dialog that closes hands the keyboard back to the window it was opened from (not every window
  manager does; without it the keyboard would reach nothing until a mouse click).

``KeyboardStyle`` is a proxy of the program's style: Qt polishes every widget through the style once
before it is first shown, so widgets made later (dialogs, pages built on first use, cell editors) follow
the same rules without each page remembering them.
"""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QHeaderView,
    QPlainTextEdit,
    QProxyStyle,
    QPushButton,
    QStyle,
    QTextEdit,
    QWidget,
)


class _LeaveOnTab(QObject):
    """Tab and Shift+Tab on a date field move to the next or previous field, not the next section."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.KeyPress and isinstance(watched, QWidget) and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                forward = key == Qt.Key.Key_Tab and not (event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                move_focus(watched, forward)
                return True
        return False


_LEAVE_ON_TAB: _LeaveOnTab | None = None


def move_focus(widget: QWidget, forward: bool) -> None:
    """Give the focus to the next (or previous) widget after ``widget`` in its window's Tab chain."""
    candidate = widget
    for _ in range(1000):
        candidate = candidate.nextInFocusChain() if forward else candidate.previousInFocusChain()
        if candidate is widget:
            return
        if widget.isAncestorOf(candidate) or candidate.focusProxy() is not None:
            continue
        if (candidate.focusPolicy() & Qt.FocusPolicy.TabFocus and candidate.isVisible() and candidate.isEnabled()
                and candidate.window() is widget.window()):
            candidate.setFocus(Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason)
            return


class _HeaderFit(QObject):
    """A column is never narrower than its title: a section squeezed below its title's width (by a
    page's preset width or a resize) is widened again, and a stretched last section stops stretching
    while the view is too narrow for it; the table scrolls sideways instead of cutting a title."""

    def __init__(self, header: QHeaderView) -> None:
        super().__init__(header)
        self.header = header
        self._busy = False
        self._unstretched = False
        header.sectionResized.connect(self._resized)
        header.sectionCountChanged.connect(lambda _old, _new: self.fit_all())
        header.geometriesChanged.connect(self.fit_all)
        header.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self.fit_all)
        return False

    def fit_all(self) -> None:
        header = self.header
        if self._busy or not shiboken6.isValid(header) or header.count() == 0:
            return
        for logical in range(header.count()):
            self._resized(logical, 0, header.sectionSize(logical))
        last = header.logicalIndex(header.count() - 1)
        if header.isSectionHidden(last):
            return
        least = header.sectionSizeHint(last)
        self._busy = True
        try:
            if self._unstretched:
                if header.length() - header.sectionSize(last) + least <= header.width():
                    header.setStretchLastSection(True)
                    self._unstretched = False
            elif header.stretchLastSection() and 0 < header.sectionSize(last) < least:
                header.setStretchLastSection(False)
                header.resizeSection(last, least)
                self._unstretched = True
        finally:
            self._busy = False

    def _resized(self, logical: int, _old: int, new: int) -> None:
        header = self.header
        if self._busy or new <= 0 or not shiboken6.isValid(header) or header.isSectionHidden(logical):
            return
        if header.sectionResizeMode(logical) not in (QHeaderView.ResizeMode.Interactive,
                                                     QHeaderView.ResizeMode.Fixed):
            return
        if header.stretchLastSection() and header.visualIndex(logical) == header.count() - 1:
            return
        least = header.sectionSizeHint(logical)
        if new < least:
            self._busy = True
            try:
                header.resizeSection(logical, least)
            finally:
                self._busy = False


def _give_back(dialog: QDialog) -> None:
    owner = dialog.parentWidget()
    if owner is not None and shiboken6.isValid(owner) and owner.window().isVisible():
        owner.window().activateWindow()


def tidy(widget: QWidget) -> None:
    """Apply the keyboard rules above to one widget."""
    global _LEAVE_ON_TAB
    if isinstance(widget, QDialog):
        if not widget.property("intake_desk_gives_back"):
            widget.setProperty("intake_desk_gives_back", True)
            widget.finished.connect(lambda _result, d=widget: _give_back(d))
    elif isinstance(widget, QDateTimeEdit):
        if _LEAVE_ON_TAB is None:
            _LEAVE_ON_TAB = _LeaveOnTab()
        widget.removeEventFilter(_LEAVE_ON_TAB)
        widget.installEventFilter(_LEAVE_ON_TAB)
    elif isinstance(widget, QHeaderView):
        if widget.orientation() == Qt.Orientation.Horizontal and not widget.property("intake_desk_fits"):
            widget.setProperty("intake_desk_fits", True)
            _HeaderFit(widget)
    elif isinstance(widget, QAbstractItemView):
        if not isinstance(widget.parentWidget(), QComboBox):
            widget.setTabKeyNavigation(False)
    elif isinstance(widget, QPlainTextEdit | QTextEdit):
        widget.setTabChangesFocus(True)
    elif isinstance(widget, QPushButton):
        widget.setAutoDefault(True)


class KeyboardStyle(QProxyStyle):
    """The base style (Fusion), plus ``tidy`` for every widget it polishes."""

    def __init__(self, base: QStyle) -> None:
        super().__init__(base)

    def polish(self, target: Any) -> Any:  # noqa: D102 - QStyle overloads: widget, application, palette
        result = super().polish(target)
        if isinstance(target, QWidget):
            tidy(target)
        return result
