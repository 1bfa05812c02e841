"""The error paths of the intake page: every refusal says why on the field, and nothing typed is lost."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from intake_desk.domain.enums import ApplicationStatus, AssistanceType, Relation, Role
from intake_desk.domain.resident_id import make_resident_id
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.services.intake_form import IntakeForm, MemberInput
from intake_desk.ui.pages.intake.autosave import local_draft_path
from intake_desk.ui.pages.intake.page import IntakePage
from intake_desk.ui.pages.intake.state import IntakeState, MemberRow, MoneyRow
from intake_desk.ui.widgets.steps import PROBLEM
from tests.conftest import add_user
from tests.gui.conftest import focused, keys, press, settle, type_text

K = Qt.Key
ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier

HEAD_ID = make_resident_id("430202", date(1968, 1, 30), 51)
WIFE_ID = make_resident_id("430202", date(1970, 12, 2), 62)


@pytest.fixture
def clerk(services: Services, admin: Actor) -> Actor:
    return add_user(services, "clerk1", Role.CLERK, "王丽")


def open_intake(make_window, services: Services, actor: Actor) -> tuple[object, IntakePage]:
    window = make_window(services, actor)
    page = window.page("intake")
    assert isinstance(page, IntakePage)
    return window, page


def filled_state() -> IntakeState:
    """What a clerk has typed for a two-person household, including a line still being corrected."""
    return IntakeState(
        search_text=HEAD_ID, phone="13907312222", address="月塘街道新塘社区𠮷祥巷 8 号",
        members=[MemberRow(HEAD_ID, "𠮷国强", employment="employed"),
                 MemberRow(WIFE_ID, "阿依古丽·买买提", relation="spouse", health="serious", employment="unemployed")],
        incomes=[MoneyRow("0", "wages", "900", "monthly", note="临时工")],
        requested_types=["dibao"], step=7,
    )


def test_bad_resident_id_is_marked_with_the_reason(qtbot: QtBot, services: Services, clerk: Actor, make_window,
                                                    screens: Path) -> None:
    window, page = open_intake(make_window, services, clerk)
    wrong = HEAD_ID[:-1] + ("0" if HEAD_ID[-1] != "0" else "1")
    keys(qtbot, wrong)
    press(qtbot, K.Key_Return)
    settle(qtbot)
    problem = page.applicant.ui.searchProblem
    assert problem.isVisible() and "校验位" in problem.text() and f"应为{HEAD_ID[-1]}" in problem.text()
    assert page.applicant.ui.searchEdit.property("invalid") == "true"
    assert page.applicant.ui.searchEdit.text() == wrong, "what was scanned stays to be corrected"
    assert focused() is page.applicant.ui.searchEdit
    window.grab().save(str(screens / "30_bad_id.png"))

    # corrected: the last character retyped, Enter again
    press(qtbot, K.Key_End)
    press(qtbot, K.Key_Backspace)
    keys(qtbot, HEAD_ID[-1])
    press(qtbot, K.Key_Return)
    settle(qtbot)
    assert not problem.isVisible() and page.applicant.ui.searchEdit.property("invalid") == "false"
    assert page.state.members[0].resident_id == HEAD_ID

    # a bad ID typed into the members table is marked on the cell with the domain's reason
    type_text("𠮷国强")
    press(qtbot, K.Key_Right, ALT)
    settle(qtbot)
    press(qtbot, K.Key_Insert)
    keys(qtbot, "43020219701302006")  # 17 characters
    press(qtbot, K.Key_Return)
    settle(qtbot)
    cell = page.members.model.index(1, 0)
    assert "18位" in cell.data(Qt.ItemDataRole.ToolTipRole) and "17位" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert "17位" in page.members.ui.problemsLabel.text() and page.members.ui.problemsLabel.isVisible()
    assert page.state.members[1].resident_id == "43020219701302006"
    window.grab().save(str(screens / "31_bad_member_id.png"))


def test_duplicate_member_is_caught(qtbot: QtBot, services: Services, clerk: Actor, make_window,
                                    screens: Path) -> None:
    window, page = open_intake(make_window, services, clerk)
    keys(qtbot, HEAD_ID)
    press(qtbot, K.Key_Return)
    settle(qtbot)
    type_text("𠮷国强")
    press(qtbot, K.Key_Right, ALT)
    settle(qtbot)
    press(qtbot, K.Key_Insert)
    keys(qtbot, HEAD_ID.lower())  # the same person again (a lower-case x would be the same too)
    press(qtbot, K.Key_Return)
    press(qtbot, K.Key_Right)
    press(qtbot, K.Key_F2)
    type_text("吉国强")
    press(qtbot, K.Key_Return)
    settle(qtbot)
    reason = page.problems.get("members[1].resident_id", "")
    assert "同一人不能登记两次" in reason
    assert "同一人不能登记两次" in page.members.model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "第 2 行（吉国强）身份证号" in page.members.ui.problemsLabel.text()
    assert page.ui.stepIndicator.states[1] == PROBLEM
    window.grab().save(str(screens / "32_duplicate_member.png"))

    # submitting anyway is refused, the page jumps back to the members, nothing typed is lost
    before = page.state.to_payload()
    page.state.requested_types.append("dibao")
    page.go_to(7)
    settle(qtbot)
    press(qtbot, K.Key_Return, CTRL)
    settle(qtbot)
    assert page.submitted_number is None
    assert page.current_step() == 1
    assert "还不能提交" in page.ui.banner.text()
    after = page.state.to_payload()
    assert after["members"] == before["members"]
    assert services.applications.count(clerk) == 0


def test_open_application_warns_before_anything_is_typed(qtbot: QtBot, services: Services, clerk: Actor,
                                                         make_window, screens: Path) -> None:
    earlier = services.intake.submit(clerk, IntakeForm(
        members=(MemberInput(HEAD_ID, "𠮷国强"), MemberInput(WIFE_ID, "阿依古丽·买买提", relation=Relation.SPOUSE)),
        requested_types=(AssistanceType.DIBAO,),
    ))
    assert services.applications.get(clerk, earlier.number).status is ApplicationStatus.RECEIVED
    window, page = open_intake(make_window, services, clerk)
    keys(qtbot, WIFE_ID)  # the wife comes back a week later
    press(qtbot, K.Key_Return)
    settle(qtbot)
    banner = page.ui.banner
    assert banner.kind == "error" and earlier.number in banner.text() and "未办结" in banner.text()
    assert page.applicant.ack_check.isVisible() and focused() is page.applicant.ack_check
    assert [m.name for m in page.state.members] == ["𠮷国强", "阿依古丽·买买提"], "household pre-filled"
    assert page.state.applicant_index == 1
    assert page.applicant.ui.historyList.topLevelItemCount() == 1
    window.grab().save(str(screens / "33_open_application.png"))

    press(qtbot, K.Key_Right, ALT)
    assert page.current_step() == 0, "no step is reached before the warning is acknowledged"
    assert page.ui.stepIndicator.states[0] == PROBLEM

    page.applicant.ack_check.setFocus()
    press(qtbot, K.Key_Space)
    press(qtbot, K.Key_Right, ALT)
    assert page.current_step() == 1
    page.state.requested_types.append("temporary")
    page.state.special_circumstances.append("sudden_illness")
    page.go_to(7)
    settle(qtbot)
    press(qtbot, K.Key_Return, CTRL)
    settle(qtbot)
    assert page.submitted_number is not None and page.submitted_number != earlier.number


def test_database_unavailable_at_submit_keeps_the_draft(qtbot: QtBot, services: Services, clerk: Actor,
                                                        make_window, db_path: Path, screens: Path) -> None:
    window, page = open_intake(make_window, services, clerk)
    page._load_state(filled_state())
    page._changed()
    settle(qtbot)
    assert page.preview is not None and page.preview.assessment is not None
    typed = page.state.to_payload()

    # the share holding the database goes away
    services.db.dispose()
    moved = db_path.with_name("moved.sqlite3")
    db_path.rename(moved)
    db_path.mkdir()
    try:
        press(qtbot, K.Key_Return, CTRL)
        settle(qtbot)
        assert page.submitted_number is None
        assert not page._submit_here(), "after a failed write the next submit waits in the background"
        assert "无法连接数据库" in page.ui.banner.text() and "保留" in page.ui.banner.text()
        assert page.state.to_payload() == typed, "nothing typed is lost"
        assert "本机" in page.ui.draftStatus.text()
        local = json.loads(local_draft_path(clerk).read_text(encoding="utf-8"))
        assert {k: v for k, v in local.items() if k != "saved_at"} == typed
        window.check_database()
        settle(qtbot)
        assert window.database_reachable is False and "无法连接" in window.connection_label.text()
        window.grab().save(str(screens / "34_database_unavailable.png"))
    finally:
        services.db.dispose()
        db_path.rmdir()
        moved.rename(db_path)

    # back again: the same press submits what was typed
    press(qtbot, K.Key_Return, CTRL)
    settle(qtbot)
    assert page.submitted_number is not None
    detail = services.applications.get(clerk, page.submitted_number)
    assert [m.name for m in detail.members] == ["𠮷国强", "阿依古丽·买买提"]
    assert detail.incomes[0].amount_fen == 900_00 * 12
    window.check_database()
    settle(qtbot)
    assert window.database_reachable is True


def test_draft_comes_back_exactly_after_a_crash(qtbot: QtBot, services: Services, clerk: Actor, make_window,
                                                screens: Path) -> None:
    window, page = open_intake(make_window, services, clerk)
    state = filled_state()
    state.incomes.append(MoneyRow("1", "transfer", "1,8", note="还没问清"))  # not a valid amount yet
    state.step = 2
    page._load_state(state)
    page._changed()
    settle(qtbot)
    typed = page.state.to_payload()
    assert "incomes[1].amount_fen" in page.problems
    # the program dies: no close event, nothing flushed on the way out – only what autosave wrote counts
    window.hide()
    page.drafts.schedule = lambda payload: None  # the dead window writes nothing more

    window2, page2 = open_intake(make_window, services, clerk)
    qtbot.waitUntil(lambda: page2.loaded)
    settle(qtbot)
    assert page2.state.to_payload() == typed
    assert page2.current_step() == 2
    assert page2.economy.table("incomes").model.index(1, 2).data() == "1,8"
    assert "已恢复" in page2.ui.banner.text()
    window2.grab().save(str(screens / "35_draft_restored.png"))

    # another desk: the local file is not there, the database copy brings it back
    local_draft_path(clerk).unlink()
    window2.close()
    window3, page3 = open_intake(make_window, services, clerk)
    qtbot.waitUntil(lambda: page3.loaded)
    settle(qtbot)
    assert page3.state.to_payload() == typed


def test_new_intake_needs_a_second_ctrl_n_to_drop_a_draft(qtbot: QtBot, services: Services, clerk: Actor,
                                                          make_window) -> None:
    window, page = open_intake(make_window, services, clerk)
    page._load_state(filled_state())
    page._changed()
    settle(qtbot)
    press(qtbot, K.Key_N, CTRL)
    assert page.state.members, "one Ctrl+N only warns"
    assert page.ui.banner.kind == "warning"
    press(qtbot, K.Key_N, CTRL)
    settle(qtbot)
    assert page.state.members == [] and focused() is page.applicant.ui.searchEdit
    assert services.drafts.load(clerk, "intake", "") is None
