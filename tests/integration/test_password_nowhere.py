"""The shared database's password lives in the keyring (or is typed): never in a settings file, a log,
an error message or the window's status bar."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from intake_desk.store.db import Database

pytestmark = pytest.mark.pg
SECRET = "Pw-only-in-keyring-7731"


def _everything_written(home: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in home.rglob("*") if p.is_file())


def test_a_password_in_the_address_goes_nowhere(pg_url: str, tmp_path: Path) -> None:
    # The test server trusts local connections, so any password is accepted – and must still be hidden.
    url = make_url(pg_url).set(password=SECRET).render_as_string(hide_password=False)
    environment = {**os.environ, "INTAKE_DESK_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "intake_desk", "db", "current", "--database", url],
                          capture_output=True, text=True, env=environment, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    failed = subprocess.run([sys.executable, "-m", "intake_desk", "db", "current", "--database",
                             url.replace(f":{make_url(pg_url).port or 5432}/", ":1/")],
                            capture_output=True, text=True, env=environment, timeout=120, check=False)
    assert failed.returncode != 0
    for output in (done.stdout, done.stderr, failed.stdout, failed.stderr):
        assert SECRET not in output
    logged = (tmp_path / "data" / "logs" / "intake-desk.log").read_text(encoding="utf-8")
    assert "not reachable" in logged  # the failure was logged …
    assert SECRET not in _everything_written(tmp_path)  # … and nothing under the program's home has the password
    db = Database(url)
    try:
        assert SECRET not in db.description and SECRET not in repr(db.url)
    finally:
        db.dispose()


def test_a_typed_password_is_kept_in_the_keyring_only(pg_url: str, tmp_path: Path, memory_keyring,  # type: ignore[no-untyped-def]
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from intake_desk.store import secrets
    from intake_desk.store.connect import open_database

    monkeypatch.setenv("INTAKE_DESK_HOME", str(tmp_path))
    url = make_url(pg_url)
    secrets.store_password(url, SECRET)
    db = open_database(pg_url)  # the password comes from the keyring
    try:
        assert db.url.password == SECRET and SECRET not in db.description
    finally:
        db.dispose()
    assert list(memory_keyring.store.values()) == [SECRET]
    assert SECRET not in _everything_written(tmp_path)
