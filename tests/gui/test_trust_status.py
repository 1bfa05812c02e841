"""Issue 10 in the window: a desk connected as the owner or a superuser is warned in the status bar;
a supervisor's or administrator's sign-in and sign-out leave an audit checkpoint in their data folder,
and a trail that no longer extends the last one is said in the status bar."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from intake_desk import paths
from intake_desk.domain.enums import Role
from intake_desk.services import audit
from intake_desk.services.actor import Actor
from intake_desk.services.audit_verify import checkpoint_files, checkpoint_folder, database_identity
from intake_desk.services.clock import FixedClock
from intake_desk.services.context import Services
from intake_desk.store.db import Database
from intake_desk.ui.application import run_gui
from tests.conftest import add_user, make_services, setup_hall
from tests.tampering import as_attacker


def test_a_file_database_shows_no_login_warning(qtbot: QtBot, services: Services, clerk: Actor, make_window) -> None:
    window = make_window(services, clerk)
    qtbot.waitUntil(lambda: window.database_reachable is True)
    assert window.login_warning_label.isHidden()


@pytest.mark.pg
def test_the_owner_login_is_warned_in_the_status_bar(qtbot: QtBot, pg_db: Database, clock: FixedClock,
                                                     make_window, screens: Path) -> None:
    services = make_services(pg_db, clock)
    setup_hall(services)
    clerk = add_user(services, "clerk1", Role.CLERK, "王丽")
    window = make_window(services, clerk)  # the test server's login is a superuser
    qtbot.waitUntil(lambda: window.login_warning_label.isVisible())
    assert window.login_warning_label.text() == "⚠ 所有者登录"
    assert "desk login" not in window.login_warning_label.toolTip()  # the Chinese half in a Chinese window
    assert "桌面登录" in window.login_warning_label.toolTip()
    window.grab().save(str(screens / "80_owner_login_warning.png"))


def _sign_in_and_close(services: Services, username: str, password: str, seen: list[str]) -> None:
    """Drive run_gui: sign in, note the status bar's audit problem, close the window (= sign out)."""

    def drive() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QDialog) and modal.objectName() == "LoginDialog" and "login" not in seen:
            seen.append("login")
            modal.ui.usernameEdit.setText(username)
            modal.ui.passwordEdit.setText(password)
            modal.sign_in()
        for widget in QApplication.topLevelWidgets():
            if widget.objectName() == "MainWindow" and widget.isVisible() and "window" not in seen:
                if widget.audit_problem_label.isVisible() or getattr(widget, "_waited", 0) > 40:
                    seen.append("window")
                    seen.append(widget.audit_problem_label.toolTip())
                    widget.close()
                    return
                widget._waited = getattr(widget, "_waited", 0) + 1
        QTimer.singleShot(50, drive)

    QTimer.singleShot(50, drive)
    assert run_gui(services, language="zh") == 0


def test_sign_in_and_out_of_a_supervisor_leave_checkpoints(qtbot: QtBot, services: Services, supervisor: Actor,
                                                           app: QApplication) -> None:
    seen: list[str] = []
    _sign_in_and_close(services, "super1", "super1-pass-1", seen)
    assert seen[:2] == ["login", "window"] and seen[2] == ""
    folder = checkpoint_folder(paths.data_dir(), services.db)
    names = sorted(p.name for p in folder.glob("*.json"))
    assert [n.rsplit("-", 1)[-1] for n in names] == ["signin.json", "signout.json"]
    assert all((folder / n).stat().st_mode & 0o777 == 0o600 for n in names)
    found, _ = checkpoint_files([folder], database_identity(services.db))
    assert audit.verify(services.db, checkpoints=found).ok

    # Someone cuts the newest events and re-points the head; the next sign-in says so.
    with as_attacker(services.db) as connection:
        newest = connection.execute(text("SELECT max(id) FROM audit_events")).scalar_one()
        connection.execute(text("DELETE FROM audit_events WHERE id > :k"), {"k": newest - 3})
        kept = connection.execute(text("SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1")).one()
        connection.execute(text("UPDATE audit_head SET last_event_id = :i, last_hash = :h"),
                           {"i": kept.id, "h": kept.hash})
    seen = []
    _sign_in_and_close(services, "super1", "super1-pass-1", seen)
    assert seen[:2] == ["login", "window"] and "cut" in seen[2] or "截断" in seen[2]


def test_a_clerk_leaves_no_checkpoint(qtbot: QtBot, services: Services, clerk: Actor, app: QApplication) -> None:
    seen: list[str] = []
    _sign_in_and_close(services, "clerk1", "clerk1-pass-1", seen)
    assert seen[:2] == ["login", "window"]
    assert not checkpoint_folder(paths.data_dir(), services.db).exists()
