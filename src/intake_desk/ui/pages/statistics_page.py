"""统计 – charts for the ledger: intakes per day, open referrals and overdue referrals per department.

All figures come from ``services.statistics.dashboard`` in one background call; the charts are
QtCharts views redrawn from it.
"""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QT_TRANSLATE_NOOP, QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.services.permissions import Permission, allowed
from intake_desk.services.statistics import Dashboard, DepartmentCount
from intake_desk.ui import style
from intake_desk.ui.i18n import pack_text
from intake_desk.ui.style import set_role
from intake_desk.ui.widgets.banner import Banner
from intake_desk.ui.widgets.follow_through import FollowThroughPanel
from intake_desk.ui.widgets.income_circles import IncomeCirclesPanel
from intake_desk.ui.widgets.timeliness_chart import TimelinessPanel
from intake_desk.ui.worker import run_in_background

RANGES = ((30, QT_TRANSLATE_NOOP("StatisticsPage", "近 30 天")), (90, QT_TRANSLATE_NOOP("StatisticsPage", "近 90 天")),
          (14, QT_TRANSLATE_NOOP("StatisticsPage", "近 14 天")))


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    font = QFont(chart.titleFont())
    font.setPointSize(12)
    font.setBold(True)
    chart.setTitleFont(font)
    chart.legend().hide()
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setMargins(QMargins(6, 6, 6, 6))
    chart.setBackgroundRoundness(6)
    return chart


