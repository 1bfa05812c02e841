"""The intake on a real SQLite file (and PostgreSQL for receipt numbering): preview, submit, read back."""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from intake_desk.domain.enums import (
    ApplicationStatus,
    AssistanceType,
    Category,
    HousingCondition,
    PostCheckKind,
    ReferralStatus,
    Relation,
    Role,
    SpecialCircumstance,
)
from intake_desk.services import audit
from intake_desk.services.actor import Actor
from intake_desk.services.clock import FixedClock
from intake_desk.services.context import Services
from intake_desk.services.errors import ConflictError, InvalidTransition, PermissionDenied, ValidationFailed
from intake_desk.services.intake import (
    MaterialInput,
    MemberInput,
    OpenApplicationExists,
    ReferralChoice,
    commitment_text,
    referral_choice,
)
from intake_desk.store.db import Database
from intake_desk.store.models import AuditEvent, Person, PolicyVersion, ReferralEvent
from tests.conftest import add_user, make_services, setup_hall
from tests.intake_data import LI_SI, ZHANG_SAN, ZHANG_XIAO, rid, single_form, zhuzhou_form


def with_referrals(services: Services, clerk: Actor, form, consent: bool = True):  # type: ignore[no-untyped-def]
    preview = services.intake.preview(clerk, form)
    return replace(form, referrals=tuple(referral_choice(p, consent_given=consent) for p in preview.referrals))


# -- preview -------------------------------------------------------------------------------------------

def test_zhuzhou_example_preview(services: Services, clerk: Actor) -> None:
    preview = services.intake.preview(clerk, zhuzhou_form())
    assert preview.problems == {}
    assert preview.assessment is not None
    assert preview.category is Category.DIBAO
    assert preview.assessment.estimated_monthly_benefit_fen == 300_00
    assert any("700.00" in step for step in preview.assessment.steps)
    # Signed declaration: fast track, 10 working days from Friday 2026-11-20.
    assert preview.fast_track and preview.review_working_days == 10 and preview.due_date == date(2026, 12, 4)
    assert [k for k, _ in preview.post_checks] == [PostCheckKind.DATA_COMPARISON, PostCheckKind.PERIODIC]
    assert {p.department_code for p in preview.referrals} == {"education", "employment"}
    assert all(p.due_date == date(2026, 12, 4) for p in preview.referrals)
    assert not preview.calendar_fallback and preview.warning is None
    assert [m.code for m in preview.missing_materials][:1] == ["application_form"]


def test_preview_without_declaration_takes_the_normal_limit(services: Services, clerk: Actor) -> None:
    preview = services.intake.preview(clerk, zhuzhou_form(declaration=None))
    assert not preview.fast_track and preview.review_working_days == 30 and preview.post_checks == ()


def test_preview_of_an_unreadable_household_says_why(services: Services, clerk: Actor) -> None:
    form = zhuzhou_form()
    form = replace(form, members=(replace(form.members[0], resident_id="43020219800301001"),), requested_types=())
    preview = services.intake.preview(clerk, form)
    assert preview.assessment is None and preview.referrals == ()
    assert set(preview.problems) == {"members[0].resident_id", "requested_types"}


def test_preview_warns_when_the_calendar_falls_back(services: Services, clerk: Actor, clock: FixedClock) -> None:
    clock.advance(days=36)  # 2026-12-26: ten working days reach into 2027, not yet published
    preview = services.intake.preview(clerk, zhuzhou_form())
    assert preview.calendar_fallback and preview.warning and "2027" in preview.warning


# -- submit ---------------------------------------------------------------------------------------------

