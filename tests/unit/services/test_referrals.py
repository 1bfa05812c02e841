"""Referral service: the life cycle through the real database, permissions per role, conflicts, audit."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from intake_desk.domain.enums import ReferralStatus, Role
from intake_desk.policy.referral_states import ReferralAction, actions_from
from intake_desk.services import audit
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.services.errors import (
    ConflictError,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from intake_desk.store.models import AuditEvent, ReferralEvent
from tests.conftest import TEST_NOW, add_user
from tests.referral_data import PATHS, ensure_departments, make_application, make_referral, officer, status_of

S = ReferralStatus
A = ReferralAction
DUE = date(2026, 12, 4)
EARLIER = TEST_NOW - timedelta(days=2)


@pytest.fixture
def org(services: Services, admin: Actor) -> dict[str, int]:
    return ensure_departments(services)


@pytest.fixture
def medical(services: Services, org: dict[str, int]) -> Actor:
    return officer(services, "yibao1", "medical", "赵医保")


@pytest.fixture
def housing(services: Services, org: dict[str, int]) -> Actor:
    return officer(services, "zhujian1", "housing", "钱住建")


def _referral(services: Services, clerk: Actor, supervisor: Actor, status: ReferralStatus,
              department: str = "medical", name: str = "张三") -> int:
    application = make_application(services, clerk, name, received=EARLIER)
    return make_referral(services, supervisor, application, department, status, due_date=DUE, at=EARLIER)


def test_a_department_officer_receives_works_and_completes(services: Services, clerk: Actor, supervisor: Actor,
                                                           medical: Actor) -> None:
    rid = _referral(services, clerk, supervisor, S.PENDING)
    sent = services.referrals.send(clerk, rid)
    assert sent.status is S.SENT and sent.sent_at is not None
    assert A.RECEIVE in services.referrals.get(medical, rid).actions
    received = services.referrals.receive(medical, rid, expected_version=sent.version)
    assert received.status is S.RECEIVED
    assert received.assigned_to_name == "赵医保", "the receiving officer takes the referral"
    started = services.referrals.start(medical, rid, expected_version=received.version)
    done = services.referrals.complete(medical, rid, "已纳入医疗救助，报销比例 70%", expected_version=started.version)
    assert done.status is S.COMPLETED and done.finished_at is not None
    assert done.outcome == "已纳入医疗救助，报销比例 70%"
    assert done.actions == ()
    timeline = services.referrals.timeline(medical, rid)
    assert [(e.action, e.from_status, e.to_status) for e in timeline] == [
        ("create", None, S.PROPOSED), ("confirm", S.PROPOSED, S.PENDING), ("send", S.PENDING, S.SENT),
        ("receive", S.SENT, S.RECEIVED), ("start", S.RECEIVED, S.IN_PROGRESS),
        ("complete", S.IN_PROGRESS, S.COMPLETED),
    ]
    assert [e.actor_name for e in timeline[-3:]] == ["赵医保"] * 3
    assert timeline[-1].note == "已纳入医疗救助，报销比例 70%"
    trail = audit.trail(services.db, "referral", done.number)
    assert [e.action for e in trail] == ["referral.create", "referral.confirm", "referral.send", "referral.receive",
                                         "referral.start", "referral.complete"]
    assert trail[-1].detail["status"] == ["in_progress", "completed"]
    assert audit.verify(services.db).ok


def test_officers_act_only_on_their_own_department(services: Services, clerk: Actor, supervisor: Actor,
                                                   medical: Actor, housing: Actor) -> None:
    rid = _referral(services, clerk, supervisor, S.SENT)
    with pytest.raises(PermissionDenied, match="本部门"):
        services.referrals.receive(housing, rid)
    with pytest.raises(PermissionDenied):
        services.referrals.get(housing, rid)
    assert status_of(services, rid) is S.SENT
    services.referrals.receive(medical, rid)
    assert status_of(services, rid) is S.RECEIVED


@pytest.mark.parametrize("action", [A.CONFIRM, A.SEND, A.RESUBMIT, A.CANCEL])
def test_officers_cannot_take_desk_steps(services: Services, clerk: Actor, supervisor: Actor, medical: Actor,
                                         action: ReferralAction) -> None:
    source = {A.CONFIRM: S.PROPOSED, A.SEND: S.PENDING, A.RESUBMIT: S.RETURNED, A.CANCEL: S.SENT}[action]
    rid = _referral(services, clerk, supervisor, source)
    with pytest.raises(PermissionDenied):
        services.referrals.act(medical, rid, action, "说明")
    assert status_of(services, rid) is source


# Which roles may take which step (on a referral of the officer's own department).
ROLE_MAY = {
    Role.CLERK: {A.CONFIRM, A.SEND, A.RESUBMIT, A.RECEIVE, A.START, A.COMPLETE, A.DECLINE, A.RETURN},
    Role.SUPERVISOR: set(A),
    Role.DEPARTMENT: {A.RECEIVE, A.START, A.COMPLETE, A.DECLINE, A.RETURN},
    Role.ADMIN: set(),
}
SOURCE = {A.CONFIRM: S.PROPOSED, A.SEND: S.PENDING, A.RECEIVE: S.SENT, A.START: S.RECEIVED,
          A.COMPLETE: S.IN_PROGRESS, A.DECLINE: S.RECEIVED, A.RETURN: S.IN_PROGRESS, A.RESUBMIT: S.RETURNED,
          A.CANCEL: S.SENT}


@pytest.mark.parametrize("role", list(Role))
def test_permissions_per_role(services: Services, clerk: Actor, supervisor: Actor, medical: Actor,
                              admin: Actor, role: Role) -> None:
    actor = {Role.CLERK: clerk, Role.SUPERVISOR: supervisor, Role.DEPARTMENT: medical, Role.ADMIN: admin}[role]
    for i, action in enumerate(ReferralAction):
        rid = _referral(services, clerk, supervisor, SOURCE[action], name=f"张{'一二三四五六七八九'[i]}")
        if action in ROLE_MAY[role]:
            after = services.referrals.act(actor, rid, action, "说明")
            assert after.status is not SOURCE[action], (role, action)
        else:
            with pytest.raises(PermissionDenied):
                services.referrals.act(actor, rid, action, "说明")
            assert status_of(services, rid) is SOURCE[action], (role, action)


def test_a_clerk_may_dismiss_a_proposal_but_not_cancel_a_sent_referral(
        services: Services, clerk: Actor, supervisor: Actor, org: dict[str, int]) -> None:
    proposed = _referral(services, clerk, supervisor, S.PROPOSED, name="李一")
    assert services.referrals.cancel(clerk, proposed, "申请人不需要").status is S.CANCELLED
    sent = _referral(services, clerk, supervisor, S.SENT, name="李二")
    with pytest.raises(PermissionDenied, match="窗口负责人"):
        services.referrals.cancel(clerk, sent, "不需要")
    assert services.referrals.cancel(supervisor, sent, "重复转介").status is S.CANCELLED


@pytest.mark.parametrize("status", list(ReferralStatus))
def test_every_refused_transition_leaves_no_trace(services: Services, clerk: Actor, supervisor: Actor,
                                                  org: dict[str, int], status: ReferralStatus) -> None:
    rid = _referral(services, clerk, supervisor, status)
    with services.db.reading() as session:
        events_before = len(session.scalars(select(ReferralEvent)).all())
        audit_before = len(session.scalars(select(AuditEvent)).all())
    for action in ReferralAction:
        if action in actions_from(status):
            continue
        with pytest.raises(InvalidTransition) as refused:
            services.referrals.act(supervisor, rid, action, "说明")
        assert " / " in refused.value.message
    assert status_of(services, rid) is status
    with services.db.reading() as session:
        assert len(session.scalars(select(ReferralEvent)).all()) == events_before
        assert len(session.scalars(select(AuditEvent)).all()) == audit_before


def test_outcome_reason_and_note_are_required(services: Services, clerk: Actor, supervisor: Actor,
                                              medical: Actor) -> None:
    rid = _referral(services, clerk, supervisor, S.IN_PROGRESS)
    for call in (services.referrals.complete, services.referrals.decline, services.referrals.return_for_more):
        with pytest.raises(InvalidTransition, match="须填写"):
            call(medical, rid, "  ")
    returned = services.referrals.return_for_more(medical, rid, "请补充近三个月的诊断证明")
    assert returned.status is S.RETURNED and returned.outcome == "请补充近三个月的诊断证明"
    again = services.referrals.resubmit(clerk, rid, "已补充诊断证明")
    assert again.status is S.PENDING and again.outcome == ""
    assert services.referrals.send(clerk, rid).status is S.SENT


def test_decline_from_received(services: Services, clerk: Actor, supervisor: Actor, medical: Actor) -> None:
    rid = _referral(services, clerk, supervisor, S.RECEIVED)
    declined = services.referrals.decline(medical, rid, "已享受同类救助")
    assert declined.status is S.DECLINED and declined.outcome == "已享受同类救助"
    with pytest.raises(InvalidTransition, match="不予受理"):
        services.referrals.start(medical, rid)


def test_a_stale_version_is_refused_naming_who_changed_it(services: Services, clerk: Actor, supervisor: Actor,
                                                          medical: Actor) -> None:
    rid = _referral(services, clerk, supervisor, S.SENT)
    seen = services.referrals.get(supervisor, rid)
    services.referrals.receive(medical, rid, expected_version=seen.version)
    with pytest.raises(ConflictError) as conflict:
        services.referrals.cancel(supervisor, rid, "重复", expected_version=seen.version)
    assert conflict.value.changed_by == "赵医保"
    assert "赵医保" in conflict.value.message
    assert conflict.value.current_version == seen.version + 1
    assert status_of(services, rid) is S.RECEIVED


def test_consent_is_needed_for_a_charity(services: Services, clerk: Actor, supervisor: Actor,
                                         org: dict[str, int]) -> None:
    application = make_application(services, clerk, "孙七", received=EARLIER)
    rid = make_referral(services, supervisor, application, "charity", S.PROPOSED, due_date=DUE)
    with pytest.raises(ValidationFailed, match="同意"):
        services.referrals.confirm(clerk, rid, consent_given=False)
    confirmed = services.referrals.confirm(clerk, rid, consent_given=True)
    assert confirmed.consent_given and confirmed.status is S.PENDING


def test_paper_reply_recorded_by_the_clerk(services: Services, clerk: Actor, supervisor: Actor,
                                           org: dict[str, int]) -> None:
    rid = _referral(services, clerk, supervisor, S.SENT)
    detail = services.referrals.get(clerk, rid)
    assert detail.paper_reply and A.RECEIVE in detail.actions
    done = services.referrals.record_paper_reply(clerk, rid, A.COMPLETE, "已办结，发放助学金 2000 元",
                                                 replied_on=date(2026, 11, 18))
    assert done.status is S.COMPLETED
    steps = [(e.action, e.note) for e in done.events][-3:]
    assert steps == [("receive", "纸质回复（2026-11-18）"), ("start", "纸质回复（2026-11-18）"),
                     ("complete", "纸质回复（2026-11-18）：已办结，发放助学金 2000 元")]
    with pytest.raises(ValidationFailed, match="晚于今天"):
        services.referrals.record_paper_reply(clerk, rid, A.DECLINE, "x", replied_on=date(2026, 12, 1))
    pending = _referral(services, clerk, supervisor, S.PENDING, name="周八")
    with pytest.raises(InvalidTransition, match="不能登记"):
        services.referrals.record_paper_reply(clerk, pending, A.DECLINE, "x", replied_on=date(2026, 11, 18))


def test_reassign_to_another_department_and_officer(services: Services, clerk: Actor, supervisor: Actor,
                                                    medical: Actor, housing: Actor) -> None:
    rid = _referral(services, clerk, supervisor, S.IN_PROGRESS)
    moved = services.referrals.reassign(supervisor, rid, department_code="housing", officer_id=housing.user_id,
                                        note="属住房问题")
    assert moved.department_code == "housing" and moved.status is S.SENT
    assert moved.assigned_to_name == "钱住建"
    last = moved.events[-1]
    assert last.action == "reassign" and last.action_label == "改派"
    assert last.note == "改派至住房和城乡建设局；指派给钱住建：属住房问题"
    assert (last.from_status, last.to_status) == (S.IN_PROGRESS, S.SENT)
    with pytest.raises(PermissionDenied):
        services.referrals.get(medical, rid)
    assert services.referrals.receive(housing, rid).status is S.RECEIVED
    with pytest.raises(PermissionDenied):
        services.referrals.reassign(clerk, rid, department_code="medical")
    with pytest.raises(ValidationFailed, match="不属于"):
        services.referrals.reassign(supervisor, rid, department_code="education", officer_id=housing.user_id)
    with pytest.raises(NotFound):
        services.referrals.reassign(supervisor, rid, department_code="nowhere")
    trail = audit.trail(services.db, "referral", moved.number)
    reassign = [e for e in trail if e.action == "referral.reassign"][0]
    assert reassign.detail["status"] == ["in_progress", "sent"]


def test_a_finished_referral_cannot_be_reassigned(services: Services, clerk: Actor, supervisor: Actor,
                                                  org: dict[str, int]) -> None:
    rid = _referral(services, clerk, supervisor, S.COMPLETED)
    with pytest.raises(InvalidTransition, match="不能改派"):
        services.referrals.reassign(supervisor, rid, department_code="housing")


def test_bulk_send_and_reassign_report_what_was_refused(services: Services, clerk: Actor, supervisor: Actor,
                                                        org: dict[str, int]) -> None:
    pending = [_referral(services, clerk, supervisor, S.PENDING, name=n) for n in ("甲一", "甲二", "甲三")]
    done = _referral(services, clerk, supervisor, S.COMPLETED, name="甲四")
    result = services.referrals.bulk_send(clerk, [*pending, done])
    assert set(result.done) == set(pending)
    assert [r[0] for r in result.refused] == [done]
    assert "已办结" in result.refused[0][2]
    assert "已处理 3 条" in result.summary and "1 refused" in result.summary
    assert all(status_of(services, r) is S.SENT for r in pending)
    moved = services.referrals.bulk_reassign(supervisor, [*pending, done], department_code="employment")
    assert set(moved.done) == set(pending) and [r[0] for r in moved.refused] == [done]
    assert all(services.referrals.get(supervisor, r).department_code == "employment" for r in pending)
    with pytest.raises(PermissionDenied):
        services.referrals.bulk_reassign(clerk, pending, department_code="medical")
    with pytest.raises(ValidationFailed):
        services.referrals.bulk_send(clerk, [])


def test_revealing_the_id_number_is_audited(services: Services, clerk: Actor, supervisor: Actor,
                                            medical: Actor) -> None:
    rid = _referral(services, clerk, supervisor, S.SENT)
    detail = services.referrals.get(medical, rid)
    assert "*" in detail.applicant_id_masked and len(detail.applicant_id_masked) == 18
    full = services.referrals.reveal_id(medical, rid)
    assert full[:6] == detail.applicant_id_masked[:6] and full[-4:] == detail.applicant_id_masked[-4:]
    assert "*" not in full
    with services.db.reading() as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "person.reveal_id")).one()
        assert event.actor_name == "赵医保" and event.entity_id == detail.number
        assert full not in event.detail and json.loads(event.detail)["person"] == detail.applicant_id_masked


def test_every_state_of_the_test_paths_is_reachable(services: Services, clerk: Actor, supervisor: Actor,
                                                    org: dict[str, int]) -> None:
    for i, status in enumerate(PATHS):
        rid = _referral(services, clerk, supervisor, status, name=f"王{'一二三四五六七八九'[i]}")
        assert status_of(services, rid) is status


def test_unknown_referral(services: Services, supervisor: Actor, org: dict[str, int]) -> None:
    with pytest.raises(NotFound):
        services.referrals.get(supervisor, 999)
    with pytest.raises(NotFound):
        services.referrals.send(supervisor, 999)


def test_officers_list_for_reassign(services: Services, supervisor: Actor, medical: Actor, housing: Actor) -> None:
    add_user(services, "yibao2", Role.DEPARTMENT, "孙医保", department_code="medical")
    names = [(o.department_code, o.display_name) for o in services.referrals.officers(supervisor, "medical")]
    assert names == [("medical", "赵医保"), ("medical", "孙医保")]
    assert {o.display_name for o in services.referrals.officers(housing)} == {"钱住建"}
