from __future__ import annotations

import dataclasses
import re
from datetime import date

import pytest

from intake_desk.domain.enums import (
    AssistanceType,
    DisabilityCategory,
    Employment,
    ExpenseKind,
    Health,
    HousingCondition,
    LabourCapacity,
    Relation,
    SchoolingStage,
    SpecialCircumstance,
)
from intake_desk.policy.calendar import WorkCalendar
from intake_desk.policy.facts import ExpenseFact, HouseholdFacts
from intake_desk.policy.means_test import assess
from intake_desk.policy.pack import ROUTING_RULES
from intake_desk.policy.routing import REASONS_EN, RULES, ReferralProposal, propose_referrals, reason_en

from .builders import APPLIED, default_pack, household, member, wages

PACK = default_pack()
CAL = WorkCalendar()


def proposals(facts: HouseholdFacts, received: date = APPLIED) -> dict[str, ReferralProposal]:
    result = propose_referrals(facts, assess(facts, PACK), PACK, CAL, received)
    return {p.department_code: p for p in result}


def head(**details: object) -> object:
    return member("张父", **details)  # type: ignore[arg-type]


def child(stage: SchoolingStage, **details: object) -> object:
    return member("张小明", born=date(2012, 5, 1), seq=3, relation=Relation.CHILD, schooling=stage,
                  employment=Employment.STUDENT, **details)  # type: ignore[arg-type]


def test_rules_match_the_pack_vocabulary() -> None:
    assert set(RULES) == set(ROUTING_RULES)


@pytest.mark.parametrize("stage", [s for s in SchoolingStage if s is not SchoolingStage.NONE])
def test_student_in_a_needy_household_goes_to_education(stage: SchoolingStage) -> None:
    facts = household([head(), child(stage)], incomes=[wages(0, "1,000")])  # type: ignore[list-item]
    found = proposals(facts)
    education = found["education"]
    assert education.department_name == "教育局"
    assert education.member_names == ["张小明"]
    assert education.member_ids == [facts.members[1].resident_id]
    assert education.rule == "student_in_need"
    assert any(stage.zh in line for line in education.facts)
    assert "低保" in education.reason
    assert education.assistance_type is AssistanceType.EDUCATION
    assert education.due_date == date(2026, 12, 4)  # 10 working days after Friday 20 November
    assert education.working_days == 10
    assert not education.requires_consent
    assert not education.calendar_fallback


def test_student_in_a_household_far_above_the_line_is_not_referred() -> None:
    facts = household([head(), child(SchoolingStage.PRIMARY)], incomes=[wages(0, "9,000")])  # type: ignore[list-item]
    assert "education" not in proposals(facts)
    relaxed = dataclasses.replace(PACK, routing=dataclasses.replace(PACK.routing, student_needs_category=False))
    found = propose_referrals(facts, assess(facts, relaxed), relaxed, CAL, APPLIED)
    assert "education" in {p.department_code for p in found}


@pytest.mark.parametrize(
    ("details", "expenses", "fires", "fact"),
    [
        ({"health": Health.SERIOUS}, [], True, "重特大疾病"),
        ({"health": Health.CHRONIC}, [], True, "慢性病"),
        ({"disability": DisabilityCategory.PHYSICAL, "disability_grade": 2, "disability_needs_treatment": True},
         [], True, "肢体残疾2级，需康复治疗"),
        ({"disability": DisabilityCategory.PHYSICAL, "disability_grade": 2}, [], False, ""),
        ({}, [ExpenseFact(kind=ExpenseKind.MEDICAL, amount_fen=5_000_01, member=0)], True, "超过 5,000.00 元"),
        ({}, [ExpenseFact(kind=ExpenseKind.MEDICAL, amount_fen=5_000_00, member=0)], False, ""),
        ({}, [ExpenseFact(kind=ExpenseKind.EDUCATION, amount_fen=50_000_00)], False, ""),
        ({}, [], False, ""),
    ],
)
def test_medical_rule(details: dict[str, object], expenses: list[ExpenseFact], fires: bool, fact: str) -> None:
    facts = household([head(**details)], expenses=expenses)  # type: ignore[list-item]
    found = proposals(facts)
    assert ("medical" in found) is fires
    if fires:
        medical = found["medical"]
        assert medical.department_name == "医疗保障局"
        assert medical.member_names == ["张父"]
        assert any(fact in line for line in medical.facts)


