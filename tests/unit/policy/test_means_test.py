from __future__ import annotations

import dataclasses
import re
from datetime import date
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intake_desk.domain.enums import (
    AssetKind,
    AssistanceType,
    Category,
    DeductionKind,
    DisabilityCategory,
    ExpenseKind,
    Health,
    HukouType,
    IncomeCategory,
    LabourCapacity,
    Relation,
    SpecialCircumstance,
)
from intake_desk.policy.facts import (
    AssetFact,
    DeductionFact,
    ExpenseFact,
    HouseholdFacts,
    IncomeFact,
    MemberFacts,
)
from intake_desk.policy.means_test import CATEGORY_ORDER, assess, need_rank
from intake_desk.policy.pack import EmploymentCostDeduction, IncomeRules, PolicyPack

from .builders import APPLIED, adults, default_pack, household, member, wages

PACK = default_pack()


def test_domain_example_urban_household_of_three() -> None:
    facts = household(adults(3), incomes=[wages(0, "1,800")])
    result = assess(facts, PACK)
    assert result.category is Category.DIBAO
    assert result.household_size == 3
    assert result.counted_income_fen == 1_800_00 * 12
    assert result.per_capita_monthly_income_fen == 600_00
    assert result.estimated_monthly_benefit_fen == 300_00
    assert result.temporary_range_fen is None
    text = result.explanation
    assert "家庭月人均收入 600.00 元，低于城市低保标准 700.00 元" in text
    assert "家庭月人均收入 = 1,800.00 元 ÷ 3 人 = 600.00 元" in text
    assert "估算每月低保金 =（700.00 元 − 600.00 元）× 3 人 = 300.00 元" in text
    assert result.pack_version == "zhuzhou-2024.1"
    assert result.locality == "湖南省株洲市"
    assert result.pack_sha256 == PACK.sha256
    assert result.steps[-1].startswith("预评估结果：低保。")


@pytest.mark.parametrize(
    ("size", "monthly", "hukou", "category", "benefit"),
    [
        (1, "0", HukouType.URBAN, Category.DIBAO, 700_00),
        (1, "699.99", HukouType.URBAN, Category.DIBAO, 1),
        (1, "700", HukouType.URBAN, Category.MARGINAL, None),  # equal to the standard is not below it
        (2, "2,099.98", HukouType.URBAN, Category.MARGINAL, None),
        (2, "2,100", HukouType.URBAN, Category.NOT_ELIGIBLE, None),  # 1,050 per capita = 1.5 × 700
        (4, "2,000", HukouType.URBAN, Category.DIBAO, 800_00),
        # rural standard 6,733 a year: 561.0833… a month, compared exactly
        (1, "561.08", HukouType.RURAL, Category.DIBAO, 0),  # gap 0.0033 fen… rounds to 0.00
        (1, "561.09", HukouType.RURAL, Category.MARGINAL, None),
        (3, "1,500", HukouType.RURAL, Category.DIBAO, round(673_300 / 12 * 3 - 1_500_00)),
    ],
)
def test_category_and_benefit_by_income(
    size: int, monthly: str, hukou: HukouType, category: Category, benefit: int | None
) -> None:
    facts = household(adults(size), hukou_type=hukou, incomes=[wages(0, monthly)])
    result = assess(facts, PACK)
    assert result.category is category
    assert result.estimated_monthly_benefit_fen == benefit


def test_rural_standard_is_explained_per_year_and_month() -> None:
    result = assess(household(adults(1), hukou_type=HukouType.RURAL), PACK)
    assert "农村低保标准 6,733.00 元/年（折合每月 561.08 元）" in result.steps[0]
    assert result.standard_monthly_fen == 56_108


def elderly(name: str = "王奶奶", **details: object) -> MemberFacts:
    return member(name, born=date(1950, 2, 1), relation=Relation.SELF, **details)  # type: ignore[arg-type]


