"""The urging ladder on hand-made dates across National Day 2026 and its make-up Saturday.

2026: 25 September (Friday, Mid-Autumn) and 1–7 October are holidays; Sunday 20 September and
Saturday 10 October are make-up working days.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from intake_desk.domain.enums import Rating, Rung
from intake_desk.policy.calendar import WorkCalendar
from intake_desk.policy.pack import PolicyPackError, UrgingRules, parse_pack
from intake_desk.policy.urging import (
    callback_due,
    due_soon_until,
    escalated_on,
    follow_up_due,
    is_poor,
    latest_due_escalated,
    latest_due_urged,
    position,
    urged_on,
)

from .builders import default_pack

CAL = WorkCalendar()
RULES = default_pack().urging
DUE = date(2026, 9, 30)  # Wednesday before National Day


def test_the_shipped_pack_states_the_national_practice() -> None:
    assert RULES == UrgingRules(2, 5, 3, 3, 15, ("dissatisfied", "very_dissatisfied"), 3, 90)


def test_urged_on_the_first_working_day_after_the_holidays_and_escalated_five_working_days_later() -> None:
    assert urged_on(DUE, CAL) == date(2026, 10, 8)
    # 9 Oct (Fri), 10 Oct (make-up Saturday), 12, 13, 14 Oct.
    assert escalated_on(DUE, CAL, RULES) == date(2026, 10, 14)


@pytest.mark.parametrize(
    ("today", "rung", "left"),
    [
        (date(2026, 9, 18), Rung.ON_TRACK, 8),   # 20 Sep (Sunday) is a working day
        (date(2026, 9, 24), Rung.ON_TRACK, 3),   # 25 Sep is Mid-Autumn: 28, 29, 30
        (date(2026, 9, 28), Rung.DUE_SOON, 2),
        (date(2026, 9, 30), Rung.DUE_SOON, 0),   # due today is not overdue
        (date(2026, 10, 1), Rung.OVERDUE, 0),    # overdue, but urging waits for a working day
        (date(2026, 10, 7), Rung.OVERDUE, 0),
        (date(2026, 10, 8), Rung.URGED, -1),
        (date(2026, 10, 10), Rung.URGED, -3),    # the make-up Saturday counts
        (date(2026, 10, 11), Rung.URGED, -3),    # a Sunday adds nothing
        (date(2026, 10, 13), Rung.URGED, -5),
        (date(2026, 10, 14), Rung.ESCALATED, -6),
        (date(2026, 11, 30), Rung.ESCALATED, -39),  # 18 in October, 21 in November
    ],
)
def test_ladder_for_an_open_item(today: date, rung: Rung, left: int) -> None:
    pos = position(DUE, today, CAL, RULES)
    assert (pos.rung, pos.working_days_left) == (rung, left)
    assert pos.is_open
    assert pos.working_days_overdue == max(0, -left)


def test_a_due_date_just_before_the_make_up_saturday_is_urged_on_that_saturday() -> None:
    due = date(2026, 10, 9)  # Friday
    assert urged_on(due, CAL) == date(2026, 10, 10)
    assert position(due, date(2026, 10, 10), CAL, RULES).rung is Rung.URGED


@pytest.mark.parametrize(
    ("finished", "rung", "late"),
    [
        (date(2026, 9, 29), Rung.DONE_ON_TIME, 0),
        (date(2026, 9, 30), Rung.DONE_ON_TIME, 0),
        (date(2026, 10, 12), Rung.DONE_LATE, 4),   # 8, 9, 10 (make-up), 12 October
        (date(2026, 10, 3), Rung.DONE_LATE, 0),    # a reply on a holiday is late by no working day
    ],
)
def test_ladder_for_a_finished_item(finished: date, rung: Rung, late: int) -> None:
    pos = position(DUE, date(2026, 11, 30), CAL, RULES, finished_on=finished)
    assert (pos.rung, pos.working_days_late) == (rung, late)
    assert not pos.is_open


def test_figures_come_from_the_pack() -> None:
    strict = replace(RULES, due_soon_working_days=0, escalate_after_working_days=1)
    assert position(DUE, date(2026, 9, 29), CAL, strict).rung is Rung.ON_TRACK
    assert position(DUE, date(2026, 9, 30), CAL, strict).rung is Rung.DUE_SOON
    assert position(DUE, date(2026, 10, 9), CAL, strict).rung is Rung.ESCALATED


def test_callbacks_and_follow_ups_fall_due_in_working_days() -> None:
    assert callback_due(date(2026, 9, 30), CAL, RULES) == date(2026, 10, 10)  # 8, 9, 10 October
    assert follow_up_due(date(2026, 9, 30), CAL, RULES) == date(2026, 10, 27)


@pytest.mark.parametrize(("rating", "poor"), [
    (Rating.VERY_SATISFIED, False), (Rating.SATISFIED, False), (Rating.BASICALLY_SATISFIED, False),
    (Rating.DISSATISFIED, True), (Rating.VERY_DISSATISFIED, True),
])
def test_dissatisfied_or_worse_opens_a_follow_up(rating: Rating, poor: bool) -> None:
    assert is_poor(rating, RULES) is poor


def _pack_with(urging: str) -> str:
    from intake_desk.paths import resources_dir

    text = (resources_dir() / "policy" / "zhuzhou-2024.toml").read_text(encoding="utf-8")
    start = text.index("[urging]")
    end = text.index("[routing]")
    return text[:start] + urging + "\n" + text[end:]


def test_a_pack_without_urging_uses_the_defaults() -> None:
    assert parse_pack(_pack_with("")).urging == UrgingRules()


@pytest.mark.parametrize(("table", "key"), [
    ("[urging]\ndue_soon_working_days = -1", "urging.due_soon_working_days"),
    ("[urging]\nescalate_after_working_days = 0", "urging.escalate_after_working_days"),
    ('[urging]\npoor_ratings = ["bad"]', "urging.poor_ratings[0]"),
    ("[urging]\npoor_ratings = []", "urging.poor_ratings"),
    ("[urging]\nnag_daily = true", "urging.nag_daily"),
])
def test_bad_urging_figures_are_named(table: str, key: str) -> None:
    with pytest.raises(PolicyPackError) as info:
        parse_pack(_pack_with(table), "test.toml")
    assert info.value.key == key


@pytest.mark.parametrize("today", [date(2026, 9, 20) + timedelta(days=n) for n in range(45)])
def test_query_bounds_agree_with_the_ladder(today: date) -> None:
    """The due-date bounds the queries use pick exactly the items the ladder puts on each rung."""
    urged_bound = latest_due_urged(today, CAL)
    escalated_bound = latest_due_escalated(today, CAL, RULES)
    soon_bound = due_soon_until(today, CAL, RULES)
    for n in range(-60, 30):
        due = today + timedelta(days=n)
        rung = position(due, today, CAL, RULES).rung
        assert (rung in (Rung.URGED, Rung.ESCALATED)) is (due <= urged_bound), due
        assert (rung is Rung.ESCALATED) is (due <= escalated_bound), due
        assert (rung is Rung.DUE_SOON) is (today <= due <= soon_bound), due
