"""受理 – the intake at the desk: identify, check, pre-assess, and submit in one transaction.

The flow (DOMAIN.md "The flow at the desk"): :meth:`IntakeService.lookup_person` finds the applicant
and pre-fills the household as last declared, warning of a still-open application (重复救助);
:meth:`IntakeService.validate` names every field that needs correcting by its path
(``members[1].resident_id``); :meth:`IntakeService.preview` gives the live pre-assessment, the
proposed referrals and the due dates without writing anything; :meth:`IntakeService.submit` writes
the whole application – registry, household, declared facts, materials, declaration, assessment,
referrals, post-checks, receipt number and audit trail – in one transaction.

Decisions worth knowing:

- A referral the clerk keeps is saved as ``pending`` when the applicant's consent was recorded
  (``consent_at`` = the time of submission), else as ``proposed``: it stays in the queues and
  cannot be sent until consent is recorded (``confirm`` in the referral life cycle). The same rule
  holds for every department; for one that ``requires_consent`` (a charity) nothing leaves the desk
  without it. A referral is numbered ``<receipt number>-<DEPARTMENT CODE>`` and started as
  ``services.referrals.open_referral`` starts one (a first ``create`` event, a ``referral.create``
  audit event), written in bulk so that a submit stays within its time budget.
- Signing the commitment declaration makes the application fast-tracked (告知承诺制): the pack's
  fast-track review limit applies and post-checks are scheduled (see :class:`PostCheckPlan`).
- The materials checklist saved is every *required* item of the pack for the requested types
  (received or not) plus every line the clerk put on the form (an optional item the clerk marked as
  applicable, or one the clerk added). What is not received goes on the one-time notice.
- The person registry keeps the latest declared name; a member who is no longer declared in the
  household is detached from it (the earlier applications keep what was declared then).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from fractions import Fraction
from typing import Any, NamedTuple

from sqlalchemy import Insert, Table, bindparam, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from intake_desk.domain.enums import (
    ApplicationStatus,
    AssistanceType,
    Category,
    DisabilityCategory,
    PostCheckKind,
    ReferralStatus,
    Relation,
    Sex,
)
from intake_desk.domain.masking import mask_resident_id
from intake_desk.domain.money import MAX_FEN, format_fen
from intake_desk.domain.names import InvalidName, pinyin_initials, validate_name
from intake_desk.domain.phone import InvalidPhone, validate_phone
from intake_desk.domain.resident_id import InvalidResidentId, parse_resident_id
from intake_desk.domain.text import shown
from intake_desk.policy.calendar import WorkCalendar, fallback_warning
from intake_desk.policy.deadlines import review_due_date
from intake_desk.policy.facts import (
    AssetFact,
    DeductionFact,
    ExpenseFact,
    FactsError,
    HouseholdFacts,
    IncomeFact,
    MemberFacts,
)
from intake_desk.policy.household_defaults import HouseholdMember, MemberDefaults, material_applies
from intake_desk.policy.means_test import Assessment, assess
from intake_desk.policy.pack import PackRegistry, PolicyPack
from intake_desk.policy.referral_states import ReferralAction
from intake_desk.policy.routing import ReferralProposal, propose_referrals
from intake_desk.services import audit, scope, signed_in, sqlite_rows
from intake_desk.services.actor import Actor
from intake_desk.services.calendar_service import load_calendar
from intake_desk.services.clock import Clock
from intake_desk.services.entity_states import (
    APPLICATION_PARTS,
    application_state,
    post_check_state,
    procedure_state,
    referral_state,
)
from intake_desk.services.errors import ConflictError, NotFound, ValidationFailed
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
    form_from_dict,
    form_to_dict,
)
from intake_desk.services.organisation import sync_departments
from intake_desk.services.permissions import Permission, require
from intake_desk.services.persons import (
    OpenApplicationWarning,
    PersonLookup,
    PersonRow,
    lookup,
    open_warning,
    related_applications,
    search_persons,
)
from intake_desk.services.procedure import open_procedure_row
from intake_desk.services.referrals import CREATE as REFERRAL_CREATED
from intake_desk.services.referrals import may_act
from intake_desk.services.submit_rows import (
    NEW_APPLICATION,
    NEW_HOUSEHOLD,
    Pending,
    RowWriter,
    member_at,
    person_with,
    read_together,
)
from intake_desk.services.submit_seal import SealedEvent, number_or_placeholder, seal
from intake_desk.store.db import Database
from intake_desk.store.models import (
    Application,
    ApplicationAsset,
    ApplicationDeduction,
    ApplicationExpense,
    ApplicationIncome,
    ApplicationMember,
    ApplicationProcedure,
    CalendarOverride,
    Declaration,
    Department,
    Household,
    Material,
    Person,
    PolicyVersion,
    PostCheck,
    Referral,
    ReferralEvent,
    RequestedItem,
)
from intake_desk.store.models import Assessment as AssessmentRow

__all__ = [
    "AssetInput",
    "DeclarationInput",
    "DeductionInput",
    "ExpenseInput",
    "IdCheck",
    "IncomeInput",
    "IntakeForm",
    "IntakePreview",
    "IntakeService",
    "MaterialInput",
    "MaterialLine",
    "MemberInput",
    "OpenApplicationExists",
    "PostCheckPlan",
    "ReferralChoice",
    "SignatureMethod",
    "SubmitResult",
    "SubmittedReferral",
    "commitment_text",
    "form_from_dict",
    "form_to_dict",
    "referral_choice",
]

MAX_MEMBERS = 30
MAX_ROWS = 200
_BLOCKING_GROUPS = ("members", "incomes", "deductions", "assets", "expenses", "applicant_index")


# ------------------------------------------------------------------------------------------------
# results
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IdCheck:
    """What a resident ID number says: for the form to show sex, birth date and age as it is typed."""

    number: str
    masked: str
    sex: Sex
    birth_date: date
    age: int


@dataclass(frozen=True)
class MaterialLine:
    """材料清单 line for the requested types: the pack's item with what the form says about it."""

    assistance_type: AssistanceType
    code: str
    name: str
    required: bool
    note: str
    received: bool
    on_form: bool
    """The clerk put this line on the form (received or marked applicable)."""
    applies: bool = True
    """Needed by this household: required, or optional and its ``applies_when`` holds (全部已收 ticks these)."""
    name_en: str = ""
    note_en: str = ""

    @property
    def missing(self) -> bool:
        return not self.received and (self.required or self.on_form)


@dataclass(frozen=True)
class PostCheckPlan:
    """事后核查 after a fast-tracked application: when each check is due.

    The pack's ``post_checks`` section, where it has one (``data_comparison_months``,
    ``periodic_months``, ``spot_check_months``, ``spot_check_share``); otherwise the commitment
    text's own promise: a data comparison within one month and a periodic re-check at six months
    (the stable-household interval). Random spot checks (随机抽查) are drawn by the supervisor
    (``PostCheckService.draw_spot_checks``); a pack may add a share drawn at submission, picked from
    the applicant's ID number and the day so that the choice is reproducible.
    """

    data_comparison_months: int = 1
    periodic_months: int = 6
    spot_check_months: int = 3
    spot_check_share: Fraction = Fraction(0)

    @classmethod
    def from_pack(cls, pack: PolicyPack) -> PostCheckPlan:
        section: Any = getattr(pack, "post_checks", None)
        if section is None:
            return cls()
        return cls(
            data_comparison_months=int(getattr(section, "data_comparison_months", 1)),
            periodic_months=int(getattr(section, "periodic_months", 6)),
            spot_check_months=int(getattr(section, "spot_check_months", 3)),
            spot_check_share=Fraction(getattr(section, "spot_check_share", Fraction(0))),
        )

    def spot_checked(self, key: str) -> bool:
        if self.spot_check_share <= 0:
            return False
        draw = int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:8], 16) % 10_000
        return Fraction(draw, 10_000) < self.spot_check_share

    def due_dates(self, received_on: date, resident_id: str) -> list[tuple[PostCheckKind, date]]:
        checks = [
            (PostCheckKind.DATA_COMPARISON, add_months(received_on, self.data_comparison_months)),
            (PostCheckKind.PERIODIC, add_months(received_on, self.periodic_months)),
        ]
        if self.spot_checked(f"{resident_id}|{received_on.isoformat()}"):
            checks.append((PostCheckKind.SPOT_CHECK, add_months(received_on, self.spot_check_months)))
        return sorted(checks, key=lambda c: c[1])


