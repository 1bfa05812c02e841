"""SQLAlchemy 2 typed models: the whole record of a hall's intake work.

Money is integer fen. Timestamps are UTC (``UtcDateTime``); deadlines are dates. Facts declared on
an application (members, incomes, assets, expenses) are copied onto that application, so later
changes to the person registry never rewrite history. Enumerations are stored as their ASCII codes
(``domain.enums``).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from intake_desk.domain.enums import ReferralStatus

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every backend (SQLite keeps no zone of its own)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UtcDateTime(), int: Integer()}


Code = String(32)
Fen = BigInteger


# --------------------------------------------------------------------------------------------------
# Organisation and accounts
# --------------------------------------------------------------------------------------------------


class Hall(Base):
    """便民服务中心 – a township or street-office service hall."""

    __tablename__ = "halls"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(Code, unique=True)
    name: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str] = mapped_column(String(40), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    complaint_channel: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Department(Base):
    """协同部门 – education, medical security, housing, employment and others."""

    __tablename__ = "departments"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(Code, unique=True)
    name: Mapped[str] = mapped_column(String(120))
    contact: Mapped[str] = mapped_column(String(80), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    requires_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class User(Base):
    """An account: clerk, supervisor, department officer or administrator."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(Code)
    hall_id: Mapped[int | None] = mapped_column(ForeignKey("halls.id"))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))
    password_hash: Mapped[str] = mapped_column(String(300))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None] = mapped_column()
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    password_changed_at: Mapped[datetime | None] = mapped_column()
    last_login_at: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    hall: Mapped[Hall | None] = relationship()
    department: Mapped[Department | None] = relationship()


class AppSetting(Base):
    """Hall-wide settings kept in the shared database (never a secret)."""

    __tablename__ = "app_settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# --------------------------------------------------------------------------------------------------
# People and households
# --------------------------------------------------------------------------------------------------


