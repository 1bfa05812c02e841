"""审计记录 – the audit trail of one application, for supervisors and administrators.

Everything recorded about the application, its referrals and its post-checks, oldest first: when,
who, what, and for changes the value before → after. Read through ``services.audit``; the program's
whole hash chain is checked with ``intake-desk audit verify``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from intake_desk.domain.enums import ApplicationStatus, Labelled, PostCheckStatus, ReferralStatus
from intake_desk.policy.referral_states import ReferralAction
from intake_desk.services.actor import Actor
from intake_desk.services.audit import AuditEntry
from intake_desk.services.clock import local
from intake_desk.services.context import Services
from intake_desk.ui.i18n import label
from intake_desk.ui.placement import opening_size
from intake_desk.ui.style import set_role
from intake_desk.ui.worker import error_message, run_in_background

Index = QModelIndex | QPersistentModelIndex


def _t(text: str) -> str:
    return QApplication.translate("AuditTrailDialog", text)


_ACTIONS: dict[str, str] = {
    "application.submit": QT_TRANSLATE_NOOP("AuditTrailDialog", "受理提交"),
    "application.reveal_id": QT_TRANSLATE_NOOP("AuditTrailDialog", "查看完整身份证号码"),
    "person.reveal_id": QT_TRANSLATE_NOOP("AuditTrailDialog", "查看完整身份证号码"),
    "person.open": QT_TRANSLATE_NOOP("AuditTrailDialog", "打开人员登记"),
    "person.lookup": QT_TRANSLATE_NOOP("AuditTrailDialog", "调出家庭成员信息"),
    "referral.create": QT_TRANSLATE_NOOP("AuditTrailDialog", "创建转介"),
    "referral.reassign": QT_TRANSLATE_NOOP("AuditTrailDialog", "改派"),
    "postcheck.record": QT_TRANSLATE_NOOP("AuditTrailDialog", "登记核查结果"),
    "postcheck.schedule": QT_TRANSLATE_NOOP("AuditTrailDialog", "安排抽查"),
    "document.print": QT_TRANSLATE_NOOP("AuditTrailDialog", "打印文书"),
}
_ENTITIES = {"application": QT_TRANSLATE_NOOP("AuditTrailDialog", "申请"),
             "referral": QT_TRANSLATE_NOOP("AuditTrailDialog", "转介"),
             "post_check": QT_TRANSLATE_NOOP("AuditTrailDialog", "核查")}


def action_label(action: str) -> str:
    """A person's words for an audit action code (the code itself when it has none)."""
    if action in _ACTIONS:
        return _t(_ACTIONS[action])
    area, _, verb = action.partition(".")
    if area == "referral":
        try:
            return label(ReferralAction(verb))
        except ValueError:
            pass
    if area == "application":
        try:
            return QApplication.translate("AuditTrailDialog", "状态改为“%1”").replace("%1", label(ApplicationStatus(verb)))
        except ValueError:
            pass
    return action


def _plain(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def describe_detail(detail: dict[str, Any], entity: str = "") -> str:
    """``{"status": ["received", "under_review"], "note": "…"}`` → ``status: 已受理 → 审核中; note: …``
    (statuses in the window's language, by the kind of record they belong to)."""
    parts = []
    for key, value in detail.items():
        if isinstance(value, list) and len(value) == 2 and not any(isinstance(v, list | dict) for v in value):
            before, after = value
            if key == "status":
                before, after = (_status(before, entity), _status(after, entity))
            parts.append(f"{key}: {_plain(before)} → {_plain(after)}")
        else:
            parts.append(f"{key}: {_plain(value)}")
    return "; ".join(parts)


_STATUSES: dict[str, tuple[type[Labelled], ...]] = {
    "application": (ApplicationStatus,), "referral": (ReferralStatus,), "post_check": (PostCheckStatus,)}


def _status(code: Any, entity: str = "") -> Any:
    for kind in _STATUSES.get(entity, (ApplicationStatus, ReferralStatus, PostCheckStatus)):
        try:
            return label(kind(code))
        except ValueError:
            continue
    return code


class AuditTrailModel(QAbstractTableModel):
    HEADERS = (QT_TRANSLATE_NOOP("AuditTrailDialog", "时间"), QT_TRANSLATE_NOOP("AuditTrailDialog", "操作人"),
               QT_TRANSLATE_NOOP("AuditTrailDialog", "操作"), QT_TRANSLATE_NOOP("AuditTrailDialog", "对象"),
               QT_TRANSLATE_NOOP("AuditTrailDialog", "内容"))

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries: list[AuditEntry] = []

    def set_entries(self, entries: Sequence[AuditEntry]) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt signature
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt signature
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt signature
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _t(self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.entries):
            return None
        entry = self.entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(entry, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"#{entry.id} {entry.action}\n{describe_detail(entry.detail, entry.entity)}"
        return None

    @staticmethod
    def text(entry: AuditEntry, column: int) -> str:
        if column == 0:
            return f"{local(entry.at):%Y-%m-%d %H:%M:%S}"
        if column == 1:
            return entry.actor_name
        if column == 2:
            return action_label(entry.action)
        if column == 3:
            return f"{_t(_ENTITIES.get(entry.entity, entry.entity))} {entry.entity_id}"
        return describe_detail(entry.detail, entry.entity)


class AuditTrailDialog(QDialog):
    """The trail of application ``number`` (loaded off the GUI thread when the dialog opens)."""

    def __init__(self, services: Services, actor: Actor, number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditTrailDialog")
        self.setWindowTitle(QApplication.translate("AuditTrailDialog", "审计记录 – %1").replace("%1", number))
        self.resize(opening_size(self, 980, 520))
        self.number = number
        layout = QVBoxLayout(self)
        title = QLabel(QApplication.translate("AuditTrailDialog", "申请 %1 的审计记录").replace("%1", number), self)
        set_role(title, "subtitle")
        layout.addWidget(title)
        hint = QLabel(QApplication.translate("AuditTrailDialog", "包括该申请及其转介、核查的每一次写入和查看完整身份证号码的记录；记录只增不改，"
                         "整条哈希链可用 intake-desk audit verify 校验。"), self)
        hint.setWordWrap(True)
        set_role(hint, "hint")
        layout.addWidget(hint)
        self.status = QLabel(QApplication.translate("AuditTrailDialog", "正在读取…"), self)
        self.status.setObjectName("auditTrailStatus")
        layout.addWidget(self.status)
        self.model = AuditTrailModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("auditTrailTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        for column, width in enumerate((150, 80, 140, 280)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.loaded = False
        trail = services.audit
        run_in_background(self, lambda: trail.application_trail(actor, number), self._loaded, self._failed,
                          busy=False, label="audit trail")

    def _loaded(self, entries: list[AuditEntry]) -> None:
        self.model.set_entries(entries)
        self.status.setText(QApplication.translate("AuditTrailDialog", "共 %1 条").replace("%1", str(len(entries))))
        set_role(self.status, "hint")
        self.loaded = True

    def _failed(self, error: BaseException) -> None:
        self.status.setText(error_message(error))
        set_role(self.status, "error")
        self.loaded = True


def open_audit_trail(parent: QWidget, services: Services, actor: Actor, number: str) -> AuditTrailDialog:
    dialog = AuditTrailDialog(services, actor, number, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
