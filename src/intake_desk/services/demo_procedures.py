"""演示数据：审核确认程序 – older demo applications walked through their procedures by the accounts that
would take each step, on clocks set to each step's day, within the pack's limits: decided on time and
late, refused, in 公示 with an objection (民主评议 next), extended, withdrawn, approved and closed, and
some left part-way (overdue where the days ran out). Nothing is dated after today.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, time, timedelta

from intake_desk.domain.enums import ApplicationStatus
from intake_desk.policy.calendar import WorkCalendar
from intake_desk.policy.procedure import StepKind
from intake_desk.services.actor import Actor
from intake_desk.services.applications import ApplicationService
from intake_desk.services.clock import LOCAL_ZONE, FixedClock
from intake_desk.services.context import Services
from intake_desk.services.errors import ServiceError
from intake_desk.services.procedure import Objection, ProcedureService, ProcedureView

__all__ = ["PLANS", "walk_procedures"]

# Cycled over the older applications of each track, oldest first (the oldest normal ones have had the
# days a 公示 and an extension need; the commitment track's 10 days make a late decision possible).
PLANS: dict[str, tuple[str, ...]] = {
    "normal": ("objection", "extend", "approve", "refuse", "withdraw", "partway", "approve", "untouched"),
    "commitment": ("approve", "late", "refuse", "close", "withdraw", "approve", "partway", "untouched"),
}


def _at(day: date, now: datetime) -> datetime:
    moment = datetime.combine(day, time(10, 0), tzinfo=LOCAL_ZONE)
    return min(moment, now - timedelta(minutes=1))


def walk_procedures(services: Services, actors: Mapping[str, Actor], numbers: Sequence[tuple[str, int]],
                    now: datetime, calendar: WorkCalendar) -> list[str]:
    """Walk each ``(number, monthly amount in fen)`` through its plan; returns notes of steps that did not fit."""
    clerk = actors.get("clerk") or next(iter(actors.values()))
    supervisor = actors.get("supervisor") or clerk
    today = now.astimezone(LOCAL_ZONE).date()
    notes: list[str] = []

    def service(day: date) -> ProcedureService:
        return ProcedureService(services.db, FixedClock(_at(day, now)), services.packs)

    turns: dict[str, int] = {}
    for number, amount in numbers:
        try:
            view = service(today).view(clerk, number)
        except ServiceError:
            continue  # department items only: no procedure
        plans = PLANS["commitment" if view.track.value == "commitment" else "normal"]
        turn = turns.get(view.track.value, 0)
        turns[view.track.value] = turn + 1
        plan = plans[turn % len(plans)]
        if plan == "untouched":
            continue
        def close(version: int, number: str = number) -> None:
            ApplicationService(services.db, FixedClock(_at(today, now))).update_status(
                supervisor, number, ApplicationStatus.CLOSED, expected_version=version, note="已发放，按期复核")

        try:
            _walk(plan, view, number, max(amount, 10_000), service, close, clerk, supervisor, calendar, today)
        except ServiceError as exc:
            notes.append(f"{number}: {exc.message}")
    return notes


def _walk(plan: str, view: ProcedureView, number: str, amount: int, service: Callable[[date], ProcedureService],
          close: Callable[[int], None], clerk: Actor, supervisor: Actor, calendar: WorkCalendar, today: date) -> None:
    last = view.received_on
    if plan == "withdraw":
        day = min(calendar.add_working_days(last, 1), today)
        service(day).withdraw(clerk, number, "申请人已找到工作，主动撤回申请", expected_version=view.version,
                              withdrawn_on=day)
        return
    if plan == "extend" and view.current is not None and "extension_request" in view.actions:
        day = min(calendar.add_working_days(last, 1), today)
        view = service(day).request_extension(clerk, number, "申请人长期在外务工，需补充入户调查",
                                              expected_version=view.version)
        if view.extension is not None and view.extension.status == "requested":
            view = service(day).decide_extension(supervisor, number, approve=True, expected_version=view.version,
                                                 note="同意延期")
    steps_done = 0
    while view.current is not None:
        step = view.current
        kind = step.kind
        if plan == "partway" and steps_done >= 1:
            return
        if plan == "refuse" and kind not in (StepKind.INVESTIGATION, StepKind.DATA_CHECK, StepKind.ADVANCE_RELIEF):
            day = min(calendar.add_working_days(last, 1), today)
            service(day).refuse(supervisor, number, reasons=["income_above"],
                                facts="核对发现申请人配偶有稳定工资收入，家庭人均收入高于当地低保标准",
                                expected_version=view.version, decided_on=day)
            return
        record: dict[str, object]
        if kind is StepKind.PUBLICITY:
            start = last + timedelta(days=1)
            end = start + timedelta(days=max(step.duration_days - 1, 0))
            day = end
            objections = [Objection(start + timedelta(days=2), "邻居反映申请人家中有一辆小汽车", "匿名")] \
                if plan == "objection" else []
            record = {"start": start, "end": end, "objections": objections}
        elif kind is StepKind.DECISION:
            day = today if plan == "late" else calendar.add_working_days(last, 1)
            record = {"outcome": "approved", "amount_fen": amount, "start_month": view.received_on.replace(day=1)}
        else:
            day = calendar.add_working_days(last, 2)
            if kind is StepKind.INVESTIGATION:
                record = {"investigators": ["王丽", "刘洋"], "visit_record": "入户查看住房和生活状况，与申报基本一致"}
            elif kind is StepKind.DATA_CHECK:
                record = {"result": "discrepancies", "note": "核对发现配偶有工资收入 3,200 元/月"} \
                    if plan == "refuse" else {"result": "consistent"}
            elif kind is StepKind.ADVANCE_RELIEF:
                day = view.received_on
                record = {"amount_fen": min(amount, 100_000), "note": "当场发放"}
            else:
                record = {"conclusion": "经村（居）民代表评议，异议不成立，同意上报" if plan == "objection"
                          else "经调查核实，符合条件，同意上报"}
        if day > today:
            return  # the step's day has not come yet: the application waits at this step
        actor = supervisor if clerk.role not in step.roles else clerk
        view = service(day).record_step(actor, number, step.code, record, expected_version=view.version,
                                        done_on=day)
        last = day
        steps_done += 1
        if plan == "objection" and kind is StepKind.PUBLICITY:
            return  # left with 民主评议 next, the objection on record
    if plan == "close" and view.decision is not None:
        close(view.version)
