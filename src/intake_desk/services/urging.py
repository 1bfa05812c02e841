"""催办督办 – one urging ladder over every dated item, and the applicant's voice afterwards.

Referrals, applications (the receipt's promised date), post-checks and follow-ups all have due dates
in working days. :mod:`intake_desk.policy.urging` says where each stands today (due soon, overdue,
urged, escalated); this service finds them in the actor's scope, records each rung the first time it
is seen (:meth:`UrgingService.sync` – run when a page opens or a command runs, never by a background
job), and prints the urging notice (催办通知书) for a late department.

Afterwards (回访、好差评): a decided application or a completed referral gets a callback due a few
working days later; the clerk records whether the applicant was reached (tries counted), the rating
(one per service, 一次一评), whether the help arrived and a comment. A poor rating opens a follow-up
(整改) that a supervisor closes with what was done and a second callback.

Who may do what: everyone who works on referrals sees the ladder of their scope (a department
officer only their own department's items); clerks and supervisors record callbacks; supervisors
close follow-ups and see the statistics.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import and_, case, exists, func, insert, literal, null, select
from sqlalchemy.orm import Session

from intake_desk.domain.enums import (
    ApplicationStatus,
    DatedItemKind,
    DocumentKind,
    PostCheckKind,
    PostCheckStatus,
    ReferralStatus,
    Rung,
)
from intake_desk.domain.masking import mask_resident_id
from intake_desk.policy.calendar import WorkCalendar
from intake_desk.policy.pack import PackRegistry, UrgingRules
from intake_desk.policy.urging import (
    LadderPosition,
    due_soon_until,
    latest_due_escalated,
    latest_due_urged,
    position,
)
from intake_desk.printing import model as pm
from intake_desk.services import audit
from intake_desk.services.actor import Actor
from intake_desk.services.calendar_service import load_calendar
from intake_desk.services.clock import Clock, local
from intake_desk.services.errors import InvalidTransition, NotFound, ValidationFailed
from intake_desk.services.export import Column, ExportFormat, ExportResult, write_ledger
from intake_desk.services.permissions import Permission, allowed, require
from intake_desk.services.printing import RenderedDocument
from intake_desk.services.scope import hall_condition, referral_condition
from intake_desk.store.db import Database
from intake_desk.store.models import (
    Application,
    ApplicationProcedure,
    Callback,
    Department,
    FollowUp,
    Hall,
    Person,
    PostCheck,
    PrintedDocument,
    ProcedureEvent,
    ProcedureExtension,
    Referral,
    ReferralEvent,
    Urging,
)

__all__ = [
    "DepartmentFigures",
    "LadderItem",
    "LadderSummary",
    "UrgingNoticeData",
    "UrgingScope",
    "UrgingService",
    "urging_document_number",
]

MAX_PAGE = 1000
ESCALATION_COLUMNS: tuple[Column, ...] = (
    ("事项类别", "text", 10), ("事项编号", "text", 28), ("受理编号", "text", 22), ("申请人", "text", 12),
    ("身份证号码", "text", 21), ("责任单位", "text", 18), ("状态", "text", 10), ("办理期限", "date", 12),
    ("逾期工作日", "int", 10), ("催办梯度", "text", 10), ("催办时间", "datetime", 17), ("催办记录人", "text", 10),
    ("督办时间", "datetime", 17), ("督办记录人", "text", 10), ("受理大厅", "text", 24),
)
MAX_TEXT = 2000
_AUDIT_ENTITY = {DatedItemKind.REFERRAL: "referral", DatedItemKind.APPLICATION: "application",
                 DatedItemKind.POST_CHECK: "post_check", DatedItemKind.FOLLOW_UP: "follow_up",
                 DatedItemKind.EXTENSION: "application"}


def _audit_id(raw: _Raw) -> str:
    """The id an item's own audit events carry: the number of a referral or application, else the row id."""
    if raw.kind is DatedItemKind.EXTENSION:
        return raw.application_number
    return raw.number if raw.kind in (DatedItemKind.REFERRAL, DatedItemKind.APPLICATION) else str(raw.id)

_REFERRAL_FINAL = tuple(s.value for s in ReferralStatus if s.is_final)
_APPLICATION_OPEN = tuple(s.value for s in ApplicationStatus if s.is_open)
_APPLICATION_DECIDED = (ApplicationStatus.APPROVED.value, ApplicationStatus.REJECTED.value)
_CHECK_OPEN = (PostCheckStatus.DUE.value, PostCheckStatus.PROBLEM.value)
# The department acts on a referral in these states; in the others the desk owes the next step.
_DEPARTMENT_SIDE = (ReferralStatus.SENT.value, ReferralStatus.RECEIVED.value, ReferralStatus.IN_PROGRESS.value)
_ATTENTION = (Rung.DUE_SOON, Rung.OVERDUE, Rung.URGED, Rung.ESCALATED)


# ------------------------------------------------------------------------------------------ results

