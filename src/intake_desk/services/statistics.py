"""统计 – figures for the ledger and the chart page: intakes per day, open and overdue referrals.

Each figure is one ``GROUP BY`` on an indexed column; departments with no referral still appear
(with zero), and every day of a range appears even when nothing was received.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select

from intake_desk.services import scope
from intake_desk.services.actor import Actor
from intake_desk.services.clock import Clock
from intake_desk.services.errors import ValidationFailed
from intake_desk.services.permissions import Permission, require
from intake_desk.services.queues import QueueService, ReferralFilter
from intake_desk.store.db import Database
from intake_desk.store.models import Application, Hall

__all__ = ["Dashboard", "DayCount", "DepartmentCount", "StatisticsService"]

MAX_DAYS = 366


@dataclass(frozen=True)
class DayCount:
    day: date
    count: int


@dataclass(frozen=True)
class DepartmentCount:
    code: str
    name: str
    count: int


@dataclass(frozen=True)
class Dashboard:
    """Everything the chart page draws, read in one call."""

    start: date
    end: date
    intakes: tuple[DayCount, ...]
    open_referrals: tuple[DepartmentCount, ...]
    overdue_referrals: tuple[DepartmentCount, ...]
    aging: tuple[tuple[str, int], ...]

    @property
    def intake_total(self) -> int:
        return sum(d.count for d in self.intakes)


class StatisticsService:
    def __init__(self, db: Database, clock: Clock, queues: QueueService) -> None:
        self.db = db
        self.clock = clock
        self.queues = queues

    def intakes_per_day(self, actor: Actor, start: date, end: date, *,
                        hall_code: str | None = None) -> list[DayCount]:
        """Applications received on each day from ``start`` to ``end`` (inclusive), zeros included."""
        require(actor, Permission.STATISTICS_VIEW)
        if end < start:
            raise ValidationFailed("结束日期早于开始日期 / The end date is before the start date", {"end": "before"})
        if (end - start).days >= MAX_DAYS:
            raise ValidationFailed(f"统计区间最长 {MAX_DAYS} 天 / A range covers at most {MAX_DAYS} days",
                                   {"end": "too long"})
        with self.db.reading() as session:
            query = (select(Application.received_on, func.count())
                     .where(Application.received_on >= start, Application.received_on <= end,
                            scope.hall_condition(actor, Application.hall_id))
                     .group_by(Application.received_on))
            if hall_code:
                hall_id = session.scalar(select(Hall.id).where(Hall.code == hall_code.upper()))
                query = query.where(Application.hall_id == (hall_id or -1))
            found = {day: int(n) for day, n in session.execute(query)}
        return [DayCount(start + timedelta(days=i), found.get(start + timedelta(days=i), 0))
                for i in range((end - start).days + 1)]

    def dashboard(self, actor: Actor, *, days: int = 30, filter: ReferralFilter | None = None) -> Dashboard:
        """Intakes over the last ``days`` days, and open / overdue referrals per department."""
        require(actor, Permission.STATISTICS_VIEW)
        end = self.clock.today()
        start = end - timedelta(days=max(1, days) - 1)
        hall = filter.hall_codes[0] if filter and len(filter.hall_codes) == 1 else None
        intakes = self.intakes_per_day(actor, start, end, hall_code=hall)
        matrix = self.queues.counts(actor, filter)
        open_counts = tuple(DepartmentCount(code, name, matrix.open_total(code)) for code, name in matrix.departments)
        overdue = tuple(DepartmentCount(code, name, matrix.overdue.get(code, 0)) for code, name in matrix.departments)
        return Dashboard(start, end, tuple(intakes), open_counts, overdue, tuple(matrix.aging.items()))
