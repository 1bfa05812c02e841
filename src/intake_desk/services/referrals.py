"""转介跟踪 – referrals followed from the desk to the department's result (协同办理).

Every change of a referral goes through here: the life cycle of ``policy.referral_states`` is
enforced, the caller's role and department are checked, and each step is written as a referral
event (actor, time, note) and an audit event in the same transaction.

Who may do what:

* clerks (窗口受理员) confirm, send and resubmit referrals, dismiss a proposal, and record a
  department's reply that came on paper (纸质回复);
* department officers (部门经办人) receive, work, complete, decline and return the referrals of
  their own department only;
* supervisors (窗口负责人) do everything, including cancelling and reassigning to another
  department or officer.

Functions taking a ``Session`` (:func:`open_referral`, :func:`apply_action`) are for other services
that create or move referrals inside their own transaction (intake submission, demo data).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from intake_desk.domain.enums import ReferralStatus, Role
from intake_desk.domain.masking import mask_phone, mask_resident_id
from intake_desk.policy.referral_states import (
    RULES,
    ReferralAction,
    Side,
    TransitionRefused,
    actions_from,
    next_status,
    status_after_department_change,
)
from intake_desk.services import audit, scope
from intake_desk.services.actor import Actor
from intake_desk.services.calendar_service import load_calendar
from intake_desk.services.clock import Clock, local
from intake_desk.services.errors import (
    ConflictError,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from intake_desk.services.permissions import Permission, allowed, require
from intake_desk.store.db import Database
from intake_desk.store.models import (
    Application,
    Department,
    Hall,
    Person,
    Referral,
    ReferralEvent,
    User,
)

__all__ = [
    "PAPER_REPLY",
    "REASSIGN",
    "BulkResult",
    "ReferralDetail",
    "ReferralEventView",
    "ReferralService",
    "apply_action",
    "load_calendar",
    "may_act",
    "may_view",
    "open_referral",
    "referral_number",
]

REASSIGN = "reassign"
"""The event action of a change of department or officer (no life-cycle step)."""
CREATE = "create"
PAPER_REPLY = "纸质回复"
MAX_NOTE = 2000


# ------------------------------------------------------------------------------------------ results

@dataclass(frozen=True)
class ReferralEventView:
    """One step of a referral's timeline."""

    id: int
    at: datetime
    actor_name: str
    action: str  # a ReferralAction value, "create" or "reassign"
    from_status: ReferralStatus | None
    to_status: ReferralStatus
    note: str

    @property
    def action_label(self) -> str:
        return self.action_in("zh")

    def action_in(self, language: str) -> str:
        """What happened, in ``language`` (``zh`` or ``en``)."""
        zh = language.startswith("zh")
        if self.action == CREATE or self.from_status is None:
            return "创建转介" if zh else "Referral created"
        if self.action == REASSIGN:
            return "改派" if zh else "Reassigned"
        if self.action in _URGING_LABELS:
            return _URGING_LABELS[self.action][0 if zh else 1]
        try:
            return ReferralAction(self.action).label(language)
        except ValueError:
            return self.to_status.label(language)


_URGING_LABELS = {"urge": ("催办", "Urged"), "escalate": ("督办", "Escalated"),
                  "urging_notice": ("打印催办通知书", "Urging notice printed")}
"""Timeline steps the urging ladder adds (services/urging.py); the status does not change."""


@dataclass(frozen=True)
class ReferralDetail:
    """A referral with everything a desk or department needs to act on it (ID number masked)."""

    id: int
    number: str
    version: int
    status: ReferralStatus
    application_id: int
    application_number: str
    applicant_name: str
    applicant_id_masked: str
    applicant_phone_masked: str
    member_names: str
    department_code: str
    department_name: str
    department_requires_consent: bool
    hall_code: str
    hall_name: str
    rule: str
    reason: str
    facts: tuple[str, ...]
    consent_given: bool
    due_date: date
    overdue: bool
    created_at: datetime
    created_by_name: str
    sent_at: datetime | None
    finished_at: datetime | None
    outcome: str
    assigned_to_id: int | None
    assigned_to_name: str
    updated_at: datetime
    updated_by_name: str
    events: tuple[ReferralEventView, ...]
    actions: tuple[ReferralAction, ...]
    """What the caller may do now (the window shows exactly these buttons)."""
    can_reassign: bool
    paper_reply: bool
    """True when the caller's department actions are recorded as a reply that came on paper."""


