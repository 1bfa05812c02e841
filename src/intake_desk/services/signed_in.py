"""登录有效 – a signed-in account is checked again at every service call.

An :class:`~intake_desk.services.actor.Actor` is a snapshot taken at sign-in. A window stays open for
hours; an administrator who disables the account, changes its role, hall or department, or resets its
password expects that to take effect at once, not at the next sign-in. So every public service call
made with an actor records who is calling (a context variable, set by :func:`instrument` around each
call of a service built by :class:`~intake_desk.services.context.Services`), and the first statement
of every transaction in that call reads the account's row by its primary key – one indexed read inside
the call's own transaction – and refuses with :class:`SignInRevoked` when it no longer matches.

On PostgreSQL a call may name reads it needs first (:class:`FirstReads`, :func:`reading_first`): they
travel with the account's read in the transaction's first round trip (the submit's departments,
calendar and registry lookup), and the account is still checked before any of their rows is used.

``users.version`` is the account's credential version: disabling, enabling and resetting the password
raise it (changing one's own password does not: the window that changed it stays signed in).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, SessionTransaction

from intake_desk.services.actor import Actor
from intake_desk.services.errors import SignInRevoked
from intake_desk.store.models import User

__all__ = ["FirstReads", "SignInRevoked", "calling_as", "instrument", "reading_first"]

_CALLER: ContextVar[Actor | None] = ContextVar("intake_desk_caller", default=None)
_CHECKED = "intake_desk_caller_checked"
_USERS = User.__table__


def _statement(user_id: int) -> Any:
    return select(_USERS.c.active, _USERS.c.role, _USERS.c.hall_id, _USERS.c.department_id,
                  _USERS.c.version).where(_USERS.c.id == user_id)


def problem(actor: Actor, row: Any) -> str | None:
    """Why the account row no longer supports ``actor`` (None while it does)."""
    if row is None:
        return "该账户已不存在，请重新登录 / This account no longer exists; sign in again"
    active, role, hall_id, department_id, version = row
    if not active:
        return "该账户已被停用，请联系管理员 / This account has been disabled; ask the administrator"
    if (role != actor.role.value or hall_id != actor.hall_id or department_id != actor.department_id):
        return ("您的角色或所属单位已变更，请重新登录 / Your role, hall or department was changed; "
                "sign in again")
    if actor.credential_version is not None and version != actor.credential_version:
        return ("管理员已变更您的账户（停用、重置密码等），请重新登录 / The administrator changed your account "
                "(disabled it, reset its password …); sign in again")
    return None


def _check(session: Session, _transaction: SessionTransaction, connection: Connection) -> None:
    actor = _CALLER.get()
    if actor is None or not actor.user_id:
        return
    if session.info.get(_CHECKED) == actor.user_id:
        return
    reads = _FIRST_READS.get()
    if reads is not None and reads.results is None and connection.dialect.name == "postgresql":
        from intake_desk.services.submit_rows import read_together

        *results, account = read_together(connection, [*reads.statements,
                                                       (ACCOUNT_ROW_SQL, {"user": actor.user_id})])
        reads.results = results
        row = account[0] if account else None
    elif connection.dialect.name == "sqlite":  # straight to the driver: the first statement of every transaction
        from intake_desk.services.sqlite_rows import execute

        found = execute(connection, _ACCOUNT_ROW_SQLITE, [actor.user_id])
        row = found[0] if found else None
    else:
        row = connection.execute(_statement(actor.user_id)).first()
    reason = problem(actor, row)
    if reason is not None:
        raise SignInRevoked(reason)
    session.info[_CHECKED] = actor.user_id


event.listen(Session, "after_begin", _check)

ACCOUNT_ROW_SQL = ("SELECT users.active, users.role, users.hall_id, users.department_id, users.version FROM users "
                   "WHERE users.id = %(user)s")
"""The account's row as :func:`_check` reads it, in the driver's own parameter style (PostgreSQL)."""
_ACCOUNT_ROW_SQLITE = ACCOUNT_ROW_SQL.replace("%(user)s", "?")


class FirstReads:
    """Reads a call needs at the start of its transaction (driver text and parameters, PostgreSQL), sent
    in the transaction's first round trip together with the account's check (see :func:`reading_first`).
    ``results`` holds their rows once read (None: not read there – the caller reads them itself)."""

    def __init__(self, statements: Sequence[tuple[str, Mapping[str, Any]]]) -> None:
        self.statements = list(statements)
        self.results: list[list[Any]] | None = None


_FIRST_READS: ContextVar[FirstReads | None] = ContextVar("intake_desk_first_reads", default=None)


@contextmanager
def reading_first(reads: FirstReads | None) -> Iterator[None]:
    """Transactions begun inside send ``reads`` with their account check, in one round trip."""
    token = _FIRST_READS.set(reads)
    try:
        yield
    finally:
        _FIRST_READS.reset(token)


@contextmanager
def calling_as(actor: Actor | None) -> Iterator[None]:
    """Every transaction begun inside checks ``actor``'s account first."""
    token = _CALLER.set(actor)
    try:
        yield
    finally:
        _CALLER.reset(token)


def _takes_actor(function: Callable[..., Any]) -> bool:
    parameters = list(inspect.signature(function).parameters)
    return len(parameters) > 1 and parameters[1] == "actor"


def _wrap(bound: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(bound)
    def call(*args: Any, **kwargs: Any) -> Any:
        actor = args[0] if args else kwargs.get("actor")
        token = _CALLER.set(actor if isinstance(actor, Actor) else None)
        try:
            return bound(*args, **kwargs)
        finally:
            _CALLER.reset(token)

    return call


def instrument(service: object) -> object:
    """Make each public method of ``service`` whose first argument is ``actor`` check the account."""
    for name, function in inspect.getmembers(type(service), inspect.isfunction):
        if not name.startswith("_") and _takes_actor(function):
            setattr(service, name, _wrap(getattr(service, name)))
    return service