class Person(Base):
    """The person registry: one row per resident ID number."""

    __tablename__ = "persons"
    id: Mapped[int] = mapped_column(primary_key=True)
    resident_id: Mapped[str] = mapped_column(String(18), unique=True)
    name: Mapped[str] = mapped_column(String(60), index=True)
    name_initials: Mapped[str] = mapped_column(String(60), index=True, default="")
    sex: Mapped[str] = mapped_column(Code)
    birth_date: Mapped[date] = mapped_column(Date)
    phone: Mapped[str] = mapped_column(String(40), default="")
    household_id: Mapped[int | None] = mapped_column(ForeignKey("households.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Household(Base):
    """共同生活家庭 – a household as last known to the hall."""

    __tablename__ = "households"
    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"), index=True)
    # The head's person id; no foreign key, because persons already point at households.
    head_person_id: Mapped[int | None] = mapped_column()
    address: Mapped[str] = mapped_column(String(200), default="")
    hukou_type: Mapped[str] = mapped_column(Code)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


# --------------------------------------------------------------------------------------------------
# Applications and the facts declared on them
# --------------------------------------------------------------------------------------------------


class Application(Base):
    """救助申请 – one application received at the window, with its receipt number."""

    __tablename__ = "applications"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"))
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id"), index=True)
    applicant_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    applicant_name: Mapped[str] = mapped_column(String(60))
    applicant_initials: Mapped[str] = mapped_column(String(60), default="")
    status: Mapped[str] = mapped_column(Code, index=True)
    channel: Mapped[str] = mapped_column(Code)
    fast_track: Mapped[bool] = mapped_column(Boolean, default=False)
    hukou_type: Mapped[str] = mapped_column(Code)
    housing: Mapped[str] = mapped_column(Code, default="adequate")
    address: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    special_circumstances: Mapped[str] = mapped_column(Text, default="[]")
    special_note: Mapped[str] = mapped_column(Text, default="")
    # 无法定义务人或义务人无履行能力 – declared; one of the three conditions of 特困.
    no_able_supporter: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    category: Mapped[str | None] = mapped_column(Code)
    household_size: Mapped[int] = mapped_column(default=1)
    received_at: Mapped[datetime] = mapped_column()
    received_on: Mapped[date] = mapped_column(Date)
    received_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    due_date: Mapped[date] = mapped_column(Date)
    calendar_fallback: Mapped[bool] = mapped_column(Boolean, default=False)
    closed_at: Mapped[datetime | None] = mapped_column()
    notes: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(default=1)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        Index("ix_applications_hall_id_received_at", "hall_id", "received_at"),
        Index("ix_applications_applicant_initials", "applicant_initials"),
        Index("ix_applications_applicant_name", "applicant_name"),
        Index("ix_applications_received_on", "received_on"),
        # The hall's list by status, and searches by name or initials within a hall (1,000,000 rows).
        Index("ix_applications_hall_id_status_received_at", "hall_id", "status", "received_at"),
        Index("ix_applications_hall_id_applicant_name", "hall_id", "applicant_name"),
        Index("ix_applications_hall_id_applicant_initials", "hall_id", "applicant_initials"),
    )

    members: Mapped[list[ApplicationMember]] = relationship(
        back_populates="application", order_by="ApplicationMember.position", cascade="all, delete-orphan"
    )
    incomes: Mapped[list[ApplicationIncome]] = relationship(cascade="all, delete-orphan")
    assets: Mapped[list[ApplicationAsset]] = relationship(cascade="all, delete-orphan")
    expenses: Mapped[list[ApplicationExpense]] = relationship(cascade="all, delete-orphan")
    requested_items: Mapped[list[RequestedItem]] = relationship(cascade="all, delete-orphan")
    materials: Mapped[list[Material]] = relationship(cascade="all, delete-orphan")
    deductions: Mapped[list[ApplicationDeduction]] = relationship(cascade="all, delete-orphan")


class ApplicationMember(Base):
    """A household member as declared on one application."""

    __tablename__ = "application_members"
    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    position: Mapped[int] = mapped_column()
    resident_id: Mapped[str] = mapped_column(String(18))
    name: Mapped[str] = mapped_column(String(60))
    relation: Mapped[str] = mapped_column(Code)
    hukou_type: Mapped[str] = mapped_column(Code)
    health: Mapped[str] = mapped_column(Code)
    disability: Mapped[str] = mapped_column(Code, default="none")
    disability_grade: Mapped[int | None] = mapped_column()
    disability_needs_treatment: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    labour_capacity: Mapped[str] = mapped_column(Code)
    employment: Mapped[str] = mapped_column(Code)
    schooling: Mapped[str] = mapped_column(Code, default="none")

    application: Mapped[Application] = relationship(back_populates="members")


class ApplicationIncome(Base):
    """A declared income over the 12 months before the application, in fen."""

    __tablename__ = "application_incomes"
    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("application_members.id", ondelete="CASCADE"))
    category: Mapped[str] = mapped_column(Code)
    amount_fen: Mapped[int] = mapped_column(Fen)
    months: Mapped[int] = mapped_column(default=12)
    # Code of an exempt income item of the policy pack (e.g. a scholarship), when it is one.
    exempt_item: Mapped[str | None] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(String(200), default="")


