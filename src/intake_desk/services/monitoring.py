"""监测预警 – the class 1 and class 2 libraries, their visits, re-checks and income circles.

Seed 004: households found but not (yet) eligible are watched – class 1 (一类库: near the line, per
capita below the pack's class-1 line or provisionally eligible) and class 2 (二类库: above it but
at risk). Each has its risk factors, the next visit due (一季度一访问) and its re-check cadence
(stable every 6 months, unstable monthly – seed 000), all from the pack's ``[discovery]`` table.
A household enters from a lead's visit (``services.discovery``) or at submit, when an intake is
assessed 低保边缘 or 不符合 and the applicant consents (:meth:`MonitoringService.enroll_application`).

A visit (:meth:`MonitoringService.record_visit`) keeps the household where it is, moves it to the
other library, takes it out (with a reason) or sends it to an intake (the page opens pre-filled);
every move is a row in ``monitoring_moves`` and an audit event. Income circles (分圈, seed 001)
are recomputed whenever a per-capita income is recorded, and a change of circle is a move too.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session, aliased

from intake_desk.domain.enums import Category, HukouType, Labelled
from intake_desk.domain.masking import mask_phone, mask_resident_id
from intake_desk.domain.money import format_fen
from intake_desk.domain.text import counted
from intake_desk.policy.calendar import WorkCalendar, fallback_warning
from intake_desk.policy.discovery import DiscoveryRules, due_after, place_circle
from intake_desk.policy.pack import PackRegistry
from intake_desk.services import audit
from intake_desk.services.actor import Actor
from intake_desk.services.calendar_service import load_calendar
from intake_desk.services.clock import Clock
from intake_desk.services.errors import ConflictError, NotFound, ValidationFailed
from intake_desk.services.export import ExportFormat, ExportResult, write_ledger
from intake_desk.services.permissions import Permission, require
from intake_desk.services.queues import TextKind, classify_text, prefix_condition
from intake_desk.store.db import Database
from intake_desk.store.models import (
    Application,
    Assessment,
    Hall,
    Lead,
    MonitoredHousehold,
    MonitoringMove,
    MonitoringVisit,
    Person,
    User,
)

__all__ = [
    "CircleCount",
    "CircleMoves",
    "EntryDetails",
    "HallReport",
    "Library",
    "MonitoredRow",
    "MonitoringFilter",
    "MonitoringService",
    "MonitoringSummary",
    "MonitoringVisitResult",
    "QuarterlyReport",
    "VisitOutcome",
    "VisitRecord",
    "check_visit",
    "enter_library",
    "monitoring_rules",
    "quarter_bounds",
]

MAX_PAGE = 1000
MAX_TEXT = 2000
_ENTITY = "monitored_household"


class Library(Labelled):
    CLASS1 = "class1", "一类库", "Class 1"
    CLASS2 = "class2", "二类库", "Class 2"


class VisitOutcome(Labelled):
    """走访结果 for a household in a library."""

    STAY = "stay", "暂无变化", "No change"
    CLASS1 = "class1", "调入一类库", "Move to class 1"
    CLASS2 = "class2", "调入二类库", "Move to class 2"
    OUT = "out", "退出监测", "Leave monitoring"
    INTAKE = "intake", "引导申请", "Helped to apply"


@dataclass(frozen=True)
class VisitRecord:
    """入户走访记录 – as typed: the day, the two visitors, what was found, the household's situation."""

    visited_on: date
    visitor_1: str
    visitor_2: str
    findings: str
    situation: str = ""


@dataclass(frozen=True)
class EntryDetails:
    """What a library entry (or a visit) records about the household."""

    risk_factors: tuple[str, ...] = ()
    per_capita_income_fen: int | None = None
    hukou_type: HukouType = HukouType.URBAN
    household_size: int | None = None
    category: str | None = None  # e.g. "tekun" for the innermost circle
    stable: bool = True
    consent: bool = True


def monitoring_rules(packs: PackRegistry, day: date) -> DiscoveryRules:
    pack = packs.pack_for(day)
    if pack.discovery is None:
        raise ValidationFailed(f"政策参数包 {pack.version} 没有 [discovery] 参数，无法开展主动发现与监测 / The policy pack "
                               f"{pack.version} has no [discovery] table", {"pack": "discovery"})
    return pack.discovery


