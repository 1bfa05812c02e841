"""收件封存 – the end of a submit: the receipt number and the audit trail, the two locks every desk shares.

A submit writes every row of the application first, numbered with a placeholder (``~`` and 32 hex
digits, unique to the submit). Only then does it take the hall's receipt counter and the audit head,
and it holds them until its commit, so desks wait for each other only over that short end.

On PostgreSQL that end is **one statement**: take the hall's next number (locking its counter row),
write it into the application and its referrals, lock the audit head, chain the submit's events onto
it and move the head. The events travel with the placeholder in their entity ids and details, and with
the canonical state of their entity (``services.entity_states``, from the rows as the submit's
``INSERT … RETURNING`` gave them back) rather than its digest; the server puts the number in place of
the placeholder and computes the state digests and the chain's hashes exactly as
:func:`services.audit.event_hash` and :func:`services.audit.digest_of` do (``audit verify`` recomputes
them in Python). The placeholder and the numbers are plain JSON text (no character that JSON escapes),
so replacing one by the other inside canonical JSON gives the canonical JSON of the numbered state.
When the submit is the transaction's last work, its ``COMMIT`` is sent in the same round trip
(psycopg's pipeline mode): the server releases both locks as soon as the commit is written, without
waiting for the desk's process to be scheduled again – on a loaded machine that wait was most of the
time a lock was held.

On SQLite, whose ``BEGIN IMMEDIATE`` holds the one write lock for the whole transaction anyway, there is
no placeholder: the number is taken before the application is written (:func:`number_or_placeholder`)
and every row carries it from the start. There, and on a server for a hall code that JSON would escape
(the number then taken and written with ordinary statements), the events join the chain at commit like
every other service's (:func:`services.audit.record_many`), with their digests computed here.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Table, bindparam, text, update
from sqlalchemy.orm import Session

from intake_desk.services import audit, sqlite_rows
from intake_desk.services.actor import Actor
from intake_desk.services.submit_rows import RowWriter
from intake_desk.store.counters import next_receipt_number, receipt_number
from intake_desk.store.models import Application, Counter


@dataclass(frozen=True)
class SealedEvent:
    """One audit event of a submit; ``entity_id`` and ``detail`` may hold the placeholder, ``state`` is
    the entity's canonical state after the submit, plain as ``services.entity_states`` gives it (None: no
    digest)."""

    action: str
    entity: str
    entity_id: str
    detail: Mapping[str, Any]
    state: dict[str, Any] | None


_HEAD_ID = 1

# The parts of an event's hash, in audit.event_hash's order, joined by U+001F (concat_ws leaves out a
# NULL state digest, as event_hash leaves out a None one). The time and the actor are the same for every
# event of a submit (plain parameters); the events' own fields come as one text array each (action,
# entity, entity id, detail, state; a NULL state has no digest), sent in binary: the server reads each
# text as it was sent – no JSON to parse again for every field, nothing escaped on the way.
_SEAL_PG = f"""
WITH RECURSIVE taken AS (
    INSERT INTO counters (scope, day, value) VALUES (%(scope)s, %(day)s, 1)
    ON CONFLICT (scope, day) DO UPDATE SET value = counters.value + 1
    RETURNING value
), numbered AS (
    SELECT %(prefix)s || CASE WHEN value < 10000 THEN lpad(value::text, 4, '0') ELSE value::text END AS number
    FROM taken
), application AS (
    UPDATE applications SET number = numbered.number FROM numbered WHERE applications.id = %(application)s
    RETURNING applications.id
), referral AS (
    UPDATE referrals SET number = numbered.number || substr(referrals.number, %(rest)s) FROM numbered
    WHERE referrals.application_id = %(application)s
    RETURNING referrals.id
), head_row AS (
    SELECT audit_head.last_hash FROM audit_head, numbered WHERE audit_head.id = {_HEAD_ID}
    FOR UPDATE OF audit_head
), head AS (  -- a trail never written yet starts from the genesis hash
    SELECT last_hash FROM head_row
    UNION ALL SELECT '{audit.GENESIS}' FROM numbered WHERE NOT EXISTS (SELECT 1 FROM head_row)
), pending AS (
    SELECT e.ord, CAST(%(at)s AS text) AS at_text, CAST(%(actor)s AS text) AS actor_text,
           CAST(%(actor_name)s AS text) AS actor_name, e.action, e.entity,
           replace(e.entity_id, %(placeholder)s, numbered.number) AS entity_id,
           replace(e.detail, %(placeholder)s, numbered.number) AS detail,
           encode(sha256(convert_to(replace(e.state, %(placeholder)s, numbered.number), 'UTF8')), 'hex') AS digest
    FROM numbered, unnest(CAST(%(actions)b AS text[]), CAST(%(entities)b AS text[]), CAST(%(entity_ids)b AS text[]),
                          CAST(%(details)b AS text[]), CAST(%(states)b AS text[]))
                   WITH ORDINALITY AS e(action, entity, entity_id, detail, state, ord)
){audit.CHAIN_CTES}
-- An incomplete end (the application not numbered, an event not chained, the head not moved – none of
-- which can happen) fails the statement by a division by zero, so the COMMIT sent with it never runs.
SELECT numbered.number,
       1 / CASE WHEN (SELECT count(*) FROM application) = 1
                 AND (SELECT count(*) FROM inserted) = %(count)s
                 AND (SELECT count(*) FROM moved) + (SELECT count(*) FROM started) = 1 THEN 1 ELSE 0 END
