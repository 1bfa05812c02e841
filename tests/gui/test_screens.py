"""Every page and dialog on the screens halls have, in Chinese and in English, with nothing cut.

The window is given the room a hall's screen leaves it: 1366×768 less a 40-pixel taskbar, 1280×1024 less
the taskbar, and 1920×1080 at 150 % scaling (1280×720 logical pixels, less the taskbar). At 150 % Qt lays
out in logical pixels with the same fonts, so the logical area is the screen the layout sees. Each page,
each intake step and each tab of a tab sheet is shown in turn and measured (tests/gui/screen_fit.py):
every label, button, check box, tab and header shows its whole text and no widget lies outside the window.
Screenshots land in ``artifacts/screens/fit/``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog, QScrollArea, QTableView, QTreeView
from pytestqt.qtbot import QtBot

from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.ui import i18n
from tests.gui.conftest import settle
from tests.gui.screen_fit import cut_texts
from tests.gui.test_keyboard import people, sheets  # noqa: F401 - the fixture is used by name

SCREENS = {"1366x768": QRect(0, 0, 1366, 728), "1280x1024": QRect(0, 0, 1280, 984),
           "1920x1080@150%": QRect(0, 0, 1280, 680)}


@pytest.fixture(params=["zh", "en"])
def language(request: pytest.FixtureRequest, app: QApplication) -> str:
    i18n.save_language(request.param)
    i18n.install(app)
    yield request.param
    i18n.save_language("zh")
    i18n.install(app)


def fit_window(qtbot: QtBot, window, area: QRect) -> None:  # type: ignore[no-untyped-def]
    """The window as it opens on a screen with ``area`` available: maximised into it (the window is
    never larger than the area, tests/gui/test_main_window.py)."""
    window.showNormal()
    window.setGeometry(area)
    qtbot.waitUntil(lambda: window.size() == area.size())
    settle(qtbot)


def sideways_tables(window, where: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Every table and tree on the page (lists, the per-department counts on 转介, the intake's member and
    money tables, its earlier applications and referrals): its columns fit its viewport, so it does not
    scroll sideways. A table escapes the page's own check above – the page fits, the table inside it
    scrolls. (Measured in pixels: a table scrolls sideways a column at a time, so its scroll bar's range
    counts columns, not pixels.)"""
    problems = []
    for view in window.ui.pages.currentWidget().findChildren(QAbstractItemView):
        if not isinstance(view, QTableView | QTreeView):
            continue
        header = view.horizontalHeader() if isinstance(view, QTableView) else view.header()
        if not view.isVisible() or not header.isVisible() or view.model() is None:
            continue
        needed = header.length()
        if needed > view.viewport().width():
            problems.append(f"{where}: the table {view.objectName()} scrolls sideways: its columns need "
                            f"{needed} px, it shows {view.viewport().width()}")
    return problems


def short_lists(window, where: str) -> list[str]:  # type: ignore[no-untyped-def]
    """A list the clerk reads on the page shows its header and at least four rows: on a short screen the page
    scrolls instead of squeezing it (the intake's earlier applications were once 64 px high in English)."""
    problems = []
    for view in window.ui.pages.currentWidget().findChildren(QAbstractItemView):
        if (not isinstance(view, QTableView | QTreeView) or not view.isVisible()
                or view.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff):
            continue
        row = view.fontMetrics().height() + 8
        if view.viewport().height() < 4 * row:
            problems.append(f"{where}: the list {view.objectName()} shows {view.viewport().height()} px, "
                            f"less than four rows of {row} px")
    return problems


@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("role", ["clerk", "supervisor", "officer", "admin"])
def test_every_page_fits(qtbot: QtBot, services: Services, people: dict[str, Actor], make_window,  # noqa: F811
                         language: str, role: str, screen: str, artifacts: Path) -> None:
    folder = artifacts / "screens" / "fit"
    folder.mkdir(parents=True, exist_ok=True)
    window = make_window(services, people[role])
    fit_window(qtbot, window, SCREENS[screen])
    area = SCREENS[screen]
    problems: list[str] = []
    for _page, name in sheets(qtbot, window, role):
        where = f"{screen} {language} {name}"
        least = window.minimumSizeHint()
        if least.width() > area.width() or least.height() > area.height():
            problems.append(f"{where}: the window needs at least {least.width()}×{least.height()}")
        problems += cut_texts(window, where)
        # A page may scroll down on a short screen, never sideways: its right side would be out of sight.
        holder = window.ui.pages.currentWidget()
        if isinstance(holder, QScrollArea) and holder.widget() is not None:
            wanted = holder.widget().minimumSizeHint().width()
            if wanted > holder.viewport().width():
                problems.append(f"{where}: the page needs {wanted} px, the window gives it "
                                f"{holder.viewport().width()}")
        problems += sideways_tables(window, where)
        problems += short_lists(window, where)
        window.grab().save(str(folder / f"{screen}_{language}_{name.replace('/', '_').replace(' ', '_')}.png"))
    assert problems == [], "\n".join(problems)
    for dialog in window.findChildren(QDialog):
        dialog.close()