class ApplicationAsset(Base):
    """A declared asset (housing, vehicle, deposits …), value in fen."""

    __tablename__ = "application_assets"
    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("application_members.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(Code)
    value_fen: Mapped[int] = mapped_column(Fen)
    quantity: Mapped[int] = mapped_column(default=1)
    # Left out of the asset limits (e.g. a vehicle needed for a disabled member).
    exempt: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    note: Mapped[str] = mapped_column(String(200), default="")


class ApplicationExpense(Base):
    """A declared rigid expense (medical, education) over 12 months, in fen."""

    __tablename__ = "application_expenses"
    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("application_members.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(Code)
    amount_fen: Mapped[int] = mapped_column(Fen)
    note: Mapped[str] = mapped_column(String(200), default="")


class ApplicationDeduction(Base):
    """A declared deduction over 12 months (own social-insurance contributions, support paid), in fen."""

    __tablename__ = "application_deductions"
    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("application_members.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(Code)
    amount_fen: Mapped[int] = mapped_column(Fen)
    note: Mapped[str] = mapped_column(String(200), default="")


class RequestedItem(Base):
    """申请事项 – an assistance type the applicant asked for."""

    __tablename__ = "requested_items"
    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    assistance_type: Mapped[str] = mapped_column(Code)
    __table_args__ = (UniqueConstraint("application_id", "assistance_type"),)


class Material(Base):
    """材料清单 – one checklist line: received or missing (for the one-time notice)."""

    __tablename__ = "materials"
    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    assistance_type: Mapped[str] = mapped_column(Code)
    code: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    received: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(String(200), default="")


class Declaration(Base):
    """告知承诺 – the applicant's signed commitment, with the exact template used."""

    __tablename__ = "declarations"
    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), unique=True
    )
    template_version: Mapped[str] = mapped_column(String(64))
    template_hash: Mapped[str] = mapped_column(String(64))
    signer_name: Mapped[str] = mapped_column(String(60))
    method: Mapped[str] = mapped_column(Code, default="signature")
    consent_verification: Mapped[bool] = mapped_column(Boolean)
    consent_report_changes: Mapped[bool] = mapped_column(Boolean)
    consent_consequences: Mapped[bool] = mapped_column(Boolean)
    double_commitment: Mapped[bool] = mapped_column(Boolean, default=False)
    signed_at: Mapped[datetime] = mapped_column()
    witness_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


class Assessment(Base):
    """综合评估 – the pre-assessment, its plain explanation and the policy pack used."""

    __tablename__ = "assessments"
    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    category: Mapped[str] = mapped_column(Code)
    per_capita_income_fen: Mapped[int] = mapped_column(Fen)
    counted_income_fen: Mapped[int] = mapped_column(Fen)
    estimated_benefit_fen: Mapped[int | None] = mapped_column(Fen)
    temporary_min_fen: Mapped[int | None] = mapped_column(Fen)
    temporary_max_fen: Mapped[int | None] = mapped_column(Fen)
    explanation: Mapped[str] = mapped_column(Text)
    policy_locality: Mapped[str] = mapped_column(String(80))
    policy_version: Mapped[str] = mapped_column(String(64))
    policy_sha256: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


# --------------------------------------------------------------------------------------------------
# Referrals
# --------------------------------------------------------------------------------------------------


OPEN_REFERRALS = "status IN ({})".format(", ".join(f"'{s.value}'" for s in ReferralStatus if not s.is_final))
"""The predicate of the partial indexes on open referrals; queries repeat it word for word."""


class Referral(Base):
    """转介 – a referral of one application to one department, followed until its result."""

    __tablename__ = "referrals"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(48), unique=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"))
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    status: Mapped[str] = mapped_column(Code)
    rule: Mapped[str] = mapped_column(String(64), default="")
    reason: Mapped[str] = mapped_column(Text)
    facts: Mapped[str] = mapped_column(Text, default="[]")
    member_names: Mapped[str] = mapped_column(String(400), default="")
    applicant_name: Mapped[str] = mapped_column(String(60))
    applicant_initials: Mapped[str] = mapped_column(String(60), default="")
    consent_given: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_at: Mapped[datetime | None] = mapped_column()
    due_date: Mapped[date] = mapped_column(Date)
    assigned_to_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    sent_at: Mapped[datetime | None] = mapped_column()
    finished_at: Mapped[datetime | None] = mapped_column()
    outcome: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        Index("ix_referrals_department_id_status_due_date", "department_id", "status", "due_date"),
        Index("ix_referrals_status_due_date", "status", "due_date"),
        Index("ix_referrals_hall_id_status_due_date", "hall_id", "status", "due_date"),
        Index("ix_referrals_due_date", "due_date"),
        Index("ix_referrals_created_at", "created_at"),
        Index("ix_referrals_applicant_initials", "applicant_initials"),
        Index("ix_referrals_applicant_name", "applicant_name"),
        Index("ix_referrals_assigned_to_id", "assigned_to_id"),
        # Measured on 1,000,000 referrals (tests/benchmarks/bench_queue.py): the queue sorted by
        # department, a clerk's referrals in a date range, and a name or initials typed while only
        # open referrals are shown each need their own order or range.
        Index("ix_referrals_department_id_due_date_id", "department_id", "due_date", "id"),
        Index("ix_referrals_created_by_id_created_at", "created_by_id", "created_at"),
        Index("ix_referrals_status_applicant_name", "status", "applicant_name"),
        Index("ix_referrals_status_applicant_initials", "status", "applicant_initials"),
        # The queue of one hall (a supervisor's or clerk's scope): scrolled by due date, sorted by department or newest first,
        # and a name or initials typed, without reading and sorting the hall's every referral (migration 0014).
        Index("ix_referrals_hall_id_due_date_id", "hall_id", "due_date", "id"),
        Index("ix_referrals_hall_id_department_id_due_date_id", "hall_id", "department_id", "due_date", "id"),
        Index("ix_referrals_hall_id_created_at_id", "hall_id", "created_at", "id"),
        Index("ix_referrals_hall_id_applicant_initials", "hall_id", "applicant_initials"),
        Index("ix_referrals_hall_id_applicant_name", "hall_id", "applicant_name"),
        # Open referrals only (a few percent of a county's history): the supervisor's default view,
        # overdue and due-soon filters by due date, and the aging counts by creation time.
        Index("ix_referrals_open_due_date", "due_date", "id",
              sqlite_where=text(OPEN_REFERRALS), postgresql_where=text(OPEN_REFERRALS)),
        Index("ix_referrals_open_created_at", "created_at",
              sqlite_where=text(OPEN_REFERRALS), postgresql_where=text(OPEN_REFERRALS)),
    )

    events: Mapped[list[ReferralEvent]] = relationship(
        back_populates="referral", order_by="ReferralEvent.id", cascade="all, delete-orphan"
    )
    department: Mapped[Department] = relationship()


