"""账户与安全 – administrators add, disable and reset users and set the security rules; everyone can
change their own password.

Every action goes through ``services.accounts`` / ``services.settings`` off the GUI thread, so the rules
(password length, not the user name, lockout, audit events) are the services' and are the same as at
the command line. A password an administrator sets is temporary: the user chooses their own at the next
sign-in (:func:`ensure_own_password`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from intake_desk.domain.enums import Role
from intake_desk.services.accounts import UserInfo
from intake_desk.services.actor import Actor
from intake_desk.services.clock import local
from intake_desk.services.context import Services
from intake_desk.services.permissions import Permission, allowed
from intake_desk.services.settings import SPECS
from intake_desk.services.settings_service import SettingValue
from intake_desk.ui.i18n import in_language, label, pack_text
from intake_desk.ui.placement import centre_on_screen
from intake_desk.ui.style import set_role
from intake_desk.ui.widgets.banner import Banner
from intake_desk.ui.worker import error_message, run_and_wait, run_in_background

Index = QModelIndex | QPersistentModelIndex
SECURITY_KEYS = ("password_min_length", "lockout_attempts", "lockout_minutes", "idle_lock_minutes")


def _t(text: str) -> str:
    return QApplication.translate("UsersPage", text)


def _password_edit(parent: QWidget, name: str) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class _FormDialog(QDialog):
    """A small form whose OK runs a service call; a refusal is shown inside and nothing typed is lost."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.problem = QLabel(self)
        self.problem.setObjectName("dialogProblem")
        self.problem.setWordWrap(True)
        set_role(self.problem, "error")
        self.problem.hide()
        self.layout_.addWidget(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self._ok)
        self.buttons.rejected.connect(self.reject)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        set_role(ok, "primary")
        ok.setDefault(True)  # Enter in any field is OK
        self.layout_.addWidget(self.buttons)
        self.result_value: Any = None
        self._arranged = False

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._arranged:
            return
        self._arranged = True
        # The buttons are made before the subclass adds its rows: Tab and the first focus follow the
        # rows from the top, then OK and Cancel (else the dialog opens with the keyboard on OK).
        fields = [item.widget() for row in range(self.form.rowCount())
                  if (item := self.form.itemAt(row, QFormLayout.ItemRole.FieldRole)) is not None
                  and item.widget() is not None]
        chain = [*fields, *self.buttons.buttons()]
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)
        first = next((f for f in fields if f.isEnabled()), None)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.parentWidget() is None:  # asked for before the main window opens (a temporary password)
            centre_on_screen(self)

    def refuse(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.show()
        self.buttons.setEnabled(True)

    def _ok(self) -> None:
        problem = self.check()
        if problem:
            self.refuse(problem)
            return
        self.buttons.setEnabled(False)
        run_in_background(self, self.work(), self._done, self._failed, label=self.windowTitle())

    def _done(self, value: Any) -> None:
        self.result_value = value
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.refuse(error_message(error))

    def check(self) -> str | None:
        return None

    # Each dialog below defines ``work``: the service call to run in the background once the form checks out.
    work: Callable[[], Callable[[], Any]]


def _same(first: QLineEdit, second: QLineEdit) -> str | None:
    if first.text() != second.text():
        return QApplication.translate("UsersPage", "两次输入的新密码不一致")
    return None


class ChangePasswordDialog(_FormDialog):
    """修改密码 – the signed-in user's own password (the current one is asked first)."""

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None, *,
                 required: bool = False) -> None:
        super().__init__(QApplication.translate("UsersPage", "修改我的密码"), parent)
        self.setObjectName("changePasswordDialog")
        self.services, self.actor = services, actor
        if required:
            note = QLabel(QApplication.translate("UsersPage", "管理员为您设置的是临时密码，请先设置自己的密码再开始工作。"), self)
            note.setWordWrap(True)
            self.layout_.insertWidget(0, note)
        self.old = _password_edit(self, "oldPassword")
        self.new = _password_edit(self, "newPassword")
        self.again = _password_edit(self, "againPassword")
        self.form.addRow(QApplication.translate("UsersPage", "当前密码(&O)"), self.old)
        self.form.addRow(QApplication.translate("UsersPage", "新密码(&N)"), self.new)
        self.form.addRow(QApplication.translate("UsersPage", "再次输入(&A)"), self.again)

    def check(self) -> str | None:
        return _same(self.new, self.again)

    def work(self) -> Callable[[], Any]:
        accounts, actor, old, new = self.services.accounts, self.actor, self.old.text(), self.new.text()
        return lambda: accounts.change_own_password(actor, old, new)


