"""核查 page in the real window: the lazy list with overdue rows marked, recording a result, a conflict
with another desk, filters, paging, and the supervisor's spot-check draw. Screenshots in
artifacts/screens/."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from intake_desk.domain.enums import BreachGrade, PostCheckKind, PostCheckStatus
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.ui import style
from intake_desk.ui.main_window import MainWindow
from intake_desk.ui.models.postcheck_table import KEYS, PostCheckTableModel
from intake_desk.ui.pages.postchecks_page import PostChecksPage, SpotCheckDialog
from tests.gui.conftest import focused, keys, press, settle, type_text
from tests.intake_data import zhuzhou_form
from tests.unit.services.test_postchecks import add_check, fast_tracked

S = PostCheckStatus


def open_postchecks(qtbot: QtBot, window: MainWindow) -> PostChecksPage:
    position = [spec.key for spec in window.specs].index("postchecks") + 1
    press(qtbot, getattr(Qt.Key, f"Key_{position % 10}"), Qt.KeyboardModifier.ControlModifier)
    page = window.current_page()
    assert isinstance(page, PostChecksPage)
    settle(qtbot)
    return page


def test_record_a_result_and_meet_a_conflict(qtbot: QtBot, services: Services, clerk: Actor, supervisor: Actor,
                                             make_window, screens: Path, qtmodeltester) -> None:
    submitted = services.intake.submit(clerk, zhuzhou_form())
    late = fast_tracked(services, clerk, "李四", date(2026, 10, 12))
    overdue_id = add_check(services, late, PostCheckKind.DATA_COMPARISON, date(2026, 11, 12))
    window = make_window(services, clerk)
    page = open_postchecks(qtbot, window)

    expected = services.postchecks.queue(clerk, status=[S.DUE, S.PROBLEM])
    assert [r.id for r in page.model.rows] == [r.id for r in expected]
    assert page.count_label.text() == f"共 {len(expected)} 条"
    qtmodeltester.check(page.model)

    # The overdue row is first, marked red, and says by how many working days (13 → 20 Nov: 6).
    first = page.model.index(0, KEYS.index("left"))
    assert page.model.rows[0].id == overdue_id
    assert page.model.data(first) == "逾期 6 个工作日"
    background = page.model.data(first, Qt.ItemDataRole.BackgroundRole)
    assert isinstance(background, QBrush) and background.color().name() == style.RED_BG
    assert "逾期" in page.model.data(page.model.index(0, KEYS.index("status")))
    # The periodic check falls in 2027, whose holidays are not entered: the page says so.
    qtbot.waitUntil(page.calendar_label.isVisible)
    assert "2027" in page.calendar_label.text()
    assert page.detail_labels["number"].text() == page.model.rows[0].application_number  # first row shown

    # Record "problem found, 较重" on the overdue check, keyboard first.
    page.table.setFocus()
    page.table.selectRow(0)
    page.result_combo.setFocus()
    press(qtbot, Qt.Key.Key_Down)
    assert page.result_combo.currentData() == S.PROBLEM.value and page.grade_combo.isEnabled()
    page.grade_combo.setFocus()
    press(qtbot, Qt.Key.Key_Down)
    assert page.grade_combo.currentData() == BreachGrade.SERIOUS.value
    page.note_edit.setFocus()
    type_text("比对发现家庭成员名下有一辆小型汽车未申报")
    window.grab().save(str(screens / "40_postchecks_before_record.png"))
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)
    saved = services.postchecks.get(clerk, overdue_id)
    assert (saved.status, saved.breach_grade, saved.result, saved.done_by_name) == (
        S.PROBLEM, BreachGrade.SERIOUS, "比对发现家庭成员名下有一辆小型汽车未申报", "王丽")
    assert page.banner.kind == "ok" and submitted.number not in page.banner.text()
    assert page.model.rows[0].status is S.PROBLEM and page.note_edit.toPlainText() == ""
    qtbot.waitUntil(lambda: "较重" in page.history_label.text())
    window.grab().save(str(screens / "41_postchecks_recorded.png"))

    # Another desk records the next check while it is open here: refused with who did it, text kept.
    page.table.selectRow(1)
    target = page.current
    assert target is not None and target.application_number == submitted.number
    services.postchecks.record_result(supervisor, target.id, target.version, S.PASSED, "已电话核实")
    page.note_edit.setFocus()
    type_text("与不动产登记信息比对一致")
    page.record_button.click()
    settle(qtbot)
    assert page.banner.kind == "error" and "李强" in page.banner.text()
    assert page.note_edit.toPlainText() == "与不动产登记信息比对一致"
    assert page.current is not None and page.current.status is S.PASSED and not page.record_button.isEnabled()
    window.grab().save(str(screens / "42_postchecks_conflict.png"))

    # Only overdue: the problem found is no longer "due", so nothing is overdue now.
    page.overdue_check.setChecked(True)
    settle(qtbot)
    assert page.model.rows == [] and page.count_label.text() == "共 0 条"
    page.overdue_check.setChecked(False)
    page.status_combo.setCurrentIndex(page.status_combo.findData(S.PASSED.value))
    settle(qtbot)
    assert [r.id for r in page.model.rows] == [target.id]


def test_search_and_paging(qtbot: QtBot, services: Services, clerk: Actor, make_window) -> None:
    many = fast_tracked(services, clerk, "赵六", date(2026, 11, 2))
    for i in range(130):
        add_check(services, many, PostCheckKind.PERIODIC, date(2026, 12, 1 + i % 28))
    other = fast_tracked(services, clerk, "钱七", date(2026, 11, 3))
    add_check(services, other, PostCheckKind.DATA_COMPARISON, date(2026, 12, 3))
    window = make_window(services, clerk)
    page = open_postchecks(qtbot, window)
    assert page.model.total == 131 and len(page.model.rows) == 100  # one page fetched
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: len(page.model.rows) == 131)

    page.search_edit.setFocus()
    keys(qtbot, "qq")
    qtbot.waitUntil(lambda: page.model.total == 1, timeout=5000)
    settle(qtbot)
    assert [r.applicant_name for r in page.model.rows] == ["钱七"]
    assert focused() is page.search_edit


def test_supervisor_draws_spot_checks(qtbot: QtBot, services: Services, clerk: Actor, supervisor: Actor,
                                      make_window, screens: Path) -> None:
    for i in range(5):
        fast_tracked(services, clerk, f"孙{i}", date(2026, 11, 2 + i))
    window = make_window(services, clerk)
    assert not open_postchecks(qtbot, window).spot_button.isVisible()  # a clerk does not draw
    window.close()

    window = make_window(services, supervisor)
    page = open_postchecks(qtbot, window)
    assert page.spot_button.isVisible()
    page.spot_button.click()
    dialog = page.spot_dialog
    assert isinstance(dialog, SpotCheckDialog)
    qtbot.waitUntil(lambda: dialog.pool is not None)
    assert "5 件" in dialog.pool_label.text()
    dialog.percent_spin.setValue(40)
    dialog.seed_edit.setText("2026")
    assert dialog.sample_label.text() == "将抽取 2 件，每件安排一次随机抽查"
    dialog.grab().save(str(screens / "43_postchecks_spot_dialog.png"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    settle(qtbot)
    assert page.banner.kind == "ok" and "2026" in page.banner.text() and "2 件" in page.banner.text()
    assert [r.kind for r in page.model.rows] == [PostCheckKind.SPOT_CHECK] * 2
    assert {r.due_date for r in page.model.rows} == {date(2026, 12, 18)}
    window.grab().save(str(screens / "44_postchecks_spot_drawn.png"))
    QApplication.processEvents()


def test_model_drops_answers_for_old_filters(qtbot: QtBot) -> None:
    """A slow answer for filters that were changed meanwhile never replaces the newer rows."""
    pending: list[tuple] = []
    model = PostCheckTableModel(lambda o, n: [], lambda: 0, lambda fn, ok, fail: pending.append((fn, ok)))
    model.reload()
    model.reload()
    (_, old_ok), (_, new_ok) = pending
    new_ok((0, []))
    old_ok((5, ["stale"]))
    assert model.rows == [] and model.total == 0 and not model.loading
