"""登录 – the sign-in dialog (demo accounts listed when the program runs as a demonstration)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTreeWidgetItem, QWidget

from intake_desk.domain.enums import Role
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.ui.forms.ui_login_dialog import Ui_LoginDialog
from intake_desk.ui.i18n import in_language, label, pack_text
from intake_desk.ui.style import set_role
from intake_desk.ui.worker import error_message, run_in_background


def _who(who: str) -> str:
    """``窗口受理员 王丽`` / ``部门经办人 教育局 陈老师`` with the role (and a department the pack names) in the window's
    language; the person's name as written."""
    for role in Role:
        if who.startswith(role.zh):
            rest = who[len(role.zh):].strip()
            head, _, name = rest.partition(" ")
            if name and pack_text(head) != head:
                rest = f"{pack_text(head)} {name}"
            return f"{label(role)} {rest}".strip()
    return who


class LoginDialog(QDialog):
    def __init__(self, services: Services, *, demo_logins: list[tuple[str, str, str]] | None = None,
                 hall_name: str = "", username: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor: Actor | None = None
        self.ui = Ui_LoginDialog()
        self.ui.setupUi(self)
        set_role(self.ui.titleLabel, "title")
        set_role(self.ui.hallLabel, "subtitle")
        set_role(self.ui.errorLabel, "error")
        set_role(self.ui.databaseLabel, "hint")
        self.ui.hallLabel.setText(hall_name)
        self.ui.hallLabel.setVisible(bool(hall_name))
        database = services.db.description
        if len(database) > 48:
            database = database[:14] + "…" + database[-32:]
        self.ui.databaseLabel.setText(self.tr("数据库：%1").replace("%1", database))
        self.ui.databaseLabel.setToolTip(services.db.description)
        self.ok_button = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("登录"))
        self.ok_button.setProperty("role", "primary")
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("退出"))
        self.ui.buttonBox.accepted.connect(self.sign_in)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.errorLabel.hide()
        self.ui.usernameEdit.setText(username)
        self._fill_demo(demo_logins or [])
        (self.ui.passwordEdit if username else self.ui.usernameEdit).setFocus()
        self.busy = False
        self._prepare_window()

    def _prepare_window(self) -> None:
        """While the clerk types, load what the intake page needs (its service, the policy pack),
        so neither the sign-in nor the first seconds in the window wait for it."""
        services = self.services
        run_in_background(self, lambda: services.intake.pack(), busy=False, label="prepare intake",
                          on_failure=lambda _error: None)

    def _fill_demo(self, logins: list[tuple[str, str, str]]) -> None:
        self.ui.demoBox.setVisible(bool(logins))
        for username, password, who in logins:
            item = QTreeWidgetItem([_who(who), username, password])
            item.setData(0, Qt.ItemDataRole.UserRole, (username, password))
            self.ui.demoList.addTopLevelItem(item)
        for column in range(3):
            self.ui.demoList.resizeColumnToContents(column)
        if logins:
            self.ui.demoList.setCurrentItem(self.ui.demoList.topLevelItem(0))
        self.ui.demoList.itemActivated.connect(self._use_demo)

    def _use_demo(self, item: QTreeWidgetItem) -> None:
        username, password = item.data(0, Qt.ItemDataRole.UserRole)
        self.ui.usernameEdit.setText(username)
        self.ui.passwordEdit.setText(password)
        self.sign_in()

    # -- BusyHost --------------------------------------------------------------------------------
    def busy_started(self, label: str) -> None:
        self.busy = True
        self.ok_button.setEnabled(False)
        self.ok_button.setText(self.tr("正在登录…"))

    def busy_finished(self) -> None:
        self.busy = False
        self.ok_button.setEnabled(True)
        self.ok_button.setText(self.tr("登录"))

    # --------------------------------------------------------------------------------------------
    def sign_in(self) -> None:
        if self.busy:
            return
        username = self.ui.usernameEdit.text().strip()
        password = self.ui.passwordEdit.text()
        if not username:
            self._refused(self.tr("请输入用户名"))
            self.ui.usernameEdit.setFocus()
            return
        run_in_background(self, lambda: self.services.accounts.authenticate(username, password),
                          self._signed_in, self._failed, label="sign-in")

    def _signed_in(self, actor: Actor) -> None:
        self.actor = actor
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._refused(error_message(error))
        self.ui.passwordEdit.clear()
        self.ui.passwordEdit.setFocus()

    def _refused(self, message: str) -> None:
        self.ui.errorLabel.setText(in_language(message))
        self.ui.errorLabel.show()
