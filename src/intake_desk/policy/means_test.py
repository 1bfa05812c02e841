"""综合评估 – the means test: per-capita income against the local standards gives a category.

The result carries an explanation: the steps, with their numbers, in plain Chinese a clerk can
read to the applicant (seed 000: applicants misunderstand the rules, so every number is shown).
All arithmetic is exact (fen as integers, fractions where a division is needed); amounts shown
are rounded half up to the fen only at the end, and comparisons use the exact values.

Categories, most needy first: 特困 → 低保 → 低保边缘 → 刚性支出困难 → 临时救助 → 不符合.
Each of the first four tests can only stop holding as income rises, and the first that holds
decides, so more income never gives a more needy category.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from intake_desk.domain.enums import (
    AssetKind,
    AssistanceType,
    Category,
    Health,
    HukouType,
    LabourCapacity,
)
from intake_desk.domain.money import format_fen, round_fen
from intake_desk.policy.facts import PERIOD_MONTHS, HouseholdFacts, MemberFacts
from intake_desk.policy.pack import DibaoStandard, PolicyPack

__all__ = ["CATEGORY_ORDER", "Assessment", "assess", "need_rank"]

# Most needy first; need_rank(c) is the position (0 = most needy).
CATEGORY_ORDER: tuple[Category, ...] = (
    Category.TEKUN,
    Category.DIBAO,
    Category.MARGINAL,
    Category.EXPENDITURE,
    Category.TEMPORARY,
    Category.NOT_ELIGIBLE,
)

CATEGORY_ASSISTANCE: dict[Category, AssistanceType] = {
    Category.TEKUN: AssistanceType.TEKUN,
    Category.DIBAO: AssistanceType.DIBAO,
    Category.MARGINAL: AssistanceType.MARGINAL,
    Category.EXPENDITURE: AssistanceType.EXPENDITURE,
    Category.TEMPORARY: AssistanceType.TEMPORARY,
}

DISCLAIMER = "以上为窗口预评估，最终结果以家庭经济状况核对、入户调查和审核审批为准。"


def need_rank(category: Category) -> int:
    return CATEGORY_ORDER.index(category)


def _yuan(fen: int | Fraction) -> str:
    return f"{format_fen(fen if isinstance(fen, int) else round_fen(fen))} 元"


def _times(multiplier: Fraction) -> str:
    return f"{float(multiplier):g}"


@dataclass(frozen=True)
class Assessment:
    """预评估结果 – the category, the figures behind it and the explanation."""

    category: Category
    household_size: int
    counted_income_fen: int  # 12 months, after exemptions and deductions
    gross_income_fen: int  # 12 months, everything declared
    deductions_fen: int  # employment-cost and declared deductions, 12 months
    per_capita_monthly_income_exact: Fraction  # in fen
    per_capita_monthly_income_fen: int
    standard: DibaoStandard
    standard_monthly_fen: int
    estimated_monthly_benefit_fen: int | None
    temporary_range_fen: tuple[int, int] | None  # (一般情形上限, 特别困难上限), whole household
    rigid_expenses_fen: int
    assets_within_limits: bool
    asset_findings: tuple[str, ...]
    tekun_conditions_met: bool
    steps: list[str]
    pack_version: str
    locality: str
    pack_sha256: str
    pack_effective_from: date
    application_date: date

    @property
    def explanation(self) -> str:
        return "\n".join(self.steps)

    @property
    def counted_monthly_income_fen(self) -> int:
        return round_fen(Fraction(self.counted_income_fen, PERIOD_MONTHS))

    @property
    def in_or_near_assistance(self) -> bool:
        """符合或接近救助条件 – any category but 不符合."""
        return self.category is not Category.NOT_ELIGIBLE


def _is_special_member(member: MemberFacts, grades: frozenset[int]) -> bool:
    severe = member.has_disability and member.disability_grade is not None and member.disability_grade in grades
    return member.health is Health.SERIOUS or severe


def _lacks_labour_capacity(member: MemberFacts, pack: PolicyPack) -> bool:
    return (
        member.labour_capacity is LabourCapacity.NONE
        or member.age >= pack.tekun.elderly_age
        or member.age < pack.tekun.minor_age
    )


def assess(facts: HouseholdFacts, pack: PolicyPack) -> Assessment:
    """Pre-assess a declared household under ``pack`` (the pack in force on the application date)."""
    steps: list[str] = []
    size = facts.size
    standard = pack.standard_for(facts.hukou_type)
    std = standard.monthly_exact
    hukou = "城市" if facts.hukou_type is HukouType.URBAN else "农村"

    steps.append(
        f"共同生活家庭成员 {size} 人，按{facts.hukou_type.zh}户籍适用{hukou}低保标准 {standard.describe()}"
        f"（政策参数：{pack.describe()}）。"
    )
    if pack.effective_from > facts.application_date:
        steps.append(
            f"注意：所用政策参数 {pack.version} 于 {pack.effective_from:%Y-%m-%d} 起施行，"
            f"晚于申请日期 {facts.application_date:%Y-%m-%d}。"
        )

    # ---- income (申请前 12 个月)
    gross = 0
    counted_by_member: dict[int | None, int] = defaultdict(int)
    earnings_by_member: dict[int | None, int] = defaultdict(int)
    reduction_total = 0
    for income in facts.incomes:
        index = None if income.member is None else facts.member_index(income.member)
        who = "家庭" if index is None else facts.members[index].name
        gross += income.amount_fen
        label = income.category.zh
        period = f"{income.months} 个月共 {_yuan(income.amount_fen)}"
        if income.category not in pack.income.counted:
            steps.append(f"{who} {label}：{period}，按本地政策不计入家庭收入。")
            continue
        exempt = pack.income.exempt_item(income.item)
        if exempt is not None:
            steps.append(f"{who} {exempt.name}：{period}，属于不计入家庭收入的项目。")
            continue
        amount = income.amount_fen
        steps.append(f"{who} {label}：{period}。")
        member = None if index is None else facts.members[index]
        share = pack.income.special_member_reduction
        if member is not None and share > 0 and _is_special_member(member, pack.income.special_member_disability_grades):
            reduced = round_fen(amount * share)
            amount -= reduced
            reduction_total += reduced
            steps.append(
                f"{who} 患重病或重度残疾，其收入按 {_times(share * 100)}% 核减 {_yuan(reduced)}。"
            )
        counted_by_member[index] += amount
        if income.category in pack.employment_cost_deduction.categories:
            earnings_by_member[index] += amount

    deductions = 0
    rule = pack.employment_cost_deduction
    if rule.enabled:
        # Per earning member and month of the 12-month period: the fixed amount plus a share of the
        # average monthly earnings, never more than those earnings. Both terms grow at most as fast as
        # the earnings, so more income never means less counted income.
        for index, earnings in earnings_by_member.items():
            if earnings <= 0:
                continue
            exact = rule.monthly_per_worker_fen * PERIOD_MONTHS + earnings * rule.share_of_earnings
            deduction = min(round_fen(exact), earnings)
            deductions += deduction
            who = "家庭" if index is None else facts.members[index].name
            parts = []
            if rule.monthly_per_worker_fen:
                parts.append(f"每月 {_yuan(rule.monthly_per_worker_fen)} × 12 个月")
            if rule.share_of_earnings:
                parts.append(f"劳动收入的 {_times(rule.share_of_earnings * 100)}%")
            capped = "（以劳动收入为限）" if deduction == earnings else ""
            steps.append(f"就业成本扣减：{who} {' + '.join(parts)}，共扣减 {_yuan(deduction)}{capped}。")
    for deduction_fact in facts.deductions:
        deductions += deduction_fact.amount_fen
        who = facts.member_name(deduction_fact.member)
        steps.append(f"扣减：{who} {deduction_fact.kind.zh} {_yuan(deduction_fact.amount_fen)}。")

    before_deductions = sum(counted_by_member.values())
    counted = max(0, before_deductions - deductions)
    deductions = before_deductions - counted  # never more than the income it is taken from
    monthly = Fraction(counted, PERIOD_MONTHS)
    per_capita = Fraction(counted, PERIOD_MONTHS * size)
    per_capita_fen = round_fen(per_capita)
    if not facts.incomes:
        steps.append("申报近 12 个月家庭无收入。")
    steps.append(
        f"计入的家庭收入：12 个月共 {_yuan(counted)}，月均 {_yuan(monthly)}"
        + (f"（已扣减 {_yuan(deductions)}）" if deductions else "")
        + "。"
    )
    steps.append(f"家庭月人均收入 = {_yuan(monthly)} ÷ {size} 人 = {_yuan(per_capita)}。")

    # ---- assets (财产)
    limits = pack.assets
    findings: list[str] = []
    monetary = sum(a.value_fen for a in facts.assets if a.kind in limits.monetary_kinds and not a.exempt)
    monetary_limit = round_fen(std * limits.monetary_months_per_capita * size)
    vehicles = sum(a.value_fen for a in facts.assets if a.kind is AssetKind.VEHICLE and not a.exempt)
    vehicle_count = sum(a.quantity for a in facts.assets if a.kind is AssetKind.VEHICLE and not a.exempt)
    houses = sum(a.quantity for a in facts.assets if a.kind is AssetKind.HOUSING and not a.exempt)
    if monetary > monetary_limit:
        findings.append(
            f"存款、有价证券等金融资产共 {_yuan(monetary)}，超过限额 {_yuan(monetary_limit)}"
            f"（{limits.monetary_months_per_capita} 个月低保标准 × {size} 人）。"
        )
    if vehicle_count and vehicles > limits.vehicle_value_limit_fen:
        limit_text = "不得拥有非豁免机动车辆" if limits.vehicle_value_limit_fen == 0 else (
            f"价值上限 {_yuan(limits.vehicle_value_limit_fen)}"
        )
        findings.append(f"拥有机动车辆 {vehicle_count} 辆，价值 {_yuan(vehicles)}，超过限额（{limit_text}）。")
    if houses > limits.max_housing_units:
        findings.append(f"拥有住房 {houses} 套，超过 {limits.max_housing_units} 套的限额。")
    assets_ok = not findings
    if assets_ok:
        steps.append(
            f"家庭财产未超过限额：金融资产 {_yuan(monetary)}（限额 {_yuan(monetary_limit)}），"
            f"非豁免机动车辆 {vehicle_count} 辆，住房 {houses} 套。"
        )
    else:
        steps.extend(f"财产超限：{finding}" for finding in findings)

    # ---- rigid expenses (刚性支出)
    hardship = pack.expenditure_hardship
    rigid = sum(e.amount_fen for e in facts.expenses if e.kind in hardship.expense_kinds)
    after = Fraction(counted - rigid, PERIOD_MONTHS * size)

    # ---- the tests, most needy first
    tekun_line = std * pack.multipliers.tekun
    marginal_line = std * pack.multipliers.marginal
    all_without_capacity = all(_lacks_labour_capacity(m, pack) for m in facts.members)
    tekun_ok = all_without_capacity and facts.no_able_supporter and per_capita < tekun_line and assets_ok
    dibao_ok = per_capita < std and assets_ok
    marginal_ok = per_capita < marginal_line and assets_ok
    expenditure_ok = (
        rigid > 0
        and per_capita < std * hardship.income_cap
        and after < std * hardship.threshold
        and assets_ok
    )
    temporary_ok = bool(facts.special_circumstances)

    benefit: int | None = None
    if tekun_ok:
        category = Category.TEKUN
        per_person = round_fen(tekun_line)
        benefit = per_person * size
        steps.append(
            f"家庭成员均无劳动能力（{pack.tekun.elderly_age} 周岁以上、未满 {pack.tekun.minor_age} 周岁"
            f"或经认定无劳动能力），申报无法定义务人或义务人无履行能力，月人均收入 {_yuan(per_capita)}"
            f"低于特困供养标准 {_yuan(tekun_line)}（低保标准的 {_times(pack.multipliers.tekun)} 倍），"
            f"初步符合特困人员救助供养条件。"
        )
        steps.append(
            f"估算基本生活供养金：每人每月不低于 {_yuan(per_person)} × {size} 人 = {_yuan(benefit)}。"
        )
    elif dibao_ok:
        category = Category.DIBAO
        gap = std - per_capita
        benefit = round_fen(gap * size)
        steps.append(
            f"家庭月人均收入 {_yuan(per_capita)}，低于{hukou}低保标准 {_yuan(std)}，初步符合低保条件。"
        )
        steps.append(
            f"估算每月低保金 =（{_yuan(std)} − {_yuan(per_capita)}）× {size} 人 = {_yuan(benefit)}。"
        )
    elif marginal_ok:
        category = Category.MARGINAL
        steps.append(
            f"家庭月人均收入 {_yuan(per_capita)}，不低于{hukou}低保标准 {_yuan(std)}，"
            f"但低于低保边缘标准 {_yuan(marginal_line)}（低保标准的 {_times(pack.multipliers.marginal)} 倍），"
            f"初步符合低保边缘家庭条件。"
        )
    elif expenditure_ok:
        category = Category.EXPENDITURE
        steps.append(
            f"近 12 个月自付刚性支出 {_yuan(rigid)}，扣除后家庭月人均收入为 {_yuan(after)}，"
            f"低于 {_yuan(std * hardship.threshold)}，初步符合刚性支出困难家庭条件。"
        )
    elif temporary_ok:
        category = Category.TEMPORARY
    else:
        category = Category.NOT_ELIGIBLE

    if category in (Category.NOT_ELIGIBLE, Category.TEMPORARY):
        if not assets_ok:
            steps.append("家庭财产超过限额，不符合低保、特困、低保边缘和刚性支出困难家庭条件。")
        else:
            steps.append(
                f"家庭月人均收入 {_yuan(per_capita)}，不低于低保边缘标准 {_yuan(marginal_line)}"
                f"（低保标准的 {_times(pack.multipliers.marginal)} 倍），不符合低保和低保边缘条件。"
            )
            if rigid > 0:
                steps.append(
                    f"扣除近 12 个月自付刚性支出 {_yuan(rigid)} 后，月人均收入为 {_yuan(after)}，"
                    f"未低于 {_yuan(std * hardship.threshold)}"
                    + (
                        f"（或扣除前已超过 {_yuan(std * hardship.income_cap)}）"
                        if per_capita >= std * hardship.income_cap
                        else ""
                    )
                    + "，不符合刚性支出困难家庭条件。"
                )
    if rigid > 0 and category in (Category.DIBAO, Category.MARGINAL, Category.TEKUN):
        steps.append(f"近 12 个月自付刚性支出 {_yuan(rigid)}，可同时申请相应专项救助。")

    temporary_range: tuple[int, int] | None = None
    if temporary_ok:
        names = "、".join(c.zh for c in sorted(facts.special_circumstances, key=lambda c: c.value))
        low = round_fen(std * pack.multipliers.temporary_normal * size)
        high = round_fen(std * pack.multipliers.temporary_special * size)
        temporary_range = (low, high)
        steps.append(
            f"家庭遭遇{names}，可申请临时救助：一次性救助一般不超过每人 {_times(pack.multipliers.temporary_normal)} 个月"
            f"低保标准，即 {_yuan(low)}（{size} 人）；特别困难的最高不超过 {_times(pack.multipliers.temporary_special)} 个月，"
            f"即 {_yuan(high)}。"
        )
    elif category is Category.NOT_ELIGIBLE:
        steps.append("未申报自然灾害、意外事故、突发重病等急难情形，暂不符合临时救助条件。")

    requested_matching = CATEGORY_ASSISTANCE.get(category)
    basic = {t for t in facts.requested if t in CATEGORY_ASSISTANCE.values()}
    if basic and requested_matching is not None and requested_matching not in basic:
        asked = "、".join(t.zh for t in sorted(basic, key=lambda t: t.value))
        steps.append(f"申请事项为{asked}，预评估结果为{category.zh}，可告知申请人按{requested_matching.zh}申请。")

    steps.append(f"预评估结果：{category.zh}。" + DISCLAIMER)

    return Assessment(
        category=category,
        household_size=size,
        counted_income_fen=counted,
        gross_income_fen=gross,
        deductions_fen=deductions + reduction_total,
        per_capita_monthly_income_exact=per_capita,
        per_capita_monthly_income_fen=per_capita_fen,
        standard=standard,
        standard_monthly_fen=standard.monthly_fen,
        estimated_monthly_benefit_fen=benefit,
        temporary_range_fen=temporary_range,
        rigid_expenses_fen=rigid,
        assets_within_limits=assets_ok,
        asset_findings=tuple(findings),
        tekun_conditions_met=tekun_ok,
        steps=steps,
        pack_version=pack.version,
        locality=pack.locality,
        pack_sha256=pack.sha256,
        pack_effective_from=pack.effective_from,
        application_date=facts.application_date,
    )
