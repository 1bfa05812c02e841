"""The print service on a real SQLite file (and PostgreSQL for two desks printing at once): which
documents apply, what they say, copy numbers and reprint marks, the print log and its audit events."""

from __future__ import annotations

import hashlib
import io
import threading
import time
import traceback
from dataclasses import replace

import pytest
from pypdf import PdfReader
from sqlalchemy import select, text

from intake_desk.domain.enums import AssistanceType, DocumentKind, ReferralStatus, Role
from intake_desk.printing import fonts
from intake_desk.services import audit
from intake_desk.services.actor import Actor
from intake_desk.services.clock import FixedClock
from intake_desk.services.context import Services
from intake_desk.services.errors import NotFound, PermissionDenied, ValidationFailed
from intake_desk.services.intake import (
    MaterialInput,
    MemberInput,
    ReferralChoice,
    commitment_hash,
    referral_choice,
)
from intake_desk.services.printing import MissingCharacters, PrintOutput, RenderedDocument, document_number
from intake_desk.store.db import Database
from intake_desk.store.models import AuditEvent, PrintedDocument
from tests.conftest import TEST_NOW, add_user, setup_hall
from tests.intake_data import LI_SI, ZHANG_SAN, ZHANG_XIAO, rid, single_form, zhuzhou_form


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def all_received(services: Services, form):  # type: ignore[no-untyped-def]
    """The form with every required material of its requested types ticked as received."""
    pack = services.intake.pack()
    lines = tuple(MaterialInput(t, m.code, m.name, received=True)
                  for t in form.requested_types for m in pack.materials_for(t) if m.required)
    return replace(form, materials=lines)


def full_application(services: Services, clerk: Actor) -> str:
    """Zhuzhou household: signed declaration (double commitment), education and employment referred with
    consent, the charity proposed without it, one dibao material received and the rest missing."""
    form = zhuzhou_form()
    form = replace(form, declaration=replace(form.declaration, double_commitment=True),
                   materials=(MaterialInput(AssistanceType.DIBAO, "application_form", "社会救助申请书", received=True),))
    preview = services.intake.preview(clerk, form)
    referrals = tuple(referral_choice(p, consent_given=True) for p in preview.referrals)
    referrals += (ReferralChoice("charity", "家庭困难，链接慈善帮扶。", rule="clerk", consent_given=False),)
    return services.intake.submit(clerk, replace(form, referrals=referrals)).number


@pytest.fixture
def number(services: Services, clerk: Actor) -> str:
    return full_application(services, clerk)


# -- which documents apply ------------------------------------------------------------------------------

def test_documents_of_a_full_application(services: Services, clerk: Actor, number: str) -> None:
    documents = services.printing.documents_for(clerk, number)
    assert [(d.kind, d.department_code) for d in documents] == [
        (DocumentKind.RECEIPT, None), (DocumentKind.DECLARATION, None),
        (DocumentKind.REFERRAL, "education"), (DocumentKind.REFERRAL, "employment"), (DocumentKind.NOTICE, None),
    ], "the charity is only proposed (no consent): no slip for it"
    assert [d.document_number for d in documents] == [
        number, f"{number}-CN", f"{number}-EDUCATION", f"{number}-EMPLOYMENT", f"{number}-GZ"]
    assert documents[2].title == "转介单（教育局）"
    assert all(d.copies_printed == 0 and d.next_copy_no == 1 for d in documents)


def test_a_bare_application_has_only_its_receipt(services: Services, clerk: Actor) -> None:
    result = services.intake.submit(clerk, all_received(services, single_form(7)))
    documents = services.printing.documents_for(clerk, result.number)
    assert [d.kind for d in documents] == [DocumentKind.RECEIPT]
    with pytest.raises(NotFound, match="告知承诺书"):
        services.printing.render(clerk, result.number, DocumentKind.DECLARATION)
    with pytest.raises(ValidationFailed, match="无需一次性告知书"):
        services.printing.render(clerk, result.number, DocumentKind.NOTICE)
    with pytest.raises(ValidationFailed, match="没有已确认的转介"):
        services.printing.render(clerk, result.number, DocumentKind.REFERRAL)


def test_a_cancelled_referral_loses_its_slip(services: Services, clerk: Actor, supervisor: Actor,
                                             number: str) -> None:
    detail = services.applications.get(clerk, number)
    education = next(r for r in detail.referrals if r.department_code == "education")
    services.referrals.cancel(supervisor, education.id, "申请人已通过其他渠道获得资助")
    kinds = [(d.kind, d.department_code) for d in services.printing.documents_for(clerk, number)]
    assert (DocumentKind.REFERRAL, "education") not in kinds and (DocumentKind.REFERRAL, "employment") in kinds


