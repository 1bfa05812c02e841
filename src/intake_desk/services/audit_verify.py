"""审计校验 – ``audit verify``: the hash chain, every attested entity's state, and checkpoints kept
outside the database.

Everything is read in one consistent snapshot (REPEATABLE READ on PostgreSQL, one read transaction on
SQLite), so desks writing meanwhile never raise a false alarm.

* The chain: each event's hash covers its fields, its state digest and the previous hash; the
  ``audit_head`` row names the newest event. An empty trail in a database holding applications is
  tampering, and so is a missing head.
* The entities: each registered kind's rows are read and their digests recomputed; a row whose digest
  differs from the one its newest event recorded was changed outside the program, a row with no event
  was added outside it, an event's entity that is gone was removed. Rows from before digests existed
  (a database upgraded from an older program) are counted as not attested, not as tampering.
* Checkpoints (``audit checkpoint``, and the window's at each supervisor's and administrator's sign-in
  and sign-out) hold the trail's length and head hash at a moment; the trail must still hold that event
  with that hash at that position. Removing events and recomputing the chain with the program's own
  hash passes the chain check but not this one.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Table, exists, func, select
from sqlalchemy.orm import Session

from intake_desk.domain.enums import Role
from intake_desk.services import audit
from intake_desk.services.actor import Actor
from intake_desk.services.errors import PermissionDenied, ValidationFailed
from intake_desk.store.db import Database
from intake_desk.store.models import Application, AuditEvent, AuditHead

Progress = Callable[[str, int, int | None], None]
"""``progress(stage, done, total)`` – a line for the person waiting (stage in Chinese / English)."""

CHECKPOINT_FORMAT = "intake-desk-audit-checkpoint"
BATCH = 5000


def _table(model: Any) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


@contextmanager
def snapshot(db: Database) -> Iterator[Session]:
    """A read transaction that sees one moment of the database from its first statement to its end."""
    with db.reading(isolation_level="REPEATABLE READ") as session:
        yield session


def database_identity(db: Database) -> str:
    """The database a checkpoint belongs to: the SQLite file, or server:port/database (not the login)."""
    if db.is_sqlite:
        return str(Path(db.sqlite_path or ":memory:").resolve()) if db.sqlite_path else ":memory:"
    url = db.url
    return f"{url.host or 'localhost'}:{url.port or 5432}/{url.database or ''}"


# -- checkpoints -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Checkpoint:
    """The trail at one moment: how many events, the newest one's id and hash."""

    events: int
    last_event_id: int
    head_hash: str
    written_at: datetime
    database: str
    source: str = ""

    def to_json(self) -> str:
        return json.dumps({"format": CHECKPOINT_FORMAT, "version": 1, "database": self.database,
                           "events": self.events, "last_event_id": self.last_event_id, "head_hash": self.head_hash,
                           "written_at": self.written_at.isoformat()}, ensure_ascii=False, indent=1) + "\n"


class CheckpointError(ValueError):
    """A file that is not a readable checkpoint."""


def take_checkpoint(db: Database, *, now: datetime | None = None) -> Checkpoint:
    with snapshot(db) as session:
        head = session.execute(select(AuditHead.last_event_id, AuditHead.last_hash).where(AuditHead.id == 1)).first()
        last_id, head_hash = (int(head.last_event_id), str(head.last_hash)) if head else (0, audit.GENESIS)
        count = int(session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.id <= last_id)) or 0)
    return Checkpoint(count, last_id, head_hash, now or datetime.now(UTC), database_identity(db))


