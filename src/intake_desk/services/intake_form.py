"""What the clerk types at the desk, as plain frozen dataclasses (a GUI form builds them, drafts keep them).

Enumerated fields take the shared vocabulary of ``domain.enums``; money is integer fen; a member is
referred to by its position in ``IntakeForm.members`` (``member_index``), so a form can be built
before anybody has a database id. :func:`form_to_dict` / :func:`form_from_dict` turn a form into
JSON-safe data and back, for autosaved drafts; unknown codes in a dict are reported by field path.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any, TypeVar

from intake_desk.domain.enums import (
    AssetKind,
    AssistanceType,
    Channel,
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
from intake_desk.domain.text import shown
from intake_desk.services.errors import ValidationFailed

__all__ = [
    "FORM_FORMAT",
    "AssetInput",
    "DeclarationInput",
    "DeductionInput",
    "ExpenseInput",
    "IncomeInput",
    "IntakeForm",
    "MaterialInput",
    "MemberInput",
    "ReferralChoice",
    "SignatureMethod",
    "form_from_dict",
    "form_to_dict",
    "missing_parts",
]

FORM_FORMAT = 1
"""Version of the dict layout written by :func:`form_to_dict` (stored in drafts as ``format``)."""


class SignatureMethod(Labelled):
    """签署方式."""

    SIGNATURE = "signature", "签字", "Signature"
    FINGERPRINT = "fingerprint", "按手印", "Fingerprint"


@dataclass(frozen=True)
class MemberInput:
    """共同生活家庭成员 – one household member as declared. Sex and birth date come from the ID.

    ``hukou_type`` None means the household's; ``sex``, if given, must match the ID's digit 17.
    """

    resident_id: str
    name: str
    relation: Relation = Relation.SELF
    hukou_type: HukouType | None = None
    health: Health = Health.HEALTHY
    disability: DisabilityCategory = DisabilityCategory.NONE
    disability_grade: int | None = None
    disability_needs_treatment: bool = False
    labour_capacity: LabourCapacity = LabourCapacity.FULL
    employment: Employment = Employment.NOT_APPLICABLE
    schooling: SchoolingStage = SchoolingStage.NONE
    sex: Sex | None = None


@dataclass(frozen=True)
class IncomeInput:
    """收入 – one income over ``months`` months (normally the 12 before the application), total in fen.

    ``member_index`` None is income of the household as a whole.
    """

    member_index: int | None
    category: IncomeCategory
    amount_fen: int
    months: int = 12
    note: str = ""
    exempt_item: str | None = None
    """Code of an exempt item of the policy pack (e.g. a scholarship), when the income is one."""


@dataclass(frozen=True)
class DeductionInput:
    """扣减项 – paid out over 12 months and taken off the income (own social insurance, support paid)."""

    member_index: int | None
    kind: DeductionKind
    amount_fen: int
    note: str = ""


@dataclass(frozen=True)
class AssetInput:
    """家庭财产 – value in fen."""

    member_index: int | None
    kind: AssetKind
    value_fen: int
    quantity: int = 1
    note: str = ""
    exempt: bool = False
    """E.g. a vehicle needed for a disabled member's mobility, left out of the limit."""


@dataclass(frozen=True)
class ExpenseInput:
    """刚性支出 – self-paid medical or education costs over 12 months, in fen."""

    member_index: int | None
    kind: ExpenseKind
    amount_fen: int
    note: str = ""


@dataclass(frozen=True)
class MaterialInput:
    """材料清单 – one checklist line for a requested assistance type; not received → one-time notice."""

    assistance_type: AssistanceType
    code: str
    name: str
    received: bool = False
    note: str = ""


@dataclass(frozen=True)
class ReferralChoice:
    """转介 – a referral the clerk keeps (proposed by the rules, or added by the clerk).

    ``consent_given`` is the applicant's consent to pass the case to that department; a referral
    without it is saved as *proposed* and cannot be sent until consent is recorded.
    """

    department_code: str
    reason: str
    facts: tuple[str, ...] = ()
    member_names: tuple[str, ...] = ()
    rule: str = ""
    consent_given: bool = False
    added_by_clerk: bool = False


@dataclass(frozen=True)
class DeclarationInput:
    """告知承诺 – the applicant's signed commitment; all three consents are needed to sign it."""

    signer_name: str
    method: SignatureMethod = SignatureMethod.SIGNATURE
    consent_verification: bool = True
    consent_report_changes: bool = True
    consent_consequences: bool = True
    double_commitment: bool = False


