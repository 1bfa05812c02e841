"""Shared fixtures: offscreen Qt, an in-memory keyring, a real SQLite file per test and a real
PostgreSQL database per test run (created on INTAKE_DESK_TEST_PG_URL and dropped afterwards)."""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

# Before anything can create a QApplication.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("INTAKE_DESK_HOME", tempfile.mkdtemp(prefix="intake-desk-home-"))
os.environ.pop("INTAKE_DESK_DATABASE_URL", None)
os.environ.pop("INTAKE_DESK_DATABASE_PASSWORD", None)

import keyring  # noqa: E402
import pytest  # noqa: E402
from keyring.backend import KeyringBackend  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from intake_desk.domain.enums import Role  # noqa: E402
from intake_desk.services.actor import SYSTEM, Actor  # noqa: E402
from intake_desk.services.clock import LOCAL_ZONE, FixedClock  # noqa: E402
from intake_desk.services.context import Services  # noqa: E402
from intake_desk.store.db import Database  # noqa: E402
from intake_desk.store.migrate import upgrade  # noqa: E402
from intake_desk.store.models import Base  # noqa: E402

PG_URL = os.environ.get("INTAKE_DESK_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REQUIRE_PG = os.environ.get("INTAKE_DESK_REQUIRE_PG") == "1"
TEST_NOW = datetime(2026, 11, 20, 10, 0, tzinfo=LOCAL_ZONE)  # a Friday
HALL_CODE = "HT01"
HALL_NAME = "荷塘区月塘街道便民服务中心"


class MemoryKeyring(KeyringBackend):
    """The OS keyring is a true boundary: tests keep secrets in memory."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    backend = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


# -- SQLite ------------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite file, copied for every test (migrating each time would be slow)."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    db = Database(f"sqlite:///{path}")
    upgrade(db, backup_dir=path.parent)
    db.dispose()
    return path


@pytest.fixture
def db_path(tmp_path: Path, migrated_template: Path) -> Path:
    path = tmp_path / "intake-desk.sqlite3"
    shutil.copyfile(migrated_template, path)
    return path


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = Database(f"sqlite:///{db_path}")
    yield database
    database.dispose()


# -- PostgreSQL --------------------------------------------------------------------------------------

def _server_reachable(url: str) -> str | None:
    try:
        engine = create_engine(url, connect_args={"connect_timeout": 3})
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
        return None
    except Exception as exc:  # noqa: BLE001 - any failure means "no server"
        return f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"


@pytest.fixture(scope="session")
def pg_url(worker_id: str) -> Iterator[str]:
    """A brand-new PostgreSQL database for this test run (per xdist worker), migrated, dropped at the end."""
    problem = _server_reachable(PG_URL)
    if problem:
        message = f"PostgreSQL test server {PG_URL} not reachable ({problem})"
        if REQUIRE_PG:
            pytest.fail(message + " and INTAKE_DESK_REQUIRE_PG=1")
        pytest.skip(message)
    name = f"intake_test_{worker_id}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    database = Database(url)
    upgrade(database)
    database.dispose()
    try:
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n AND pid <> pg_backend_pid()"
            ), {"n": name})
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


@pytest.fixture(scope="session")
def worker_id(request: pytest.FixtureRequest) -> str:
    """The xdist worker name ("master" without xdist)."""
    config = request.config
    return str(getattr(config, "workerinput", {}).get("workerid", "master"))


@pytest.fixture
def pg_db(pg_url: str) -> Iterator[Database]:
    """The run's PostgreSQL database, emptied before the test (schema kept)."""
    database = Database(pg_url)
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with database.engine.begin() as connection:
        # The append-only trigger on audit_events refuses TRUNCATE; the test server's superuser steps
        # round it for this transaction only.
        connection.execute(text("SET LOCAL session_replication_role = replica"))
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    yield database
    database.dispose()


# -- services and people ---------------------------------------------------------------------------

@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(TEST_NOW)


def make_services(database: Database, clock: FixedClock) -> Services:
    return Services(database, clock)


@pytest.fixture
def services(db: Database, clock: FixedClock) -> Services:
    return make_services(db, clock)


def setup_hall(services: Services) -> Actor:
    """First-run set-up (hall HT01 and administrator ``admin``/``admin-pass-1``); departments from the pack."""
    actor = services.accounts.first_run_setup(HALL_CODE, HALL_NAME, "admin", "系统管理员", "admin-pass-1",
                                              hall_phone="0731-22334455")
    organisation = getattr(services, "organisation", None)
    if organisation is not None:
        organisation.sync_departments_from_pack()
    return actor


@pytest.fixture
def admin(services: Services) -> Actor:
    return setup_hall(services)


def add_user(services: Services, username: str, role: Role, display_name: str,
             department_code: str | None = None) -> Actor:
    services.accounts.add_user(SYSTEM, username, display_name, role, f"{username}-pass-1",
                               hall_code=None if role is Role.DEPARTMENT else HALL_CODE,
                               department_code=department_code)
    return services.accounts.authenticate(username, f"{username}-pass-1")


@pytest.fixture
def clerk(services: Services, admin: Actor) -> Actor:
    return add_user(services, "clerk1", Role.CLERK, "王丽")


@pytest.fixture
def supervisor(services: Services, admin: Actor) -> Actor:
    return add_user(services, "super1", Role.SUPERVISOR, "李强")


@pytest.fixture
def artifacts() -> Path:
    """Where tests leave screenshots and rendered pages for people to look at (gitignored)."""
    path = Path(__file__).resolve().parent.parent / "artifacts"
    path.mkdir(exist_ok=True)
    return path
