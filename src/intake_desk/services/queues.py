"""转介队列 – the supervisor's queue and the department inbox: filters, sorting, pages, counts.

The queue is read a page at a time with keyset paging (the last row's sort key, never OFFSET), so
the first page and every later one cost the same on a million referrals. Dates that depend on the
working-day calendar (overdue, due within N working days, aging buckets) are turned into plain
date bounds in Python and filtered in SQL, so every query can use the referral indexes.

Counts per department × status are one ``GROUP BY``; the window asks for them when it opens or is
refreshed, not on every keystroke.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, bindparam, false, func, or_, select
from sqlalchemy.orm import Session

from intake_desk.domain.enums import Labelled, ReferralStatus, Role
from intake_desk.domain.resident_id import InvalidResidentId, parse_resident_id
from intake_desk.domain.text import counted, halfwidth
from intake_desk.policy.calendar import WorkCalendar, fallback_warning
from intake_desk.policy.referral_states import OPEN_STATUSES
from intake_desk.services import scope
from intake_desk.services.actor import Actor
from intake_desk.services.clock import LOCAL_ZONE, Clock
from intake_desk.services.errors import PermissionDenied, ValidationFailed
from intake_desk.services.permissions import Permission, allowed
from intake_desk.services.persons import prefix_match
from intake_desk.services.referrals import load_calendar
from intake_desk.store.db import Database
from intake_desk.store.models import Application, Department, Hall, Person, Referral, User

__all__ = [
    "AGING_BUCKETS",
    "AgingBucket",
    "CountMatrix",
    "DateBounds",
    "Lookups",
    "QueueCursor",
    "QueuePage",
    "QueueRow",
    "QueueService",
    "QueueSort",
    "ReferralFilter",
    "SignInSummary",
    "aging_bucket",
    "classify_text",
    "prefix_condition",
]

T = Referral.__table__.c
OPEN_CODES: tuple[str, ...] = tuple(s.value for s in ReferralStatus if s in OPEN_STATUSES)


def is_open() -> ColumnElement[bool]:
    """``status IN ('proposed', …, 'returned')`` with the codes written into the SQL, in status order.

    Written out (not bound) and in this order because it is the predicate of the partial indexes on
    open referrals (``store.models``): both SQLite and PostgreSQL use such an index only when the
    query repeats its predicate.
    """
    return T.status.in_(bindparam("open_statuses", list(OPEN_CODES), expanding=True, literal_execute=True))
MAX_PAGE = 1000
COUNT_CAP = 10_000


class QueueSort(Labelled):
    """排序."""

    DUE = "due", "按到期日", "By due date"
    AGE = "age", "按时长（最久在前）", "By age (oldest first)"
    NEWEST = "newest", "最新在前", "Newest first"
    DEPARTMENT = "department", "按部门", "By department"
    URGENCY = "urgency", "最紧急在前（同日最新在前）", "Most urgent first"


# (column, ascending) for each sort; the id makes the key unique, so keyset paging is exact.
_SORT_KEYS: dict[QueueSort, tuple[tuple[Any, bool], ...]] = {
    QueueSort.DUE: ((T.due_date, True), (T.id, True)),
    QueueSort.AGE: ((T.created_at, True), (T.id, True)),
    QueueSort.NEWEST: ((T.created_at, False), (T.id, False)),
    QueueSort.DEPARTMENT: ((T.department_id, True), (T.due_date, True), (T.id, True)),
    QueueSort.URGENCY: ((T.due_date, True), (T.id, False)),
}


@dataclass(frozen=True)
class AgingBucket:
    """账龄 – how long an open referral has waited, in working days since it was created."""

    label: str
    low: int
    high: int | None  # inclusive; None = no upper end


AGING_BUCKETS: tuple[AgingBucket, ...] = (
    AgingBucket("0–3", 0, 3), AgingBucket("4–7", 4, 7), AgingBucket("8–10", 8, 10), AgingBucket(">10", 11, None),
)


def aging_bucket(age: int) -> AgingBucket:
    for bucket in AGING_BUCKETS:
        if age >= bucket.low and (bucket.high is None or age <= bucket.high):
            return bucket
    return AGING_BUCKETS[0]


@dataclass(frozen=True)
class ReferralFilter:
    """What the queue shows; every field narrows it. Codes, not database ids, so the command line can use it.

    ``overdue``: due date passed and not finished. ``due_within_days``: not overdue and due within
    that many working days of today (today counts as 0). ``created_from``/``created_to``: local
    dates, inclusive. ``text``: applicant name or pinyin initials (prefix), referral or application
    number (prefix), or a full resident ID number.
    """

    department_codes: tuple[str, ...] = ()
    statuses: tuple[ReferralStatus, ...] = ()
    overdue: bool = False
    due_within_days: int | None = None
    hall_codes: tuple[str, ...] = ()
    clerk_usernames: tuple[str, ...] = ()
    assigned_to_ids: tuple[int, ...] = ()
    created_from: date | None = None
    created_to: date | None = None
    text: str = ""
    open_only: bool = False

    def describe(self) -> dict[str, Any]:
        """The filter as plain data (audit records of exports)."""
        return describe_filter(self)


def describe_filter(filter: Any) -> dict[str, Any]:
    """The fields of a filter dataclass that narrow anything, as plain data."""
    out: dict[str, Any] = {}
    for name in filter.__dataclass_fields__:
        value = getattr(filter, name)
        if value not in ((), None, False, ""):
            out[name] = [str(v) for v in value] if isinstance(value, tuple) else value
    return out


@dataclass(frozen=True)
class QueueCursor:
    """Where the next page starts: the sort key of the last row shown."""

    sort: QueueSort
    key: tuple[Any, ...]


@dataclass(frozen=True)
class QueueRow:
    id: int
    number: str
    version: int
    application_id: int
    applicant_name: str
    department_code: str
    department_name: str
    status: ReferralStatus
    due_date: date
    created_at: datetime
    sent_at: datetime | None
    finished_at: datetime | None
    hall_code: str
    hall_name: str
    created_by_name: str
    assigned_to_name: str
    reason: str
    overdue: bool
    age_working_days: int
    due_in_working_days: int | None
    """Working days left (0 = due today); None when finished or overdue."""
    rule: str = ""
    """The routing rules that proposed it (``student_in_need+medical_need``), for the reason in English."""

    @property
    def aging(self) -> AgingBucket:
        return aging_bucket(self.age_working_days)


@dataclass(frozen=True)
class QueuePage:
    rows: tuple[QueueRow, ...]
    next_cursor: QueueCursor | None
    """None when this was the last page."""
    calendar_warning: str | None = None


@dataclass(frozen=True)
class CountMatrix:
    """Counts per department × status, plus overdue per department (for the top of the queue)."""

    departments: tuple[tuple[str, str], ...]  # (code, name), in display order
    statuses: tuple[ReferralStatus, ...]
    cells: dict[tuple[str, ReferralStatus], int]
    overdue: dict[str, int]
    aging: dict[str, int] = field(default_factory=dict)  # bucket label → open referrals

    def count(self, department_code: str, status: ReferralStatus) -> int:
        return self.cells.get((department_code, status), 0)

    def department_total(self, department_code: str) -> int:
        return sum(n for (code, _), n in self.cells.items() if code == department_code)

    def status_total(self, status: ReferralStatus) -> int:
        return sum(n for (_, s), n in self.cells.items() if s is status)

    @property
    def total(self) -> int:
        return sum(self.cells.values())

    @property
    def overdue_total(self) -> int:
        return sum(self.overdue.values())

    def open_total(self, department_code: str) -> int:
        return sum(n for (code, s), n in self.cells.items() if code == department_code and s in OPEN_STATUSES)


@dataclass(frozen=True)
class SignInSummary:
    """“N 条转介已逾期，M 条将在 2 个工作日内到期” for the signed-in user's scope."""

    overdue: int
    due_soon: int
    within_days: int
    scope: str

    @property
    def message(self) -> str:
        return (f"{self.scope}：{self.overdue} 条转介已逾期，{self.due_soon} 条将在 {self.within_days} 个工作日内到期 / "
                f"{counted(self.overdue, 'referral')} overdue, {self.due_soon} due within "
                f"{counted(self.within_days, 'working day')}")

    @property
    def needs_attention(self) -> bool:
        return bool(self.overdue or self.due_soon)


