"""Every page of every demo role in English, with the demo's applications, referrals and procedures in
it: no Han character in what the window itself says – headers, tabs, drop-down items, tooltips, labels,
buttons, the status bar, the pre-assessment explanation, referral reasons, procedure steps and timeline
actions. The first row of every list is selected so that its details show.

What stays as entered is data, and it is allowed only where it is data: the columns and fields that hold
people's names, addresses, hall names and notes typed by a clerk (``DATA_COLUMNS`` by the English header,
``DATA_WIDGETS`` by object name), and inside any text the names of the people, halls and streets the demo
typed (removed before looking)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCharts import QBarCategoryAxis, QChartView
from PySide6.QtCore import QAbstractListModel, QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from intake_desk.services.context import Services
from intake_desk.services.demo import DemoSummary, seed_demo
from intake_desk.ui import i18n
from tests.gui.conftest import settle

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")

# Columns whose cells are what people typed or what the hall is called (compared with the English header).
DATA_COLUMNS = {"Applicant", "Name", "Address", "Household head", "Hall", "Clerk", "Officer", "Who", "By",
                "Note", "Source file", "Phone"}
# Widgets that show typed data only.
DATA_WIDGETS = {"hallStatus", "hallValue", "hallFilter", "userStatus", "userValue", "clerkFilter",
                "officerFilter", "languageCombo", "conflictTyped"}


# What people typed or the hall is called (table: columns); any of it inside a text is removed before
# the text is judged. Everything else in the database that reaches the window is the program's own words.
TYPED = {
    "halls": ("name", "address", "complaint_channel"), "users": ("display_name",), "persons": ("name",),
    "applications": ("applicant_name", "address", "special_note", "notes"), "application_members": ("name",),
    "application_incomes": ("note",), "application_assets": ("note",), "application_expenses": ("note",),
    "application_deductions": ("note",), "declarations": ("signer_name",),
    "referrals": ("applicant_name", "member_names", "outcome"), "referral_events": ("actor_name", "note"),
    "leads": ("name", "address", "reason", "note", "outcome_reason"),
    "monitored_households": ("name", "address", "close_reason"),
    "monitoring_visits": ("visitor_1", "visitor_2", "findings", "situation", "reason"),
    "monitoring_moves": ("reason",), "urgings": ("actor_name", "note"), "callbacks": ("comment",),
    "follow_ups": ("action_taken", "second_comment"), "procedure_steps": ("actor_name", "superseded_reason"),
    "procedure_events": ("actor_name", "note"), "procedure_extensions": ("reason", "decision_note"),
    "procedure_decisions": ("note",), "publicity_objections": ("raised_by", "content"),
    "procedure_withdrawals": ("reason",), "calendar_overrides": ("note",), "discovery_imports": ("file_name",),
}


def _names(services: Services) -> list[str]:
    """What the demo typed, longest first (so a name is removed before a shorter part of it)."""
    from sqlalchemy import text

    words: set[str] = set()
    with services.db.reading() as session:
        for table, columns in TYPED.items():
            for column in columns:
                for (value,) in session.execute(text(f"SELECT {column} FROM {table}")):  # noqa: S608 - fixed names
                    # A bilingual “中文 / English” note is the program's own sentence, not typed: not allowed whole.
                    if isinstance(value, str) and value.strip() and i18n.in_language(value, "en") == value:
                        words.add(value.strip())
                        # a list of names (转介 member_names “张三、李四”); a name's own spaces stay
                        words.update(w.strip() for w in re.split(r"[、,，;；\n]+", value) if HAN.search(w))
                        if table == "users" and " " in value.strip():  # “教育局 陈老师”: the officer's own name
                            words.add(value.split()[-1])
    return sorted(words, key=len, reverse=True)


def _widget_texts(widget: QWidget) -> Iterator[tuple[str, str]]:
    if widget.toolTip():
        yield "tooltip", widget.toolTip()
    if isinstance(widget, QLabel):
        yield "text", widget.text()
    elif isinstance(widget, QAbstractButton):
        yield "text", widget.text()
    elif isinstance(widget, QGroupBox):
        yield "title", widget.title()
    elif isinstance(widget, QTabBar):
        for i in range(widget.count()):
            yield f"tab {i}", widget.tabText(i)
            yield f"tab {i} tooltip", widget.tabToolTip(i)
    elif isinstance(widget, QComboBox):
        for i in range(widget.count()):
            yield f"item {i}", widget.itemText(i)
    elif isinstance(widget, QLineEdit):
        yield "placeholder", widget.placeholderText()
    elif isinstance(widget, (QTextEdit, QPlainTextEdit)):
        yield "placeholder", widget.placeholderText()
        yield "text", widget.toPlainText()
    if isinstance(widget, QChartView) and widget.chart() is not None:
        chart = widget.chart()
        yield "chart title", chart.title()
        for axis in chart.axes():
            yield "axis title", axis.titleText()
            if isinstance(axis, QBarCategoryAxis):
                yield from (("axis label", label) for label in axis.categories())
                if axis.orientation() == Qt.Orientation.Vertical and axis.truncateLabels():
                    yield "axis label cut short", "截断"  # names beside the bars are shown whole
        for series in chart.series():
            yield "series", series.name()
    if isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView) and widget.model() is not None:
        model = widget.model()
        data_columns = set()
        columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount()
        for c in range(columns):
            header = str(model.headerData(c, Qt.Orientation.Horizontal) or "")
            yield f"header {c}", header
            if header in DATA_COLUMNS:
                data_columns.add(c)
        for r in range(min(model.rowCount(), 12)):
            yield f"row header {r}", str(model.headerData(r, Qt.Orientation.Vertical) or "")
        for r in range(min(model.rowCount(), 8)):
            for c in range(columns):
                if c in data_columns:
                    continue
                index = model.index(r, c)
                yield f"column {c}", str(model.data(index) or "")
                yield f"column {c} tooltip", str(model.data(index, Qt.ItemDataRole.ToolTipRole) or "")


def _select_first_rows(root: QWidget, qtbot: QtBot) -> None:
    for view in root.findChildren(QAbstractItemView):
        if not view.isVisibleTo(root) or view.model() is None or view.model().rowCount() == 0:
            continue
        if view.selectionModel() is not None and not view.selectionModel().hasSelection():
            view.selectionModel().setCurrentIndex(
                view.model().index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            settle(qtbot)


def _select_last_rows(root: QWidget, qtbot: QtBot) -> bool:
    """The last loaded row of each list whose details are shown beside it; False when no list has two rows."""
    moved = False
    for view in root.findChildren(QAbstractItemView):
        if isinstance(view, QHeaderView) or not view.isVisibleTo(root) or view.selectionModel() is None:
            continue
        model = view.model()
        rows = model.rowCount() if model is not None else 0
        if rows > 1 and not isinstance(model, QAbstractListModel):
            view.selectionModel().setCurrentIndex(
                model.index(rows - 1, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            settle(qtbot)
            moved = True
    return moved


def _around_han(text: str) -> str:
    first = HAN.search(text)
    assert first is not None
    return text[max(0, first.start() - 30):first.start() + 50]


def _han_in(root: QWidget, names: list[str]) -> list[str]:
    found = []
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        if widget.objectName() in DATA_WIDGETS:
            continue
        for where, text in _widget_texts(widget):
            for name in names:
                text = text.replace(name, "")
            if HAN.search(text):
                found.append(f"{type(widget).__name__}:{widget.objectName()} {where}: {_around_han(text)!r}")
    if isinstance(root, QMainWindow) and root.statusBar() is not None:
        for label in root.statusBar().findChildren(QLabel):
            if label.objectName() not in DATA_WIDGETS and label.isVisibleTo(root):
                text = label.text()
                for name in names:
                    text = text.replace(name, "")
                if HAN.search(text):
                    found.append(f"status bar {label.objectName()}: {_around_han(text)!r}")
    return found


def _tab_sheets(page: QWidget, qtbot: QtBot) -> Iterator[str]:
    """Show each tab of the page's visible tab sheets in turn; yields where it is (" tab 2")."""
    sheets = [t for t in page.findChildren(QTabWidget) if t.isVisible()]
    if not sheets:
        yield ""
    for tabs in sheets:
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            settle(qtbot)
            yield f" tab {index + 1}"


