"""审计日志 – the append-only audit trail, a hash chain that shows any later change.

Every write a service makes records one event in the same transaction; the events are chained when it
commits. The event's hash covers its own fields, the digest of its entity's state after the change
and the previous event's hash; the single ``audit_head`` row is locked while events are appended (at
the very end of the transaction), so the chain has one order across all desks.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import Table, bindparam, event, func, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from intake_desk.services.actor import Actor
from intake_desk.store.db import Database
from intake_desk.store.models import AuditEvent, AuditHead

GENESIS = "0" * 64
_HEAD_ID = 1


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _plain(value: Any) -> Any:
    if type(value) in _SCALARS:  # most values: no isinstance checks against the ABCs below
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    return value


def canonical_detail(detail: Mapping[str, Any] | None) -> str:
    return json.dumps(_plain(dict(detail or {})), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def canonical_plain(value: dict[str, Any]) -> str:
    """:func:`canonical_detail` of a value that is plain already – text keys; text, numbers, booleans and
    None, in lists and dicts – as ``services.entity_states`` gives an entity's state: the same text,
    without converting every value first."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def event_hash(prev_hash: str, at: datetime, actor_id: int | None, actor_name: str, action: str,
               entity: str, entity_id: str, detail: str, state_digest: str | None = None) -> str:
    """The event's hash: its fields, the previous hash and (when it has one) the entity's state digest."""
    fields = [
        prev_hash, at.isoformat(timespec="microseconds"), str(actor_id or ""), actor_name, action,
        entity, entity_id, detail,
    ]
    if state_digest is not None:
        fields.append(state_digest)
    return hashlib.sha256("\x1f".join(fields).encode("utf-8")).hexdigest()


def changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """``{field: [before, after]}`` for the fields that differ."""
    return {key: [_plain(before.get(key)), _plain(after.get(key))]
            for key in sorted(set(before) | set(after)) if before.get(key) != after.get(key)}


# -- entity states -----------------------------------------------------------------------------------
#
# An event about an entity whose state is registered here carries the SHA-256 of the entity's
# canonical state after the change, so ``audit verify`` can recompute every entity's digest and name a
# row changed, added or removed outside the program. A new kind of entity opts in with one call:
#
#     audit.register_state("lead", read_leads, zh="线索", en="lead")
#
# where ``read_leads(session, ids)`` yields ``(entity_id, order_key, state)`` for the given entity ids
# (every row, in batches, when ``ids`` is None). ``order_key`` is the row's integer primary key (rows
# are numbered in the order they are created) or None; ``state`` is a mapping of plain values.
#
# A kind may also give ``scan=scan_leads``: ``scan_leads(session)`` yields ``(entity_id, order_key,
# digest)`` for every row, as ``read_leads(session, None)`` followed by :func:`digest_of` would, only
# faster (``audit verify`` walks every row; ``services.state_scan``). Without one, verify reads and digests.

StateRow = tuple[str, int | None, Mapping[str, Any]]
StateReader = Callable[[Session, Sequence[str] | None], Iterable[StateRow]]
DigestRow = tuple[str, int | None, str]
DigestScan = Callable[[Session], Iterable[DigestRow]]

ABSENT = hashlib.sha256(b"intake-desk: no such entity").hexdigest()
"""The digest recorded for an entity that does not exist after the event (removed, or never made)."""


class _Auto(Enum):
    AUTO = "auto"


AUTO = _Auto.AUTO
"""``record(..., digest=AUTO)``: the digest of the entity's current state when its kind is registered."""


@dataclass(frozen=True)
class EntityKind:
    """A kind of entity whose state the audit trail attests: how to read it, what to call it."""

    entity: str
    read: StateReader
    zh: str
    en: str
    scan: DigestScan | None = None


_KINDS: dict[str, EntityKind] = {}
_BUILTINS_LOADED = False


def register_state(entity: str, read: StateReader, *, zh: str, en: str, scan: DigestScan | None = None) -> None:
    """Attest the state of ``entity`` in every event about it (see the note above)."""
    _KINDS[entity] = EntityKind(entity, read, zh, en, scan)