@dataclass(frozen=True)
class DateBounds:
    """The calendar turned into dates for SQL: today, and the last due date that is 'due within N'."""

    today: date
    due_within_until: date | None


@dataclass(frozen=True)
class Lookups:
    """Small tables read once per call: departments, halls and user names by id."""

    departments: dict[int, tuple[str, str]]
    halls: dict[int, tuple[str, str]]
    users: dict[int, str]

    def department_id(self, code: str) -> int | None:
        return next((i for i, (c, _) in self.departments.items() if c == code), None)


# ------------------------------------------------------------------------------------------ service

class QueueService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    # -- pages -------------------------------------------------------------------------------------
    def page(self, actor: Actor, filter: ReferralFilter | None = None, sort: QueueSort = QueueSort.DUE, *,
             after: QueueCursor | None = None, limit: int = 100) -> QueuePage:
        """One page of the queue, ``limit`` rows after ``after`` (the previous page's ``next_cursor``)."""
        if not 1 <= limit <= MAX_PAGE:
            raise ValidationFailed(f"每页 1–{MAX_PAGE} 条 / A page holds 1–{MAX_PAGE} rows", {"limit": "range"})
        if after is not None and after.sort is not sort:
            raise ValidationFailed("翻页时排序已改变 / The sort changed between pages", {"sort": "changed"})
        filter = filter or ReferralFilter()
        with self.db.reading() as session:
            calendar = load_calendar(session)
            lookups = _lookups(session)
            query = self.query(session, actor, filter, sort, calendar=calendar, lookups=lookups, after=after)
            rows = session.execute(query.limit(limit + 1)).all()
        # The rows are shaped after the transaction: on a shared server the connection is given back (or
        # closed, while the server is busy) before this window's processor time for them.
        more = len(rows) > limit
        rows = rows[:limit]
        today = self.clock.today()
        ages = _AgeCache(calendar, today)
        result = tuple(_row(r, lookups, ages, today) for r in rows)
        cursor = None
        if more and rows:
            last = rows[-1]._mapping
            cursor = QueueCursor(sort, tuple(last[f"k{i}"] for i in range(len(_SORT_KEYS[sort]))))
        return QueuePage(result, cursor, fallback_warning(ages.fallback_years))

    def query(self, session: Session, actor: Actor, filter: ReferralFilter, sort: QueueSort = QueueSort.DUE, *,
              calendar: WorkCalendar | None = None, lookups: Lookups | None = None,
              after: QueueCursor | None = None, columns: Sequence[Any] | None = None) -> Select[Any]:
        """The SELECT of a queue page (also used by the export and the benchmarks)."""
        calendar = calendar or load_calendar(session)
        lookups = lookups or _lookups(session)
        keys = _SORT_KEYS[sort]
        selected = list(columns) if columns is not None else [
            T.id, T.number, T.version, T.application_id, T.applicant_name, T.department_id, T.status, T.due_date,
            T.created_at, T.sent_at, T.finished_at, T.hall_id, T.created_by_id, T.assigned_to_id, T.reason, T.rule,
        ]
        selected += [column.label(f"k{i}") for i, (column, _) in enumerate(keys)]
        query = select(*selected).select_from(Referral.__table__)
        for condition in self.conditions(session, actor, filter, calendar=calendar, lookups=lookups):
            query = query.where(condition)
        if after is not None:
            query = query.where(_after(keys, after.key))
        return query.order_by(*[(c.asc() if up else c.desc()) for c, up in keys])

    def count(self, actor: Actor, filter: ReferralFilter | None = None, *, cap: int = COUNT_CAP) -> tuple[int, bool]:
        """How many rows match, counting at most ``cap`` (returns ``(n, capped)``), so typing stays fast."""
        filter = filter or ReferralFilter()
        with self.db.reading() as session:
            inner = select(T.id).select_from(Referral.__table__)
            for condition in self.conditions(session, actor, filter):
                inner = inner.where(condition)
            n = session.scalar(select(func.count()).select_from(inner.limit(cap + 1).subquery())) or 0
            return min(n, cap), n > cap

    # -- filters -----------------------------------------------------------------------------------
    def bounds(self, calendar: WorkCalendar, filter: ReferralFilter) -> DateBounds:
        today = self.clock.today()
        until = None
        if filter.due_within_days is not None:
            if filter.due_within_days < 0:
                raise ValidationFailed("工作日数不能为负数 / The number of working days cannot be negative",
                                       {"due_within_days": "negative"})
            until = calendar.add_working_days(today, filter.due_within_days)
        return DateBounds(today, until)

    def conditions(self, session: Session, actor: Actor, filter: ReferralFilter, *,
                   calendar: WorkCalendar | None = None, lookups: Lookups | None = None) -> list[ColumnElement[bool]]:
        """The WHERE conditions of ``filter`` within the actor's scope (department officers: their own)."""
        calendar = calendar or load_calendar(session)
        lookups = lookups or _lookups(session)
        out: list[ColumnElement[bool]] = []
        if allowed(actor, Permission.REFERRAL_VIEW_ALL):
            if filter.department_codes:
                out.append(_in(T.department_id, _ids_for(filter.department_codes, lookups.department_id)))
        elif allowed(actor, Permission.REFERRAL_VIEW_OWN_DEPARTMENT) and actor.department_id is not None:
            # A department officer sees only their own department, whatever the filter asks for.
            wanted = not filter.department_codes or actor.department_code in filter.department_codes
            out.append(_in(T.department_id, [actor.department_id] if wanted else []))
        else:
            raise PermissionDenied("无权查看转介队列 / You may not see the referral queue")
        out.append(scope.referral_condition(actor, T.hall_id, T.department_id))
        statuses = [s.value for s in filter.statuses]
        if filter.overdue or filter.due_within_days is not None or filter.open_only:
            statuses = [s for s in statuses if s in OPEN_CODES] if statuses else list(OPEN_CODES)
            if not statuses:
                out.append(false())
        if statuses and sorted(statuses) == sorted(OPEN_CODES):
            out.append(is_open())
        elif statuses:
            out.append(_in(T.status, statuses))
        bounds = self.bounds(calendar, filter)
        if filter.overdue:
            out.append(T.due_date < bounds.today)
        if bounds.due_within_until is not None:
            out.append(T.due_date >= bounds.today)
            out.append(T.due_date <= bounds.due_within_until)
        if filter.hall_codes:
            out.append(_in(T.hall_id, _ids_for(filter.hall_codes, lambda c: next(
                (i for i, (hc, _) in lookups.halls.items() if hc == c.upper()), None))))
        if filter.clerk_usernames:
            ids = session.scalars(select(User.id).where(User.username.in_(filter.clerk_usernames))).all()
            out.append(_in(T.created_by_id, list(ids)))
        if filter.assigned_to_ids:
            out.append(_in(T.assigned_to_id, list(filter.assigned_to_ids)))
        if filter.created_from is not None:
            out.append(T.created_at >= _local_midnight(filter.created_from))
        if filter.created_to is not None:
            out.append(T.created_at < _local_midnight(filter.created_to + timedelta(days=1)))
        if filter.created_from and filter.created_to and filter.created_from > filter.created_to:
            raise ValidationFailed("开始日期晚于结束日期 / The start date is after the end date",
                                   {"created_from": "after end"})
        text = filter.text.strip()
        if text:
            out.append(self._text_condition(session, text))
        return out

    def _text_condition(self, session: Session, text: str) -> ColumnElement[bool]:
        kind, value = classify_text(text)
        if kind == TextKind.RESIDENT_ID:
            application_ids = session.scalars(
                select(Application.id).join(Person, Application.applicant_id == Person.id)
                .where(Person.resident_id == value)).all()
            return _in(T.application_id, list(application_ids))
        column = {TextKind.NUMBER: T.number, TextKind.INITIALS: T.applicant_initials}.get(kind, T.applicant_name)
        return prefix_condition(session, column, value)

    # -- counts and summaries ----------------------------------------------------------------------
    def counts(self, actor: Actor, filter: ReferralFilter | None = None, *, with_aging: bool = True) -> CountMatrix:
        """Department × status counts (one GROUP BY), overdue per department and open referrals by age.

        Only the scope part of ``filter`` matters here (departments, halls, clerks); text, status and
        date filters are for the rows below, so typing never re-counts a million rows.
        """
        scope = _scope_only(filter or ReferralFilter())
        with self.db.reading() as session:
            calendar = load_calendar(session)
            lookups = _lookups(session)
            conditions = self.conditions(session, actor, scope, calendar=calendar, lookups=lookups)
            today = self.clock.today()
            grouped = select(T.department_id, T.status, func.count()).group_by(T.department_id, T.status)
            overdue = (select(T.department_id, func.count()).where(is_open(), T.due_date < today)
                       .group_by(T.department_id))
            for condition in conditions:
                grouped = grouped.where(condition)
                overdue = overdue.where(condition)
            cells: dict[tuple[str, ReferralStatus], int] = {}
            for department_id, status, n in session.execute(grouped):
                code = lookups.departments.get(department_id, ("?", "?"))[0]
                cells[(code, ReferralStatus(status))] = int(n)
            overdue_counts = {lookups.departments.get(d, ("?", "?"))[0]: int(n)
                              for d, n in session.execute(overdue)}
            aging = self._aging(session, conditions, calendar, today) if with_aging else {}
            departments = tuple(
                (code, name) for _, (code, name) in sorted(lookups.departments.items())
                if actor.role is not Role.DEPARTMENT or code == actor.department_code
            )
            return CountMatrix(departments, tuple(ReferralStatus), cells, overdue_counts, aging)

    def _aging(self, session: Session, conditions: list[ColumnElement[bool]], calendar: WorkCalendar,
               today: date) -> dict[str, int]:
        # An open referral created on day d has waited working_days_between(d, today) working days, so
        # "at most n working days" is "created on or after the earliest such day": one range count
        # per bucket edge on the open referrals' creation index.
        def open_since(day: date | None) -> int:
            query = select(func.count()).select_from(Referral.__table__).where(is_open())
            if day is not None:
                query = query.where(T.created_at >= _local_midnight(day))
            for condition in conditions:
                query = query.where(condition)
            return int(session.scalar(query) or 0)

        edges = [open_since(_earliest_day_with_age_at_most(calendar, today, bucket.high))
                 if bucket.high is not None else open_since(None) for bucket in AGING_BUCKETS]
        counts = [edges[0]] + [edges[i] - edges[i - 1] for i in range(1, len(edges))]
        return {bucket.label: n for bucket, n in zip(AGING_BUCKETS, counts, strict=True)}

    def summary(self, actor: Actor, *, within_days: int = 2) -> SignInSummary:
        """For the sign-in message: overdue referrals and those due within ``within_days`` working days.

        Scope: a department officer's department; a clerk's hall; everything for supervisors.
        """
        scope_filter = ReferralFilter()
        scope = "全部转介"
        if actor.role is Role.DEPARTMENT:
            scope = actor.department_name or "本部门"
        elif actor.role is Role.CLERK and actor.hall_code:
            scope_filter = ReferralFilter(hall_codes=(actor.hall_code,))
            scope = actor.hall_name or actor.hall_code
        overdue, _ = self.count(actor, replace(scope_filter, overdue=True), cap=10**9)
        soon, _ = self.count(actor, replace(scope_filter, due_within_days=within_days), cap=10**9)
        return SignInSummary(overdue, soon, within_days, scope)

    def lookups(self) -> Lookups:
        with self.db.reading() as session:
            return _lookups(session)

    def filter_choices(self, actor: Actor) -> FilterChoices:
        """Departments, halls and clerks for the filter bar (only what the actor may see)."""
        with self.db.reading() as session:
            departments = session.execute(select(Department.code, Department.name).order_by(Department.id)).all()
            if actor.role is Role.DEPARTMENT:
                departments = [d for d in departments if d[0] == actor.department_code]
            halls = session.execute(select(Hall.code, Hall.name).where(scope.hall_condition(actor, Hall.id))
                                    .order_by(Hall.code)).all()
            clerks = session.execute(
                select(User.username, User.display_name)
                .where(User.role.in_([Role.CLERK.value, Role.SUPERVISOR.value]),
                       scope.hall_condition(actor, User.hall_id)).order_by(User.username)).all()
            return FilterChoices(tuple((c, n) for c, n in departments), tuple((c, n) for c, n in halls),
                                 tuple((u, n) for u, n in clerks))


