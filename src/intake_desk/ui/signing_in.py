"""正在登录 – a launch that names its user: the main window's frame at once, the rest behind it.

``intake-desk gui --user NAME`` shows the main window's frame (title, menus, an empty navigation) before the
database code has loaded, with a panel saying what is under way – 正在打开数据库… then 正在登录… – and a
退出 button holding the keyboard. Once the frame is on the screen the database is opened (checked,
upgraded, departments from the pack) and the account signed in off the GUI thread, the code of the
intake page loaded with them; then the window is filled in for the account (``MainWindow.attach``)
and builds its first page.

What can go wrong is said once, in the panel, in one sentence:

* the database cannot be opened (unreachable, server full, damaged): the sentence with 重试 (Enter) and
  退出; retrying opens it again;
* the account is refused (wrong password, locked, disabled) or must first set up the database or its own
  password and declines: the window closes and the sign-in window takes over with the name filled in and
  the refusal shown (``SignInOutcome.refusal``); the database opened here serves it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from intake_desk.services.actor import Actor
from intake_desk.services.errors import ServiceError
from intake_desk.ui.style import set_role
from intake_desk.ui.worker import error_message, run_in_background

if TYPE_CHECKING:
    from intake_desk.services.context import Services
    from intake_desk.ui.main_window import MainWindow

# Loaded behind the frame with the sign-in (imports only: no widget is made off the GUI thread). The intake
# service and the policy pack are not: the first page loads them in the background once it is on the screen.
WINDOW_MODULES = ("intake_desk.ui.lock", "intake_desk.ui.pages.users_page", "intake_desk.ui.pages.intake.page")


@dataclass
class SignInOutcome:
    """What the launch came to, read once the window has closed (a plain object: the window may be gone)."""

    services: Services | None = None
    actor: Actor | None = None
    refusal: str | None = None
    """Set when the sign-in window must take over: the sentence to show there ("" for none)."""
    error: BaseException | None = None
    """The database could not be opened and the clerk quit: shown in the window already."""


class StartPanel(QWidget):
    """The page area of the frame while the database opens and the account signs in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startPanel")
        self.stateLabel = QLabel(self)
        self.stateLabel.setObjectName("startStateLabel")
        set_role(self.stateLabel, "title")
        self.stateLabel.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detailLabel = QLabel(self)
        self.detailLabel.setObjectName("startDetailLabel")
        set_role(self.detailLabel, "hint")
        self.detailLabel.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detailLabel.setWordWrap(True)
        self.errorLabel = QLabel(self)
        self.errorLabel.setObjectName("startErrorLabel")
        set_role(self.errorLabel, "error")
        self.errorLabel.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.errorLabel.setWordWrap(True)
        self.errorLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.errorLabel.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.errorLabel.hide()
        self.retryButton = QPushButton(self.tr("重试(&R)"), self)
        self.retryButton.setObjectName("startRetryButton")
        set_role(self.retryButton, "primary")
        self.retryButton.setAutoDefault(True)
        self.retryButton.hide()
        self.quitButton = QPushButton(self.tr("退出(&Q)"), self)
        self.quitButton.setObjectName("startQuitButton")
        self.quitButton.setAutoDefault(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.retryButton)
        buttons.addWidget(self.quitButton)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(48, 24, 48, 24)
        column.setSpacing(14)
        column.addStretch(2)
        column.addWidget(self.stateLabel)
        column.addWidget(self.errorLabel)
        column.addWidget(self.detailLabel)
        column.addLayout(buttons)
        column.addStretch(3)
        self.setTabOrder(self.retryButton, self.quitButton)

    def show_state(self, state: str, detail: str) -> None:
        """Work under way: what it is, and the 退出 button holding the keyboard."""
        self.stateLabel.setText(state)
        self.detailLabel.setText(detail)
        self.errorLabel.hide()
        self.retryButton.hide()
        self.quitButton.setDefault(True)
        self.quitButton.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_failure(self, state: str, message: str) -> None:
        """One sentence saying what went wrong, 重试 (the default) and 退出."""
        self.stateLabel.setText(state)
        self.detailLabel.setText(self.tr("可按 Enter 重试，或退出后稍后再打开。"))
        self.errorLabel.setText(message)
        self.errorLabel.show()
        self.retryButton.show()
        self.retryButton.setDefault(True)
        self.retryButton.setFocus(Qt.FocusReason.OtherFocusReason)


