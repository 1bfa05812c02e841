"""The audit hash chain: any change, removal or insertion is found, and named by event."""

from __future__ import annotations

from sqlalchemy import text

from intake_desk.services import audit
from intake_desk.services.actor import SYSTEM
from intake_desk.store.db import Database
from tests.tampering import as_attacker


def _write(db: Database, clock, n: int) -> None:  # type: ignore[no-untyped-def]
    for i in range(n):
        with db.transaction() as session:
            audit.record(session, SYSTEM, "test.write", "thing", i, {"n": i, "名字": "𠮷"}, at=clock.now())


def test_intact_chain_verifies(db: Database, clock) -> None:  # type: ignore[no-untyped-def]
    _write(db, clock, 5)
    result = audit.verify(db)
    assert result.ok and result.checked == 5


def test_altered_detail_is_found(db: Database, clock) -> None:  # type: ignore[no-untyped-def]
    _write(db, clock, 5)
    with as_attacker(db) as connection:
        connection.execute(text("UPDATE audit_events SET detail = :d WHERE id = 3"), {"d": '{"n": 99}'})
    result = audit.verify(db)
    assert not result.ok and result.first_broken_id == 3 and "altered" in result.problem


def test_removed_event_is_found(db: Database, clock) -> None:  # type: ignore[no-untyped-def]
    _write(db, clock, 5)
    with as_attacker(db) as connection:
        connection.execute(text("DELETE FROM audit_events WHERE id = 2"))
    result = audit.verify(db)
    assert not result.ok and result.first_broken_id == 3


def test_removed_newest_event_is_found(db: Database, clock) -> None:  # type: ignore[no-untyped-def]
    _write(db, clock, 4)
    with as_attacker(db) as connection:
        connection.execute(text("DELETE FROM audit_events WHERE id = 4"))
    result = audit.verify(db)
    assert not result.ok and result.first_broken_id == 4


def test_changes_lists_only_what_differs() -> None:
    assert audit.changes({"a": 1, "b": "x"}, {"a": 2, "b": "x", "c": None}) == {"a": [1, 2]}
    assert audit.changes({"a": 1}, {"a": 1, "c": 3}) == {"c": [None, 3]}


def test_an_entity_changed_after_its_event_is_attested_as_committed(services, admin) -> None:  # type: ignore[no-untyped-def]
    """A service that records its event before the last change of the same transaction (the procedure
    sets the application's status after recording the step) still leaves a digest of the final state."""
    from sqlalchemy import select

    from intake_desk.store.models import User

    with services.db.transaction() as session:
        audit.record(session, SYSTEM, "user.rename", "user", "admin", {"n": 1}, at=services.clock.now())
        user = session.scalar(select(User).where(User.username == "admin"))
        user.display_name = "新的名字"
    assert audit.verify(services.db).ok
    with services.db.transaction() as session:  # a rolled-back transaction leaves no event behind
        audit.record(session, SYSTEM, "user.rename", "user", "admin", {"n": 2}, at=services.clock.now())
        session.rollback()
    assert [e.detail for e in audit.trail(services.db, "user", "admin")][-1] == {"n": 1}
