"""The canonical states the audit trail attests: an application with everything declared on it, a
referral, a post-check, an account, a setting, a callback and its follow-up, an application's
procedure (steps, extensions, decision and refusal reasons, publicity objections, withdrawal), a lead
found in a department's list with its visits, and a monitored household with its visits and moves.

Each reader yields ``(entity_id, order_key, state)``: the id the audit events name the entity by, the
row's primary key, and its state as plain values. Bookkeeping that changes without meaning anything
(the optimistic-lock ``version``, ``updated_at``, an account's failed sign-in count and lock) is left
out, so only what a clerk, a supervisor or a department decided is attested.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Column, Table, select
from sqlalchemy.engine import RowMapping
from sqlalchemy.orm import Session

from intake_desk.services import audit
from intake_desk.store import models

BATCH = 1000


def _table(model: Any) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


_AS_IS = frozenset({str, int, bool, float, type(None)})


def _value(value: Any) -> Any:
    if type(value) in _AS_IS:  # most columns: no isinstance checks
        return value
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _plain(row: Mapping[Any, Any], skip: frozenset[str]) -> dict[str, Any]:
    return {key: _value(value) for key, value in row.items() if key not in skip}


def _parents(session: Session, table: Table, key: Column[Any], ids: Sequence[str] | None,
             convert: Any = str) -> Iterator[list[RowMapping]]:
    """Rows of ``table`` in batches: those whose ``key`` is in ``ids``, or all of them by primary key."""
    if ids is not None:
        values = []
        for entity_id in ids:
            try:
                values.append(convert(entity_id))
            except ValueError:
                continue
        for start in range(0, len(values), BATCH):
            rows = session.execute(select(table).where(key.in_(values[start:start + BATCH]))
                                   .order_by(table.c.id)).mappings().all()
            if rows:
                yield list(rows)
        return
    last = 0
    while True:
        rows = session.execute(select(table).where(table.c.id > last).order_by(table.c.id).limit(BATCH)
                               ).mappings().all()
        if not rows:
            return
        yield list(rows)
        last = rows[-1]["id"]


def _children(session: Session, model: Any, parent_column: str, parent_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    table = _table(model)
    column = table.c[parent_column]
    grouped: dict[int, list[dict[str, Any]]] = {}
    rows = session.execute(select(table).where(column.in_(parent_ids)).order_by(table.c.id)).mappings()
    skip = frozenset({parent_column})
    for row in rows:
        grouped.setdefault(row[parent_column], []).append(_plain(row, skip))
    return grouped


_APPLICATION_PARTS: tuple[tuple[str, Any], ...] = (
    ("members", models.ApplicationMember), ("incomes", models.ApplicationIncome),
    ("assets", models.ApplicationAsset), ("expenses", models.ApplicationExpense),
    ("deductions", models.ApplicationDeduction), ("requested_items", models.RequestedItem),
    ("materials", models.Material), ("declaration", models.Declaration), ("assessments", models.Assessment),
)
_BOOKKEEPING = frozenset({"version", "updated_at"})


APPLICATION_PARTS: tuple[Any, ...] = tuple(model for _name, model in _APPLICATION_PARTS)
"""The tables whose rows belong to an application's attested state (the submit writes them)."""


def application_state(row: Mapping[Any, Any], parts: Mapping[Any, Sequence[Mapping[Any, Any]]]) -> dict[str, Any]:
    """The state of an application from its row and the rows of each part (keyed by model), as read
    back from the database (a ``SELECT`` or an ``INSERT … RETURNING`` of every column)."""
    state = _plain(row, _BOOKKEEPING)
    skip = frozenset({"application_id"})
    for name, model in _APPLICATION_PARTS:
        state[name] = [_plain(part, skip) for part in sorted(parts.get(model, ()), key=lambda r: r["id"])]
    return state


def referral_state(row: Mapping[Any, Any]) -> dict[str, Any]:
    """The state of a referral from its row (every column)."""
    return _plain(row, _BOOKKEEPING)


def post_check_state(row: Mapping[Any, Any]) -> dict[str, Any]:
    """The state of a post-check from its row (every column)."""
    return _plain(row, _BOOKKEEPING)