def _write_private(path: Path, text: str) -> None:
    """Write owner-only from the first byte (0600), through a temporary name and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    part = path.with_name(f".{path.name}.{os.getpid()}.part")
    fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(part, path)
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def write_checkpoint(db: Database, path: Path, *, now: datetime | None = None) -> Checkpoint:
    checkpoint = take_checkpoint(db, now=now)
    _write_private(path, checkpoint.to_json())
    return Checkpoint(**{**checkpoint.__dict__, "source": str(path)})


def read_checkpoint(path: Path) -> Checkpoint:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != CHECKPOINT_FORMAT:
            raise CheckpointError(f"{path} 不是审计检查点文件 / {path} is not an audit checkpoint")
        return Checkpoint(int(data["events"]), int(data["last_event_id"]), str(data["head_hash"]),
                          datetime.fromisoformat(str(data["written_at"])), str(data.get("database", "")), str(path))
    except OSError as exc:
        raise CheckpointError(f"无法读取检查点 {path}（{exc.strerror}） / Cannot read checkpoint {path}") from exc
    except (ValueError, KeyError, TypeError) as exc:
        if isinstance(exc, CheckpointError):
            raise
        raise CheckpointError(f"{path} 不是审计检查点文件 / {path} is not an audit checkpoint") from exc


def checkpoint_files(paths: Sequence[Path], identity: str) -> tuple[list[Checkpoint], list[str]]:
    """The checkpoints named (files, or folders searched for ``*.json`` of this database)."""
    found: list[Checkpoint] = []
    problems: list[str] = []
    for given in paths:
        if given.is_dir():
            for path in sorted(given.rglob("*.json")):
                try:
                    checkpoint = read_checkpoint(path)
                except CheckpointError:
                    continue  # other files in a data folder are not ours to judge
                if checkpoint.database == identity:
                    found.append(checkpoint)
        else:
            try:
                found.append(read_checkpoint(given))
            except CheckpointError as exc:
                problems.append(str(exc))
    return found, problems


def _checkpoint_problem(checkpoint: Checkpoint, seen: dict[int, tuple[int, str]]) -> str | None:
    if checkpoint.events == 0:
        return None
    name = Path(checkpoint.source).name or checkpoint.source
    at = seen.get(checkpoint.last_event_id)
    if at is None:
        return (f"检查点 {name}（{checkpoint.written_at:%Y-%m-%d %H:%M}）记录的第 {checkpoint.events} 条事件 "
                f"#{checkpoint.last_event_id} 已不在审计日志中：日志被截断、清空或重写 / the trail no longer holds event "
                f"#{checkpoint.last_event_id}, number {checkpoint.events} in checkpoint {name}: the trail was cut, "
                f"emptied or rewritten")
    position, digest = at
    if digest != checkpoint.head_hash:
        return (f"检查点 {name} 之前的事件被修改后重新计算了哈希链（事件 #{checkpoint.last_event_id} 的哈希不同） / "
                f"events before checkpoint {name} were altered and the chain recomputed (event "
                f"#{checkpoint.last_event_id} has another hash)")
    if position != checkpoint.events:
        return (f"检查点 {name} 之前的事件被删除后重新计算了哈希链（应有 {checkpoint.events} 条，现有 {position} 条） / "
                f"events before checkpoint {name} were removed and the chain recomputed ({checkpoint.events} "
                f"expected, {position} now)")
    return None


def still_extended(db: Database, checkpoint: Checkpoint) -> str | None:
    """Whether the trail still holds the checkpoint's newest event at its place (two lookups, no walk)."""
    with snapshot(db) as session:
        row = session.execute(select(AuditEvent.hash).where(AuditEvent.id == checkpoint.last_event_id)).first()
        seen: dict[int, tuple[int, str]] = {}
        if row is not None:
            position = int(session.scalar(select(func.count()).select_from(AuditEvent)
                                          .where(AuditEvent.id <= checkpoint.last_event_id)) or 0)
            seen[checkpoint.last_event_id] = (position, str(row.hash))
    return _checkpoint_problem(checkpoint, seen)


KEEP_CHECKPOINTS = 200


def checkpoint_folder(data_dir: Path, db: Database) -> Path:
    """Where a desk keeps its checkpoints of one database: ``<data>/audit-checkpoints/<database>``."""
    slug = "".join(c if c.isalnum() or c in "-_." else "_" for c in database_identity(db)).strip("_.")[-120:]
    return data_dir / "audit-checkpoints" / (slug or "database")


