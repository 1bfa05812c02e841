"""Helpers for driving the real window: keyboard only, Chinese typed through input-method events.

``qtbot.keyClicks`` with CJK text aborts the process (PLATFORM_NOTES.md), so Chinese goes in as a
``QInputMethodEvent`` whose commit string is the text – what an IME does when the clerk picks the
characters. Screenshots of each step land in ``artifacts/screens/``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.ui import i18n, worker
from intake_desk.ui.application import application, build_main_window
from intake_desk.ui.main_window import MainWindow


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has keyboard focus"
    return widget


def show_active(qtbot: QtBot, widget: QWidget) -> None:
    """Show a top-level widget and make it the active window, as when it opens on the clerk's screen."""
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget and QApplication.focusWidget() is not None)


def type_text(text: str, widget: QWidget | None = None) -> None:
    """Commit ``text`` through the input method into the focused widget (or ``widget``)."""
    target = widget or focused()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(target, event)
    QApplication.processEvents()


def press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
          times: int = 1) -> None:
    """A key press delivered where the clerk's keyboard would deliver it: the focused widget."""
    for _ in range(times):
        qtbot.keyClick(focused(), key, modifier)
        QApplication.processEvents()  # item delegates commit an edit through a queued call


def keys(qtbot: QtBot, text: str) -> None:
    """ASCII text typed key by key into the focused widget (a barcode scanner does the same)."""
    qtbot.keyClicks(focused(), text)
    QApplication.processEvents()


def settle(qtbot: QtBot, timeout: int = 30_000) -> None:
    """Wait until every shown main window has started (first page built after its first paint, sign-in
    checks begun), background work and its callbacks are done and no preview or autosave is pending.
    Up to 30 s: a page's background work took more than 10 s once with two test processes on two cores."""

    def idle() -> bool:
        if worker.running():
            return False
        if any(isinstance(w, MainWindow) and w.isVisible() and not w.started for w in QApplication.topLevelWidgets()):
            return False
        for page in QApplication.topLevelWidgets():
            intake = getattr(page, "pages", {}).get("intake") if isinstance(page, MainWindow) else None
            if intake is not None and (intake._preview_timer.isActive() or intake._preview_running
                                       or intake.drafts.pending):
                return False
        return True

    qtbot.waitUntil(idle, timeout=timeout)
    qtbot.wait(20)
    qtbot.waitUntil(idle, timeout=timeout)


@pytest.fixture
def screens(artifacts: Path) -> Path:
    path = artifacts / "screens"
    path.mkdir(exist_ok=True)
    return path


@pytest.fixture
def app() -> QApplication:
    return application("zh")


@pytest.fixture
def make_window(qtbot: QtBot, app: QApplication) -> Iterator:
    windows: list[MainWindow] = []

    def build(services: Services, actor: Actor) -> MainWindow:
        window = build_main_window(services, actor)
        window.resize(1360, 860)
        qtbot.addWidget(window)
        show_active(qtbot, window)
        windows.append(window)
        settle(qtbot)
        return window

    yield build
    for window in windows:
        try:
            window._ping_timer.stop()
        except RuntimeError:
            pass
    worker.wait_all(10_000)
    QApplication.processEvents()


@pytest.fixture(autouse=True)
def own_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test its own data folder: local drafts, logs and window settings never leak between tests."""
    home = tmp_path / "home"
    monkeypatch.setenv("INTAKE_DESK_HOME", str(home))
    return home


@pytest.fixture(params=["zh", "en"])
def language(request: pytest.FixtureRequest, app: QApplication) -> Iterator[str]:
    """Each test in both languages: the saved choice, installed as the program's start installs it."""
    i18n.save_language(request.param)
    assert i18n.install(app) == request.param
    yield request.param
    i18n.save_language("zh")
    i18n.install(app)
