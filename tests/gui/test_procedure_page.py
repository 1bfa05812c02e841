"""办理 page in the real window, by keyboard only: a clerk takes a normal 低保 application from receipt
through investigation, data check and 公示, a supervisor decides it; another is refused with reasons and
facts; a step out of order is one sentence and what was typed stays. Screenshots in artifacts/screens/."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from intake_desk.services.actor import Actor
from intake_desk.services.clock import LOCAL_ZONE, FixedClock
from intake_desk.services.context import Services
from intake_desk.services.procedure import ProcedureState
from intake_desk.ui.main_window import MainWindow
from intake_desk.ui.pages.procedure_page import ProcedurePage
from tests.gui.conftest import focused, keys, press, settle, type_text
from tests.intake_data import single_form

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def at(month: int, day: int) -> datetime:
    return datetime(2026, month, day, 10, tzinfo=LOCAL_ZONE)


def open_page(qtbot: QtBot, window: MainWindow) -> ProcedurePage:
    position = [spec.key for spec in window.specs].index("procedure") + 1
    press(qtbot, getattr(Qt.Key, f"Key_{position % 10}"), CTRL)
    page = window.current_page()
    assert isinstance(page, ProcedurePage)
    settle(qtbot)
    return page


def look_up(qtbot: QtBot, page: ProcedurePage, number: str) -> None:
    press(qtbot, Qt.Key.Key_P, ALT)
    assert focused() is page.lookup_edit
    page.lookup_edit.clear()
    keys(qtbot, number)
    press(qtbot, Qt.Key.Key_Return)
    settle(qtbot)
    assert page.view is not None and page.view.number == number


def save(qtbot: QtBot) -> None:
    press(qtbot, Qt.Key.Key_Return, CTRL)
    settle(qtbot)


def test_normal_application_from_receipt_to_decision(qtbot: QtBot, services: Services, clerk: Actor,
                                                     supervisor: Actor, make_window, screens: Path) -> None:
    clock = services.clock
    assert isinstance(clock, FixedClock)
    clock.at = at(11, 2)
    number = services.intake.submit(clerk, single_form(1, "王五")).number
    window = make_window(services, clerk)
    page = open_page(qtbot, window)
    assert [r.number for r in page.model.rows] == [number]

    look_up(qtbot, page, number)
    assert page.action_combo.currentData() == "investigation"
    # A clerk cannot decide: the decision is not among the actions.
    assert page.action_combo.findData("decision") == -1
    press(qtbot, Qt.Key.Key_A, ALT)
    assert focused() is page.action_combo
    press(qtbot, Qt.Key.Key_Tab)  # the date (today)
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is page.investigators_edit
    type_text("李四")  # one investigator: refused, nothing typed is lost
    press(qtbot, Qt.Key.Key_Tab)
    type_text("家中无劳动力，与申报一致")
    save(qtbot)
    assert "至少 2 名调查人员" in page.banner.text()
    assert page.visit_edit.toPlainText() == "家中无劳动力，与申报一致"
    page.investigators_edit.setFocus()
    press(qtbot, Qt.Key.Key_End)
    type_text("、王五")
    save(qtbot)
    assert page.view.steps[0].done_on is not None and page.view.current.code == "data_check"
    window.grab().save(str(screens / "procedure-investigated.png"))

    clock.at = at(11, 3)
    look_up(qtbot, page, number)
    press(qtbot, Qt.Key.Key_A, ALT)
    save(qtbot)  # 核对结果: consistent (the default)
    assert page.view.current.code == "publicity"

    clock.at = at(11, 20)
    look_up(qtbot, page, number)
    assert page.publicity_start.date().toString("yyyy-MM-dd") == "2026-11-04"
    assert page.publicity_end.date().toString("yyyy-MM-dd") == "2026-11-10"
    press(qtbot, Qt.Key.Key_A, ALT)
    save(qtbot)
    view = services.procedure.view(clerk, number)
    assert view.current is not None and view.current.code == "decision"
    assert [s.state.value for s in view.steps] == ["done", "done", "done", "skipped", "current"]

    boss = make_window(services, supervisor)
    boss_page = open_page(qtbot, boss)
    look_up(qtbot, boss_page, number)
    assert boss_page.action_combo.currentData() == "decision"
    press(qtbot, Qt.Key.Key_A, ALT)
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is boss_page.amount_edit
    keys(qtbot, "700")
    save(qtbot)
    view = services.procedure.view(supervisor, number)
    assert view.state is ProcedureState.APPROVED
    assert view.decision is not None and view.decision.amount_fen == 70_000
    assert view.decision.start_month is not None and view.decision.start_month.isoformat() == "2026-11-01"
    assert boss_page.model.rows == []  # decided: no longer in the queue
    boss.resize(1366, 768)
    boss.grab().save(str(screens / "procedure-decided.png"))


def test_refusal_by_keyboard(qtbot: QtBot, services: Services, clerk: Actor, supervisor: Actor, make_window,
                             screens: Path) -> None:
    clock = services.clock
    assert isinstance(clock, FixedClock)
    clock.at = at(11, 16)
    number = services.intake.submit(clerk, single_form(2, "赵六")).number
    clock.at = at(11, 20)
    window = make_window(services, supervisor)
    page = open_page(qtbot, window)
    look_up(qtbot, page, number)
    press(qtbot, Qt.Key.Key_A, ALT)
    while page.action_combo.currentData() != "refuse":
        press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Tab)  # date
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is page.reasons_list
    press(qtbot, Qt.Key.Key_Space)  # the current (first) reason: 家庭人均收入高于当地救助标准
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is page.facts_edit
    save(qtbot)  # no facts yet
    assert "所依据的事实" in page.banner.text()
    page.facts_edit.setFocus()
    type_text("月工资 3,000 元，高于当地低保标准")
    save(qtbot)
    view = services.procedure.view(supervisor, number)
    assert view.state is ProcedureState.REFUSED
    assert view.decision is not None and [r.code for r in view.decision.reasons] == ["income_above"]
    assert "不予救助" in page.steps_label.text() or "不予救助" in page.header_label.text()
    window.resize(1366, 768)
    QApplication.processEvents()
    window.grab().save(str(screens / "procedure-refused.png"))
    # The refusal notice is the first document offered; Alt+D reaches it, and it is saved from the window.
    press(qtbot, Qt.Key.Key_D, ALT)
    assert focused() is page.document_combo
    assert page.document_combo.currentData() == "refusal"
    assert [page.document_combo.itemData(i) for i in range(page.document_combo.count())] == ["refusal", "progress"]
    target = screens.parent / "procedure-refusal-notice.pdf"
    target.unlink(missing_ok=True)
    page.save_document_to(target)
    settle(qtbot)
    assert "不予救助告知书 第 1 份" in page.banner.text()
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(target.read_bytes())).pages).replace("\n", "")
    assert number in text and "行政复议" in text and "月工资 3,000 元" in text
    assert [d.kind.value for d in services.printing.printed(supervisor, number)] == ["refusal"]


def test_statistics_chart_shows_both_tracks(qtbot: QtBot, services: Services, make_window, screens: Path) -> None:
    from PySide6.QtCharts import QBarSeries

    from intake_desk.ui.pages.statistics_page import StatisticsPage
    from tests.unit.services.test_procedure import Desk

    desk = Desk(services)
    clock = desk.clock
    fast = desk.receive(at(11, 2).date(), fast=True)
    desk.step(fast, "data_check", {"result": "consistent"}, at(11, 3).date())
    desk.on(at(11, 6).date())
    services.procedure.decide(desk.supervisor, fast, amount_fen=30_000, start_month=at(11, 1).date(),
                              expected_version=desk.view(fast).version)
    normal = desk.receive(at(11, 2).date())
    desk.walk_to_decision(normal, at(11, 2).date())
    clock.at = at(11, 20)
    services.procedure.decide(desk.supervisor, normal, amount_fen=70_000, start_month=at(11, 1).date(),
                              expected_version=desk.view(normal).version)
    desk.receive(at(11, 20).date())
    window = make_window(services, desk.supervisor)
    page = open_page(qtbot, window)  # the 办理 page first, then 统计
    del page
    position = [spec.key for spec in window.specs].index("statistics") + 1
    press(qtbot, getattr(Qt.Key, f"Key_{position % 10}"), CTRL)
    statistics = window.current_page()
    assert isinstance(statistics, StatisticsPage)
    settle(qtbot)
    panel = statistics.timeliness
    qtbot.waitUntil(lambda: panel.report is not None)
    report = panel.report
    assert report is not None
    assert report.tracks["fast_track"].decided == 1 and report.tracks["normal"].decided == 1
    series = panel.view.chart().series()[0]
    assert isinstance(series, QBarSeries)
    mean, p90 = series.barSets()
    assert [mean.at(0), mean.at(1)] == [report.tracks["normal"].mean_working_days,
                                        report.tracks["fast_track"].mean_working_days]
    assert mean.at(1) == 4.0  # Monday 2 → Friday 6 November: 4 working days
    assert "常规流程：已决定 1 件" in panel.summary.text() and "在办 1 件" in panel.summary.text()
    window.resize(1366, 768)
    QApplication.processEvents()
    panel.grab().save(str(screens / "statistics-timeliness.png"))


def test_application_page_shows_the_steps(qtbot: QtBot, services: Services, clerk: Actor, make_window) -> None:
    from intake_desk.ui.pages.applications_page import ApplicationsPage

    clock = services.clock
    assert isinstance(clock, FixedClock)
    clock.at = at(11, 2)
    number = services.intake.submit(clerk, single_form(3, "孙八")).number
    clock.at = at(11, 20)
    window = make_window(services, clerk)
    position = [spec.key for spec in window.specs].index("applications") + 1
    press(qtbot, getattr(Qt.Key, f"Key_{position % 10}"), CTRL)
    page = window.current_page()
    assert isinstance(page, ApplicationsPage)
    settle(qtbot)
    page.open(number)
    settle(qtbot)
    text = page.ui.detail.toPlainText()
    assert "审核确认程序" in text and "下一步：入户调查，2026-11-05 前" in text and "已逾期" in text
