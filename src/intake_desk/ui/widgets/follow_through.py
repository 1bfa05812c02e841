"""统计 → 部门协同时效与满意度: per department, how referrals were answered and how applicants rated them.

One row per department – referrals sent in the period, completed, on time, completed late, urged,
escalated, answered only after urging, the median working days from sending to completion, still open
and overdue, ratings and the satisfied share – and a line for the window itself: ratings per clerk and
the follow-ups still open. The figures come from ``UrgingService.department_figures`` and
``CallbackService.satisfaction`` in one background call.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTableView, QVBoxLayout, QWidget

from intake_desk.services.actor import Actor
from intake_desk.services.callbacks import SatisfactionReport
from intake_desk.services.context import Services
from intake_desk.services.urging import DepartmentFigures
from intake_desk.ui.columns import fit_columns
from intake_desk.ui.i18n import pack_text
from intake_desk.ui.style import set_role
from intake_desk.ui.worker import error_message, run_in_background


@dataclass(frozen=True)
class FollowThrough:
    departments: list[DepartmentFigures]
    satisfaction: SatisfactionReport


def _share(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


class FollowThroughPanel(QWidget):
    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("followThroughPanel")
        self.services = services
        self.actor = actor
        self.figures: FollowThrough | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        title = QLabel(self.tr("部门协同时效与满意度"), self)
        set_role(title, "subtitle")
        layout.addWidget(title)
        self.model = QStandardItemModel(0, 0, self)
        self.table = QTableView(self)
        self.table.setObjectName("followThroughTable")
        self.table.setModel(self.model)
        self.table.setTabKeyNavigation(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        fit_columns(self.table)  # a long department name gives way to the figures (whole in its tooltip)
        # the header and five departments, whatever the font: the page scrolls on a short screen instead
        self.table.setMinimumHeight(6 * (self.table.fontMetrics().height() + 10) + 2 * self.table.frameWidth())
        layout.addWidget(self.table)
        self.summary = QLabel(self)
        self.summary.setObjectName("satisfactionSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

    def headers(self) -> list[str]:
        return [self.tr("部门"), self.tr("已发送"), self.tr("已办结"), self.tr("按时"), self.tr("逾期办结"),
                self.tr("被催办"), self.tr("被督办"), self.tr("催办后回复"), self.tr("办结中位工作日"),
                self.tr("逾期未结"), self.tr("评价"), self.tr("满意率")]

    def reload(self, days: int) -> None:
        services, actor = self.services, self.actor
        today = services.clock.today()
        start = today - timedelta(days=days - 1)

        def load() -> FollowThrough:
            return FollowThrough(services.urging.department_figures(actor, start, today),
                                 services.callbacks.satisfaction(actor, start, today))

        run_in_background(self, load, self.show_figures,
                          lambda error: self.summary.setText(error_message(error)), label=self.tr("统计"))

    def show_figures(self, figures: FollowThrough) -> None:
        self.figures = figures
        report = figures.satisfaction
        self.model.clear()
        self.model.setHorizontalHeaderLabels(self.headers())
        for d in figures.departments:
            rated = report.by_department.get(d.department_name)
            cells = [pack_text(d.department_name), d.sent, d.completed, d.on_time, d.late, d.urged, d.escalated,
                     d.replied_after_urging, "—" if d.median_working_days is None else f"{d.median_working_days:g}",
                     d.open_overdue, rated.total if rated else 0,
                     _share(rated.satisfied_share(report.rules) if rated else None)]
            row = []
            for value in cells:
                item = QStandardItem(str(value))
                if not isinstance(value, str) or value == "—" or value.endswith("%"):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                row.append(item)
            self.model.appendRow(row)
        clerks = "；".join(f"{name} {f.total}（{_share(f.satisfied_share(report.rules))}）"
                          for name, f in sorted(report.by_clerk.items()))
        # One counted text a count: each takes its own plural form in English.
        self.summary.setText(
            self.tr("好差评 %n 条", "", report.overall.total)
            + self.tr("，满意率 %1").replace("%1", _share(report.overall.satisfied_share(report.rules)))
            + self.tr("；整改未结 %n 件", "", report.follow_ups_open)
            + self.tr("（逾期 %n 件）", "", report.follow_ups_overdue)
            + (self.tr("。窗口人员：") + clerks if clerks else ""))