@dataclass(frozen=True)
class FilterChoices:
    departments: tuple[tuple[str, str], ...]
    halls: tuple[tuple[str, str], ...]
    clerks: tuple[tuple[str, str], ...]


# ------------------------------------------------------------------------------------------ helpers

class _AgeCache:
    """Working days between dates on one page, from a running count of working days over the span.

    A page of old referrals spans hundreds of days; counting each row's span day by day would cost
    more than the query, so every day of the span is looked up once.
    """

    def __init__(self, calendar: WorkCalendar, today: date) -> None:
        self.calendar = calendar
        self.today = today
        self.first: date | None = None
        self.running: list[int] = []  # running[i] = working days in (first, first + i]
        self.fallback: list[int] = []  # the same for days decided by the Monday–Friday fallback
        self.fallback_years: set[int] = set()

    def _cover(self, low: date, high: date) -> None:
        if self.first is not None and self.first <= low and high <= self.first + timedelta(days=len(self.running) - 1):
            return
        first = min(low, self.first) if self.first is not None else low
        last = max(high, self.first + timedelta(days=len(self.running) - 1)) if self.first is not None else high
        running = [0]
        fallback = [0]
        day = first
        while day < last:
            day += timedelta(days=1)
            running.append(running[-1] + (1 if self.calendar.is_working_day(day) else 0))
            fallback.append(fallback[-1] + (1 if self.calendar.uses_fallback(day) else 0))
        self.first, self.running, self.fallback = first, running, fallback

    def between(self, a: date, b: date) -> int:
        """Working days after ``a`` up to and including ``b`` (negative when ``b`` is before ``a``)."""
        low, high = min(a, b), max(a, b)
        self._cover(low, high)
        assert self.first is not None
        i, j = (low - self.first).days, (high - self.first).days
        if self.fallback[j] != self.fallback[i]:
            self.fallback_years.update(self.calendar.fallback_years_between(low + timedelta(days=1), high))
        n = self.running[j] - self.running[i]
        return n if a <= b else -n


