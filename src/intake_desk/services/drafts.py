"""草稿 – forms autosaved by the window, per user, restored exactly as typed.

The payload is a JSON object kept verbatim: names with rare characters (𠮷), control characters,
even a lone surrogate pasted from a broken file come back unchanged. Plain JSON carries most text
as it is; where the text cannot be stored as UTF-8 (a lone surrogate), the JSON is written with
``\\u`` escapes instead, which read back to the same string.

Drafts are a user's own unsubmitted typing, saved every few seconds: they are not records of the
hall's work, so saving one writes no audit event (the audit chain would otherwise serialise every
desk's autosave). Submitting the form is what gets audited.
"""

from __future__ import annotations

import builtins
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import Insert, delete, func, select
from sqlalchemy.dialects import postgresql, sqlite

from intake_desk.services.actor import Actor
from intake_desk.services.clock import Clock
from intake_desk.services.errors import ValidationFailed
from intake_desk.services.permissions import Permission, require
from intake_desk.store.db import Database
from intake_desk.store.models import Draft

__all__ = ["DraftInfo", "DraftService", "decode_payload", "encode_payload"]

MAX_KIND = 32
MAX_KEY = 64


@dataclass(frozen=True)
class DraftInfo:
    kind: str
    key: str
    updated_at: datetime
    size: int
    """Length of the stored JSON text, in characters."""


def _default(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, set | frozenset):
        return sorted(value, key=repr)
    raise TypeError(f"{type(value).__name__} is not JSON data")


def encode_payload(payload: Mapping[str, Any]) -> str:
    """The payload as JSON text that any database stores unchanged."""
    text = json.dumps(dict(payload), ensure_ascii=False, default=_default)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: keep it as a \\u escape
        text = json.dumps(dict(payload), ensure_ascii=True, default=_default)
    if "\x00" in text:  # json escapes control characters; this is a guard, never expected
        text = json.dumps(dict(payload), ensure_ascii=True, default=_default)
    return text


def decode_payload(text: str) -> dict[str, Any]:
    value = json.loads(text)
    return value if isinstance(value, dict) else {"value": value}


def _check(kind: str, key: str) -> None:
    problems: dict[str, str] = {}
    if not kind or len(kind) > MAX_KIND or not kind.isascii():
        problems["kind"] = f"草稿类别应为 1–{MAX_KIND} 个英文字符 / A draft kind is 1–{MAX_KIND} ASCII characters"
    if len(key) > MAX_KEY:
        problems["key"] = f"草稿键最多 {MAX_KEY} 个字符 / A draft key has at most {MAX_KEY} characters"
    if problems:
        raise ValidationFailed(next(iter(problems.values())), problems)


class DraftService:
    """Autosaved forms of the signed-in user (``kind`` e.g. ``intake``, ``key`` e.g. a record number)."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def save(self, actor: Actor, kind: str, key: str, payload: Mapping[str, Any]) -> DraftInfo:
        """Create or replace the user's draft ``(kind, key)``."""
        require(actor, Permission.DRAFT_OWN)
        _check(kind, key)
        try:
            text = encode_payload(payload)
        except (TypeError, ValueError) as exc:
            raise ValidationFailed(
                f"草稿内容无法保存（{exc}） / The draft cannot be saved ({exc})", {"payload": str(exc)}
            ) from exc
        now = self.clock.now()
        values = {"user_id": actor.user_id, "kind": kind, "key": key, "payload": text, "updated_at": now}
        with self.db.transaction() as session:
            statement: Insert
            if session.get_bind().dialect.name == "postgresql":
                pg = postgresql.insert(Draft).values(**values)
                statement = pg.on_conflict_do_update(
                    index_elements=[Draft.user_id, Draft.kind, Draft.key],
                    set_={"payload": pg.excluded.payload, "updated_at": pg.excluded.updated_at},
                )
            else:
                lite = sqlite.insert(Draft).values(**values)
                statement = lite.on_conflict_do_update(
                    index_elements=[Draft.user_id, Draft.kind, Draft.key],
                    set_={"payload": lite.excluded.payload, "updated_at": lite.excluded.updated_at},
                )
            session.execute(statement)
        return DraftInfo(kind, key, now, len(text))

    def load(self, actor: Actor, kind: str, key: str = "") -> dict[str, Any] | None:
        """The saved payload, or None when the user has no such draft."""
        require(actor, Permission.DRAFT_OWN)
        with self.db.reading() as session:
            text = session.scalar(
                select(Draft.payload).where(Draft.user_id == actor.user_id, Draft.kind == kind, Draft.key == key)
            )
        return None if text is None else decode_payload(text)

    def list(self, actor: Actor, kind: str | None = None) -> builtins.list[DraftInfo]:
        """The user's drafts, newest first (payloads are not loaded)."""
        require(actor, Permission.DRAFT_OWN)
        query = select(Draft.kind, Draft.key, Draft.updated_at, func.length(Draft.payload)).where(
            Draft.user_id == actor.user_id
        )
        if kind is not None:
            query = query.where(Draft.kind == kind)
        with self.db.reading() as session:
            rows = session.execute(query.order_by(Draft.updated_at.desc(), Draft.id.desc())).all()
        return [DraftInfo(k, key, at, int(size or 0)) for k, key, at, size in rows]

    def discard(self, actor: Actor, kind: str, key: str = "") -> bool:
        """Delete the draft; True when there was one."""
        require(actor, Permission.DRAFT_OWN)
        with self.db.transaction() as session:
            result = session.execute(
                delete(Draft).where(Draft.user_id == actor.user_id, Draft.kind == kind, Draft.key == key)
            )
            return bool(getattr(result, "rowcount", 0))