@pytest.fixture
def demo(services: Services) -> DemoSummary:
    return seed_demo(services, households=16)


@pytest.mark.parametrize("username", ["clerk", "supervisor", "education", "admin"])
def test_every_page_with_demo_data_in_english(qtbot: QtBot, services: Services, demo: DemoSummary, make_window,
                                              app: QApplication, username: str) -> None:
    account = next(a for a in demo.accounts if a.username == username)
    actor = services.accounts.authenticate(account.username, account.password)
    names = _names(services)
    i18n.save_language("en")
    try:
        assert i18n.install(app) == "en"
        window = make_window(services, actor)
        found: list[str] = []
        for spec in window.specs:
            page = window.show_page(spec.key)
            settle(qtbot)
            assert page is not None
            for sheet in _tab_sheets(page, qtbot):  # each tab of a tab sheet in turn (发现's libraries)
                where = spec.key + sheet
                _select_first_rows(page, qtbot)
                found += [f"{where} {f}" for f in _han_in(window, names)]
                if _select_last_rows(page, qtbot):  # another record's details: other steps, states and notes
                    found += [f"{where} (last row) {f}" for f in _han_in(window, names)]
        found = sorted(set(found))
        assert found == [], f"{len(found)} texts with Han characters in English:\n" + "\n".join(found)
    finally:
        i18n.save_language("zh")
        i18n.install(app)


def test_every_intake_step_in_english_with_a_household(qtbot: QtBot, services: Services, demo: DemoSummary,
                                                       make_window, app: QApplication) -> None:
    """The intake of a typed household, step by step in English: the materials, the pre-assessment explained,
    the proposed referrals and their reasons, the consents – only what the clerk typed stays as typed."""
    from tests.gui.test_intake_errors import filled_state

    account = next(a for a in demo.accounts if a.username == "clerk")
    actor = services.accounts.authenticate(account.username, account.password)
    state = filled_state()
    typed = sorted({m.name for m in state.members} | {state.address} | {i.note for i in state.incomes if i.note},
                   key=len, reverse=True)
    i18n.save_language("en")
    try:
        assert i18n.install(app) == "en"
        window = make_window(services, actor)
        page = window.show_page("intake")
        settle(qtbot)
        page._load_state(state)
        page._changed()
        settle(qtbot)
        assert page.preview is not None and page.preview.assessment is not None
        found: list[str] = []
        for index in range(len(page.steps)):
            page.go_to(index, record=False)
            settle(qtbot)
            found += [f"step {index + 1} {f}" for f in _han_in(page, [*typed, *_names(services)])]
        explanation = page.review.ui.explanationText.toPlainText() if hasattr(page, "review") else ""
        assert "Monthly income per person" in explanation or not hasattr(page, "review")
        found = sorted(set(found))
        assert found == [], f"{len(found)} texts with Han characters in English:\n" + "\n".join(found)
    finally:
        i18n.save_language("zh")
        i18n.install(app)
