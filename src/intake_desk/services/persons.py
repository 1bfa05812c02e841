"""The person registry at the desk: find a person, see the household as last declared, earlier applications.

Search text is read as what it looks like: digits (maybe ending in X) are the start of a resident ID
number, ASCII letters the pinyin initials of a name (``zs`` finds 张三), anything else the start of
a name. Every search is a prefix match on an indexed column, so it stays fast on a large registry.

These functions work inside a session the service opened; :class:`IntakeService` checks permissions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session, selectinload

from intake_desk.domain.enums import (
    ApplicationStatus,
    AssetKind,
    AssistanceType,
    Category,
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
)
from intake_desk.domain.masking import mask_resident_id
from intake_desk.domain.names import MIDDLE_DOT
from intake_desk.domain.text import halfwidth
from intake_desk.services.intake_form import (
    AssetInput,
    DeductionInput,
    ExpenseInput,
    IncomeInput,
    IntakeForm,
    MemberInput,
)
from intake_desk.store.models import Application, ApplicationMember, Household, Person, RequestedItem

__all__ = [
    "OPEN_STATUSES",
    "ApplicationSummary",
    "OpenApplicationWarning",
    "PersonLookup",
    "PersonRow",
    "SearchKind",
    "classify_search",
    "prefix_match",
]

OPEN_STATUSES = tuple(s.value for s in ApplicationStatus if s.is_open)
_ID_PREFIX = re.compile(r"[0-9]{1,17}[0-9Xx]?", re.ASCII)
_INITIALS = re.compile(r"[A-Za-z]+", re.ASCII)
_DOTS = str.maketrans({c: MIDDLE_DOT for c in "\u2022\u30fb\u2027\uff65\u2219\u22c5"})


# ------------------------------------------------------------------------------------------------
# results
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonRow:
    """A search hit; the ID number is masked (open it with ``lookup_person(person_id=…)``)."""

    person_id: int
    name: str
    resident_id_masked: str
    sex: Sex
    birth_date: date
    household_id: int | None


@dataclass(frozen=True)
class ApplicationSummary:
    """An earlier application of the person or household."""

    number: str
    received_at: datetime
    received_on: date
    status: ApplicationStatus
    category: Category | None
    requested_types: tuple[AssistanceType, ...]
    applicant_name: str
    household_size: int
    fast_track: bool
    due_date: date

    @property
    def is_open(self) -> bool:
        return self.status.is_open


@dataclass(frozen=True)
class OpenApplicationWarning:
    """重复救助 – the household already has an application that is not finished."""

    number: str
    status: ApplicationStatus
    received_on: date
    applicant_name: str
    due_date: date

    @property
    def message(self) -> str:
        return (
            f"该家庭已有未办结的申请 {self.number}（{self.status.zh}，{self.received_on:%Y-%m-%d} 受理，"
            f"申请人 {self.applicant_name}），请核实是否重复申请 / The household already has an open "
            f"application {self.number} ({self.status.en.lower()}, received {self.received_on:%Y-%m-%d}, "
            f"applicant {self.applicant_name}); check that this is not a duplicate"
        )


@dataclass(frozen=True)
class PersonLookup:
    """A registered person, the household as last declared (as a form to start from) and history."""

    person_id: int
    resident_id: str
    name: str
    sex: Sex
    birth_date: date
    age: int
    phone: str
    household_id: int | None
    form: IntakeForm
    """Members, hukou, housing, address, phone and the last declared economic facts, pre-filled;
    the requested types, materials, declaration and referrals start empty."""
    last_application_number: str | None
    applications: tuple[ApplicationSummary, ...]
    open_application: OpenApplicationWarning | None


# ------------------------------------------------------------------------------------------------
# search
# ------------------------------------------------------------------------------------------------


class SearchKind:
    RESIDENT_ID = "resident_id"
    INITIALS = "initials"
    NAME = "name"


def classify_search(text: str) -> tuple[str, str]:
    """``(kind, prefix)``: an ID prefix (upper-case X), pinyin initials (lower case) or a name prefix."""
    compact = halfwidth(text).strip().replace(" ", "")
    if compact and _ID_PREFIX.fullmatch(compact):
        return SearchKind.RESIDENT_ID, compact.upper()
    if compact and _INITIALS.fullmatch(compact):
        return SearchKind.INITIALS, compact.lower()
    # A name is never NFKC-normalised (it would rewrite rare characters); only look-alike dots.
    return SearchKind.NAME, re.sub(r"\s+", " ", text.translate(_DOTS)).strip()


def _next_prefix(prefix: str) -> str:
    """The smallest string above every string that starts with ``prefix`` (code-point order)."""
    last = ord(prefix[-1]) + 1
    if 0xD800 <= last <= 0xDFFF:
        last = 0xE000
    if last > 0x10FFFF:
        return prefix + "\U0010ffff"
    return prefix[:-1] + chr(last)


def prefix_match(session: Session, column: Any, prefix: str) -> ColumnElement[bool]:
    """``column`` starts with ``prefix``, in a form the column's index answers.

    SQLite compares text by code point, so a half-open range is exact and uses the index (SQLite's
    LIKE is case-insensitive and skips the index). On PostgreSQL ``LIKE 'prefix%'`` is exact under
    every collation and uses the index when the database collation is C.
    """
    if session.get_bind().dialect.name == "sqlite":
        return and_(column >= prefix, column < _next_prefix(prefix))
    return column.startswith(prefix, autoescape=True)  # type: ignore[no-any-return]


def search_persons(session: Session, text: str, limit: int = 50, *,
                   within: ColumnElement[bool] | None = None) -> list[PersonRow]:
    """``within``: the searcher's scope (``services.scope.person_condition``)."""
    kind, prefix = classify_search(text)
    if not prefix:
        return []
    query = select(Person.id, Person.name, Person.resident_id, Person.sex, Person.birth_date, Person.household_id)
    if within is not None:
        query = query.where(within)
    if kind == SearchKind.RESIDENT_ID:
        query = query.where(prefix_match(session, Person.resident_id, prefix)).order_by(Person.resident_id)
    elif kind == SearchKind.INITIALS:
        query = query.where(prefix_match(session, Person.name_initials, prefix)).order_by(
            Person.name_initials, Person.id
        )
    else:
        query = query.where(prefix_match(session, Person.name, prefix)).order_by(Person.name, Person.id)
    rows = session.execute(query.limit(max(1, min(limit, 500)))).all()
    return [PersonRow(pid, name, mask_resident_id(rid), Sex(sex), birth, hh) for pid, name, rid, sex, birth, hh in rows]


