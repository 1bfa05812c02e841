"""Where a window opens: a dialog shown before any main window is centred on the screen's available area
(the desktop minus task bars and docks), whatever the window manager would have done."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


def centre_on_screen(window: QWidget) -> bool:
    """Move ``window`` (already sized to its contents) to the centre of its screen's available area, kept
    inside it; False when there is no screen to measure (it then opens where the system puts it)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return False
    available = screen.availableGeometry()
    frame = window.frameGeometry()
    # The frame (title bar, borders) is known only once the window manager has framed the window;
    # before that it equals the client area and the centre is off by the title bar's height at most.
    extra_w, extra_h = frame.width() - window.width(), frame.height() - window.height()
    width, height = window.width() + extra_w, window.height() + extra_h
    x = available.x() + max(0, (available.width() - width) // 2)
    y = available.y() + max(0, (available.height() - height) // 2)
    window.move(x, y)
    return True
