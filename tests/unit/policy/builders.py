"""Small builders for declared households in policy tests."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

from intake_desk.domain.enums import IncomeCategory, Relation
from intake_desk.domain.resident_id import make_resident_id
from intake_desk.policy.facts import HouseholdFacts, IncomeFact, MemberFacts
from intake_desk.policy.pack import PackRegistry, PolicyPack

APPLIED = date(2026, 11, 20)


@lru_cache(maxsize=1)
def default_pack() -> PolicyPack:
    return PackRegistry.default().pack_for(APPLIED)


def member(
    name: str = "张三",
    *,
    born: date = date(1985, 3, 4),
    seq: int = 1,
    relation: Relation = Relation.SELF,
    **details: Any,
) -> MemberFacts:
    return MemberFacts.from_resident_id(
        make_resident_id("430202", born, seq), name=name, relation=relation, on=APPLIED, **details
    )


def adults(n: int) -> list[MemberFacts]:
    relations = [Relation.SELF, Relation.SPOUSE] + [Relation.CHILD] * n
    return [
        member(f"成员{i}", born=date(1980 + i, 1, 1), seq=i + 1, relation=relations[i]) for i in range(n)
    ]


def wages(member_index: int, monthly_yuan: int | str, months: int = 12) -> IncomeFact:
    from intake_desk.domain.money import parse_money_fen

    return IncomeFact(
        member=member_index,
        category=IncomeCategory.WAGES,
        amount_fen=parse_money_fen(monthly_yuan) * months,
        months=months,
    )


def household(members: list[MemberFacts] | None = None, **kw: Any) -> HouseholdFacts:
    return HouseholdFacts(members=tuple(adults(1) if members is None else members), application_date=kw.pop("application_date", APPLIED), **kw)
