"""节假日调整 – the administrator's word on holidays and make-up working days, and the calendar built on it.

The State Council publishes the next year's holiday schedule (节假日安排) late in the year, and the
``chinesecalendar`` package only knows the years released before the program was built. Until a
year is known, deadlines in it are counted Monday–Friday and say so (``policy.calendar``). An
administrator or desk supervisor closes the gap here: one day at a time, or by pasting the
published schedule as lines such as ``2027-01-01 休`` / ``2027-02-07 班``.

One place builds the working-day calendar from the ``calendar_overrides`` table:
:func:`load_calendar`, called inside the caller's transaction. Every service that writes a due
date (intake, referrals) and every queue that counts working days uses it, so a deadline is always
computed from the table as it is at that moment – another desk's change counts at once.
:meth:`CalendarService.calendar` keeps a copy for the window (previews, warnings): it is rebuilt
after every change made through this service and otherwise re-read at most
:data:`CACHE_SECONDS` later, so a change made at another desk shows within a minute.

A year with at least one override counts as entered (no Monday–Friday warning), so an imported
schedule should list every day that differs from Monday–Friday: the holidays that fall on
weekdays and the weekend days that are worked (调休).
"""

from __future__ import annotations

import re
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from intake_desk.domain.text import halfwidth, shown
from intake_desk.policy.calendar import WorkCalendar, fallback_warning
from intake_desk.services import audit
from intake_desk.services.actor import Actor
from intake_desk.services.clock import Clock
from intake_desk.services.errors import NotFound, ValidationFailed
from intake_desk.services.permissions import Permission, require
from intake_desk.store.db import Database
from intake_desk.store.models import CalendarOverride, User

__all__ = [
    "CACHE_SECONDS",
    "CalendarService",
    "Coverage",
    "ImportResult",
    "OverrideRow",
    "ScheduleDay",
    "load_calendar",
    "parse_schedule",
]

CACHE_SECONDS = 60.0
"""How long the window's copy of the calendar is used before the table is read again."""
FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2100, 12, 31)
MAX_NOTE = 200
MAX_LINES = 1000
MAX_RANGE_DAYS = 31  # a holiday block is at most a few days; a longer range is a typing error
WEEKDAYS_ZH = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

_ENTITY = "calendar_override"
_PACKAGE_ONLY = WorkCalendar()  # what the package (or Monday–Friday) says without any override


def load_calendar(session: Session) -> WorkCalendar:
    """The working-day calendar with every override in the table, read inside ``session``."""
    # Through the connection: no ORM rows to build (the intake's submit counts its milliseconds).
    rows = session.connection().execute(select(CalendarOverride.day, CalendarOverride.is_working_day)).all()
    return WorkCalendar({day: bool(working) for day, working in rows})


# ------------------------------------------------------------------------------------------ results

@dataclass(frozen=True)
class OverrideRow:
    """One override as the settings page lists it."""

    day: date
    is_working_day: bool
    note: str
    package_says: bool | None
    """What ``chinesecalendar`` says about the day; None for a year it does not cover."""
    created_by_name: str
    created_at: datetime

    @property
    def weekday_zh(self) -> str:
        return WEEKDAYS_ZH[self.day.weekday()]

    @property
    def weekday_en(self) -> str:
        return WEEKDAYS_EN[self.day.weekday()]

    @property
    def differs_from_package(self) -> bool | None:
        return None if self.package_says is None else self.package_says != self.is_working_day


class Coverage(NamedTuple):
    """Whether a year's holiday schedule is known: ``(covered_by_package, override_count)``."""

    covered_by_package: bool
    override_count: int

    @property
    def uses_fallback(self) -> bool:
        """True when the year is counted Monday–Friday (neither the package nor an override knows it)."""
        return not self.covered_by_package and self.override_count == 0

    def warning(self, year: int) -> str | None:
        """The bilingual warning the window shows for ``year``, or None when the schedule is known."""
        return fallback_warning([year]) if self.uses_fallback else None


@dataclass(frozen=True)
class ScheduleDay:
    """One day read from a pasted schedule."""

    day: date
    is_working_day: bool
    note: str
    line_no: int  # 1-based, as the administrator sees the pasted text


