"""节假日 page in the real window: the 2027 warning, adding an override, pasting a schedule (a bad
line refused with the text kept), removing one; who sees the page. Screenshots in artifacts/screens/."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from intake_desk.domain.enums import Role
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.ui.main_window import MainWindow
from intake_desk.ui.pages.calendar_page import CalendarPage
from tests.conftest import add_user
from tests.gui.conftest import press, settle, type_text


def open_calendar(qtbot: QtBot, window: MainWindow) -> CalendarPage:
    position = [spec.key for spec in window.specs].index("calendar") + 1
    press(qtbot, getattr(Qt.Key, f"Key_{position % 10}"), Qt.KeyboardModifier.ControlModifier)
    page = window.current_page()
    assert isinstance(page, CalendarPage)
    settle(qtbot)
    return page


def test_enter_the_2027_holidays(qtbot: QtBot, services: Services, admin: Actor, make_window, screens: Path,
                                 qtmodeltester) -> None:
    window = make_window(services, admin)
    page = open_calendar(qtbot, window)
    assert page.year_spin.value() == 2027 and page.model.rowCount() == 0
    assert page.coverage_label.property("role") == "banner-warning"
    assert "2027" in page.coverage_label.text() and "周一至周五" in page.coverage_label.text()
    assert "软件包未包含" in page.count_label.text()
    window.grab().save(str(screens / "50_calendar_2027_unknown.png"))

    # One day: New Year's Day 2027 off.
    page.day_edit.setDate(QDate(2027, 1, 1))
    page.kind_combo.setCurrentIndex(page.kind_combo.findData(False))
    page.note_edit.setFocus()
    type_text("元旦")
    press(qtbot, Qt.Key.Key_Return)
    settle(qtbot)
    assert [(r.day, r.is_working_day, r.note) for r in services.calendar.overrides(admin, 2027)] == [
        (date(2027, 1, 1), False, "元旦")]
    assert page.model.rowCount() == 1 and page.model.data(page.model.index(0, 2)) == "休息日"
    assert page.banner.kind == "ok" and page.note_edit.text() == ""
    assert page.coverage_label.property("role") == "banner-ok"
    assert services.calendar.coverage(2027) == (False, 1)
    qtmodeltester.check(page.model)

    # A paste with a bad line is refused whole, naming the line; the text stays for correcting.
    page.paste_edit.setFocus()
    type_text("2027-02-06 至 2027-02-12 休 春节\n2027-02-30 班")
    page.import_button.click()
    settle(qtbot)
    assert page.banner.kind == "error" and "第 2 行" in page.banner.text()
    assert "2027-02-30" in page.paste_edit.toPlainText() and services.calendar.coverage(2027) == (False, 1)
    window.grab().save(str(screens / "51_calendar_paste_refused.png"))

    page.paste_edit.setPlainText("2027-02-06 至 2027-02-12 休 春节\n2027-02-14 班 春节调休")
    page.import_button.click()
    settle(qtbot)
    assert page.banner.kind == "ok" and "8" in page.banner.text()
    assert page.model.rowCount() == 9 and page.paste_edit.toPlainText() == ""
    assert services.calendar.coverage(2027) == (False, 9)
    assert "已录入调整 9 天" in page.count_label.text()
    window.grab().save(str(screens / "52_calendar_2027_entered.png"))

    # Remove the make-up day: select it, remove it.
    row = next(i for i, r in enumerate(page.model.rows) if r.day == date(2027, 2, 14))
    page.table.selectRow(row)
    assert page.remove_button.isEnabled()
    page.remove_button.click()
    settle(qtbot)
    assert date(2027, 2, 14) not in {r.day for r in services.calendar.overrides(admin, 2027)}
    assert page.model.rowCount() == 8

    # An override in a year the package covers shows what the package says.
    page.year_spin.setValue(2026)
    settle(qtbot)
    page.day_edit.setDate(QDate(2026, 10, 9))
    page.save_button.click()
    settle(qtbot)
    assert page.model.rowCount() == 1
    assert page.model.data(page.model.index(0, 3)) == "工作日"  # the package: worked
    assert page.model.data(page.model.index(0, 2)) == "休息日"
    window.grab().save(str(screens / "53_calendar_2026_override.png"))


def test_who_sees_the_calendar(qtbot: QtBot, services: Services, clerk: Actor, supervisor: Actor,
                               make_window) -> None:
    officer = add_user(services, "edu1", Role.DEPARTMENT, "教育局经办人", department_code="education")
    for actor in (clerk, officer):
        window = make_window(services, actor)
        assert "calendar" not in [spec.key for spec in window.specs]
        window.close()
    window = make_window(services, supervisor)
    page = open_calendar(qtbot, window)
    page.day_edit.setDate(QDate(2027, 1, 4))
    page.save_button.click()
    settle(qtbot)
    assert [r.created_by_name for r in services.calendar.overrides(supervisor, 2027)] == ["李强"]