def _row(r: Any, lookups: Lookups, ages: _AgeCache, today: date) -> QueueRow:
    status = ReferralStatus(r.status)
    department = lookups.departments.get(r.department_id, ("?", "?"))
    hall = lookups.halls.get(r.hall_id, ("?", "?"))
    created_on = r.created_at.astimezone(LOCAL_ZONE).date()
    end = r.finished_at.astimezone(LOCAL_ZONE).date() if (status.is_final and r.finished_at) else today
    overdue = not status.is_final and r.due_date < today
    due_in = None if (status.is_final or overdue) else ages.between(today, r.due_date)
    return QueueRow(
        id=r.id, number=r.number, version=r.version, application_id=r.application_id,
        applicant_name=r.applicant_name, department_code=department[0], department_name=department[1],
        status=status, due_date=r.due_date, created_at=r.created_at, sent_at=r.sent_at, finished_at=r.finished_at,
        hall_code=hall[0], hall_name=hall[1], created_by_name=lookups.users.get(r.created_by_id, ""),
        assigned_to_name=lookups.users.get(r.assigned_to_id, "") if r.assigned_to_id else "",
        reason=r.reason, overdue=overdue, age_working_days=max(0, ages.between(created_on, max(end, created_on))),
        due_in_working_days=due_in, rule=getattr(r, "rule", None) or "",
    )


