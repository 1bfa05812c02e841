"""审计日志查看 – reading the audit trail in the window (supervisors and administrators).

The trail of one application gathers what happened to it and to everything that hangs on it:
the application itself, its referrals and its post-checks.
"""

from __future__ import annotations

import json

from sqlalchemy import or_, select

from intake_desk.services import audit, scope
from intake_desk.services.actor import Actor
from intake_desk.services.audit import AuditEntry, VerifyResult
from intake_desk.services.clock import Clock
from intake_desk.services.errors import NotFound
from intake_desk.services.permissions import Permission, require
from intake_desk.store.db import Database
from intake_desk.store.models import Application, AuditEvent, Hall, PostCheck, Referral, User

__all__ = ["AuditService"]

MAX_EVENTS = 2000


class AuditService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def application_trail(self, actor: Actor, number: str) -> list[AuditEntry]:
        """Every event of the application, its referrals and its post-checks, oldest first."""
        require(actor, Permission.AUDIT_VIEW)
        with self.db.reading() as session:
            application_id = session.scalar(select(Application.id).where(
                Application.number == number, scope.hall_condition(actor, Application.hall_id)))
            if application_id is None:
                raise NotFound(f"没有编号为 {number[:40]} 的申请 / No application has the number {number[:40]}")
            checks = [str(i) for i in session.scalars(select(PostCheck.id).where(
                PostCheck.application_id == application_id))]
            referrals = list(session.scalars(select(Referral.number).where(
                Referral.application_id == application_id)))
            conditions = [(AuditEvent.entity == "application") & (AuditEvent.entity_id == number)]
            if referrals:
                conditions.append((AuditEvent.entity == "referral") & AuditEvent.entity_id.in_(referrals))
            if checks:
                conditions.append((AuditEvent.entity == "post_check") & AuditEvent.entity_id.in_(checks))
            rows = session.execute(
                select(AuditEvent).where(or_(*conditions)).order_by(AuditEvent.id).limit(MAX_EVENTS)
            ).scalars().all()
            return [AuditEntry(r.id, r.at, r.actor_name, r.action, r.entity, r.entity_id, json.loads(r.detail))
                    for r in rows]

    def trail(self, actor: Actor, entity: str, entity_id: object) -> list[AuditEntry]:
        """The events of one record (a user, a setting, a referral …), oldest first."""
        require(actor, Permission.AUDIT_VIEW)
        if not scope.in_county(actor):
            self._require_in_hall(actor, entity, str(entity_id))
        return audit.trail(self.db, entity, entity_id)

    # A hall's account reads the trails of its own hall's records and of the county-wide settings.
    _COUNTY_SETTINGS = frozenset({"setting", "calendar"})

    def _require_in_hall(self, actor: Actor, entity: str, entity_id: str) -> None:
        if entity in self._COUNTY_SETTINGS:
            return
        hall_id: int | None = None
        with self.db.reading() as session:
            if entity == "post_check" and entity_id.isdigit():
                hall_id = session.scalar(select(Application.hall_id).join(
                    PostCheck, PostCheck.application_id == Application.id).where(PostCheck.id == int(entity_id)))
            elif entity == "application":
                hall_id = session.scalar(select(Application.hall_id).where(Application.number == entity_id))
            elif entity == "referral":
                hall_id = session.scalar(select(Referral.hall_id).where(Referral.number == entity_id))
            elif entity == "user":
                hall_id = session.scalar(select(User.hall_id).where(User.username == entity_id))
            elif entity == "hall":
                hall_id = session.scalar(select(Hall.id).where(Hall.code == entity_id))
        if hall_id is None or not scope.may_see_hall(actor, hall_id):
            raise scope.not_found("记录", "record", f"{entity} {entity_id[:40]}")

    def verify(self, actor: Actor) -> VerifyResult:
        """Walk the whole hash chain (what ``intake-desk audit verify`` does)."""
        require(actor, Permission.AUDIT_VIEW)
        return audit.verify(self.db)