@dataclass(frozen=True)
class IntakePreview:
    """The live pre-assessment while the clerk types (nothing is written).

    ``assessment`` is None while the household itself cannot be read (an invalid resident ID, an
    amount out of range …); ``problems`` then says why, by field path, like :meth:`validate`.
    """

    received_on: date
    fast_track: bool
    assessment: Assessment | None
    referrals: tuple[ReferralProposal, ...]
    due_date: date
    review_working_days: int
    governed_by: AssistanceType | None
    materials: tuple[MaterialLine, ...]
    post_checks: tuple[tuple[PostCheckKind, date], ...]
    calendar_fallback: bool
    warning: str | None
    problems: Mapping[str, str]
    pack_version: str
    pack_locality: str

    @property
    def missing_materials(self) -> tuple[MaterialLine, ...]:
        return tuple(m for m in self.materials if m.missing)

    @property
    def category(self) -> Category | None:
        return self.assessment.category if self.assessment else None


@dataclass(frozen=True)
class SubmittedReferral:
    number: str
    department_code: str
    department_name: str
    status: ReferralStatus
    due_date: date
    consent_given: bool


@dataclass(frozen=True)
class SubmitResult:
    """What the receipt needs right after submitting."""

    application_id: int
    number: str
    received_at: datetime
    received_on: date
    due_date: date
    review_working_days: int
    fast_track: bool
    category: Category
    estimated_benefit_fen: int | None
    referrals: tuple[SubmittedReferral, ...]
    post_checks: tuple[tuple[PostCheckKind, date], ...]
    missing_materials: int
    calendar_fallback: bool
    warning: str | None
    version: int


class OpenApplicationExists(ConflictError):
    """重复救助 – the household has an open application and the clerk has not acknowledged it."""

    def __init__(self, warning: OpenApplicationWarning) -> None:
        super().__init__(warning.message)
        self.warning = warning


# ------------------------------------------------------------------------------------------------
# helpers
# ------------------------------------------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the last day of the month where it is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - day 28 exists in every month


def commitment_text(pack: PolicyPack, double_commitment: bool) -> str:
    """The commitment the applicant signs, exactly as the pack words it (plus the office's promise)."""
    text = pack.wording.commitment
    return f"{text}\n{pack.wording.office_promise}" if double_commitment else text


def commitment_hash(pack: PolicyPack, double_commitment: bool) -> str:
    return hashlib.sha256(commitment_text(pack, double_commitment).encode("utf-8")).hexdigest()


def referral_choice(proposal: ReferralProposal, *, consent_given: bool) -> ReferralChoice:
    """A proposed referral kept by the clerk, with the applicant's answer on consent."""
    return ReferralChoice(
        department_code=proposal.department_code, reason=proposal.reason, facts=tuple(proposal.facts),
        member_names=tuple(proposal.member_names), rule=proposal.rule, consent_given=consent_given,
    )


def _group(path: str) -> str:
    return path.split("[", 1)[0].split(".", 1)[0]


def _first_message(problems: Mapping[str, str]) -> str:
    count = len(problems)
    first = next(iter(problems.values()))
    if count == 1:
        return first
    return f"有 {count} 处需要更正，首先：{first.split(' / ')[0]} / {count} fields need correcting"


def _creation_note(added_by_clerk: bool, consent_given: bool) -> str:
    """The first step of a referral's timeline, one bilingual sentence (the window shows its language's half)."""
    zh = ("窗口补充转介" if added_by_clerk else "窗口受理时确认转介") + ("；申请人已同意" if consent_given else "；尚未取得申请人同意")
    en = (("Added at the desk" if added_by_clerk else "Confirmed at the desk")
          + ("; the applicant consented" if consent_given else "; the applicant has not consented yet"))
    return f"{zh} / {en}"


def _explanation(a: Assessment) -> str:
    return json.dumps({
        "steps": a.steps,
        "steps_en": a.steps_en,
        "household_size": a.household_size,
        "gross_income_fen": a.gross_income_fen,
        "deductions_fen": a.deductions_fen,
        "counted_income_fen": a.counted_income_fen,
        "per_capita_monthly_income_fen": a.per_capita_monthly_income_fen,
        "per_capita_monthly_income_exact": str(a.per_capita_monthly_income_exact),
        "standard": a.standard.describe(),
        "standard_monthly_fen": a.standard_monthly_fen,
        "estimated_monthly_benefit_fen": a.estimated_monthly_benefit_fen,
        "temporary_range_fen": list(a.temporary_range_fen) if a.temporary_range_fen else None,
        "rigid_expenses_fen": a.rigid_expenses_fen,
        "assets_within_limits": a.assets_within_limits,
        "asset_findings": list(a.asset_findings),
        "tekun_conditions_met": a.tekun_conditions_met,
        "pack_effective_from": a.pack_effective_from.isoformat(),
        "application_date": a.application_date.isoformat(),
    }, ensure_ascii=False)


# ------------------------------------------------------------------------------------------------
# validation
# ------------------------------------------------------------------------------------------------


def _check_amount(problems: dict[str, str], path: str, amount: int) -> None:
    if isinstance(amount, bool) or not isinstance(amount, int):
        problems[path] = "金额应为整数（分） / An amount is a whole number of fen"
    elif amount < 0:
        problems[path] = "金额不能为负数 / An amount cannot be negative"
    elif amount > MAX_FEN:
        problems[path] = (f"金额超过上限 {format_fen(MAX_FEN)} 元 / "
                          f"The amount is above the limit of {format_fen(MAX_FEN)} yuan")


NOTE_LENGTH = 200
LONG_TEXT_LENGTH = 2000
CODE_LENGTH = 64


def _check_text(problems: dict[str, str], path: str, text: str, limit: int) -> None:
    """Free text is stored exactly as typed, unless it cannot be: too long for its column, or holding
    a character no database keeps (NUL, a lone surrogate from a broken paste) or other control codes."""
    if len(text) > limit:
        problems[path] = f"最多 {limit} 字，现为 {len(text)} 字 / At most {limit} characters, not {len(text)}"
        return
    found = _UNSTORABLE.search(text)
    if found is not None:
        bad = ord(found.group())
        problems[path] = (f"含有不能保存的字符 U+{bad:04X}，请删去后重新输入 / "
                          f"Contains a character that cannot be stored (U+{bad:04X}); remove it")


# Control codes other than tab and line breaks, DEL and the C1 controls, and surrogates (one search in C
# instead of a Python call per character).
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def _check_member_index(problems: dict[str, str], path: str, index: int | None, size: int) -> None:
    if index is not None and not 0 <= index < size:
        problems[path] = (f"所属成员序号 {index} 不存在（共 {size} 人） / "
                          f"There is no member {index} (the household has {size})")


