"""已被他人修改 – another desk saved the same record first: say who, offer to reload, lose nothing typed.

A service refuses a stale save with ``ConflictError`` (version columns; never a silent overwrite). This
dialog shows its sentence with the other person's name, keeps what the clerk had typed for the refused
save (selectable, to copy back after reloading), and offers "重新载入" (reload the record as it is now)
or "暂不载入" (keep looking at what is on screen).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from intake_desk.services.errors import ConflictError
from intake_desk.ui.i18n import in_language
from intake_desk.ui.style import set_role


def _t(text: str) -> str:
    return QApplication.translate("ConflictDialog", text)


class ConflictDialog(QDialog):
    def __init__(self, error: ConflictError, parent: QWidget | None = None, *, typed: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle(QApplication.translate("ConflictDialog", "已被他人修改"))
        self.setMinimumWidth(460)
        self.error = error
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        title = QLabel(QApplication.translate("ConflictDialog", "%1 刚刚修改了这条记录").replace("%1", error.changed_by or QApplication.translate("ConflictDialog", "其他用户")), self)
        title.setObjectName("conflictTitle")
        set_role(title, "subtitle")
        title.setWordWrap(True)
        layout.addWidget(title)
        message = QLabel(in_language(error.message), self)
        message.setObjectName("conflictMessage")
        message.setWordWrap(True)
        message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(message)
        hint = QLabel(QApplication.translate("ConflictDialog", "您的这次保存没有写入，以免覆盖对方的修改。重新载入后可看到对方保存的内容，再决定是否重新操作。"), self)
        hint.setWordWrap(True)
        set_role(hint, "hint")
        layout.addWidget(hint)
        self.typed: QPlainTextEdit | None = None
        if typed.strip():
            kept = QLabel(QApplication.translate("ConflictDialog", "您填写的内容(&W)（可复制后重新使用）："), self)
            layout.addWidget(kept)
            self.typed = QPlainTextEdit(typed, self)
            self.typed.setObjectName("conflictTyped")
            self.typed.setReadOnly(True)
            self.typed.setMaximumHeight(90)
            kept.setBuddy(self.typed)
            layout.addWidget(self.typed)
        buttons = QDialogButtonBox(self)
        self.reload_button = buttons.addButton(QApplication.translate("ConflictDialog", "重新载入"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.reload_button.setObjectName("conflictReload")
        set_role(self.reload_button, "primary")
        self.reload_button.setDefault(True)
        self.keep_button = buttons.addButton(QApplication.translate("ConflictDialog", "暂不载入"), QDialogButtonBox.ButtonRole.RejectRole)
        self.keep_button.setObjectName("conflictKeep")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.reload_button.setFocus()


def offer_reload(parent: QWidget | None, error: ConflictError, reload: Callable[[], None], *,
                 typed: str = "") -> ConflictDialog:
    """Show the conflict (window-modal, not blocking) and call ``reload`` if the clerk chooses to."""
    dialog = ConflictDialog(error, parent, typed=typed)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.accepted.connect(reload)
    dialog.open()
    return dialog
