"""The sign-in window and the first-start dialogs, keyboard alone, in both languages: each state a clerk meets
(demo accounts listed, a real database without them, the database still opening, a wrong password, a locked
account, a temporary password to replace, an empty database to set up) is sized to its contents with no blank
gap, centred on the screen's available area, and walked round by Tab; Enter signs in, Escape leaves."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

from intake_desk.domain.enums import Role
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.ui import i18n
from intake_desk.ui.dialogs.login import LoginDialog
from tests.conftest import HALL_CODE
from tests.gui.conftest import focused, keys, press, settle
from tests.gui.test_keyboard import focus_chain, focusables

K = Qt.Key
DEMO_LOGINS = [("admin", "admin-pass-1", "系统管理员 系统管理员"), ("clerk1", "clerk1-pass-1", "窗口受理员 王丽")]
# Between the lowest widget above the button row and the buttons: the layout's spacing, never a stretch.
GAP_LIMIT = 24


@pytest.fixture(params=["zh", "en"])
def language(request: pytest.FixtureRequest, app: QApplication) -> Iterator[str]:
    i18n.install(app, request.param)
    yield request.param
    i18n.install(app, "zh")


def open_dialog(qtbot: QtBot, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and QApplication.focusWidget().window() is dialog)
    return dialog


def lowest_above_buttons(dialog: QDialog, buttons: QWidget) -> int:
    """The bottom edge (in dialog coordinates) of the lowest visible widget that sits above the button row."""
    top = buttons.mapTo(dialog, buttons.rect().topLeft()).y()
    bottoms = []
    for widget in dialog.findChildren(QWidget):
        if not widget.isVisible() or widget is buttons or buttons.isAncestorOf(widget) or widget.window() is not dialog:
            continue
        bottom = widget.mapTo(dialog, widget.rect().bottomLeft()).y()
        if bottom < top:
            bottoms.append(bottom)
    return max(bottoms)


def assert_fits_contents(dialog: QDialog, buttons: QWidget) -> None:
    """No blank stretch: the dialog is its layout's size, the buttons follow the last field closely and sit
    at the bottom; the whole window is inside the screen's available area and centred on it."""
    settle_layout(dialog)
    hint = dialog.sizeHint()
    assert dialog.height() <= hint.height() + 2, f"{dialog.height()} tall for contents of {hint.height()}"
    top = buttons.mapTo(dialog, buttons.rect().topLeft()).y()
    gap = top - lowest_above_buttons(dialog, buttons)
    assert 0 < gap <= GAP_LIMIT, f"{gap} px of blank between the last field and the buttons"
    bottom_margin = dialog.height() - (top + buttons.height())
    assert bottom_margin <= 40, f"{bottom_margin} px below the buttons"
    screen = dialog.screen().availableGeometry()
    frame = dialog.frameGeometry()
    assert screen.contains(frame), f"{frame} leaves the available area {screen}"
    assert abs(frame.center().x() - screen.center().x()) <= 2, f"{frame} not centred across {screen}"


def settle_layout(dialog: QDialog) -> None:
    QApplication.processEvents()
    dialog.layout().activate()
    QApplication.processEvents()


def no_clipped_label(dialog: QDialog) -> None:
    for label in dialog.findChildren(QLabel):
        if label.isVisible() and label.text() and not label.wordWrap():
            needed = label.fontMetrics().horizontalAdvance(label.text().replace("&", ""))
            assert needed <= label.contentsRect().width() + 1, f"{label.objectName()}: {label.text()!r} is cut"


def assert_tab_round(qtbot: QtBot, dialog: QDialog, expected_order: list[QWidget]) -> None:
    chain = focus_chain(qtbot, expected_order[0])
    assert chain == expected_order, [w.objectName() or type(w).__name__ for w in chain]
    assert set(focusables(dialog)) <= set(chain)


def add_clerk(services: Services, username: str = "clerk1") -> None:
    from intake_desk.services.actor import SYSTEM

    services.accounts.add_user(SYSTEM, username, "王丽", Role.CLERK, f"{username}-pass-1", hall_code=HALL_CODE)


# -- the sign-in window -------------------------------------------------------------------------------

