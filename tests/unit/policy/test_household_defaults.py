"""Presets from age and which optional materials apply, from the shipped pack's [member_defaults]."""

from __future__ import annotations

from datetime import date

import pytest

from intake_desk.domain.enums import (
    AssistanceType,
    DisabilityCategory,
    Employment,
    Health,
    LabourCapacity,
    SchoolingStage,
)
from intake_desk.policy.household_defaults import HouseholdMember, material_applies
from intake_desk.policy.pack import PackRegistry, PolicyPackError, parse_pack, resources_dir
from intake_desk.services.intake_form import IntakeForm, MemberInput, missing_parts

PACK = PackRegistry.default().pack_for(date(2026, 11, 30))
RULES = PACK.member_defaults


@pytest.mark.parametrize("age, labour, employment, schooling", [
    (0, LabourCapacity.NONE, Employment.NOT_APPLICABLE, SchoolingStage.NONE),
    (4, LabourCapacity.NONE, Employment.NOT_APPLICABLE, SchoolingStage.PRESCHOOL),
    (8, LabourCapacity.NONE, Employment.NOT_APPLICABLE, SchoolingStage.PRIMARY),
    (14, LabourCapacity.NONE, Employment.NOT_APPLICABLE, SchoolingStage.JUNIOR),
    (15, LabourCapacity.NONE, Employment.NOT_APPLICABLE, SchoolingStage.SENIOR),
    (16, LabourCapacity.FULL, None, SchoolingStage.SENIOR),
    (59, LabourCapacity.FULL, None, SchoolingStage.NONE),
    (60, LabourCapacity.NONE, Employment.NOT_APPLICABLE, SchoolingStage.NONE),
])
def test_presets_by_age(age: int, labour: LabourCapacity, employment: Employment | None,
                        schooling: SchoolingStage) -> None:
    assert RULES is not None
    defaults = RULES.for_age(age)
    assert (defaults.labour_capacity, defaults.employment, defaults.schooling) == (labour, employment, schooling)
    assert defaults.must_choose_employment == (employment is None)


def _member(age: int = 40, health: Health = Health.HEALTHY, disability: DisabilityCategory = DisabilityCategory.NONE,
            labour: LabourCapacity = LabourCapacity.FULL, schooling: SchoolingStage = SchoolingStage.NONE
            ) -> HouseholdMember:
    return HouseholdMember(age, health, disability, labour, schooling)


def test_optional_materials_apply_only_when_a_member_calls_for_them() -> None:
    items = {m.code: m for m in PACK.materials_for(AssistanceType.DIBAO)}
    healthy = [_member(), _member(8, schooling=SchoolingStage.PRESCHOOL)]
    assert material_applies(items["application_form"], healthy, RULES)  # required: always
    for code in ("disability_certificate", "medical_records", "student_certificate", "marital_status"):
        assert not material_applies(items[code], healthy, RULES), code
    household = [_member(health=Health.CHRONIC), _member(14, schooling=SchoolingStage.JUNIOR),
                 _member(70, disability=DisabilityCategory.PHYSICAL)]
    assert material_applies(items["medical_records"], household, RULES)
    assert material_applies(items["student_certificate"], household, RULES)
    assert material_applies(items["disability_certificate"], household, RULES)
    assert not material_applies(items["marital_status"], household, RULES)  # the form does not say


def test_incapacity_evidence_only_for_working_age() -> None:
    item = next(m for m in PACK.materials_for(AssistanceType.TEKUN) if m.code == "incapacity_evidence")
    assert not material_applies(item, [_member(70, labour=LabourCapacity.NONE)], RULES)
    assert not material_applies(item, [_member(10, labour=LabourCapacity.NONE)], RULES)
    assert material_applies(item, [_member(40, labour=LabourCapacity.PARTIAL)], RULES)


def test_every_material_of_the_shipped_pack_has_an_english_name() -> None:
    for assistance_type, items in PACK.materials.items():
        for item in items:
            assert item.name_en, (assistance_type, item.code)
            assert not item.note or item.note_en, (assistance_type, item.code)


def test_the_pack_refuses_an_unknown_condition_and_a_bad_stage() -> None:
    text = (resources_dir() / "policy" / "zhuzhou-2024.toml").read_text(encoding="utf-8")
    bad = text.replace('applies_when = "ill_member"', 'applies_when = "sick_cat"')
    with pytest.raises(PolicyPackError, match="applies_when"):
        parse_pack(bad)
    bad = text.replace('stage = "junior"', 'stage = "middle"')
    with pytest.raises(PolicyPackError, match="member_defaults.schooling"):
        parse_pack(bad)


def test_missing_parts_of_a_blank_and_a_full_form() -> None:
    blank = missing_parts(IntakeForm())
    assert {"members", "requested_types", "materials", "declaration", "incomes", "referrals"} <= blank
    form = IntakeForm(members=(MemberInput("430202198001150011", "张三"),),
                      requested_types=(AssistanceType.DIBAO,))
    assert missing_parts(form) == {"declaration"}
