"""Urging ladder, callbacks and follow-ups through the real database (TEST_NOW: Friday 2026-11-20)."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from intake_desk.domain.enums import (
    CallbackSubject,
    DatedItemKind,
    PostCheckKind,
    Rating,
    ReferralStatus,
    Rung,
)
from intake_desk.services import audit
from intake_desk.services.actor import Actor
from intake_desk.services.clock import FixedClock
from intake_desk.services.context import Services
from intake_desk.services.errors import InvalidTransition, NotFound, PermissionDenied, ValidationFailed
from intake_desk.store.models import Application, PostCheck, PrintedDocument, Urging
from tests.conftest import TEST_NOW
from tests.referral_data import ensure_departments, make_application, make_referral, officer

S = ReferralStatus
EARLIER = TEST_NOW - timedelta(days=20)


@pytest.fixture
def org(services: Services, admin: Actor) -> dict[str, int]:
    return ensure_departments(services)


@pytest.fixture
def medical(services: Services, org: dict[str, int]) -> Actor:
    return officer(services, "yibao1", "medical", "赵医保")


@pytest.fixture
def housing(services: Services, org: dict[str, int]) -> Actor:
    return officer(services, "zhujian1", "housing", "钱住建")


def _referral(services: Services, clerk: Actor, supervisor: Actor, name: str, due: date,
              status: ReferralStatus = S.SENT, department: str = "medical") -> int:
    application = make_application(services, clerk, name, received=EARLIER)
    return make_referral(services, supervisor, application, department, status, due_date=due, at=EARLIER)


@pytest.fixture
def ladder(services: Services, clerk: Actor, supervisor: Actor, org: dict[str, int]) -> dict[str, int]:
    """One referral on each rung today (Friday 20 November 2026)."""
    return {
        "soon": _referral(services, clerk, supervisor, "甲一", date(2026, 11, 23)),      # Monday: 1 working day
        "urged": _referral(services, clerk, supervisor, "乙二", date(2026, 11, 19)),     # urged today
        "escalated": _referral(services, clerk, supervisor, "丙三", date(2026, 11, 10)),  # urged 11th, escalated 18th
        "later": _referral(services, clerk, supervisor, "丁四", date(2026, 12, 31)),
        "housing": _referral(services, clerk, supervisor, "戊五", date(2026, 11, 2), department="housing"),
        "done": _referral(services, clerk, supervisor, "己六", date(2026, 11, 2), status=S.COMPLETED),
    }


def _numbers(items: list) -> set[str]:  # type: ignore[type-arg]
    return {i.applicant_name for i in items}


def test_each_referral_stands_on_its_rung(services: Services, supervisor: Actor, ladder: dict[str, int]) -> None:
    items = {i.applicant_name: i for i in services.urging.items(supervisor)}
    assert set(items) == {"甲一", "乙二", "丙三", "戊五"}, "on track and finished items need no attention"
    assert items["甲一"].rung is Rung.DUE_SOON and items["甲一"].position.working_days_left == 1
    assert items["乙二"].rung is Rung.URGED and items["乙二"].position.working_days_overdue == 1
    assert items["丙三"].rung is Rung.ESCALATED
    assert items["丙三"].position.urged_on == date(2026, 11, 11)
    assert items["丙三"].position.escalated_on == date(2026, 11, 18)
    assert items["丙三"].responsible == "医疗保障局", "a sent referral is the department's to answer"
    assert items["丙三"].applicant_id_masked.count("*") == 8
    assert [i.applicant_name for i in services.urging.items(supervisor)][0] == "戊五", "earliest due first"
    assert _numbers(services.urging.items(supervisor, Rung.DUE_SOON)) == {"甲一"}
    assert _numbers(services.urging.items(supervisor, Rung.URGED)) == {"乙二"}
    assert _numbers(services.urging.items(supervisor, Rung.ESCALATED)) == {"丙三", "戊五"}
    assert _numbers(services.urging.items(supervisor, Rung.OVERDUE)) == {"乙二", "丙三", "戊五"}
    assert _numbers(services.urging.items(supervisor, department_code="housing")) == {"戊五"}
    summary = services.urging.summary(supervisor)
    assert (summary.due_soon, summary.overdue, summary.urged, summary.escalated) == (1, 0, 1, 2)


def test_officers_see_only_their_own_department(services: Services, medical: Actor, housing: Actor,
                                                ladder: dict[str, int]) -> None:
    assert _numbers(services.urging.items(medical)) == {"甲一", "乙二", "丙三"}
    assert _numbers(services.urging.items(housing)) == {"戊五"}
    assert services.urging.summary(housing).escalated == 1
    with pytest.raises(NotFound):
        services.urging.urging_notice(housing, services.urging.items(medical, Rung.URGED)[0].number)


def test_rungs_are_recorded_once_in_the_timeline_and_the_audit_trail(
        services: Services, clock: FixedClock, supervisor: Actor, ladder: dict[str, int]) -> None:
    recorded = services.urging.sync(supervisor)
    assert recorded["referral.urged"] == 3 and recorded["referral.escalated"] == 2
    assert services.urging.sync(supervisor) == {}, "the same day twice records nothing more"
    timeline = services.referrals.timeline(supervisor, ladder["escalated"])
    assert [e.action for e in timeline][-2:] == ["urge", "escalate"]
    assert timeline[-1].action_label == "督办" and timeline[-1].to_status is S.SENT
    assert "已逾期 8 个工作日" in timeline[-1].note
    item = next(i for i in services.urging.items(supervisor) if i.applicant_name == "丙三")
    assert item.urged_by == "李强" and item.escalated_at is not None
    trail = audit.trail(services.db, "referral", item.number)
    assert [e.action for e in trail][-2:] == ["urging.urged", "urging.escalated"]
    assert trail[-1].detail["due_date"] == "2026-11-10" and "8 个工作日" in trail[-1].detail["note"]
    # A week later 乙二 (urged on the 20th) is escalated and 甲一 (due Monday the 23rd) urged.
    clock.advance(days=7)
    assert services.urging.sync(supervisor) == {"referral.urged": 1, "referral.escalated": 1}
    assert audit.verify(services.db).ok


def test_post_checks_and_applications_are_on_the_same_ladder(services: Services, clerk: Actor, supervisor: Actor,
                                                             org: dict[str, int]) -> None:
    late = make_application(services, clerk, "庚七", received=EARLIER, due_date=date(2026, 11, 19))
    with services.db.transaction() as session:
        session.add(PostCheck(application_id=late, kind=PostCheckKind.DATA_COMPARISON.value,
                              due_date=date(2026, 11, 24)))
    kinds = {(i.kind, i.rung) for i in services.urging.items(clerk)}
    assert kinds == {(DatedItemKind.APPLICATION, Rung.URGED), (DatedItemKind.POST_CHECK, Rung.DUE_SOON)}
    assert services.urging.sync(clerk) == {"application.urged": 1}
    with services.db.reading() as session:
        assert session.scalar(select(func.count(Urging.id)).where(Urging.item_kind == "application")) == 1


def test_the_urging_notice_names_the_late_referral(services: Services, supervisor: Actor,
                                                   ladder: dict[str, int]) -> None:
    number = next(i.number for i in services.urging.items(supervisor) if i.applicant_name == "丙三")
    first = services.urging.print_urging(supervisor, number, "file")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(first.pdf)).pages)
    for expected in ("催办通知书", number, "丙三", "已逾期 8 个工作日", "列入督办", "2026年11月25日", "抄送"):
        assert expected in text.replace("\n", ""), expected
    again = services.urging.print_urging(supervisor, number, "file")
    assert (first.copy_no, again.copy_no) == (1, 2)
    assert "第 2 次催办" in PdfReader(io.BytesIO(again.pdf)).pages[0].extract_text()
    with services.db.reading() as session:
        assert session.scalar(select(func.count(PrintedDocument.id)).where(PrintedDocument.kind == "urging")) == 2
    assert services.referrals.timeline(supervisor, ladder["escalated"])[-1].action_label == "打印催办通知书"


def test_the_urging_notice_holds_no_full_id(services: Services, supervisor: Actor, ladder: dict[str, int]) -> None:
    item = next(i for i in services.urging.items(supervisor) if i.applicant_name == "乙二")
    pdf = services.urging.print_urging(supervisor, item.number, "preview").pdf
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert item.applicant_id_masked in text
    with services.db.reading() as session:
        from intake_desk.store.models import Person

        full = session.scalar(select(Person.resident_id).join(Application, Application.applicant_id == Person.id)
                              .where(Application.applicant_name == "乙二"))
    assert full and full not in text
    with services.db.reading() as session:
        assert session.scalar(select(func.count(PrintedDocument.id))) == 0, "a preview records nothing"


def test_no_urging_notice_for_an_item_not_overdue(services: Services, supervisor: Actor,
                                                  ladder: dict[str, int]) -> None:
    soon = services.urging.items(supervisor, Rung.DUE_SOON)[0]
    with pytest.raises(InvalidTransition, match="未逾期.*not overdue"):
        services.urging.print_urging(supervisor, soon.number, "file")
    with pytest.raises(NotFound):
        services.urging.print_urging(supervisor, "HT01-20261120-9999-MEDICAL", "file")


def test_department_figures_mark_a_reply_after_urging_late(services: Services, supervisor: Actor, medical: Actor,
                                                           ladder: dict[str, int]) -> None:
    services.urging.sync(supervisor)
    referral = services.referrals.get(medical, ladder["escalated"])
    received = services.referrals.receive(medical, referral.id, expected_version=referral.version)
    started = services.referrals.start(medical, referral.id, expected_version=received.version)
    services.referrals.complete(medical, referral.id, "已报销", expected_version=started.version)
    figures = {f.department_code: f for f in services.urging.department_figures(supervisor, date(2026, 1, 1))}
    med = figures["medical"]
    assert (med.sent, med.completed, med.late, med.on_time) == (5, 2, 1, 1)
    assert (med.urged, med.escalated, med.replied_after_urging) == (2, 1, 1)
    assert med.open_overdue == 1
    assert figures["housing"].escalated == 1
    with pytest.raises(PermissionDenied):
        services.urging.department_figures(medical)


# -- callbacks and follow-ups ----------------------------------------------------------------------

def test_a_completed_referral_is_called_back_and_tries_are_counted(services: Services, clerk: Actor,
                                                                   supervisor: Actor, ladder: dict[str, int]) -> None:
    assert services.urging.sync(clerk)["callbacks"] == 1
    (callback,) = services.callbacks.callbacks(clerk)
    assert callback.subject is CallbackSubject.REFERRAL and callback.department_name == "医疗保障局"
    assert callback.due_date == date(2026, 11, 4), "3 working days after its completion on Saturday 31 October"
    assert callback.overdue and callback.applicant_phone_masked.count("*") == 4
    row = callback
    for expected in ("open", "open", "unreachable"):
        row = services.callbacks.record_callback(clerk, row.id, row.version, reached=False)
        assert row.status == expected
    assert row.tries == 3
    with pytest.raises(InvalidTransition):
        services.callbacks.record_callback(clerk, row.id, row.version, reached=True, rating=Rating.SATISFIED,
                                           help_arrived=True)
    assert services.urging.sync(clerk) == {}, "a callback is opened once"


def test_a_poor_rating_opens_a_follow_up_that_a_supervisor_closes(services: Services, clerk: Actor,
                                                                  supervisor: Actor, ladder: dict[str, int]) -> None:
    services.urging.sync(clerk)
    (callback,) = services.callbacks.callbacks(clerk)
    with pytest.raises(ValidationFailed, match="评价等级"):
        services.callbacks.record_callback(clerk, callback.id, callback.version, reached=True)
    rated = services.callbacks.record_callback(clerk, callback.id, callback.version, reached=True,
                                               rating="不满意", help_arrived=False, comment="报销款还没到账")
    assert rated.rating is Rating.DISSATISFIED and rated.status == "done" and rated.follow_up_id is not None
    (follow,) = services.callbacks.follow_ups(clerk)
    assert follow.due_date == date(2026, 12, 11), "15 working days after the rating on 20 November"
    assert follow.comment == "报销款还没到账" and follow.position.rung is Rung.ON_TRACK
    assert services.urging.summary(supervisor).follow_ups_open == 1
    assert any(i.kind is DatedItemKind.FOLLOW_UP for i in services.urging.items(supervisor)) is False
    with pytest.raises(PermissionDenied):
        services.callbacks.close_follow_up(clerk, follow.id, follow.version, action_taken="已催医保局",
                                           second_reached=True, second_rating="满意")
    with pytest.raises(ValidationFailed, match="整改措施"):
        services.callbacks.close_follow_up(supervisor, follow.id, follow.version, action_taken=" ",
                                           second_reached=True, second_rating="满意")
    closed = services.callbacks.close_follow_up(
        supervisor, follow.id, follow.version, action_taken="已协调医保局 11 月 25 日前到账", second_reached=True,
        second_rating="满意", second_comment="已到账")
    assert closed.status == "closed" and closed.second_rating is Rating.SATISFIED
    assert closed.position.rung is Rung.DONE_ON_TIME
    with pytest.raises(InvalidTransition):
        services.callbacks.close_follow_up(supervisor, closed.id, closed.version, action_taken="再次",
                                           second_reached=False)
    actions = [e.action for e in audit.trail(services.db, "follow_up", str(follow.id))]
    assert actions == ["follow_up.open", "follow_up.close"]


def test_one_rating_per_service_and_rating_at_the_window(services: Services, clerk: Actor, supervisor: Actor,
                                                         org: dict[str, int]) -> None:
    application = make_application(services, clerk, "辛八", received=EARLIER)
    with services.db.reading() as session:
        number = session.scalar(select(Application.number).where(Application.id == application))
    assert number is not None
    row = services.callbacks.rate_at_window(clerk, number, Rating.VERY_SATISFIED, comment="窗口很快")
    assert row.channel.value == "window" and row.rating is Rating.VERY_SATISFIED and row.help_arrived is None
    with pytest.raises(InvalidTransition, match="一次一评"):
        services.callbacks.rate_at_window(clerk, number, Rating.SATISFIED)
    with pytest.raises(ValidationFailed):
        services.callbacks.rate_at_window(clerk, number, "很好")


def test_the_satisfaction_report_counts_per_level_department_and_clerk(
        services: Services, clerk: Actor, supervisor: Actor, ladder: dict[str, int]) -> None:
    services.urging.sync(clerk)
    (callback,) = services.callbacks.callbacks(clerk)
    services.callbacks.record_callback(clerk, callback.id, callback.version, reached=True,
                                       rating=Rating.VERY_DISSATISFIED, help_arrived=False)
    for name, rating in (("壬九", Rating.SATISFIED), ("癸十", Rating.BASICALLY_SATISFIED)):
        application = make_application(services, clerk, name, received=EARLIER)
        with services.db.reading() as session:
            number = session.scalar(select(Application.number).where(Application.id == application))
        services.callbacks.rate_at_window(clerk, str(number), rating)
    report = services.callbacks.satisfaction(supervisor, date(2026, 11, 1), date(2026, 11, 30))
    assert report.overall.total == 3
    assert report.overall.satisfied_share(report.rules) == pytest.approx(2 / 3)
    assert report.by_department["医疗保障局"].counts == {Rating.VERY_DISSATISFIED: 1}
    assert report.by_clerk["王丽"].total == 2
    assert (report.follow_ups_open, report.follow_ups_overdue) == (1, 0)
    data = report.as_json()
    assert data["counts"]["satisfied"] == 1 and data["total"] == 3
    assert data["satisfied_share"] == pytest.approx(0.6667)
    with pytest.raises(PermissionDenied):
        services.callbacks.satisfaction(clerk)
    empty = services.callbacks.satisfaction(supervisor, date(2026, 1, 1), date(2026, 1, 31))
    assert empty.overall.total == 0 and empty.overall.satisfied_share(empty.rules) is None


def test_the_current_step_of_a_procedure_is_on_the_ladder_and_its_timeline(db) -> None:  # type: ignore[no-untyped-def]
    """An application following a procedure is urged on its current step's due date, not the whole limit."""
    from tests.conftest import make_services
    from tests.unit.services.test_procedure import INVESTIGATION, Desk, at

    services = make_services(db, FixedClock(at(date(2026, 9, 25))))
    desk = Desk(services)
    number = desk.receive(date(2026, 9, 25))  # 入户调查 due Wednesday 30 September
    desk.on(date(2026, 10, 8))  # the first working day after National Day
    (item,) = [i for i in services.urging.items(desk.supervisor) if i.kind is DatedItemKind.APPLICATION]
    assert (item.number, item.due_date, item.rung) == (number, date(2026, 9, 30), Rung.URGED)
    assert (item.status_zh, item.status_en) == ("入户调查", "Home investigation")
    assert services.urging.sync(desk.supervisor) == {"application.urged": 1}
    events = desk.view(number).events
    assert events[-1].action.value == "urge" and events[-1].step_code == "investigation"
    # The step done, the next one (核对, three working days) is due Monday 12 October: on Friday the 9th
    # that is due soon (the make-up Saturday and Monday), not late.
    desk.step(number, "investigation", INVESTIGATION, date(2026, 10, 8))
    desk.on(date(2026, 10, 9))
    (item,) = [i for i in services.urging.items(desk.supervisor) if i.kind is DatedItemKind.APPLICATION]
    assert (item.due_date, item.rung, item.status_zh) == (date(2026, 10, 12), Rung.DUE_SOON, "家庭经济状况核对")