# ------------------------------------------------------------------------------------------------
# the household and its applications
# ------------------------------------------------------------------------------------------------


def _summaries(session: Session, applications: Sequence[Application]) -> list[ApplicationSummary]:
    ids = [a.id for a in applications]
    types: dict[int, list[AssistanceType]] = {i: [] for i in ids}
    if ids:
        for app_id, value in session.execute(
            select(RequestedItem.application_id, RequestedItem.assistance_type)
            .where(RequestedItem.application_id.in_(ids)).order_by(RequestedItem.id)
        ):
            types[app_id].append(AssistanceType(value))
    return [
        ApplicationSummary(
            number=a.number, received_at=a.received_at, received_on=a.received_on,
            status=ApplicationStatus(a.status), category=Category(a.category) if a.category else None,
            requested_types=tuple(types[a.id]), applicant_name=a.applicant_name,
            household_size=a.household_size, fast_track=a.fast_track, due_date=a.due_date,
        )
        for a in applications
    ]


def related_applications(session: Session, person_ids: Iterable[int], household_ids: Iterable[int | None], *,
                         open_only: bool = False, limit: int = 20) -> list[Application]:
    """Applications on which any of the persons is a declared member, or of any of the households."""
    pids = sorted(set(person_ids))
    hids = sorted({h for h in household_ids if h is not None})
    conditions: list[ColumnElement[bool]] = []
    if pids:
        conditions.append(Application.id.in_(
            select(ApplicationMember.application_id).where(ApplicationMember.person_id.in_(pids))
        ))
    if hids:
        conditions.append(Application.household_id.in_(hids))
    if not conditions:
        return []
    query = select(Application).where(or_(*conditions))
    if open_only:
        query = query.where(Application.status.in_(OPEN_STATUSES))
    query = query.order_by(Application.received_at.desc(), Application.id.desc()).limit(limit)
    return list(session.scalars(query))


