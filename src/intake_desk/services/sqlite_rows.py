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
from collections.abc import Callable, Iterator, Mapping, Sequence
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
    written: list[Mapping[str, Any]] = []
    for fetched, _last_id in _inserted(connection, table, rows, returning):
        if returning:
            results = _results(table, connection.dialect)
            written += sorted(({key: value if process is None else process(value)
                                for (key, process), value in zip(results, row, strict=True)} for row in fetched),
                              key=lambda row: row["id"])
    return written


def insert_last_id(connection: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> int:
    """Insert ``rows`` as :func:`insert` does; the id of the last one (ids ascend in the order given)."""
    last = 0
    for _fetched, last_id in _inserted(connection, table, rows, False):
        last = last_id
    return last


def _inserted(connection: Connection, table: Table, rows: Sequence[Mapping[str, Any]],
              returning: bool) -> Iterator[tuple[list[Any], int]]:
    columns = tuple(rows[0])
    binds = _binds(table, columns, connection.dialect)
    per_statement = max(1, MAX_PARAMETERS // len(columns))
    for start in range(0, len(rows), per_statement):
        chunk = rows[start:start + per_statement]
        statement = _text(table, columns, len(chunk), returning)
        parameters = [value if bind is None else bind(value)
                      for row in chunk for value, bind in zip((row[c] for c in columns), binds, strict=True)]
        yield _run(connection, statement, parameters, returning)


def execute(connection: Connection, statement: str, parameters: Sequence[Any] = ()) -> list[Any]:
    """One statement (SQLite's own text, values already as the driver takes them) straight to the driver:
    its rows as plain tuples. For a submit's few reads and updates, where SQLAlchemy's work around a
    statement costs more than SQLite's (see above)."""
    return _run(connection, statement, list(parameters), True)[0]


def bound(table: Table, column: str, value: Any, dialect: Dialect) -> Any:
    """``value`` as SQLAlchemy would send it to the driver for ``table.column`` (dates, UTC datetimes …)."""
    bind = _binds(table, (column,), dialect)[0]
    return value if bind is None else bind(value)


def read(table: Table, column: str, value: Any, dialect: Dialect) -> Any:
    """A value of ``table.column`` as the driver returned it, as SQLAlchemy would give it back."""
    process = _result(table, column, dialect)
    return value if process is None else process(value)


@cache
def _result(table: Table, column: str, dialect: Dialect) -> Processor:
    return table.c[column].type._cached_result_processor(dialect, None)


def _run(connection: Connection, statement: str, parameters: list[Any], fetch: bool) -> tuple[list[Any], int]:
    raw: Any = connection.connection.dbapi_connection
    cursor = raw.cursor()
    try:
        connection.dispatch.before_cursor_execute(connection, cursor, statement, parameters, None, False)
        cursor.execute(statement, parameters)
        return (cursor.fetchall() if fetch else []), cursor.lastrowid
    except sqlite3.Error as exc:
        raise DBAPIError.instance(statement, None, exc, sqlite3.Error, hide_parameters=True,
                                  dialect=connection.dialect) from exc
    finally:
        cursor.close()
