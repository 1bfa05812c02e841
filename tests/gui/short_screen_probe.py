"""Run in its own process on a 1366×768 screen at 150 % (QT_SCALE_FACTOR=1.5, 911×512 logical): shows the
sign-in window (demo accounts, then a refusal) and the first-start set-up (then its refusals, then Tab to
the last field) on a real SQLite file and prints what a clerk would see as JSON. Used by
``test_sign_in_window.test_short_screen``; the scale factor can only be set before Qt starts."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import keyring
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from tests.conftest import MemoryKeyring


def wait(app: QApplication, ms: int = 150) -> None:
    from intake_desk.ui import worker

    for _ in range(500):
        app.processEvents()
        if not worker.running():
            break
        QTest.qWait(10)
    QTest.qWait(ms)


def seen(window: QWidget, app: QApplication) -> dict[str, object]:
    screen = window.screen().availableGeometry()
    frame = window.frameGeometry()
    return {"frame": frame.getRect(), "client height": window.height(), "available": screen.getRect(),
            "focus": (app.focusWidget().objectName() if app.focusWidget() else "")}


def main(folder: str) -> None:
    keyring.set_keyring(MemoryKeyring())
    from intake_desk.domain.enums import Role
    from intake_desk.services.actor import SYSTEM
    from intake_desk.services.context import Services
    from intake_desk.store.db import Database
    from intake_desk.store.migrate import upgrade
    from intake_desk.ui.application import application
    from intake_desk.ui.dialogs.login import LoginDialog
    from intake_desk.ui.dialogs.setup import SetupDialog

    app = application("zh")
    report: dict[str, object] = {}

    def services(name: str) -> Services:
        db = Database(f"sqlite:///{Path(folder) / name}.sqlite3")
        upgrade(db, backup_dir=Path(folder))
        return Services(db)

    hall = services("hall")
    hall.accounts.first_run_setup("HT01", "荷塘区月塘街道便民服务中心", "admin", "系统管理员", "admin-pass-1")
    logins = [("admin", "admin-pass-1", "系统管理员 系统管理员")]
    for n in range(12):
        hall.accounts.add_user(SYSTEM, f"clerk{n}", f"受理员{n}", Role.CLERK, f"clerk{n}-pass-1", hall_code="HT01")
        logins.append((f"clerk{n}", f"clerk{n}-pass-1", f"窗口受理员 受理员{n}"))
    login = LoginDialog(hall, demo_logins=logins)
    login.show()
    wait(app)
    report["login"] = seen(login, app) | {"list": login.ui.demoList.height()}
    QTest.keyClicks(login.ui.usernameEdit, "clerk1")
    QTest.keyClick(login.ui.usernameEdit, Qt.Key.Key_Tab)
    QTest.keyClicks(login.ui.passwordEdit, "wrong-password")
    QTest.keyClick(login.ui.passwordEdit, Qt.Key.Key_Return)
    wait(app, 300)
    report["login refused"] = seen(login, app) | {"message": login.ui.errorLabel.isVisible()}
    login.close()

    setup = SetupDialog(services("empty"))
    setup.show()
    wait(app)
    report["setup"] = seen(setup, app)
    QTest.keyClick(setup.ui.hallCodeEdit, Qt.Key.Key_Return)
    wait(app, 300)
    report["setup refused"] = seen(setup, app) | {"message": setup.ui.errorLabel.isVisible()}
    setup.ui.hallCodeEdit.setFocus()
    for _ in range(7):
        QTest.keyClick(app.focusWidget(), Qt.Key.Key_Tab)
        wait(app, 20)
    last = setup.ui.repeatEdit
    viewport = setup.boxes.viewport()
    top = last.mapTo(viewport, last.rect().topLeft()).y()
    report["setup last field"] = seen(setup, app) | {
        "visible": 0 <= top and top + last.height() <= viewport.height()}
    setup.close()
    print(json.dumps(report))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp())