def read_applications(session: Session, ids: Sequence[str] | None) -> Iterable[audit.StateRow]:
    """申请 – the application with its declared members, incomes, assets, expenses, deductions,
    requested items, materials, declaration and assessment."""
    table = _table(models.Application)
    for batch in _parents(session, table, table.c.number, ids):
        parent_ids = [row["id"] for row in batch]
        parts = {name: _children(session, model, "application_id", parent_ids) for name, model in _APPLICATION_PARTS}
        for row in batch:
            state = _plain(row, _BOOKKEEPING)
            for name, _model in _APPLICATION_PARTS:
                state[name] = parts[name].get(row["id"], [])
            yield row["number"], row["id"], state


def read_referrals(session: Session, ids: Sequence[str] | None) -> Iterable[audit.StateRow]:
    """转介 – the referral: department, status, consent, due date, assignee, outcome. Its timeline
    (``referral_events``) is not part of it: urging adds timeline lines to many referrals in one event
    about the urging, and the audit trail holds every step itself."""
    table = _table(models.Referral)
    for batch in _parents(session, table, table.c.number, ids):
        for row in batch:
            yield row["number"], row["id"], referral_state(row)


def read_post_checks(session: Session, ids: Sequence[str] | None) -> Iterable[audit.StateRow]:
    """事后核查 – a post-check and its result."""
    table = _table(models.PostCheck)
    for batch in _parents(session, table, table.c.id, ids, int):
        for row in batch:
            yield str(row["id"]), row["id"], post_check_state(row)


_ACCOUNT_FIELDS = ("username", "display_name", "role", "hall_id", "department_id", "password_hash", "active",
                   "must_change_password", "password_changed_at", "created_at")


def read_users(session: Session, ids: Sequence[str] | None) -> Iterable[audit.StateRow]:
    """账户 – who the account is, its role, scope, password hash and whether it is active (not the
    failed sign-in count, the lock or the last sign-in, which every sign-in moves)."""
    table = _table(models.User)
    for batch in _parents(session, table, table.c.username, ids):
        for row in batch:
            yield row["username"], row["id"], {name: _value(row[name]) for name in _ACCOUNT_FIELDS}


def read_settings(session: Session, ids: Sequence[str] | None) -> Iterable[audit.StateRow]:
    """设置 – one hall-wide setting's value."""
    table = _table(models.AppSetting)
    query = select(table).order_by(table.c.key)
    if ids is not None:
        query = query.where(table.c.key.in_(list(ids)))
    for row in session.execute(query).mappings():
        yield row["key"], None, {"value": row["value"]}


def read_callbacks(session: Session, ids: Sequence[str] | None) -> Iterable[audit.StateRow]:
    """回访 – a callback after a decision or a completed referral: tries, channel, rating, comment."""
    table = _table(models.Callback)
    for batch in _parents(session, table, table.c.id, ids, int):
        for row in batch:
            yield str(row["id"]), row["id"], _plain(row, _BOOKKEEPING)


def read_follow_ups(session: Session, ids: Sequence[str] | None) -> Iterable[audit.StateRow]:
    """整改 – the follow-up of a poor rating: action taken, second call, closing."""
    table = _table(models.FollowUp)
    for batch in _parents(session, table, table.c.id, ids, int):
        for row in batch:
            yield str(row["id"]), row["id"], _plain(row, _BOOKKEEPING)


_PROCEDURE_PARTS: tuple[tuple[str, Any], ...] = (
    ("steps", models.ProcedureStep), ("extensions", models.ProcedureExtension),
    ("objections", models.PublicityObjection), ("withdrawal", models.ProcedureWithdrawal),
)


def read_procedures(session: Session, ids: Sequence[str] | None) -> Iterable[audit.StateRow]:
    """审核确认程序 – an application's procedure, by the application's number: the procedure row, every
    step (redone ones kept), extensions, publicity objections, the decision with its refusal reasons and
    a withdrawal. Its timeline (``procedure_events``) is not part of it: urging adds lines there, and
    the audit trail holds every step itself."""
    procedures = _table(models.ApplicationProcedure)
    applications = _table(models.Application)
    query = (select(procedures, applications.c.number.label("application_number"))
             .join(applications, applications.c.id == procedures.c.application_id))
    wanted: list[str] | None = list(ids) if ids is not None else None
    last = 0
    while True:
        if wanted is not None:
            if not wanted:
                return
            chunk, wanted = wanted[:BATCH], wanted[BATCH:]
            rows = session.execute(query.where(applications.c.number.in_(chunk)).order_by(procedures.c.id)
                                   ).mappings().all()
        else:
            rows = session.execute(query.where(procedures.c.id > last).order_by(procedures.c.id).limit(BATCH)
                                   ).mappings().all()
            if not rows:
                return
            last = rows[-1]["id"]
        app_ids = [row["application_id"] for row in rows]
        parts = {name: _children(session, model, "application_id", app_ids) for name, model in _PROCEDURE_PARTS}
        decided = _children(session, models.ProcedureDecision, "application_id", app_ids)
        decision_ids = [d["id"] for found in decided.values() for d in found]
        refusal = _children(session, models.ProcedureRefusalReason, "decision_id", decision_ids) if decision_ids else {}
        for row in rows:
            key = row["application_id"]
            yield row["application_number"], row["id"], procedure_state(
                row, {name: parts[name].get(key, []) for name, _model in _PROCEDURE_PARTS},
                [dict(d, refusal_reasons=refusal.get(d["id"], [])) for d in decided.get(key, [])])


