"""Accounts (等保 level-2): lockout, password rules, user administration, settings changes – all audited."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select, text

from intake_desk.domain.enums import Role
from intake_desk.services import audit
from intake_desk.services.actor import Actor
from intake_desk.services.clock import FixedClock
from intake_desk.services.context import Services
from intake_desk.services.errors import (
    AccountLocked,
    AuthenticationFailed,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from intake_desk.services.passwords import hash_password, password_problem, verify_password
from intake_desk.store.models import AuditEvent, User
from tests.conftest import add_user


def _events(services: Services, *, entity_id: str | None = None) -> list[tuple[str, str, dict[str, object]]]:
    with services.db.reading() as session:
        query = select(AuditEvent).order_by(AuditEvent.id)
        if entity_id is not None:
            query = query.where(AuditEvent.entity_id == entity_id)
        return [(e.action, e.actor_name, json.loads(e.detail)) for e in session.scalars(query)]


def _user_row(services: Services, username: str) -> User:
    with services.db.reading() as session:
        user = session.scalar(select(User).where(User.username == username))
        assert user is not None
        session.expunge(user)  # a detached snapshot to read after the session ends
        return user


def _fail(services: Services, username: str, times: int) -> list[type[Exception]]:
    raised: list[type[Exception]] = []
    for _ in range(times):
        with pytest.raises(AuthenticationFailed) as info:
            services.accounts.authenticate(username, "wrong-password")
        raised.append(type(info.value))
    return raised


# -- passwords ------------------------------------------------------------------------------------

def test_password_hash_is_scrypt_salted_and_verifies() -> None:
    first, second = hash_password("correct horse 𠮷"), hash_password("correct horse 𠮷")
    assert first.startswith("scrypt$16384$8$1$") and first != second  # salted
    assert verify_password("correct horse 𠮷", first)
    assert not verify_password("correct horse", first)
    assert not verify_password("x", "not-a-hash") and not verify_password("x", "md5$a$b$c$d$e")


@pytest.mark.parametrize("password, problem", [
    ("short1", "at least 8"),
    ("clerk1", "at least 8"),
    ("Clerk1-longer", None),
    ("CLERK1-LONG", None),
    (" padded-pass ", "start or end with a space"),
    ("a-fine-password", None),
])
def test_password_rules(password: str, problem: str | None) -> None:
    found = password_problem(password, "clerk1", 8)
    assert (found is None) if problem is None else (found is not None and problem in found)


def test_password_may_not_be_the_user_name() -> None:
    assert "user name" in (password_problem("longusername", "LongUserName", 8) or "")


# -- sign-in and lockout --------------------------------------------------------------------------

def test_five_failures_lock_for_fifteen_minutes_then_unlock(services: Services, clock: FixedClock,
                                                            clerk: Actor) -> None:
    assert _fail(services, "clerk1", 5) == [AuthenticationFailed] * 4 + [AccountLocked]
    locked_until = _user_row(services, "clerk1").locked_until
    assert locked_until is not None and (locked_until - clock.now()).total_seconds() == 15 * 60
    # While locked even the right password is refused, and says for how long.
    with pytest.raises(AccountLocked) as info:
        services.accounts.authenticate("clerk1", "clerk1-pass-1")
    assert "15" in info.value.message and " / " in info.value.message
    clock.advance(minutes=14, seconds=59)
    with pytest.raises(AccountLocked):
        services.accounts.authenticate("clerk1", "clerk1-pass-1")
    clock.advance(seconds=1)
    actor = services.accounts.authenticate("clerk1", "clerk1-pass-1")
    assert actor.username == "clerk1" and actor.role is Role.CLERK
    row = _user_row(services, "clerk1")
    assert row.failed_logins == 0 and row.locked_until is None and row.last_login_at == clock.now()
    actions = [a for a, _, _ in _events(services, entity_id="clerk1")]
    assert actions == ["user.create", "login", *["login.failed"] * 4, "login.lock",
                       "login.locked", "login.locked", "login"]
    lock = next(d for a, _, d in _events(services, entity_id="clerk1") if a == "login.lock")
    assert lock["failed_logins"] == 5 and "locked_until" in lock
    assert audit.verify(services.db).ok


def test_a_good_sign_in_resets_the_failure_count(services: Services, clerk: Actor) -> None:
    _fail(services, "clerk1", 4)
    services.accounts.authenticate("clerk1", "clerk1-pass-1")
    assert _fail(services, "clerk1", 4) == [AuthenticationFailed] * 4  # not locked: counting began again


def test_lockout_rules_are_settings(services: Services, clock: FixedClock, admin: Actor, clerk: Actor) -> None:
    services.settings.put(admin, "lockout_attempts", 3)
    services.settings.put(admin, "lockout_minutes", "2")
    assert _fail(services, "clerk1", 3) == [AuthenticationFailed] * 2 + [AccountLocked]
    clock.advance(minutes=2)
    services.accounts.authenticate("clerk1", "clerk1-pass-1")
    changes = [d for a, _, d in _events(services) if a == "setting.change"]
    assert changes == [{"value": ["5", "3"]}, {"value": ["15", "2"]}]


def test_unknown_user_and_wrong_password_read_the_same(services: Services, clerk: Actor) -> None:
    with pytest.raises(AuthenticationFailed) as unknown:
        services.accounts.authenticate("nobody", "whatever-pass")
    with pytest.raises(AuthenticationFailed) as wrong:
        services.accounts.authenticate("clerk1", "whatever-pass")
    assert unknown.value.message == wrong.value.message
    assert ("login.unknown_user", "系统", {}) in _events(services, entity_id="nobody")


def test_the_password_never_reaches_the_audit_trail(services: Services, admin: Actor) -> None:
    add_user(services, "clerk2", Role.CLERK, "赵敏")
    with pytest.raises(AuthenticationFailed):
        services.accounts.authenticate("clerk2", "secret-typo-777")
    services.accounts.reset_password(admin, "clerk2", "reset-secret-888")
    with services.db.engine.connect() as connection:
        dump = " ".join(str(row) for row in connection.execute(text("SELECT * FROM audit_events")))
    for secret in ("clerk2-pass-1", "secret-typo-777", "reset-secret-888"):
        assert secret not in dump


def test_disabled_account_cannot_sign_in(services: Services, admin: Actor, clerk: Actor) -> None:
    services.accounts.set_active(admin, "clerk1", False)
    with pytest.raises(AuthenticationFailed) as info:
        services.accounts.authenticate("clerk1", "clerk1-pass-1")
    assert "disabled" in info.value.message
    services.accounts.set_active(admin, "clerk1", True)
    services.accounts.authenticate("clerk1", "clerk1-pass-1")
    actions = [(a, d) for a, _, d in _events(services, entity_id="clerk1") if a.startswith("user.")]
    assert ("user.disable", {"active": [True, False]}) in actions
    assert ("user.enable", {"active": [False, True]}) in actions
    assert ("login.disabled", {}) in [(a, d) for a, _, d in _events(services, entity_id="clerk1")]


def test_an_admin_cannot_disable_themself(services: Services, admin: Actor) -> None:
    with pytest.raises(ValidationFailed):
        services.accounts.set_active(admin, "admin", False)


def test_reset_password_unlocks_and_forces_a_change(services: Services, admin: Actor, clerk: Actor) -> None:
    _fail(services, "clerk1", 5)
    with pytest.raises(ValidationFailed) as refused:
        services.accounts.reset_password(admin, "clerk1", "clerk1")
    assert "password" in refused.value.fields
    services.accounts.reset_password(admin, "clerk1", "temporary-pass-2")
    row = _user_row(services, "clerk1")
    assert row.must_change_password and row.locked_until is None and row.failed_logins == 0
    with pytest.raises(AuthenticationFailed):
        services.accounts.authenticate("clerk1", "clerk1-pass-1")
    services.accounts.authenticate("clerk1", "temporary-pass-2")
    assert ("user.reset_password", "系统管理员", {}) in _events(services, entity_id="clerk1")


def test_change_own_password(services: Services, clerk: Actor) -> None:
    with pytest.raises(AuthenticationFailed):
        services.accounts.change_own_password(clerk, "not-my-password", "brand-new-pass-3")
    with pytest.raises(ValidationFailed):
        services.accounts.change_own_password(clerk, "clerk1-pass-1", "short")
    with pytest.raises(ValidationFailed):
        services.accounts.change_own_password(clerk, "clerk1-pass-1", "clerk1-pass-1")
    services.accounts.change_own_password(clerk, "clerk1-pass-1", "brand-new-pass-3")
    services.accounts.authenticate("clerk1", "brand-new-pass-3")
    assert not _user_row(services, "clerk1").must_change_password
    assert ("user.change_password", "王丽", {}) in _events(services, entity_id="clerk1")


def test_minimum_length_is_a_setting(services: Services, admin: Actor) -> None:
    services.settings.put(admin, "password_min_length", 12)
    with pytest.raises(ValidationFailed) as info:
        services.accounts.add_user(admin, "clerk3", "钱七", Role.CLERK, "eleven-char", hall_code="HT01")
    assert "12" in info.value.message
    info_ = services.accounts.add_user(admin, "clerk3", "钱七", Role.CLERK, "twelve-chars", hall_code="HT01")
    assert info_.role is Role.CLERK and info_.hall_code == "HT01"
    assert _user_row(services, "clerk3").must_change_password  # an admin-set password is temporary
    clerk3 = services.accounts.authenticate("clerk3", "twelve-chars")
    assert services.accounts.must_change_password(clerk3)
    services.accounts.change_own_password(clerk3, "twelve-chars", "my-own-secret-1")
    assert not services.accounts.must_change_password(clerk3)


def test_add_user_validates(services: Services, admin: Actor) -> None:
    with pytest.raises(ValidationFailed) as info:
        services.accounts.add_user(admin, "bad name!", "", Role.CLERK, "x")
    assert {"username", "display_name", "password"} <= set(info.value.fields)
    with pytest.raises(ValidationFailed) as taken:
        services.accounts.add_user(admin, "admin", "另一个", Role.CLERK, "long-enough-pass")
    assert "taken" in taken.value.message
    with pytest.raises(ValidationFailed) as no_department:
        services.accounts.add_user(admin, "officer", "部门", Role.DEPARTMENT, "long-enough-pass")
    assert "department" in no_department.value.fields


def test_check_password_for_the_idle_lock(services: Services, clerk: Actor) -> None:
    assert services.accounts.check_password(clerk, "clerk1-pass-1")
    assert not services.accounts.check_password(clerk, "nope-nope-nope")


# -- who may administer -----------------------------------------------------------------------------

@pytest.mark.parametrize("call", [
    lambda s, a: s.accounts.add_user(a, "x1", "某人", Role.CLERK, "long-enough-pass"),
    lambda s, a: s.accounts.list_users(a),
    lambda s, a: s.accounts.set_active(a, "admin", False),
    lambda s, a: s.accounts.reset_password(a, "admin", "long-enough-pass"),
    lambda s, a: s.settings.put(a, "idle_lock_minutes", 5),
    lambda s, a: s.settings.all(a),
])
@pytest.mark.parametrize("role", [Role.CLERK, Role.SUPERVISOR])
def test_only_admins_administer(services: Services, admin: Actor, role: Role, call) -> None:  # type: ignore[no-untyped-def]
    actor = add_user(services, f"u{role.value}", role, "某人")
    before = len(_events(services))
    with pytest.raises(PermissionDenied) as info:
        call(services, actor)
    assert " / " in info.value.message
    assert len(_events(services)) == before  # a refused call writes nothing


def test_admin_lists_users(services: Services, admin: Actor, clerk: Actor, supervisor: Actor) -> None:
    users = {u.username: u for u in services.accounts.list_users(admin)}
    assert set(users) == {"admin", "clerk1", "super1"}
    assert users["super1"].role is Role.SUPERVISOR and users["super1"].active
    with pytest.raises(NotFound):
        services.accounts.set_active(admin, "ghost", True)


# -- settings ---------------------------------------------------------------------------------------

def test_every_role_reads_settings_and_admins_change_them(services: Services, admin: Actor,
                                                          clerk: Actor) -> None:
    assert services.settings.get_int(clerk, "idle_lock_minutes") == 10
    changed = services.settings.put(admin, "idle_lock_minutes", " 3 ")
    assert changed.value == "3" and changed.is_number
    assert services.settings.get_int(clerk, "idle_lock_minutes") == 3
    services.settings.put(admin, "idle_lock_minutes", 3)  # unchanged: no event
    events = [(a, n, d) for a, n, d in _events(services) if a == "setting.change"]
    assert events == [("setting.change", "系统管理员", {"value": ["10", "3"]})]
    assert {v.key for v in services.settings.all(admin)} >= {"lockout_attempts", "idle_lock_minutes"}


@pytest.mark.parametrize("key, value", [
    ("lockout_attempts", 0), ("lockout_attempts", "-1"), ("idle_lock_minutes", 0),
    ("password_min_length", 4), ("lockout_minutes", "十五"), ("idle_lock_minutes", "1e3"),
    ("font_file", "a\x00b"), ("font_file", "x" * 2000),
])
def test_settings_that_would_switch_a_control_off_are_refused(services: Services, admin: Actor, key: str,
                                                              value: object) -> None:
    with pytest.raises(ValidationFailed) as info:
        services.settings.put(admin, key, value)  # type: ignore[arg-type]
    assert key in info.value.fields
    assert services.settings.get(admin, key).value == services.settings.get(admin, key).default


def test_unknown_setting(services: Services, admin: Actor) -> None:
    with pytest.raises(NotFound):
        services.settings.put(admin, "db_password", "x")
    with pytest.raises(NotFound):
        services.settings.get(admin, "nope")