def test_tekun_needs_all_three_conditions() -> None:
    alone = [elderly()]
    income = [IncomeFact(member=0, category=IncomeCategory.TRANSFER, amount_fen=800_00 * 12)]
    result = assess(household(alone, incomes=income, no_able_supporter=True), PACK)
    assert result.category is Category.TEKUN
    assert result.tekun_conditions_met
    assert result.estimated_monthly_benefit_fen == 910_00  # 1.3 × 700
    assert "初步符合特困人员救助供养条件" in result.explanation
    # with a supporter able to support: only the income test remains → marginal (800 ≥ 700)
    assert assess(household(alone, incomes=income), PACK).category is Category.MARGINAL
    # income at the 特困 line: no longer 特困
    at_line = [IncomeFact(member=0, category=IncomeCategory.TRANSFER, amount_fen=910_00 * 12)]
    assert assess(household(alone, incomes=at_line, no_able_supporter=True), PACK).category is Category.MARGINAL


@pytest.mark.parametrize(
    ("members", "tekun"),
    [
        ([elderly(), member("孙子", born=date(2015, 1, 1), seq=3, relation=Relation.GRANDCHILD)], True),
        ([member("张残", labour_capacity=LabourCapacity.NONE, disability=DisabilityCategory.PHYSICAL,
                 disability_grade=1)], True),
        ([member("十六岁", born=date(2010, 11, 20), seq=5)], False),  # 16 today: no longer a minor
        ([member("十五岁", born=date(2010, 11, 21), seq=5)], True),
        ([elderly(), member("儿子", seq=7, relation=Relation.CHILD)], False),  # an adult able to work
        ([member("部分", labour_capacity=LabourCapacity.PARTIAL)], False),
    ],
)
def test_tekun_requires_every_member_without_labour_capacity(members: list[MemberFacts], tekun: bool) -> None:
    result = assess(household(members, no_able_supporter=True), PACK)
    assert (result.category is Category.TEKUN) is tekun
    if not tekun:
        assert result.category is Category.DIBAO


def test_assets_above_the_limit_exclude_the_income_categories() -> None:
    # 1 person: 24 months × 700 = 16,800 of deposits allowed
    within = household(adults(1), assets=[AssetFact(kind=AssetKind.DEPOSIT, value_fen=16_800_00)])
    assert assess(within, PACK).category is Category.DIBAO
    above = household(adults(1), assets=[AssetFact(kind=AssetKind.DEPOSIT, value_fen=16_800_01)])
    result = assess(above, PACK)
    assert result.category is Category.NOT_ELIGIBLE
    assert not result.assets_within_limits
    assert "超过限额 16,800.00 元" in result.asset_findings[0]
    with_accident = dataclasses.replace(above, special_circumstances=frozenset({SpecialCircumstance.ACCIDENT}))
    assert assess(with_accident, PACK).category is Category.TEMPORARY


@pytest.mark.parametrize(
    ("asset", "ok"),
    [
        (AssetFact(kind=AssetKind.VEHICLE, value_fen=30_000_00), False),
        (AssetFact(kind=AssetKind.VEHICLE, value_fen=30_000_00, exempt=True, note="残疾人代步车"), True),
        (AssetFact(kind=AssetKind.HOUSING, value_fen=300_000_00), True),
        (AssetFact(kind=AssetKind.HOUSING, value_fen=600_000_00, quantity=2), False),
        (AssetFact(kind=AssetKind.SECURITIES, value_fen=20_000_00), False),
        (AssetFact(kind=AssetKind.OTHER, value_fen=20_000_00), True),  # not a monetary kind in the pack
    ],
)
def test_asset_kinds(asset: AssetFact, ok: bool) -> None:
    result = assess(household(adults(1), assets=[asset]), PACK)
    assert result.assets_within_limits is ok
    assert (result.category is Category.DIBAO) is ok


