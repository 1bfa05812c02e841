"""审计日志 – the append-only audit trail, a hash chain that shows any later change.

Every write a service makes records one event in the same transaction. The event's hash covers its
own fields and the previous event's hash; the single ``audit_head`` row is locked while an event is
appended, so the chain has one order across all desks.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from intake_desk.services.actor import Actor
from intake_desk.store.db import Database
from intake_desk.store.models import AuditEvent, AuditHead

GENESIS = "0" * 64
_HEAD_ID = 1


def _plain(value: Any) -> Any:
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


def event_hash(prev_hash: str, at: datetime, actor_id: int | None, actor_name: str, action: str,
               entity: str, entity_id: str, detail: str) -> str:
    payload = "\x1f".join([
        prev_hash, at.isoformat(timespec="microseconds"), str(actor_id or ""), actor_name, action,
        entity, entity_id, detail,
    ])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """``{field: [before, after]}`` for the fields that differ."""
    return {key: [_plain(before.get(key)), _plain(after.get(key))]
            for key in sorted(set(before) | set(after)) if before.get(key) != after.get(key)}


def record(session: Session, actor: Actor, action: str, entity: str, entity_id: object = "",
           detail: Mapping[str, Any] | None = None, *, at: datetime) -> AuditEvent:
    """Append one event to the chain inside the caller's transaction."""
    head = session.execute(
        select(AuditHead).where(AuditHead.id == _HEAD_ID).with_for_update()
    ).scalar_one_or_none()
    if head is None:
        head = AuditHead(id=_HEAD_ID, last_event_id=0, last_hash=GENESIS)
        session.add(head)
        session.flush()
    at = at.astimezone(UTC)
    text = canonical_detail(detail)
    actor_id = actor.user_id or None
    digest = event_hash(head.last_hash, at, actor_id, actor.display_name, action, entity, str(entity_id), text)
    event = AuditEvent(at=at, actor_id=actor_id, actor_name=actor.display_name, action=action, entity=entity,
                       entity_id=str(entity_id), detail=text, prev_hash=head.last_hash, hash=digest)
    session.add(event)
    session.flush()
    head.last_event_id = event.id
    head.last_hash = digest
    return event


def record_many(session: Session, actor: Actor, events: Sequence[tuple[str, str, object, Mapping[str, Any] | None]],
                *, at: datetime) -> None:
    """Append several ``(action, entity, entity_id, detail)`` events at once: the chain head is locked
    once and the events are inserted in one statement (a submit writes one per referral as well).

    Works on the tables directly (no unit of work); an ``AuditHead`` loaded by :func:`record` earlier in
    the same transaction is flushed first and refreshed afterwards, so both can be mixed freely.
    """
    if not events:
        return
    if session.dirty or session.new:
        session.flush()
    connection = session.connection()
    row = connection.execute(_HEAD_FOR_UPDATE).first()
    if row is None:
        connection.execute(insert(AuditHead).values(id=_HEAD_ID, last_event_id=0, last_hash=GENESIS))
        previous = GENESIS
    else:
        previous = row.last_hash
    at = at.astimezone(UTC)
    actor_id = actor.user_id or None
    rows: list[dict[str, Any]] = []
    for action, entity, entity_id, detail in events:
        text = canonical_detail(detail)
        digest = event_hash(previous, at, actor_id, actor.display_name, action, entity, str(entity_id), text)
        rows.append({"at": at, "actor_id": actor_id, "actor_name": actor.display_name, "action": action,
                     "entity": entity, "entity_id": str(entity_id), "detail": text, "prev_hash": previous,
                     "hash": digest})
        previous = digest
    ids = connection.execute(_INSERT_EVENTS, rows).scalars().all()
    connection.execute(_UPDATE_HEAD, {"last_event_id": ids[-1], "last_hash": previous})
    loaded = session.identity_map.get(identity_key(AuditHead, _HEAD_ID))
    if loaded is not None:
        session.expire(loaded)


_HEAD_FOR_UPDATE = select(AuditHead.last_hash).where(AuditHead.id == _HEAD_ID).with_for_update()
_INSERT_EVENTS = insert(AuditEvent).returning(AuditEvent.id, sort_by_parameter_order=True)
_UPDATE_HEAD = update(AuditHead).where(AuditHead.id == _HEAD_ID).values(
    last_event_id=bindparam("last_event_id"), last_hash=bindparam("last_hash"))


@dataclass(frozen=True)
class VerifyResult:
    checked: int
    first_broken_id: int | None = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.first_broken_id is None


def _events(session: Session, batch: int = 5000) -> Iterator[AuditEvent]:
    last = 0
    while True:
        rows = session.execute(
            select(AuditEvent).where(AuditEvent.id > last).order_by(AuditEvent.id).limit(batch)
        ).scalars().all()
        if not rows:
            return
        yield from rows
        last = rows[-1].id
        session.expunge_all()


def verify(db: Database) -> VerifyResult:
    """Walk the chain from the first event; name the first event that does not fit."""
    checked = 0
    previous = GENESIS
    with db.reading() as session:
        for event in _events(session):
            if event.prev_hash != previous:
                return VerifyResult(checked, event.id, "前一事件哈希不符（事件被删除或插入） / "
                                                       "previous hash does not match (an event was removed or inserted)")
            expected = event_hash(event.prev_hash, event.at, event.actor_id, event.actor_name, event.action,
                                  event.entity, event.entity_id, event.detail)
            if expected != event.hash:
                return VerifyResult(checked, event.id, "事件内容与哈希不符（记录被修改） / "
                                                       "the event's content does not match its hash (it was altered)")
            previous = event.hash
            checked += 1
        head = session.get(AuditHead, _HEAD_ID)
        if head is not None and head.last_hash != previous:
            return VerifyResult(checked, head.last_event_id, "最后的事件已被删除 / the newest events were removed")
    return VerifyResult(checked)


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