def registered() -> dict[str, EntityKind]:
    global _BUILTINS_LOADED
    if not _BUILTINS_LOADED:
        _BUILTINS_LOADED = True
        from intake_desk.services import entity_states

        entity_states.register_builtin()
    return _KINDS


def digest_of(state: Mapping[str, Any]) -> str:
    """SHA-256 of the canonical JSON of a state (sorted keys, dates as ISO text)."""
    return hashlib.sha256(canonical_detail(state).encode("utf-8")).hexdigest()


_CANONICAL_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                                   check_circular=False).encode
_IN_ORDER_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=False, separators=(",", ":"),
                                  check_circular=False).encode


def digest_of_plain(state: dict[str, Any], *, keys_sorted: bool = False) -> str:
    """:func:`digest_of` of a state already made of JSON's own values (str, int, float, bool, None, lists,
    dicts with text keys – no dates, enums or tuples): the same text, without walking the state first.
    ``keys_sorted``: every dict in it already holds its keys in sorted order (the encoder then keeps it)."""
    encode = _IN_ORDER_JSON if keys_sorted else _CANONICAL_JSON
    return hashlib.sha256(encode(state).encode("utf-8")).hexdigest()


def state_digests(session: Session, entity: str, entity_ids: Sequence[str]) -> dict[str, str]:
    """``{entity_id: digest}`` of the current states (``ABSENT`` for a missing one); empty when the
    kind is not registered."""
    kind = registered().get(entity)
    wanted = [i for i in dict.fromkeys(entity_ids) if i]
    if kind is None or not wanted:
        return {}
    found = {entity_id: digest_of(state) for entity_id, _key, state in kind.read(session, wanted)}
    return {i: found.get(i, ABSENT) for i in wanted}


# -- appending ---------------------------------------------------------------------------------------

def record(session: Session, actor: Actor, action: str, entity: str, entity_id: object = "",
           detail: Mapping[str, Any] | None = None, *, at: datetime, digest: str | None | _Auto = AUTO) -> None:
    """Record one event in the caller's transaction; it joins the chain when the transaction commits.

    ``digest``: the entity's state digest; by default that of the entity's state when the transaction
    commits (so every change the transaction makes is covered), when its kind is registered; ``None``
    records none.
    """
    record_many(session, actor, [(action, entity, entity_id, detail)], at=at,
                digests=None if digest is AUTO else {(entity, str(entity_id)): digest})


EventSpec = tuple[str, str, object, Mapping[str, Any] | None]
_PENDING = "intake_desk.audit.pending"


def record_many(session: Session, actor: Actor, events: Sequence[EventSpec], *, at: datetime,
                digests: Mapping[tuple[str, str], str | None] | None = None) -> None:
    """Record several ``(action, entity, entity_id, detail)`` events (a submit writes one per referral).

    The events are chained when the transaction commits (:func:`_append_pending`): the head row is
    locked once, at the very end, and each event about a registered entity carries the digest of the
    entity's state then, unless ``digests`` gives it (``{(entity, entity_id): digest or None}``).
    """
    if not events:
        return
    if session.dirty or session.new or session.deleted:
        session.flush()  # as an immediate insert did: ids of new rows exist after recording
    given = digests or {}
    at = at.astimezone(UTC)
    actor_id = actor.user_id or None
    pending: list[dict[str, Any]] = session.info.setdefault(_PENDING, [])
    for action, entity, entity_id, detail in events:
        key = (entity, str(entity_id))
        pending.append({"at": at, "actor_id": actor_id, "actor_name": actor.display_name, "action": action,
                        "entity": entity, "entity_id": str(entity_id), "detail": canonical_detail(detail),
                        "state_digest": given[key] if key in given else AUTO})


def has_pending(session: Session) -> bool:
    """Whether events recorded in ``session``'s transaction wait to join the chain at commit."""
    return bool(session.info.get(_PENDING))


