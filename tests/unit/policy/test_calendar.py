from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intake_desk.policy.calendar import WorkCalendar, fallback_warning

CAL = WorkCalendar()


@pytest.mark.parametrize(
    ("start", "n", "due"),
    [
        (date(2026, 9, 30), 10, date(2026, 10, 20)),  # DOMAIN.md: National Day, make-up Saturday 10 October
        (date(2026, 9, 30), 1, date(2026, 10, 8)),
        (date(2026, 9, 30), 3, date(2026, 10, 10)),  # the make-up Saturday counts
        (date(2026, 11, 20), 10, date(2026, 12, 4)),  # Friday → two ordinary weeks
        (date(2026, 11, 21), 1, date(2026, 11, 23)),  # received on a Saturday
        (date(2026, 11, 20), 0, date(2026, 11, 20)),
        (date(2024, 2, 9), 1, date(2024, 2, 18)),  # Spring Festival 2024; Sunday 18 February was a make-up day
    ],
)
def test_add_working_days(start: date, n: int, due: date) -> None:
    result = CAL.add_working_days_checked(start, n)
    assert result.date == due
    assert result.calendar_fallback is False
    assert result.warning is None
    assert CAL.add_working_days(start, n) == due


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 10, 1), False),
        (date(2026, 10, 7), False),
        (date(2026, 10, 10), True),  # Saturday make-up day
        (date(2026, 10, 11), False),
        (date(2026, 10, 12), True),
        (date(2027, 1, 2), False),  # fallback: Saturday
        (date(2027, 1, 4), True),  # fallback: Monday
    ],
)
def test_is_working_day(day: date, working: bool) -> None:
    assert CAL.is_working_day(day) is working


def test_overrides_win_over_the_package() -> None:
    calendar = WorkCalendar({date(2026, 10, 8): False, date(2026, 10, 11): True})
    assert not calendar.is_working_day(date(2026, 10, 8))
    assert calendar.is_working_day(date(2026, 10, 11))
    # 10 working days from 30 September: the 8th is lost, the Sunday 11th gained → same count, one day shift
    assert calendar.add_working_days(date(2026, 9, 30), 2) == date(2026, 10, 10)
    assert calendar.add_working_days(date(2026, 9, 30), 3) == date(2026, 10, 11)


def test_year_not_covered_falls_back_to_monday_to_friday_and_says_so() -> None:
    assert CAL.covers(2026)
    assert not CAL.covers(2027)
    result = CAL.add_working_days_checked(date(2026, 12, 24), 10)
    # 25, 28, 29, 30, 31 December (2026, known), then 1, 4, 5, 6, 7 January 2027 (Monday–Friday assumed)
    assert result.date == date(2027, 1, 7)
    assert result.fallback_years == frozenset({2027})
    assert result.calendar_fallback
    assert result.warning is not None and "2027" in result.warning and " / " in result.warning


def test_overrides_for_a_year_count_as_its_schedule() -> None:
    calendar = WorkCalendar({date(2027, 1, 1): False})
    assert calendar.covers(2027)
    result = calendar.add_working_days_checked(date(2026, 12, 31), 1)
    assert result.date == date(2027, 1, 4)
    assert not result.calendar_fallback


def test_working_days_between() -> None:
    assert CAL.working_days_between(date(2026, 9, 30), date(2026, 10, 20)) == 10
    assert CAL.working_days_between(date(2026, 10, 20), date(2026, 9, 30)) == -10
    assert CAL.working_days_between(date(2026, 10, 1), date(2026, 10, 7)) == 0
    assert CAL.working_days_between(date(2026, 11, 20), date(2026, 11, 20)) == 0


@pytest.mark.parametrize(
    ("due", "today", "overdue", "within_3"),
    [
        (date(2026, 11, 20), date(2026, 11, 20), False, True),  # due today: not yet overdue
        (date(2026, 11, 20), date(2026, 11, 23), True, False),
        (date(2026, 11, 25), date(2026, 11, 20), False, True),  # Mon 23, Tue 24, Wed 25 → 3 working days
        (date(2026, 11, 26), date(2026, 11, 20), False, False),
        (date(2026, 10, 8), date(2026, 9, 30), False, True),  # the holiday week does not count
    ],
)
def test_overdue_and_due_within(due: date, today: date, overdue: bool, within_3: bool) -> None:
    assert CAL.is_overdue(due, today) is overdue
    assert CAL.due_within(due, today, 3) is within_3


def test_negative_or_absurd_counts_are_refused() -> None:
    with pytest.raises(ValueError, match="不能为负数"):
        CAL.add_working_days(date(2026, 1, 1), -1)
    with pytest.raises(ValueError):
        CAL.add_working_days(date(2026, 1, 1), 100_000)


def test_fallback_warning_lists_years() -> None:
    assert fallback_warning([]) is None
    warning = fallback_warning([2028, 2027, 2027])
    assert warning is not None and "2027、2028年" in warning and "2027, 2028" in warning


def test_fallback_years_between() -> None:
    assert CAL.fallback_years_between(date(2026, 12, 1), date(2028, 1, 1)) == frozenset({2027, 2028})


starts = st.dates(min_value=date(2004, 1, 1), max_value=date(2028, 12, 31))
overrides = st.dictionaries(st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 12, 31)), st.booleans(), max_size=8)


@given(starts, st.integers(0, 60), st.integers(0, 60), overrides)
def test_adding_working_days_is_monotonic_and_lands_on_working_days(
    start: date, a: int, b: int, extra: dict[date, bool]
) -> None:
    calendar = WorkCalendar(extra)
    low, high = sorted((a, b))
    first = calendar.add_working_days(start, low)
    second = calendar.add_working_days(start, high)
    assert first <= second
    if low < high:
        assert first < second
    if high > 0:
        assert second > start
        assert calendar.is_working_day(second)
        assert calendar.working_days_between(start, second) == high
        # no working day is skipped: the day before the result is reached with one fewer
        assert calendar.add_working_days(start, high - 1) < second


@given(starts, st.integers(1, 40))
def test_every_day_between_start_and_result_is_counted_once(start: date, n: int) -> None:
    due = CAL.add_working_days(start, n)
    days = [start + timedelta(days=i) for i in range(1, (due - start).days + 1)]
    assert sum(CAL.is_working_day(d) for d in days) == n


def test_calendar_agrees_with_the_package_on_every_covered_day() -> None:
    import chinese_calendar

    day = date(2004, 1, 1)
    while CAL.covers(day.year):
        assert CAL.is_working_day(day) is bool(chinese_calendar.is_workday(day)), day
        day += timedelta(days=1)
    assert day.year == 2027
