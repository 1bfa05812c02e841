"""Gap-free counters (receipt numbers per hall per day).

The increment is one ``INSERT … ON CONFLICT DO UPDATE … RETURNING`` inside the caller's writing
transaction: PostgreSQL locks the counter row until commit, SQLite holds the database's write lock
from ``BEGIN IMMEDIATE``. A rolled-back transaction takes its number back with it, so numbers stay
gap-free.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Insert, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from intake_desk.store.models import Counter


def next_value(session: Session, scope: str, day: date) -> int:
    """The next number of ``scope`` on ``day`` (1, 2, 3 …), reserved until the transaction ends."""
    dialect = session.get_bind().dialect.name
    table: Table = Counter.__table__  # type: ignore[assignment]
    statement: Insert
    if dialect == "postgresql":
        pg = postgresql.insert(table).values(scope=scope, day=day, value=1)
        statement = pg.on_conflict_do_update(
            index_elements=[table.c.scope, table.c.day], set_={"value": table.c.value + 1}
        )
    elif dialect == "sqlite":
        lite = sqlite.insert(table).values(scope=scope, day=day, value=1)
        statement = lite.on_conflict_do_update(
            index_elements=[table.c.scope, table.c.day], set_={"value": table.c.value + 1}
        )
    else:  # pragma: no cover - resolve_url admits only the two
        raise RuntimeError(f"unsupported database {dialect}")
    value = session.execute(statement.returning(table.c.value)).scalar_one()
    return int(value)


def receipt_number(hall_code: str, day: date, sequence: int) -> str:
    """``<hall code>-<YYYYMMDD>-<4-digit sequence>``, e.g. ``HT01-20261122-0007``."""
    return f"{hall_code}-{day:%Y%m%d}-{sequence:04d}"


def next_receipt_number(session: Session, hall_code: str, day: date) -> str:
    return receipt_number(hall_code, day, next_value(session, f"receipt:{hall_code}", day))