@event.listens_for(Session, "before_commit")
def _append_pending(session: Session) -> None:
    """Chain the transaction's events with the final states of their entities."""
    rows: list[dict[str, Any]] | None = session.info.pop(_PENDING, None)
    if not rows:
        return
    session.flush()
    wanted: dict[str, list[str]] = {}
    for row in rows:
        if row["state_digest"] is AUTO:
            wanted.setdefault(row["entity"], []).append(row["entity_id"])
    found: dict[tuple[str, str], str] = {}
    for entity, ids in wanted.items():
        for entity_id, value in state_digests(session, entity, ids).items():
            found[(entity, entity_id)] = value
    for row in rows:
        if row["state_digest"] is AUTO:
            row["state_digest"] = found.get((row["entity"], row["entity_id"]))
    _append(session, rows)


@event.listens_for(Session, "after_rollback")
def _drop_pending(session: Session) -> None:
    session.info.pop(_PENDING, None)


def _append(session: Session, rows: list[dict[str, Any]]) -> None:
    """Chain ``rows`` onto the head and move the head: the one place the ``audit_head`` row is locked.

    The lock orders the chain across desks and is held until the caller's transaction ends. On PostgreSQL
    (up to ``_SERVER_CHAINED`` events) the head is locked, the events chained and inserted and the head
    moved by one statement sent together with the ``COMMIT`` (``_CHAIN_PG``): the server computes the hashes
    as :func:`event_hash` does, and the lock is released without waiting for this process to be given the
    processor again – with hundreds of windows on one server, a head held across the desks' scheduling
    made every other desk's sign-in and save queue behind it.
    """
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        _append_sqlite(connection, rows)
        _expire_head(session)
        return
    if len(rows) <= _SERVER_CHAINED:
        _append_and_commit_pg(session, rows)
        return
    head = connection.execute(_HEAD_FOR_UPDATE).first()
    if head is None:
        connection.execute(insert(AuditHead).values(id=_HEAD_ID, last_event_id=0, last_hash=GENESIS))
        previous = GENESIS
    else:
        previous = head.last_hash
    for row in rows:
        row["prev_hash"] = previous
        previous = row["hash"] = event_hash(previous, row["at"], row["actor_id"], row["actor_name"], row["action"],
                                            row["entity"], row["entity_id"], row["detail"], row["state_digest"])
    if len(rows) <= _ONE_STATEMENT:
        # The events and the new head in one statement: one round trip less while the head is locked.
        inserted = insert(AuditEvent).values(rows).returning(AuditEvent.id).cte("inserted")
        connection.execute(update(AuditHead).where(AuditHead.id == _HEAD_ID).values(
            last_event_id=select(func.max(inserted.c.id)).scalar_subquery(), last_hash=previous))
    else:
        # Many events (a list import): a plain executemany, then the newest id – no other writer can insert
        # events meanwhile, the head row is locked.
        connection.execute(insert(AuditEvent), rows)
        last_id = connection.execute(select(func.max(AuditEvent.id))).scalar_one()
        connection.execute(_UPDATE_HEAD, {"last_event_id": last_id, "last_hash": previous})
    _expire_head(session)


def _expire_head(session: Session) -> None:
    loaded = session.identity_map.get(identity_key(AuditHead, _HEAD_ID))
    if loaded is not None:
        session.expire(loaded)


def _append_sqlite(connection: Connection, rows: list[dict[str, Any]]) -> None:
    """SQLite: the file's write lock is held from ``BEGIN IMMEDIATE``, so no other writer moves the head or
    inserts events meanwhile; the statements go straight to the driver (``services.sqlite_rows``), the
    events in one statement, the last one's id the new head's."""
    from intake_desk.services import sqlite_rows

    head = sqlite_rows.execute(connection, f"SELECT last_hash FROM audit_head WHERE id = {_HEAD_ID}")
    if not head:
        sqlite_rows.execute(connection, "INSERT INTO audit_head (id, last_event_id, last_hash) VALUES (?, 0, ?)",
                            [_HEAD_ID, GENESIS])
    previous = head[0][0] if head else GENESIS
    for row in rows:
        row["prev_hash"] = previous
        previous = row["hash"] = event_hash(previous, row["at"], row["actor_id"], row["actor_name"], row["action"],
                                            row["entity"], row["entity_id"], row["detail"], row["state_digest"])
    last_id = sqlite_rows.insert_last_id(connection, _EVENTS, rows)
    sqlite_rows.execute(connection, "UPDATE audit_head SET last_event_id = ?, last_hash = ? WHERE id = ?",
                        [last_id, previous, _HEAD_ID])