def procedure_state(row: Mapping[Any, Any], parts: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
                    decisions: Sequence[Mapping[str, Any]] = ()) -> dict[str, Any]:
    """The state of an application's procedure from its row (every column, as read back) and its parts
    (each part's rows without ``application_id``); a procedure just opened at receipt has none."""
    state = _plain(row, frozenset({"application_number"}))
    for name, _model in _PROCEDURE_PARTS:
        state[name] = list((parts or {}).get(name, ()))
    state["decision"] = list(decisions)
    return state


_VISITS_OF_LEAD = "lead_id"
_VISITS_OF_HOUSEHOLD = "monitored_id"


def read_leads(session: Session, ids: Sequence[str] | None) -> Iterable[audit.StateRow]:
    """线索 – a household found in a department's list: where it was placed, who visits it, the
    outcome, and the visits recorded for it."""
    table = _table(models.Lead)
    for batch in _parents(session, table, table.c.id, ids, int):
        visits = _children(session, models.MonitoringVisit, _VISITS_OF_LEAD, [row["id"] for row in batch])
        for row in batch:
            yield str(row["id"]), row["id"], lead_state(row, visits.get(row["id"], []))


def lead_state(row: Mapping[Any, Any], visits: Sequence[Mapping[str, Any]] = ()) -> dict[str, Any]:
    """The state of a lead from its row (every column, as read back) and its visits (without
    ``lead_id``); a lead just imported has none."""
    state = _plain(row, _BOOKKEEPING)
    state["visits"] = list(visits)
    return state


def read_monitored(session: Session, ids: Sequence[str] | None) -> Iterable[audit.StateRow]:
    """监测对象 – a household in the monitoring library: library, circle, risk factors, due dates, its
    visits and its moves between libraries and circles."""
    table = _table(models.MonitoredHousehold)
    for batch in _parents(session, table, table.c.id, ids, int):
        keys = [row["id"] for row in batch]
        visits = _children(session, models.MonitoringVisit, _VISITS_OF_HOUSEHOLD, keys)
        moves = _children(session, models.MonitoringMove, "monitored_id", keys)
        for row in batch:
            state = _plain(row, _BOOKKEEPING)
            state["visits"] = visits.get(row["id"], [])
            state["moves"] = moves.get(row["id"], [])
            yield str(row["id"]), row["id"], state


def register_builtin() -> None:
    from intake_desk.services import state_scan as scan

    audit.register_state("application", read_applications, zh="申请", en="application", scan=scan.scan_applications)
    audit.register_state("referral", read_referrals, zh="转介", en="referral", scan=scan.scan_referrals)
    audit.register_state("post_check", read_post_checks, zh="事后核查", en="post-check", scan=scan.scan_post_checks)
    audit.register_state("user", read_users, zh="账户", en="account", scan=scan.scan_users)
    audit.register_state("setting", read_settings, zh="设置", en="setting", scan=scan.scan_settings)
    audit.register_state("callback", read_callbacks, zh="回访", en="callback", scan=scan.scan_callbacks)
    audit.register_state("follow_up", read_follow_ups, zh="整改", en="follow-up", scan=scan.scan_follow_ups)
    audit.register_state("procedure", read_procedures, zh="审核程序", en="procedure", scan=scan.scan_procedures)
    audit.register_state("lead", read_leads, zh="线索", en="lead", scan=scan.scan_leads)
    audit.register_state("monitored_household", read_monitored, zh="监测对象", en="monitored household",
                         scan=scan.scan_monitored)
