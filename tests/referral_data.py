"""Referral test data: departments, officers, applications and referrals in any state.

Applications are inserted through the models (tests may); referrals are created and moved only
through ``services.referrals`` (``open_referral`` / ``apply_action``), so every referral used in a
test has the real event history and audit trail of its state.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from sqlalchemy import select

from intake_desk.domain.enums import ApplicationStatus, Channel, HukouType, ReferralStatus, Role, Sex
from intake_desk.domain.names import pinyin_initials
from intake_desk.domain.resident_id import make_resident_id
from intake_desk.policy.referral_states import ReferralAction
from intake_desk.services import audit
from intake_desk.services.actor import SYSTEM, Actor
from intake_desk.services.clock import LOCAL_ZONE
from intake_desk.services.context import Services
from intake_desk.services.referrals import apply_action, open_referral
from intake_desk.store.counters import next_receipt_number
from intake_desk.store.models import Application, Department, Hall, Household, Person, Referral
from tests.conftest import HALL_CODE, add_user

A = ReferralAction
S = ReferralStatus

# The actions that bring a new (proposed) referral to each status.
PATHS: dict[ReferralStatus, tuple[ReferralAction, ...]] = {
    S.PROPOSED: (),
    S.PENDING: (A.CONFIRM,),
    S.SENT: (A.CONFIRM, A.SEND),
    S.RECEIVED: (A.CONFIRM, A.SEND, A.RECEIVE),
    S.IN_PROGRESS: (A.CONFIRM, A.SEND, A.RECEIVE, A.START),
    S.COMPLETED: (A.CONFIRM, A.SEND, A.RECEIVE, A.START, A.COMPLETE),
    S.DECLINED: (A.CONFIRM, A.SEND, A.RECEIVE, A.DECLINE),
    S.RETURNED: (A.CONFIRM, A.SEND, A.RECEIVE, A.RETURN),
    S.CANCELLED: (A.CONFIRM, A.CANCEL),
}
NOTES = {A.COMPLETE: "已纳入医疗救助，报销比例 70%", A.DECLINE: "不符合条件", A.RETURN: "请补充诊断证明",
         A.CANCEL: "申请人撤回"}

DEPARTMENTS = (("education", "教育局"), ("medical", "医疗保障局"), ("housing", "住房和城乡建设局"),
               ("employment", "人力资源和社会保障局"), ("charity", "慈善会"))


def ensure_departments(services: Services) -> dict[str, int]:
    """The pack's departments (through the organisation service when there is one)."""
    organisation = getattr(services, "organisation", None)
    if organisation is not None:
        organisation.sync_departments_from_pack()
    with services.db.transaction() as session:
        existing = {d.code: d.id for d in session.scalars(select(Department))}
        for code, name in DEPARTMENTS:
            if code not in existing:
                row = Department(code=code, name=name, requires_consent=code == "charity", active=True)
                session.add(row)
                session.flush()
                existing[code] = row.id
        return existing


def officer(services: Services, username: str, department_code: str, display_name: str) -> Actor:
    return add_user(services, username, Role.DEPARTMENT, display_name, department_code=department_code)


def local_at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LOCAL_ZONE)


_SEQUENCE = itertools.count(1)


def make_application(services: Services, clerk: Actor, name: str, *, received: datetime, seq: int | None = None,
                     hall_code: str = HALL_CODE, status: ApplicationStatus = ApplicationStatus.RECEIVED,
                     due_date: date | None = None, region: str = "430202") -> int:
    """An application of a one-person household, inserted through the models; returns its id."""
    day = received.astimezone(LOCAL_ZONE).date()
    seq = next(_SEQUENCE) if seq is None else seq
    resident_id = make_resident_id(region, date(1970, 1, 1) + timedelta(days=seq * 37 % 15000), seq % 998 + 1)
    with services.db.transaction() as session:
        hall = session.scalar(select(Hall).where(Hall.code == hall_code))
        assert hall is not None
        household = Household(hall_id=hall.id, hukou_type=HukouType.RURAL.value, created_at=received)
        session.add(household)
        session.flush()
        person = Person(resident_id=resident_id, name=name, name_initials=pinyin_initials(name),
                        sex=(Sex.MALE if int(resident_id[16]) % 2 else Sex.FEMALE).value,
                        birth_date=date(int(resident_id[6:10]), int(resident_id[10:12]), int(resident_id[12:14])),
                        household_id=household.id, created_at=received)
        session.add(person)
        session.flush()
        application = Application(
            number=next_receipt_number(session, hall.code, day), hall_id=hall.id, household_id=household.id,
            applicant_id=person.id, applicant_name=name, applicant_initials=pinyin_initials(name),
            status=status.value, channel=Channel.WINDOW.value, hukou_type=HukouType.RURAL.value,
            received_at=received, received_on=day, received_by_id=clerk.user_id,
            due_date=due_date or day + timedelta(days=42), phone="13812345678",
        )
        session.add(application)
        session.flush()
        # As a submit would: the application's event with its state digest (audit verify checks it).
        audit.record(session, clerk, "application.submit", "application", application.number,
                     {"test_data": True}, at=received)
        return application.id


def make_referral(services: Services, actor: Actor, application_id: int, department_code: str,
                  status: ReferralStatus = S.PROPOSED, *, due_date: date, at: datetime | None = None,
                  department_actor: Actor | None = None, consent: bool = True, creator: Actor | None = None,
                  reason: str = "家庭成员患慢性病，建议申请医疗救助。") -> int:
    """A referral created at ``at`` (by ``creator``, default ``actor``) and moved to ``status`` by ``actor``
    (department steps by ``department_actor`` when given) through the real life cycle."""
    at = at or services.clock.now()
    with services.db.transaction() as session:
        application = session.get(Application, application_id)
        department = session.scalar(select(Department).where(Department.code == department_code))
        assert application is not None and department is not None
        referral = open_referral(session, creator or actor, application=application, department=department, reason=reason,
                                 due_date=due_date, at=at, rule="medical_need", facts=["慢性病"],
                                 member_names=application.applicant_name)
        step_at = at
        for action in PATHS[status]:
            step_at = step_at + timedelta(minutes=5)
            who = department_actor if (department_actor is not None and action in (
                A.RECEIVE, A.START, A.COMPLETE, A.DECLINE, A.RETURN)) else actor
            apply_action(session, who, referral, action, NOTES.get(action, ""), at=step_at,
                         consent_given=consent if action is A.CONFIRM else None)
            session.flush()
        return referral.id


def status_of(services: Services, referral_id: int) -> ReferralStatus:
    with services.db.reading() as session:
        referral = session.get(Referral, referral_id)
        assert referral is not None
        return ReferralStatus(referral.status)


def make_many(services: Services, actor: Actor, clerk: Actor, specs: Sequence[tuple[str, str, ReferralStatus, date]],
              *, received: datetime) -> list[int]:
    """One application and referral per ``(name, department, status, due date)``; returns referral ids."""
    ids = []
    for name, department, status, due in specs:
        application_id = make_application(services, clerk, name, received=received)
        ids.append(make_referral(services, actor, application_id, department, status, due_date=due, at=received))
    return ids


__all__ = ["SYSTEM", "PATHS", "ensure_departments", "officer", "make_application", "make_referral", "make_many",
           "status_of", "local_at"]
