"""Writing a submit's rows with few round trips and little work per statement.

A submit writes a dozen tables' rows, most of which depend only on the application's id. The writer
queues inserts and sends them when their results are needed (:meth:`RowWriter.sync`): on PostgreSQL
every queued statement goes in one round trip (psycopg's pipeline mode), straight to the driver with
SQL text built once per table and set of columns; on SQLite (in-process, no round trips) each is run at
once, all the rows of a table in one statement straight to the driver (``services/sqlite_rows.py``).
Rows inserted with ``returning=True`` come back whole (every column), as a read would see them – the
audit digest is computed from them (``services.entity_states``).

Column defaults that SQLAlchemy would fill in are filled in here the same way, and the engine's
statement hooks (the text guard, logging) see every statement.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import Any, cast

from sqlalchemy import Executable, Table
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from intake_desk.services import sqlite_rows


class Pending:
    """The rows an insert returned, once its batch has been sent."""

    def __init__(self) -> None:
        self._rows: list[Mapping[str, Any]] | None = None

    @property
    def rows(self) -> list[Mapping[str, Any]]:
        if self._rows is None:
            raise RuntimeError("the rows of a queued insert are read before it was sent")
        return self._rows


def _table(model: Any) -> Table:
    return cast(Table, model.__table__)


@dataclass(frozen=True)
class Expr:
    """A column's value computed by the server from rows the same round trip wrote before (PostgreSQL
    only): SQL text, with its own named parameters. Lets a row refer to an id not known yet."""

    sql: str
    params: tuple[tuple[str, Any], ...] = ()


NEW_HOUSEHOLD = Expr("currval('households_id_seq')")
"""The id of the household inserted last in this transaction."""
NEW_APPLICATION = Expr("currval('applications_id_seq')")
"""The id of the application inserted last in this transaction."""


def member_at(position: int | None) -> Expr:
    """The id of the member at ``position`` of the application inserted last in this transaction (NULL for
    None). The application's id is computed once, before the members are read (a subquery), so that their
    index on it is used."""
    return Expr("(SELECT id FROM application_members WHERE application_id = (SELECT currval('applications_id_seq')) "
                "AND position = %(member_position)s)", (("member_position", position),))


def person_with(resident_id: str) -> Expr:
    """The registry id of the person with this resident ID (written earlier in the transaction)."""
    return Expr("(SELECT id FROM persons WHERE resident_id = %(person_resident_id)s)",
                (("person_resident_id", resident_id),))


@cache
def _pg_statement(model: Any, columns: tuple[str, ...], returning: bool,
                  computed: tuple[tuple[str, str, tuple[str, ...]], ...] = (), count: int = 1) -> str:
    """``INSERT`` of ``count`` rows in one statement; row ``k``'s parameters are named ``column__k``
    (a computed column's own parameters too) when there is more than one."""
    table = _table(model)
    sql = {column: (text, names) for column, text, names in computed}

    def value(column: str, k: int) -> str:
        if column not in sql:
            return f"%({column})s" if count == 1 else f"%({column}__{k})s"
        text, names = sql[column]
        if count > 1:
            for name in names:
                text = text.replace(f"%({name})s", f"%({name}__{k})s")
        return text

    rows = ", ".join(f"({', '.join(value(c, k) for c in columns)})" for k in range(count))
    text = f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES {rows}"
    # The model's columns by name, never ``*``: a column an upgrade adds while desks are open is not part of
    # what this program writes, and the audit digests computed from these rows must equal a fresh read.
    return text + f" RETURNING {', '.join(c.name for c in table.c)}" if returning else text


def _expand(rows: list[dict[str, Any]]) -> tuple[tuple[tuple[str, str, tuple[str, ...]], ...], dict[str, Any]]:
    """The computed columns of ``rows`` (every row computes the same ones) and the statement's parameters
    (row ``k``'s named ``…__k`` when there are several rows, see :func:`_pg_statement`)."""
    computed = tuple((c, v.sql, tuple(name for name, _ in v.params)) for c, v in rows[0].items() if isinstance(v, Expr))
    if len(rows) == 1 and not computed:
        return computed, rows[0]
    parameters: dict[str, Any] = {}
    for k, row in enumerate(rows):
        suffix = f"__{k}" if len(rows) > 1 else ""
        for column, value in row.items():
            if isinstance(value, Expr):
                parameters.update((name + suffix, v) for name, v in value.params)
            else:
                parameters[column + suffix] = value
    return computed, parameters


@cache
def _defaults(model: Any) -> tuple[tuple[str, Any, bool], ...]:
    """``(column, value or function, is a function)`` of every column with a Python-side default."""
    return tuple((c.name, getattr(c.default, "arg", None), c.default.is_callable) for c in _table(model).c
                 if c.default is not None and (c.default.is_scalar or c.default.is_callable))


class RowWriter:
    """Inserts queued until :meth:`sync` (immediate on SQLite)."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.pipelined = connection.dialect.name == "postgresql"
        self._queue: list[tuple[str, Mapping[str, Any], bool, Pending]] = []

    def insert(self, model: Any, rows: Sequence[Mapping[str, Any]], *, returning: bool = False) -> Pending:
        pending = Pending()
        if not rows:
            pending._rows = []
            return pending
        full = [self._with_defaults(model, row) for row in rows]
        if not self.pipelined:
            pending._rows = sqlite_rows.insert(self.connection, _table(model), full, returning=returning)
            return pending
        # Every row in one statement (one execution on the server, one for the driver), not one a row.
        computed, parameters = _expand(full)
        self._queue.append((_pg_statement(model, tuple(full[0]), returning, computed, len(full)), parameters,
                            returning, pending))
        return pending

    def execute(self, core: Executable, pg_text: str, parameters: Mapping[str, Any]) -> None:
        """A statement without results: ``core`` on SQLite at once, ``pg_text`` queued on PostgreSQL."""
        if not self.pipelined:
            self.connection.execute(core, dict(parameters))
        else:
            self._queue.append((pg_text, dict(parameters), False, Pending()))

    @staticmethod
    def _with_defaults(model: Any, row: Mapping[str, Any]) -> dict[str, Any]:
        full = dict(row)
        for name, value, call in _defaults(model):
            if name not in full:
                full[name] = value(None) if call else value
        return full

    def sync(self, final: tuple[str, Mapping[str, Any]] | None = None, *, commit: bool = False) -> Any:
        """Send what is queued – then ``final`` (a statement and its parameters; its first row is
        returned) and a ``COMMIT`` when ``commit`` – in one round trip (PostgreSQL)."""
        queue, self._queue = self._queue, []
        if not queue and final is None:
            return None
        if not self.pipelined:  # pragma: no cover - nothing is queued on SQLite
            raise RuntimeError("only PostgreSQL queues statements")
        # The driver is loaded by now (PostgreSQL only): a window on a SQLite file never imports it.
        from psycopg.rows import dict_row

        connection = self.connection
        raw: Any = connection.connection.dbapi_connection
        dispatch = connection.dispatch.before_cursor_execute
        with _driver_errors(connection, raw, final[0] if final is not None else (queue[0][0] if queue else "")):
            cursors = []
            with raw.pipeline():
                for statement, parameters, returning, pending in queue:
                    cursor = raw.cursor(row_factory=dict_row)
                    dispatch(connection, cursor, statement, parameters, None, False)
                    cursor.execute(statement, parameters)
                    cursors.append((cursor, returning, pending))
                final_cursor = None
                if final is not None:
                    final_cursor = raw.cursor()
                    dispatch(connection, final_cursor, final[0], final[1], None, False)
                    final_cursor.execute(final[0], final[1])
                if commit:
                    raw.commit()
            for cursor, returning, pending in cursors:
                # in the order the rows were given: their ids come from a sequence, taken row by row
                pending._rows = sorted(cursor.fetchall(), key=_by_id) if returning else []
            return final_cursor.fetchone() if final_cursor is not None else None


def read_together(connection: Connection, statements: Sequence[tuple[str, Mapping[str, Any]]]) -> list[list[Any]]:
    """The rows (plain tuples) of each of ``statements`` – driver text and parameters – read in one round
    trip (PostgreSQL's pipeline mode; a transaction not begun yet begins in the same round trip)."""
    raw: Any = connection.connection.dbapi_connection
    dispatch = connection.dispatch.before_cursor_execute
    with _driver_errors(connection, raw, statements[0][0] if statements else ""):
        cursors = []
        with raw.pipeline():
            for statement, parameters in statements:
                cursor = raw.cursor()
                dispatch(connection, cursor, statement, parameters, None, False)
                cursor.execute(statement, parameters)
                cursors.append(cursor)
        return [cursor.fetchall() for cursor in cursors]


@contextmanager
def _driver_errors(connection: Connection, raw: Any, statement: str) -> Iterator[None]:
    """A driver error as SQLAlchemy would raise it (so ``store.db.translate_errors`` sees it the same)."""
    import psycopg

    try:
        yield
    except psycopg.Error as exc:
        invalidated = connection.dialect.is_disconnect(exc, raw, None)  # type: ignore[arg-type]
        if invalidated:
            connection.invalidate(exc)
        raise DBAPIError.instance(statement, None, exc, psycopg.Error, hide_parameters=True,
                                  connection_invalidated=invalidated, dialect=connection.dialect) from exc


def _by_id(row: Mapping[str, Any]) -> Any:
    return row["id"]
