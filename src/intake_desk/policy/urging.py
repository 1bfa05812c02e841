"""催办督办 – the urging ladder for every dated item, and when callbacks and follow-ups fall due.

Pure rules (no database): given an item's due date, today, and when it was finished, say where it
stands on the one ladder that referrals, application steps, post-checks and follow-ups share:

* *on track*, or *due soon* within ``due_soon_working_days`` working days of its due date;
* *overdue* from the day after the due date until the first working day after it;
* *urged* (催办) on and from that first working day;
* *escalated* (督办) ``escalate_after_working_days`` working days after it was urged;
* once finished: *done on time* or *done late* (with the working days late).

Rungs are computed, never run by a background job: whoever opens a page or runs a command on a
given day sees the rung for that day. Callbacks (回访) fall due a few working days after a
decision or completion; a poor rating (差评) opens a follow-up (整改) due in working days. Every
figure comes from the policy pack's ``[urging]`` table (:class:`~intake_desk.policy.pack.UrgingRules`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from intake_desk.domain.enums import Rating, Rung
from intake_desk.policy.calendar import WorkCalendar
from intake_desk.policy.pack import UrgingRules

__all__ = [
    "LadderPosition",
    "callback_due",
    "due_soon_until",
    "escalated_on",
    "follow_up_due",
    "is_poor",
    "latest_due_escalated",
    "latest_due_urged",
    "position",
    "urged_on",
]

_ONE_DAY = timedelta(days=1)
OPEN_RUNGS = (Rung.ON_TRACK, Rung.DUE_SOON, Rung.OVERDUE, Rung.URGED, Rung.ESCALATED)


@dataclass(frozen=True)
class LadderPosition:
    """Where one item stands on the ladder on ``today``."""

    rung: Rung
    due_date: date
    urged_on: date
    """The first working day after the due date: the day the item is (or would be) urged."""
    escalated_on: date
    """The day the item is (or would be) escalated."""
    working_days_left: int
    """Working days from today to the due date: 0 = due today, negative = working days overdue."""
    working_days_late: int = 0
    """For an item finished after its due date: the working days it was late."""

    @property
    def is_open(self) -> bool:
        return self.rung in OPEN_RUNGS

    @property
    def working_days_overdue(self) -> int:
        return max(0, -self.working_days_left)


def urged_on(due: date, calendar: WorkCalendar) -> date:
    """催办日 – the first working day after ``due``."""
    return calendar.add_working_days(due, 1)


def escalated_on(due: date, calendar: WorkCalendar, rules: UrgingRules) -> date:
    """督办日 – ``escalate_after_working_days`` working days after the item was urged."""
    return calendar.add_working_days(urged_on(due, calendar), rules.escalate_after_working_days)


def latest_due_urged(today: date, calendar: WorkCalendar) -> date:
    """Items due on or before this day stand urged (or escalated) on ``today``: a due-date bound for queries."""
    day = today - _ONE_DAY
    while urged_on(day, calendar) > today:
        day -= _ONE_DAY
    return day


def latest_due_escalated(today: date, calendar: WorkCalendar, rules: UrgingRules) -> date:
    """Items due on or before this day stand escalated on ``today``."""
    day = today - _ONE_DAY
    while escalated_on(day, calendar, rules) > today:
        day -= _ONE_DAY
    return day


def due_soon_until(today: date, calendar: WorkCalendar, rules: UrgingRules) -> date:
    """Items due from today up to this day are due soon (a due date on a holiday before the next
    working day counts with the working day before it)."""
    return calendar.add_working_days(today, rules.due_soon_working_days + 1) - _ONE_DAY


def position(due: date, today: date, calendar: WorkCalendar, rules: UrgingRules,
             finished_on: date | None = None) -> LadderPosition:
    """The rung of an item due on ``due``, seen on ``today``; ``finished_on`` once it is done.

    An item finished on its due date is on time; one finished later is late by the working days
    between its due date and the day it was finished.
    """
    urge = urged_on(due, calendar)
    escalate = calendar.add_working_days(urge, rules.escalate_after_working_days)
    if finished_on is not None:
        late = calendar.working_days_between(due, finished_on) if finished_on > due else 0
        rung = Rung.DONE_LATE if finished_on > due else Rung.DONE_ON_TIME
        return LadderPosition(rung, due, urge, escalate, 0, late)
    left = calendar.working_days_between(today, due)
    if today <= due:
        rung = Rung.DUE_SOON if left <= rules.due_soon_working_days else Rung.ON_TRACK
    elif today >= escalate:
        rung = Rung.ESCALATED
    elif today >= urge:
        rung = Rung.URGED
    else:
        rung = Rung.OVERDUE
    return LadderPosition(rung, due, urge, escalate, left)


def callback_due(decided_on: date, calendar: WorkCalendar, rules: UrgingRules) -> date:
    """回访时限 – a callback is due this many working days after the decision or completion."""
    return calendar.add_working_days(decided_on, rules.callback_within_working_days)


def follow_up_due(rated_on: date, calendar: WorkCalendar, rules: UrgingRules) -> date:
    """整改时限 – a follow-up opened by a poor rating is due this many working days after it."""
    return calendar.add_working_days(rated_on, rules.follow_up_within_working_days)


def is_poor(rating: Rating, rules: UrgingRules) -> bool:
    """差评 – a rating that opens a follow-up (不满意 or worse in the national practice)."""
    return rating.value in rules.poor_ratings
