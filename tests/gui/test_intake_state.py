"""What the intake page keeps: exactly what was typed, and the service form built from it."""

from __future__ import annotations

import json
from datetime import date

from intake_desk.domain.enums import AssistanceType, IncomeCategory, Relation
from intake_desk.domain.resident_id import make_resident_id
from intake_desk.services.drafts import decode_payload, encode_payload
from intake_desk.services.intake_form import (
    DeclarationInput,
    IncomeInput,
    IntakeForm,
    MemberInput,
    ReferralChoice,
)
from intake_desk.ui.pages.intake.state import MONTHLY, IntakeState, MemberRow, MoneyRow, ReferralRow

A = make_resident_id("430202", date(1980, 2, 29), 11)
B = make_resident_id("430202", date(1982, 7, 1), 22)


def test_payload_round_trip_keeps_every_character() -> None:
    state = IntakeState(members=[MemberRow(A, "𠮷\u00b7阿卜杜 "), MemberRow(B.lower(), "\ue000造字")],
                        incomes=[MoneyRow("0", "wages", "１,８００.５", MONTHLY, note="备注\x07")],
                        special_note="第一行\n第二行\t", step=3)
    text = encode_payload(state.to_payload())
    back = IntakeState.from_payload(decode_payload(text))
    assert back == state
    assert json.loads(text)["format"] == "intake-ui-1"


def test_a_payload_from_an_older_or_newer_window_still_opens() -> None:
    payload = IntakeState(members=[MemberRow(A, "张三")]).to_payload()
    payload["some_future_field"] = 1
    payload["members"][0]["some_future_cell"] = "x"
    del payload["notes"]
    back = IntakeState.from_payload(payload)
    assert back.members[0].name == "张三" and back.notes == ""


def test_unreadable_amounts_are_reported_by_path_and_counted_as_zero() -> None:
    state = IntakeState(members=[MemberRow(A, "张三", employment="employed")], incomes=[
        MoneyRow("0", "wages", "1500", MONTHLY), MoneyRow("", "transfer", "1,8"), MoneyRow("0", "business", "-3")])
    form, problems = state.to_form()
    assert set(problems) == {"incomes[1].amount_fen", "incomes[2].amount_fen"}
    assert "负数" in problems["incomes[2].amount_fen"]
    assert [i.amount_fen for i in form.incomes] == [1500_00 * 12, 0, 0], "every line keeps its position"
    assert form.incomes[1].member_index is None


def test_removing_a_member_moves_their_lines_to_the_household() -> None:
    state = IntakeState(members=[MemberRow(A, "张三"), MemberRow(B, "李四"), MemberRow(A, "王五")],
                        incomes=[MoneyRow("1", "wages", "1"), MoneyRow("2", "wages", "2")], applicant_index=2)
    state.remove_member(1)
    assert [r.member for r in state.incomes] == ["", "1"] and state.applicant_index == 1


def test_declined_referrals_are_kept_in_the_notes_and_not_submitted() -> None:
    state = IntakeState(members=[MemberRow(A, "张三")], notes="申请人行动不便", referrals=[
        ReferralRow("education", "教育局", "在校学生", consent_given=True),
        ReferralRow("housing", "住房和城乡建设局", "危房", removed=True, removal_reason="已由村委会上报"),
    ])
    form, _ = state.to_form()
    assert [r.department_code for r in form.referrals] == ["education"] and form.referrals[0].consent_given
    assert form.notes == "申请人行动不便\n未采纳转介建议：住房和城乡建设局（已由村委会上报）"


def test_a_whole_form_shows_as_state_and_comes_back_the_same() -> None:
    form = IntakeForm(
        members=(MemberInput(A, "张三"), MemberInput(B, "李四", relation=Relation.SPOUSE)),
        incomes=(IncomeInput(0, IncomeCategory.WAGES, 4500_00, months=3, note="一季度"),),
        requested_types=(AssistanceType.DIBAO,), declaration=DeclarationInput("张三"),
        referrals=(ReferralChoice("medical", "慢性病", ("李四 慢性病",), ("李四",), "medical_need", True),),
    )
    state = IntakeState.from_form(form)
    assert state.incomes[0].months == "3" and state.signed and state.requested_types == ["dibao"]
    back, problems = state.to_form()
    assert not problems
    assert back.members == form.members and back.incomes == form.incomes
    assert back.requested_types == form.requested_types and back.referrals == form.referrals
    assert back.declaration == form.declaration