def test_expenditure_hardship() -> None:
    # 2 people, 2,200 a month → 1,100 per capita: above the marginal line (1,050), below the cap (1,400)
    facts = household(
        adults(2),
        incomes=[wages(0, "2,200")],
        expenses=[ExpenseFact(kind=ExpenseKind.MEDICAL, amount_fen=12_000_00, member=1)],
    )
    result = assess(facts, PACK)
    assert result.category is Category.EXPENDITURE
    assert result.rigid_expenses_fen == 12_000_00
    assert "扣除后家庭月人均收入为 600.00 元" in result.explanation
    # other expenses do not count as rigid under the default pack
    other = dataclasses.replace(facts, expenses=(ExpenseFact(kind=ExpenseKind.OTHER, amount_fen=12_000_00),))
    assert assess(other, PACK).category is Category.NOT_ELIGIBLE
    # above the income cap (2 × standard) no amount of expenses qualifies
    rich = dataclasses.replace(facts, incomes=(wages(0, "2,800"),),
                               expenses=(ExpenseFact(kind=ExpenseKind.MEDICAL, amount_fen=60_000_00),))
    result = assess(rich, PACK)
    assert result.category is Category.NOT_ELIGIBLE
    assert "不符合刚性支出困难家庭条件" in result.explanation


def test_temporary_assistance_range_per_person() -> None:
    facts = household(adults(2), incomes=[wages(0, "5,000")],
                      special_circumstances={SpecialCircumstance.SUDDEN_ILLNESS})
    result = assess(facts, PACK)
    assert result.category is Category.TEMPORARY
    assert result.temporary_range_fen == (6 * 700_00 * 2, 12 * 700_00 * 2)
    assert "突发重病" in result.explanation and "8,400.00 元" in result.explanation
    # a dibao household with an emergency keeps dibao and is also told the temporary range
    poor = dataclasses.replace(facts, incomes=())
    result = assess(poor, PACK)
    assert result.category is Category.DIBAO
    assert result.temporary_range_fen == (8_400_00, 16_800_00)


def test_not_eligible_is_explained() -> None:
    result = assess(household(adults(1), incomes=[wages(0, "3,000")]), PACK)
    assert result.category is Category.NOT_ELIGIBLE
    assert result.estimated_monthly_benefit_fen is None
    assert "不低于低保边缘标准 1,050.00 元" in result.explanation
    assert "暂不符合临时救助条件" in result.explanation


def test_exempt_items_and_uncounted_categories() -> None:
    scholarship = IncomeFact(member=0, category=IncomeCategory.TRANSFER, amount_fen=5_000_00, item="scholarship")
    result = assess(household(adults(1), incomes=[scholarship]), PACK)
    assert result.counted_income_fen == 0
    assert result.gross_income_fen == 5_000_00
    assert "属于不计入家庭收入的项目" in result.explanation
    narrow = dataclasses.replace(
        PACK, income=dataclasses.replace(PACK.income, counted=frozenset({IncomeCategory.WAGES}))
    )
    rent = IncomeFact(member=None, category=IncomeCategory.PROPERTY, amount_fen=5_000_00)
    result = assess(household(adults(1), incomes=[rent]), narrow)
    assert result.counted_income_fen == 0
    assert "按本地政策不计入家庭收入" in result.explanation


def _with_deduction(monthly_fen: int, share: str) -> PolicyPack:
    rule = EmploymentCostDeduction(
        monthly_per_worker_fen=monthly_fen,
        share_of_earnings=Fraction(share),
        categories=frozenset({IncomeCategory.WAGES, IncomeCategory.BUSINESS}),
    )
    return dataclasses.replace(PACK, employment_cost_deduction=rule)


@pytest.mark.parametrize(
    ("monthly_fen", "share", "months", "counted"),
    [
        (100_00, "0", 12, (1_000_00 - 100_00) * 12),
        (100_00, "0", 6, 1_000_00 * 6 - 100_00 * 12),  # averaged over the 12-month period
        (0, "0.2", 12, 800_00 * 12),
        (100_00, "0.1", 12, 800_00 * 12),
        (2_000_00, "0", 12, 0),  # never more than the earnings
    ],
)
def test_employment_cost_deduction(monthly_fen: int, share: str, months: int, counted: int) -> None:
    facts = household(adults(1), incomes=[wages(0, "1,000", months=months)])
    result = assess(facts, _with_deduction(monthly_fen, share))
    assert result.counted_income_fen == counted
    assert "就业成本扣减" in result.explanation


