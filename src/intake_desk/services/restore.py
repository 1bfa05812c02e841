"""恢复备份 – restoring a backup by an administrator, recorded in the restored database.

The restored database is an older state of the hall's records, but the receipt numbers issued since
that backup are already printed on paper in applicants' hands. The receipt-number counters of the
database being replaced are therefore carried forward (the higher value of each counter wins), so
the next submit continues after the last number ever issued instead of issuing one a second time.
The restore itself is an audit event in the restored database: which backup (path and SHA-256), when,
by whom, where the replaced database was kept and how many counters were carried forward.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from sqlalchemy import func, inspect, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from intake_desk.domain.enums import Role
from intake_desk.services import audit
from intake_desk.services.actor import SYSTEM, Actor
from intake_desk.services.clock import Clock
from intake_desk.services.errors import PermissionDenied
from intake_desk.store import backup as backups
from intake_desk.store.db import Database, DatabaseError
from intake_desk.store.migrate import upgrade
from intake_desk.store.models import Application, Counter, User

log = logging.getLogger(__name__)

__all__ = ["RestoreResult", "holds_records", "read_counters", "restore_backup"]


@dataclass(frozen=True)
class RestoreResult:
    backup: Path
    sha256: str
    kept_as: Path | None
    counters_carried: int
    counters_unreadable: bool


_PROGRAM_TABLES = frozenset({"alembic_version", "applications", "audit_events", "halls"})


def holds_records(db: Database) -> bool:
    """Whether the database holds any account or application (an empty one may be restored into freely).

    Raises :class:`DatabaseError` when the database cannot be read: a damaged file, or a database of
    this program whose accounts are gone or unreadable (a dropped ``users`` table is not "empty")."""
    unreadable = DatabaseError(f"数据库无法读取 / The database cannot be read: {db.description}")
    try:
        tables = set(inspect(db.engine).get_table_names())
        if User.__tablename__ not in tables:
            if tables & _PROGRAM_TABLES:
                raise unreadable
            return False
        with db.reading() as session:
            # The columns a sign-in reads: a table without them is as unreadable as a missing one.
            session.execute(select(User.id, User.username, User.password_hash, User.role, User.active,
                                   User.locked_until, User.must_change_password).limit(1)).all()
            users = session.scalar(select(func.count()).select_from(User)) or 0
            applications = session.scalar(select(func.count()).select_from(Application)) or 0
    except SQLAlchemyError as exc:
        raise unreadable from exc
    return bool(users or applications)


def read_counters(db: Database) -> dict[tuple[str, date], int] | None:
    """Every counter of ``db``; None when the database cannot be read (damaged, or no tables yet)."""
    try:
        if not inspect(db.engine).has_table(Counter.__tablename__):
            return {}
        with db.reading() as session:
            return {(c.scope, c.day): c.value for c in session.scalars(select(Counter))}
    except (SQLAlchemyError, DatabaseError) as exc:
        log.warning("counters of the database being replaced cannot be read: %s", type(exc).__name__)
        return None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _carry_forward(session: Session, counters: dict[tuple[str, date], int]) -> int:
    carried = 0
    existing = {(c.scope, c.day): c for c in session.scalars(select(Counter))}
    for key, value in counters.items():
        row = existing.get(key)
        if row is None:
            session.add(Counter(scope=key[0], day=key[1], value=value))
            carried += 1
        elif row.value < value:
            row.value = value
            carried += 1
    return carried


def _actor_in(session: Session, actor: Actor) -> Actor:
    """The restoring administrator as the restored database knows them (an account made after the
    backup is named, without a user id the restored database does not have)."""
    if actor.user_id:
        user = session.get(User, actor.user_id)
        if user is not None and user.username == actor.username:
            return actor
    return replace(actor, user_id=0, display_name=f"{actor.display_name}（{actor.username}）")


def restore_backup(db: Database, clock: Clock, actor: Actor, source: str | Path) -> RestoreResult:
    """Replace ``db`` with the backup at ``source``; only an administrator (or, into a database that holds
    no records yet, the program itself) may. Keeps the replaced database, carries its counters forward,
    brings an older backup to the program's schema and records the restore in the audit trail."""
    if actor is not SYSTEM and actor.role is not Role.ADMIN:
        raise PermissionDenied("只有管理员可以恢复备份 / Only an administrator may restore a backup")
    path = Path(source).expanduser().resolve()
    counters = read_counters(db)
    kept = backups.restore(db, path)  # refuses a file that is not a backup of this program
    digest = _sha256(path)
    upgrade(db)  # an older backup is brought to this program's schema (and backed up first)
    now = clock.now()
    with db.transaction() as session:
        carried = _carry_forward(session, counters or {})
        who = _actor_in(session, actor)
        audit.record(session, who, "database.restore", "database", db.description[:64], {
            "backup": str(path), "sha256": digest, "kept_as": str(kept) if kept else None,
            "restored_by": actor.username, "counters_carried": carried,
            "counters_unreadable": counters is None,
        }, at=now)
    return RestoreResult(path, digest, kept, carried, counters is None)
