"""办理时限 – when an application and its referrals are due, in working days.

The review time limit of an application is the longest among the items applied for: the pack's
normal or fast-track (告知承诺制) limit for the civil-affairs items, the department's referral time
limit for items another department decides. The day of receipt does not count.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from intake_desk.domain.enums import AssistanceType
from intake_desk.policy.calendar import WorkCalendar, fallback_warning
from intake_desk.policy.pack import PolicyPack

__all__ = ["ReviewDeadline", "referral_due_date", "review_days", "review_due_date"]


@dataclass(frozen=True)
class ReviewDeadline:
    """承诺办结日期 – the due date of an application and how it was reached."""

    received_on: date
    due_date: date
    working_days: int
    fast_track: bool
    governed_by: AssistanceType | None  # the item with the longest limit
    per_type: Mapping[AssistanceType, date] = field(default_factory=dict)
    fallback_years: frozenset[int] = frozenset()

    @property
    def calendar_fallback(self) -> bool:
        return bool(self.fallback_years)

    @property
    def warning(self) -> str | None:
        return fallback_warning(self.fallback_years)


def _days_for(pack: PolicyPack, assistance_type: AssistanceType, fast_track: bool) -> int | None:
    limit = pack.review_limit(assistance_type)
    if limit is not None:
        return limit.days(fast_track)
    for department in pack.departments:
        if department.assistance_type is assistance_type:
            return department.referral_days
    return None


def review_days(
    pack: PolicyPack, types: Iterable[AssistanceType], fast_track: bool
) -> tuple[int, AssistanceType | None]:
    """The working days allowed for the items applied for, and the item that sets them.

    With nothing applied for (or nothing the pack knows), the dibao limit applies.
    """
    best: tuple[int, AssistanceType | None] | None = None
    for assistance_type in sorted(set(types), key=lambda t: t.value):
        days = _days_for(pack, assistance_type, fast_track)
        if days is not None and (best is None or days > best[0]):
            best = (days, assistance_type)
    if best is None:
        limit = pack.review_time_limits[AssistanceType.DIBAO]
        return limit.days(fast_track), None
    return best


def review_due_date(
    pack: PolicyPack,
    calendar: WorkCalendar,
    received_on: date,
    types: Iterable[AssistanceType],
    fast_track: bool,
) -> ReviewDeadline:
    """The due date of an application received on ``received_on`` for ``types``."""
    wanted = set(types)
    days, governed_by = review_days(pack, wanted, fast_track)
    overall = calendar.add_working_days_checked(received_on, days)
    fallback = set(overall.fallback_years)
    per_type: dict[AssistanceType, date] = {}
    for assistance_type in wanted:
        type_days = _days_for(pack, assistance_type, fast_track)
        if type_days is not None:
            result = calendar.add_working_days_checked(received_on, type_days)
            per_type[assistance_type] = result.date
            fallback |= result.fallback_years
    return ReviewDeadline(
        received_on=received_on,
        due_date=overall.date,
        working_days=days,
        fast_track=fast_track,
        governed_by=governed_by,
        per_type=per_type,
        fallback_years=frozenset(fallback),
    )


def referral_due_date(pack: PolicyPack, calendar: WorkCalendar, sent_on: date, department_code: str) -> ReviewDeadline:
    """The due date of a referral to a department, counted from ``sent_on``."""
    department = pack.department(department_code)
    result = calendar.add_working_days_checked(sent_on, department.referral_days)
    return ReviewDeadline(
        received_on=sent_on,
        due_date=result.date,
        working_days=department.referral_days,
        fast_track=False,
        governed_by=department.assistance_type,
        fallback_years=result.fallback_years,
    )
