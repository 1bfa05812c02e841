"""The intake form knows the household: presets from age (the pack's rules), materials that apply to
this household only, steps that turn green only when they hold what they need."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from intake_desk.domain.resident_id import make_resident_id
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.ui.pages.intake.page import IntakePage
from intake_desk.ui.pages.intake.state import IntakeState, MemberRow
from intake_desk.ui.widgets.steps import DONE
from tests.gui.conftest import focused, keys, press, settle, type_text

K = Qt.Key
ALT = Qt.KeyboardModifier.AltModifier


def _id(services: Services, age: int, serial: int) -> str:
    today = services.clock.today()
    return make_resident_id("430202", date(today.year - age, 1, 15), serial)


def _page(make_window, services: Services, clerk: Actor) -> IntakePage:
    page = make_window(services, clerk).page("intake")
    assert isinstance(page, IntakePage)
    return page


def test_typing_an_id_presets_what_the_age_implies(qtbot: QtBot, services: Services, clerk: Actor,
                                                   make_window) -> None:
    page = _page(make_window, services, clerk)
    page.go_to(1)
    settle(qtbot)
    members = page.members
    model = members.model
    for row, (age, serial) in enumerate(((40, 11), (14, 22), (8, 33), (4, 44), (70, 55))):
        if row >= len(page.state.members):  # the step opened with the applicant's row
            members.add_member()
        model.setData(model.index(row, 0), _id(services, age, serial), Qt.ItemDataRole.EditRole)
    settle(qtbot)
    rows = [(m.labour_capacity, m.employment, m.schooling) for m in page.state.members]
    assert rows == [
        ("full", "", "none"),  # 40: of working age, employment left to the clerk
        ("none", "not_applicable", "junior"),  # 14
        ("none", "not_applicable", "primary"),  # 8
        ("none", "not_applicable", "preschool"),  # 4
        ("none", "not_applicable", "none"),  # 70: per the pack
    ]
    # The adult's employment is asked for, on its own cell, with its reason; the others are not.
    assert model.index(0, 11).data() == "请选择"
    assert page.problems.get("members[0].employment", "").startswith("请选择就业状况")
    assert not any(f"members[{i}].employment" in page.problems for i in range(1, 5))

    # What the clerk chose stays when the ID is corrected; presets follow the new age.
    page.state.members[1].schooling = "senior"
    model.setData(model.index(1, 0), _id(services, 9, 66), Qt.ItemDataRole.EditRole)
    assert (page.state.members[1].labour_capacity, page.state.members[1].schooling) == ("none", "senior")
    model.setData(model.index(2, 0), _id(services, 30, 77), Qt.ItemDataRole.EditRole)
    assert (page.state.members[2].labour_capacity, page.state.members[2].employment,
            page.state.members[2].schooling) == ("full", "", "none")
    model.setData(model.index(0, 11), "employed", Qt.ItemDataRole.EditRole)
    settle(qtbot)
    assert "members[0].employment" not in page.problems


def test_all_received_ticks_only_what_this_household_needs(qtbot: QtBot, services: Services, clerk: Actor,
                                                          make_window) -> None:
    page = _page(make_window, services, clerk)
    state = IntakeState(members=[
        MemberRow(_id(services, 45, 11), "张建华", employment="employed"),
        MemberRow(_id(services, 42, 22), "李秀兰", relation="spouse", health="chronic", employment="unemployed"),
        MemberRow(_id(services, 14, 33), "张小明", relation="child", labour_capacity="none",
                  employment="not_applicable", schooling="junior"),
    ], requested_types=["dibao", "medical", "education"])
    page._load_state(state, step=4)
    page._changed()
    settle(qtbot)
    page.materials.mark_all_received()
    settle(qtbot)
    received = {(m.assistance_type, m.code) for m in page.state.materials if m.received}
    assert ("dibao", "medical_records") in received  # the spouse's chronic illness
    assert ("dibao", "student_certificate") in received  # the boy in junior school
    assert ("dibao", "disability_certificate") not in received  # nobody is disabled
    assert ("dibao", "marital_status") not in received  # the form does not say; the clerk ticks it if handed over
    assert ("education", "admission_notice") not in received  # a new student's letter: not assumed
    assert ("dibao", "application_form") in received and ("medical", "medical_bills") in received
    assert not page.materials.missing()


def test_a_blank_intake_has_no_green_steps(qtbot: QtBot, services: Services, clerk: Actor, make_window) -> None:
    page = _page(make_window, services, clerk)
    page.setFocus()
    press(qtbot, K.Key_8, ALT)
    settle(qtbot)
    assert page.current_step() == 7
    indicator = page.ui.stepIndicator
    assert [indicator.states[i] for i in range(7) if indicator.states[i] == DONE] == []
    checklist = page.submit_step.ui.checklistLabel.text()
    assert "齐全" not in checklist


def test_a_field_shows_its_reason_on_its_own_step_once_left(qtbot: QtBot, services: Services, clerk: Actor,
                                                             make_window) -> None:
    page = _page(make_window, services, clerk)
    keys(qtbot, _id(services, 45, 11))
    press(qtbot, K.Key_Return)
    settle(qtbot)
    type_text("张建华")
    press(qtbot, K.Key_Tab)
    assert focused() is page.applicant.ui.phoneEdit
    keys(qtbot, "12345")
    settle(qtbot)
    label = page.applicant.problems_label
    assert not label.isVisible(), "no reason while the clerk is still typing"
    press(qtbot, K.Key_Tab)
    settle(qtbot)
    assert label.isVisible() and "联系电话" in label.text()
    assert page.current_step() == 0
    page.applicant.ui.phoneEdit.setFocus()
    page.applicant.ui.phoneEdit.selectAll()
    keys(qtbot, "13807311234")
    press(qtbot, K.Key_Tab)
    settle(qtbot)
    assert "phone" not in page.problems and "联系电话" not in label.text()


def test_a_new_intake_forgets_the_last_refused_id(qtbot: QtBot, services: Services, clerk: Actor,
                                                  make_window) -> None:
    page = _page(make_window, services, clerk)
    good = _id(services, 45, 11)
    keys(qtbot, good[:-1] + ("0" if good[-1] != "0" else "1"))
    press(qtbot, K.Key_Return)
    settle(qtbot)
    assert page.applicant.ui.searchProblem.isVisible()
    page.start_new()
    settle(qtbot)
    assert not page.applicant.ui.searchProblem.isVisible()
    assert page.applicant.ui.searchEdit.property("invalid") != "true"


def test_banners_say_each_problem_once_and_go_when_it_is_fixed(qtbot: QtBot, services: Services, clerk: Actor,
                                                               make_window) -> None:
    from intake_desk.domain.enums import AssistanceType, Relation
    from intake_desk.services.intake_form import IntakeForm, MemberInput

    head, wife = _id(services, 45, 11), _id(services, 42, 22)
    earlier = services.intake.submit(clerk, IntakeForm(
        members=(MemberInput(head, "张建华"), MemberInput(wife, "李秀兰", relation=Relation.SPOUSE)),
        requested_types=(AssistanceType.DIBAO,)))
    page = _page(make_window, services, clerk)
    keys(qtbot, wife)
    press(qtbot, K.Key_Return)
    settle(qtbot)
    banner = page.ui.banner
    assert banner.kind == "error" and earlier.number in banner.text()
    page.applicant.ack_check.setFocus()
    press(qtbot, K.Key_Space)
    settle(qtbot)
    assert banner.kind == "" and banner.text() == "", "ticked: the banner stops asking"

    # Two members whose employment is not chosen: one reason, said once; gone once both are chosen.
    for member in page.state.members:
        member.employment = ""
    page.state.requested_types.append("dibao")
    page._changed()
    page.go_to(7)
    settle(qtbot)
    page.submit()
    settle(qtbot)
    assert page.submitted_number is None
    assert banner.text().count("请选择就业状况") == 1 and "2 处需要更正" in banner.text()
    for member in page.state.members:
        member.employment = "employed"
    page._changed()
    settle(qtbot)
    assert banner.kind == "" and "需要更正" not in banner.text()


def test_every_step_shows_a_fields_reason_once_left(qtbot: QtBot, services: Services, clerk: Actor,
                                                    make_window) -> None:
    page = _page(make_window, services, clerk)
    keys(qtbot, _id(services, 45, 11))
    press(qtbot, K.Key_Return)
    settle(qtbot)
    type_text("张建华")
    press(qtbot, K.Key_Right, ALT)
    settle(qtbot)

    # 家庭成员: a new row asks for nothing until a cell is left; the ID's reason when the ID is committed,
    # the name's when the clerk moves past the empty name
    members = page.members
    label = members.ui.problemsLabel
    press(qtbot, K.Key_Insert)
    keys(qtbot, "43020219701302006")  # 17 characters, still being typed
    settle(qtbot)
    # (the applicant's employment, the cell the step opened on, was left for the new row: that one shows)
    assert "第 1 行（张建华）就业" in label.text() and "第 2 行" not in label.text()
    assert not any(k.startswith("members[1]") for k in page._visible_problems(1))
    press(qtbot, K.Key_Tab)  # the ID is committed and left; the name's editor opens
    settle(qtbot)
    assert "第 2 行身份证号" in label.text() and "17位" in label.text()
    assert "members[1].name" in page.problems and "members[1].name" not in page._visible_problems(1)
    assert members.model.index(1, 1).data(Qt.ItemDataRole.ToolTipRole) is None, "no red on the name yet"
    press(qtbot, K.Key_Tab)  # past the empty name
    settle(qtbot)
    assert "members[1].name" in page._visible_problems(1)
    assert members.model.index(1, 1).data(Qt.ItemDataRole.ToolTipRole)
    press(qtbot, K.Key_Escape)
    members.model.remove_row(1, page.state.remove_member)
    page._changed()
    settle(qtbot)

    # 收入财产: an amount that cannot be read shows its reason once the amount is committed
    page.go_to(2)
    settle(qtbot)
    economy = page.economy
    press(qtbot, K.Key_Insert)
    keys(qtbot, "12a")
    settle(qtbot)
    assert not economy.ui.problemsLabel.isVisible(), (economy.ui.problemsLabel.text(), page.state.incomes)
    press(qtbot, K.Key_Return)
    settle(qtbot)
    assert economy.ui.problemsLabel.isVisible() and "收入第 1 行" in economy.ui.problemsLabel.text()
    economy.table("incomes").view.setFocus()
    press(qtbot, K.Key_F2)
    press(qtbot, K.Key_End)
    press(qtbot, K.Key_Backspace)
    press(qtbot, K.Key_Return)
    settle(qtbot)
    assert not economy.ui.problemsLabel.isVisible(), (economy.ui.problemsLabel.text(), page.state.incomes)

    # 困难情况: "choose at least one" waits until the focus leaves the assistance types
    page.go_to(3)
    settle(qtbot)
    circumstances = page.circumstances
    assert "requested_types" in page.problems and not circumstances.ui.problemsLabel.isVisible()
    press(qtbot, K.Key_Tab)
    settle(qtbot)
    assert not circumstances.ui.problemsLabel.isVisible(), "still among the assistance types"
    for check in circumstances.request_checks.values():  # noqa: B007 - walk past every box by Tab
        if not focused().objectName().startswith("request_"):
            break
        press(qtbot, K.Key_Tab)
    settle(qtbot)
    assert circumstances.ui.problemsLabel.isVisible() and "申请事项" in circumstances.ui.problemsLabel.text()

    # a step gone past shows all its reasons: back on the members step after a new, empty row
    page.go_to(1)
    settle(qtbot)
    page.state.members.append(type(page.state.members[0])(relation="child"))
    members.load(page.state)
    page._changed()
    settle(qtbot)
    assert "members[1].resident_id" in page._visible_problems(1), "step 3 was reached: everything shows"


def test_enter_on_an_unmade_choice_keeps_it_unmade(qtbot: QtBot, services: Services, clerk: Actor,
                                                   make_window) -> None:
    page = _page(make_window, services, clerk)
    keys(qtbot, _id(services, 40, 11))
    press(qtbot, K.Key_Return)
    settle(qtbot)
    type_text("张建华")
    press(qtbot, K.Key_Right, ALT)
    settle(qtbot)
    table = page.members.ui.membersTable
    assert page.members.model.columns[table.currentIndex().column()].key == "employment"
    press(qtbot, K.Key_F2)
    assert focused().objectName() == "employmentEditor" and focused().currentIndex() == -1, "nothing picked"
    press(qtbot, K.Key_Return)
    settle(qtbot)
    assert page.state.members[0].employment == "", "Enter alone does not choose 在职/务工 for the clerk"
    assert "members[0].employment" in page._visible_problems(1), "left unmade: its reason shows"
