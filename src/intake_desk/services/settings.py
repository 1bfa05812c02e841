"""Hall-wide settings kept in the shared database (lockout rules, idle lock, font file …).

Declared once here with defaults and titles; never a secret.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from intake_desk.store.models import AppSetting


@dataclass(frozen=True)
class SettingSpec:
    key: str
    default: str
    title_zh: str
    title_en: str
    kind: type = str


SPECS: dict[str, SettingSpec] = {s.key: s for s in [
    SettingSpec("password_min_length", "8", "密码最短长度", "Minimum password length", int),
    SettingSpec("lockout_attempts", "5", "连续登录失败锁定次数", "Failed sign-ins before lock", int),
    SettingSpec("lockout_minutes", "15", "锁定时长（分钟）", "Lock duration (minutes)", int),
    SettingSpec("idle_lock_minutes", "10", "空闲锁屏（分钟）", "Idle lock (minutes)", int),
    SettingSpec("font_file", "", "打印字体文件", "Print font file", str),
]}


def get_setting(session: Session, key: str) -> str:
    row = session.get(AppSetting, key)
    return row.value if row is not None else SPECS[key].default


def get_int(session: Session, key: str) -> int:
    return int(get_setting(session, key))


def put_setting(session: Session, key: str, value: str) -> tuple[str, str]:
    """Set a value; returns (before, after)."""
    spec = SPECS[key]
    if spec.kind is int:
        try:
            if int(value) < 0:
                raise ValueError
        except ValueError as exc:
            raise ValueError(f"{spec.title_zh}应为非负整数 / {spec.title_en} must be a whole number") from exc
    before = get_setting(session, key)
    row = session.get(AppSetting, key)
    if row is None:
        session.add(AppSetting(key=key, value=value))
    else:
        row.value = value
    return before, value