@dataclass(frozen=True)
class IntakeForm:
    """Everything typed for one application. The applicant is ``members[applicant_index]``."""

    members: tuple[MemberInput, ...] = ()
    applicant_index: int = 0
    hukou_type: HukouType = HukouType.URBAN
    housing: HousingCondition = HousingCondition.ADEQUATE
    address: str = ""
    phone: str = ""
    incomes: tuple[IncomeInput, ...] = ()
    deductions: tuple[DeductionInput, ...] = ()
    assets: tuple[AssetInput, ...] = ()
    expenses: tuple[ExpenseInput, ...] = ()
    special_circumstances: tuple[SpecialCircumstance, ...] = ()
    special_note: str = ""
    no_able_supporter: bool = False
    """无法定义务人或义务人无履行能力 – one of the three conditions of 特困."""
    requested_types: tuple[AssistanceType, ...] = ()
    materials: tuple[MaterialInput, ...] = ()
    declaration: DeclarationInput | None = None
    referrals: tuple[ReferralChoice, ...] = ()
    channel: Channel = Channel.WINDOW
    notes: str = field(default="")

    @property
    def applicant(self) -> MemberInput | None:
        if 0 <= self.applicant_index < len(self.members):
            return self.members[self.applicant_index]
        return None

    def with_members(self, members: Sequence[MemberInput]) -> IntakeForm:
        return replace(self, members=tuple(members))


# ------------------------------------------------------------------------------------------------
# JSON-safe dicts (drafts)
# ------------------------------------------------------------------------------------------------

def _plain(value: Any) -> Any:
    if isinstance(value, Labelled):
        return value.value
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    return value


def form_to_dict(form: IntakeForm) -> dict[str, Any]:
    """The form as JSON-safe data (enums as their codes, tuples as lists), with ``format``."""
    data: dict[str, Any] = _plain(form)
    data["format"] = FORM_FORMAT
    return data


E = TypeVar("E", bound=Labelled)
T = TypeVar("T")


