"""Applications after the desk: the list (search, count), one application in full, status changes.

Lists show resident ID numbers masked (first 6 and last 4). Showing a full number needs the
``REVEAL_ID`` permission and is written to the audit trail. A status change names the version the
clerk saw; if somebody saved the application since, the change is refused with who did it.
Accounts attached to a hall see that hall's applications.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from intake_desk.domain.enums import (
    ApplicationStatus,
    AssetKind,
    AssistanceType,
    Category,
    Channel,
    DeductionKind,
    DisabilityCategory,
    DocumentKind,
    Employment,
    ExpenseKind,
    Health,
    HousingCondition,
    HukouType,
    IncomeCategory,
    LabourCapacity,
    PostCheckKind,
    PostCheckStatus,
    ReferralStatus,
    Relation,
    SchoolingStage,
    Sex,
    SpecialCircumstance,
)
from intake_desk.domain.masking import mask_resident_id
from intake_desk.domain.resident_id import InvalidResidentId, parse_resident_id
from intake_desk.services import audit, scope
from intake_desk.services.actor import Actor
from intake_desk.services.clock import Clock, local
from intake_desk.services.errors import ConflictError, InvalidTransition, NotFound
from intake_desk.services.permissions import Permission, require
from intake_desk.services.persons import SearchKind, classify_search, prefix_match
from intake_desk.store.db import Database
from intake_desk.store.models import (
    Application,
    Assessment,
    Declaration,
    Department,
    Hall,
    Person,
    PostCheck,
    PrintedDocument,
    Referral,
    User,
)

__all__ = [
    "ApplicationDetail",
    "ApplicationRow",
    "ApplicationService",
    "AssessmentDetail",
    "DeclarationDetail",
    "MemberDetail",
    "PostCheckDetail",
    "PrintedDocumentDetail",
    "ReferralDetail",
    "STATUS_TRANSITIONS",
]

S = ApplicationStatus
AnySelect = Select[*tuple[Any, ...]]
STATUS_TRANSITIONS: dict[ApplicationStatus, frozenset[ApplicationStatus]] = {
    S.RECEIVED: frozenset({S.UNDER_REVIEW, S.APPROVED, S.REJECTED, S.WITHDRAWN}),
    S.UNDER_REVIEW: frozenset({S.APPROVED, S.REJECTED, S.WITHDRAWN}),
    S.APPROVED: frozenset({S.CLOSED}),
    S.REJECTED: frozenset({S.CLOSED}),
    S.WITHDRAWN: frozenset(),
    S.CLOSED: frozenset(),
}
"""Which status may follow which; received → under review → approved | rejected → closed; withdrawn while open."""

_NUMBERISH = re.compile(r"[0-9A-Za-z\-]+", re.ASCII)


# ------------------------------------------------------------------------------------------------
# results
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ApplicationRow:
    """One line of the application list (ID masked)."""

    id: int
    number: str
    received_at: datetime
    received_on: date
    applicant_name: str
    applicant_id_masked: str
    status: ApplicationStatus
    category: Category | None
    fast_track: bool
    household_size: int
    due_date: date
    channel: Channel
    version: int
    overdue: bool


@dataclass(frozen=True)
class MemberDetail:
    position: int
    name: str
    resident_id: str
    """Masked unless the detail was opened with ``reveal=True``."""
    relation: Relation
    sex: Sex
    birth_date: date
    age: int
    """周岁 on the day the application was received."""
    hukou_type: HukouType
    health: Health
    disability: DisabilityCategory
    disability_grade: int | None
    disability_needs_treatment: bool
    labour_capacity: LabourCapacity
    employment: Employment
    schooling: SchoolingStage


@dataclass(frozen=True)
class IncomeDetail:
    member_position: int | None
    member_name: str
    category: IncomeCategory
    amount_fen: int
    months: int
    exempt_item: str | None
    note: str


@dataclass(frozen=True)
class DeductionDetail:
    member_position: int | None
    member_name: str
    kind: DeductionKind
    amount_fen: int
    note: str


@dataclass(frozen=True)
class AssetDetail:
    member_position: int | None
    member_name: str
    kind: AssetKind
    value_fen: int
    quantity: int
    exempt: bool
    note: str


@dataclass(frozen=True)
class ExpenseDetail:
    member_position: int | None
    member_name: str
    kind: ExpenseKind
    amount_fen: int
    note: str


@dataclass(frozen=True)
class MaterialDetail:
    assistance_type: AssistanceType
    code: str
    name: str
    received: bool
    note: str


@dataclass(frozen=True)
class DeclarationDetail:
    """告知承诺书 as signed."""

    template_version: str
    template_hash: str
    signer_name: str
    method: str
    consent_verification: bool
    consent_report_changes: bool
    consent_consequences: bool
    double_commitment: bool
    signed_at: datetime
    witness_name: str


@dataclass(frozen=True)
class AssessmentDetail:
    """综合评估 as made at the desk, with the steps read out to the applicant."""

    category: Category
    per_capita_income_fen: int
    counted_income_fen: int
    estimated_benefit_fen: int | None
    temporary_min_fen: int | None
    temporary_max_fen: int | None
    steps: tuple[str, ...]
    standard_monthly_fen: int | None
    assets_within_limits: bool | None
    asset_findings: tuple[str, ...]
    policy_locality: str
    policy_version: str
    policy_sha256: str
    created_at: datetime
    created_by_name: str
    steps_en: tuple[str, ...] = ()
    """The steps in English (empty for an assessment stored before they were kept)."""

    def steps_in(self, language: str) -> tuple[str, ...]:
        return self.steps if language.startswith("zh") or not self.steps_en else self.steps_en


@dataclass(frozen=True)
class ReferralDetail:
    id: int
    number: str
    department_code: str
    department_name: str
    status: ReferralStatus
    rule: str
    reason: str
    facts: tuple[str, ...]
    member_names: tuple[str, ...]
    consent_given: bool
    consent_at: datetime | None
    due_date: date
    created_at: datetime
    sent_at: datetime | None
    finished_at: datetime | None
    outcome: str
    version: int
    overdue: bool


@dataclass(frozen=True)
class PrintedDocumentDetail:
    document_number: str
    kind: DocumentKind
    department_code: str | None
    copy_no: int
    sha256: str
    output: str
    printed_at: datetime
    printed_by_name: str


@dataclass(frozen=True)
class PostCheckDetail:
    id: int
    kind: PostCheckKind
    due_date: date
    status: PostCheckStatus
    result: str
    done_at: datetime | None
    version: int


@dataclass(frozen=True)
class ApplicationDetail:
    """One application in full, as declared and as handled since."""

    id: int
    number: str
    version: int
    status: ApplicationStatus
    channel: Channel
    fast_track: bool
    hall_code: str
    hall_name: str
    applicant_name: str
    applicant_position: int
    applicant_id: str
    """Masked unless opened with ``reveal=True``."""
    id_revealed: bool
    phone: str
    hukou_type: HukouType
    housing: HousingCondition
    address: str
    special_circumstances: tuple[SpecialCircumstance, ...]
    special_note: str
    no_able_supporter: bool
    category: Category | None
    household_size: int
    received_at: datetime
    received_on: date
    received_by_name: str
    due_date: date
    calendar_fallback: bool
    closed_at: datetime | None
    notes: str
    updated_at: datetime
    updated_by_name: str
    members: tuple[MemberDetail, ...]
    incomes: tuple[IncomeDetail, ...]
    deductions: tuple[DeductionDetail, ...]
    assets: tuple[AssetDetail, ...]
    expenses: tuple[ExpenseDetail, ...]
    requested_types: tuple[AssistanceType, ...]
    materials: tuple[MaterialDetail, ...]
    declaration: DeclarationDetail | None
    assessment: AssessmentDetail | None
    referrals: tuple[ReferralDetail, ...]
    printed: tuple[PrintedDocumentDetail, ...]
    post_checks: tuple[PostCheckDetail, ...]

    @property
    def missing_materials(self) -> tuple[MaterialDetail, ...]:
        """For the one-time notice (一次性告知书)."""
        return tuple(m for m in self.materials if not m.received)


# ------------------------------------------------------------------------------------------------
# helpers
# ------------------------------------------------------------------------------------------------


def _age(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _names(session: Session, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = sorted({i for i in ids if i})
    if not wanted:
        return {}
    rows = session.execute(select(User.id, User.display_name).where(User.id.in_(wanted)))
    return {user_id: name for user_id, name in rows}


def _json_list(text: str) -> tuple[str, ...]:
    try:
        value = json.loads(text or "[]")
    except ValueError:
        return (text,) if text else ()
    return tuple(str(v) for v in value) if isinstance(value, list) else (str(value),)


def conflict(number: str, who: str, at: datetime | None, version: int | None) -> ConflictError:
    when = f"{local(at):%Y-%m-%d %H:%M}" if at else ""
    return ConflictError(
        f"申请 {number} 已被 {who} 于 {when} 修改，请刷新后再操作 / "
        f"Application {number} was changed by {who} at {when}; reload it and try again",
        changed_by=who, current_version=version,
    )


def member_birth_and_sex(resident_id: str, received_on: date) -> tuple[date, Sex]:
    try:
        rid = parse_resident_id(resident_id, today=received_on)
    except InvalidResidentId:  # stored numbers were checked on submit; an old row may be odd
        return date(1900, 1, 1), Sex.MALE
    return rid.birth_date, rid.sex


def _row_query() -> AnySelect:
    query: AnySelect = select(
        Application.id, Application.number, Application.received_at, Application.received_on,
        Application.applicant_name, Person.resident_id, Application.status, Application.category,
        Application.fast_track, Application.household_size, Application.due_date, Application.channel,
        Application.version,
    ).join(Person, Person.id == Application.applicant_id)
    return query


# ------------------------------------------------------------------------------------------------
# the service
# ------------------------------------------------------------------------------------------------


class ApplicationService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    # -- the list --------------------------------------------------------------------------------
    def _filtered(
        self, session: Session, actor: Actor, query: AnySelect, text: str | None,
        status: ApplicationStatus | Iterable[ApplicationStatus] | None, category: Category | None,
        date_from: date | None, date_to: date | None, fast_track: bool | None,
    ) -> AnySelect:
        searching = bool(text and text.strip())
        if not searching:  # a search puts the hall into each of its alternatives (_text_condition)
            query = query.where(scope.hall_condition(actor, Application.hall_id))
        if status is not None:
            statuses = [status] if isinstance(status, ApplicationStatus) else list(status)
            query = query.where(Application.status.in_([s.value for s in statuses]))
        if category is not None:
            query = query.where(Application.category == category.value)
        if date_from is not None:
            query = query.where(Application.received_on >= date_from)
        if date_to is not None:
            query = query.where(Application.received_on <= date_to)
        if fast_track is not None:
            query = query.where(Application.fast_track.is_(fast_track))
        if searching and text:
            condition = self._text_condition(session, actor, text)
            if condition is None:
                return query.where(Application.id < 0)
            query = query.where(condition)
        return query

    def _text_condition(self, session: Session, actor: Actor, text: str) -> ColumnElement[bool] | None:
        """The search text as alternatives, each with the actor's hall in the form its index wants.

        Names and initials have (hall, name) indexes, so the hall is compared plainly. A receipt or ID
        number is narrower than any hall: there ``hall_id + 0`` keeps the planner on the number's own
        index instead of walking the hall's applications.
        """
        kind, prefix = classify_search(text)
        if not prefix:
            return None
        hall = actor.hall_id

        def in_hall(condition: ColumnElement[bool], *, indexed: bool) -> ColumnElement[bool]:
            if hall is None:
                return condition
            return and_(Application.hall_id == hall if indexed else (Application.hall_id + 0) == hall, condition)

        if kind == SearchKind.NAME and not _NUMBERISH.fullmatch(prefix):
            return in_hall(prefix_match(session, Application.applicant_name, prefix), indexed=True)
        number = prefix.upper()
        candidates = [number]
        if actor.hall_code and not number.startswith(actor.hall_code.upper()) and number[:1].isdigit():
            candidates.append(f"{actor.hall_code.upper()}-{number}")
        conditions = [in_hall(prefix_match(session, Application.number, c), indexed=False) for c in candidates]
        if kind == SearchKind.INITIALS:
            conditions.append(in_hall(prefix_match(session, Application.applicant_initials, prefix.lower()),
                                      indexed=True))
        elif kind == SearchKind.RESIDENT_ID and len(prefix) >= 6:
            conditions.append(in_hall(Application.applicant_id.in_(
                select(Person.id).where(prefix_match(session, Person.resident_id, prefix))
            ), indexed=False))
        return or_(*conditions)

    def search(
        self, actor: Actor, text: str | None = None, *,
        status: ApplicationStatus | Iterable[ApplicationStatus] | None = None, category: Category | None = None,
        date_from: date | None = None, date_to: date | None = None, fast_track: bool | None = None,
        offset: int = 0, limit: int = 50,
    ) -> list[ApplicationRow]:
        """Applications newest first. ``text``: a receipt number (prefix, the hall code may be left
        out), a name prefix, pinyin initials or the start of the applicant's resident ID."""
        require(actor, Permission.APPLICATION_VIEW)
        with self.db.reading() as session:
            query = self._filtered(session, actor, _row_query(), text, status, category, date_from, date_to,
                                   fast_track)
            query = query.order_by(Application.received_at.desc(), Application.id.desc())
            return self._rows(session, query.offset(max(0, offset)).limit(max(0, min(limit, 1000))))

    def _rows(self, session: Session, query: AnySelect) -> list[ApplicationRow]:
        today = self.clock.today()
        result = []
        for r in session.execute(query).all():
            status_value = ApplicationStatus(r.status)
            result.append(ApplicationRow(
                id=r.id, number=r.number, received_at=r.received_at, received_on=r.received_on,
                applicant_name=r.applicant_name, applicant_id_masked=mask_resident_id(r.resident_id),
                status=status_value, category=Category(r.category) if r.category else None,
                fast_track=r.fast_track, household_size=r.household_size, due_date=r.due_date,
                channel=Channel(r.channel), version=r.version,
                overdue=status_value.is_open and today > r.due_date,
            ))
        return result

    def count(
        self, actor: Actor, text: str | None = None, *,
        status: ApplicationStatus | Iterable[ApplicationStatus] | None = None, category: Category | None = None,
        date_from: date | None = None, date_to: date | None = None, fast_track: bool | None = None,
    ) -> int:
        require(actor, Permission.APPLICATION_VIEW)
        with self.db.reading() as session:
            query = select(func.count(Application.id))
            query = self._filtered(session, actor, query, text, status, category, date_from, date_to, fast_track)
            return int(session.scalar(query) or 0)

    # -- one application -------------------------------------------------------------------------
    def _load(self, session: Session, actor: Actor, number: str) -> Application:
        application = session.scalar(select(Application).where(Application.number == number.strip().upper()))
        if application is None or not scope.may_see_hall(actor, application.hall_id):
            raise NotFound(f"没有受理编号为 {number} 的申请 / No application has the number {number}")
        return application

    def get(self, actor: Actor, number: str, *, reveal: bool = False) -> ApplicationDetail:
        """The application in full; ``reveal=True`` shows full ID numbers (REVEAL_ID, audited)."""
        require(actor, Permission.APPLICATION_VIEW)
        if reveal:
            require(actor, Permission.REVEAL_ID)
            with self.db.transaction() as session:
                application = self._load(session, actor, number)
                audit.record(session, actor, "application.reveal_id", "application", application.number,
                             {"members": application.household_size}, at=self.clock.now())
                return self._detail(session, application, reveal=True)
        with self.db.reading() as session:
            return self._detail(session, self._load(session, actor, number), reveal=False)

    def _detail(self, session: Session, app: Application, *, reveal: bool) -> ApplicationDetail:
        app = session.scalars(
            select(Application).where(Application.id == app.id).options(
                selectinload(Application.members), selectinload(Application.incomes),
                selectinload(Application.deductions), selectinload(Application.assets),
                selectinload(Application.expenses), selectinload(Application.requested_items),
                selectinload(Application.materials),
            ).execution_options(populate_existing=True)
        ).one()
        today = self.clock.today()
        hall = session.get(Hall, app.hall_id)
        declaration = session.scalar(select(Declaration).where(Declaration.application_id == app.id))
        assessment = session.scalar(
            select(Assessment).where(Assessment.application_id == app.id).order_by(Assessment.id.desc()).limit(1)
        )
        referrals = session.execute(
            select(Referral, Department.code, Department.name).join(Department, Department.id == Referral.department_id)
            .where(Referral.application_id == app.id).order_by(Referral.id)
        ).all()
        printed = session.execute(
            select(PrintedDocument, Department.code).outerjoin(Department, Department.id == PrintedDocument.department_id)
            .where(PrintedDocument.application_id == app.id).order_by(PrintedDocument.id)
        ).all()
        checks = list(session.scalars(select(PostCheck).where(PostCheck.application_id == app.id)
                                      .order_by(PostCheck.due_date, PostCheck.id)))
        users = _names(session, [app.received_by_id, app.updated_by_id,
                                 declaration.witness_id if declaration else None,
                                 assessment.created_by_id if assessment else None,
                                 *(p.printed_by_id for p, _ in printed)])

        members = list(app.members)
        position = {m.id: m.position for m in members}
        name_of = {m.id: m.name for m in members}

        def who(member_id: int | None) -> tuple[int | None, str]:
            if member_id is None:
                return None, "家庭"
            return position.get(member_id), name_of.get(member_id, "")

        member_details = []
        for m in members:
            birth, sex = member_birth_and_sex(m.resident_id, app.received_on)
            member_details.append(MemberDetail(
                position=m.position, name=m.name,
                resident_id=m.resident_id if reveal else mask_resident_id(m.resident_id),
                relation=Relation(m.relation), sex=sex, birth_date=birth, age=_age(birth, app.received_on),
                hukou_type=HukouType(m.hukou_type), health=Health(m.health),
                disability=DisabilityCategory(m.disability), disability_grade=m.disability_grade,
                disability_needs_treatment=m.disability_needs_treatment,
                labour_capacity=LabourCapacity(m.labour_capacity), employment=Employment(m.employment),
                schooling=SchoolingStage(m.schooling),
            ))
        applicant = next((m for m in members if m.person_id == app.applicant_id), members[0] if members else None)
        applicant_rid = applicant.resident_id if applicant else ""

        assessment_detail = None
        if assessment is not None:
            try:
                explained: Any = json.loads(assessment.explanation)
            except ValueError:
                explained = {"steps": assessment.explanation.splitlines()}
            if not isinstance(explained, dict):
                explained = {"steps": [str(explained)]}
            assessment_detail = AssessmentDetail(
                category=Category(assessment.category), per_capita_income_fen=assessment.per_capita_income_fen,
                counted_income_fen=assessment.counted_income_fen,
                estimated_benefit_fen=assessment.estimated_benefit_fen,
                temporary_min_fen=assessment.temporary_min_fen, temporary_max_fen=assessment.temporary_max_fen,
                steps=tuple(str(s) for s in explained.get("steps", [])),
                standard_monthly_fen=explained.get("standard_monthly_fen"),
                assets_within_limits=explained.get("assets_within_limits"),
                asset_findings=tuple(explained.get("asset_findings", [])),
                policy_locality=assessment.policy_locality, policy_version=assessment.policy_version,
                policy_sha256=assessment.policy_sha256, created_at=assessment.created_at,
                created_by_name=users.get(assessment.created_by_id, ""),
                steps_en=tuple(str(s) for s in explained.get("steps_en", [])),
            )
        return ApplicationDetail(
            id=app.id, number=app.number, version=app.version, status=ApplicationStatus(app.status),
            channel=Channel(app.channel), fast_track=app.fast_track,
            hall_code=hall.code if hall else "", hall_name=hall.name if hall else "",
            applicant_name=app.applicant_name, applicant_position=applicant.position if applicant else 0,
            applicant_id=applicant_rid if reveal else mask_resident_id(applicant_rid), id_revealed=reveal,
            phone=app.phone, hukou_type=HukouType(app.hukou_type), housing=HousingCondition(app.housing),
            address=app.address,
            special_circumstances=tuple(SpecialCircumstance(c) for c in _json_list(app.special_circumstances)),
            special_note=app.special_note, no_able_supporter=app.no_able_supporter,
            category=Category(app.category) if app.category else None, household_size=app.household_size,
            received_at=app.received_at, received_on=app.received_on,
            received_by_name=users.get(app.received_by_id, ""), due_date=app.due_date,
            calendar_fallback=app.calendar_fallback, closed_at=app.closed_at, notes=app.notes,
            updated_at=app.updated_at, updated_by_name=users.get(app.updated_by_id or 0, ""),
            members=tuple(member_details),
            incomes=tuple(IncomeDetail(*who(i.member_id), IncomeCategory(i.category), i.amount_fen, i.months,
                                       i.exempt_item, i.note) for i in sorted(app.incomes, key=lambda r: r.id)),
            deductions=tuple(DeductionDetail(*who(d.member_id), DeductionKind(d.kind), d.amount_fen, d.note)
                             for d in sorted(app.deductions, key=lambda r: r.id)),
            assets=tuple(AssetDetail(*who(a.member_id), AssetKind(a.kind), a.value_fen, a.quantity, a.exempt, a.note)
                         for a in sorted(app.assets, key=lambda r: r.id)),
            expenses=tuple(ExpenseDetail(*who(e.member_id), ExpenseKind(e.kind), e.amount_fen, e.note)
                           for e in sorted(app.expenses, key=lambda r: r.id)),
            requested_types=tuple(AssistanceType(r.assistance_type)
                                  for r in sorted(app.requested_items, key=lambda r: r.id)),
            materials=tuple(MaterialDetail(AssistanceType(m.assistance_type), m.code, m.name, m.received, m.note)
                            for m in sorted(app.materials, key=lambda r: r.id)),
            declaration=None if declaration is None else DeclarationDetail(
                template_version=declaration.template_version, template_hash=declaration.template_hash,
                signer_name=declaration.signer_name, method=declaration.method,
                consent_verification=declaration.consent_verification,
                consent_report_changes=declaration.consent_report_changes,
                consent_consequences=declaration.consent_consequences,
                double_commitment=declaration.double_commitment, signed_at=declaration.signed_at,
                witness_name=users.get(declaration.witness_id, ""),
            ),
            assessment=assessment_detail,
            referrals=tuple(
                ReferralDetail(
                    id=r.id, number=r.number, department_code=code, department_name=name,
                    status=ReferralStatus(r.status), rule=r.rule, reason=r.reason, facts=_json_list(r.facts),
                    member_names=tuple(n for n in r.member_names.split("、") if n),
                    consent_given=r.consent_given, consent_at=r.consent_at, due_date=r.due_date,
                    created_at=r.created_at, sent_at=r.sent_at, finished_at=r.finished_at, outcome=r.outcome,
                    version=r.version, overdue=not ReferralStatus(r.status).is_final and today > r.due_date,
                )
                for r, code, name in referrals
            ),
            printed=tuple(
                PrintedDocumentDetail(p.document_number, DocumentKind(p.kind), code, p.copy_no, p.sha256, p.output,
                                      p.printed_at, users.get(p.printed_by_id, ""))
                for p, code in printed
            ),
            post_checks=tuple(
                PostCheckDetail(c.id, PostCheckKind(c.kind), c.due_date, PostCheckStatus(c.status), c.result,
                                c.done_at, c.version)
                for c in checks
            ),
        )

    # -- changes ---------------------------------------------------------------------------------
    def update_status(self, actor: Actor, number: str, status: ApplicationStatus, *, expected_version: int,
                      note: str = "") -> ApplicationRow:
        """Move the application to ``status``; refused if it changed since ``expected_version``."""
        require(actor, Permission.APPLICATION_UPDATE)
        now = self.clock.now()
        try:
            with self.db.transaction() as session:
                app = self._load(session, actor, number)
                if app.version != expected_version:
                    who = _names(session, [app.updated_by_id or app.received_by_id])
                    raise conflict(app.number, next(iter(who.values()), "他人"), app.updated_at, app.version)
                current = ApplicationStatus(app.status)
                if status not in STATUS_TRANSITIONS[current]:
                    raise InvalidTransition(
                        f"申请 {app.number} 当前为“{current.zh}”，不能改为“{status.zh}” / "
                        f"Application {app.number} is {current.en.lower()} and cannot become {status.en.lower()}"
                    )
                app.status = status.value
                app.updated_by_id = actor.user_id or None
                app.updated_at = now
                if not status.is_open and app.closed_at is None:
                    app.closed_at = now
                if note.strip():
                    stamp = f"{local(now):%Y-%m-%d %H:%M} {actor.display_name}（{status.zh}）：{note.strip()}"
                    app.notes = f"{app.notes}\n{stamp}" if app.notes else stamp
                session.flush()
                audit.record(session, actor, f"application.{status.value}", "application", app.number,
                             {"status": [current.value, status.value], "note": note.strip()}, at=now)
                app_id = app.id
        except StaleDataError:
            with self.db.reading() as session:
                app = self._load(session, actor, number)
                who = _names(session, [app.updated_by_id or app.received_by_id])
                raise conflict(app.number, next(iter(who.values()), "他人"), app.updated_at, app.version) from None
        return self._row(actor, app_id)

    def withdraw(self, actor: Actor, number: str, *, expected_version: int, reason: str) -> ApplicationRow:
        """撤回 – the applicant withdraws; the reason is kept in the notes and the audit trail."""
        return self.update_status(actor, number, ApplicationStatus.WITHDRAWN, expected_version=expected_version,
                                  note=reason)

    def _row(self, actor: Actor, application_id: int) -> ApplicationRow:
        with self.db.reading() as session:
            rows = self._rows(session, _row_query().where(Application.id == application_id))
        if not rows:
            raise NotFound(f"申请 {application_id} 不存在 / Application {application_id} does not exist")
        return rows[0]