def open_warning(application: Application | None) -> OpenApplicationWarning | None:
    if application is None:
        return None
    return OpenApplicationWarning(application.number, ApplicationStatus(application.status),
                                  application.received_on, application.applicant_name, application.due_date)


def form_from_application(application: Application, applicant_person_id: int) -> IntakeForm:
    """The declared household of ``application`` as a new form, with the person as applicant."""
    members = list(application.members)
    index_of = {m.id: i for i, m in enumerate(members)}

    def ref(member_id: int | None) -> int | None:
        return None if member_id is None else index_of.get(member_id)

    applicant_index = next((i for i, m in enumerate(members) if m.person_id == applicant_person_id), 0)
    return IntakeForm(
        members=tuple(
            MemberInput(
                resident_id=m.resident_id, name=m.name, relation=Relation(m.relation),
                hukou_type=HukouType(m.hukou_type), health=Health(m.health),
                disability=DisabilityCategory(m.disability), disability_grade=m.disability_grade,
                disability_needs_treatment=m.disability_needs_treatment,
                labour_capacity=LabourCapacity(m.labour_capacity), employment=Employment(m.employment),
                schooling=SchoolingStage(m.schooling),
            )
            for m in members
        ),
        applicant_index=applicant_index,
        hukou_type=HukouType(application.hukou_type),
        housing=HousingCondition(application.housing),
        address=application.address,
        phone=application.phone,
        incomes=tuple(
            IncomeInput(ref(i.member_id), IncomeCategory(i.category), i.amount_fen, i.months, i.note, i.exempt_item)
            for i in sorted(application.incomes, key=lambda r: r.id)
        ),
        deductions=tuple(
            DeductionInput(ref(d.member_id), DeductionKind(d.kind), d.amount_fen, d.note)
            for d in sorted(application.deductions, key=lambda r: r.id)
        ),
        assets=tuple(
            AssetInput(ref(a.member_id), AssetKind(a.kind), a.value_fen, a.quantity, a.note, a.exempt)
            for a in sorted(application.assets, key=lambda r: r.id)
        ),
        expenses=tuple(
            ExpenseInput(ref(e.member_id), ExpenseKind(e.kind), e.amount_fen, e.note)
            for e in sorted(application.expenses, key=lambda r: r.id)
        ),
        no_able_supporter=application.no_able_supporter,
    )


def lookup(session: Session, person: Person, today: date) -> PersonLookup:
    """Everything the desk shows when the applicant's ID is typed."""
    last_id = session.scalar(
        select(ApplicationMember.application_id)
        .join(Application, Application.id == ApplicationMember.application_id)
        .where(ApplicationMember.person_id == person.id)
        .order_by(Application.received_at.desc(), Application.id.desc())
        .limit(1)
    )
    last: Application | None = None
    if last_id is not None:
        last = session.scalar(
            select(Application).where(Application.id == last_id).options(
                selectinload(Application.members), selectinload(Application.incomes),
                selectinload(Application.deductions), selectinload(Application.assets),
                selectinload(Application.expenses),
            )
        )
    if last is not None:
        form = form_from_application(last, person.id)
    else:
        household = session.get(Household, person.household_id) if person.household_id else None
        hukou = HukouType(household.hukou_type) if household else HukouType.URBAN
        form = IntakeForm(
            members=(MemberInput(resident_id=person.resident_id, name=person.name, relation=Relation.SELF),),
            hukou_type=hukou, address=household.address if household else "", phone=person.phone,
        )
    member_person_ids = [person.id]
    if last is not None:
        member_person_ids += [m.person_id for m in last.members]
    history = related_applications(session, [person.id], [person.household_id])
    open_apps = [a for a in history if ApplicationStatus(a.status).is_open]
    if not open_apps:
        open_apps = related_applications(session, member_person_ids, [person.household_id], open_only=True, limit=1)
    birth = person.birth_date
    age = today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
    return PersonLookup(
        person_id=person.id, resident_id=person.resident_id, name=person.name, sex=Sex(person.sex),
        birth_date=birth, age=age, phone=person.phone, household_id=person.household_id, form=form,
        last_application_number=last.number if last is not None else None,
        applications=tuple(_summaries(session, history)),
        open_application=open_warning(open_apps[0] if open_apps else None),
    )
