"""空闲锁屏 – the screen locks after a few idle minutes (等保 level-2) and needs the password to continue.

One application-wide event filter (installed through ``MainWindow.install_session_guard``) notes the
time of the keystrokes, clicks and wheel turns. A Python filter on the application is called for every
event of every widget (paints, timers, queued calls – some hundred while an intake is submitted), and
each call needs the interpreter lock that background work holds; so once it has seen input it takes
itself off the application and comes back ``REARM_MS`` later (a tenth of the idle time when that is
shorter): while the clerk works it runs at most about once a second, and nothing in between. The lock
may therefore come up to that much earlier than the idle time after the very last input (1 s of 10
minutes). While locked the filter stays on, since it is what swallows the input. After ``idle_lock_minutes`` (a hall setting, default 10)
without input, an opaque cover is laid over every open window of the program, so nothing typed behind
it can be read, and a small password prompt opens above them all (application-modal, so it takes the
keyboard even when a dialog was open). While locked, every key, click, shortcut and close aimed at
anything but the prompt is swallowed. Nothing behind the covers is touched: a half-typed intake is
exactly as it was when the password is given. The password is checked by the account service, so
wrong passwords count towards the account lockout like any other sign-in. "退出登录" on the prompt
signs out instead (the intake page keeps its draft).
"""

from __future__ import annotations

import logging
import time

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.ui.i18n import label
from intake_desk.ui.style import set_role
from intake_desk.ui.worker import error_message, run_in_background

log = logging.getLogger(__name__)

DEFAULT_MINUTES = 10
REARM_MS = 1000
"""How long the activity watch stays off the application after it has seen input."""
_E = QEvent.Type
ACTIVITY = frozenset({
    _E.KeyPress, _E.ShortcutOverride, _E.MouseButtonPress, _E.MouseButtonDblClick, _E.MouseMove, _E.Wheel,
    _E.TouchBegin, _E.TouchUpdate, _E.TabletPress, _E.InputMethod,
})
"""What counts as somebody at the desk."""
BLOCKED = ACTIVITY | {
    _E.KeyRelease, _E.MouseButtonRelease, _E.Shortcut, _E.ShortcutOverride, _E.ContextMenu, _E.DragEnter,
    _E.DragMove, _E.Drop, _E.TouchEnd, _E.TabletRelease, _E.InputMethodQuery, _E.Close,
}
"""What is swallowed while locked, for everything outside the password prompt."""
COVER_COLOUR = "#1b2a41"
TRANSIENT = (Qt.WindowType.Popup, Qt.WindowType.ToolTip)


def _t(text: str) -> str:
    return QApplication.translate("IdleLock", text)


class LockCover(QFrame):
    """The opaque cover over one window (large windows also say whose screen is locked)."""

    def __init__(self, host: QWidget, actor: Actor) -> None:
        super().__init__(host)
        self.host = host
        self.setObjectName("lockCover")
        self.setAutoFillBackground(True)
        self.setStyleSheet(f"QFrame#lockCover {{ background: {COVER_COLOUR}; }}"
                           "QLabel#lockNotice { color: #dce3ec; font-size: 14pt; }")
        layout = QVBoxLayout(self)
        notice = QLabel(QApplication.translate("IdleLock", "屏幕已锁定 · %1（%2）").replace("%1", actor.display_name)
                        .replace("%2", label(actor.role)), self)
        notice.setObjectName("lockNotice")
        notice.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        notice.setVisible(host.width() >= 480)
        layout.addWidget(notice)
        layout.addStretch(1)
        host.installEventFilter(self)
        self._fit()
        self.show()
        self.raise_()

    def _fit(self) -> None:
        self.setGeometry(self.host.rect())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.host and event.type() in (_E.Resize, _E.Show, _E.LayoutRequest, _E.ChildAdded):
            self._fit()
            self.raise_()
        return False


