"""Every dialog by keyboard alone: Tab reaches every field and button in reading order and comes back
round, Shift+Tab walks back, Alt+letters are unique, Escape closes, and Enter in the first field presses
the dialog's default button (OK, 登录, 打印, 关闭 …)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
)
from pytestqt.qtbot import QtBot

from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.services.intake import referral_choice
from tests.gui.conftest import focused, press, settle, show_active, type_text
from tests.gui.screen_fit import cut_texts
from tests.gui.test_keyboard import assert_round, assert_unique_mnemonics, focusables
from tests.intake_data import zhuzhou_form
from tests.referral_data import ensure_departments, officer

K = Qt.Key


@pytest.fixture
def desk(services: Services, admin: Actor, clerk: Actor, supervisor: Actor) -> dict:
    ensure_departments(services)
    form = zhuzhou_form()
    preview = services.intake.preview(clerk, form)
    form = replace(form, referrals=tuple(referral_choice(p, consent_given=True) for p in preview.referrals))
    number = services.intake.submit(clerk, form).number
    education = officer(services, "jiaoyu1", "education", "赵教育")
    return {"clerk": clerk, "supervisor": supervisor, "admin": admin, "officer": education, "number": number}


def ok_of(box: QDialogButtonBox) -> QPushButton:
    return box.button(QDialogButtonBox.StandardButton.Ok)


def build_login(services: Services, desk: dict) -> tuple[QDialog, Callable[[QDialog], QAbstractButton]]:
    from intake_desk.ui.dialogs.login import LoginDialog

    return LoginDialog(services), lambda d: d.ok_button


def build_setup(services: Services, desk: dict):  # type: ignore[no-untyped-def]
    from intake_desk.ui.dialogs.setup import SetupDialog

    return SetupDialog(services), lambda d: d.ok_button


def build_audit_trail(services: Services, desk: dict):  # type: ignore[no-untyped-def]
    from intake_desk.ui.dialogs.audit_trail import AuditTrailDialog

    return (AuditTrailDialog(services, desk["supervisor"], desk["number"]),
            lambda d: d.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close))


def build_print_preview(services: Services, desk: dict):  # type: ignore[no-untyped-def]
    from intake_desk.ui.dialogs.print_preview import PrintPreviewDialog

    return PrintPreviewDialog(services, desk["clerk"], desk["number"]), lambda d: d.print_button


def build_add_user(services: Services, desk: dict):  # type: ignore[no-untyped-def]
    from intake_desk.ui.pages.users_page import AddUserDialog

    departments = [(d.code, d.name) for d in services.organisation.departments()]
    return AddUserDialog(services, desk["admin"], departments), lambda d: ok_of(d.buttons)


def build_reset_password(services: Services, desk: dict):  # type: ignore[no-untyped-def]
    from intake_desk.ui.pages.users_page import ResetPasswordDialog

    user = next(u for u in services.accounts.list_users(desk["admin"]) if u.username == "clerk1")
    return ResetPasswordDialog(services, desk["admin"], user), lambda d: ok_of(d.buttons)


def build_change_password(services: Services, desk: dict):  # type: ignore[no-untyped-def]
    from intake_desk.ui.pages.users_page import ChangePasswordDialog

    return ChangePasswordDialog(services, desk["clerk"]), lambda d: ok_of(d.buttons)


def build_reassign(services: Services, desk: dict):  # type: ignore[no-untyped-def]
    from intake_desk.ui.widgets.referral_timeline import ReassignDialog

    departments = [(d.code, d.name) for d in services.organisation.departments()]
    officers = services.referrals.officers(desk["supervisor"])
    return (ReassignDialog(departments, officers, "education", 2),
            lambda d: ok_of(d.findChild(QDialogButtonBox)))


def build_note(services: Services, desk: dict):  # type: ignore[no-untyped-def]
    from intake_desk.ui.widgets.referral_timeline import NoteDialog

    return (NoteDialog("办结", "办理结果", required=True, reply_date=True),
            lambda d: ok_of(d.buttons))


def build_rate(services: Services, desk: dict):  # type: ignore[no-untyped-def]
    from intake_desk.ui.pages.urging_page import RateDialog

    return RateDialog(), lambda d: ok_of(d.findChild(QDialogButtonBox))


DIALOGS = {"login": build_login, "setup": build_setup, "audit trail": build_audit_trail,
           "print preview": build_print_preview, "add user": build_add_user, "reset password": build_reset_password,
           "change password": build_change_password, "reassign": build_reassign, "note": build_note,
           "rating": build_rate}


def open_dialog(qtbot: QtBot, dialog: QDialog) -> None:
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    settle(qtbot)
    qtbot.waitUntil(lambda: not any(getattr(dialog, a, False) for a in ("busy", "working")))
    loaded = getattr(dialog, "loaded", True)
    qtbot.waitUntil(lambda: getattr(dialog, "loaded", True) or loaded)
    settle(qtbot)


@pytest.mark.parametrize("name", list(DIALOGS))
def test_each_dialog_by_keyboard(qtbot: QtBot, services: Services, desk: dict, app: QApplication, name: str) -> None:
    dialog, default = DIALOGS[name](services, desk)
    open_dialog(qtbot, dialog)
    if name == "print preview":
        qtbot.waitUntil(lambda: bool(dialog.documents) and dialog.displayed is not None)
        settle(qtbot)

    # Tab round and back, in reading order: each field below or to the right of the one before
    chain = assert_round(qtbot, dialog, what=name)
    assert_unique_mnemonics(dialog, name)
    fields = [w for w in chain if not isinstance(w, QAbstractButton)]
    tops = [w.mapTo(dialog, w.rect().topLeft()) for w in fields]
    for (before, after), (a, b) in zip(zip(tops, tops[1:], strict=False), zip(fields, fields[1:], strict=False),
                                       strict=False):
        assert after.y() >= before.y() - 4 or after.x() > before.x(), \
            f"{name}: Tab goes up from {a.objectName()} to {b.objectName()}"
    assert cut_texts(dialog, name) == []

    # Escape closes
    press(qtbot, K.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    # Enter in the first one-line field presses the default button (in a note box Enter starts a new line)
    show_active(qtbot, dialog)
    settle(qtbot)
    button = default(dialog)
    if name == "note":  # OK waits for the required note
        dialog.note.setFocus()
        type_text("已纳入教育救助")
    first = next(w for w in focusables(dialog) if not isinstance(w, QAbstractButton | QPlainTextEdit | QTextEdit))
    first.setFocus(Qt.FocusReason.TabFocusReason)
    clicked: list[bool] = []
    button.clicked.connect(lambda: clicked.append(True))
    assert button.isEnabled(), f"{name}: the default button is not enabled"
    press(qtbot, K.Key_Return)
    qtbot.waitUntil(lambda: bool(clicked), timeout=3000)
    settle(qtbot)
    if dialog.isVisible():
        dialog.close()


@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")  # the file dialog, offscreen
def test_the_ledger_export_dialog_by_keyboard(qtbot: QtBot, services: Services, desk: dict, make_window,
                                              tmp_path) -> None:  # type: ignore[no-untyped-def]
    """导出台账: Qt's own file dialog, window-modal; a file name typed and Enter exports, Escape cancels."""
    window = make_window(services, desk["supervisor"])
    page = window.show_page("referrals")
    settle(qtbot)
    page.export_button.setFocus()
    press(qtbot, K.Key_Return)
    qtbot.waitUntil(lambda: page.findChild(QFileDialog, "exportDialog") is not None)
    chooser = page.findChild(QFileDialog, "exportDialog")
    qtbot.waitUntil(lambda: chooser.isVisible() and QApplication.focusWidget() is not None
                    and QApplication.focusWidget().window() is chooser)
    press(qtbot, K.Key_Escape)
    qtbot.waitUntil(lambda: not shiboken6.isValid(chooser) or not chooser.isVisible())
    settle(qtbot)
    assert page.last_export is None and page.export_button.hasFocus(), "Escape gives the keyboard back"

    page.export_button.setFocus()
    press(qtbot, K.Key_Return)
    qtbot.waitUntil(lambda: page.findChild(QFileDialog, "exportDialog") is not None
                    and page.findChild(QFileDialog, "exportDialog").isVisible())
    chooser = page.findChild(QFileDialog, "exportDialog")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and QApplication.focusWidget().window() is chooser)
    target = tmp_path / "ledger.xlsx"
    assert type(focused()).__name__ == "QLineEdit", "the file name is where the keyboard starts"
    focused().selectAll()
    qtbot.keyClicks(focused(), str(target))
    press(qtbot, K.Key_Return)
    qtbot.waitUntil(lambda: page.last_export is not None and target.exists(), timeout=30_000)


@pytest.mark.parametrize("name", list(DIALOGS))
def test_each_dialog_in_english_shows_every_text_whole(qtbot: QtBot, services: Services, desk: dict,
                                                       app: QApplication, name: str) -> None:
    from intake_desk.ui import i18n

    i18n.save_language("en")
    i18n.install(app)
    try:
        dialog, _default = DIALOGS[name](services, desk)
        open_dialog(qtbot, dialog)
        assert cut_texts(dialog, f"{name} (English)") == []
        assert_unique_mnemonics(dialog, f"{name} (English)")
        dialog.close()
    finally:
        i18n.save_language("zh")
        i18n.install(app)