def test_referral_slips_are_chosen_by_department(services: Services, clerk: Actor, number: str) -> None:
    with pytest.raises(ValidationFailed, match="education、employment"):
        services.printing.render(clerk, number, DocumentKind.REFERRAL)
    with pytest.raises(NotFound, match="housing"):
        services.printing.render(clerk, number, DocumentKind.REFERRAL, "housing")
    slip = services.printing.render(clerk, number, "referral", "employment")
    assert slip.document_number == f"{number}-EMPLOYMENT" and slip.department_code == "employment"
    with pytest.raises(NotFound):
        services.printing.documents_for(clerk, "HT01-20261120-9999")


def test_who_may_print(services: Services, clerk: Actor, admin: Actor, number: str) -> None:
    officer = add_user(services, "edu1", Role.DEPARTMENT, "陈老师", department_code="education")
    for actor in (admin, officer):
        with pytest.raises(PermissionDenied):
            services.printing.documents_for(actor, number)
        with pytest.raises(PermissionDenied):
            services.printing.render(actor, number, DocumentKind.RECEIPT, output="file")
    assert services.printing.printed(admin, number) == [], "an administrator may read the print log"


# -- what the documents say ----------------------------------------------------------------------------

def test_receipt_masks_the_id_and_says_what_was_received(services: Services, clerk: Actor, number: str) -> None:
    receipt = services.printing.render(clerk, number, DocumentKind.RECEIPT)
    assert receipt.pdf.startswith(b"%PDF") and receipt.output is PrintOutput.PREVIEW
    words = pdf_text(receipt.pdf)
    detail = services.applications.get(clerk, number)
    assert f"{ZHANG_SAN[:6]}********{ZHANG_SAN[-4:]}" in words
    assert number in words and "张三" in words and "荷塘区月塘街道便民服务中心" in words
    assert "社会救助申请书" in words and "最低生活保障" in words
    assert f"{detail.due_date.year}年{detail.due_date.month:02d}月{detail.due_date.day:02d}日" in words
    assert "10 个工作日" in words, "signed declaration: the fast track's time limit"
    assert f"{number}-GZ" in words, "the receipt points to the one-time notice"
    assert "王丽" in words, "the clerk who printed"
    assert "补打" not in words
    for document in services.printing.documents_for(clerk, number):
        pdf = services.printing.render(clerk, number, document.kind, document.department_code).pdf
        content = pdf_text(pdf)
        for full in (ZHANG_SAN, LI_SI, ZHANG_XIAO):
            assert full not in content and full.encode() not in pdf, f"full ID on the {document.title}"


def test_declaration_prints_the_wording_it_was_signed_under(services: Services, clerk: Actor,
                                                             number: str) -> None:
    pack = services.intake.pack(TEST_NOW.date())
    declaration = services.printing.render(clerk, number, DocumentKind.DECLARATION)
    words = pdf_text(declaration.pdf).replace("\n", "")
    stored = services.applications.get(clerk, number).declaration
    assert stored is not None and stored.template_hash == commitment_hash(pack, True)
    assert stored.template_hash in words and pack.version in words
    assert "本人及共同生活家庭成员所申报的家庭人口" in words
    assert "授权民政部门" in words and "经办机构服务承诺（双承诺）" in words
    assert "张小三" in words and "工资性收入" in words and "21,600.00" in words
    assert "教育局" in words and "慈善会" in words, "every referral decision is on the form, agreed or not"


def test_referral_slip_and_notice(services: Services, clerk: Actor, number: str) -> None:
    detail = services.applications.get(clerk, number)
    education = next(r for r in detail.referrals if r.department_code == "education")
    slip = pdf_text(services.printing.render(clerk, number, DocumentKind.REFERRAL, "education").pdf)
    assert education.number in slip and "教育局" in slip and "张小三" in slip
    assert f"{education.due_date.year}年{education.due_date.month:02d}月{education.due_date.day:02d}日" in slip
    assert education.reason.rstrip("。")[:12] in slip.replace("\n", "")
    notice = pdf_text(services.printing.render(clerk, number, DocumentKind.NOTICE).pdf).replace("\n", "")
    missing = [m.name for m in detail.missing_materials]
    assert missing and all(name[:8] in notice for name in missing)
    assert "社会救助申请书" not in notice.split("需补充的材料", 1)[1].split("请您于", 1)[0], "received is not missing"
    assert "2026年11月27日" in notice, "materials asked back within 5 working days of receipt"


