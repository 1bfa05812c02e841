"""Work that waits for a window's first paint: the clerk sees the window before anything else is done.

Qt paints a window while it handles the window's first expose; a callback queued from there runs once
that paint is on the screen.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QWidget


class _FirstExpose(QObject):
    def __init__(self, callback: Callable[[], None], window: QWindow, parent: QObject) -> None:
        super().__init__(parent)
        self._callback = callback
        self._window = window
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Expose and watched is self._window and self._window.isVisible():
            self._window.removeEventFilter(self)
            owner = self.parent()  # the widget: the call is dropped if it is gone by then
            if owner is not None:
                QTimer.singleShot(0, owner, self._callback)
            self.deleteLater()
        return False


def after_first_paint(widget: QWidget, callback: Callable[[], None]) -> bool:
    """Run ``callback`` once, right after the shown top-level ``widget`` is first painted (call it from
    ``showEvent``); True once arranged. Without a native window (not expected once shown) it runs as
    soon as the event loop turns."""
    window = widget.windowHandle()
    if window is None:
        QTimer.singleShot(0, widget, callback)
        return True
    _FirstExpose(callback, window, widget)
    return True
