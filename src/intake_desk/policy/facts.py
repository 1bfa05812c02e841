"""申报事实 – a household as declared at the desk, the input of the means test and routing.

Plain frozen dataclasses, easy for a form and for JSON to build: sequences may be given as lists
(they are stored as tuples), and every fact about a member names the member either by index in
``members`` or by resident ID number. Amounts are integer fen over the 12 months before the
application (申请前 12 个月). Nothing here reads a database or a pack.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

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
    LabourCapacity,
    Relation,
    SchoolingStage,
    Sex,
    SpecialCircumstance,
)
from intake_desk.domain.money import MAX_FEN
from intake_desk.domain.resident_id import parse_resident_id

__all__ = [
    "AssetFact",
    "DeductionFact",
    "ExpenseFact",
    "FactsError",
    "HouseholdFacts",
    "IncomeFact",
    "MemberFacts",
    "MemberRef",
]

MemberRef = int | str
"""A member by index in ``HouseholdFacts.members`` or by resident ID number."""

PERIOD_MONTHS = 12


class FactsError(ValueError):
    """Declared facts that do not fit together; ``path`` names the field (``incomes[2].member``)."""

    def __init__(self, path: str, zh: str, en: str) -> None:
        self.path = path
        self.zh = zh
        self.en = en
        super().__init__(f"{path}: {zh} / {en}" if path else f"{zh} / {en}")


@dataclass(frozen=True, kw_only=True)
class MemberFacts:
    """共同生活家庭成员 – one member of the household as declared."""

    name: str
    relation: Relation
    birth_date: date
    age: int
    resident_id: str = ""
    sex: Sex | None = None
    hukou_type: HukouType = HukouType.URBAN
    health: Health = Health.HEALTHY
    disability: DisabilityCategory = DisabilityCategory.NONE
    disability_grade: int | None = None
    disability_needs_treatment: bool = False  # 残疾需康复、治疗
    labour_capacity: LabourCapacity = LabourCapacity.FULL
    employment: Employment = Employment.NOT_APPLICABLE
    schooling: SchoolingStage = SchoolingStage.NONE

    def __post_init__(self) -> None:
        if self.age < 0:
            raise FactsError("age", "年龄不能为负数", "age cannot be negative")
        if self.disability_grade is not None:
            if self.disability is DisabilityCategory.NONE:
                raise FactsError(
                    "disability_grade", "未登记残疾类别却填写了残疾等级", "a disability grade without a disability category"
                )
            if not 1 <= self.disability_grade <= 4:
                raise FactsError(
                    "disability_grade",
                    f"残疾等级应为1–4级，实为{self.disability_grade}",
                    f"a disability grade is 1–4, not {self.disability_grade}",
                )

    @classmethod
    def from_resident_id(
        cls, resident_id: str, *, name: str, relation: Relation, on: date, **details: Any
    ) -> MemberFacts:
        """A member whose birth date, sex and age (on ``on``) come from the resident ID number."""
        rid = parse_resident_id(resident_id, today=on)
        return cls(
            resident_id=rid.number,
            name=name,
            relation=relation,
            birth_date=rid.birth_date,
            sex=rid.sex,
            age=rid.age_on(on),
            **details,
        )

    @property
    def has_disability(self) -> bool:
        return self.disability is not DisabilityCategory.NONE

    @property
    def is_student(self) -> bool:
        return self.schooling is not SchoolingStage.NONE


def _check_amount(path: str, amount_fen: int) -> None:
    if amount_fen < 0:
        raise FactsError(path, "金额不能为负数", "an amount cannot be negative")
    if amount_fen > MAX_FEN:
        raise FactsError(path, "金额超过上限", "the amount is above the limit")


@dataclass(frozen=True, kw_only=True)
class IncomeFact:
    """收入 – income received in the 12 months before the application.

    ``amount_fen`` is the total over those months; ``months`` says in how many of them it came in
    (shown in the explanation; the means test always averages over 12), and ``item`` may name an exempt item
    of the pack (e.g. ``scholarship``). ``member`` None means the household as a whole.
    """

    member: MemberRef | None
    category: IncomeCategory
    amount_fen: int
    months: int = PERIOD_MONTHS
    item: str | None = None
    note: str = ""

    def __post_init__(self) -> None:
        _check_amount("amount_fen", self.amount_fen)
        if not 1 <= self.months <= PERIOD_MONTHS:
            raise FactsError("months", f"月数应为1–12，实为{self.months}", f"months must be 1–12, not {self.months}")


@dataclass(frozen=True, kw_only=True)
class DeductionFact:
    """扣减项 – paid out in the 12 months and taken off the family income (社保个人缴费等)."""

    member: MemberRef | None
    kind: DeductionKind
    amount_fen: int
    note: str = ""

    def __post_init__(self) -> None:
        _check_amount("amount_fen", self.amount_fen)


@dataclass(frozen=True, kw_only=True)
class AssetFact:
    """家庭财产 – ``value_fen`` for the whole holding; ``exempt`` for e.g. a disability vehicle."""

    kind: AssetKind
    value_fen: int
    quantity: int = 1
    member: MemberRef | None = None
    exempt: bool = False
    note: str = ""

    def __post_init__(self) -> None:
        _check_amount("value_fen", self.value_fen)
        if not 0 <= self.quantity <= 1000:
            raise FactsError("quantity", "数量应为0–1000", "the quantity must be 0–1000")


@dataclass(frozen=True, kw_only=True)
class ExpenseFact:
    """刚性支出 – paid by the household itself (after insurance) in the 12 months."""

    kind: ExpenseKind
    amount_fen: int
    member: MemberRef | None = None
    note: str = ""

    def __post_init__(self) -> None:
        _check_amount("amount_fen", self.amount_fen)


def _tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(values)


@dataclass(frozen=True, kw_only=True)
class HouseholdFacts:
    """申请家庭 – everything the means test and the routing rules read.

    ``no_able_supporter``: the applicant declares no legal supporter able to support them
    (无法定赡养、抚养、扶养义务人，或者其义务人无履行能力), one of the three conditions of 特困.
    ``fast_track``: the applicant signed the commitment declaration (告知承诺制).
    """

    members: tuple[MemberFacts, ...]
    application_date: date
    hukou_type: HukouType = HukouType.URBAN
    housing: HousingCondition = HousingCondition.ADEQUATE
    incomes: tuple[IncomeFact, ...] = ()
    deductions: tuple[DeductionFact, ...] = ()
    assets: tuple[AssetFact, ...] = ()
    expenses: tuple[ExpenseFact, ...] = ()
    special_circumstances: frozenset[SpecialCircumstance] = field(default_factory=frozenset)
    requested: frozenset[AssistanceType] = field(default_factory=frozenset)
    no_able_supporter: bool = False
    fast_track: bool = False

    def __post_init__(self) -> None:
        for name in ("members", "incomes", "deductions", "assets", "expenses"):
            object.__setattr__(self, name, _tuple(getattr(self, name)))
        object.__setattr__(self, "special_circumstances", frozenset(self.special_circumstances))
        object.__setattr__(self, "requested", frozenset(self.requested))
        if not self.members:
            raise FactsError("members", "至少需要一名家庭成员", "a household has at least one member")
        seen: dict[str, int] = {}
        for i, member in enumerate(self.members):
            if member.resident_id:
                if member.resident_id in seen:
                    raise FactsError(
                        f"members[{i}].resident_id",
                        f"与第{seen[member.resident_id] + 1}名成员的身份证号码相同",
                        f"the same resident ID as members[{seen[member.resident_id]}]",
                    )
                seen[member.resident_id] = i
        for group in ("incomes", "deductions", "assets", "expenses"):
            for i, fact in enumerate(getattr(self, group)):
                if fact.member is not None:
                    self.member_index(fact.member, path=f"{group}[{i}].member")

    @property
    def size(self) -> int:
        """家庭人口 – the number of members living together."""
        return len(self.members)

    @property
    def head_index(self) -> int:
        """户主 – the index of the member related as ``self``, else 0."""
        return next((i for i, m in enumerate(self.members) if m.relation is Relation.SELF), 0)

    @property
    def head(self) -> MemberFacts:
        return self.members[self.head_index]

    def member_index(self, ref: MemberRef, *, path: str = "member") -> int:
        if isinstance(ref, bool):
            raise FactsError(path, "成员应为序号或身份证号码", "a member is an index or a resident ID")
        if isinstance(ref, int):
            if not 0 <= ref < len(self.members):
                raise FactsError(
                    path,
                    f"成员序号{ref}超出范围（共{len(self.members)}人，从0起）",
                    f"member index {ref} is out of range ({len(self.members)} members, counted from 0)",
                )
            return ref
        wanted = ref.strip().upper()
        for i, member in enumerate(self.members):
            if member.resident_id and member.resident_id.upper() == wanted:
                return i
        raise FactsError(path, f"家庭成员中没有身份证号码为{ref}的人", f"no member has the resident ID {ref}")

    def member(self, ref: MemberRef) -> MemberFacts:
        return self.members[self.member_index(ref)]

    def member_name(self, ref: MemberRef | None) -> str:
        return "家庭" if ref is None else self.member(ref).name