class LockPrompt(QFrame):
    """The password prompt: a small frameless window above everything, application-modal."""

    unlock_requested = Signal(str)
    sign_out_requested = Signal()

    def __init__(self, actor: Actor, over: QWidget) -> None:
        # A window of its own (so it takes the keyboard above a modal dialog) owned by the main window
        # (so it goes when the window goes).
        super().__init__(over, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint
                         | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("lockPrompt")
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setWindowTitle(QApplication.translate("IdleLock", "屏幕已锁定"))
        self.setStyleSheet("QFrame#lockPrompt { background: white; border: 1px solid #cfd6e0; "
                           "border-radius: 10px; }")
        self.setFixedWidth(440)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(12)
        title = QLabel(QApplication.translate("IdleLock", "屏幕已锁定"), self)
        title.setObjectName("lockTitle")
        set_role(title, "title")
        layout.addWidget(title)
        who = QLabel(QApplication.translate("IdleLock", "%1（%2）已离开座位，为保护申请人信息，屏幕已锁定。")
                     .replace("%1", actor.display_name).replace("%2", label(actor.role)), self)
        who.setWordWrap(True)
        layout.addWidget(who)
        hint = QLabel(QApplication.translate("IdleLock", "请输入 %1 的密码继续；未提交的受理内容保持不变。").replace("%1", actor.username), self)
        hint.setWordWrap(True)
        set_role(hint, "hint")
        layout.addWidget(hint)
        self.password = QLineEdit(self)
        self.password.setObjectName("lockPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(QApplication.translate("IdleLock", "密码"))
        self.password.returnPressed.connect(self._submit)
        layout.addWidget(self.password)
        self.message = QLabel(self)
        self.message.setObjectName("lockMessage")
        self.message.setWordWrap(True)
        set_role(self.message, "error")
        self.message.hide()
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.sign_out = QPushButton(QApplication.translate("IdleLock", "退出登录"), self)
        self.sign_out.setObjectName("lockSignOut")
        self.sign_out.clicked.connect(self.sign_out_requested)
        self.unlock = QPushButton(QApplication.translate("IdleLock", "解锁"), self)
        self.unlock.setObjectName("lockUnlock")
        set_role(self.unlock, "primary")
        self.unlock.setDefault(True)
        self.unlock.clicked.connect(self._submit)
        buttons.addWidget(self.sign_out)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock)
        layout.addLayout(buttons)
        self.adjustSize()
        centre = over.mapToGlobal(over.rect().center())
        self.move(centre.x() - self.width() // 2, centre.y() - self.height() // 2)

    def _submit(self) -> None:
        if self.password.text():
            self.unlock_requested.emit(self.password.text())

    def busy(self, busy: bool) -> None:
        self.password.setEnabled(not busy)
        self.unlock.setEnabled(not busy)
        if not busy:
            self.password.setFocus(Qt.FocusReason.OtherFocusReason)

    def refuse(self, message: str) -> None:
        self.message.setText(message)
        self.message.show()
        self.adjustSize()
        self.password.clear()
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)


class IdleLock(QObject):
    """The application-wide idle watch and screen lock of one signed-in window."""

    locked_changed = Signal(bool)

    def __init__(self, window: QWidget, services: Services, actor: Actor, *, idle_ms: int) -> None:
        super().__init__()
        self.window = window
        self.services = services
        self.actor = actor
        self.idle_ms = max(1, int(idle_ms))
        self.covers: list[LockCover] = []
        self.prompt: LockPrompt | None = None
        self._focus_before: QWidget | None = None
        self._last_input = time.monotonic()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._check_idle)
        self._timer.start(self.idle_ms)
        self._watching = False  # installed on the application now
        self._stopped = False
        self._rearm = QTimer(self)
        self._rearm.setSingleShot(True)
        self._rearm.timeout.connect(self.watch)

    # -- watching ----------------------------------------------------------------------------------
    @property
    def is_locked(self) -> bool:
        return self.prompt is not None

    @property
    def watching(self) -> bool:
        """Whether the filter is on the application now (a Python call for every event)."""
        return self._watching

    def watch(self) -> None:
        """Put the filter on the application (again)."""
        app = QApplication.instance()
        if self._stopped or self._watching or app is None:
            return
        app.installEventFilter(self)
        self._watching = True

    def _rest(self) -> None:
        """Input seen: off the application until ``REARM_MS`` later (never while locked)."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._watching = False
        self._rearm.start(max(1, min(REARM_MS, self.idle_ms // 10)))

    def stop(self) -> None:
        """The window closed: watch nothing any more."""
        self._stopped = True
        self._rearm.stop()
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._watching = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if self.prompt is None:
            if kind in ACTIVITY:
                self._last_input = time.monotonic()
                self._rest()
            return False
        if kind == _E.Show and isinstance(watched, QWidget) and watched.isWindow():
            QTimer.singleShot(0, lambda w=watched: self._cover_late(w))
            return False
        if kind not in BLOCKED:
            return False
        if isinstance(watched, QWidget):
            if self._in_prompt(watched):
                return False
            if kind == _E.Close:
                event.ignore()  # a close event starts accepted: swallowing it alone would let it close
            return True
        return isinstance(watched, QAction | QShortcut)  # shortcuts of the windows behind

    def _in_prompt(self, widget: QWidget) -> bool:
        prompt = self.prompt
        return prompt is not None and shiboken6.isValid(prompt) and (widget is prompt or prompt.isAncestorOf(widget))

    def _check_idle(self) -> None:
        if self.prompt is not None:
            return
        idle = (time.monotonic() - self._last_input) * 1000
        if idle >= self.idle_ms:
            self.lock()
        else:
            self._timer.start(max(10, int(self.idle_ms - idle)))

    def touch(self) -> None:
        """Count as input now (e.g. right after signing in)."""
        self._last_input = time.monotonic()

    def set_idle_ms(self, idle_ms: int) -> None:
        """Change the idle time (the administrator changed the setting), counting from now."""
        self.idle_ms = max(1, int(idle_ms))
        self.touch()
        if self.prompt is None:
            self._timer.start(self.idle_ms)

    # -- locking -------------------------------------------------------------------------------------
    def lock(self) -> None:
        if self.prompt is not None:
            return
        log.info("screen locked after %d s without input", self.idle_ms // 1000)
        self._focus_before = QApplication.focusWidget()
        for popup in QApplication.topLevelWidgets():
            if popup.isVisible() and popup.windowType() in TRANSIENT:
                popup.hide()  # an open combo list or tool tip would show over the cover
        windows = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.windowType() not in TRANSIENT]
        if self.window not in windows:
            windows.append(self.window)
        self.covers = [LockCover(host, self.actor) for host in windows]
        self.prompt = LockPrompt(self.actor, self.window)
        self.prompt.unlock_requested.connect(self._try_unlock)
        self.prompt.sign_out_requested.connect(self._sign_out)
        self._rearm.stop()
        self.watch()  # the filter swallows the input while locked
        self.prompt.show()  # new and stays-on-top: above every window of the program
        self.prompt.activateWindow()
        self.prompt.password.setFocus(Qt.FocusReason.OtherFocusReason)
        self.locked_changed.emit(True)

    def _cover_late(self, window: QWidget) -> None:
        """A window that opened while locked (a message from background work) is covered too."""
        if (self.prompt is None or not shiboken6.isValid(window) or window is self.prompt
                or any(c.host is window for c in self.covers) or window.windowType() in TRANSIENT):
            return
        self.covers.append(LockCover(window, self.actor))

    def _try_unlock(self, password: str) -> None:
        prompt = self.prompt
        if prompt is None:
            return
        prompt.busy(True)
        services, username = self.services, self.actor.username

        def check() -> object:
            return services.accounts.authenticate(username, password)

        def done(signed_in: object) -> None:
            if not shiboken6.isValid(prompt):
                return
            prompt.busy(False)
            if getattr(signed_in, "user_id", None) == self.actor.user_id:
                self.unlock()
            else:
                prompt.refuse(QApplication.translate("IdleLock", "密码不正确"))

        def failed(error: BaseException) -> None:
            # A wrong password, the account locked after too many, or the database cannot be reached
            # right now: the screen stays locked and the prompt says which.
            if shiboken6.isValid(prompt):
                prompt.busy(False)
                prompt.refuse(error_message(error))

        run_in_background(prompt, check, done, failed, busy=False, label="unlock")

    def unlock(self) -> None:
        prompt, self.prompt = self.prompt, None
        covers, self.covers = self.covers, []
        if prompt is not None and shiboken6.isValid(prompt):
            prompt.hide()
            prompt.deleteLater()
        for cover in covers:
            if shiboken6.isValid(cover):
                cover.host.removeEventFilter(cover)
                cover.hide()
                cover.deleteLater()
        focus, self._focus_before = self._focus_before, None
        if focus is not None and shiboken6.isValid(focus) and focus.isVisible():
            focus.window().activateWindow()
            focus.setFocus(Qt.FocusReason.OtherFocusReason)
        self._last_input = time.monotonic()
        self._timer.start(self.idle_ms)
        log.info("screen unlocked")
        self.locked_changed.emit(False)

    def _sign_out(self) -> None:
        self.unlock()
        sign_out = getattr(self.window, "_sign_out", None)
        if sign_out is not None:
            sign_out()
        else:
            self.window.close()


def idle_minutes(services: Services, actor: Actor) -> int:
    """The hall's idle-lock setting (the default when the database cannot be read right now)."""
    try:
        return services.settings.get_int(actor, "idle_lock_minutes")
    except Exception:  # noqa: BLE001 - a lock with the default beats no lock at all
        log.warning("idle lock setting unreadable; using %d minutes", DEFAULT_MINUTES)
        return DEFAULT_MINUTES


def install_idle_lock(window: QWidget, services: Services, actor: Actor, *, idle_ms: int | None = None) -> IdleLock:
    """Watch the program's input for ``window`` and lock it after the hall's idle minutes."""
    lock = IdleLock(window, services, actor,
                    idle_ms=idle_ms if idle_ms is not None else idle_minutes(services, actor) * 60_000)
    install = getattr(window, "install_session_guard", None)
    if install is not None:
        install(lock)
    else:
        lock.setParent(window)
    lock.watch()
    return lock