_EVENTS: Table = AuditEvent.__table__  # type: ignore[assignment]


def _append_and_commit_pg(session: Session, rows: list[dict[str, Any]]) -> None:
    """``_CHAIN_PG`` and the ``COMMIT`` in one round trip (called while the session commits: nothing of
    the transaction is left to send; the session's own commit then finds the transaction ended)."""
    from intake_desk.services.submit_rows import RowWriter  # (submit_rows needs nothing of this module)

    parameters = {
        "ats": [row["at"].isoformat(timespec="microseconds") for row in rows],
        "actors": [str(row["actor_id"] or "") for row in rows],
        "actor_names": [row["actor_name"] for row in rows],
        "actions": [row["action"] for row in rows], "entities": [row["entity"] for row in rows],
        "entity_ids": [row["entity_id"] for row in rows], "details": [row["detail"] for row in rows],
        "digests": [row["state_digest"] for row in rows], "count": len(rows),
    }
    RowWriter(session.connection()).sync((_CHAIN_PG, parameters), commit=True)
    _expire_head(session)


_SERVER_CHAINED = 200
"""Up to this many events a transaction are chained by the server (the chain is a recursive query, one
step an event); more (a list import) are chained here."""

CHAIN_CTES = f""", chain AS (
    SELECT 0::bigint AS ord, NULL::text AS prev_hash, head.last_hash::text AS hash FROM head
    UNION ALL
    SELECT p.ord, c.hash, encode(sha256(convert_to(concat_ws(chr(31), c.hash, p.at_text, p.actor_text, p.actor_name,
                                                             p.action, p.entity, p.entity_id, p.detail, p.digest),
                                                   'UTF8')), 'hex')
    FROM chain c JOIN pending p ON p.ord = c.ord + 1
), inserted AS (
    INSERT INTO audit_events (at, actor_id, actor_name, action, entity, entity_id, detail, prev_hash, hash,
                              state_digest)
    SELECT CAST(p.at_text AS timestamptz), CAST(NULLIF(p.actor_text, '') AS integer), p.actor_name, p.action,
           p.entity, p.entity_id, p.detail, c.prev_hash, c.hash, p.digest
    FROM pending p JOIN chain c ON c.ord = p.ord
    ORDER BY p.ord
    RETURNING id
), moved AS (
    UPDATE audit_head SET last_event_id = (SELECT max(id) FROM inserted),
                          last_hash = (SELECT hash FROM chain ORDER BY ord DESC LIMIT 1)
    WHERE audit_head.id = {_HEAD_ID} AND EXISTS (SELECT 1 FROM head_row) AND EXISTS (SELECT 1 FROM inserted)
    RETURNING audit_head.id
), started AS (
    INSERT INTO audit_head (id, last_event_id, last_hash)
    SELECT {_HEAD_ID}, (SELECT max(id) FROM inserted), (SELECT hash FROM chain ORDER BY ord DESC LIMIT 1)
    WHERE NOT EXISTS (SELECT 1 FROM head_row) AND EXISTS (SELECT 1 FROM inserted)
    RETURNING audit_head.id
)"""
"""The end of a statement that appends events to the trail on PostgreSQL (here and in
``services.submit_seal``): given the CTEs ``head_row`` (the locked head row, if any), ``head`` (its last
hash, or the genesis hash) and ``pending`` (``ord`` from 1, ``at_text``, ``actor_text``, ``actor_name``,
``action``, ``entity``, ``entity_id``, ``detail``, ``digest``), it chains the events – the parts of an
event's hash in :func:`event_hash`'s order, joined by U+001F (``concat_ws`` leaves out a NULL state digest,
as ``event_hash`` leaves out a None one) – inserts them (``inserted``) and moves or starts the head
(``moved``, ``started``)."""


