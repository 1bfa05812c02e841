"""综合评估 – the means test: per-capita income against the local standards gives a category.

The result carries an explanation: the steps, with their numbers, in plain Chinese a clerk can
read to the applicant (seed 000: applicants misunderstand the rules, so every number is shown), and
the same steps in English (``steps_en``) for a window shown in English.
All arithmetic is exact (fen as integers, fractions where a division is needed); amounts shown
are rounded half up to the fen only at the end, and comparisons use the exact values.

Categories, most needy first: 特困 → 低保 → 低保边缘 → 刚性支出困难 → 临时救助 → 不符合.
Each of the first four tests can only stop holding as income rises, and the first that holds
decides, so more income never gives a more needy category.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
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
DISCLAIMER_EN = ("This is the desk's pre-assessment; the result is decided by the check of the household's "
                 "finances, the home visit and the review.")


def need_rank(category: Category) -> int:
    return CATEGORY_ORDER.index(category)


def _yuan(fen: int | Fraction) -> str:
    return f"{format_fen(fen if isinstance(fen, int) else round_fen(fen))} 元"


def _yuan_en(fen: int | Fraction) -> str:
    return f"{format_fen(fen if isinstance(fen, int) else round_fen(fen))} yuan"


def _times(multiplier: Fraction) -> str:
    return f"{float(multiplier):g}"


def _standard_en(standard: DibaoStandard) -> str:
    if standard.period == "month":
        return f"{format_fen(standard.amount_fen)} yuan a month"
    return f"{format_fen(standard.amount_fen)} yuan a year ({format_fen(standard.monthly_fen)} yuan a month)"


def _pack_en(pack: PolicyPack) -> str:
    return f"{pack.locality_en or pack.locality} {pack.version}, in force from {pack.effective_from:%Y-%m-%d}"


class _Steps:
    """The explanation in both languages, step by step (the same step at the same index)."""

    def __init__(self) -> None:
        self.zh: list[str] = []
        self.en: list[str] = []

    def add(self, zh: str, en: str) -> None:
        self.zh.append(zh)
        self.en.append(en)


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
    steps_en: list[str] = field(default_factory=list)
    """The same steps in English (index for index)."""
    asset_findings_en: tuple[str, ...] = ()

    @property
    def explanation(self) -> str:
        return "\n".join(self.steps)

    def steps_in(self, language: str) -> list[str]:
        """The steps in ``language`` (``zh`` or ``en``); Chinese where no English was made."""
        return self.steps if language.startswith("zh") or not self.steps_en else self.steps_en

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
    steps = _Steps()
    size = facts.size
    standard = pack.standard_for(facts.hukou_type)
    std = standard.monthly_exact
    hukou = "城市" if facts.hukou_type is HukouType.URBAN else "农村"
    hukou_en = "urban" if facts.hukou_type is HukouType.URBAN else "rural"

    steps.add(
        f"共同生活家庭成员 {size} 人，按{facts.hukou_type.zh}户籍适用{hukou}低保标准 {standard.describe()}"
        f"（政策参数：{pack.describe()}）。",
        f"{size} household members living together; {facts.hukou_type.en.lower()} hukou, so the {hukou_en} "
        f"dibao standard of {_standard_en(standard)} applies (policy pack: {_pack_en(pack)}).",
    )
    if pack.effective_from > facts.application_date:
        steps.add(
            f"注意：所用政策参数 {pack.version} 于 {pack.effective_from:%Y-%m-%d} 起施行，"
            f"晚于申请日期 {facts.application_date:%Y-%m-%d}。",
            f"Note: the policy pack {pack.version} is in force from {pack.effective_from:%Y-%m-%d}, "
            f"after the application date {facts.application_date:%Y-%m-%d}.",
        )

    # ---- income (申请前 12 个月)
    gross = 0
    counted_by_member: dict[int | None, int] = defaultdict(int)
    earnings_by_member: dict[int | None, int] = defaultdict(int)
    reduction_total = 0
    for income in facts.incomes:
        index = None if income.member is None else facts.member_index(income.member)
        who = "家庭" if index is None else facts.members[index].name
        who_en = "Household" if index is None else facts.members[index].name
        gross += income.amount_fen
        label = income.category.zh
        label_en = income.category.en.lower()
        period = f"{income.months} 个月共 {_yuan(income.amount_fen)}"
        period_en = f"{_yuan_en(income.amount_fen)} in {income.months} months"
        if income.category not in pack.income.counted:
            steps.add(f"{who} {label}：{period}，按本地政策不计入家庭收入。",
                      f"{who_en}, {label_en}: {period_en}; not counted as family income under the local policy.")
            continue
        exempt = pack.income.exempt_item(income.item)
        if exempt is not None:
            steps.add(f"{who} {exempt.name}：{period}，属于不计入家庭收入的项目。",
                      f"{who_en}, {exempt.name_en or exempt.name}: {period_en}; an item not counted as family income.")
            continue
        amount = income.amount_fen
        steps.add(f"{who} {label}：{period}。", f"{who_en}, {label_en}: {period_en}.")
        member = None if index is None else facts.members[index]
        share = pack.income.special_member_reduction
        if member is not None and share > 0 and _is_special_member(member, pack.income.special_member_disability_grades):
            reduced = round_fen(amount * share)
            amount -= reduced
            reduction_total += reduced
            steps.add(
                f"{who} 患重病或重度残疾，其收入按 {_times(share * 100)}% 核减 {_yuan(reduced)}。",
                f"{who_en} is seriously ill or severely disabled: {_times(share * 100)}% of the income, "
                f"{_yuan_en(reduced)}, is left out.",
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
            who_en = "the household" if index is None else facts.members[index].name
            parts = []
            parts_en = []
            if rule.monthly_per_worker_fen:
                parts.append(f"每月 {_yuan(rule.monthly_per_worker_fen)} × 12 个月")
                parts_en.append(f"{_yuan_en(rule.monthly_per_worker_fen)} a month × 12 months")
            if rule.share_of_earnings:
                parts.append(f"劳动收入的 {_times(rule.share_of_earnings * 100)}%")
                parts_en.append(f"{_times(rule.share_of_earnings * 100)}% of the earnings")
            capped = "（以劳动收入为限）" if deduction == earnings else ""
            capped_en = " (no more than the earnings)" if deduction == earnings else ""
            steps.add(f"就业成本扣减：{who} {' + '.join(parts)}，共扣减 {_yuan(deduction)}{capped}。",
                      f"Cost of working deducted for {who_en}: {' + '.join(parts_en)}, "
                      f"{_yuan_en(deduction)} in all{capped_en}.")
    for deduction_fact in facts.deductions:
        deductions += deduction_fact.amount_fen
        who = facts.member_name(deduction_fact.member)
        who_en = "the household" if deduction_fact.member is None else who
        steps.add(f"扣减：{who} {deduction_fact.kind.zh} {_yuan(deduction_fact.amount_fen)}。",
                  f"Deducted for {who_en}: {deduction_fact.kind.en.lower()}, {_yuan_en(deduction_fact.amount_fen)}.")

    before_deductions = sum(counted_by_member.values())
    counted = max(0, before_deductions - deductions)
    deductions = before_deductions - counted  # never more than the income it is taken from
    monthly = Fraction(counted, PERIOD_MONTHS)
    per_capita = Fraction(counted, PERIOD_MONTHS * size)
    per_capita_fen = round_fen(per_capita)
    if not facts.incomes:
        steps.add("申报近 12 个月家庭无收入。", "No income declared for the last 12 months.")
    steps.add(
        f"计入的家庭收入：12 个月共 {_yuan(counted)}，月均 {_yuan(monthly)}"
        + (f"（已扣减 {_yuan(deductions)}）" if deductions else "")
        + "。",
        f"Family income counted: {_yuan_en(counted)} in 12 months, {_yuan_en(monthly)} a month"
        + (f" (after deducting {_yuan_en(deductions)})" if deductions else "")
        + ".",
    )
    steps.add(f"家庭月人均收入 = {_yuan(monthly)} ÷ {size} 人 = {_yuan(per_capita)}。",
              f"Monthly income per person = {_yuan_en(monthly)} ÷ {size} = {_yuan_en(per_capita)}.")

    # ---- assets (财产)
    limits = pack.assets
    findings: list[str] = []
    findings_en: list[str] = []
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
        findings_en.append(
            f"Deposits, securities and other financial assets of {_yuan_en(monetary)} are above the limit of "
            f"{_yuan_en(monetary_limit)} ({limits.monetary_months_per_capita} months of the standard × {size} persons)."
        )
    if vehicle_count and vehicles > limits.vehicle_value_limit_fen:
        limit_text = "不得拥有非豁免机动车辆" if limits.vehicle_value_limit_fen == 0 else (
            f"价值上限 {_yuan(limits.vehicle_value_limit_fen)}"
        )
        limit_en = "no vehicle that is not exempt" if limits.vehicle_value_limit_fen == 0 else (
            f"worth at most {_yuan_en(limits.vehicle_value_limit_fen)}"
        )
        findings.append(f"拥有机动车辆 {vehicle_count} 辆，价值 {_yuan(vehicles)}，超过限额（{limit_text}）。")
        findings_en.append(f"{vehicle_count} vehicle(s) worth {_yuan_en(vehicles)}, above the limit ({limit_en}).")
    if houses > limits.max_housing_units:
        findings.append(f"拥有住房 {houses} 套，超过 {limits.max_housing_units} 套的限额。")
        findings_en.append(f"{houses} homes, above the limit of {limits.max_housing_units}.")
    assets_ok = not findings
    if assets_ok:
        steps.add(
            f"家庭财产未超过限额：金融资产 {_yuan(monetary)}（限额 {_yuan(monetary_limit)}），"
            f"非豁免机动车辆 {vehicle_count} 辆，住房 {houses} 套。",
            f"Assets within the limits: financial assets {_yuan_en(monetary)} (limit {_yuan_en(monetary_limit)}), "
            f"{vehicle_count} vehicle(s) that are not exempt, {houses} home(s).",
        )
    else:
        for finding, finding_en in zip(findings, findings_en, strict=True):
            steps.add(f"财产超限：{finding}", f"Assets above the limit: {finding_en}")

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
        steps.add(
            f"家庭成员均无劳动能力（{pack.tekun.elderly_age} 周岁以上、未满 {pack.tekun.minor_age} 周岁"
            f"或经认定无劳动能力），申报无法定义务人或义务人无履行能力，月人均收入 {_yuan(per_capita)}"
            f"低于特困供养标准 {_yuan(tekun_line)}（低保标准的 {_times(pack.multipliers.tekun)} 倍），"
            f"初步符合特困人员救助供养条件。",
            f"No member can work ({pack.tekun.elderly_age} or older, under {pack.tekun.minor_age}, or found unable "
            f"to work), no one legally obliged to support them is declared able to, and the monthly income per "
            f"person of {_yuan_en(per_capita)} is below the extreme-poverty line of {_yuan_en(tekun_line)} "
            f"({_times(pack.multipliers.tekun)} × the dibao standard): the household appears to qualify for "
            f"extreme-poverty support (tekun).",
        )
        steps.add(
            f"估算基本生活供养金：每人每月不低于 {_yuan(per_person)} × {size} 人 = {_yuan(benefit)}。",
            f"Estimated basic support: at least {_yuan_en(per_person)} a person a month × {size} = "
            f"{_yuan_en(benefit)}.",
        )
    elif dibao_ok:
        category = Category.DIBAO
        gap = std - per_capita
        benefit = round_fen(gap * size)
        steps.add(
            f"家庭月人均收入 {_yuan(per_capita)}，低于{hukou}低保标准 {_yuan(std)}，初步符合低保条件。",
            f"The monthly income per person of {_yuan_en(per_capita)} is below the {hukou_en} dibao standard of "
            f"{_yuan_en(std)}: the household appears to qualify for the minimum living guarantee (dibao).",
        )
        steps.add(
            f"估算每月低保金 =（{_yuan(std)} − {_yuan(per_capita)}）× {size} 人 = {_yuan(benefit)}。",
            f"Estimated monthly dibao = ({_yuan_en(std)} − {_yuan_en(per_capita)}) × {size} = {_yuan_en(benefit)}.",
        )
    elif marginal_ok:
        category = Category.MARGINAL
        steps.add(
            f"家庭月人均收入 {_yuan(per_capita)}，不低于{hukou}低保标准 {_yuan(std)}，"
            f"但低于低保边缘标准 {_yuan(marginal_line)}（低保标准的 {_times(pack.multipliers.marginal)} 倍），"
            f"初步符合低保边缘家庭条件。",
            f"The monthly income per person of {_yuan_en(per_capita)} is not below the {hukou_en} dibao standard of "
            f"{_yuan_en(std)} but below the marginal line of {_yuan_en(marginal_line)} "
            f"({_times(pack.multipliers.marginal)} × the standard): the household appears to qualify as a "
            f"marginal household.",
        )
    elif expenditure_ok:
        category = Category.EXPENDITURE
        steps.add(
            f"近 12 个月自付刚性支出 {_yuan(rigid)}，扣除后家庭月人均收入为 {_yuan(after)}，"
            f"低于 {_yuan(std * hardship.threshold)}，初步符合刚性支出困难家庭条件。",
            f"Essential expenses paid in the last 12 months: {_yuan_en(rigid)}; after them the monthly income per "
            f"person is {_yuan_en(after)}, below {_yuan_en(std * hardship.threshold)}: the household appears to "
            f"qualify as a household in hardship from essential expenses.",
        )
    elif temporary_ok:
        category = Category.TEMPORARY
    else:
        category = Category.NOT_ELIGIBLE

    if category in (Category.NOT_ELIGIBLE, Category.TEMPORARY):
        if not assets_ok:
            steps.add("家庭财产超过限额，不符合低保、特困、低保边缘和刚性支出困难家庭条件。",
                      "The assets are above the limits: the household does not qualify for dibao, tekun, "
                      "marginal or expenditure-hardship status.")
        else:
            steps.add(
                f"家庭月人均收入 {_yuan(per_capita)}，不低于低保边缘标准 {_yuan(marginal_line)}"
                f"（低保标准的 {_times(pack.multipliers.marginal)} 倍），不符合低保和低保边缘条件。",
                f"The monthly income per person of {_yuan_en(per_capita)} is not below the marginal line of "
                f"{_yuan_en(marginal_line)} ({_times(pack.multipliers.marginal)} × the standard): the household does "
                f"not qualify for dibao or marginal status.",
            )
            if rigid > 0:
                above_cap = per_capita >= std * hardship.income_cap
                steps.add(
                    f"扣除近 12 个月自付刚性支出 {_yuan(rigid)} 后，月人均收入为 {_yuan(after)}，"
                    f"未低于 {_yuan(std * hardship.threshold)}"
                    + (f"（或扣除前已超过 {_yuan(std * hardship.income_cap)}）" if above_cap else "")
                    + "，不符合刚性支出困难家庭条件。",
                    f"After the essential expenses of the last 12 months ({_yuan_en(rigid)}) the monthly income per "
                    f"person is {_yuan_en(after)}, not below {_yuan_en(std * hardship.threshold)}"
                    + (f" (or it was above {_yuan_en(std * hardship.income_cap)} before them)" if above_cap else "")
                    + ": the household does not qualify for expenditure-hardship status.",
                )
    if rigid > 0 and category in (Category.DIBAO, Category.MARGINAL, Category.TEKUN):
        steps.add(f"近 12 个月自付刚性支出 {_yuan(rigid)}，可同时申请相应专项救助。",
                  f"Essential expenses of {_yuan_en(rigid)} paid in the last 12 months: the matching special "
                  f"assistance can be applied for as well.")

    temporary_range: tuple[int, int] | None = None
    if temporary_ok:
        ordered = sorted(facts.special_circumstances, key=lambda c: c.value)
        names = "、".join(c.zh for c in ordered)
        names_en = ", ".join(c.en.lower() for c in ordered)
        low = round_fen(std * pack.multipliers.temporary_normal * size)
        high = round_fen(std * pack.multipliers.temporary_special * size)
        temporary_range = (low, high)
        steps.add(
            f"家庭遭遇{names}，可申请临时救助：一次性救助一般不超过每人 {_times(pack.multipliers.temporary_normal)} 个月"
            f"低保标准，即 {_yuan(low)}（{size} 人）；特别困难的最高不超过 {_times(pack.multipliers.temporary_special)} 个月，"
            f"即 {_yuan(high)}。",
            f"The household met with {names_en} and may apply for temporary assistance: a one-off payment of "
            f"usually no more than {_times(pack.multipliers.temporary_normal)} months of the dibao standard a "
            f"person, {_yuan_en(low)} ({size} persons); at most {_times(pack.multipliers.temporary_special)} months "
            f"in special hardship, {_yuan_en(high)}.",
        )
    elif category is Category.NOT_ELIGIBLE:
        steps.add("未申报自然灾害、意外事故、突发重病等急难情形，暂不符合临时救助条件。",
                  "No disaster, accident, sudden serious illness or other emergency declared: temporary assistance "
                  "does not apply for now.")

    requested_matching = CATEGORY_ASSISTANCE.get(category)
    basic = {t for t in facts.requested if t in CATEGORY_ASSISTANCE.values()}
    if basic and requested_matching is not None and requested_matching not in basic:
        ordered_types = sorted(basic, key=lambda t: t.value)
        asked = "、".join(t.zh for t in ordered_types)
        asked_en = ", ".join(t.en.lower() for t in ordered_types)
        steps.add(f"申请事项为{asked}，预评估结果为{category.zh}，可告知申请人按{requested_matching.zh}申请。",
                  f"Applied for: {asked_en}; the pre-assessment gives {category.en.lower()}: the applicant may be "
                  f"told to apply for {requested_matching.en.lower()}.")

    steps.add(f"预评估结果：{category.zh}。" + DISCLAIMER,
              f"Pre-assessment: {category.en.lower()}. " + DISCLAIMER_EN)

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
        steps=steps.zh,
        pack_version=pack.version,
        locality=pack.locality,
        pack_sha256=pack.sha256,
        pack_effective_from=pack.effective_from,
        application_date=facts.application_date,
        steps_en=steps.en,
        asset_findings_en=tuple(findings_en),
    )