def test_submit_writes_everything(services: Services, clerk: Actor) -> None:
    form = with_referrals(services, clerk, zhuzhou_form(
        special_circumstances=(SpecialCircumstance.SUDDEN_ILLNESS,),
        materials=(MaterialInput(AssistanceType.DIBAO, "identity", "户口簿、居民身份证", received=True),),
    ))
    preview = services.intake.preview(clerk, form)
    codes = [r.department_code for r in form.referrals]
    assert "charity" in codes
    # The applicant agrees to every referral except the charity.
    form = replace(form, referrals=tuple(replace(r, consent_given=r.department_code != "charity")
                                         for r in form.referrals))
    result = services.intake.submit(clerk, form)

    assert result.number == "HT01-20261120-0001"
    assert result.fast_track and result.due_date == date(2026, 12, 4) and result.category is Category.DIBAO
    assert result.estimated_benefit_fen == 300_00
    assert {r.department_code: r.status for r in result.referrals}["charity"] is ReferralStatus.PROPOSED
    assert {r.department_code: r.status for r in result.referrals}["education"] is ReferralStatus.PENDING
    assert [r.number for r in result.referrals] == [f"{result.number}-{code.upper()}" for code in codes]

    detail = services.applications.get(clerk, result.number)
    assert detail.status is ApplicationStatus.RECEIVED and detail.version == 1
    assert detail.applicant_name == "张三" and detail.applicant_id == "430202********" + ZHANG_SAN[-4:]
    assert [m.name for m in detail.members] == ["张三", "李四", "张小三"]
    assert all("*" in m.resident_id for m in detail.members)
    assert [m.age for m in detail.members] == [46, 44, 14]
    assert detail.phone == "13812345678" and detail.household_size == 3
    assert detail.special_circumstances == (SpecialCircumstance.SUDDEN_ILLNESS,)
    assert [(i.member_name, i.amount_fen, i.months) for i in detail.incomes] == [("张三", 21_600_00, 12)]
    assert detail.requested_types == (AssistanceType.DIBAO,)
    identity = next(m for m in detail.materials if m.code == "identity")
    assert identity.received
    assert {m.code for m in detail.missing_materials} == {
        "application_form", "verification_authorisation", "income_assets_declaration"}
    pack = services.intake.pack()
    assert detail.declaration is not None
    assert detail.declaration.template_version == pack.version
    assert detail.declaration.template_hash == hashlib.sha256(commitment_text(pack, False).encode()).hexdigest()
    assert detail.declaration.witness_name == "王丽" and detail.declaration.signer_name == "张三"
    assert detail.assessment is not None
    assert detail.assessment.category is Category.DIBAO and detail.assessment.per_capita_income_fen == 600_00
    assert detail.assessment.estimated_benefit_fen == 300_00
    assert detail.assessment.steps == tuple(preview.assessment.steps) if preview.assessment else False
    assert detail.assessment.policy_sha256 == pack.sha256 and detail.assessment.policy_locality == "湖南省株洲市"
    assert detail.assessment.temporary_min_fen is not None  # sudden illness: temporary range shown
    by_dept = {r.department_code: r for r in detail.referrals}
    assert by_dept["education"].consent_at == result.received_at and by_dept["education"].member_names == ("张小三",)
    assert by_dept["charity"].consent_at is None and by_dept["charity"].status is ReferralStatus.PROPOSED
    assert by_dept["education"].facts and by_dept["education"].rule == "student_in_need"
    assert [c.kind for c in detail.post_checks][:2] == [PostCheckKind.DATA_COMPARISON, PostCheckKind.PERIODIC]
    assert detail.post_checks[0].due_date == date(2026, 12, 20)

    with services.db.reading() as session:
        initials = {n: i for n, i in session.execute(select(Person.name, Person.name_initials))}
        assert initials == {"张三": "zs", "李四": "ls", "张小三": "zxs"}
        assert session.scalar(select(func.count()).select_from(PolicyVersion).where(
            PolicyVersion.sha256 == pack.sha256)) == 1
        content = session.scalar(select(PolicyVersion.content))
        assert content and hashlib.sha256(content.encode()).hexdigest() == pack.sha256
        events = session.scalars(select(ReferralEvent).order_by(ReferralEvent.id)).all()
        assert len(events) == len(codes) and events[0].from_status is None and events[0].actor_name == "王丽"
        assert events[0].action == "create" and "申请人已同意" in events[0].note
        actions = session.scalars(select(AuditEvent.action)).all()
    assert actions.count("application.submit") == 1 and actions.count("referral.create") == len(codes)
    trail = audit.trail(services.db, "application", result.number)
    assert trail[0].action == "application.submit" and trail[0].detail["category"] == "dibao"
    assert audit.trail(services.db, "referral", result.referrals[0].number)[0].action == "referral.create"
    assert audit.verify(services.db).ok


