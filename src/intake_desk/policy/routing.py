"""转介 – which departments a case should be referred to, and why.

Each rule looks at the declared facts and the assessment and either stays silent or fires with a
plain-Chinese reason, the facts that fired it and the members concerned. The pack says which
rules feed which department; a department fed by several rules that fire gets one proposal that
lists all of them. Every proposal is due a number of working days after receipt (the department's
referral time limit). Proposals are only proposals: the clerk confirms them and records consent.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

from intake_desk.domain.enums import (
    AssistanceType,
    Employment,
    ExpenseKind,
    Health,
    HousingCondition,
    LabourCapacity,
    SpecialCircumstance,
)
from intake_desk.domain.money import format_fen
from intake_desk.policy.calendar import WorkCalendar
from intake_desk.policy.facts import HouseholdFacts, MemberFacts
from intake_desk.policy.means_test import Assessment
from intake_desk.policy.pack import ROUTING_RULES, PolicyPack

__all__ = ["REASONS_EN", "RULES", "Firing", "ReferralProposal", "propose_referrals", "reason_en"]

REASONS_EN: Mapping[str, str] = {
    "student_in_need": "Students in a household in or near assistance: education assistance (student aid) suggested.",
    "medical_need": "A member is ill, disabled and in need of treatment, or medical costs weigh heavily: "
                    "medical assistance suggested.",
    "housing_hardship": "The household's housing is unsafe, missing or unaffordable: housing assistance "
                        "(renovation or housing security) suggested.",
    "jobless_able_worker": "Members of working age who are able to work have no job: employment support suggested.",
    "disability_support": "A member has a disability: check the two disability subsidies and rehabilitation or "
                          "care support.",
    "disaster_relief": "The household was struck by a natural disaster: disaster relief suggested.",
    "emergency_charity": "The household met with an emergency: charity assistance can be linked beyond "
                         "government assistance (information shared only with the applicant's consent).",
}
"""Why each rule proposes a referral, in English (the Chinese reason, with its figures, is made when it fires)."""


def reason_en(rule: str) -> str:
    """The English reason of a referral from its rule codes (``student_in_need+medical_need``)."""
    return " ".join(REASONS_EN[code] for code in rule.split("+") if code in REASONS_EN)


@dataclass(frozen=True)
class Firing:
    """What one rule found: the reason, the facts behind it and the members (by index)."""

    reason: str
    facts: tuple[str, ...]
    members: tuple[int, ...]


@dataclass(frozen=True)
class ReferralProposal:
    """建议转介 – a proposed referral to one department."""

    department_code: str
    department_name: str
    reason: str
    facts: list[str]
    member_names: list[str]
    member_ids: list[str]
    due_date: date
    working_days: int
    requires_consent: bool
    rule: str  # the rule codes that fired, joined with "+"
    calendar_fallback: bool
    assistance_type: AssistanceType | None = None
    fallback_years: frozenset[int] = field(default_factory=frozenset)

    @property
    def rules(self) -> tuple[str, ...]:
        return tuple(self.rule.split("+"))

    @property
    def reason_en(self) -> str:
        return reason_en(self.rule)


Rule = Callable[[HouseholdFacts, Assessment, PolicyPack], Firing | None]


def _describe_member(member: MemberFacts) -> str:
    return f"{member.name}（{member.relation.zh}，{member.age} 岁）"


def _member_en(member: MemberFacts) -> str:
    return f"{member.name} ({member.relation.en.lower()}, {member.age})"


def _fact(zh: str, en: str) -> str:
    """One fact in both languages, ``中文 / English`` (the English half starts with an English word, so the
    window can cut it even when it quotes a name: ``domain.text.bilingual_half``)."""
    return f"{zh} / {en}"


def _student_in_need(facts: HouseholdFacts, assessment: Assessment, pack: PolicyPack) -> Firing | None:
    students = [i for i, m in enumerate(facts.members) if m.is_student]
    if not students:
        return None
    if pack.routing.student_needs_category and not assessment.in_or_near_assistance:
        return None
    lines = [_fact(f"{_describe_member(facts.members[i])}在读{facts.members[i].schooling.zh}",
                   f"In {facts.members[i].schooling.en.lower()} education: {_member_en(facts.members[i])}")
             for i in students]
    lines.append(_fact(f"家庭预评估结果：{assessment.category.zh}", f"Pre-assessment: {assessment.category.en.lower()}"))
    return Firing(
        reason=f"家庭预评估为{assessment.category.zh}，有在校学生 {len(students)} 人，建议申请教育救助（学生资助）。",
        facts=tuple(lines),
        members=tuple(students),
    )


def _medical_need(facts: HouseholdFacts, assessment: Assessment, pack: PolicyPack) -> Firing | None:
    lines: list[str] = []
    members: list[int] = []
    for i, member in enumerate(facts.members):
        if member.health in (Health.SERIOUS, Health.CHRONIC):
            lines.append(_fact(f"{_describe_member(member)}{member.health.zh}",
                               f"{member.health.en}: {_member_en(member)}"))
            members.append(i)
        if member.has_disability and member.disability_needs_treatment:
            grade = f"{member.disability_grade}级" if member.disability_grade else ""
            grade_en = f", grade {member.disability_grade}" if member.disability_grade else ""
            lines.append(_fact(f"{_describe_member(member)}{member.disability.zh}{grade}，需康复治疗",
                               f"Needs rehabilitation: {_member_en(member)}, {member.disability.en.lower()} "
                               f"disability{grade_en}"))
            if i not in members:
                members.append(i)
    medical = [e for e in facts.expenses if e.kind is ExpenseKind.MEDICAL]
    total = sum(e.amount_fen for e in medical)
    threshold = pack.routing.medical_expense_threshold_fen
    if medical and total > threshold:
        lines.append(_fact(f"近 12 个月自付医疗费用 {format_fen(total)} 元，超过 {format_fen(threshold)} 元",
                           f"Medical costs paid in the last 12 months: {format_fen(total)} yuan, above "
                           f"{format_fen(threshold)} yuan"))
        for expense in medical:
            if expense.member is not None:
                index = facts.member_index(expense.member)
                if index not in members:
                    members.append(index)
    if not lines:
        return None
    return Firing(
        reason="家庭成员患病、残疾需治疗或医疗费用负担较重，建议申请医疗救助。",
        facts=tuple(lines),
        members=tuple(members),
    )


def _housing_hardship(facts: HouseholdFacts, assessment: Assessment, pack: PolicyPack) -> Firing | None:
    if facts.housing not in (HousingCondition.DANGEROUS, HousingCondition.NONE, HousingCondition.UNAFFORDABLE):
        return None
    return Firing(
        reason=f"家庭住房状况为{facts.housing.zh}，建议申请住房救助（危房改造或住房保障）。",
        facts=(_fact(f"住房状况：{facts.housing.zh}", f"Housing: {facts.housing.en.lower()}"),
               _fact(f"家庭预评估结果：{assessment.category.zh}", f"Pre-assessment: {assessment.category.en.lower()}")),
        members=(facts.head_index,),
    )


def _jobless_able_worker(facts: HouseholdFacts, assessment: Assessment, pack: PolicyPack) -> Firing | None:
    settings = pack.routing
    workers = [
        i
        for i, m in enumerate(facts.members)
        if settings.working_age_from <= m.age < settings.working_age_until
        and m.labour_capacity in (LabourCapacity.FULL, LabourCapacity.PARTIAL)
        and m.employment is Employment.UNEMPLOYED
        and not m.is_student
    ]
    if not workers:
        return None
    lines = [
        _fact(f"{_describe_member(facts.members[i])}{facts.members[i].labour_capacity.zh}，{facts.members[i].employment.zh}",
              f"{facts.members[i].labour_capacity.en}, {facts.members[i].employment.en.lower()}: "
              f"{_member_en(facts.members[i])}")
        for i in workers
    ]
    return Firing(
        reason=f"家庭有 {len(workers)} 名劳动年龄内、有劳动能力的成员未就业，建议提供就业援助。",
        facts=tuple(lines),
        members=tuple(workers),
    )


def _disability_support(facts: HouseholdFacts, assessment: Assessment, pack: PolicyPack) -> Firing | None:
    disabled = [i for i, m in enumerate(facts.members) if m.has_disability]
    if not disabled:
        return None
    lines = []
    for i in disabled:
        member = facts.members[i]
        grade = f"{member.disability_grade}级" if member.disability_grade else "（等级未填）"
        grade_en = f"grade {member.disability_grade}" if member.disability_grade else "grade not given"
        lines.append(_fact(f"{_describe_member(member)}{member.disability.zh}{grade}",
                           f"Disability: {_member_en(member)}, {member.disability.en.lower()}, {grade_en}"))
    return Firing(
        reason="家庭成员有残疾，建议核实残疾人两项补贴及康复、托养等帮扶。",
        facts=tuple(lines),
        members=tuple(disabled),
    )


def _disaster_relief(facts: HouseholdFacts, assessment: Assessment, pack: PolicyPack) -> Firing | None:
    if SpecialCircumstance.DISASTER not in facts.special_circumstances:
        return None
    return Firing(
        reason="家庭遭受自然灾害，建议申请受灾人员救助。",
        facts=(_fact(f"特殊情况：{SpecialCircumstance.DISASTER.zh}",
                     f"Special circumstance: {SpecialCircumstance.DISASTER.en.lower()}"),),
        members=(facts.head_index,),
    )


def _emergency_charity(facts: HouseholdFacts, assessment: Assessment, pack: PolicyPack) -> Firing | None:
    if not facts.special_circumstances:
        return None
    ordered = sorted(facts.special_circumstances, key=lambda c: c.value)
    names = "、".join(c.zh for c in ordered)
    names_en = ", ".join(c.en.lower() for c in ordered)
    return Firing(
        reason=f"家庭遭遇{names}，政府救助之外可链接慈善救助（须经申请人同意后提供信息）。",
        facts=(_fact(f"特殊情况：{names}", f"Special circumstances: {names_en}"),
               _fact(f"家庭预评估结果：{assessment.category.zh}", f"Pre-assessment: {assessment.category.en.lower()}")),
        members=(facts.head_index,),
    )


RULES: Mapping[str, Rule] = {
    "student_in_need": _student_in_need,
    "medical_need": _medical_need,
    "housing_hardship": _housing_hardship,
    "jobless_able_worker": _jobless_able_worker,
    "disability_support": _disability_support,
    "disaster_relief": _disaster_relief,
    "emergency_charity": _emergency_charity,
}
assert set(RULES) == set(ROUTING_RULES), "policy/pack.py ROUTING_RULES must list exactly the rules here"
assert set(REASONS_EN) == set(RULES), "every rule has its English reason"


def propose_referrals(
    facts: HouseholdFacts,
    assessment: Assessment,
    pack: PolicyPack,
    calendar: WorkCalendar,
    received_on: date,
) -> list[ReferralProposal]:
    """The referrals the rules propose, one per department, in the pack's department order."""
    proposals: list[ReferralProposal] = []
    for department in pack.departments:
        fired: list[tuple[str, Firing]] = []
        for code in department.rules:
            firing = RULES[code](facts, assessment, pack)
            if firing is not None:
                fired.append((code, firing))
        if not fired:
            continue
        members: list[int] = []
        lines: list[str] = []
        for _, firing in fired:
            members.extend(i for i in firing.members if i not in members)
            lines.extend(line for line in firing.facts if line not in lines)
        due = calendar.add_working_days_checked(received_on, department.referral_days)
        proposals.append(
            ReferralProposal(
                department_code=department.code,
                department_name=department.name,
                reason="".join(firing.reason for _, firing in fired),
                facts=lines,
                member_names=[facts.members[i].name for i in members],
                member_ids=[facts.members[i].resident_id for i in members],
                due_date=due.date,
                working_days=department.referral_days,
                requires_consent=department.requires_consent,
                rule="+".join(code for code, _ in fired),
                calendar_fallback=due.calendar_fallback,
                assistance_type=department.assistance_type,
                fallback_years=due.fallback_years,
            )
        )
    return proposals
