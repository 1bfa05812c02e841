"""打印 – which documents an application has, rendering them, and the print log (打印记录).

The four documents are the ReportLab forms of :mod:`intake_desk.printing`; this service fills them
from the application as received: the applicant's resident ID masked (first 6 + last 4 – the full
number never reaches a document), the hall, the clerk, the wording of the policy pack in force on
the application's date (the declaration: the pack version it was signed under), the promised
completion date, the materials received and missing, the consents, the referral facts and due dates.

Which documents apply (:meth:`PrintService.documents_for`):

* 受理回执 receipt – always;
* 告知承诺书 declaration – when the applicant signed one;
* 转介单 referral slip – one per department the application was referred to (a referral that is
  still only a proposal without the applicant's consent, or cancelled, gets no slip);
* 一次性告知书 one-time notice – only when materials are missing.

Document numbers (printed in every footer, the key of the print log):

==============  ======================================  ==============================
document        number                                  example
==============  ======================================  ==============================
receipt         the application (receipt) number        ``HT01-20261120-0007``
declaration     application number + ``-CN`` (承诺)      ``HT01-20261120-0007-CN``
referral slip   the referral number                     ``HT01-20261120-0007-MEDICAL``
notice          application number + ``-GZ`` (告知)      ``HT01-20261120-0007-GZ``
==============  ======================================  ==============================

Copy numbers and reprints: a preview is not a print and records nothing; it shows the copy number
the next print would carry. :meth:`PrintService.record_print` (and ``render(..., output="printer"
| "file")``) reserves the next copy number, renders the PDF **with that number** and the print time,
and writes the log row with the SHA-256 of exactly those bytes plus an audit event – all in one
transaction. Two desks printing the same document at once both compute the same next number; the
unique constraint (document number, copy number) refuses the second insert and that desk simply
tries again with the following number. The bytes returned are the ones to send to the printer or
write to the file. Copy 2 and later carry “补打（第 N−1 次）” on every page.

Fonts: the file named in Settings (``font_file``) when it is usable, else the first Chinese
TrueType font found; the built-in STSong-Light is the last resort and :meth:`font_status` says so.
Characters no font has are refused up front (:class:`MissingCharacters`) instead of printing boxes.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from intake_desk.domain.enums import (
    AssistanceType,
    DisabilityCategory,
    DocumentKind,
    ReferralStatus,
    SchoolingStage,
)
from intake_desk.domain.masking import mask_phone
from intake_desk.domain.text import bilingual_half
from intake_desk.policy.deadlines import review_days
from intake_desk.policy.pack import PackRegistry, PolicyPack
from intake_desk.printing import model as pm
from intake_desk.services import audit, scope
from intake_desk.services.actor import Actor
from intake_desk.services.applications import (
    ApplicationDetail,
    ApplicationService,
    MemberDetail,
    ReferralDetail,
)
from intake_desk.services.calendar_service import load_calendar
from intake_desk.services.clock import Clock, local
from intake_desk.services.errors import ConflictError, NotFound, ValidationFailed
from intake_desk.services.permissions import Permission, require
from intake_desk.services.settings import get_setting
from intake_desk.store.db import Database
from intake_desk.store.models import Application, Department, Hall, PrintedDocument, User

if TYPE_CHECKING:
    from intake_desk.printing.fonts import FontChoice

__all__ = [
    "MissingCharacters",
    "PrintOutput",
    "PrintRecord",
    "PrintService",
    "PrintableDocument",
    "RenderedDocument",
    "document_number",
]

log = logging.getLogger(__name__)

NOTICE_WORKING_DAYS = 5
"""Working days after receipt by which the one-time notice asks for the missing materials
(never later than the promised completion date)."""

MAX_ATTEMPTS = 8
"""How often a print is tried again when another desk took the same copy number first."""

_NUMERAL = re.compile(r"^\s*[一二三四五六七八九十]+[、．.]\s*")
_GRADES = "一二三四"

# What a referral consent line says the department is asked for, when its pack entry names no
# assistance type (disability federation, charity).
_RULE_MATTERS = {
    "disability_support": "残疾人两项补贴核实及康复、托养帮扶",
    "emergency_charity": "慈善帮扶（须经申请人单独同意）",
    "disaster_relief": "受灾人员救助",
    "jobless_able_worker": "就业援助",
    "housing_hardship": "住房救助",
    "medical_need": "医疗救助",
    "student_in_need": "教育救助（学生资助）",
}

NOTICE_NOTES = (
    "复印件请使用 A4 纸，并由申请人签字确认与原件一致。",
    "确实无法取得某项材料的，请与窗口联系；能通过部门信息共享核实的，不再要求您提供。",
    "逾期未补齐材料的，视为撤回申请，您可以在材料齐全后重新申请。",
)
REFERRAL_RETURN_NOTE = "请接收部门在办理时限内填写本回执并送回转出单位；也可在协同办理系统中直接反馈。"
DEFAULT_AUTHORISATION = (
    "本人及共同生活家庭成员同意并授权民政部门及其委托的居民家庭经济状况核对机构，依法查询、核对本户成员的"
    "户籍、收入、存款、有价证券、商业保险、房产、车辆、工商登记、社会保险等经济状况信息，核对结果仅用于社会救助审核确认。"
)


class PrintOutput(StrEnum):
    """Where a rendered document goes: a preview on screen is not a print; printer and file are."""

    PREVIEW = "preview"
    PRINTER = "printer"
    FILE = "file"


class MissingCharacters(ValidationFailed):
    """缺字 – the document has characters no available font can print (named in the message)."""

    def __init__(self, message: str, characters: Sequence[str]) -> None:
        super().__init__(message, {"font": message})
        self.characters = tuple(characters)


# ------------------------------------------------------------------------------------------------
# results
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PrintableDocument:
    """One document that applies to an application, and how often it has been printed so far."""

    application_number: str
    kind: DocumentKind
    document_number: str
    title: str
    department_code: str | None = None
    department_name: str | None = None
    copies_printed: int = 0

    @property
    def next_copy_no(self) -> int:
        return self.copies_printed + 1

    @property
    def key(self) -> tuple[str, str | None]:
        return self.kind.value, self.department_code


@dataclass(frozen=True)
class RenderedDocument:
    """A document rendered to PDF. ``output`` says whether it was recorded (printer/file) or is a preview."""

    pdf: bytes
    application_number: str
    document_number: str
    kind: DocumentKind
    department_code: str | None
    copy_no: int
    sha256: str
    title: str
    file_name: str
    output: PrintOutput
    printed_at: datetime

    @property
    def reprint_mark(self) -> str | None:
        return pm.reprint_mark(self.copy_no)


@dataclass(frozen=True)
class PrintRecord:
    """One line of the print log."""

    id: int
    application_number: str
    document_number: str
    kind: DocumentKind
    department_code: str | None
    copy_no: int
    sha256: str
    output: str
    printed_at: datetime
    printed_by_name: str


# ------------------------------------------------------------------------------------------------
# numbering and names
# ------------------------------------------------------------------------------------------------


def document_number(application_number: str, kind: DocumentKind, referral_number: str | None = None) -> str:
    """The number a document carries (see the table in the module docstring)."""
    if kind is DocumentKind.RECEIPT:
        return application_number
    if kind is DocumentKind.DECLARATION:
        return f"{application_number}-CN"
    if kind is DocumentKind.NOTICE:
        return f"{application_number}-GZ"
    if referral_number is None:
        raise ValueError("a referral slip is numbered by its referral")
    return referral_number


def _title(kind: DocumentKind, department_name: str | None) -> str:
    return f"{kind.zh}（{department_name}）" if department_name else kind.zh


def _file_name(document: str, title: str, copy_no: int) -> str:
    mark = f"-补打{copy_no - 1}" if copy_no > 1 else ""
    safe = re.sub(r'[\\/:*?"<>|\s]+', "_", f"{document}-{title}{mark}")
    return f"{safe}.pdf"


# ------------------------------------------------------------------------------------------------
# the application as the documents need it
# ------------------------------------------------------------------------------------------------


class _Common(TypedDict):
    """The fields every document shares (``printing.model.DocumentCommon`` less the wording)."""

    document_number: str
    copy_no: int
    printed_at: datetime
    clerk_name: str
    hall: pm.HallInfo


@dataclass(frozen=True)
class _Source:
    """Everything the four documents print, read in one session."""

    detail: ApplicationDetail
    hall: pm.HallInfo
    pack: PolicyPack
    declaration_pack: PolicyPack
    review_working_days: int
    notice_due: date
    printed: dict[str, int]  # document number -> highest copy number so far
    slips: tuple[ReferralDetail, ...]


def _slip_referrals(detail: ApplicationDetail) -> tuple[ReferralDetail, ...]:
    """The referrals that get a slip: one per department, the newest one that went ahead."""
    chosen: dict[str, ReferralDetail] = {}
    for referral in detail.referrals:
        if referral.status in (ReferralStatus.PROPOSED, ReferralStatus.CANCELLED):
            continue
        chosen[referral.department_code] = referral  # ordered by id: the newest wins
    return tuple(chosen.values())


def _month_span(received_on: date) -> str:
    """The 12 whole months before the application, as printed: ``2025年11月—2026年10月``."""
    end_year, end_month = (received_on.year, received_on.month - 1) if received_on.month > 1 else \
        (received_on.year - 1, 12)
    start_year, start_month = (end_year - 1, end_month + 1) if end_month < 12 else (end_year, 1)
    return f"{start_year}年{start_month:02d}月—{end_year}年{end_month:02d}月"


def _disability(member: MemberDetail) -> str:
    if member.disability is DisabilityCategory.NONE:
        return "无"
    grade = member.disability_grade
    return member.disability.zh + (f"{_GRADES[grade - 1]}级" if grade and 1 <= grade <= 4 else "")


def _occupation(member: MemberDetail) -> str:
    if member.schooling is SchoolingStage.PRESCHOOL:
        return "学前教育"
    if member.schooling is not SchoolingStage.NONE:
        return f"{member.schooling.zh}在读"
    return member.employment.zh


def _member_line(member: MemberDetail) -> pm.MemberLine:
    return pm.MemberLine(
        name=member.name, relation=member.relation.zh, id_masked=member.resident_id, age=member.age,
        sex=member.sex.zh, health=member.health.zh, disability=_disability(member),
        labour_capacity=member.labour_capacity.zh, occupation=_occupation(member),
    )


def _note(*parts: str) -> str:
    return "；".join(p for p in (part.strip() for part in parts) if p)


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.strip().splitlines() if line.strip()]


def _wording(pack: PolicyPack, hall: pm.HallInfo) -> pm.Wording:
    """The printing wording from the pack: the commitment items (numbering left to the form), the
    verification authorisation (the item that grants it), the office's promise and the notes."""
    lines = _paragraphs(pack.wording.commitment)
    if lines and lines[0].endswith(("：", ":")) and not _NUMERAL.match(lines[0]):
        lines = lines[1:]  # "本人自愿申请社会救助，并郑重承诺：" – the form words its own lead-in
    items = [_NUMERAL.sub("", line) for line in lines]
    authorising = [item for item in items if "授权" in item]
    promises = [item for item in items if item not in authorising]
    office = _paragraphs(pack.wording.office_promise)
    if office and office[0].endswith(("：", ":")) and not _NUMERAL.match(office[0]):
        office = office[1:]
    if office:
        office.append(f"监督投诉渠道：{hall.complaint_channel}")
    return pm.Wording(
        template_version=pack.version,
        commitment_text=tuple(promises),
        verification_authorisation=authorising[0] if authorising else DEFAULT_AUTHORISATION,
        notice_where_to_bring=f"{hall.name}社会救助窗口",
        double_commitment_text=tuple(office),
        receipt_notes=tuple(pack.wording.receipt_notes),
        notice_notes=NOTICE_NOTES,
        referral_return_note=REFERRAL_RETURN_NOTE,
    )