def test_receipt_numbers_follow_each_other(services: Services, clerk: Actor) -> None:
    numbers = [services.intake.submit(clerk, single_form(i, name=f"王{n}")).number
               for i, n in enumerate("一二三", start=1)]
    assert numbers == ["HT01-20261120-0001", "HT01-20261120-0002", "HT01-20261120-0003"]


def test_refused_submit_writes_nothing_and_uses_no_number(services: Services, clerk: Actor) -> None:
    with pytest.raises(ValidationFailed) as refused:
        services.intake.submit(clerk, zhuzhou_form(requested_types=()))
    assert list(refused.value.fields) == ["requested_types"]
    assert services.intake.submit(clerk, zhuzhou_form()).number.endswith("-0001")


def test_rare_names_are_stored_and_found_exactly(services: Services, clerk: Actor) -> None:
    form = zhuzhou_form()
    form = replace(form, members=(replace(form.members[0], name="𠮷祥"),
                                  replace(form.members[1], name="阿卜杜·热合曼"), form.members[2]))
    number = services.intake.submit(clerk, form).number
    detail = services.applications.get(clerk, number)
    assert [m.name for m in detail.members][:2] == ["𠮷祥", "阿卜杜·热合曼"]
    assert [p.name for p in services.intake.search_persons(clerk, "阿卜杜")] == ["阿卜杜·热合曼"]
    assert [p.name for p in services.intake.search_persons(clerk, "𠮷")] == ["𠮷祥"]
    assert [p.name for p in services.intake.search_persons(clerk, "abd")] == ["阿卜杜·热合曼"]


# -- identify ---------------------------------------------------------------------------------------------

def test_search_persons_by_id_name_and_initials(services: Services, clerk: Actor) -> None:
    services.intake.submit(clerk, zhuzhou_form())
    assert [p.name for p in services.intake.search_persons(clerk, "zs")] == ["张三"]
    assert [p.name for p in services.intake.search_persons(clerk, "ZX")] == ["张小三"]
    assert [p.name for p in services.intake.search_persons(clerk, "张")] == ["张三", "张小三"]
    hits = services.intake.search_persons(clerk, LI_SI[:10])
    assert [p.name for p in hits] == ["李四"] and hits[0].resident_id_masked.endswith(LI_SI[-4:])
    assert "*" in hits[0].resident_id_masked
    assert services.intake.search_persons(clerk, "  ") == []


def test_lookup_prefills_the_household_as_last_declared(services: Services, clerk: Actor) -> None:
    assert services.intake.lookup_person(clerk, ZHANG_SAN) is None
    services.intake.submit(clerk, zhuzhou_form())
    found = services.intake.lookup_person(clerk, LI_SI.lower())
    assert found is not None
    assert found.name == "李四" and found.age == 44 and found.resident_id == LI_SI
    assert found.form.applicant_index == 1
    assert [m.resident_id for m in found.form.members] == [ZHANG_SAN, LI_SI, ZHANG_XIAO]
    assert found.form.incomes[0].amount_fen == 21_600_00 and found.form.incomes[0].member_index == 0
    assert found.form.requested_types == () and found.form.declaration is None
    assert [a.number for a in found.applications] == ["HT01-20261120-0001"]
    assert found.open_application is not None and found.open_application.number == "HT01-20261120-0001"
    assert "未办结" in found.open_application.message


def test_lookup_by_registry_id_is_audited(services: Services, clerk: Actor) -> None:
    services.intake.submit(clerk, zhuzhou_form())
    hit = services.intake.search_persons(clerk, "ls")[0]
    found = services.intake.lookup_person(clerk, person_id=hit.person_id)
    assert found is not None and found.resident_id == LI_SI
    assert [e.action for e in audit.trail(services.db, "person", hit.person_id)] == ["person.open"]


