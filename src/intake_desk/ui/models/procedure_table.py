"""The procedure queue (办理) as a lazy table model (``lazy_table``): open procedures by the current step's
due date, read a page at a time with keyset paging (the last row's due date and id), off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor

from intake_desk.services.procedure_report import ProcedureCursor, ProcedurePage, ProcedureQueueRow
from intake_desk.ui import style
from intake_desk.ui.i18n import label, pack_text
from intake_desk.ui.models.lazy_table import ROW_ROLE, KeysetTableModel, Runner

__all__ = ["COLUMNS", "KEYS", "ROW_ROLE", "ProcedureTableModel"]

Fetch = Callable[[ProcedureCursor | None, int], ProcedurePage]
PAGE_SIZE = 200


def _t(text: str) -> str:
    return QCoreApplication.translate("ProcedureTable", text)


COLUMNS: tuple[tuple[str, Callable[[], str]], ...] = (
    ("number", lambda: QCoreApplication.translate("ProcedureTable", "受理编号")),
    ("applicant", lambda: QCoreApplication.translate("ProcedureTable", "申请人")),
    ("type", lambda: QCoreApplication.translate("ProcedureTable", "救助类别")),
    ("track", lambda: QCoreApplication.translate("ProcedureTable", "通道")),
    ("step", lambda: QCoreApplication.translate("ProcedureTable", "当前步骤")),
    ("step_due", lambda: QCoreApplication.translate("ProcedureTable", "步骤期限")),
    ("due", lambda: QCoreApplication.translate("ProcedureTable", "办结期限")),
    ("received", lambda: QCoreApplication.translate("ProcedureTable", "受理日期")),
)
KEYS = [key for key, _ in COLUMNS]


class ProcedureTableModel(KeysetTableModel[ProcedureQueueRow, ProcedureCursor]):
    columns = COLUMNS
    row_key = attrgetter("procedure_id")

    def __init__(self, fetch: Fetch, count: Callable[[], int], runner: Runner, parent: Any = None) -> None:
        super().__init__(fetch, count, runner, parent, page_size=PAGE_SIZE)

    def text(self, row: ProcedureQueueRow, key: str) -> str:
        return self._text(row, key)

    def extra(self, row: ProcedureQueueRow, key: str, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and row.overdue:
            return QBrush(QColor(style.RED_BG))
        if role == Qt.ItemDataRole.ForegroundRole and row.overdue and key in ("step", "step_due", "due"):
            return QBrush(QColor(style.RED))
        return None

    @staticmethod
    def _text(row: ProcedureQueueRow, key: str) -> str:
        if key == "number":
            return row.number
        if key == "applicant":
            return row.applicant_name
        if key == "type":
            return label(row.assistance_type)
        if key == "track":
            return label(row.track) + (QCoreApplication.translate("ProcedureTable", "（已延期）") if row.extended else "")
        if key == "step":
            return pack_text(row.step_name) + (QCoreApplication.translate("ProcedureTable", "（逾期）") if row.overdue else "")
        if key == "step_due":
            return row.step_due_date.isoformat()
        if key == "due":
            return row.due_date.isoformat()
        if key == "received":
            return row.received_on.isoformat()
        return ""
