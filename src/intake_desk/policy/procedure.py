"""审核确认程序 – the steps from receipt to decision, who may take each, and their working-day limits.

The procedures live in the policy pack (``[procedure]`` and ``[procedures.<type>.<track>]``, see
``resources/policy/zhuzhou-2024.toml``); this module reads them and answers, without a database:
which procedure an application follows, which step comes next, when each step and the whole are
due (working days, 公示 in calendar days), whether an extension may be asked for, and whether a
step's record is complete. The services store what happened; these rules decide what may happen.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from intake_desk.domain.enums import AssistanceType, Labelled, Role
from intake_desk.policy.calendar import WorkCalendar

if TYPE_CHECKING:  # the pack reader; imported lazily by parse_procedures to avoid a cycle
    from intake_desk.policy.pack import _Reader

__all__ = [
    "DataCheckResult",
    "DecisionOutcome",
    "DoneStep",
    "PlannedStep",
    "ProcedureError",
    "ProcedurePlan",
    "ProcedureRules",
    "RefusalReason",
    "StepKind",
    "StepRule",
    "StepState",
    "Track",
    "TrackRule",
    "TimelinessFigures",
    "extension_due_date",
    "check_extension_request",
    "check_decision",
    "check_order",
    "check_record",
    "check_refusal",
    "next_step",
    "parse_procedures",
    "plan",
    "timeliness",
    "whole_due_date",
]


class ProcedureError(ValueError):
    """A step refused by the rules; the message is one sentence, Chinese then English."""


class Track(Labelled):
    """办理通道."""

    NORMAL = "normal", "常规流程", "Normal procedure"
    COMMITMENT = "commitment", "告知承诺", "Commitment fast track"
    EMERGENCY = "emergency", "急难型先行救助", "Emergency (relief first)"


class StepKind(Labelled):
    """What a step records (the services know how to record each kind)."""

    INVESTIGATION = "investigation", "入户调查", "Home investigation"
    DATA_CHECK = "data_check", "家庭经济状况核对", "Economic data check"
    PUBLICITY = "publicity", "公示", "Publicity"
    DEMOCRATIC_REVIEW = "democratic_review", "民主评议", "Democratic review"
    OPINION = "opinion", "初审意见", "First opinion"
    ADVANCE_RELIEF = "advance_relief", "先行救助", "Relief paid first"
    DECISION = "decision", "审核确认", "Decision"


class DataCheckResult(Labelled):
    """核对结果."""

    CONSISTENT = "consistent", "核对结果与申报一致", "Consistent with the declaration"
    DISCREPANCIES = "discrepancies", "核对发现差异", "Discrepancies found"


class DecisionOutcome(Labelled):
    APPROVED = "approved", "予以救助", "Approved"
    REFUSED = "refused", "不予救助", "Refused"


class StepState(Labelled):
    DONE = "done", "已完成", "Done"
    CURRENT = "current", "办理中", "Current"
    PENDING = "pending", "待办", "To come"
    CONDITIONAL = "conditional", "有异议时进行", "Only if objections"
    SKIPPED = "skipped", "不需要", "Not needed"


@dataclass(frozen=True)
class StepRule:
    """One step of a procedure as the pack sets it."""

    code: str
    kind: StepKind
    name: str
    roles: frozenset[Role]
    days: int | None = None  # working days by which the step is due
    days_from_receipt: bool = False  # counted from the receipt instead of the previous step
    duration_days: int = 0  # calendar days the step lasts at least (公示 7 days)
    only_when_objections: bool = False
    max_amount_fen: int | None = None  # 先行救助 upper limit
    name_en: str = ""

    def may(self, role: Role) -> bool:
        return role in self.roles


@dataclass(frozen=True)
class TrackRule:
    """One procedure: an assistance type on a track."""

    assistance_type: AssistanceType
    track: Track
    name: str
    steps: tuple[StepRule, ...]
    total_days: int | None
    extended_total_days: int | None
    name_en: str = ""

    def step(self, code: str) -> StepRule:
        for step in self.steps:
            if step.code == code:
                return step
        raise ProcedureError(f"程序“{self.name}”没有步骤“{code}” / The procedure {self.name} has no step '{code}'")

    def index(self, code: str) -> int:
        return self.steps.index(self.step(code))

    @property
    def decision(self) -> StepRule:
        return next(s for s in self.steps if s.kind is StepKind.DECISION)

    @property
    def extendable(self) -> bool:
        return self.extended_total_days is not None

    @property
    def key(self) -> str:
        return f"{self.assistance_type.value}.{self.track.value}"


@dataclass(frozen=True)
class RefusalReason:
    """不予救助理由 (the pack's list)."""

    code: str
    name: str
    name_en: str = ""


@dataclass(frozen=True)
class ProcedureRules:
    """Everything the pack says about procedures."""

    tracks: Mapping[tuple[AssistanceType, Track], TrackRule]
    order: tuple[AssistanceType, ...]
    min_investigators: int
    refusal_notice_days: int
    appeal_review_days: int
    appeal_litigation_months: int
    appeal_review_body: str
    appeal_court: str
    extension_roles: frozenset[Role]
    withdrawal_roles: frozenset[Role]
    publicity_place: str
    publicity_objection_channel: str
    refusal_reasons: tuple[RefusalReason, ...]

    def track(self, assistance_type: AssistanceType, track: Track) -> TrackRule:
        rule = self.tracks.get((assistance_type, track))
        if rule is None:
            raise ProcedureError(
                f"政策参数包没有“{assistance_type.zh}”的“{track.zh}”程序 / "
                f"The policy pack has no {track.en.lower()} for {assistance_type.en.lower()}"
            )
        return rule

    def tracks_of(self, assistance_type: AssistanceType) -> tuple[Track, ...]:
        return tuple(t for t in Track if (assistance_type, t) in self.tracks)

    def governing_type(self, types: Iterable[AssistanceType]) -> AssistanceType | None:
        """The type whose procedure an application applying for ``types`` follows (pack ``order``)."""
        wanted = set(types)
        return next((t for t in self.order if t in wanted and self.tracks_of(t)), None)

    def track_for(self, types: Iterable[AssistanceType], fast_track: bool,
                  emergency: bool = False) -> TrackRule | None:
        """The procedure of an application: its governing type, on the commitment track when fast-tracked
        (where the type has one), on the emergency track when asked for (where it has one); else normal."""
        assistance_type = self.governing_type(types)
        if assistance_type is None:
            return None
        if emergency and (assistance_type, Track.EMERGENCY) in self.tracks:
            return self.tracks[(assistance_type, Track.EMERGENCY)]
        if fast_track and (assistance_type, Track.COMMITMENT) in self.tracks:
            return self.tracks[(assistance_type, Track.COMMITMENT)]
        if (assistance_type, Track.NORMAL) in self.tracks:
            return self.tracks[(assistance_type, Track.NORMAL)]
        return next(iter(r for (t, _), r in self.tracks.items() if t is assistance_type))

    def refusal_reason(self, code: str) -> RefusalReason:
        for reason in self.refusal_reasons:
            if reason.code == code:
                return reason
        known = "、".join(f"{r.code}（{r.name}）" for r in self.refusal_reasons)
        raise ProcedureError(f"未知的不予救助理由“{code}”，可选：{known} / Unknown refusal reason '{code}'; known: {known}")


# ------------------------------------------------------------------------------------------ the plan


@dataclass(frozen=True)
class DoneStep:
    """A step as recorded: its code, the date it counts as done, and whether the 公示 drew objections."""

    code: str
    done_on: date
    objections: int = 0


@dataclass(frozen=True)
class PlannedStep:
    rule: StepRule
    state: StepState
    due: date | None
    done_on: date | None = None

    def late(self) -> bool:
        return self.done_on is not None and self.due is not None and self.done_on > self.due


@dataclass(frozen=True)
class ProcedurePlan:
    """Where a procedure stands: every step with its state and due date, the whole due date."""

    track: TrackRule
    received_on: date
    steps: tuple[PlannedStep, ...]
    whole_due: date
    extended: bool
    fallback_years: frozenset[int] = field(default_factory=frozenset)

    @property
    def current(self) -> PlannedStep | None:
        return next((s for s in self.steps if s.state is StepState.CURRENT), None)

    @property
    def current_due(self) -> date | None:
        """The due date of the step to take now (the urging ladder reads this); None when finished."""
        current = self.current
        return current.due if current else None

    @property
    def finished(self) -> bool:
        return self.current is None

    def overdue(self, today: date) -> bool:
        """逾期: the current step's or the whole procedure's due date has passed."""
        current = self.current
        if current is None:
            return False
        return today > self.whole_due or (current.due is not None and today > current.due)


def next_step(track: TrackRule, done: Sequence[DoneStep]) -> StepRule | None:
    """The step that must be recorded next, given the steps done so far (in order); None when all done."""
    return _walk(track, done)[1]


def _walk(track: TrackRule, done: Sequence[DoneStep]) -> tuple[list[StepState], StepRule | None]:
    by_code = {d.code: d for d in done}
    objections: bool | None = None
    states: list[StepState] = []
    current: StepRule | None = None
    for rule in track.steps:
        if rule.code in by_code:
            states.append(StepState.DONE)
            if rule.kind is StepKind.PUBLICITY:
                objections = by_code[rule.code].objections > 0
            continue
        if rule.only_when_objections:
            if objections is None:
                states.append(StepState.CONDITIONAL)
                continue
            if not objections:
                states.append(StepState.SKIPPED)
                continue
        if current is None:
            current = rule
            states.append(StepState.CURRENT)
        else:
            states.append(StepState.PENDING)
    return states, current


def check_order(track: TrackRule, done: Sequence[DoneStep], code: str) -> StepRule:
    """The rule of step ``code`` if it is the one to take now; else a bilingual ProcedureError."""
    rule = track.step(code)
    if any(d.code == code for d in done):
        raise ProcedureError(
            f"“{rule.name}”已经完成；如需重做请注明理由 / “{rule.name}” is already done; redo it with a reason"
        )
    wanted = next_step(track, done)
    if wanted is None:
        raise ProcedureError(f"“{track.name}”的各步骤已完成 / Every step of {track.name} is done")
    if wanted.code != code:
        if rule.only_when_objections:
            raise ProcedureError(
                f"“{rule.name}”只在公示有异议时进行 / “{rule.name}” is held only when the publicity drew objections"
            )
        raise ProcedureError(
            f"现在应办理“{wanted.name}”，不能先办“{rule.name}” / "
            f"The next step is “{wanted.name}”; “{rule.name}” cannot come first"
        )
    return rule


def whole_due_date(track: TrackRule, calendar: WorkCalendar, received_on: date, *, extended: bool,
                   done: Sequence[DoneStep] = ()) -> tuple[date, frozenset[int]]:
    """办结期限 – the whole procedure's due date: receipt + total (or extended) working days; without a
    total, the due date of the last step projected from the steps done."""
    days = track.extended_total_days if extended and track.extended_total_days else track.total_days
    if days is not None:
        result = calendar.add_working_days_checked(received_on, days)
        return result.date, result.fallback_years
    projected = _step_dues(track, calendar, received_on, done, None)
    last = max((d for d, _ in projected if d is not None), default=received_on)
    years: set[int] = set()
    for _, y in projected:
        years |= y
    return last, frozenset(years)


def _step_dues(track: TrackRule, calendar: WorkCalendar, received_on: date, done: Sequence[DoneStep],
               cap: date | None) -> list[tuple[date | None, frozenset[int]]]:
    by_code = {d.code: d for d in done}
    states, _ = _walk(track, done)
    previous = received_on
    result: list[tuple[date | None, frozenset[int]]] = []
    for rule, state in zip(track.steps, states, strict=True):
        if state in (StepState.SKIPPED, StepState.CONDITIONAL):
            result.append((None, frozenset()))
            continue
        base = received_on if rule.days_from_receipt else previous
        due: date | None
        years: frozenset[int] = frozenset()
        if rule.days is None and not rule.duration_days:
            due = cap
        else:
            start = base + timedelta(days=rule.duration_days)
            checked = calendar.add_working_days_checked(start, rule.days or 0)
            due, years = checked.date, checked.fallback_years
            # A step that ends after calendar days (公示) is due on the next working day if it ends on a
            # rest day; a count of working days always ends on one.
            while not calendar.is_working_day(due) and rule.duration_days:
                due += timedelta(days=1)
            if cap is not None and due > cap:
                due = cap
        result.append((due, years))
        if rule.code in by_code:
            previous = by_code[rule.code].done_on
        elif due is not None:
            previous = due
    return result


def plan(track: TrackRule, calendar: WorkCalendar, received_on: date, done: Sequence[DoneStep], *,
         extended: bool = False, closed: bool = False) -> ProcedurePlan:
    """Every step with its state and due date. ``closed``: refused or withdrawn before the end (the steps
    not done are shown as not needed)."""
    whole, years = whole_due_date(track, calendar, received_on, extended=extended, done=done)
    states, _ = _walk(track, done)
    dues = _step_dues(track, calendar, received_on, done, whole)
    by_code = {d.code: d for d in done}
    steps: list[PlannedStep] = []
    all_years = set(years)
    for rule, state, (due, step_years) in zip(track.steps, states, dues, strict=True):
        all_years |= step_years
        if closed and state is not StepState.DONE:
            state = StepState.SKIPPED
        done_step = by_code.get(rule.code)
        steps.append(PlannedStep(rule, state, due, done_step.done_on if done_step else None))
    return ProcedurePlan(track, received_on, tuple(steps), whole, extended, frozenset(all_years))


# ------------------------------------------------------------------------------------- extension


def extension_due_date(track: TrackRule, calendar: WorkCalendar, received_on: date) -> date:
    """The due date an approved extension gives: receipt + the extended working days."""
    if track.extended_total_days is None:
        raise ProcedureError(f"“{track.name}”不能延期 / {track.name} cannot be extended")
    return calendar.add_working_days(received_on, track.extended_total_days)


def check_extension_request(track: TrackRule, *, today: date, whole_due: date, already_extended: bool,
                            reason: str) -> None:
    """延期 may be asked for once, with a reason, before the whole limit has passed."""
    if track.extended_total_days is None:
        raise ProcedureError(f"“{track.name}”不能延期 / {track.name} cannot be extended")
    if already_extended:
        raise ProcedureError("本申请已经延期一次，不能再次延期 / This application has already been extended once")
    if not reason.strip():
        raise ProcedureError("申请延期须写明理由 / An extension needs a reason")
    if today > whole_due:
        raise ProcedureError(
            f"办理期限 {whole_due:%Y-%m-%d} 已过，不能再申请延期 / "
            f"The time limit {whole_due:%Y-%m-%d} has passed; an extension can no longer be asked for"
        )


# ---------------------------------------------------------------------------------------- records


def check_record(rules: ProcedureRules, step: StepRule, record: Mapping[str, Any], *, done_on: date,
                 previous_on: date, received_on: date) -> None:
    """A step's record is complete for its kind, and its date fits; else one bilingual sentence."""
    if done_on < previous_on:
        raise ProcedureError(
            f"“{step.name}”的日期不能早于 {previous_on:%Y-%m-%d} / "
            f"The date of “{step.name}” cannot be before {previous_on:%Y-%m-%d}"
        )
    kind = step.kind
    if kind is StepKind.INVESTIGATION:
        names = [str(n).strip() for n in record.get("investigators", []) if str(n).strip()]
        if len(set(names)) < rules.min_investigators:
            raise ProcedureError(
                f"入户调查须有至少 {rules.min_investigators} 名调查人员 / "
                f"A home investigation needs at least {rules.min_investigators} investigators"
            )
        if not str(record.get("visit_record", "")).strip():
            raise ProcedureError("请填写入户调查记录 / Write the record of the home visit")
    elif kind is StepKind.DATA_CHECK:
        result = record.get("result")
        if result not in {r.value for r in DataCheckResult}:
            raise ProcedureError("请选择核对结果：一致或有差异 / Choose the check result: consistent or discrepancies")
        if result == DataCheckResult.DISCREPANCIES.value and not str(record.get("note", "")).strip():
            raise ProcedureError("核对发现差异时请写明差异 / Describe the discrepancies found")
    elif kind is StepKind.PUBLICITY:
        start, end = record.get("start"), record.get("end")
        if not isinstance(start, date) or not isinstance(end, date):
            raise ProcedureError("请填写公示起止日期 / Give the first and last day of the publicity")
        if start < previous_on:
            raise ProcedureError(
                f"公示不能早于 {previous_on:%Y-%m-%d} 开始 / The publicity cannot start before {previous_on:%Y-%m-%d}"
            )
        days = (end - start).days + 1
        if days < step.duration_days:
            raise ProcedureError(
                f"公示期不少于 {step.duration_days} 天，现为 {days} 天 / "
                f"The publicity lasts at least {step.duration_days} days; this one lasts {days}"
            )
        if done_on < end:
            raise ProcedureError(
                f"公示到 {end:%Y-%m-%d} 结束，结束前不能完成 / The publicity ends on {end:%Y-%m-%d}; it cannot be "
                "completed before"
            )
    elif kind in (StepKind.DEMOCRATIC_REVIEW, StepKind.OPINION):
        if not str(record.get("conclusion", "")).strip():
            raise ProcedureError(f"请填写“{step.name}”的意见 / Write the conclusion of “{step.name}”")
    elif kind is StepKind.ADVANCE_RELIEF:
        amount = record.get("amount_fen")
        if not isinstance(amount, int) or amount <= 0:
            raise ProcedureError("请填写先行救助金额 / Give the amount of relief paid")
        if step.max_amount_fen is not None and amount > step.max_amount_fen:
            raise ProcedureError(
                f"先行救助不超过 {step.max_amount_fen / 100:,.2f} 元 / "
                f"Relief paid first is at most {step.max_amount_fen / 100:,.2f} yuan"
            )
    elif kind is StepKind.DECISION:
        check_decision(rules, record, received_on=received_on)


def check_decision(rules: ProcedureRules, record: Mapping[str, Any], *, received_on: date) -> None:
    outcome = record.get("outcome")
    if outcome == DecisionOutcome.APPROVED.value:
        amount = record.get("amount_fen")
        if not isinstance(amount, int) or amount <= 0:
            raise ProcedureError("予以救助须填写每月救助金额 / An approval needs the monthly amount")
        start = record.get("start_month")
        if not isinstance(start, date) or start.day != 1:
            raise ProcedureError("予以救助须填写起始月份 / An approval needs the month payments start")
        if start < received_on.replace(day=1):
            raise ProcedureError(
                f"起始月份不能早于受理当月（{received_on:%Y-%m}） / The start month cannot be before the month of "
                f"receipt ({received_on:%Y-%m})"
            )
    elif outcome == DecisionOutcome.REFUSED.value:
        check_refusal(rules, record.get("reasons", ()), str(record.get("facts", "")))
    else:
        raise ProcedureError("请选择审核结论：予以救助或不予救助 / Choose the decision: approve or refuse")


def check_refusal(rules: ProcedureRules, reasons: Iterable[str], facts: str) -> None:
    codes = [str(c) for c in reasons]
    if not codes:
        raise ProcedureError("不予救助须至少选择一项理由 / A refusal needs at least one reason")
    for code in codes:
        rules.refusal_reason(code)
    if not facts.strip():
        raise ProcedureError("不予救助须写明所依据的事实 / A refusal must state the facts it rests on")


# ------------------------------------------------------------------------------------- timeliness


@dataclass(frozen=True)
class TimelinessFigures:
    """办理时效 of one group: decided count, working days receipt → decision, share on time, open now."""

    decided: int
    mean_working_days: float | None
    p90_working_days: int | None
    on_time_share: float | None
    open: int
    overdue: int

    def as_json(self) -> dict[str, Any]:
        return {
            "decided": self.decided,
            "mean_working_days": None if self.mean_working_days is None else round(self.mean_working_days, 2),
            "p90_working_days": self.p90_working_days,
            "on_time_share": None if self.on_time_share is None else round(self.on_time_share, 4),
            "open": self.open,
            "overdue": self.overdue,
        }


def timeliness(decided_days: Sequence[int], on_time: Sequence[bool], open_count: int,
               overdue_count: int) -> TimelinessFigures:
    """Figures of one group. p90 is the nearest-rank 90th percentile (the smallest value with at least
    90 % of the decisions at or below it)."""
    n = len(decided_days)
    if n != len(on_time):
        raise ValueError("decided_days and on_time differ in length")
    if n == 0:
        return TimelinessFigures(0, None, None, None, open_count, overdue_count)
    ordered = sorted(decided_days)
    rank = math.ceil(Fraction(9, 10) * n)
    return TimelinessFigures(
        decided=n,
        mean_working_days=sum(ordered) / n,
        p90_working_days=ordered[rank - 1],
        on_time_share=sum(1 for x in on_time if x) / n,
        open=open_count,
        overdue=overdue_count,
    )


# ---------------------------------------------------------------------------------------- parsing


_STEP_KEYS = ("code", "kind", "name", "name_en", "roles", "days", "days_from", "duration_days", "only_when", "max_amount")
_PROCEDURE_KEYS = (
    "order", "min_investigators", "refusal_notice_days", "appeal_review_days", "appeal_litigation_months",
    "appeal_review_body", "appeal_court", "extension_roles", "withdrawal_roles", "publicity_place",
    "publicity_objection_channel", "refusal_reasons",
)


def _roles(r: _Reader, data: Mapping[str, Any], key: str, path: str) -> frozenset[Role]:
    roles = frozenset(r.members(Role, data, key, path))
    if not roles or roles - {Role.CLERK, Role.SUPERVISOR}:
        raise r.fail(f"{path}.{key}", "应为 clerk、supervisor 中的一项或两项", "must be clerk and/or supervisor")
    return roles


def parse_procedures(r: _Reader, common: Mapping[str, Any], procedures: Mapping[str, Any]) -> ProcedureRules:
    """Read ``[procedure]`` and ``[procedures.*.*]``; every problem names its key."""
    r.only_keys(common, "procedure", _PROCEDURE_KEYS)
    reasons_raw = common.get("refusal_reasons", [])
    if not isinstance(reasons_raw, list) or not reasons_raw:
        raise r.fail("procedure.refusal_reasons", "应为理由表数组（[[procedure.refusal_reasons]]）",
                     "must be an array of tables ([[procedure.refusal_reasons]])")
    reasons: list[RefusalReason] = []
    for i, raw in enumerate(reasons_raw):
        path = f"procedure.refusal_reasons[{i}]"
        if not isinstance(raw, dict):
            raise r.fail(path, "应为表", "must be a table")
        r.only_keys(raw, path, ("code", "name", "name_en"))
        reasons.append(RefusalReason(r.text(raw, "code", path), r.text(raw, "name", path),
                                     r.text(raw, "name_en", path, default="")))
    codes = [x.code for x in reasons]
    if len(set(codes)) != len(codes):
        raise r.fail("procedure.refusal_reasons", "理由代码重复", "a reason code appears twice")

    tracks: dict[tuple[AssistanceType, Track], TrackRule] = {}
    for type_key, by_track in procedures.items():
        assistance_type = r.member(AssistanceType, type_key, f"procedures.{type_key}")
        if not isinstance(by_track, dict) or not by_track:
            raise r.fail(f"procedures.{type_key}", "应为表（[procedures.dibao.normal]）",
                         "must be a table ([procedures.dibao.normal])")
        for track_key, raw in by_track.items():
            path = f"procedures.{type_key}.{track_key}"
            track = r.member(Track, track_key, path)
            if not isinstance(raw, dict):
                raise r.fail(path, "应为表", "must be a table")
            tracks[(assistance_type, track)] = _track(r, raw, path, assistance_type, track)

    order = tuple(r.members(AssistanceType, common, "order", "procedure"))
    for i, assistance_type in enumerate(order):
        if not any(t is assistance_type for t, _ in tracks):
            raise r.fail(f"procedure.order[{i}]", f"“{assistance_type.value}”没有对应的程序",
                         f"'{assistance_type.value}' has no procedure")
    for assistance_type, _ in tracks:
        if assistance_type not in order:
            raise r.fail("procedure.order", f"缺少“{assistance_type.value}”", f"'{assistance_type.value}' is missing")
    return ProcedureRules(
        tracks=tracks,
        order=order,
        min_investigators=r.integer(common, "min_investigators", "procedure", low=1, high=10),
        refusal_notice_days=r.integer(common, "refusal_notice_days", "procedure", low=1, high=30),
        appeal_review_days=r.integer(common, "appeal_review_days", "procedure", low=1, high=365),
        appeal_litigation_months=r.integer(common, "appeal_litigation_months", "procedure", low=1, high=36),
        appeal_review_body=r.text(common, "appeal_review_body", "procedure"),
        appeal_court=r.text(common, "appeal_court", "procedure"),
        extension_roles=_roles(r, common, "extension_roles", "procedure"),
        withdrawal_roles=_roles(r, common, "withdrawal_roles", "procedure"),
        publicity_place=r.text(common, "publicity_place", "procedure"),
        publicity_objection_channel=r.text(common, "publicity_objection_channel", "procedure"),
        refusal_reasons=tuple(reasons),
    )


def _track(r: _Reader, raw: Mapping[str, Any], path: str, assistance_type: AssistanceType,
           track: Track) -> TrackRule:
    r.only_keys(raw, path, ("name", "name_en", "total_days", "extended_total_days", "steps"))
    steps_raw = raw.get("steps")
    if not isinstance(steps_raw, list) or not steps_raw:
        raise r.fail(f"{path}.steps", "应为步骤表数组（[[...steps]]）", "must be an array of tables ([[...steps]])")
    total = raw.get("total_days")
    total_days = None if total is None else r.integer(raw, "total_days", path, low=1, high=250)
    extended = raw.get("extended_total_days")
    extended_days = None if extended is None else r.integer(raw, "extended_total_days", path, low=1, high=250)
    if extended_days is not None and (total_days is None or extended_days <= total_days):
        raise r.fail(f"{path}.extended_total_days", "须大于 total_days", "must be more than total_days")
    steps: list[StepRule] = []
    for i, item in enumerate(steps_raw):
        step_path = f"{path}.steps[{i}]"
        if not isinstance(item, dict):
            raise r.fail(step_path, "应为表", "must be a table")
        r.only_keys(item, step_path, _STEP_KEYS)
        days_from = r.text(item, "days_from", step_path, default="previous")
        if days_from not in ("previous", "receipt"):
            raise r.fail(f"{step_path}.days_from", "应为 previous 或 receipt", "must be previous or receipt")
        only_when = r.text(item, "only_when", step_path, default="always")
        if only_when not in ("always", "objections"):
            raise r.fail(f"{step_path}.only_when", "应为 objections", "must be objections")
        kind = r.member(StepKind, item.get("kind"), f"{step_path}.kind")
        days = item.get("days")
        step = StepRule(
            code=r.text(item, "code", step_path),
            kind=kind,
            name=r.text(item, "name", step_path),
            roles=_roles(r, item, "roles", step_path),
            days=None if days is None else r.integer(item, "days", step_path, low=0, high=120),
            days_from_receipt=days_from == "receipt",
            duration_days=r.integer(item, "duration_days", step_path, low=0, high=60, default=0)
            if "duration_days" in item else 0,
            only_when_objections=only_when == "objections",
            max_amount_fen=r.money(item, "max_amount", step_path) if "max_amount" in item else None,
            name_en=r.text(item, "name_en", step_path, default=""),
        )
        if step.only_when_objections and not any(s.kind is StepKind.PUBLICITY for s in steps):
            raise r.fail(f"{step_path}.only_when", "须在公示步骤之后", "must come after a publicity step")
        if kind is StepKind.PUBLICITY and step.duration_days < 1:
            raise r.fail(f"{step_path}.duration_days", "公示须给出天数", "a publicity needs its days")
        if total_days is None and step.days is None and not step.duration_days and not step.only_when_objections:
            raise r.fail(f"{step_path}.days", "程序没有 total_days 时每一步须给出 days",
                         "without total_days every step needs days")
        steps.append(step)
    codes = [s.code for s in steps]
    if len(set(codes)) != len(codes):
        raise r.fail(f"{path}.steps", "步骤代码重复", "a step code appears twice")
    decisions = [s for s in steps if s.kind is StepKind.DECISION]
    if len(decisions) != 1 or steps[-1].kind is not StepKind.DECISION:
        raise r.fail(f"{path}.steps", "须以且只有一个 decision 步骤结束", "must end with exactly one decision step")
    return TrackRule(assistance_type, track, r.text(raw, "name", path), tuple(steps), total_days, extended_days,
                     r.text(raw, "name_en", path, default=""))