def test_open_application_must_be_acknowledged(services: Services, clerk: Actor) -> None:
    first = services.intake.submit(clerk, zhuzhou_form())
    # A new application naming only the child is still the same household.
    again = replace(zhuzhou_form(), members=(replace(zhuzhou_form().members[2], relation=Relation.SELF),),
                    incomes=(), declaration=None)
    with pytest.raises(OpenApplicationExists) as warned:
        services.intake.submit(clerk, again)
    assert warned.value.warning.number == first.number and first.number in warned.value.message
    second = services.intake.submit(clerk, again, expected_open_application_ack=True)
    assert second.number.endswith("-0002")
    entry = audit.trail(services.db, "application", second.number)[0]
    assert entry.detail["open_application_acknowledged"] in (first.number, second.number)


def test_withdrawn_application_no_longer_warns_and_old_members_leave(services: Services, clerk: Actor) -> None:
    first = services.intake.submit(clerk, zhuzhou_form())
    services.applications.withdraw(clerk, first.number, expected_version=1, reason="申请人搬离本街道")
    found = services.intake.lookup_person(clerk, ZHANG_SAN)
    assert found is not None and found.open_application is None
    smaller = replace(zhuzhou_form(), members=zhuzhou_form().members[:2])
    services.intake.submit(clerk, smaller)
    with services.db.reading() as session:
        child = session.scalar(select(Person).where(Person.resident_id == ZHANG_XIAO))
        parent = session.scalar(select(Person).where(Person.resident_id == ZHANG_SAN))
        assert child is not None and parent is not None
        assert child.household_id is None and parent.household_id is not None


# -- applications after the desk ------------------------------------------------------------------------

def test_search_and_count_with_filters(services: Services, clerk: Actor, clock: FixedClock) -> None:
    services.intake.submit(clerk, zhuzhou_form())
    clock.advance(days=1)
    services.intake.submit(clerk, single_form(5, name="赵六", declaration=None))
    apps = services.applications
    assert [r.applicant_name for r in apps.search(clerk)] == ["赵六", "张三"]
    assert apps.count(clerk) == 2
    assert [r.applicant_name for r in apps.search(clerk, "zs")] == ["张三"]
    assert [r.applicant_name for r in apps.search(clerk, "赵")] == ["赵六"]
    assert [r.number for r in apps.search(clerk, "20261121-000")] == ["HT01-20261121-0001"]
    assert [r.number for r in apps.search(clerk, "ht01-20261120")] == ["HT01-20261120-0001"]
    assert [r.applicant_name for r in apps.search(clerk, ZHANG_SAN[:8])] == ["张三"]
    assert apps.count(clerk, fast_track=True) == 1 and apps.count(clerk, fast_track=False) == 1
    assert apps.count(clerk, date_from=date(2026, 11, 21)) == 1
    assert apps.count(clerk, status=ApplicationStatus.RECEIVED, category=Category.DIBAO) == 2
    assert apps.count(clerk, status=[ApplicationStatus.WITHDRAWN]) == 0
    rows = apps.search(clerk, limit=1, offset=1)
    assert [r.applicant_name for r in rows] == ["张三"] and rows[0].applicant_id_masked.count("*") == 8
    assert apps.search(clerk, "nobody-here") == []


def test_status_change_on_a_stale_version_names_who_changed_it(
    services: Services, clerk: Actor, supervisor: Actor
) -> None:
    number = services.intake.submit(clerk, zhuzhou_form()).number
    row = services.applications.update_status(supervisor, number, ApplicationStatus.UNDER_REVIEW,
                                              expected_version=1, note="开始审核")
    assert row.status is ApplicationStatus.UNDER_REVIEW and row.version == 2
    with pytest.raises(ConflictError) as refused:
        services.applications.withdraw(clerk, number, expected_version=1, reason="重复")
    assert refused.value.changed_by == "李强" and refused.value.current_version == 2
    assert "李强" in refused.value.message
    with pytest.raises(InvalidTransition):
        services.applications.update_status(clerk, number, ApplicationStatus.CLOSED, expected_version=2)
    done = services.applications.update_status(clerk, number, ApplicationStatus.APPROVED, expected_version=2)
    detail = services.applications.get(clerk, number)
    assert done.version == 3 and detail.closed_at is not None and "开始审核" in detail.notes
    assert detail.updated_by_name == "王丽"
    assert [e.action for e in audit.trail(services.db, "application", number)] == [
        "application.submit", "application.under_review", "application.approved"]