@pytest.mark.parametrize("demo", [False, True], ids=["real-database", "demo-accounts"])
def test_sign_in_window_fits_its_contents_and_enter_signs_in(qtbot: QtBot, services: Services, admin: Actor,
                                                             language: str, demo: bool) -> None:
    add_clerk(services)
    dialog = open_dialog(qtbot, LoginDialog(services, demo_logins=DEMO_LOGINS if demo else None))
    ui = dialog.ui
    assert ui.demoBox.isVisible() is demo
    assert focused() is ui.usernameEdit
    assert_fits_contents(dialog, ui.buttonBox)
    no_clipped_label(dialog)
    order = [ui.usernameEdit, ui.passwordEdit, *([ui.demoList] if demo else []), dialog.ok_button,
             dialog.cancel_button]
    assert_tab_round(qtbot, dialog, order)
    assert dialog.ok_button.isDefault()

    ui.usernameEdit.setFocus()
    keys(qtbot, "clerk1")
    press(qtbot, K.Key_Tab)
    assert focused() is ui.passwordEdit
    keys(qtbot, "clerk1-pass-1")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        press(qtbot, K.Key_Return)
    assert dialog.actor is not None and dialog.actor.username == "clerk1"


def test_a_demo_account_signs_in_from_the_list_by_keyboard(qtbot: QtBot, services: Services, admin: Actor,
                                                           language: str) -> None:
    add_clerk(services)
    longest = ("employment", "employment1234", "部门经办人 人力资源和社会保障局 孙主任")  # the demo's widest row
    dialog = open_dialog(qtbot, LoginDialog(services, demo_logins=[*DEMO_LOGINS, longest]))
    view = dialog.ui.demoList  # role, name and password whole: nothing to scroll sideways for
    assert not view.horizontalScrollBar().isVisible()
    assert sum(view.columnWidth(c) for c in range(3)) <= view.viewport().width()
    press(qtbot, K.Key_Tab, times=2)
    assert focused() is dialog.ui.demoList
    press(qtbot, K.Key_Down)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        press(qtbot, K.Key_Return)
    assert dialog.actor is not None and dialog.actor.username == "clerk1"


def test_escape_leaves_the_sign_in_window(qtbot: QtBot, services: Services, admin: Actor, language: str) -> None:
    dialog = open_dialog(qtbot, LoginDialog(services))
    keys(qtbot, "clerk1")
    with qtbot.waitSignal(dialog.rejected, timeout=5_000):
        press(qtbot, K.Key_Escape)
    assert dialog.actor is None


@pytest.mark.parametrize("locked", [False, True], ids=["wrong-password", "locked-account"])
def test_a_refusal_shows_under_the_fields_without_a_gap(qtbot: QtBot, services: Services, admin: Actor,
                                                        language: str, locked: bool) -> None:
    add_clerk(services)
    if locked:
        for _ in range(5):
            with pytest.raises(Exception):  # noqa: B017 - the service's own refusal; counted towards the lock
                services.accounts.authenticate("clerk1", "not-the-password")
    dialog = open_dialog(qtbot, LoginDialog(services))
    ui = dialog.ui
    keys(qtbot, "clerk1")
    press(qtbot, K.Key_Tab)
    keys(qtbot, "clerk1-pass-1" if locked else "wrong-password")
    press(qtbot, K.Key_Return)
    qtbot.waitUntil(lambda: ui.errorLabel.isVisible(), timeout=10_000)
    settle(qtbot)
    message = ui.errorLabel.text()
    expected = {("zh", False): "用户名或密码不正确", ("en", False): "user name or password is wrong",
                ("zh", True): "已锁定", ("en", True): "locked"}[(language, locked)]
    assert expected in message
    assert focused() is ui.passwordEdit and ui.passwordEdit.text() == "" and ui.usernameEdit.text() == "clerk1"
    assert_fits_contents(dialog, ui.buttonBox)
    # the whole message is on screen: its label is as tall as its wrapped text needs
    label = ui.errorLabel
    assert label.height() >= label.heightForWidth(label.width())
    assert dialog.actor is None and dialog.isVisible()


def test_while_the_database_opens_the_window_says_so_and_enter_waits(qtbot: QtBot, services: Services,
                                                                    admin: Actor, language: str) -> None:
    add_clerk(services)
    release = threading.Event()

    def opening() -> Services:
        assert release.wait(20)
        return services

    dialog = open_dialog(qtbot, LoginDialog(None, opening=opening))
    ui = dialog.ui
    assert ui.databaseLabel.text() == {"zh": "正在打开数据库…", "en": "Opening the database…"}[language]
    assert_fits_contents(dialog, ui.buttonBox)
    width = dialog.width()
    keys(qtbot, "clerk1")
    press(qtbot, K.Key_Tab)
    keys(qtbot, "clerk1-pass-1")
    press(qtbot, K.Key_Return)
    assert not dialog.ok_button.isEnabled() and dialog.actor is None
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        release.set()
    assert dialog.actor is not None and dialog.actor.username == "clerk1"
    assert dialog.width() == width, "the window changed width when the database had opened"