# ------------------------------------------------------------------------------------------------
# the service
# ------------------------------------------------------------------------------------------------


class PrintService:
    def __init__(self, db: Database, clock: Clock, packs: PackRegistry) -> None:
        self.db = db
        self.clock = clock
        self.packs = packs
        self._applications = ApplicationService(db, clock)

    # -- font ------------------------------------------------------------------------------------
    def _font_file(self) -> str:
        with self.db.reading() as session:
            return get_setting(session, "font_file").strip()

    def font(self) -> FontChoice:
        """The font the documents are printed in (Settings ``font_file`` first)."""
        from intake_desk.printing.fonts import find_cjk_font

        named = self._font_file()
        return find_cjk_font(Path(named)) if named else find_cjk_font()

    def font_status(self) -> str | None:
        """A warning for the window and ``selftest`` (the built-in font, or a Settings file that
        cannot be used), or ``None`` when the documents embed a proper Chinese font."""
        return self.font().warning

    # -- what applies ----------------------------------------------------------------------------
    def documents_for(self, actor: Actor, number: str) -> list[PrintableDocument]:
        """The documents of the application ``number``: receipt, declaration (signed), one referral slip
        per department, notice (materials missing); each with how often it was printed."""
        require(actor, Permission.PRINT)
        with self.db.reading() as session:
            source = self._source(session, actor, number)
        return self._documents(source)

    def _documents(self, source: _Source) -> list[PrintableDocument]:
        d = source.detail

        def doc(kind: DocumentKind, referral: ReferralDetail | None = None) -> PrintableDocument:
            numbered = document_number(d.number, kind, referral.number if referral else None)
            name = referral.department_name if referral else None
            return PrintableDocument(
                application_number=d.number, kind=kind, document_number=numbered, title=_title(kind, name),
                department_code=referral.department_code if referral else None, department_name=name,
                copies_printed=source.printed.get(numbered, 0),
            )

        documents = [doc(DocumentKind.RECEIPT)]
        if d.declaration is not None:
            documents.append(doc(DocumentKind.DECLARATION))
        documents += [doc(DocumentKind.REFERRAL, referral) for referral in source.slips]
        if d.missing_materials:
            documents.append(doc(DocumentKind.NOTICE))
        return documents

    def _pick(self, source: _Source, kind: DocumentKind, department_code: str | None) -> PrintableDocument:
        number = source.detail.number
        documents = self._documents(source)
        if kind is DocumentKind.REFERRAL:
            slips = [x for x in documents if x.kind is DocumentKind.REFERRAL]
            codes = "、".join(x.department_code or "" for x in slips) or "无"
            codes_en = ", ".join(x.department_code or "" for x in slips) or "none"
            if department_code is None and len(slips) == 1:
                return slips[0]
            if department_code is None:
                message = (f"申请 {number} 有 {len(slips)} 张转介单，请指定部门（{codes}） / "
                           f"Application {number} has {len(slips)} referral slips: name the department ({codes_en})")
                if not slips:
                    message = (f"申请 {number} 没有已确认的转介，无转介单可打印 / "
                               f"Application {number} has no confirmed referral, so there is no referral slip")
                raise ValidationFailed(message, {"department": message})
            for slip in slips:
                if slip.department_code == department_code.strip():
                    return slip
            message = (f"申请 {number} 没有转介到“{department_code[:32]}”的转介单（可选：{codes}） / "
                       f"Application {number} has no referral slip for '{department_code[:32]}' (choose: {codes_en})")
            raise NotFound(message)
        for document in documents:
            if document.kind is kind:
                return document
        if kind is DocumentKind.DECLARATION:
            raise NotFound(f"申请 {number} 没有签署告知承诺书 / Application {number} has no signed commitment declaration")
        raise ValidationFailed(
            f"申请 {number} 材料齐全，无需一次性告知书 / Application {number} lacks no materials, so there is no notice",
            {"kind": "notice"},
        )

    # -- rendering -------------------------------------------------------------------------------
    def render(self, actor: Actor, number: str, kind: DocumentKind | str, department_code: str | None = None, *,
               output: PrintOutput | str = PrintOutput.PREVIEW, via: str = "") -> RenderedDocument:
        """The document as PDF. ``output="preview"`` records nothing and carries the copy number the next
        print would get; ``"printer"`` or ``"file"`` is a print: recorded as :meth:`record_print` does."""
        require(actor, Permission.PRINT)
        kind, output = DocumentKind(kind), PrintOutput(output)
        if output is not PrintOutput.PREVIEW:
            return self._print(actor, number, kind, department_code, output, via=via)
        font = self.font()
        with self.db.reading() as session:
            source = self._source(session, actor, number)
        document = self._pick(source, kind, department_code)
        return self._render(source, document, document.next_copy_no, self.clock.now(), actor, font, output)

    def record_print(self, actor: Actor, rendered: RenderedDocument, output: PrintOutput | str | None = None, *,
                     via: str = "") -> RenderedDocument:
        """Record a print (or save) of the document ``rendered`` shows; returns the PDF to send.

        The returned document is rendered again inside the recording transaction with the copy number
        reserved there and the print time, so the paper and the log always agree (a preview may have
        shown an older copy number when another desk printed meanwhile). ``via`` names the channel in
        the audit event (e.g. ``"command line"``).
        """
        require(actor, Permission.PRINT)
        chosen = PrintOutput(output) if output is not None else rendered.output
        if chosen is PrintOutput.PREVIEW:
            chosen = PrintOutput.PRINTER
        return self._print(actor, rendered.application_number, rendered.kind, rendered.department_code, chosen,
                           via=via)

    def _print(self, actor: Actor, number: str, kind: DocumentKind, department_code: str | None,
               output: PrintOutput, *, via: str = "") -> RenderedDocument:
        font = self.font()
        for attempt in range(1, MAX_ATTEMPTS + 1):
            try:
                with self.db.transaction() as session:
                    source = self._source(session, actor, number)
                    document = self._pick(source, kind, department_code)
                    highest = session.scalar(select(func.max(PrintedDocument.copy_no))
                                             .where(PrintedDocument.document_number == document.document_number))
                    copy_no = int(highest or 0) + 1
                    now = self.clock.now()
                    rendered = self._render(source, document, copy_no, now, actor, font, output)
                    department_id = None
                    if document.department_code:
                        department_id = session.scalar(
                            select(Department.id).where(Department.code == document.department_code))
                    session.add(PrintedDocument(
                        document_number=document.document_number, application_id=source.detail.id,
                        kind=kind.value, department_id=department_id, copy_no=copy_no, sha256=rendered.sha256,
                        output=output.value, printed_at=now, printed_by_id=actor.user_id,
                    ))
                    session.flush()
                    detail: dict[str, object] = {
                        "application": source.detail.number, "kind": kind.value, "copy_no": copy_no,
                        "sha256": rendered.sha256, "output": output.value,
                    }
                    if document.department_code:
                        detail["department"] = document.department_code
                    if via:
                        detail["via"] = via
                    audit.record(session, actor, "document.print", "document", document.document_number, detail,
                                 at=now)
                return rendered
            except IntegrityError:
                # Another desk recorded this copy number first: take the next one.
                log.info("copy number taken for %s %s (attempt %d)", number, kind.value, attempt)
        raise ConflictError(
            f"打印记录冲突，已重试 {MAX_ATTEMPTS} 次，请稍后再打印 / The print log was busy "
            f"({MAX_ATTEMPTS} attempts); print again in a moment"
        )

    def _render(self, source: _Source, document: PrintableDocument, copy_no: int, now: datetime, actor: Actor,
                font: FontChoice, output: PrintOutput) -> RenderedDocument:
        from intake_desk.printing import documents as renderers
        from intake_desk.printing.fonts import MissingGlyphsError

        # The receipt and the declaration name the clerk who received the application, whoever reprints them.
        receiving = document.kind in (DocumentKind.RECEIPT, DocumentKind.DECLARATION)
        clerk = (source.detail.received_by_name if receiving else "") or actor.display_name
        common = _Common(document_number=document.document_number, copy_no=copy_no, printed_at=local(now),
                         clerk_name=clerk, hall=source.hall)
        try:
            if document.kind is DocumentKind.RECEIPT:
                pdf = renderers.render_receipt(self._receipt(source, common), font)
            elif document.kind is DocumentKind.DECLARATION:
                pdf = renderers.render_declaration(self._declaration(source, common), font)
            elif document.kind is DocumentKind.REFERRAL:
                referral = next(r for r in source.slips if r.department_code == document.department_code)
                pdf = renderers.render_referral_slip(self._referral(source, common, referral), font)
            else:
                pdf = renderers.render_notice(self._notice(source, common), font)
        except MissingGlyphsError as exc:
            raise MissingCharacters(str(exc), exc.characters) from None
        return RenderedDocument(
            pdf=pdf, application_number=source.detail.number, document_number=document.document_number,
            kind=document.kind, department_code=document.department_code, copy_no=copy_no,
            sha256=hashlib.sha256(pdf).hexdigest(), title=document.title,
            file_name=_file_name(document.document_number, document.title, copy_no), output=output, printed_at=now,
        )

    # -- the print log ---------------------------------------------------------------------------
    def printed(self, actor: Actor, number: str) -> list[PrintRecord]:
        """Every print and save of the application's documents, oldest first."""
        require(actor, Permission.APPLICATION_VIEW)
        with self.db.reading() as session:
            application = self._application(session, actor, number)
            rows = session.execute(
                select(PrintedDocument, Department.code, User.display_name)
                .outerjoin(Department, Department.id == PrintedDocument.department_id)
                .outerjoin(User, User.id == PrintedDocument.printed_by_id)
                .where(PrintedDocument.application_id == application.id)
                .order_by(PrintedDocument.printed_at, PrintedDocument.id)
            ).all()
            return [
                PrintRecord(
                    id=p.id, application_number=application.number, document_number=p.document_number,
                    kind=DocumentKind(p.kind), department_code=code, copy_no=p.copy_no, sha256=p.sha256,
                    output=p.output, printed_at=p.printed_at, printed_by_name=name or "",
                )
                for p, code, name in rows
            ]

    # -- loading ---------------------------------------------------------------------------------
    def _application(self, session: Session, actor: Actor, number: str) -> Application:
        wanted = number.strip().upper()
        application = session.scalar(select(Application).where(Application.number == wanted))
        if application is None or not scope.may_see_hall(actor, application.hall_id):
            raise NotFound(f"没有受理编号为 {number[:40]} 的申请 / No application has the number {number[:40]}")
        return application

    def _source(self, session: Session, actor: Actor, number: str) -> _Source:
        application = self._application(session, actor, number)
        detail = self._applications._detail(session, application, reveal=False)
        hall_row = session.get(Hall, application.hall_id)
        pack = self.packs.pack_for(detail.received_on)
        declaration_pack = pack
        if detail.declaration is not None:
            try:
                declaration_pack = self.packs.by_version(detail.declaration.template_version)
            except KeyError:
                declaration_pack = pack
        hall = pm.HallInfo(
            name=hall_row.name if hall_row else detail.hall_name,
            code=hall_row.code if hall_row else detail.hall_code,
            phone=(hall_row.phone if hall_row else "") or pack.wording.hall_phone,
            address=hall_row.address if hall_row else "",
            complaint_channel=(hall_row.complaint_channel if hall_row else "") or pack.wording.complaint_channel,
        )
        days, _ = review_days(pack, detail.requested_types, detail.fast_track)
        notice_due = min(load_calendar(session).add_working_days(detail.received_on, NOTICE_WORKING_DAYS),
                         detail.due_date)
        printed = {
            numbered: int(highest or 0)
            for numbered, highest in session.execute(
                select(PrintedDocument.document_number, func.max(PrintedDocument.copy_no))
                .where(PrintedDocument.application_id == application.id)
                .group_by(PrintedDocument.document_number)
            )
        }
        return _Source(detail=detail, hall=hall, pack=pack, declaration_pack=declaration_pack,
                       review_working_days=days, notice_due=notice_due, printed=printed,
                       slips=_slip_referrals(detail))

    # -- the four documents ----------------------------------------------------------------------
    def _receipt(self, source: _Source, common: _Common) -> pm.ReceiptData:
        d = source.detail
        missing = d.missing_materials
        note = ""
        if missing:
            notice = document_number(d.number, DocumentKind.NOTICE)
            note = (f"尚缺 {len(missing)} 项材料，已出具一次性告知书（{notice}），"
                    f"请于 {pm.format_date(source.notice_due)}前补齐。")
        return pm.ReceiptData(
            **common,
            wording=_wording(source.pack, source.hall),
            receipt_number=d.number,
            received_at=local(d.received_at),
            applicant_name=d.applicant_name,
            applicant_id_masked=d.applicant_id,
            household_size=d.household_size,
            assistance_types=tuple(t.zh for t in d.requested_types),
            materials_received=tuple(pm.ReceivedMaterial(name=m.name) for m in d.materials if m.received),
            fast_track=d.fast_track,
            time_limit_working_days=source.review_working_days,
            due_date=d.due_date,
            channel=d.channel.zh,
            pending_materials_note=note,
        )

    def _declaration(self, source: _Source, common: _Common) -> pm.DeclarationData:
        d = source.detail
        signed = d.declaration
        assert signed is not None  # _pick offers a declaration only when one was signed
        pack = source.declaration_pack
        incomes = tuple(
            pm.AmountLine(
                label=i.category.zh, amount_fen=i.amount_fen,
                note=_note(i.member_name if i.member_position is not None else "",
                           f"{i.months} 个月" if i.months != 12 else "", i.note,
                           _exempt_name(pack, i.exempt_item)),
            )
            for i in d.incomes
        )
        counted = d.assessment.counted_income_fen if d.assessment else sum(
            i.amount_fen for i in d.incomes if not i.exempt_item)
        per_capita = d.assessment.per_capita_income_fen if d.assessment else None
        assets = tuple(
            pm.AmountLine(label=a.kind.zh, amount_fen=a.value_fen,
                          note=_note(a.member_name if a.member_position is not None else "",
                                     f"{a.quantity} 处/项" if a.quantity != 1 else "", a.note,
                                     "豁免" if a.exempt else ""))
            for a in d.assets
        )
        expenses = tuple(
            pm.AmountLine(label=e.kind.zh, amount_fen=e.amount_fen,
                          note=_note(e.member_name if e.member_position is not None else "", e.note))
            for e in d.expenses
        )
        consents = tuple(
            pm.ConsentLine(department=r.department_name, matter=_matter(pack, r), consented=r.consent_given)
            for r in d.referrals if r.status is not ReferralStatus.CANCELLED
        )
        return pm.DeclarationData(
            **common,
            wording=_wording(pack, source.hall),
            application_number=d.number,
            applicant_name=d.applicant_name,
            applicant_id_masked=d.applicant_id,
            applicant_phone=d.phone,
            address=d.address,
            assistance_types=tuple(t.zh for t in d.requested_types),
            members=tuple(_member_line(m) for m in d.members),
            income_period=_month_span(d.received_on),
            incomes=incomes,
            counted_income_total_fen=counted,
            per_capita_monthly_income_fen=per_capita,
            assets=assets,
            expenses=expenses,
            consents=consents,
            double_commitment=signed.double_commitment,
            template_version=signed.template_version,
            template_hash=signed.template_hash,
        )

    def _referral(self, source: _Source, common: _Common, referral: ReferralDetail) -> pm.ReferralSlipData:
        d = source.detail
        try:
            department = source.pack.department(referral.department_code)
            days, needs_phone = department.referral_days, department.needs_phone
        except KeyError:
            days, needs_phone = 0, False
        referred_on = local(referral.created_at).date()
        if days <= 0:
            days = max(0, (referral.due_date - referred_on).days)
        names = set(referral.member_names)
        return pm.ReferralSlipData(
            **common,
            wording=_wording(source.pack, source.hall),
            referral_number=referral.number,
            application_number=d.number,
            department=referral.department_name,
            applicant_name=d.applicant_name,
            applicant_id_masked=d.applicant_id,
            # The full number only for a department that must call the applicant (pack: needs_phone).
            applicant_phone=d.phone if needs_phone else mask_phone(d.phone),
            address=d.address,
            reason=referral.reason,
            facts=tuple(bilingual_half(fact, "zh") for fact in referral.facts),  # the slip is Chinese
            members=tuple(_member_line(m) for m in d.members if m.name in names),
            consented=referral.consent_given,
            consent_recorded_at=local(referral.consent_at) if referral.consent_at else None,
            contact_person=common["clerk_name"],
            contact_phone=source.hall.phone,
            referred_on=referred_on,
            time_limit_working_days=days,
            due_date=referral.due_date,
        )

    def _notice(self, source: _Source, common: _Common) -> pm.NoticeData:
        d = source.detail
        return pm.NoticeData(
            **common,
            wording=_wording(source.pack, source.hall),
            application_number=d.number,
            applicant_name=d.applicant_name,
            applicant_id_masked=d.applicant_id,
            applied_on=d.received_on,
            assistance_types=tuple(t.zh for t in d.requested_types),
            missing=tuple(
                pm.MissingMaterial(assistance_type=m.assistance_type.zh, name=m.name, requirement=m.note)
                for m in sorted(d.missing_materials, key=lambda m: _type_order(d.requested_types, m.assistance_type))
            ),
            come_back_by=source.notice_due,
        )


def _type_order(requested: Sequence[AssistanceType], assistance_type: AssistanceType) -> int:
    return requested.index(assistance_type) if assistance_type in requested else len(requested)


def _exempt_name(pack: PolicyPack, code: str | None) -> str:
    if not code:
        return ""
    item = pack.income.exempt_item(code)
    return f"不计入：{item.name}" if item else "不计入家庭收入"


def _matter(pack: PolicyPack, referral: ReferralDetail) -> str:
    try:
        department = pack.department(referral.department_code)
    except KeyError:
        department = None
    if department is not None and department.assistance_type is not None:
        return department.assistance_type.zh
    for rule in (referral.rule, *(department.rules if department else ())):
        if rule in _RULE_MATTERS:
            return _RULE_MATTERS[rule]
    return f"{referral.department_name}协同办理"

