"""Where a window opens: a dialog shown before any main window is centred on the screen's available area
(the desktop minus task bars and docks), whatever the window manager would have done."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QSize
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


# Room kept for the title bar and borders (their height is known only once the window manager framed the window).
FRAME_ALLOWANCE = 40


def opening_size(window: QWidget, width: int, height: int) -> QSize:
    """``width`` × ``height``, or less where the screen's available area is smaller (a 1366×768 laptop keeps
    the title bar and the buttons at the bottom in view)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return QSize(width, height)
    room = screen.availableGeometry()
    return QSize(min(width, room.width()), min(height, room.height() - FRAME_ALLOWANCE))


def shrink_to_fit(window: QWidget, part: QWidget, natural: int, floor: int) -> int:
    """On a short screen (a laptop at 150 % has 512 px of height), give ``part`` – the one piece of the
    window that scrolls (a list, a scroll area) – less height, never below ``floor``, until the whole window
    fits the screen's available area; ``natural`` is its height on a tall screen; the height it gets."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return natural
    part.setMinimumHeight(natural)
    part.setMaximumHeight(natural)
    _relayout(window)
    frame = window.frameGeometry().height() - window.height()
    overflow = window.sizeHint().height() + max(frame, FRAME_ALLOWANCE) - screen.availableGeometry().height()
    height = max(floor, natural - max(0, overflow))
    part.setMinimumHeight(height)
    part.setMaximumHeight(height)
    _relayout(window)
    return height


def keep_on_screen(window: QWidget) -> None:
    """After the window grew (a message shown), move it up as far as needed to keep it all on screen."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    _relayout(window)
    available, frame = screen.availableGeometry(), window.frameGeometry()
    if frame.bottom() > available.bottom():
        window.move(window.x(), max(available.top(), window.y() - (frame.bottom() - available.bottom())))


def _relayout(window: QWidget) -> None:
    """Apply a size change now (a fixed-size layout resizes its window on the next turn of the loop)."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # inner layouts first
    layout = window.layout()
    if layout is not None:
        layout.invalidate()
        layout.activate()
