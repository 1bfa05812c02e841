"""The procedure's documents: 延期办理告知书, 不予救助告知书, 办理进度 slip (per application, in the print
log with copy numbers like every document) and the 公示名单 of a hall and period (audited).

Document numbers: the application number + ``-YQ`` (延期), ``-BY`` (不予), ``-JD`` (进度);
the publicity list ``GS-<hall>-<from>-<to>``.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import TypedDict

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from intake_desk.domain.enums import DocumentKind
from intake_desk.policy.pack import PackRegistry, PolicyPack
from intake_desk.printing import model as pm
from intake_desk.printing import procedure_documents as docs
from intake_desk.services import audit
from intake_desk.services.actor import Actor
from intake_desk.services.clock import Clock, local
from intake_desk.services.errors import ConflictError, NotFound, ValidationFailed
from intake_desk.services.permissions import Permission, require
from intake_desk.services.printing import MissingCharacters, PrintOutput, PrintService, RenderedDocument
from intake_desk.services.procedure import ProcedureService, ProcedureState, ProcedureView
from intake_desk.services.procedure_report import ProcedureReportService
from intake_desk.store.db import Database
from intake_desk.store.models import Hall, PrintedDocument

__all__ = ["PROCEDURE_DOCUMENTS", "ProcedureDocumentService", "PublicityDocument"]

PROCEDURE_DOCUMENTS: dict[DocumentKind, str] = {
    DocumentKind.EXTENSION: "YQ",
    DocumentKind.REFUSAL: "BY",
    DocumentKind.PROGRESS: "JD",
}
MAX_ATTEMPTS = 5


class _Common(TypedDict):
    document_number: str
    copy_no: int
    printed_at: datetime
    clerk_name: str
    hall: pm.HallInfo
    wording: pm.Wording


class PublicityDocument:
    """The publicity list as PDF, with how many lines it holds."""

    def __init__(self, pdf: bytes, document_number: str, entries: int, file_name: str) -> None:
        self.pdf = pdf
        self.document_number = document_number
        self.entries = entries
        self.file_name = file_name
        self.sha256 = hashlib.sha256(pdf).hexdigest()


def _hall_info(hall: Hall | None, pack: PolicyPack, code: str, name: str) -> pm.HallInfo:
    return pm.HallInfo(
        name=hall.name if hall else name, code=hall.code if hall else code,
        phone=(hall.phone if hall else "") or pack.wording.hall_phone,
        address=hall.address if hall else "",
        complaint_channel=(hall.complaint_channel if hall else "") or pack.wording.complaint_channel,
    )


def _wording(pack: PolicyPack) -> pm.Wording:
    return pm.Wording(template_version=pack.version, commitment_text=(), verification_authorisation="",
                      notice_where_to_bring="")


class ProcedureDocumentService:
    def __init__(self, db: Database, clock: Clock, packs: PackRegistry, printing: PrintService,
                 procedure: ProcedureService, reports: ProcedureReportService) -> None:
        self.db = db
        self.clock = clock
        self.packs = packs
        self.printing = printing
        self.procedure = procedure
        self.reports = reports

    def render(self, actor: Actor, number: str, kind: DocumentKind | str, *,
               output: PrintOutput = PrintOutput.PREVIEW, via: str = "") -> RenderedDocument:
        """延期办理告知书 (after an approved extension), 不予救助告知书 (after a refusal) or the 办理进度
        slip. A preview records nothing; printer and file take the next copy number and are logged."""
        require(actor, Permission.PRINT)
        kind = DocumentKind(kind)
        if kind not in PROCEDURE_DOCUMENTS:
            raise ValidationFailed(f"“{kind.zh}”不是办理程序的文书 / {kind.en} is not a procedure document")
        view = self.procedure.view(actor, number)
        self._check_applies(view, kind)
        document_number = f"{view.number}-{PROCEDURE_DOCUMENTS[kind]}"
        font = self.printing.font()
        for _attempt in range(MAX_ATTEMPTS):
            try:
                with self.db.transaction() as session:
                    hall = session.scalar(select(Hall).where(Hall.code == view.hall_code))
                    highest = session.scalar(select(func.max(PrintedDocument.copy_no))
                                             .where(PrintedDocument.document_number == document_number))
                    copy_no = int(highest or 0) + 1  # a preview shows the number the next print will carry
                    now = self.clock.now()
                    pdf = self._pdf(actor, view, kind, document_number, copy_no, now, hall, font)
                    digest = hashlib.sha256(pdf).hexdigest()
                    if output is not PrintOutput.PREVIEW:
                        session.add(PrintedDocument(document_number=document_number, application_id=view.application_id,
                                                    kind=kind.value, copy_no=copy_no, sha256=digest,
                                                    output=output.value, printed_at=now, printed_by_id=actor.user_id))
                        session.flush()
                        detail: dict[str, object] = {"application": view.number, "kind": kind.value,
                                                     "copy_no": copy_no, "sha256": digest, "output": output.value}
                        if via:
                            detail["via"] = via
                        audit.record(session, actor, "document.print", "document", document_number, detail, at=now)
                mark = f"-补打{copy_no - 1}" if copy_no > 1 else ""
                return RenderedDocument(
                    pdf=pdf, application_number=view.number, document_number=document_number, kind=kind,
                    department_code=None, copy_no=copy_no, sha256=digest, title=kind.zh,
                    file_name=f"{document_number}-{kind.zh}{mark}.pdf", output=output, printed_at=now)
            except IntegrityError:
                continue
        raise ConflictError("打印记录冲突，请稍后再打印 / The print log was busy; print again in a moment")

    def _check_applies(self, view: ProcedureView, kind: DocumentKind) -> None:
        if kind is DocumentKind.REFUSAL and (view.state is not ProcedureState.REFUSED or view.decision is None):
            raise ValidationFailed(f"申请 {view.number} 未作出不予救助决定，没有不予救助告知书 / "
                                   f"Application {view.number} was not refused; there is no refusal notice")
        if kind is DocumentKind.EXTENSION and not (view.extension and view.extension.status == "approved"):
            raise ValidationFailed(f"申请 {view.number} 没有批准的延期，没有延期办理告知书 / "
                                   f"Application {view.number} has no approved extension; there is no extension notice")

    def _pdf(self, actor: Actor, view: ProcedureView, kind: DocumentKind, document_number: str, copy_no: int,
             now: datetime, hall: Hall | None, font: object) -> bytes:
        from intake_desk.printing.fonts import FontChoice, MissingGlyphsError

        pack = self.packs.pack_for(view.received_on)
        rules = pack.procedures
        assert isinstance(font, FontChoice)
        common: _Common = {"document_number": document_number, "copy_no": copy_no, "printed_at": local(now),
                  "clerk_name": actor.display_name, "hall": _hall_info(hall, pack, view.hall_code, view.hall_name),
                  "wording": _wording(pack)}
        try:
            if kind is DocumentKind.REFUSAL:
                assert view.decision is not None and rules is not None
                return docs.render_refusal_notice(docs.RefusalNoticeData(
                    **common, applicant_name=view.applicant_name, application_number=view.number,
                    applied_on=view.received_on, assistance_type=view.assistance_type.zh,
                    decided_on=view.decision.decided_on, reasons=tuple(r.name for r in view.decision.reasons),
                    facts=view.decision.facts, appeal_review_body=rules.appeal_review_body,
                    appeal_review_days=rules.appeal_review_days, appeal_court=rules.appeal_court,
                    appeal_litigation_months=rules.appeal_litigation_months,
                    notice_due=view.decision.notice_due_date or view.decision.decided_on), font)
            if kind is DocumentKind.EXTENSION:
                extension = view.extension
                assert extension is not None
                track_days = next((t.extended_total_days for t in (rules.tracks.values() if rules else ())
                                   if t.assistance_type is view.assistance_type and t.track is view.track), None)
                return docs.render_extension_notice(docs.ExtensionNoticeData(
                    **common, applicant_name=view.applicant_name, application_number=view.number,
                    applied_on=view.received_on, assistance_type=view.assistance_type.zh,
                    previous_due=extension.previous_due_date, new_due=extension.new_due_date,
                    working_days=track_days or 0, reason=extension.reason, approved_by=extension.decided_by), font)
            return docs.render_progress_slip(docs.ProgressSlipData(
                **common, applicant_name=view.applicant_name, application_number=view.number,
                applied_on=view.received_on, procedure_name=view.procedure_name, promised_due=view.promised_due,
                whole_due=view.whole_due, state=view.state.zh + ("（已逾期）" if view.overdue else ""),
                steps=tuple(docs.ProgressStepLine(s.name, s.state.zh, s.due, s.done_on, s.actor_name)
                            for s in view.steps),
                next_step=view.current.name if view.current else "", next_due=view.current_due), font)
        except MissingGlyphsError as exc:
            raise MissingCharacters(str(exc), exc.characters) from None

    def publicity(self, actor: Actor, hall_code: str, date_from: date, date_to: date) -> PublicityDocument:
        """公示名单 of a hall and period as PDF (name, household size, category, monthly amount only)."""
        from intake_desk.printing.fonts import MissingGlyphsError

        listing = self.reports.publicity_list(actor, hall_code, date_from, date_to)
        pack = self.packs.pack_for(self.clock.today())
        with self.db.reading() as session:
            hall = session.scalar(select(Hall).where(Hall.code == listing.hall_code))
            if hall is None:
                raise NotFound(f"没有代码为 {hall_code} 的大厅 / No hall has the code {hall_code}")
            hall_info = _hall_info(hall, pack, listing.hall_code, listing.hall_name)
        number = f"GS-{listing.hall_code}-{date_from:%Y%m%d}-{date_to:%Y%m%d}"
        data = docs.PublicityListData(
            document_number=number, printed_at=local(self.clock.now()), clerk_name=actor.display_name,
            hall=hall_info, wording=_wording(pack),
            period_from=date_from, period_to=date_to, first_day=listing.first_day, last_day=listing.last_day,
            lines=tuple(docs.PublicityLine(e.name, e.household_size, e.category, e.monthly_amount_fen)
                        for e in listing.entries),
            place=listing.place, objection_channel=listing.objection_channel)
        try:
            pdf = docs.render_publicity_list(data, self.printing.font())
        except MissingGlyphsError as exc:
            raise MissingCharacters(str(exc), exc.characters) from None
        return PublicityDocument(pdf, number, len(listing.entries), f"{number}-公示名单.pdf")
