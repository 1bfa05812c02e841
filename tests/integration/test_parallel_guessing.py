"""Finding 3: 16 processes guessing one password in parallel on PostgreSQL made 48 failed checks and the
account never locked (each read the failure count before the others had written theirs).

Now the user's row is locked from the read of the count to the commit of the failure: 16 real
processes × 20 wrong passwords on the real server reach the password check at most 5 times (the
lockout limit) before the account is locked. The same on SQLite.
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest
from sqlalchemy import func, select

from intake_desk.domain.enums import Role
from intake_desk.services.clock import FixedClock
from intake_desk.services.context import Services
from intake_desk.store.db import Database
from intake_desk.store.models import AuditEvent, User
from tests.conftest import TEST_NOW, add_user, setup_hall

PROCESSES = 16
GUESSES = 20


def _guess(url: str, start: object, results: object) -> None:
    from intake_desk.services.errors import AccountLocked, AuthenticationFailed

    db = Database(url)
    services = Services(db, FixedClock(TEST_NOW))
    refused = locked = 0
    start.wait()  # type: ignore[attr-defined]
    for n in range(GUESSES):
        try:
            services.accounts.authenticate("clerk1", f"wrong-guess-{n}")
        except AccountLocked:
            locked += 1
        except AuthenticationFailed:
            refused += 1
    db.dispose()
    results.put((refused, locked))  # type: ignore[attr-defined]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        request.getfixturevalue("db")
        return f"sqlite:///{request.getfixturevalue('db_path')}"
    request.getfixturevalue("pg_db")  # emptied
    return str(request.getfixturevalue("pg_url"))


def test_parallel_guesses_reach_the_password_check_at_most_the_lockout_limit(url: str) -> None:
    db = Database(url)
    services = Services(db, FixedClock(TEST_NOW))
    setup_hall(services)
    add_user(services, "clerk1", Role.CLERK, "王丽")
    db.dispose()

    context = multiprocessing.get_context("spawn")
    start = context.Event()
    results = context.Queue()
    workers = [context.Process(target=_guess, args=(url, start, results)) for _ in range(PROCESSES)]
    for worker in workers:
        worker.start()
    start.set()
    outcomes = [results.get(timeout=300) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0

    assert sum(r + locked for r, locked in outcomes) == PROCESSES * GUESSES
    db = Database(url)
    with db.reading() as session:
        checks = dict(session.execute(
            select(AuditEvent.action, func.count()).where(AuditEvent.entity_id == "clerk1",
                                                          AuditEvent.action.like("login.%"))
            .group_by(AuditEvent.action)).all())
        user = session.scalar(select(User).where(User.username == "clerk1"))
        assert user is not None
        locked_until = user.locked_until
    db.dispose()
    # Each password check is a login.failed or the login.lock that ends the run of failures.
    assert checks.get("login.failed", 0) + checks.get("login.lock", 0) <= 5, checks
    assert checks.get("login.lock", 0) == 1, checks
    assert locked_until is not None and locked_until > TEST_NOW
    assert checks.get("login.locked", 0) == PROCESSES * GUESSES - 5, checks
