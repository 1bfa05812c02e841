"""The main window: navigation by role, a status bar that says where the desk stands, busy and error display."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.services.errors import PermissionDenied
from intake_desk.ui import worker
from intake_desk.ui.application import run_gui
from intake_desk.ui.main_window import PREFERRED_SIZE, initial_geometry
from intake_desk.ui.pages.registry import PAGES
from tests.conftest import HALL_CODE, HALL_NAME
from tests.gui.conftest import keys, press, settle, type_text

CTRL = Qt.KeyboardModifier.ControlModifier


def titles(window) -> list[str]:
    return [window.ui.navigation.item(i).text() for i in range(window.ui.navigation.count())]


def test_status_bar_shows_hall_user_database_and_reachability(qtbot: QtBot, services: Services, clerk: Actor,
                                                               make_window, screens: Path) -> None:
    window = make_window(services, clerk)
    assert window.hall_label.text() == f"大厅：{HALL_CODE} {HALL_NAME}"
    assert window.user_label.text() == "用户：王丽（窗口受理员）"
    assert window.database_label.text() == f"数据库：{services.db.description}"
    assert services.db.description.endswith(".sqlite3")
    qtbot.waitUntil(lambda: window.database_reachable is True)
    assert window.connection_label.text() == "● 数据库已连接"
    assert window._ping_timer.interval() == 15_000 and window._ping_timer.isActive()
    assert window.connection_label.toolTip().startswith("每 15 秒检查一次")
    window.grab().save(str(screens / "50_main_window.png"))


def test_navigation_follows_the_role(qtbot: QtBot, services: Services, admin: Actor, clerk: Actor,
                                     supervisor: Actor, make_window) -> None:
    assert titles(make_window(services, clerk))[:2] == ["受理", "申请"]
    assert "统计" not in titles(make_window(services, clerk))
    assert "统计" in titles(make_window(services, supervisor))
    admin_titles = titles(make_window(services, admin))
    assert "受理" not in admin_titles and "设置" in admin_titles


def test_keyboard_switches_pages_and_shows_shortcuts(qtbot: QtBot, services: Services, clerk: Actor,
                                                     make_window) -> None:
    window = make_window(services, clerk)
    press(qtbot, Qt.Key.Key_2, CTRL)
    assert window.current_page_key() == "applications"
    assert window.ui.navigation.currentRow() == 1
    press(qtbot, Qt.Key.Key_1, CTRL)
    assert window.current_page_key() == "intake"
    press(qtbot, Qt.Key.Key_F1)
    box = window.findChild(QMessageBox, "shortcutsBox")
    assert box is not None and box.isVisible() and "Ctrl+N" in box.text() and "Alt+→" in box.text()
    box.close()
    assert "Ctrl+PgDown" in box.text() and "Alt+1 … Alt+8" in box.text()
    tips = [window.ui.newIntakeAction.toolTip(), window.ui.printAction.toolTip(), window.ui.findAction.toolTip()]
    assert all(k in t for k, t in zip(("Ctrl+N", "Ctrl+P", "Ctrl+F"), tips, strict=True))


def test_f1_lists_exactly_the_keys_of_the_role(qtbot: QtBot, services: Services, admin: Actor, supervisor: Actor,
                                               make_window) -> None:
    from tests.referral_data import ensure_departments, officer

    ensure_departments(services)
    medical = officer(services, "yibao1", "medical", "陈医保")
    rows = {actor.username: dict(make_window(services, actor).shortcut_rows()) for actor in (supervisor, medical, admin)}
    for listed in rows.values():
        assert "F1" in listed and "Ctrl+Q" in listed
    assert "Ctrl+N" in rows["super1"] and "F5" in rows["super1"] and "Ctrl+P" in rows["super1"]
    assert "1 … 9, 0" in rows["super1"], "the numbered assistance types and consents of the intake"
    # No intake for officers and administrators: no intake keys; officers cannot print receipts.
    for officer_or_admin in ("yibao1", "admin"):
        assert not {"Ctrl+N", "Alt+1 … Alt+8", "Alt+→", "Ctrl+Enter", "1 … 9, 0"} & set(rows[officer_or_admin])
    assert "Ctrl+P" not in rows["yibao1"] and "F5" in rows["yibao1"]
    assert "F5" in rows["admin"]  # the administrator sees the referral queue and the statistics
    # Every page switch listed is one this user has, and no more.
    for username, listed in rows.items():
        window_pages = [k for k in listed if k.startswith("Ctrl+") and k[5:].isdigit()]
        assert len(window_pages) == {"super1": 10, "yibao1": 3, "admin": 6}[username], (username, window_pages)


def test_every_page_exists_and_is_built_when_first_shown(qtbot: QtBot, services: Services, admin: Actor,
                                                         clerk: Actor, supervisor: Actor, make_window) -> None:
    from tests.referral_data import ensure_departments, officer

    ensure_departments(services)
    medical = officer(services, "yibao1", "medical", "陈医保")
    seen: set[str] = set()
    for actor in (clerk, supervisor, medical, admin):
        window = make_window(services, actor)
        first = window.specs[0].key
        assert list(window.pages) == [first], "only the first page is built at start"
        for spec in window.specs:
            page = window.show_page(spec.key)
            assert page is not None and window.current_page() is page and window.current_page_key() == spec.key
            assert type(page).__name__.endswith("Page"), f"{spec.key}: {type(page).__name__}"
            seen.add(spec.key)
        window.close()
    assert seen == {spec.key for spec in PAGES}, "every page is reachable by some role"


def test_the_window_is_drawn_before_its_first_page_is_built(qtbot: QtBot, services: Services,
                                                            clerk: Actor) -> None:
    """The clerk sees the window at once; the first page follows in one piece, then the sign-in checks."""
    from PySide6.QtWidgets import QWidget

    from intake_desk.ui.application import build_main_window

    window = build_main_window(services, clerk)
    qtbot.addWidget(window)
    pages_at_first_paint: list[list[str]] = []
    checks_at_first_paint: list[bool] = []
    rows_at_first_paint: list[int] = []  # the page to come is already marked in the navigation

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
            if (event.type() == QEvent.Type.Paint and not pages_at_first_paint and isinstance(watched, QWidget)
                    and watched.window() is window):
                pages_at_first_paint.append(list(window.pages))
                checks_at_first_paint.append(window._ping_timer.isActive())
                rows_at_first_paint.append(window.ui.navigation.currentRow())
            return False

    watch = FirstPaint()
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(watch)
    try:
        window.show()
        qtbot.waitUntil(lambda: window.started, timeout=20_000)
    finally:
        app.removeEventFilter(watch)
    assert pages_at_first_paint == [[]], "the window painted before any page was built"
    assert checks_at_first_paint == [False] and rows_at_first_paint == [0]
    assert list(window.pages) == ["intake"] and window.current_page_key() == "intake"
    assert window._ping_timer.isActive()
    qtbot.waitUntil(lambda: window.database_reachable is True)
    worker.wait_all(10_000)
    window._ping_timer.stop()


def test_window_opens_inside_the_screen() -> None:
    # A large screen: the preferred size, centred in the available area (taskbar left out).
    rect, maximised = initial_geometry(QRect(0, 0, 1920, 1040))
    assert not maximised and rect.size() == PREFERRED_SIZE and QRect(0, 0, 1920, 1040).contains(rect)
    # 1366×768 with a 40-pixel taskbar, and 1920×1080 at 150 % (1280×720 logical): maximised, never larger.
    for available in (QRect(0, 0, 1366, 728), QRect(0, 0, 1280, 680), QRect(1920, 0, 1280, 984)):
        rect, maximised = initial_geometry(available)
        assert maximised and rect == available
    assert initial_geometry(QRect(0, 0, 1280, 984))[1], "1280×1024: narrower than the preferred 1360"


def test_window_opens_within_the_available_area_and_remembers(qtbot: QtBot, services: Services, clerk: Actor,
                                                              app: QApplication) -> None:
    from intake_desk.ui.application import build_main_window

    window = build_main_window(services, clerk)
    qtbot.addWidget(window)
    available = window.screen().availableGeometry()
    window.show()
    qtbot.waitExposed(window)
    # The offscreen screen (800×800) is smaller than the preferred size: the window is maximised on it.
    assert window.isMaximized()
    assert window.width() <= available.width() and window.height() <= available.height()
    assert window.minimumSize().width() <= 1280 and window.minimumSize().height() <= 680
    window.showNormal()
    window.setGeometry(QRect(20, 30, 770, 560))
    qtbot.waitUntil(lambda: window.geometry() == QRect(20, 30, 770, 560))
    window.close()
    again = build_main_window(services, clerk)
    qtbot.addWidget(again)
    assert again.geometry() == QRect(20, 30, 770, 560) and not again.isMaximized()
    again.close()


def test_background_work_shows_busy_and_one_sentence_on_failure(qtbot: QtBot, services: Services, clerk: Actor,
                                                                make_window, caplog) -> None:
    window = make_window(services, clerk)
    window.show_page("settings")
    release = threading.Event()
    seen: list[int] = []

    def slow() -> int:
        release.wait(5)
        return 7

    operation = worker.run_in_background(window, slow, seen.append, label="slow")
    assert window.busy and not window.busy_bar.isVisible(), "quick work shows no busy indicator"
    qtbot.waitUntil(window.busy_bar.isVisible, timeout=2000)
    assert window.busy_label.text() == "正在处理…"
    assert window.isEnabled(), "the window never freezes while work runs"
    release.set()
    qtbot.waitUntil(lambda: operation.done)
    assert seen == [7] and not window.busy and not window.busy_bar.isVisible()

    def refused() -> None:
        raise PermissionDenied("“窗口受理员”角色无权执行此操作 / The Clerk role may not do this")

    worker.run_in_background(window, refused)
    settle(qtbot)
    assert window.banner.text() == "“窗口受理员”角色无权执行此操作"

    def broken() -> None:
        raise ZeroDivisionError("a bug")

    with caplog.at_level(logging.ERROR):
        worker.run_in_background(window, broken)
        settle(qtbot)
    assert window.banner.text().startswith("发生意外错误") and "Traceback" not in window.banner.text()
    assert "ZeroDivisionError" in caplog.text and "Traceback" in caplog.text


def test_session_guard_sees_every_input(qtbot: QtBot, services: Services, clerk: Actor, make_window) -> None:
    window = make_window(services, clerk)

    class Guard(QObject):
        keys = 0

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.KeyPress:
                Guard.keys += 1
            return False

    window.install_session_guard(Guard())
    keys(qtbot, "43")
    assert Guard.keys >= 2


@pytest.mark.parametrize("behind_sign_in", [False, True], ids=["opened", "opened-behind-the-sign-in-window"])
def test_run_gui_first_start_sets_up_and_opens_the_window(qtbot: QtBot, services: Services, app: QApplication,
                                                          monkeypatch, behind_sign_in: bool) -> None:
    steps: list[str] = []

    def drive() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QDialog) and modal.objectName() == "SetupDialog" and "setup" not in steps:
            steps.append("setup")
            ui = modal.ui
            ui.hallCodeEdit.setText("ht02")
            ui.hallNameEdit.setFocus()
            type_text("石峰区清水塘街道便民服务中心", ui.hallNameEdit)
            ui.usernameEdit.setText("admin")
            ui.displayNameEdit.setText("Admin")
            ui.passwordEdit.setText("admin-pass-1")
            ui.repeatEdit.setText("admin-pass-1")
            modal.submit()
        for widget in QApplication.topLevelWidgets():
            if widget.objectName() == "MainWindow" and widget.isVisible() and "window" not in steps:
                steps.append("window")
                assert "HT02" in widget.hall_label.text()
                widget.close()
                return
        QTimer.singleShot(50, drive)

    QTimer.singleShot(50, drive)
    assert run_gui((lambda: services) if behind_sign_in else services, language="zh") == 0
    assert steps == ["setup", "window"]
    assert not services.accounts.needs_setup()
    app.setQuitOnLastWindowClosed(True)


def test_run_gui_shows_the_sign_in_window_before_opening_the_database(qtbot: QtBot, services: Services,
                                                                       clerk: Actor, app: QApplication) -> None:
    """The launch: the sign-in window is on screen before the database is opened behind it; a sign-in
    asked for while it opens waits for it, then the main window opens."""
    from PySide6.QtWidgets import QWidget

    from intake_desk.ui.dialogs.login import LoginDialog
    from intake_desk.ui.main_window import MainWindow

    opened_at_first_paint: list[bool] = []
    release = threading.Event()
    opened: list[bool] = []
    steps: list[str] = []

    def opening() -> Services:
        assert release.wait(20), "the database was opened before the sign-in window asked"
        opened.append(True)
        return services

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
            if (event.type() == QEvent.Type.Paint and not opened_at_first_paint and isinstance(watched, QWidget)
                    and isinstance(watched.window(), LoginDialog)):
                opened_at_first_paint.append(bool(opened))
            return False

    def drive() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, LoginDialog) and "login" not in steps and opened_at_first_paint:
            steps.append("login")
            assert modal.services is None and modal.ui.databaseLabel.text() == "正在打开数据库…"
            modal.ui.usernameEdit.setText("clerk1")
            modal.ui.passwordEdit.setText("clerk1-pass-1")
            modal.sign_in()  # before the database is open: it waits
            assert not modal.ok_button.isEnabled() and modal.actor is None
            release.set()
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible() and widget.started and "window" not in steps:
                steps.append("window")
                assert widget.actor.username == "clerk1"
                widget.close()
                return
        QTimer.singleShot(20, drive)

    watch = FirstPaint()
    app.installEventFilter(watch)
    QTimer.singleShot(20, drive)
    try:
        assert run_gui(opening, language="zh") == 0
    finally:
        app.removeEventFilter(watch)
        release.set()
    assert opened_at_first_paint == [False]
    assert steps == ["login", "window"] and opened == [True]
    app.setQuitOnLastWindowClosed(True)


def test_run_gui_names_a_database_it_cannot_open(qtbot: QtBot, app: QApplication) -> None:
    from intake_desk.store.db import DatabaseError

    def opening() -> Services:
        raise DatabaseError("数据库文件已损坏 / The database file is damaged")

    try:
        run_gui(opening, language="zh")
    except DatabaseError as error:
        assert "damaged" in str(error)
    else:
        raise AssertionError("the error opening the database was not raised to the command")
    app.setQuitOnLastWindowClosed(True)
