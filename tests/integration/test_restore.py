"""Finding 1: ``db restore`` of an older backup dropped newer applications silently, was not in the audit
trail, and the next submits reused receipt numbers already printed for other households.

Now: only an administrator restores, the restore is an audit event in the restored database (which
backup, its SHA-256, when, by whom, where the replaced database was kept), and the receipt counters of
the replaced database are carried forward – on SQLite and on PostgreSQL (pg_dump / pg_restore).
"""

from __future__ import annotations

import json
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from intake_desk.domain.enums import Role
from intake_desk.services import audit
from intake_desk.services.clock import FixedClock
from intake_desk.services.context import Services
from intake_desk.services.errors import PermissionDenied
from intake_desk.services.restore import restore_backup
from intake_desk.store import backup as backups
from intake_desk.store.db import Database
from intake_desk.store.migrate import upgrade
from intake_desk.store.models import Application, AuditEvent
from tests.conftest import PG_URL, TEST_NOW, add_user, setup_hall
from tests.intake_data import single_form


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    if request.param == "sqlite":
        db = Database(f"sqlite:///{tmp_path / 'desk.sqlite3'}")
        upgrade(db, backup_dir=tmp_path)
        yield db
        db.dispose()
        return
    if shutil.which("pg_dump") is None:
        pytest.skip("pg_dump not installed")
    request.getfixturevalue("pg_url")  # skips or fails as configured when there is no server
    name = f"intake_restore_{uuid.uuid4().hex[:10]}"
    owner = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with owner.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    db = Database(make_url(PG_URL).set(database=name))
    upgrade(db, backup_dir=tmp_path)
    try:
        yield db
    finally:
        db.dispose()
        with owner.connect() as connection:
            connection.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                    "WHERE datname = :n AND pid <> pg_backend_pid()"), {"n": name})
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        owner.dispose()


def _numbers(db: Database) -> list[str]:
    with db.reading() as session:
        return list(session.scalars(select(Application.number).order_by(Application.number)))


def test_submit_after_restoring_an_older_backup_never_reuses_a_printed_number(database: Database,
                                                                              tmp_path: Path) -> None:
    services = Services(database, FixedClock(TEST_NOW))
    admin = setup_hall(services)
    clerk = add_user(services, "clerk1", Role.CLERK, "王丽")
    before_backup = [services.intake.submit(clerk, single_form(i)).number for i in range(1, 3)]
    backup = backups.backup(database, tmp_path / "older.backup")
    after_backup = [services.intake.submit(clerk, single_form(i)).number for i in range(3, 6)]
    printed = set(before_backup) | set(after_backup)  # every one of these is on paper somewhere

    clerk_cannot = pytest.raises(PermissionDenied)
    with clerk_cannot:
        restore_backup(database, services.clock, clerk, backup)
    assert _numbers(database) == sorted(printed)  # refused before anything changed

    result = restore_backup(database, services.clock, admin, backup)
    assert result.kept_as is not None and result.kept_as.exists()
    assert result.counters_carried >= 1
    assert _numbers(database) == sorted(before_backup)  # the older state, as restored

    services = Services(database, FixedClock(TEST_NOW))
    clerk = services.accounts.authenticate("clerk1", "clerk1-pass-1")
    fresh = [services.intake.submit(clerk, single_form(i)).number for i in range(6, 9)]
    assert not set(fresh) & printed, "a receipt number was issued twice"
    assert fresh[0] > max(printed)  # numbering continues after the last number ever printed

    with database.reading() as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "database.restore")).one()
        detail = json.loads(event.detail)
        actor_name, at = event.actor_name, event.at
    assert detail["backup"] == str(backup.resolve()) and detail["restored_by"] == "admin"
    assert len(detail["sha256"]) == 64 and detail["kept_as"] == str(result.kept_as)
    assert actor_name == "系统管理员" and at is not None
    checked = audit.verify(database)
    assert checked.ok, (checked.problem, [f.sentence for f in checked.findings])
