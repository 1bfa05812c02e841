"""TLS for real: a private PostgreSQL instance set up as the README's county set-up says (ssl = on with a
certificate, ``hostssl … scram-sha-256`` only, an owner and a desk login). A desk connecting with
``sslmode=require`` works over an encrypted connection; a wrong password, an unknown login, a missing
database, a URL without TLS and a server without TLS are each named in one sentence; with pgaudit
(Debian's ``postgresql-15-pgaudit``) a read of personal data by another client is in the server's log."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import create_engine, text

from intake_desk.domain.enums import Role
from intake_desk.services.clock import FixedClock
from intake_desk.services.context import Services
from intake_desk.store.connect import open_database
from intake_desk.store.db import Database, DatabaseError, DatabaseUnavailable
from intake_desk.store.migrate import upgrade
from intake_desk.store.roles import LoginKind, create_desk_login, login_kind
from tests import private_server
from tests.conftest import TEST_NOW, add_user, setup_hall
from tests.intake_data import single_form

NETWORK = "check the network"
OWNER_PW = "owner-password-12"
DESK_PW = "desk-password-123"


@dataclass
class County:
    server: private_server.PrivateServer
    owner: str
    desk: str


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Iterator[County]:
    why = private_server.missing()
    if why:
        pytest.skip(why)
    server = private_server.start()
    try:
        admin = create_engine(server.url(), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            # The README's owner: may create the desk logins (CREATEROLE), nothing more.
            connection.execute(text(f"CREATE ROLE intake_owner LOGIN CREATEROLE PASSWORD '{OWNER_PW}'"))
            connection.execute(text("CREATE DATABASE intake OWNER intake_owner"))
        admin.dispose()
        if server.audit:
            audit_admin = create_engine(server.url(database="intake"), isolation_level="AUTOCOMMIT")
            with audit_admin.connect() as connection:
                connection.execute(text("CREATE EXTENSION pgaudit"))
                # The README's setting: reads and writes of every client of this database are logged.
                connection.execute(text("ALTER DATABASE intake SET pgaudit.log = 'read, write, ddl, role'"))
                connection.execute(text("ALTER DATABASE intake SET pgaudit.log_relation = on"))
            audit_admin.dispose()
        owner = server.url("intake_owner", OWNER_PW, "intake")
        db = Database(owner)
        upgrade(db, backup_dir=tmp_path_factory.mktemp("backups"))
        create_desk_login(db, "intake_desk", DESK_PW)
        db.dispose()
        yield County(server, owner, server.url("intake_desk", DESK_PW, "intake"))
    finally:
        server.stop()


def test_a_desk_works_over_tls_with_its_desk_login(county: County) -> None:
    db = open_database(county.desk)
    try:
        with db.engine.connect() as connection:
            encrypted = connection.execute(text("SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
                                           ).one()
        assert encrypted.ssl is True and encrypted.version.startswith("TLS")
        assert login_kind(db) is LoginKind.DESK
        services = Services(db, FixedClock(TEST_NOW))
        setup_hall(services)
        clerk = add_user(services, "clerk1", Role.CLERK, "王丽")
        number = services.intake.submit(clerk, single_form(1, "钱七")).number
        assert services.applications.get(clerk, number).number == number
    finally:
        db.dispose()


def _refused(url: str) -> DatabaseError:
    with pytest.raises(DatabaseError) as info:
        open_database(url).dispose()
    message = str(info.value)
    assert NETWORK not in message and "\n" not in message
    assert not isinstance(info.value, DatabaseUnavailable)
    return info.value


def test_a_wrong_password_is_named(county: County) -> None:
    message = str(_refused(county.server.url("intake_desk", "not-the-password", "intake")))
    assert "wrong password" in message and "'intake_desk'" in message and "not-the-password" not in message


def test_an_unknown_login_is_named(county: County) -> None:
    """SCRAM answers a missing login as a wrong password (so logins cannot be guessed); the sentence
    names both causes and the login."""
    message = str(_refused(county.server.url("no_such_desk", DESK_PW, "intake")))
    assert "no such login" in message and "'no_such_desk'" in message


def test_a_missing_database_is_named(county: County) -> None:
    message = str(_refused(county.server.url("intake_desk", DESK_PW, "no_such_hall_db")))
    assert "no database named 'no_such_hall_db'" in message


def test_a_url_without_tls_is_told_to_use_it(county: County) -> None:
    message = str(_refused(county.server.url("intake_desk", DESK_PW, "intake", sslmode="disable")))
    assert "TLS" in message and "sslmode=require" in message


def test_a_server_without_tls_is_named_tls_refused(county: County, caplog: pytest.LogCaptureFixture) -> None:
    county.server.set_ssl(False)
    try:
        message = str(_refused(county.desk))
        assert "TLS" in message and "refused" in message
        assert "SSL" in caplog.text  # the driver's own words are in the log
    finally:
        county.server.set_ssl(True)
    open_database(county.desk).dispose()  # and TLS works again


def test_pgaudit_logs_a_read_of_personal_data_by_another_client(county: County) -> None:
    if not county.server.audit:
        pytest.skip("pgaudit not installed (Debian: postgresql-15-pgaudit)")
    other = create_engine(county.owner)  # a report tool or psql with some login, not the program
    with other.connect() as connection:
        connection.execute(text("SELECT name, resident_id FROM persons")).all()
    other.dispose()
    log = county.server.log_text()
    reads = [line for line in log.splitlines() if "AUDIT: SESSION" in line and "READ" in line
             and re.search(r"public\.persons", line)]
    assert reads, log[-3000:]
    assert any("resident_id" in line for line in reads)


def test_an_owner_without_createrole_is_told_what_to_grant(county: County) -> None:
    admin = create_engine(county.server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE ROLE plain_owner LOGIN PASSWORD '{OWNER_PW}'"))
        connection.execute(text("CREATE DATABASE plain OWNER plain_owner"))
    admin.dispose()
    db = Database(county.server.url("plain_owner", OWNER_PW, "plain"))
    try:
        with pytest.raises(DatabaseError, match="ALTER ROLE plain_owner CREATEROLE"):
            create_desk_login(db, "plain_desk", DESK_PW)
    finally:
        db.dispose()