def test_declared_deductions_and_never_below_zero() -> None:
    facts = household(
        adults(2),
        incomes=[wages(0, "1,500")],
        deductions=[DeductionFact(member=0, kind=DeductionKind.SOCIAL_INSURANCE, amount_fen=2_400_00)],
    )
    result = assess(facts, PACK)
    assert result.counted_income_fen == 1_500_00 * 12 - 2_400_00
    assert "个人缴纳的社会保险费 2,400.00 元" in result.explanation
    huge = dataclasses.replace(
        facts, deductions=(DeductionFact(member=None, kind=DeductionKind.SUPPORT_PAID, amount_fen=99_999_00),)
    )
    result = assess(huge, PACK)
    assert result.counted_income_fen == 0
    assert result.deductions_fen == 1_500_00 * 12


def test_special_member_income_reduction() -> None:
    rules = IncomeRules(
        counted=PACK.income.counted,
        exempt_items=PACK.income.exempt_items,
        special_member_reduction=Fraction(1, 2),
        special_member_disability_grades=frozenset({1, 2}),
    )
    pack = dataclasses.replace(PACK, income=rules)
    ill = member("李病", health=Health.SERIOUS)
    result = assess(household([ill], incomes=[wages(0, "1,000")]), pack)
    assert result.counted_income_fen == 500_00 * 12
    assert "核减" in result.explanation
    grade3 = member("李残", disability=DisabilityCategory.PHYSICAL, disability_grade=3)
    assert assess(household([grade3], incomes=[wages(0, "1,000")]), pack).counted_income_fen == 1_000_00 * 12


def test_requested_item_differing_from_the_result_is_pointed_out() -> None:
    facts = household(adults(1), incomes=[wages(0, "800")], requested={AssistanceType.DIBAO})
    result = assess(facts, PACK)
    assert result.category is Category.MARGINAL
    assert "申请事项为最低生活保障，预评估结果为低保边缘" in result.explanation


def test_a_pack_not_yet_in_force_is_flagged() -> None:
    later = dataclasses.replace(PACK, effective_from=date(2027, 1, 1))
    assert "晚于申请日期" in assess(household(), later).explanation


def test_category_order_is_the_need_order() -> None:
    assert [need_rank(c) for c in CATEGORY_ORDER] == list(range(6))
    assert set(CATEGORY_ORDER) == set(Category)


# ------------------------------------------------------------------------------------ properties

def _members(draw: st.DrawFn) -> list[MemberFacts]:
    size = draw(st.integers(1, 5))
    result = []
    for i in range(size):
        born = draw(st.dates(min_value=date(1930, 1, 1), max_value=date(2026, 1, 1)))
        result.append(
            member(
                f"成员{i}",
                born=born,
                seq=i + 1,
                relation=Relation.SELF if i == 0 else Relation.OTHER,
                labour_capacity=draw(st.sampled_from(LabourCapacity)),
                health=draw(st.sampled_from(Health)),
            )
        )
    return result


@st.composite
def households(draw: st.DrawFn) -> HouseholdFacts:
    members = _members(draw)
    incomes = [
        IncomeFact(
            member=draw(st.integers(0, len(members) - 1)),
            category=draw(st.sampled_from(IncomeCategory)),
            amount_fen=draw(st.integers(0, 600_000_00)),
            months=draw(st.integers(1, 12)),
            item=draw(st.sampled_from([None, None, "scholarship"])),
        )
        for _ in range(draw(st.integers(0, 4)))
    ]
    expenses = [
        ExpenseFact(kind=draw(st.sampled_from(ExpenseKind)), amount_fen=draw(st.integers(0, 100_000_00)))
        for _ in range(draw(st.integers(0, 2)))
    ]
    assets = [
        AssetFact(kind=draw(st.sampled_from(AssetKind)), value_fen=draw(st.integers(0, 50_000_00)))
        for _ in range(draw(st.integers(0, 2)))
    ]
    deductions = [
        DeductionFact(member=None, kind=DeductionKind.SOCIAL_INSURANCE, amount_fen=draw(st.integers(0, 10_000_00)))
        for _ in range(draw(st.integers(0, 1)))
    ]
    return HouseholdFacts(
        members=tuple(members),
        application_date=APPLIED,
        hukou_type=draw(st.sampled_from(HukouType)),
        incomes=tuple(incomes),
        expenses=tuple(expenses),
        assets=tuple(assets),
        deductions=tuple(deductions),
        special_circumstances=frozenset(draw(st.sets(st.sampled_from(SpecialCircumstance), max_size=1))),
        no_able_supporter=draw(st.booleans()),
    )


