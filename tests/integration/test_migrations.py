"""Migrations on SQLite and PostgreSQL: one head, upgrade from empty, down/up round trip, models match
the migrations, data of an older revision survives, a newer database is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from intake_desk.store.db import Database
from intake_desk.store.migrate import (
    DatabaseTooNew,
    current_revision,
    downgrade,
    head_revision,
    script_directory,
    upgrade,
)
from intake_desk.store.models import Base


def test_single_head() -> None:
    assert len(script_directory().get_heads()) == 1


def _differences(db: Database) -> list[object]:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))


def _check_full_cycle(db: Database, backup_dir: Path) -> None:
    assert current_revision(db) is None
    result = upgrade(db, backup_dir=backup_dir)
    assert (result.before, result.after, result.backup) == (None, head_revision(), None)
    assert current_revision(db) == head_revision()
    assert set(Base.metadata.tables) <= set(inspect(db.engine).get_table_names())
    assert _differences(db) == []
    downgrade(db, "base")
    assert current_revision(db) is None
    assert "applications" not in inspect(db.engine).get_table_names()
    upgrade(db, backup_dir=backup_dir)
    assert current_revision(db) == head_revision()
    assert _differences(db) == []


def test_sqlite_cycle(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    _check_full_cycle(db, tmp_path)


@pytest.mark.pg
def test_postgresql_cycle(pg_url: str, tmp_path: Path) -> None:
    name = "intake_mig_" + tmp_path.name[-8:].replace("-", "_").lower()
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    db = Database(make_url(pg_url).set(database=name))
    try:
        _check_full_cycle(db, tmp_path)
    finally:
        db.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}"'))
        admin.dispose()


def test_newer_database_is_refused(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'n.sqlite3'}")
    upgrade(db, backup_dir=tmp_path)
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'fffffff_from_the_future'"))
    with pytest.raises(DatabaseTooNew, match="newer"):
        upgrade(db, backup_dir=tmp_path)


def test_older_database_is_backed_up_and_keeps_its_data(tmp_path: Path) -> None:
    """A database at an older revision is copied before the upgrade, and its rows survive."""
    revisions = [s.revision for s in script_directory().walk_revisions()]  # newest first
    db = Database(f"sqlite:///{tmp_path / 'o.sqlite3'}")
    upgrade(db, backup_dir=tmp_path)
    with db.engine.begin() as connection:
        connection.execute(text("INSERT INTO halls (code, name, phone, address, complaint_channel, created_at) "
                                "VALUES ('HT01', '月塘街道', '', '', '', '2026-11-20 02:00:00')"))
    assert len(revisions) >= 2
    downgrade(db, revisions[1])
    result = upgrade(db, backup_dir=tmp_path)
    assert result.changed and result.backup is not None and result.backup.exists()
    backup = Database(f"sqlite:///{result.backup}")
    assert current_revision(backup) == revisions[1]
    backup.dispose()
    with db.engine.connect() as connection:
        assert connection.execute(text("SELECT name FROM halls WHERE code='HT01'")).scalar_one() == "月塘街道"


def test_sqlite_is_configured_for_safety(db: Database) -> None:
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
