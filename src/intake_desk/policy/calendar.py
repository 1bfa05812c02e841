"""工作日 – the working-day calendar that every deadline is counted in.

Statutory holidays (法定节假日) are skipped and make-up working days (调休, often a Saturday) count,
as published by the State Council and packaged in ``chinesecalendar``. An administrator's overrides
(stored in the database) win over the package. For a year the package does not cover and for which
no override has been entered, the calendar falls back to Monday–Friday and every result computed
that way says so, so the window can warn that the holiday schedule is not yet known.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import chinese_calendar

__all__ = ["WorkCalendar", "WorkingDayResult", "fallback_warning"]

_ONE_DAY = timedelta(days=1)
MAX_WORKING_DAYS = 3660  # ten years; a longer span is a typing error, not a deadline
_KEPT_RESULTS = 4096  # computed dates a calendar keeps (see WorkCalendar.add_working_days_checked)


# The package's own is_workday() scans all its holidays on every call to check the year; reading its
# published tables once makes a day's lookup a set membership test (queues count many deadlines).
_PACKAGE_HOLIDAYS: frozenset[date] = frozenset(chinese_calendar.holidays)
_PACKAGE_WORKDAYS: frozenset[date] = frozenset(chinese_calendar.workdays)


@lru_cache(maxsize=64)
def _package_covers(year: int) -> bool:
    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


def _package_is_working_day(day: date) -> bool:
    if day in _PACKAGE_WORKDAYS:
        return True
    if day in _PACKAGE_HOLIDAYS:
        return False
    return day.weekday() < 5


@dataclass(frozen=True)
class WorkingDayResult:
    """A date computed in working days, with the years for which Monday–Friday had to be assumed."""

    date: date
    fallback_years: frozenset[int] = field(default_factory=frozenset)

    @property
    def calendar_fallback(self) -> bool:
        return bool(self.fallback_years)

    @property
    def warning(self) -> str | None:
        return fallback_warning(self.fallback_years)


def fallback_warning(years: Iterable[int]) -> str | None:
    """The one-line warning shown when some years were counted Monday–Friday, or None."""
    wanted = sorted(set(years))
    if not wanted:
        return None
    listed = "、".join(str(y) for y in wanted)
    listed_en = ", ".join(str(y) for y in wanted)
    return (
        f"{listed}年的法定节假日安排尚未录入，期限暂按周一至周五计算，请在节假日安排公布后核对 / "
        f"The holiday schedule for {listed_en} is not known yet; deadlines assume Monday–Friday "
        f"working days until it is entered"
    )


class WorkCalendar:
    """Working days: ``chinesecalendar`` + administrator overrides, Monday–Friday where neither knows.

    ``overrides`` maps a date to True (declared a working day) or False (declared a holiday). A year
    with at least one override counts as entered by the administrator: its other days follow the
    package if it covers the year, else Monday–Friday, without a warning.
    """

    def __init__(self, overrides: Mapping[date, bool] | None = None) -> None:
        self._overrides: dict[date, bool] = dict(overrides or {})
        self._override_years = frozenset(d.year for d in self._overrides)
        # A calendar never changes once built, so the dates it computes are kept: every submit asks the
        # same few (received today + each deadline's working days).
        self._added: dict[tuple[date, int], WorkingDayResult] = {}

    @property
    def overrides(self) -> Mapping[date, bool]:
        return dict(self._overrides)

    def covers(self, year: int) -> bool:
        """True when the holiday schedule of ``year`` is known (package or overrides)."""
        return year in self._override_years or _package_covers(year)

    def uses_fallback(self, day: date) -> bool:
        """True when ``day`` is decided by the Monday–Friday fallback."""
        return day not in self._overrides and not self.covers(day.year)

    def is_working_day(self, day: date) -> bool:
        override = self._overrides.get(day)
        if override is not None:
            return override
        if _package_covers(day.year):
            return _package_is_working_day(day)
        return day.weekday() < 5

    def add_working_days_checked(self, start: date, n: int) -> WorkingDayResult:
        """The ``n``-th working day after ``start`` (``start`` itself never counts), with fallback years.

        ``n = 0`` gives ``start`` back. Received Wednesday 2026-09-30, 10 working days → 2026-10-20.
        """
        known = self._added.get((start, n))
        if known is not None:
            return known
        if n < 0:
            raise ValueError(f"工作日数不能为负数：{n} / The number of working days cannot be negative: {n}")
        if n > MAX_WORKING_DAYS:
            raise ValueError(f"工作日数过大：{n} / Too many working days: {n}")
        day = start
        fallback: set[int] = set()
        remaining = n
        while remaining:
            day += _ONE_DAY
            if self.uses_fallback(day):
                fallback.add(day.year)
            if self.is_working_day(day):
                remaining -= 1
        result = WorkingDayResult(day, frozenset(fallback))
        if len(self._added) >= _KEPT_RESULTS:
            self._added.clear()
        self._added[(start, n)] = result
        return result

    def add_working_days(self, start: date, n: int) -> date:
        return self.add_working_days_checked(start, n).date

    def working_days_between_checked(self, a: date, b: date) -> tuple[int, frozenset[int]]:
        """Working days after ``a`` up to and including ``b`` (negative when ``b`` is before ``a``)."""
        sign = 1
        if b < a:
            a, b, sign = b, a, -1
        count = 0
        fallback: set[int] = set()
        day = a
        while day < b:
            day += _ONE_DAY
            if self.uses_fallback(day):
                fallback.add(day.year)
            if self.is_working_day(day):
                count += 1
        return sign * count, frozenset(fallback)

    def working_days_between(self, a: date, b: date) -> int:
        """Working days after ``a`` up to and including ``b``; the inverse of :meth:`add_working_days`."""
        return self.working_days_between_checked(a, b)[0]

    def is_overdue(self, due: date, today: date) -> bool:
        """逾期 – the due date has passed (work due today is not yet overdue)."""
        return today > due

    def due_within(self, due: date, today: date, n: int) -> bool:
        """即将到期 – not overdue, and due within ``n`` working days of ``today`` (today counts as 0)."""
        if self.is_overdue(due, today):
            return False
        return self.working_days_between(today, due) <= n

    def fallback_years_between(self, a: date, b: date) -> frozenset[int]:
        """The years between ``a`` and ``b`` (inclusive) that would be counted Monday–Friday."""
        first, last = min(a, b), max(a, b)
        return frozenset(y for y in range(first.year, last.year + 1) if not self.covers(y))