@pytest.mark.parametrize(
    ("housing", "fires"),
    [
        (HousingCondition.DANGEROUS, True),
        (HousingCondition.NONE, True),
        (HousingCondition.UNAFFORDABLE, True),
        (HousingCondition.ADEQUATE, False),
    ],
)
def test_housing_rule(housing: HousingCondition, fires: bool) -> None:
    found = proposals(household([head()], housing=housing))  # type: ignore[list-item]
    assert ("housing" in found) is fires
    if fires:
        assert found["housing"].member_names == ["张父"]
        assert found["housing"].facts[0] == f"住房状况：{housing.zh} / Housing: {housing.en.lower()}"
        assert found["housing"].due_date == CAL.add_working_days(APPLIED, 15)


@pytest.mark.parametrize(
    ("born", "capacity", "employment", "schooling", "fires"),
    [
        (date(1985, 1, 1), LabourCapacity.FULL, Employment.UNEMPLOYED, SchoolingStage.NONE, True),
        (date(1985, 1, 1), LabourCapacity.PARTIAL, Employment.UNEMPLOYED, SchoolingStage.NONE, True),
        (date(1985, 1, 1), LabourCapacity.NONE, Employment.UNEMPLOYED, SchoolingStage.NONE, False),
        (date(1985, 1, 1), LabourCapacity.FULL, Employment.EMPLOYED, SchoolingStage.NONE, False),
        (date(1966, 11, 21), LabourCapacity.FULL, Employment.UNEMPLOYED, SchoolingStage.NONE, True),  # 59
        (date(1966, 11, 20), LabourCapacity.FULL, Employment.UNEMPLOYED, SchoolingStage.NONE, False),  # 60 today
        (date(2010, 11, 20), LabourCapacity.FULL, Employment.UNEMPLOYED, SchoolingStage.NONE, True),  # 16 today
        (date(2010, 11, 21), LabourCapacity.FULL, Employment.UNEMPLOYED, SchoolingStage.NONE, False),  # 15
        (date(2005, 1, 1), LabourCapacity.FULL, Employment.UNEMPLOYED, SchoolingStage.TERTIARY, False),
    ],
)
def test_employment_rule(
    born: date, capacity: LabourCapacity, employment: Employment, schooling: SchoolingStage, fires: bool
) -> None:
    worker = member("李四", born=born, labour_capacity=capacity, employment=employment, schooling=schooling)
    found = proposals(household([worker], incomes=[wages(0, "5,000")]))
    assert ("employment" in found) is fires
    if fires:
        assert found["employment"].department_name == "人力资源和社会保障局"
        assert found["employment"].member_names == ["李四"]
        assert "失业/无业" in found["employment"].facts[0]


def test_disability_disaster_and_charity() -> None:
    facts = household(
        [head(disability=DisabilityCategory.VISUAL, disability_grade=1)],  # type: ignore[list-item]
        special_circumstances={SpecialCircumstance.DISASTER},
    )
    found = proposals(facts)
    assert found["disability"].department_name == "残疾人联合会"
    assert "视力残疾1级" in found["disability"].facts[0]
    assert found["emergency"].assistance_type is AssistanceType.DISASTER
    assert found["emergency"].due_date == CAL.add_working_days(APPLIED, 5)
    charity = found["charity"]
    assert charity.requires_consent
    assert "同意" in charity.reason
    accident_only = dataclasses.replace(facts, special_circumstances=frozenset({SpecialCircumstance.ACCIDENT}))
    found = proposals(accident_only)
    assert "emergency" not in found and "charity" in found


def test_nothing_fires_for_a_plain_household() -> None:
    assert proposals(household([head(employment=Employment.EMPLOYED)], incomes=[wages(0, "1,000")])) == {}