def check_visit(visit: VisitRecord, today: date) -> VisitRecord:
    """A visit as stored: trimmed, two different visitors, findings given, not in the future."""
    v1, v2 = " ".join(visit.visitor_1.split()), " ".join(visit.visitor_2.split())
    findings, situation = visit.findings.strip(), visit.situation.strip()
    problems: dict[str, str] = {}
    if visit.visited_on > today:
        problems["visited_on"] = "走访日期不能晚于今天 / The visit date cannot be in the future"
    if not v1 or not v2:
        problems["visitors"] = "入户走访须写明两名走访人 / Name both visitors"
    elif v1 == v2:
        problems["visitors"] = "两名走访人不能是同一人 / The two visitors must be different people"
    elif max(len(v1), len(v2)) > 60:
        problems["visitors"] = "走访人姓名最多 60 字 / A visitor's name holds at most 60 characters"
    if not findings:
        problems["findings"] = "请写明走访发现的情况 / Describe what the visit found"
    if len(findings) > MAX_TEXT or len(situation) > MAX_TEXT:
        problems["findings"] = f"走访情况最多 {MAX_TEXT} 字 / At most {MAX_TEXT:,} characters"
    if problems:
        raise ValidationFailed(next(iter(problems.values())), problems)
    return VisitRecord(visit.visited_on, v1, v2, findings, situation)


def _factors(rules: DiscoveryRules, codes: Iterable[str]) -> list[str]:
    out: list[str] = []
    for code in codes:
        try:
            factor = rules.risk_factor(code)
        except KeyError as exc:
            raise ValidationFailed(str(exc.args[0]), {"risk_factors": "unknown"}) from None
        if factor.code not in out:
            out.append(factor.code)
    return out


def _circle(packs: PackRegistry, rules: DiscoveryRules, day: date, details: EntryDetails) -> str | None:
    standard = packs.pack_for(day).standard_for(details.hukou_type).monthly_exact
    circle = place_circle(rules, details.per_capita_income_fen, standard, details.category)
    return circle.code if circle else None


def _check_details(details: EntryDetails) -> None:
    if details.per_capita_income_fen is not None and not 0 <= details.per_capita_income_fen <= 10**10:
        raise ValidationFailed("人均收入应为 0 或正数 / The per-capita income must be zero or more",
                               {"per_capita_income": "range"})
    if details.household_size is not None and not 1 <= details.household_size <= 30:
        raise ValidationFailed("家庭人数应为 1–30 / The household has 1–30 members", {"household_size": "range"})


def _move(session: Session, actor: Actor, household: MonitoredHousehold, kind: str, from_value: str | None,
          to_value: str | None, day: date, reason: str, now: datetime) -> None:
    session.add(MonitoringMove(monitored_id=household.id, hall_id=household.hall_id, kind=kind, from_value=from_value,
                               to_value=to_value, moved_on=day, reason=reason, actor_id=actor.user_id or None, at=now))


def enter_library(session: Session, actor: Actor, packs: PackRegistry, calendar: WorkCalendar, *, today: date,
                  now: datetime, library: str, resident_id: str, name: str, initials: str, phone: str, address: str,
                  hall_id: int | None, assigned_to_id: int | None, lead_id: int | None, application_id: int | None,
                  details: EntryDetails, reason: str) -> MonitoredHousehold:
    """纳入监测 – a household into a library inside the caller's transaction (moves and audit written).

    A household already active is refused (one entry per head).
    """
    rules = monitoring_rules(packs, today)
    if library not in (Library.CLASS1.value, Library.CLASS2.value):
        raise ValidationFailed("库别应为一类库或二类库 / The library is class 1 or class 2", {"library": "unknown"})
    if not details.consent:
        raise ValidationFailed("纳入监测须经本人同意 / Monitoring needs the person's consent", {"consent": "missing"})
    _check_details(details)
    factors = _factors(rules, details.risk_factors)
    existing = session.scalar(select(MonitoredHousehold.id).where(MonitoredHousehold.resident_id == resident_id,
                                                                  MonitoredHousehold.status == "active"))
    if existing is not None:
        raise ValidationFailed(f"{name} 的家庭已在监测库中 / {name}'s household is already monitored",
                               {"resident_id": "monitored"})
    circle = _circle(packs, rules, today, details)
    household = MonitoredHousehold(
        resident_id=resident_id, name=name, name_initials=initials, phone=phone, address=address, hall_id=hall_id,
        assigned_to_id=assigned_to_id, library=library, status="active", risk_factors=json.dumps(factors),
        household_size=details.household_size, per_capita_income_fen=details.per_capita_income_fen,
        category=details.category, circle=circle, stable=details.stable,
        next_visit_due=due_after(calendar, today, rules.visit_interval_months),
        next_recheck_due=due_after(calendar, today, rules.recheck_months(details.stable)),
        last_visit_on=today if lead_id is not None else None, lead_id=lead_id, application_id=application_id,
        consent=True, entered_on=today, close_reason="", created_at=now, updated_at=now)
    session.add(household)
    session.flush()
    _move(session, actor, household, "library", None, library, today, reason, now)
    if circle:
        _move(session, actor, household, "circle", None, circle, today, reason, now)
    audit.record(session, actor, "monitoring.enter", _ENTITY, household.id, {
        "library": library, "resident_id": mask_resident_id(resident_id), "risk_factors": factors, "circle": circle,
        "lead": lead_id, "application": application_id, "next_visit_due": household.next_visit_due,
        "next_recheck_due": household.next_recheck_due}, at=now)
    return household


# ------------------------------------------------------------------------------------------ results

