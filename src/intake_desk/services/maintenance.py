"""数据库维护 – the administrator's sign-in for ``db upgrade`` and ``db backup``, and their audit events.

A backup reads every record and an upgrade changes the schema under them, so both are an
administrator's, signed in like every other command. The connection itself uses the owner's login
(the schema's owner migrates and dumps it); the sign-in says *who* ran it.

An upgrade is run on a database whose schema is older than this program's, where the account service
(which writes audit events with the newest columns) cannot run yet. The sign-in then reads only the
``users`` columns every revision has had since accounts existed, checks the password the same way,
counts a failure towards the same lockout (under a lock of the user's row) and refuses a disabled,
locked or not-yet-changed account; the sign-in is then audited together with the upgrade, once the
trail has the program's columns. A database that holds no account yet (the very first set-up) is
upgraded without anyone signing in.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import inspect, select, update
from sqlalchemy.exc import SQLAlchemyError

from intake_desk.domain.enums import Role
from intake_desk.services import audit
from intake_desk.services.actor import SYSTEM, Actor
from intake_desk.services.clock import Clock
from intake_desk.services.errors import AccountLocked, AuthenticationFailed, PermissionDenied
from intake_desk.services.passwords import verify_password
from intake_desk.services.settings import get_int
from intake_desk.store.db import Database
from intake_desk.store.errors import DatabaseError
from intake_desk.store.migrate import current_revision, head_revision
from intake_desk.store.models import User

__all__ = ["holds_accounts", "is_current", "record", "sign_in_on_older_schema"]

ADMIN_ONLY = "只有管理员可以{zh} / Only an administrator may {en}"


def holds_accounts(db: Database) -> bool:
    """Whether the database has any account (a new or empty one has none and needs no sign-in)."""
    try:
        if not inspect(db.engine).has_table(User.__tablename__):
            return False
        with db.reading() as session:
            return session.execute(select(User.id).limit(1)).first() is not None
    except SQLAlchemyError as exc:
        raise DatabaseError(f"数据库无法读取 / The database cannot be read: {db.description}") from exc


def is_current(db: Database) -> bool:
    """Whether the schema is this program's (the account service and the audit trail can run)."""
    return current_revision(db) == head_revision()


_REFUSED = "用户名或密码不正确 / The user name or password is wrong"
# Columns of ``users`` that every revision has had (migration 0001 created them all).
_COLUMNS = (User.id, User.username, User.display_name, User.role, User.password_hash, User.active,
            User.failed_logins, User.locked_until, User.must_change_password)


def sign_in_on_older_schema(db: Database, clock: Clock, username: str, password: str) -> Actor:
    """Sign in on a database not yet at this program's schema (see the module note): the same
    password check, lockout and refusals as the account service, without writing an audit event."""
    name = username.strip()
    now = clock.now()
    with db.reading() as session:
        stored = session.scalar(select(User.password_hash).where(User.username == name))
    from intake_desk.services.accounts import _decoy_hash

    matches = verify_password(password, stored if stored is not None else _decoy_hash())
    with db.transaction() as session:
        row: Any = session.execute(select(*_COLUMNS).where(User.username == name).with_for_update()).first()
        if row is None:
            raise AuthenticationFailed(_REFUSED)
        if not row.active:
            raise AuthenticationFailed("该账户已停用，请联系管理员 / This account is disabled; ask the administrator")
        if row.locked_until is not None and row.locked_until > now:
            minutes = max(1, math.ceil((row.locked_until - now).total_seconds() / 60))
            raise AccountLocked(f"连续登录失败次数过多，账户已锁定，请 {minutes} 分钟后再试 / "
                                f"Too many failed sign-ins: the account is locked for {minutes} more minute(s)")
        failure: Exception | None = None
        if not (matches and row.password_hash == stored):
            failed = int(row.failed_logins or 0) + 1
            limit = get_int(session, "lockout_attempts")
            values: dict[str, Any] = {"failed_logins": failed}
            if limit and failed >= limit:
                values = {"failed_logins": 0,
                          "locked_until": now + timedelta(minutes=get_int(session, "lockout_minutes"))}
            session.execute(update(User).where(User.id == row.id).values(**values))
            failure = (AccountLocked(f"密码连续错误 {limit} 次，账户已锁定 / {limit} wrong passwords in a row: "
                                                f"the account is locked") if "locked_until" in values
                                  else AuthenticationFailed(_REFUSED))
        else:
            session.execute(update(User).where(User.id == row.id).values(failed_logins=0, locked_until=None,
                                                                          last_login_at=now))
    if failure is not None:
        raise failure  # counted and committed first
    if row.must_change_password:
        raise AuthenticationFailed(f"{name} 须先修改初始密码 / {name} must change the password first")
    return Actor(user_id=row.id, username=row.username, display_name=row.display_name, role=Role(row.role))


def require_admin(actor: Actor, zh: str, en: str) -> Actor:
    if actor.role is not Role.ADMIN:
        raise PermissionDenied(ADMIN_ONLY.format(zh=zh, en=en))
    return actor


def record(db: Database, actor: Actor, action: str, detail: dict[str, Any], *, at: datetime) -> None:
    """The maintenance in the audit trail (``database.upgrade``, ``database.backup``) once the schema
    is the program's; ``SYSTEM`` when nobody had to sign in."""
    with db.transaction() as session:
        who = actor
        if actor is not SYSTEM and actor.user_id and session.get(User, actor.user_id) is None:
            who = Actor(0, actor.username, actor.display_name, actor.role)
        audit.record(session, who, action, "database", db.description[:64], detail, at=at)
