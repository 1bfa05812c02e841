"""主动发现 – department lists screened against the registry, and the leads they leave.

Seed 004: lists from other departments (横向信息) are screened; those already assisted (在保) are
filtered out and the rest (非保) visited by the hall. A supervisor imports a list
(:meth:`DiscoveryService.import_list`); every valid row is screened, in this order:

* ``in_assistance`` 在保 – a member, as declared, of an application that is approved;
* ``in_progress`` 在办 – a member of an open application (received, under review);
* ``already_monitored`` – the head of a household in the class 1 or class 2 library;
* ``known_leads`` – already an open lead (a list imported again adds nobody);
* ``new_leads`` 非保 – everyone else becomes a lead.

The whole file is one transaction: a failure leaves nothing. Leads are placed in a hall by the
hall areas (an address keyword, else the longest ID region-code prefix), else the importer's hall;
a supervisor may move a lead to another hall or worker by hand. A clerk visits (入户走访: date,
two visitors, findings, situation) and records the outcome: 引导申请 (the intake opens pre-filled),
纳入一类库 / 纳入二类库 (``services.monitoring``), or 无需帮扶 with a reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Select, func, insert, select, text
from sqlalchemy.orm import Session, aliased

from intake_desk.domain.enums import ApplicationStatus, Labelled
from intake_desk.domain.masking import mask_phone, mask_resident_id
from intake_desk.domain.names import pinyin_initials
from intake_desk.policy.discovery import DiscoveryRules
from intake_desk.policy.pack import PackRegistry
from intake_desk.services import audit
from intake_desk.services.actor import Actor
from intake_desk.services.calendar_service import load_calendar
from intake_desk.services.clock import Clock
from intake_desk.services.discovery_lists import ListRow, RowProblem, check_rows, read_list
from intake_desk.services.entity_states import lead_state
from intake_desk.services.errors import ConflictError, NotFound, ValidationFailed
from intake_desk.services.export import ExportFormat, ExportResult, write_ledger
from intake_desk.services.monitoring import (
    EntryDetails,
    VisitRecord,
    check_visit,
    enter_library,
    monitoring_rules,
)
from intake_desk.services.permissions import Permission, require
from intake_desk.services.queues import TextKind, classify_text, prefix_condition
from intake_desk.store.db import Database
from intake_desk.store.models import (
    Application,
    ApplicationMember,
    DiscoveryImport,
    Hall,
    HallArea,
    Lead,
    MonitoredHousehold,
    MonitoringVisit,
    Person,
    User,
)

__all__ = [
    "COUNT_KEYS",
    "DiscoveryService",
    "ImportResult",
    "ImportSummary",
    "IntakePrefill",
    "LeadDetail",
    "LeadFilter",
    "LeadOutcome",
    "LeadRow",
    "LeadStatus",
    "LeadVisitResult",
    "VisitRow",
    "place_hall",
]

COUNT_KEYS = ("rows", "in_assistance", "in_progress", "already_monitored", "known_leads", "new_leads", "invalid",
              "duplicates")
CHUNK = 500  # IDs per IN (…) – under SQLite's parameter limit on every version
MAX_PAGE = 1000
_ENTITY = "lead"
_IMPORT_LOCK = 0x44495343  # PostgreSQL advisory lock: one list import at a time (screening must see the last)


class LeadStatus(Labelled):
    OPEN = "open", "待走访", "To visit"
    CLOSED = "closed", "已处理", "Closed"


class LeadOutcome(Labelled):
    """入户走访后的处理."""

    APPLY = "apply", "引导申请", "Helped to apply"
    CLASS1 = "class1", "纳入一类库", "Into class 1 library"
    CLASS2 = "class2", "纳入二类库", "Into class 2 library"
    NO_HELP = "no_help", "无需帮扶", "No help needed"


# ------------------------------------------------------------------------------------------ results

@dataclass(frozen=True)
class ImportResult:
    """What an import found: the counts (``COUNT_KEYS``) and every invalid or repeated row."""

    import_id: int
    file_name: str
    sha256: str
    source: str
    rows: int
    in_assistance: int
    in_progress: int
    already_monitored: int
    known_leads: int
    new_leads: int
    invalid: int
    duplicates: int
    problems: tuple[RowProblem, ...] = ()

    def counts(self) -> dict[str, int]:
        return {key: int(getattr(self, key)) for key in COUNT_KEYS}

    @property
    def line(self) -> str:
        c = self.counts()
        return (f"共 {c['rows']} 行：在保 {c['in_assistance']}，在办 {c['in_progress']}，已在监测 "
                f"{c['already_monitored']}，已有线索 {c['known_leads']}，新线索 {c['new_leads']}，无效 {c['invalid']}，"
                f"重复 {c['duplicates']} / rows {c['rows']}: in assistance {c['in_assistance']}, in progress "
                f"{c['in_progress']}, already monitored {c['already_monitored']}, known leads {c['known_leads']}, "
                f"new leads {c['new_leads']}, invalid {c['invalid']}, duplicates {c['duplicates']}")


@dataclass(frozen=True)
class LeadFilter:
    statuses: tuple[LeadStatus, ...] = (LeadStatus.OPEN,)
    sources: tuple[str, ...] = ()
    hall_codes: tuple[str, ...] = ()
    worker_usernames: tuple[str, ...] = ()
    unassigned: bool = False
    outcomes: tuple[LeadOutcome, ...] = ()
    created_from: date | None = None
    created_to: date | None = None
    text: str = ""

    def describe(self) -> dict[str, Any]:
        return {k: (list(v) if isinstance(v, tuple) else v) for k, v in self.__dict__.items()
                if v not in ((), None, "", False)}


@dataclass(frozen=True)
class LeadRow:
    id: int
    version: int
    name: str
    resident_id_masked: str
    phone: str
    address: str
    source: str
    source_name: str
    reason: str
    hall_code: str
    hall_name: str
    worker_username: str
    worker_name: str
    status: LeadStatus
    outcome: LeadOutcome | None
    outcome_reason: str
    created_at: datetime
    visits: int


@dataclass(frozen=True)
class VisitRow:
    id: int
    visited_on: date
    visitor_1: str
    visitor_2: str
    findings: str
    situation: str
    outcome: str
    reason: str
    recorded_by: str


@dataclass(frozen=True)
class LeadDetail:
    lead: LeadRow
    note: str
    import_file: str
    visits: tuple[VisitRow, ...]


@dataclass(frozen=True)
class IntakePrefill:
    """What the intake page is opened with after 引导申请: the person and the department's reason."""

    resident_id: str
    name: str
    phone: str
    address: str
    reason: str
    source_name: str
    lead_id: int | None = None
    monitored_id: int | None = None