@dataclass(frozen=True)
class MonitoringFilter:
    libraries: tuple[Library, ...] = ()
    active: bool = True
    overdue: bool = False
    due_within_days: int | None = None  # next visit due within N working days (overdue included)
    recheck_due_within_days: int | None = None
    risk_factors: tuple[str, ...] = ()
    circles: tuple[str, ...] = ()
    hall_codes: tuple[str, ...] = ()
    worker_usernames: tuple[str, ...] = ()
    text: str = ""

    def describe(self) -> dict[str, Any]:
        return {k: (list(v) if isinstance(v, tuple) else v) for k, v in self.__dict__.items()
                if v not in ((), None, "", False)}


@dataclass(frozen=True)
class MonitoredRow:
    id: int
    version: int
    name: str
    resident_id_masked: str
    phone: str
    address: str
    library: Library
    active: bool
    risk_factors: tuple[str, ...]
    risk_factor_names: str
    per_capita_income_fen: int | None
    circle: str | None
    circle_name: str
    stable: bool
    next_visit_due: date
    next_recheck_due: date
    last_visit_on: date | None
    visit_days_left: int | None
    """Working days from today to the next visit (0 = today, negative = overdue); None once closed."""
    overdue: bool
    hall_code: str
    hall_name: str
    worker_name: str
    entered_on: date
    closed_on: date | None
    close_reason: str
    calendar_fallback: bool


@dataclass(frozen=True)
class MonitoringSummary:
    """What the window says on sign-in about the visits of the user's scope."""

    households: int
    overdue: int
    due_soon: int
    within_days: int

    @property
    def needs_attention(self) -> bool:
        return bool(self.overdue or self.due_soon)

    @property
    def message(self) -> str:
        return (f"监测对象 {self.households} 户：走访逾期 {self.overdue} 户，{self.within_days} 个工作日内到期 "
                f"{self.due_soon} 户 / {counted(self.households, 'household')} monitored: "
                f"{counted(self.overdue, 'visit')} overdue, {self.due_soon} due within "
                f"{counted(self.within_days, 'working day')}")


@dataclass(frozen=True)
class MonitoringVisitResult:
    household: MonitoredRow
    visit_id: int
    prefill: Any = None  # services.discovery.IntakePrefill after 引导申请


@dataclass(frozen=True)
class CircleCount:
    code: str
    name: str
    name_en: str
    households: int


@dataclass(frozen=True)
class CircleMoves:
    month: str  # YYYY-MM
    moves_in: dict[str, int]
    moves_out: dict[str, int]


@dataclass(frozen=True)
class HallReport:
    hall_code: str
    hall_name: str
    class1: int
    class2: int
    visits_done: int
    visits_due: int
    visits_overdue: int
    moves: int
    entered: int
    left: int
    leads_found: int
    leads_to_intake: int


@dataclass(frozen=True)
class QuarterlyReport:
    """一季度一上报 – households per library, visits done and due, moves, leads turned into intakes."""

    year: int
    quarter: int
    start: date
    end: date
    made_at: datetime
    halls: tuple[HallReport, ...]

    @property
    def total(self) -> HallReport:
        def s(name: str) -> int:
            return sum(int(getattr(h, name)) for h in self.halls)

        return HallReport("", "合计", s("class1"), s("class2"), s("visits_done"), s("visits_due"),
                          s("visits_overdue"), s("moves"), s("entered"), s("left"), s("leads_found"),
                          s("leads_to_intake"))

    def as_json(self) -> dict[str, Any]:
        def one(h: HallReport) -> dict[str, Any]:
            return {k: getattr(h, k) for k in HallReport.__dataclass_fields__}

        return {"year": self.year, "quarter": self.quarter, "from": self.start.isoformat(),
                "to": self.end.isoformat(), "halls": [one(h) for h in self.halls], "total": one(self.total)}


MONITORING_COLUMNS = (
    ("户主", "text", 12), ("身份证号码", "text", 21), ("联系电话", "text", 14), ("住址", "text", 30),
    ("库别", "text", 8), ("状态", "text", 8), ("风险因素", "text", 24), ("人均月收入（元）", "text", 14),
    ("收入圈", "text", 10), ("家庭情况", "text", 8), ("下次走访", "date", 12), ("走访逾期", "text", 8),
    ("复核日期", "date", 12), ("最近走访", "date", 12), ("入库日期", "date", 12), ("出库日期", "date", 12),
    ("出库原因", "text", 24), ("大厅", "text", 24), ("负责人", "text", 10),
)

_Worker = aliased(User)
AnySelect = Select[*tuple[Any, ...]]


