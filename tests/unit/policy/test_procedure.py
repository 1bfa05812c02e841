"""The procedures of the shipped pack, step by step, with working-day limits across National Day 2026
(1–7 October off, Saturday 10 October a make-up working day) and the rules that refuse a step."""

from __future__ import annotations

from datetime import date

import pytest

from intake_desk.domain.enums import AssistanceType, Role
from intake_desk.paths import resources_dir
from intake_desk.policy.calendar import WorkCalendar
from intake_desk.policy.pack import PolicyPackError, parse_pack
from intake_desk.policy.procedure import (
    DoneStep,
    ProcedureError,
    StepKind,
    StepState,
    Track,
    check_extension_request,
    check_order,
    check_record,
    extension_due_date,
    next_step,
    plan,
    timeliness,
)

from .builders import default_pack

PACK = default_pack()
assert PACK.procedures is not None
RULES = PACK.procedures
CAL = WorkCalendar()
T = AssistanceType
D = date


def track(assistance: AssistanceType, fast: bool = False, emergency: bool = False):  # type: ignore[no-untyped-def]
    rule = RULES.track_for([assistance], fast, emergency)
    assert rule is not None
    return rule


# ---- which procedure, which steps ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("types", "fast", "emergency", "key", "steps"),
    [
        ({T.DIBAO}, False, False, "dibao.normal",
         ["investigation", "data_check", "publicity", "democratic_review", "decision"]),
        ({T.DIBAO}, True, False, "dibao.commitment", ["data_check", "decision"]),
        ({T.TEKUN}, False, False, "tekun.normal", ["investigation", "data_check", "opinion", "publicity", "decision"]),
        # 特困 has no commitment track: a fast-tracked application follows the normal one.
        ({T.TEKUN}, True, False, "tekun.normal", ["investigation", "data_check", "opinion", "publicity", "decision"]),
        ({T.EXPENDITURE}, False, False, "expenditure.normal", ["investigation", "data_check", "publicity", "decision"]),
        ({T.TEMPORARY}, False, False, "temporary.normal", ["investigation", "data_check", "decision"]),
        ({T.TEMPORARY}, False, True, "temporary.emergency", ["advance_relief", "investigation", "decision"]),
        # Several items: the pack's order decides (特困 before 低保 before 临时救助).
        ({T.DIBAO, T.TEMPORARY}, True, False, "dibao.commitment", ["data_check", "decision"]),
        ({T.DIBAO, T.TEKUN}, False, False, "tekun.normal",
         ["investigation", "data_check", "opinion", "publicity", "decision"]),
    ],
)
def test_track_for(types: set[AssistanceType], fast: bool, emergency: bool, key: str, steps: list[str]) -> None:
    rule = RULES.track_for(types, fast, emergency)
    assert rule is not None
    assert rule.key == key
    assert [s.code for s in rule.steps] == steps


def test_no_procedure_for_department_items() -> None:
    assert RULES.track_for({T.MEDICAL, T.HOUSING}, False) is None


def test_national_figures_in_the_pack() -> None:
    normal, commitment = track(T.DIBAO), track(T.DIBAO, fast=True)
    assert (normal.total_days, normal.extended_total_days) == (30, 45)
    assert (commitment.total_days, commitment.extended_total_days) == (10, None)
    assert not any(s.kind is StepKind.DEMOCRATIC_REVIEW for s in commitment.steps)
    # The procedure's totals are the receipt's promise (review_time_limits) for dibao.
    assert PACK.review_time_limits[T.DIBAO].normal == normal.total_days
    assert PACK.review_time_limits[T.DIBAO].fast_track == commitment.total_days
    assert (track(T.EXPENDITURE).total_days, track(T.EXPENDITURE).extended_total_days) == (30, 45)
    assert [s.days for s in track(T.TEKUN).steps if s.kind in (StepKind.OPINION, StepKind.DECISION)] == [15, 15]
    assert normal.step("publicity").duration_days == 7
    assert normal.step("investigation").days == 3 and normal.step("data_check").days == 3
    assert normal.decision.roles == frozenset({Role.SUPERVISOR})
    assert RULES.min_investigators == 2 and RULES.refusal_notice_days == 3
    assert (RULES.appeal_review_days, RULES.appeal_litigation_months) == (60, 6)


