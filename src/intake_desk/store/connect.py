"""Open the configured database, finding the PostgreSQL password without ever writing it to a file."""

from __future__ import annotations

import logging
import re

from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from intake_desk.store.db import (
    SERVER_FULL_MESSAGE,
    Database,
    DatabaseError,
    DatabaseServerFull,
    DatabaseUnavailable,
    PasswordPrompt,
    resolve_url,
)
from intake_desk.store.pool import is_server_full

log = logging.getLogger(__name__)


def _auth_failed(exc: OperationalError) -> bool:
    message = str(exc.orig or exc).lower()
    return any(m in message for m in ("password authentication failed", "no password supplied", "fe_sendauth"))


# What the server or driver said, in English or in a Chinese server's own words (lc_messages).
_NO_DATABASE = re.compile(r'database "([^"]*)" does not exist|数据库 "([^"]*)" 不存在')
_NO_LOGIN = re.compile(r'role "([^"]*)" does not exist|角色 "([^"]*)" 不存在')
_UNKNOWN_HOST = ("failed to resolve host", "could not translate host name", "name or service not known")


def _driver_message(exc: BaseException) -> str:
    return " ".join(str(getattr(exc, "orig", None) or exc).split())


def connection_failure(exc: BaseException, description: str, database: str, username: str) -> DatabaseError:
    """One sentence naming why the server refused or could not be reached.

    A missing database, a missing login or TLS refused are set-up mistakes the administrator fixes:
    :class:`DatabaseError`, never "check the network". Only an unreachable server is
    :class:`DatabaseUnavailable` (the window waits and retries). The driver's own message goes to
    the log (masked like every log line).
    """
    message = _driver_message(exc)
    lowered = message.lower()
    log.warning("database server not reachable or refused %s: %s", description, message)
    if _NO_DATABASE.search(message):
        return DatabaseError(
            f"数据库服务器上没有名为“{database}”的数据库，请核对数据库地址或请管理员创建 / "
            f"The server has no database named '{database}'; check the database URL or ask the administrator "
            f"to create it ({description})")
    if _NO_LOGIN.search(message):
        return DatabaseError(
            f"数据库服务器上没有登录名“{username}”，请核对数据库地址或请管理员创建（intake-desk db desk-login） / "
            f"The server has no login named '{username}'; check the database URL or ask the administrator to "
            f"create it (intake-desk db desk-login) ({description})")
    if "no encryption" in lowered:  # pg_hba.conf admits this login only with hostssl
        return DatabaseError(
            f"数据库服务器只接受加密连接（TLS）：请在数据库地址中加上 sslmode=require 或 verify-full / "
            f"The server accepts only encrypted (TLS) connections: add sslmode=require or verify-full to the "
            f"database URL ({description})")
    if "ssl" in lowered or "tls" in lowered or "certificate" in lowered:
        return DatabaseError(
            f"数据库服务器拒绝了加密连接（TLS）设置，请核对 sslmode 或服务器证书 / "
            f"The server refused the connection's encryption (TLS) settings; check sslmode or the server's "
            f"certificate ({description})")
    if "pg_hba.conf" in lowered:
        return DatabaseError(
            f"数据库服务器不允许本机以“{username}”连接“{database}”（pg_hba.conf），请联系管理员 / "
            f"The server does not accept '{username}' to '{database}' from this computer (pg_hba.conf); "
            f"ask the administrator ({description})")
    if any(marker in lowered for marker in _UNKNOWN_HOST):
        return DatabaseUnavailable(
            f"找不到数据库服务器 {description}（地址无法解析），请核对服务器名称或网络 / "
            f"The database server name in {description} is not known; check the server name or the network")
    return DatabaseUnavailable(
        f"无法连接数据库服务器 {description}，请检查网络或联系管理员 / "
        f"Cannot reach the database server {description}; check the network or ask the administrator")


def _check(db: Database) -> None:
    with db.engine.connect() as connection:
        connection.execute(text("SELECT 1"))


def open_database(url_text: str | None = None, *, prompt: PasswordPrompt | None = None,
                  remember: bool = True) -> Database:
    """The database named by ``--database``/environment/default, reachable and authenticated.

    For PostgreSQL the password comes from the URL, ``INTAKE_DESK_DATABASE_PASSWORD`` or the keyring;
    if the server asks for one that none of them has, ``prompt(reason)`` is asked (and the answer kept
    in the keyring when one exists). Without a prompt, a clear ``DatabaseError`` says what to do.
    """
    url = resolve_url(url_text)
    if url.get_backend_name() == "sqlite":
        return Database(url)
    from intake_desk.store import secrets  # the keyring is only asked about a server's password

    password, why = secrets.password_for(url)
    if password:
        url = url.set(password=password)
    for attempt in range(3):
        db = Database(url)
        try:
            _check(db)
            if attempt and remember and url.password and secrets.keyring_available():
                secrets.store_password(url, str(url.password))
            return db
        except OperationalError as exc:
            db.dispose()
            if is_server_full(exc):
                log.warning("database server full: %s", db.description)
                raise DatabaseServerFull(SERVER_FULL_MESSAGE) from exc
            if not _auth_failed(exc):
                raise connection_failure(exc, db.description, url.database or "", url.username or "") from exc
            log.warning("password refused by %s: %s", db.description, _driver_message(exc))
            if prompt is None and url.password:
                raise DatabaseError(
                    f"数据库服务器拒绝了登录名“{url.username}”的密码（密码错误，或服务器上没有此登录名），请核对 / "
                    f"The server refused the password of login '{url.username}' (wrong password, or no such login "
                    f"on the server: SCRAM does not say which); check both ({db.description})"
                ) from exc
            if prompt is None:
                raise DatabaseError(
                    f"数据库 {db.description} 需要密码。{why or '密码不正确 / The password was refused'}；"
                    f"请设置环境变量 {secrets.ENV_PASSWORD} / The database needs a password: "
                    f"set {secrets.ENV_PASSWORD}"
                ) from exc
            answer = prompt(why or "密码不正确，请重新输入 / The password was refused; type it again")
            if not answer:
                raise DatabaseError("未输入数据库密码 / No database password was given") from exc
            url = url.set(password=answer)
            why = None
    raise DatabaseError("数据库密码三次不正确 / The database password was refused three times")
