"""Accounts: first-run set-up, sign-in with lockout, users and passwords (等保 level-2 controls)."""

from __future__ import annotations

import functools
import math
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from intake_desk.domain.enums import Role
from intake_desk.domain.text import counted
from intake_desk.services import audit, scope
from intake_desk.services.actor import SYSTEM, Actor
from intake_desk.services.clock import Clock
from intake_desk.services.errors import (
    AccountLocked,
    AuthenticationFailed,
    ConflictError,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from intake_desk.services.organisation import find_department, unknown_department_message
from intake_desk.services.passwords import hash_password, password_problem, verify_password
from intake_desk.services.permissions import Permission, require
from intake_desk.services.settings import get_int
from intake_desk.store.db import Database
from intake_desk.store.models import Department, Hall, User


@functools.cache
def _decoy_hash() -> str:
    return hash_password(secrets.token_urlsafe(16))


@dataclass(frozen=True)
class UserInfo:
    id: int
    username: str
    display_name: str
    role: Role
    hall_code: str | None
    department_code: str | None
    active: bool
    locked_until: datetime | None
    last_login_at: datetime | None


def actor_of(session: Session, user: User) -> Actor:
    hall = session.get(Hall, user.hall_id) if user.hall_id else None
    department = session.get(Department, user.department_id) if user.department_id else None
    return Actor(
        user_id=user.id, username=user.username, display_name=user.display_name, role=Role(user.role),
        hall_id=hall.id if hall else None, hall_code=hall.code if hall else None,
        hall_name=hall.name if hall else None,
        department_id=department.id if department else None,
        department_code=department.code if department else None,
        department_name=department.name if department else None,
        credential_version=user.version,
    )


def _info(session: Session, user: User) -> UserInfo:
    hall = session.get(Hall, user.hall_id) if user.hall_id else None
    department = session.get(Department, user.department_id) if user.department_id else None
    return UserInfo(user.id, user.username, user.display_name, Role(user.role), hall.code if hall else None,
                    department.code if department else None, user.active, user.locked_until, user.last_login_at)


class AccountService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    # -- set-up ----------------------------------------------------------------------------------
    def needs_setup(self) -> bool:
        """True on a database with no hall or no active administrator."""
        with self.db.reading() as session:
            halls = session.scalar(select(func.count()).select_from(Hall)) or 0
            admins = session.scalar(
                select(func.count()).select_from(User).where(User.role == Role.ADMIN.value, User.active)
            ) or 0
            return halls == 0 or admins == 0

    def is_empty(self) -> bool:
        """True on a database with no hall and no account: only such a one is set up without signing in."""
        with self.db.reading() as session:
            halls = session.scalar(select(func.count()).select_from(Hall)) or 0
            users = session.scalar(select(func.count()).select_from(User)) or 0
            return halls == 0 and users == 0

    def add_hall(self, actor: Actor, hall_code: str, hall_name: str, admin_username: str, admin_display_name: str,
                 admin_password: str, *, hall_phone: str = "") -> UserInfo:
        """Another hall of the county with its first administrator (who must change the password at first
        sign-in); by an administrator of the county (an account without a hall)."""
        require(actor, Permission.USERS_MANAGE)
        if actor.hall_id is not None:
            raise PermissionDenied("只有县级管理员（不属于任何大厅）可以添加大厅 / Only a county administrator "
                                   "(an account without a hall) may add a hall")
        code = hall_code.strip().upper()
        problems: dict[str, str] = {}
        if not code or not code.isalnum() or len(code) > 16:
            problems["hall_code"] = "大厅代码应为 1–16 位字母或数字 / The hall code is 1–16 letters or digits"
        if not hall_name.strip():
            problems["hall_name"] = "请填写大厅名称 / Give the hall's name"
        if problems:
            raise ValidationFailed(next(iter(problems.values())), problems)
        now = self.clock.now()
        with self.db.transaction() as session:
            if session.scalar(select(Hall.id).where(Hall.code == code)) is not None:
                raise ConflictError(f"大厅 {code} 已存在 / The hall {code} already exists")
            hall = Hall(code=code, name=hall_name.strip(), phone=hall_phone.strip(), created_at=now)
            session.add(hall)
            session.flush()
            audit.record(session, actor, "hall.create", "hall", hall.code, {"name": hall.name}, at=now)
        return self.add_user(actor, admin_username, admin_display_name, Role.ADMIN, admin_password, hall_code=code)

    def first_run_setup(self, hall_code: str, hall_name: str, admin_username: str, admin_display_name: str,
                        admin_password: str, *, hall_phone: str = "", complaint_channel: str = "",
                        county: bool = False) -> Actor:
        """Create the hall and the first administrator; refused once an administrator exists.

        ``county``: the administrator belongs to no hall (sees the county, may add halls)."""
        hall_code = hall_code.strip().upper()
        problems: dict[str, str] = {}
        if not hall_code or not hall_code.replace("-", "").isalnum() or len(hall_code) > 16 or "-" in hall_code:
            problems["hall_code"] = "大厅代码应为 1–16 位字母或数字 / The hall code is 1–16 letters or digits"
        if not hall_name.strip():
            problems["hall_name"] = "请填写大厅名称 / Give the hall's name"
        problems.update(self._user_problems(admin_username, admin_display_name, admin_password, minimum=8))
        if problems:
            raise ValidationFailed(next(iter(problems.values())), problems)
        now = self.clock.now()
        with self.db.transaction() as session:
            admins = session.scalar(select(func.count()).select_from(User).where(User.role == Role.ADMIN.value))
            if admins:
                raise ConflictError("已完成初始设置 / Set-up has already been done")
            hall = session.scalar(select(Hall).where(Hall.code == hall_code))
            if hall is None:
                hall = Hall(code=hall_code, name=hall_name.strip(), phone=hall_phone.strip(),
                            complaint_channel=complaint_channel.strip(), created_at=now)
                session.add(hall)
                session.flush()
                audit.record(session, SYSTEM, "hall.create", "hall", hall.code,
                             {"name": hall.name}, at=now)
            user = User(username=admin_username.strip(), display_name=admin_display_name.strip(),
                        role=Role.ADMIN.value, hall_id=None if county else hall.id,
                        password_hash=hash_password(admin_password),
                        password_changed_at=now, created_at=now)
            session.add(user)
            session.flush()
            audit.record(session, SYSTEM, "user.create", "user", user.username,
                         {"role": user.role, "hall": None if county else hall.code}, at=now)
            return actor_of(session, user)

    # -- sign-in ---------------------------------------------------------------------------------
    def authenticate(self, username: str, password: str) -> Actor:
        """Sign in; 5 failures (configurable) lock the account for 15 minutes (configurable)."""
        now = self.clock.now()
        refused = AuthenticationFailed("用户名或密码不正确 / The user name or password is wrong")
        # The password is checked before the writing transaction opens, so no server connection waits
        # on the hashing (tens of milliseconds; on a county server connections are what runs out).
        # An unknown name costs the same time as a wrong password: names stay unguessable.
        with self.db.reading() as session:
            stored = session.scalar(select(User.password_hash).where(User.username == username.strip()))
        matches = verify_password(password, stored if stored is not None else _decoy_hash())
        with self.db.transaction() as session:
            # The user's row stays locked until the failure is counted: parallel guesses on PostgreSQL
            # queue here, so no more than the limit of them ever reach the password check (SQLite's
            # BEGIN IMMEDIATE already serialises them).
            user = session.scalar(select(User).where(User.username == username.strip()).with_for_update())
            if user is None:
                audit.record(session, SYSTEM, "login.unknown_user", "user", username.strip()[:64], at=now)
                raise_after = refused
            elif not user.active:
                audit.record(session, SYSTEM, "login.disabled", "user", user.username, at=now)
                raise_after = AuthenticationFailed("该账户已停用，请联系管理员 / This account is disabled; ask the administrator")
            elif user.locked_until is not None and user.locked_until > now:
                minutes = max(1, math.ceil((user.locked_until - now).total_seconds() / 60))
                audit.record(session, SYSTEM, "login.locked", "user", user.username, at=now)
                raise_after = AccountLocked(
                    f"连续登录失败次数过多，账户已锁定，请 {minutes} 分钟后再试 / "
                    f"Too many failed sign-ins: the account is locked for {minutes} more minute(s)"
                )
            elif not (matches and user.password_hash == stored):  # (a password changed meanwhile: refused)
                user.failed_logins += 1
                limit = get_int(session, "lockout_attempts")
                detail: dict[str, object] = {"failed_logins": user.failed_logins}
                if limit and user.failed_logins >= limit:
                    user.locked_until = now + timedelta(minutes=get_int(session, "lockout_minutes"))
                    user.failed_logins = 0
                    detail["locked_until"] = user.locked_until
                    audit.record(session, SYSTEM, "login.lock", "user", user.username, detail, at=now)
                    raise_after = AccountLocked(
                        f"密码连续错误 {limit} 次，账户已锁定 {get_int(session, 'lockout_minutes')} 分钟 / "
                        f"{counted(limit, 'wrong password')} in a row: the account is locked for "
                        f"{counted(get_int(session, 'lockout_minutes'), 'minute')}"
                    )
                else:
                    audit.record(session, SYSTEM, "login.failed", "user", user.username, detail, at=now)
                    raise_after = refused
            else:
                user.failed_logins = 0
                user.locked_until = None
                user.last_login_at = now
                actor = actor_of(session, user)
                audit.record(session, actor, "login", "user", user.username, at=now)
                return actor
        # The failure is committed (counter, lock, audit) before it is reported.
        raise raise_after

    def check_password(self, actor: Actor, password: str) -> bool:
        """For unlocking an idle-locked window: the same user's password, failures counted."""
        try:
            self.authenticate(actor.username, password)
        except AuthenticationFailed:
            return False
        return True

    # -- users -----------------------------------------------------------------------------------
    def _user_problems(self, username: str, display_name: str, password: str, *, minimum: int) -> dict[str, str]:
        problems: dict[str, str] = {}
        name = username.strip()
        if not name or len(name) > 64 or not all(c.isalnum() or c in "._-" for c in name) or not name.isascii():
            problems["username"] = ("用户名应为字母、数字或 ._- 组成 / A user name is letters, digits or ._-")
        if not display_name.strip() or len(display_name.strip()) > 80:
            problems["display_name"] = "请填写姓名（80 字以内） / Give the person's name (up to 80 characters)"
        problem = password_problem(password, name, minimum)
        if problem:
            problems["password"] = problem
        return problems

    def add_user(self, actor: Actor, username: str, display_name: str, role: Role, password: str, *,
                 hall_code: str | None = None, department_code: str | None = None,
                 county: bool = False) -> UserInfo:
        """A new account; one made by an administrator must change its password at first sign-in.

        ``county``: an account without a hall, which sees every hall (only a county administrator, one
        without a hall, may make one)."""
        if actor is not SYSTEM:
            require(actor, Permission.USERS_MANAGE)
        now = self.clock.now()
        with self.db.transaction() as session:
            problems = self._user_problems(username, display_name, password,
                                           minimum=get_int(session, "password_min_length"))
            hall = department = None
            if actor is not SYSTEM and actor.hall_id is not None:
                # One scope rule: an administrator of a hall makes accounts of that hall only.
                if county or (hall_code and hall_code.strip().upper() != actor.hall_code):
                    raise PermissionDenied("只能为本大厅添加账户 / You may add accounts of your own hall only")
                hall = session.get(Hall, actor.hall_id)
            elif hall_code:
                hall = session.scalar(select(Hall).where(Hall.code == hall_code.strip().upper()))
                if hall is None:
                    problems["hall"] = f"没有代码为 {hall_code} 的大厅 / No hall has the code {hall_code}"
            elif role is not Role.DEPARTMENT and not county:
                hall = session.scalar(select(Hall).order_by(Hall.id).limit(1))
            if role is Role.DEPARTMENT:
                if not department_code:
                    problems["department"] = "部门经办人须指定部门 / A department officer needs a department"
                else:
                    department = find_department(session, department_code)
                    if department is None:
                        problems["department"] = unknown_department_message(session, department_code)
            if session.scalar(select(User.id).where(User.username == username.strip())) is not None:
                problems["username"] = f"用户名 {username} 已存在 / The user name {username} is taken"
            if problems:
                raise ValidationFailed(next(iter(problems.values())), problems)
            user = User(username=username.strip(), display_name=display_name.strip(), role=role.value,
                        hall_id=hall.id if hall else None, department_id=department.id if department else None,
                        password_hash=hash_password(password), password_changed_at=now, created_at=now,
                        must_change_password=actor is not SYSTEM)
            session.add(user)
            session.flush()
            audit.record(session, actor, "user.create", "user", user.username,
                         {"role": role.value, "hall": hall.code if hall else None,
                          "department": department.code if department else None}, at=now)
            return _info(session, user)

    def list_users(self, actor: Actor) -> list[UserInfo]:
        require(actor, Permission.USERS_MANAGE)
        with self.db.reading() as session:
            return [_info(session, u) for u in session.scalars(
                select(User).where(scope.hall_condition(actor, User.hall_id)).order_by(User.username))]

    def _user(self, session: Session, username: str, actor: Actor | None = None) -> User:
        """The account ``username``; with ``actor``, only one within the actor's scope (their hall's)."""
        user = session.scalar(select(User).where(User.username == username))
        if user is None or (actor is not None and not scope.may_see_hall(actor, user.hall_id)):
            raise NotFound(f"没有用户 {username} / No user {username}")
        return user

    def set_active(self, actor: Actor, username: str, active: bool) -> None:
        require(actor, Permission.USERS_MANAGE)
        now = self.clock.now()
        with self.db.transaction() as session:
            user = self._user(session, username, actor)
            if user.id == actor.user_id and not active:
                raise ValidationFailed("不能停用自己的账户 / You cannot disable your own account")
            before = user.active
            user.active = active
            user.version += 1  # an open window of this account is refused at its next call
            audit.record(session, actor, "user.enable" if active else "user.disable", "user", username,
                         {"active": [before, active]}, at=now)

    def reset_password(self, actor: Actor, username: str, new_password: str) -> None:
        require(actor, Permission.USERS_MANAGE)
        now = self.clock.now()
        with self.db.transaction() as session:
            user = self._user(session, username, actor)
            problem = password_problem(new_password, username, get_int(session, "password_min_length"))
            if problem:
                raise ValidationFailed(problem, {"password": problem})
            user.password_hash = hash_password(new_password)
            user.version += 1  # an open window of this account is refused at its next call
            user.must_change_password = True
            user.failed_logins = 0
            user.locked_until = None
            user.password_changed_at = now
            audit.record(session, actor, "user.reset_password", "user", username, at=now)

    def must_change_password(self, actor: Actor) -> bool:
        """True after an administrator set the password (a new account, a reset): the user picks their own."""
        with self.db.reading() as session:
            return bool(session.scalar(select(User.must_change_password).where(User.id == actor.user_id)))

    def change_own_password(self, actor: Actor, old_password: str, new_password: str) -> None:
        now = self.clock.now()
        with self.db.transaction() as session:
            user = self._user(session, actor.username)
            if not verify_password(old_password, user.password_hash):
                raise AuthenticationFailed("原密码不正确 / The current password is wrong")
            problem = password_problem(new_password, user.username, get_int(session, "password_min_length"))
            if problem:
                raise ValidationFailed(problem, {"password": problem})
            if verify_password(new_password, user.password_hash):
                raise ValidationFailed("新密码不能与原密码相同 / The new password must differ from the old one")
            user.password_hash = hash_password(new_password)
            user.must_change_password = False
            user.password_changed_at = now
            audit.record(session, actor, "user.change_password", "user", user.username, at=now)
