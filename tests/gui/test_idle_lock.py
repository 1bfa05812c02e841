"""The idle screen lock: covers every window, swallows input, needs the password, leaves the intake as typed."""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from intake_desk.domain.enums import Role
from intake_desk.domain.resident_id import make_resident_id
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.store.models import AuditEvent
from intake_desk.ui.lock import IdleLock, LockCover, LockPrompt, install_idle_lock
from tests.conftest import add_user
from tests.gui.conftest import focused, keys, press, settle, type_text

CTRL = Qt.KeyboardModifier.ControlModifier
HEAD_ID = make_resident_id("430202", date(1968, 1, 30), 51)


@pytest.fixture
def clerk(services: Services, admin: Actor) -> Actor:
    return add_user(services, "clerk1", Role.CLERK, "王丽")


def _lock_of(window) -> IdleLock:  # type: ignore[no-untyped-def]
    lock = window.idle_lock
    assert isinstance(lock, IdleLock)
    return lock


def _prompt(lock: IdleLock) -> LockPrompt:
    assert lock.prompt is not None
    return lock.prompt


def _password(lock: IdleLock) -> QLineEdit:
    return _prompt(lock).password


def _events(services: Services, action: str) -> list[str]:
    with services.db.reading() as session:
        return [e.entity_id for e in session.scalars(select(AuditEvent).where(AuditEvent.action == action))]


def test_locks_after_idle_time_and_keeps_the_intake(qtbot: QtBot, services: Services, clerk: Actor, make_window,
                                                    screens: Path) -> None:
    window = make_window(services, clerk)
    page = window.page("intake")
    lock = _lock_of(window)
    assert lock.idle_ms == 10 * 60_000  # the hall's default
    search = page.applicant.ui.searchEdit
    search.setFocus()
    keys(qtbot, HEAD_ID[:10])
    lock.set_idle_ms(400)
    qtbot.waitUntil(lambda: lock.is_locked, timeout=5_000)

    # One opaque cover over the whole window, the password prompt above it with the keyboard.
    (cover,) = lock.covers
    assert cover.isVisible() and cover.geometry() == window.rect()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is _password(lock))  # once the prompt is active
    assert QApplication.activeModalWidget() is _prompt(lock)
    window.grab().save(str(screens / "60_idle_lock.png"))
    _prompt(lock).grab().save(str(screens / "60_idle_lock_prompt.png"))

    # Nothing behind it takes input: keys, shortcuts, clicks.
    qtbot.keyClicks(search, "999")
    assert search.text() == HEAD_ID[:10]
    press(qtbot, Qt.Key.Key_2, CTRL)  # the page shortcut
    assert window.current_page_key() == "intake"
    nav = window.ui.navigation
    rect = nav.visualItemRect(nav.item(1))
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_page_key() == "intake"
    window.close()
    assert window.isVisible(), "closing is refused while locked (sign out on the cover instead)"

    # A wrong password is refused on the cover, counted like any failed sign-in.
    keys(qtbot, "not-my-password")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _prompt(lock).message.isVisible())
    assert "不正确" in _prompt(lock).message.text()
    assert lock.is_locked and _password(lock).text() == ""
    assert "clerk1" in _events(services, "login.failed")

    # The right one: the cover goes, the form is exactly as it was, focus back where it was.
    keys(qtbot, "clerk1-pass-1")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not lock.is_locked, timeout=5_000)
    assert not any(w.isVisible() for w in window.findChildren(LockCover))
    assert not any(w.isVisible() for w in window.findChildren(LockPrompt))
    assert search.text() == HEAD_ID[:10]
    assert focused() is search
    keys(qtbot, HEAD_ID[10:])
    assert search.text() == HEAD_ID
    settle(qtbot)