# Each field of the events comes as one text array, sent in binary. An incomplete append (an event not inserted, the head not moved – neither can happen) fails the statement
# by a division by zero, so the COMMIT sent with it never runs.
_CHAIN_PG = f"""
WITH RECURSIVE head_row AS (
    SELECT audit_head.last_hash FROM audit_head WHERE audit_head.id = {_HEAD_ID} FOR UPDATE
), head AS (  -- a trail never written yet starts from the genesis hash
    SELECT last_hash FROM head_row
    UNION ALL SELECT '{GENESIS}' WHERE NOT EXISTS (SELECT 1 FROM head_row)
), pending AS (
    SELECT * FROM unnest(CAST(%(ats)b AS text[]), CAST(%(actors)b AS text[]), CAST(%(actor_names)b AS text[]),
                         CAST(%(actions)b AS text[]), CAST(%(entities)b AS text[]), CAST(%(entity_ids)b AS text[]),
                         CAST(%(details)b AS text[]), CAST(%(digests)b AS text[]))
                  WITH ORDINALITY AS e(at_text, actor_text, actor_name, action, entity, entity_id, detail, digest, ord)
){CHAIN_CTES}
SELECT 1 / CASE WHEN (SELECT count(*) FROM inserted) = %(count)s
                 AND (SELECT count(*) FROM moved) + (SELECT count(*) FROM started) = 1 THEN 1 ELSE 0 END
"""


_ONE_STATEMENT = 1000
"""Up to this many events go in one statement (a server takes at most 65,535 parameters in one)."""
_HEAD_FOR_UPDATE = select(AuditHead.last_hash).where(AuditHead.id == _HEAD_ID).with_for_update()
_UPDATE_HEAD = update(AuditHead).where(AuditHead.id == _HEAD_ID).values(
    last_event_id=bindparam("last_event_id"), last_hash=bindparam("last_hash"))


@dataclass(frozen=True)
class Finding:
    """A row changed, added or removed outside the program (its state no longer fits the trail)."""

    entity: str
    entity_id: str
    change: str  # "changed" | "added" | "removed"

    @property
    def sentence(self) -> str:
        kind = registered().get(self.entity)
        zh, en = (kind.zh, kind.en) if kind is not None else (self.entity, self.entity)
        what = {"changed": ("在程序之外被修改", "was changed outside the program"),
                "added": ("在程序之外被添加", "was added outside the program"),
                "removed": ("在程序之外被删除", "was removed outside the program")}[self.change]
        return f"{zh} {self.entity_id} {what[0]} / {en} {self.entity_id} {what[1]}"


@dataclass(frozen=True)
class VerifyResult:
    """What ``audit verify`` found: the chain, the entities' digests and the checkpoints."""

    checked: int
    first_broken_id: int | None = None
    problem: str = ""
    findings: tuple[Finding, ...] = ()
    entities_checked: int = 0
    unattested: int = 0
    checkpoint_problems: tuple[str, ...] = ()
    checkpoints_checked: int = 0
    digests_checked: bool = False

    @property
    def chain_ok(self) -> bool:
        return self.first_broken_id is None and not self.problem

    @property
    def ok(self) -> bool:
        return self.chain_ok and not self.findings and not self.checkpoint_problems


def verify(db: Database, **options: Any) -> VerifyResult:
    """Check the chain, every registered entity's digest and any checkpoints (``services.audit_verify``)."""
    from intake_desk.services import audit_verify

    return audit_verify.verify(db, **options)


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    actor_name: str
    action: str
    entity: str
    entity_id: str
    detail: dict[str, Any]


def trail(db: Database, entity: str, entity_id: object, *, limit: int = 500) -> list[AuditEntry]:
    """The events of one record, oldest first."""
    with db.reading() as session:
        rows = session.execute(
            select(AuditEvent).where(AuditEvent.entity == entity, AuditEvent.entity_id == str(entity_id))
            .order_by(AuditEvent.id).limit(limit)
        ).scalars().all()
        return [AuditEntry(r.id, r.at, r.actor_name, r.action, r.entity, r.entity_id, json.loads(r.detail))
                for r in rows]
