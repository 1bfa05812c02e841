"""What an insider with the owner's login or the SQLite file can do: step round the append-only
trigger on ``audit_events`` (drop it on SQLite, replica mode on PostgreSQL) and rewrite rows."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, select, text

from intake_desk.services import audit
from intake_desk.store.db import Database
from intake_desk.store.models import AuditEvent


@contextmanager
def as_attacker(db: Database) -> Iterator[Connection]:
    """A connection on which UPDATE, DELETE and TRUNCATE of audit_events go through."""
    with db.engine.begin() as connection:
        if db.is_sqlite:
            connection.exec_driver_sql("DROP TRIGGER IF EXISTS audit_events_no_update")
            connection.exec_driver_sql("DROP TRIGGER IF EXISTS audit_events_no_delete")
        else:
            connection.exec_driver_sql("SET LOCAL session_replication_role = replica")
        yield connection


def recompute_chain(connection: Connection) -> None:
    """Re-hash every event with the program's own function and re-point audit_head: what an attacker
    who read the source would do after removing or altering events."""
    events = AuditEvent.__table__
    previous = audit.GENESIS
    last_id = 0
    for row in connection.execute(select(events).order_by(events.c.id)).all():
        digest = audit.event_hash(previous, row.at, row.actor_id, row.actor_name, row.action, row.entity,
                                  row.entity_id, row.detail, row.state_digest)
        connection.execute(text("UPDATE audit_events SET prev_hash = :p, hash = :h WHERE id = :i"),
                           {"p": previous, "h": digest, "i": row.id})
        previous = digest
        last_id = row.id
    connection.execute(text("UPDATE audit_head SET last_event_id = :i, last_hash = :h"), {"i": last_id, "h": previous})


RECORD_UPDATES: tuple[tuple[str, str], ...] = (
    ("UPDATE callbacks SET rating = 'very_satisfied' WHERE id = :callback", "callback"),
    ("UPDATE follow_ups SET action_taken = '已处理' WHERE id = :follow_up", "follow_up"),
    ("UPDATE procedure_steps SET record = '{}' WHERE application_id = "
     "(SELECT id FROM applications WHERE number = :number)", "procedure"),
    ("UPDATE application_procedures SET due_date = '2027-06-30' WHERE application_id = "
     "(SELECT id FROM applications WHERE number = :number)", "procedure"),
    ("UPDATE leads SET status = 'closed', outcome = 'no_help' WHERE id = :lead", "lead"),
    ("UPDATE monitored_households SET library = 'class2' WHERE id = :monitored", "monitored_household"),
    ("UPDATE monitoring_moves SET reason = '改过' WHERE monitored_id = :monitored", "monitored_household"),
)
"""Direct UPDATEs of callbacks, follow-ups, procedures, leads and monitored households, each with the kind
of entity ``audit verify`` must name; the parameters are ``callback``, ``follow_up``, ``number`` (the
application), ``lead`` and ``monitored``."""