def _lookups(session: Session) -> Lookups:
    departments = {i: (c, n) for i, c, n in session.execute(select(Department.id, Department.code, Department.name))}
    halls = {i: (c, n) for i, c, n in session.execute(select(Hall.id, Hall.code, Hall.name))}
    users = {i: n for i, n in session.execute(select(User.id, User.display_name))}
    return Lookups(departments, halls, users)


def _ids_for(codes: Iterable[str], find: Callable[[str], int | None]) -> list[int]:
    return [i for i in (find(c) for c in codes) if i is not None]


def _in(column: Any, values: Sequence[Any]) -> ColumnElement[bool]:
    if not values:
        return false()
    if len(values) == 1:
        return column == values[0]  # type: ignore[no-any-return]
    return column.in_(values)  # type: ignore[no-any-return]


class TextKind:
    RESIDENT_ID = "resident_id"
    NUMBER = "number"
    INITIALS = "initials"
    NAME = "name"


def classify_text(text: str) -> tuple[str, str]:
    """What a search text is: a full resident ID, a receipt/referral number prefix (it has digits),
    pinyin initials (ASCII letters) or a name prefix (anything else, kept exactly as typed)."""
    plain = halfwidth(text).strip()
    if len(plain) in (15, 18) and plain[:15].isdigit():
        try:
            return TextKind.RESIDENT_ID, parse_resident_id(plain).number
        except InvalidResidentId:
            pass
    if plain.isascii() and any(ch.isdigit() for ch in plain):
        return TextKind.NUMBER, plain.upper()
    if plain.isascii() and plain.replace(" ", "").isalpha():
        return TextKind.INITIALS, plain.replace(" ", "").lower()
    return TextKind.NAME, text.strip()


