"""The procedure service on a real database: receipt → investigation → data check → 公示 → decision,
the commitment track, objections, redo, extension, refusal, withdrawal, two desks at once, the queue
and the timeliness figures on a hand-made set of applications."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from intake_desk.domain.enums import ApplicationStatus, AssistanceType, Role
from intake_desk.policy.procedure import StepState, Track
from intake_desk.services.actor import Actor
from intake_desk.services.clock import LOCAL_ZONE, FixedClock
from intake_desk.services.context import Services
from intake_desk.services.errors import ConflictError, NotFound, PermissionDenied, ValidationFailed
from intake_desk.services.procedure import Objection, ProcedureState, ProcedureView
from intake_desk.services.procedure_report import ProcedureCursor, ProcedureFilter
from intake_desk.store.db import Database
from intake_desk.store.models import AuditEvent, ProcedureEvent
from tests.conftest import add_user, make_services, setup_hall
from tests.intake_data import single_form, zhuzhou_form

D = date
INVESTIGATION = {"investigators": ["李四", "王五"], "visit_record": "家中无劳动力，住房简陋，与申报一致"}


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=LOCAL_ZONE)


class Desk:
    """A hall with a clerk and a supervisor, and a clock that can be moved."""

    def __init__(self, services: Services) -> None:
        self.s = services
        assert isinstance(services.clock, FixedClock)
        self.clock: FixedClock = services.clock
        setup_hall(services)
        self.clerk = add_user(services, "clerk1", Role.CLERK, "王丽")
        self.supervisor = add_user(services, "super1", Role.SUPERVISOR, "李强")
        self.n = 0

    def on(self, day: date) -> None:
        self.clock.at = at(day).astimezone(self.clock.at.tzinfo)

    def receive(self, day: date, *, fast: bool = False, name: str = "王五") -> str:
        self.on(day)
        self.n += 1
        form = zhuzhou_form() if fast else single_form(self.n, name)
        return self.s.intake.submit(self.clerk, form, expected_open_application_ack=True).number

    def view(self, number: str) -> ProcedureView:
        return self.s.procedure.view(self.clerk, number)

    def step(self, number: str, code: str, record: dict[str, object], day: date,
             actor: Actor | None = None) -> ProcedureView:
        self.on(max(day, self.clock.today()))
        v = self.view(number)
        return self.s.procedure.record_step(actor or self.clerk, number, code, record, expected_version=v.version,
                                            done_on=day)

    def walk_to_decision(self, number: str, received: date, *, objections: int = 0) -> ProcedureView:
        calendar = self.s.calendar.calendar()
        self.step(number, "investigation", INVESTIGATION, calendar.add_working_days(received, 2))
        check_day = calendar.add_working_days(received, 4)
        self.step(number, "data_check", {"result": "consistent"}, check_day)
        start = check_day.fromordinal(check_day.toordinal() + 1)
        end = start.fromordinal(start.toordinal() + 6)
        obj = [Objection(start, f"邻居反映有车辆 {i}", "匿名") for i in range(objections)]
        return self.step(number, "publicity", {"start": start, "end": end, "objections": obj}, end)


@pytest.fixture
def desk(db: Database) -> Iterator[Desk]:
    services = make_services(db, FixedClock(at(D(2026, 9, 25))))
    yield Desk(services)


def test_normal_dibao_from_receipt_to_decision(desk: Desk, db: Database) -> None:
    number = desk.receive(D(2026, 9, 25))
    v = desk.view(number)
    assert (v.assistance_type, v.track, v.state) == (AssistanceType.DIBAO, Track.NORMAL, ProcedureState.OPEN)
    assert [s.code for s in v.steps] == ["investigation", "data_check", "publicity", "democratic_review", "decision"]
    assert v.current is not None and v.current.code == "investigation"
    assert v.current_due == D(2026, 9, 30) == desk.s.procedure.current_step_due(desk.clerk, number)
    assert v.whole_due == D(2026, 11, 12) == v.promised_due
    assert "investigation" in v.actions and "extension_request" in v.actions

    v = desk.step(number, "investigation", INVESTIGATION, D(2026, 9, 29))
    assert v.steps[0].state is StepState.DONE and v.steps[0].actor_name == "王丽"
    assert "李四、王五" in v.steps[0].summary
    assert v.steps[0].summary_in("en").startswith("Visited by 李四, 王五; ")  # the people as written
    # The data check is due 3 working days after the visit: 30 September, 8 and 9 October.
    assert v.current is not None and (v.current.code, v.current.due) == ("data_check", D(2026, 10, 9))
    with desk.s.db.reading() as session:
        status = session.scalar(select(func.max(ProcedureEvent.id)))
    assert status is not None
    assert desk.s.applications.get(desk.clerk, number).status is ApplicationStatus.UNDER_REVIEW

    desk.step(number, "data_check", {"result": "consistent"}, D(2026, 10, 9))
    v = desk.step(number, "publicity", {"start": D(2026, 10, 10), "end": D(2026, 10, 16), "objections": []},
                  D(2026, 10, 16))
    assert v.steps[3].state is StepState.SKIPPED  # 民主评议: no objections
    assert v.current is not None and v.current.code == "decision"
    assert "decision" not in v.actions  # a clerk may not decide

    with pytest.raises(PermissionDenied, match="须由窗口负责人办理"):
        desk.s.procedure.decide(desk.clerk, number, amount_fen=70_000, start_month=D(2026, 10, 1),
                                expected_version=v.version, decided_on=D(2026, 10, 20))
    v = desk.s.procedure.view(desk.supervisor, number)
    assert "decision" in v.actions
    desk.on(D(2026, 10, 20))
    v = desk.s.procedure.decide(desk.supervisor, number, amount_fen=70_000, start_month=D(2026, 10, 1),
                                expected_version=v.version)
    assert v.state is ProcedureState.APPROVED and v.current is None and not v.overdue
    assert v.decision is not None and (v.decision.amount_fen, v.decision.start_month) == (70_000, D(2026, 10, 1))
    assert desk.s.applications.get(desk.clerk, number).status is ApplicationStatus.APPROVED
    assert [e.action.value for e in v.events] == ["step", "step", "step", "step"]
    with db.reading() as session:
        actions = session.scalars(select(AuditEvent.action).where(AuditEvent.entity == "application",
                                                                  AuditEvent.entity_id == number)
                                  .order_by(AuditEvent.id)).all()
    assert actions[-4:] == ["procedure.investigation", "procedure.data_check", "procedure.publicity",
                            "procedure.decision"]
    with pytest.raises(ValidationFailed, match="已予以救助"):
        desk.s.procedure.redo(desk.supervisor, number, "publicity", "再公示", expected_version=v.version)


def test_commitment_track_skips_investigation_and_review(desk: Desk) -> None:
    number = desk.receive(D(2026, 9, 30), fast=True)
    v = desk.view(number)
    assert (v.track, [s.code for s in v.steps]) == (Track.COMMITMENT, ["data_check", "decision"])
    assert v.whole_due == D(2026, 10, 20)
    with pytest.raises(ValidationFailed, match="没有步骤“investigation”"):
        desk.step(number, "investigation", INVESTIGATION, D(2026, 10, 8))
    desk.step(number, "data_check", {"result": "consistent"}, D(2026, 10, 8))
    desk.on(D(2026, 10, 10))  # the make-up Saturday
    v = desk.view(number)
    v = desk.s.procedure.decide(desk.supervisor, number, amount_fen=30_000, start_month=D(2026, 10, 1),
                                expected_version=v.version)
    assert v.state is ProcedureState.APPROVED
    assert v.decision is not None and v.decision.decided_on == D(2026, 10, 10)


def test_bad_input_is_one_bilingual_sentence(desk: Desk) -> None:
    number = desk.receive(D(2026, 9, 25))
    cases = [
        ("publicity", {"start": D(2026, 9, 28), "end": D(2026, 10, 4)}, "现在应办理“入户调查”"),
        ("investigation", {"investigators": ["李四"], "visit_record": "x"}, "至少 2 名调查人员"),
        ("investigation", {"investigators": ["李四", "王五"], "visit_record": ""}, "入户调查记录"),
    ]
    for code, record, message in cases:
        with pytest.raises(ValidationFailed, match=message) as caught:
            desk.step(number, code, record, D(2026, 9, 28))
        assert caught.value.message.count(" / ") == 1
    with pytest.raises(NotFound, match="HT01-0000"):
        desk.view("HT01-0000")
    assert desk.view(number).steps[0].state is StepState.CURRENT  # nothing was recorded


def test_objections_call_for_democratic_review(desk: Desk) -> None:
    number = desk.receive(D(2026, 9, 25))
    v = desk.walk_to_decision(number, D(2026, 9, 25), objections=2)
    assert v.current is not None and v.current.code == "democratic_review"
    publicity = v.steps[2]
    assert [o.content for o in publicity.objections] == ["邻居反映有车辆 0", "邻居反映有车辆 1"]
    assert "异议 2 件" in publicity.summary
    v = desk.step(number, "democratic_review", {"conclusion": "经评议，车辆为亲属所有，不影响认定"}, desk.clock.today())
    assert v.current is not None and v.current.code == "decision"


def test_redo_reopens_the_step_and_those_after_it(desk: Desk) -> None:
    number = desk.receive(D(2026, 9, 25))
    desk.step(number, "investigation", INVESTIGATION, D(2026, 9, 28))
    v = desk.step(number, "data_check", {"result": "discrepancies", "note": "存款多 2 万元"}, D(2026, 9, 29))
    with pytest.raises(ValidationFailed, match="须写明理由"):
        desk.s.procedure.redo(desk.clerk, number, "investigation", " ", expected_version=v.version)
    v = desk.s.procedure.redo(desk.clerk, number, "investigation", "核对发现存款差异，重新入户", expected_version=v.version)
    assert v.current is not None and v.current.code == "investigation"
    assert [s.state for s in v.steps[:2]] == [StepState.CURRENT, StepState.PENDING]
    assert v.events[-1].action.value == "redo" and v.events[-1].note == "核对发现存款差异，重新入户"
    v = desk.step(number, "investigation", INVESTIGATION, D(2026, 9, 30))
    assert v.steps[0].done_on == D(2026, 9, 30)


def test_two_desks_the_second_is_refused_naming_the_first(desk: Desk) -> None:
    number = desk.receive(D(2026, 9, 25))
    desk.on(D(2026, 9, 28))
    seen = desk.view(number).version
    desk.s.procedure.record_step(desk.supervisor, number, "investigation", INVESTIGATION, expected_version=seen)
    with pytest.raises(ConflictError, match="已被 李强 于") as caught:
        desk.s.procedure.record_step(desk.clerk, number, "investigation", INVESTIGATION, expected_version=seen)
    assert caught.value.changed_by == "李强"


def test_extension(desk: Desk) -> None:
    number = desk.receive(D(2026, 8, 3))
    desk.on(D(2026, 9, 10))
    v = desk.view(number)
    assert v.whole_due == D(2026, 9, 14)
    with pytest.raises(ValidationFailed, match="须写明理由"):
        desk.s.procedure.request_extension(desk.clerk, number, "", expected_version=v.version)
    v = desk.s.procedure.request_extension(desk.clerk, number, "申请人外出务工，需补充调查", expected_version=v.version)
    assert v.extension is not None and v.extension.status == "requested"
    assert v.extension.new_due_date == D(2026, 10, 10)  # 45 working days: the make-up Saturday
    assert "extension_decide" not in v.actions
    with pytest.raises(PermissionDenied):
        desk.s.procedure.decide_extension(desk.clerk, number, approve=True, expected_version=v.version)
    v = desk.s.procedure.decide_extension(desk.supervisor, number, approve=True, expected_version=v.version)
    assert v.extended and v.whole_due == D(2026, 10, 10)
    with pytest.raises(ValidationFailed, match="已经延期一次"):
        desk.s.procedure.request_extension(desk.clerk, number, "再延", expected_version=v.version)


def test_extension_after_the_limit_is_refused(desk: Desk) -> None:
    number = desk.receive(D(2026, 8, 3))
    desk.on(D(2026, 9, 15))
    v = desk.view(number)
    assert v.overdue
    with pytest.raises(ValidationFailed, match="2026-09-14 已过"):
        desk.s.procedure.request_extension(desk.clerk, number, "来不及了", expected_version=v.version)


def test_refusal(desk: Desk) -> None:
    number = desk.receive(D(2026, 9, 25))
    desk.step(number, "investigation", INVESTIGATION, D(2026, 9, 28))
    v = desk.step(number, "data_check", {"result": "discrepancies", "note": "存款 12 万元"}, D(2026, 9, 30))
    with pytest.raises(ValidationFailed, match="至少选择一项理由"):
        desk.s.procedure.refuse(desk.supervisor, number, reasons=[], facts="x", expected_version=v.version)
    with pytest.raises(ValidationFailed, match="所依据的事实"):
        desk.s.procedure.refuse(desk.supervisor, number, reasons=["assets_above"], facts="", expected_version=v.version)
    with pytest.raises(PermissionDenied):
        desk.s.procedure.refuse(desk.clerk, number, reasons=["assets_above"], facts="存款", expected_version=v.version)
    v = desk.s.procedure.refuse(desk.supervisor, number, reasons=["assets_above", "other"],
                                facts="家庭存款 12 万元，超过 24 个月低保标准", expected_version=v.version)
    assert v.state is ProcedureState.REFUSED and v.current is None
    assert v.decision is not None
    assert [r.code for r in v.decision.reasons] == ["assets_above", "other"]
    checked = next(s for s in v.steps if s.code == "data_check")
    assert checked.summary_in("en") == "Discrepancies found: 存款 12 万元" and checked.summary_in("zh") == checked.summary
    assert v.decision.notice_due_date == D(2026, 10, 10)  # 3 working days after 30 September: 8, 9, 10 (Sat)
    assert [s.state for s in v.steps][2:] == [StepState.SKIPPED] * 3
    assert desk.s.applications.get(desk.clerk, number).status is ApplicationStatus.REJECTED


def test_withdrawal(desk: Desk) -> None:
    number = desk.receive(D(2026, 9, 25))
    v = desk.view(number)
    v = desk.s.procedure.withdraw(desk.clerk, number, "申请人已就业，不再申请", expected_version=v.version)
    assert v.state is ProcedureState.WITHDRAWN and v.withdrawal_reason == "申请人已就业，不再申请"
    assert desk.s.applications.get(desk.clerk, number).status is ApplicationStatus.WITHDRAWN
    with pytest.raises(ValidationFailed, match="已撤回"):
        desk.step(number, "investigation", INVESTIGATION, D(2026, 9, 28))


def test_progress_by_scanned_number(desk: Desk) -> None:
    number = desk.receive(D(2026, 9, 25))
    assert desk.s.procedure.progress(desk.supervisor, f"  {number.lower()}  ").number == number
    with pytest.raises(ValidationFailed, match="受理编号"):
        desk.s.procedure.progress(desk.clerk, "   ")


def test_queue_pages_by_step_due_and_filters(desk: Desk) -> None:
    numbers = [desk.receive(D(2026, 9, 21) if i < 3 else D(2026, 9, 25), name=f"王{'一二三四五'[i]}") for i in range(5)]
    desk.step(numbers[0], "investigation", INVESTIGATION, D(2026, 9, 24))
    desk.on(D(2026, 9, 29))
    report = desk.s.procedure_report
    page = report.page(desk.clerk, limit=2)
    assert len(page.rows) == 2 and page.next_cursor is not None
    rest = report.page(desk.clerk, after=page.next_cursor, limit=10)
    rows = page.rows + rest.rows
    assert rest.next_cursor is None and len(rows) == 5
    keys = [(r.step_due_date, r.procedure_id) for r in rows]
    assert keys == sorted(keys)
    # Received Monday 21 September: investigation due 24 September, overdue on the 29th.
    overdue = report.page(desk.clerk, ProcedureFilter(overdue=True)).rows
    assert {r.number for r in overdue} == set(numbers[1:3])
    assert all(r.overdue and r.step_name == "入户调查" for r in overdue)
    checks = report.page(desk.clerk, ProcedureFilter(steps=("data_check",))).rows
    assert [r.number for r in checks] == [numbers[0]]
    # 25 September 2026 is the Mid-Autumn holiday: the first one's data check (visit 24 September) and
    # the investigations of those received on the 25th are all due 30 September, one working day on.
    assert {r.step_due_date for r in rows[2:]} == {D(2026, 9, 30)}
    assert report.count(desk.clerk, ProcedureFilter(due_within_days=1)) == 3
    assert report.count(desk.clerk, ProcedureFilter(due_within_days=0)) == 0
    assert [r.number for r in report.page(desk.clerk, ProcedureFilter(text="王三")).rows] == [numbers[2]]
    with pytest.raises(NotFound, match="XX99"):  # another hall: as if it did not exist
        report.page(desk.clerk, ProcedureFilter(hall_codes=("XX99",)))
    assert isinstance(page.next_cursor, ProcedureCursor)


def test_timeliness_on_a_hand_made_set(desk: Desk) -> None:
    s = desk.s
    # normal: decided in 15 and 32 working days (the second past its 30-day promise); one open, overdue.
    a = desk.receive(D(2026, 8, 3))
    desk.walk_to_decision(a, D(2026, 8, 3))
    desk.on(D(2026, 8, 24))  # 15 working days after 3 August
    s.procedure.decide(desk.supervisor, a, amount_fen=50_000, start_month=D(2026, 8, 1),
                       expected_version=desk.view(a).version)
    b = desk.receive(D(2026, 8, 4))
    desk.walk_to_decision(b, D(2026, 8, 4))
    desk.on(D(2026, 9, 17))  # 32 working days after 4 August
    s.procedure.refuse(desk.supervisor, b, reasons=["income_above"], facts="月收入 2,000 元",
                       expected_version=desk.view(b).version)
    desk.receive(D(2026, 8, 5))
    # fast track: decided in 6 working days.
    f = desk.receive(D(2026, 9, 1), fast=True)
    desk.step(f, "data_check", {"result": "consistent"}, D(2026, 9, 3))
    desk.on(D(2026, 9, 9))
    s.procedure.decide(desk.supervisor, f, amount_fen=30_000, start_month=D(2026, 9, 1),
                       expected_version=desk.view(f).version)
    desk.on(D(2026, 9, 30))
    report = s.procedure_report.timeliness(desk.supervisor)
    normal, fast = report.tracks["normal"], report.tracks["fast_track"]
    assert (normal.decided, normal.mean_working_days, normal.p90_working_days) == (2, 23.5, 32)
    assert normal.on_time_share == 0.5
    assert (normal.open, normal.overdue) == (1, 1)
    assert (fast.decided, fast.mean_working_days, fast.p90_working_days, fast.on_time_share) == (1, 6.0, 6, 1.0)
    assert fast.open == 0
    data = report.as_json()
    assert data["normal"]["mean_working_days"] == 23.5 and data["fast_track"]["decided"] == 1
    assert data["by_assistance_type"]["dibao"]["normal"]["decided"] == 2
    assert data["by_hall"]["HT01"]["fast_track"]["on_time_share"] == 1.0
    limited = s.procedure_report.timeliness(desk.supervisor, date_from=D(2026, 9, 1), date_to=D(2026, 9, 30))
    assert limited.tracks["normal"].decided == 1 and limited.tracks["fast_track"].decided == 1
    with pytest.raises(PermissionDenied):
        s.procedure_report.timeliness(desk.clerk)


def test_publicity_list_holds_only_what_may_be_published(desk: Desk) -> None:
    number = desk.receive(D(2026, 9, 25), name="赵六")
    desk.walk_to_decision(number, D(2026, 9, 25))
    desk.receive(D(2026, 9, 25), name="钱七")  # not yet in 公示: not listed
    listing = desk.s.procedure_report.publicity_list(desk.clerk, "HT01", D(2026, 10, 1), D(2026, 10, 31))
    assert [(e.name, e.household_size, e.category) for e in listing.entries] == [("赵六", 1, "最低生活保障")]
    assert listing.first_day is not None and listing.last_day is not None
    assert listing.objection_channel and listing.place
    fields = set(type(listing.entries[0]).__dataclass_fields__)
    assert fields == {"name", "household_size", "category", "monthly_amount_fen"}
    empty = desk.s.procedure_report.publicity_list(desk.clerk, "HT01", D(2026, 11, 1), D(2026, 11, 30))
    assert empty.entries == ()


def test_on_postgresql(pg_db: Database) -> None:
    desk = Desk(make_services(pg_db, FixedClock(at(D(2026, 9, 25)))))
    number = desk.receive(D(2026, 9, 25))
    seen = desk.view(number).version
    desk.on(D(2026, 9, 28))
    desk.s.procedure.record_step(desk.supervisor, number, "investigation", INVESTIGATION, expected_version=seen)
    with pytest.raises(ConflictError, match="李强"):
        desk.s.procedure.record_step(desk.clerk, number, "investigation", INVESTIGATION, expected_version=seen)
    v = desk.view(number)
    assert v.current is not None and v.current.code == "data_check"
    page = desk.s.procedure_report.page(desk.clerk)
    assert [r.number for r in page.rows] == [number]
