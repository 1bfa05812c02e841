"""审核确认程序 – taking an application from receipt to decision, step by step.

Every call is one transaction: it checks the caller's permission and the pack's roles for the step,
refuses a stale save naming who saved first (the application's version column), records the step or
action as a procedure event and an audit event, keeps the application's status in line
(received → under review → approved | rejected | withdrawn) and returns a frozen view.

What may happen is decided by ``policy/procedure.py`` from the pack; this module stores what did.
The due date of the step to take now is :meth:`ProcedureService.current_step_due` (kept on the
procedure row as ``step_due_date`` for the queue).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from intake_desk.domain.enums import ApplicationStatus, AssistanceType, Category, Labelled, Role
from intake_desk.domain.money import format_fen
from intake_desk.policy.calendar import WorkCalendar, fallback_warning
from intake_desk.policy.pack import PackRegistry, PolicyPack
from intake_desk.policy.procedure import (
    DataCheckResult,
    DecisionOutcome,
    DoneStep,
    ProcedureError,
    ProcedurePlan,
    ProcedureRules,
    StepKind,
    StepState,
    Track,
    TrackRule,
    check_extension_request,
    check_order,
    check_record,
    check_refusal,
    extension_due_date,
    plan,
)
from intake_desk.services import audit
from intake_desk.services.actor import Actor
from intake_desk.services.applications import conflict
from intake_desk.services.calendar_service import load_calendar
from intake_desk.services.clock import Clock
from intake_desk.services.errors import NotFound, PermissionDenied, ValidationFailed
from intake_desk.services.permissions import Permission, require
from intake_desk.services.scope import not_found, require_hall
from intake_desk.store.db import Database
from intake_desk.store.models import (
    Application,
    ApplicationProcedure,
    Hall,
    ProcedureDecision,
    ProcedureEvent,
    ProcedureExtension,
    ProcedureRefusalReason,
    ProcedureStep,
    ProcedureWithdrawal,
    PublicityObjection,
    RequestedItem,
    User,
)

__all__ = [
    "DecisionView",
    "EventView",
    "ExtensionView",
    "Objection",
    "ProcedureAction",
    "ProcedureService",
    "ProcedureState",
    "ProcedureView",
    "StepView",
    "open_procedure_row",
]


class ProcedureState(Labelled):
    OPEN = "open", "办理中", "In progress"
    APPROVED = "approved", "予以救助", "Approved"
    REFUSED = "refused", "不予救助", "Refused"
    WITHDRAWN = "withdrawn", "已撤回", "Withdrawn"


class ProcedureAction(Labelled):
    """办理过程中的动作 (procedure_events.action)."""

    OPEN = "open", "受理", "Received"
    STEP = "step", "完成步骤", "Step done"
    REDO = "redo", "重做", "Step redone"
    EXTENSION_REQUEST = "extension_request", "申请延期", "Extension asked for"
    EXTENSION_APPROVE = "extension_approve", "批准延期", "Extension approved"
    EXTENSION_REFUSE = "extension_refuse", "不批准延期", "Extension refused"
    REFUSE = "refuse", "不予救助", "Refused"
    WITHDRAW = "withdraw", "申请人撤回", "Withdrawn"
    # Recorded by the urging ladder (services/urging.py) when the current step is late.
    URGE = "urge", "催办", "Urged"
    ESCALATE = "escalate", "督办", "Escalated"


@dataclass(frozen=True)
class Objection:
    """公示异议 as typed at the desk."""

    received_on: date
    content: str
    raised_by: str = ""


@dataclass(frozen=True)
class StepView:
    code: str
    name: str
    kind: StepKind
    state: StepState
    roles: frozenset[Role]
    due: date | None
    done_on: date | None
    actor_name: str
    summary: str
    late: bool
    objections: tuple[Objection, ...] = ()
    duration_days: int = 0  # calendar days the step lasts at least (公示)
    summary_en: str = ""
    """The record in English (what people wrote stays as written)."""

    def summary_in(self, language: str) -> str:
        return self.summary if language.startswith("zh") else (self.summary_en or self.summary)


@dataclass(frozen=True)
class EventView:
    at: datetime
    actor_name: str
    action: ProcedureAction
    step_code: str
    note: str


@dataclass(frozen=True)
class ExtensionView:
    status: str  # requested | approved | refused
    reason: str
    previous_due_date: date
    new_due_date: date
    requested_at: datetime
    requested_by: str
    decided_by: str
    decision_note: str


@dataclass(frozen=True)
class RefusalReasonView:
    code: str
    name: str


@dataclass(frozen=True)
class DecisionView:
    outcome: DecisionOutcome
    decided_on: date
    decided_by: str
    amount_fen: int | None
    start_month: date | None
    reasons: tuple[RefusalReasonView, ...]
    facts: str
    note: str
    notice_due_date: date | None


@dataclass(frozen=True)
class ProcedureView:
    """Where an application stands: the steps with dates and who, what comes next and by when."""

    application_id: int
    number: str
    version: int
    applicant_name: str
    household_size: int
    category: Category | None
    hall_code: str
    hall_name: str
    received_on: date
    promised_due: date
    assistance_type: AssistanceType
    track: Track
    procedure_name: str
    state: ProcedureState
    steps: tuple[StepView, ...]
    current: StepView | None
    whole_due: date
    extended: bool
    overdue: bool
    extension: ExtensionView | None
    decision: DecisionView | None
    withdrawn_on: date | None
    withdrawal_reason: str
    events: tuple[EventView, ...]
    actions: frozenset[str]
    """What the viewing user may do now: the current step's code, ``redo``, ``refuse``, ``withdraw``,
    ``extension_request``, ``extension_decide``."""
    warning: str | None

    @property
    def current_due(self) -> date | None:
        return self.current.due if self.current else None

    @property
    def is_open(self) -> bool:
        return self.state is ProcedureState.OPEN


# ------------------------------------------------------------------------------------------ helpers


def _enc(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Objection):
        return {"received_on": value.received_on.isoformat(), "content": value.content, "raised_by": value.raised_by}
    if isinstance(value, Mapping):
        return {str(k): _enc(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_enc(v) for v in value]
    return value


def _summary(kind: StepKind, record: Mapping[str, Any]) -> str:
    """The record of a step in one line of plain words (for the page and the progress slip)."""
    if kind is StepKind.INVESTIGATION:
        names = "、".join(record.get("investigators", []))
        return f"调查人员：{names}；{record.get('visit_record', '')}"
    if kind is StepKind.DATA_CHECK:
        result = DataCheckResult(record.get("result", "consistent"))
        note = record.get("note", "")
        return result.zh + (f"：{note}" if note else "")
    if kind is StepKind.PUBLICITY:
        count = len(record.get("objections", []))
        return f"{record.get('start', '')} 至 {record.get('end', '')}，" + (f"异议 {count} 件" if count else "无异议")
    if kind in (StepKind.DEMOCRATIC_REVIEW, StepKind.OPINION):
        return str(record.get("conclusion", ""))
    if kind is StepKind.ADVANCE_RELIEF:
        return f"先行救助 {format_fen(int(record.get('amount_fen', 0)))} 元" + (
            f"；{record['note']}" if record.get("note") else "")
    if kind is StepKind.DECISION:
        if record.get("outcome") == DecisionOutcome.APPROVED.value:
            return f"予以救助，每月 {format_fen(int(record.get('amount_fen', 0)))} 元，自 {record.get('start_month', '')[:7]} 起"
        return "不予救助：" + "；".join(record.get("reason_names", []))
    return ""


def _summary_en(kind: StepKind, record: Mapping[str, Any], names: Mapping[str, str]) -> str:
    """:func:`_summary` in English; what people wrote (names, notes, conclusions) as written, the pack's refusal
    reasons in the pack's English (``names``: Chinese name → English)."""
    if kind is StepKind.INVESTIGATION:
        people = ", ".join(record.get("investigators", []))
        return f"Visited by {people}; {record.get('visit_record', '')}"
    if kind is StepKind.DATA_CHECK:
        result = DataCheckResult(record.get("result", "consistent"))
        note = record.get("note", "")
        return result.en + (f": {note}" if note else "")
    if kind is StepKind.PUBLICITY:
        count = len(record.get("objections", []))
        return (f"{record.get('start', '')} to {record.get('end', '')}, "
                + (f"{count} objection(s)" if count else "no objections"))
    if kind in (StepKind.DEMOCRATIC_REVIEW, StepKind.OPINION):
        return str(record.get("conclusion", ""))
    if kind is StepKind.ADVANCE_RELIEF:
        return f"Relief paid first: {format_fen(int(record.get('amount_fen', 0)))} yuan" + (
            f"; {record['note']}" if record.get("note") else "")
    if kind is StepKind.DECISION:
        if record.get("outcome") == DecisionOutcome.APPROVED.value:
            return (f"Approved: {format_fen(int(record.get('amount_fen', 0)))} yuan a month from "
                    f"{record.get('start_month', '')[:7]}")
        return "Refused: " + "; ".join(names.get(n, n) for n in record.get("reason_names", []))
    return ""