def clean_form(form: IntakeForm, today: date, pack: PolicyPack | None = None,
               department_codes: Sequence[str] | None = None) -> tuple[IntakeForm, dict[str, str]]:
    """The form with IDs, names and phone in their normal forms, and every problem by field path."""
    problems: dict[str, str] = {}
    size = len(form.members)
    if not form.members:
        problems["members"] = "请至少登记一名家庭成员（申请人） / Record at least one household member (the applicant)"
    elif size > MAX_MEMBERS:
        problems["members"] = f"家庭成员最多 {MAX_MEMBERS} 人 / At most {MAX_MEMBERS} household members"

    members: list[MemberInput] = []
    seen: dict[str, int] = {}
    heads: list[int] = []
    for i, member in enumerate(form.members):
        p = f"members[{i}]"
        number, name, sex = member.resident_id, member.name, member.sex
        try:
            parsed = parse_resident_id(member.resident_id, today=today)
            number = parsed.number
            if member.sex is not None and member.sex is not parsed.sex:
                problems[f"{p}.sex"] = (
                    f"身份证号码第17位表示{parsed.sex.zh}性，与填写的性别“{member.sex.zh}”不符 / "
                    f"Digit 17 of the resident ID says {parsed.sex.en.lower()}, not {member.sex.en.lower()}"
                )
            sex = parsed.sex
            if number in seen:
                problems[f"{p}.resident_id"] = (
                    f"与第 {seen[number] + 1} 名成员的身份证号码相同，同一人不能登记两次 / "
                    f"The same resident ID as member {seen[number] + 1}: a person can be recorded only once"
                )
            else:
                seen[number] = i
        except InvalidResidentId as exc:
            problems[f"{p}.resident_id"] = str(exc)
        try:
            name = validate_name(member.name)
        except InvalidName as exc:
            problems[f"{p}.name"] = str(exc)
        if member.relation is Relation.SELF:
            heads.append(i)
            if len(heads) > 1:
                problems[f"{p}.relation"] = (
                    f"只能有一名成员为“本人/户主”（第 {heads[0] + 1} 名已是） / "
                    f"Only one member can be the head (member {heads[0] + 1} already is)"
                )
        if member.disability is DisabilityCategory.NONE:
            if member.disability_grade is not None:
                problems[f"{p}.disability_grade"] = (
                    "未选择残疾类别却填写了残疾等级 / A disability grade needs a disability category"
                )
            if member.disability_needs_treatment:
                problems[f"{p}.disability_needs_treatment"] = (
                    "未选择残疾类别 / Choose the disability category first"
                )
        elif member.disability_grade is not None and not 1 <= member.disability_grade <= 4:
            problems[f"{p}.disability_grade"] = (
                f"残疾等级应为 1–4 级，不是 {member.disability_grade} / "
                f"A disability grade is 1–4, not {member.disability_grade}"
            )
        members.append(replace(member, resident_id=number, name=name, sex=sex))

    if size and not 0 <= form.applicant_index < size:
        problems["applicant_index"] = (
            "申请人必须是登记的家庭成员之一 / The applicant must be one of the recorded household members"
        )

    exempt_codes = {item.code for item in pack.income.exempt_items} if pack else None
    for group, rows in (("incomes", form.incomes), ("deductions", form.deductions), ("assets", form.assets),
                        ("expenses", form.expenses)):
        if len(rows) > MAX_ROWS:
            problems[group] = f"最多 {MAX_ROWS} 行 / At most {MAX_ROWS} lines"
    for i, income in enumerate(form.incomes):
        _check_member_index(problems, f"incomes[{i}].member_index", income.member_index, size)
        _check_amount(problems, f"incomes[{i}].amount_fen", income.amount_fen)
        if not 1 <= income.months <= 12:
            problems[f"incomes[{i}].months"] = (f"月数应为 1–12，不是 {income.months} / "
                                                f"Months must be 1–12, not {income.months}")
        if income.exempt_item and exempt_codes is not None and income.exempt_item not in exempt_codes:
            problems[f"incomes[{i}].exempt_item"] = (f"政策参数中没有免计项目“{shown(income.exempt_item)}” / "
                                                     f"The policy pack has no exempt item '{shown(income.exempt_item)}'")
    for i, deduction in enumerate(form.deductions):
        _check_member_index(problems, f"deductions[{i}].member_index", deduction.member_index, size)
        _check_amount(problems, f"deductions[{i}].amount_fen", deduction.amount_fen)
    for i, asset in enumerate(form.assets):
        _check_member_index(problems, f"assets[{i}].member_index", asset.member_index, size)
        _check_amount(problems, f"assets[{i}].value_fen", asset.value_fen)
        if not 0 <= asset.quantity <= 1000:
            problems[f"assets[{i}].quantity"] = "数量应为 0–1000 / The quantity must be 0–1000"
    for i, expense in enumerate(form.expenses):
        _check_member_index(problems, f"expenses[{i}].member_index", expense.member_index, size)
        _check_amount(problems, f"expenses[{i}].amount_fen", expense.amount_fen)

    for i, income in enumerate(form.incomes):
        _check_text(problems, f"incomes[{i}].note", income.note, NOTE_LENGTH)
        _check_text(problems, f"incomes[{i}].exempt_item", income.exempt_item or "", CODE_LENGTH)
    for group, notes in (("deductions", [d.note for d in form.deductions]), ("assets", [a.note for a in form.assets]),
                         ("expenses", [e.note for e in form.expenses])):
        for i, note in enumerate(notes):
            _check_text(problems, f"{group}[{i}].note", note, NOTE_LENGTH)
    _check_text(problems, "special_note", form.special_note, LONG_TEXT_LENGTH)
    _check_text(problems, "notes", form.notes, LONG_TEXT_LENGTH)
    for i, material in enumerate(form.materials):
        _check_text(problems, f"materials[{i}].code", material.code, CODE_LENGTH)
        _check_text(problems, f"materials[{i}].name", material.name, NOTE_LENGTH)
        _check_text(problems, f"materials[{i}].note", material.note, NOTE_LENGTH)
    for i, choice in enumerate(form.referrals):
        _check_text(problems, f"referrals[{i}].department_code", choice.department_code, CODE_LENGTH)
        _check_text(problems, f"referrals[{i}].reason", choice.reason, LONG_TEXT_LENGTH)
        for j, fact in enumerate(choice.facts):
            _check_text(problems, f"referrals[{i}].facts[{j}]", fact, NOTE_LENGTH)
        _check_text(problems, f"referrals[{i}].member_names", "、".join(choice.member_names), 400)

    phone = form.phone.strip()
    if phone:
        try:
            phone = validate_phone(phone)
        except InvalidPhone as exc:
            problems["phone"] = str(exc)
    address = form.address.strip()
    if len(address) > 200:
        problems["address"] = f"地址最多 200 字，现为 {len(address)} 字 / The address has at most 200 characters"
    else:
        _check_text(problems, "address", address, 200)

    requested = tuple(dict.fromkeys(form.requested_types))
    if not requested:
        problems["requested_types"] = "请至少选择一项申请事项 / Choose at least one type of assistance"

    seen_materials: set[tuple[AssistanceType, str]] = set()
    for i, material in enumerate(form.materials):
        p = f"materials[{i}]"
        if requested and material.assistance_type not in requested:
            problems[f"{p}.assistance_type"] = (
                f"“{material.assistance_type.zh}”不在申请事项中 / "
                f"'{material.assistance_type.en}' is not among the requested types"
            )
        if not material.code.strip():
            problems[f"{p}.code"] = "材料代码不能为空 / A material needs a code"
        elif (material.assistance_type, material.code) in seen_materials:
            problems[f"{p}.code"] = f"材料“{shown(material.name)}”重复 / The material '{shown(material.name)}' is listed twice"
        seen_materials.add((material.assistance_type, material.code))
        if not material.name.strip():
            problems[f"{p}.name"] = "请填写材料名称 / Give the material's name"

    declaration = form.declaration
    if declaration is not None:
        try:
            declaration = replace(declaration, signer_name=validate_name(declaration.signer_name))
        except InvalidName as exc:
            problems["declaration.signer_name"] = str(exc)
        for flag, zh, en in (
            ("consent_verification", "同意核对家庭经济状况（核对授权）", "authorise the verification"),
            ("consent_report_changes", "承诺主动报告家庭情况变化", "promise to report changes"),
            ("consent_consequences", "知悉虚假申报的后果", "accept the consequences of a false declaration"),
        ):
            if not getattr(declaration, flag):
                problems[f"declaration.{flag}"] = (
                    f"签署告知承诺须{zh}；不同意的请改走常规流程 / "
                    f"Signing the commitment means agreeing to {en}; otherwise take the normal procedure"
                )

    known = set(department_codes) if department_codes is not None else None
    kept: set[str] = set()
    for i, choice in enumerate(form.referrals):
        p = f"referrals[{i}]"
        if known is not None and choice.department_code not in known:
            problems[f"{p}.department_code"] = (f"没有代码为“{shown(choice.department_code)}”的协同部门 / "
                                                f"No department has the code '{shown(choice.department_code)}'")
        elif choice.department_code in kept:
            problems[f"{p}.department_code"] = ("同一部门只能转介一次 / A department can be referred to only once")
        kept.add(choice.department_code)
        if not choice.reason.strip():
            problems[f"{p}.reason"] = "请填写转介理由 / Give the reason for the referral"

    cleaned = replace(
        form, members=tuple(members), phone=phone, address=address, requested_types=requested,
        special_circumstances=tuple(dict.fromkeys(form.special_circumstances)), declaration=declaration,
    )
    return cleaned, problems