# -- copies, reprints and the log ----------------------------------------------------------------------

def test_copy_numbers_reprint_marks_and_log(services: Services, clerk: Actor, number: str) -> None:
    preview = services.printing.render(clerk, number, DocumentKind.RECEIPT)
    assert preview.copy_no == 1
    assert services.printing.printed(clerk, number) == [], "a preview is not a print"

    prints: list[RenderedDocument] = []
    for output in ("printer", "printer", "file"):
        prints.append(services.printing.record_print(clerk, preview, output))
    assert [p.copy_no for p in prints] == [1, 2, 3]
    texts = [pdf_text(p.pdf) for p in prints]
    assert "补打" not in texts[0]
    assert "补打（第 1 次）" in texts[1] and "补打（第 2 次）" in texts[2]
    assert prints[1].reprint_mark == "补打（第 1 次）"

    log = services.printing.printed(clerk, number)
    assert [(r.copy_no, r.output, r.printed_by_name) for r in log] == [
        (1, "printer", "王丽"), (2, "printer", "王丽"), (3, "file", "王丽")]
    assert [r.sha256 for r in log] == [hashlib.sha256(p.pdf).hexdigest() for p in prints]
    assert all(r.sha256 == p.sha256 for r, p in zip(log, prints, strict=True))
    detail = services.applications.get(clerk, number)
    assert [(p.kind, p.copy_no, p.printed_by_name) for p in detail.printed] == [
        (DocumentKind.RECEIPT, 1, "王丽"), (DocumentKind.RECEIPT, 2, "王丽"), (DocumentKind.RECEIPT, 3, "王丽")]

    again = services.printing.render(clerk, number, DocumentKind.RECEIPT)
    assert again.copy_no == 4 and "补打（第 3 次）" in pdf_text(again.pdf)
    assert len(services.printing.printed(clerk, number)) == 3
    receipt = services.printing.documents_for(clerk, number)[0]
    assert receipt.copies_printed == 3 and receipt.next_copy_no == 4

    events = [e for e in audit.trail(services.db, "document", number) if e.action == "document.print"]
    assert [e.detail["copy_no"] for e in events] == [1, 2, 3]
    assert events[0].detail["sha256"] == log[0].sha256 and events[0].actor_name == "王丽"
    assert audit.verify(services.db).ok


def test_copy_numbers_are_per_document(services: Services, clerk: Actor, number: str) -> None:
    services.printing.render(clerk, number, DocumentKind.RECEIPT, output="printer")
    slip = services.printing.render(clerk, number, DocumentKind.REFERRAL, "education", output="printer")
    other = services.printing.render(clerk, number, DocumentKind.REFERRAL, "employment", output="printer")
    assert (slip.copy_no, other.copy_no) == (1, 1)
    with services.db.reading() as session:
        rows = session.execute(select(PrintedDocument.document_number, PrintedDocument.department_id,
                                      PrintedDocument.kind)).all()
    assert {r.document_number for r in rows} == {number, f"{number}-EDUCATION", f"{number}-EMPLOYMENT"}
    assert all((r.department_id is not None) == (r.kind == "referral") for r in rows)


def test_a_preview_shown_before_another_desk_printed_prints_the_next_copy(services: Services, clerk: Actor,
                                                                          number: str) -> None:
    other_desk = add_user(services, "clerk2", Role.CLERK, "赵敏")
    stale = services.printing.render(clerk, number, DocumentKind.NOTICE)  # shows copy 1
    first = services.printing.render(other_desk, number, DocumentKind.NOTICE, output="printer")
    assert first.copy_no == 1
    printed = services.printing.record_print(clerk, stale, PrintOutput.PRINTER)
    assert printed.copy_no == 2 and "补打（第 1 次）" in pdf_text(printed.pdf)
    assert printed.sha256 != stale.sha256
    assert [(r.copy_no, r.printed_by_name) for r in services.printing.printed(clerk, number)] == [
        (1, "赵敏"), (2, "王丽")]


