"""Whether a PostgreSQL address is PgBouncer's rather than the server's own.

Everything the windows do works through PgBouncer in transaction mode. ``db upgrade``, ``db backup``
and ``db restore`` do not belong there: ``pg_dump`` and ``pg_restore`` set session parameters
(``search_path``, timeouts) before their transaction, and in transaction mode those settings can land on
a server connection another desk is using next. Those commands are therefore refused through
PgBouncer with one sentence naming the server's own port.

PgBouncer is recognised by two signs together: the server reports another port than the address
names (``current_setting('port')``), and the same address answers PgBouncer's own console database
``pgbouncer`` (``SHOW VERSION``, or its "not allowed" refusal for a login that is not an admin). A
plain port forward (a container's mapped port) shows the first sign only and is not refused.
"""

from __future__ import annotations

import logging

from sqlalchemy import text

from intake_desk.store.db import Database
from intake_desk.store.errors import DatabaseError

log = logging.getLogger(__name__)


class ThroughPooler(DatabaseError):
    """A maintenance command was pointed at PgBouncer instead of the server."""


def _console_answers(db: Database) -> bool:
    import psycopg

    url = db.url
    try:
        with psycopg.connect(host=url.host or "localhost", port=url.port or 5432, user=url.username or "",
                             password=str(url.password) if url.password else None, dbname="pgbouncer",
                             autocommit=True, connect_timeout=5) as console:
            row = console.execute("SHOW VERSION").fetchone()
            return row is not None and "pgbouncer" in str(row[0]).lower()
    except psycopg.Error as exc:
        message = str(exc).lower()
        return "pgbouncer" in message or "not allowed" in message


def server_port_if_pooled(db: Database) -> int | None:
    """The server's own port when ``db`` goes through PgBouncer; None when it is the server itself."""
    if db.is_sqlite:
        return None
    with db.engine.connect() as connection:
        server_port = int(connection.execute(text("SELECT current_setting('port')")).scalar_one())
    if server_port == (db.url.port or 5432):
        return None
    return server_port if _console_answers(db) else None


def refuse_through_pooler(db: Database, command: str) -> None:
    """Raise :class:`ThroughPooler` (one sentence) when ``db`` is reached through PgBouncer."""
    port = server_port_if_pooled(db)
    if port is None:
        return
    log.warning("%s refused through PgBouncer at %s (server port %s)", command, db.description, port)
    raise ThroughPooler(
        f"{command} 须直接连接数据库服务器，不能经过 PgBouncer：请用服务器本身的地址（端口 {port}） / {command} must "
        f"connect to the database server directly, not through PgBouncer: use the server's own address "
        f"(port {port})")