prefix_condition = prefix_match
"""``column`` starts with ``prefix``, in a form the column's index answers (``services.persons``)."""


def _after(keys: tuple[tuple[Any, bool], ...], values: tuple[Any, ...]) -> ColumnElement[bool]:
    """Rows strictly after ``values`` in the sort order (an OR chain, led by a bound the index can use)."""
    alternatives = []
    for i, (column, ascending) in enumerate(keys):
        equal = [keys[j][0] == values[j] for j in range(i)]
        beyond = column > values[i] if ascending else column < values[i]
        alternatives.append(and_(*equal, beyond))
    first_column, first_ascending = keys[0]
    lead = first_column >= values[0] if first_ascending else first_column <= values[0]
    return and_(lead, or_(*alternatives))


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=LOCAL_ZONE)


def _earliest_day_with_age_at_most(calendar: WorkCalendar, today: date, n: int) -> date:
    """The earliest day d with working_days_between(d, today) <= n (age never grows going forward)."""
    day = today
    age = 0
    while True:
        previous = day - timedelta(days=1)
        # Stepping back to `previous` adds `day` itself to the count when it is a working day.
        step = 1 if calendar.is_working_day(day) else 0
        if age + step > n:
            return day
        age += step
        day = previous


def _scope_only(filter: ReferralFilter) -> ReferralFilter:
    return ReferralFilter(department_codes=filter.department_codes, hall_codes=filter.hall_codes,
                          clerk_usernames=filter.clerk_usernames)

