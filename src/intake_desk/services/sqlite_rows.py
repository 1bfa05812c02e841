"""A submit's inserts on SQLite, straight to the driver: one statement a table, values converted once.

SQLAlchemy Core spends most of a small insert's time around the statement (compiled-cache lookup,
parameter processing, the insertmanyvalues batch rebuilt as text at each call, result set-up) – on SQLite,
where the database itself answers in microseconds, that is most of a submit. Here the SQL text is built
once per table, set of columns and number of rows, each value goes through the column type's own bind
processor (the same functions SQLAlchemy would call: UTC datetimes, dates, booleans) and each returned
value through its result processor, so the rows come back exactly as a read through SQLAlchemy would give
them. The engine's ``before_cursor_execute`` hooks (the unstorable-text guard, logging) see every
statement, and a driver error is raised as SQLAlchemy would raise it (``IntegrityError`` …).

The transaction holds SQLite's write lock (``BEGIN IMMEDIATE``) and the rows' ids are left to SQLite: each
row gets the next id as it is inserted, so in id order the rows come back in the order given.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from typing import Any

from sqlalchemy import Table
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.exc import DBAPIError

MAX_PARAMETERS = 30_000
"""Below SQLite's limit of 32,766 variables a statement."""

Processor = Callable[[Any], Any] | None


@cache
def _text(table: Table, columns: tuple[str, ...], count: int, returning: bool) -> str:
    row = f"({', '.join('?' * len(columns))})"
    text = f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES {', '.join([row] * count)}"
    return text + f" RETURNING {', '.join(c.name for c in table.c)}" if returning else text


@cache
def _binds(table: Table, columns: tuple[str, ...], dialect: Dialect) -> tuple[Processor, ...]:
    return tuple(table.c[name].type._cached_bind_processor(dialect) for name in columns)


@cache
def _results(table: Table, dialect: Dialect) -> tuple[tuple[str, Processor], ...]:
    return tuple((c.key, c.type._cached_result_processor(dialect, None)) for c in table.c)


def insert(connection: Connection, table: Table, rows: Sequence[Mapping[str, Any]], *,
           returning: bool) -> list[Mapping[str, Any]]:
    """Insert ``rows`` (each with the same columns, defaults filled in); every column of each row as
    written, in the order given, when ``returning``."""
    columns = tuple(rows[0])
    dialect = connection.dialect
    binds = _binds(table, columns, dialect)
    raw: Any = connection.connection.dbapi_connection
    dispatch = connection.dispatch.before_cursor_execute
    per_statement = max(1, MAX_PARAMETERS // len(columns))
    written: list[Mapping[str, Any]] = []
    for start in range(0, len(rows), per_statement):
        chunk = rows[start:start + per_statement]
        statement = _text(table, columns, len(chunk), returning)
        parameters = [value if bind is None else bind(value)
                      for row in chunk for value, bind in zip((row[c] for c in columns), binds, strict=True)]
        cursor = raw.cursor()
        try:
            dispatch(connection, cursor, statement, parameters, None, False)
            cursor.execute(statement, parameters)
            fetched = cursor.fetchall() if returning else []
        except sqlite3.Error as exc:
            raise DBAPIError.instance(statement, None, exc, sqlite3.Error, hide_parameters=True,
                                      dialect=dialect) from exc
        finally:
            cursor.close()
        if returning:
            results = _results(table, dialect)
            written += sorted(({key: value if process is None else process(value)
                                for (key, process), value in zip(results, row, strict=True)} for row in fetched),
                              key=lambda row: row["id"])
    return written
