"""Calendar overrides on a real SQLite file: the override wins over the package, the 2027 fallback
warning goes once the year is entered, pasted schedules, audit, permissions and the window's copy.

Expected dates are worked out by hand from the published 2026 schedule (National Day: 1–7 October
off, Saturday 10 October worked) and the Monday–Friday rule for 2027.
"""

from __future__ import annotations

from datetime import date

import pytest

from intake_desk.domain.enums import Role
from intake_desk.policy.calendar import WorkCalendar
from intake_desk.services import audit
from intake_desk.services.actor import Actor
from intake_desk.services.calendar_service import CACHE_SECONDS, CalendarService, parse_schedule
from intake_desk.services.context import Services
from intake_desk.services.errors import NotFound, PermissionDenied, ValidationFailed
from intake_desk.services.referrals import load_calendar as referrals_load_calendar
from tests.conftest import add_user, make_services

SCHEDULE_2027 = """\
# 2027 年节假日安排（测试用示例，不是国务院公布的安排）
2027-01-01 休 元旦
2027-02-06 至 2027-02-12 休 春节
2027-02-14 班 春节调休
2027/10/1~7 休 国庆节
2027年10月9日 班
"""


@pytest.fixture
def department(services: Services, admin: Actor) -> Actor:
    return add_user(services, "edu1", Role.DEPARTMENT, "教育局经办人", department_code="education")


# -- the override wins over the package ---------------------------------------------------------------

def test_override_wins_over_the_package(services: Services, supervisor: Actor) -> None:
    calendar = services.calendar.calendar()
    # Received Wednesday 2026-09-30, 10 working days → Tuesday 2026-10-20 (DOMAIN.md).
    assert calendar.add_working_days(date(2026, 9, 30), 10) == date(2026, 10, 20)
    assert calendar.is_working_day(date(2026, 10, 8))  # the package: Thursday after the holiday, worked

    row = services.calendar.set_override(supervisor, date(2026, 10, 8), False, "  县里统一安排停止办公  ")
    assert (row.day, row.is_working_day, row.note) == (date(2026, 10, 8), False, "县里统一安排停止办公")
    assert row.package_says is True and row.differs_from_package is True
    assert row.created_by_name == "李强" and row.weekday_zh == "周四"

    calendar = services.calendar.calendar()
    assert not calendar.is_working_day(date(2026, 10, 8))
    assert calendar.add_working_days(date(2026, 9, 30), 10) == date(2026, 10, 21)
    # The services that write due dates read the same table through the same loader.
    with services.db.reading() as session:
        assert referrals_load_calendar(session).add_working_days(date(2026, 9, 30), 10) == date(2026, 10, 21)

    # A Saturday declared a working day counts.
    services.calendar.set_override(supervisor, date(2026, 10, 17), True, "补班")
    assert services.calendar.calendar().add_working_days(date(2026, 9, 30), 10) == date(2026, 10, 20)


def test_remove_override_gives_the_day_back_to_the_package(services: Services, admin: Actor) -> None:
    services.calendar.set_override(admin, date(2026, 10, 8), False)
    services.calendar.remove_override(admin, date(2026, 10, 8))
    assert services.calendar.calendar().is_working_day(date(2026, 10, 8))
    assert services.calendar.overrides(admin) == []
    with pytest.raises(NotFound, match="2026-10-08"):
        services.calendar.remove_override(admin, date(2026, 10, 8))


def test_changes_are_audited_before_and_after(services: Services, admin: Actor) -> None:
    day = date(2027, 1, 4)
    services.calendar.set_override(admin, day, False, "示例")
    services.calendar.set_override(admin, day, False, "示例")  # the same word again: nothing changes
    services.calendar.set_override(admin, day, True, "改为上班")
    services.calendar.remove_override(admin, day)
    trail = audit.trail(services.db, "calendar_override", day.isoformat())
    assert [e.action for e in trail] == ["calendar.override.set", "calendar.override.set",
                                         "calendar.override.remove"]
    assert trail[0].detail == {"is_working_day": [None, False], "note": [None, "示例"]}
    assert trail[1].detail == {"is_working_day": [False, True], "note": ["示例", "改为上班"]}
    assert trail[2].detail == {"is_working_day": [True, None], "note": ["改为上班", None]}
    assert audit.verify(services.db).ok