def test_activity_keeps_the_screen_unlocked(qtbot: QtBot, services: Services, clerk: Actor, make_window) -> None:
    window = make_window(services, clerk)
    lock = _lock_of(window)
    lock.set_idle_ms(1500)
    target = window.ui.navigation.viewport()
    for i in range(30):
        qtbot.wait(100)
        move = QMouseEvent(QEvent.Type.MouseMove, QPointF(QPoint(5 + i, 5)), QPointF(QPoint(5 + i, 5)),
                           Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(target, move)
    assert not lock.is_locked, "3 s of mouse movement with a 1.5 s idle time"
    qtbot.waitUntil(lambda: lock.is_locked, timeout=5_000)


def test_the_idle_time_is_the_halls_setting(services: Services, admin: Actor, clerk: Actor, make_window) -> None:
    services.settings.put(admin, "idle_lock_minutes", 3)
    window = make_window(services, clerk)
    assert _lock_of(window).idle_ms == 3 * 60_000


def test_a_dialog_open_at_lock_time_is_covered_and_takes_the_password(qtbot: QtBot, services: Services,
                                                                       clerk: Actor, make_window,
                                                                       screens: Path) -> None:
    window = make_window(services, clerk)
    lock = _lock_of(window)
    box = QMessageBox(QMessageBox.Icon.Question, "确认", "申请人张三的材料是否齐全？",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, window)
    box.open()
    qtbot.waitExposed(box)
    lock.set_idle_ms(300)
    qtbot.waitUntil(lambda: lock.is_locked, timeout=5_000)
    hosts = {cover.host for cover in lock.covers}
    assert hosts == {window, box}
    assert QApplication.activeModalWidget() is _prompt(lock)  # above the dialog, with the keyboard
    assert not box.grab().toImage().isNull()
    window.grab().save(str(screens / "61_idle_lock_behind_dialog.png"))
    box.grab().save(str(screens / "62_idle_lock_dialog.png"))
    type_text("clerk1-pass-1", _password(lock))
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not lock.is_locked, timeout=5_000)
    assert box.isVisible(), "the question is still there to answer"
    box.done(0)


def test_too_many_wrong_passwords_lock_the_account(qtbot: QtBot, services: Services, admin: Actor, clerk: Actor,
                                                   make_window) -> None:
    services.settings.put(admin, "lockout_attempts", 3)
    window = make_window(services, clerk)
    lock = _lock_of(window)
    lock.lock()
    for attempt in range(3):
        type_text(f"wrong-{attempt}", _password(lock))
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: _password(lock).isEnabled() and _prompt(lock).message.isVisible())
    message = _prompt(lock).message.text()
    assert "15" in message and ("锁定" in message or "locked" in message)
    type_text("clerk1-pass-1", _password(lock))
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _password(lock).isEnabled())
    assert lock.is_locked, "a locked account cannot unlock the screen either"
    assert "clerk1" in _events(services, "login.lock")


def test_sign_out_from_the_lock(qtbot: QtBot, services: Services, clerk: Actor, make_window) -> None:
    window = make_window(services, clerk)
    lock = _lock_of(window)
    page = window.page("intake")
    page.applicant.ui.searchEdit.setFocus()
    keys(qtbot, HEAD_ID)
    settle(qtbot)
    lock.lock()
    signed_out: list[bool] = []
    window.sign_out_requested.connect(lambda: signed_out.append(True))
    with qtbot.waitSignal(window.sign_out_requested):
        qtbot.mouseClick(_prompt(lock).sign_out, Qt.MouseButton.LeftButton)
    assert signed_out and not window.isVisible()
    settle(qtbot)
    saved = services.drafts.load(clerk, "intake", "")
    assert saved is None or HEAD_ID in json.dumps(saved, ensure_ascii=False)


def test_install_on_any_window(qtbot: QtBot, services: Services, clerk: Actor, make_window) -> None:
    window = make_window(services, clerk)
    extra = install_idle_lock(window, services, clerk, idle_ms=50)
    qtbot.waitUntil(lambda: extra.is_locked, timeout=3_000)
    extra.unlock()
    assert not extra.is_locked


def test_the_watch_leaves_the_application_between_inputs(qtbot: QtBot, services: Services, clerk: Actor,
                                                         make_window) -> None:
    """Input takes the filter off the application for a tenth of the idle time (1 s at most), so the
    events between keystrokes (paints, timers, a submit's queued calls) run no Python; it comes back by
    itself, the lock still comes when the input stops, and it stays on while locked (it swallows input)."""
    window = make_window(services, clerk)
    lock = _lock_of(window)
    lock.set_idle_ms(2000)
    search = window.page("intake").applicant.ui.searchEdit
    search.setFocus()
    assert lock.watching
    started = time.monotonic()
    keys(qtbot, "4")
    assert not lock.watching, "off the application once a key was seen"
    for _ in range(20):
        window.repaint()
    assert not lock.watching
    qtbot.waitUntil(lambda: lock.watching, timeout=5_000)
    assert not lock.is_locked, "back on the application by itself, well before the lock"
    qtbot.waitUntil(lambda: lock.is_locked, timeout=5_000)
    assert time.monotonic() - started >= 1.8, "locked no more than a tenth of the idle time early"
    assert lock.watching, "on the application while locked"
    qtbot.keyClicks(search, "999")
    assert search.text() == "4", "input behind the cover swallowed"
    assert lock.watching
    lock.unlock()
    qtbot.keyClicks(search, "5")
    assert not lock.watching
    window.close()
    qtbot.wait(400)
    assert not lock.watching, "a closed window's lock watches nothing, and does not come back"