@dataclass(frozen=True)
class LeadVisitResult:
    lead: LeadRow
    visit_id: int
    monitored_id: int | None = None
    prefill: IntakePrefill | None = None


@dataclass(frozen=True)
class ImportSummary:
    id: int
    source: str
    file_name: str
    sha256: str
    imported_at: datetime
    imported_by: str
    counts: dict[str, int] = field(default_factory=dict)


# ------------------------------------------------------------------------------------------ helpers

def _chunks(items: Sequence[str], size: int = CHUNK) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def place_hall(areas: Sequence[tuple[str, str, int]], resident_id: str, address: str) -> int | None:
    """The hall whose area holds the person: the longest address keyword found in the address,
    else the longest ID region-code prefix; None when no area matches."""
    best: tuple[int, int] | None = None
    for kind, pattern, hall_id in areas:
        if kind == "address" and pattern and pattern in address and (best is None or len(pattern) > best[0]):
            best = (len(pattern), hall_id)
    if best is not None:
        return best[1]
    for kind, pattern, hall_id in areas:
        if kind == "region" and pattern and resident_id.startswith(pattern) and (best is None or len(pattern) > best[0]):
            best = (len(pattern), hall_id)
    return None if best is None else best[1]


_Worker = aliased(User)
AnySelect = Select[*tuple[Any, ...]]

