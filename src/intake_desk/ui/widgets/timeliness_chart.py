"""统计 → 办理时效: working days from receipt to decision per track (常规 / 告知承诺) – mean and P90 as
bars – with the decided count, the share decided by the receipt's promised date, and what is open and
overdue now. The figures come from ``ProcedureReportService.timeliness`` in one background call."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.services.procedure_report import TimelinessReport
from intake_desk.ui import style
from intake_desk.ui.style import set_role
from intake_desk.ui.worker import error_message, run_in_background

TRACKS = ("normal", "fast_track")


class TimelinessPanel(QWidget):
    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelinessPanel")
        self.services = services
        self.actor = actor
        self.report: TimelinessReport | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        title = QLabel(self.tr("办理时效（受理至决定，工作日）"), self)
        set_role(title, "subtitle")
        layout.addWidget(title)
        self.view = QChartView(QChart(), self)
        self.view.setObjectName("timelinessChart")
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(220)
        layout.addWidget(self.view)
        self.summary = QLabel(self)
        self.summary.setObjectName("timelinessSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

    def _names(self) -> dict[str, str]:
        return {"normal": self.tr("常规流程"), "fast_track": self.tr("告知承诺")}

    def reload(self, days: int) -> None:
        services, actor = self.services, self.actor
        start = services.clock.today() - timedelta(days=days)
        run_in_background(self, lambda: services.procedure_report.timeliness(actor, date_from=start), self.show_report,
                          lambda error: self.summary.setText(error_message(error)), label=self.tr("办理时效"))

    def show_report(self, report: TimelinessReport) -> None:
        self.report = report
        chart = QChart()
        chart.legend().setVisible(True)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setMargins(QMargins(6, 6, 6, 6))
        mean, p90 = QBarSet(self.tr("平均")), QBarSet(self.tr("P90"))
        mean.setColor(QColor(style.BLUE))
        p90.setColor(QColor(style.AMBER))
        for bars in (mean, p90):
            bars.setLabelColor(QColor(style.TEXT))
        names = self._names()
        highest = 0.0
        for key in TRACKS:
            figures = report.tracks[key]
            mean.append(figures.mean_working_days or 0.0)
            p90.append(float(figures.p90_working_days or 0))
            highest = max(highest, figures.mean_working_days or 0.0, float(figures.p90_working_days or 0))
        series = QBarSeries()
        series.append(mean)
        series.append(p90)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value")
        chart.addSeries(series)
        x = QBarCategoryAxis()
        x.append([names[k] for k in TRACKS])
        y = QValueAxis()
        y.setLabelFormat("%d")
        y.setRange(0, max(5.0, highest * 1.2))
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)
        self.view.setChart(chart)
        lines = []
        for key in TRACKS:
            f = report.tracks[key]
            share = "—" if f.on_time_share is None else f"{f.on_time_share:.0%}"
            lines.append(self.tr("%1：已决定 %2 件，按承诺日期办结 %3，在办 %4 件，逾期 %5 件").replace("%1", names[key])
                         .replace("%2", str(f.decided)).replace("%3", share).replace("%4", str(f.open))
                         .replace("%5", str(f.overdue)))
        self.summary.setText("\n".join(lines))
