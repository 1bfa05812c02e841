from __future__ import annotations

from datetime import date

import pytest

from intake_desk.domain.enums import DisabilityCategory, IncomeCategory, Relation, Sex
from intake_desk.domain.resident_id import InvalidResidentId
from intake_desk.policy.facts import AssetFact, FactsError, HouseholdFacts, IncomeFact, MemberFacts

from .builders import APPLIED, adults, household, member


def test_member_from_resident_id_fills_birth_sex_and_age() -> None:
    m = MemberFacts.from_resident_id("11010519491231002x", name="王奶奶", relation=Relation.SELF, on=APPLIED)
    assert m.resident_id == "11010519491231002X"
    assert (m.birth_date, m.sex, m.age) == (date(1949, 12, 31), Sex.FEMALE, 76)
    with pytest.raises(InvalidResidentId):
        MemberFacts.from_resident_id("11010519491231002", name="王", relation=Relation.SELF, on=APPLIED)


def test_lists_become_tuples_and_sets_frozensets() -> None:
    facts = HouseholdFacts(members=adults(2), application_date=APPLIED, incomes=[], requested=set())  # type: ignore[arg-type]
    assert isinstance(facts.members, tuple) and isinstance(facts.incomes, tuple)
    assert isinstance(facts.requested, frozenset)
    assert facts.size == 2
    assert facts.head.relation is Relation.SELF


def test_head_is_the_self_member_or_the_first() -> None:
    spouse_first = [member("配偶", seq=2, relation=Relation.SPOUSE), member("户主", seq=3)]
    assert household(spouse_first).head.name == "户主"
    assert household(spouse_first).head_index == 1
    no_self = [member("甲", seq=2, relation=Relation.CHILD)]
    assert household(no_self).head.name == "甲"


@pytest.mark.parametrize(
    ("build", "path", "words"),
    [
        (lambda: household([]), "members", "at least one member"),
        (lambda: household([member("甲"), member("乙")]), "members[1].resident_id", "same resident ID"),
        (lambda: household(incomes=[IncomeFact(member=3, category=IncomeCategory.WAGES, amount_fen=1)]),
         "incomes[0].member", "out of range"),
        (lambda: household(assets=[AssetFact(kind="deposit", value_fen=1, member="110105194912310021")]),  # type: ignore[arg-type]
         "assets[0].member", "no member has"),
        (lambda: IncomeFact(member=0, category=IncomeCategory.WAGES, amount_fen=-1), "amount_fen", "negative"),
        (lambda: IncomeFact(member=0, category=IncomeCategory.WAGES, amount_fen=1, months=0), "months", "1–12"),
        (lambda: member("甲", disability_grade=2), "disability_grade", "without a disability"),
        (lambda: member("甲", disability=DisabilityCategory.MENTAL, disability_grade=5), "disability_grade", "1–4"),
    ],
)
def test_facts_that_do_not_fit_are_refused(build: object, path: str, words: str) -> None:
    with pytest.raises(FactsError) as caught:
        build()  # type: ignore[operator]
    assert caught.value.path == path
    assert words in str(caught.value)