def test_an_extension_awaiting_approval_is_due_by_the_limit_it_would_extend(db) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import make_services
    from tests.unit.services.test_procedure import Desk, at

    services = make_services(db, FixedClock(at(date(2026, 8, 3))))
    desk = Desk(services)
    number = desk.receive(date(2026, 8, 3))
    desk.on(date(2026, 9, 10))  # Thursday; the whole limit is Monday 14 September
    v = desk.view(number)
    services.procedure.request_extension(desk.clerk, number, "申请人外出务工，需补充调查", expected_version=v.version)
    (item,) = [i for i in services.urging.items(desk.supervisor) if i.kind is DatedItemKind.EXTENSION]
    assert (item.number, item.due_date, item.rung, item.status_zh) == (
        f"{number}·延期", date(2026, 9, 14), Rung.DUE_SOON, "待审批")
    desk.on(date(2026, 9, 15))  # not decided by the limit: urged the next working day
    (item,) = [i for i in services.urging.items(desk.supervisor) if i.kind is DatedItemKind.EXTENSION]
    assert item.rung is Rung.URGED
    v = desk.view(number)
    services.procedure.decide_extension(desk.supervisor, number, approve=True, expected_version=v.version)
    assert not [i for i in services.urging.items(desk.supervisor) if i.kind is DatedItemKind.EXTENSION]