def _bad(error: ProcedureError) -> ValidationFailed:
    return ValidationFailed(str(error))


def open_procedure_row(packs_or_pack: PolicyPack, calendar: WorkCalendar, *, application_id: int, hall_id: int,
                       received_on: date, types: Iterable[AssistanceType], fast_track: bool,
                       now: datetime) -> dict[str, Any] | None:
    """The procedure row of a newly received application (the intake inserts it with the application);
    None when the pack gives no procedure for what was applied for (department items only)."""
    rules = packs_or_pack.procedures
    if rules is None:
        return None
    track = rules.track_for(types, fast_track)
    if track is None:
        return None
    first = plan(track, calendar, received_on, [])
    return {
        "application_id": application_id, "hall_id": hall_id, "assistance_type": track.assistance_type.value,
        "track": track.track.value, "policy_version": packs_or_pack.version, "state": ProcedureState.OPEN.value,
        "current_step": first.current.rule.code if first.current else None, "step_due_date": first.current_due,
        "due_date": first.whole_due, "extended": False, "decided_on": None, "started_at": now, "closed_at": None,
    }


@dataclass
class _Loaded:
    app: Application
    row: ApplicationProcedure | None
    pack: PolicyPack
    rules: ProcedureRules
    track: TrackRule
    calendar: WorkCalendar
    steps: list[ProcedureStep]

    @property
    def done(self) -> list[DoneStep]:
        out = []
        for step in self.steps:
            record = json.loads(step.record or "{}")
            out.append(DoneStep(step.code, step.done_on, len(record.get("objections", []))))
        return out

    def plan(self) -> ProcedurePlan:
        closed = self.row is not None and self.row.state in (ProcedureState.REFUSED.value,
                                                            ProcedureState.WITHDRAWN.value)
        return plan(self.track, self.calendar, self.app.received_on, self.done,
                    extended=bool(self.row and self.row.extended), closed=closed)


