"""Columns that fit their view (ui/columns.py), on a real table: the widest column gives way down to its
title, an elided cell shows whole in its tooltip, columns the page can spare are hidden before anything is
elided and come back when there is room, and the page list of the main window hides with Ctrl+Shift+L."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QHelpEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QTableView, QToolTip
from pytestqt.qtbot import QtBot

from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.ui.columns import fit_columns, share
from tests.gui.conftest import press, settle

LONG = "人力资源和社会保障局就业促进科（一门受理协同办理）"


def test_share_gives_way_widest_first_never_below_the_floors() -> None:
    assert share([100, 50], [40, 40], 200) == [100, 50], "room for all: as wanted"
    assert share([300, 80, 60], [50, 50, 50], 250) == [110, 80, 60], "the widest gives way alone"
    assert share([300, 200, 60], [50, 50, 50], 300) == [120, 120, 60], "then the next widest with it"
    assert share([300, 200], [150, 150], 250) == [150, 150], "never below a floor (the view then scrolls)"
    assert sum(share([333, 221, 97], [40, 40, 40], 500)) == 500


def _table(qtbot: QtBot, rows: list[list[str]], titles: list[str]) -> QTableView:
    model = QStandardItemModel(0, len(titles))
    model.setHorizontalHeaderLabels(titles)
    for row in rows:
        model.appendRow([QStandardItem(text) for text in row])
    view = QTableView()
    view.setModel(model)
    qtbot.addWidget(view)
    view._model = model  # type: ignore[attr-defined] # kept alive with the view
    return view


def test_a_narrow_table_elides_its_widest_column_and_shows_it_whole_in_the_tooltip(qtbot: QtBot) -> None:
    view = _table(qtbot, [["HT01-20261019-0001", LONG, "2026-11-02"]], ["编号", "部门", "期限"])
    fit_columns(view, keep=(0, 2), most=1000)  # no cap: the whole text once there is room
    view.resize(420, 200)
    view.show()
    qtbot.waitExposed(view)
    header = view.horizontalHeader()
    number = view.fontMetrics().horizontalAdvance("HT01-20261019-0001")
    qtbot.waitUntil(lambda: header.sectionSize(0) >= number)  # kept whole
    assert header.length() <= view.viewport().width() and not view.horizontalScrollBar().isVisible()
    assert header.sectionSize(2) >= view.fontMetrics().horizontalAdvance("2026-11-02")
    assert header.sectionSizeHint(1) <= header.sectionSize(1) < view.fontMetrics().horizontalAdvance(LONG)
    cell = view.visualRect(view.model().index(0, 1)).center()
    event = QHelpEvent(QHelpEvent.Type.ToolTip, cell, view.viewport().mapToGlobal(cell))
    QApplication.sendEvent(view.viewport(), event)
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text() == LONG
    QToolTip.hideText()
    whole = view.visualRect(view.model().index(0, 0)).center()
    QApplication.sendEvent(view.viewport(), QHelpEvent(QHelpEvent.Type.ToolTip, whole, view.viewport().mapToGlobal(whole)))
    qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=3000)  # a whole cell has no tooltip
    view.resize(1200, 200)
    qtbot.waitUntil(lambda: header.sectionSize(1) >= view.fontMetrics().horizontalAdvance(LONG))


def test_a_spare_column_is_hidden_before_anything_is_elided_and_comes_back(qtbot: QtBot) -> None:
    view = _table(qtbot, [["HT01-20261019-0001", "张三", "荷塘区月塘街道便民服务中心", "教育局"]],
                  ["编号", "申请人", "受理大厅", "部门"])
    fit_columns(view, keep=(0,), optional=(2,))
    header = view.horizontalHeader()
    view.resize(360, 200)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: header.isSectionHidden(2))
    assert header.length() <= view.viewport().width()
    view.resize(1000, 200)
    qtbot.waitUntil(lambda: not header.isSectionHidden(2))
    assert header.length() <= view.viewport().width()


def test_the_page_list_hides_and_shows_with_the_keyboard(qtbot: QtBot, services: Services, clerk: Actor,
                                                         make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window(services, clerk)
    window.resize(1280, 680)
    settle(qtbot)
    navigation = window.ui.navigation
    assert navigation.isVisible() and navigation.width() < 172, "as wide as its names, not more"
    holder = window.ui.pages.currentWidget()
    before = holder.width()
    window.current_page().setFocus()
    press(qtbot, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: not navigation.isVisible())
    qtbot.waitUntil(lambda: holder.width() > before)
    press(qtbot, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # pages still switch by their keys
    assert window.ui.pages.currentIndex() == 1
    press(qtbot, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(navigation.isVisible)
    assert window.navigation_action.isChecked()