def test_print_time_is_the_time_of_printing(services: Services, clerk: Actor, number: str,
                                            clock: FixedClock) -> None:
    preview = services.printing.render(clerk, number, DocumentKind.RECEIPT)
    clock.advance(minutes=7)
    printed = services.printing.record_print(clerk, preview, "printer")
    assert "打印：2026年11月20日 10:07" in pdf_text(printed.pdf)
    assert services.printing.printed(clerk, number)[0].printed_at == clock.now()


def test_file_names(services: Services, clerk: Actor, number: str) -> None:
    first = services.printing.render(clerk, number, DocumentKind.REFERRAL, "education", output="file")
    second = services.printing.render(clerk, number, DocumentKind.REFERRAL, "education", output="file")
    assert first.file_name == f"{number}-EDUCATION-转介单（教育局）.pdf"
    assert second.file_name == f"{number}-EDUCATION-转介单（教育局）-补打1.pdf"
    assert document_number(number, DocumentKind.DECLARATION) == f"{number}-CN"


# -- fonts ---------------------------------------------------------------------------------------------

def _unprintable(services: Services) -> str:
    """A rare character that no font on this machine has (𠮷 on most; rarer ones otherwise)."""
    font = services.printing.font()
    for candidate in ("𠮷", "𪚥", "\U0003134a", "\U0002ebe0"):
        if fonts.missing_characters(candidate, font):
            return candidate
    pytest.skip("every candidate rare character is printable here")


def test_missing_characters_are_named_instead_of_printed_as_boxes(services: Services, clerk: Actor) -> None:
    rare = _unprintable(services)
    form = all_received(services, single_form(11, name=f"{rare}晓燕"))
    result = services.intake.submit(clerk, form)
    with pytest.raises(ValidationFailed) as refused:
        services.printing.render(clerk, result.number, DocumentKind.RECEIPT)
    assert isinstance(refused.value, MissingCharacters) and refused.value.characters == (rare,)
    message = refused.value.message
    assert rare in message and f"U+{ord(rare):04X}" in message and " / " in message and "\n" not in message
    with pytest.raises(MissingCharacters):
        services.printing.render(clerk, result.number, DocumentKind.RECEIPT, output="printer")
    assert services.printing.printed(clerk, result.number) == [], "nothing recorded for a refused print"