def build_facts(form: IntakeForm, received_on: date) -> HouseholdFacts:
    """The declared household for the policy rules (the form must be clean)."""
    members = [
        MemberFacts.from_resident_id(
            m.resident_id, name=m.name, relation=m.relation, on=received_on,
            hukou_type=m.hukou_type or form.hukou_type, health=m.health, disability=m.disability,
            disability_grade=m.disability_grade, disability_needs_treatment=m.disability_needs_treatment,
            labour_capacity=m.labour_capacity, employment=m.employment, schooling=m.schooling,
        )
        for m in form.members
    ]
    return HouseholdFacts(
        members=tuple(members), application_date=received_on, hukou_type=form.hukou_type, housing=form.housing,
        incomes=tuple(IncomeFact(member=i.member_index, category=i.category, amount_fen=i.amount_fen,
                                 months=i.months, item=i.exempt_item or None, note=i.note) for i in form.incomes),
        deductions=tuple(DeductionFact(member=d.member_index, kind=d.kind, amount_fen=d.amount_fen, note=d.note)
                         for d in form.deductions),
        assets=tuple(AssetFact(kind=a.kind, value_fen=a.value_fen, quantity=a.quantity, member=a.member_index,
                               exempt=a.exempt, note=a.note) for a in form.assets),
        expenses=tuple(ExpenseFact(kind=e.kind, amount_fen=e.amount_fen, member=e.member_index, note=e.note)
                       for e in form.expenses),
        special_circumstances=frozenset(form.special_circumstances),
        requested=frozenset(form.requested_types),
        no_able_supporter=form.no_able_supporter,
        fast_track=form.declaration is not None,
    )


def household_members(form: IntakeForm, today: date | None) -> tuple[HouseholdMember, ...]:
    """The facts of each member that decide which optional materials apply (age from the ID, if valid)."""
    members = []
    for member in form.members:
        age: int | None = None
        if today is not None:
            try:
                age = parse_resident_id(member.resident_id, today=today).age_on(today)
            except InvalidResidentId:
                age = None
        members.append(HouseholdMember(age, member.health, member.disability, member.labour_capacity,
                                       member.schooling))
    return tuple(members)


def materials_checklist(pack: PolicyPack, form: IntakeForm, today: date | None = None) -> tuple[MaterialLine, ...]:
    """The pack's items for the requested types, merged with the form's lines (clerk-added lines last)."""
    on_form = {(m.assistance_type, m.code): m for m in form.materials}
    members = household_members(form, today)
    lines: list[MaterialLine] = []
    listed: set[tuple[AssistanceType, str]] = set()
    for assistance_type in form.requested_types:
        for item in pack.materials_for(assistance_type):
            entry = on_form.get((assistance_type, item.code))
            lines.append(MaterialLine(assistance_type, item.code, item.name, item.required,
                                      entry.note if entry and entry.note else item.note,
                                      entry.received if entry else False, entry is not None,
                                      material_applies(item, members, pack.member_defaults),
                                      item.name_en, item.note_en))
            listed.add((assistance_type, item.code))
    for material in form.materials:
        if (material.assistance_type, material.code) not in listed:
            lines.append(MaterialLine(material.assistance_type, material.code, material.name, True, material.note,
                                      material.received, True))
    return tuple(lines)


def preview_form(form: IntakeForm, today: date, pack: PolicyPack, calendar: WorkCalendar) -> IntakePreview:
    """:meth:`IntakeService.preview` without the database: the pack and calendar are given."""
    cleaned, problems = clean_form(form, today, pack, [d.code for d in pack.departments])
    assessment: Assessment | None = None
    proposals: list[ReferralProposal] = []
    if not any(_group(k) in _BLOCKING_GROUPS for k in problems) and cleaned.members:
        try:
            facts = build_facts(cleaned, today)
        except FactsError as exc:
            problems[exc.path or "members"] = str(exc)
        else:
            assessment = assess(facts, pack)
            proposals = propose_referrals(facts, assessment, pack, calendar, today)
    fast_track = cleaned.declaration is not None
    deadline = review_due_date(pack, calendar, today, cleaned.requested_types, fast_track)
    fallback = set(deadline.fallback_years)
    for proposal in proposals:
        fallback |= proposal.fallback_years
    plan = PostCheckPlan.from_pack(pack)
    return IntakePreview(
        received_on=today, fast_track=fast_track, assessment=assessment, referrals=tuple(proposals),
        due_date=deadline.due_date, review_working_days=deadline.working_days,
        governed_by=deadline.governed_by, materials=materials_checklist(pack, cleaned, today),
        post_checks=tuple(plan.due_dates(today, cleaned.applicant.resident_id if cleaned.applicant else ""))
        if fast_track else (),
        calendar_fallback=bool(fallback), warning=fallback_warning(fallback), problems=problems,
        pack_version=pack.version, pack_locality=pack.locality,
    )


# ------------------------------------------------------------------------------------------------
# the service
# ------------------------------------------------------------------------------------------------


