"""``intake-desk demo``: a fresh demo database, the demo accounts on the sign-in screen, then the window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from intake_desk import cli
from intake_desk.ui.dialogs.login import LoginDialog
from intake_desk.ui.main_window import MainWindow


def test_demo_opens_the_window_with_demo_logins(qtbot: QtBot, app: QApplication, screens: Path) -> None:
    seen: dict[str, object] = {}

    def drive() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, LoginDialog) and "login" not in seen:
            tree = modal.ui.demoList
            roles = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
            seen["login"] = roles
            modal.grab().save(str(screens / "60_demo_login.png"))
            clerk = next(i for i in range(tree.topLevelItemCount()) if "窗口受理员" in roles[i])
            tree.setCurrentItem(tree.topLevelItem(clerk))
            tree.itemActivated.emit(tree.topLevelItem(clerk), 0)
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible() and "window" not in seen:
                if widget.current_page_key() != "applications":
                    widget.show_page("applications")
                page = widget.pages["applications"]
                if page.model.busy or not page.model.rows or page.detail is None:
                    break
                seen["window"] = (widget.actor.role.value, page.model.total)
                widget.grab().save(str(screens / "61_demo_window.png"))
                widget.close()
                return
        QTimer.singleShot(100, drive)

    QTimer.singleShot(100, drive)
    assert cli.main(["demo", "--households", "12"]) == 0
    roles = seen["login"]
    assert len(roles) >= 4 and any("窗口受理员" in r for r in roles) and any("系统管理员" in r for r in roles)
    assert seen["window"][0] == "clerk" and seen["window"][1] >= 12
    app.setQuitOnLastWindowClosed(True)
