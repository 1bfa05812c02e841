"""Every drop-down list of every page (each tab and each intake step) opens with whole items: its first and,
scrolled to it, its last item lie entirely inside the popup's viewport – not cut in half at the bottom."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QComboBox, QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from intake_desk.services.context import Services
from intake_desk.services.demo import DemoSummary, seed_demo
from tests.gui.conftest import settle


@pytest.fixture
def demo(services: Services) -> DemoSummary:
    return seed_demo(services, households=8)


def _views(page: QWidget, qtbot: QtBot) -> Iterator[str]:
    """Each tab of each tab widget of the page, and each step of the intake, shown in turn."""
    yield "page"
    steps = getattr(page, "steps", None)
    if isinstance(steps, list) and hasattr(page, "go_to"):
        for index in range(len(steps)):
            page.go_to(index, record=False)
            settle(qtbot)
            yield f"step {index + 1}"
    for tabs in page.findChildren(QTabWidget):
        for index in range(tabs.count()):
            if tabs.isVisibleTo(page) and tabs.isTabEnabled(index):
                tabs.setCurrentIndex(index)
                settle(qtbot)
                yield f"{tabs.objectName()} tab {index}"


def _cut_items(combo: QComboBox, qtbot: QtBot, squeeze: int = 0) -> list[str]:
    """The items shown only in part, top to bottom. ``squeeze`` makes the popup's frame shorter than its list, as when
    the frame is sized without the items' padding (what cut the last item in half), to see the check fail."""
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(lambda: view.isVisible(), timeout=3000)
    if squeeze:
        full = view.geometry()
        view.window().resize(view.window().width(), view.window().height() - squeeze)
        QApplication.processEvents()
        view.setGeometry(full)
    problems = []
    viewport = view.viewport()
    popup = view.window()  # the popup's frame: what the clerk sees of the list
    model = combo.model()
    for row in (0, combo.count() - 1):
        index = model.index(row, combo.modelColumn(), combo.rootModelIndex())
        view.scrollTo(index)
        QApplication.processEvents()
        rect = view.visualRect(index)
        shown = QRect(popup.mapFromGlobal(viewport.mapToGlobal(rect.topLeft())), rect.size())
        inside_list = 0 <= rect.top() and rect.bottom() <= viewport.rect().bottom()
        inside_popup = 0 <= shown.top() and shown.bottom() <= popup.rect().bottom()
        if not (inside_list and inside_popup):
            problems.append(f"item {row + 1} of {combo.count()} {combo.itemText(row)!r}: {rect.getRect()} in a list "
                            f"of {viewport.rect().getRect()}, {shown.getRect()} in a popup of {popup.rect().getRect()}")
    combo.hidePopup()
    QApplication.processEvents()
    return problems


@pytest.mark.qt_log_ignore("This plugin does not support")  # raise() and keyboard grabs of a popup, offscreen
@pytest.mark.parametrize("username", ["clerk", "supervisor", "admin"])
def test_every_drop_down_shows_whole_items(qtbot: QtBot, services: Services, demo: DemoSummary, make_window,
                                           username: str) -> None:
    account = next(a for a in demo.accounts if a.username == username)
    window = make_window(services, services.accounts.authenticate(account.username, account.password))
    found: list[str] = []
    opened = 0
    for spec in window.specs:
        page = window.show_page(spec.key)
        settle(qtbot)
        assert page is not None
        for where in _views(page, qtbot):
            for combo in page.findChildren(QComboBox):
                if combo.isVisibleTo(window) and combo.isEnabled() and combo.count() > 0:
                    found += [f"{spec.key} {where} {combo.objectName()}: {p}" for p in _cut_items(combo, qtbot)]
                    opened += 1
    assert opened >= 5, "the walk opened the drop-downs of the pages"
    assert found == [], "\n".join(found)


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_the_check_sees_a_cut_last_item(qtbot: QtBot, app: QApplication) -> None:
    combo = QComboBox()
    combo.addItems(["最低生活保障", "特困人员供养", "临时救助"])
    qtbot.addWidget(combo)
    combo.show()
    assert _cut_items(combo, qtbot) == []
    cut = _cut_items(combo, qtbot, squeeze=12)
    assert len(cut) == 1 and cut[0].startswith("item 3 of 3")
