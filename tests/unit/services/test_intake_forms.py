"""Intake forms without a database: field-path validation, facts, dict round trip, post-check dates."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from fractions import Fraction

import pytest

from intake_desk.domain.enums import (
    AssistanceType,
    Category,
    DisabilityCategory,
    ExpenseKind,
    IncomeCategory,
    PostCheckKind,
    Relation,
    Sex,
    SpecialCircumstance,
)
from intake_desk.domain.resident_id import InvalidResidentId, parse_resident_id
from intake_desk.policy.means_test import assess
from intake_desk.policy.pack import PackRegistry, PolicyPack
from intake_desk.services.errors import ValidationFailed
from intake_desk.services.intake import (
    PostCheckPlan,
    add_months,
    build_facts,
    clean_form,
    commitment_hash,
    materials_checklist,
)
from intake_desk.services.intake_form import (
    DeclarationInput,
    ExpenseInput,
    IncomeInput,
    MaterialInput,
    MemberInput,
    ReferralChoice,
    form_from_dict,
    form_to_dict,
)
from tests.intake_data import LI_SI, ZHANG_SAN, zhuzhou_form

TODAY = date(2026, 11, 20)


@pytest.fixture(scope="module")
def pack() -> PolicyPack:
    return PackRegistry.default().pack_for(TODAY)


def problems(form, pack: PolicyPack) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return clean_form(form, TODAY, pack, [d.code for d in pack.departments])[1]


def test_zhuzhou_example_is_clean_and_assessed_dibao_300(pack: PolicyPack) -> None:
    cleaned, found = clean_form(zhuzhou_form(), TODAY, pack)
    assert found == {}
    assert cleaned.phone == "13812345678"  # normal form
    facts = build_facts(cleaned, TODAY)
    assert facts.size == 3 and facts.fast_track
    result = assess(facts, pack)
    assert result.category is Category.DIBAO
    assert result.per_capita_monthly_income_fen == 600_00
    assert result.estimated_monthly_benefit_fen == 300_00


def test_bad_resident_id_gives_the_exact_reason_at_its_path(pack: PolicyPack) -> None:
    wrong = LI_SI[:-1] + ("0" if LI_SI[-1] != "0" else "1")
    with pytest.raises(InvalidResidentId) as expected:
        parse_resident_id(wrong, today=TODAY)
    form = zhuzhou_form()
    form = replace(form, members=(form.members[0], replace(form.members[1], resident_id=wrong), form.members[2]))
    found = problems(form, pack)
    assert found == {"members[1].resident_id": str(expected.value)}
    assert "校验位" in found["members[1].resident_id"]


def test_duplicate_member_is_named_on_the_second(pack: PolicyPack) -> None:
    form = zhuzhou_form()
    form = replace(form, members=(*form.members, MemberInput(ZHANG_SAN.lower(), "张三丰", Relation.OTHER)))
    found = problems(form, pack)
    assert list(found) == ["members[3].resident_id"]
    assert "第 1 名成员" in found["members[3].resident_id"]


def test_every_field_problem_has_its_path(pack: PolicyPack) -> None:
    form = zhuzhou_form()
    members = (
        replace(form.members[0], name="张3", sex=Sex.FEMALE),
        replace(form.members[1], relation=Relation.SELF, disability_grade=2),
        form.members[2],
    )
    form = replace(
        form, members=members, applicant_index=5, phone="12345", address="路" * 201,
        incomes=(IncomeInput(7, IncomeCategory.WAGES, -1), IncomeInput(0, IncomeCategory.WAGES, 100, months=13)),
        expenses=(ExpenseInput(None, ExpenseKind.MEDICAL, 10**13),),
        requested_types=(),
        declaration=DeclarationInput("张三", consent_verification=False),
        referrals=(ReferralChoice("nowhere", "x"), ReferralChoice("education", " ")),
    )
    found = problems(form, pack)
    assert set(found) == {
        "members[0].name", "members[0].sex", "members[1].relation", "members[1].disability_grade",
        "applicant_index", "phone", "address", "incomes[0].member_index", "incomes[0].amount_fen",
        "incomes[1].months", "expenses[0].amount_fen", "requested_types", "declaration.consent_verification",
        "referrals[0].department_code", "referrals[1].reason",
    }
    assert "数字" in found["members[0].name"]
    assert "必须是登记的家庭成员" in found["applicant_index"]
    assert "负数" in found["incomes[0].amount_fen"]
    for reason in found.values():
        assert " / " in reason  # Chinese, then English


def test_material_for_a_type_not_requested_and_duplicate_referral(pack: PolicyPack) -> None:
    form = zhuzhou_form(
        materials=(MaterialInput(AssistanceType.HOUSING, "housing_statement", "住房情况说明"),),
        referrals=(ReferralChoice("education", "在校学生"), ReferralChoice("education", "再次")),
    )
    found = problems(form, pack)
    assert set(found) == {"materials[0].assistance_type", "referrals[1].department_code"}


def test_names_are_kept_exactly(pack: PolicyPack) -> None:
    form = zhuzhou_form()
    form = replace(form, members=(replace(form.members[0], name="𠮷 思 "), replace(form.members[1], name="阿卜杜•热合曼"),
                                  form.members[2]))
    cleaned, found = clean_form(form, TODAY, pack)
    assert found == {}
    assert [m.name for m in cleaned.members[:2]] == ["𠮷 思", "阿卜杜·热合曼"]  # look-alike dot → U+00B7


def test_sex_comes_from_the_id(pack: PolicyPack) -> None:
    cleaned, _ = clean_form(zhuzhou_form(), TODAY, pack)
    assert [m.sex for m in cleaned.members] == [Sex.MALE, Sex.FEMALE, Sex.MALE]


def test_form_dict_round_trip_is_json_safe() -> None:
    form = zhuzhou_form(
        special_circumstances=(SpecialCircumstance.ACCIDENT,),
        materials=(MaterialInput(AssistanceType.DIBAO, "identity", "户口簿", True, "复印件"),),
        referrals=(ReferralChoice("charity", "急难", ("突发",), ("张三",), "emergency_charity", True, False),),
    )
    form = replace(form, members=(replace(form.members[0], disability=DisabilityCategory.PHYSICAL,
                                          disability_grade=2, disability_needs_treatment=True),
                                  *form.members[1:]))
    data = json.loads(json.dumps(form_to_dict(form)))
    assert data["format"] == 1 and data["members"][0]["disability"] == "physical"
    assert form_from_dict(data) == form


def test_form_from_dict_names_unreadable_fields() -> None:
    data = form_to_dict(zhuzhou_form())
    data["members"][1]["relation"] = "cousin"
    data["incomes"][0]["amount_fen"] = "1800"
    with pytest.raises(ValidationFailed) as refused:
        form_from_dict(data)
    assert set(refused.value.fields) == {"members[1].relation", "incomes[0].amount_fen"}


def test_form_from_dict_accepts_an_older_draft_without_new_keys() -> None:
    form = form_from_dict({"members": [{"resident_id": ZHANG_SAN, "name": "张三"}], "requested_types": ["dibao"]})
    assert form.members[0].relation is Relation.SELF and form.declaration is None
    assert form.requested_types == (AssistanceType.DIBAO,)
    assert form_from_dict({"requested_types": ["最低生活保障"]}).requested_types == (AssistanceType.DIBAO,)
    with pytest.raises(ValidationFailed) as refused:  # 低保 is the category's label, not the type's
        form_from_dict({"requested_types": ["低保"]})
    assert list(refused.value.fields) == ["requested_types[0]"]


def test_checklist_keeps_required_items_and_the_clerks_lines(pack: PolicyPack) -> None:
    form = zhuzhou_form(materials=(
        MaterialInput(AssistanceType.DIBAO, "identity", "户口簿、身份证", received=True),
        MaterialInput(AssistanceType.DIBAO, "student_certificate", "在校学生就读证明", received=False),
        MaterialInput(AssistanceType.DIBAO, "own_extra", "村委会证明", received=False),
    ))
    lines = materials_checklist(pack, form)
    by_code = {line.code: line for line in lines}
    assert by_code["identity"].received and not by_code["identity"].missing
    assert by_code["application_form"].missing  # required, not on the form
    assert by_code["student_certificate"].missing  # optional, marked applicable
    assert not by_code["disability_certificate"].missing  # optional, not applicable
    assert lines[-1].code == "own_extra" and lines[-1].missing


def test_commitment_hash_follows_the_text(pack: PolicyPack) -> None:
    assert commitment_hash(pack, False) != commitment_hash(pack, True)
    assert len(commitment_hash(pack, False)) == 64


def test_add_months_clamps_to_the_month_end() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 20), 6) == date(2027, 5, 20)
    assert add_months(date(2024, 3, 31), 11) == date(2025, 2, 28)


def test_post_check_plan_without_pack_settings() -> None:
    plan = PostCheckPlan()
    assert plan.due_dates(TODAY, ZHANG_SAN) == [(PostCheckKind.DATA_COMPARISON, date(2026, 12, 20)),
                                                (PostCheckKind.PERIODIC, date(2027, 5, 20))]


def test_post_check_spot_share_is_reproducible_and_near_its_share() -> None:
    plan = PostCheckPlan(spot_check_share=Fraction(1, 10))
    keys = [f"{i:018d}|2026-11-20" for i in range(1, 2001)]
    picked = [k for k in keys if plan.spot_checked(k)]
    assert picked == [k for k in keys if plan.spot_checked(k)]
    assert 140 <= len(picked) <= 260  # one in ten
    kinds = {k for key in keys[:50] for k, _ in plan.due_dates(TODAY, key.split("|")[0])}
    assert kinds == {PostCheckKind.DATA_COMPARISON, PostCheckKind.PERIODIC, PostCheckKind.SPOT_CHECK}
    assert not PostCheckPlan().spot_checked(keys[0])