def test_sign_in_is_drawn_as_the_default_button(qtbot: QtBot, services: Services, admin: Actor,
                                                language: str) -> None:
    """The primary look (blue) is on 登录 from the first paint, not only once it has been re-styled."""
    dialog = open_dialog(qtbot, LoginDialog(services))
    image = dialog.ok_button.grab().toImage()
    colour = image.pixelColor(6, image.height() // 2)
    assert colour.blue() > 140 and colour.red() < 80, colour.name()


# -- a temporary password, then the first start -------------------------------------------------------

def test_a_temporary_password_is_replaced_by_keyboard(qtbot: QtBot, services: Services, admin: Actor,
                                                      language: str) -> None:
    from intake_desk.ui.pages.users_page import ChangePasswordDialog

    services.accounts.add_user(admin, "clerk2", "赵敏", Role.CLERK, "temp-pass-12", hall_code=HALL_CODE)
    actor = services.accounts.authenticate("clerk2", "temp-pass-12")
    assert services.accounts.must_change_password(actor)
    dialog = open_dialog(qtbot, ChangePasswordDialog(services, actor, required=True))
    assert focused() is dialog.old, "the dialog opens with the keyboard in the current password"
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    cancel = dialog.buttons.button(dialog.buttons.StandardButton.Cancel)
    assert_tab_round(qtbot, dialog, [dialog.old, dialog.new, dialog.again, ok, cancel])
    assert ok.isDefault() and ok.property("role") == "primary"
    screen, frame = dialog.screen().availableGeometry(), dialog.frameGeometry()
    assert screen.contains(frame) and abs(frame.center().x() - screen.center().x()) <= 2
    dialog.old.setFocus()
    keys(qtbot, "temp-pass-12")
    press(qtbot, K.Key_Tab)
    keys(qtbot, "my-own-pass-34")
    press(qtbot, K.Key_Tab)
    keys(qtbot, "my-own-pass-34")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        press(qtbot, K.Key_Return)
    assert not services.accounts.must_change_password(services.accounts.authenticate("clerk2", "my-own-pass-34"))


def test_first_start_set_up_fits_the_screen_and_is_walked_by_keyboard(qtbot: QtBot, services: Services,
                                                                      language: str) -> None:
    from intake_desk.ui.dialogs.setup import SetupDialog

    assert services.accounts.needs_setup()
    dialog = open_dialog(qtbot, SetupDialog(services))
    ui = dialog.ui
    assert focused() is ui.hallCodeEdit
    assert_fits_contents(dialog, ui.buttonBox)
    no_clipped_label(dialog)
    assert dialog.ok_button.isDefault()
    fields = [ui.hallCodeEdit, ui.hallNameEdit, ui.hallPhoneEdit, ui.complaintEdit, ui.usernameEdit,
              ui.displayNameEdit, ui.passwordEdit, ui.repeatEdit]
    assert_tab_round(qtbot, dialog, [*fields, dialog.ok_button, dialog.cancel_button])
    # both boxes' fields start at one edge
    lefts = {f.mapTo(dialog, f.rect().topLeft()).x() for f in fields}
    assert len(lefts) == 1, lefts

    # Enter with nothing typed: the reasons show under the boxes, the window grows to them, no gap
    ui.hallCodeEdit.setFocus()
    press(qtbot, K.Key_Return)
    qtbot.waitUntil(lambda: ui.errorLabel.isVisible(), timeout=10_000)
    settle(qtbot)
    assert_fits_contents(dialog, ui.buttonBox)
    assert dialog.frameGeometry().bottom() <= dialog.screen().availableGeometry().bottom()

    ui.hallCodeEdit.setFocus()
    keys(qtbot, "HT02")
    for text in ("Hall two", "", "", "admin", "Admin", "admin-pass-1", "admin-pass-1"):
        press(qtbot, K.Key_Tab)
        if text:
            keys(qtbot, text)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        press(qtbot, K.Key_Return)
    assert dialog.actor is not None and not services.accounts.needs_setup()


def test_escape_leaves_the_first_start(qtbot: QtBot, services: Services, language: str) -> None:
    from intake_desk.ui.dialogs.setup import SetupDialog

    dialog = open_dialog(qtbot, SetupDialog(services))
    with qtbot.waitSignal(dialog.rejected, timeout=5_000):
        press(qtbot, K.Key_Escape)
    assert services.accounts.needs_setup()


def differing_pixels(widget: QWidget, focus_on: QWidget, focus_off: QWidget) -> int:
    """How many pixels of ``widget`` change when the keyboard moves onto it from ``focus_off``."""
    focus_off.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    without = widget.grab().toImage()
    focus_on.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    with_focus = widget.grab().toImage()
    assert with_focus.size() == without.size()
    return sum(1 for x in range(0, without.width(), 2) for y in range(0, without.height(), 2)
               if without.pixel(x, y) != with_focus.pixel(x, y))


def test_the_keyboard_focus_is_visible_on_every_stop(qtbot: QtBot, services: Services, admin: Actor,
                                                     language: str) -> None:
    """Each Tab stop of the sign-in window, the default button included, looks different when it has the
    keyboard: a frame round it, never only a caret."""
    dialog = open_dialog(qtbot, LoginDialog(services, demo_logins=DEMO_LOGINS))
    ui = dialog.ui
    stops = [ui.usernameEdit, ui.passwordEdit, ui.demoList, dialog.ok_button, dialog.cancel_button]
    for stop in stops:
        other = ui.usernameEdit if stop is not ui.usernameEdit else ui.passwordEdit
        changed = differing_pixels(stop, stop, other)
        assert changed >= stop.width() // 2, f"{stop.objectName() or stop.text()}: focus shows in {changed} pixels"


def test_a_refused_field_shows_the_focus_frame_too(qtbot: QtBot, services: Services, language: str) -> None:
    from intake_desk.ui.dialogs.setup import SetupDialog

    dialog = open_dialog(qtbot, SetupDialog(services))
    ui = dialog.ui
    press(qtbot, K.Key_Return)  # nothing typed: the hall code and the others are refused
    qtbot.waitUntil(lambda: ui.errorLabel.isVisible(), timeout=10_000)
    settle(qtbot)
    assert ui.hallNameEdit.property("invalid") == "true"
    changed = differing_pixels(ui.hallNameEdit, ui.hallNameEdit, ui.hallPhoneEdit)
    assert changed >= ui.hallNameEdit.width() // 2, f"the refused field's focus shows in {changed} pixels"


def test_short_screen(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A 1366×768 laptop at 150 % (911×512 to Qt): the sign-in window with a long demo list and the set-up
    dialog stay inside the screen with room for a title bar – the list and the boxes give way and scroll –
    and Tab brings the last set-up field into view."""
    import json
    import os
    import subprocess
    import sys

    from intake_desk.ui.placement import FRAME_ALLOWANCE

    screens = tmp_path / "screens.json"
    screens.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768,
                                                "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = os.environ | {"QT_QPA_PLATFORM": f"offscreen:configfile={screens}", "QT_SCALE_FACTOR": "1.5"}
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-m", "tests.gui.short_screen_probe", str(tmp_path)], cwd=root, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    for state, seen in report.items():
        x, y, width, height = seen["frame"]
        ax, ay, aw, ah = seen["available"]
        assert (aw, ah) == (911, 512), seen
        assert ay <= y and y + height <= ay + ah and ax <= x and x + width <= ax + aw, f"{state}: {seen} leaves the screen"
        assert seen["client height"] + FRAME_ALLOWANCE <= ah, f"{state}: {seen} leaves no room for a title bar"
    assert report["login"]["list"] >= 80, "the demo list keeps a few rows"
    assert report["login refused"]["message"] and report["setup refused"]["message"]
    assert report["setup last field"]["focus"] == "repeatEdit" and report["setup last field"]["visible"]


def test_after_signing_out_the_password_is_asked_for_at_once(qtbot: QtBot, services: Services, admin: Actor,
                                                             language: str) -> None:
    """Back at the sign-in after 退出登录: the name is there, the keyboard in the password, Enter signs in."""
    add_clerk(services)
    dialog = open_dialog(qtbot, LoginDialog(services, username="clerk1"))
    assert focused() is dialog.ui.passwordEdit and dialog.ui.usernameEdit.text() == "clerk1"
    assert_fits_contents(dialog, dialog.ui.buttonBox)
    keys(qtbot, "clerk1-pass-1")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        press(qtbot, K.Key_Return)
    assert dialog.actor is not None and dialog.actor.username == "clerk1"