class ReferralEvent(Base):
    """One step in a referral's life: who moved it, when, from what to what, and why."""

    __tablename__ = "referral_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referrals.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    actor_name: Mapped[str] = mapped_column(String(80))
    from_status: Mapped[str | None] = mapped_column(Code)
    to_status: Mapped[str] = mapped_column(Code)
    # The step taken (policy.referral_states.ReferralAction, "create" or "reassign"): two steps can
    # have the same from/to statuses (a reassignment and a resubmission both end in pending).
    action: Mapped[str] = mapped_column(Code, default="", server_default="")
    note: Mapped[str] = mapped_column(Text, default="")

    referral: Mapped[Referral] = relationship(back_populates="events")


# --------------------------------------------------------------------------------------------------
# Printing, post-checks, audit
# --------------------------------------------------------------------------------------------------


class PrintedDocument(Base):
    """打印记录 – every print or save of a document, with the SHA-256 of the PDF."""

    __tablename__ = "printed_documents"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_number: Mapped[str] = mapped_column(String(64), index=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(Code)
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))
    copy_no: Mapped[int] = mapped_column()
    sha256: Mapped[str] = mapped_column(String(64))
    output: Mapped[str] = mapped_column(Code, default="printer")
    printed_at: Mapped[datetime] = mapped_column(default=utcnow)
    printed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    __table_args__ = (UniqueConstraint("document_number", "copy_no"),)