@dataclass(frozen=True)
class BulkResult:
    """The outcome of an action on a selection: what was done and what was refused, with why."""

    done: tuple[int, ...]
    refused: tuple[tuple[int, str, str], ...]  # (id, number, one-sentence reason)

    @property
    def summary(self) -> str:
        text = f"已处理 {len(self.done)} 条"
        text_en = f"{len(self.done)} done"
        if self.refused:
            text += f"，{len(self.refused)} 条未处理"
            text_en += f", {len(self.refused)} refused"
        return f"{text} / {text_en}"


@dataclass(frozen=True)
class OfficerInfo:
    id: int
    username: str
    display_name: str
    department_code: str


# ------------------------------------------------------------------------------------------ helpers

def referral_number(application_number: str, department_code: str, taken: Iterable[str] = ()) -> str:
    """``<receipt number>-<DEPARTMENT>`` (as the intake numbers them), ``-2``, ``-3`` … for a further one."""
    base = f"{application_number}-{department_code.upper()}"
    used = set(taken)
    if base not in used:
        return base
    n = 2
    while f"{base}-{n}" in used:
        n += 1
    return f"{base}-{n}"


def may_view(actor: Actor, department_id: int) -> bool:
    if allowed(actor, Permission.REFERRAL_VIEW_ALL):
        return True
    return allowed(actor, Permission.REFERRAL_VIEW_OWN_DEPARTMENT) and actor.department_id == department_id


def _acts_on_paper(actor: Actor) -> bool:
    """A desk role that records department steps from a paper reply (it has no department login)."""
    return not allowed(actor, Permission.REFERRAL_WORK) and allowed(actor, Permission.REFERRAL_RECORD_REPLY)


def _permission_problem(actor: Actor, action: ReferralAction, status: ReferralStatus,
                        department_id: int) -> str | None:
    """Why ``actor`` may not take ``action`` on a referral of ``department_id`` (None when allowed)."""
    rule = RULES[action]
    who = f"“{actor.role.zh}”角色"
    who_en = f"The {actor.role.en} role"
    if rule.side is Side.DEPARTMENT:
        if actor.role is Role.DEPARTMENT:
            if not allowed(actor, Permission.REFERRAL_WORK):
                return f"{who}无权{action.zh} / {who_en} may not {action.en.lower()} referrals"
            if actor.department_id != department_id:
                return ("只能办理本部门的转介 / A department officer may act only on referrals to "
                        "their own department")
            return None
        if allowed(actor, Permission.REFERRAL_WORK) or allowed(actor, Permission.REFERRAL_RECORD_REPLY):
            return None
        return f"{who}无权{action.zh} / {who_en} may not {action.en.lower()} referrals"
    # The desk's side.
    if action is ReferralAction.CANCEL:
        if allowed(actor, Permission.REFERRAL_CANCEL):
            return None
        if status is ReferralStatus.PROPOSED and allowed(actor, Permission.REFERRAL_SEND):
            return None  # dismissing a routing proposal at the desk
        return (f"{who}无权取消已确认的转介，请联系窗口负责人 / {who_en} may not cancel a confirmed "
                f"referral; ask the supervisor")
    if allowed(actor, Permission.REFERRAL_SEND):
        return None
    return f"{who}无权{action.zh} / {who_en} may not {action.en.lower()} referrals"


def may_act(actor: Actor, action: ReferralAction, status: ReferralStatus, department_id: int) -> bool:
    return _permission_problem(actor, action, status, department_id) is None


def _allowed_actions(actor: Actor, status: ReferralStatus, department_id: int) -> tuple[ReferralAction, ...]:
    return tuple(a for a in actions_from(status) if may_act(actor, a, status, department_id))