# ---- due dates across National Day ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("assistance", "fast", "emergency", "received", "dues", "whole"),
    [
        # Received Friday 25 September: investigation within 3 working days (28, 29, 30 Sept); the data
        # check 3 working days later skips 1–7 October and counts 8, 9 and Saturday 10 (make-up day);
        # 公示 7 days ends Saturday 17 → due Monday 19; the decision is due with the whole (30 wd).
        (T.DIBAO, False, False, D(2026, 9, 25),
         [D(2026, 9, 30), D(2026, 10, 10), D(2026, 10, 19), None, D(2026, 11, 12)], D(2026, 11, 12)),
        # Commitment: the check by Saturday 10 October (make-up day); 10 working days → 20 October.
        (T.DIBAO, True, False, D(2026, 9, 30), [D(2026, 10, 10), D(2026, 10, 20)], D(2026, 10, 20)),
        # 特困: 15 working days from receipt for the township's part, 公示 7 days, county 15 working days.
        (T.TEKUN, False, False, D(2026, 9, 25),
         [D(2026, 10, 22), D(2026, 10, 22), D(2026, 10, 22), D(2026, 10, 29), D(2026, 11, 19)], D(2026, 11, 19)),
        (T.EXPENDITURE, False, False, D(2026, 9, 25),
         [D(2026, 9, 30), D(2026, 10, 10), D(2026, 10, 19), D(2026, 11, 12)], D(2026, 11, 12)),
        # 急难: relief the same day, papers within 5 working days (8, 9, 10 Saturday, 12, 13 October).
        (T.TEMPORARY, False, True, D(2026, 9, 30), [D(2026, 9, 30), D(2026, 10, 13), D(2026, 10, 20)],
         D(2026, 10, 20)),
        (T.TEMPORARY, False, False, D(2026, 11, 2), [D(2026, 11, 5), D(2026, 11, 10), D(2026, 11, 16)],
         D(2026, 11, 16)),
    ],
)
def test_due_dates(assistance: AssistanceType, fast: bool, emergency: bool, received: date,
                   dues: list[date | None], whole: date) -> None:
    result = plan(track(assistance, fast, emergency), CAL, received, [])
    assert [s.due for s in result.steps] == dues
    assert result.whole_due == whole
    assert result.current is not None and result.current.rule.code == result.track.steps[0].code
    assert not result.fallback_years


def test_due_dates_follow_the_steps_done() -> None:
    rule = track(T.DIBAO)
    # Investigation done on 29 September: the data check is due 3 working days later (30 Sept, 8, 9 Oct).
    result = plan(rule, CAL, D(2026, 9, 25), [DoneStep("investigation", D(2026, 9, 29))])
    assert [s.state for s in result.steps] == [
        StepState.DONE, StepState.CURRENT, StepState.PENDING, StepState.CONDITIONAL, StepState.PENDING]
    assert result.current_due == D(2026, 10, 9)
    assert not result.overdue(D(2026, 10, 9))
    assert result.overdue(D(2026, 10, 10))  # the make-up Saturday is a working day past the due date


def test_extension_moves_the_whole_to_45_working_days() -> None:
    rule = track(T.DIBAO)
    extended = plan(rule, CAL, D(2026, 8, 3), [], extended=True)
    # 45 working days from Monday 3 August end on the make-up Saturday after National Day.
    assert extended.whole_due == extension_due_date(rule, CAL, D(2026, 8, 3)) == D(2026, 10, 10)
    assert plan(rule, CAL, D(2026, 8, 3), []).whole_due == D(2026, 9, 14)


def test_step_dues_never_pass_the_whole() -> None:
    rule = track(T.DIBAO)
    late = [DoneStep("investigation", D(2026, 9, 1)), DoneStep("data_check", D(2026, 9, 10))]
    result = plan(rule, CAL, D(2026, 8, 3), late)
    assert result.whole_due == D(2026, 9, 14)
    assert result.current_due == D(2026, 9, 14)  # 公示 would end 17 September; the whole is due before


def test_into_an_unknown_year_is_flagged() -> None:
    result = plan(track(T.DIBAO), CAL, D(2026, 12, 15), [])
    assert result.fallback_years == frozenset({2027})


# ---- order, objections, redo ---------------------------------------------------------------------


def test_steps_go_in_order() -> None:
    rule = track(T.DIBAO)
    with pytest.raises(ProcedureError, match="现在应办理“入户调查”.*The next step is"):
        check_order(rule, [], "publicity")
    assert check_order(rule, [], "investigation").code == "investigation"
    done = [DoneStep("investigation", D(2026, 9, 29))]
    with pytest.raises(ProcedureError, match="已经完成.*already done"):
        check_order(rule, done, "investigation")