class PostCheck(Base):
    """事后核查 – a post-verification task due after a fast-tracked (承诺制) application."""

    __tablename__ = "post_checks"
    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(Code)
    due_date: Mapped[date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(Code, default="due")
    result: Mapped[str] = mapped_column(Text, default="")
    # 失信情形分级 (domain.enums.BreachGrade) when the check found a problem; "none" otherwise.
    breach_grade: Mapped[str] = mapped_column(Code, default="none", server_default="none")
    done_at: Mapped[datetime | None] = mapped_column()
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(default=1)
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (Index("ix_post_checks_status_due_date", "status", "due_date"),)


class AuditEvent(Base):
    """审计日志 – append-only (a trigger refuses UPDATE, DELETE and TRUNCATE whoever connects); each
    event carries the hash of the one before it."""

    __tablename__ = "audit_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column()
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    actor_name: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(64), index=True)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(64), default="")
    detail: Mapped[str] = mapped_column(Text, default="{}")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # SHA-256 of the entity's canonical state after the change (services.audit digests), when the
    # event is about an entity whose state is registered; covered by ``hash``.
    state_digest: Mapped[str | None] = mapped_column(String(64))
    __table_args__ = (Index("ix_audit_events_entity_entity_id", "entity", "entity_id"),)


class AuditHead(Base):
    """The newest audit hash; locking this one row serialises the chain across desks."""

    __tablename__ = "audit_head"
    id: Mapped[int] = mapped_column(primary_key=True)
    last_event_id: Mapped[int] = mapped_column(BigInteger, default=0)
    last_hash: Mapped[str] = mapped_column(String(64))


# --------------------------------------------------------------------------------------------------
# Configuration, counters, drafts
# --------------------------------------------------------------------------------------------------


class PolicyVersion(Base):
    """A policy pack that was in use: kept so every assessment can be explained later."""

    __tablename__ = "policy_versions"
    id: Mapped[int] = mapped_column(primary_key=True)
    locality: Mapped[str] = mapped_column(String(80))
    version: Mapped[str] = mapped_column(String(64))
    effective_from: Mapped[date] = mapped_column(Date)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    content: Mapped[str] = mapped_column(Text)
    loaded_at: Mapped[datetime] = mapped_column(default=utcnow)


