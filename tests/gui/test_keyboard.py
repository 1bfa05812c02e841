"""Keyboard alone: Tab walks every page and dialog round, reaching every enabled button and field, and
comes back to where it started; Enter presses the focused button; Ctrl+PgUp/PgDn switch tabs; each
window's mnemonics (Alt+letter) are unique."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QTabBar,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.services.intake import referral_choice
from tests.gui.conftest import focused, press, settle
from tests.intake_data import zhuzhou_form
from tests.referral_data import ensure_departments, officer

K = Qt.Key
CHAIN_LIMIT = 300


def owner(widget: QWidget) -> QWidget:
    """The widget the clerk sees as one field: a spin box or combo box, not its inner line edit."""
    parent = widget.parentWidget()
    while parent is not None and isinstance(parent, QAbstractSpinBox | QComboBox):
        widget, parent = parent, parent.parentWidget()
    return widget


def inside_view(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractItemView):
            return True
        parent = parent.parentWidget()
    return False


def takes_tab(widget: QWidget) -> bool:
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.focusProxy() is None


def focusables(root: QWidget) -> list[QWidget]:
    """Every visible, enabled widget under ``root`` that Tab should reach (fields, buttons, tables)."""
    found = []
    for widget in root.findChildren(QWidget):
        if not (widget.isVisible() and widget.isEnabled() and takes_tab(widget)):
            continue
        if widget.window() is not root.window():
            continue
        if isinstance(owner(widget), QAbstractSpinBox | QComboBox) and owner(widget) is not widget:
            continue
        if inside_view(widget):  # a cell editor: Tab moves along the cells while editing
            continue
        if isinstance(widget.parentWidget(), QTabBar):  # its scroll arrows: Ctrl+PgUp/PgDn switch tabs
            continue
        found.append(owner(widget))
    return found


def focus_chain(qtbot: QtBot, start: QWidget) -> list[QWidget]:
    """Press Tab from ``start`` until the focus comes back to it; the widgets it passed, in order."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    first = owner(focused())
    chain = [first]
    for _ in range(CHAIN_LIMIT):
        press(qtbot, K.Key_Tab)
        settle(qtbot)  # what a field shows when reached (a referral's buttons) is there before the next key
        current = owner(focused())
        if current is first:
            return chain
        assert current is not chain[-1], f"Tab is stuck on {describe(current)}"
        assert current not in chain, f"Tab loops without coming back: {describe(current)} again"
        chain.append(current)
    raise AssertionError(f"the Tab chain from {describe(first)} does not close in {CHAIN_LIMIT} presses")


def describe(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QAbstractButton | QLabel) else ""
    return f"{type(widget).__name__}({widget.objectName()!r}{', ' + repr(text) if text else ''})"


def assert_round(qtbot: QtBot, root: QWidget, start: QWidget | None = None, what: str = "") -> list[QWidget]:
    """Tab from the first field of ``root`` comes back round and reaches every field and button."""
    expected = focusables(root)
    assert expected, f"{what}: nothing to reach"
    chain = focus_chain(qtbot, start or expected[0])
    missing = [describe(w) for w in expected if w not in chain]
    assert not missing, f"{what}: Tab never reaches {missing}"
    # Shift+Tab walks the same round backwards.
    press(qtbot, K.Key_Backtab)
    assert owner(focused()) is chain[-1], f"{what}: Shift+Tab from the first field goes to {describe(focused())}"
    return chain


def mnemonics(widgets: Iterable[QWidget]) -> list[str]:
    letters = []
    for widget in widgets:
        if isinstance(widget, QLabel) and widget.buddy() is None:
            continue
        if isinstance(widget, QAbstractButton | QLabel | QGroupBox):
            text = widget.title() if isinstance(widget, QGroupBox) else widget.text()
            letters += [m.upper() for m in re.findall(r"(?<!&)&([^&\s])", text)]
    return letters


def window_mnemonics(window: QWidget) -> list[str]:
    """The Alt+letters alive in ``window`` now: its menu titles and its visible labels, buttons, tabs."""
    letters = []
    menubar = getattr(window, "menuBar", None)
    if menubar is not None and callable(menubar):
        for action in menubar().actions():
            letters += [m.upper() for m in re.findall(r"(?<!&)&([^&\s])", action.text())]
    letters += mnemonics(w for w in window.findChildren(QWidget) if w.isVisible() and w.window() is window)
    for bar in window.findChildren(QTabBar):
        if bar.isVisible():
            for i in range(bar.count()):
                letters += [m.upper() for m in re.findall(r"(?<!&)&([^&\s])", bar.tabText(i))]
    return letters


def assert_unique_mnemonics(window: QWidget, what: str) -> None:
    letters = window_mnemonics(window)
    twice = sorted({m for m in letters if letters.count(m) > 1})
    assert not twice, f"{what}: Alt+{', Alt+'.join(twice)} used more than once"


@pytest.fixture
def people(services: Services, admin: Actor, clerk: Actor, supervisor: Actor) -> dict[str, Actor]:
    ensure_departments(services)
    form = zhuzhou_form()
    preview = services.intake.preview(clerk, form)
    form = replace(form, referrals=tuple(referral_choice(p, consent_given=True) for p in preview.referrals))
    services.intake.submit(clerk, form)
    return {"clerk": clerk, "supervisor": supervisor, "officer": officer(services, "jiaoyu1", "education", "赵教育"),
            "admin": admin}


def sheets(qtbot: QtBot, window, role: str):  # type: ignore[no-untyped-def]
    """Show every page of the window, every step of the intake and every tab of a tab sheet in turn;
    yields (page, name) with that sheet on screen."""
    for spec in window.specs:
        page = window.show_page(spec.key)
        settle(qtbot)
        steps = getattr(page, "steps", None)
        for index in range(len(steps) if steps else 1):
            if steps:
                page.go_to(index)
                settle(qtbot)
            name = f"{role}/{spec.key}" + (f" step {index + 1}" if steps else "")
            tab_sheets = [t for t in page.findChildren(QTabWidget) if t.isVisible()]
            if not tab_sheets:
                yield page, name
            for tabs in tab_sheets:
                for tab in range(tabs.count()):
                    tabs.setCurrentIndex(tab)
                    settle(qtbot)
                    yield page, f"{name} tab {tab + 1}"


@pytest.mark.parametrize("role", ["clerk", "supervisor", "officer", "admin"])
def test_tab_walks_every_page_round(qtbot: QtBot, services: Services, people: dict[str, Actor], make_window,
                                    role: str) -> None:
    window = make_window(services, people[role])
    window.resize(1366, 768)
    for page, name in sheets(qtbot, window, role):
        assert_round(qtbot, page, what=name)
        assert_unique_mnemonics(window, name)


@pytest.mark.parametrize("role", ["clerk", "supervisor", "officer", "admin"])
def test_mnemonics_are_unique_in_english(qtbot: QtBot, services: Services, people: dict[str, Actor], make_window,
                                         role: str) -> None:
    from intake_desk.ui.application import application

    application("en")
    try:
        window = make_window(services, people[role])
        for _page, name in sheets(qtbot, window, role):
            assert_unique_mnemonics(window, f"{name} (English)")
    finally:
        application("zh")
