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
from tests.gui.conftest import press, settle

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
