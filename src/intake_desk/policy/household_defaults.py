"""What the desk can assume about a member from age, and which optional materials a household needs.

The figures live in the policy pack's ``[member_defaults]`` table: the age from which a member is of
working age and the age from which elderly, what a child and an elderly member default to (labour
capacity, employment) and the usual school stage by age. A member of working age has no default
employment: the clerk must choose it, because the assessment and the employment referral read it.

Optional materials name the household fact that makes them needed (``applies_when`` in the pack):
``全部已收`` ticks only the materials that apply to this household.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from intake_desk.domain.enums import DisabilityCategory, Employment, Health, LabourCapacity, SchoolingStage

if TYPE_CHECKING:
    from intake_desk.policy.pack import MaterialItem, _Reader

__all__ = [
    "EMPLOYMENT_NOT_CHOSEN",
    "MATERIAL_CONDITIONS",
    "HouseholdMember",
    "MemberDefaultRules",
    "MemberDefaults",
    "SchoolingBand",
    "material_applies",
    "parse_member_defaults",
]


EMPLOYMENT_NOT_CHOSEN = "请选择就业状况 / Choose the employment status"
"""A member of working age has no preset employment; left unchosen, the form says this."""


@dataclass(frozen=True)
class SchoolingBand:
    """Ages ``from_age``–``to_age`` (inclusive) are usually at ``stage``."""

    from_age: int
    to_age: int
    stage: SchoolingStage


@dataclass(frozen=True)
class MemberDefaults:
    """What a new member of a given age starts with; ``employment`` None: the clerk must choose."""

    labour_capacity: LabourCapacity
    employment: Employment | None
    schooling: SchoolingStage

    @property
    def must_choose_employment(self) -> bool:
        return self.employment is None


@dataclass(frozen=True)
class MemberDefaultRules:
    """``[member_defaults]`` of the pack."""

    working_age_from: int
    elderly_from: int
    child_labour_capacity: LabourCapacity
    child_employment: Employment
    elderly_labour_capacity: LabourCapacity
    elderly_employment: Employment
    schooling: tuple[SchoolingBand, ...]

    def for_age(self, age: int) -> MemberDefaults:
        stage = next((band.stage for band in self.schooling if band.from_age <= age <= band.to_age),
                     SchoolingStage.NONE)
        if age < self.working_age_from:
            return MemberDefaults(self.child_labour_capacity, self.child_employment, stage)
        if age >= self.elderly_from:
            return MemberDefaults(self.elderly_labour_capacity, self.elderly_employment, stage)
        return MemberDefaults(LabourCapacity.FULL, None, stage)


@dataclass(frozen=True)
class HouseholdMember:
    """The facts about one member that decide which optional materials apply (age None: not known yet)."""

    age: int | None
    health: Health
    disability: DisabilityCategory
    labour_capacity: LabourCapacity
    schooling: SchoolingStage


def _working_age(member: HouseholdMember, rules: MemberDefaultRules | None) -> bool:
    if member.age is None or rules is None:
        return False
    return rules.working_age_from <= member.age < rules.elderly_from


MATERIAL_CONDITIONS: Mapping[str, Any] = {
    # 残疾人证: somebody has a disability
    "disabled_member": lambda m, rules: m.disability is not DisabilityCategory.NONE,
    # 病历、诊断证明: somebody has a chronic or serious illness
    "ill_member": lambda m, rules: m.health is not Health.HEALTHY,
    # 在校就读证明 / 录取通知书: somebody is in school (pre-school does not count)
    "student_member": lambda m, rules: m.schooling not in (SchoolingStage.NONE, SchoolingStage.PRESCHOOL),
    # 丧失劳动能力证明: somebody of working age is not fully able to work
    "working_age_incapacity": lambda m, rules: _working_age(m, rules) and m.labour_capacity is not LabourCapacity.FULL,
}
"""The household facts an optional material can depend on, by the name the pack uses."""


def material_applies(item: MaterialItem, members: Iterable[HouseholdMember],
                     rules: MemberDefaultRules | None = None) -> bool:
    """A required item always applies; an optional one when its ``applies_when`` holds for a member.

    An optional item without ``applies_when`` (e.g. 婚姻状况证明: the form does not record marital
    status) is never assumed: the clerk ticks it when it is handed over.
    """
    if item.required:
        return True
    condition = MATERIAL_CONDITIONS.get(item.applies_when)
    return condition is not None and any(condition(m, rules) for m in members)


def parse_member_defaults(r: _Reader, data: Mapping[str, Any]) -> MemberDefaultRules:
    """The ``[member_defaults]`` table, validated."""
    path = "member_defaults"
    r.only_keys(data, path, ("working_age_from", "elderly_from", "child_labour_capacity", "child_employment",
                             "elderly_labour_capacity", "elderly_employment", "schooling"))
    working = r.integer(data, "working_age_from", path, low=14, high=18)
    elderly = r.integer(data, "elderly_from", path, low=50, high=80)
    bands: list[SchoolingBand] = []
    raw = data.get("schooling", [])
    if not isinstance(raw, list):
        raise r.fail(f"{path}.schooling", "应为表数组", "must be an array of tables")
    for i, band in enumerate(raw):
        band_path = f"{path}.schooling[{i}]"
        if not isinstance(band, dict):
            raise r.fail(band_path, "应为表", "must be a table")
        r.only_keys(band, band_path, ("from_age", "to_age", "stage"))
        low = r.integer(band, "from_age", band_path, low=0, high=30)
        high = r.integer(band, "to_age", band_path, low=low, high=30)
        bands.append(SchoolingBand(low, high, r.member(SchoolingStage, band.get("stage"), f"{band_path}.stage")))
    return MemberDefaultRules(
        working_age_from=working,
        elderly_from=elderly,
        child_labour_capacity=r.member(LabourCapacity, data.get("child_labour_capacity", "none"),
                                       f"{path}.child_labour_capacity"),
        child_employment=r.member(Employment, data.get("child_employment", "not_applicable"),
                                  f"{path}.child_employment"),
        elderly_labour_capacity=r.member(LabourCapacity, data.get("elderly_labour_capacity", "none"),
                                         f"{path}.elderly_labour_capacity"),
        elderly_employment=r.member(Employment, data.get("elderly_employment", "not_applicable"),
                                    f"{path}.elderly_employment"),
        schooling=tuple(bands),
    )
