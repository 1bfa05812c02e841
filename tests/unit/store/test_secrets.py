"""The database password: URL, environment, keyring – and a clear sentence where no keyring exists."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends.fail import Keyring as NoBackend
from sqlalchemy.engine import make_url

from intake_desk.store import secrets
from intake_desk.store.db import describe_url, resolve_url

URL = make_url("postgresql+psycopg://clerk@db.hall.local:5432/intake")


def test_keyring_holds_the_password(memory_keyring) -> None:  # type: ignore[no-untyped-def]
    assert secrets.password_for(URL)[0] is None
    secrets.store_password(URL, "s3cret")
    assert memory_keyring.store == {("intake-desk", "clerk@db.hall.local:5432/intake"): "s3cret"}
    assert secrets.password_for(URL) == ("s3cret", None)


def test_environment_wins_over_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    secrets.store_password(URL, "from-keyring")
    monkeypatch.setenv(secrets.ENV_PASSWORD, "from-env")
    assert secrets.password_for(URL) == ("from-env", None)


def test_no_keyring_backend_is_said_not_raised() -> None:
    keyring.set_keyring(NoBackend())
    assert not secrets.keyring_available()
    password, why = secrets.password_for(URL)
    assert password is None
    assert why is not None and "keyring" in why and "密钥环" in why
    with pytest.raises(secrets.KeyringUnavailable):
        secrets.store_password(URL, "x")


def test_descriptions_never_show_a_password() -> None:
    url = resolve_url("postgresql://clerk:hunter2@db.hall.local:5433/intake")
    assert url.drivername == "postgresql+psycopg"
    assert "hunter2" not in describe_url(url)
    assert describe_url(url) == "clerk@db.hall.local:5433/intake"


def test_a_plain_path_is_a_sqlite_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = resolve_url(str(tmp_path / "desk.sqlite3"))
    assert url.get_backend_name() == "sqlite" and url.database == str(tmp_path / "desk.sqlite3")
