from __future__ import annotations

import copy
import json
from datetime import date
from typing import Any

import pytest

from intake_desk.domain.enums import (
    AssetKind,
    Category,
    HousingCondition,
    IncomeCategory,
    Relation,
    SchoolingStage,
    Sex,
)
from intake_desk.paths import resources_dir
from intake_desk.policy.calendar import WorkCalendar
from intake_desk.policy.household_json import (
    HouseholdJsonError,
    assessment_report,
    household_from_json,
    received_on_from_json,
)

from .builders import default_pack

EXAMPLE: dict[str, Any] = json.loads((resources_dir() / "examples" / "household.json").read_text(encoding="utf-8"))


def example() -> dict[str, Any]:
    return copy.deepcopy(EXAMPLE)


def test_the_shipped_example_reads() -> None:
    facts = household_from_json(example())
    assert facts.application_date == date(2026, 11, 20)
    assert facts.size == 3
    assert facts.housing is HousingCondition.UNAFFORDABLE
    assert facts.fast_track
    head, spouse, child = facts.members
    assert (head.name, head.relation, head.age, head.sex) == ("张建国", Relation.SELF, 41, Sex.MALE)
    assert spouse.resident_id == "43020219870504002X"
    assert child.relation is Relation.CHILD  # written as 子女
    assert child.schooling is SchoolingStage.JUNIOR  # written as 初中
    wages = facts.incomes[0]
    assert (wages.category, wages.amount_fen, wages.months) == (IncomeCategory.WAGES, 1_800_00 * 12, 12)
    assert facts.incomes[1].item == "scholarship"
    assert facts.assets[0].kind is AssetKind.DEPOSIT
    assert received_on_from_json(example()) == date(2026, 11, 20)


def test_report_of_the_example() -> None:
    data = example()
    facts = household_from_json(data)
    report = assessment_report(facts, default_pack(), WorkCalendar(), received_on_from_json(data))
    json.dumps(report)  # everything in it is plain JSON
    assert report["assessment"]["category"] == Category.DIBAO.value
    assert report["assessment"]["estimated_monthly_benefit"] == "300.00"
    assert report["pack"]["sha256"] == default_pack().sha256
    assert [r["department_code"] for r in report["referrals"]] == ["education", "medical", "housing", "employment"]
    assert report["referrals"][0]["member_ids"] == ["430202********0030"]
    assert report["deadlines"]["per_item"] == {"dibao": "2026-12-04"}


def test_received_on_defaults_to_the_application_date() -> None:
    data = example()
    del data["received_on"]
    assert received_on_from_json(data) == date(2026, 11, 20)


def test_comments_are_ignored_at_every_level() -> None:
    data = example()
    data["_note"] = {"anything": [1, 2]}
    data["incomes"][0]["_why"] = "保安"
    assert household_from_json(data).incomes[0].amount_fen == 1_800_00 * 12


@pytest.mark.parametrize(
    ("amount", "fen"),
    [("21,600", 21_600_00), (21600, 21_600_00), (21600.5, 21_600_50), ("２１６００", 21_600_00), ("2.16万", 21_600_00)],
)
def test_money_forms(amount: Any, fen: int) -> None:
    data = example()
    data["incomes"][0] = {"member": 0, "category": "wages", "amount": amount}
    assert household_from_json(data).incomes[0].amount_fen == fen


def test_member_by_resident_id_and_newborn_by_birth_date() -> None:
    data = example()
    data["incomes"][0]["member"] = "43020219870504002x"
    data["members"].append({"name": "张小宝", "relation": "child", "birth_date": "2026-10-01"})
    facts = household_from_json(data)
    assert facts.member_index(facts.incomes[0].member or 0) == 1
    assert facts.members[3].age == 0 and facts.members[3].resident_id == ""


def _set(path: str, value: Any) -> Any:
    def change(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = data
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        if value is _DELETE:
            del target[last]
        else:
            target[int(last) if last.isdigit() else last] = value

    return change


_DELETE = object()


@pytest.mark.parametrize(
    ("change", "path", "words"),
    [
        (_set("members.0.resident_id", "430202198503040011"), "members[0].resident_id", "应为3"),
        (_set("members.0.resident_id", "43020219850304001"), "members[0].resident_id", "实际为17位"),
        (_set("members.0.name", "123"), "members[0].name", "only digits"),
        (_set("members.0.relation", "boss"), "members[0].relation", "is not one of"),
        (_set("members.0.sex", "female"), "members[0].resident_id", "recorded sex"),
        (_set("members.0.birth_date", "1985-03-04"), "members[0].birth_date", "comes from the resident ID"),
        (_set("members.0.resident_id", _DELETE), "members[0].resident_id", "missing"),
        (_set("members.0.disability_grade", 2), "members[0].disability_grade", "without a disability"),
        (_set("members.0.disability_grade", 7), "members[0].disability_grade", "1–4"),
        (_set("members.0.colour", "red"), "members[0].colour", "unknown field"),
        (_set("members.2.resident_id", "43020219870504002X"), "members[2].resident_id", "same resident ID"),
        (_set("members", []), "members", "at least one member"),
        (_set("members", "张三"), "members", "must be a list"),
        (_set("incomes.0.amount", "100"), "incomes[0].amount", "exactly one of amount"),
        (_set("incomes.0.monthly", "-1"), "incomes[0].monthly", "negative"),
        (_set("incomes.0.monthly", "1.005"), "incomes[0].monthly", "two decimal places"),
        (_set("incomes.0.monthly", True), "incomes[0].monthly", "amount in yuan"),
        (_set("incomes.0.months", 13), "incomes[0].months", "1–12"),
        (_set("incomes.0.member", 9), "incomes[0].member", "out of range"),
        (_set("incomes.0.member", "11010519491231002X"), "incomes[0].member", "no member has"),
        (_set("incomes.0.category", "salary"), "incomes[0].category", "is not one of"),
        (_set("assets.0.value", "lots"), "assets[0].value", "not an amount"),
        (_set("expenses.0.kind", "food"), "expenses[0].kind", "is not one of"),
        (_set("application_date", "20/11/2026"), "application_date", "date such as"),
        (_set("hukou_type", _DELETE), "hukou_type", "missing"),
        (_set("housing", "castle"), "housing", "is not one of"),
        (_set("requested", ["dibao", "pension"]), "requested[1]", "is not one of"),
        (_set("fast_track", "yes"), "fast_track", "true or false"),
        (_set("format", 2), "format", "only format 1"),
        (_set("received", "2026-11-20"), "received", "unknown field"),
    ],
)
def test_errors_name_the_field(change: Any, path: str, words: str) -> None:
    data = example()
    change(data)
    with pytest.raises(HouseholdJsonError) as caught:
        household_from_json(data)
    message = str(caught.value)
    assert caught.value.path == path
    assert message.startswith(f"{path}: ")
    assert words in message
    assert " / " in message and "\n" not in message


def test_top_level_must_be_an_object() -> None:
    with pytest.raises(HouseholdJsonError, match=r"^\$: .*must be an object"):
        household_from_json([1, 2])
