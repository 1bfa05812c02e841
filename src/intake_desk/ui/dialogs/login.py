"""登录 – the sign-in dialog (demo accounts listed when the program runs as a demonstration).

At launch it is the first window the clerk sees, shown before the database code has even loaded: given
``opening`` instead of services, it opens the database in the background once it is on screen, while
the clerk types. A sign-in asked for before that is done waits for it; a database that needs its first
set-up closes the dialog with ``needs_setup``; a database that cannot be opened closes it with
``open_error``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTreeWidgetItem, QWidget

from intake_desk.domain.enums import Role
from intake_desk.services.actor import Actor
from intake_desk.ui.first_paint import after_first_paint
from intake_desk.ui.forms.ui_login_dialog import Ui_LoginDialog
from intake_desk.ui.i18n import in_language, label, pack_text
from intake_desk.ui.placement import centre_on_screen, keep_on_screen, shrink_to_fit
from intake_desk.ui.style import set_role
from intake_desk.ui.worker import error_message, run_in_background

if TYPE_CHECKING:
    from intake_desk.services.context import Services

# Loaded behind the sign-in window (imports only: no widget is made off the GUI thread).
WINDOW_MODULES = ("intake_desk.ui.main_window", "intake_desk.ui.lock", "intake_desk.ui.pages.users_page",
                  "intake_desk.ui.pages.intake.page")


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
    def __init__(self, services: Services | None, *, opening: Callable[[], Services] | None = None,
                 demo_logins: list[tuple[str, str, str]] | None = None, hall_name: str = "", username: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if services is None and opening is None:
            raise ValueError("LoginDialog needs services or a way to open them")
        self.services = services
        self._opening = opening if services is None else None
        self._open_arranged = False
        self._centred = False
        self._sign_in_waiting = False
        self.needs_setup = False
        self.open_error: BaseException | None = None
        self.actor: Actor | None = None
        self.ui = Ui_LoginDialog()
        self.ui.setupUi(self)
        set_role(self.ui.titleLabel, "title")
        set_role(self.ui.hallLabel, "subtitle")
        set_role(self.ui.errorLabel, "error")
        set_role(self.ui.databaseLabel, "hint")
        self._database_text = ""
        self.ui.hallLabel.setText(hall_name)
        self.ui.hallLabel.setVisible(bool(hall_name))
        if services is not None:
            self._show_database(services)
        else:
            self._database_text = self.tr("正在打开数据库…")
            self._fit_database_text()
        self.ok_button = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("登录"))
        set_role(self.ok_button, "primary")
        self.ok_button.setDefault(True)  # Enter in either field signs in
        self.cancel_button = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(self.tr("退出"))
        self.ui.buttonBox.accepted.connect(self.sign_in)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.errorLabel.hide()
        self.ui.usernameEdit.setText(username)
        self._fill_demo(demo_logins or [])
        self._demo_natural = self.ui.demoList.minimumHeight()  # its height on a tall screen
        (self.ui.passwordEdit if username else self.ui.usernameEdit).setFocus()
        self.busy = False
        if services is not None:
            self._prepare_window(services)

    def _show_database(self, services: Services) -> None:
        self._database_text = self.tr("数据库：%1").replace("%1", services.db.description)
        self.ui.databaseLabel.setToolTip(services.db.description)
        self._fit_database_text()

    def _fit_database_text(self) -> None:
        """The database line never widens the window (its width is the fields'): a long path loses its
        middle, and the whole of it is in the tooltip."""
        label = self.ui.databaseLabel
        width = label.contentsRect().width() if label.width() > 1 else self.ui.outerLayout.sizeHint().width()
        label.setText(label.fontMetrics().elidedText(self._database_text, Qt.TextElideMode.ElideMiddle, width))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_database_text()

    def _prepare_window(self, services: Services) -> None:
        """While the clerk types, load what the intake page needs (its service, the policy pack) and the
        code of the main window and its first page, so neither the sign-in nor the first seconds in the
        window wait for it."""

        def prepare() -> None:
            services.intake.pack()
            for module in WINDOW_MODULES:
                importlib.import_module(module)

        run_in_background(self, prepare, busy=False, label="prepare intake", on_failure=lambda _error: None)

    # -- opening the database behind the dialog ---------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._centred:
            if self.ui.demoBox.isVisible():  # the list scrolls: it gives way on a short screen
                shrink_to_fit(self, self.ui.demoList, self._demo_natural, self._demo_rows_height(3))
            self._centred = centre_on_screen(self)
        if self._opening is not None and not self._open_arranged:
            self._open_arranged = after_first_paint(self, self._open)

    def _open(self) -> None:
        opening = self._opening
        if opening is None or self.services is not None:
            return

        def work() -> tuple[Services, bool]:
            services = opening()
            return services, services.accounts.needs_setup()

        run_in_background(self, work, self._opened, self._open_failed, busy=False, label="open database")

    def _opened(self, result: tuple[Services, bool]) -> None:
        services, needs_setup = result
        self.services = services
        self._show_database(services)
        if needs_setup:
            self.needs_setup = True
            self.reject()
            return
        self._prepare_window(services)
        if self._sign_in_waiting:
            self._sign_in_waiting = False
            self.ok_button.setEnabled(True)
            self.sign_in()

    def _open_failed(self, error: BaseException) -> None:
        self.open_error = error
        self.reject()

    def _fill_demo(self, logins: list[tuple[str, str, str]]) -> None:
        self.ui.demoBox.setVisible(bool(logins))
        for username, password, who in logins:
            item = QTreeWidgetItem([_who(who), username, password])
            item.setData(0, Qt.ItemDataRole.UserRole, (username, password))
            self.ui.demoList.addTopLevelItem(item)
        view = self.ui.demoList
        for column in range(3):
            view.resizeColumnToContents(column)
        if logins:  # every column whole: a newcomer reads the names and passwords without scrolling sideways
            columns = sum(view.columnWidth(column) for column in range(3))
            view.setMinimumWidth(columns + 2 * view.frameWidth() + view.verticalScrollBar().sizeHint().width() + 4)
        if logins:
            self.ui.demoList.setCurrentItem(self.ui.demoList.topLevelItem(0))
        self.ui.demoList.itemActivated.connect(self._use_demo)

    def _demo_rows_height(self, rows: int) -> int:
        view = self.ui.demoList
        row = view.sizeHintForRow(0) if view.topLevelItemCount() else view.fontMetrics().height()
        return view.header().sizeHint().height() + rows * row + 2 * view.frameWidth() + 4

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
        services = self.services
        if services is None:  # still opening: signs in as soon as the database is open
            self._sign_in_waiting = True
            self.ok_button.setEnabled(False)
            self.ok_button.setText(self.tr("正在登录…"))
            return
        run_in_background(self, lambda: services.accounts.authenticate(username, password),
                          self._signed_in, self._failed, label="sign-in")

    def _signed_in(self, actor: Actor) -> None:
        self.actor = actor
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._refused(error_message(error))
        self.ui.passwordEdit.clear()
        self.ui.passwordEdit.setFocus()

    def show_refusal(self, message: str) -> None:
        """Why signing in is asked for again: a launch that named its user was refused (one sentence)."""
        self._refused(message)
        self.ui.passwordEdit.setFocus()

    def _refused(self, message: str) -> None:
        self.ui.errorLabel.setText(in_language(message))
        self.ui.errorLabel.show()
        if self.isVisible():
            if self.ui.demoBox.isVisible():
                shrink_to_fit(self, self.ui.demoList, self._demo_natural, self._demo_rows_height(3))
            keep_on_screen(self)