def _clean_note(note: str) -> str:
    text = note.strip()
    if len(text) > MAX_NOTE:
        raise ValidationFailed(f"说明过长（最多 {MAX_NOTE} 字） / The note is too long (at most {MAX_NOTE} characters)",
                               {"note": "too long"})
    return text


def _add_event(session: Session, actor: Actor, referral: Referral, action: str,
               from_status: ReferralStatus | None, to_status: ReferralStatus, note: str, at: datetime) -> None:
    session.add(ReferralEvent(referral_id=referral.id, at=at, actor_id=actor.user_id or None,
                              actor_name=actor.display_name, action=action,
                              from_status=from_status.value if from_status else None,
                              to_status=to_status.value, note=note))


def open_referral(session: Session, actor: Actor, *, application: Application, department: Department,
                  reason: str, due_date: date, at: datetime, rule: str = "", facts: Sequence[str] = (),
                  member_names: str = "", consent_given: bool = False,
                  status: ReferralStatus = ReferralStatus.PROPOSED, note: str = "") -> Referral:
    """Create a referral inside the caller's transaction: ``proposed`` (routing) or ``pending`` (confirmed).

    Writes the first event and an audit event. A department that needs consent (charity) cannot
    get a confirmed referral without it.
    """
    if status not in (ReferralStatus.PROPOSED, ReferralStatus.PENDING):
        raise InvalidTransition(f"新转介只能是“建议转介”或“待发送” / A new referral is proposed or pending, "
                                f"not {status.en.lower()}")
    if status is ReferralStatus.PENDING:
        problem = _permission_problem(actor, ReferralAction.CONFIRM, ReferralStatus.PROPOSED, department.id)
        if problem:
            raise PermissionDenied(problem)
        _check_consent(department, consent_given)
    taken = session.scalars(select(Referral.number).where(Referral.application_id == application.id)).all()
    referral = Referral(
        number=referral_number(application.number, department.code, taken), application_id=application.id,
        hall_id=application.hall_id, department_id=department.id, status=status.value, rule=rule,
        reason=reason, facts=json.dumps(list(facts), ensure_ascii=False), member_names=member_names,
        applicant_name=application.applicant_name, applicant_initials=application.applicant_initials,
        consent_given=consent_given, consent_at=at if consent_given else None, due_date=due_date,
        created_at=at, created_by_id=actor.user_id or application.received_by_id, updated_at=at,
        updated_by_id=actor.user_id or None,
    )
    session.add(referral)
    session.flush()
    _add_event(session, actor, referral, CREATE, None, status, note or reason, at)
    audit.record(session, actor, "referral.create", "referral", referral.number,
                 {"application": application.number, "department": department.code, "status": status.value,
                  "due_date": due_date, "rule": rule, "consent": consent_given}, at=at)
    return referral


def _check_consent(department: Department, consent_given: bool) -> None:
    if department.requires_consent and not consent_given:
        raise ValidationFailed(
            f"向{department.name}转介须经申请人单独同意，请先记录同意 / A referral to {department.name} needs "
            f"the applicant's separate consent; record it first", {"consent_given": "required"})