@dataclass(frozen=True)
class LadderItem:
    """One dated item as the 督办 page lists it (resident ID masked)."""

    kind: DatedItemKind
    id: int
    number: str
    """The item's own number: the referral number, the receipt number, or receipt number · check."""
    application_number: str
    applicant_name: str
    applicant_id_masked: str
    hall_code: str
    hall_name: str
    department_code: str | None
    department_name: str
    responsible: str
    """Who owes the next step: the department for a referral it holds, else the hall."""
    responsible_en: str
    status_zh: str
    status_en: str
    position: LadderPosition
    urged_at: datetime | None = None
    urged_by: str = ""
    escalated_at: datetime | None = None
    escalated_by: str = ""

    @property
    def rung(self) -> Rung:
        return self.position.rung

    @property
    def due_date(self) -> date:
        return self.position.due_date


@dataclass(frozen=True)
class LadderSummary:
    """What the sign-in line and the page header count in the actor's scope today."""

    due_soon: int
    overdue: int
    """Past due but not yet urged (the first working day after the due date has not come)."""
    urged: int
    escalated: int
    callbacks_due: int
    follow_ups_open: int
    by_kind: dict[DatedItemKind, dict[Rung, int]] = field(default_factory=dict)

    def sentence(self) -> tuple[str, str]:
        """“即将到期 1 项，已催办 2 项，已督办 0 项；待回访 3 项” – callbacks and follow-ups only when there are some."""
        zh = f"即将到期 {self.due_soon} 项，已催办 {self.urged} 项，已督办 {self.escalated} 项"
        en = f"{self.due_soon} due soon, {self.urged} urged, {self.escalated} escalated"
        if self.callbacks_due or self.follow_ups_open:
            zh += f"；待回访 {self.callbacks_due} 项，待整改 {self.follow_ups_open} 项"
            en += f"; {self.callbacks_due} callbacks due, {self.follow_ups_open} follow-ups open"
        return zh, en


@dataclass(frozen=True)
class UrgingNoticeData:
    """What a 催办通知书 says about one late referral."""

    referral_number: str
    application_number: str
    department_name: str
    department_full_name: str
    department_contact: str
    applicant_name: str
    applicant_id_masked: str
    matter: str
    sent_on: date | None
    due_date: date
    working_days_overdue: int
    rung: Rung
    urged_on: date
    escalated_on: date
    reply_by: date
    hall_name: str
    hall_phone: str
    hall_address: str
    issued_on: date
    previous_notices: int


@dataclass(frozen=True)
class DepartmentFigures:
    """Per department over a period: how referrals were answered (统计 → 部门时效)."""

    department_code: str
    department_name: str
    sent: int
    completed: int
    on_time: int
    late: int
    urged: int
    escalated: int
    replied_after_urging: int
    median_working_days: float | None
    open_overdue: int


# ------------------------------------------------------------------------------------------ helpers

@dataclass(frozen=True)
class _Raw:
    kind: DatedItemKind
    id: int
    number: str
    application_number: str
    applicant_name: str
    resident_id: str
    hall_id: int | None
    department_id: int | None
    status: str
    due_date: date
    department_side: bool


class UrgingScope:
    """The one scope rule (:mod:`intake_desk.services.scope`) as this module's queries use it, and which
    kinds of dated item the actor sees: a department officer only their department's referrals."""

    def __init__(self, actor: Actor) -> None:
        self.actor = actor
        self.department_only = (not allowed(actor, Permission.REFERRAL_VIEW_ALL)
                                and allowed(actor, Permission.REFERRAL_VIEW_OWN_DEPARTMENT))

    def kinds(self, wanted: Iterable[DatedItemKind] | None) -> list[DatedItemKind]:
        kinds = list(wanted) if wanted is not None else list(DatedItemKind)
        if self.department_only:
            return [k for k in kinds if k is DatedItemKind.REFERRAL]
        return kinds

    def hall(self, column: Any) -> list[Any]:
        return [hall_condition(self.actor, column)]

    def referral(self, hall_column: Any, department_column: Any) -> list[Any]:
        return [referral_condition(self.actor, hall_column, department_column)]


# ------------------------------------------------------------------------------------------ service

