"""The canonical states the audit trail attests: an application with everything declared on it, a
referral, a post-check, an account, a setting.

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


def _value(value: Any) -> Any:
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


def register_builtin() -> None:
    audit.register_state("application", read_applications, zh="申请", en="application")
    audit.register_state("referral", read_referrals, zh="转介", en="referral")
    audit.register_state("post_check", read_post_checks, zh="事后核查", en="post-check")
    audit.register_state("user", read_users, zh="账户", en="account")
    audit.register_state("setting", read_settings, zh="设置", en="setting")
