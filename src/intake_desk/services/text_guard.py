"""One door for text that no database can hold: NUL characters and unpaired surrogates.

PostgreSQL refuses a NUL inside text (``DataError``) and psycopg cannot encode a lone surrogate
(``UnicodeEncodeError``); SQLite's driver cannot encode the surrogate either. Rather than check every
search box, filter, user name, draft key and number in every service, the services watch every
statement's parameters on their way to the database (an engine event) and refuse such text with one
bilingual sentence – a :class:`ValidationFailed`, so the window shows it and the command line exits 2.
The statement is never sent, so nothing is half-written, on SQLite and PostgreSQL alike.

Text that the program itself must keep exactly (a draft with a pasted lone surrogate) is escaped before
it gets here (``drafts.encode_payload``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import event

from intake_desk.domain.text import unstorable_text
from intake_desk.services.errors import ValidationFailed
from intake_desk.store.db import Database

__all__ = ["UNSTORABLE", "install", "refuse_unstorable", "unstorable_text"]

UNSTORABLE = ("输入中含有无法保存的字符（空字符或不成对的代理字符），请删除后重试 / "
              "The input holds a character that cannot be stored (a NUL or an unpaired surrogate); "
              "remove it and try again")


def _values(parameters: Any) -> Iterable[Any]:
    if isinstance(parameters, Mapping):
        return parameters.values()
    if isinstance(parameters, list | tuple):
        return parameters
    return ()


# Parameter types that hold no text: most of a statement's values, passed over without an isinstance check.
_NO_TEXT = frozenset({int, bool, float, type(None), date, datetime, Decimal, bytes})


def _check(parameters: Any, depth: int = 0) -> None:
    for value in _values(parameters):
        kind = type(value)
        if kind in _NO_TEXT:
            continue
        if kind is str or isinstance(value, str):
            if unstorable_text(value):
                raise ValidationFailed(UNSTORABLE, {"text": "unstorable character"})
        elif depth < 2 and isinstance(value, list | tuple | Mapping):  # executemany rows, arrays
            _check(value, depth + 1)


def refuse_unstorable(value: Any) -> None:
    """Refuse ``value`` (text, or a filter's description: lists and dicts of text) before work starts
    that would only reach the database escaped – e.g. an export filter that is matched in memory and
    then written into the audit event as JSON."""
    if isinstance(value, str):
        _check((value,))
    elif isinstance(value, Mapping):
        _check(list(value.keys()) + list(value.values()), -8)
    else:
        _check(value, -8)


def _before_execute(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any,
                    executemany: bool) -> None:
    _check(parameters)


def install(db: Database) -> None:
    """Refuse unstorable text on every statement of ``db`` (once per engine)."""
    if not event.contains(db.engine, "before_cursor_execute", _before_execute):
        event.listen(db.engine, "before_cursor_execute", _before_execute)