def session_checkpoint(db: Database, folder: Path, username: str, moment: str,
                       *, now: datetime | None = None) -> tuple[Checkpoint, str | None]:
    """At a supervisor's or administrator's sign-in or sign-out: check the newest checkpoint kept in
    ``folder`` is still extended by the trail, then write a new one (the newest ``KEEP_CHECKPOINTS``
    are kept). Returns the new checkpoint and the problem found, if any."""
    identity = database_identity(db)
    kept, _unreadable = checkpoint_files([folder], identity) if folder.is_dir() else ([], [])
    kept.sort(key=lambda c: (c.last_event_id, c.written_at))
    problem = still_extended(db, kept[-1]) if kept else None
    now = now or datetime.now(UTC)
    safe_user = "".join(c if c.isalnum() else "_" for c in username)[:40]
    written = write_checkpoint(db, folder / f"{now:%Y%m%dT%H%M%S%fZ}-{safe_user}-{moment}.json", now=now)
    if problem is None:  # evidence of a problem is never rotated away
        for old in sorted(folder.glob("*.json"))[:-KEEP_CHECKPOINTS]:
            old.unlink(missing_ok=True)
    return written, problem


# -- verify ------------------------------------------------------------------------------------------

_CHAIN = "校验哈希链 / checking the hash chain"


def _digests(session: Session, kind: audit.EntityKind) -> Iterable[audit.DigestRow]:
    """Every row of a kind with its digest: the kind's table scan, or its reader with the digest of each state."""
    if kind.scan is not None:
        return kind.scan(session)
    return ((entity_id, order_key, audit.digest_of(state)) for entity_id, order_key, state in kind.read(session, None))


