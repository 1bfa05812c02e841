"""演示数据库标记 – demonstration data goes only into an empty database or one the demo made.

Demo accounts sign in with published passwords, so ``seed-demo`` must never add them to a working
database. A database is marked as the demo's (a row in ``app_settings``, which no setting declares and
the settings page never shows) before the first demo row is written; a database holding any hall,
account or application without that mark is refused.
"""

from __future__ import annotations

from sqlalchemy import func, select

from intake_desk.store.db import Database
from intake_desk.store.models import Application, AppSetting, Hall, User

DEMO_MARK = "demo_database"

__all__ = ["DEMO_MARK", "demo_refusal", "is_demo", "mark_demo"]


def is_demo(db: Database) -> bool:
    with db.reading() as session:
        return session.get(AppSetting, DEMO_MARK) is not None


def demo_refusal(db: Database) -> str | None:
    """Why demonstration data may not go into ``db`` (None when it is empty or made by the demo)."""
    with db.reading() as session:
        if session.get(AppSetting, DEMO_MARK) is not None:
            return None
        held = [(n, what) for n, what in (
            (session.scalar(select(func.count()).select_from(Hall)) or 0, ("大厅", "halls")),
            (session.scalar(select(func.count()).select_from(User)) or 0, ("账户", "accounts")),
            (session.scalar(select(func.count()).select_from(Application)) or 0, ("申请", "applications")),
        ) if n]
    if not held:
        return None
    zh = "、".join(f"{n} 个{what[0]}" for n, what in held)
    en = ", ".join(f"{n} {what[1]}" for n, what in held)
    return (f"该数据库不是演示数据库（已有 {zh}），演示账户的密码是公开的，不能加入 / This database is not a demo "
            f"database (it holds {en}); demo accounts have published passwords and cannot be added to it")


def mark_demo(db: Database) -> None:
    """Mark ``db`` as the demo's, in the audit trail like every setting (``audit verify`` checks it)."""
    from datetime import UTC, datetime

    from intake_desk.services import audit
    from intake_desk.services.actor import SYSTEM

    with db.transaction() as session:
        if session.get(AppSetting, DEMO_MARK) is None:
            session.add(AppSetting(key=DEMO_MARK, value="1"))
            session.flush()
            audit.record(session, SYSTEM, "setting.change", "setting", DEMO_MARK, {"value": [None, "1"]},
                         at=datetime.now(UTC))
