"""全表摘要 – every row's state digest, table by table, for ``audit verify``.

The states are those of ``services.entity_states`` (the readers a transaction's commit and a submit
use, one entity at a time); here the same states are built for every row of a kind in one ordered
pass: each table is read in primary-key batches as plain tuples of the state's columns (named once,
converted only where a value is a date or a time), the rows of an entity's parts are read per batch
by a range of the parent's key, ordered by parent and id, and each state goes to the canonical JSON
encoder as it is, without a second walk over its values. The digests are byte for byte those of
:func:`services.audit.digest_of` over :mod:`services.entity_states`' states (a test compares them for
every kind).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Column, Select, Table, select
from sqlalchemy.orm import Session

from intake_desk.services import audit, entity_states
from intake_desk.store import models

BATCH = 2000
"""Parent rows per batch: a few statements per batch, memory bounded by the batch, not the table."""

_NATIVE = (str, int, bool, float)


def _table(model: Any) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _exact(value: Any) -> Any:
    """What the per-entity path makes of a value (``entity_states._value``, then the canonical walk)."""
    return audit._plain(entity_states._value(value))


def _utc_text(value: Any) -> Any:
    """A time (``UtcDateTime`` gives aware datetimes) as the per-entity path writes it."""
    return value.astimezone(UTC).isoformat() if type(value) is datetime else _exact(value)


def _date_text(value: Any) -> Any:
    return value.isoformat() if type(value) is date else _exact(value)


def _converter(column: Column[Any]) -> Callable[[Any], Any] | None:
    """None for a column whose values JSON takes as they come (text, numbers, flags)."""
    try:
        python_type = column.type.python_type
    except NotImplementedError:
        return _exact
    if python_type in _NATIVE:
        return None
    if python_type is datetime or isinstance(column.type, models.UtcDateTime):
        return _utc_text
    return _date_text if python_type is date else _exact


class Layout:
    """The columns of one table that make up a state, in one SELECT, and how a row becomes plain values.

    The columns are selected in the order of their names, so each state is a dict whose keys are in
    sorted order – with ``extra`` keys (the parts an entity's state adds to its row) in their places,
    to be filled by the caller – and the canonical encoder need not sort them. ``group``: the column
    the rows belong to their parent by (selected first, left out of the state). The id is always
    selected: after the state's columns when it is not one of them."""

    def __init__(self, table: Table, *, skip: Collection[str] = (), only: Sequence[str] | None = None,
                 group: str | None = None, extra: Sequence[str] = ()) -> None:
        if only is not None:
            columns = [table.c[name] for name in only]
        else:
            columns = [column for column in table.c if column.name not in skip and column.name != group]
        columns.sort(key=lambda column: column.name)
        self.table = table
        self.names = tuple(column.name for column in columns)
        assert not set(extra) & set(self.names)
        self.template = dict.fromkeys(sorted((*self.names, *extra))) if extra else None
        self.converters = tuple((i, f) for i, column in enumerate(columns) if (f := _converter(column)) is not None)
        self.group: Column[Any] | None = table.c[group] if group else None
        lead = [self.group] if self.group is not None else []
        self.id_index = self.names.index("id") if "id" in self.names else len(self.names)
        tail = [] if "id" in self.names else [table.c.id]
        self.query: Select[Any] = select(*lead, *columns, *tail)

    def plain(self, values: Sequence[Any]) -> dict[str, Any]:
        if self.converters:
            values = list(values)
            for i, convert in self.converters:
                value = values[i]
                if value is not None:
                    values[i] = convert(value)
        if self.template is None:
            return dict(zip(self.names, values, strict=True))
        state = self.template.copy()
        state.update(zip(self.names, values, strict=True))
        return state


def _parent_batches(session: Session, layout: Layout, query: Select[Any] | None = None
                    ) -> Iterator[list[tuple[int, dict[str, Any], Any]]]:
    """``(id, state, row)`` of every row of the layout's table by id, a batch at a time."""
    id_column = layout.table.c.id
    base = (query if query is not None else layout.query).order_by(id_column).limit(BATCH)
    width = len(layout.names)
    at = layout.id_index
    last: Any = None
    while True:
        rows = session.execute(base if last is None else base.where(id_column > last)).all()
        if not rows:
            return
        plain = layout.plain
        yield [(row[at], plain(row[:width]), row) for row in rows]
        last = rows[-1][at]


def _children(session: Session, layout: Layout, *, between: tuple[Any, Any] | None = None,
              among: Sequence[Any] | None = None) -> dict[Any, list[dict[str, Any]]]:
    """The layout's rows of the parents whose key is ``between`` two values or ``among`` some, each
    parent's in id order."""
    group = layout.group
    assert group is not None
    if among is not None:
        if not among:
            return {}
        query = layout.query.where(group.in_(list(among)))
    else:
        assert between is not None
        query = layout.query.where(group.between(*between))
    grouped: dict[Any, list[dict[str, Any]]] = {}
    plain = layout.plain
    end = 1 + len(layout.names)
    for row in session.execute(query.order_by(group, layout.table.c.id)).all():
        found = grouped.get(row[0])
        if found is None:
            found = grouped[row[0]] = []
        found.append(plain(row[1:end]))
    return grouped


def _digest(state: dict[str, Any]) -> str:
    return audit.digest_of_plain(state, keys_sorted=True)


_BOOKKEEPING = entity_states._BOOKKEEPING


def _parts(pairs: Sequence[tuple[str, Any]], group: str) -> list[tuple[str, Layout]]:
    return [(name, Layout(_table(model), group=group)) for name, model in pairs]


def scan_applications(session: Session) -> Iterator[audit.DigestRow]:
    """申请 – each application with the rows of its parts (``entity_states.read_applications``)."""
    parts = _parts(entity_states._APPLICATION_PARTS, "application_id")
    parent = Layout(_table(models.Application), skip=_BOOKKEEPING, extra=[name for name, _layout in parts])
    for batch in _parent_batches(session, parent):
        span = (batch[0][0], batch[-1][0])
        found = [(name, _children(session, layout, between=span)) for name, layout in parts]
        for row_id, state, _row in batch:
            for name, grouped in found:
                state[name] = grouped.get(row_id, [])
            yield state["number"], row_id, _digest(state)


def _single(model: Any, key: str | None, *, skip: Collection[str] = _BOOKKEEPING,
            only: Sequence[str] | None = None) -> Callable[[Session], Iterator[audit.DigestRow]]:
    """A kind whose state is one row, named by its ``key`` column or, when None, by its id as text."""
    def scan(session: Session) -> Iterator[audit.DigestRow]:
        layout = Layout(_table(model), skip=skip, only=only)
        for batch in _parent_batches(session, layout):
            for row_id, state, _row in batch:
                yield (state[key] if key is not None else str(row_id)), row_id, _digest(state)
    return scan


def scan_procedures(session: Session) -> Iterator[audit.DigestRow]:
    """审核确认程序 – each procedure by its application's number, with its steps, extensions,
    objections, withdrawal and decision with its refusal reasons (``entity_states.read_procedures``)."""
    procedures = _table(models.ApplicationProcedure)
    applications = _table(models.Application)
    parts = _parts(entity_states._PROCEDURE_PARTS, "application_id")
    parent = Layout(procedures, extra=[*(name for name, _layout in parts), "decision"])
    query = parent.query.add_columns(applications.c.number).join(
        applications, applications.c.id == procedures.c.application_id)
    width = len(parent.names)
    decisions = Layout(_table(models.ProcedureDecision), group="application_id", extra=["refusal_reasons"])
    refusals = Layout(_table(models.ProcedureRefusalReason), group="decision_id")
    at = parent.names.index("application_id")
    for batch in _parent_batches(session, parent, query):
        keys = [row[at] for _id, _state, row in batch]
        found = [(name, _children(session, layout, among=keys)) for name, layout in parts]
        decided = _children(session, decisions, among=keys)
        reasons = _children(session, refusals, among=[d["id"] for found_ in decided.values() for d in found_])
        for found_ in decided.values():
            for decision in found_:
                decision["refusal_reasons"] = reasons.get(decision["id"], [])
        for row_id, state, row in batch:
            key = row[at]
            for name, grouped in found:
                state[name] = grouped.get(key, [])
            state["decision"] = decided.get(key, [])
            yield row[width], row_id, _digest(state)


def _with_visits(model: Any, visits_of: str, moves: bool) -> Callable[[Session], Iterator[audit.DigestRow]]:
    """A lead or a monitored household: its row, its visits (and a household's moves)."""
    def scan(session: Session) -> Iterator[audit.DigestRow]:
        parts = [("visits", Layout(_table(models.MonitoringVisit), group=visits_of))]
        if moves:
            parts.append(("moves", Layout(_table(models.MonitoringMove), group="monitored_id")))
        parent = Layout(_table(model), skip=_BOOKKEEPING, extra=[name for name, _layout in parts])
        for batch in _parent_batches(session, parent):
            span = (batch[0][0], batch[-1][0])
            found = [(name, _children(session, layout, between=span)) for name, layout in parts]
            for row_id, state, _row in batch:
                for name, grouped in found:
                    state[name] = grouped.get(row_id, [])
                yield str(row_id), row_id, _digest(state)
    return scan


def scan_settings(session: Session) -> Iterator[audit.DigestRow]:
    """设置 – the few hall-wide settings, by key."""
    table = _table(models.AppSetting)
    for key, value in session.execute(select(table.c.key, table.c.value).order_by(table.c.key)):
        yield key, None, _digest({"value": _exact(value)})


scan_referrals = _single(models.Referral, "number")
scan_post_checks = _single(models.PostCheck, None)
scan_users = _single(models.User, "username", only=entity_states._ACCOUNT_FIELDS)
scan_callbacks = _single(models.Callback, None)
scan_follow_ups = _single(models.FollowUp, None)
scan_leads = _with_visits(models.Lead, entity_states._VISITS_OF_LEAD, moves=False)
scan_monitored = _with_visits(models.MonitoredHousehold, entity_states._VISITS_OF_HOUSEHOLD, moves=True)