def verify(db: Database, *, digests: bool = True, checkpoints: Sequence[Checkpoint] = (),
           progress: Progress | None = None, unattested_out: list[tuple[str, str]] | None = None
           ) -> audit.VerifyResult:
    """The chain (always), every registered entity's digest (``digests``) and the ``checkpoints``;
    ``unattested_out`` collects ``(entity, entity_id)`` of the rows not attested yet."""
    report = progress or (lambda stage, done, total: None)
    table = _table(AuditEvent)
    kinds = audit.registered() if digests else {}
    latest: dict[str, dict[str, str | None]] = {entity: {} for entity in kinds}
    legacy_events = False
    wanted = {c.last_event_id for c in checkpoints}
    seen: dict[int, tuple[int, str]] = {}
    checked = 0
    previous = audit.GENESIS
    with snapshot(db) as session:
        head = session.execute(select(AuditHead.last_event_id, AuditHead.last_hash).where(AuditHead.id == 1)).first()
        total = int(head.last_event_id) if head else None
        report(_CHAIN, 0, total)
        last = 0
        columns = select(table.c.id, table.c.prev_hash, table.c.at, table.c.actor_id, table.c.actor_name,
                         table.c.action, table.c.entity, table.c.entity_id, table.c.detail, table.c.state_digest,
                         table.c.hash).order_by(table.c.id).limit(BATCH)
        event_hash = audit.event_hash
        while True:
            rows = session.execute(columns.where(table.c.id > last)).all()
            if not rows:
                break
            for (event_id, prev_hash, at, actor_id, actor_name, action, entity, entity_id, detail, state_digest,
                 digest) in rows:
                if prev_hash != previous:
                    return audit.VerifyResult(checked, event_id, "前一事件哈希不符（事件被删除或插入） / "
                                              "previous hash does not match (an event was removed or inserted)")
                if event_hash(prev_hash, at, actor_id, actor_name, action, entity, entity_id, detail,
                              state_digest) != digest:
                    return audit.VerifyResult(checked, event_id, "事件内容与哈希不符（记录被修改） / "
                                              "the event's content does not match its hash (it was altered)")
                previous = digest
                checked += 1
                if event_id in wanted:
                    seen[event_id] = (checked, digest)
                states = latest.get(entity)
                if states is not None and entity_id:
                    states[entity_id] = state_digest
                    if state_digest is None:
                        legacy_events = True
            last = rows[-1][0]
            report(_CHAIN, checked, total)
        report(_CHAIN, checked, checked)
        if head is None and checked:
            return audit.VerifyResult(checked, None, "审计日志头记录（audit_head）被删除 / the audit head row was removed")
        if head is not None and head.last_hash != previous:
            return audit.VerifyResult(checked, int(head.last_event_id),
                                      "最后的事件已被删除 / the newest events were removed")
        if checked == 0 and session.scalar(select(exists().where(_table(Application).c.id > 0))):
            return audit.VerifyResult(0, None, "审计日志为空，但数据库中有申请：日志被清空 / the audit trail is empty "
                                               "although the database holds applications: it was emptied")
        problems = [p for p in (_checkpoint_problem(c, seen) for c in checkpoints) if p]
        findings: list[audit.Finding] = []
        entities = 0
        unattested = 0
        for entity, kind in kinds.items():
            states = latest[entity]
            stage = f"校验{kind.zh} / checking {kind.en}s"
            threshold: int | None = None
            count = 0
            report(stage, 0, None)
            for entity_id, order_key, digest in _digests(session, kind):
                entities += 1
                count += 1
                if count % BATCH == 0:
                    report(stage, count, None)
                if entity_id in states:
                    recorded = states.pop(entity_id)
                    if recorded is None:
                        unattested += 1
                        if unattested_out is not None:
                            unattested_out.append((entity, entity_id))
                        continue
                    if threshold is None and order_key is not None:
                        threshold = order_key
                    if recorded == audit.ABSENT:
                        findings.append(audit.Finding(entity, entity_id, "added"))
                    elif digest != recorded:
                        findings.append(audit.Finding(entity, entity_id, "changed"))
                elif legacy_events and (threshold is None or order_key is None or order_key < threshold):
                    unattested += 1  # from before digests were recorded
                    if unattested_out is not None:
                        unattested_out.append((entity, entity_id))
                else:
                    findings.append(audit.Finding(entity, entity_id, "added"))
            report(stage, count, count)
            findings.extend(audit.Finding(entity, entity_id, "removed") for entity_id, recorded in states.items()
                            if recorded is not None and recorded != audit.ABSENT)
    return audit.VerifyResult(checked, findings=tuple(findings), entities_checked=entities, unattested=unattested,
                              checkpoint_problems=tuple(problems), checkpoints_checked=len(checkpoints),
                              digests_checked=digests)


def attest_unattested(db: Database, actor: Actor, *, at: datetime, progress: Progress | None = None,
                      batch: int = 1000) -> int:
    """管理员确认 – record the current state of every row from before digests (an upgraded database) as
    the state the program vouches for from now on: one ``audit.attest`` event per row, with its digest.

    Only an administrator, and only on a trail that verifies (chain, digests and no finding): attesting
    over tampering would hide it. Returns how many rows were attested.
    """
    if actor.role is not Role.ADMIN:
        raise PermissionDenied("只有管理员可以确认既有记录 / Only an administrator may attest existing records")
    rows: list[tuple[str, str]] = []
    result = verify(db, progress=progress, unattested_out=rows)
    if not result.ok:
        raise ValidationFailed("审计日志校验未通过，不能确认既有记录：请先运行 intake-desk audit verify / The audit "
                               "trail does not verify, so existing records cannot be attested: run intake-desk "
                               "audit verify first")
    for start in range(0, len(rows), batch):
        with db.transaction() as session:
            audit.record_many(session, actor, [("audit.attest", entity, entity_id, None)
                                               for entity, entity_id in rows[start:start + batch]], at=at)
        if progress is not None:
            progress("确认既有记录 / attesting existing records", min(start + batch, len(rows)), len(rows))
    return len(rows)
