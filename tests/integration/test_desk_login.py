"""Least privilege on PostgreSQL: ``intake-desk db desk-login`` makes a login that runs the program
and cannot change the audit trail, delete what the program never deletes, or change the schema."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from intake_desk.domain.enums import Role
from intake_desk.services import audit
from intake_desk.services.clock import FixedClock
from intake_desk.store.db import Database
from intake_desk.store.roles import LoginKind, login_kind, owner_warning
from tests.conftest import add_user, make_services, setup_hall
from tests.intake_data import single_form
from tests.integration.test_cli import run

pytestmark = pytest.mark.pg

PASSWORD = "desk-login-password-1"
LOGIN = f"desk_t{uuid.uuid4().hex[:6]}"  # one per run; dropped with the test's database


@pytest.fixture
def owner_url(pg_url: str) -> Iterator[str]:
    """A database of its own (the desk login's grants and default privileges stay inside it)."""
    name = f"intake_desk_login_{uuid.uuid4().hex[:8]}"
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(pg_url).set(database=name)
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        owner = create_engine(url, isolation_level="AUTOCOMMIT")
        with owner.connect() as connection:
            logins = [r[0] for r in connection.execute(text("SELECT rolname FROM pg_roles WHERE rolname = :n"),
                                                         {"n": LOGIN})]
            for login in logins:
                connection.execute(text(f'DROP OWNED BY "{login}"'))
        owner.dispose()
        with admin.connect() as connection:
            connection.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"),
                               {"n": name})
            connection.execute(text(f'DROP DATABASE "{name}"'))
            for login in logins:
                connection.execute(text(f'DROP ROLE IF EXISTS "{login}"'))
        admin.dispose()


def test_a_desk_login_runs_the_program_and_nothing_more(owner_url: str, tmp_path: Path, clock: FixedClock) -> None:
    login = LOGIN
    made = run("db", "desk-login", login, "--database", owner_url, home=tmp_path, stdin=f"{PASSWORD}\n{PASSWORD}\n")
    assert made.returncode == 0, made.stderr
    assert f"desk login {login}" in made.stdout
    again = run("db", "desk-login", login, "--database", owner_url, home=tmp_path, stdin=f"{PASSWORD}\n{PASSWORD}\n")
    assert again.returncode == 0 and "Updated" in again.stdout

    owner = Database(owner_url)
    desk = Database(make_url(owner_url).set(username=login, password=PASSWORD))
    try:
        assert login_kind(owner) is LoginKind.SUPERUSER and owner_warning(owner)
        assert login_kind(desk) is LoginKind.DESK and owner_warning(desk) is None

        # Everything a desk does works: set-up, accounts, an intake, a draft discarded, audit verify.
        services = make_services(desk, clock)
        setup_hall(services)
        clerk = add_user(services, "clerk1", Role.CLERK, "王丽")
        number = services.intake.submit(clerk, single_form(1)).number
        services.drafts.save(clerk, "intake", "", {"step": 1})
        assert services.drafts.discard(clerk, "intake", "")
        assert audit.verify(desk).ok

        refused = [
            "UPDATE audit_events SET actor_name = 'x'", "DELETE FROM audit_events", "TRUNCATE audit_events",
            "DELETE FROM audit_head",
            "DELETE FROM applications", "TRUNCATE applications CASCADE", "DELETE FROM referral_events",
            "DROP TRIGGER audit_events_no_update_delete ON audit_events",
            "ALTER TABLE audit_events DISABLE TRIGGER USER", "CREATE TABLE mine (id int)",
            "CREATE TEMPORARY TABLE mine (id int)", "DROP TABLE referrals", "ALTER TABLE applications ADD COLUMN x int",
            "CREATE INDEX ix_mine ON applications (notes)", "UPDATE alembic_version SET version_num = 'x'",
        ]
        for statement in refused:
            with pytest.raises(DBAPIError) as caught, desk.engine.begin() as connection:
                connection.execute(text(statement))
            assert "permission denied" in str(caught.value.orig) or "must be owner" in str(caught.value.orig), statement
        # The owner is refused too where the trigger stands guard.
        for statement in ("UPDATE audit_events SET actor_name = 'x'", "DELETE FROM audit_events",
                          "TRUNCATE audit_events"):
            with pytest.raises(DBAPIError, match="append-only"), owner.engine.begin() as connection:
                connection.execute(text(statement))
        with desk.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM applications WHERE number = :n"),
                                      {"n": number}).scalar_one() == 1
        assert audit.verify(desk).ok
    finally:
        desk.dispose()
        owner.dispose()


def test_desk_login_refuses_sqlite_and_a_bad_name(tmp_path: Path) -> None:
    done = run("db", "desk-login", "desk", "--database", f"sqlite:///{tmp_path / 'x.sqlite3'}", home=tmp_path,
               stdin=f"{PASSWORD}\n{PASSWORD}\n")
    assert done.returncode == 2 and "PostgreSQL" in done.stderr
    bad = run("db", "desk-login", "Robert'; DROP", "--database", f"sqlite:///{tmp_path / 'x.sqlite3'}",
              home=tmp_path, stdin="")
    assert bad.returncode == 1 and "login name" in bad.stderr