FROM numbered
"""

_NUMBER_APPLICATION = (update(Application).where(Application.id == bindparam("application"))
                       .values(number=bindparam("number")))
_NUMBER_REFERRALS = text(
    "UPDATE referrals SET number = :number || substr(number, :rest) WHERE application_id = :application")


def _json_plain(value: str) -> bool:
    """Whether ``value`` is written into JSON as itself (nothing escaped)."""
    return json.dumps(value, ensure_ascii=False)[1:-1] == value


def seal(session: Session, writer: RowWriter, actor: Actor, *, at: datetime, hall_code: str, day: date, application_id: int,
         placeholder: str, events: Sequence[SealedEvent], commit: bool = False) -> str:
    """Take the receipt number, write it in place of ``placeholder`` and chain ``events``; the number.

    Call it after every other row of the submit is written: the counter and the audit head stay locked
    from here until the transaction ends. Statements still queued in ``writer`` go first, in the same
    round trip. ``commit``: this is the transaction's last statement – on PostgreSQL the statement and
    the ``COMMIT`` then go to the server together, so the locks are released without waiting for this
    process to be given the processor again.
    """
    if not events:
        raise ValueError("a submit records at least its application's event")
    prefix = f"{hall_code}-{day:%Y%m%d}-"
    connection = session.connection()
    if connection.dialect.name == "postgresql" and _json_plain(prefix) and _json_plain(placeholder):
        details = [audit.canonical_detail(e.detail) for e in events]
        states = [None if e.state is None else audit.canonical_plain(e.state) for e in events]
        parameters = {"scope": f"receipt:{hall_code}", "day": day, "prefix": prefix, "application": application_id,
                      "rest": len(placeholder) + 1, "placeholder": placeholder,
                      "at": at.astimezone(UTC).isoformat(timespec="microseconds"),
                      "actor": str(actor.user_id or ""), "actor_name": actor.display_name,
                      "actions": [e.action for e in events], "entities": [e.entity for e in events],
                      "entity_ids": [e.entity_id for e in events], "details": details, "states": states,
                      "count": len(events)}
        last = commit and not audit.has_pending(session) and not (session.new or session.dirty or session.deleted)
        number, _complete = writer.sync((_SEAL_PG, parameters), commit=last)
        return str(number)
    if not placeholder.startswith(PLACEHOLDER_MARK):  # the number itself, taken first (SQLite)
        _record_numbered(session, actor, at, events)
        return placeholder
    number = next_receipt_number(session, hall_code, day)
    connection.execute(_NUMBER_APPLICATION, {"application": application_id, "number": number})
    connection.execute(_NUMBER_REFERRALS, {"application": application_id, "number": number,
                                           "rest": len(placeholder) + 1})
    _record(session, actor, at, number, placeholder, events)
    return number


PLACEHOLDER_MARK = "~"


def number_or_placeholder(session: Session, hall_code: str, day: date) -> str:
    """What a submit numbers its rows with: on SQLite the receipt number itself, taken now – the
    transaction holds the file's one write lock from ``BEGIN IMMEDIATE`` to its end whatever it does, and
    a roll-back gives the number back – so nothing is renumbered at the end; elsewhere a placeholder
    (``~`` and 32 hex digits) that :func:`seal` replaces by the number taken last."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return f"{PLACEHOLDER_MARK}{uuid.uuid4().hex}"
    table = _COUNTERS
    [(value,)] = sqlite_rows.execute(connection, _NEXT_VALUE_SQLITE, [
        f"receipt:{hall_code}", sqlite_rows.bound(table, "day", day, connection.dialect)])
    return receipt_number(hall_code, day, int(value))


_COUNTERS: Table = Counter.__table__  # type: ignore[assignment]
_NEXT_VALUE_SQLITE = ("INSERT INTO counters (scope, day, value) VALUES (?, ?, 1) "
                      "ON CONFLICT (scope, day) DO UPDATE SET value = value + 1 RETURNING value")


def _record_numbered(session: Session, actor: Actor, at: datetime, events: Sequence[SealedEvent]) -> None:
    """The events in the ordinary way (chained at commit), numbered already, with their digests (the
    states are made of JSON's own values: ``services.entity_states``)."""
    audit.record_many(session, actor, [(e.action, e.entity, e.entity_id, e.detail) for e in events], at=at,
                      digests={(e.entity, e.entity_id): None if e.state is None else audit.digest_of_plain(dict(e.state))
                               for e in events})


def _record(session: Session, actor: Actor, at: datetime, number: str, placeholder: str,
            events: Sequence[SealedEvent]) -> None:
    """The events in the ordinary way (chained at commit), with the number in place and their digests."""

    def numbered(value: str) -> str:
        return value.replace(placeholder, number)

    specs: list[audit.EventSpec] = []
    digests: dict[tuple[str, str], str | None] = {}
    for e in events:
        entity_id = numbered(e.entity_id)
        specs.append((e.action, e.entity, entity_id, json.loads(numbered(audit.canonical_detail(e.detail)))))
        digests[(e.entity, entity_id)] = None if e.state is None else hashlib.sha256(
            numbered(audit.canonical_plain(e.state)).encode("utf-8")).hexdigest()
    audit.record_many(session, actor, specs, at=at, digests=digests)

