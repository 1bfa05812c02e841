"""A detail pane beside a list that scrolls and gives wrapped lines their height.

A splitter does not pass a wrapped label's height-for-width on, so a narrow pane (1280×720) squeezes the
lines of a long reason or history into each other. ``scrolling_pane(content)`` puts the pane's content
in a scroll area whose content is at least as tall as its layout needs at the pane's width: the pane
scrolls down instead.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


class _HeightForWidth(QObject):
    def __init__(self, area: QScrollArea, content: QWidget) -> None:
        super().__init__(area)
        self.area = area
        self.content = content
        area.viewport().installEventFilter(self)
        content.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            QTimer.singleShot(0, self.fit)
        return False

    def fit(self) -> None:
        if not shiboken6.isValid(self.content) or not shiboken6.isValid(self.area):
            return
        layout = self.content.layout()
        if layout is None or not layout.hasHeightForWidth():
            return
        needed = layout.heightForWidth(self.area.viewport().width())
        if needed > 0 and needed != self.content.minimumHeight():
            self.content.setMinimumHeight(needed)


def scrolling_pane(content: QWidget, parent: QWidget | None = None) -> QScrollArea:
    """``content`` in a frameless scroll area that keeps it as tall as its wrapped lines need."""
    area = QScrollArea(parent)
    area.setObjectName(f"{content.objectName() or 'pane'}Scroll")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setWidget(content)
    # as wide as the content asks when built (it scrolls sideways only if a longer text comes later)
    area.setMinimumWidth(max(content.minimumWidth(), content.minimumSizeHint().width()) + area.verticalScrollBar().sizeHint().width())
    _HeightForWidth(area, content)
    return area
