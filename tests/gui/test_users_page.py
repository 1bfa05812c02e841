"""账户与安全: administrators add, disable and reset users and set the rules; everyone
changes their own password; a temporary password is replaced at the next sign-in."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from intake_desk.domain.enums import Role
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.services.errors import AuthenticationFailed
from intake_desk.store.models import AuditEvent
from intake_desk.ui.pages.users_page import (
    AddUserDialog,
    ChangePasswordDialog,
    ResetPasswordDialog,
    UsersPage,
    ensure_own_password,
)
from tests.gui.conftest import settle, type_text


def _events(services: Services, action: str) -> list[tuple[str, str, dict[str, object]]]:
    with services.db.reading() as session:
        return [(e.actor_name, e.entity_id, json.loads(e.detail)) for e in session.scalars(
            select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id))]


def _users_page(qtbot: QtBot, window) -> UsersPage:  # type: ignore[no-untyped-def]
    users = window.show_page("users")
    assert isinstance(users, UsersPage)
    qtbot.waitUntil(lambda: users.model.rowCount() > 0)
    return users


def _select(users: UsersPage, username: str) -> None:
    row = next(i for i, u in enumerate(users.model.users) if u.username == username)
    users.table.selectRow(row)


def _ok(dialog) -> None:  # type: ignore[no-untyped-def]
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_admin_adds_a_user(qtbot: QtBot, services: Services, admin: Actor, clerk: Actor, make_window,
                           screens: Path) -> None:
    window = make_window(services, admin)
    users = _users_page(qtbot, window)
    assert [u.username for u in users.model.users] == ["admin", "clerk1"]
    window.grab().save(str(screens / "80_settings_users.png"))
    qtbot.mouseClick(users.add_button, Qt.MouseButton.LeftButton)
    dialog = users.dialog
    assert isinstance(dialog, AddUserDialog)
    qtbot.waitExposed(dialog)
    dialog.username.setText("zhaomin")
    type_text("赵敏", dialog.display_name)
    dialog.role.setCurrentIndex(dialog.role.findData(Role.SUPERVISOR.value))
    dialog.password.setText("temp-pass-123")
    dialog.again.setText("temp-pass-124")
    _ok(dialog)
    assert dialog.problem.isVisible() and "不一致" in dialog.problem.text()
    dialog.again.setText("temp-pass-123")
    dialog.password.setText("zhaomin")
    dialog.again.setText("zhaomin")
    _ok(dialog)
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled())
    assert dialog.isVisible() and "8" in dialog.problem.text()  # the service's rule, in the dialog
    dialog.grab().save(str(screens / "81_add_user_refused.png"))
    dialog.password.setText("temp-pass-123")
    dialog.again.setText("temp-pass-123")
    with qtbot.waitSignal(dialog.accepted):
        _ok(dialog)
    qtbot.waitUntil(lambda: "zhaomin" in [u.username for u in users.model.users])
    assert users.banner.kind == "ok" and "zhaomin" in users.banner.text()
    added = services.accounts.authenticate("zhaomin", "temp-pass-123")
    assert added.role is Role.SUPERVISOR and added.display_name == "赵敏" and added.hall_code == "HT01"
    assert services.accounts.must_change_password(added)
    assert [(who, entity) for who, entity, _ in _events(services, "user.create")][-1] == ("系统管理员", "zhaomin")


def test_admin_disables_enables_and_resets(qtbot: QtBot, services: Services, admin: Actor, clerk: Actor,
                                           make_window) -> None:
    window = make_window(services, admin)
    users = _users_page(qtbot, window)
    _select(users, "admin")
    assert not users.toggle_button.isEnabled(), "an administrator cannot disable themself"
    _select(users, "clerk1")
    assert users.toggle_button.text() == "停用"
    qtbot.mouseClick(users.toggle_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: users.model.users[1].active is False)
    assert users.model.data(users.model.index(1, 4)) == "已停用" and users.toggle_button.text() == "启用"
    try:
        services.accounts.authenticate("clerk1", "clerk1-pass-1")
        raise AssertionError("a disabled account signed in")
    except AuthenticationFailed:
        pass
    qtbot.mouseClick(users.toggle_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: users.model.users[1].active is True)

    qtbot.mouseClick(users.reset_button, Qt.MouseButton.LeftButton)
    dialog = users.dialog
    assert isinstance(dialog, ResetPasswordDialog)
    dialog.password.setText("reset-pass-456")
    dialog.again.setText("reset-pass-456")
    with qtbot.waitSignal(dialog.accepted):
        _ok(dialog)
    again = services.accounts.authenticate("clerk1", "reset-pass-456")
    assert services.accounts.must_change_password(again)
    for action in ("user.disable", "user.enable", "user.reset_password"):
        assert _events(services, action)[-1][:2] == ("系统管理员", "clerk1")
    settle(qtbot)


def test_admin_sets_the_security_rules(qtbot: QtBot, services: Services, admin: Actor, make_window) -> None:
    window = make_window(services, admin)
    users = _users_page(qtbot, window)
    box = users.security
    assert box is not None
    spin = box.spins["idle_lock_minutes"]
    qtbot.waitUntil(spin.isEnabled)
    assert spin.value() == 10 and spin.minimum() == 1
    assert box.spins["lockout_attempts"].minimum() == 3, "the rule cannot be switched off"
    spin.setValue(5)
    box.spins["lockout_minutes"].setValue(30)
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: users.banner.kind == "ok")
    assert services.settings.get_int(admin, "idle_lock_minutes") == 5
    assert window.idle_lock.idle_ms == 5 * 60_000, "the open window follows the new idle time"
    assert services.settings.get_int(admin, "lockout_minutes") == 30
    changes = {entity: detail["value"] for _, entity, detail in _events(services, "setting.change")}
    assert changes == {"idle_lock_minutes": ["10", "5"], "lockout_minutes": ["15", "30"]}


def test_a_clerk_changes_their_own_password(qtbot: QtBot, services: Services, clerk: Actor, make_window) -> None:
    window = make_window(services, clerk)
    assert window.show_page("users") is None, "only administrators see the accounts"
    page = window.show_page("settings")
    qtbot.mouseClick(page.password_button, Qt.MouseButton.LeftButton)
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ChangePasswordDialog) and w.isVisible())
    dialog.old.setText("wrong-current")
    dialog.new.setText("my-new-pass-77")
    dialog.again.setText("my-new-pass-77")
    _ok(dialog)
    qtbot.waitUntil(lambda: dialog.problem.isVisible())
    assert "原密码不正确" in dialog.problem.text() and dialog.new.text() == "my-new-pass-77"
    dialog.old.setText("clerk1-pass-1")
    with qtbot.waitSignal(dialog.accepted):
        _ok(dialog)
    services.accounts.authenticate("clerk1", "my-new-pass-77")


def test_a_temporary_password_is_replaced_at_sign_in(qtbot: QtBot, app, services: Services, admin: Actor,  # type: ignore[no-untyped-def]
                                                     clerk: Actor) -> None:
    services.accounts.reset_password(admin, "clerk1", "temporary-111")
    signed_in = services.accounts.authenticate("clerk1", "temporary-111")

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ChangePasswordDialog):
            QTimer.singleShot(20, answer)
            return
        dialog.old.setText("temporary-111")
        dialog.new.setText("chosen-by-me-1")
        dialog.again.setText("chosen-by-me-1")
        _ok(dialog)

    QTimer.singleShot(50, answer)
    assert ensure_own_password(services, signed_in)
    assert not services.accounts.must_change_password(signed_in)
    assert ensure_own_password(services, signed_in), "no dialog the second time"
