"""事后核查 – verification after a fast-tracked (告知承诺制) application.

An applicant who signs the commitment declaration is served faster, and the facts are verified
afterwards (DOMAIN.md §6): a data comparison within one month, periodic re-checks and random spot
checks (抽查), with problems traced. Submitting an intake schedules the checks
(``services.intake.PostCheckPlan``); this service is the desk's work on them:

* :meth:`PostCheckService.queue` / :meth:`~PostCheckService.count` – the checks of the actor's hall
  by status, kind, due date, overdue, or applicant (name, pinyin initials, receipt number, full
  resident ID), with the resident ID masked and the working days left counted in the holiday
  calendar (``calendar_service.load_calendar``).
* :meth:`PostCheckService.record_result` – 核查无误 (passed) or 发现问题 (problem found) with the
  breach grade (一般/较重/严重) and a note. The caller names the version it saw; if somebody
  recorded the check since, the result is refused naming who did it. A check already passed or
  cancelled is final; a problem may be recorded again while it is traced (a changed grade, or
  passed once put right), every step kept in the audit trail.
* :meth:`PostCheckService.draw_spot_checks` – the supervisor's random spot check (随机抽查), by
  the rule below, reproducible from its seed.

The spot-check rule (随机抽查规则):

1. The pool is every fast-tracked application of the supervisor's hall (every hall for an
   account without one) received in the last ``within_days`` days (default 90, today included),
   not withdrawn, that has no spot check yet (of any status).
2. The sample is ``ceil(pool × percent / 100)`` applications (percent 1–100), at least one when
   the pool is not empty.
3. The pool is put in receipt-number order and the sample drawn with Python's
   ``random.Random(seed).sample`` – the same seed on the same pool draws the same applications,
   so anyone can repeat the draw from the audit record (which keeps seed, percent, pool size
   and the numbers drawn).
4. Each application drawn gets a spot check due :data:`SPOT_CHECK_WORKING_DAYS` working days
   after today.
"""

from __future__ import annotations

import math
import random
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, exists, func, select, text
from sqlalchemy.orm import Session, aliased
from sqlalchemy.orm.exc import StaleDataError

from intake_desk.domain.enums import ApplicationStatus, BreachGrade, Labelled, PostCheckKind, PostCheckStatus
from intake_desk.domain.masking import mask_resident_id
from intake_desk.policy.calendar import WorkCalendar, fallback_warning
from intake_desk.services import audit, scope
from intake_desk.services.actor import Actor
from intake_desk.services.calendar_service import load_calendar
from intake_desk.services.clock import Clock, local
from intake_desk.services.errors import ConflictError, InvalidTransition, NotFound, ValidationFailed
from intake_desk.services.permissions import Permission, require
from intake_desk.services.queues import TextKind, classify_text, prefix_condition
from intake_desk.store.db import Database
from intake_desk.store.models import Application, Person, PostCheck, User

__all__ = [
    "MAX_NOTE",
    "SPOT_CHECK_WITHIN_DAYS",
    "SPOT_CHECK_WORKING_DAYS",
    "HistoryEntry",
    "PostCheckRow",
    "PostCheckService",
    "SpotCheckPool",
]

SPOT_CHECK_WORKING_DAYS = 20
"""A drawn spot check is due this many working days after the draw (about one month)."""
SPOT_CHECK_WITHIN_DAYS = 90
"""“Recent”: applications received in this many days before the draw (today included)."""
MAX_NOTE = 2000
MAX_PAGE = 1000
_ENTITY = "post_check"
_SPOT_DRAW_LOCK = 0x50435350  # PostgreSQL advisory lock: one spot-check draw at a time across desks

S = PostCheckStatus
L = TypeVar("L", bound=Labelled)
AnySelect = Select[*tuple[Any, ...]]
_FINAL = (S.PASSED, S.CANCELLED)
_DoneBy = aliased(User)