class AddUserDialog(_FormDialog):
    def __init__(self, services: Services, actor: Actor, departments: Sequence[tuple[str, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(QApplication.translate("UsersPage", "添加用户"), parent)
        self.setObjectName("addUserDialog")
        self.services, self.actor = services, actor
        self.username = QLineEdit(self)
        self.username.setObjectName("newUsername")
        self.username.setPlaceholderText(QApplication.translate("UsersPage", "字母、数字或 ._-，如 wangli"))
        self.display_name = QLineEdit(self)
        self.display_name.setObjectName("newDisplayName")
        self.role = QComboBox(self)
        self.role.setObjectName("newRole")
        for role in Role:
            self.role.addItem(label(role), role.value)
        self.department = QComboBox(self)
        self.department.setObjectName("newDepartment")
        for code, name in departments:
            self.department.addItem(pack_text(name), code)
        self.password = _password_edit(self, "newPassword")
        self.again = _password_edit(self, "againPassword")
        self.form.addRow(QApplication.translate("UsersPage", "用户名(&U)"), self.username)
        self.form.addRow(QApplication.translate("UsersPage", "姓名(&M)"), self.display_name)
        self.form.addRow(QApplication.translate("UsersPage", "角色(&R)"), self.role)
        self.form.addRow(QApplication.translate("UsersPage", "部门(&D)"), self.department)
        self.form.addRow(QApplication.translate("UsersPage", "临时密码(&P)"), self.password)
        self.form.addRow(QApplication.translate("UsersPage", "再次输入(&A)"), self.again)
        hint = QLabel(QApplication.translate("UsersPage", "用户首次登录时须改用自己的密码。"), self)
        set_role(hint, "hint")
        self.layout_.insertWidget(1, hint)
        self.role.currentIndexChanged.connect(self._role_changed)
        self._role_changed()

    def _role_changed(self) -> None:
        self.department.setEnabled(self.role.currentData() == Role.DEPARTMENT.value)

    def check(self) -> str | None:
        return _same(self.password, self.again)

    def work(self) -> Callable[[], Any]:
        role = Role(self.role.currentData())
        department = self.department.currentData() if role is Role.DEPARTMENT else None
        hall = None if role is Role.DEPARTMENT else self.actor.hall_code
        accounts, actor = self.services.accounts, self.actor
        username, name, password = self.username.text(), self.display_name.text(), self.password.text()
        return lambda: accounts.add_user(actor, username, name, role, password, hall_code=hall,
                                         department_code=department)


class ResetPasswordDialog(_FormDialog):
    def __init__(self, services: Services, actor: Actor, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(QApplication.translate("UsersPage", "重置 %1 的密码").replace("%1", user.display_name), parent)
        self.setObjectName("resetPasswordDialog")
        self.services, self.actor, self.user = services, actor, user
        self.password = _password_edit(self, "resetPassword")
        self.again = _password_edit(self, "againPassword")
        self.form.addRow(QApplication.translate("UsersPage", "临时密码(&P)"), self.password)
        self.form.addRow(QApplication.translate("UsersPage", "再次输入(&A)"), self.again)
        hint = QLabel(QApplication.translate("UsersPage", "重置后账户解除锁定；用户下次登录时须改用自己的密码。"), self)
        set_role(hint, "hint")
        hint.setWordWrap(True)  # longer in English than the dialog is wide
        self.layout_.insertWidget(1, hint)

    def check(self) -> str | None:
        return _same(self.password, self.again)

    def work(self) -> Callable[[], Any]:
        accounts, actor, username, password = self.services.accounts, self.actor, self.user.username, \
            self.password.text()
        return lambda: accounts.reset_password(actor, username, password)


class UsersModel(QAbstractTableModel):
    HEADERS = (
        QT_TRANSLATE_NOOP("UsersPage", "用户名"),
        QT_TRANSLATE_NOOP("UsersPage", "姓名"),
        QT_TRANSLATE_NOOP("UsersPage", "角色"),
        QT_TRANSLATE_NOOP("UsersPage", "大厅 / 部门"),
        QT_TRANSLATE_NOOP("UsersPage", "状态"),
        QT_TRANSLATE_NOOP("UsersPage", "最近登录"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.users: list[UserInfo] = []
        self.now: Any = None

    def set_users(self, users: Sequence[UserInfo], now: Any) -> None:
        self.beginResetModel()
        self.users, self.now = list(users), now
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt signature
        return 0 if parent.isValid() else len(self.users)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt signature
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt signature
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _t(self.HEADERS[section])
        return None

    def status(self, user: UserInfo) -> str:
        if not user.active:
            return QApplication.translate("UsersPage", "已停用")
        if user.locked_until is not None and self.now is not None and user.locked_until > self.now:
            return QApplication.translate("UsersPage", "锁定至 %1").replace("%1", f"{local(user.locked_until):%H:%M}")
        return QApplication.translate("UsersPage", "正常")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.users):
            return None
        user = self.users[index.row()]
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == 0:
            return user.username
        if column == 1:
            return user.display_name
        if column == 2:
            return label(user.role)
        if column == 3:
            return user.department_code or user.hall_code or ""
        if column == 4:
            return self.status(user)
        return f"{local(user.last_login_at):%Y-%m-%d %H:%M}" if user.last_login_at else "—"


class SecuritySettingsBox(QGroupBox):
    """密码与锁定 – the hall's level-2 rules, changed by administrators (each change audited)."""

    saved = Signal()

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(QApplication.translate("UsersPage", "密码与锁定规则"), parent)
        self.setObjectName("securitySettings")
        self.services, self.actor = services, actor
        layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.spins: dict[str, QSpinBox] = {}
        for key in SECURITY_KEYS:
            spin = QSpinBox(self)
            spin.setObjectName(f"setting_{key}")
            spin.setEnabled(False)
            spin.setMinimumWidth(120)
            self.spins[key] = spin
            spec = SPECS[key]
            layout.addRow(in_language(f"{spec.title_zh} / {spec.title_en}"), spin)
        self.save_button = QPushButton(QApplication.translate("UsersPage", "保存规则"), self)
        self.save_button.setObjectName("saveSecurity")
        self.save_button.clicked.connect(self.save)
        layout.addRow("", self.save_button)
        settings, actor_ = services.settings, actor
        run_in_background(self, lambda: settings.all(actor_), self._loaded, lambda _e: None, busy=False,
                          label="settings")

    def _loaded(self, values: list[SettingValue]) -> None:
        for value in values:
            spin = self.spins.get(value.key)
            if spin is None:
                continue
            spin.setRange(value.low or 0, value.high or 10_000)
            spin.setValue(value.number)
            spin.setEnabled(True)

    def save(self) -> None:
        settings, actor = self.services.settings, self.actor
        values = {key: spin.value() for key, spin in self.spins.items()}

        def work() -> None:
            for key, value in values.items():
                settings.put(actor, key, value)

        run_in_background(self, work, lambda _r: self.saved.emit(), label="save settings")


class UsersPage(QWidget):
    """账户 – the administrator's page: users, and the password and lock rules."""

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usersPage")
        self.services, self.actor = services, actor
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(12)
        title = QLabel(QApplication.translate("UsersPage", "账户与安全"), self)
        title.setObjectName("usersTitle")
        set_role(title, "title")
        layout.addWidget(title)
        self.banner = Banner(self)
        layout.addWidget(self.banner)
        box = QGroupBox(QApplication.translate("UsersPage", "用户账户"), self)
        box_layout = QVBoxLayout(box)
        self.model = UsersModel(self)
        self.table = QTableView(box)
        self.table.setObjectName("usersTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(180)
        box_layout.addWidget(self.table)
        row = QHBoxLayout()
        self.add_button = QPushButton(QApplication.translate("UsersPage", "添加用户…"), box)
        self.add_button.setObjectName("addUser")
        self.toggle_button = QPushButton(QApplication.translate("UsersPage", "停用"), box)
        self.toggle_button.setObjectName("toggleUser")
        self.reset_button = QPushButton(QApplication.translate("UsersPage", "重置密码…"), box)
        self.reset_button.setObjectName("resetPassword")
        for button in (self.add_button, self.toggle_button, self.reset_button):
            row.addWidget(button)
        row.addStretch(1)
        box_layout.addLayout(row)
        layout.addWidget(box, 1)
        self.security: SecuritySettingsBox | None = None
        if allowed(actor, Permission.SETTINGS_MANAGE):
            self.security = SecuritySettingsBox(services, actor, self)
            self.security.saved.connect(self._rules_saved)
            layout.addWidget(self.security)
        self.add_button.clicked.connect(self.add_user)
        self.toggle_button.clicked.connect(self.toggle_selected)
        self.reset_button.clicked.connect(self.reset_selected)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.dialog: QDialog | None = None
        self._update_buttons()
        self.reload()

    def _rules_saved(self) -> None:
        self.banner.show_message("ok", QApplication.translate("UsersPage", "规则已保存（已记入审计日志）"), timeout_ms=8000)
        lock = getattr(self.window(), "idle_lock", None)
        if lock is not None and self.security is not None:  # this window follows the new idle time at once
            lock.set_idle_ms(self.security.spins["idle_lock_minutes"].value() * 60_000)

    # -- list --------------------------------------------------------------------------------------
    def reload(self) -> None:
        accounts, actor, clock = self.services.accounts, self.actor, self.services.clock
        run_in_background(self, lambda: (accounts.list_users(actor), clock.now()),
                          lambda result: self._loaded(*result), self._failed, busy=False, label="users")

    def _loaded(self, users: list[UserInfo], now: Any) -> None:
        selected = self.selected()
        self.model.set_users(users, now)
        if selected is not None:
            for row, user in enumerate(users):
                if user.username == selected.username:
                    self.table.selectRow(row)
        self._update_buttons()

    def _failed(self, error: BaseException) -> None:
        self.banner.show_message("error", error_message(error))

    def selected(self) -> UserInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or not 0 <= rows[0].row() < len(self.model.users):
            return None
        return self.model.users[rows[0].row()]

    def _update_buttons(self) -> None:
        user = self.selected()
        self.toggle_button.setEnabled(user is not None and user.username != self.actor.username)
        self.reset_button.setEnabled(user is not None)
        self.toggle_button.setText(QApplication.translate("UsersPage", "启用") if user is not None and not user.active else QApplication.translate("UsersPage", "停用"))

    # -- actions -----------------------------------------------------------------------------------
    def add_user(self) -> None:
        departments = [(d.code, d.name) for d in run_and_wait(self.services.organisation.departments)]
        self._open(AddUserDialog(self.services, self.actor, departments, self),
                   lambda info: QApplication.translate("UsersPage", "已添加用户 %1").replace("%1", info.username))

    def reset_selected(self) -> None:
        user = self.selected()
        if user is not None:
            self._open(ResetPasswordDialog(self.services, self.actor, user, self),
                       lambda _r: QApplication.translate("UsersPage", "已重置 %1 的密码").replace("%1", user.username))

    def toggle_selected(self) -> None:
        user = self.selected()
        if user is None:
            return
        accounts, actor, active = self.services.accounts, self.actor, not user.active
        done = QApplication.translate("UsersPage", "已启用 %1") if active else QApplication.translate("UsersPage", "已停用 %1")

        def finished(_result: object) -> None:
            self.banner.show_message("ok", done.replace("%1", user.username), timeout_ms=8000)
            self.reload()

        run_in_background(self, lambda: accounts.set_active(actor, user.username, active), finished,
                          self._failed, label="user active")

    def _open(self, dialog: _FormDialog, said: Callable[[Any], str]) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def accepted() -> None:
            self.banner.show_message("ok", said(dialog.result_value), timeout_ms=8000)
            self.reload()

        dialog.accepted.connect(accepted)
        dialog.open()


def ensure_own_password(services: Services, actor: Actor, parent: QWidget | None = None) -> bool:
    """After signing in with a temporary password: the user sets their own (False when they decline)."""
    try:
        required = run_and_wait(lambda: services.accounts.must_change_password(actor))
    except Exception:  # noqa: BLE001 - the database went away: the window handles it from here
        return True
    if not required:
        return True
    dialog = ChangePasswordDialog(services, actor, parent, required=True)
    return dialog.exec() == QDialog.DialogCode.Accepted


__all__ = ["AddUserDialog", "ChangePasswordDialog", "ResetPasswordDialog", "SecuritySettingsBox", "UsersModel",
           "UsersPage", "ensure_own_password"]