LEAD_COLUMNS = (
    ("姓名", "text", 12), ("身份证号码", "text", 21), ("联系电话", "text", 14), ("住址", "text", 30),
    ("名单来源", "text", 20), ("类别/原因", "text", 16), ("状态", "text", 8), ("处理结果", "text", 12),
    ("理由", "text", 30), ("大厅", "text", 24), ("走访人", "text", 10), ("走访次数", "int", 9),
    ("发现时间", "datetime", 17),
)


# ------------------------------------------------------------------------------------------ service

class DiscoveryService:
    def __init__(self, db: Database, clock: Clock, packs: PackRegistry) -> None:
        self.db = db
        self.clock = clock
        self.packs = packs

    def rules(self) -> DiscoveryRules:
        """The discovery rules of the pack in force today (sources, headers, circles)."""
        return monitoring_rules(self.packs, self.clock.today())

    # -- import --------------------------------------------------------------------------------------
    def import_list(self, actor: Actor, path: Path, source: str, *, file_name: str | None = None) -> ImportResult:
        """导入横向信息名单 – read, check and screen a list; new leads added in one transaction."""
        require(actor, Permission.DISCOVERY_IMPORT)
        rules = self.rules()
        try:
            source_info = rules.source(source)
        except KeyError as exc:
            raise ValidationFailed(str(exc.args[0]), {"source": "unknown"}) from None
        list_file = read_list(Path(path), rules.headers, file_name=file_name)
        today = self.clock.today()
        valid, problems = check_rows(list_file, today)
        now = self.clock.now()
        invalid = sum(1 for p in problems if p.kind == "invalid")
        duplicates = len(problems) - invalid
        with self.db.transaction() as session:
            if session.get_bind().dialect.name == "postgresql":
                session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _IMPORT_LOCK})
            screened = self._screen(session, [r.resident_id for r in valid])
            new_rows = [r for r in valid if r.resident_id not in screened]
            counts = {key: 0 for key in COUNT_KEYS}
            for outcome in screened.values():
                counts[outcome] += 1
            counts.update(rows=len(list_file.rows), new_leads=len(new_rows), invalid=invalid, duplicates=duplicates)
            record = DiscoveryImport(source=source_info.code, file_name=list_file.file_name[:255],
                                     sha256=list_file.sha256, hall_id=actor.hall_id, imported_at=now,
                                     imported_by_id=actor.user_id, **{k: counts[k] for k in COUNT_KEYS})
            session.add(record)
            session.flush()
            self._insert_leads(session, actor, record.id, source_info.code, new_rows, now)
            audit.record(session, actor, "discovery.import", "discovery_import", record.id, {
                "file_name": list_file.file_name, "sha256": list_file.sha256, "source": source_info.code,
                "encoding": list_file.encoding, **counts}, at=now)
            import_id = record.id
        return ImportResult(import_id=import_id, file_name=list_file.file_name, sha256=list_file.sha256,
                            source=source_info.code, problems=tuple(problems), **counts)

    def _screen(self, session: Session, ids: list[str]) -> dict[str, str]:
        """ID → the first screening outcome that applies; IDs not in the result are new leads."""
        result: dict[str, str] = {}
        connection = session.connection()
        approved = ApplicationStatus.APPROVED.value
        open_statuses = [s.value for s in ApplicationStatus if s.is_open]
        for chunk in _chunks(ids):
            persons = dict(connection.execute(
                select(Person.id, Person.resident_id).where(Person.resident_id.in_(chunk))).all())
            if persons:
                rows = connection.execute(
                    select(ApplicationMember.person_id, Application.status)
                    .join(Application, Application.id == ApplicationMember.application_id)
                    .where(ApplicationMember.person_id.in_(list(persons)),
                           Application.status.in_([approved, *open_statuses]))).all()
                for person_id, status in rows:
                    rid = persons[person_id]
                    if status == approved:
                        result[rid] = "in_assistance"
                    elif result.get(rid) != "in_assistance":
                        result[rid] = "in_progress"
            rest = [r for r in chunk if r not in result]
            if rest:
                for (rid,) in connection.execute(select(MonitoredHousehold.resident_id).where(
                        MonitoredHousehold.resident_id.in_(rest), MonitoredHousehold.status == "active")):
                    result[rid] = "already_monitored"
            rest = [r for r in rest if r not in result]
            if rest:
                for (rid,) in connection.execute(select(Lead.resident_id).where(
                        Lead.resident_id.in_(rest), Lead.status == LeadStatus.OPEN.value)):
                    result[rid] = "known_leads"
        return result

    def _insert_leads(self, session: Session, actor: Actor, import_id: int, source: str, rows: list[ListRow],
                      now: datetime) -> None:
        if not rows:
            return
        areas = [(k, p, h) for k, p, h in session.execute(select(HallArea.kind, HallArea.pattern, HallArea.hall_id))]
        initials: dict[str, str] = {}
        values = []
        for row in rows:
            if row.name not in initials:
                initials[row.name] = pinyin_initials(row.name)[:60]
            values.append({
                "resident_id": row.resident_id, "name": row.name, "name_initials": initials[row.name],
                "phone": row.phone, "address": row.address, "source": source, "reason": row.category,
                "note": row.note, "import_id": import_id, "row_number": row.row_number,
                "hall_id": place_hall(areas, row.resident_id, row.address) or actor.hall_id,
                "status": LeadStatus.OPEN.value, "outcome_reason": "", "created_at": now, "updated_at": now,
                "version": 1,
            })
        # Core executemany: the ORM's bulk path costs as much again for rows nobody reads back here.
        table = Lead.metadata.tables[Lead.__tablename__]
        connection = session.connection()
        connection.execute(insert(table), values)
        # One event per lead, so the trail attests each lead's state from the start: the leads read back
        # whole in one statement (none has a visit yet), their digests given to the events.
        leads = connection.execute(select(table).where(table.c.import_id == import_id).order_by(table.c.id)
                                   ).mappings().all()
        audit.record_many(session, actor, [("lead.import", _ENTITY, lead["id"], {"import": import_id,
                                                                                 "row": lead["row_number"]})
                                           for lead in leads], at=now,
                          digests={(_ENTITY, str(lead["id"])): audit.digest_of(lead_state(lead)) for lead in leads})

    def imports(self, actor: Actor, limit: int = 50) -> list[ImportSummary]:
        """The latest imports (of the actor's hall, or all for a county account)."""
        require(actor, Permission.DISCOVERY_IMPORT)
        with self.db.reading() as session:
            query = (select(DiscoveryImport, User.display_name).join(User, User.id == DiscoveryImport.imported_by_id)
                     .order_by(DiscoveryImport.id.desc()).limit(max(1, min(limit, MAX_PAGE))))
            if actor.hall_id is not None:
                query = query.where(DiscoveryImport.hall_id == actor.hall_id)
            return [ImportSummary(r.id, r.source, r.file_name, r.sha256, r.imported_at, who,
                                  {k: int(getattr(r, k)) for k in COUNT_KEYS})
                    for r, who in session.execute(query)]

    # -- hall areas ----------------------------------------------------------------------------------
    def set_hall_area(self, actor: Actor, hall_code: str, kind: str, pattern: str) -> None:
        """辖区 – leads whose address holds ``pattern`` (kind ``address``) or whose ID starts with it
        (kind ``region``) go to the hall. Setting a pattern again moves it to the new hall."""
        require(actor, Permission.DISCOVERY_IMPORT)
        pattern = pattern.strip()
        if kind not in ("address", "region"):
            raise ValidationFailed("辖区类型应为 address（住址关键字）或 region（身份证地区码） / The kind is address or "
                                   "region", {"kind": "unknown"})
        if not pattern or len(pattern) > 60 or (kind == "region" and not (pattern.isdigit() and 2 <= len(pattern) <= 6)):
            raise ValidationFailed("地区码应为 2–6 位数字，住址关键字 1–60 字 / A region code has 2–6 digits; an address "
                                   "keyword 1–60 characters", {"pattern": "invalid"})
        now = self.clock.now()
        with self.db.transaction() as session:
            hall = self._hall(session, actor, hall_code)
            area = session.execute(select(HallArea).where(HallArea.kind == kind, HallArea.pattern == pattern)
                                   ).scalar_one_or_none()
            before = area.hall_id if area else None
            if area is None:
                session.add(HallArea(hall_id=hall.id, kind=kind, pattern=pattern))
            else:
                area.hall_id = hall.id
            session.flush()
            audit.record(session, actor, "discovery.hall_area", "hall_area", f"{kind}:{pattern}",
                         {"hall": [before, hall.id]}, at=now)

    def _hall(self, session: Session, actor: Actor, hall_code: str) -> Hall:
        hall = session.execute(select(Hall).where(Hall.code == hall_code)).scalar_one_or_none()
        if hall is None or (actor.hall_id is not None and hall.id != actor.hall_id):
            raise NotFound(f"没有代码为 {hall_code} 的大厅 / No hall has the code {hall_code}")
        return hall

    # -- leads ---------------------------------------------------------------------------------------
    def leads(self, actor: Actor, filter: LeadFilter | None = None, *, offset: int = 0,
              limit: int = 100) -> list[LeadRow]:
        """Leads in the actor's scope, newest first, ``limit`` rows from ``offset``."""
        require(actor, Permission.DISCOVERY_WORK)
        if not 1 <= limit <= MAX_PAGE:
            raise ValidationFailed(f"每页 1–{MAX_PAGE} 条 / A page holds 1–{MAX_PAGE} rows", {"limit": "range"})
        with self.db.reading() as session:
            query = self._filtered(session, actor, self._select(), filter or LeadFilter())
            query = query.order_by(Lead.created_at.desc(), Lead.id.desc()).offset(max(0, offset)).limit(limit)
            return [self._row(r) for r in session.execute(query)]

    def count(self, actor: Actor, filter: LeadFilter | None = None) -> int:
        require(actor, Permission.DISCOVERY_WORK)
        with self.db.reading() as session:
            query = self._filtered(session, actor, select(func.count(Lead.id)).select_from(Lead),
                                   filter or LeadFilter())
            return int(session.scalar(query) or 0)

    def lead(self, actor: Actor, lead_id: int) -> LeadDetail:
        """One lead with its visits (ID masked)."""
        require(actor, Permission.DISCOVERY_WORK)
        with self.db.reading() as session:
            lead = self._load(session, actor, lead_id)
            row = self._row(session.execute(self._select().where(Lead.id == lead_id)).one())
            file_name = session.scalar(select(DiscoveryImport.file_name).where(
                DiscoveryImport.id == lead.import_id)) if lead.import_id else ""
            visits = session.execute(
                select(MonitoringVisit, User.display_name).join(User, User.id == MonitoringVisit.recorded_by_id)
                .where(MonitoringVisit.lead_id == lead_id).order_by(MonitoringVisit.visited_on, MonitoringVisit.id))
            return LeadDetail(row, lead.note, file_name or "", tuple(
                VisitRow(v.id, v.visited_on, v.visitor_1, v.visitor_2, v.findings, v.situation, v.outcome, v.reason,
                         who) for v, who in visits))

    def reveal_id(self, actor: Actor, lead_id: int) -> str:
        """The full ID number of a lead (显示完整号码), audited."""
        require(actor, Permission.DISCOVERY_WORK)
        require(actor, Permission.REVEAL_ID)
        now = self.clock.now()
        with self.db.transaction() as session:
            lead = self._load(session, actor, lead_id)
            audit.record(session, actor, "lead.reveal_id", _ENTITY, lead.id, {"name": lead.name}, at=now)
            return lead.resident_id

    def assign(self, actor: Actor, lead_id: int, expected_version: int, *, hall_code: str | None = None,
               worker_username: str | None = None) -> LeadRow:
        """分派 – a lead to a hall (by hand) and/or a worker of that hall; audited before → after."""
        require(actor, Permission.DISCOVERY_IMPORT)
        now = self.clock.now()
        with self.db.transaction() as session:
            lead = self._load(session, actor, lead_id, for_update=True)
            self._check_version(lead, expected_version)
            before = {"hall_id": lead.hall_id, "assigned_to_id": lead.assigned_to_id}
            if hall_code:
                lead.hall_id = self._hall(session, actor, hall_code).id
                if lead.assigned_to_id is not None and worker_username is None:
                    worker_hall = session.scalar(select(User.hall_id).where(User.id == lead.assigned_to_id))
                    if worker_hall != lead.hall_id:
                        lead.assigned_to_id = None
            if worker_username:
                worker = session.execute(select(User).where(User.username == worker_username)).scalar_one_or_none()
                if worker is None or not worker.active or worker.role not in ("clerk", "supervisor"):
                    raise ValidationFailed(f"{worker_username} 不是在职的窗口人员 / {worker_username} is not an active "
                                           f"desk user", {"worker": "unknown"})
                if lead.hall_id is not None and worker.hall_id not in (None, lead.hall_id):
                    raise ValidationFailed(f"{worker.display_name} 不在该线索所属大厅 / {worker.display_name} works in "
                                           f"another hall", {"worker": "hall"})
                lead.assigned_to_id = worker.id
            after = {"hall_id": lead.hall_id, "assigned_to_id": lead.assigned_to_id}
            lead.updated_at = now
            session.flush()
            audit.record(session, actor, "lead.assign", _ENTITY, lead.id, audit.changes(before, after), at=now)
        with self.db.reading() as session:
            return self._row(session.execute(self._select().where(Lead.id == lead_id)).one())

    def record_visit(self, actor: Actor, lead_id: int, expected_version: int, visit: VisitRecord,
                     outcome: LeadOutcome | str, reason: str = "", entry: EntryDetails | None = None
                     ) -> LeadVisitResult:
        """入户走访 – record a visit to a lead and its outcome (one transaction, audited).

        引导申请 returns the intake pre-fill; 纳入一类库 / 二类库 enters the household in a library
        (``entry``: risk factors, income, consent …); 无需帮扶 needs a reason.
        """
        require(actor, Permission.DISCOVERY_WORK)
        try:
            chosen = outcome if isinstance(outcome, LeadOutcome) else LeadOutcome.parse(str(outcome))
        except ValueError as exc:
            raise ValidationFailed(str(exc), {"outcome": "unknown"}) from None
        today = self.clock.today()
        visit = check_visit(visit, today)
        reason = reason.strip()
        if chosen is LeadOutcome.NO_HELP and not reason:
            raise ValidationFailed("“无需帮扶”须写明理由 / Give the reason why no help is needed", {"reason": "missing"})
        if len(reason) > 2000:
            raise ValidationFailed("理由最多 2000 字 / The reason holds at most 2,000 characters", {"reason": "long"})
        rules = self.rules()
        now = self.clock.now()
        monitored_id: int | None = None
        prefill: IntakePrefill | None = None
        with self.db.transaction() as session:
            lead = self._load(session, actor, lead_id, for_update=True)
            self._check_version(lead, expected_version)
            if lead.status != LeadStatus.OPEN.value:
                done = LeadOutcome(lead.outcome or LeadOutcome.NO_HELP.value)
                raise ValidationFailed(f"线索 {lead.name} 已处理（{done.zh}） / This lead is already closed ({done.en})",
                                       {"lead": "closed"})
            row = MonitoringVisit(lead_id=lead.id, hall_id=lead.hall_id, visited_on=visit.visited_on,
                                  visitor_1=visit.visitor_1, visitor_2=visit.visitor_2, findings=visit.findings,
                                  situation=visit.situation, outcome=chosen.value, reason=reason,
                                  recorded_by_id=actor.user_id, recorded_at=now)
            session.add(row)
            session.flush()
            source = rules.source(lead.source) if lead.source in {s.code for s in rules.sources} else None
            if chosen in (LeadOutcome.CLASS1, LeadOutcome.CLASS2):
                details = entry or EntryDetails()
                factors = tuple(details.risk_factors) or ((source.risk_factor,) if source and source.risk_factor
                                                          else ())
                household = enter_library(
                    session, actor, self.packs, load_calendar(session), today=visit.visited_on, now=now,
                    library=chosen.value, resident_id=lead.resident_id, name=lead.name,
                    initials=lead.name_initials, phone=lead.phone, address=lead.address, hall_id=lead.hall_id,
                    assigned_to_id=lead.assigned_to_id or actor.user_id, lead_id=lead.id, application_id=None,
                    details=EntryDetails(risk_factors=factors, per_capita_income_fen=details.per_capita_income_fen,
                                         hukou_type=details.hukou_type, household_size=details.household_size,
                                         category=details.category, stable=details.stable, consent=details.consent),
                    reason=reason or visit.findings)
                monitored_id = household.id
                lead.monitored_id = household.id
            elif chosen is LeadOutcome.APPLY:
                prefill = IntakePrefill(lead.resident_id, lead.name, lead.phone, lead.address,
                                        _reason_text(lead.reason, source.name if source else lead.source),
                                        source.name if source else lead.source, lead_id=lead.id)
            before = {"status": lead.status, "outcome": lead.outcome}
            lead.status = LeadStatus.CLOSED.value
            lead.outcome = chosen.value
            lead.outcome_reason = reason
            lead.closed_at = now
            lead.updated_at = now
            if lead.assigned_to_id is None:
                lead.assigned_to_id = actor.user_id
            session.flush()
            audit.record(session, actor, "lead.visit", _ENTITY, lead.id, {
                "visit": row.id, "visited_on": visit.visited_on, "visitors": [visit.visitor_1, visit.visitor_2],
                "outcome": chosen.value, "reason": reason, "monitored": monitored_id}
                | audit.changes(before, {"status": lead.status, "outcome": lead.outcome}), at=now)
            visit_id = row.id
        with self.db.reading() as session:
            lead_row = self._row(session.execute(self._select().where(Lead.id == lead_id)).one())
        return LeadVisitResult(lead_row, visit_id, monitored_id, prefill)

    # -- the ledger (线索台账) ---------------------------------------------------------------------------
    def export_leads(self, actor: Actor, filter: LeadFilter, path: Path, *, format: ExportFormat | None = None,
                     full_ids: bool = False) -> ExportResult:
        """线索台账 – the leads of the filter as xlsx or csv; ID numbers and phones masked unless
        ``full_ids`` (supervisors); audited with the filter and the row count."""
        require(actor, Permission.DISCOVERY_WORK)
        require(actor, Permission.EXPORT_FULL if full_ids else Permission.EXPORT)
        format = format or ExportFormat.for_path(Path(path))
        names = {src.code: src.name for src in self.rules().sources}

        def rows() -> Iterator[list[Any]]:
            with self.db.reading() as session:
                query = self._filtered(session, actor, self._select(), filter).order_by(Lead.created_at, Lead.id)
                for r in session.execute(query).yield_per(1000):
                    yield [r.name, r.resident_id if full_ids else mask_resident_id(r.resident_id),
                           r.phone if full_ids else mask_phone(r.phone), r.address, names.get(r.source, r.source),
                           r.reason, LeadStatus(r.status).zh, LeadOutcome(r.outcome).zh if r.outcome else "",
                           r.outcome_reason, r.hall_name or "", r.worker_name or "", int(r.visits or 0),
                           local_naive(r.created_at)]

        def commit(count: int) -> None:
            with self.db.transaction() as session:
                audit.record(session, actor, "export.leads", "export", Path(path).name,
                             {"rows": count, "format": format.value, "full_ids": full_ids,
                              "filter": filter.describe()}, at=self.clock.now())

        count = write_ledger(Path(path), format, "线索台账", LEAD_COLUMNS, rows(), commit)
        return ExportResult(Path(path), count, format, full_ids)

    # -- internals -----------------------------------------------------------------------------------
    def _select(self) -> AnySelect:
        visits = (select(func.count(MonitoringVisit.id)).where(MonitoringVisit.lead_id == Lead.id)
                  .correlate(Lead).scalar_subquery())
        query: AnySelect = (
            select(Lead.id, Lead.version, Lead.name, Lead.resident_id, Lead.phone, Lead.address, Lead.source,
                   Lead.reason, Hall.code.label("hall_code"), Hall.name.label("hall_name"),
                   _Worker.username.label("worker_username"), _Worker.display_name.label("worker_name"), Lead.status,
                   Lead.outcome, Lead.outcome_reason, Lead.created_at, visits.label("visits"))
            .select_from(Lead).outerjoin(Hall, Hall.id == Lead.hall_id)
            .outerjoin(_Worker, _Worker.id == Lead.assigned_to_id))
        return query

    def _filtered(self, session: Session, actor: Actor, query: AnySelect, f: LeadFilter) -> AnySelect:
        if actor.hall_id is not None:
            query = query.where(Lead.hall_id == actor.hall_id)
        if f.statuses:
            query = query.where(Lead.status.in_([LeadStatus(s).value for s in f.statuses]))
        if f.sources:
            query = query.where(Lead.source.in_(list(f.sources)))
        if f.outcomes:
            query = query.where(Lead.outcome.in_([LeadOutcome(o).value for o in f.outcomes]))
        if f.hall_codes:
            query = query.where(Lead.hall_id.in_(select(Hall.id).where(Hall.code.in_(list(f.hall_codes)))))
        if f.unassigned:
            query = query.where(Lead.assigned_to_id.is_(None))
        elif f.worker_usernames:
            query = query.where(Lead.assigned_to_id.in_(
                select(User.id).where(User.username.in_(list(f.worker_usernames)))))
        if f.created_from is not None:
            query = query.where(Lead.created_at >= _start_of(f.created_from))
        if f.created_to is not None:
            query = query.where(Lead.created_at < _start_of(date.fromordinal(f.created_to.toordinal() + 1)))
        if f.text.strip():
            query = query.where(_text_condition(session, f.text))
        return query

    def _row(self, r: Any) -> LeadRow:
        rules = self.rules()
        names = {s.code: s.name for s in rules.sources}
        return LeadRow(
            id=r.id, version=r.version, name=r.name, resident_id_masked=mask_resident_id(r.resident_id),
            phone=r.phone, address=r.address, source=r.source, source_name=names.get(r.source, r.source),
            reason=r.reason, hall_code=r.hall_code or "", hall_name=r.hall_name or "",
            worker_username=r.worker_username or "", worker_name=r.worker_name or "", status=LeadStatus(r.status),
            outcome=LeadOutcome(r.outcome) if r.outcome else None, outcome_reason=r.outcome_reason,
            created_at=r.created_at, visits=int(r.visits or 0))

    def _load(self, session: Session, actor: Actor, lead_id: int, *, for_update: bool = False) -> Lead:
        query = select(Lead).where(Lead.id == lead_id)
        if for_update:
            query = query.with_for_update()
        lead = session.execute(query).scalar_one_or_none()
        if lead is None or (actor.hall_id is not None and lead.hall_id != actor.hall_id):
            raise NotFound(f"没有编号为 {lead_id} 的线索 / No lead has the id {lead_id}")
        return lead

    @staticmethod
    def _check_version(lead: Lead, expected_version: int) -> None:
        if lead.version != expected_version:
            raise ConflictError(f"线索 {lead.name} 已被其他用户修改，请刷新后再试 / The lead {lead.name} was changed by "
                                f"another user; reload it and try again", changed_by="其他用户",
                                current_version=lead.version)


def _reason_text(category: str, source_name: str) -> str:
    return f"{source_name}：{category}" if category else source_name


def local_naive(moment: datetime | None) -> datetime | None:
    """A stored UTC time as the local wall-clock time a ledger shows."""
    from intake_desk.services.clock import LOCAL_ZONE

    return None if moment is None else moment.astimezone(LOCAL_ZONE).replace(tzinfo=None)


def _start_of(day: date) -> datetime:
    from intake_desk.services.clock import LOCAL_ZONE

    return datetime(day.year, day.month, day.day, tzinfo=LOCAL_ZONE)


def _text_condition(session: Session, text_: str) -> ColumnElement[bool]:
    kind, value = classify_text(text_)
    if kind == TextKind.RESIDENT_ID:
        return Lead.resident_id == value
    column = Lead.name_initials if kind == TextKind.INITIALS else Lead.name
    return prefix_condition(session, column, value)

