"""PostgreSQL logins: the *owner* (creates and migrates the schema; backup, restore, upgrade) and the
*desk login* every window and everyday command uses, which can do no more than the program does.

A desk login gets CONNECT, SELECT/INSERT/UPDATE on the tables the program writes, DELETE only where
the program deletes, INSERT and SELECT only on ``audit_events`` (and a trigger refuses UPDATE, DELETE
and TRUNCATE there whoever connects), SELECT on ``alembic_version``, the sequences it needs, and no
TRUNCATE, no DDL (no CREATE on the schema or TEMP on the database).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from intake_desk.store.db import Database, DatabaseError
from intake_desk.store.models import Base

DELETES = frozenset({"drafts", "calendar_overrides"})
"""Tables the program deletes rows from (a discarded draft, a removed calendar override)."""

APPEND_ONLY = frozenset({"audit_events"})
READ_ONLY = frozenset({"alembic_version"})

_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


class LoginKind(Enum):
    SQLITE = "sqlite"
    SUPERUSER = "superuser"
    OWNER = "owner"
    DESK = "desk"

    @property
    def too_powerful(self) -> bool:
        return self in (LoginKind.SUPERUSER, LoginKind.OWNER)


@dataclass(frozen=True)
class DeskGrants:
    """What one desk login may do, table by table (as granted)."""

    login: str
    created: bool
    tables: dict[str, tuple[str, ...]]


def check_login_name(name: str) -> str:
    if not _NAME.match(name):
        raise DatabaseError(
            f"登录名只能用小写字母、数字和下划线，且以字母开头：{name!r} / A login name is lower-case letters, "
            f"digits and underscores, starting with a letter: {name!r}")
    return name


def table_privileges(tables: list[str]) -> dict[str, tuple[str, ...]]:
    """The privileges of a desk login on each table of the program."""
    granted: dict[str, tuple[str, ...]] = {}
    for table in sorted(tables):
        if table in APPEND_ONLY:
            granted[table] = ("SELECT", "INSERT")
        elif table in READ_ONLY:
            granted[table] = ("SELECT",)
        elif table in DELETES:
            granted[table] = ("SELECT", "INSERT", "UPDATE", "DELETE")
        else:
            granted[table] = ("SELECT", "INSERT", "UPDATE")
    return granted


def _quote(connection: Connection, name: str) -> str:
    return str(connection.exec_driver_sql("SELECT quote_ident(%s)", (name,)).scalar_one())


def _literal(connection: Connection, value: str) -> str:
    return str(connection.exec_driver_sql("SELECT quote_literal(%s)", (value,)).scalar_one())


def create_desk_login(db: Database, name: str, password: str) -> DeskGrants:
    """Create (or update: new password, privileges set again from scratch) a desk login.

    Run as the owner of the schema (or a superuser). The login's password is stored by the server as
    SCRAM-SHA-256 where ``password_encryption`` says so (the default since PostgreSQL 14).
    """
    if db.is_sqlite:
        raise DatabaseError("SQLite 文件没有数据库登录；桌面登录只用于 PostgreSQL / A SQLite file has no "
                            "database logins; desk logins are for PostgreSQL")
    check_login_name(name)
    if len(password) < 12:
        raise DatabaseError("桌面登录的密码至少 12 个字符 / A desk login's password has at least 12 characters")
    with db.engine.begin() as connection:
        login = _quote(connection, name)
        secret = _literal(connection, password)
        database = _quote(connection, str(connection.exec_driver_sql("SELECT current_database()").scalar_one()))
        me = str(connection.exec_driver_sql("SELECT current_user").scalar_one())
        if me == name:
            raise DatabaseError("不能把当前所有者登录改为桌面登录 / The owner's own login cannot become a desk login")
        exists = connection.exec_driver_sql("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).first() is not None
        options = "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT"
        if exists:
            superuser = connection.exec_driver_sql("SELECT rolsuper FROM pg_roles WHERE rolname = %s",
                                                   (name,)).scalar_one()
            if superuser:
                raise DatabaseError(f"{name} 是超级用户，不能作为桌面登录 / {name} is a superuser and cannot be "
                                    f"a desk login")
            _as_role_maker(connection, f"ALTER ROLE {login} WITH {options} PASSWORD {secret}", me)
        else:
            _as_role_maker(connection, f"CREATE ROLE {login} WITH {options} PASSWORD {secret}", me)
        tables = [str(row[0]) for row in connection.exec_driver_sql(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        known = set(Base.metadata.tables) | READ_ONLY
        tables = [t for t in tables if t in known]
        connection.exec_driver_sql(f"GRANT CONNECT ON DATABASE {database} TO {login}")
        # No objects of its own: CREATE on the schema and TEMP on the database go (also from PUBLIC,
        # which has them by default before PostgreSQL 15).
        _revoke_from_public(connection, f"TEMPORARY ON DATABASE {database}", login)
        _revoke_from_public(connection, "CREATE ON SCHEMA public", login)
        problem = connection.exec_driver_sql(
            "SELECT has_schema_privilege(%s, 'public', 'CREATE') OR has_database_privilege(%s, current_database(), "
            "'TEMPORARY')", (name, name)).scalar_one()
        if problem:
            raise DatabaseError(
                "无法收回 PUBLIC 在 public 模式上的 CREATE 或数据库上的 TEMP 权限：请以数据库所有者或超级用户运行 / "
                "CREATE on schema public or TEMP on the database could not be revoked from PUBLIC: run this as "
                "the database's owner or a superuser")
        connection.exec_driver_sql(f"GRANT USAGE ON SCHEMA public TO {login}")
        connection.exec_driver_sql(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {login}")
        granted = table_privileges(tables)
        for table, privileges in granted.items():
            connection.exec_driver_sql(f"GRANT {', '.join(privileges)} ON {_quote(connection, table)} TO {login}")
        connection.exec_driver_sql(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {login}")
        connection.exec_driver_sql(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {login}")
        # Tables a later upgrade adds are readable and writable (never deletable) without a new grant.
        connection.exec_driver_sql(f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE "
                                   f"ON TABLES TO {login}")
        connection.exec_driver_sql(f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT "
                                   f"ON SEQUENCES TO {login}")
    return DeskGrants(name, not exists, granted)


def _as_role_maker(connection: Connection, statement: str, me: str) -> None:
    """CREATE or ALTER ROLE, refused in one sentence when the owner's login may not make logins."""
    try:
        with connection.begin_nested():
            connection.exec_driver_sql(statement)
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) != "42501":
            raise
        raise DatabaseError(
            f"所有者登录“{me}”无权创建或修改登录：请以 postgres 运行 ALTER ROLE {me} CREATEROLE / The owner's login "
            f"'{me}' may not create or change logins: as postgres, run ALTER ROLE {me} CREATEROLE") from None