@dataclass(frozen=True)
class ImportResult:
    added: int
    changed: int
    unchanged: int
    days: tuple[date, ...]

    @property
    def message(self) -> str:
        return (f"已导入 {len(self.days)} 天：新增 {self.added}，修改 {self.changed}，未变 {self.unchanged} / "
                f"{len(self.days)} days imported: {self.added} added, {self.changed} changed, "
                f"{self.unchanged} unchanged")


# ------------------------------------------------------------------------------------------ parsing

_WORDS: tuple[tuple[str, bool], ...] = tuple(sorted(
    [(w, True) for w in ("班", "上班", "补班", "调休上班", "工作日", "workday", "working", "work")]
    + [(w, False) for w in ("休", "休息", "放假", "假", "节假日", "休息日", "holiday", "off", "rest")],
    key=lambda item: -len(item[0])))  # longest first: 上班 before 班, workday before work
_DATE = r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
_LINE = re.compile(
    rf"^{_DATE}(?:\s*(?:~|至|到|—|–|--)\s*(?:{_DATE}|(\d{{1,2}})\s*日?))?\s*[,，;；:：]?\s*(.*)$"
)
_NOTE_SEPARATORS = " \t,，;；:：、"


def _word(rest: str) -> tuple[bool, str] | None:
    """(is_working_day, note) from the text after the date: ``休 元旦`` → (False, "元旦")."""
    lowered = rest.lower()
    for word, working in _WORDS:
        if lowered.startswith(word):
            tail = rest[len(word):]
            if word.isascii() and tail[:1].isascii() and tail[:1].isalpha():
                return None  # "offices" is not "off"
            return working, tail.strip(_NOTE_SEPARATORS)
    return None


def _day(year: str, month: str, day: str) -> date:
    return date(int(year), int(month), int(day))


def parse_schedule(lines: Iterable[str]) -> list[ScheduleDay]:
    """The days of a pasted holiday schedule, one instruction per line.

    A line is a date (``2027-01-01``, ``2027/1/1``, ``2027年1月1日``) or a range (``2027-02-06 至
    2027-02-12``, ``2027-10-01~07``), then ``休`` (holiday; also 放假, holiday, off) or ``班`` (working
    day; also 上班, 补班, work), then an optional note. Blank lines and lines starting with ``#``
    are skipped; full-width digits are read as ASCII. Every problem is named by its line
    (``lines[3]``) and nothing is returned unless the whole text is readable.
    """
    problems: dict[str, str] = {}
    days: dict[date, ScheduleDay] = {}
    for number, raw in enumerate(lines, start=1):
        if number > MAX_LINES:
            problems["lines"] = f"最多 {MAX_LINES} 行 / At most {MAX_LINES} lines"
            break
        text = halfwidth(raw).strip()
        if not text or text.startswith("#"):
            continue
        key = f"lines[{number}]"
        match = _LINE.match(text)
        if match is None:
            problems[key] = (f"第 {number} 行看不懂：应为“日期 休”或“日期 班”，如 2027-01-01 休 / "
                             f"Line {number} is not 'date 休' or 'date 班', e.g. 2027-01-01 休")
            continue
        y1, m1, d1, y2, m2, d2, end_day, rest = match.groups()
        try:
            first = _day(y1, m1, d1)
            if y2:
                last = _day(y2, m2, d2)
            elif end_day:
                last = date(first.year, first.month, int(end_day))
            else:
                last = first
        except ValueError:
            problems[key] = f"第 {number} 行的日期不存在 / Line {number} names a date that does not exist"
            continue
        meaning = _word(rest)
        if meaning is None:
            problems[key] = (f"第 {number} 行：日期后应写“休”或“班”，而不是“{shown(rest, 20)}” / Line {number}: "
                             f"the date should be followed by 休 (holiday) or 班 (working day), "
                             f"not '{shown(rest, 20)}'")
            continue
        working, note_text = meaning
        if last < first or (last - first).days >= MAX_RANGE_DAYS:
            problems[key] = (f"第 {number} 行的日期范围不对（最多 {MAX_RANGE_DAYS} 天） / Line {number}: the "
                             f"range is reversed or longer than {MAX_RANGE_DAYS} days")
            continue
        problem = _note_problem(note_text) or _day_problem(first) or _day_problem(last)
        if problem:
            problems[key] = f"第 {number} 行：{problem.split(' / ')[0]} / Line {number}: {problem.split(' / ')[-1]}"
            continue
        day = first
        while day <= last:
            earlier = days.get(day)
            if earlier is not None and earlier.is_working_day != working:
                problems[key] = (f"第 {number} 行与第 {earlier.line_no} 行对 {day:%Y-%m-%d} 的说法相反 / "
                                 f"Lines {earlier.line_no} and {number} disagree about {day:%Y-%m-%d}")
                break
            days[day] = ScheduleDay(day, working, note_text, number)
            day += timedelta(days=1)
    if problems:
        first_problem = next(iter(problems.values()))
        message = first_problem if len(problems) == 1 else (
            f"有 {len(problems)} 行需要更正，首先：{first_problem.split(' / ')[0]} / "
            f"{len(problems)} lines need correcting, first: {first_problem.split(' / ')[-1]}")
        raise ValidationFailed(message, problems)
    if not days:
        raise ValidationFailed("没有可导入的日期 / There is no date to import", {"lines": "empty"})
    return sorted(days.values(), key=lambda d: d.day)


