"""What the clerk has typed on the intake page, kept exactly as typed.

The service's :class:`~intake_desk.services.intake_form.IntakeForm` holds parsed values (fen,
enumerations); a half-typed amount such as ``1,8`` or an ID with a wrong digit cannot live there.
This state keeps the raw text of every field, so an autosaved draft brings back exactly what was on
the screen, and :meth:`IntakeState.to_form` builds the service form, reporting what cannot be read
by the same field paths the service uses (``incomes[2].amount_fen``) with the domain's reasons.
"""

from __future__ import annotations

import types
import typing
from dataclasses import asdict, dataclass, field, fields
from typing import Any

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
    LabourCapacity,
    Relation,
    SchoolingStage,
    SpecialCircumstance,
)
from intake_desk.domain.money import InvalidMoney, parse_money_fen
from intake_desk.policy.household_defaults import EMPLOYMENT_NOT_CHOSEN
from intake_desk.services.intake_form import (
    AssetInput,
    DeclarationInput,
    DeductionInput,
    ExpenseInput,
    IncomeInput,
    IntakeForm,
    MaterialInput,
    MemberInput,
    ReferralChoice,
    SignatureMethod,
)

STATE_FORMAT = "intake-ui-1"
STEPS = 8  # the intake page's steps; a draft's ``step`` is one of them


class DraftUnreadable(ValueError):
    """A draft whose fields do not have the types the form keeps (a damaged or hand-edited file)."""
MONTHLY = "monthly"
YEARLY = "yearly"
PERIOD_MONTHS = 12


@dataclass
class MemberRow:
    resident_id: str = ""
    name: str = ""
    relation: str = Relation.SELF.value
    hukou_type: str = ""  # "" = the household's
    health: str = Health.HEALTHY.value
    disability: str = DisabilityCategory.NONE.value
    disability_grade: str = ""
    labour_capacity: str = LabourCapacity.FULL.value
    employment: str = ""  # "" = not chosen yet: the clerk must choose unless the age presets it
    schooling: str = SchoolingStage.NONE.value
    preset: str = ""  # the ID whose age presets were last filled in (policy/household_defaults.py)


@dataclass
class MoneyRow:
    """One income, deduction, asset or expense line; ``member`` is a member's position or "" (household)."""

    member: str = ""
    kind: str = ""
    amount: str = ""
    period: str = YEARLY  # the amount is the total over ``months`` months, or per month (× 12)
    quantity: str = "1"
    note: str = ""
    months: str = "12"  # an earlier declaration may cover fewer months; the desk enters 12

    def months_covered(self) -> int:
        """Months the amount covers (12 unless an earlier declaration said otherwise)."""
        if self.period == MONTHLY:
            return PERIOD_MONTHS
        text = self.months.strip()
        return int(text) if text.isascii() and text.isdigit() and 1 <= int(text) <= PERIOD_MONTHS else PERIOD_MONTHS


@dataclass
class ReferralRow:
    department_code: str
    department_name: str
    reason: str
    facts: list[str] = field(default_factory=list)
    member_names: list[str] = field(default_factory=list)
    rule: str = ""
    requires_consent: bool = False
    consent_given: bool = False
    added_by_clerk: bool = False
    removed: bool = False
    removal_reason: str = ""
    due_date: str = ""


@dataclass
class MaterialRow:
    assistance_type: str
    code: str
    name: str
    required: bool = True
    received: bool = False
    note: str = ""