def _revoke_from_public(connection: Connection, what: str, login: str) -> None:
    """Revoke ``what`` from PUBLIC and the login; PUBLIC's grant may belong to another role (checked after)."""
    connection.exec_driver_sql(f"REVOKE {what} FROM {login}")
    try:
        with connection.begin_nested():
            connection.exec_driver_sql(f"REVOKE {what} FROM PUBLIC")
    except DBAPIError:
        pass


def login_kind(db: Database) -> LoginKind:
    """Who the database connection is: a superuser, the owner of the program's tables, or a desk login."""
    if db.is_sqlite:
        return LoginKind.SQLITE
    with db.engine.connect() as connection:
        row = connection.execute(text(
            "SELECT r.rolsuper, pg_has_role(current_user, c.relowner, 'USAGE') AS owns "
            "FROM pg_roles r LEFT JOIN pg_class c ON c.relname = 'audit_events' "
            "AND c.relnamespace = 'public'::regnamespace WHERE r.rolname = current_user")).first()
    if row is None:
        return LoginKind.DESK
    if row.rolsuper:
        return LoginKind.SUPERUSER
    if row.owns:
        return LoginKind.OWNER
    return LoginKind.DESK


OWNER_WARNING = (
    "以数据库所有者或超级用户身份连接：审计日志和数据可被任意修改，日常请用桌面登录（intake-desk db desk-login） / "
    "Connected as the database owner or a superuser: the audit trail and the data can be changed at will; "
    "desks should use a desk login (intake-desk db desk-login)"
)


def owner_warning(db: Database) -> str | None:
    """The one-sentence warning for a window or command connected as the owner or a superuser."""
    return OWNER_WARNING if login_kind(db).too_powerful else None
