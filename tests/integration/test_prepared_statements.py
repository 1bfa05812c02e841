"""Server-side prepared statements on a direct connection to PostgreSQL, none through a pooler.

A desk's connection that reaches the server itself lets psycopg prepare the statements it repeats (a
submit's inserts and its sealing statement), so the server parses and plans them once per connection;
through PgBouncer in transaction mode (``pgbouncer/``) statements stay unprepared.
"""

from __future__ import annotations

import pytest

from intake_desk.domain.enums import Role
from intake_desk.services import audit
from intake_desk.services.clock import FixedClock
from intake_desk.store.db import PREPARE_THRESHOLD, Database
from tests.conftest import add_user, make_services, setup_hall
from tests.intake_data import single_form

pytestmark = pytest.mark.pg


def test_a_direct_connection_prepares_what_a_submit_repeats(pg_db: Database, clock: FixedClock) -> None:
    services = make_services(pg_db, clock)
    setup_hall(services)
    clerk = add_user(services, "clerk1", Role.CLERK, "王丽")
    numbers = [services.intake.submit(clerk, single_form(k)).number for k in range(1, PREPARE_THRESHOLD + 3)]
    assert len(set(numbers)) == len(numbers)
    with pg_db.engine.connect() as connection:  # the window's one kept connection
        assert connection.connection.dbapi_connection.prepare_threshold == PREPARE_THRESHOLD
        prepared = connection.exec_driver_sql("SELECT statement FROM pg_prepared_statements").scalars().all()
    assert any("WITH RECURSIVE taken" in s for s in prepared), prepared  # the end of every submit
    assert any(s.startswith("INSERT INTO applications") for s in prepared), prepared


def test_a_column_added_mid_day_keeps_submits_and_the_audit_chain_whole(pg_db: Database,
                                                                              clock: FixedClock) -> None:
    """An upgrade that adds columns while the desks are open: the next submit on the desk's kept connection,
    whose inserts and sealing statement are prepared, goes through (the server re-plans them), and the new
    column stays empty; the audit chain, whose digests come from the rows the inserts returned, still
    verifies against a fresh read of every entity."""
    services = make_services(pg_db, clock)
    setup_hall(services)
    clerk = add_user(services, "clerk1", Role.CLERK, "王丽")
    for k in range(1, PREPARE_THRESHOLD + 3):
        services.intake.submit(clerk, single_form(k))
    with pg_db.engine.connect() as connection:
        prepared = connection.exec_driver_sql("SELECT count(*) FROM pg_prepared_statements").scalar_one()
        assert prepared > 0
        for table in ("households", "persons", "applications", "application_members", "referrals", "audit_events"):
            connection.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN added_mid_day integer")
        connection.commit()
    after = services.intake.submit(clerk, single_form(PREPARE_THRESHOLD + 5))
    assert after.number
    with pg_db.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM applications WHERE added_mid_day IS NULL") \
            .scalar_one() == PREPARE_THRESHOLD + 3
    report = audit.verify(pg_db)
    assert report.ok, report