class _DaysLeft:
    def __init__(self, calendar: WorkCalendar, today: date) -> None:
        self.calendar, self.today = calendar, today
        self.cache: dict[date, tuple[int, bool]] = {}

    def __call__(self, due: date) -> tuple[int, bool]:
        if due not in self.cache:
            n, years = self.calendar.working_days_between_checked(self.today, due)
            self.cache[due] = (n, bool(years))
        return self.cache[due]


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    if not 1 <= quarter <= 4 or not 2000 <= year <= 2100:
        raise ValidationFailed("季度应为 1–4 / The quarter is 1–4", {"quarter": "range"})
    start = date(year, 3 * quarter - 2, 1)
    end = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return start, date.fromordinal(end.toordinal() - 1)


# ------------------------------------------------------------------------------------------ service

class MonitoringService:
    def __init__(self, db: Database, clock: Clock, packs: PackRegistry) -> None:
        self.db = db
        self.clock = clock
        self.packs = packs

    def rules(self) -> DiscoveryRules:
        return monitoring_rules(self.packs, self.clock.today())

    # -- lists ---------------------------------------------------------------------------------------
    def households(self, actor: Actor, filter: MonitoringFilter | None = None, *, offset: int = 0,
                   limit: int = 100) -> list[MonitoredRow]:
        """Households of the actor's scope by next visit due (earliest first): the visits queue."""
        require(actor, Permission.DISCOVERY_WORK)
        if not 1 <= limit <= MAX_PAGE:
            raise ValidationFailed(f"每页 1–{MAX_PAGE} 条 / A page holds 1–{MAX_PAGE} rows", {"limit": "range"})
        with self.db.reading() as session:
            calendar = load_calendar(session)
            query = self._filtered(session, actor, self._select(), filter or MonitoringFilter(), calendar)
            query = query.order_by(MonitoredHousehold.next_visit_due, MonitoredHousehold.id)
            days = _DaysLeft(calendar, self.clock.today())
            return [self._row(r, days) for r in session.execute(query.offset(max(0, offset)).limit(limit))]

    def count(self, actor: Actor, filter: MonitoringFilter | None = None) -> int:
        require(actor, Permission.DISCOVERY_WORK)
        with self.db.reading() as session:
            query = select(func.count(MonitoredHousehold.id)).select_from(MonitoredHousehold)
            query = self._filtered(session, actor, query, filter or MonitoringFilter(), load_calendar(session))
            return int(session.scalar(query) or 0)

    def household(self, actor: Actor, monitored_id: int) -> MonitoredRow:
        require(actor, Permission.DISCOVERY_WORK)
        with self.db.reading() as session:
            return self._reload(session, actor, monitored_id)

    def reveal_id(self, actor: Actor, monitored_id: int) -> str:
        """The full ID number of the household's head, audited."""
        require(actor, Permission.DISCOVERY_WORK)
        require(actor, Permission.REVEAL_ID)
        now = self.clock.now()
        with self.db.transaction() as session:
            household = self._load(session, actor, monitored_id)
            audit.record(session, actor, "monitoring.reveal_id", _ENTITY, household.id, {"name": household.name},
                         at=now)
            return household.resident_id

    def summary(self, actor: Actor, within_days: int = 10) -> MonitoringSummary:
        """The sign-in line: households monitored, visits overdue and due within ``within_days`` working days."""
        require(actor, Permission.DISCOVERY_WORK)
        total = self.count(actor)
        overdue = self.count(actor, MonitoringFilter(overdue=True))
        soon = self.count(actor, MonitoringFilter(due_within_days=within_days)) - overdue
        return MonitoringSummary(total, overdue, soon, within_days)

    def calendar_warning(self, rows: Iterable[MonitoredRow]) -> str | None:
        """The Monday–Friday warning when some rows' working days were counted without a known calendar."""
        years = {r.next_visit_due.year for r in rows if r.calendar_fallback}
        return fallback_warning(years)

    # -- entering at submit ----------------------------------------------------------------------------
    def enroll_application(self, actor: Actor, application_number: str, library: Library | str,
                           details: EntryDetails, reason: str = "") -> MonitoredRow:
        """纳入监测 at submit: an application assessed 低保边缘 or 不符合, with the applicant's consent."""
        require(actor, Permission.DISCOVERY_WORK)
        chosen = _library(library)
        now, today = self.clock.now(), self.clock.today()
        with self.db.transaction() as session:
            application = session.execute(select(Application).where(Application.number == application_number)
                                          ).scalar_one_or_none()
            if application is None or (actor.hall_id is not None and application.hall_id != actor.hall_id):
                raise NotFound(f"没有受理编号为 {application_number} 的申请 / No application has the number "
                               f"{application_number}")
            assessment = session.execute(select(Assessment).where(Assessment.application_id == application.id)
                                         .order_by(Assessment.id.desc()).limit(1)).scalar_one_or_none()
            category = assessment.category if assessment else None
            if category not in (Category.MARGINAL.value, Category.NOT_ELIGIBLE.value):
                raise ValidationFailed("只有预评估为“低保边缘”或“不符合”的申请可纳入监测 / Only applications assessed "
                                       "marginal or not eligible can be monitored", {"category": str(category)})
            person = session.get(Person, application.applicant_id)
            assert person is not None
            per_capita = details.per_capita_income_fen
            if per_capita is None and assessment is not None:
                per_capita = assessment.per_capita_income_fen
            household = enter_library(
                session, actor, self.packs, load_calendar(session), today=today, now=now, library=chosen.value,
                resident_id=person.resident_id, name=application.applicant_name,
                initials=application.applicant_initials, phone=application.phone, address=application.address,
                hall_id=application.hall_id, assigned_to_id=actor.user_id, lead_id=None,
                application_id=application.id,
                details=EntryDetails(details.risk_factors, per_capita, HukouType(application.hukou_type),
                                     application.household_size, details.category, details.stable, details.consent),
                reason=reason or f"申请 {application.number} 预评估后纳入")
            household_id = household.id
        with self.db.reading() as session:
            return self._reload(session, actor, household_id)

    # -- visits --------------------------------------------------------------------------------------
    def record_visit(self, actor: Actor, monitored_id: int, expected_version: int, visit: VisitRecord,
                     outcome: VisitOutcome | str, reason: str = "", details: EntryDetails | None = None
                     ) -> MonitoringVisitResult:
        """入户走访 – record a visit; the household stays, moves library, leaves (reason) or goes to an intake.

        ``details`` (optional) updates the risk factors, income (and so the circle) and stability;
        the next visit is due one interval after the visit, the re-check at the (new) cadence.
        """
        require(actor, Permission.DISCOVERY_WORK)
        from intake_desk.services.discovery import IntakePrefill

        try:
            chosen = outcome if isinstance(outcome, VisitOutcome) else VisitOutcome.parse(str(outcome))
        except ValueError as exc:
            raise ValidationFailed(str(exc), {"outcome": "unknown"}) from None
        today, now = self.clock.today(), self.clock.now()
        visit = check_visit(visit, today)
        reason = reason.strip()
        if chosen is VisitOutcome.OUT and not reason:
            raise ValidationFailed("退出监测须写明理由 / Give the reason for leaving monitoring", {"reason": "missing"})
        if len(reason) > MAX_TEXT:
            raise ValidationFailed(f"理由最多 {MAX_TEXT} 字 / At most {MAX_TEXT:,} characters", {"reason": "long"})
        if details is not None:
            _check_details(details)
        rules = self.rules()
        prefill = None
        with self.db.transaction() as session:
            household = self._load(session, actor, monitored_id, for_update=True)
            if household.version != expected_version:
                raise ConflictError(f"{household.name} 的监测记录已被其他用户修改，请刷新后再试 / {household.name}'s record "
                                    f"was changed by another user; reload it and try again",
                                    changed_by="其他用户", current_version=household.version)
            if household.status != "active":
                raise ValidationFailed(f"{household.name} 已退出监测 / {household.name} is no longer monitored",
                                       {"household": "closed"})
            calendar = load_calendar(session)
            row = MonitoringVisit(monitored_id=household.id, hall_id=household.hall_id, visited_on=visit.visited_on,
                                  visitor_1=visit.visitor_1, visitor_2=visit.visitor_2, findings=visit.findings,
                                  situation=visit.situation, outcome=chosen.value, reason=reason,
                                  recorded_by_id=actor.user_id, recorded_at=now)
            session.add(row)
            before = {"library": household.library, "status": household.status, "circle": household.circle,
                      "next_visit_due": household.next_visit_due, "next_recheck_due": household.next_recheck_due,
                      "risk_factors": household.risk_factors, "stable": household.stable}
            if details is not None:
                if details.risk_factors:
                    household.risk_factors = json.dumps(_factors(rules, details.risk_factors))
                if details.per_capita_income_fen is not None or details.category is not None:
                    household.per_capita_income_fen = details.per_capita_income_fen
                    household.category = details.category
                    circle = _circle(self.packs, rules, visit.visited_on, details)
                    if circle != household.circle:
                        _move(session, actor, household, "circle", household.circle, circle, visit.visited_on,
                              reason or visit.findings, now)
                        household.circle = circle
                if details.household_size is not None:
                    household.household_size = details.household_size
                household.stable = details.stable
                household.next_recheck_due = due_after(calendar, visit.visited_on,
                                                       rules.recheck_months(details.stable))
            household.last_visit_on = visit.visited_on
            household.next_visit_due = due_after(calendar, visit.visited_on, rules.visit_interval_months)
            if chosen in (VisitOutcome.CLASS1, VisitOutcome.CLASS2) and chosen.value != household.library:
                _move(session, actor, household, "library", household.library, chosen.value, visit.visited_on,
                      reason or visit.findings, now)
                household.library = chosen.value
            elif chosen in (VisitOutcome.OUT, VisitOutcome.INTAKE):
                _move(session, actor, household, "library", household.library, chosen.value, visit.visited_on,
                      reason or visit.findings, now)
                household.status = "closed"
                household.closed_on = visit.visited_on
                household.close_reason = reason or chosen.zh
                if chosen is VisitOutcome.INTAKE:
                    prefill = IntakePrefill(household.resident_id, household.name, household.phone, household.address,
                                            reason or visit.findings, Library(str(before["library"])).zh,
                                            monitored_id=household.id)
            household.updated_at = now
            session.flush()
            after = {"library": household.library, "status": household.status, "circle": household.circle,
                     "next_visit_due": household.next_visit_due, "next_recheck_due": household.next_recheck_due,
                     "risk_factors": household.risk_factors, "stable": household.stable}
            audit.record(session, actor, "monitoring.visit", _ENTITY, household.id, {
                "visit": row.id, "visited_on": visit.visited_on, "visitors": [visit.visitor_1, visit.visitor_2],
                "outcome": chosen.value, "reason": reason} | audit.changes(before, after), at=now)
            visit_id = row.id
        with self.db.reading() as session:
            return MonitoringVisitResult(self._reload(session, actor, monitored_id), visit_id, prefill)

    def visits(self, actor: Actor, monitored_id: int) -> list[dict[str, Any]]:
        """The household's visits, oldest first."""
        require(actor, Permission.DISCOVERY_WORK)
        with self.db.reading() as session:
            household = self._load(session, actor, monitored_id)
            ids = [household.id]
            query = (select(MonitoringVisit, User.display_name).join(User, User.id == MonitoringVisit.recorded_by_id)
                     .where((MonitoringVisit.monitored_id.in_(ids))
                            | ((MonitoringVisit.lead_id == household.lead_id) if household.lead_id else False))
                     .order_by(MonitoringVisit.visited_on, MonitoringVisit.id))
            return [{"id": v.id, "visited_on": v.visited_on, "visitors": f"{v.visitor_1}、{v.visitor_2}",
                     "findings": v.findings, "situation": v.situation, "outcome": v.outcome, "reason": v.reason,
                     "recorded_by": who} for v, who in session.execute(query)]

    # -- circles and the quarterly report --------------------------------------------------------------
    def circle_counts(self, actor: Actor) -> list[CircleCount]:
        """分圈 – active monitored households per income circle (the pack's circles, inside out)."""
        require(actor, Permission.DISCOVERY_WORK)
        rules = self.rules()
        with self.db.reading() as session:
            query = (select(MonitoredHousehold.circle, func.count()).where(MonitoredHousehold.status == "active")
                     .group_by(MonitoredHousehold.circle))
            if actor.hall_id is not None:
                query = query.where(MonitoredHousehold.hall_id == actor.hall_id)
            counts = {c: int(n) for c, n in session.execute(query)}
        out = [CircleCount(c.code, c.name, c.name_en, counts.get(c.code, 0)) for c in rules.circles]
        out.append(CircleCount("", "圈外/收入未知", "Outside / income unknown", counts.get(None, 0)))
        return out

    def circle_moves(self, actor: Actor, start: date, end: date) -> list[CircleMoves]:
        """Moves into and out of each circle per month between ``start`` and ``end`` (inclusive)."""
        require(actor, Permission.DISCOVERY_WORK)
        with self.db.reading() as session:
            query = (select(MonitoringMove.moved_on, MonitoringMove.from_value, MonitoringMove.to_value)
                     .where(MonitoringMove.kind == "circle", MonitoringMove.moved_on >= start,
                            MonitoringMove.moved_on <= end).order_by(MonitoringMove.moved_on))
            if actor.hall_id is not None:
                query = query.where(MonitoringMove.hall_id == actor.hall_id)
            months: dict[str, CircleMoves] = {}
            for day, before, after in session.execute(query):
                key = f"{day:%Y-%m}"
                entry = months.setdefault(key, CircleMoves(key, {}, {}))
                if after:
                    entry.moves_in[after] = entry.moves_in.get(after, 0) + 1
                if before:
                    entry.moves_out[before] = entry.moves_out.get(before, 0) + 1
            return list(months.values())

    def quarterly_report(self, actor: Actor, year: int, quarter: int) -> QuarterlyReport:
        """一季度一上报 – per hall: households per library at the end of the quarter (or today), visits
        done in the quarter and due by its end, moves, entries, exits, leads found and sent to intake."""
        require(actor, Permission.DISCOVERY_MANAGE)
        start, end = quarter_bounds(year, quarter)
        today = self.clock.today()
        as_of = min(end, today)
        with self.db.reading() as session:
            halls = session.execute(select(Hall.id, Hall.code, Hall.name).order_by(Hall.code)).all()
            if actor.hall_id is not None:
                halls = [h for h in halls if h.id == actor.hall_id]
            reports = []
            for hall in halls:
                mh = MonitoredHousehold
                active = (mh.entered_on <= as_of) & ((mh.closed_on.is_(None)) | (mh.closed_on > as_of))
                per_library = dict(session.execute(
                    select(mh.library, func.count()).where(mh.hall_id == hall.id, active).group_by(mh.library)).all())
                visits_done = session.scalar(select(func.count(MonitoringVisit.id)).where(
                    MonitoringVisit.hall_id == hall.id, MonitoringVisit.visited_on >= start,
                    MonitoringVisit.visited_on <= end)) or 0
                due = session.scalar(select(func.count(mh.id)).where(
                    mh.hall_id == hall.id, mh.status == "active", mh.next_visit_due <= end)) or 0
                overdue = session.scalar(select(func.count(mh.id)).where(
                    mh.hall_id == hall.id, mh.status == "active", mh.next_visit_due < today)) or 0
                moves = dict(session.execute(
                    select(MonitoringMove.kind, func.count()).where(
                        MonitoringMove.hall_id == hall.id, MonitoringMove.moved_on >= start,
                        MonitoringMove.moved_on <= end, MonitoringMove.from_value.is_not(None),
                        MonitoringMove.to_value.in_(["class1", "class2"])).group_by(MonitoringMove.kind)).all())
                entered = session.scalar(select(func.count(mh.id)).where(
                    mh.hall_id == hall.id, mh.entered_on >= start, mh.entered_on <= end)) or 0
                left = session.scalar(select(func.count(mh.id)).where(
                    mh.hall_id == hall.id, mh.closed_on >= start, mh.closed_on <= end)) or 0
                lead_start, lead_end = _day_start(start), _day_start(date.fromordinal(end.toordinal() + 1))
                leads_found = session.scalar(select(func.count(Lead.id)).where(
                    Lead.hall_id == hall.id, Lead.created_at >= lead_start, Lead.created_at < lead_end)) or 0
                to_intake = session.scalar(select(func.count(MonitoringVisit.id)).where(
                    MonitoringVisit.hall_id == hall.id, MonitoringVisit.visited_on >= start,
                    MonitoringVisit.visited_on <= end, MonitoringVisit.outcome.in_(["apply", "intake"]))) or 0
                reports.append(HallReport(
                    hall.code, hall.name, int(per_library.get("class1", 0)), int(per_library.get("class2", 0)),
                    int(visits_done), int(due), int(overdue), int(moves.get("library", 0)), int(entered), int(left),
                    int(leads_found), int(to_intake)))
        return QuarterlyReport(year, quarter, start, end, self.clock.now(), tuple(reports))

    # -- the ledger (监测台账) ---------------------------------------------------------------------------
    def export_monitoring(self, actor: Actor, filter: MonitoringFilter, path: Path, *,
                          format: ExportFormat | None = None, full_ids: bool = False) -> ExportResult:
        """监测台账 – the households of the filter by next visit due; ID numbers and phones masked
        unless ``full_ids`` (supervisors); audited with the filter and the row count."""
        require(actor, Permission.DISCOVERY_WORK)
        require(actor, Permission.EXPORT_FULL if full_ids else Permission.EXPORT)
        format = format or ExportFormat.for_path(Path(path))
        rules = self.rules()
        factors = {f.code: f.name for f in rules.risk_factors}
        circles = {c.code: c.name for c in rules.circles}
        today = self.clock.today()

        def rows() -> Iterator[list[Any]]:
            with self.db.reading() as session:
                query = self._filtered(session, actor, self._select(), filter, load_calendar(session))
                query = query.order_by(MonitoredHousehold.next_visit_due, MonitoredHousehold.id)
                for r in session.execute(query).yield_per(1000):
                    active = r.status == "active"
                    yield [r.name, r.resident_id if full_ids else mask_resident_id(r.resident_id),
                           r.phone if full_ids else mask_phone(r.phone), r.address,
                           Library(r.library).zh if r.library in ("class1", "class2") else r.library,
                           "在库" if active else "已出库",
                           "、".join(factors.get(f, f) for f in json.loads(r.risk_factors or "[]")),
                           "" if r.per_capita_income_fen is None else format_fen(r.per_capita_income_fen),
                           circles.get(r.circle or "", ""), "稳定" if r.stable else "不稳定", r.next_visit_due,
                           "是" if active and r.next_visit_due < today else "否", r.next_recheck_due,
                           r.last_visit_on, r.entered_on, r.closed_on, r.close_reason, r.hall_name or "",
                           r.worker_name or ""]

        def commit(count: int) -> None:
            with self.db.transaction() as session:
                audit.record(session, actor, "export.monitoring", "export", Path(path).name,
                             {"rows": count, "format": format.value, "full_ids": full_ids,
                              "filter": filter.describe()}, at=self.clock.now())

        count = write_ledger(Path(path), format, "监测台账", MONITORING_COLUMNS, rows(), commit)
        return ExportResult(Path(path), count, format, full_ids)

    # -- internals -----------------------------------------------------------------------------------
    def _select(self) -> AnySelect:
        mh = MonitoredHousehold
        query: AnySelect = (
            select(mh.id, mh.version, mh.name, mh.resident_id, mh.phone, mh.address, mh.library, mh.status,
                   mh.risk_factors, mh.per_capita_income_fen, mh.circle, mh.stable, mh.next_visit_due,
                   mh.next_recheck_due, mh.last_visit_on, mh.entered_on, mh.closed_on, mh.close_reason,
                   Hall.code.label("hall_code"), Hall.name.label("hall_name"),
                   _Worker.display_name.label("worker_name"))
            .select_from(mh).outerjoin(Hall, Hall.id == mh.hall_id).outerjoin(_Worker, _Worker.id == mh.assigned_to_id))
        return query

    def _filtered(self, session: Session, actor: Actor, query: AnySelect, f: MonitoringFilter,
                  calendar: WorkCalendar) -> AnySelect:
        mh = MonitoredHousehold
        today = self.clock.today()
        if actor.hall_id is not None:
            query = query.where(mh.hall_id == actor.hall_id)
        query = query.where(mh.status == ("active" if f.active else "closed"))
        if f.libraries:
            query = query.where(mh.library.in_([Library(x).value for x in f.libraries]))
        if f.overdue:
            query = query.where(mh.next_visit_due < today)
        if f.due_within_days is not None:
            query = query.where(mh.next_visit_due <= calendar.add_working_days(today, max(0, f.due_within_days)))
        if f.recheck_due_within_days is not None:
            query = query.where(mh.next_recheck_due <= calendar.add_working_days(
                today, max(0, f.recheck_due_within_days)))
        if f.circles:
            query = query.where(mh.circle.in_(list(f.circles)))
        for code in f.risk_factors:
            query = query.where(mh.risk_factors.contains(f'"{code}"'))
        if f.hall_codes:
            query = query.where(mh.hall_id.in_(select(Hall.id).where(Hall.code.in_(list(f.hall_codes)))))
        if f.worker_usernames:
            query = query.where(mh.assigned_to_id.in_(select(User.id).where(
                User.username.in_(list(f.worker_usernames)))))
        if f.text.strip():
            query = query.where(_text_condition(session, f.text))
        return query

    def _row(self, r: Any, days: _DaysLeft) -> MonitoredRow:
        rules = self.rules()
        factors = tuple(json.loads(r.risk_factors or "[]"))
        names = {f.code: f.name for f in rules.risk_factors}
        circles = {c.code: c.name for c in rules.circles}
        active = r.status == "active"
        left, fallback = days(r.next_visit_due) if active else (None, False)
        return MonitoredRow(
            id=r.id, version=r.version, name=r.name, resident_id_masked=mask_resident_id(r.resident_id),
            phone=r.phone, address=r.address, library=Library(r.library) if r.library in ("class1", "class2")
            else Library.CLASS1, active=active, risk_factors=factors,
            risk_factor_names="、".join(names.get(f, f) for f in factors), per_capita_income_fen=r.per_capita_income_fen,
            circle=r.circle, circle_name=circles.get(r.circle or "", ""), stable=bool(r.stable),
            next_visit_due=r.next_visit_due, next_recheck_due=r.next_recheck_due, last_visit_on=r.last_visit_on,
            visit_days_left=left, overdue=active and r.next_visit_due < days.today, hall_code=r.hall_code or "",
            hall_name=r.hall_name or "", worker_name=r.worker_name or "", entered_on=r.entered_on,
            closed_on=r.closed_on, close_reason=r.close_reason, calendar_fallback=fallback)

    def _load(self, session: Session, actor: Actor, monitored_id: int, *, for_update: bool = False
              ) -> MonitoredHousehold:
        query = select(MonitoredHousehold).where(MonitoredHousehold.id == monitored_id)
        if for_update:
            query = query.with_for_update()
        household = session.execute(query).scalar_one_or_none()
        if household is None or (actor.hall_id is not None and household.hall_id != actor.hall_id):
            raise NotFound(f"没有编号为 {monitored_id} 的监测对象 / No monitored household has the id {monitored_id}")
        return household

    def _reload(self, session: Session, actor: Actor, monitored_id: int) -> MonitoredRow:
        self._load(session, actor, monitored_id)
        row = session.execute(self._select().where(MonitoredHousehold.id == monitored_id)).one()
        return self._row(row, _DaysLeft(load_calendar(session), self.clock.today()))


def _library(value: Library | str) -> Library:
    try:
        return value if isinstance(value, Library) else Library.parse(str(value))
    except ValueError as exc:
        raise ValidationFailed(str(exc), {"library": "unknown"}) from None


def _day_start(day: date) -> datetime:
    from intake_desk.services.clock import LOCAL_ZONE

    return datetime(day.year, day.month, day.day, tzinfo=LOCAL_ZONE)


def _text_condition(session: Session, text_: str) -> ColumnElement[bool]:
    kind, value = classify_text(text_)
    if kind == TextKind.RESIDENT_ID:
        return MonitoredHousehold.resident_id == value
    column = MonitoredHousehold.name_initials if kind == TextKind.INITIALS else MonitoredHousehold.name
    return prefix_condition(session, column, value)

