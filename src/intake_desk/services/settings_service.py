"""系统设置 – the hall-wide settings as a service: read by every signed-in user, changed by administrators.

Each change is an audit event ``setting.change`` with the value before and after. The security
settings have bounds that keep the level-2 controls in force (a lockout of 0 attempts or an idle
lock of 0 minutes would switch them off), so they are refused rather than stored.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from intake_desk.services import audit
from intake_desk.services.actor import Actor
from intake_desk.services.clock import Clock
from intake_desk.services.errors import NotFound, ValidationFailed
from intake_desk.services.permissions import Permission, require
from intake_desk.services.settings import SPECS, get_setting, put_setting
from intake_desk.store.db import Database

__all__ = ["BOUNDS", "SettingValue", "SettingsService"]

BOUNDS: dict[str, tuple[int, int]] = {
    "password_min_length": (8, 64),
    "lockout_attempts": (3, 20),
    "lockout_minutes": (1, 24 * 60),
    "idle_lock_minutes": (1, 120),
}
"""(lowest, highest) accepted for each whole-number setting."""

MAX_TEXT = 1000


@dataclass(frozen=True)
class SettingValue:
    key: str
    title_zh: str
    title_en: str
    value: str
    default: str
    is_number: bool
    low: int | None = None
    high: int | None = None

    @property
    def number(self) -> int:
        return int(self.value)


def _unknown(key: str) -> NotFound:
    return NotFound(f"没有名为 {key[:64]!r} 的设置 / There is no setting {key[:64]!r}")


class SettingsService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def _value(self, key: str, value: str) -> SettingValue:
        spec = SPECS[key]
        low, high = BOUNDS.get(key, (None, None))
        return SettingValue(key, spec.title_zh, spec.title_en, value, spec.default, spec.kind is int, low, high)

    def get(self, actor: Actor, key: str) -> SettingValue:
        """One setting (no setting is a secret: every signed-in user may read it, e.g. the idle lock)."""
        del actor  # readable by every role
        if key not in SPECS:
            raise _unknown(key)
        with self.db.reading() as session:
            return self._value(key, get_setting(session, key))

    def get_int(self, actor: Actor, key: str) -> int:
        return self.get(actor, key).number

    def all(self, actor: Actor) -> list[SettingValue]:
        """Every setting with its current value, for the administrator's settings page."""
        require(actor, Permission.SETTINGS_MANAGE)
        with self.db.reading() as session:
            return [self._value(key, get_setting(session, key)) for key in SPECS]

    def put(self, actor: Actor, key: str, value: str | int) -> SettingValue:
        """Change one setting; audited as ``setting.change`` with ``{"value": [before, after]}``."""
        require(actor, Permission.SETTINGS_MANAGE)
        if key not in SPECS:
            raise _unknown(key)
        spec = SPECS[key]
        text = str(value).strip()
        if spec.kind is int:
            low, high = BOUNDS.get(key, (0, 1_000_000))
            if not (text.isascii() and text.isdigit()) or not low <= int(text) <= high:
                message = (f"{spec.title_zh}应为 {low} 到 {high} 之间的整数 / "
                           f"{spec.title_en} must be a whole number from {low} to {high}")
                raise ValidationFailed(message, {key: message})
            text = str(int(text))
        elif len(text) > MAX_TEXT or any(unicodedata.category(c) == "Cc" for c in text):
            message = (f"{spec.title_zh}不能含控制字符，最多 {MAX_TEXT} 字 / "
                       f"{spec.title_en} may not hold control characters or exceed {MAX_TEXT} characters")
            raise ValidationFailed(message, {key: message})
        now = self.clock.now()
        with self.db.transaction() as session:
            before, after = put_setting(session, key, text)
            if before != after:
                audit.record(session, actor, "setting.change", "setting", key, {"value": [before, after]}, at=now)
            return self._value(key, after)