class CalendarOverride(Base):
    """An administrator's word on one day: holiday or working day (wins over the package)."""

    __tablename__ = "calendar_overrides"
    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, unique=True)
    is_working_day: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str] = mapped_column(String(200), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Counter(Base):
    """A gap-free sequence, e.g. receipt numbers per hall per day."""

    __tablename__ = "counters"
    scope: Mapped[str] = mapped_column(String(64), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    value: Mapped[int] = mapped_column(default=0)


class Draft(Base):
    """An autosaved form, restored exactly as typed after a crash or a lost connection."""

    __tablename__ = "drafts"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(Code)
    key: Mapped[str] = mapped_column(String(64), default="")
    payload: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    __table_args__ = (UniqueConstraint("user_id", "kind", "key"),)

# --------------------------------------------------------------------------------------------------
# Finding households (主动发现) and watching those near the line (监测预警)
# --------------------------------------------------------------------------------------------------


class HallArea(Base):
    """辖区 – what places a lead in a hall: an ID region-code prefix or an address keyword."""

    __tablename__ = "hall_areas"
    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"), index=True)
    kind: Mapped[str] = mapped_column(Code)  # "region" (ID prefix) or "address" (keyword)
    pattern: Mapped[str] = mapped_column(String(60))
    __table_args__ = (UniqueConstraint("kind", "pattern"),)


class DiscoveryImport(Base):
    """横向信息导入 – one department list imported: its file, SHA-256 and screening counts."""

    __tablename__ = "discovery_imports"
    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(Code)
    file_name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    rows: Mapped[int] = mapped_column()
    in_assistance: Mapped[int] = mapped_column()
    in_progress: Mapped[int] = mapped_column()
    already_monitored: Mapped[int] = mapped_column()
    known_leads: Mapped[int] = mapped_column()
    new_leads: Mapped[int] = mapped_column()
    invalid: Mapped[int] = mapped_column()
    duplicates: Mapped[int] = mapped_column()
    hall_id: Mapped[int | None] = mapped_column(ForeignKey("halls.id"))
    imported_at: Mapped[datetime] = mapped_column()
    imported_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


class Lead(Base):
    """线索 – a person found on a department's list and not yet known to the hall (非保)."""

    __tablename__ = "leads"
    id: Mapped[int] = mapped_column(primary_key=True)
    resident_id: Mapped[str] = mapped_column(String(18), index=True)
    name: Mapped[str] = mapped_column(String(60))
    name_initials: Mapped[str] = mapped_column(String(60), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    source: Mapped[str] = mapped_column(Code)
    reason: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(String(400), default="")
    import_id: Mapped[int | None] = mapped_column(ForeignKey("discovery_imports.id"), index=True)
    row_number: Mapped[int | None] = mapped_column()
    hall_id: Mapped[int | None] = mapped_column(ForeignKey("halls.id"))
    assigned_to_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    status: Mapped[str] = mapped_column(Code, default="open")  # open → visited → closed
    outcome: Mapped[str | None] = mapped_column(Code)
    outcome_reason: Mapped[str] = mapped_column(Text, default="")
    monitored_id: Mapped[int | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column()
    version: Mapped[int] = mapped_column(default=1)
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (Index("ix_leads_hall_id_status_created_at", "hall_id", "status", "created_at"),)


class MonitoredHousehold(Base):
    """监测对象 – a household in the class 1 or class 2 library (一类库 / 二类库)."""

    __tablename__ = "monitored_households"
    id: Mapped[int] = mapped_column(primary_key=True)
    resident_id: Mapped[str] = mapped_column(String(18), index=True)
    name: Mapped[str] = mapped_column(String(60))
    name_initials: Mapped[str] = mapped_column(String(60), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    hall_id: Mapped[int | None] = mapped_column(ForeignKey("halls.id"))
    assigned_to_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    library: Mapped[str] = mapped_column(Code)  # class1 | class2
    status: Mapped[str] = mapped_column(Code, default="active")  # active | closed
    risk_factors: Mapped[str] = mapped_column(Text, default="[]")
    household_size: Mapped[int | None] = mapped_column()
    per_capita_income_fen: Mapped[int | None] = mapped_column(Fen)
    category: Mapped[str | None] = mapped_column(Code)
    circle: Mapped[str | None] = mapped_column(Code)
    stable: Mapped[bool] = mapped_column(Boolean, default=True)
    next_visit_due: Mapped[date] = mapped_column(Date)
    next_recheck_due: Mapped[date] = mapped_column(Date)
    last_visit_on: Mapped[date | None] = mapped_column(Date)
    lead_id: Mapped[int | None] = mapped_column(ForeignKey("leads.id"))
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id"))
    consent: Mapped[bool] = mapped_column(Boolean, default=False)
    entered_on: Mapped[date] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)
    close_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        Index("ix_monitored_households_status_next_visit_due", "status", "next_visit_due"),
        Index("ix_monitored_households_hall_id_status_next_visit_due", "hall_id", "status", "next_visit_due"),
    )


class MonitoringVisit(Base):
    """入户走访 – a visit to a lead or a monitored household: who went, what they found, the outcome."""

    __tablename__ = "monitoring_visits"
    id: Mapped[int] = mapped_column(primary_key=True)
    lead_id: Mapped[int | None] = mapped_column(ForeignKey("leads.id"), index=True)
    monitored_id: Mapped[int | None] = mapped_column(ForeignKey("monitored_households.id"), index=True)
    hall_id: Mapped[int | None] = mapped_column(ForeignKey("halls.id"))
    visited_on: Mapped[date] = mapped_column(Date, index=True)
    visitor_1: Mapped[str] = mapped_column(String(60))
    visitor_2: Mapped[str] = mapped_column(String(60))
    findings: Mapped[str] = mapped_column(Text)
    situation: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Code)
    reason: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column()


class MonitoringMove(Base):
    """库别/分圈调整 – a household entering, moving between or leaving the libraries or circles."""

    __tablename__ = "monitoring_moves"
    id: Mapped[int] = mapped_column(primary_key=True)
    monitored_id: Mapped[int] = mapped_column(ForeignKey("monitored_households.id"), index=True)
    hall_id: Mapped[int | None] = mapped_column(ForeignKey("halls.id"))
    kind: Mapped[str] = mapped_column(Code)  # library | circle
    from_value: Mapped[str | None] = mapped_column(Code)
    to_value: Mapped[str | None] = mapped_column(Code)
    moved_on: Mapped[date] = mapped_column(Date, index=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column()


# --------------------------------------------------------------------------------------------------
# Urging, callbacks and follow-ups (催办督办、回访、好差评整改)
# --------------------------------------------------------------------------------------------------


class Urging(Base):
    """催办/督办 – one rung an item reached: urged on the first working day after its due date,
    escalated some working days later. Recorded once per item, rung and due date."""

    __tablename__ = "urgings"
    id: Mapped[int] = mapped_column(primary_key=True)
    item_kind: Mapped[str] = mapped_column(Code)
    item_id: Mapped[int] = mapped_column()
    item_number: Mapped[str] = mapped_column(String(64))
    hall_id: Mapped[int | None] = mapped_column(ForeignKey("halls.id"))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))
    rung: Mapped[str] = mapped_column(Code)
    due_date: Mapped[date] = mapped_column(Date)
    rung_on: Mapped[date] = mapped_column(Date)
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    actor_name: Mapped[str] = mapped_column(String(80))
    note: Mapped[str] = mapped_column(Text, default="")
    __table_args__ = (
        UniqueConstraint("item_kind", "item_id", "rung", "due_date"),
        Index("ix_urgings_rung_rung_on", "rung", "rung_on"),
        Index("ix_urgings_department_id_rung", "department_id", "rung"),
    )


class Callback(Base):
    """回访 – asking the applicant after a decision or a completed referral; holds the one rating
    (好差评, 一次一评) of that service."""

    __tablename__ = "callbacks"
    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(Code)
    subject_id: Mapped[int] = mapped_column()
    subject_number: Mapped[str] = mapped_column(String(64))
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))
    decided_on: Mapped[date] = mapped_column(Date)
    due_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(Code, default="open")
    tries: Mapped[int] = mapped_column(default=0)
    channel: Mapped[str] = mapped_column(Code, default="phone")
    rating: Mapped[str | None] = mapped_column(Code)
    help_arrived: Mapped[bool | None] = mapped_column(Boolean)
    comment: Mapped[str] = mapped_column(Text, default="")
    rated_at: Mapped[datetime | None] = mapped_column()
    rated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(default=1)
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        UniqueConstraint("subject", "subject_id"),
        Index("ix_callbacks_status_due_date", "status", "due_date"),
    )


