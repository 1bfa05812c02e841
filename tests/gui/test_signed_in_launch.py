"""A launch that names its user (``intake-desk gui --user NAME``): the main window's frame first, the database
opened and the account signed in behind it, keyboard alone, in both languages.

While it opens, the frame says so and the keyboard is on 退出; a database that cannot be opened is said once
in the window with 重试 under Enter; a refused account goes on in the sign-in window with the name kept and
the refusal shown; an empty database goes to its first set-up."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.store.errors import DatabaseUnavailable
from intake_desk.ui import worker
from intake_desk.ui.application import main_window_signing_in
from intake_desk.ui.dialogs.login import LoginDialog
from intake_desk.ui.main_window import MainWindow
from intake_desk.ui.signing_in import SignInOutcome, StartPanel
from tests.gui.conftest import focused, keys, press, settle, show_active

K = Qt.Key
UNREACHABLE = "数据库服务器无法连接 / The database server cannot be reached"


@pytest.fixture
def release() -> Iterator[threading.Event]:
    """Holds the database's opening until set (set at the end in any case: no thread is left waiting)."""
    event = threading.Event()
    yield event
    event.set()
    worker.wait_all(20_000)


def launch(qtbot: QtBot, opening: Callable[[], Services], username: str = "clerk1",
           password: str = "clerk1-pass-1") -> tuple[MainWindow, SignInOutcome]:
    window, outcome = main_window_signing_in(opening, username, password)
    qtbot.addWidget(window)
    show_active(qtbot, window)
    return window, outcome


def launch_held(qtbot: QtBot, services: Services, release: threading.Event,
                password: str = "clerk1-pass-1") -> tuple[MainWindow, SignInOutcome]:
    """Launched, and the database let open once the frame is active (the sign-in may close it at once)."""

    def opening() -> Services:
        assert release.wait(20)
        return services

    window, outcome = launch(qtbot, opening, password=password)
    release.set()
    return window, outcome


def panel_of(window: MainWindow) -> StartPanel:
    panel = window.findChild(StartPanel, "startPanel")
    assert panel is not None and panel.isVisible(), "the frame shows no start-up panel"
    return panel


def message_boxes() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def test_the_frame_says_what_it_opens_and_fills_in_for_the_account(
        qtbot: QtBot, services: Services, clerk: Actor, language: str,
        release: threading.Event) -> None:
    def opening() -> Services:
        assert release.wait(20)
        return services

    window, outcome = launch(qtbot, opening)
    panel = panel_of(window)
    assert panel.stateLabel.text() == {"zh": "正在打开数据库…", "en": "Opening the database…"}[language]
    assert "clerk1" in panel.detailLabel.text()
    # Before the sign-in: no pages, no page actions, the keyboard on 退出 and F1 listing only what works now.
    assert window.ui.navigation.count() == 0 and not window.signed_in
    assert focused() is panel.quitButton and panel.quitButton.isDefault()
    assert not window.ui.newIntakeAction.isVisible() and not window.ui.signOutAction.isVisible()
    keys_listed = [keys_ for keys_, _what in window.shortcut_rows()]
    assert "Ctrl+N" not in keys_listed and "F1" in keys_listed
    release.set()
    qtbot.waitUntil(lambda: window.started, timeout=20_000)
    settle(qtbot)
    assert outcome.actor is not None and outcome.actor.username == "clerk1" and outcome.services is services
    assert window.actor.username == "clerk1" and window.current_page_key() == "intake"
    assert window.findChild(StartPanel, "startPanel") is None or not window.findChild(StartPanel).isVisible()
    assert window.ui.navigation.count() == len(window.specs) > 1
    assert window.ui.newIntakeAction.isVisible() and window.ui.signOutAction.isVisible()
    assert hasattr(window, "idle_lock")
    assert window.windowTitle().endswith(str(outcome.actor.hall_name))
    page = window.page("intake")
    assert page.isAncestorOf(focused()), "the keyboard is not in the first page once it is built"
    window.close()