class IntakeService:
    def __init__(self, db: Database, clock: Clock, packs: PackRegistry) -> None:
        self.db = db
        self.clock = clock
        self.packs = packs
        self._recorded_packs: set[str] = set()
        # The calendar last built, by the override rows it was built from: a submit reads the rows in its
        # own transaction (another desk's change counts at once) and builds a calendar only when they differ.
        self._calendar: tuple[tuple[tuple[date, bool], ...], WorkCalendar] | None = None

    # -- small helpers -------------------------------------------------------------------------------
    def pack(self, day: date | None = None) -> PolicyPack:
        """The policy pack in force today (or on ``day``)."""
        return self.packs.pack_for(day or self.clock.today())

    @staticmethod
    def read_calendar(session: Session) -> WorkCalendar:
        return load_calendar(session)

    def _calendar_of(self, rows: Sequence[tuple[date, bool]]) -> WorkCalendar:
        """The calendar of these override rows (the one built last time when they are the same)."""
        key = tuple((day, bool(working)) for day, working in rows)
        kept = self._calendar
        if kept is not None and kept[0] == key:
            return kept[1]
        calendar = WorkCalendar(dict(key))
        self._calendar = (key, calendar)
        return calendar

    def check_resident_id(self, text: str) -> IdCheck:
        """Sex, birth date and age from an ID number as it is typed; ValidationFailed saying what is wrong."""
        today = self.clock.today()
        try:
            parsed = parse_resident_id(text, today=today)
        except InvalidResidentId as exc:
            raise ValidationFailed(str(exc), {"resident_id": str(exc)}) from None
        return IdCheck(parsed.number, parsed.masked, parsed.sex, parsed.birth_date, parsed.age_on(today))

    def member_defaults(self, resident_id: str) -> MemberDefaults | None:
        """What a member with this ID starts with, by age and the pack (None: ID not valid yet, or no rules)."""
        today = self.clock.today()
        rules = self.pack(today).member_defaults
        if rules is None:
            return None
        try:
            age = parse_resident_id(resident_id, today=today).age_on(today)
        except InvalidResidentId:
            return None
        return rules.for_age(age)

    # -- identify --------------------------------------------------------------------------------
    def search_persons(self, actor: Actor, text: str, limit: int = 50) -> list[PersonRow]:
        """By the start of the ID number, of the name, or of the pinyin initials (``zs`` finds 张三)."""
        require(actor, Permission.INTAKE_SUBMIT)
        with self.db.reading() as session:
            return search_persons(session, text, limit, within=scope.person_condition(actor))

    def lookup_person(self, actor: Actor, resident_id: str | None = None, *,
                      person_id: int | None = None) -> PersonLookup | None:
        """The person with this ID (typed from the card) or this registry id (picked from a search).

        None when the ID is valid but nobody has it yet. Opening a person picked from a search shows
        full ID numbers the clerk did not type, so that is written to the audit trail.
        """
        require(actor, Permission.INTAKE_SUBMIT)
        today = self.clock.today()
        if person_id is not None:
            with self.db.transaction() as session:
                person = session.get(Person, person_id)
                if person is None or not scope.person_in_scope(session, actor, person):
                    raise NotFound(f"登记中没有此人（{person_id}） / No such person in the registry ({person_id})")
                audit.record(session, actor, "person.open", "person", person.id,
                             {"resident_id": mask_resident_id(person.resident_id)}, at=self.clock.now())
                return lookup(session, person, today)
        if resident_id is None:
            raise ValidationFailed("请输入身份证号码 / Enter a resident ID number",
                                   {"resident_id": "请输入身份证号码 / Enter a resident ID number"})
        number = self.check_resident_id(resident_id).number
        with self.db.reading() as session:
            person = session.scalar(select(Person).where(Person.resident_id == number))
            if person is not None and not scope.person_in_scope(session, actor, person):
                person = None  # another hall's household: this hall starts from what the applicant declares
            found = None if person is None else lookup(session, person, today)
        others = [m.resident_id for m in found.form.members if m.resident_id != number] if found else []
        if found is not None and others:
            # The household comes back pre-filled: full ID numbers of people the clerk did not type.
            with self.db.transaction() as session:
                audit.record(session, actor, "person.lookup", "person", found.person_id,
                             {"resident_id": mask_resident_id(number),
                              "prefilled": [mask_resident_id(o) for o in others]}, at=self.clock.now())
        return found

    # -- check -----------------------------------------------------------------------------------
    def validate(self, form: IntakeForm) -> dict[str, str]:
        """Every field that needs correcting, ``{path: reason}`` (empty when the form can be submitted)."""
        pack = self.pack()
        return clean_form(form, self.clock.today(), pack, [d.code for d in pack.departments])[1]

    def facts(self, form: IntakeForm, received_on: date | None = None) -> HouseholdFacts:
        """The declared household as the policy rules read it; ValidationFailed names what blocks it."""
        received_on = received_on or self.clock.today()
        cleaned, problems = clean_form(form, received_on, self.pack(received_on))
        blocking = {k: v for k, v in problems.items() if _group(k) in _BLOCKING_GROUPS}
        if blocking:
            raise ValidationFailed(_first_message(blocking), blocking)
        try:
            return build_facts(cleaned, received_on)
        except FactsError as exc:
            raise ValidationFailed(str(exc), {exc.path or "members": str(exc)}) from None

    def preview(self, actor: Actor, form: IntakeForm) -> IntakePreview:
        """Pre-assessment, proposed referrals, due dates and checklist for the form as it stands."""
        require(actor, Permission.INTAKE_SUBMIT)
        today = self.clock.today()
        with self.db.reading() as session:
            calendar = self.read_calendar(session)
        return preview_form(form, today, self.pack(today), calendar)

    # -- submit ----------------------------------------------------------------------------------
    def submit(self, actor: Actor, form: IntakeForm, *, expected_open_application_ack: bool = False,
               wait: bool = True) -> SubmitResult:
        """Write the application in one transaction and return its receipt number.

        Raises ValidationFailed (``fields`` by path), OpenApplicationExists when the household has an
        open application and ``expected_open_application_ack`` is False (show the warning, ask, and
        submit again with True), ConflictError when another desk registered the same person at the
        same moment (submitting again succeeds). ``wait=False``: DatabaseBusy at once, nothing written,
        when another connection is writing the SQLite file (see ``Database.transaction``).
        """
        return self.submit_batch(actor, [form], acknowledge_open=expected_open_application_ack, wait=wait)[0]

    def submit_batch(self, actor: Actor, forms: Sequence[IntakeForm], *,
                     acknowledge_open: bool = False, wait: bool = True) -> list[SubmitResult]:
        """Several intakes in one transaction, each exactly as :meth:`submit` (bulk loading, demo data)."""
        require(actor, Permission.INTAKE_SUBMIT)
        if actor.hall_id is None or not actor.hall_code:
            raise ValidationFailed("此账户未关联服务大厅，不能受理申请 / This account belongs to no hall and cannot "
                                   "receive applications")
        now = self.clock.now()
        today = self.clock.today()
        pack = self.pack(today)
        # The first form is checked before the transaction begins, so that its registry lookup joins the
        # first reads – sent with the account's check, one round trip on PostgreSQL; its problems are
        # raised after that check, as when it was checked inside.
        first = clean_form(forms[0], today, pack, [d.code for d in pack.departments]) if forms else None
        reads = None if self.db.is_sqlite else signed_in.FirstReads(_first_reads(first))
        try:
            with signed_in.reading_first(reads), self.db.transaction(wait=wait) as session:
                context = _open_context(self, session, pack, now, first, reads)
                self._record_pack(session, pack)
                # The last intake's final statement carries the COMMIT (see submit_seal).
                return [self._submit_one(session, context, actor, form, now, today, acknowledge_open,
                                         last=k == len(forms) - 1, cleaned_form=first if k == 0 else None)
                        for k, form in enumerate(forms)]
        except IntegrityError as exc:
            raise ConflictError(
                "另一窗口刚刚登记了同一人员，请再次提交 / Another desk registered the same person just now; "
                "submit again"
            ) from exc

    def _record_pack(self, session: Session, pack: PolicyPack) -> None:
        """Keep the pack text in ``policy_versions`` (once per SHA-256) so every assessment can be explained."""
        if pack.sha256 in self._recorded_packs:
            return
        exists = session.scalar(select(PolicyVersion.id).where(PolicyVersion.sha256 == pack.sha256))
        if exists is None:
            content = ""
            if pack.source_name:
                from intake_desk.policy.pack import default_pack_dir

                path = default_pack_dir() / pack.source_name
                if path.is_file():
                    content = path.read_text(encoding="utf-8")
            values = {"locality": pack.locality, "version": pack.version, "effective_from": pack.effective_from,
                      "sha256": pack.sha256, "content": content, "loaded_at": self.clock.now()}
            statement: Insert
            if session.get_bind().dialect.name == "postgresql":
                statement = postgresql.insert(PolicyVersion).values(**values).on_conflict_do_nothing(
                    index_elements=[PolicyVersion.sha256])
            else:
                statement = sqlite.insert(PolicyVersion).values(**values).on_conflict_do_nothing(
                    index_elements=[PolicyVersion.sha256])
            session.execute(statement)
        self._recorded_packs.add(pack.sha256)

    def _submit_one(self, session: Session, ctx: _SubmitContext, actor: Actor, form: IntakeForm, now: datetime,
                    today: date, acknowledge_open: bool, *, last: bool = False,
                    cleaned_form: tuple[IntakeForm, dict[str, str]] | None = None) -> SubmitResult:
        pack = ctx.pack
        connection = session.connection()
        cleaned, problems = cleaned_form or clean_form(form, today, pack, list(ctx.departments))
        if problems:
            raise ValidationFailed(_first_message(problems), problems)
        try:
            facts = build_facts(cleaned, today)
        except FactsError as exc:
            raise ValidationFailed(str(exc), {exc.path or "members": str(exc)}) from None
        assessment = assess(facts, pack)
        fast_track = cleaned.declaration is not None
        deadline = review_due_date(pack, ctx.calendar, today, cleaned.requested_types, fast_track)
        applicant_input = cleaned.members[cleaned.applicant_index]

        # -- registry and household (Core statements: one per table, no unit-of-work flushes)
        numbers = [m.resident_id for m in cleaned.members]
        known = ctx.take_persons(numbers)
        if known is None and connection.dialect.name == "sqlite":
            known = _persons_sqlite(connection, numbers)
        elif known is None:
            known = [_Known(*row) for row in connection.execute(
                select(Person.id, Person.resident_id, Person.name, Person.household_id)
                .where(Person.resident_id.in_(numbers)))]
        existing = {row.resident_id: row for row in known}
        open_apps = related_applications(session, [p.id for p in existing.values()],
                                         [p.household_id for p in existing.values()], open_only=True, limit=1)
        if open_apps and not acknowledge_open:
            warning = open_warning(open_apps[0])
            assert warning is not None
            raise OpenApplicationExists(warning)
        applicant_row = existing.get(applicant_input.resident_id)
        household_id = applicant_row.household_id if applicant_row is not None else None
        if household_id is None:
            household_id = next((existing[n].household_id for n in numbers
                                 if n in existing and existing[n].household_id is not None), None)
        if household_id is not None and connection.scalar(
            update(Household).where(Household.id == household_id)
            .values(address=func.coalesce(func.nullif(cleaned.address, ""), Household.address),
                    hukou_type=cleaned.hukou_type.value, updated_at=now)
            .returning(Household.id)
        ) is None:
            household_id = None
        new_household = household_id is None
        writer = RowWriter(connection)
        # On PostgreSQL a household of people new to the registry is written in one round trip, from the
        # household to its application's members: a row refers to the household, people and application
        # written before it by an expression the server computes (submit_rows.Expr), not by an id sent back.
        together = writer.pipelined and not existing
        household_ref: Any = household_id
        if household_id is None:
            created_household = writer.insert(Household, [{
                "hall_id": actor.hall_id, "head_person_id": None, "address": cleaned.address,
                "hukou_type": cleaned.hukou_type.value, "created_at": now, "updated_at": now}],
                returning=not together)
            if together:
                household_ref = NEW_HOUSEHOLD
            else:
                writer.sync()
                household_id = household_ref = created_household.rows[0]["id"]
        new_people = [
            {"resident_id": m.resident_id, "name": m.name, "name_initials": pinyin_initials(m.name),
             "sex": (f.sex or Sex.MALE).value, "birth_date": f.birth_date,
             "phone": cleaned.phone if i == cleaned.applicant_index else "", "household_id": household_ref,
             "created_at": now, "updated_at": now}
            for i, (m, f) in enumerate(zip(cleaned.members, facts.members, strict=True))
            if m.resident_id not in existing
        ]
        person_ids: dict[str, Any] = {r.resident_id: r.id for r in existing.values()}
        if new_people and together:
            writer.insert(Person, new_people)
            person_ids.update({p["resident_id"]: person_with(p["resident_id"]) for p in new_people})
        elif new_people:
            created = writer.insert(Person, new_people, returning=True)
            writer.sync()
            person_ids.update({row["resident_id"]: row["id"] for row in created.rows})
        renamed = 0
        for m in cleaned.members:
            row = existing.get(m.resident_id)
            if row is None:
                continue
            values: dict[str, Any] = {"household_id": household_id, "updated_at": now}
            if row.name != m.name:
                values.update(name=m.name, name_initials=pinyin_initials(m.name))
                renamed += 1
            if m is applicant_input and cleaned.phone:
                values["phone"] = cleaned.phone
            connection.execute(update(Person).where(Person.id == row.id).values(**values))
        persons = [person_ids[n] for n in numbers]
        detached = 0
        if not new_household:
            detached = len(connection.execute(
                update(Person).where(Person.household_id == household_id, Person.id.not_in(persons))
                .values(household_id=None, updated_at=now).returning(Person.id)
            ).all())
        head = facts.members.index(facts.head)
        if together:
            writer.execute(_HOUSEHOLD_HEAD, _NEW_HOUSEHOLD_HEAD_PG,
                           {"head": cleaned.members[head].resident_id, "updated_at": now})
        elif not writer.pipelined:
            sqlite_rows.execute(connection, _HOUSEHOLD_HEAD_SQLITE, [
                persons[head], sqlite_rows.bound(_HOUSEHOLDS, "updated_at", now, connection.dialect), household_id])
        else:
            writer.execute(_HOUSEHOLD_HEAD, _HOUSEHOLD_HEAD_PG,
                           {"household": household_id, "head": persons[head], "updated_at": now})

        # -- the application and what was declared on it. The receipt number is taken last (below):
        #    the counter row stays locked until commit, so every desk waits only for that short end.
        placeholder = number_or_placeholder(session, actor.hall_code or "", today)
        applicant_initials = pinyin_initials(applicant_input.name)
        created_application = writer.insert(Application, [dict(
            number=placeholder, hall_id=actor.hall_id, household_id=household_ref,
            applicant_id=persons[cleaned.applicant_index], applicant_name=applicant_input.name,
            applicant_initials=applicant_initials, status=ApplicationStatus.RECEIVED.value,
            channel=cleaned.channel.value, fast_track=fast_track, hukou_type=cleaned.hukou_type.value,
            housing=cleaned.housing.value, address=cleaned.address, phone=cleaned.phone,
            special_circumstances=json.dumps([c.value for c in cleaned.special_circumstances]),
            special_note=cleaned.special_note, no_able_supporter=cleaned.no_able_supporter,
            category=assessment.category.value, household_size=facts.size, received_at=now, received_on=today,
            received_by_id=actor.user_id, due_date=deadline.due_date, calendar_fallback=deadline.calendar_fallback,
            closed_at=None, notes=cleaned.notes, version=1, updated_at=now, updated_by_id=actor.user_id,
        )], returning=True)
        if not together:
            writer.sync()  # with the household's head
        # Every row of the application's attested state comes back as written (INSERT … RETURNING), so
        # the audit digest is computed from it without reading anything again.
        parts: dict[Any, Pending] = {}
        parts[ApplicationMember] = writer.insert(
            ApplicationMember,
            [{"application_id": NEW_APPLICATION if together else created_application.rows[0]["id"], "person_id": pid, "position": i, "resident_id": m.resident_id,
              "name": m.name, "relation": m.relation.value, "hukou_type": (m.hukou_type or cleaned.hukou_type).value,
              "health": m.health.value, "disability": m.disability.value, "disability_grade": m.disability_grade,
              "disability_needs_treatment": m.disability_needs_treatment,
              "labour_capacity": m.labour_capacity.value, "employment": m.employment.value,
              "schooling": m.schooling.value}
             for i, (m, pid) in enumerate(zip(cleaned.members, persons, strict=True))], returning=True)
        application_ref: Any
        member_id: Callable[[int | None], Any]
        if together:
            # The rest of the rows go in the same round trip: they name the application and its members by
            # expressions the server computes (a member by its position), not by ids sent back first.
            application_ref, member_id = NEW_APPLICATION, member_at
        else:
            writer.sync()
            application_ref = created_application.rows[0]["id"]
            members = [row["id"] for row in parts[ApplicationMember].rows]

            def member_id(index: int | None) -> int | None:
                return None if index is None else members[index]

        def insert_rows(model: Any, rows: list[dict[str, Any]]) -> None:
            """Queued: sent with the referrals (below), in one round trip on PostgreSQL."""
            pending = writer.insert(model, rows, returning=model in APPLICATION_PARTS)
            if model in APPLICATION_PARTS:
                parts[model] = pending

        insert_rows(ApplicationIncome, [
            {"application_id": application_ref, "member_id": member_id(i.member_index), "category": i.category.value,
             "amount_fen": i.amount_fen, "months": i.months, "exempt_item": i.exempt_item or None, "note": i.note}
            for i in cleaned.incomes])
        insert_rows(ApplicationDeduction, [
            {"application_id": application_ref, "member_id": member_id(d.member_index), "kind": d.kind.value,
             "amount_fen": d.amount_fen, "note": d.note} for d in cleaned.deductions])
        insert_rows(ApplicationAsset, [
            {"application_id": application_ref, "member_id": member_id(a.member_index), "kind": a.kind.value,
             "value_fen": a.value_fen, "quantity": a.quantity, "exempt": a.exempt, "note": a.note}
            for a in cleaned.assets])
        insert_rows(ApplicationExpense, [
            {"application_id": application_ref, "member_id": member_id(e.member_index), "kind": e.kind.value,
             "amount_fen": e.amount_fen, "note": e.note} for e in cleaned.expenses])
        insert_rows(RequestedItem, [{"application_id": application_ref, "assistance_type": t.value}
                                    for t in cleaned.requested_types])
        checklist = materials_checklist(pack, cleaned)
        saved_materials = [m for m in checklist if m.required or m.on_form]
        insert_rows(Material, [
            {"application_id": application_ref, "assistance_type": m.assistance_type.value, "code": m.code,
             "name": m.name, "received": m.received, "note": m.note} for m in saved_materials])
        if cleaned.declaration is not None:
            d = cleaned.declaration
            insert_rows(Declaration, [{
                "application_id": application_ref, "template_version": pack.version,
                "template_hash": commitment_hash(pack, d.double_commitment), "signer_name": d.signer_name,
                "method": d.method.value, "consent_verification": d.consent_verification,
                "consent_report_changes": d.consent_report_changes, "consent_consequences": d.consent_consequences,
                "double_commitment": d.double_commitment, "signed_at": now, "witness_id": actor.user_id,
            }])
        insert_rows(AssessmentRow, [{
            "application_id": application_ref, "category": assessment.category.value,
            "per_capita_income_fen": assessment.per_capita_monthly_income_fen,
            "counted_income_fen": assessment.counted_income_fen,
            "estimated_benefit_fen": assessment.estimated_monthly_benefit_fen,
            "temporary_min_fen": assessment.temporary_range_fen[0] if assessment.temporary_range_fen else None,
            "temporary_max_fen": assessment.temporary_range_fen[1] if assessment.temporary_range_fen else None,
            "explanation": _explanation(assessment), "policy_locality": pack.locality,
            "policy_version": pack.version, "policy_sha256": pack.sha256, "created_at": now,
            "created_by_id": actor.user_id,
        }])

        # -- post-checks (告知承诺制)
        post_checks: list[tuple[PostCheckKind, date]] = []
        created_checks: Pending | None = None
        if fast_track:
            post_checks = PostCheckPlan.from_pack(pack).due_dates(today, applicant_input.resident_id)
            created_checks = writer.insert(PostCheck, [
                {"application_id": application_ref, "kind": kind.value, "due_date": due_on, "status": "due",
                 "result": "", "done_at": None, "done_by_id": None, "version": 1}
                for kind, due_on in post_checks], returning=True)

        # -- the procedure (审核确认程序) starts at receipt: its first step and when each is due
        procedure_row = open_procedure_row(pack, ctx.calendar, application_id=application_ref,
                                           hall_id=actor.hall_id or 0, received_on=today,
                                           types=cleaned.requested_types, fast_track=fast_track, now=now)
        created_procedure = writer.insert(ApplicationProcedure, [procedure_row] if procedure_row is not None else [],
                                          returning=True)

        # -- referrals: numbered <receipt>-<DEPARTMENT> (one per department here) and started as
        #    services.referrals opens them (a "create" event, a referral.create audit event)
        submitted: list[SubmittedReferral] = []
        referral_rows: list[dict[str, Any]] = []
        fallback = set(deadline.fallback_years)
        for choice in cleaned.referrals:
            department = ctx.departments[choice.department_code]
            due = ctx.calendar.add_working_days_checked(today, pack.department(choice.department_code).referral_days)
            fallback |= due.fallback_years
            status = ReferralStatus.PENDING if choice.consent_given else ReferralStatus.PROPOSED
            if status is ReferralStatus.PENDING and not may_act(actor, ReferralAction.CONFIRM, ReferralStatus.PROPOSED,
                                                                department.id):
                status = ReferralStatus.PROPOSED  # the clerk's role may not confirm: it stays a proposal
            referral_rows.append({
                "number": f"{placeholder}-{choice.department_code.upper()}", "application_id": application_ref,
                "hall_id": actor.hall_id, "department_id": department.id, "status": status.value,
                "rule": choice.rule or ("clerk" if choice.added_by_clerk else ""), "reason": choice.reason.strip(),
                "facts": json.dumps(list(choice.facts), ensure_ascii=False),
                "member_names": "、".join(choice.member_names)[:400], "applicant_name": applicant_input.name,
                "applicant_initials": applicant_initials, "consent_given": choice.consent_given,
                "consent_at": now if choice.consent_given else None, "due_date": due.date, "created_at": now,
                "created_by_id": actor.user_id, "assigned_to_id": None, "sent_at": None, "finished_at": None,
                "outcome": "", "updated_at": now, "updated_by_id": actor.user_id, "version": 1,
            })
            submitted.append(SubmittedReferral(choice.department_code.upper(), choice.department_code,
                                               department.name, status, due.date, choice.consent_given))
        created_referrals = writer.insert(Referral, referral_rows, returning=True)
        writer.sync()  # everything queued since the members (the household, when new): one round trip on PostgreSQL
        application_row = created_application.rows[0]
        application_id: int = application_row["id"]
        referral_states = created_referrals.rows
        if referral_rows:
            referral_ids = [row["id"] for row in referral_states]
            insert_rows(ReferralEvent, [
                {"referral_id": rid, "at": now, "actor_id": actor.user_id, "actor_name": actor.display_name,
                 "action": REFERRAL_CREATED, "from_status": None, "to_status": r.status.value,
                 "note": _creation_note(c.added_by_clerk, c.consent_given)}
                for rid, r, c in zip(referral_ids, submitted, cleaned.referrals, strict=True)])

        # -- the end: the receipt number and the audit trail, the two locks every desk shares, taken
        #    only now that every other row is written (one statement on PostgreSQL, see submit_seal)
        missing = sum(1 for m in saved_materials if not m.received)
        referral_numbers = [f"{placeholder}-{r.number}" for r in submitted]
        post_check_rows = created_checks.rows if created_checks is not None else []
        procedure_state_row = created_procedure.rows[0] if created_procedure.rows else None
        number = seal(session, writer, actor, at=now, hall_code=actor.hall_code or "", day=today,
                      application_id=application_id, placeholder=placeholder, commit=last, events=[
            SealedEvent("application.submit", "application", placeholder, {
                "category": assessment.category.value, "household_size": facts.size, "fast_track": fast_track,
                "requested": [t.value for t in cleaned.requested_types], "due_date": deadline.due_date,
                "referrals": referral_numbers, "missing_materials": missing,
                "persons_created": len(new_people), "persons_renamed": renamed, "persons_detached": detached,
                "open_application_acknowledged": open_apps[0].number if open_apps else None,
                "policy": pack.version,
            }, application_state(application_row, {model: pending.rows for model, pending in parts.items()})),
            *[SealedEvent("referral.create", "referral", referral_number, {
                "application": placeholder, "department": r.department_code, "status": r.status.value,
                "due_date": r.due_date, "rule": row["rule"], "consent": r.consent_given,
            }, referral_state(state)) for r, row, referral_number, state
              in zip(submitted, referral_rows, referral_numbers, referral_states, strict=True)],
            *[SealedEvent("postcheck.schedule", "post_check", str(row["id"]),
                          {"application": placeholder, "kind": row["kind"], "due_date": row["due_date"]},
                          post_check_state(row))
              for row in sorted(post_check_rows, key=lambda r: r["id"])],
            # the procedure opened at receipt, attested as an entity of its own (services/entity_states.py)
            *([SealedEvent("procedure.open", "procedure", placeholder, {}, procedure_state(procedure_state_row))]
              if procedure_state_row is not None else []),
        ])
        submitted = [replace(r, number=f"{number}-{r.number}") for r in submitted]

        return SubmitResult(
            application_id=application_id, number=number, received_at=now, received_on=today,
            due_date=deadline.due_date, review_working_days=deadline.working_days, fast_track=fast_track,
            category=assessment.category, estimated_benefit_fen=assessment.estimated_monthly_benefit_fen,
            referrals=tuple(submitted), post_checks=tuple(post_checks),
            missing_materials=missing, calendar_fallback=bool(fallback), warning=fallback_warning(fallback),
            version=1,
        )