def test_font_named_in_settings_and_the_fallback_warning(services: Services, clerk: Actor, admin: Actor,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    assert services.printing.font_status() is None
    services.settings.put(admin, "font_file", "/nowhere/simsun.ttc")
    warning = services.printing.font_status()
    assert warning is not None and "/nowhere/simsun.ttc" in warning
    services.settings.put(admin, "font_file", "")

    monkeypatch.setattr(fonts, "_candidates", lambda: ([], []))
    fonts.find_cjk_font.cache_clear()
    try:
        choice = services.printing.font()
        assert choice.name == fonts.BUILTIN_FONT_NAME and not choice.embedded
        warning = services.printing.font_status()
        assert warning is not None and "STSong-Light" in warning
        # Still prints (the built-in font is the last resort), but says so.
        number = services.intake.submit(clerk, all_received(services, single_form(12))).number
        assert services.printing.render(clerk, number, DocumentKind.RECEIPT).pdf.startswith(b"%PDF")
    finally:
        fonts.find_cjk_font.cache_clear()


# -- two desks at once on PostgreSQL -------------------------------------------------------------------

@pytest.fixture
def pg_services(pg_db: Database) -> Services:
    return Services(pg_db, FixedClock(TEST_NOW))


def test_concurrent_prints_on_postgresql_get_distinct_copy_numbers(pg_services: Services, pg_url: str) -> None:
    setup_hall(pg_services)
    clerks = [add_user(pg_services, f"desk{n}", Role.CLERK, f"窗口{n}") for n in range(4)]
    number = pg_services.intake.submit(clerks[0], all_received(pg_services, single_form(21))).number
    barrier = threading.Barrier(len(clerks))
    results: list[RenderedDocument] = []
    errors: list[BaseException] = []

    def desk(actor: Actor) -> None:
        services = Services(Database(pg_url), FixedClock(TEST_NOW))
        try:
            for _ in range(3):
                barrier.wait(timeout=30)
                results.append(services.printing.render(actor, number, DocumentKind.RECEIPT, output="printer"))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            services.close()

    threads = [threading.Thread(target=desk, args=(actor,)) for actor in clerks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, "".join(line for exc in errors for line in traceback.format_exception(exc))
    assert sorted(r.copy_no for r in results) == list(range(1, 13)), "no copy number shared, none skipped"
    log = pg_services.printing.printed(clerks[0], number)
    assert sorted(r.copy_no for r in log) == list(range(1, 13))
    by_copy = {r.copy_no: r for r in results}
    for record in log:
        assert record.sha256 == hashlib.sha256(by_copy[record.copy_no].pdf).hexdigest()
        mark = f"补打（第 {record.copy_no - 1} 次）"
        assert (mark in pdf_text(by_copy[record.copy_no].pdf)) == (record.copy_no > 1)
    assert audit.verify(pg_services.db).ok


def test_a_desk_that_loses_the_race_takes_the_next_copy_number(pg_services: Services, pg_url: str) -> None:
    """Another desk holds copy 1 uncommitted; this desk's insert waits, is refused, and retries as copy 2."""
    setup_hall(pg_services)
    clerk = add_user(pg_services, "desk1", Role.CLERK, "窗口一")
    number = pg_services.intake.submit(clerk, all_received(pg_services, single_form(22))).number
    detail = pg_services.applications.get(clerk, number)
    other = Database(pg_url)
    connection = other.engine.connect()
    transaction = connection.begin()
    connection.execute(text(
        "INSERT INTO printed_documents (document_number, application_id, kind, copy_no, sha256, output, "
        "printed_at, printed_by_id) VALUES (:n, :a, 'receipt', 1, :h, 'printer', now(), :u)"
    ), {"n": number, "a": detail.id, "h": "0" * 64, "u": clerk.user_id})
    outcome: list[RenderedDocument | BaseException] = []

    def desk() -> None:
        try:
            outcome.append(pg_services.printing.render(clerk, number, DocumentKind.RECEIPT, output="printer"))
        except BaseException as exc:  # noqa: BLE001 - reported below
            outcome.append(exc)

    thread = threading.Thread(target=desk)
    thread.start()
    time.sleep(0.8)
    assert thread.is_alive(), "the insert waits for the other desk's copy 1"
    transaction.commit()
    connection.close()
    other.dispose()
    thread.join(timeout=30)
    assert len(outcome) == 1 and isinstance(outcome[0], RenderedDocument), outcome
    assert outcome[0].copy_no == 2 and "补打（第 1 次）" in pdf_text(outcome[0].pdf)
    with pg_services.db.reading() as session:
        copies = session.scalars(select(PrintedDocument.copy_no).where(PrintedDocument.document_number == number)
                                 .order_by(PrintedDocument.copy_no)).all()
        actions = session.scalars(select(AuditEvent.action).where(AuditEvent.entity_id == number)).all()
    assert copies == [1, 2] and actions.count("document.print") == 1


def test_referral_status_does_not_matter_once_it_went_ahead(services: Services, clerk: Actor, number: str) -> None:
    detail = services.applications.get(clerk, number)
    education = next(r for r in detail.referrals if r.department_code == "education")
    services.referrals.send(clerk, education.id, "已发送")
    assert services.applications.get(clerk, number).referrals[0].status is ReferralStatus.SENT
    kinds = [(d.kind, d.department_code) for d in services.printing.documents_for(clerk, number)]
    assert (DocumentKind.REFERRAL, "education") in kinds


def test_members_with_middle_dot_names_print(services: Services, clerk: Actor) -> None:
    form = all_received(services, replace(single_form(31, name="阿卜杜·热合曼"), members=(
        MemberInput(rid(31), "阿卜杜·热合曼"),)))
    number = services.intake.submit(clerk, form).number
    assert "阿卜杜·热合曼" in pdf_text(services.printing.render(clerk, number, DocumentKind.RECEIPT).pdf)


def test_a_reprint_names_the_receiving_clerk_and_logs_who_printed(services: Services, clerk: Actor,
                                                                   supervisor: Actor, number: str) -> None:
    """经办人 on the receipt is the clerk who received the application; the log names who reprinted."""
    preview = services.printing.render(supervisor, number, DocumentKind.RECEIPT)
    printed = services.printing.record_print(supervisor, preview, "printer")
    text = pdf_text(printed.pdf)
    assert "王丽" in text and "李强" not in text
    assert [r.printed_by_name for r in services.printing.printed(supervisor, number)] == ["李强"]
    slip = next(d for d in services.printing.documents_for(supervisor, number) if d.kind is DocumentKind.REFERRAL)
    slip_text = pdf_text(services.printing.render(supervisor, number, DocumentKind.REFERRAL,
                                                  slip.department_code).pdf)
    assert "（；" not in slip_text