@pytest.mark.parametrize(("objections", "expected_next"), [(0, "decision"), (2, "democratic_review")])
def test_democratic_review_only_when_objections(objections: int, expected_next: str) -> None:
    rule = track(T.DIBAO)
    done = [DoneStep("investigation", D(2026, 9, 29)), DoneStep("data_check", D(2026, 10, 8)),
            DoneStep("publicity", D(2026, 10, 16), objections=objections)]
    step = next_step(rule, done)
    assert step is not None and step.code == expected_next
    states = [s.state for s in plan(rule, CAL, D(2026, 9, 25), done).steps]
    assert states[3] is (StepState.CURRENT if objections else StepState.SKIPPED)
    if not objections:
        with pytest.raises(ProcedureError, match="只在公示有异议时进行"):
            check_order(rule, done, "democratic_review")


def test_closed_procedure_shows_the_rest_as_not_needed() -> None:
    result = plan(track(T.DIBAO), CAL, D(2026, 9, 25), [DoneStep("investigation", D(2026, 9, 29))], closed=True)
    assert result.finished
    assert [s.state for s in result.steps][1:] == [StepState.SKIPPED] * 4


# ---- records -------------------------------------------------------------------------------------


PUBLICITY_OVER = D(2026, 10, 16)


def _check(kind_code: str, record: dict[str, object], done_on: date = PUBLICITY_OVER,
           assistance: AssistanceType = T.DIBAO, emergency: bool = False) -> None:
    rule = track(assistance, emergency=emergency)
    check_record(RULES, rule.step(kind_code), record, done_on=done_on, previous_on=D(2026, 10, 8),
                 received_on=D(2026, 9, 25))


@pytest.mark.parametrize(
    ("code", "record", "message"),
    [
        ("investigation", {"investigators": ["李四"], "visit_record": "见记录"}, "至少 2 名调查人员"),
        ("investigation", {"investigators": ["李四", "李四"], "visit_record": "见记录"}, "至少 2 名调查人员"),
        ("investigation", {"investigators": ["李四", "王五"], "visit_record": " "}, "入户调查记录"),
        ("data_check", {"result": "maybe"}, "核对结果"),
        ("data_check", {"result": "discrepancies", "note": ""}, "写明差异"),
        ("publicity", {"start": D(2026, 10, 9), "end": D(2026, 10, 14)}, "不少于 7 天，现为 6 天"),
        ("publicity", {"start": D(2026, 10, 7), "end": D(2026, 10, 14)}, "不能早于 2026-10-08 开始"),
        ("publicity", {"start": D(2026, 10, 9), "end": D(2026, 10, 17)}, "结束前不能完成"),
        ("democratic_review", {"conclusion": ""}, "民主评议"),
        ("decision", {"outcome": "approved", "amount_fen": 0, "start_month": D(2026, 10, 1)}, "每月救助金额"),
        ("decision", {"outcome": "approved", "amount_fen": 50_000, "start_month": D(2026, 10, 5)}, "起始月份"),
        ("decision", {"outcome": "approved", "amount_fen": 50_000, "start_month": D(2026, 8, 1)}, "不能早于受理当月"),
        ("decision", {"outcome": "refused", "reasons": [], "facts": "x"}, "至少选择一项理由"),
        ("decision", {"outcome": "refused", "reasons": ["nope"], "facts": "x"}, "未知的不予救助理由"),
        ("decision", {"outcome": "refused", "reasons": ["income_above"], "facts": " "}, "所依据的事实"),
        ("decision", {}, "请选择审核结论"),
    ],
)
def test_incomplete_records_are_refused(code: str, record: dict[str, object], message: str) -> None:
    with pytest.raises(ProcedureError, match=message) as caught:
        _check(code, record)
    assert " / " in str(caught.value)  # Chinese, then English


@pytest.mark.parametrize(
    ("code", "record"),
    [
        ("investigation", {"investigators": ["李四", "王五"], "visit_record": "家中无劳动力，住房简陋"}),
        ("data_check", {"result": "consistent"}),
        ("publicity", {"start": D(2026, 10, 9), "end": D(2026, 10, 15), "objections": 0}),
        ("decision", {"outcome": "approved", "amount_fen": 52_000, "start_month": D(2026, 10, 1)}),
        ("decision", {"outcome": "refused", "reasons": ["income_above", "other"], "facts": "月收入 3,000 元"}),
    ],
)
def test_complete_records_pass(code: str, record: dict[str, object]) -> None:
    _check(code, record)


def test_advance_relief_limit() -> None:
    _check("advance_relief", {"amount_fen": 200_000}, assistance=T.TEMPORARY, emergency=True)
    with pytest.raises(ProcedureError, match="不超过 2,000.00 元"):
        _check("advance_relief", {"amount_fen": 200_001}, assistance=T.TEMPORARY, emergency=True)