def _note_problem(note: str) -> str | None:
    if len(note) > MAX_NOTE:
        return f"说明最多 {MAX_NOTE} 字 / The note holds at most {MAX_NOTE} characters"
    if any(unicodedata.category(c) == "Cc" for c in note):
        return "说明不能含控制字符 / The note may not hold control characters"
    return None


def _day_problem(day: date) -> str | None:
    if not FIRST_DAY <= day <= LAST_DAY:
        return (f"日期应在 {FIRST_DAY.year}–{LAST_DAY.year} 年之间 / The date must be between "
                f"{FIRST_DAY.year} and {LAST_DAY.year}")
    return None


# ------------------------------------------------------------------------------------------ service

class CalendarService:
    """Overrides of the working-day calendar (CALENDAR_MANAGE to change; every role may read)."""

    def __init__(self, db: Database, clock: Clock, *, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.db = db
        self.clock = clock
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._cached: WorkCalendar | None = None
        self._loaded_at = 0.0

    # -- the calendar ------------------------------------------------------------------------------
    def calendar(self) -> WorkCalendar:
        """The working-day calendar with the table's overrides (a copy at most :data:`CACHE_SECONDS` old)."""
        with self._lock:
            if self._cached is not None and self._monotonic() - self._loaded_at < CACHE_SECONDS:
                return self._cached
        return self.refresh()

    def refresh(self) -> WorkCalendar:
        """Read the overrides again now (after a change, or when the window is told of one)."""
        with self.db.reading() as session:
            calendar = load_calendar(session)
        with self._lock:
            self._cached = calendar
            self._loaded_at = self._monotonic()
        return calendar

    def _invalidate(self) -> None:
        with self._lock:
            self._cached = None

    def coverage(self, year: int) -> Coverage:
        """Whether the package covers ``year`` and how many overrides the year has."""
        with self.db.reading() as session:
            count = session.scalar(select(func.count()).select_from(CalendarOverride).where(
                CalendarOverride.day >= date(year, 1, 1), CalendarOverride.day <= date(year, 12, 31))) or 0
        return Coverage(_PACKAGE_ONLY.covers(year), int(count))

    # -- reading -----------------------------------------------------------------------------------
    def overrides(self, actor: Actor, year: int | None = None) -> list[OverrideRow]:
        """The overrides (of one year), oldest day first."""
        del actor  # the calendar is no secret: every signed-in role may read it
        with self.db.reading() as session:
            query = (select(CalendarOverride, User.display_name)
                     .outerjoin(User, User.id == CalendarOverride.created_by_id).order_by(CalendarOverride.day))
            if year is not None:
                query = query.where(CalendarOverride.day >= date(year, 1, 1),
                                    CalendarOverride.day <= date(year, 12, 31))
            return [_row(o, name) for o, name in session.execute(query)]

    # -- changes -----------------------------------------------------------------------------------
    def set_override(self, actor: Actor, day: date, is_working_day: bool, note: str = "") -> OverrideRow:
        """Declare ``day`` a working day or a holiday (replacing an earlier word on it); audited before→after."""
        require(actor, Permission.CALENDAR_MANAGE)
        note = note.strip()
        problems = {k: v for k, v in (("day", _day_problem(day)), ("note", _note_problem(note))) if v}
        if problems:
            raise ValidationFailed(next(iter(problems.values())), problems)
        now = self.clock.now()
        with self.db.transaction() as session:
            row, before = self._put(session, actor, day, bool(is_working_day), note, now)
            if before != _state(row):
                audit.record(session, actor, "calendar.override.set", _ENTITY, day.isoformat(),
                             audit.changes(before, _state(row)), at=now)
            session.flush()
            result = _row(row, actor.display_name if row.created_by_id == (actor.user_id or None) else
                          _name(session, row.created_by_id))
        self._invalidate()
        return result

    def remove_override(self, actor: Actor, day: date) -> None:
        """Take back the word on ``day``: the package (or Monday–Friday) decides it again; audited."""
        require(actor, Permission.CALENDAR_MANAGE)
        now = self.clock.now()
        with self.db.transaction() as session:
            row = session.scalar(select(CalendarOverride).where(CalendarOverride.day == day))
            if row is None:
                raise NotFound(f"{day:%Y-%m-%d} 没有节假日调整 / {day:%Y-%m-%d} has no override")
            before = _state(row)
            session.delete(row)
            audit.record(session, actor, "calendar.override.remove", _ENTITY, day.isoformat(),
                         audit.changes(before, {}), at=now)
        self._invalidate()

    def import_schedule(self, actor: Actor, lines: Iterable[str] | str) -> ImportResult:
        """Enter a pasted holiday schedule (see :func:`parse_schedule`) in one transaction, one audit event.

        All or nothing: a line that cannot be read refuses the whole paste, naming the line.
        """
        require(actor, Permission.CALENDAR_MANAGE)
        if isinstance(lines, str):
            lines = lines.splitlines()
        days = parse_schedule(lines)
        now = self.clock.now()
        added = changed = unchanged = 0
        changes: dict[str, dict[str, list[Any]]] = {}
        with self.db.transaction() as session:
            for item in days:
                row, before = self._put(session, actor, item.day, item.is_working_day, item.note, now)
                after = _state(row)
                if not before:
                    added += 1
                elif before != after:
                    changed += 1
                else:
                    unchanged += 1
                if before != after:
                    changes[item.day.isoformat()] = audit.changes(before, after)
            audit.record(session, actor, "calendar.override.import", _ENTITY, "", {
                "added": added, "changed": changed, "unchanged": unchanged,
                "first": days[0].day, "last": days[-1].day, "changes": changes,
            }, at=now)
        self._invalidate()
        return ImportResult(added, changed, unchanged, tuple(d.day for d in days))

    # -- internals ---------------------------------------------------------------------------------
    @staticmethod
    def _put(session: Session, actor: Actor, day: date, is_working_day: bool, note: str,
             now: datetime) -> tuple[CalendarOverride, dict[str, Any]]:
        row = session.scalar(select(CalendarOverride).where(CalendarOverride.day == day).with_for_update())
        if row is None:
            row = CalendarOverride(day=day, is_working_day=is_working_day, note=note,
                                   created_by_id=actor.user_id or None, created_at=now)
            session.add(row)
            return row, {}
        before = _state(row)
        if before != {"is_working_day": is_working_day, "note": note}:
            row.is_working_day = is_working_day
            row.note = note
            row.created_by_id = actor.user_id or None  # the latest word on the day is the one shown
            row.created_at = now
        return row, before


def _state(row: CalendarOverride) -> dict[str, Any]:
    return {"is_working_day": bool(row.is_working_day), "note": row.note}


def _name(session: Session, user_id: int | None) -> str:
    if not user_id:
        return ""
    return session.scalar(select(User.display_name).where(User.id == user_id)) or ""


def _row(row: CalendarOverride, created_by_name: str | None) -> OverrideRow:
    package = _PACKAGE_ONLY.is_working_day(row.day) if _PACKAGE_ONLY.covers(row.day.year) else None
    return OverrideRow(row.day, bool(row.is_working_day), row.note, package, created_by_name or "",
                       row.created_at)