# -- 2027: Monday–Friday until entered ----------------------------------------------------------------

def test_2027_falls_back_until_the_schedule_is_imported(services: Services, admin: Actor) -> None:
    assert services.calendar.coverage(2026) == (True, 0)
    coverage = services.calendar.coverage(2027)
    assert coverage == (False, 0)
    covered_by_package, count = coverage
    assert not covered_by_package and count == 0 and coverage.uses_fallback
    assert "2027" in (coverage.warning(2027) or "") and "周一至周五" in (coverage.warning(2027) or "")
    before = services.calendar.calendar().add_working_days_checked(date(2026, 12, 30), 10)
    assert before.fallback_years == frozenset({2027})
    # Monday–Friday: 31 Dec, then 1, 4, 5, 6, 7, 8, 11, 12, 13 January.
    assert before.date == date(2027, 1, 13)

    result = services.calendar.import_schedule(admin, SCHEDULE_2027)
    # 1 + 7 + 1 + 7 + 1 days.
    assert (result.added, result.changed, result.unchanged, len(result.days)) == (17, 0, 0, 17)
    assert "17" in result.message

    coverage = services.calendar.coverage(2027)
    assert coverage == (False, 17) and not coverage.uses_fallback and coverage.warning(2027) is None
    after = services.calendar.calendar().add_working_days_checked(date(2026, 12, 30), 10)
    assert after.fallback_years == frozenset()
    # 31 Dec, then 4, 5, 6, 7, 8, 11, 12, 13, 14 January (1 January is now a holiday).
    assert after.date == date(2027, 1, 14)
    calendar = services.calendar.calendar()
    assert not calendar.is_working_day(date(2027, 2, 8))  # a Monday in the Spring Festival block
    assert calendar.is_working_day(date(2027, 2, 14))  # Sunday, worked
    assert not calendar.is_working_day(date(2027, 10, 7))
    assert calendar.is_working_day(date(2027, 10, 9))

    rows = services.calendar.overrides(admin, 2027)
    assert [r.day for r in rows][:3] == [date(2027, 1, 1), date(2027, 2, 6), date(2027, 2, 7)]
    assert rows[0].note == "元旦" and rows[0].package_says is None
    assert services.calendar.overrides(admin, 2026) == []

    # Pasting the same schedule again changes nothing but is still recorded once.
    again = services.calendar.import_schedule(admin, SCHEDULE_2027.splitlines())
    assert (again.added, again.changed, again.unchanged) == (0, 0, 17)
    events = [e for e in audit.trail(services.db, "calendar_override", "")]
    assert [e.action for e in events] == ["calendar.override.import"] * 2
    assert events[0].detail["added"] == 17 and events[0].detail["changes"]["2027-01-01"] == {
        "is_working_day": [None, False], "note": [None, "元旦"]}


def test_a_bad_line_refuses_the_whole_paste(services: Services, admin: Actor) -> None:
    text = "2027-01-01 休\n2027-02-30 休\n2027-03-01 上课\n"
    with pytest.raises(ValidationFailed) as refused:
        services.calendar.import_schedule(admin, text)
    assert set(refused.value.fields) == {"lines[2]", "lines[3]"}
    assert "2" in refused.value.message and "\n" not in refused.value.message
    assert services.calendar.overrides(admin) == []
    assert services.calendar.coverage(2027) == (False, 0)


# -- reading a pasted schedule ------------------------------------------------------------------------