packs = st.sampled_from([PACK, _with_deduction(150_00, "0.1")])


@settings(max_examples=300)
@given(households(), st.integers(1, 300_000_00), st.sampled_from(IncomeCategory), packs)
def test_more_income_never_gives_a_more_needy_category(
    facts: HouseholdFacts, extra: int, category: IncomeCategory, pack: PolicyPack
) -> None:
    before = assess(facts, pack)
    richer = dataclasses.replace(
        facts, incomes=(*facts.incomes, IncomeFact(member=0, category=category, amount_fen=extra))
    )
    after = assess(richer, pack)
    assert after.counted_income_fen >= before.counted_income_fen
    assert need_rank(after.category) >= need_rank(before.category)


@settings(max_examples=300)
@given(households(), packs)
def test_per_capita_income_times_size_is_the_counted_total(facts: HouseholdFacts, pack: PolicyPack) -> None:
    result = assess(facts, pack)
    assert result.per_capita_monthly_income_exact * result.household_size * 12 == result.counted_income_fen
    assert abs(result.per_capita_monthly_income_fen - result.per_capita_monthly_income_exact) <= Fraction(1, 2)
    assert result.counted_income_fen + result.deductions_fen <= result.gross_income_fen
    assert result.steps and all(isinstance(step, str) and step for step in result.steps)
    if result.category is Category.DIBAO:
        assert result.estimated_monthly_benefit_fen is not None and result.estimated_monthly_benefit_fen >= 0


HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def _with_reduction(pack: PolicyPack) -> PolicyPack:
    income = dataclasses.replace(pack.income, special_member_reduction=Fraction(1, 2))
    return dataclasses.replace(_with_deduction(150_00, "0.1"), income=income)


@settings(max_examples=300)
@given(households(), st.sampled_from([PACK, _with_reduction(PACK)]), st.sets(st.sampled_from(AssistanceType), max_size=2))
def test_the_explanation_in_english_says_every_step(facts: HouseholdFacts, pack: PolicyPack,
                                                     requested: set[AssistanceType]) -> None:
    """Step for step the same explanation in English; the only Chinese left is the members' names (data)."""
    result = assess(dataclasses.replace(facts, requested=frozenset(requested)), pack)
    assert len(result.steps_en) == len(result.steps)
    assert result.steps_in("en") == result.steps_en and result.steps_in("zh") == result.steps
    names = sorted((m.name for m in facts.members), key=len, reverse=True)
    for step in result.steps_en:
        for name in names:
            step = step.replace(name, "")
        assert not HAN.search(step), step
    assert result.steps_en[-1].startswith(f"Pre-assessment: {result.category.en.lower()}.")
    assert len(result.asset_findings_en) == len(result.asset_findings)
    assert not any(HAN.search(finding) for finding in result.asset_findings_en)


def test_english_figures_match_the_chinese() -> None:
    facts = household(adults(3), incomes=(wages(0, 1200),), hukou_type=HukouType.URBAN)
    result = assess(facts, PACK)
    assert result.category is Category.DIBAO
    assert "Monthly income per person = 1,200.00 yuan ÷ 3 = 400.00 yuan." in result.steps_en
    assert "家庭月人均收入 = 1,200.00 元 ÷ 3 人 = 400.00 元。" in result.steps
    assert any("(700.00 yuan − 400.00 yuan) × 3 = 900.00 yuan" in s for s in result.steps_en)