def test_proposals_follow_the_pack_department_order_and_merge_rules() -> None:
    merged = dataclasses.replace(
        PACK,
        departments=tuple(
            dataclasses.replace(d, rules=(*d.rules, "disability_support")) if d.code == "medical" else d
            for d in PACK.departments
        ),
    )
    facts = household(
        [head(health=Health.SERIOUS, disability=DisabilityCategory.HEARING, disability_grade=3,
              employment=Employment.UNEMPLOYED)],  # type: ignore[list-item]
        housing=HousingCondition.DANGEROUS,
    )
    result = propose_referrals(facts, assess(facts, merged), merged, CAL, APPLIED)
    codes = [p.department_code for p in result]
    assert codes == [d.code for d in merged.departments if d.code in codes]
    medical = next(p for p in result if p.department_code == "medical")
    assert medical.rule == "medical_need+disability_support"
    assert medical.rules == ("medical_need", "disability_support")
    assert medical.member_names == ["张父"]  # one member, listed once
    assert any("听力残疾3级" in line for line in medical.facts)
    # In English: both rules' reasons, from the rule codes (the Chinese reason carries the figures).
    assert medical.reason_en == f"{REASONS_EN['medical_need']} {REASONS_EN['disability_support']}"
    assert reason_en(medical.rule) == medical.reason_en and "medical assistance" in medical.reason_en


def test_every_rule_has_an_english_reason_without_chinese() -> None:
    assert set(REASONS_EN) == set(RULES)
    for code, text in REASONS_EN.items():
        assert text.isascii() and text.endswith("."), code
    assert reason_en("") == "" and reason_en("no_such_rule") == ""


def test_due_dates_running_into_an_unpublished_year_are_flagged() -> None:
    facts = household([head(health=Health.SERIOUS)])  # type: ignore[list-item]
    found = proposals(facts, received=date(2026, 12, 24))
    medical = found["medical"]
    assert medical.calendar_fallback
    assert medical.fallback_years == frozenset({2027})
    assert medical.due_date == date(2027, 1, 7)


def test_every_fact_is_written_in_both_languages() -> None:
    """Each fact is ``中文 / English``; the English half names the members as written and nothing else in Chinese,
    and the window's cut (domain.text.bilingual_half) finds it even though it quotes a Chinese name."""
    from intake_desk.domain.text import bilingual_half

    facts = household(
        [head(health=Health.SERIOUS, disability=DisabilityCategory.HEARING, disability_grade=3,
              disability_needs_treatment=True, employment=Employment.UNEMPLOYED),
         child(SchoolingStage.JUNIOR)],  # type: ignore[list-item]
        housing=HousingCondition.DANGEROUS, special_circumstances={SpecialCircumstance.DISASTER},
        expenses=[ExpenseFact(kind=ExpenseKind.MEDICAL, amount_fen=9_000_00, member=0)],
    )
    found = proposals(facts)
    assert set(found) >= {"education", "medical", "housing", "employment", "disability", "emergency", "charity"}
    han = re.compile(r"[\u3400-\u9fff]")
    for proposal in found.values():
        assert proposal.facts
        for fact in proposal.facts:
            zh, en = bilingual_half(fact, "zh"), bilingual_half(fact, "en")
            assert zh != fact and en != fact and fact == f"{zh} / {en}"
            assert han.search(zh) and en[:1].isascii()
            for name in ("张父", "张小明"):
                en = en.replace(name, "")
            assert not han.search(en), fact
    assert "In junior secondary education: 张小明 (child, 14)" in [bilingual_half(f, "en") for f in found["education"].facts]


def test_bilingual_half() -> None:
    from intake_desk.domain.text import bilingual_half

    assert bilingual_half("住房状况：危房 / Housing: dangerous", "en") == "Housing: dangerous"
    assert bilingual_half("住房状况：危房 / Housing: dangerous", "zh") == "住房状况：危房"
    assert bilingual_half("已电话联系", "en") == "已电话联系"  # typed: one language, whole
    assert bilingual_half("张三 / 李四", "en") == "张三 / 李四"  # no English half
