"""申请 page: a searchable list over the lazy model; one application opened read-only."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from intake_desk.domain.enums import Role
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.services.demo import seed_demo
from intake_desk.ui.models import application_table
from intake_desk.ui.models.application_table import ApplicationTableModel, Query
from intake_desk.ui.pages.applications_page import ApplicationsPage
from tests.gui.conftest import focused, keys, press, settle


@pytest.fixture
def demo_clerk(services: Services) -> Actor:
    summary = seed_demo(services, households=24)
    clerk = next(a for a in summary.accounts if a.role is Role.CLERK)
    return services.accounts.authenticate(clerk.username, clerk.password)


def test_list_search_and_open_read_only(qtbot: QtBot, services: Services, demo_clerk: Actor, make_window,
                                        screens: Path) -> None:
    window = make_window(services, demo_clerk)
    press(qtbot, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    page = window.current_page()
    assert isinstance(page, ApplicationsPage)
    settle(qtbot)
    total = services.applications.count(demo_clerk)
    assert page.model.total == total >= 24
    assert page.ui.countLabel.text() == f"共 {total:,} 件"
    first = page.model.rows[0]
    assert first.applicant_id_masked.count("*") == 8, "lists show ID numbers masked"
    qtbot.waitUntil(lambda: page.detail is not None)
    assert page.detail.number == first.number
    text = page.ui.detail.toPlainText()
    for heading in ("申请人与家庭", "申请事项与材料", "预评估", "转介", "打印记录"):
        assert heading in text
    assert page.ui.detail.isReadOnly()
    window.grab().save(str(screens / "20_applications.png"))

    # Ctrl+F, pinyin initials of the first applicant: the list narrows to them
    press(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert focused() is page.ui.searchEdit
    wanted = first.applicant_name
    from intake_desk.domain.names import pinyin_initials

    keys(qtbot, pinyin_initials(wanted))
    press(qtbot, Qt.Key.Key_Return)
    settle(qtbot)
    assert page.model.rows and all(pinyin_initials(r.applicant_name).startswith(pinyin_initials(wanted))
                                   for r in page.model.rows)
    assert any(r.number == first.number for r in page.model.rows)

    # the printable number is the one shown, for Ctrl+P
    printed: list[str] = []
    window.print_requested.connect(printed.append)
    qtbot.waitUntil(lambda: page.detail is not None)
    press(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert printed == [page.detail.number]


def test_lazy_model_pages_in_rows(qtbot: QtBot, services: Services, demo_clerk: Actor, make_window,
                                  monkeypatch: pytest.MonkeyPatch, qtmodeltester) -> None:
    monkeypatch.setattr(application_table, "PAGE_SIZE", 5)
    window = make_window(services, demo_clerk)
    model = ApplicationTableModel(services, demo_clerk, window)
    model.set_query(Query())
    settle(qtbot)
    total = services.applications.count(demo_clerk)
    assert model.total == total and model.rowCount() == 5, "only the first page is fetched"
    assert model.canFetchMore()
    model.fetchMore()
    settle(qtbot)
    assert model.rowCount() == 10
    while model.canFetchMore():
        model.fetchMore()
        settle(qtbot)
    assert model.rowCount() == total
    numbers = [r.number for r in model.rows]
    assert len(set(numbers)) == total, "no row is fetched twice"
    qtmodeltester.check(model, force_py=True)


def test_stale_answer_is_ignored(qtbot: QtBot, services: Services, demo_clerk: Actor, make_window) -> None:
    window = make_window(services, demo_clerk)
    model = ApplicationTableModel(services, demo_clerk, window)
    model.set_query(Query("zzzz-nobody"))
    model.set_query(Query())
    settle(qtbot)
    assert model.query == Query() and model.total == services.applications.count(demo_clerk)
