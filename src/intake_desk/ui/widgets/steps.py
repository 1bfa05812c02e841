"""The step indicator across the top of the intake page: where the clerk is, what is done, what has a problem."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from intake_desk.ui import style

DONE, CURRENT, PENDING, PROBLEM = "done", "current", "pending", "problem"


class StepIndicator(QWidget):
    step_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.titles: list[str] = []
        self.shortcuts: list[str] = []
        self.states: list[str] = []
        self.current = 0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)

    def set_steps(self, titles: list[str], shortcuts: list[str] | None = None) -> None:
        self.titles = list(titles)
        self.shortcuts = list(shortcuts or [""] * len(titles))
        self.states = [PENDING] * len(titles)
        self._update_tooltip()
        self.update()

    def set_current(self, index: int) -> None:
        self.current = index
        self._update_tooltip()
        self.update()

    def set_state(self, index: int, state: str) -> None:
        if self.states[index] != state:
            self.states[index] = state
            self.update()

    def state(self, index: int) -> str:
        return CURRENT if index == self.current else self.states[index]

    def _update_tooltip(self) -> None:
        lines = [f"{i + 1}. {t}  ({s})" if s else f"{i + 1}. {t}" for i, (t, s) in
                 enumerate(zip(self.titles, self.shortcuts, strict=True))]
        self.setToolTip("\n".join(lines))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(900, 64)

    def _slot(self, index: int) -> QRectF:
        width = self.width() / max(1, len(self.titles))
        return QRectF(index * width, 0, width, self.height())

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        for index in range(len(self.titles)):
            if self._slot(index).contains(event.position()):
                self.step_clicked.emit(index)
                return
        super().mousePressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        if not self.titles:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        radius = 14.0
        centre_y = 20.0
        count = len(self.titles)
        # connecting line behind the circles
        for index in range(count - 1):
            a, b = self._slot(index), self._slot(index + 1)
            done = self.states[index] == DONE
            painter.setPen(QPen(QColor(style.BLUE if done else style.BORDER), 3))
            painter.drawLine(QPointF(a.center().x() + radius + 4, centre_y), QPointF(b.center().x() - radius - 4, centre_y))
        base = QFont(self.font())
        for index, title in enumerate(self.titles):
            slot = self._slot(index)
            centre = QPointF(slot.center().x(), centre_y)
            state = self.state(index)
            fill, ring, text_colour = {
                CURRENT: (style.BLUE, style.BLUE_DARK, "white"),
                DONE: ("#e3eefb", style.BLUE, style.BLUE_DARK),
                PROBLEM: (style.RED_BG, style.RED, style.RED),
                PENDING: ("white", "#9aa7b6", style.MUTED),
            }[state]
            painter.setPen(QPen(QColor(ring), 2))
            painter.setBrush(QColor(fill))
            painter.drawEllipse(centre, radius, radius)
            mark = {DONE: "✓", PROBLEM: "!"}.get(state, str(index + 1))
            font = QFont(base)
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(QColor(text_colour))
            painter.drawText(QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius),
                             Qt.AlignmentFlag.AlignCenter, mark)
            label_font = QFont(base)
            label_font.setBold(state == CURRENT)
            painter.setFont(label_font)
            painter.setPen(QColor(style.TEXT if state in (CURRENT, DONE) else
                                  style.RED if state == PROBLEM else style.MUTED))
            painter.drawText(QRectF(slot.left() + 2, centre_y + radius + 4, slot.width() - 4, 24),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, title)
        painter.end()
