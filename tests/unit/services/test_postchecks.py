"""Post-checks (事后核查) on a real SQLite file, and recording results on PostgreSQL.

Working days are counted by hand from the published 2026 schedule: National Day 1–7 October off,
Saturday 10 October worked; 2027 is Monday–Friday until its schedule is entered.
"""

from __future__ import annotations

import random
import threading
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select, update

from intake_desk.domain.enums import ApplicationStatus, BreachGrade, PostCheckKind, PostCheckStatus, Role
from intake_desk.services import audit
from intake_desk.services.actor import SYSTEM, Actor
from intake_desk.services.clock import LOCAL_ZONE, FixedClock
from intake_desk.services.context import Services
from intake_desk.services.errors import (
    ConflictError,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from intake_desk.services.intake import PostCheckPlan
from intake_desk.services.postchecks import SPOT_CHECK_WORKING_DAYS
from intake_desk.store.db import Database
from intake_desk.store.migrate import sqlite_backup
from intake_desk.store.models import Application, Hall, Person, PostCheck
from tests.conftest import add_user, make_services, setup_hall
from tests.intake_data import ZHANG_SAN, zhuzhou_form
from tests.referral_data import local_at, make_application

S = PostCheckStatus
K = PostCheckKind


def fast_tracked(services: Services, clerk: Actor, name: str, received: date, *, hall_code: str = "HT01",
                 status: ApplicationStatus = ApplicationStatus.RECEIVED, fast_track: bool = True) -> int:
    """An application inserted through the models, marked fast-tracked (告知承诺制)."""
    application_id = make_application(services, clerk, name, received=local_at(received, 9), hall_code=hall_code,
                                      status=status)
    with services.db.transaction() as session:
        session.execute(update(Application).where(Application.id == application_id).values(fast_track=fast_track))
        number = session.scalar(select(Application.number).where(Application.id == application_id))
        audit.record(session, clerk, "application.submit", "application", number, {"test_data": True},
                     at=services.clock.now())  # as a submit would: the state audit verify checks
    return application_id


def add_check(services: Services, application_id: int, kind: PostCheckKind, due: date,
              status: PostCheckStatus = S.DUE) -> int:
    with services.db.transaction() as session:
        check = PostCheck(application_id=application_id, kind=kind.value, due_date=due, status=status.value)
        session.add(check)
        session.flush()
        audit.record(session, SYSTEM, "postcheck.schedule", "post_check", check.id, {"test_data": True},
                     at=services.clock.now())
        return check.id


def number_of(services: Services, application_id: int) -> str:
    with services.db.reading() as session:
        number = session.scalar(select(Application.number).where(Application.id == application_id))
        assert number is not None
        return number


@pytest.fixture
def department(services: Services, admin: Actor) -> Actor:
    return add_user(services, "edu1", Role.DEPARTMENT, "教育局经办人", department_code="education")


# -- the queue ----------------------------------------------------------------------------------------

def test_submit_schedules_checks_that_the_queue_lists(services: Services, clerk: Actor) -> None:
    submitted = services.intake.submit(clerk, zhuzhou_form())
    rows = services.postchecks.queue(clerk)
    expected = [(K.DATA_COMPARISON, date(2026, 12, 20)), (K.PERIODIC, date(2027, 5, 20))]
    if PostCheckPlan().spot_checked(submitted.number):
        expected.insert(1, (K.SPOT_CHECK, date(2027, 2, 20)))
    assert [(r.kind, r.due_date) for r in rows] == expected
    assert services.postchecks.count(clerk) == len(expected)
    first = rows[0]
    assert first.application_number == submitted.number and first.applicant_name == "张三"
    assert first.applicant_id_masked == ZHANG_SAN[:6] + "********" + ZHANG_SAN[-4:]
    assert first.status is S.DUE and first.breach_grade is BreachGrade.NONE and first.is_open
    assert not first.overdue and first.version == 1 and first.done_at is None
    # Friday 20 November → Sunday 20 December: 4 weeks of Monday–Friday in 2026 (no holiday) = 20.
    assert first.working_days_left == 20 and not first.calendar_fallback
    periodic = rows[-1]
    assert periodic.kind is K.PERIODIC and periodic.calendar_fallback  # counted through 2027
    warning = services.postchecks.calendar_warning(rows)
    assert warning is not None and "2027" in warning


def test_overdue_counts_working_days_across_national_day(db: Database) -> None:
    # Saturday 10 October 2026 is a make-up working day after the National Day holiday (1–7 October).
    services = make_services(db, FixedClock(datetime(2026, 10, 10, 10, 0, tzinfo=LOCAL_ZONE)))
    setup_hall(services)
    clerk = add_user(services, "clerk1", Role.CLERK, "王丽")
    application_id = fast_tracked(services, clerk, "张三", date(2026, 8, 31))
    ids = {due: add_check(services, application_id, K.DATA_COMPARISON, due) for due in (
        date(2026, 9, 30), date(2026, 10, 9), date(2026, 10, 10), date(2026, 10, 12), date(2026, 10, 19))}
    rows = {r.due_date: r for r in services.postchecks.queue(clerk)}
    # After 30 September, up to 10 October: the 8th, 9th and the make-up 10th are worked (not 1–7).
    assert rows[date(2026, 9, 30)].working_days_left == -3 and rows[date(2026, 9, 30)].overdue
    assert rows[date(2026, 10, 9)].working_days_left == -1 and rows[date(2026, 10, 9)].overdue
    assert rows[date(2026, 10, 10)].working_days_left == 0 and not rows[date(2026, 10, 10)].overdue
    assert rows[date(2026, 10, 12)].working_days_left == 1  # Sunday 11th is off
    assert rows[date(2026, 10, 19)].working_days_left == 6
    overdue = services.postchecks.queue(clerk, overdue_only=True)
    assert [r.id for r in overdue] == [ids[date(2026, 9, 30)], ids[date(2026, 10, 9)]]
    assert services.postchecks.count(clerk, overdue_only=True) == 2

    # An administrator's override wins over the package: the 9th declared a holiday.
    admin = services.accounts.authenticate("admin", "admin-pass-1")
    services.calendar.set_override(admin, date(2026, 10, 9), False, "停止办公")
    assert {r.due_date: r.working_days_left for r in services.postchecks.queue(clerk)}[date(2026, 9, 30)] == -2


def test_queue_filters(services: Services, clerk: Actor, supervisor: Actor) -> None:
    a = fast_tracked(services, clerk, "张三", date(2026, 11, 2))
    b = fast_tracked(services, clerk, "李四", date(2026, 11, 3))
    c1 = add_check(services, a, K.DATA_COMPARISON, date(2026, 11, 18))  # overdue
    c2 = add_check(services, a, K.PERIODIC, date(2027, 5, 2))
    c3 = add_check(services, b, K.DATA_COMPARISON, date(2026, 12, 3))
    c4 = add_check(services, b, K.SPOT_CHECK, date(2026, 11, 10), S.PASSED)  # passed late: not overdue

    def ids(**filters: object) -> list[int]:
        rows = services.postchecks.queue(clerk, **filters)  # type: ignore[arg-type]
        assert services.postchecks.count(clerk, **filters) == len(rows)  # type: ignore[arg-type]
        return [r.id for r in rows]

    assert ids() == [c4, c1, c3, c2]
    assert ids(status=S.DUE) == [c1, c3, c2]
    assert ids(status=[S.PASSED, S.PROBLEM]) == [c4]
    assert ids(kind=K.DATA_COMPARISON) == [c1, c3]
    assert ids(due_before=date(2026, 12, 3)) == [c4, c1, c3]
    assert ids(overdue_only=True) == [c1]
    assert ids(overdue_only=True, status=S.PASSED) == []
    assert ids(text="张") == [c1, c2]
    assert ids(text="ls") == [c4, c3]
    assert ids(text=number_of(services, b)) == [c4, c3]
    with services.db.reading() as session:
        resident_id = session.scalar(select(Person.resident_id).join(Application, Application.applicant_id == Person.id)
                                     .where(Application.id == a))
    assert ids(text=str(resident_id)) == [c1, c2]
    assert ids(text="王") == []
    rows = services.postchecks.queue(clerk, offset=1, limit=2)
    assert [r.id for r in rows] == [c1, c3]
    c4_row = services.postchecks.get(supervisor, c4)
    assert c4_row.working_days_left is None and not c4_row.overdue and not c4_row.is_open


def test_other_halls_checks_are_not_shown(services: Services, clerk: Actor) -> None:
    with services.db.transaction() as session:
        session.add(Hall(code="HT02", name="荷塘区宋家桥街道便民服务中心"))
    services.accounts.add_user(SYSTEM, "clerk2", "陈芳", Role.CLERK, "clerk2-pass-1", hall_code="HT02")
    other = services.accounts.authenticate("clerk2", "clerk2-pass-1")
    check = add_check(services, fast_tracked(services, clerk, "张三", date(2026, 11, 2)), K.PERIODIC,
                      date(2027, 5, 2))
    assert services.postchecks.queue(other) == [] and services.postchecks.count(other) == 0
    with pytest.raises(NotFound):
        services.postchecks.record_result(other, check, 1, S.PASSED)


# -- recording results --------------------------------------------------------------------------------

def test_record_passed_and_problem_with_audit(services: Services, clerk: Actor, supervisor: Actor) -> None:
    application = fast_tracked(services, clerk, "张三", date(2026, 11, 2))
    first = add_check(services, application, K.DATA_COMPARISON, date(2026, 12, 2))
    second = add_check(services, application, K.PERIODIC, date(2027, 5, 2))

    row = services.postchecks.record_result(clerk, first, 1, S.PASSED, "  与民政核对系统比对一致  ")
    assert (row.status, row.version, row.result, row.done_by_name) == (S.PASSED, 2, "与民政核对系统比对一致", "王丽")
    assert row.done_at == services.clock.now() and row.working_days_left is None
    with pytest.raises(InvalidTransition, match="核查无误"):
        services.postchecks.record_result(clerk, first, 2, S.PROBLEM, "又发现问题", BreachGrade.MINOR)

    row = services.postchecks.record_result(supervisor, second, 1, S.PROBLEM, "隐瞒一辆小型汽车", BreachGrade.SERIOUS)
    assert (row.status, row.breach_grade, row.version) == (S.PROBLEM, BreachGrade.SERIOUS, 2) and row.is_open
    # Tracing the problem: put right, the check passes.
    row = services.postchecks.record_result(supervisor, second, 2, S.PASSED, "已整改，车辆已处置")
    assert (row.status, row.breach_grade, row.version) == (S.PASSED, BreachGrade.NONE, 3)

    scheduled, *trail = audit.trail(services.db, "post_check", second)
    assert scheduled.action == "postcheck.schedule"  # add_check's, as a submit's
    assert [e.action for e in trail] == ["postcheck.record", "postcheck.record"]
    assert trail[0].detail["status"] == ["due", "problem"]
    assert trail[0].detail["breach_grade"] == ["none", "serious"]
    assert trail[0].detail["result"] == ["", "隐瞒一辆小型汽车"]
    assert trail[0].detail["application"] == number_of(services, application)
    assert trail[1].detail["status"] == ["problem", "passed"]
    scheduled_entry, *history = services.postchecks.history(clerk, second)
    assert scheduled_entry.action == "postcheck.schedule"
    assert [(h.actor_name, h.status, h.breach_grade, h.note) for h in history] == [
        ("李强", S.PROBLEM, BreachGrade.SERIOUS, "隐瞒一辆小型汽车"),
        ("李强", S.PASSED, BreachGrade.NONE, "已整改，车辆已处置")]
    assert audit.verify(services.db).ok


def test_result_must_be_complete(services: Services, clerk: Actor) -> None:
    check = add_check(services, fast_tracked(services, clerk, "张三", date(2026, 11, 2)), K.PERIODIC,
                      date(2027, 5, 2))
    with pytest.raises(ValidationFailed) as refused:
        services.postchecks.record_result(clerk, check, 1, S.PROBLEM, "")
    assert set(refused.value.fields) == {"breach_grade", "result_note"}
    with pytest.raises(ValidationFailed, match="失信"):
        services.postchecks.record_result(clerk, check, 1, S.PASSED, "无误", BreachGrade.MINOR)
    with pytest.raises(ValidationFailed):
        services.postchecks.record_result(clerk, check, 1, S.CANCELLED, "")
    with pytest.raises(ValidationFailed, match="2000"):
        services.postchecks.record_result(clerk, check, 1, S.PASSED, "长" * 2001)
    with pytest.raises(NotFound):
        services.postchecks.record_result(clerk, 999_999, 1, S.PASSED)
    assert services.postchecks.get(clerk, check).version == 1  # nothing was written


def test_stale_version_is_refused_naming_who_recorded(services: Services, clerk: Actor, supervisor: Actor) -> None:
    check = add_check(services, fast_tracked(services, clerk, "张三", date(2026, 11, 2)), K.DATA_COMPARISON,
                      date(2026, 12, 2))
    seen = services.postchecks.get(supervisor, check)
    services.postchecks.record_result(clerk, check, seen.version, S.PROBLEM, "收入未申报", BreachGrade.MINOR)
    with pytest.raises(ConflictError) as conflict:
        services.postchecks.record_result(supervisor, check, seen.version, S.PASSED, "无误")
    assert conflict.value.changed_by == "王丽" and conflict.value.current_version == 2
    assert "王丽" in conflict.value.message and "发现问题" in conflict.value.message
    row = services.postchecks.get(supervisor, check)
    assert (row.status, row.result) == (S.PROBLEM, "收入未申报")


# -- permissions --------------------------------------------------------------------------------------

def test_department_officers_and_administrators_are_refused(
        services: Services, admin: Actor, clerk: Actor, department: Actor) -> None:
    check = add_check(services, fast_tracked(services, clerk, "张三", date(2026, 11, 2)), K.PERIODIC,
                      date(2027, 5, 2))
    for actor in (department, admin):
        with pytest.raises(PermissionDenied):
            services.postchecks.queue(actor)
        with pytest.raises(PermissionDenied):
            services.postchecks.count(actor)
        with pytest.raises(PermissionDenied):
            services.postchecks.record_result(actor, check, 1, S.PASSED)
        with pytest.raises(PermissionDenied):
            services.postchecks.draw_spot_checks(actor, 10, 1)
    with pytest.raises(PermissionDenied):
        services.postchecks.draw_spot_checks(clerk, 10, 1)  # drawing is the supervisor's
    with pytest.raises(PermissionDenied):
        services.postchecks.spot_check_pool(clerk)


# -- spot checks --------------------------------------------------------------------------------------

@pytest.fixture
def pool(services: Services, clerk: Actor) -> list[int]:
    """Today is Friday 2026-11-20; “recent” is the 90 days from 2026-08-23."""
    with services.db.transaction() as session:
        session.add(Hall(code="HT02", name="荷塘区宋家桥街道便民服务中心"))
    inside = [fast_tracked(services, clerk, f"张{i}", date(2026, 11, i + 1)) for i in range(6)]
    inside.append(fast_tracked(services, clerk, "边界", date(2026, 8, 23)))
    fast_tracked(services, clerk, "过早", date(2026, 8, 22))
    fast_tracked(services, clerk, "普通", date(2026, 11, 10), fast_track=False)
    fast_tracked(services, clerk, "撤回", date(2026, 11, 10), status=ApplicationStatus.WITHDRAWN)
    fast_tracked(services, clerk, "他厅", date(2026, 11, 10), hall_code="HT02")
    checked = fast_tracked(services, clerk, "已抽", date(2026, 11, 10))
    add_check(services, checked, K.SPOT_CHECK, date(2026, 12, 10), S.PASSED)
    return inside


def test_spot_check_draw_follows_the_rule(services: Services, supervisor: Actor, pool: list[int],
                                          tmp_path: Path) -> None:
    numbers = sorted(number_of(services, i) for i in pool)
    available = services.postchecks.spot_check_pool(supervisor)
    assert (available.size, available.received_from, available.sample_size(30)) == (7, date(2026, 8, 23), 3)

    copy = sqlite_backup(services.db, tmp_path / "copy.sqlite3")  # the online backup API (WAL included)
    drawn = services.postchecks.draw_spot_checks(supervisor, 30, seed=2026)
    # ceil(7 × 30 %) = 3, drawn from the pool in receipt-number order with random.Random(seed).sample.
    assert sorted(r.application_number for r in drawn) == sorted(random.Random(2026).sample(numbers, 3))
    # 20 working days after Friday 20 November 2026 (no holiday until then): Friday 18 December.
    assert SPOT_CHECK_WORKING_DAYS == 20
    assert {(r.kind, r.due_date, r.status, r.working_days_left) for r in drawn} == {
        (K.SPOT_CHECK, date(2026, 12, 18), S.DUE, 20)}

    # The same seed on the same pool at another desk (a copy of the database) draws the same.
    other = make_services(Database(f"sqlite:///{copy}"), services.clock)
    try:
        again = other.postchecks.draw_spot_checks(supervisor, 30, seed=2026)
        assert [r.application_number for r in again] == [r.application_number for r in drawn]
    finally:
        other.close()

    event = next(e for e in audit.trail(services.db, "post_check", "") if e.action == "postcheck.spot_draw")
    assert event.detail["seed"] == 2026 and event.detail["pool"] == 7 and event.detail["percent"] == 30
    assert event.detail["drawn"] == sorted(r.application_number for r in drawn)

    # Drawn applications leave the pool; 100 % takes the rest, then nothing is left.
    rest = services.postchecks.draw_spot_checks(supervisor, 100, seed=7)
    assert sorted(r.application_number for r in rest + drawn) == numbers
    assert services.postchecks.draw_spot_checks(supervisor, 50, seed=7) == []
    assert services.postchecks.count(supervisor, kind=K.SPOT_CHECK, status=S.DUE) == 7


def test_spot_check_draw_input(services: Services, supervisor: Actor, pool: list[int]) -> None:
    for percent, seed in ((0, 1), (101, 1), (10, -1), (True, 1)):
        with pytest.raises(ValidationFailed):
            services.postchecks.draw_spot_checks(supervisor, percent, seed)
    assert len(services.postchecks.draw_spot_checks(supervisor, 1, seed=1)) == 1  # at least one


# -- PostgreSQL ---------------------------------------------------------------------------------------

@pytest.mark.pg
def test_record_result_on_postgresql(pg_db: Database, clock: FixedClock) -> None:
    services = make_services(pg_db, clock)
    setup_hall(services)
    clerk = add_user(services, "clerk1", Role.CLERK, "王丽")
    supervisor = add_user(services, "super1", Role.SUPERVISOR, "李强")
    submitted = services.intake.submit(clerk, zhuzhou_form())
    checks = services.postchecks.queue(clerk, text="张")
    assert checks[0].application_number == submitted.number and checks[0].kind is K.DATA_COMPARISON

    row = services.postchecks.record_result(clerk, checks[0].id, 1, S.PROBLEM, "存款未如实申报", BreachGrade.SEVERE)
    assert (row.status, row.breach_grade, row.version, row.done_by_name) == (
        S.PROBLEM, BreachGrade.SEVERE, 2, "王丽")
    with pytest.raises(ConflictError) as conflict:
        services.postchecks.record_result(supervisor, checks[0].id, 1, S.PASSED)
    assert conflict.value.changed_by == "王丽"

    # Two desks record the same check at the same moment: one wins, the other is told who.
    target = checks[-1].id
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def record(actor: Actor, note: str) -> None:
        desk = make_services(Database(pg_db.url.render_as_string(hide_password=False)), clock)
        try:
            barrier.wait()
            outcomes[actor.username] = desk.postchecks.record_result(actor, target, 1, S.PASSED, note)
        except ConflictError as exc:
            outcomes[actor.username] = exc
        finally:
            desk.close()

    threads = [threading.Thread(target=record, args=(a, n)) for a, n in ((clerk, "窗口一"), (supervisor, "窗口二"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    winners = [name for name, o in outcomes.items() if not isinstance(o, ConflictError)]
    losers = [o for o in outcomes.values() if isinstance(o, ConflictError)]
    assert len(winners) == 1 and len(losers) == 1
    assert losers[0].changed_by == {"clerk1": "王丽", "super1": "李强"}[winners[0]]
    assert services.postchecks.get(clerk, target).version == 2
    assert audit.verify(services.db).ok

    drawn = services.postchecks.draw_spot_checks(supervisor, 100, seed=1)
    assert len(drawn) == (0 if PostCheckPlan().spot_checked(submitted.number) else 1)


def test_grades_and_results_by_their_chinese_labels(services: Services, clerk: Actor) -> None:
    check = add_check(services, fast_tracked(services, clerk, "张三", date(2026, 11, 2)), K.PERIODIC,
                      date(2027, 5, 2))
    row = services.postchecks.record_result(clerk, check, 1, "发现问题", "收入未申报", "较重")  # type: ignore[arg-type]
    assert (row.status, row.breach_grade) == (S.PROBLEM, BreachGrade.SERIOUS)
    with pytest.raises(ValidationFailed, match="一般"):
        services.postchecks.record_result(clerk, check, 2, S.PROBLEM, "收入未申报", "很重")  # type: ignore[arg-type]
