"""Every dialog in English, opened the way the clerk, supervisor or administrator opens it, with the demo's data:
no Han character outside what people typed (the same rule and allow-list as ``test_english_data_walk``)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from intake_desk.domain.enums import Category
from intake_desk.services.context import Services
from intake_desk.services.demo import DemoSummary, seed_demo
from intake_desk.services.errors import ConflictError
from intake_desk.ui import i18n
from tests.gui.conftest import settle
from tests.gui.test_english_data_walk import HAN, _han_in, _names, _select_first_rows


@pytest.fixture
def demo(services: Services) -> DemoSummary:
    return seed_demo(services, households=12)


def _opened(qtbot: QtBot, before: set[QWidget], open_it: Callable[[], object]) -> QWidget:
    open_it()
    settle(qtbot)

    def new() -> list[QWidget]:
        return [w for w in QApplication.topLevelWidgets()
                if isinstance(w, (QDialog, QMessageBox)) and w.isVisible() and w not in before]

    qtbot.waitUntil(lambda: bool(new()), timeout=10_000)
    settle(qtbot)
    return new()[0]


def _file_dialog(qtbot: QtBot, found: list[str], what: str, open_it: Callable[[], object]) -> None:
    """A file dialog (window-modal or a blocking static call): its title, filters, labels, buttons and the file
    name it suggests – not the folder's listing, which is the clerk's files."""
    seen: list[QFileDialog] = []

    def inspect() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QFileDialog) and w.isVisible()]
        if not dialogs:
            QTimer.singleShot(50, inspect)
            return
        dialog = dialogs[0]
        texts = [dialog.windowTitle(), *dialog.nameFilters()]
        texts += [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton)]
        edit = dialog.findChild(QLineEdit, "fileNameEdit")
        texts += [edit.text()] if edit is not None else []
        found.extend(f"{what} file dialog: {t!r}" for t in texts if HAN.search(t))
        seen.append(dialog)
        dialog.reject()

    QTimer.singleShot(50, inspect)
    open_it()
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    settle(qtbot)


def _check(qtbot: QtBot, found: list[str], names: list[str], what: str, open_it: Callable[[], object]) -> None:
    before = {w for w in QApplication.topLevelWidgets() if w.isVisible()}
    dialog = _opened(qtbot, before, open_it)
    _select_first_rows(dialog, qtbot)
    found += [f"{what} {problem}" for problem in _han_in(dialog, names)]
    dialog.close()
    settle(qtbot)


@pytest.mark.qt_log_ignore("This plugin does not support")  # dialogs raised offscreen
def test_every_dialog_in_english(qtbot: QtBot, services: Services, demo: DemoSummary, make_window,
                                 app: QApplication) -> None:
    logins = {a.username: services.accounts.authenticate(a.username, a.password) for a in demo.accounts}
    supervisor, admin = logins["supervisor"], logins["admin"]
    names = _names(services)
    found: list[str] = []
    i18n.save_language("en")
    try:
        assert i18n.install(app) == "en"
        window = make_window(services, supervisor)
        applications = window.show_page("applications")
        settle(qtbot)
        qtbot.waitUntil(lambda: applications.detail is not None)
        number = applications.detail.number
        _check(qtbot, found, names, "audit trail", applications.show_audit_trail)
        _check(qtbot, found, names, "print preview", lambda: window.open_print_preview(number))
        _check(qtbot, found, names, "shortcuts (F1)", window.show_shortcuts)
        _check(qtbot, found, names, "about", window.show_about)

        referrals = window.show_page("referrals")
        settle(qtbot)
        _select_first_rows(referrals, qtbot)
        from intake_desk.ui.widgets.referral_timeline import open_reassign_dialog

        _file_dialog(qtbot, found, "export the ledger", referrals.choose_export)
        row = referrals.model.rows[0]
        _check(qtbot, found, names, "reassign",
               lambda: open_reassign_dialog(referrals, services, supervisor, [row.id], row.department_code, lambda: None))

        from intake_desk.policy.referral_states import RULES

        panel = referrals.panel
        qtbot.waitUntil(lambda: panel.detail is not None)
        noted = [a for a in panel.detail.actions if RULES[a].note_required]
        assert noted, f"a step asking for a note: {panel.detail.actions}"
        _check(qtbot, found, names, f"note ({noted[0].value})", lambda: panel.take(noted[0]))

        urging = window.show_page("urging")
        settle(qtbot)
        _check(qtbot, found, names, "rating", urging.open_rate_dialog)
        procedure = window.show_page("procedure")
        settle(qtbot)
        _select_first_rows(procedure, qtbot)
        qtbot.waitUntil(lambda: procedure.view is not None)
        _file_dialog(qtbot, found, "save a procedure notice", procedure.save_document)

        postchecks = window.show_page("postchecks")
        settle(qtbot)
        _check(qtbot, found, names, "spot check", postchecks.open_spot_check)

        discovery = window.show_page("discovery")
        settle(qtbot)
        _select_first_rows(discovery, qtbot)
        _file_dialog(qtbot, found, "quarterly report", discovery.choose_report)
        _file_dialog(qtbot, found, "leads ledger", lambda: discovery.choose_export("leads"))
        _check(qtbot, found, names, "visit", discovery.record_visit)
        _check(qtbot, found, names, "assign lead", discovery.assign_lead)

        from intake_desk.ui.dialogs.enroll_monitoring import EnrollDialog

        _check(qtbot, found, names, "enrol in monitoring",
               lambda: EnrollDialog(services, supervisor, number, Category.MARGINAL, window).open())
        from intake_desk.ui.dialogs.conflict import ConflictDialog

        _check(qtbot, found, names, "conflict", lambda: ConflictDialog(ConflictError(
            "该转介刚被其他人修改，请刷新后再试 / Somebody changed this referral first; reload and try again"),
            window, typed="已电话联系").open())
        settings = window.show_page("settings")
        settle(qtbot)
        _check(qtbot, found, names, "change password", settings.change_password)
        window.close()

        admin_window = make_window(services, admin)
        users = admin_window.show_page("users")
        settle(qtbot)
        _check(qtbot, found, names, "add user", users.add_user)
        _select_first_rows(users, qtbot)
        _check(qtbot, found, names, "reset password", users.reset_selected)
        admin_window.close()

        from intake_desk.ui.dialogs.login import LoginDialog

        _check(qtbot, found, names, "sign in", lambda: LoginDialog(services, demo_logins=list(demo.logins)).show())
        found = sorted(set(found))
        assert found == [], f"{len(found)} texts with Han characters in English:\n" + "\n".join(found)
    finally:
        i18n.save_language("zh")
        i18n.install(app)
