"""Who is acting: a plain snapshot of the signed-in user, passed to every service call."""

from __future__ import annotations

from dataclasses import dataclass

from intake_desk.domain.enums import Role


@dataclass(frozen=True)
class Actor:
    user_id: int
    username: str
    display_name: str
    role: Role
    hall_id: int | None = None
    hall_code: str | None = None
    hall_name: str | None = None
    department_id: int | None = None
    department_code: str | None = None
    department_name: str | None = None
    # users.version at sign-in: raised when the account is disabled or its password reset
    # (services/signed_in.py checks it at every call); None skips that comparison.
    credential_version: int | None = None

    @property
    def label(self) -> str:
        return f"{self.display_name}（{self.role.zh}）"


SYSTEM = Actor(user_id=0, username="system", display_name="系统", role=Role.ADMIN)
"""The program itself (first-run set-up, migrations, command-line maintenance)."""