_HOUSEHOLD_HEAD_PG = "UPDATE households SET head_person_id = %(head)s, updated_at = %(updated_at)s WHERE id = %(household)s"
# The head of a household written in the same round trip (its people too): see ``together`` above. The id
# is computed once, before the table is read (a subquery): compared row by row, ``currval`` – a volatile
# function – kept the household's primary key from being used, and the statement read the whole table.
_NEW_HOUSEHOLD_HEAD_PG = ("UPDATE households SET head_person_id = (SELECT id FROM persons WHERE resident_id = %(head)s), "
                          f"updated_at = %(updated_at)s WHERE id = (SELECT {NEW_HOUSEHOLD.sql})")


# The household's head, once its members are registered (SQLAlchemy Core on SQLite, driver text on PostgreSQL).
_HOUSEHOLD_HEAD = (update(Household).where(Household.id == bindparam("household"))
                   .values(head_person_id=bindparam("head"), updated_at=bindparam("updated_at")))


class _Department(NamedTuple):
    id: int
    name: str


class _Known(NamedTuple):
    """A person already in the registry, as a submit looks them up by resident ID."""

    id: int
    resident_id: str
    name: str
    household_id: int | None


# The first reads of a submit on PostgreSQL, sent together (driver text, read in one round trip).
_DEPARTMENTS_PG = "SELECT code, id, name FROM departments WHERE active"
_CALENDAR_PG = "SELECT day, is_working_day FROM calendar_overrides"
# One lookup by the resident ID's unique index for each number: ``resident_id = ANY(…)`` was planned, once
# per connection, as a scan of the whole table while it was small, and the connection kept that plan.
_PERSONS_PG = ("SELECT p.id, p.resident_id, p.name, p.household_id FROM unnest(CAST(%(numbers)s AS varchar[])) AS n(number), "
               "LATERAL (SELECT id, resident_id, name, household_id FROM persons WHERE resident_id = n.number LIMIT 1) AS p")


