"""The 核查 list as a lazy table model (``lazy_table``): counted, paged by offset, 100 rows a page, a row
already shown never added twice; overdue rows red, a problem's grade amber, a pass green."""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor

from intake_desk.domain.enums import BreachGrade, PostCheckStatus
from intake_desk.services.postchecks import PostCheckRow
from intake_desk.ui import style
from intake_desk.ui.i18n import label
from intake_desk.ui.models.lazy_table import ROW_ROLE, OffsetTableModel, Runner

__all__ = ["COLUMNS", "KEYS", "ROW_ROLE", "PostCheckTableModel", "days_left_text"]

PAGE_SIZE = 100


def _t(text: str) -> str:
    return QCoreApplication.translate("PostCheckTable", text)


COLUMNS: tuple[tuple[str, Callable[[], str]], ...] = (
    ("number", lambda: QCoreApplication.translate("PostCheckTable", "受理编号")),
    ("applicant", lambda: QCoreApplication.translate("PostCheckTable", "申请人")),
    ("kind", lambda: QCoreApplication.translate("PostCheckTable", "核查类型")),
    ("due", lambda: QCoreApplication.translate("PostCheckTable", "到期日")),
    ("left", lambda: QCoreApplication.translate("PostCheckTable", "剩余工作日")),
    ("status", lambda: QCoreApplication.translate("PostCheckTable", "状态")),
    ("grade", lambda: QCoreApplication.translate("PostCheckTable", "失信等级")),
    ("resident_id", lambda: QCoreApplication.translate("PostCheckTable", "身份证号")),
    ("done_by", lambda: QCoreApplication.translate("PostCheckTable", "核查人")),
)
KEYS = [key for key, _ in COLUMNS]


def days_left_text(row: PostCheckRow) -> str:
    """剩余工作日 as the clerk reads it: “逾期 3 个工作日”, “今日到期”, “5”."""
    left = row.working_days_left
    if left is None:
        return "—"
    if row.overdue:
        # Due on a holiday and today still a holiday: late, but not yet by a working day.
        if left == -1:  # English says "1 working day", not "1 working days"
            return QCoreApplication.translate("PostCheckTable", "逾期 1 个工作日")
        return QCoreApplication.translate("PostCheckTable", "逾期 %n 个工作日").replace("%n", str(-left)) if left < 0 else QCoreApplication.translate("PostCheckTable", "已逾期")
    if left == 0:
        return QCoreApplication.translate("PostCheckTable", "今日到期")
    return str(left)


class PostCheckTableModel(OffsetTableModel[PostCheckRow]):
    columns = COLUMNS
    row_key = attrgetter("id")

    def __init__(self, fetch: Callable[[int, int], list[PostCheckRow]], count: Callable[[], int],
                 runner: Runner, parent: Any = None, *, page_size: int = PAGE_SIZE) -> None:
        super().__init__(fetch, count, runner, parent, page_size=page_size)
        self.fallback_tooltip = ""

    def index_of(self, post_check_id: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == post_check_id), -1)

    def replace_row(self, updated: PostCheckRow) -> int:
        """Show a row as the service returned it after a change (it stays where it is until reloaded)."""
        i = self.index_of(updated.id)
        self.replace_at(i, updated)
        return i

    def text(self, row: PostCheckRow, key: str) -> str:
        return self._text(row, key)

    def extra(self, row: PostCheckRow, key: str, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and row.overdue:
            return QBrush(QColor(style.RED_BG))
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.overdue and key in ("due", "left", "status"):
                return QBrush(QColor(style.RED))
            if key == "grade" and row.breach_grade is not BreachGrade.NONE:
                return QBrush(QColor(style.AMBER))
            if key == "status" and row.status is PostCheckStatus.PASSED:
                return QBrush(QColor(style.GREEN))
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "left" and row.calendar_fallback:
                return self.fallback_tooltip or QCoreApplication.translate("PostCheckTable", "按周一至周五计算（该年节假日安排尚未录入）")
            if key == "status" and row.result:
                return row.result
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("left", "due"):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    @staticmethod
    def _text(row: PostCheckRow, key: str) -> str:
        if key == "number":
            return row.application_number
        if key == "applicant":
            return row.applicant_name
        if key == "resident_id":
            return row.applicant_id_masked
        if key == "kind":
            return label(row.kind)
        if key == "due":
            return row.due_date.isoformat()
        if key == "left":
            text = days_left_text(row)
            return f"{text} *" if row.calendar_fallback else text
        if key == "status":
            return label(row.status) + (QCoreApplication.translate("PostCheckTable", "（逾期）") if row.overdue else "")
        if key == "grade":
            return "" if row.breach_grade is BreachGrade.NONE else label(row.breach_grade)
        if key == "done_by":
            return row.done_by_name
        return ""