def apply_action(session: Session, actor: Actor, referral: Referral, action: ReferralAction, note: str = "",
                 *, at: datetime, consent_given: bool | None = None, paper_reply_on: date | None = None) -> None:
    """Move ``referral`` by ``action`` inside the caller's transaction (permission, life cycle, events).

    Raises :class:`PermissionDenied`, :class:`InvalidTransition` or :class:`ValidationFailed`.
    """
    current = ReferralStatus(referral.status)
    problem = _permission_problem(actor, action, current, referral.department_id)
    if problem:
        raise PermissionDenied(problem)
    note = _clean_note(note)
    try:
        target = next_status(current, action, note)
    except TransitionRefused as exc:
        raise InvalidTransition(f"转介 {referral.number}：{exc}") from exc
    if action is ReferralAction.CONFIRM:
        department = session.get(Department, referral.department_id)
        assert department is not None
        consent = referral.consent_given if consent_given is None else consent_given
        _check_consent(department, consent)
        if consent and not referral.consent_given:
            referral.consent_given = True
            referral.consent_at = at
    paper = RULES[action].side is Side.DEPARTMENT and _acts_on_paper(actor)
    if paper:
        day = paper_reply_on or local(at).date()
        note = f"{PAPER_REPLY}（{day:%Y-%m-%d}）" + (f"：{note}" if note else "")
    referral.status = target.value
    referral.updated_at = at
    referral.updated_by_id = actor.user_id or None
    if action is ReferralAction.SEND:
        referral.sent_at = at
    elif action is ReferralAction.RECEIVE and actor.role is Role.DEPARTMENT and referral.assigned_to_id is None:
        referral.assigned_to_id = actor.user_id
    elif action is ReferralAction.RESUBMIT:
        referral.outcome = ""
    if target.is_final:
        referral.finished_at = at
        referral.outcome = note
    elif action is ReferralAction.RETURN:
        referral.outcome = note  # what the department asks for, shown at the desk until resubmitted
    _add_event(session, actor, referral, action.value, current, target, note, at)
    audit.record(session, actor, f"referral.{action.value}", "referral", referral.number,
                 {"status": [current.value, target.value], "note": note, "version": referral.version}, at=at)


# ------------------------------------------------------------------------------------------ service