@dataclass
class _SubmitContext:
    """What every intake in one transaction shares: the pack, the calendar, the departments – and the
    registry rows of the first form's people when they were read with the rest."""

    pack: PolicyPack
    calendar: WorkCalendar
    departments: dict[str, _Department]
    persons: tuple[tuple[str, ...], list[_Known]] | None = None

    def take_persons(self, numbers: Sequence[str]) -> list[_Known] | None:
        """The registry rows of ``numbers`` when they were read already (once), else None."""
        found, self.persons = self.persons, None
        if found is None or found[0] != tuple(numbers):
            return None
        return found[1]


def _departments_named(pack: PolicyPack, rows: Sequence[tuple[str, int, str]]) -> dict[str, _Department] | None:
    """The active departments the pack names, or None when one of them is missing (not synced yet)."""
    named = {spec.code for spec in pack.departments}
    departments = {code: _Department(i, name) for code, i, name in rows if code in named}
    return departments if len(departments) == len(named) else None


def _first_reads(first: tuple[IntakeForm, dict[str, str]] | None) -> list[tuple[str, Mapping[str, Any]]]:
    """What a submit reads first on PostgreSQL: departments, calendar overrides, the first form's people."""
    statements: list[tuple[str, Mapping[str, Any]]] = [(_DEPARTMENTS_PG, {}), (_CALENDAR_PG, {})]
    if first is not None and not first[1]:
        statements.append((_PERSONS_PG, {"numbers": [m.resident_id for m in first[0].members]}))
    return statements