class _Reader:
    """Builds dataclasses from dicts, collecting every problem under its field path."""

    def __init__(self) -> None:
        self.problems: dict[str, str] = {}

    def enum(self, kind: type[E], value: Any, path: str, default: E) -> E:
        if value is None:
            return default
        try:
            return kind(value) if isinstance(value, str) and value in kind._value2member_map_ else kind.parse(str(value))
        except ValueError as exc:
            self.problems[path] = str(exc)
            return default

    def optional_enum(self, kind: type[E], value: Any, path: str) -> E | None:
        if value is None or value == "":
            return None
        try:
            return kind(value) if isinstance(value, str) and value in kind._value2member_map_ else kind.parse(str(value))
        except ValueError as exc:
            self.problems[path] = str(exc)
            return None

    def integer(self, value: Any, path: str, default: int) -> int:
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.problems[path] = f"应为整数：{shown(value)} / Must be a whole number: {shown(value)}"
            return default
        return value

    def optional_integer(self, value: Any, path: str) -> int | None:
        if value is None:
            return None
        return self.integer(value, path, 0)

    def text(self, value: Any, path: str, default: str = "") -> str:
        if value is None:
            return default
        if not isinstance(value, str):
            self.problems[path] = f"应为文本：{shown(value)} / Must be text: {shown(value)}"
            return default
        return value

    def flag(self, value: Any, path: str, default: bool) -> bool:
        if value is None:
            return default
        if not isinstance(value, bool):
            self.problems[path] = f"应为是或否：{shown(value)} / Must be true or false: {shown(value)}"
            return default
        return value

    def texts(self, value: Any, path: str) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list | tuple):
            self.problems[path] = "应为文本列表 / Must be a list of texts"
            return ()
        return tuple(self.text(v, f"{path}[{i}]") for i, v in enumerate(value))

    def items(self, value: Any, path: str, build: Callable[[Mapping[str, Any], str], T]) -> tuple[T, ...]:
        if value is None:
            return ()
        if not isinstance(value, list | tuple):
            self.problems[path] = "应为列表 / Must be a list"
            return ()
        result: list[T] = []
        for i, item in enumerate(value):
            item_path = f"{path}[{i}]"
            if not isinstance(item, Mapping):
                self.problems[item_path] = "应为对象 / Must be an object"
                continue
            result.append(build(item, item_path))
        return tuple(result)

    # -- the records ------------------------------------------------------------------------------
    def member(self, d: Mapping[str, Any], p: str) -> MemberInput:
        return MemberInput(
            resident_id=self.text(d.get("resident_id"), f"{p}.resident_id"),
            name=self.text(d.get("name"), f"{p}.name"),
            relation=self.enum(Relation, d.get("relation"), f"{p}.relation", Relation.SELF),
            hukou_type=self.optional_enum(HukouType, d.get("hukou_type"), f"{p}.hukou_type"),
            health=self.enum(Health, d.get("health"), f"{p}.health", Health.HEALTHY),
            disability=self.enum(DisabilityCategory, d.get("disability"), f"{p}.disability",
                                 DisabilityCategory.NONE),
            disability_grade=self.optional_integer(d.get("disability_grade"), f"{p}.disability_grade"),
            disability_needs_treatment=self.flag(d.get("disability_needs_treatment"),
                                                 f"{p}.disability_needs_treatment", False),
            labour_capacity=self.enum(LabourCapacity, d.get("labour_capacity"), f"{p}.labour_capacity",
                                      LabourCapacity.FULL),
            employment=self.enum(Employment, d.get("employment"), f"{p}.employment", Employment.NOT_APPLICABLE),
            schooling=self.enum(SchoolingStage, d.get("schooling"), f"{p}.schooling", SchoolingStage.NONE),
            sex=self.optional_enum(Sex, d.get("sex"), f"{p}.sex"),
        )

    def income(self, d: Mapping[str, Any], p: str) -> IncomeInput:
        exempt = d.get("exempt_item")
        return IncomeInput(
            member_index=self.optional_integer(d.get("member_index"), f"{p}.member_index"),
            category=self.enum(IncomeCategory, d.get("category"), f"{p}.category", IncomeCategory.WAGES),
            amount_fen=self.integer(d.get("amount_fen"), f"{p}.amount_fen", 0),
            months=self.integer(d.get("months"), f"{p}.months", 12),
            note=self.text(d.get("note"), f"{p}.note"),
            exempt_item=None if exempt in (None, "") else self.text(exempt, f"{p}.exempt_item"),
        )

    def deduction(self, d: Mapping[str, Any], p: str) -> DeductionInput:
        return DeductionInput(
            member_index=self.optional_integer(d.get("member_index"), f"{p}.member_index"),
            kind=self.enum(DeductionKind, d.get("kind"), f"{p}.kind", DeductionKind.OTHER),
            amount_fen=self.integer(d.get("amount_fen"), f"{p}.amount_fen", 0),
            note=self.text(d.get("note"), f"{p}.note"),
        )

    def asset(self, d: Mapping[str, Any], p: str) -> AssetInput:
        return AssetInput(
            member_index=self.optional_integer(d.get("member_index"), f"{p}.member_index"),
            kind=self.enum(AssetKind, d.get("kind"), f"{p}.kind", AssetKind.OTHER),
            value_fen=self.integer(d.get("value_fen"), f"{p}.value_fen", 0),
            quantity=self.integer(d.get("quantity"), f"{p}.quantity", 1),
            note=self.text(d.get("note"), f"{p}.note"),
            exempt=self.flag(d.get("exempt"), f"{p}.exempt", False),
        )

    def expense(self, d: Mapping[str, Any], p: str) -> ExpenseInput:
        return ExpenseInput(
            member_index=self.optional_integer(d.get("member_index"), f"{p}.member_index"),
            kind=self.enum(ExpenseKind, d.get("kind"), f"{p}.kind", ExpenseKind.OTHER),
            amount_fen=self.integer(d.get("amount_fen"), f"{p}.amount_fen", 0),
            note=self.text(d.get("note"), f"{p}.note"),
        )

    def material(self, d: Mapping[str, Any], p: str) -> MaterialInput:
        return MaterialInput(
            assistance_type=self.enum(AssistanceType, d.get("assistance_type"), f"{p}.assistance_type",
                                      AssistanceType.DIBAO),
            code=self.text(d.get("code"), f"{p}.code"),
            name=self.text(d.get("name"), f"{p}.name"),
            received=self.flag(d.get("received"), f"{p}.received", False),
            note=self.text(d.get("note"), f"{p}.note"),
        )

    def referral(self, d: Mapping[str, Any], p: str) -> ReferralChoice:
        return ReferralChoice(
            department_code=self.text(d.get("department_code"), f"{p}.department_code"),
            reason=self.text(d.get("reason"), f"{p}.reason"),
            facts=self.texts(d.get("facts"), f"{p}.facts"),
            member_names=self.texts(d.get("member_names"), f"{p}.member_names"),
            rule=self.text(d.get("rule"), f"{p}.rule"),
            consent_given=self.flag(d.get("consent_given"), f"{p}.consent_given", False),
            added_by_clerk=self.flag(d.get("added_by_clerk"), f"{p}.added_by_clerk", False),
        )

    def declaration(self, d: Any, p: str) -> DeclarationInput | None:
        if d is None:
            return None
        if not isinstance(d, Mapping):
            self.problems[p] = "应为对象 / Must be an object"
            return None
        return DeclarationInput(
            signer_name=self.text(d.get("signer_name"), f"{p}.signer_name"),
            method=self.enum(SignatureMethod, d.get("method"), f"{p}.method", SignatureMethod.SIGNATURE),
            consent_verification=self.flag(d.get("consent_verification"), f"{p}.consent_verification", True),
            consent_report_changes=self.flag(d.get("consent_report_changes"), f"{p}.consent_report_changes", True),
            consent_consequences=self.flag(d.get("consent_consequences"), f"{p}.consent_consequences", True),
            double_commitment=self.flag(d.get("double_commitment"), f"{p}.double_commitment", False),
        )

    def enums(self, kind: type[E], value: Any, path: str) -> tuple[E, ...]:
        if value is None:
            return ()
        if not isinstance(value, list | tuple):
            self.problems[path] = "应为列表 / Must be a list"
            return ()
        result: list[E] = []
        for i, v in enumerate(value):
            member = self.optional_enum(kind, v, f"{path}[{i}]")
            if member is not None:
                result.append(member)
        return tuple(result)