# ------------------------------------------------------------------------------------------ results

@dataclass(frozen=True)
class PostCheckRow:
    """One post-check as the 核查 page lists it (resident ID masked)."""

    id: int
    version: int
    application_id: int
    application_number: str
    applicant_name: str
    applicant_id_masked: str
    received_on: date
    kind: PostCheckKind
    due_date: date
    status: PostCheckStatus
    breach_grade: BreachGrade
    result: str
    done_at: datetime | None
    done_by_name: str
    overdue: bool
    working_days_left: int | None
    """Working days from today to the due date (0 = due today, negative = overdue); None once recorded."""
    calendar_fallback: bool
    """The working days left were counted Monday–Friday for a year whose holidays are not entered."""

    @property
    def is_open(self) -> bool:
        """Still to be worked: due, or a problem being traced."""
        return self.status in (S.DUE, S.PROBLEM)


@dataclass(frozen=True)
class HistoryEntry:
    """One recorded step of a post-check (from the audit trail)."""

    at: datetime
    actor_name: str
    action: str
    status: PostCheckStatus | None
    breach_grade: BreachGrade | None
    note: str


@dataclass(frozen=True)
class SpotCheckPool:
    """What a spot-check draw would take from, shown before the supervisor draws."""

    size: int
    within_days: int
    received_from: date
    received_to: date

    def sample_size(self, percent: float) -> int:
        return _sample_size(self.size, percent)


def _sample_size(pool: int, percent: float) -> int:
    if pool <= 0:
        return 0
    return max(1, min(pool, math.ceil(pool * percent / 100 - 1e-9)))


# ------------------------------------------------------------------------------------------ helpers

class _DaysLeft:
    """Working days from today to each distinct due date of a page, counted once."""

    def __init__(self, calendar: WorkCalendar, today: date) -> None:
        self.calendar = calendar
        self.today = today
        self.cache: dict[date, tuple[int, bool]] = {}
        self.fallback_years: set[int] = set()

    def __call__(self, due: date) -> tuple[int, bool]:
        if due not in self.cache:
            n, years = self.calendar.working_days_between_checked(self.today, due)
            self.cache[due] = (n, bool(years))
            self.fallback_years |= years
        return self.cache[due]


def _statuses(status: PostCheckStatus | Iterable[PostCheckStatus] | None) -> list[str]:
    if status is None:
        return []
    if isinstance(status, PostCheckStatus):
        return [status.value]
    return [PostCheckStatus(s).value for s in status]


def _choice(kind: type[L], value: object, field: str) -> L:
    """A member from itself, its code or its label (``"较重"``, ``"serious"``); refused in one sentence."""
    if isinstance(value, kind):
        return value
    try:
        return kind.parse(str(value))
    except ValueError as exc:
        raise ValidationFailed(str(exc), {field: "unknown"}) from None


def _clean_note(note: str) -> str:
    text_ = note.strip()
    if len(text_) > MAX_NOTE:
        raise ValidationFailed(f"核查说明最多 {MAX_NOTE} 字 / The note holds at most {MAX_NOTE} characters",
                               {"result_note": "too long"})
    if any(unicodedata.category(c) == "Cc" and c not in "\n\t" for c in text_):
        raise ValidationFailed("核查说明不能含控制字符 / The note may not hold control characters",
                               {"result_note": "control characters"})
    return text_


def _describe(check: PostCheck, number: str) -> str:
    return f"申请 {number} 的{PostCheckKind(check.kind).zh}"


# ------------------------------------------------------------------------------------------ service