def _nice_max(value: int) -> int:
    if value <= 5:
        return 5
    step = 10 ** (len(str(value)) - 1)
    return ((value // step) + 1) * step


class StatisticsPage(QWidget):
    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statisticsPage")
        self.services = services
        self.actor = actor
        self.dashboard: Dashboard | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        top = QHBoxLayout()
        title = QLabel(self.tr("统计"), self)
        set_role(title, "title")
        top.addWidget(title)
        top.addStretch(1)
        self.range = QComboBox(self)
        self.range.setObjectName("rangeCombo")
        for days, text in RANGES:
            self.range.addItem(self.tr(text), days)
        self.range.currentIndexChanged.connect(self.reload)
        top.addWidget(self.range)
        refresh = QPushButton(self.tr("刷新"), self)
        refresh.setShortcut("F5")
        refresh.clicked.connect(self.reload)
        top.addWidget(refresh)
        layout.addLayout(top)
        self.banner = Banner(self)
        layout.addWidget(self.banner)
        figures = QHBoxLayout()
        self.figure_labels: dict[str, QLabel] = {}
        for key, text in (("intakes", QT_TRANSLATE_NOOP("StatisticsPage", "受理申请")),
                          ("open", QT_TRANSLATE_NOOP("StatisticsPage", "未办结转介")),
                          ("overdue", QT_TRANSLATE_NOOP("StatisticsPage", "逾期转介"))):
            box = QVBoxLayout()
            value = QLabel("–", self)
            value.setObjectName(f"figure_{key}")
            set_role(value, "big-number")
            if key == "overdue":
                value.setStyleSheet(f"color: {style.RED};")
            caption = QLabel(self.tr(text), self)
            set_role(caption, "hint")
            box.addWidget(value)
            box.addWidget(caption)
            figures.addLayout(box)
            figures.addSpacing(40)
            self.figure_labels[key] = value
        figures.addStretch(1)
        layout.addLayout(figures)
        grid = QGridLayout()
        self.intake_view = self._view("intakeChart")
        self.open_view = self._view("openChart")
        self.overdue_view = self._view("overdueChart")
        grid.addWidget(self.intake_view, 0, 0, 1, 2)
        grid.addWidget(self.open_view, 1, 0)
        grid.addWidget(self.overdue_view, 1, 1)
        grid.setRowStretch(0, 1)
        grid.setRowStretch(1, 1)
        layout.addLayout(grid, 1)
        # Departments' timeliness and the applicants' ratings (督办与好差评).
        self.follow_through = FollowThroughPanel(services, actor, self)
        layout.addWidget(self.follow_through)
        # Receipt to decision (办理时效), per track.
        self.timeliness = TimelinessPanel(services, actor, self)
        layout.addWidget(self.timeliness)
        # Income circles of the monitored households (分圈), for those who work the libraries.
        self.circles: IncomeCirclesPanel | None = None
        if allowed(actor, Permission.DISCOVERY_WORK):
            self.circles = IncomeCirclesPanel(services, actor, self)
            layout.addWidget(self.circles)
        self.reload()

    def _view(self, name: str) -> QChartView:
        view = QChartView(_chart(""), self)
        view.setObjectName(name)
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setMinimumHeight(240)
        return view

    # -- data ------------------------------------------------------------------------------------
    def reload(self) -> None:
        services, actor, days = self.services, self.actor, int(self.range.currentData() or 30)
        run_in_background(self, lambda: services.statistics.dashboard(actor, days=days), self.show_dashboard,
                          label=self.tr("统计"))
        self.follow_through.reload(days)
        self.timeliness.reload(days)
        if self.circles is not None:
            self.circles.reload(days)

    def page_shown(self) -> None:
        self.reload()

    def show_error(self, message: str) -> None:
        self.banner.show_message("error", message)

    def show_dashboard(self, dashboard: Dashboard) -> None:
        self.dashboard = dashboard
        self.figure_labels["intakes"].setText(f"{dashboard.intake_total:,}")
        self.figure_labels["open"].setText(f"{sum(d.count for d in dashboard.open_referrals):,}")
        self.figure_labels["overdue"].setText(f"{sum(d.count for d in dashboard.overdue_referrals):,}")
        self.intake_view.setChart(self._intake_chart(dashboard))
        self.open_view.setChart(self._department_chart(self.tr("各部门未办结转介"), dashboard.open_referrals,
                                                       style.BLUE))
        self.overdue_view.setChart(self._department_chart(self.tr("各部门逾期转介"), dashboard.overdue_referrals,
                                                          style.RED))

    def _intake_chart(self, dashboard: Dashboard) -> QChart:
        chart = _chart(self.tr("每日受理申请（{0} 至 {1}）").format(dashboard.start.isoformat(),
                                                               dashboard.end.isoformat()))
        bars = QBarSet(self.tr("受理数"))
        bars.setColor(QColor(style.BLUE))
        categories = []
        for day in dashboard.intakes:
            bars.append(day.count)
            categories.append(f"{day.day:%m-%d}")
        series = QBarSeries()
        series.append(bars)
        series.setBarWidth(0.8)
        chart.addSeries(series)
        x = QBarCategoryAxis()
        x.append(categories)
        x.setLabelsAngle(-90 if len(categories) > 20 else 0)
        if len(categories) > 40:
            small = QFont(x.labelsFont())
            small.setPointSize(7)
            x.setLabelsFont(small)
        y = QValueAxis()
        y.setLabelFormat("%d")
        y.setRange(0, _nice_max(max((d.count for d in dashboard.intakes), default=0)))
        y.applyNiceNumbers()
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)
        return chart

    def _department_chart(self, title: str, counts: tuple[DepartmentCount, ...], colour: str) -> QChart:
        chart = _chart(title)
        bars = QBarSet(title)
        bars.setColor(QColor(colour))
        bars.setLabelColor(QColor(style.TEXT))
        ordered = list(reversed(counts))  # first department at the top
        for item in ordered:
            bars.append(item.count)
        series = QHorizontalBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsOutsideEnd)
        chart.addSeries(series)
        y = QBarCategoryAxis()
        y.append([pack_text(item.name) for item in ordered])
        y.setTruncateLabels(False)  # a department is named whole; the plot gives way
        x = QValueAxis()
        x.setLabelFormat("%d")
        # Room after the longest bar for its label.
        x.setRange(0, _nice_max(max((c.count * 115 // 100 for c in counts), default=0)))
        x.applyNiceNumbers()
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(y)
        series.attachAxis(x)
        return chart


Page = StatisticsPage