def test_the_keyboard_quits_while_the_database_opens(qtbot: QtBot, services: Services, clerk: Actor,
                                                     language: str, release: threading.Event) -> None:
    def opening() -> Services:
        assert release.wait(20)
        return services

    window, outcome = launch(qtbot, opening)
    assert focused() is panel_of(window).quitButton
    press(qtbot, K.Key_Return)
    qtbot.waitUntil(lambda: not window.isVisible())
    release.set()
    assert worker.wait_all(20_000)
    assert outcome.actor is None and outcome.refusal is None and outcome.error is None


def test_a_database_that_cannot_be_opened_is_said_once_and_enter_retries(
        qtbot: QtBot, services: Services, clerk: Actor, language: str) -> None:
    attempts: list[int] = []

    def opening() -> Services:
        attempts.append(1)
        if len(attempts) == 1:
            raise DatabaseUnavailable(UNREACHABLE)
        return services

    window, outcome = launch(qtbot, opening)
    panel = panel_of(window)
    qtbot.waitUntil(lambda: panel.errorLabel.isVisible(), timeout=20_000)
    expected = {"zh": "数据库服务器无法连接", "en": "The database server cannot be reached"}[language]
    assert panel.errorLabel.text() == expected
    assert panel.stateLabel.text() == {"zh": "无法打开数据库", "en": "Cannot open the database"}[language]
    assert message_boxes() == [], "the failure was said twice"
    assert isinstance(outcome.error, DatabaseUnavailable)
    assert focused() is panel.retryButton and panel.retryButton.isDefault()
    assert [focused()] + [_next_focus(qtbot) for _ in range(2)] == [panel.retryButton, panel.quitButton,
                                                                      panel.retryButton]
    press(qtbot, K.Key_Return)
    qtbot.waitUntil(lambda: window.started, timeout=20_000)
    assert len(attempts) == 2 and outcome.error is None
    assert window.actor.username == "clerk1" and window.current_page_key() == "intake"
    settle(qtbot)
    window.close()


def _next_focus(qtbot: QtBot) -> QWidget:
    press(qtbot, K.Key_Tab)
    return focused()


def test_a_wrong_password_goes_on_in_the_sign_in_window_with_the_name_kept(
        qtbot: QtBot, services: Services, clerk: Actor, language: str, release: threading.Event) -> None:
    window, outcome = launch_held(qtbot, services, release, password="not-the-password")
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=20_000)
    assert outcome.actor is None and outcome.services is services
    assert outcome.refusal, "no reason was kept for the sign-in window"
    assert ("/" not in outcome.refusal) and ((language == "en") == outcome.refusal.isascii())
    assert message_boxes() == []
    # What run_gui does next: the sign-in window, the name filled in, the refusal said, the keyboard in the password.
    dialog = LoginDialog(services, username="clerk1")
    dialog.show_refusal(outcome.refusal)
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    assert dialog.ui.usernameEdit.text() == "clerk1"
    assert dialog.ui.errorLabel.isVisible() and dialog.ui.errorLabel.text() == outcome.refusal
    assert focused() is dialog.ui.passwordEdit
    keys(qtbot, "clerk1-pass-1")
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        press(qtbot, K.Key_Return)
    assert dialog.actor is not None and dialog.actor.username == "clerk1"


def test_a_disabled_account_is_refused_in_one_sentence(qtbot: QtBot, services: Services, admin: Actor,
                                                       clerk: Actor, language: str, release: threading.Event) -> None:
    services.accounts.set_active(admin, "clerk1", False)
    window, outcome = launch_held(qtbot, services, release)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=20_000)
    assert outcome.actor is None and outcome.refusal
    assert {"zh": "停用", "en": "disabled"}[language] in outcome.refusal


def test_an_empty_database_goes_to_its_first_set_up(qtbot: QtBot, services: Services, language: str,
                                                    release: threading.Event) -> None:
    window, outcome = launch_held(qtbot, services, release)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=20_000)
    assert outcome.actor is None and outcome.services is services and outcome.refusal == ""