def form_from_dict(data: Mapping[str, Any]) -> IntakeForm:
    """The form back from :func:`form_to_dict` data.

    Raises :class:`ValidationFailed` whose ``fields`` name every value that cannot be read (an
    unknown code, a number where text belongs …). Missing keys take their defaults, so a draft
    saved by an older program still opens.
    """
    r = _Reader()
    form = IntakeForm(
        members=r.items(data.get("members"), "members", r.member),
        applicant_index=r.integer(data.get("applicant_index"), "applicant_index", 0),
        hukou_type=r.enum(HukouType, data.get("hukou_type"), "hukou_type", HukouType.URBAN),
        housing=r.enum(HousingCondition, data.get("housing"), "housing", HousingCondition.ADEQUATE),
        address=r.text(data.get("address"), "address"),
        phone=r.text(data.get("phone"), "phone"),
        incomes=r.items(data.get("incomes"), "incomes", r.income),
        deductions=r.items(data.get("deductions"), "deductions", r.deduction),
        assets=r.items(data.get("assets"), "assets", r.asset),
        expenses=r.items(data.get("expenses"), "expenses", r.expense),
        special_circumstances=r.enums(SpecialCircumstance, data.get("special_circumstances"),
                                      "special_circumstances"),
        special_note=r.text(data.get("special_note"), "special_note"),
        no_able_supporter=r.flag(data.get("no_able_supporter"), "no_able_supporter", False),
        requested_types=r.enums(AssistanceType, data.get("requested_types"), "requested_types"),
        materials=r.items(data.get("materials"), "materials", r.material),
        declaration=r.declaration(data.get("declaration"), "declaration"),
        referrals=r.items(data.get("referrals"), "referrals", r.referral),
        channel=r.enum(Channel, data.get("channel"), "channel", Channel.WINDOW),
        notes=r.text(data.get("notes"), "notes"),
    )
    if r.problems:
        raise ValidationFailed(next(iter(r.problems.values())), r.problems)
    return form


def missing_parts(form: IntakeForm) -> frozenset[str]:
    """What the form does not hold yet, as problem paths: a step owning one of them is not done.

    Not errors (a blank form has none to show): the applicant's ID and name, at least one member (and
    so an economy to declare), the assistance asked for (and so the materials checklist and something
    to assess and refer) and the signed declaration.
    """
    gaps: set[str] = set()
    applicant = form.members[form.applicant_index] if 0 <= form.applicant_index < len(form.members) else None
    if applicant is None or not applicant.resident_id.strip():
        gaps.add(f"members[{form.applicant_index}].resident_id")
    if applicant is None or not applicant.name.strip():
        gaps.add(f"members[{form.applicant_index}].name")
    if not form.members:
        gaps.update(("members", "incomes"))  # no household, so no household economy either
    if not form.requested_types:
        gaps.update(("requested_types", "materials"))
    if not form.members or not form.requested_types:
        gaps.add("referrals")  # nothing to assess or refer yet
    if form.declaration is None:
        gaps.add("declaration")
    return frozenset(gaps)
