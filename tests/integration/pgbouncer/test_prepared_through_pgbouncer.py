"""Through PgBouncer in transaction mode no statement is prepared on the server (a later transaction may
run on another server connection), and submits repeated past psycopg's threshold go through."""

from __future__ import annotations

import pytest

from intake_desk.domain.enums import Role
from intake_desk.services.clock import FixedClock
from intake_desk.store.db import PREPARE_THRESHOLD, Database
from tests.conftest import add_user, make_services, setup_hall
from tests.intake_data import single_form

pytestmark = pytest.mark.pg


def test_statements_stay_unprepared_through_pgbouncer(pg_db: Database, clock: FixedClock) -> None:
    services = make_services(pg_db, clock)
    setup_hall(services)
    clerk = add_user(services, "clerk1", Role.CLERK, "王丽")
    numbers = [services.intake.submit(clerk, single_form(k)).number for k in range(1, PREPARE_THRESHOLD + 3)]
    assert len(set(numbers)) == len(numbers)
    with pg_db.engine.connect() as connection:
        assert connection.connection.dbapi_connection.prepare_threshold is None