def _open_context(service: IntakeService, session: Session, pack: PolicyPack, now: datetime,
                  first: tuple[IntakeForm, dict[str, str]] | None,
                  reads: signed_in.FirstReads | None) -> _SubmitContext:
    """Read what the submits share (on PostgreSQL with the first form's registry rows, in the round trip
    that checks the caller's account); departments the pack names but the table lacks are synced."""
    persons: tuple[tuple[str, ...], list[_Known]] | None = None
    department_rows: Sequence[Any]
    calendar_rows: Sequence[Any]
    if reads is not None:
        results = reads.results if reads.results is not None else read_together(session.connection(),
                                                                                  reads.statements)
        department_rows, calendar_rows = results[0], results[1]
        if len(results) > 2 and first is not None:
            persons = (tuple(m.resident_id for m in first[0].members), [_Known(*row) for row in results[2]])
    else:  # SQLite: straight to the driver (services/sqlite_rows.py)
        connection = session.connection()
        department_rows = sqlite_rows.execute(connection, _DEPARTMENTS_SQLITE)
        dialect = connection.dialect
        calendar_rows = [(sqlite_rows.read(_CALENDAR_TABLE, "day", day, dialect), working)
                         for day, working in sqlite_rows.execute(connection, _CALENDAR_SQLITE)]
    departments = _departments_named(pack, department_rows)
    if departments is None:
        sync_departments(session, pack, now)  # a database set up before the pack named them
        departments = _departments_named(pack, session.connection().execute(_DEPARTMENTS).all())
        assert departments is not None
    return _SubmitContext(pack, service._calendar_of(calendar_rows), departments, persons)


_DEPARTMENTS = select(Department.code, Department.id, Department.name).where(Department.active)
_DEPARTMENTS_SQLITE = "SELECT code, id, name FROM departments WHERE active"
_CALENDAR_SQLITE = "SELECT day, is_working_day FROM calendar_overrides"
_CALENDAR_TABLE: Table = CalendarOverride.__table__  # type: ignore[assignment]
_HOUSEHOLDS: Table = Household.__table__  # type: ignore[assignment]
_HOUSEHOLD_HEAD_SQLITE = "UPDATE households SET head_person_id = ?, updated_at = ? WHERE id = ?"


def _persons_sqlite(connection: Connection, numbers: Sequence[str]) -> list[_Known]:
    """The registry rows of ``numbers`` on SQLite, straight to the driver."""
    marks = ", ".join("?" * len(numbers))
    return [_Known(*row) for row in sqlite_rows.execute(
        connection, f"SELECT id, resident_id, name, household_id FROM persons WHERE resident_id IN ({marks})",
        numbers)]
