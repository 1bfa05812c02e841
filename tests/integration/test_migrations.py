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
    recorded_revision,
    script_directory,
    shipped_head,
    upgrade,
)
from intake_desk.store.models import Base


def test_single_head() -> None:
    assert len(script_directory().get_heads()) == 1


def test_the_head_read_from_the_files_is_alembics_head() -> None:
    assert shipped_head() == head_revision() == script_directory().get_current_head()


def _revision_file(folder: Path, name: str, revision: str, down: str) -> None:
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.py").write_text(
        f'"""{name}"""\n\nrevision: str = {revision!r}\ndown_revision: str | None = {down}\n\n'
        "def upgrade() -> None:\n    pass\n", encoding="utf-8")


def test_the_head_read_from_the_files_follows_branches_and_merges(tmp_path: Path) -> None:
    folder = tmp_path / "versions"
    _revision_file(folder, "a", "0001", "None")
    _revision_file(folder, "b", "0002", "'0001'")
    assert shipped_head(folder) == "0002"
    _revision_file(folder, "c", "0003x", '"0001"')
    assert shipped_head(folder) is None  # two heads: only Alembic may judge
    _revision_file(folder, "d", "0004_merge", "('0002', '0003x')")
    assert shipped_head(folder) == "0004_merge"
    (folder / "e.py").write_text("# no revision line\n", encoding="utf-8")
    assert shipped_head(folder) is None


def test_the_recorded_revision_is_what_alembic_wrote(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'r.sqlite3'}")
    assert recorded_revision(db) == (None, True)
    upgrade(db, backup_dir=tmp_path)
    assert recorded_revision(db) == (current_revision(db), True) == (head_revision(), True)
    downgrade(db, "0011")
    assert recorded_revision(db) == ("0011", True)
    result = upgrade(db, backup_dir=tmp_path)  # behind the files' head: Alembic upgrades it
    assert (result.before, result.after) == ("0011", head_revision())
    assert recorded_revision(db) == (head_revision(), True)
    db.dispose()


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