def test_reveal_is_permitted_and_audited(services: Services, clerk: Actor, admin: Actor) -> None:
    number = services.intake.submit(clerk, zhuzhou_form()).number
    detail = services.applications.get(clerk, number, reveal=True)
    assert detail.id_revealed and detail.applicant_id == ZHANG_SAN
    assert [m.resident_id for m in detail.members] == [ZHANG_SAN, LI_SI, ZHANG_XIAO]
    assert audit.trail(services.db, "application", number)[-1].action == "application.reveal_id"
    assert services.applications.get(admin, number).applicant_id != ZHANG_SAN  # admin may view, masked
    with pytest.raises(PermissionDenied):
        services.applications.get(admin, number, reveal=True)


def test_department_officer_may_not_receive_applications(services: Services, admin: Actor) -> None:
    officer = add_user(services, "edu1", Role.DEPARTMENT, "教育局 陈老师", department_code="education")
    with pytest.raises(PermissionDenied) as refused:
        services.intake.submit(officer, zhuzhou_form())
    assert "intake.submit" in refused.value.message
    with pytest.raises(PermissionDenied):
        services.intake.preview(officer, zhuzhou_form())
    with pytest.raises(PermissionDenied):
        services.intake.search_persons(officer, "zs")
    with pytest.raises(PermissionDenied):
        services.applications.search(officer)


def test_clerk_added_referral_and_unknown_department(services: Services, clerk: Actor) -> None:
    form = zhuzhou_form(housing=HousingCondition.ADEQUATE, referrals=(
        ReferralChoice("disability", "家属反映需残联评残", added_by_clerk=True, consent_given=True),))
    result = services.intake.submit(clerk, form)
    referral = services.applications.get(clerk, result.number).referrals[0]
    assert referral.rule == "clerk" and referral.status is ReferralStatus.PENDING
    with pytest.raises(ValidationFailed) as refused:
        services.intake.submit(clerk, replace(form, referrals=(ReferralChoice("police", "x"),)),
                               expected_open_application_ack=True)
    assert list(refused.value.fields) == ["referrals[0].department_code"]


# -- drafts -----------------------------------------------------------------------------------------------

HOSTILE = {
    "name": "𠮷 阿卜杜·热合曼 \u200f\u202e RTL",
    "controls": "".join(chr(c) for c in range(0, 32)) + "\x7f\u0085\u2028\u2029",
    "lone_surrogate": "a\ud800b\udfffc",
    "quotes": "\"'\\/<script>'; DROP TABLE drafts; --",
    "private_use": "\ue000\U000f0000",
    "nested": {"list": [1, 2.5, None, True, "𠀀"], "empty": {}, "big": 2**62},
    "long": "长" * 20_000,
}


def test_drafts_come_back_exactly(services: Services, clerk: Actor, supervisor: Actor) -> None:
    drafts = services.drafts
    info = drafts.save(clerk, "intake", "", HOSTILE)
    assert info.size > 20_000
    assert drafts.load(clerk, "intake", "") == HOSTILE
    drafts.save(clerk, "intake", "", {**HOSTILE, "name": "改过"})
    assert drafts.load(clerk, "intake", "")["name"] == "改过"  # type: ignore[index]
    form_data = json.loads(json.dumps({"form": 1}))
    drafts.save(clerk, "intake", "HT01-20261120-0001", form_data)
    assert {(d.kind, d.key) for d in drafts.list(clerk)} == {("intake", ""), ("intake", "HT01-20261120-0001")}
    assert [d.key for d in drafts.list(clerk, kind="nothing")] == []
    assert drafts.load(supervisor, "intake", "") is None and drafts.list(supervisor) == []
    assert drafts.discard(clerk, "intake", "") and not drafts.discard(clerk, "intake", "")
    assert drafts.load(clerk, "intake", "") is None