def test_a_step_cannot_be_dated_before_the_previous_one() -> None:
    with pytest.raises(ProcedureError, match="不能早于 2026-10-08"):
        _check("data_check", {"result": "consistent"}, done_on=D(2026, 10, 7))


# ---- extension -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("assistance", "fast", "today", "extended", "reason", "message"),
    [
        (T.DIBAO, False, D(2026, 11, 12), False, "需补充调查", None),  # on the due date itself: still in time
        (T.DIBAO, False, D(2026, 11, 13), False, "需补充调查", "已过"),
        (T.DIBAO, False, D(2026, 11, 2), True, "需补充调查", "已经延期一次"),
        (T.DIBAO, False, D(2026, 11, 2), False, "  ", "须写明理由"),
        (T.DIBAO, True, D(2026, 10, 1), False, "需补充调查", "不能延期"),
        (T.TEKUN, False, D(2026, 10, 1), False, "需补充调查", "不能延期"),
    ],
)
def test_extension_rules(assistance: AssistanceType, fast: bool, today: date, extended: bool, reason: str,
                         message: str | None) -> None:
    rule = track(assistance, fast)
    whole = plan(rule, CAL, D(2026, 9, 25), []).whole_due
    if message is None:
        check_extension_request(rule, today=today, whole_due=whole, already_extended=extended, reason=reason)
        assert extension_due_date(rule, CAL, D(2026, 9, 25)) == D(2026, 12, 3)
    else:
        with pytest.raises(ProcedureError, match=message):
            check_extension_request(rule, today=today, whole_due=whole, already_extended=extended, reason=reason)


# ---- timeliness ----------------------------------------------------------------------------------


def test_timeliness_figures() -> None:
    days = [10, 8, 12, 30, 9, 10, 11, 7, 45, 10]
    on_time = [d <= 10 for d in days]
    figures = timeliness(days, on_time, open_count=4, overdue_count=1)
    assert figures.decided == 10
    assert figures.mean_working_days == pytest.approx(15.2)
    assert figures.p90_working_days == 30  # nearest rank: 9th of 10 sorted
    assert figures.on_time_share == pytest.approx(0.6)
    assert figures.as_json() == {"decided": 10, "mean_working_days": 15.2, "p90_working_days": 30,
                                 "on_time_share": 0.6, "open": 4, "overdue": 1}
    empty = timeliness([], [], open_count=2, overdue_count=0)
    assert (empty.decided, empty.mean_working_days, empty.p90_working_days, empty.on_time_share) == (0, None, None, None)


# ---- the pack schema -----------------------------------------------------------------------------


def _pack_text() -> str:
    return (resources_dir() / "policy" / "zhuzhou-2024.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ('extended_total_days = 45\n\n[[procedures.dibao.normal.steps]]',
         'extended_total_days = 20\n\n[[procedures.dibao.normal.steps]]', "procedures.dibao.normal.extended_total_days"),
        ('order = ["tekun", "dibao", "expenditure", "marginal", "temporary"]',
         'order = ["tekun", "dibao", "expenditure", "marginal"]', "procedure.order"),
        ('name_en = "Review and confirmation"\nroles = ["supervisor"]\n\n# 低保 告知承诺',
         'name_en = "Review and confirmation"\nroles = ["department"]\n\n# 低保 告知承诺',
         "procedures.dibao.normal.steps[4].roles"),
        ('[procedures.dibao.commitment]', '[procedures.dibao.fastest]', "procedures.dibao.fastest"),
        ('name = "公示"\nname_en = "Publicity"\nroles = ["clerk", "supervisor"]\nduration_days = 7\n\n[[procedures.dibao',
         'name = "公示"\nname_en = "Publicity"\nroles = ["clerk", "supervisor"]\nduration_days = 0\n\n[[procedures.dibao',
         "procedures.dibao.normal.steps[2].duration_days"),
    ],
)
def test_pack_errors_name_the_key(old: str, new: str, key: str) -> None:
    text = _pack_text()
    assert old in text
    with pytest.raises(PolicyPackError) as caught:
        parse_pack(text.replace(old, new, 1), "county.toml")
    assert caught.value.key == key


def test_a_county_sets_its_own_figures() -> None:
    text = _pack_text().replace("total_days = 30\nextended_total_days = 45", "total_days = 25\nextended_total_days = 40", 1)
    pack = parse_pack(text, "zhengzhou.toml")
    assert pack.procedures is not None
    rule = pack.procedures.track(T.DIBAO, Track.NORMAL)
    assert (rule.total_days, rule.extended_total_days) == (25, 40)
    assert plan(rule, CAL, D(2026, 8, 3), []).whole_due == CAL.add_working_days(D(2026, 8, 3), 25)
