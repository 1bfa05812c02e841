"""The supervisor's, the officer's and the post-check work done with the keyboard alone: focus moves by
Tab, choices by the arrow keys, buttons by Enter, dialogs close by Enter on their focused button."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox, QFileDialog, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from intake_desk.domain.enums import PostCheckKind, PostCheckStatus, ReferralStatus
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.ui.pages.postchecks_page import SpotCheckDialog
from intake_desk.ui.widgets.referral_timeline import NoteDialog, ReassignDialog
from tests.conftest import TEST_NOW
from tests.gui.conftest import focused, keys, press, settle, type_text
from tests.gui.test_keyboard import owner
from tests.referral_data import ensure_departments, make_application, make_referral, officer
from tests.unit.services.test_postchecks import add_check, fast_tracked

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
S = ReferralStatus
EARLIER = TEST_NOW - timedelta(days=12)


def tab_to(qtbot: QtBot, target: QWidget, limit: int = 80) -> int:
    """Press Tab until ``target`` has the focus; how many presses it took (fails if never)."""
    for presses in range(limit + 1):
        if owner(focused()) is target:
            return presses
        press(qtbot, K.Key_Tab)
        settle(qtbot)
    raise AssertionError(f"Tab never reaches {target.objectName()} (now on {focused().objectName()})")


def choose(qtbot: QtBot, combo: QComboBox, data: object) -> None:
    """Pick the item holding ``data`` with the arrow keys (the combo box has the focus)."""
    assert owner(focused()) is combo
    press(qtbot, K.Key_Home)
    for _ in range(combo.count()):
        if combo.currentData() == data:
            return
        press(qtbot, K.Key_Down)
    assert combo.currentData() == data, f"{data} not in {combo.objectName()}"


def enter(qtbot: QtBot) -> None:
    press(qtbot, K.Key_Return)
    settle(qtbot)


@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")  # the file dialog, offscreen
def test_supervisor_by_keyboard(qtbot: QtBot, services: Services, admin: Actor, clerk: Actor, supervisor: Actor,
                                make_window, tmp_path: Path) -> None:
    ensure_departments(services)
    employment = officer(services, "renshe1", "employment", "冯人社")
    rows = [("张三", "medical", S.SENT, date(2026, 11, 16)), ("李四", "medical", S.IN_PROGRESS, date(2026, 11, 18)),
            ("赵六", "housing", S.PENDING, date(2026, 11, 24)), ("钱七", "housing", S.PENDING, date(2026, 11, 25))]
    ids = {}
    for name, department, status, due in rows:
        application = make_application(services, clerk, name, received=EARLIER)
        ids[name] = make_referral(services, supervisor, application, department, status, due_date=due, at=EARLIER,
                                  creator=clerk)
    window = make_window(services, supervisor)
    position = [spec.key for spec in window.specs].index("referrals") + 1
    press(qtbot, getattr(K, f"Key_{position}"), CTRL)
    settle(qtbot)
    page = window.current_page()
    assert page is not None and page.objectName() == "referralsPage"

    # Filter: only overdue. Ctrl+F goes to the search box; Tab on to the check box, Space ticks it.
    press(qtbot, K.Key_F, CTRL)
    assert owner(focused()) is page.search
    tab_to(qtbot, page.overdue)
    press(qtbot, K.Key_Space)
    settle(qtbot)
    assert page.overdue.isChecked()
    assert [r.applicant_name for r in page.model.rows] == ["张三", "李四"]

    # Open a referral: Tab into the list, the arrow keys choose a row and the panel shows it.
    tab_to(qtbot, page.table)
    press(qtbot, K.Key_Down)
    settle(qtbot)
    assert page.panel.detail is not None and page.panel.detail.applicant_name in ("张三", "李四")
    if page.panel.detail.applicant_name != "张三":
        press(qtbot, K.Key_Up)
        settle(qtbot)
    assert page.panel.detail.applicant_name == "张三"

    # Reassign it from the panel: Tab to 改派…, Enter; in the dialog arrows pick, Tab moves, Enter confirms.
    tab_to(qtbot, page.panel.buttons["reassign"])
    enter(qtbot)
    qtbot.waitUntil(lambda: page.findChild(ReassignDialog) is not None)
    dialog = page.findChild(ReassignDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    tab_to(qtbot, dialog.department)
    choose(qtbot, dialog.department, "employment")
    press(qtbot, K.Key_Tab)
    choose(qtbot, dialog.officer, employment.user_id)
    press(qtbot, K.Key_Tab)
    assert owner(focused()) is dialog.note
    type_text("人社局承接就业帮扶")
    press(qtbot, K.Key_Tab)  # Tab leaves the note box (no tab character typed)
    assert "\t" not in dialog.note.toPlainText()
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    tab_to(qtbot, ok)
    enter(qtbot)
    moved = services.referrals.get(supervisor, ids["张三"])
    assert (moved.department_code, moved.assigned_to_name) == ("employment", "冯人社")

    # Mark a selection sent: no filter but 待发送, Shift+Down selects two rows, Tab to 标记已发送, Enter.
    tab_to(qtbot, page.overdue)
    press(qtbot, K.Key_Space)
    settle(qtbot)
    tab_to(qtbot, page.status)
    choose(qtbot, page.status, S.PENDING.value)
    settle(qtbot)
    assert [r.applicant_name for r in page.model.rows] == ["赵六", "钱七"]
    tab_to(qtbot, page.table)
    press(qtbot, K.Key_Home, CTRL)
    press(qtbot, K.Key_Down, SHIFT)
    settle(qtbot)
    assert len(page.selected_ids()) == 2
    tab_to(qtbot, page.send_button)
    enter(qtbot)
    assert {services.referrals.get(supervisor, ids[n]).status for n in ("赵六", "钱七")} == {S.SENT}

    # Export what the filter shows: Tab to 导出台账…, Enter, type the file name in the file dialog, Enter.
    tab_to(qtbot, page.status)
    choose(qtbot, page.status, None)
    settle(qtbot)
    target = tmp_path / "ledger.xlsx"
    tab_to(qtbot, page.export_button)
    press(qtbot, K.Key_Return)
    qtbot.waitUntil(lambda: page.findChild(QFileDialog, "exportDialog") is not None)
    chooser = page.findChild(QFileDialog, "exportDialog")
    qtbot.waitUntil(chooser.isVisible)
    chooser.activateWindow()
    name = chooser.findChild(QLineEdit, "fileNameEdit")
    qtbot.waitUntil(name.hasFocus)
    press(qtbot, K.Key_A, CTRL)
    keys(qtbot, str(target))
    press(qtbot, K.Key_Return)
    settle(qtbot)
    assert page.last_export is not None and page.last_export.rows == 4
    sheet = load_workbook(target).active
    assert sorted(r[2] for r in list(sheet.iter_rows(values_only=True))[1:]) == sorted(n for n, *_ in rows)


def test_officer_receives_and_completes_by_keyboard(qtbot: QtBot, services: Services, admin: Actor, clerk: Actor,
                                                    supervisor: Actor, make_window) -> None:
    ensure_departments(services)
    medical = officer(services, "yibao1", "medical", "赵医保")
    application = make_application(services, clerk, "张三", received=EARLIER)
    referral = make_referral(services, supervisor, application, "medical", S.SENT, due_date=date(2026, 11, 24),
                             at=EARLIER, creator=clerk)
    window = make_window(services, medical)
    page = window.current_page()
    assert page is not None and page.objectName() == "inboxPage"
    settle(qtbot)
    tab_to(qtbot, page.table)
    press(qtbot, K.Key_Down)
    settle(qtbot)
    assert page.panel.detail is not None and page.panel.detail.id == referral
    tab_to(qtbot, page.panel.buttons["receive"])
    enter(qtbot)
    assert services.referrals.get(medical, referral).status is S.RECEIVED
    # The panel's buttons changed: Tab finds 开始办理, then 办结 (the row moved to the next tab).
    press(qtbot, K.Key_PageDown, CTRL)  # the next tab: 办理中
    settle(qtbot)
    assert page.tabs.currentIndex() == 1
    tab_to(qtbot, page.table)
    press(qtbot, K.Key_Down)
    settle(qtbot)
    if "start" in page.panel.buttons:
        tab_to(qtbot, page.panel.buttons["start"])
        enter(qtbot)
    tab_to(qtbot, page.panel.buttons["complete"])
    enter(qtbot)
    qtbot.waitUntil(lambda: page.panel.findChild(NoteDialog) is not None)
    dialog = page.panel.findChild(NoteDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert owner(focused()) is dialog.note
    type_text("已纳入医疗救助")
    press(qtbot, K.Key_Tab)
    assert "\t" not in dialog.note.toPlainText()
    tab_to(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
    enter(qtbot)
    done = services.referrals.get(medical, referral)
    assert done.status is S.COMPLETED and done.outcome == "已纳入医疗救助"


def test_postcheck_result_and_spot_check_draw_by_keyboard(qtbot: QtBot, services: Services, clerk: Actor,
                                                          supervisor: Actor, make_window) -> None:
    late = fast_tracked(services, clerk, "李四", date(2026, 10, 12))
    check = add_check(services, late, PostCheckKind.DATA_COMPARISON, date(2026, 11, 12))
    for i in range(5):
        fast_tracked(services, clerk, f"孙{i}", date(2026, 11, 2 + i))
    window = make_window(services, supervisor)
    position = [spec.key for spec in window.specs].index("postchecks") + 1
    press(qtbot, getattr(K, f"Key_{position}"), CTRL)
    settle(qtbot)
    page = window.current_page()
    assert page is not None and page.objectName() == "postChecksPage"

    # The result: Tab into the list, the first row is the overdue check; Tab to 核查结果, arrows, note, Enter.
    tab_to(qtbot, page.table)
    press(qtbot, K.Key_Home, CTRL)
    settle(qtbot)
    assert page.current is not None and page.current.id == check
    tab_to(qtbot, page.result_combo)
    choose(qtbot, page.result_combo, PostCheckStatus.PASSED.value)
    tab_to(qtbot, page.note_edit)
    type_text("与不动产登记信息比对一致")
    tab_to(qtbot, page.record_button)
    enter(qtbot)
    saved = services.postchecks.get(supervisor, check)
    assert saved.status is PostCheckStatus.PASSED and saved.result == "与不动产登记信息比对一致"

    # The spot-check draw: Tab to 随机抽查, Enter; the share typed, the seed typed, Enter on OK.
    tab_to(qtbot, page.spot_button)
    enter(qtbot)
    dialog = page.spot_dialog
    assert isinstance(dialog, SpotCheckDialog)
    qtbot.waitUntil(lambda: dialog.pool is not None)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    tab_to(qtbot, dialog.percent_spin)
    press(qtbot, K.Key_A, CTRL)
    keys(qtbot, "40")
    tab_to(qtbot, dialog.seed_edit)
    press(qtbot, K.Key_A, CTRL)
    keys(qtbot, "2026")
    assert dialog.sample_label.text() == "将抽取 3 件，每件安排一次随机抽查"  # 40 % of six
    tab_to(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
    enter(qtbot)
    assert page.banner.kind == "ok" and "2026" in page.banner.text() and "3 件" in page.banner.text()