def test_parse_schedule_formats() -> None:
    days = parse_schedule([
        "２０２７－０１－０１　休",  # full-width digits and space
        "2027/1/2 放假 元旦",
        "2027年1月3日休息",
        "",
        "# a comment",
        "2027-02-14，班，春节调休",
        "2027-02-20 work",
        "2027-05-01 holiday Labour Day",
        "2027-05-02~3 off",
    ])
    got = [(d.day, d.is_working_day, d.note) for d in days]
    assert got == [
        (date(2027, 1, 1), False, ""), (date(2027, 1, 2), False, "元旦"), (date(2027, 1, 3), False, ""),
        (date(2027, 2, 14), True, "春节调休"), (date(2027, 2, 20), True, ""),
        (date(2027, 5, 1), False, "Labour Day"), (date(2027, 5, 2), False, ""), (date(2027, 5, 3), False, ""),
    ]
    assert days[3].line_no == 6


@pytest.mark.parametrize(("line", "reason"), [
    ("2027-13-01 休", "不存在"),
    ("明年元旦 休", "看不懂"),
    ("2027-01-01", "休"),
    ("2027-01-01 offices", "休"),
    ("2027-01-05 至 2027-01-01 休", "范围"),
    ("2027-01-01 至 2027-03-01 休", "范围"),
    ("1999-12-31 休", "2000"),
    ("2027-01-01 休 " + "长" * 201, "200"),
])
def test_parse_schedule_refusals(line: str, reason: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        parse_schedule(["2027-01-04 班", line])
    assert list(refused.value.fields) == ["lines[2]"]
    assert reason in refused.value.message and len(refused.value.message) < 400


def test_parse_schedule_contradiction_and_empty() -> None:
    with pytest.raises(ValidationFailed, match="第 1 行.*第 2 行|Lines 1 and 2"):
        parse_schedule(["2027-02-06~12 休", "2027-02-07 班"])
    with pytest.raises(ValidationFailed, match="没有可导入"):
        parse_schedule(["", "# nothing"])


def test_set_override_refuses_bad_input(services: Services, admin: Actor) -> None:
    with pytest.raises(ValidationFailed) as refused:
        services.calendar.set_override(admin, date(1999, 1, 1), False, "x\x00y")
    assert set(refused.value.fields) == {"day", "note"}


# -- permissions --------------------------------------------------------------------------------------

def test_only_supervisors_and_administrators_change_the_calendar(
        services: Services, admin: Actor, clerk: Actor, supervisor: Actor, department: Actor) -> None:
    for actor in (clerk, department):
        with pytest.raises(PermissionDenied):
            services.calendar.set_override(actor, date(2027, 1, 1), False)
        with pytest.raises(PermissionDenied):
            services.calendar.import_schedule(actor, "2027-01-01 休")
        with pytest.raises(PermissionDenied):
            services.calendar.remove_override(actor, date(2027, 1, 1))
    services.calendar.set_override(supervisor, date(2027, 1, 1), False)
    services.calendar.set_override(admin, date(2027, 1, 4), True)
    # Every role may read the calendar.
    assert len(services.calendar.overrides(clerk)) == len(services.calendar.overrides(department)) == 2


# -- the window's copy --------------------------------------------------------------------------------

def test_window_copy_is_refreshed_after_a_change_and_after_a_minute(services: Services, admin: Actor) -> None:
    now = [1000.0]
    mine = CalendarService(services.db, services.clock, monotonic=lambda: now[0])
    other_desk = make_services(services.db, services.clock)
    first = mine.calendar()
    assert mine.calendar() is first  # cached

    other_desk.calendar.set_override(admin, date(2026, 12, 1), False, "另一窗口录入")
    now[0] += CACHE_SECONDS - 1
    assert mine.calendar() is first and mine.calendar().is_working_day(date(2026, 12, 1))
    now[0] += 2
    assert not mine.calendar().is_working_day(date(2026, 12, 1))

    mine.set_override(admin, date(2026, 12, 2), False)
    assert not mine.calendar().is_working_day(date(2026, 12, 2))  # own change: at once
    assert isinstance(mine.refresh(), WorkCalendar)
