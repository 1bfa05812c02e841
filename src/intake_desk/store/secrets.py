"""The shared database's password: kept in the OS keyring (service ``intake-desk``), never in a file.

Where no keyring backend exists (a bare Linux server), callers are told so and ask for the password
(or read ``INTAKE_DESK_DATABASE_PASSWORD``) instead of crashing.
"""

from __future__ import annotations

import logging
import os

import keyring
from keyring.errors import KeyringError, NoKeyringError
from sqlalchemy.engine import URL

log = logging.getLogger(__name__)

SERVICE = "intake-desk"
ENV_PASSWORD = "INTAKE_DESK_DATABASE_PASSWORD"


class KeyringUnavailable(Exception):
    """No usable keyring backend on this machine."""


def account_for(url: URL) -> str:
    """The keyring account of a database server: ``user@host:port/database``."""
    return f"{url.username or ''}@{url.host or 'localhost'}:{url.port or 5432}/{url.database or ''}"


def keyring_available() -> bool:
    """Whether a real keyring backend is installed (not keyring's 'fail' placeholder)."""
    try:
        backend = keyring.get_keyring()
    except KeyringError:
        return False
    return type(backend).__module__ != "keyring.backends.fail"


def stored_password(url: URL) -> str | None:
    """The password kept for this server, or None; ``KeyringUnavailable`` when there is no keyring."""
    try:
        return keyring.get_password(SERVICE, account_for(url))
    except NoKeyringError as exc:
        raise KeyringUnavailable(
            "本机没有可用的系统密钥环，无法保存数据库密码 / No system keyring is available to keep the password"
        ) from exc
    except KeyringError as exc:
        raise KeyringUnavailable(f"系统密钥环出错 / The system keyring failed: {type(exc).__name__}") from exc


def store_password(url: URL, password: str) -> None:
    try:
        keyring.set_password(SERVICE, account_for(url), password)
    except NoKeyringError as exc:
        raise KeyringUnavailable(
            "本机没有可用的系统密钥环，无法保存数据库密码 / No system keyring is available to keep the password"
        ) from exc


def forget_password(url: URL) -> None:
    try:
        keyring.delete_password(SERVICE, account_for(url))
    except KeyringError:
        log.info("no stored password to forget for %s", account_for(url))


def password_for(url: URL) -> tuple[str | None, str | None]:
    """The password to use and, when there is none, why (a sentence to show before asking).

    Order: a password already in the URL, ``INTAKE_DESK_DATABASE_PASSWORD``, the keyring.
    """
    if url.password:
        return str(url.password), None
    from_env = os.environ.get(ENV_PASSWORD)
    if from_env:
        return from_env, None
    try:
        stored = stored_password(url)
    except KeyringUnavailable as exc:
        return None, str(exc)
    if stored:
        return stored, None
    return None, "系统密钥环中没有该数据库的密码 / The keyring holds no password for this database"