class FollowUp(Base):
    """整改 – opened by a poor rating; a supervisor closes it with what was done and a second call."""

    __tablename__ = "follow_ups"
    id: Mapped[int] = mapped_column(primary_key=True)
    callback_id: Mapped[int] = mapped_column(ForeignKey("callbacks.id", ondelete="CASCADE"), unique=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))
    opened_on: Mapped[date] = mapped_column(Date)
    due_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(Code, default="open")
    action_taken: Mapped[str] = mapped_column(Text, default="")
    second_reached: Mapped[bool | None] = mapped_column(Boolean)
    second_rating: Mapped[str | None] = mapped_column(Code)
    second_comment: Mapped[str] = mapped_column(Text, default="")
    closed_at: Mapped[datetime | None] = mapped_column()
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(default=1)
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (Index("ix_follow_ups_status_due_date", "status", "due_date"),)


ALL_TABLES: list[str] = sorted(Base.metadata.tables)


def as_dict(row: Any, fields: list[str]) -> dict[str, Any]:
    """The named attributes of a row, for audit 'before/after' records."""
    return {name: getattr(row, name) for name in fields}


# --------------------------------------------------------------------------------------------------
# The procedure from receipt to decision (审核确认程序; policy/procedure.py)
# --------------------------------------------------------------------------------------------------

OPEN_PROCEDURES = "state = 'open'"