class SignInBehind(QObject):
    """Opens the services and signs in behind the shown frame of ``window``; fills it in or hands over."""

    def __init__(self, window: MainWindow, opening: Callable[[], Services], username: str, password: str) -> None:
        super().__init__(window)
        self.window = window
        self.outcome = SignInOutcome()
        self._opening = opening
        self._username = username
        self._password = password
        self.panel = StartPanel(window)
        window.ui.pages.addWidget(self.panel)
        window.ui.pages.setCurrentWidget(self.panel)
        self.panel.retryButton.clicked.connect(self.begin)
        self.panel.quitButton.clicked.connect(window.close)
        self.panel.show_state(self.tr("正在打开数据库…"), self._who())
        window.frame_painted.connect(self.begin)

    def _who(self) -> str:
        return self.tr("登录用户：%1").replace("%1", self._username)

    # -- the two steps --------------------------------------------------------------------------
    def begin(self) -> None:
        """Open the database (off the GUI thread), then sign in; 重试 starts here again."""
        if self.outcome.services is not None:
            self._sign_in()
            return
        self.outcome.error = None
        self.panel.show_state(self.tr("正在打开数据库…"), self._who())
        run_in_background(self.window, self._opening, self._opened, self._open_failed, busy=False,
                          label="open database")

    def _opened(self, services: Services) -> None:
        self.outcome.services = services
        if self._closed():
            return
        self._sign_in()

    def _open_failed(self, error: BaseException) -> None:
        self.outcome.error = error
        self.panel.show_failure(self.tr("无法打开数据库"), error_message(error))

    def _sign_in(self) -> None:
        services = self.outcome.services
        assert services is not None
        self.outcome.error = None
        self.panel.show_state(self.tr("正在登录…"), self._who())
        username, password = self._username, self._password

        def work() -> Actor | None:
            if services.accounts.needs_setup():
                return None
            actor = services.accounts.authenticate(username, password)
            for module in WINDOW_MODULES:
                importlib.import_module(module)
            return actor

        run_in_background(self.window, work, self._signed_in, self._sign_in_failed, busy=False, label="sign-in")

    def _signed_in(self, actor: Actor | None) -> None:
        services = self.outcome.services
        assert services is not None
        if self._closed():
            return
        if actor is None:  # an empty database: its first set-up, in the sign-in window's place
            self._hand_over("")
            return
        from intake_desk.ui.pages.users_page import ensure_own_password

        if not ensure_own_password(services, actor, self.window):  # a temporary password, and not changed
            self._hand_over("")
            return
        self._password = ""
        self.outcome.actor = actor
        pages = self.window.ui.pages
        pages.removeWidget(self.panel)
        self.panel.deleteLater()
        self.window.attach(services, actor)

    def _sign_in_failed(self, error: BaseException) -> None:
        if isinstance(error, ServiceError):  # refused: wrong password, locked or disabled account
            self._hand_over(error_message(error))
            return
        self.outcome.error = error  # the database went away between the two steps
        self.panel.show_failure(self.tr("无法登录"), error_message(error))

    def _closed(self) -> bool:
        """The clerk quit while the work ran: nothing more is done (the window may be gone with its parts)."""
        return not shiboken6.isValid(self.window) or not self.window.isVisible()

    def _hand_over(self, refusal: str) -> None:
        """The sign-in window takes over (run_gui opens it once this window has closed)."""
        self._password = ""
        self.outcome.refusal = refusal
        self.window.close()