class ReferralService:
    """Referral life cycle, reassignment and the timeline; each call is one transaction."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    # -- reading -----------------------------------------------------------------------------------
    def get(self, actor: Actor, referral_id: int) -> ReferralDetail:
        with self.db.reading() as session:
            referral = self._visible(session, actor, referral_id)
            return self._detail(session, actor, referral)

    def timeline(self, actor: Actor, referral_id: int) -> list[ReferralEventView]:
        with self.db.reading() as session:
            self._visible(session, actor, referral_id)
            return self._events(session, referral_id)

    def officers(self, actor: Actor, department_code: str | None = None) -> list[OfficerInfo]:
        """Active department officers (of one department), for the reassign dialog."""
        if not (allowed(actor, Permission.REFERRAL_REASSIGN) or actor.role is Role.DEPARTMENT):
            raise PermissionDenied("无权查看部门经办人 / You may not list department officers")
        with self.db.reading() as session:
            query = (select(User, Department.code).join(Department, User.department_id == Department.id)
                     .where(User.role == Role.DEPARTMENT.value, User.active).order_by(Department.code, User.username))
            if department_code:
                query = query.where(Department.code == department_code)
            if actor.role is Role.DEPARTMENT:
                query = query.where(User.department_id == actor.department_id)
            if actor.hall_id is not None:  # the hall's own officers and the county's
                query = query.where(or_(User.hall_id == actor.hall_id, User.hall_id.is_(None)))
            return [OfficerInfo(u.id, u.username, u.display_name, code) for u, code in session.execute(query)]

    def reveal_id(self, actor: Actor, referral_id: int) -> str:
        """The applicant's full resident ID number; every reveal is audited (PIPL)."""
        require(actor, Permission.REVEAL_ID)
        now = self.clock.now()
        with self.db.transaction() as session:
            referral = self._visible(session, actor, referral_id)
            application = session.get(Application, referral.application_id)
            assert application is not None
            person = session.get(Person, application.applicant_id)
            assert person is not None
            audit.record(session, actor, "person.reveal_id", "referral", referral.number,
                         {"person": mask_resident_id(person.resident_id)}, at=now)
            return person.resident_id

    # -- life cycle --------------------------------------------------------------------------------
    def act(self, actor: Actor, referral_id: int, action: ReferralAction, note: str = "", *,
            expected_version: int | None = None, consent_given: bool | None = None,
            paper_reply_on: date | None = None) -> ReferralDetail:
        """Take one step of the life cycle; a stale ``expected_version`` raises :class:`ConflictError`."""
        now = self.clock.now()
        with self._conflicts(referral_id), self.db.transaction() as session:
            referral = self._for_update(session, actor, referral_id, expected_version)
            apply_action(session, actor, referral, action, note, at=now, consent_given=consent_given,
                         paper_reply_on=paper_reply_on)
            session.flush()
            return self._detail(session, actor, referral)

    def confirm(self, actor: Actor, referral_id: int, *, consent_given: bool | None = None, note: str = "",
                expected_version: int | None = None) -> ReferralDetail:
        return self.act(actor, referral_id, ReferralAction.CONFIRM, note, expected_version=expected_version,
                        consent_given=consent_given)

    def send(self, actor: Actor, referral_id: int, note: str = "", *,
             expected_version: int | None = None) -> ReferralDetail:
        return self.act(actor, referral_id, ReferralAction.SEND, note, expected_version=expected_version)

    def receive(self, actor: Actor, referral_id: int, note: str = "", *,
                expected_version: int | None = None) -> ReferralDetail:
        return self.act(actor, referral_id, ReferralAction.RECEIVE, note, expected_version=expected_version)

    def start(self, actor: Actor, referral_id: int, note: str = "", *,
              expected_version: int | None = None) -> ReferralDetail:
        return self.act(actor, referral_id, ReferralAction.START, note, expected_version=expected_version)

    def complete(self, actor: Actor, referral_id: int, outcome: str, *,
                 expected_version: int | None = None) -> ReferralDetail:
        return self.act(actor, referral_id, ReferralAction.COMPLETE, outcome, expected_version=expected_version)

    def decline(self, actor: Actor, referral_id: int, reason: str, *,
                expected_version: int | None = None) -> ReferralDetail:
        return self.act(actor, referral_id, ReferralAction.DECLINE, reason, expected_version=expected_version)

    def return_for_more(self, actor: Actor, referral_id: int, note: str, *,
                        expected_version: int | None = None) -> ReferralDetail:
        return self.act(actor, referral_id, ReferralAction.RETURN, note, expected_version=expected_version)

    def resubmit(self, actor: Actor, referral_id: int, note: str = "", *,
                 expected_version: int | None = None) -> ReferralDetail:
        return self.act(actor, referral_id, ReferralAction.RESUBMIT, note, expected_version=expected_version)

    def cancel(self, actor: Actor, referral_id: int, reason: str, *,
               expected_version: int | None = None) -> ReferralDetail:
        return self.act(actor, referral_id, ReferralAction.CANCEL, reason, expected_version=expected_version)

    def record_paper_reply(self, actor: Actor, referral_id: int, result: ReferralAction, text: str, *,
                           replied_on: date, expected_version: int | None = None) -> ReferralDetail:
        """纸质回复 – the department answered on paper: the desk records it in one step.

        ``result`` is COMPLETE, DECLINE or RETURN; the steps the department took on paper before it
        (receive, start work) are recorded first, each as its own event marked as a paper reply.
        """
        require(actor, Permission.REFERRAL_RECORD_REPLY)
        if result not in (ReferralAction.COMPLETE, ReferralAction.DECLINE, ReferralAction.RETURN):
            raise ValidationFailed("纸质回复的结果应为办结、不予受理或退回补充 / A paper reply completes, declines "
                                   "or returns a referral", {"result": "invalid"})
        if replied_on > self.clock.today():
            raise ValidationFailed("回复日期不能晚于今天 / The reply date cannot be in the future",
                                   {"replied_on": "future"})
        now = self.clock.now()
        with self._conflicts(referral_id), self.db.transaction() as session:
            referral = self._for_update(session, actor, referral_id, expected_version)
            path = {
                ReferralStatus.SENT: [ReferralAction.RECEIVE],
                ReferralStatus.RECEIVED: [],
                ReferralStatus.IN_PROGRESS: [],
            }.get(ReferralStatus(referral.status))
            if path is None:
                status = ReferralStatus(referral.status)
                raise InvalidTransition(
                    f"转介 {referral.number} 为“{status.zh}”，不能登记部门回复 / Referral {referral.number} is "
                    f"{status.en.lower()}; a department reply cannot be recorded now")
            if result is ReferralAction.COMPLETE and ReferralStatus(referral.status) is not ReferralStatus.IN_PROGRESS:
                path.append(ReferralAction.START)
            for step in [*path, result]:
                apply_action(session, actor, referral, step, text if step is result else "", at=now,
                             paper_reply_on=replied_on)
            session.flush()
            return self._detail(session, actor, referral)

    # -- reassignment ------------------------------------------------------------------------------
    def reassign(self, actor: Actor, referral_id: int, *, department_code: str | None = None,
                 officer_id: int | None = None, note: str = "",
                 expected_version: int | None = None) -> ReferralDetail:
        """改派 – move a referral to another department and/or officer (supervisors)."""
        require(actor, Permission.REFERRAL_REASSIGN)
        now = self.clock.now()
        with self._conflicts(referral_id), self.db.transaction() as session:
            referral = self._for_update(session, actor, referral_id, expected_version)
            target, officer = self._reassign_target(session, department_code, officer_id)
            self._reassign(session, actor, referral, target, officer, _clean_note(note), now)
            session.flush()
            return self._detail(session, actor, referral)

    def bulk_send(self, actor: Actor, referral_ids: Iterable[int], note: str = "") -> BulkResult:
        """Mark a selection as sent (one transaction); what cannot be sent is listed with why."""
        require(actor, Permission.REFERRAL_SEND)
        now = self.clock.now()
        done: list[int] = []
        refused: list[tuple[int, str, str]] = []
        with self.db.transaction() as session:
            for referral in self._many(session, actor, referral_ids):
                try:
                    apply_action(session, actor, referral, ReferralAction.SEND, note, at=now)
                except (InvalidTransition, PermissionDenied, ValidationFailed) as exc:
                    refused.append((referral.id, referral.number, exc.message))
                else:
                    done.append(referral.id)
            audit.record(session, actor, "referral.bulk_send", "referral", "",
                         {"done": len(done), "refused": len(refused)}, at=now)
        return BulkResult(tuple(done), tuple(refused))

    def bulk_reassign(self, actor: Actor, referral_ids: Iterable[int], *, department_code: str | None = None,
                      officer_id: int | None = None, note: str = "") -> BulkResult:
        require(actor, Permission.REFERRAL_REASSIGN)
        now = self.clock.now()
        note = _clean_note(note)
        done: list[int] = []
        refused: list[tuple[int, str, str]] = []
        with self.db.transaction() as session:
            target, officer = self._reassign_target(session, department_code, officer_id)
            for referral in self._many(session, actor, referral_ids):
                try:
                    self._reassign(session, actor, referral, target, officer, note, now)
                except (InvalidTransition, ValidationFailed) as exc:
                    refused.append((referral.id, referral.number, exc.message))
                else:
                    done.append(referral.id)
            audit.record(session, actor, "referral.bulk_reassign", "referral", "",
                         {"done": len(done), "refused": len(refused),
                          "department": target.code if target else None,
                          "officer": officer.username if officer else None}, at=now)
        return BulkResult(tuple(done), tuple(refused))

    def _reassign_target(self, session: Session, department_code: str | None,
                         officer_id: int | None) -> tuple[Department | None, User | None]:
        if not department_code and officer_id is None:
            raise ValidationFailed("请选择新的部门或经办人 / Choose the new department or officer",
                                   {"department": "required"})
        department = None
        if department_code:
            department = session.scalar(select(Department).where(Department.code == department_code))
            if department is None or not department.active:
                raise NotFound(f"没有代码为 {department_code} 的部门 / No department has the code {department_code}")
        officer = None
        if officer_id is not None:
            officer = session.get(User, officer_id)
            if officer is None or not officer.active or officer.role != Role.DEPARTMENT.value:
                raise ValidationFailed("所选经办人不是在用的部门经办人 / The chosen officer is not an active "
                                       "department officer", {"officer": "invalid"})
            if department is not None and officer.department_id != department.id:
                raise ValidationFailed("经办人不属于所选部门 / The officer does not belong to the chosen department",
                                       {"officer": "other department"})
        return department, officer

    def _reassign(self, session: Session, actor: Actor, referral: Referral, department: Department | None,
                  officer: User | None, note: str, at: datetime) -> None:
        current = ReferralStatus(referral.status)
        new_department_id = department.id if department is not None else referral.department_id
        if officer is not None and officer.department_id != new_department_id:
            raise ValidationFailed(f"转介 {referral.number}：经办人不属于该转介的部门 / Referral {referral.number}: "
                                   f"the officer belongs to another department", {"officer": "other department"})
        try:
            moved = status_after_department_change(current)  # refuses a finished referral
        except TransitionRefused as exc:
            raise InvalidTransition(f"转介 {referral.number}：{exc}") from exc
        target = moved if new_department_id != referral.department_id else current
        before = {"department": referral.department_id, "assigned_to": referral.assigned_to_id,
                  "status": current.value}
        if department is not None and department.id != referral.department_id:
            _check_consent(department, referral.consent_given or current is ReferralStatus.PROPOSED)
            referral.department_id = department.id
            referral.assigned_to_id = None
        if officer is not None:
            referral.assigned_to_id = officer.id
        referral.status = target.value
        referral.updated_at = at
        referral.updated_by_id = actor.user_id or None
        after = {"department": referral.department_id, "assigned_to": referral.assigned_to_id,
                 "status": target.value}
        if before == after:
            raise ValidationFailed(f"转介 {referral.number} 已是该部门和经办人 / Referral {referral.number} "
                                   f"already has this department and officer", {"department": "unchanged"})
        parts = []
        if department is not None and before["department"] != after["department"]:
            parts.append(f"改派至{department.name}")
        if officer is not None:
            parts.append(f"指派给{officer.display_name}")
        text = "；".join(parts) + (f"：{note}" if note else "")
        _add_event(session, actor, referral, REASSIGN, current, target, text, at)
        audit.record(session, actor, "referral.reassign", "referral", referral.number,
                     audit.changes(before, after) | {"note": note}, at=at)

    # -- internals ---------------------------------------------------------------------------------
    def _visible(self, session: Session, actor: Actor, referral_id: int) -> Referral:
        referral = session.get(Referral, referral_id)
        if referral is None:
            raise NotFound(f"没有编号为 {referral_id} 的转介 / No referral has the id {referral_id}")
        if not may_view(actor, referral.department_id):
            raise PermissionDenied("只能查看本部门的转介 / You may see only your own department's referrals")
        scope.require_referral(actor, referral.hall_id, referral.department_id, referral_id)
        return referral

    def _for_update(self, session: Session, actor: Actor, referral_id: int,
                    expected_version: int | None) -> Referral:
        referral = session.execute(
            select(Referral).where(Referral.id == referral_id).with_for_update()
        ).scalar_one_or_none()
        if referral is None:
            raise NotFound(f"没有编号为 {referral_id} 的转介 / No referral has the id {referral_id}")
        if not may_view(actor, referral.department_id):
            raise PermissionDenied("只能办理本部门的转介 / You may act only on your own department's referrals")
        scope.require_referral(actor, referral.hall_id, referral.department_id, referral_id)
        if expected_version is not None and referral.version != expected_version:
            raise self._conflict(session, referral)
        return referral

    def _conflict(self, session: Session, referral: Referral) -> ConflictError:
        user = session.get(User, referral.updated_by_id) if referral.updated_by_id else None
        name = user.display_name if user else "其他用户"
        when = local(referral.updated_at).strftime("%m-%d %H:%M")
        return ConflictError(
            f"转介 {referral.number} 已被{name}于 {when} 修改（现为“{ReferralStatus(referral.status).zh}”），"
            f"请刷新后重试 / Referral {referral.number} was changed by {user.display_name if user else 'another user'}"
            f" at {when}; reload it and try again",
            changed_by=name, current_version=referral.version)

    @contextmanager
    def _conflicts(self, referral_id: int) -> Iterator[None]:
        """Turns a concurrent save (the version column's ``StaleDataError``) into a :class:`ConflictError`."""
        try:
            yield
        except StaleDataError as exc:
            with self.db.reading() as session:
                referral = session.get(Referral, referral_id)
                if referral is not None:
                    raise self._conflict(session, referral) from exc
            raise ConflictError("转介已被其他用户修改，请刷新后重试 / The referral was changed by another "
                                "user; reload it and try again") from exc

    def _many(self, session: Session, actor: Actor, referral_ids: Iterable[int]) -> list[Referral]:
        """The selected referrals, locked; one outside the actor's scope is refused as not found."""
        ids = sorted(set(referral_ids))
        if not ids:
            raise ValidationFailed("未选择任何转介 / No referral is selected", {"selection": "empty"})
        rows: list[Referral] = []
        for start in range(0, len(ids), 500):
            rows.extend(session.scalars(select(Referral).where(Referral.id.in_(ids[start:start + 500]))
                                        .order_by(Referral.id).with_for_update()))
        for referral in rows:
            scope.require_referral(actor, referral.hall_id, referral.department_id, referral.id)
        return rows

    def _events(self, session: Session, referral_id: int) -> list[ReferralEventView]:
        rows = session.scalars(select(ReferralEvent).where(ReferralEvent.referral_id == referral_id)
                               .order_by(ReferralEvent.at, ReferralEvent.id))
        return [ReferralEventView(e.id, e.at, e.actor_name, e.action or "",
                                  ReferralStatus(e.from_status) if e.from_status else None,
                                  ReferralStatus(e.to_status), e.note) for e in rows]

    def _detail(self, session: Session, actor: Actor, referral: Referral) -> ReferralDetail:
        application = session.get(Application, referral.application_id)
        department = session.get(Department, referral.department_id)
        hall = session.get(Hall, referral.hall_id)
        assert application is not None and department is not None and hall is not None
        person = session.get(Person, application.applicant_id)
        names = _user_names(session, [referral.created_by_id, referral.assigned_to_id, referral.updated_by_id])
        status = ReferralStatus(referral.status)
        today = self.clock.today()
        return ReferralDetail(
            id=referral.id, number=referral.number, version=referral.version, status=status,
            application_id=application.id, application_number=application.number,
            applicant_name=referral.applicant_name,
            applicant_id_masked=mask_resident_id(person.resident_id) if person else "",
            applicant_phone_masked=mask_phone(application.phone) if application.phone else "",
            member_names=referral.member_names, department_code=department.code, department_name=department.name,
            department_requires_consent=department.requires_consent, hall_code=hall.code, hall_name=hall.name,
            rule=referral.rule, reason=referral.reason, facts=tuple(_facts(referral.facts)),
            consent_given=referral.consent_given, due_date=referral.due_date,
            overdue=not status.is_final and referral.due_date < today, created_at=referral.created_at,
            created_by_name=names.get(referral.created_by_id, ""), sent_at=referral.sent_at,
            finished_at=referral.finished_at, outcome=referral.outcome, assigned_to_id=referral.assigned_to_id,
            assigned_to_name=names.get(referral.assigned_to_id, "") if referral.assigned_to_id else "",
            updated_at=referral.updated_at,
            updated_by_name=names.get(referral.updated_by_id, "") if referral.updated_by_id else "",
            events=tuple(self._events(session, referral.id)),
            actions=_allowed_actions(actor, status, referral.department_id),
            can_reassign=allowed(actor, Permission.REFERRAL_REASSIGN) and not status.is_final,
            paper_reply=_acts_on_paper(actor),
        )


def _facts(text: str) -> list[str]:
    try:
        value = json.loads(text or "[]")
    except ValueError:
        return [text]
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


def _user_names(session: Session, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    return {uid: name for uid, name in session.execute(
        select(User.id, User.display_name).where(User.id.in_(wanted)))}
