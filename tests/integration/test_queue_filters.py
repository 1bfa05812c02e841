"""The referral queue on real databases (SQLite and PostgreSQL): filters, sorting, keyset pages, counts, working-day bounds.

Every expectation is computed by hand from the data below (and the 2026 holiday schedule), not by
the code under test.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pytest
from sqlalchemy import select

from intake_desk.domain.enums import ReferralStatus, Role
from intake_desk.services.actor import SYSTEM, Actor
from intake_desk.services.clock import LOCAL_ZONE, FixedClock
from intake_desk.services.context import Services
from intake_desk.services.errors import ValidationFailed
from intake_desk.services.queues import QueueSort, ReferralFilter, classify_text
from intake_desk.store.models import Application, CalendarOverride, Hall, Person
from tests.conftest import add_user, make_services
from tests.referral_data import ensure_departments, local_at, make_application, make_referral, officer

S = ReferralStatus


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def services(request: pytest.FixtureRequest, clock: FixedClock) -> Services:
    """Every test here runs on a SQLite file and on PostgreSQL (text search differs between them)."""
    database = request.getfixturevalue("db" if request.param == "sqlite" else "pg_db")
    return make_services(database, clock)


@pytest.fixture
def supervisor(services: Services, admin: Actor) -> Actor:
    """The county's supervisor (no hall): the queue of both halls below. A hall's own supervisor sees
    only that hall (services/scope.py; tests/unit/services/test_permissions_matrix.py)."""
    services.accounts.add_user(SYSTEM, "super1", "李强", Role.SUPERVISOR, "super1-pass-1", county=True)
    return services.accounts.authenticate("super1", "super1-pass-1")


@dataclass(frozen=True)
class Spec:
    key: str
    name: str
    department: str
    status: ReferralStatus
    due: date
    created: date
    hall: str = "HT01"
    clerk: str = "clerk1"


# Today is Friday 2026-11-20 (the services fixture's clock).
SPECS = [
    Spec("a", "张三", "medical", S.SENT, date(2026, 11, 18), date(2026, 11, 2)),       # overdue
    Spec("b", "张三丰", "medical", S.IN_PROGRESS, date(2026, 11, 20), date(2026, 11, 6)),  # due today
    Spec("c", "李四", "medical", S.COMPLETED, date(2026, 11, 10), date(2026, 10, 27)),   # finished late: not overdue
    Spec("d", "王五", "education", S.PENDING, date(2026, 11, 24), date(2026, 11, 10), hall="HT02"),  # due in 2 wd
    Spec("e", "赵六", "education", S.RECEIVED, date(2026, 11, 25), date(2026, 11, 12), clerk="clerk2"),  # 3 wd
    Spec("f", "钱七", "housing", S.RETURNED, date(2026, 11, 19), date(2026, 11, 5)),     # overdue
    Spec("g", "孙八", "housing", S.CANCELLED, date(2026, 11, 1), date(2026, 10, 20)),
    Spec("h", "周九", "employment", S.PROPOSED, date(2026, 12, 4), date(2026, 11, 20), hall="HT02", clerk="clerk2"),
    Spec("i", "吴十", "medical", S.DECLINED, date(2026, 11, 30), date(2026, 11, 16)),
]


@pytest.fixture
def world(services: Services, admin: Actor, clerk: Actor, supervisor: Actor) -> dict[str, int]:
    ensure_departments(services)
    with services.db.transaction() as session:
        session.add(Hall(code="HT02", name="荷塘区宋家桥街道便民服务中心"))
    clerk2 = add_user(services, "clerk2", Role.CLERK, "陈芳")
    clerks = {"clerk1": clerk, "clerk2": clerk2}
    ids: dict[str, int] = {}
    for spec in SPECS:
        created = local_at(spec.created, 9)
        application = make_application(services, clerks[spec.clerk], spec.name, received=created,
                                       hall_code=spec.hall)
        ids[spec.key] = make_referral(services, supervisor, application, spec.department, spec.status,
                                      due_date=spec.due, at=created, creator=clerks[spec.clerk])
    return ids


def _keys(world: dict[str, int], rows: object) -> list[str]:
    by_id = {v: k for k, v in world.items()}
    return [by_id[r.id] for r in rows]  # type: ignore[attr-defined]


def _page(services: Services, actor: Actor, world: dict[str, int], sort: QueueSort = QueueSort.DUE,
          **filters: object) -> list[str]:
    return _keys(world, services.queues.page(actor, ReferralFilter(**filters), sort).rows)  # type: ignore[arg-type]


def test_sorting(services: Services, supervisor: Actor, world: dict[str, int]) -> None:
    assert _page(services, supervisor, world) == ["g", "c", "a", "f", "b", "d", "e", "i", "h"]
    assert _page(services, supervisor, world, QueueSort.AGE) == ["g", "c", "a", "f", "b", "d", "e", "i", "h"]
    assert _page(services, supervisor, world, QueueSort.NEWEST) == ["h", "i", "e", "d", "b", "f", "a", "c", "g"]
    # Department order is the order the departments were created in; due date within each.
    department_order = _page(services, supervisor, world, QueueSort.DEPARTMENT)
    assert department_order == ["d", "e", "c", "a", "b", "i", "g", "f", "h"]


def test_filters(services: Services, supervisor: Actor, world: dict[str, int]) -> None:
    assert _page(services, supervisor, world, department_codes=("medical",)) == ["c", "a", "b", "i"]
    assert _page(services, supervisor, world, statuses=(S.SENT, S.RETURNED)) == ["a", "f"]
    assert _page(services, supervisor, world, overdue=True) == ["a", "f"]
    assert _page(services, supervisor, world, due_within_days=2) == ["b", "d"]
    assert _page(services, supervisor, world, due_within_days=3) == ["b", "d", "e"]
    assert _page(services, supervisor, world, due_within_days=0) == ["b"]
    assert _page(services, supervisor, world, hall_codes=("HT02",)) == ["d", "h"]
    assert _page(services, supervisor, world, clerk_usernames=("clerk2",)) == ["e", "h"]
    assert _page(services, supervisor, world, created_from=date(2026, 11, 10),
                 created_to=date(2026, 11, 16)) == ["d", "e", "i"]
    assert _page(services, supervisor, world, open_only=True) == ["a", "f", "b", "d", "e", "h"]
    assert _page(services, supervisor, world, overdue=True, department_codes=("housing",)) == ["f"]
    assert _page(services, supervisor, world, overdue=True, statuses=(S.COMPLETED,)) == []
    assert _page(services, supervisor, world, department_codes=("nowhere",)) == []


def test_text_search(services: Services, supervisor: Actor, world: dict[str, int]) -> None:
    assert _page(services, supervisor, world, text="张三") == ["a", "b"]
    assert _page(services, supervisor, world, text="张三丰") == ["b"]
    assert _page(services, supervisor, world, text="zs") == ["a", "b"]
    assert _page(services, supervisor, world, text="ZSF") == ["b"]
    assert _page(services, supervisor, world, text="ww") == ["d"]
    detail = services.referrals.get(supervisor, world["e"])
    assert _page(services, supervisor, world, text=detail.number.lower()) == ["e"]
    assert _page(services, supervisor, world, text=detail.application_number) == ["e"]
    with services.db.reading() as session:
        resident_id = session.scalar(select(Person.resident_id).join(Application, Application.applicant_id == Person.id)
                                     .where(Application.id == detail.application_id))
    assert resident_id
    assert _page(services, supervisor, world, text=resident_id) == ["e"]
    assert _page(services, supervisor, world, text=f" {resident_id} ") == ["e"]
    assert _page(services, supervisor, world, text="欧阳") == []


def test_classify_text() -> None:
    assert classify_text(" zs ") == ("initials", "zs")
    assert classify_text("ht01-2026") == ("number", "HT01-2026")
    assert classify_text("阿卜杜·热合曼") == ("name", "阿卜杜·热合曼")
    assert classify_text("𠮷") == ("name", "𠮷")
    assert classify_text("110101199003070") == ("number", "110101199003070")  # not a valid ID: a number prefix


def test_keyset_pages_give_every_row_once(services: Services, supervisor: Actor, world: dict[str, int]) -> None:
    for sort in QueueSort:
        everything = _keys(world, services.queues.page(supervisor, ReferralFilter(), sort).rows)
        seen: list[str] = []
        cursor = None
        pages = 0
        while True:
            page = services.queues.page(supervisor, ReferralFilter(), sort, after=cursor, limit=2)
            seen += _keys(world, page.rows)
            pages += 1
            if page.next_cursor is None:
                break
            cursor = page.next_cursor
        assert seen == everything, sort
        assert pages == 5
    with pytest.raises(ValidationFailed):
        services.queues.page(supervisor, ReferralFilter(), QueueSort.AGE, after=cursor, limit=2)


def test_rows_carry_overdue_age_and_names(services: Services, supervisor: Actor, world: dict[str, int]) -> None:
    rows = {k: r for k, r in zip(_page(services, supervisor, world), services.queues.page(
        supervisor, ReferralFilter()).rows, strict=True)}
    assert rows["a"].overdue and rows["f"].overdue and not rows["c"].overdue and not rows["b"].overdue
    assert rows["b"].due_in_working_days == 0 and rows["d"].due_in_working_days == 2
    assert rows["e"].due_in_working_days == 3 and rows["a"].due_in_working_days is None
    # Created Monday 2 November, today Friday 20 November: 14 working days.
    assert rows["a"].age_working_days == 14 and rows["a"].aging.label == ">10"
    assert rows["h"].age_working_days == 0 and rows["h"].aging.label == "0–3"
    # Finished referrals stop aging when they finish (completed on the day the helper moved it).
    assert rows["c"].department_name == "医疗保障局" and rows["d"].hall_code == "HT02"
    assert rows["e"].created_by_name == "陈芳"


def test_counts_per_department_and_status(services: Services, supervisor: Actor, world: dict[str, int]) -> None:
    matrix = services.queues.counts(supervisor)
    assert matrix.count("medical", S.SENT) == 1
    assert matrix.count("medical", S.IN_PROGRESS) == 1
    assert matrix.count("medical", S.COMPLETED) == 1
    assert matrix.count("medical", S.DECLINED) == 1
    assert matrix.count("education", S.PENDING) == 1 and matrix.count("education", S.RECEIVED) == 1
    assert matrix.count("housing", S.RETURNED) == 1 and matrix.count("housing", S.CANCELLED) == 1
    assert matrix.count("employment", S.PROPOSED) == 1
    assert matrix.total == 9
    assert matrix.department_total("medical") == 4 and matrix.open_total("medical") == 2
    assert matrix.overdue == {"medical": 1, "housing": 1}
    assert matrix.status_total(S.SENT) == 1
    # Open referrals by working days since creation (today Friday 20 November):
    # a 2 Nov → 14, b 6 Nov → 10, d 10 Nov → 8, e 12 Nov → 6, f 5 Nov → 11, h 20 Nov → 0.
    assert matrix.aging == {"0–3": 1, "4–7": 1, "8–10": 2, ">10": 2}
    scoped = services.queues.counts(supervisor, ReferralFilter(hall_codes=("HT02",), text="ignored"))
    assert scoped.total == 2 and scoped.aging == {"0–3": 1, "4–7": 0, "8–10": 1, ">10": 0}


def test_count_is_capped(services: Services, supervisor: Actor, world: dict[str, int]) -> None:
    assert services.queues.count(supervisor, ReferralFilter()) == (9, False)
    assert services.queues.count(supervisor, ReferralFilter(), cap=5) == (5, True)
    assert services.queues.count(supervisor, ReferralFilter(overdue=True)) == (2, False)


def test_a_department_sees_only_its_own(services: Services, supervisor: Actor, world: dict[str, int]) -> None:
    medical = officer(services, "yibao1", "medical", "赵医保")
    assert _page(services, medical, world) == ["c", "a", "b", "i"]
    assert _page(services, medical, world, department_codes=("housing",)) == []
    matrix = services.queues.counts(medical)
    assert matrix.total == 4 and [c for c, _ in matrix.departments] == ["medical"]
    summary = services.queues.summary(medical)
    assert (summary.overdue, summary.due_soon) == (1, 1)
    assert summary.scope == "医疗保障局" and "1 条转介已逾期" in summary.message


def test_sign_in_summary(services: Services, supervisor: Actor, clerk: Actor, world: dict[str, int]) -> None:
    everything = services.queues.summary(supervisor)
    assert (everything.overdue, everything.due_soon) == (2, 2)
    assert everything.message.startswith("全部转介：2 条转介已逾期，2 条将在 2 个工作日内到期")
    hall = services.queues.summary(clerk)  # the clerk's hall HT01: d is in HT02
    assert (hall.overdue, hall.due_soon) == (2, 1)


# -- working days around a holiday ------------------------------------------------------------------

HOLIDAY_SPECS = [
    # key, due, created (National Day 2026: 1–7 October off, Saturday 10 October a make-up working day;
    # Mid-autumn 25–27 September off, Sunday 20 September a make-up working day)
    ("overdue", date(2026, 9, 29), date(2026, 9, 15)),
    ("today", date(2026, 9, 30), date(2026, 9, 16)),
    ("in_holiday", date(2026, 10, 5), date(2026, 9, 17)),
    ("second", date(2026, 10, 9), date(2026, 9, 23)),
    ("makeup_saturday", date(2026, 10, 10), date(2026, 9, 24)),
    ("later", date(2026, 10, 12), date(2026, 9, 30)),
]


@pytest.fixture
def holiday_world(services: Services, clock: FixedClock, admin: Actor, clerk: Actor,
                  supervisor: Actor) -> dict[str, int]:
    clock.at = datetime(2026, 9, 30, 10, 0, tzinfo=LOCAL_ZONE)
    ensure_departments(services)
    ids = {}
    for key, due, created in HOLIDAY_SPECS:
        at = local_at(created, 9)
        application = make_application(services, clerk, "韩梅梅", received=at)
        ids[key] = make_referral(services, supervisor, application, "medical", S.SENT, due_date=due, at=at)
    return ids


def test_due_within_counts_working_days_over_the_national_day(services: Services, supervisor: Actor,
                                                               holiday_world: dict[str, int]) -> None:
    # Wednesday 30 September: +1 working day is Thursday 8 October, +2 is Friday 9 October.
    assert _page(services, supervisor, holiday_world, overdue=True) == ["overdue"]
    assert _page(services, supervisor, holiday_world, due_within_days=1) == ["today", "in_holiday"]
    assert _page(services, supervisor, holiday_world, due_within_days=2) == ["today", "in_holiday", "second"]
    assert _page(services, supervisor, holiday_world, due_within_days=3) == [
        "today", "in_holiday", "second", "makeup_saturday"]
    summary = services.queues.summary(supervisor)
    assert (summary.overdue, summary.due_soon) == (1, 3)


def test_aging_buckets_skip_the_mid_autumn_holiday(services: Services, supervisor: Actor,
                                                   holiday_world: dict[str, int]) -> None:
    rows = {k: r for k, r in zip(_page(services, supervisor, holiday_world), services.queues.page(
        supervisor, ReferralFilter()).rows, strict=True)}
    # Working days after the creation day up to Wednesday 30 September:
    # 24 Sep → 28, 29, 30 = 3 (25–27 off); 23 Sep → 4; 17 Sep → 18, 20 (make-up), 21–24, 28–30 = 9;
    # 16 Sep → 10; 15 Sep → 11; 30 Sep → 0.
    assert {k: r.age_working_days for k, r in rows.items()} == {
        "makeup_saturday": 3, "second": 4, "in_holiday": 9, "today": 10, "overdue": 11, "later": 0}
    assert services.queues.counts(supervisor).aging == {"0–3": 2, "4–7": 1, "8–10": 2, ">10": 1}


def test_a_calendar_override_moves_the_bounds(services: Services, clock: FixedClock, supervisor: Actor,
                                              holiday_world: dict[str, int]) -> None:
    with services.db.transaction() as session:  # the administrator declares Friday 9 October a holiday
        session.add(CalendarOverride(day=date(2026, 10, 9), is_working_day=False, note="临时调整"))
    assert _page(services, supervisor, holiday_world, due_within_days=2) == [
        "today", "in_holiday", "second", "makeup_saturday"]
    # A week after the holiday, Thursday 8 October: due 30 September and 5 October are now overdue.
    clock.at = datetime(2026, 10, 8, 10, 0, tzinfo=LOCAL_ZONE)
    assert _page(services, supervisor, holiday_world, overdue=True) == ["overdue", "today", "in_holiday"]
    assert services.queues.page(supervisor, ReferralFilter()).rows[0].due_date == date(2026, 9, 29)


def test_bad_filters_are_refused(services: Services, supervisor: Actor, world: dict[str, int]) -> None:
    with pytest.raises(ValidationFailed, match="负数"):
        services.queues.page(supervisor, ReferralFilter(due_within_days=-1))
    with pytest.raises(ValidationFailed, match="开始日期"):
        services.queues.page(supervisor, ReferralFilter(created_from=date(2026, 11, 2), created_to=date(2026, 11, 1)))
    with pytest.raises(ValidationFailed):
        services.queues.page(supervisor, ReferralFilter(), limit=0)



def test_open_referrals_use_the_partial_index(services: Services, supervisor: Actor, world: dict[str, int]) -> None:
    """The queue writes the open-status predicate exactly as the partial indexes declare it."""
    from sqlalchemy import event

    from intake_desk.store.models import OPEN_REFERRALS

    sent: list[tuple[str, object]] = []

    def grab(conn: object, cursor: object, statement: str, parameters: object, context: object,
             executemany: bool) -> None:
        sent.append((statement, parameters))

    event.listen(services.db.engine, "before_cursor_execute", grab)
    try:
        services.queues.page(supervisor, ReferralFilter(overdue=True), QueueSort.DUE)
    finally:
        event.remove(services.db.engine, "before_cursor_execute", grab)
    statement, parameters = next((s, p) for s, p in sent if "ORDER BY" in s and "FROM referrals" in s)
    assert OPEN_REFERRALS in statement.replace("referrals.status", "status")
    if services.db.is_sqlite:
        # INDEXED BY fails ("no query solution") unless the query's WHERE implies the index's predicate.
        forced = statement.replace("FROM referrals", "FROM referrals INDEXED BY ix_referrals_open_due_date", 1)
        with services.db.engine.connect() as connection:
            plan = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + forced, parameters).all()
        assert any("ix_referrals_open_due_date" in row[3] for row in plan), plan
