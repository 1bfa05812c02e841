"""Open the configured database, finding the PostgreSQL password without ever writing it to a file."""

from __future__ import annotations

import logging

from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from intake_desk.store import secrets
from intake_desk.store.db import Database, DatabaseError, DatabaseUnavailable, PasswordPrompt, resolve_url

log = logging.getLogger(__name__)


def _auth_failed(exc: OperationalError) -> bool:
    message = str(exc.orig or exc).lower()
    return any(m in message for m in ("password authentication failed", "no password supplied", "fe_sendauth"))


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
            if not _auth_failed(exc):
                log.warning("database server not reachable: %s", db.description)
                raise DatabaseUnavailable(
                    f"无法连接数据库服务器 {db.description}，请检查网络或联系管理员 / "
                    f"Cannot reach the database server {db.description}; check the network or ask the administrator"
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
