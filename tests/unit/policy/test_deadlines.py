from __future__ import annotations

from datetime import date

import pytest

from intake_desk.domain.enums import AssistanceType
from intake_desk.policy.calendar import WorkCalendar
from intake_desk.policy.deadlines import referral_due_date, review_days, review_due_date

from .builders import default_pack

PACK = default_pack()
CAL = WorkCalendar()
T = AssistanceType


@pytest.mark.parametrize(
    ("types", "fast_track", "days", "governed_by"),
    [
        ({T.DIBAO}, False, 30, T.DIBAO),
        ({T.DIBAO}, True, 10, T.DIBAO),
        ({T.TEMPORARY}, False, 10, T.TEMPORARY),
        ({T.TEMPORARY}, True, 5, T.TEMPORARY),
        ({T.TEMPORARY, T.DIBAO}, True, 10, T.DIBAO),
        ({T.HOUSING}, False, 15, T.HOUSING),  # decided by a department: its referral time limit
        ({T.HOUSING, T.TEMPORARY}, True, 15, T.HOUSING),
        (set(), False, 30, None),  # nothing applied for: the dibao limit
    ],
)
def test_review_days(types: set[AssistanceType], fast_track: bool, days: int, governed_by: AssistanceType | None) -> None:
    assert review_days(PACK, types, fast_track) == (days, governed_by)


def test_review_due_date() -> None:
    deadline = review_due_date(PACK, CAL, date(2026, 9, 30), {T.DIBAO, T.TEMPORARY}, fast_track=True)
    assert deadline.due_date == date(2026, 10, 20)
    assert deadline.working_days == 10
    assert deadline.per_type == {T.DIBAO: date(2026, 10, 20), T.TEMPORARY: date(2026, 10, 13)}
    assert not deadline.calendar_fallback
    assert deadline.warning is None


def test_review_due_date_into_2027_warns() -> None:
    deadline = review_due_date(PACK, CAL, date(2026, 11, 20), {T.DIBAO}, fast_track=False)
    assert deadline.working_days == 30
    assert deadline.due_date.year == 2027
    assert deadline.fallback_years == frozenset({2027})
    assert deadline.warning is not None and "2027" in deadline.warning


def test_referral_due_date() -> None:
    deadline = referral_due_date(PACK, CAL, date(2026, 9, 30), "medical")
    assert deadline.due_date == date(2026, 10, 20)
    assert deadline.governed_by is T.MEDICAL
    with pytest.raises(KeyError):
        referral_due_date(PACK, CAL, date(2026, 9, 30), "police")
