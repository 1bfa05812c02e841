"""The household JSON format read by ``intake-desk assess`` and the report it prints.

The format is described in ``docs/household-json.md`` with a commented example in
``resources/examples/household.json``. Keys starting with ``_`` are comments and ignored anywhere;
any other unknown key is an error (a misspelt key would otherwise be silently lost). Every error
names the field path, e.g. ``members[1].resident_id: 身份证号码校验位错误… / Wrong check character…``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date
from typing import Any, TypeVar

from intake_desk.domain.enums import (
    AssetKind,
    AssistanceType,
    DeductionKind,
    DisabilityCategory,
    Employment,
    ExpenseKind,
    Health,
    HousingCondition,
    HukouType,
    IncomeCategory,
    Labelled,
    LabourCapacity,
    Relation,
    SchoolingStage,
    Sex,
    SpecialCircumstance,
)
from intake_desk.domain.limits import EARLIEST, LATEST, MAX_NESTING, date_in_range, nesting_depth
from intake_desk.domain.masking import mask_resident_id
from intake_desk.domain.money import InvalidMoney, format_fen, parse_money_fen
from intake_desk.domain.names import InvalidName, validate_name
from intake_desk.domain.resident_id import InvalidResidentId, parse_resident_id
from intake_desk.domain.text import bilingual_half, shown
from intake_desk.policy.calendar import WorkCalendar, fallback_warning
from intake_desk.policy.deadlines import review_due_date
from intake_desk.policy.facts import (
    PERIOD_MONTHS,
    AssetFact,
    DeductionFact,
    ExpenseFact,
    FactsError,
    HouseholdFacts,
    IncomeFact,
    MemberFacts,
    MemberRef,
)
from intake_desk.policy.means_test import assess
from intake_desk.policy.pack import PolicyPack
from intake_desk.policy.routing import propose_referrals

__all__ = ["FORMAT_VERSION", "HouseholdJsonError", "assessment_report", "household_from_json", "received_on_from_json"]

FORMAT_VERSION = 1
E = TypeVar("E", bound=Labelled)


class HouseholdJsonError(ValueError):
    """Bad household JSON; ``path`` names the field (``members[1].resident_id``)."""

    def __init__(self, path: str, zh: str, en: str) -> None:
        self.path = path or "$"
        super().__init__(f"{self.path}: {zh} / {en}")


def _split(message: str) -> tuple[str, str]:
    zh, _, en = message.partition(" / ")
    return zh, en or zh


class _Obj:
    """One JSON object with its path; records which keys were read so unknown ones can be refused."""

    def __init__(self, data: Any, path: str) -> None:
        if not isinstance(data, dict):
            raise HouseholdJsonError(path, "应为对象 {…}", "must be an object {…}")
        self.data: dict[str, Any] = data
        self.path = path

    def at(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def has(self, key: str) -> bool:
        return key in self.data and self.data[key] is not None

    def check_keys(self, allowed: tuple[str, ...]) -> None:
        for key in self.data:
            if key.startswith("_"):
                continue
            if key not in allowed:
                raise HouseholdJsonError(
                    self.at(shown(key)), f"未知的字段（可用：{'、'.join(allowed)}）", f"unknown field (known: {', '.join(allowed)})"
                )

    def required(self, key: str) -> Any:
        if not self.has(key):
            raise HouseholdJsonError(self.at(key), "缺少此字段", "this field is missing")
        return self.data[key]

    def text(self, key: str, default: str | None = None) -> str:
        if not self.has(key):
            if default is not None:
                return default
            self.required(key)
        value = self.data[key]
        if not isinstance(value, str):
            raise HouseholdJsonError(self.at(key), "应为文本", "must be text")
        return value

    def flag(self, key: str, default: bool = False) -> bool:
        if not self.has(key):
            return default
        value = self.data[key]
        if not isinstance(value, bool):
            raise HouseholdJsonError(self.at(key), "应为 true 或 false", "must be true or false")
        return value

    def integer(self, key: str, default: int | None = None, *, low: int, high: int) -> int | None:
        if not self.has(key):
            return default
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, int):
            raise HouseholdJsonError(self.at(key), "应为整数", "must be a whole number")
        if not low <= value <= high:
            raise HouseholdJsonError(self.at(key), f"应在 {low} 到 {high} 之间", f"must be {low}–{high}")
        return value

    def day(self, key: str) -> date:
        value = self.required(key)
        if isinstance(value, str):
            try:
                day = date.fromisoformat(value.strip())
            except ValueError:
                pass
            else:
                if not date_in_range(day):
                    raise HouseholdJsonError(self.at(key), f"日期应在 {EARLIEST.year}–{LATEST.year} 年之间",
                                             f"the date must be within {EARLIEST.year}–{LATEST.year}")
                return day
        raise HouseholdJsonError(self.at(key), "应为日期，如 2026-11-20", "must be a date such as 2026-11-20")

    def enum(self, enum: type[E], key: str, default: E | None = None) -> E:
        if not self.has(key):
            if default is not None:
                return default
            self.required(key)
        return _enum_value(enum, self.data[key], self.at(key))

    def enums(self, enum: type[E], key: str) -> list[E]:
        value = self.data.get(key) or []
        if not isinstance(value, list):
            raise HouseholdJsonError(self.at(key), "应为列表 […]", "must be a list […]")
        return [_enum_value(enum, v, f"{self.at(key)}[{i}]") for i, v in enumerate(value)]

    def money(self, key: str) -> int:
        return _money(self.required(key), self.at(key))

    def objects(self, key: str) -> list[_Obj]:
        value = self.data.get(key) or []
        if not isinstance(value, list):
            raise HouseholdJsonError(self.at(key), "应为列表 […]", "must be a list […]")
        return [_Obj(item, f"{self.at(key)}[{i}]") for i, item in enumerate(value)]

    def member_ref(self, key: str = "member") -> MemberRef | None:
        if not self.has(key):
            return None
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise HouseholdJsonError(
                self.at(key), "应为成员序号（从0起）或身份证号码", "must be a member index (from 0) or a resident ID"
            )
        if isinstance(value, str):
            try:
                return parse_resident_id(value).number
            except InvalidResidentId as exc:
                raise HouseholdJsonError(self.at(key), *_split(str(exc))) from None
        return value


def _enum_value(enum: type[E], value: Any, path: str) -> E:
    if not isinstance(value, str):
        raise HouseholdJsonError(path, "应为文本代码", "must be a text code")
    try:
        return enum.parse(value)
    except ValueError as exc:
        raise HouseholdJsonError(path, *_split(str(exc))) from None


def _money(value: Any, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise HouseholdJsonError(path, "应为金额（元），如 \"1,800.50\"", 'must be an amount in yuan, e.g. "1,800.50"')
    if isinstance(value, float):
        if not math.isfinite(value):
            raise HouseholdJsonError(path, "不是有效的金额", "is not an amount")
        value = repr(value)
    try:
        return parse_money_fen(value)
    except InvalidMoney as exc:
        raise HouseholdJsonError(path, *_split(str(exc))) from None


_MEMBER_KEYS = (
    "resident_id", "name", "relation", "birth_date", "sex", "hukou_type", "health", "disability",
    "disability_grade", "disability_needs_treatment", "labour_capacity", "employment", "schooling",
)  # fmt: skip
_TOP_KEYS = (
    "format", "application_date", "received_on", "hukou_type", "housing", "special_circumstances",
    "requested", "no_able_supporter", "fast_track", "members", "incomes", "deductions", "assets",
    "expenses",
)  # fmt: skip


def _member(obj: _Obj, on: date, default_hukou: HukouType) -> MemberFacts:
    obj.check_keys(_MEMBER_KEYS)
    try:
        name = validate_name(obj.text("name"))
    except InvalidName as exc:
        raise HouseholdJsonError(obj.at("name"), *_split(str(exc))) from None
    sex = obj.enum(Sex, "sex") if obj.has("sex") else None
    details: dict[str, Any] = {
        "hukou_type": obj.enum(HukouType, "hukou_type", default_hukou),
        "health": obj.enum(Health, "health", Health.HEALTHY),
        "disability": obj.enum(DisabilityCategory, "disability", DisabilityCategory.NONE),
        "disability_grade": obj.integer("disability_grade", low=1, high=4),
        "disability_needs_treatment": obj.flag("disability_needs_treatment"),
        "labour_capacity": obj.enum(LabourCapacity, "labour_capacity", LabourCapacity.FULL),
        "employment": obj.enum(Employment, "employment", Employment.NOT_APPLICABLE),
        "schooling": obj.enum(SchoolingStage, "schooling", SchoolingStage.NONE),
    }
    relation = obj.enum(Relation, "relation")
    try:
        if obj.has("resident_id"):
            if obj.has("birth_date"):
                raise HouseholdJsonError(
                    obj.at("birth_date"),
                    "有身份证号码时出生日期由号码得出，请删去此字段",
                    "the birth date comes from the resident ID; leave this field out",
                )
            try:
                rid = parse_resident_id(obj.text("resident_id"), today=on, sex=sex)
            except InvalidResidentId as exc:
                raise HouseholdJsonError(obj.at("resident_id"), *_split(str(exc))) from None
            return MemberFacts(
                resident_id=rid.number,
                name=name,
                relation=relation,
                birth_date=rid.birth_date,
                sex=rid.sex,
                age=rid.age_on(on),
                **details,
            )
        if not obj.has("birth_date"):
            raise HouseholdJsonError(
                obj.at("resident_id"),
                "缺少身份证号码（尚未办理的请填写 birth_date）",
                "the resident ID is missing (give birth_date for a member who has none yet)",
            )
        birth = obj.day("birth_date")
        if birth > on:
            raise HouseholdJsonError(obj.at("birth_date"), "出生日期晚于申请日期", "the birth date is after the application date")
        age = on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
        return MemberFacts(name=name, relation=relation, birth_date=birth, sex=sex, age=age, **details)
    except FactsError as exc:
        raise HouseholdJsonError(obj.at(exc.path), exc.zh, exc.en) from None


def _income(obj: _Obj) -> IncomeFact:
    obj.check_keys(("member", "category", "amount", "monthly", "months", "item", "note"))
    months = obj.integer("months", PERIOD_MONTHS, low=1, high=PERIOD_MONTHS) or PERIOD_MONTHS
    if obj.has("amount") == obj.has("monthly"):
        raise HouseholdJsonError(
            obj.at("amount"),
            "请填写 amount（12 个月合计）或 monthly（每月金额）之一",
            "give exactly one of amount (12-month total) and monthly (per month)",
        )
    amount = obj.money("amount") if obj.has("amount") else obj.money("monthly") * months
    return IncomeFact(
        member=obj.member_ref(),
        category=obj.enum(IncomeCategory, "category"),
        amount_fen=amount,
        months=months,
        item=obj.text("item") if obj.has("item") else None,
        note=obj.text("note", ""),
    )


def _deduction(obj: _Obj) -> DeductionFact:
    obj.check_keys(("member", "kind", "amount", "note"))
    return DeductionFact(
        member=obj.member_ref(),
        kind=obj.enum(DeductionKind, "kind"),
        amount_fen=obj.money("amount"),
        note=obj.text("note", ""),
    )


def _asset(obj: _Obj) -> AssetFact:
    obj.check_keys(("member", "kind", "value", "quantity", "exempt", "note"))
    return AssetFact(
        kind=obj.enum(AssetKind, "kind"),
        value_fen=obj.money("value"),
        quantity=obj.integer("quantity", 1, low=0, high=1000) or 0,
        member=obj.member_ref(),
        exempt=obj.flag("exempt"),
        note=obj.text("note", ""),
    )


def _expense(obj: _Obj) -> ExpenseFact:
    obj.check_keys(("member", "kind", "amount", "note"))
    return ExpenseFact(
        kind=obj.enum(ExpenseKind, "kind"),
        amount_fen=obj.money("amount"),
        member=obj.member_ref(),
        note=obj.text("note", ""),
    )


def check_nesting(data: Any) -> None:
    """Refuse a document nested deeper than :data:`MAX_NESTING` levels (no household is)."""
    if nesting_depth(data) > MAX_NESTING:
        raise HouseholdJsonError("", f"嵌套超过 {MAX_NESTING} 层，不是家庭情况文件",
                                 f"nested deeper than {MAX_NESTING} levels: not a household file")


def household_from_json(data: Mapping[str, Any] | Any) -> HouseholdFacts:
    """Declared facts from the parsed JSON; :class:`HouseholdJsonError` names the bad field."""
    check_nesting(data)
    top = _Obj(data, "")
    top.check_keys(_TOP_KEYS)
    if top.has("format") and top.integer("format", low=1, high=1_000) != FORMAT_VERSION:
        raise HouseholdJsonError("format", f"只支持格式版本 {FORMAT_VERSION}", f"only format {FORMAT_VERSION} is supported")
    on = top.day("application_date")
    hukou = top.enum(HukouType, "hukou_type")
    members_raw = top.objects("members")
    if not members_raw:
        raise HouseholdJsonError("members", "至少需要一名家庭成员", "a household has at least one member")
    members = [_member(m, on, hukou) for m in members_raw]
    try:
        return HouseholdFacts(
            members=tuple(members),
            application_date=on,
            hukou_type=hukou,
            housing=top.enum(HousingCondition, "housing", HousingCondition.ADEQUATE),
            incomes=tuple(_income(o) for o in top.objects("incomes")),
            deductions=tuple(_deduction(o) for o in top.objects("deductions")),
            assets=tuple(_asset(o) for o in top.objects("assets")),
            expenses=tuple(_expense(o) for o in top.objects("expenses")),
            special_circumstances=frozenset(top.enums(SpecialCircumstance, "special_circumstances")),
            requested=frozenset(top.enums(AssistanceType, "requested")),
            no_able_supporter=top.flag("no_able_supporter"),
            fast_track=top.flag("fast_track"),
        )
    except FactsError as exc:
        raise HouseholdJsonError(exc.path, exc.zh, exc.en) from None


def received_on_from_json(data: Mapping[str, Any]) -> date:
    """The day of receipt: ``received_on`` if given, else the application date."""
    top = _Obj(data, "")
    return top.day("received_on") if top.has("received_on") else top.day("application_date")


def _money_field(fen: int | None) -> str | None:
    return None if fen is None else format_fen(fen)


def assessment_report(
    facts: HouseholdFacts, pack: PolicyPack, calendar: WorkCalendar, received_on: date
) -> dict[str, Any]:
    """What ``intake-desk assess`` prints: assessment, explanation, referrals, deadlines, pack used.

    Resident ID numbers are masked (first 6, last 4): the report is for reading and passing on.
    Money appears twice: as fen (integers, for programs) and as yuan text (for people).
    """
    assessment = assess(facts, pack)
    proposals = propose_referrals(facts, assessment, pack, calendar, received_on)
    review = review_due_date(pack, calendar, received_on, facts.requested, facts.fast_track)
    fallback_years = set(review.fallback_years)
    for proposal in proposals:
        fallback_years |= proposal.fallback_years
    temporary = assessment.temporary_range_fen
    return {
        "format": FORMAT_VERSION,
        "pack": {
            "version": pack.version,
            "locality": pack.locality,
            "locality_code": pack.locality_code,
            "effective_from": pack.effective_from.isoformat(),
            "sha256": pack.sha256,
        },
        "household": {
            "application_date": facts.application_date.isoformat(),
            "received_on": received_on.isoformat(),
            "size": facts.size,
            "hukou_type": facts.hukou_type.value,
            "members": [
                {
                    "name": m.name,
                    "resident_id": mask_resident_id(m.resident_id) if m.resident_id else None,
                    "relation": m.relation.value,
                    "age": m.age,
                }
                for m in facts.members
            ],
        },
        "assessment": {
            "category": assessment.category.value,
            "category_zh": assessment.category.zh,
            "household_size": assessment.household_size,
            "counted_income_fen": assessment.counted_income_fen,
            "counted_income": format_fen(assessment.counted_income_fen),
            "per_capita_monthly_income_fen": assessment.per_capita_monthly_income_fen,
            "per_capita_monthly_income": format_fen(assessment.per_capita_monthly_income_fen),
            "standard_monthly_fen": assessment.standard_monthly_fen,
            "standard": assessment.standard.describe(),
            "estimated_monthly_benefit_fen": assessment.estimated_monthly_benefit_fen,
            "estimated_monthly_benefit": _money_field(assessment.estimated_monthly_benefit_fen),
            "temporary_range_fen": list(temporary) if temporary else None,
            "temporary_range": [format_fen(v) for v in temporary] if temporary else None,
            "rigid_expenses_fen": assessment.rigid_expenses_fen,
            "assets_within_limits": assessment.assets_within_limits,
            "asset_findings": list(assessment.asset_findings),
        },
        "explanation": list(assessment.steps),
        "explanation_en": list(assessment.steps_en),
        "referrals": [
            {
                "department_code": p.department_code,
                "department_name": p.department_name,
                "reason": p.reason,
                "reason_en": p.reason_en,
                "facts": [bilingual_half(fact, "zh") for fact in p.facts],
                "facts_en": [bilingual_half(fact, "en") for fact in p.facts],
                "member_names": p.member_names,
                "member_ids": [mask_resident_id(i) if i else None for i in p.member_ids],
                "due_date": p.due_date.isoformat(),
                "working_days": p.working_days,
                "requires_consent": p.requires_consent,
                "rule": p.rule,
                "calendar_fallback": p.calendar_fallback,
            }
            for p in proposals
        ],
        "deadlines": {
            "review": {
                "due_date": review.due_date.isoformat(),
                "working_days": review.working_days,
                "fast_track": review.fast_track,
                "governed_by": review.governed_by.value if review.governed_by else None,
                "calendar_fallback": review.calendar_fallback,
            },
            "per_item": {t.value: d.isoformat() for t, d in sorted(review.per_type.items(), key=lambda kv: kv[0].value)},
        },
        "calendar_warning": fallback_warning(fallback_years),
    }
