"""The three lists of the 督办 page – the ladder, callbacks and follow-ups – as lazy table models
(``lazy_table``): paged by offset, uncounted, each list ending at its first short page."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor

from intake_desk.domain.enums import PostCheckKind, Rung
from intake_desk.services.callbacks import CallbackRow, FollowUpRow
from intake_desk.services.urging import LadderItem
from intake_desk.ui import style
from intake_desk.ui.i18n import label, pack_text
from intake_desk.ui.models.lazy_table import PAGE_SIZE, ROW_ROLE, Column, OffsetTableModel, Runner

__all__ = ["CALLBACK_COLUMNS", "FOLLOW_UP_COLUMNS", "LADDER_COLUMNS", "ROW_ROLE", "UrgingTableModel",
           "callback_text", "days_text", "follow_up_text", "item_number", "ladder_alert", "ladder_text"]

R = TypeVar("R")


def days_text(working_days_left: int) -> str:
    """“逾期 3 个工作日”, “今日到期”, “还剩 2 个工作日”."""
    # One working day has its own text: English says "1 working day", not "1 working days".
    if working_days_left == -1:
        return QCoreApplication.translate("UrgingTables", "逾期 1 个工作日")
    if working_days_left < 0:
        return QCoreApplication.translate("UrgingTables", "逾期 {n} 个工作日").format(n=-working_days_left)
    if working_days_left == 0:
        return QCoreApplication.translate("UrgingTables", "今日到期")
    if working_days_left == 1:
        return QCoreApplication.translate("UrgingTables", "还剩 1 个工作日")
    return QCoreApplication.translate("UrgingTables", "还剩 {n} 个工作日").format(n=working_days_left)


class UrgingTableModel(OffsetTableModel[R]):
    """One of the page's lists: its ``columns``, how a row reads in them, and which rows are shown red."""

    def __init__(self, columns: Sequence[Column], text: Callable[[R, str], str], runner: Runner,
                 parent: Any = None, *, alert: Callable[[R], bool] | None = None,
                 page_size: int = PAGE_SIZE) -> None:
        super().__init__(lambda _offset, _limit: [], None, runner, parent, page_size=page_size)
        self.columns = list(columns)
        self._text = text
        self._alert = alert or (lambda _row: False)

    def replace_row(self, row: int, updated: R) -> None:
        self.replace_at(row, updated)

    def text(self, row: R, key: str) -> str:
        return self._text(row, key)

    def extra(self, row: R, key: str, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and self._alert(row):
            return QBrush(QColor(style.RED_BG))
        return None


# -- the three lists -------------------------------------------------------------------------------

LADDER_COLUMNS: tuple[tuple[str, Callable[[], str]], ...] = (
    ("rung", lambda: QCoreApplication.translate("UrgingTables", "梯度")),
    ("kind", lambda: QCoreApplication.translate("UrgingTables", "事项")),
    ("number", lambda: QCoreApplication.translate("UrgingTables", "编号")),
    ("applicant", lambda: QCoreApplication.translate("UrgingTables", "申请人")),
    ("responsible", lambda: QCoreApplication.translate("UrgingTables", "责任单位")),
    ("due", lambda: QCoreApplication.translate("UrgingTables", "办理期限")),
    ("left", lambda: QCoreApplication.translate("UrgingTables", "时限")),
)


_NUMBER_SUFFIXES = {"整改": QT_TRANSLATE_NOOP("UrgingTables", "整改"), "延期": QT_TRANSLATE_NOOP("UrgingTables", "延期")}


def item_number(number: str) -> str:
    """A dated item's number as the ladder shows it: ``receipt number·check`` with the check in the window's language."""
    head, dot, tail = number.rpartition("·")
    if not dot:
        return number
    kind = next((k for k in PostCheckKind if k.zh == tail), None)
    if kind is not None:
        return f"{head}·{label(kind)}"
    if tail in _NUMBER_SUFFIXES:
        return f"{head}·{QCoreApplication.translate('UrgingTables', _NUMBER_SUFFIXES[tail])}"
    return number


def ladder_text(item: LadderItem, key: str) -> str:
    if key == "rung":
        return label(item.rung)
    if key == "kind":
        return label(item.kind)
    if key == "number":
        return item_number(item.number)
    if key == "applicant":
        return item.applicant_name
    if key == "responsible":
        return pack_text(item.responsible)
    if key == "due":
        return item.due_date.isoformat()
    if key == "left":
        return days_text(item.position.working_days_left)
    return ""


def ladder_alert(item: LadderItem) -> bool:
    return item.rung in (Rung.URGED, Rung.ESCALATED, Rung.OVERDUE)


CALLBACK_COLUMNS: tuple[tuple[str, Callable[[], str]], ...] = (
    ("subject", lambda: QCoreApplication.translate("UrgingTables", "事项")),
    ("number", lambda: QCoreApplication.translate("UrgingTables", "编号")),
    ("applicant", lambda: QCoreApplication.translate("UrgingTables", "申请人")),
    ("phone", lambda: QCoreApplication.translate("UrgingTables", "电话")),
    ("department", lambda: QCoreApplication.translate("UrgingTables", "部门")),
    ("decided", lambda: QCoreApplication.translate("UrgingTables", "办结日期")),
    ("due", lambda: QCoreApplication.translate("UrgingTables", "回访期限")),
    ("tries", lambda: QCoreApplication.translate("UrgingTables", "已回访次数")),
    ("rating", lambda: QCoreApplication.translate("UrgingTables", "评价")),
)


def callback_text(row: CallbackRow, key: str) -> str:
    if key == "subject":
        return label(row.subject)
    if key == "number":
        return row.subject_number
    if key == "applicant":
        return row.applicant_name
    if key == "phone":
        return row.applicant_phone_masked
    if key == "department":
        return pack_text(row.department_name)
    if key == "decided":
        return row.decided_on.isoformat()
    if key == "due":
        return row.due_date.isoformat() + (QCoreApplication.translate("UrgingTables", "（逾期）") if row.overdue else "")
    if key == "tries":
        return str(row.tries)
    if key == "rating":
        if row.rating is not None:
            return label(row.rating)
        return QCoreApplication.translate("UrgingTables", "无法联系") if row.status == "unreachable" else ""
    return ""


FOLLOW_UP_COLUMNS: tuple[tuple[str, Callable[[], str]], ...] = (
    ("number", lambda: QCoreApplication.translate("UrgingTables", "编号")),
    ("applicant", lambda: QCoreApplication.translate("UrgingTables", "申请人")),
    ("department", lambda: QCoreApplication.translate("UrgingTables", "部门")),
    ("rating", lambda: QCoreApplication.translate("UrgingTables", "评价")),
    ("opened", lambda: QCoreApplication.translate("UrgingTables", "开始日期")),
    ("due", lambda: QCoreApplication.translate("UrgingTables", "整改期限")),
    ("left", lambda: QCoreApplication.translate("UrgingTables", "时限")),
    ("status", lambda: QCoreApplication.translate("UrgingTables", "状态")),
)


def follow_up_text(row: FollowUpRow, key: str) -> str:
    if key == "number":
        return row.subject_number
    if key == "applicant":
        return row.applicant_name
    if key == "department":
        return pack_text(row.department_name)
    if key == "rating":
        return label(row.rating)
    if key == "opened":
        return row.opened_on.isoformat()
    if key == "due":
        return row.due_date.isoformat()
    if key == "left":
        return days_text(row.position.working_days_left) if row.status == "open" else label(row.position.rung)
    if key == "status":
        return QCoreApplication.translate("UrgingTables", "整改中") if row.status == "open" else QCoreApplication.translate("UrgingTables", "已关闭")
    return ""