class UrgingService:
    def __init__(self, db: Database, clock: Clock, packs: PackRegistry) -> None:
        self.db = db
        self.clock = clock
        self.packs = packs

    def rules(self, day: date | None = None) -> UrgingRules:
        return self.packs.pack_for(day or self.clock.today()).urging

    # -- the ladder --------------------------------------------------------------------------------
    def items(self, actor: Actor, rung: Rung | None = None, kinds: Iterable[DatedItemKind] | None = None,
              department_code: str | None = None, *, offset: int = 0, limit: int = 200) -> list[LadderItem]:
        """Dated items on the ladder today, earliest due first.

        ``rung``: ``DUE_SOON``, ``OVERDUE`` (everything past due, urged or not), ``URGED`` (urged and
        not yet escalated) or ``ESCALATED``; None lists all that need attention (due soon or past due).
        """
        require(actor, Permission.URGING_VIEW)
        if rung is not None and rung not in _ATTENTION:
            raise ValidationFailed("只能按即将到期、已逾期、已催办、已督办筛选 / Filter by due soon, overdue, urged "
                                   "or escalated", {"rung": "invalid"})
        if not 1 <= limit <= MAX_PAGE:
            raise ValidationFailed(f"每页 1–{MAX_PAGE} 条 / A page holds 1–{MAX_PAGE} rows", {"limit": "range"})
        today = self.clock.today()
        rules = self.rules(today)
        scope = UrgingScope(actor)
        with self.db.reading() as session:
            calendar = load_calendar(session)
            low, high = self._bounds(rung, today, calendar, rules)
            department_id = self._department_id(session, department_code)
            raws: list[_Raw] = []
            for kind in scope.kinds(kinds):
                if department_id is not None and kind is not DatedItemKind.REFERRAL:
                    continue
                raws += self._raw(session, kind, scope, low, high, department_id, offset + limit)
            raws.sort(key=lambda r: (r.due_date, r.kind.value, r.id))
            raws = raws[offset:offset + limit]
            return self._items(session, raws, today, calendar, rules)

    def summary(self, actor: Actor) -> LadderSummary:
        """Counts for the sign-in line and the 督办 page header."""
        require(actor, Permission.URGING_VIEW)
        today = self.clock.today()
        rules = self.rules(today)
        scope = UrgingScope(actor)
        with self.db.reading() as session:
            calendar = load_calendar(session)
            soon_low, soon_high = self._bounds(Rung.DUE_SOON, today, calendar, rules)
            urged_bound = latest_due_urged(today, calendar)
            escalated_bound = latest_due_escalated(today, calendar, rules)
            by_kind: dict[DatedItemKind, dict[Rung, int]] = {}
            for kind in scope.kinds(None):
                def count(low: date | None, high: date | None, kind: DatedItemKind = kind) -> int:
                    return self._count(session, kind, scope, low, high)
                past = count(None, today - timedelta(days=1))
                urged_or_more = count(None, urged_bound)
                escalated = count(None, escalated_bound)
                by_kind[kind] = {
                    Rung.DUE_SOON: count(soon_low, soon_high),
                    Rung.OVERDUE: past - urged_or_more,
                    Rung.URGED: urged_or_more - escalated,
                    Rung.ESCALATED: escalated,
                }
            callbacks = follow_ups = 0
            if not scope.department_only:
                callbacks = int(session.scalar(
                    select(func.count(Callback.id)).where(Callback.status == "open", *scope.hall(Callback.hall_id)))
                    or 0)
                follow_ups = int(session.scalar(
                    select(func.count(FollowUp.id)).where(FollowUp.status == "open", *scope.hall(FollowUp.hall_id)))
                    or 0)

        def total(r: Rung) -> int:
            return sum(v[r] for v in by_kind.values())

        return LadderSummary(total(Rung.DUE_SOON), total(Rung.OVERDUE), total(Rung.URGED), total(Rung.ESCALATED),
                             callbacks, follow_ups, by_kind)

    def sync(self, actor: Actor) -> dict[str, int]:
        """Record the rungs reached by today that are not recorded yet, and the callbacks now due.

        Called when the 督办 page opens or a command runs; the same day twice records nothing more.
        Each urging is a row in ``urgings`` (and, for a referral, an event in its timeline); the audit
        trail gets one event per batch naming every item. Returns what was recorded.
        """
        require(actor, Permission.URGING_VIEW)
        today = self.clock.today()
        rules = self.rules(today)
        scope = UrgingScope(actor)
        now = self.clock.now()
        recorded: dict[str, int] = {}
        with self.db.transaction() as session:
            calendar = load_calendar(session)
            for rung_name, bound in (("urged", latest_due_urged(today, calendar)),
                                     ("escalated", latest_due_escalated(today, calendar, rules))):
                for kind in scope.kinds(None):
                    raws = self._unrecorded(session, kind, scope, bound, rung_name)
                    if raws:
                        self._record_rung(session, actor, raws, rung_name, calendar, rules, now)
                        recorded[f"{kind.value}.{rung_name}"] = len(raws)
            if not scope.department_only:
                from intake_desk.services.callbacks import open_due_callbacks

                opened = open_due_callbacks(session, actor, scope, today, calendar, rules, now)
                if opened:
                    recorded["callbacks"] = opened
        return recorded

    def _bounds(self, rung: Rung | None, today: date, calendar: WorkCalendar,
                rules: UrgingRules) -> tuple[date | None, date | None]:
        if rung is Rung.DUE_SOON:
            return today, due_soon_until(today, calendar, rules)
        if rung is Rung.OVERDUE:
            return None, today - timedelta(days=1)
        if rung is Rung.URGED:
            return latest_due_escalated(today, calendar, rules) + timedelta(days=1), latest_due_urged(today, calendar)
        if rung is Rung.ESCALATED:
            return None, latest_due_escalated(today, calendar, rules)
        return None, due_soon_until(today, calendar, rules)

    def _department_id(self, session: Session, code: str | None) -> int | None:
        if not code:
            return None
        department_id = session.scalar(select(Department.id).where(Department.code == code.strip().lower()))
        if department_id is None:
            codes = "、".join(session.scalars(select(Department.code).order_by(Department.code)))
            raise ValidationFailed(f"没有部门“{code}”（可选：{codes}） / No department '{code}' (known: {codes})",
                                   {"department": "unknown"})
        return int(department_id)

    # Each kind: (columns, table joins, open condition, due column, scope columns).
    def _select(self, kind: DatedItemKind, scope: UrgingScope, low: date | None, high: date | None,
                department_id: int | None = None) -> Any:
        query: Any
        due: Any
        if kind is DatedItemKind.REFERRAL:
            due = Referral.due_date
            query = (select(Referral.id, Referral.number, Application.number, Referral.applicant_name,
                            Person.resident_id, Referral.hall_id, Referral.department_id, Referral.status, due)
                     .join(Application, Application.id == Referral.application_id)
                     .join(Person, Person.id == Application.applicant_id)
                     .where(Referral.status.not_in(_REFERRAL_FINAL),
                            *scope.referral(Referral.hall_id, Referral.department_id)))
            if department_id is not None:
                query = query.where(Referral.department_id == department_id)
        elif kind is DatedItemKind.APPLICATION:
            # The current step of the application's procedure when it follows one (审核确认程序), else
            # the receipt's promised date.
            P = ApplicationProcedure
            due = func.coalesce(P.step_due_date, Application.due_date)
            status = case((P.current_step.is_not(None),
                           literal("step:") + P.assistance_type + ":" + P.track + ":" + P.current_step),
                          else_=Application.status)
            query = (select(Application.id, Application.number, Application.number, Application.applicant_name,
                            Person.resident_id, Application.hall_id, null(), status, due)
                     .join(Person, Person.id == Application.applicant_id)
                     .outerjoin(P, and_(P.application_id == Application.id, P.state == "open"))
                     .where(Application.status.in_(_APPLICATION_OPEN), *scope.hall(Application.hall_id)))
        elif kind is DatedItemKind.EXTENSION:
            # A requested extension is the supervisor's to decide before the limit it would extend.
            due = ProcedureExtension.previous_due_date
            query = (select(ProcedureExtension.id, Application.number, Application.number,
                            Application.applicant_name, Person.resident_id, Application.hall_id, null(),
                            ProcedureExtension.status, due)
                     .join(Application, Application.id == ProcedureExtension.application_id)
                     .join(Person, Person.id == Application.applicant_id)
                     .where(ProcedureExtension.status == "requested", *scope.hall(Application.hall_id)))
        elif kind is DatedItemKind.POST_CHECK:
            due = PostCheck.due_date
            query = (select(PostCheck.id, PostCheck.kind, Application.number, Application.applicant_name,
                            Person.resident_id, Application.hall_id, null(), PostCheck.status, due)
                     .join(Application, Application.id == PostCheck.application_id)
                     .join(Person, Person.id == Application.applicant_id)
                     .where(PostCheck.status.in_(_CHECK_OPEN), *scope.hall(Application.hall_id)))
        else:
            due = FollowUp.due_date
            query = (select(FollowUp.id, Callback.subject_number, Application.number, Application.applicant_name,
                            Person.resident_id, FollowUp.hall_id, FollowUp.department_id, FollowUp.status, due)
                     .join(Callback, Callback.id == FollowUp.callback_id)
                     .join(Application, Application.id == Callback.application_id)
                     .join(Person, Person.id == Application.applicant_id)
                     .where(FollowUp.status == "open", *scope.hall(FollowUp.hall_id)))
        if low is not None:
            query = query.where(due >= low)
        if high is not None:
            query = query.where(due <= high)
        return query, due

    def _raw(self, session: Session, kind: DatedItemKind, scope: UrgingScope, low: date | None, high: date | None,
             department_id: int | None, limit: int) -> list[_Raw]:
        query, due = self._select(kind, scope, low, high, department_id)
        rows = session.execute(query.order_by(due, query.selected_columns[0]).limit(limit))
        return [self._to_raw(kind, row) for row in rows]

    @staticmethod
    def _to_raw(kind: DatedItemKind, row: Any) -> _Raw:
        item_id, number, app_number, name, resident_id, hall_id, department_id, status, due = row
        if kind is DatedItemKind.POST_CHECK:
            number = f"{app_number}·{PostCheckKind(number).zh}"
        elif kind is DatedItemKind.FOLLOW_UP:
            number = f"{number}·整改"
        elif kind is DatedItemKind.EXTENSION:
            number = f"{number}·延期"
        side = kind is DatedItemKind.REFERRAL and status in _DEPARTMENT_SIDE
        return _Raw(kind, int(item_id), str(number), str(app_number), str(name), str(resident_id),
                    hall_id, department_id, str(status), due, side)

    def _count(self, session: Session, kind: DatedItemKind, scope: UrgingScope, low: date | None,
               high: date | None) -> int:
        query, _due = self._select(kind, scope, low, high)
        return int(session.scalar(select(func.count()).select_from(query.subquery())) or 0)

    def _unrecorded(self, session: Session, kind: DatedItemKind, scope: UrgingScope, bound: date,
                    rung: str) -> list[_Raw]:
        query, due = self._select(kind, scope, None, bound)
        id_column = query.selected_columns[0]
        query = query.where(~exists().where(and_(
            Urging.item_kind == kind.value, Urging.item_id == id_column, Urging.rung == rung,
            Urging.due_date == due)))
        return [self._to_raw(kind, row) for row in session.execute(query.order_by(due, id_column))]

    def _record_rung(self, session: Session, actor: Actor, raws: Sequence[_Raw], rung: str,
                     calendar: WorkCalendar, rules: UrgingRules, now: datetime) -> None:
        today = local(now).date()
        rows = []
        events = []
        procedure_events: list[dict[str, Any]] = []
        for raw in raws:
            pos = position(raw.due_date, today, calendar, rules)
            rung_on = pos.urged_on if rung == "urged" else pos.escalated_on
            zh = "催办" if rung == "urged" else "督办"
            note = (f"按时限自动{zh}：{raw.due_date:%Y-%m-%d} 到期，已逾期 {pos.working_days_overdue} 个工作日 / "
                    f"{'urged' if rung == 'urged' else 'escalated'} by the time limit: due {raw.due_date:%Y-%m-%d}, "
                    f"{pos.working_days_overdue} working days overdue")
            rows.append({
                "item_kind": raw.kind.value, "item_id": raw.id, "item_number": raw.number, "hall_id": raw.hall_id,
                "department_id": raw.department_id, "rung": rung, "due_date": raw.due_date, "rung_on": rung_on,
                "recorded_at": now, "actor_id": actor.user_id or None, "actor_name": actor.display_name,
                "note": note,
            })
            if raw.kind is DatedItemKind.APPLICATION and raw.status.startswith("step:"):
                procedure_events.append({
                    "application_id": raw.id, "at": now, "actor_id": actor.user_id or None,
                    "actor_name": actor.display_name, "action": "urge" if rung == "urged" else "escalate",
                    "step_code": raw.status.split(":", 3)[3], "note": note,
                })
            if raw.kind is DatedItemKind.REFERRAL:
                events.append({
                    "referral_id": raw.id, "at": now, "actor_id": actor.user_id or None,
                    "actor_name": actor.display_name, "from_status": raw.status, "to_status": raw.status,
                    "action": "urge" if rung == "urged" else "escalate", "note": note,
                })
        session.execute(insert(Urging), rows)
        if events:
            session.execute(insert(ReferralEvent), events)
        if procedure_events:
            session.execute(insert(ProcedureEvent), procedure_events)
        # One audit event per item, in the item's own trail (the referral or application by its number,
        # a post-check or follow-up by its id), written in one statement.
        audit.record_many(session, actor, [
            (f"urging.{rung}", _AUDIT_ENTITY[raw.kind], _audit_id(raw),
             {"rung": rung, "due_date": raw.due_date, "number": raw.number, "note": row["note"]})
            for raw, row in zip(raws, rows, strict=True)], at=now)

    def _items(self, session: Session, raws: Sequence[_Raw], today: date, calendar: WorkCalendar,
               rules: UrgingRules) -> list[LadderItem]:
        halls = {h.id: (h.code, h.name) for h in session.scalars(select(Hall))}
        departments = {d.id: (d.code, d.name) for d in session.scalars(select(Department))}
        recorded: dict[tuple[str, int, str, date], tuple[datetime, str]] = {}
        by_kind: dict[str, list[int]] = defaultdict(list)
        for raw in raws:
            by_kind[raw.kind.value].append(raw.id)
        for kind, ids in by_kind.items():
            for u in session.scalars(select(Urging).where(Urging.item_kind == kind, Urging.item_id.in_(ids))):
                recorded[(u.item_kind, u.item_id, u.rung, u.due_date)] = (u.recorded_at, u.actor_name)
        out = []
        for raw in raws:
            hall_code, hall_name = halls.get(raw.hall_id, ("", "")) if raw.hall_id else ("", "")
            dept_code, dept_name = departments.get(raw.department_id, (None, "")) if raw.department_id else (None, "")
            urged = recorded.get((raw.kind.value, raw.id, "urged", raw.due_date))
            escalated = recorded.get((raw.kind.value, raw.id, "escalated", raw.due_date))
            status_zh, status_en = self._status(raw)
            responsible = dept_name if raw.department_side else hall_name
            out.append(LadderItem(
                kind=raw.kind, id=raw.id, number=raw.number, application_number=raw.application_number,
                applicant_name=raw.applicant_name, applicant_id_masked=mask_resident_id(raw.resident_id),
                hall_code=hall_code, hall_name=hall_name, department_code=dept_code, department_name=dept_name,
                responsible=responsible, responsible_en=(dept_code or "") if raw.department_side else hall_code,
                status_zh=status_zh, status_en=status_en,
                position=position(raw.due_date, today, calendar, rules),
                urged_at=urged[0] if urged else None, urged_by=urged[1] if urged else "",
                escalated_at=escalated[0] if escalated else None, escalated_by=escalated[1] if escalated else "",
            ))
        return out

    def _status(self, raw: _Raw) -> tuple[str, str]:
        try:
            if raw.kind is DatedItemKind.REFERRAL:
                s: Any = ReferralStatus(raw.status)
            elif raw.kind is DatedItemKind.APPLICATION:
                if raw.status.startswith("step:"):
                    return self._step_name(raw.status)
                s = ApplicationStatus(raw.status)
            elif raw.kind is DatedItemKind.POST_CHECK:
                s = PostCheckStatus(raw.status)
            elif raw.kind is DatedItemKind.EXTENSION:
                return "待审批", "Awaiting approval"
            else:
                return "整改中", "Open"
            return s.zh, s.en
        except ValueError:
            return raw.status, raw.status

    def _step_name(self, encoded: str) -> tuple[str, str]:
        """``step:<type>:<track>:<code>`` → the step's name in the pack in force (“入户调查”)."""
        from intake_desk.domain.enums import AssistanceType
        from intake_desk.policy.procedure import Track

        _prefix, assistance_type, track, code = encoded.split(":", 3)
        procedures = self.packs.pack_for(self.clock.today()).procedures
        try:
            if procedures is None:
                raise KeyError(code)
            step = procedures.track(AssistanceType(assistance_type), Track(track)).step(code)
        except (KeyError, ValueError, LookupError):
            return code, code
        return step.name, step.kind.en

    # -- the escalation ledger (督办台账) ------------------------------------------------------------
    def export_escalations(self, actor: Actor, path: Path, *, format: ExportFormat | None = None,
                           rung: Rung | None = Rung.OVERDUE, department_code: str | None = None,
                           kinds: Iterable[DatedItemKind] | None = None) -> ExportResult:
        """Write the items past due (default; or one rung) with who was urged and when; IDs masked."""
        require(actor, Permission.EXPORT)
        require(actor, Permission.URGING_VIEW)
        format = format or ExportFormat.for_path(path)
        kinds = tuple(kinds) if kinds is not None else None

        def rows() -> Iterator[list[Any]]:
            offset = 0
            while True:
                page = self.items(actor, rung, kinds, department_code, offset=offset, limit=MAX_PAGE)
                for i in page:
                    yield [
                        i.kind.zh, i.number, i.application_number, i.applicant_name, i.applicant_id_masked,
                        i.responsible, i.status_zh, i.due_date, i.position.working_days_overdue, i.rung.zh,
                        _local_naive(i.urged_at), i.urged_by, _local_naive(i.escalated_at), i.escalated_by, i.hall_name,
                    ]
                if len(page) < MAX_PAGE:
                    return
                offset += MAX_PAGE

        def commit(count: int) -> None:
            with self.db.transaction() as session:
                audit.record(session, actor, "export.escalations", "export", path.name,
                             {"rows": count, "format": format.value, "full_ids": False,
                              "filter": {"rung": rung.value if rung else None, "department": department_code,
                                         "kinds": [k.value for k in kinds] if kinds else None}},
                             at=self.clock.now())

        count = write_ledger(path, format, "督办台账", ESCALATION_COLUMNS, rows(), commit)
        return ExportResult(path, count, format, False)

    # -- the urging notice -------------------------------------------------------------------------
    def urging_notice(self, actor: Actor, referral_number: str) -> UrgingNoticeData:
        """What the 催办通知书 for a late referral says; refused in one sentence when it is not overdue."""
        require(actor, Permission.URGING_VIEW)
        today = self.clock.today()
        rules = self.rules(today)
        scope = UrgingScope(actor)
        number = (referral_number or "").strip()
        with self.db.reading() as session:
            referral = session.scalar(select(Referral).where(
                Referral.number == number, *scope.referral(Referral.hall_id, Referral.department_id)))
            if referral is None:
                raise NotFound(f"没有转介 {number} / No referral {number}")
            if ReferralStatus(referral.status).is_final:
                raise InvalidTransition(
                    f"转介 {number} 已{ReferralStatus(referral.status).zh}，无需催办 / Referral {number} is "
                    f"{ReferralStatus(referral.status).en.lower()}; there is nothing to urge")
            calendar = load_calendar(session)
            pos = position(referral.due_date, today, calendar, rules)
            if pos.rung not in (Rung.OVERDUE, Rung.URGED, Rung.ESCALATED):
                raise InvalidTransition(
                    f"转介 {number} 未逾期（{referral.due_date:%Y-%m-%d} 到期），不能催办 / Referral {number} is not "
                    f"overdue (due {referral.due_date:%Y-%m-%d}); there is nothing to urge")
            application = session.get(Application, referral.application_id)
            assert application is not None
            person = session.get(Person, application.applicant_id)
            department = session.get(Department, referral.department_id)
            hall = session.get(Hall, referral.hall_id)
            assert person is not None and department is not None and hall is not None
            pack = self.packs.pack_for(today)
            try:
                full_name = pack.department(department.code).full_name
            except KeyError:
                full_name = department.name
            previous = int(session.scalar(select(func.count(PrintedDocument.id)).where(
                PrintedDocument.document_number == urging_document_number(number))) or 0)
            return UrgingNoticeData(
                referral_number=number, application_number=application.number, department_name=department.name,
                department_full_name=full_name, department_contact=department.contact,
                applicant_name=referral.applicant_name, applicant_id_masked=mask_resident_id(person.resident_id),
                matter=referral.reason, sent_on=local(referral.sent_at).date() if referral.sent_at else None,
                due_date=referral.due_date, working_days_overdue=pos.working_days_overdue, rung=pos.rung,
                urged_on=pos.urged_on, escalated_on=pos.escalated_on,
                reply_by=calendar.add_working_days(today, rules.reply_within_working_days),
                hall_name=hall.name, hall_phone=hall.phone, hall_address=hall.address, issued_on=today,
                previous_notices=previous,
            )

    def print_urging(self, actor: Actor, referral_number: str, output: str = "file", *,
                     via: str = "") -> RenderedDocument:
        """打印催办通知书 – the notice as PDF, recorded in the print log (copy numbers count reprints)
        and the audit trail, with an event in the referral's timeline; ``output="preview"`` records
        nothing. Refused in one sentence for a referral that is not overdue."""
        require(actor, Permission.PRINT)
        from intake_desk.printing.fonts import MissingGlyphsError
        from intake_desk.printing.urging import TITLE, UrgingNoticeDocument, render_urging_notice
        from intake_desk.services.printing import MissingCharacters, PrintOutput, PrintService

        chosen = PrintOutput(output)
        notice = self.urging_notice(actor, referral_number)
        font = PrintService(self.db, self.clock, self.packs).font()
        number = urging_document_number(notice.referral_number)
        now = self.clock.now()
        pack = self.packs.pack_for(local(now).date())

        def render(copy_no: int) -> bytes:
            hall = pm.HallInfo(name=notice.hall_name, code="", phone=notice.hall_phone, address=notice.hall_address,
                               complaint_channel="")
            wording = pm.Wording(template_version=pack.version, commitment_text=(), verification_authorisation="",
                                 notice_where_to_bring="")
            document = UrgingNoticeDocument(
                document_number=number, copy_no=copy_no, printed_at=local(now), clerk_name=actor.display_name,
                hall=hall, wording=wording, referral_number=notice.referral_number,
                application_number=notice.application_number, department_name=notice.department_name,
                department_full_name=notice.department_full_name, department_contact=notice.department_contact,
                applicant_name=notice.applicant_name, applicant_id_masked=notice.applicant_id_masked,
                matter=notice.matter, sent_on=pm.format_date(notice.sent_on) if notice.sent_on else "—",
                due_date=pm.format_date(notice.due_date), working_days_overdue=notice.working_days_overdue,
                escalated=notice.rung is Rung.ESCALATED, escalated_on=pm.format_date(notice.escalated_on),
                reply_by=pm.format_date(notice.reply_by), previous_notices=copy_no - 1,
            )
            try:
                return render_urging_notice(document, font)
            except MissingGlyphsError as exc:
                raise MissingCharacters(str(exc), exc.characters) from None

        def rendered(pdf: bytes, copy_no: int) -> RenderedDocument:
            import hashlib

            return RenderedDocument(
                pdf=pdf, application_number=notice.application_number, document_number=number,
                kind=DocumentKind.URGING, department_code=None, copy_no=copy_no,
                sha256=hashlib.sha256(pdf).hexdigest(), title=TITLE,
                file_name=f"{number}_{TITLE}" + (f"_第{copy_no}份" if copy_no > 1 else "") + ".pdf",
                output=chosen, printed_at=now)

        if chosen is PrintOutput.PREVIEW:
            copy_no = notice.previous_notices + 1
            return rendered(render(copy_no), copy_no)
        with self.db.transaction() as session:
            referral = session.scalar(select(Referral).where(Referral.number == notice.referral_number)
                                      .with_for_update())
            assert referral is not None
            copy_no = int(session.scalar(select(func.max(PrintedDocument.copy_no))
                                         .where(PrintedDocument.document_number == number)) or 0) + 1
            pdf = render(copy_no)
            result = rendered(pdf, copy_no)
            session.add(PrintedDocument(
                document_number=number, application_id=referral.application_id, kind=DocumentKind.URGING.value,
                department_id=referral.department_id, copy_no=copy_no, sha256=result.sha256, output=chosen.value,
                printed_at=now, printed_by_id=actor.user_id))
            note = (f"打印催办通知书（第 {copy_no} 份），逾期 {notice.working_days_overdue} 个工作日，请于 "
                    f"{notice.reply_by:%Y-%m-%d} 前回复 / urging notice printed (copy {copy_no}), "
                    f"{notice.working_days_overdue} working days overdue, reply by {notice.reply_by:%Y-%m-%d}")
            session.add(ReferralEvent(referral_id=referral.id, at=now, actor_id=actor.user_id or None,
                                      actor_name=actor.display_name, from_status=referral.status,
                                      to_status=referral.status, action="urging_notice", note=note))
            session.flush()
            detail: dict[str, object] = {"referral": notice.referral_number, "kind": DocumentKind.URGING.value,
                                         "copy_no": copy_no, "sha256": result.sha256, "output": chosen.value,
                                         "working_days_overdue": notice.working_days_overdue}
            if via:
                detail["via"] = via
            audit.record(session, actor, "document.print", "document", number, detail, at=now)
        return result

    # -- statistics and reports -------------------------------------------------------------------
    def department_figures(self, actor: Actor, date_from: date | None = None, date_to: date | None = None
                           ) -> list[DepartmentFigures]:
        """部门时效 – referrals sent in the period per department: on time, late, urged, escalated,
        replied only after urging, median working days from sending to completion, open and overdue."""
        require(actor, Permission.STATISTICS_VIEW)
        today = self.clock.today()
        date_to = date_to or today
        date_from = date_from or date(date_to.year, 1, 1)
        scope = UrgingScope(actor)
        tz = local(self.clock.now()).tzinfo
        start = datetime.combine(date_from, datetime.min.time()).replace(tzinfo=tz)
        end = datetime.combine(date_to + timedelta(days=1), datetime.min.time()).replace(tzinfo=tz)
        with self.db.reading() as session:
            calendar = load_calendar(session)
            departments = list(session.execute(select(Department.id, Department.code, Department.name)
                                               .order_by(Department.code)))
            rows = session.execute(
                select(Referral.id, Referral.department_id, Referral.status, Referral.due_date, Referral.sent_at,
                       Referral.finished_at)
                .where(Referral.sent_at >= start, Referral.sent_at < end,
                       *scope.referral(Referral.hall_id, Referral.department_id)))
            per: dict[int, list[Any]] = defaultdict(list)
            ids: list[int] = []
            for row in rows:
                per[row.department_id].append(row)
                ids.append(row.id)
            urged: dict[int, tuple[bool, bool]] = {}
            for start_i in range(0, len(ids), 5000):
                chunk = ids[start_i:start_i + 5000]
                for item_id, rung in session.execute(select(Urging.item_id, Urging.rung).where(
                        Urging.item_kind == DatedItemKind.REFERRAL.value, Urging.item_id.in_(chunk))):
                    was_urged, was_escalated = urged.get(item_id, (False, False))
                    urged[item_id] = (was_urged or rung == "urged", was_escalated or rung == "escalated")
        out = []
        for department_id, code, name in departments:
            items = per.get(department_id, [])
            if not items and scope.department_only:
                continue
            completed = [r for r in items if r.status == ReferralStatus.COMPLETED.value and r.finished_at]
            on_time = sum(1 for r in completed if local(r.finished_at).date() <= r.due_date)
            days = [calendar.working_days_between(local(r.sent_at).date(), local(r.finished_at).date())
                    for r in completed]
            out.append(DepartmentFigures(
                department_code=code, department_name=name, sent=len(items), completed=len(completed),
                on_time=on_time, late=len(completed) - on_time,
                urged=sum(1 for r in items if urged.get(r.id, (False, False))[0]),
                escalated=sum(1 for r in items if urged.get(r.id, (False, False))[1]),
                replied_after_urging=sum(1 for r in completed if urged.get(r.id, (False, False))[0]),
                median_working_days=float(statistics.median(days)) if days else None,
                open_overdue=sum(1 for r in items if r.status not in _REFERRAL_FINAL and r.due_date < today),
            ))
        return out


def _local_naive(moment: datetime | None) -> datetime | None:
    """A stored moment as the hall's wall-clock time, for a spreadsheet cell."""
    return local(moment).replace(tzinfo=None) if moment else None


def urging_document_number(referral_number: str) -> str:
    """The print-log number of a referral's urging notice: ``CB-<referral number>``."""
    return f"CB-{referral_number}"
