"""督办 page in the real window: the ladder after opening (rungs recorded), the urging notice saved, a
callback with a poor rating recorded by keyboard, and its follow-up closed by the supervisor by keyboard.
Screenshots in artifacts/screens/."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from intake_desk.domain.enums import Rating, ReferralStatus, Rung
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.store.models import Urging
from intake_desk.ui.main_window import MainWindow
from intake_desk.ui.pages.urging_page import UrgingPage
from tests.conftest import TEST_NOW
from tests.gui.conftest import focused, keys, press, settle
from tests.referral_data import ensure_departments, make_application, make_referral, officer

S = ReferralStatus
K = Qt.Key
EARLIER = TEST_NOW - timedelta(days=20)


def _referral(services: Services, clerk: Actor, supervisor: Actor, name: str, due: date,
              status: ReferralStatus = S.SENT, department: str = "medical") -> int:
    application = make_application(services, clerk, name, received=EARLIER)
    return make_referral(services, supervisor, application, department, status, due_date=due, at=EARLIER)


def _world(services: Services, clerk: Actor, supervisor: Actor) -> None:
    ensure_departments(services)
    officer(services, "yibao1", "medical", "赵医保")
    _referral(services, clerk, supervisor, "甲一", date(2026, 11, 23))            # due soon
    _referral(services, clerk, supervisor, "乙二", date(2026, 11, 19))            # urged today
    _referral(services, clerk, supervisor, "丙三", date(2026, 11, 10))            # escalated
    _referral(services, clerk, supervisor, "己六", date(2026, 11, 2), S.COMPLETED)  # to be called back


def open_urging(qtbot: QtBot, window: MainWindow) -> UrgingPage:
    position = [spec.key for spec in window.specs].index("urging") + 1
    press(qtbot, getattr(Qt.Key, f"Key_{position % 10}"), Qt.KeyboardModifier.ControlModifier)
    page = window.current_page()
    assert isinstance(page, UrgingPage)
    settle(qtbot)
    return page


def tab_to(qtbot: QtBot, name: str, limit: int = 40) -> None:
    for _ in range(limit):
        if focused().objectName() == name:
            return
        press(qtbot, K.Key_Tab)
    raise AssertionError(f"Tab never reached {name}; stopped at {focused().objectName()}")


def test_the_ladder_records_rungs_and_saves_an_urging_notice(qtbot: QtBot, services: Services, clerk: Actor,
                                                            supervisor: Actor, make_window, screens: Path,
                                                            tmp_path: Path, qtmodeltester) -> None:
    _world(services, clerk, supervisor)
    window = make_window(services, supervisor)
    page = open_urging(qtbot, window)
    names = [item.applicant_name for item in page.ladder_model.rows]
    assert names == ["丙三", "乙二", "甲一"], "earliest due first; on-track and finished items are not listed"
    qtmodeltester.check(page.ladder_model)
    assert "已督办 1 项" in page.summary_label.text() and "待回访 1 项" in page.summary_label.text()
    with services.db.reading() as session:
        assert session.scalar(select(func.count(Urging.id))) == 3, "opening the page recorded today's rungs"
    window.grab().save(str(screens / "urging-ladder.png"))

    # Keyboard: into the table, the first row (丙三, escalated) is selected; Alt+S saves its notice.
    tab_to(qtbot, "ladderTable")
    assert page.ladder_item is not None and page.ladder_item.rung is Rung.ESCALATED
    assert page.print_notice_button.isEnabled() and page.save_notice_button.isEnabled()
    target = tmp_path / "notice.pdf"
    page.save_notice_to(target)
    settle(qtbot)
    assert page.last_saved == target and "第 1 份" in page.banner.text()
    text = PdfReader(io.BytesIO(target.read_bytes())).pages[0].extract_text()
    assert "丙三" in text and "催办通知书" in text
    # The due-soon row cannot be urged yet.
    press(qtbot, K.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert page.ladder_item is not None and page.ladder_item.applicant_name == "甲一"
    assert not page.print_notice_button.isEnabled()
    # The filter: only escalated items.
    page.rung_combo.setCurrentIndex(page.rung_combo.findData(Rung.ESCALATED.value))
    settle(qtbot)
    assert [i.applicant_name for i in page.ladder_model.rows] == ["丙三"]


def test_a_clerk_records_a_poor_rating_by_keyboard(qtbot: QtBot, services: Services, clerk: Actor,
                                                   supervisor: Actor, make_window, screens: Path) -> None:
    _world(services, clerk, supervisor)
    window = make_window(services, clerk)
    page = open_urging(qtbot, window)
    press(qtbot, K.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert page.tabs.currentIndex() == 1
    settle(qtbot)
    assert [r.applicant_name for r in page.callback_model.rows] == ["己六"]
    tab_to(qtbot, "callbackTable")
    press(qtbot, K.Key_Tab)
    assert focused() is page.reached_check
    press(qtbot, K.Key_Space)
    press(qtbot, K.Key_Tab)
    assert focused() is page.rating_combo
    press(qtbot, K.Key_Down, times=4)
    assert page.rating_combo.currentData() == Rating.DISSATISFIED.value
    press(qtbot, K.Key_Tab)
    press(qtbot, K.Key_Down, times=2)
    assert page.help_combo.currentData() is False
    tab_to(qtbot, "commentEdit")
    keys(qtbot, "Payment not received yet")
    press(qtbot, K.Key_Tab)
    assert focused() is page.record_button
    window.grab().save(str(screens / "urging-callback.png"))
    press(qtbot, K.Key_Return)
    settle(qtbot)
    (callback,) = services.callbacks.callbacks(clerk, "done")
    assert callback.rating is Rating.DISSATISFIED and callback.help_arrived is False
    assert callback.comment == "Payment not received yet" and callback.follow_up_id is not None
    assert "已开启整改" in page.banner.text()
    assert [r.status for r in page.follow_model.rows] == ["open"]
    assert not page.close_button.isEnabled(), "a clerk does not close follow-ups"


def test_a_supervisor_closes_a_follow_up_by_keyboard(qtbot: QtBot, services: Services, clerk: Actor,
                                                     supervisor: Actor, make_window, screens: Path) -> None:
    _world(services, clerk, supervisor)
    services.urging.sync(clerk)
    (callback,) = services.callbacks.callbacks(clerk)
    services.callbacks.record_callback(clerk, callback.id, callback.version, reached=True,
                                       rating=Rating.VERY_DISSATISFIED, help_arrived=False)
    window = make_window(services, supervisor)
    page = open_urging(qtbot, window)
    press(qtbot, K.Key_PageUp, Qt.KeyboardModifier.ControlModifier)  # wraps round to the last tab
    assert page.tabs.currentIndex() == 2
    settle(qtbot)
    tab_to(qtbot, "followUpTable")
    assert page.follow_up is not None and page.follow_up.rating is Rating.VERY_DISSATISFIED
    # Enter on an empty form is refused in one sentence; nothing is lost.
    tab_to(qtbot, "closeFollowUpButton")
    press(qtbot, K.Key_Return)
    settle(qtbot)
    assert "整改措施" in page.banner.text()
    tab_to(qtbot, "actionEdit")
    keys(qtbot, "Asked the medical office; paid on 25 Nov")
    press(qtbot, K.Key_Tab)
    assert focused() is page.second_reached
    press(qtbot, K.Key_Space)
    press(qtbot, K.Key_Tab)
    press(qtbot, K.Key_Down, times=2)
    press(qtbot, K.Key_Tab)
    assert focused() is page.second_comment
    press(qtbot, K.Key_Tab)
    assert focused() is page.close_button
    window.grab().save(str(screens / "urging-follow-up.png"))
    press(qtbot, K.Key_Return)
    settle(qtbot)
    (closed,) = services.callbacks.follow_ups(supervisor, "closed")
    assert closed.action_taken == "Asked the medical office; paid on 25 Nov"
    assert closed.second_reached is True and closed.second_rating is Rating.SATISFIED
    assert "整改已关闭" in page.banner.text()


def test_sign_in_counts_urged_items_and_statistics_show_departments_and_ratings(
        qtbot: QtBot, services: Services, clerk: Actor, supervisor: Actor, make_window, screens: Path) -> None:
    from intake_desk.ui.pages.statistics_page import StatisticsPage

    _world(services, clerk, supervisor)
    services.urging.sync(clerk)
    (callback,) = services.callbacks.callbacks(clerk)
    services.callbacks.record_callback(clerk, callback.id, callback.version, reached=True,
                                       rating=Rating.SATISFIED, help_arrived=True)
    window = make_window(services, supervisor)
    qtbot.waitUntil(lambda: "督办" in window.banner.text())
    assert "已督办 1 项" in window.banner.text() and "2 条转介已逾期" in window.banner.text()
    position = [spec.key for spec in window.specs].index("statistics") + 1
    press(qtbot, getattr(Qt.Key, f"Key_{position % 10}"), Qt.KeyboardModifier.ControlModifier)
    page = window.current_page()
    assert isinstance(page, StatisticsPage)
    settle(qtbot)
    panel = page.follow_through
    assert panel.figures is not None
    model = panel.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    sent = headers.index("已发送")
    page.range.setCurrentIndex(page.range.findData(14))
    settle(qtbot)
    assert all(model.item(r, sent).text() == "0" for r in range(model.rowCount())), \
        "nothing was sent in the last 14 days (all four went out on 31 October)"
    page.range.setCurrentIndex(page.range.findData(90))
    settle(qtbot)
    rows = {model.item(r, 0).text(): [model.item(r, c).text() for c in range(model.columnCount())]
            for r in range(model.rowCount())}
    medical = dict(zip(headers, rows["医疗保障局"], strict=True))
    assert (medical["已发送"], medical["已办结"], medical["被催办"], medical["被督办"]) == ("4", "1", "2", "1")
    assert medical["评价"] == "1" and medical["满意率"] == "100%"
    assert "好差评 1 条，满意率 100%" in panel.summary.text()
    window.grab().save(str(screens / "statistics-follow-through.png"))
