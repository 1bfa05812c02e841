"""The audit chain and audit trail tests through PgBouncer in transaction mode (fixtures: this folder's
conftest), and a check that the connections really go through the bouncer."""

import psycopg
from sqlalchemy import text
from sqlalchemy.engine import make_url

from intake_desk.store.db import Database
from tests.unit.services.test_audit_chain import *  # noqa: F403
from tests.unit.services.test_audit_view import *  # noqa: F403


def test_the_desk_is_a_client_of_pgbouncer(pg_db: Database, pgbouncer_port: int) -> None:
    database = make_url(str(pg_db.url)).database
    with pg_db.reading() as session:
        session.execute(text("SELECT 1"))
        with psycopg.connect(host="127.0.0.1", port=pgbouncer_port, user="postgres", dbname="pgbouncer",
                             autocommit=True) as console:
            cursor = console.execute("SHOW CLIENTS")
            columns = [c.name for c in cursor.description or ()]
            clients = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
            cursor = console.execute("SHOW CONFIG")
            config = {row[0]: row[1] for row in cursor.fetchall()}
    assert config["pool_mode"] == "transaction"
    assert any(client["database"] == database for client in clients), clients