class ApplicationProcedure(Base):
    """An application's procedure: which one it follows, the step to take now and when it is due."""

    __tablename__ = "application_procedures"
    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), unique=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("halls.id"))
    assistance_type: Mapped[str] = mapped_column(Code)
    track: Mapped[str] = mapped_column(Code)
    policy_version: Mapped[str] = mapped_column(String(64))
    # open | approved | refused | withdrawn
    state: Mapped[str] = mapped_column(Code, default="open")
    current_step: Mapped[str | None] = mapped_column(Code)
    step_due_date: Mapped[date | None] = mapped_column(Date)
    due_date: Mapped[date] = mapped_column(Date)
    extended: Mapped[bool] = mapped_column(Boolean, default=False)
    decided_on: Mapped[date | None] = mapped_column(Date)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column()
    __table_args__ = (
        # The procedure queue: open procedures by the current step's due date (keyset on id).
        Index("ix_application_procedures_open_step_due_date", "step_due_date", "id",
              sqlite_where=text(OPEN_PROCEDURES), postgresql_where=text(OPEN_PROCEDURES)),
        Index("ix_application_procedures_hall_id_state_step_due_date", "hall_id", "state", "step_due_date"),
        Index("ix_application_procedures_decided_on", "decided_on"),
    )


class ProcedureStep(Base):
    """One step as recorded (入户调查, 核对, 公示 …): its date, who recorded it and its record (JSON).

    A step redone keeps its old row, marked superseded with the reason."""

    __tablename__ = "procedure_steps"
    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column()
    code: Mapped[str] = mapped_column(Code)
    kind: Mapped[str] = mapped_column(Code)
    done_on: Mapped[date] = mapped_column(Date)
    due_date: Mapped[date | None] = mapped_column(Date)
    record: Mapped[str] = mapped_column(Text, default="{}")
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    actor_name: Mapped[str] = mapped_column(String(80))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    superseded: Mapped[bool] = mapped_column(Boolean, default=False)
    superseded_reason: Mapped[str] = mapped_column(Text, default="")


class ProcedureEvent(Base):
    """办理过程 – every action on a procedure, in order: step, redo, extension, decision, withdrawal."""

    __tablename__ = "procedure_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    actor_name: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(Code)
    step_code: Mapped[str] = mapped_column(Code, default="")
    note: Mapped[str] = mapped_column(Text, default="")


class ProcedureExtension(Base):
    """延期 – asked for with a reason before the limit, approved or refused by a supervisor."""

    __tablename__ = "procedure_extensions"
    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    previous_due_date: Mapped[date] = mapped_column(Date)
    new_due_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(Code, default="requested")  # requested | approved | refused
    requested_at: Mapped[datetime] = mapped_column()
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column()
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decision_note: Mapped[str] = mapped_column(Text, default="")


class ProcedureDecision(Base):
    """审核确认 – approved with the monthly amount and first month, or refused with reasons and facts."""

    __tablename__ = "procedure_decisions"
    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), unique=True)
    outcome: Mapped[str] = mapped_column(Code)
    amount_fen: Mapped[int | None] = mapped_column(Fen)
    start_month: Mapped[date | None] = mapped_column(Date)
    decided_on: Mapped[date] = mapped_column(Date)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    facts: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    notice_due_date: Mapped[date | None] = mapped_column(Date)  # 不予救助告知书 due (refusals)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ProcedureRefusalReason(Base):
    """One reason of a refusal: the pack's code and its wording as printed."""

    __tablename__ = "procedure_refusal_reasons"
    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("procedure_decisions.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(Code)
    name: Mapped[str] = mapped_column(String(200))


class PublicityObjection(Base):
    """公示异议 – an objection raised while the application was on the publicity list."""

    __tablename__ = "publicity_objections"
    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    step_id: Mapped[int] = mapped_column(ForeignKey("procedure_steps.id", ondelete="CASCADE"), index=True)
    received_on: Mapped[date] = mapped_column(Date)
    raised_by: Mapped[str] = mapped_column(String(80), default="")
    content: Mapped[str] = mapped_column(Text)


class ProcedureWithdrawal(Base):
    """撤回 – the applicant withdrew the application."""

    __tablename__ = "procedure_withdrawals"
    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), unique=True)
    withdrawn_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
