"""The 发现 page's lists (leads, monitored households) as lazy table models (``lazy_table``): counted,
paged by offset, a row already shown never added twice."""

from __future__ import annotations

from operator import attrgetter
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor

from intake_desk.services.discovery import LeadRow
from intake_desk.services.monitoring import MonitoredRow
from intake_desk.ui import style
from intake_desk.ui.i18n import label, pack_list, pack_text
from intake_desk.ui.models.lazy_table import ROW_ROLE, OffsetTableModel

__all__ = ["ROW_ROLE", "LeadTableModel", "MonitoredTableModel", "visit_due_text"]


class LeadTableModel(OffsetTableModel[LeadRow]):
    row_key = attrgetter("id")
    columns = (
        ("name", lambda: QCoreApplication.translate("DiscoveryTable", "姓名")), ("resident_id", lambda: QCoreApplication.translate("DiscoveryTable", "身份证号")), ("source", lambda: QCoreApplication.translate("DiscoveryTable", "名单来源")),
        ("reason", lambda: QCoreApplication.translate("DiscoveryTable", "类别/原因")), ("address", lambda: QCoreApplication.translate("DiscoveryTable", "住址")), ("phone", lambda: QCoreApplication.translate("DiscoveryTable", "联系电话")),
        ("worker", lambda: QCoreApplication.translate("DiscoveryTable", "走访人")), ("status", lambda: QCoreApplication.translate("DiscoveryTable", "状态")), ("created", lambda: QCoreApplication.translate("DiscoveryTable", "发现日期")),
    )

    source_names: dict[str, str] = {}
    """Source code → its name in the window's language (set by the page from the pack)."""

    def text(self, row: LeadRow, key: str) -> str:
        if key == "source":
            return self.source_names.get(row.source, row.source_name)
        if key == "status":
            return label(row.outcome) if row.outcome else label(row.status)
        return {
            "name": row.name, "resident_id": row.resident_id_masked, "source": row.source_name,
            "reason": row.reason, "address": row.address, "phone": row.phone,
            "worker": row.worker_name or QCoreApplication.translate("DiscoveryTable", "未分派"), "created": f"{row.created_at:%Y-%m-%d}",
        }.get(key, "")


def visit_due_text(row: MonitoredRow) -> str:
    """距走访 as the clerk reads it: “逾期 3 个工作日”, “今日到期”, “5 个工作日”."""
    left = row.visit_days_left
    if left is None:
        return "—"
    # One working day has its own text: English says "1 working day", not "1 working days".
    if row.overdue:
        if left == -1:
            return QCoreApplication.translate("DiscoveryTable", "逾期 1 个工作日")
        return QCoreApplication.translate("DiscoveryTable", "逾期 %n 个工作日").replace("%n", str(-left)) if left < 0 else QCoreApplication.translate("DiscoveryTable", "已逾期")
    if left == 0:
        return QCoreApplication.translate("DiscoveryTable", "今日到期")
    if left == 1:
        return QCoreApplication.translate("DiscoveryTable", "1 个工作日")
    return QCoreApplication.translate("DiscoveryTable", "%n 个工作日").replace("%n", str(left))


class MonitoredTableModel(OffsetTableModel[MonitoredRow]):
    row_key = attrgetter("id")
    columns = (
        ("name", lambda: QCoreApplication.translate("DiscoveryTable", "户主")), ("resident_id", lambda: QCoreApplication.translate("DiscoveryTable", "身份证号")), ("library", lambda: QCoreApplication.translate("DiscoveryTable", "库别")),
        ("risks", lambda: QCoreApplication.translate("DiscoveryTable", "风险因素")), ("circle", lambda: QCoreApplication.translate("DiscoveryTable", "收入圈")), ("due", lambda: QCoreApplication.translate("DiscoveryTable", "下次走访")),
        ("left", lambda: QCoreApplication.translate("DiscoveryTable", "距走访")), ("recheck", lambda: QCoreApplication.translate("DiscoveryTable", "复核日期")), ("worker", lambda: QCoreApplication.translate("DiscoveryTable", "负责人")),
    )

    def text(self, row: MonitoredRow, key: str) -> str:
        if key == "left":
            return visit_due_text(row) + (" *" if row.calendar_fallback else "")
        return {
            "name": row.name, "resident_id": row.resident_id_masked, "library": label(row.library),
            "risks": pack_list(row.risk_factor_names), "circle": pack_text(row.circle_name) or "—",
            "due": row.next_visit_due.isoformat(), "recheck": row.next_recheck_due.isoformat(),
            "worker": row.worker_name,
        }.get(key, "")

    def extra(self, row: MonitoredRow, key: str, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and row.overdue:
            return QBrush(QColor(style.RED_BG))
        if role == Qt.ItemDataRole.ForegroundRole and row.overdue and key in ("due", "left"):
            return QBrush(QColor(style.RED))
        if role == Qt.ItemDataRole.ToolTipRole and key == "left" and row.calendar_fallback:
            return QCoreApplication.translate("DiscoveryTable", "按周一至周五计算（该年节假日安排尚未录入）")
        return None