def test_an_intake_form_survives_a_draft(services: Services, clerk: Actor) -> None:
    from intake_desk.services.intake import form_from_dict, form_to_dict

    form = zhuzhou_form()
    form = replace(form, members=(replace(form.members[0], name="𠮷祥"), *form.members[1:]),
                   special_note="邻居反映：\n\t夜里\x00常停电")
    services.drafts.save(clerk, "intake", "", form_to_dict(form))
    loaded = services.drafts.load(clerk, "intake", "")
    assert loaded is not None and form_from_dict(loaded) == form


def test_draft_kind_is_checked(services: Services, clerk: Actor) -> None:
    with pytest.raises(ValidationFailed):
        services.drafts.save(clerk, "", "", {})
    with pytest.raises(ValidationFailed):
        services.drafts.save(clerk, "intake", "k" * 65, {})


# -- PostgreSQL ---------------------------------------------------------------------------------------------

@pytest.mark.pg
def test_submit_and_receipt_numbers_on_postgresql(pg_db: Database, clock: FixedClock) -> None:
    services = make_services(pg_db, clock)
    setup_hall(services)
    clerk = add_user(services, "clerk1", Role.CLERK, "王丽")
    result = services.intake.submit(clerk, with_referrals(services, clerk, zhuzhou_form()))
    assert result.number == "HT01-20261120-0001"
    detail = services.applications.get(clerk, result.number)
    assert detail.assessment is not None and detail.assessment.estimated_benefit_fen == 300_00
    assert [r.status for r in detail.referrals] == [ReferralStatus.PENDING] * len(result.referrals)
    assert services.intake.search_persons(clerk, "zs")[0].name == "张三"
    assert [r.number for r in services.applications.search(clerk, "20261120")] == [result.number]
    services.drafts.save(clerk, "intake", "", HOSTILE)
    assert services.drafts.load(clerk, "intake", "") == HOSTILE

    # Eight desks at once: every number used once, none skipped.
    errors: list[BaseException] = []
    numbers: list[str] = []
    lock = threading.Lock()

    def desk(k: int) -> None:
        try:
            for j in range(4):
                number = services.intake.submit(clerk, single_form(100 + k * 10 + j, name="钱七")).number
                with lock:
                    numbers.append(number)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=desk, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(numbers) == [f"HT01-20261120-{i:04d}" for i in range(2, 34)]
    assert audit.verify(services.db).ok


@pytest.mark.pg
def test_same_new_person_at_two_desks_on_postgresql(pg_db: Database, clock: FixedClock) -> None:
    services = make_services(pg_db, clock)
    setup_hall(services)
    clerk = add_user(services, "clerk1", Role.CLERK, "王丽")
    form = single_form(7, name="孙八")
    outcomes: list[object] = []

    def desk() -> None:
        try:
            outcomes.append(services.intake.submit(clerk, form, expected_open_application_ack=True).number)
        except ConflictError as exc:
            outcomes.append(exc)

    threads = [threading.Thread(target=desk) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(isinstance(o, str) for o in outcomes) >= 1
    with services.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Person).where(
            Person.resident_id == rid(7))) == 1


def test_members_without_relation_self_are_fine(services: Services, clerk: Actor) -> None:
    form = replace(single_form(3, declaration=None),
                   members=(MemberInput(rid(3), "周九", Relation.CHILD),))
    assert services.intake.submit(clerk, form).category in set(Category)


def test_audit_events_appended_together_keep_the_chain(services: Services, clerk: Actor, clock: FixedClock) -> None:
    services.intake.submit(clerk, zhuzhou_form())
    with services.db.transaction() as session:
        audit.record(session, clerk, "test.one", "thing", 1, {"n": 1}, at=clock.now())
        audit.record_many(session, clerk, [("test.two", "thing", 2, {"n": 2}), ("test.three", "thing", 3, None)],
                          at=clock.now())
        audit.record(session, clerk, "test.four", "thing", 4, {"名字": "𠮷"}, at=clock.now())
    result = audit.verify(services.db)
    assert result.ok
    with services.db.reading() as session:
        actions = session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions[-4:] == ["test.one", "test.two", "test.three", "test.four"]
