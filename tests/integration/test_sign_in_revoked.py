"""Finding 4: a disabled account kept working in a window (or command) already signed in.

An administrator's change to an account – disabled, role, hall or department changed, password reset –
takes effect at that account's next service call: refused with one sentence (``SignInRevoked``). The
check is one read of the account's row by its primary key inside the call's own transaction. Changing
one's own password does not sign the window out. On SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from sqlalchemy import event, text

from intake_desk.domain.enums import Role
from intake_desk.services.actor import Actor
from intake_desk.services.clock import FixedClock
from intake_desk.services.context import Services
from intake_desk.services.errors import ValidationFailed
from intake_desk.services.signed_in import SignInRevoked
from intake_desk.store.db import Database
from tests.conftest import TEST_NOW, add_user, setup_hall
from tests.intake_data import single_form


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def services(request: pytest.FixtureRequest) -> Iterator[Services]:
    database: Database = request.getfixturevalue("db" if request.param == "sqlite" else "pg_db")
    yield Services(database, FixedClock(TEST_NOW))


@pytest.fixture
def people(services: Services) -> tuple[Actor, Actor]:
    setup_hall(services)
    return services.accounts.authenticate("admin", "admin-pass-1"), add_user(services, "clerk1", Role.CLERK, "王丽")


def test_a_disabled_account_is_refused_at_its_next_call(services: Services, people: tuple[Actor, Actor]) -> None:
    admin, clerk = people
    number = services.intake.submit(clerk, single_form(1)).number
    services.accounts.set_active(admin, "clerk1", False)
    for call in (lambda: services.applications.get(clerk, number, reveal=True),
                 lambda: services.applications.count(clerk),
                 lambda: services.intake.submit(clerk, single_form(2)),
                 lambda: services.drafts.save(clerk, "intake", "", {"a": 1})):
        with pytest.raises(SignInRevoked) as refused:
            call()
        assert "停用" in refused.value.message and " / " in refused.value.message
    # Enabled again, the old sign-in stays void: the clerk signs in again.
    services.accounts.set_active(admin, "clerk1", True)
    with pytest.raises(SignInRevoked):
        services.applications.count(clerk)
    again = services.accounts.authenticate("clerk1", "clerk1-pass-1")
    assert services.applications.count(again) == 1


def test_a_reset_password_or_changed_role_signs_the_account_out(services: Services,
                                                                 people: tuple[Actor, Actor]) -> None:
    admin, clerk = people
    services.accounts.reset_password(admin, "clerk1", "reset-pass-99")
    with pytest.raises(SignInRevoked) as refused:
        services.applications.count(clerk)
    assert "重新登录" in refused.value.message
    clerk = services.accounts.authenticate("clerk1", "reset-pass-99")
    services.accounts.change_own_password(clerk, "reset-pass-99", "my-own-pass-1")
    assert services.applications.count(clerk) == 0  # one's own change keeps the window signed in
    with services.db.transaction() as session:  # e.g. made a supervisor by another program
        session.execute(text("UPDATE users SET role = 'supervisor' WHERE username = 'clerk1'"))
    with pytest.raises(SignInRevoked) as changed:
        services.applications.count(clerk)
    assert "角色" in changed.value.message


def test_the_check_is_one_primary_key_read_in_the_calls_own_transaction(services: Services,
                                                                         people: tuple[Actor, Actor]) -> None:
    _admin, clerk = people
    statements: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    event.listen(services.db.engine, "before_cursor_execute", seen)
    try:
        services.intake.submit(clerk, single_form(3))
    finally:
        event.remove(services.db.engine, "before_cursor_execute", seen)
    checks = [s for s in statements if s.lstrip().upper().startswith("SELECT USERS.ACTIVE")]
    assert len(checks) == 1, checks
    assert "WHERE users.id =" in checks[0]


def test_a_revoked_account_is_told_so_before_the_forms_problems(services: Services,
                                                                people: tuple[Actor, Actor]) -> None:
    """The submit checks its form before its transaction begins (its people are looked up with the first
    reads), yet a revoked account still hears about its account first, and nothing is written."""
    admin, clerk = people
    form = single_form(2)
    bad = replace(form, members=(replace(form.members[0], resident_id="43010219900101001"),))
    with pytest.raises(ValidationFailed):
        services.intake.submit(clerk, bad)
    services.accounts.set_active(admin, "clerk1", False)
    with pytest.raises(SignInRevoked):
        services.intake.submit(clerk, bad)
    assert services.applications.count(admin) == 0