class PostCheckService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    # -- the queue ---------------------------------------------------------------------------------
    def queue(self, actor: Actor, status: PostCheckStatus | Iterable[PostCheckStatus] | None = None,
              kind: PostCheckKind | None = None, due_before: date | None = None, overdue_only: bool = False,
              text: str | None = None, *, offset: int = 0, limit: int = 100) -> list[PostCheckRow]:
        """Post-checks by due date (earliest first), ``limit`` rows from ``offset``.

        ``due_before``: due on or before that day. ``overdue_only``: still due and the due date has
        passed (a check due today is not overdue yet). ``text``: applicant name or pinyin initials
        (prefix), receipt number (prefix) or a full resident ID number.
        """
        require(actor, Permission.POSTCHECK_WORK)
        if not 1 <= limit <= MAX_PAGE:
            raise ValidationFailed(f"每页 1–{MAX_PAGE} 条 / A page holds 1–{MAX_PAGE} rows", {"limit": "range"})
        with self.db.reading() as session:
            query = self._filtered(session, actor, self._select(), status, kind, due_before, overdue_only, text)
            query = query.order_by(PostCheck.due_date, PostCheck.id).offset(max(0, offset)).limit(limit)
            days_left = _DaysLeft(load_calendar(session), self.clock.today())
            return [self._row(r, days_left) for r in session.execute(query)]

    def count(self, actor: Actor, status: PostCheckStatus | Iterable[PostCheckStatus] | None = None,
              kind: PostCheckKind | None = None, due_before: date | None = None, overdue_only: bool = False,
              text: str | None = None) -> int:
        """How many post-checks :meth:`queue` would list with the same filters."""
        require(actor, Permission.POSTCHECK_WORK)
        with self.db.reading() as session:
            query = select(func.count(PostCheck.id)).select_from(PostCheck).join(
                Application, Application.id == PostCheck.application_id)
            query = self._filtered(session, actor, query, status, kind, due_before, overdue_only, text)
            return int(session.scalar(query) or 0)

    def get(self, actor: Actor, post_check_id: int) -> PostCheckRow:
        """One post-check as the queue shows it (to reload after a conflict)."""
        require(actor, Permission.POSTCHECK_WORK)
        with self.db.reading() as session:
            return self._reload(session, actor, post_check_id)

    def calendar_warning(self, rows: Iterable[PostCheckRow]) -> str | None:
        """The Monday–Friday warning for the years the given rows were counted in, or None."""
        today = self.clock.today()
        years = {y for r in rows if r.calendar_fallback
                 for y in range(min(today, r.due_date).year, max(today, r.due_date).year + 1)}
        if not years:
            return None
        with self.db.reading() as session:
            calendar = load_calendar(session)
        return fallback_warning(y for y in years if not calendar.covers(y))

    def history(self, actor: Actor, post_check_id: int) -> list[HistoryEntry]:
        """What was recorded on the check, oldest first (its audit events)."""
        require(actor, Permission.POSTCHECK_WORK)
        with self.db.reading() as session:
            self._load(session, actor, post_check_id)
        out = []
        for entry in audit.trail(self.db, _ENTITY, post_check_id):
            detail = entry.detail
            status = detail.get("status")
            grade = detail.get("breach_grade")
            note = detail.get("result")
            out.append(HistoryEntry(
                entry.at, entry.actor_name, entry.action,
                PostCheckStatus(status[1]) if isinstance(status, list) and status[1] else None,
                BreachGrade(grade[1]) if isinstance(grade, list) and grade[1] else None,
                str(note[1] or "") if isinstance(note, list) else str(detail.get("note", "")),
            ))
        return out

    # -- recording a result ------------------------------------------------------------------------
    def record_result(self, actor: Actor, post_check_id: int, expected_version: int, status: PostCheckStatus,
                      result_note: str = "", breach_grade: BreachGrade = BreachGrade.NONE) -> PostCheckRow:
        """登记核查结果 – passed, or a problem with its grade; audited before→after.

        Raises :class:`ConflictError` (naming who recorded it) when the check changed since
        ``expected_version``, :class:`InvalidTransition` when it is already passed or cancelled.
        """
        require(actor, Permission.POSTCHECK_WORK)
        status = _choice(PostCheckStatus, status, "status")
        breach_grade = _choice(BreachGrade, breach_grade, "breach_grade")
        note = _clean_note(result_note)
        if status not in (S.PASSED, S.PROBLEM):
            raise ValidationFailed("核查结果应为“核查无误”或“发现问题” / The result is passed or problem found",
                                   {"status": "invalid"})
        if status is S.PROBLEM:
            problems = {}
            if breach_grade is BreachGrade.NONE:
                problems["breach_grade"] = ("发现问题时请选择失信情形等级（一般、较重、严重） / Choose the grade of the "
                                            "breach (minor, serious, severe) when a problem is found")
            if not note:
                problems["result_note"] = ("请写明发现的问题 / Describe the problem found")
            if problems:
                raise ValidationFailed(next(iter(problems.values())), problems)
        elif breach_grade is not BreachGrade.NONE:
            raise ValidationFailed("核查无误时不能有失信等级 / A passed check has no breach grade",
                                   {"breach_grade": "not with passed"})
        now = self.clock.now()
        with self._conflicts(actor, post_check_id), self.db.transaction() as session:
            check = self._load(session, actor, post_check_id, for_update=True)
            number = session.scalar(select(Application.number).where(Application.id == check.application_id))
            assert number is not None
            if check.version != expected_version:
                raise self._conflict(session, check, number)
            current = PostCheckStatus(check.status)
            if current in _FINAL:
                raise InvalidTransition(
                    f"{_describe(check, number)}已是“{current.zh}”，不能再登记结果 / This post-check of "
                    f"application {number} is already {current.en.lower()}; no result can be recorded")
            before = {"status": check.status, "breach_grade": check.breach_grade, "result": check.result}
            after = {"status": status.value, "breach_grade": breach_grade.value, "result": note}
            if before == after:
                raise ValidationFailed("核查结果没有变化 / The result is the same as recorded",
                                       {"status": "unchanged"})
            check.status = status.value
            check.breach_grade = breach_grade.value
            check.result = note
            check.done_at = now
            check.done_by_id = actor.user_id or None
            session.flush()
            audit.record(session, actor, "postcheck.record", _ENTITY, check.id,
                         {"application": number, "kind": check.kind, "version": check.version}
                         | audit.changes(before, after), at=now)
        with self.db.reading() as session:
            return self._reload(session, actor, post_check_id)

    # -- spot checks -------------------------------------------------------------------------------
    def spot_check_pool(self, actor: Actor, within_days: int = SPOT_CHECK_WITHIN_DAYS) -> SpotCheckPool:
        """How many applications a draw would choose from now (rule 1 above)."""
        require(actor, Permission.POSTCHECK_DRAW)
        with self.db.reading() as session:
            start, today = self._window(within_days)
            n = session.scalar(select(func.count()).select_from(self._pool_query(actor, start, today).subquery()))
            return SpotCheckPool(int(n or 0), within_days, start, today)

    def draw_spot_checks(self, actor: Actor, percent: float, seed: int,
                         within_days: int = SPOT_CHECK_WITHIN_DAYS) -> list[PostCheckRow]:
        """随机抽查 – draw ``percent`` % of the recent fast-tracked applications without a spot check
        and schedule one for each (the rule in the module docstring); audited with the seed."""
        require(actor, Permission.POSTCHECK_DRAW)
        if isinstance(percent, bool) or not isinstance(percent, int | float) or not 0 < percent <= 100:
            raise ValidationFailed("抽查比例应在 1%–100% 之间 / The share must be between 1% and 100%",
                                   {"percent": "range"})
        if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**63:
            raise ValidationFailed("随机种子应为非负整数 / The seed must be a whole number, not negative",
                                   {"seed": "invalid"})
        now = self.clock.now()
        start, today = self._window(within_days)
        with self.db.transaction() as session:
            if session.get_bind().dialect.name == "postgresql":
                # Two supervisors drawing at once must not pick the same application twice.
                session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SPOT_DRAW_LOCK})
            pool = session.execute(self._pool_query(actor, start, today)).all()
            k = _sample_size(len(pool), percent)
            chosen = random.Random(seed).sample(pool, k) if k else []
            calendar = load_calendar(session)
            due = calendar.add_working_days_checked(today, SPOT_CHECK_WORKING_DAYS)
            checks = [PostCheck(application_id=r.id, kind=PostCheckKind.SPOT_CHECK.value, due_date=due.date,
                                status=S.DUE.value) for r in chosen]
            session.add_all(checks)
            session.flush()
            for check, r in zip(checks, chosen, strict=True):
                audit.record(session, actor, "postcheck.schedule", _ENTITY, check.id,
                             {"application": r.number, "kind": check.kind, "due_date": due.date,
                              "seed": seed}, at=now)
            audit.record(session, actor, "postcheck.spot_draw", _ENTITY, "", {
                "percent": percent, "seed": seed, "within_days": within_days, "received_from": start,
                "received_to": today, "pool": len(pool), "drawn": sorted(r.number for r in chosen),
                "due_date": due.date, "calendar_fallback": due.calendar_fallback,
            }, at=now)
            ids = [c.id for c in checks]
        if not ids:
            return []
        with self.db.reading() as session:
            query = self._select().where(PostCheck.id.in_(ids)).order_by(Application.number)
            days_left = _DaysLeft(load_calendar(session), today)
            return [self._row(r, days_left) for r in session.execute(query)]

    def _window(self, within_days: int) -> tuple[date, date]:
        if isinstance(within_days, bool) or not isinstance(within_days, int) or not 1 <= within_days <= 366:
            raise ValidationFailed("抽查范围应为 1–366 天 / The period must be 1–366 days", {"within_days": "range"})
        today = self.clock.today()
        return today - timedelta(days=within_days - 1), today

    @staticmethod
    def _pool_query(actor: Actor, start: date, today: date) -> AnySelect:
        has_spot_check = exists().where(PostCheck.application_id == Application.id,
                                        PostCheck.kind == PostCheckKind.SPOT_CHECK.value)
        query: AnySelect = select(Application.id, Application.number).where(
            Application.fast_track.is_(True), Application.received_on >= start, Application.received_on <= today,
            Application.status != ApplicationStatus.WITHDRAWN.value, ~has_spot_check,
        ).order_by(Application.number)
        query = query.where(scope.hall_condition(actor, Application.hall_id))
        return query

    # -- internals ---------------------------------------------------------------------------------
    @staticmethod
    def _select() -> AnySelect:
        query: AnySelect = (select(PostCheck.id, PostCheck.version, PostCheck.application_id, Application.number,
                       Application.applicant_name, Person.resident_id, Application.received_on, PostCheck.kind,
                       PostCheck.due_date, PostCheck.status, PostCheck.breach_grade, PostCheck.result,
                       PostCheck.done_at, _DoneBy.display_name.label("done_by_name"))
                .select_from(PostCheck)
                .join(Application, Application.id == PostCheck.application_id)
                .join(Person, Person.id == Application.applicant_id)
                .outerjoin(_DoneBy, _DoneBy.id == PostCheck.done_by_id))
        return query

    def _filtered(self, session: Session, actor: Actor, query: AnySelect,
                  status: PostCheckStatus | Iterable[PostCheckStatus] | None, kind: PostCheckKind | None,
                  due_before: date | None, overdue_only: bool, text_: str | None) -> AnySelect:
        query = query.where(scope.hall_condition(actor, Application.hall_id))
        statuses = _statuses(status)
        if overdue_only:
            if statuses and S.DUE.value not in statuses:
                return query.where(PostCheck.id < 0)
            statuses = [S.DUE.value]
            query = query.where(PostCheck.due_date < self.clock.today())
        if statuses:
            query = query.where(PostCheck.status.in_(statuses) if len(statuses) > 1
                                else PostCheck.status == statuses[0])
        if kind is not None:
            query = query.where(PostCheck.kind == PostCheckKind(kind).value)
        if due_before is not None:
            query = query.where(PostCheck.due_date <= due_before)
        if text_ and text_.strip():
            query = query.where(self._text_condition(session, text_))
        return query

    @staticmethod
    def _text_condition(session: Session, text_: str) -> ColumnElement[bool]:
        kind, value = classify_text(text_)
        if kind == TextKind.RESIDENT_ID:
            return Application.applicant_id.in_(select(Person.id).where(Person.resident_id == value))
        column = {TextKind.NUMBER: Application.number,
                  TextKind.INITIALS: Application.applicant_initials}.get(kind, Application.applicant_name)
        return prefix_condition(session, column, value)

    def _load(self, session: Session, actor: Actor, post_check_id: int, *, for_update: bool = False) -> PostCheck:
        query = select(PostCheck).where(PostCheck.id == post_check_id)
        if for_update:
            query = query.with_for_update()
        check = session.execute(query).scalar_one_or_none()
        hall_id = None if check is None else session.scalar(
            select(Application.hall_id).where(Application.id == check.application_id))
        if check is None or not scope.may_see_hall(actor, hall_id):
            raise NotFound(f"没有编号为 {post_check_id} 的核查任务 / No post-check has the id {post_check_id}")
        return check

    def _reload(self, session: Session, actor: Actor, post_check_id: int) -> PostCheckRow:
        self._load(session, actor, post_check_id)
        row = session.execute(self._select().where(PostCheck.id == post_check_id)).one()
        return self._row(row, _DaysLeft(load_calendar(session), self.clock.today()))

    def _row(self, r: Any, days_left: _DaysLeft) -> PostCheckRow:
        status = PostCheckStatus(r.status)
        left: int | None = None
        fallback = False
        if status is S.DUE:
            left, fallback = days_left(r.due_date)
        return PostCheckRow(
            id=r.id, version=r.version, application_id=r.application_id, application_number=r.number,
            applicant_name=r.applicant_name, applicant_id_masked=mask_resident_id(r.resident_id),
            received_on=r.received_on, kind=PostCheckKind(r.kind), due_date=r.due_date, status=status,
            breach_grade=BreachGrade(r.breach_grade or BreachGrade.NONE.value), result=r.result, done_at=r.done_at,
            done_by_name=r.done_by_name or "", overdue=status is S.DUE and r.due_date < days_left.today,
            working_days_left=left, calendar_fallback=fallback,
        )

    @staticmethod
    def _conflict(session: Session, check: PostCheck, number: str) -> ConflictError:
        who = (session.scalar(select(User.display_name).where(User.id == check.done_by_id))
               if check.done_by_id else None) or "其他用户"
        who_en = who if who != "其他用户" else "another user"
        when = f"{local(check.done_at):%Y-%m-%d %H:%M}" if check.done_at else ""
        status = PostCheckStatus(check.status)
        return ConflictError(
            f"{_describe(check, number)}已被{who}于 {when} 登记为“{status.zh}”，请刷新后再登记 / "
            f"This post-check of application {number} was recorded by {who_en} at {when} as "
            f"{status.en.lower()}; reload it and try again",
            changed_by=who, current_version=check.version)

    @contextmanager
    def _conflicts(self, actor: Actor, post_check_id: int) -> Iterator[None]:
        """A concurrent save (the version column's ``StaleDataError``) becomes a :class:`ConflictError`."""
        try:
            yield
        except StaleDataError as exc:
            with self.db.reading() as session:
                check = self._load(session, actor, post_check_id)
                number = session.scalar(select(Application.number).where(Application.id == check.application_id))
                raise self._conflict(session, check, number or "") from exc

