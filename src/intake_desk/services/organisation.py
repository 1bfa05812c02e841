"""The hall and the departments it refers cases to (协同部门), kept in step with the policy pack.

The pack in force names the departments (code, name, consent rule); :meth:`sync_departments_from_pack`
creates and updates the ``departments`` table from it, and marks departments the pack no longer
names inactive (their referrals stay). It is idempotent: run at first-run set-up and at every
start-up, it writes (and audits) only what changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake_desk.domain.enums import AssistanceType
from intake_desk.services import audit
from intake_desk.services.actor import SYSTEM, Actor
from intake_desk.services.clock import Clock
from intake_desk.services.errors import NotFound
from intake_desk.store.db import Database
from intake_desk.store.models import Department, Hall

if TYPE_CHECKING:
    from intake_desk.policy.pack import PackRegistry, PolicyPack

__all__ = ["DepartmentInfo", "HallInfo", "OrganisationService", "SyncResult", "find_department",
           "sync_departments", "unknown_department_message"]


@dataclass(frozen=True)
class HallInfo:
    """便民服务中心."""

    id: int
    code: str
    name: str
    phone: str
    address: str
    complaint_channel: str


@dataclass(frozen=True)
class DepartmentInfo:
    """协同部门; ``full_name``, ``referral_days`` and ``assistance_type`` come from the pack in force."""

    id: int
    code: str
    name: str
    full_name: str
    contact: str
    phone: str
    requires_consent: bool
    active: bool
    referral_days: int | None
    assistance_type: AssistanceType | None


@dataclass(frozen=True)
class SyncResult:
    pack_version: str
    created: tuple[str, ...]
    updated: tuple[str, ...]
    deactivated: tuple[str, ...]

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deactivated)


def hall_info(hall: Hall) -> HallInfo:
    return HallInfo(hall.id, hall.code, hall.name, hall.phone, hall.address, hall.complaint_channel)


def find_department(session: Session, text: str) -> Department | None:
    """The department ``text`` names: its code in any case (``EDUCATION``), or its name (教育局)."""
    wanted = text.strip()
    if not wanted:
        return None
    for row in session.scalars(select(Department).order_by(Department.id)):
        if wanted.casefold() == row.code.casefold() or wanted == row.name:
            return row
    return None


def unknown_department_message(session: Session, text: str) -> str:
    """One sentence naming what was typed and every department one may name instead."""
    rows = list(session.scalars(select(Department).where(Department.active.is_(True)).order_by(Department.id)))
    zh = "、".join(f"{r.code}（{r.name}）" for r in rows)
    en = ", ".join(r.code for r in rows)
    return (f"没有部门“{text}”，可用的部门代码：{zh or '（尚无）'} / "
            f"No department “{text}”; the departments are: {en or '(none yet)'} (code in any case, or the Chinese name)")


def sync_departments(session: Session, pack: PolicyPack, now: datetime) -> SyncResult:
    """Bring the departments table in line with ``pack`` inside the caller's transaction."""
    created: list[str] = []
    updated: list[str] = []
    deactivated: list[str] = []
    existing = {d.code: d for d in session.scalars(select(Department))}
    for spec in pack.departments:
        row = existing.get(spec.code)
        if row is None:
            session.add(Department(code=spec.code, name=spec.name, requires_consent=spec.requires_consent,
                                   active=True))
            created.append(spec.code)
            audit.record(session, SYSTEM, "department.create", "department", spec.code,
                         {"name": spec.name, "requires_consent": spec.requires_consent, "pack": pack.version},
                         at=now)
            continue
        before = {"name": row.name, "requires_consent": row.requires_consent, "active": row.active}
        after = {"name": spec.name, "requires_consent": spec.requires_consent, "active": True}
        diff = audit.changes(before, after)
        if diff:
            row.name, row.requires_consent, row.active = spec.name, spec.requires_consent, True
            updated.append(spec.code)
            audit.record(session, SYSTEM, "department.update", "department", spec.code,
                         {**diff, "pack": pack.version}, at=now)
    named = {d.code for d in pack.departments}
    for code, row in sorted(existing.items()):
        if code not in named and row.active:
            row.active = False
            deactivated.append(code)
            audit.record(session, SYSTEM, "department.deactivate", "department", code,
                         {"active": [True, False], "pack": pack.version}, at=now)
    session.flush()
    return SyncResult(pack.version, tuple(created), tuple(updated), tuple(deactivated))


class OrganisationService:
    def __init__(self, db: Database, clock: Clock, packs: PackRegistry) -> None:
        self.db = db
        self.clock = clock
        self.packs = packs

    def _pack(self, day: date | None = None) -> PolicyPack:
        return self.packs.pack_for(day or self.clock.today())

    def sync_departments_from_pack(self, day: date | None = None) -> SyncResult:
        """Create/update the departments named by the pack in force (today, or ``day``)."""
        pack = self._pack(day)
        with self.db.transaction() as session:
            return sync_departments(session, pack, self.clock.now())

    def departments(self, *, include_inactive: bool = False) -> list[DepartmentInfo]:
        """The departments in the pack's order (then any the pack does not name)."""
        pack = self._pack()
        order = {d.code: i for i, d in enumerate(pack.departments)}
        with self.db.reading() as session:
            rows = list(session.execute(select(
                Department.id, Department.code, Department.name, Department.contact, Department.phone,
                Department.requires_consent, Department.active)))
        result: list[DepartmentInfo] = []
        for row in sorted(rows, key=lambda r: (order.get(r.code, len(order)), r.code)):
            if not row.active and not include_inactive:
                continue
            spec = next((d for d in pack.departments if d.code == row.code), None)
            result.append(DepartmentInfo(
                id=row.id, code=row.code, name=row.name, full_name=spec.full_name if spec else row.name,
                contact=row.contact, phone=row.phone, requires_consent=row.requires_consent, active=row.active,
                referral_days=spec.referral_days if spec else None,
                assistance_type=spec.assistance_type if spec else None,
            ))
        return result

    def department_code(self, text: str) -> str:
        """The code of the department ``text`` names (code in any case or Chinese name); refused naming the valid ones."""
        with self.db.reading() as session:
            row = find_department(session, text)
            if row is None:
                raise NotFound(unknown_department_message(session, text))
            return row.code

    def hall(self, actor: Actor) -> HallInfo | None:
        """The actor's hall (the first hall for an account without one, e.g. a department officer)."""
        with self.db.reading() as session:
            hall = session.get(Hall, actor.hall_id) if actor.hall_id else None
            if hall is None:
                hall = session.scalar(select(Hall).order_by(Hall.id).limit(1))
            return hall_info(hall) if hall is not None else None

    def halls(self) -> list[HallInfo]:
        with self.db.reading() as session:
            return [hall_info(h) for h in session.scalars(select(Hall).order_by(Hall.code))]
