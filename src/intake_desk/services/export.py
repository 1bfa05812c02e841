"""台账导出 – the referral and application ledgers as CSV or Excel.

The same filters as the queue; Chinese column headers; dates written as dates (Excel date cells,
ISO dates in CSV); resident ID numbers masked unless the user may export full data and asks for
it. Every export is audited with its filter, row count and whether IDs were full. Rows are read
in keyset batches and written as they come, so a million-row ledger never sits in memory.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, false, func, or_, select
from sqlalchemy.orm import Session

from intake_desk.domain.enums import (
    ApplicationStatus,
    Category,
    Channel,
    HukouType,
    Labelled,
)
from intake_desk.domain.masking import mask_resident_id
from intake_desk.domain.text import counted
from intake_desk.files import private_temporary
from intake_desk.services import audit, scope
from intake_desk.services.actor import Actor
from intake_desk.services.clock import LOCAL_ZONE, Clock
from intake_desk.services.errors import ValidationFailed
from intake_desk.services.permissions import Permission, require
from intake_desk.services.queues import (
    QueueCursor,
    QueueService,
    QueueSort,
    ReferralFilter,
    TextKind,
    classify_text,
    describe_filter,
    prefix_condition,
)
from intake_desk.services.referrals import load_calendar
from intake_desk.services.text_guard import refuse_unstorable
from intake_desk.store.db import Database
from intake_desk.store.models import Application, Department, Hall, Person, Referral, User

__all__ = [
    "APPLICATION_COLUMNS",
    "REFERRAL_COLUMNS",
    "ApplicationFilter",
    "ExportFormat",
    "ExportResult",
    "ExportService",
    "write_ledger",
]

BATCH = 1000  # the queue's largest page


class ExportFormat(Labelled):
    CSV = "csv", "CSV 文本", "CSV"
    XLSX = "xlsx", "Excel 工作簿", "Excel workbook"

    @classmethod
    def for_path(cls, path: Path) -> ExportFormat:
        suffix = path.suffix.lower().lstrip(".")
        for member in cls:
            if member.value == suffix:
                return member
        raise ValidationFailed(f"导出文件应以 .csv 或 .xlsx 结尾：{path.name} / The export file must end in .csv or "
                               f".xlsx: {path.name}", {"path": "suffix"})


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int
    format: ExportFormat
    full_ids: bool

    @property
    def message(self) -> str:
        ids = "含完整身份证号" if self.full_ids else "身份证号已脱敏"
        ids_en = "full ID numbers" if self.full_ids else "ID numbers masked"
        return f"已导出 {self.rows} 行到 {self.path}（{ids}） / Exported {counted(self.rows, 'row')} to {self.path} ({ids_en})"


@dataclass(frozen=True)
class ApplicationFilter:
    """The application ledger's filter: the queue's filters, applied to applications."""

    statuses: tuple[ApplicationStatus, ...] = ()
    overdue: bool = False
    due_within_days: int | None = None
    hall_codes: tuple[str, ...] = ()
    clerk_usernames: tuple[str, ...] = ()
    department_codes: tuple[str, ...] = ()  # applications with a referral to one of these
    received_from: date | None = None
    received_to: date | None = None
    text: str = ""

    def describe(self) -> dict[str, Any]:
        return describe_filter(self)


# (header, kind, width); kind tells the writer how to format the value.
Column = tuple[str, str, int]
REFERRAL_COLUMNS: tuple[Column, ...] = (
    ("转介编号", "text", 26), ("受理编号", "text", 22), ("申请人", "text", 12), ("身份证号码", "text", 21),
    ("转介部门", "text", 18), ("状态", "text", 10), ("转介事由", "text", 40), ("创建时间", "datetime", 17),
    ("发送时间", "datetime", 17), ("办理期限", "date", 12), ("是否逾期", "text", 8), ("已等待工作日", "int", 12),
    ("办结时间", "datetime", 17), ("办理结果/说明", "text", 40), ("受理大厅", "text", 24), ("经办人", "text", 10),
    ("部门承办人", "text", 10),
)
APPLICATION_COLUMNS: tuple[Column, ...] = (
    ("受理编号", "text", 22), ("申请人", "text", 12), ("身份证号码", "text", 21), ("家庭人数", "int", 9),
    ("户籍类型", "text", 9), ("受理渠道", "text", 10), ("状态", "text", 9), ("预评估类别", "text", 12),
    ("承诺制快速办理", "text", 14), ("受理时间", "datetime", 17), ("办结期限", "date", 12),
    ("是否逾期", "text", 8), ("转介数", "int", 8), ("受理大厅", "text", 24), ("受理人", "text", 10),
)


class ExportService:
    def __init__(self, db: Database, clock: Clock, queues: QueueService) -> None:
        self.db = db
        self.clock = clock
        self.queues = queues

    # -- referrals ---------------------------------------------------------------------------------
    def referrals(self, actor: Actor, filter: ReferralFilter, path: Path, *, format: ExportFormat | None = None,
                  sort: QueueSort = QueueSort.DUE, full_ids: bool = False) -> ExportResult:
        """Write the referral ledger (the queue's rows under ``filter``, in ``sort`` order) to ``path``."""
        require(actor, Permission.EXPORT)
        if full_ids:
            require(actor, Permission.EXPORT_FULL)
        format = format or ExportFormat.for_path(path)
        refuse_unstorable(filter.describe())
        rows = self._referral_rows(actor, filter, sort, full_ids)
        count = _write(path, format, "转介台账", REFERRAL_COLUMNS, rows, lambda count: self._audit(
            actor, "export.referrals", path, format, count, full_ids, filter.describe() | {"sort": sort.value}))
        return ExportResult(path, count, format, full_ids)

    def _referral_rows(self, actor: Actor, filter: ReferralFilter, sort: QueueSort,
                       full_ids: bool) -> Iterator[list[Any]]:
        cursor: QueueCursor | None = None
        while True:
            page = self.queues.page(actor, filter, sort, after=cursor, limit=BATCH)
            if not page.rows:
                return
            with self.db.reading() as session:
                application_ids = sorted({r.application_id for r in page.rows})
                extra = {
                    aid: (number, resident_id) for aid, number, resident_id in session.execute(
                        select(Application.id, Application.number, Person.resident_id)
                        .join(Person, Application.applicant_id == Person.id)
                        .where(Application.id.in_(application_ids)))
                }
                outcomes = dict(session.execute(
                    select(Referral.id, Referral.outcome).where(Referral.id.in_([r.id for r in page.rows]))).all())
            for row in page.rows:
                number, resident_id = extra.get(row.application_id, ("", ""))
                yield [
                    row.number, number, row.applicant_name,
                    resident_id if full_ids else mask_resident_id(resident_id),
                    row.department_name, row.status.zh, row.reason, _local(row.created_at), _local(row.sent_at),
                    row.due_date, "是" if row.overdue else "否", row.age_working_days, _local(row.finished_at),
                    outcomes.get(row.id, ""), row.hall_name, row.created_by_name, row.assigned_to_name,
                ]
            if page.next_cursor is None:
                return
            cursor = page.next_cursor

    # -- applications ------------------------------------------------------------------------------
    def applications(self, actor: Actor, filter: ApplicationFilter, path: Path, *,
                     format: ExportFormat | None = None, full_ids: bool = False) -> ExportResult:
        """Write the application ledger (newest first) to ``path``."""
        require(actor, Permission.EXPORT)
        require(actor, Permission.APPLICATION_VIEW)
        if full_ids:
            require(actor, Permission.EXPORT_FULL)
        format = format or ExportFormat.for_path(path)
        refuse_unstorable(filter.describe())
        count = _write(path, format, "受理台账", APPLICATION_COLUMNS, self._application_rows(actor, filter, full_ids),
                       lambda count: self._audit(actor, "export.applications", path, format, count, full_ids,
                                                 filter.describe()))
        return ExportResult(path, count, format, full_ids)

    def _application_rows(self, actor: Actor, filter: ApplicationFilter, full_ids: bool) -> Iterator[list[Any]]:
        last: tuple[datetime, int] | None = None
        today = self.clock.today()
        while True:
            with self.db.reading() as session:
                conditions = self.application_conditions(session, actor, filter)
                query = (select(Application, Person.resident_id)
                         .join(Person, Application.applicant_id == Person.id)
                         .where(*conditions)
                         .order_by(Application.received_at.desc(), Application.id.desc()).limit(BATCH))
                if last is not None:
                    query = query.where(Application.received_at <= last[0], or_(
                        Application.received_at < last[0],
                        and_(Application.received_at == last[0], Application.id < last[1])))
                batch = session.execute(query).all()
                if not batch:
                    return
                ids = [a.id for a, _ in batch]
                referral_counts = dict(session.execute(
                    select(Referral.application_id, func.count()).where(Referral.application_id.in_(ids))
                    .group_by(Referral.application_id)).all())
                halls = dict(session.execute(select(Hall.id, Hall.name)).all())
                users = dict(session.execute(select(User.id, User.display_name)).all())
                for application, resident_id in batch:
                    status = ApplicationStatus(application.status)
                    yield [
                        application.number, application.applicant_name,
                        resident_id if full_ids else mask_resident_id(resident_id), application.household_size,
                        _label(HukouType, application.hukou_type), _label(Channel, application.channel), status.zh,
                        _label(Category, application.category) if application.category else "",
                        "是" if application.fast_track else "否", _local(application.received_at),
                        application.due_date, "是" if status.is_open and application.due_date < today else "否",
                        int(referral_counts.get(application.id, 0)), halls.get(application.hall_id, ""),
                        users.get(application.received_by_id, ""),
                    ]
                application, _ = batch[-1]
                last = (application.received_at, application.id)
            if len(batch) < BATCH:
                return

    def application_conditions(self, session: Session, actor: Actor,
                               filter: ApplicationFilter) -> list[ColumnElement[bool]]:
        """The WHERE conditions of ``filter`` within the actor's scope (their hall; the county without one)."""
        out: list[ColumnElement[bool]] = [scope.hall_condition(actor, Application.hall_id)]
        open_codes = [s.value for s in ApplicationStatus if s.is_open]
        statuses = [s.value for s in filter.statuses]
        if filter.overdue or filter.due_within_days is not None:
            statuses = [s for s in statuses if s in open_codes] if statuses else open_codes
            if not statuses:
                out.append(false())
        if statuses:
            out.append(Application.status.in_(statuses))
        today = self.clock.today()
        if filter.overdue:
            out.append(Application.due_date < today)
        if filter.due_within_days is not None:
            if filter.due_within_days < 0:
                raise ValidationFailed("工作日数不能为负数 / The number of working days cannot be negative",
                                       {"due_within_days": "negative"})
            until = load_calendar(session).add_working_days(today, filter.due_within_days)
            out.extend([Application.due_date >= today, Application.due_date <= until])
        if filter.hall_codes:
            out.append(Application.hall_id.in_(
                select(Hall.id).where(Hall.code.in_([c.upper() for c in filter.hall_codes]))))
        if filter.clerk_usernames:
            out.append(Application.received_by_id.in_(
                select(User.id).where(User.username.in_(filter.clerk_usernames))))
        if filter.department_codes:
            out.append(exists().where(
                Referral.application_id == Application.id,
                Referral.department_id.in_(select(Department.id).where(Department.code.in_(filter.department_codes)))))
        if filter.received_from and filter.received_to and filter.received_from > filter.received_to:
            raise ValidationFailed("开始日期晚于结束日期 / The start date is after the end date",
                                   {"received_from": "after end"})
        if filter.received_from:
            out.append(Application.received_on >= filter.received_from)
        if filter.received_to:
            out.append(Application.received_on <= filter.received_to)
        text = filter.text.strip()
        if text:
            out.append(_application_text(session, text))
        return out

    def _audit(self, actor: Actor, action: str, path: Path, format: ExportFormat, rows: int, full_ids: bool,
               detail: dict[str, Any]) -> None:
        with self.db.transaction() as session:
            audit.record(session, actor, action, "export", path.name,
                         {"rows": rows, "format": format.value, "full_ids": full_ids, "filter": detail},
                         at=self.clock.now())


# ------------------------------------------------------------------------------------------ writing

def _write(path: Path, format: ExportFormat, title: str, columns: Sequence[Column],
           rows: Iterator[list[Any]], commit: Callable[[int], None]) -> int:
    """Write ``rows`` to an owner-only temporary file beside ``path``; ``commit(count)`` records the
    export (its audit event), and only once that has committed is the file moved into place. A failed
    audit leaves no file: personal data never leaves the database unrecorded."""
    path = Path(path)
    if not path.parent.exists():
        raise ValidationFailed(f"文件夹不存在：{path.parent} / The folder does not exist: {path.parent}",
                               {"path": "folder"})
    try:
        with private_temporary(path) as partial:
            count = (_write_csv if format is ExportFormat.CSV else _write_xlsx)(partial, title, columns, rows)
            commit(count)
            os.replace(partial, path)
    except OSError as exc:
        raise ValidationFailed(f"无法写入文件 {path}：{exc.strerror} / Cannot write {path}: {exc.strerror}",
                               {"path": "unwritable"}) from exc
    return count


write_ledger = _write
"""Write a ledger (台账) to a file the way every export does: owner-only, formula-like text kept as
text, moved into place only after ``commit(count)`` – its audit event – has committed."""


# A cell starting with one of these is a formula to Excel, LibreOffice and WPS (tab and CR start
# one in some of them): an outcome typed as =HYPERLINK(...) must stay text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def _write_csv(path: Path, title: str, columns: Sequence[Column], rows: Iterator[list[Any]]) -> int:
    count = 0
    # UTF-8 with a byte-order mark, so Excel opens the Chinese headers correctly.
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([c[0] for c in columns])
        for row in rows:
            writer.writerow([_csv_value(v, c[1]) for v, c in zip(row, columns, strict=True)])
            count += 1
    return count


def _csv_value(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if is_formula_like(value):  # a leading apostrophe: the spreadsheet shows the text, runs nothing
        return "'" + str(value)
    if kind == "datetime" and isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _write_xlsx(path: Path, title: str, columns: Sequence[Column], rows: Iterator[list[Any]]) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    for i, (_, _, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for name, _, _ in columns:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    formats: list[Callable[[Any], Any]] = []
    for _, kind, _ in columns:
        if kind in ("date", "datetime"):
            number_format = "yyyy-mm-dd" if kind == "date" else "yyyy-mm-dd hh:mm"

            def make(value: Any, number_format: str = number_format) -> Any:
                if value is None:
                    return None
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = number_format
                return cell

            formats.append(make)
        else:
            formats.append(lambda value: _xlsx_text(sheet, value) if is_formula_like(value) else value)
    count = 0
    for row in rows:
        sheet.append([fmt(value) for fmt, value in zip(formats, row, strict=True)])
        count += 1
    workbook.save(path)
    return count


def _xlsx_text(sheet: Any, value: str) -> Any:
    """A string cell holding ``value`` exactly, never a formula (openpyxl reads a leading = as one);
    quotePrefix keeps it text when someone edits the cell in Excel."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


# ------------------------------------------------------------------------------------------ helpers

def _local(moment: datetime | None) -> datetime | None:
    """A stored UTC moment as a naive local (Beijing) time: what Excel shows and CSV prints."""
    if moment is None:
        return None
    return moment.astimezone(LOCAL_ZONE).replace(tzinfo=None, microsecond=0)


def _label(kind: type[Labelled], code: str) -> str:
    try:
        return kind(code).zh
    except ValueError:
        return code


def _application_text(session: Session, text: str) -> ColumnElement[bool]:
    kind, value = classify_text(text)
    if kind == TextKind.RESIDENT_ID:
        return Application.applicant_id.in_(select(Person.id).where(Person.resident_id == value))
    column = {TextKind.NUMBER: Application.number, TextKind.INITIALS: Application.applicant_initials}.get(
        kind, Application.applicant_name)
    return prefix_condition(session, column, value)
