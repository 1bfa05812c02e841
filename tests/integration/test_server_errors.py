"""A refused connection names its cause (against the real server); the driver's words go to the log."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from intake_desk.store.connect import open_database
from intake_desk.store.db import DatabaseError, DatabaseUnavailable

NETWORK = "check the network"


@pytest.fixture
def server(pg_url: str) -> str:
    """The test server's address (the run's database exists there)."""
    return pg_url


def _url(server: str, **changes: str) -> str:
    return make_url(server).set(**changes).render_as_string(hide_password=False)


def test_no_such_database(server: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    with pytest.raises(DatabaseError) as info:
        open_database(_url(server, database="no_such_hall_db"))
    message = str(info.value)
    assert not isinstance(info.value, DatabaseUnavailable)
    assert "no database named 'no_such_hall_db'" in message and "没有名为“no_such_hall_db”的数据库" in message
    assert NETWORK not in message and "\n" not in message
    assert 'database "no_such_hall_db" does not exist' in caplog.text, "the driver's message is logged"


def test_no_such_login(server: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    with pytest.raises(DatabaseError) as info:
        open_database(_url(server, username="no_such_desk"))
    assert "no login named 'no_such_desk'" in str(info.value) and NETWORK not in str(info.value)
    assert 'role "no_such_desk" does not exist' in caplog.text


def test_tls_refused(server: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    url = make_url(server).update_query_dict({"sslmode": "require"}).render_as_string(hide_password=False)
    try:
        open_database(url).dispose()
    except DatabaseError as exc:
        assert "TLS" in str(exc) and NETWORK not in str(exc)
        assert "SSL" in caplog.text
    else:
        pytest.skip("this server accepts TLS")


def test_wrong_password_names_it(server: str, monkeypatch: pytest.MonkeyPatch,
                                 caplog: pytest.LogCaptureFixture) -> None:
    """This server trusts every local login, so scram's refusal is raised where the driver raises it."""
    from sqlalchemy.exc import OperationalError

    from intake_desk.store import connect

    class Refused(Exception):
        def __str__(self) -> str:
            return 'connection failed: FATAL:  password authentication failed for user "desk"'

    def refuse(db: object) -> None:
        raise OperationalError("connect", {}, Refused())

    monkeypatch.setattr(connect, "_check", refuse)
    caplog.set_level(logging.WARNING)
    with pytest.raises(DatabaseError) as info:
        open_database(_url(server, username="desk", password="not-the-password"))
    assert "wrong password" in str(info.value) and "'desk'" in str(info.value) and NETWORK not in str(info.value)
    assert "password authentication failed" in caplog.text and "not-the-password" not in caplog.text


def test_unreachable_server_is_still_the_network(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    with pytest.raises(DatabaseUnavailable) as info:
        open_database("postgresql+psycopg://desk:secret-pw@127.0.0.1:1/hall")
    assert NETWORK in str(info.value)
    assert "Connection refused" in caplog.text and "secret-pw" not in caplog.text


def test_the_command_line_says_it_in_one_line_and_logs_the_cause(server: str, tmp_path: Path) -> None:
    environment = {**os.environ, "INTAKE_DESK_HOME": str(tmp_path)}
    environment.pop("INTAKE_DESK_DATABASE_URL", None)
    done = subprocess.run([sys.executable, "-m", "intake_desk", "audit", "verify", "--database",
                           _url(server, database="no_such_hall_db")], capture_output=True, text=True,
                          env=environment, timeout=120, check=False)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "no database named 'no_such_hall_db'" in lines[0] and NETWORK not in lines[0]
    log = (tmp_path / "data" / "logs" / "intake-desk.log").read_text(encoding="utf-8")
    assert 'database "no_such_hall_db" does not exist' in log