# ------------------------------------------------------------------------------------------ service



def _record(session: Session, actor: Actor, action: str, number: str, detail: dict[str, Any], *,
            at: datetime) -> None:
    """The step in the application's audit trail, and its twin about the procedure, which carries the
    digest of the procedure's state (steps, extensions, decision, withdrawal) after the change."""
    audit.record_many(session, actor, [(action, "application", number, detail), (action, "procedure", number, None)],
                      at=at)

class ProcedureService:
    def __init__(self, db: Database, clock: Clock, packs: PackRegistry) -> None:
        self.db = db
        self.clock = clock
        self.packs = packs

    # -- loading ---------------------------------------------------------------------------------
    def _application(self, session: Session, actor: Actor, number: str) -> Application:
        wanted = number.strip().upper()
        app = session.scalar(select(Application).where(Application.number == wanted))
        if app is None:
            raise not_found("受理编号为", "application numbered", number.strip())
        require_hall(actor, app.hall_id, "受理编号为", "application numbered", number.strip())  # 辖区: services/scope
        return app

    def _pack(self, app: Application, row: ApplicationProcedure | None) -> PolicyPack:
        if row is not None:
            try:
                return self.packs.by_version(row.policy_version)
            except KeyError:
                pass
        return self.packs.pack_for(app.received_on)

    def _load(self, session: Session, actor: Actor, number: str, *, emergency: bool = False) -> _Loaded:
        app = self._application(session, actor, number)
        row = session.scalar(select(ApplicationProcedure).where(ApplicationProcedure.application_id == app.id))
        pack = self._pack(app, row)
        rules = pack.procedures
        if rules is None:
            raise NotFound(f"政策参数包 {pack.version} 没有审核程序 / The policy pack {pack.version} has no procedures")
        if row is not None:
            track = rules.track(AssistanceType(row.assistance_type), Track(row.track))
        else:
            types = session.scalars(select(RequestedItem.assistance_type)
                                    .where(RequestedItem.application_id == app.id)).all()
            found = rules.track_for([AssistanceType(t) for t in types], app.fast_track, emergency)
            if found is None:
                raise NotFound(
                    f"申请 {app.number} 只有转介部门办理的事项，没有审核程序 / "
                    f"Application {app.number} has only items other departments decide; it has no procedure"
                )
            track = found
        steps = list(session.scalars(
            select(ProcedureStep).where(ProcedureStep.application_id == app.id, ProcedureStep.superseded.is_(False))
            .order_by(ProcedureStep.position, ProcedureStep.id)))
        return _Loaded(app, row, pack, rules, track, load_calendar(session), steps)

    def _ensure_row(self, session: Session, loaded: _Loaded, now: datetime) -> ApplicationProcedure:
        if loaded.row is None:
            row = ApplicationProcedure(
                application_id=loaded.app.id, hall_id=loaded.app.hall_id,
                assistance_type=loaded.track.assistance_type.value, track=loaded.track.track.value,
                policy_version=loaded.pack.version, state=ProcedureState.OPEN.value, due_date=loaded.app.due_date,
                extended=False, started_at=now,
            )
            session.add(row)
            loaded.row = row
        return loaded.row

    def _check_version(self, session: Session, app: Application, expected_version: int) -> None:
        if app.version != expected_version:
            raise conflict(app.number, self._user_name(session, app.updated_by_id or app.received_by_id),
                           app.updated_at, app.version)

    @staticmethod
    def _user_name(session: Session, user_id: int | None) -> str:
        if not user_id:
            return "他人"
        return session.scalar(select(User.display_name).where(User.id == user_id)) or "他人"

    def _require_open(self, loaded: _Loaded) -> None:
        if loaded.row is not None and loaded.row.state != ProcedureState.OPEN.value:
            state = ProcedureState(loaded.row.state)
            raise ValidationFailed(
                f"申请 {loaded.app.number} 已{state.zh}，不能再办理 / Application {loaded.app.number} is already "
                f"{state.en.lower()}; nothing more can be done on it"
            )

    def _role_may(self, actor: Actor, roles: frozenset[Role], what_zh: str, what_en: str) -> None:
        if actor.role not in roles:
            allowed = "、".join(r.zh for r in sorted(roles, key=lambda r: r.value))
            raise PermissionDenied(
                f"“{what_zh}”须由{allowed}办理 / “{what_en}” is done by: "
                + ", ".join(r.en.lower() for r in sorted(roles, key=lambda r: r.value))
            )

    def _write(self, actor: Actor, number: str, expected_version: int, work: Any, *,
               emergency: bool = False) -> ProcedureView:
        """Run ``work(session, loaded, now)`` in one transaction with the version check, then the view."""
        require(actor, Permission.PROCEDURE_WORK)
        now = self.clock.now()
        try:
            with self.db.transaction() as session:
                loaded = self._load(session, actor, number, emergency=emergency)
                self._check_version(session, loaded.app, expected_version)
                work(session, loaded, now)
                self._refresh_row(session, loaded, now)
                loaded.app.updated_at = now
                loaded.app.updated_by_id = actor.user_id or None
                session.flush()
        except StaleDataError:
            with self.db.reading() as session:
                app = self._application(session, actor, number)
                raise conflict(app.number, self._user_name(session, app.updated_by_id), app.updated_at,
                               app.version) from None
        return self.view(actor, number)

    def _refresh_row(self, session: Session, loaded: _Loaded, now: datetime) -> None:
        """Keep the procedure row (current step, due dates) and the application's status in line."""
        row = self._ensure_row(session, loaded, now)
        session.flush()
        loaded.steps = list(session.scalars(
            select(ProcedureStep).where(ProcedureStep.application_id == loaded.app.id,
                                        ProcedureStep.superseded.is_(False))
            .order_by(ProcedureStep.position, ProcedureStep.id)))
        current = loaded.plan()
        row.due_date = current.whole_due
        if row.state == ProcedureState.OPEN.value:
            row.current_step = current.current.rule.code if current.current else None
            row.step_due_date = current.current_due
            status = ApplicationStatus.UNDER_REVIEW if loaded.steps else ApplicationStatus.RECEIVED
        else:
            row.current_step = None
            row.step_due_date = None
            status = {ProcedureState.APPROVED.value: ApplicationStatus.APPROVED,
                      ProcedureState.REFUSED.value: ApplicationStatus.REJECTED,
                      ProcedureState.WITHDRAWN.value: ApplicationStatus.WITHDRAWN}[row.state]
            if loaded.app.closed_at is None:
                loaded.app.closed_at = now
        if loaded.app.status != status.value and ApplicationStatus(loaded.app.status).is_open:
            loaded.app.status = status.value

    @staticmethod
    def _event(session: Session, loaded: _Loaded, actor: Actor, action: ProcedureAction, now: datetime,
               step_code: str = "", note: str = "") -> None:
        session.add(ProcedureEvent(application_id=loaded.app.id, at=now, actor_id=actor.user_id or None,
                                   actor_name=actor.display_name, action=action.value, step_code=step_code,
                                   note=note))

    # -- reading ---------------------------------------------------------------------------------
    def view(self, actor: Actor, number: str) -> ProcedureView:
        """The procedure of application ``number`` (办理进度); any desk of the hall, county accounts anywhere."""
        require(actor, Permission.APPLICATION_VIEW)
        with self.db.reading() as session:
            return self._view(session, actor, self._load(session, actor, number))

    def progress(self, actor: Actor, scanned: str) -> ProcedureView:
        """办理进度查询 – the receipt's number, typed or scanned from its QR code (which holds the number)."""
        require(actor, Permission.APPLICATION_VIEW)
        text = scanned.strip()
        if not text:
            raise ValidationFailed("请输入或扫描受理编号 / Type or scan the receipt number")
        return self.view(actor, text.split()[-1])

    def current_step_due(self, actor: Actor, number: str) -> date | None:
        """The due date of the step to take now (None when decided, refused or withdrawn)."""
        return self.view(actor, number).current_due

    def _view(self, session: Session, actor: Actor, loaded: _Loaded) -> ProcedureView:
        app = loaded.app
        today = self.clock.today()
        current_plan = loaded.plan()
        by_code = {s.code: s for s in loaded.steps}
        objections: dict[int, list[Objection]] = {}
        if loaded.steps:
            for o in session.scalars(select(PublicityObjection).where(PublicityObjection.application_id == app.id)
                                     .order_by(PublicityObjection.id)):
                objections.setdefault(o.step_id, []).append(Objection(o.received_on, o.content, o.raised_by))
        views: list[StepView] = []
        english = self.packs.english_names()
        for planned in current_plan.steps:
            stored = by_code.get(planned.rule.code)
            record = json.loads(stored.record) if stored else {}
            views.append(StepView(
                code=planned.rule.code, name=planned.rule.name, kind=planned.rule.kind, state=planned.state,
                roles=planned.rule.roles, due=planned.due, done_on=planned.done_on,
                actor_name=stored.actor_name if stored else "",
                summary=_summary(planned.rule.kind, record) if stored else "", late=planned.late(),
                objections=tuple(objections.get(stored.id, [])) if stored else (),
                duration_days=planned.rule.duration_days,
                summary_en=_summary_en(planned.rule.kind, record, english) if stored else "",
            ))
        row = loaded.row
        state = ProcedureState(row.state) if row else ProcedureState.OPEN
        current = next((v for v in views if v.state is StepState.CURRENT), None) if state is ProcedureState.OPEN else None
        extension_row = session.scalar(select(ProcedureExtension).where(ProcedureExtension.application_id == app.id)
                                       .order_by(ProcedureExtension.id.desc()).limit(1))
        decision_row = session.scalar(select(ProcedureDecision).where(ProcedureDecision.application_id == app.id))
        withdrawal = session.scalar(select(ProcedureWithdrawal).where(ProcedureWithdrawal.application_id == app.id))
        events = session.scalars(select(ProcedureEvent).where(ProcedureEvent.application_id == app.id)
                                 .order_by(ProcedureEvent.id)).all()
        hall = session.get(Hall, app.hall_id)
        extension = None
        if extension_row is not None:
            extension = ExtensionView(
                extension_row.status, extension_row.reason, extension_row.previous_due_date,
                extension_row.new_due_date, extension_row.requested_at,
                self._user_name(session, extension_row.requested_by_id),
                self._user_name(session, extension_row.decided_by_id) if extension_row.decided_by_id else "",
                extension_row.decision_note)
        decision = None
        if decision_row is not None:
            reasons = session.scalars(select(ProcedureRefusalReason)
                                      .where(ProcedureRefusalReason.decision_id == decision_row.id)
                                      .order_by(ProcedureRefusalReason.id)).all()
            decision = DecisionView(
                DecisionOutcome(decision_row.outcome), decision_row.decided_on,
                self._user_name(session, decision_row.decided_by_id), decision_row.amount_fen,
                decision_row.start_month, tuple(RefusalReasonView(r.code, r.name) for r in reasons),
                decision_row.facts, decision_row.note, decision_row.notice_due_date)
        whole = current_plan.whole_due
        overdue = state is ProcedureState.OPEN and current_plan.overdue(today)
        return ProcedureView(
            application_id=app.id, number=app.number, version=app.version, applicant_name=app.applicant_name,
            household_size=app.household_size, category=Category(app.category) if app.category else None,
            hall_code=hall.code if hall else "", hall_name=hall.name if hall else "", received_on=app.received_on,
            promised_due=app.due_date, assistance_type=loaded.track.assistance_type, track=loaded.track.track,
            procedure_name=loaded.track.name, state=state, steps=tuple(views), current=current, whole_due=whole,
            extended=bool(row and row.extended), overdue=overdue, extension=extension, decision=decision,
            withdrawn_on=withdrawal.withdrawn_on if withdrawal else None,
            withdrawal_reason=withdrawal.reason if withdrawal else "",
            events=tuple(EventView(e.at, e.actor_name, ProcedureAction(e.action), e.step_code, e.note) for e in events),
            actions=self._actions(actor, loaded, state, current, extension),
            warning=fallback_warning(current_plan.fallback_years),
        )

    def _actions(self, actor: Actor, loaded: _Loaded, state: ProcedureState, current: StepView | None,
                 extension: ExtensionView | None) -> frozenset[str]:
        from intake_desk.services.permissions import allowed

        if state is not ProcedureState.OPEN or not allowed(actor, Permission.PROCEDURE_WORK):
            return frozenset()
        out: set[str] = set()
        if current is not None and actor.role in current.roles:
            out.add(current.code)
        if loaded.steps:
            out.add("redo")
        if actor.role in loaded.track.decision.roles:
            out.add("refuse")
        if actor.role in loaded.rules.withdrawal_roles:
            out.add("withdraw")
        if loaded.track.extendable and not (loaded.row and loaded.row.extended):
            if extension is None or extension.status == "refused":
                out.add("extension_request")
            elif extension.status == "requested" and actor.role in loaded.rules.extension_roles:
                out.add("extension_decide")
        return frozenset(out)

    # -- steps -----------------------------------------------------------------------------------
    def start(self, actor: Actor, number: str, *, expected_version: int, emergency: bool = False) -> ProcedureView:
        """Open the procedure of an application received before procedures were kept, or put a 临时救助
        application on the emergency track (急难型先行救助) before its first step."""

        def work(session: Session, loaded: _Loaded, now: datetime) -> None:
            self._require_open(loaded)
            if loaded.steps:
                raise ValidationFailed(
                    f"申请 {loaded.app.number} 已开始办理，不能更换程序 / Application {loaded.app.number} has "
                    "steps already; its procedure cannot change"
                )
            if emergency and loaded.track.track is not Track.EMERGENCY:
                raise ValidationFailed(
                    f"“{loaded.track.assistance_type.zh}”没有急难型程序 / "
                    f"{loaded.track.assistance_type.en} has no emergency procedure"
                )
            if loaded.row is not None:
                loaded.row.assistance_type = loaded.track.assistance_type.value
                loaded.row.track = loaded.track.track.value
            self._event(session, loaded, actor, ProcedureAction.OPEN, now, note=loaded.track.name)
            _record(session, actor, "procedure.start", loaded.app.number,
                         {"procedure": loaded.track.key}, at=now)

        return self._write(actor, number, expected_version, work, emergency=emergency)

    def record_step(self, actor: Actor, number: str, code: str, record: Mapping[str, Any], *,
                    expected_version: int, done_on: date | None = None) -> ProcedureView:
        """Record step ``code`` with its record; the step must be the one to take now.

        Records by kind: investigation ``investigators`` (names), ``visit_record``; data_check ``result``
        (consistent | discrepancies), ``note``; publicity ``start``, ``end`` (dates), ``objections``
        (:class:`Objection`); democratic_review / opinion ``conclusion``; advance_relief ``amount_fen``,
        ``note``; decision ``outcome`` approved with ``amount_fen`` and ``start_month`` (first of a month)
        — a refusal goes through :meth:`refuse`.
        """
        on = done_on or self.clock.today()

        def work(session: Session, loaded: _Loaded, now: datetime) -> None:
            self._require_open(loaded)
            try:
                rule = check_order(loaded.track, loaded.done, code)
            except ProcedureError as exc:
                raise _bad(exc) from None
            self._role_may(actor, rule.roles, rule.name, rule.kind.en)
            if on > self.clock.today():
                raise ValidationFailed(f"“{rule.name}”的日期不能晚于今天 / The date of “{rule.name}” cannot be in the future")
            previous = max([s.done_on for s in loaded.steps], default=loaded.app.received_on)
            clean = dict(record)
            if rule.kind is StepKind.DECISION and clean.get("outcome") == DecisionOutcome.REFUSED.value:
                raise ValidationFailed("不予救助请用“不予救助”办理 / Record a refusal with Refuse")
            if rule.kind is StepKind.PUBLICITY:
                clean["objections"] = [o if isinstance(o, Objection) else Objection(**o)
                                       for o in clean.get("objections", [])]
                for objection in clean["objections"]:
                    if not objection.content.strip():
                        raise ValidationFailed("请填写异议内容 / Write what the objection says")
            if rule.kind is StepKind.INVESTIGATION:
                clean["investigators"] = [str(n).strip() for n in clean.get("investigators", []) if str(n).strip()]
            try:
                check_record(loaded.rules, rule, clean, done_on=on, previous_on=previous,
                             received_on=loaded.app.received_on)
            except ProcedureError as exc:
                raise _bad(exc) from None
            due = loaded.plan().current_due
            step = ProcedureStep(application_id=loaded.app.id, position=loaded.track.index(rule.code), code=rule.code,
                                 kind=rule.kind.value, done_on=on, due_date=due, record=json.dumps(
                                     _enc(clean), ensure_ascii=False), actor_id=actor.user_id or None,
                                 actor_name=actor.display_name, recorded_at=now)
            session.add(step)
            session.flush()
            for objection in clean.get("objections", []):
                session.add(PublicityObjection(application_id=loaded.app.id, step_id=step.id,
                                               received_on=objection.received_on, raised_by=objection.raised_by,
                                               content=objection.content.strip()))
            row = self._ensure_row(session, loaded, now)
            if rule.kind is StepKind.DECISION:
                row.state = ProcedureState.APPROVED.value
                row.decided_on = on
                row.closed_at = now
                session.add(ProcedureDecision(
                    application_id=loaded.app.id, outcome=DecisionOutcome.APPROVED.value,
                    amount_fen=clean["amount_fen"], start_month=clean["start_month"], decided_on=on,
                    decided_by_id=actor.user_id or None, note=str(clean.get("note", "")), created_at=now))
            self._event(session, loaded, actor, ProcedureAction.STEP, now, rule.code, _summary(rule.kind, _enc(clean)))
            _record(session, actor, f"procedure.{rule.kind.value}", loaded.app.number,
                         {"step": rule.code, "done_on": on, "due": due, "late": bool(due and on > due),
                          **({"amount_fen": clean["amount_fen"], "start_month": clean["start_month"]}
                             if rule.kind is StepKind.DECISION else {}),
                          **({"objections": len(clean["objections"])} if rule.kind is StepKind.PUBLICITY else {})},
                         at=now)

        return self._write(actor, number, expected_version, work)

    def decide(self, actor: Actor, number: str, *, amount_fen: int, start_month: date, expected_version: int,
               decided_on: date | None = None, note: str = "") -> ProcedureView:
        """审核确认：予以救助 – the monthly amount (fen) and the first month paid."""
        view = self.view(actor, number)
        decision = next((s for s in view.steps if s.kind is StepKind.DECISION), None)
        code = decision.code if decision else "decision"
        return self.record_step(actor, number, code, {"outcome": DecisionOutcome.APPROVED.value,
                                                      "amount_fen": amount_fen, "start_month": start_month,
                                                      "note": note},
                                expected_version=expected_version, done_on=decided_on)

    def redo(self, actor: Actor, number: str, code: str, reason: str, *, expected_version: int) -> ProcedureView:
        """重做 – step ``code`` and every step after it are to be taken again; the old records are kept."""

        def work(session: Session, loaded: _Loaded, now: datetime) -> None:
            self._require_open(loaded)
            if not reason.strip():
                raise ValidationFailed("重做须写明理由 / Redoing a step needs a reason")
            try:
                rule = loaded.track.step(code)
            except ProcedureError as exc:
                raise _bad(exc) from None
            self._role_may(actor, rule.roles, rule.name, rule.kind.en)
            target = next((s for s in loaded.steps if s.code == code), None)
            if target is None:
                raise ValidationFailed(f"“{rule.name}”尚未完成，无需重做 / “{rule.name}” is not done yet; nothing to redo")
            redone = [s for s in loaded.steps if s.position >= target.position]
            for step in redone:
                step.superseded = True
                step.superseded_reason = reason.strip()
            self._event(session, loaded, actor, ProcedureAction.REDO, now, code, reason.strip())
            _record(session, actor, "procedure.redo", loaded.app.number,
                         {"step": code, "reason": reason.strip(), "reopened": [s.code for s in redone]}, at=now)

        return self._write(actor, number, expected_version, work)

    # -- extension -------------------------------------------------------------------------------
    def request_extension(self, actor: Actor, number: str, reason: str, *, expected_version: int) -> ProcedureView:
        """延期申请 – before the whole limit passes, with a reason; a supervisor approves it."""

        def work(session: Session, loaded: _Loaded, now: datetime) -> None:
            self._require_open(loaded)
            whole = loaded.plan().whole_due
            pending = session.scalar(select(ProcedureExtension).where(
                ProcedureExtension.application_id == loaded.app.id, ProcedureExtension.status == "requested"))
            if pending is not None:
                raise ValidationFailed("已有待批准的延期申请 / An extension is already waiting for approval")
            try:
                check_extension_request(loaded.track, today=self.clock.today(), whole_due=whole,
                                        already_extended=bool(loaded.row and loaded.row.extended), reason=reason)
                new_due = extension_due_date(loaded.track, loaded.calendar, loaded.app.received_on)
            except ProcedureError as exc:
                raise _bad(exc) from None
            session.add(ProcedureExtension(
                application_id=loaded.app.id, reason=reason.strip(), previous_due_date=whole, new_due_date=new_due,
                status="requested", requested_at=now, requested_by_id=actor.user_id or None))
            self._event(session, loaded, actor, ProcedureAction.EXTENSION_REQUEST, now, note=reason.strip())
            _record(session, actor, "procedure.extension_request", loaded.app.number,
                         {"reason": reason.strip(), "due": whole, "new_due": new_due}, at=now)

        return self._write(actor, number, expected_version, work)

    def decide_extension(self, actor: Actor, number: str, *, approve: bool, expected_version: int,
                         note: str = "") -> ProcedureView:
        """批准或不批准延期 (the pack's extension roles: supervisors)."""

        def work(session: Session, loaded: _Loaded, now: datetime) -> None:
            self._require_open(loaded)
            self._role_may(actor, loaded.rules.extension_roles, "批准延期", "Approving an extension")
            pending = session.scalar(select(ProcedureExtension).where(
                ProcedureExtension.application_id == loaded.app.id, ProcedureExtension.status == "requested"))
            if pending is None:
                raise ValidationFailed("没有待批准的延期申请 / No extension is waiting for approval")
            if not approve and not note.strip():
                raise ValidationFailed("不批准延期须写明理由 / Refusing an extension needs a reason")
            pending.status = "approved" if approve else "refused"
            pending.decided_at = now
            pending.decided_by_id = actor.user_id or None
            pending.decision_note = note.strip()
            if approve:
                self._ensure_row(session, loaded, now).extended = True
            action = ProcedureAction.EXTENSION_APPROVE if approve else ProcedureAction.EXTENSION_REFUSE
            self._event(session, loaded, actor, action, now, note=note.strip() or pending.reason)
            _record(session, actor, f"procedure.{action.value}", loaded.app.number,
                         {"new_due": pending.new_due_date if approve else None, "note": note.strip()}, at=now)

        return self._write(actor, number, expected_version, work)

    # -- refusal, withdrawal ---------------------------------------------------------------------
    def refuse(self, actor: Actor, number: str, *, reasons: Sequence[str], facts: str, expected_version: int,
               decided_on: date | None = None, note: str = "") -> ProcedureView:
        """不予救助 – reasons from the pack's list and the facts they rest on; the 不予救助告知书 is due
        within the pack's refusal_notice_days working days."""
        on = decided_on or self.clock.today()

        def work(session: Session, loaded: _Loaded, now: datetime) -> None:
            self._require_open(loaded)
            decision = loaded.track.decision
            self._role_may(actor, decision.roles, "不予救助", "Refusing")
            try:
                check_refusal(loaded.rules, reasons, facts)
            except ProcedureError as exc:
                raise _bad(exc) from None
            previous = max([s.done_on for s in loaded.steps], default=loaded.app.received_on)
            if on < previous or on > self.clock.today():
                raise ValidationFailed(
                    f"决定日期应在 {previous:%Y-%m-%d} 至今天之间 / The decision date must be between "
                    f"{previous:%Y-%m-%d} and today")
            row = self._ensure_row(session, loaded, now)
            row.state = ProcedureState.REFUSED.value
            row.decided_on = on
            row.closed_at = now
            notice_due = loaded.calendar.add_working_days(on, loaded.rules.refusal_notice_days)
            record = ProcedureDecision(application_id=loaded.app.id, outcome=DecisionOutcome.REFUSED.value,
                                       decided_on=on, decided_by_id=actor.user_id or None, facts=facts.strip(),
                                       note=note.strip(), notice_due_date=notice_due, created_at=now)
            session.add(record)
            session.flush()
            names = []
            for code in dict.fromkeys(reasons):
                reason = loaded.rules.refusal_reason(code)
                names.append(reason.name)
                session.add(ProcedureRefusalReason(decision_id=record.id, code=reason.code, name=reason.name))
            self._event(session, loaded, actor, ProcedureAction.REFUSE, now, decision.code, "；".join(names))
            _record(session, actor, "procedure.refuse", loaded.app.number,
                         {"reasons": list(dict.fromkeys(reasons)), "decided_on": on, "notice_due": notice_due},
                         at=now)

        return self._write(actor, number, expected_version, work)

    def withdraw(self, actor: Actor, number: str, reason: str, *, expected_version: int,
                 withdrawn_on: date | None = None) -> ProcedureView:
        """撤回 – the applicant withdraws the application (a step of its own, with the reason)."""
        on = withdrawn_on or self.clock.today()

        def work(session: Session, loaded: _Loaded, now: datetime) -> None:
            self._require_open(loaded)
            self._role_may(actor, loaded.rules.withdrawal_roles, "撤回申请", "Withdrawing")
            if not reason.strip():
                raise ValidationFailed("撤回须写明理由 / A withdrawal needs a reason")
            if on < loaded.app.received_on or on > self.clock.today():
                raise ValidationFailed("撤回日期应在受理日至今天之间 / The withdrawal date must be between receipt and today")
            row = self._ensure_row(session, loaded, now)
            row.state = ProcedureState.WITHDRAWN.value
            row.closed_at = now
            session.add(ProcedureWithdrawal(application_id=loaded.app.id, withdrawn_on=on, reason=reason.strip(),
                                            recorded_by_id=actor.user_id or None, recorded_at=now))
            self._event(session, loaded, actor, ProcedureAction.WITHDRAW, now, note=reason.strip())
            _record(session, actor, "procedure.withdraw", loaded.app.number,
                         {"reason": reason.strip(), "withdrawn_on": on}, at=now)

        return self._write(actor, number, expected_version, work)

    def refusal_reasons(self, actor: Actor) -> tuple[tuple[str, str], ...]:
        """The pack's refusal reasons (code, wording) for the refusal form."""
        require(actor, Permission.APPLICATION_VIEW)
        rules = self.packs.pack_for(self.clock.today()).procedures
        return tuple((r.code, r.name) for r in rules.refusal_reasons) if rules else ()
