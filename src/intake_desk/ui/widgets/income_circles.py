"""统计 → 分圈: monitored households per income circle now, and the moves into and out of each circle
in the period (seed 001's circles from 特困 up to 2 × the standard; ``MonitoringService``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.services.monitoring import CircleCount, CircleMoves
from intake_desk.ui.i18n import language
from intake_desk.ui.style import set_role
from intake_desk.ui.worker import error_message, run_in_background


@dataclass(frozen=True)
class Circles:
    counts: list[CircleCount]
    moves: list[CircleMoves]


class IncomeCirclesPanel(QWidget):
    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("incomeCirclesPanel")
        self.services, self.actor = services, actor
        self.circles: Circles | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        title = QLabel(self.tr("收入分圈（监测对象）"), self)
        set_role(title, "section")
        layout.addWidget(title)
        self.model = QStandardItemModel(0, 4, self)
        self.model.setHorizontalHeaderLabels([self.tr("收入圈"), self.tr("在库户数"), self.tr("本期移入"),
                                              self.tr("本期移出")])
        self.table = QTableView(self)
        self.table.setObjectName("circlesTable")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMaximumHeight(190)
        # the header and the circles (five in the shipped pack): the page scrolls on a short screen instead
        self.table.setMinimumHeight(min(190, 6 * (self.table.fontMetrics().height() + 10) + 2 * self.table.frameWidth()))
        layout.addWidget(self.table)
        self.error = QLabel(self)
        set_role(self.error, "error")
        self.error.hide()
        layout.addWidget(self.error)

    def reload(self, days: int) -> None:
        services, actor = self.services, self.actor
        today = services.clock.today()

        def read() -> Circles:
            return Circles(services.monitoring.circle_counts(actor),
                           services.monitoring.circle_moves(actor, today - timedelta(days=days - 1), today))

        run_in_background(self, read, self.show_circles, self._failed, busy=False, label="income circles")

    def _failed(self, error: BaseException) -> None:
        self.error.setText(error_message(error))
        self.error.show()

    def show_circles(self, circles: Circles) -> None:
        self.circles = circles
        self.error.hide()
        moved_in: dict[str, int] = {}
        moved_out: dict[str, int] = {}
        for month in circles.moves:
            for code, n in month.moves_in.items():
                moved_in[code] = moved_in.get(code, 0) + n
            for code, n in month.moves_out.items():
                moved_out[code] = moved_out.get(code, 0) + n
        self.model.setRowCount(0)
        english = not language().startswith("zh")
        for circle in circles.counts:
            cells = [circle.name_en if english else circle.name, str(circle.households),
                     str(moved_in.get(circle.code, 0)) if circle.code else "—",
                     str(moved_out.get(circle.code, 0)) if circle.code else "—"]
            items = [QStandardItem(text) for text in cells]
            for item in items[1:]:
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.model.appendRow(items)
