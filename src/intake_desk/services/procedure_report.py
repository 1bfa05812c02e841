"""办理时效与办理队列 – the procedure queue (by step, due, overdue), the timeliness figures and the
publicity list (公示名单) of a hall and period.

The queue is read a page at a time with keyset paging on (current step's due date, id) over the open
procedures, like the referral queue (``services/queues.py``); overdue and due-within bounds are turned
into plain dates in Python first. Timeliness counts working days from receipt to decision with the
hall's calendar (holidays, make-up days, overrides).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from intake_desk.domain.enums import AssistanceType, Labelled
from intake_desk.policy.pack import PackRegistry
from intake_desk.policy.procedure import TimelinessFigures, Track, timeliness
from intake_desk.services import audit
from intake_desk.services.actor import Actor
from intake_desk.services.calendar_service import load_calendar
from intake_desk.services.clock import Clock
from intake_desk.services.errors import ValidationFailed
from intake_desk.services.permissions import Permission, require
from intake_desk.services.persons import prefix_match
from intake_desk.services.scope import in_county, not_found
from intake_desk.store.db import Database
from intake_desk.store.models import (
    Application,
    ApplicationProcedure,
    Assessment,
    Hall,
    ProcedureDecision,
    ProcedureStep,
)

__all__ = [
    "ProcedureCursor",
    "ProcedureFilter",
    "ProcedurePage",
    "ProcedureQueueRow",
    "ProcedureReportService",
    "PublicityEntry",
    "PublicityList",
    "TimelinessReport",
]

P = ApplicationProcedure
MAX_PAGE = 1000


class QueueState(Labelled):
    """Which procedures the queue shows."""

    OPEN = "open", "办理中", "In progress"
    OVERDUE = "overdue", "已逾期", "Overdue"


@dataclass(frozen=True)
class ProcedureFilter:
    """What the procedure queue shows; every field narrows it."""

    steps: tuple[str, ...] = ()
    overdue: bool = False
    due_within_days: int | None = None
    hall_codes: tuple[str, ...] = ()
    fast_track: bool | None = None
    assistance_types: tuple[AssistanceType, ...] = ()
    text: str = ""


@dataclass(frozen=True)
class ProcedureCursor:
    step_due_date: date
    id: int


@dataclass(frozen=True)
class ProcedureQueueRow:
    procedure_id: int
    number: str
    applicant_name: str
    hall_code: str
    received_on: date
    assistance_type: AssistanceType
    track: Track
    fast_track: bool
    step_code: str
    step_name: str
    step_due_date: date
    due_date: date
    extended: bool
    overdue: bool
    version: int


@dataclass(frozen=True)
class ProcedurePage:
    rows: tuple[ProcedureQueueRow, ...]
    next_cursor: ProcedureCursor | None


@dataclass(frozen=True)
class TimelinessReport:
    """办理时效 – per track (``fast_track`` 告知承诺, ``normal`` 常规), by assistance type and by hall."""

    date_from: date | None
    date_to: date | None
    hall_code: str | None
    today: date
    tracks: Mapping[str, TimelinessFigures]
    by_type: Mapping[str, Mapping[str, TimelinessFigures]] = field(default_factory=dict)
    by_hall: Mapping[str, Mapping[str, TimelinessFigures]] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        def group(figures: Mapping[str, TimelinessFigures]) -> dict[str, Any]:
            return {key: value.as_json() for key, value in figures.items()}

        return {
            "from": self.date_from.isoformat() if self.date_from else None,
            "to": self.date_to.isoformat() if self.date_to else None,
            "hall": self.hall_code,
            "today": self.today.isoformat(),
            **group(self.tracks),
            "by_assistance_type": {k: group(v) for k, v in self.by_type.items()},
            "by_hall": {k: group(v) for k, v in self.by_hall.items()},
        }


@dataclass(frozen=True)
class PublicityEntry:
    """One line of the 公示名单: name, household size, category and monthly amount – nothing more."""

    name: str
    household_size: int
    category: str
    monthly_amount_fen: int | None


@dataclass(frozen=True)
class PublicityList:
    hall_code: str
    hall_name: str
    date_from: date
    date_to: date
    first_day: date | None
    last_day: date | None
    entries: tuple[PublicityEntry, ...]
    place: str
    objection_channel: str
    hall_phone: str


TRACK_KEYS = ("fast_track", "normal")


def _track_key(fast_track: bool) -> str:
    return "fast_track" if fast_track else "normal"


class ProcedureReportService:
    def __init__(self, db: Database, clock: Clock, packs: PackRegistry) -> None:
        self.db = db
        self.clock = clock
        self.packs = packs

    # -- scope -----------------------------------------------------------------------------------
    def _hall_ids(self, session: Session, actor: Actor, codes: Sequence[str]) -> list[int] | None:
        """The halls the actor asks for within their scope; None = every hall (a county account)."""
        wanted = [c.strip().upper() for c in codes if c.strip()]
        if not in_county(actor):
            # 辖区 (services/scope): another hall is answered as if it did not exist.
            other = next((c for c in wanted if c != (actor.hall_code or "").upper()), None)
            if other is not None:
                raise not_found("代码为", "hall with the code", other)
            return [actor.hall_id or 0]
        if not wanted:
            return None
        rows = dict(session.execute(select(Hall.code, Hall.id).where(Hall.code.in_(wanted))).tuples().all())
        missing = [c for c in wanted if c not in rows]
        if missing:
            raise ValidationFailed(f"没有代码为 {missing[0]} 的大厅 / No hall has the code {missing[0]}")
        return list(rows.values())

    # -- the queue -------------------------------------------------------------------------------
    def _conditions(self, session: Session, actor: Actor, f: ProcedureFilter) -> list[ColumnElement[bool]]:
        today = self.clock.today()
        conditions: list[ColumnElement[bool]] = [P.state == "open", P.step_due_date.is_not(None)]
        halls = self._hall_ids(session, actor, f.hall_codes)
        if halls is not None:
            conditions.append(P.hall_id.in_(halls))
        if f.steps:
            conditions.append(P.current_step.in_(list(f.steps)))
        if f.assistance_types:
            conditions.append(P.assistance_type.in_([t.value for t in f.assistance_types]))
        if f.fast_track is not None:
            conditions.append(P.track == Track.COMMITMENT.value if f.fast_track else P.track != Track.COMMITMENT.value)
        if f.overdue:
            conditions.append(or_(P.step_due_date < today, P.due_date < today))
        if f.due_within_days is not None:
            if f.due_within_days < 0 or f.due_within_days > 366:
                raise ValidationFailed("到期天数应在 0 到 366 之间 / Due within must be 0–366 working days")
            bound = load_calendar(session).add_working_days(today, f.due_within_days)
            conditions.append(and_(P.step_due_date >= today, P.due_date >= today, P.step_due_date <= bound))
        text = f.text.strip()
        if text:
            if any(ch.isdigit() for ch in text) or "-" in text:
                number = text.upper()
                if actor.hall_code and number[:1].isdigit():
                    number = f"{actor.hall_code.upper()}-{number}"
                conditions.append(prefix_match(session, Application.number, number))
            else:
                conditions.append(prefix_match(session, Application.applicant_name, text))
        return conditions

    def page(self, actor: Actor, f: ProcedureFilter | None = None, *, after: ProcedureCursor | None = None,
             limit: int = 200) -> ProcedurePage:
        """Open procedures, the most urgent current step first, ``limit`` rows after ``after``."""
        require(actor, Permission.APPLICATION_VIEW)
        f = f or ProcedureFilter()
        limit = max(1, min(limit, MAX_PAGE))
        today = self.clock.today()
        with self.db.reading() as session:
            query = (
                select(P.id, P.assistance_type, P.track, P.current_step, P.step_due_date, P.due_date, P.extended,
                       P.policy_version, Application.number, Application.applicant_name, Application.received_on,
                       Application.fast_track, Application.version, Hall.code)
                .join(Application, Application.id == P.application_id)
                .join(Hall, Hall.id == P.hall_id)
                .where(*self._conditions(session, actor, f))
            )
            if after is not None:
                query = query.where(or_(P.step_due_date > after.step_due_date,
                                        and_(P.step_due_date == after.step_due_date, P.id > after.id)))
            rows = session.execute(query.order_by(P.step_due_date, P.id).limit(limit + 1)).all()
        out = []
        for r in rows[:limit]:
            assistance_type, track = AssistanceType(r.assistance_type), Track(r.track)
            out.append(ProcedureQueueRow(
                procedure_id=r.id, number=r.number, applicant_name=r.applicant_name, hall_code=r.code,
                received_on=r.received_on, assistance_type=assistance_type, track=track, fast_track=r.fast_track,
                step_code=r.current_step or "", step_name=self._step_name(r.policy_version, assistance_type, track,
                                                                          r.current_step or ""),
                step_due_date=r.step_due_date, due_date=r.due_date, extended=r.extended,
                overdue=today > r.step_due_date or today > r.due_date, version=r.version,
            ))
        cursor = None
        if len(rows) > limit and out:
            cursor = ProcedureCursor(out[-1].step_due_date, out[-1].procedure_id)
        return ProcedurePage(tuple(out), cursor)

    def count(self, actor: Actor, f: ProcedureFilter | None = None) -> int:
        require(actor, Permission.APPLICATION_VIEW)
        with self.db.reading() as session:
            query = (select(func.count(P.id)).select_from(P).join(Application, Application.id == P.application_id)
                     .where(*self._conditions(session, actor, f or ProcedureFilter())))
            return int(session.scalar(query) or 0)

    def step_choices(self, actor: Actor, language: str = "zh") -> tuple[tuple[str, str], ...]:
        """The step codes of the pack in force, with their names in ``language``, for the queue's step filter.

        A code shared by several procedures is named by its kind (the same step under slightly different names)."""
        require(actor, Permission.APPLICATION_VIEW)
        rules = self.packs.pack_for(self.clock.today()).procedures
        zh = language.startswith("zh")
        seen: dict[str, str] = {}
        for track in (rules.tracks.values() if rules else ()):
            for step in track.steps:
                name = step.name if zh else (step.name_en or step.name)
                seen.setdefault(step.code, step.kind.label(language) if step.code == step.kind.value else name)
        return tuple(seen.items())

    def _step_name(self, version: str, assistance_type: AssistanceType, track: Track, code: str) -> str:
        try:
            pack = self.packs.by_version(version)
        except KeyError:
            pack = self.packs.latest
        rules = pack.procedures
        if rules is None or (assistance_type, track) not in rules.tracks:
            return code
        try:
            return rules.tracks[(assistance_type, track)].step(code).name
        except ValueError:
            return code

    # -- timeliness ------------------------------------------------------------------------------
    def timeliness(self, actor: Actor, *, date_from: date | None = None, date_to: date | None = None,
                   hall_code: str | None = None) -> TimelinessReport:
        """办理时效: decisions made between ``date_from`` and ``date_to`` (inclusive), working days from
        receipt to decision, the share decided by the receipt's promised date; open and overdue now."""
        require(actor, Permission.STATISTICS_VIEW)
        if date_from and date_to and date_from > date_to:
            raise ValidationFailed("起始日期不能晚于截止日期 / The first date cannot be after the last")
        today = self.clock.today()
        with self.db.reading() as session:
            halls = self._hall_ids(session, actor, [hall_code] if hall_code else [])
            calendar = load_calendar(session)
            decided_q = (
                select(P.assistance_type, P.decided_on, P.state, Application.received_on, Application.due_date,
                       Application.fast_track, Hall.code)
                .join(Application, Application.id == P.application_id).join(Hall, Hall.id == P.hall_id)
                .where(P.state.in_(["approved", "refused"]), P.decided_on.is_not(None))
            )
            open_q = (
                select(P.assistance_type, P.step_due_date, P.due_date, Application.fast_track, Hall.code)
                .join(Application, Application.id == P.application_id).join(Hall, Hall.id == P.hall_id)
                .where(P.state == "open")
            )
            if halls is not None:
                decided_q = decided_q.where(P.hall_id.in_(halls))
                open_q = open_q.where(P.hall_id.in_(halls))
            if date_from:
                decided_q = decided_q.where(P.decided_on >= date_from)
            if date_to:
                decided_q = decided_q.where(P.decided_on <= date_to)
            decided = session.execute(decided_q).all()
            still_open = session.execute(open_q).all()

        Key = tuple[str, str, str]  # (track, type, hall)
        days: dict[Key, list[int]] = defaultdict(list)
        on_time: dict[Key, list[bool]] = defaultdict(list)
        open_n: dict[Key, int] = defaultdict(int)
        overdue_n: dict[Key, int] = defaultdict(int)
        for r in decided:
            key = (_track_key(r.fast_track), r.assistance_type, r.code)
            days[key].append(calendar.working_days_between(r.received_on, r.decided_on))
            on_time[key].append(r.decided_on <= r.due_date)
        for o in still_open:
            key = (_track_key(o.fast_track), o.assistance_type, o.code)
            open_n[key] += 1
            if today > o.due_date or (o.step_due_date is not None and today > o.step_due_date):
                overdue_n[key] += 1
        keys = set(days) | set(open_n)

        def figures(select_key: Any) -> TimelinessFigures:
            chosen = [k for k in keys if select_key(k)]
            return timeliness([d for k in chosen for d in days[k]], [x for k in chosen for x in on_time[k]],
                              sum(open_n[k] for k in chosen), sum(overdue_n[k] for k in chosen))

        def per_track(extra: Any) -> dict[str, TimelinessFigures]:
            return {t: figures(lambda k, t=t: k[0] == t and extra(k)) for t in TRACK_KEYS}

        types = sorted({k[1] for k in keys})
        hall_codes = sorted({k[2] for k in keys})
        report = TimelinessReport(
            date_from=date_from, date_to=date_to, hall_code=hall_code.upper() if hall_code else None, today=today,
            tracks=per_track(lambda k: True),
            by_type={t: per_track(lambda k, t=t: k[1] == t) for t in types},
            by_hall={h: per_track(lambda k, h=h: k[2] == h) for h in hall_codes},
        )
        return report

    # -- the publicity list ----------------------------------------------------------------------
    def publicity_list(self, actor: Actor, hall_code: str, date_from: date, date_to: date) -> PublicityList:
        """公示名单 of a hall: every application whose 公示 overlaps the period, with name, household size,
        category and monthly amount only (never an ID number, phone, address, income or health)."""
        require(actor, Permission.PRINT)
        if date_from > date_to:
            raise ValidationFailed("起始日期不能晚于截止日期 / The first date cannot be after the last")
        now = self.clock.now()
        with self.db.transaction() as session:
            halls = self._hall_ids(session, actor, [hall_code])
            hall = session.scalar(select(Hall).where(Hall.id.in_(halls or [])))
            if hall is None:
                raise ValidationFailed(f"没有代码为 {hall_code} 的大厅 / No hall has the code {hall_code}")
            steps = session.execute(
                select(ProcedureStep.record, Application.id, Application.applicant_name, Application.household_size,
                       Application.category, P.assistance_type)
                .join(Application, Application.id == ProcedureStep.application_id)
                .join(P, P.application_id == Application.id)
                .where(ProcedureStep.kind == "publicity", ProcedureStep.superseded.is_(False),
                       Application.hall_id == hall.id)
                .order_by(Application.received_on, Application.id)
            ).all()
            chosen = []
            first: date | None = None
            last: date | None = None
            for record_text, app_id, name, size, category, assistance_type in steps:
                record = json.loads(record_text)
                start, end = date.fromisoformat(record["start"]), date.fromisoformat(record["end"])
                if end < date_from or start > date_to:
                    continue
                first = start if first is None or start < first else first
                last = end if last is None or end > last else last
                chosen.append((app_id, name, size, category, assistance_type))
            ids = [c[0] for c in chosen]
            amounts: dict[int, int | None] = {}
            if ids:
                for app_id, amount in session.execute(select(ProcedureDecision.application_id,
                                                             ProcedureDecision.amount_fen)
                                                      .where(ProcedureDecision.application_id.in_(ids))):
                    amounts[app_id] = amount
                for app_id, amount in session.execute(
                        select(Assessment.application_id, Assessment.estimated_benefit_fen)
                        .where(Assessment.application_id.in_(ids)).order_by(Assessment.id)):
                    amounts.setdefault(app_id, amount)
            entries = tuple(
                PublicityEntry(name, size, AssistanceType(t).zh, amounts.get(app_id))
                for app_id, name, size, _category, t in chosen
            )
            pack = self.packs.pack_for(self.clock.today())
            rules = pack.procedures
            audit.record(session, actor, "document.publicity_list", "hall", hall.code,
                         {"from": date_from, "to": date_to, "entries": len(entries)}, at=now)
            return PublicityList(
                hall_code=hall.code, hall_name=hall.name, date_from=date_from, date_to=date_to, first_day=first,
                last_day=last, entries=entries, place=rules.publicity_place if rules else "",
                objection_channel=rules.publicity_objection_channel if rules else pack.wording.complaint_channel,
                hall_phone=getattr(hall, "phone", "") or pack.wording.hall_phone,
            )