@dataclass
class IntakeState:
    search_text: str = ""
    person_id: int | None = None
    phone: str = ""
    address: str = ""
    hukou_type: str = HukouType.RURAL.value
    housing: str = HousingCondition.ADEQUATE.value
    channel: str = Channel.WINDOW.value
    members: list[MemberRow] = field(default_factory=list)
    applicant_index: int = 0
    incomes: list[MoneyRow] = field(default_factory=list)
    deductions: list[MoneyRow] = field(default_factory=list)
    assets: list[MoneyRow] = field(default_factory=list)
    expenses: list[MoneyRow] = field(default_factory=list)
    special_circumstances: list[str] = field(default_factory=list)
    special_note: str = ""
    no_able_supporter: bool = False
    requested_types: list[str] = field(default_factory=list)
    materials: list[MaterialRow] = field(default_factory=list)
    signed: bool = False
    signer_name: str = ""
    signature_method: str = SignatureMethod.SIGNATURE.value
    consent_verification: bool = True
    consent_report_changes: bool = True
    consent_consequences: bool = True
    double_commitment: bool = False
    referrals: list[ReferralRow] = field(default_factory=list)
    notes: str = ""
    step: int = 0
    open_warning_acknowledged: str = ""  # number of the open application the clerk was warned about

    # -- drafts ----------------------------------------------------------------------------------
    def to_payload(self) -> dict[str, Any]:
        data = asdict(self)
        data["format"] = STATE_FORMAT
        return data

    @classmethod
    def from_payload(cls, data: dict[str, Any]) -> IntakeState:
        """The state back from :meth:`to_payload`; unknown keys are ignored, missing ones default."""
        if data.get("format") != STATE_FORMAT:
            raise ValueError(f"not an intake draft: {data.get('format')!r}")
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        rows = {"members": MemberRow, "incomes": MoneyRow, "deductions": MoneyRow, "assets": MoneyRow,
                "expenses": MoneyRow, "materials": MaterialRow, "referrals": ReferralRow}
        for key, row_type in rows.items():
            names = {f.name for f in fields(row_type)}
            items = values.get(key, [])
            if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
                raise DraftUnreadable(f"{key}: not a list of rows")
            values[key] = [row_type(**{k: v for k, v in item.items() if k in names}) for item in items]
            for index, row in enumerate(values[key]):
                _check_types(row, f"{key}[{index}]")
        state = cls(**values)
        _check_types(state, "")
        if not 0 <= state.step < STEPS:
            raise DraftUnreadable(f"step: {state.step} is not a step of the form")
        return state

    def is_empty(self) -> bool:
        return self == IntakeState() or (not self.members and not self.search_text.strip()
                                         and not any((self.incomes, self.assets, self.expenses, self.requested_types)))

    # -- members ---------------------------------------------------------------------------------
    def remove_member(self, index: int) -> None:
        """Drop a member; money lines of that member go to the household, later positions shift."""
        del self.members[index]
        for rows in (self.incomes, self.deductions, self.assets, self.expenses):
            for row in rows:
                if row.member == str(index):
                    row.member = ""
                elif row.member.isdigit() and int(row.member) > index:
                    row.member = str(int(row.member) - 1)
        if self.applicant_index == index:
            self.applicant_index = 0
        elif self.applicant_index > index:
            self.applicant_index -= 1

    # -- the service form ------------------------------------------------------------------------
    def to_form(self) -> tuple[IntakeForm, dict[str, str]]:
        """The service form and the fields that could not be read (path → reason)."""
        problems: dict[str, str] = {}

        def member_ref(row: MoneyRow) -> int | None:
            if row.member.isdigit() and int(row.member) < len(self.members):
                return int(row.member)
            return None

        def money(row: MoneyRow, path: str, *, monthly: bool = False) -> int:
            # An amount that cannot be read counts as 0 for the live assessment and is reported;
            # the line stays in the form so every path keeps pointing at the row on screen.
            try:
                fen = parse_money_fen(row.amount)
            except InvalidMoney as exc:
                problems[path] = str(exc)
                return 0
            return fen * PERIOD_MONTHS if monthly else fen

        members = tuple(
            MemberInput(
                resident_id=m.resident_id, name=m.name, relation=Relation(m.relation),
                hukou_type=HukouType(m.hukou_type) if m.hukou_type else None, health=Health(m.health),
                disability=DisabilityCategory(m.disability),
                disability_grade=int(m.disability_grade) if m.disability_grade.isdigit() else None,
                labour_capacity=LabourCapacity(m.labour_capacity),
                employment=Employment(m.employment) if m.employment else Employment.NOT_APPLICABLE,
                schooling=SchoolingStage(m.schooling),
            )
            for m in self.members
        )
        for i, m in enumerate(self.members):
            if not m.employment:
                problems[f"members[{i}].employment"] = EMPLOYMENT_NOT_CHOSEN
        incomes = tuple(
            IncomeInput(member_ref(row), IncomeCategory(row.kind),
                        money(row, f"incomes[{i}].amount_fen", monthly=row.period == MONTHLY), row.months_covered(),
                        row.note)
            for i, row in enumerate(self.incomes)
        )
        deductions = tuple(
            DeductionInput(member_ref(row), DeductionKind(row.kind),
                           money(row, f"deductions[{i}].amount_fen", monthly=row.period == MONTHLY), row.note)
            for i, row in enumerate(self.deductions)
        )
        assets: list[AssetInput] = []
        for i, row in enumerate(self.assets):
            text = row.quantity.strip()
            if not (text.isascii() and text.isdigit()):
                problems[f"assets[{i}].quantity"] = "数量应为整数，如 1 / The quantity is a whole number, e.g. 1"
            quantity = int(text) if text.isascii() and text.isdigit() else 1
            assets.append(AssetInput(member_ref(row), AssetKind(row.kind), money(row, f"assets[{i}].value_fen"),
                                     quantity, row.note))
        expenses = tuple(
            ExpenseInput(member_ref(row), ExpenseKind(row.kind),
                         money(row, f"expenses[{i}].amount_fen", monthly=row.period == MONTHLY), row.note)
            for i, row in enumerate(self.expenses)
        )
        declaration = None
        if self.signed:
            declaration = DeclarationInput(
                signer_name=self.signer_name, method=SignatureMethod(self.signature_method),
                consent_verification=self.consent_verification, consent_report_changes=self.consent_report_changes,
                consent_consequences=self.consent_consequences, double_commitment=self.double_commitment,
            )
        form = IntakeForm(
            members=members,
            applicant_index=self.applicant_index,
            hukou_type=HukouType(self.hukou_type),
            housing=HousingCondition(self.housing),
            address=self.address,
            phone=self.phone,
            incomes=incomes,
            deductions=deductions,
            assets=tuple(assets),
            expenses=expenses,
            special_circumstances=tuple(SpecialCircumstance(v) for v in self.special_circumstances),
            special_note=self.special_note,
            no_able_supporter=self.no_able_supporter,
            requested_types=tuple(AssistanceType(v) for v in self.requested_types),
            materials=tuple(MaterialInput(AssistanceType(m.assistance_type), m.code, m.name, m.received, m.note)
                            for m in self.materials if m.assistance_type in self.requested_types),
            declaration=declaration,
            referrals=tuple(
                ReferralChoice(r.department_code, r.reason, tuple(r.facts), tuple(r.member_names), r.rule,
                               r.consent_given, r.added_by_clerk)
                for r in self.referrals if not r.removed
            ),
            channel=Channel(self.channel),
            notes=self.notes_with_declined_referrals(),
        )
        return form, problems

    def notes_with_declined_referrals(self) -> str:
        """The clerk's notes, plus each proposed referral the clerk did not keep and why (kept on file)."""
        declined = [f"未采纳转介建议：{r.department_name}（{r.removal_reason}）" for r in self.referrals if r.removed]
        return "\n".join(part for part in [self.notes.strip(), *declined] if part)

    @classmethod
    def from_form(cls, form: IntakeForm, *, person_id: int | None = None, search_text: str = "") -> IntakeState:
        """A state showing a service form (the household as last declared, or a whole form)."""

        def ref(index: int | None) -> str:
            return "" if index is None else str(index)

        def yuan(fen: int) -> str:
            whole, cents = divmod(fen, 100)
            return f"{whole}.{cents:02d}" if cents else str(whole)

        declaration = form.declaration
        return cls(
            search_text=search_text, person_id=person_id, phone=form.phone, address=form.address,
            hukou_type=form.hukou_type.value, housing=form.housing.value, channel=form.channel.value,
            members=[
                MemberRow(m.resident_id, m.name, m.relation.value, m.hukou_type.value if m.hukou_type else "",
                          m.health.value, m.disability.value,
                          str(m.disability_grade) if m.disability_grade else "", m.labour_capacity.value,
                          m.employment.value, m.schooling.value)
                for m in form.members
            ],
            applicant_index=form.applicant_index,
            incomes=[MoneyRow(ref(i.member_index), i.category.value, yuan(i.amount_fen), YEARLY, note=i.note,
                              months=str(i.months)) for i in form.incomes],
            deductions=[MoneyRow(ref(d.member_index), d.kind.value, yuan(d.amount_fen), YEARLY, note=d.note)
                        for d in form.deductions],
            assets=[MoneyRow(ref(a.member_index), a.kind.value, yuan(a.value_fen), YEARLY, str(a.quantity), a.note)
                    for a in form.assets],
            expenses=[MoneyRow(ref(e.member_index), e.kind.value, yuan(e.amount_fen), YEARLY, note=e.note)
                      for e in form.expenses],
            special_circumstances=[c.value for c in form.special_circumstances],
            special_note=form.special_note,
            no_able_supporter=form.no_able_supporter,
            requested_types=[t.value for t in form.requested_types],
            materials=[MaterialRow(m.assistance_type.value, m.code, m.name, True, m.received, m.note)
                       for m in form.materials if m.received],
            signed=declaration is not None,
            signer_name=declaration.signer_name if declaration else "",
            signature_method=declaration.method.value if declaration else SignatureMethod.SIGNATURE.value,
            double_commitment=declaration.double_commitment if declaration else False,
            referrals=[ReferralRow(r.department_code, r.department_code, r.reason, list(r.facts), list(r.member_names),
                                   r.rule, consent_given=r.consent_given, added_by_clerk=r.added_by_clerk)
                       for r in form.referrals],
            notes=form.notes,
        )


def _check_types(row: Any, where: str) -> None:
    """Every field of ``row`` holds the type it is declared with (``int`` is not ``bool``; lists of
    text hold text); raises :class:`DraftUnreadable` naming the first that does not."""
    hints = typing.get_type_hints(type(row))
    for item in fields(row):
        value = getattr(row, item.name)
        expected = hints[item.name]
        if _fits(value, expected):
            continue
        path = f"{where}.{item.name}" if where else item.name
        raise DraftUnreadable(f"{path}: {type(value).__name__} where {expected} belongs")


def _fits(value: Any, expected: Any) -> bool:
    origin = typing.get_origin(expected)
    if origin is list:
        (inner,) = typing.get_args(expected)
        return isinstance(value, list) and (inner not in (str, int, bool) or all(_fits(v, inner) for v in value))
    if origin in (typing.Union, types.UnionType):
        return any(_fits(value, option) for option in typing.get_args(expected))
    if expected is type(None):
        return value is None
    if expected is int:
        return type(value) is int
    if expected in (str, bool):
        return type(value) is expected
    return True  # rows are checked one by one by the caller
