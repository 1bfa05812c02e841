"""The print preview with the real window: opened after a submitted intake, printed through the system
print dialog onto a printer that writes a PDF file (the only stand-in: no paper), saved as PDF, reprinted
from the applications page; the print log records every print. Screenshots in ``artifacts/screens/``."""

from __future__ import annotations

import hashlib
import io
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from intake_desk.domain.enums import AssistanceType, DocumentKind
from intake_desk.printing import fonts
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.services.intake import MaterialInput, referral_choice
from intake_desk.ui.dialogs.print_preview import PrintPreviewDialog, page_image
from intake_desk.ui.pages.intake.state import IntakeState
from tests.gui.conftest import press, settle
from tests.intake_data import single_form, zhuzhou_form

LEFT = Qt.MouseButton.LeftButton


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def intake_form(services: Services, clerk: Actor):  # type: ignore[no-untyped-def]
    """Zhuzhou household with its referrals agreed and only the application form received."""
    form = replace(zhuzhou_form(), materials=(
        MaterialInput(AssistanceType.DIBAO, "application_form", "社会救助申请书", received=True),))
    preview = services.intake.preview(clerk, form)
    return replace(form, referrals=tuple(referral_choice(p, consent_given=True) for p in preview.referrals))


def open_dialog(qtbot: QtBot, window) -> PrintPreviewDialog:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.findChild(PrintPreviewDialog) is not None)
    dialog = window.findChild(PrintPreviewDialog)
    qtbot.waitUntil(lambda: dialog.isVisible() and bool(dialog.documents) and dialog.displayed is not None)
    settle(qtbot)
    return dialog


def pdf_printer(dialog: PrintPreviewDialog, path: Path) -> QPrinter:
    """The printer the clerk picks in the print dialog; here it writes a PDF file instead of paper."""
    printer = dialog._printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_preview_and_print_after_a_submitted_intake(qtbot: QtBot, services: Services, clerk: Actor, make_window,
                                                    screens: Path, tmp_path: Path) -> None:
    window = make_window(services, clerk)
    page = window.show_page("intake")
    settle(qtbot)
    page._load_state(IntakeState.from_form(intake_form(services, clerk)), step=7)
    settle(qtbot)
    qtbot.mouseClick(page.submit_step.ui.submitButton, LEFT)
    settle(qtbot)
    number = page.submitted_number
    assert number is not None

    # the submit step's print button opens the preview, every document ticked
    qtbot.mouseClick(page.submit_step.ui.printButton, LEFT)
    dialog = open_dialog(qtbot, window)
    assert not dialog.isModal(), "printing never blocks the window"
    kinds = [(d.kind, d.department_code) for d in dialog.documents]
    assert kinds == [(DocumentKind.RECEIPT, None), (DocumentKind.DECLARATION, None),
                     (DocumentKind.REFERRAL, "education"), (DocumentKind.REFERRAL, "employment"),
                     (DocumentKind.NOTICE, None)]
    assert [d.document_number for d in dialog.ticked()] == [d.document_number for d in dialog.documents]
    assert dialog.displayed.kind is DocumentKind.RECEIPT and dialog.displayed.copy_no == 1
    assert dialog._pdf.pageCount() == 1
    assert not dialog.font_banner.isVisible()
    assert services.printing.printed(clerk, number) == [], "a preview is not a print"
    dialog.grab().save(str(screens / "80_print_preview.png"))

    # another document: its preview (two pages for the declaration), painted on white
    dialog.document_list.setCurrentRow(1)
    settle(qtbot)
    assert dialog.displayed.kind is DocumentKind.DECLARATION and dialog._pdf.pageCount() == 2
    first = page_image(dialog._pdf, 0, 30)
    assert first.pixelColor(2, 2).name() == "#ffffff", "no transparent page"
    assert dialog.print_button.hasFocus() or dialog.document_list.hasFocus()

    # Print…: the system print dialog, then all five documents in one job
    output = tmp_path / "printed.pdf"
    pdf_printer(dialog, output)
    qtbot.mouseClick(dialog.print_button, LEFT)
    qtbot.waitUntil(lambda: dialog.findChild(QPrintDialog, "printDialog") is not None)
    chooser = dialog.findChild(QPrintDialog, "printDialog")
    qtbot.waitUntil(chooser.isVisible)
    chooser.grab().save(str(screens / "81_print_dialog.png"))
    chooser.accept()
    settle(qtbot)
    qtbot.waitUntil(lambda: dialog.last_outcome is not None and not dialog.working, timeout=60_000)
    outcome = dialog.last_outcome
    assert [(r.kind, r.copy_no) for r in outcome.documents] == [(k, 1) for k, _ in kinds]
    assert len(PdfReader(str(output)).pages) == outcome.pages >= 6
    # The chosen "printer" writes a file: the message says a PDF was saved, and where, not "printed".
    assert dialog.banner.kind == "ok" and "已保存为 PDF 文件（未打印）" in dialog.banner.text()
    assert str(output) in dialog.banner.text() and outcome.files == (output,)

    log = services.printing.printed(clerk, number)
    assert [(r.kind, r.copy_no, r.output, r.printed_by_name) for r in log] == [
        (k, 1, "printer", "王丽") for k, _ in kinds]
    assert [r.sha256 for r in log] == [r.sha256 for r in outcome.documents]

    # after the print nothing is ticked (Enter twice prints nothing twice); the list says what was printed
    settle(qtbot)
    assert dialog.ticked() == [] and not dialog.print_button.isEnabled()
    assert all(d.copies_printed == 1 for d in dialog.documents)
    assert "已打印 1 次" in dialog.document_list.item(0).text()
    dialog.grab().save(str(screens / "82_print_preview_after.png"))

    # Save as PDF: the receipt again, a reprint
    dialog.set_ticked([(DocumentKind.RECEIPT.value, None)])
    dialog.document_list.setCurrentRow(0)
    settle(qtbot)
    assert dialog.displayed.copy_no == 2 and "补打（第 1 次）" in dialog.status_label.text()
    qtbot.mouseClick(dialog.save_button, LEFT)
    qtbot.waitUntil(lambda: dialog.findChild(QFileDialog, "saveDialog") is not None)
    chooser = dialog.findChild(QFileDialog, "saveDialog")
    saved = tmp_path / "receipt-copy.pdf"
    chooser.selectFile(str(saved))
    chooser.accept()
    settle(qtbot)
    qtbot.waitUntil(lambda: saved.exists() and not dialog.working, timeout=30_000)
    assert "补打（第 1 次）" in pdf_text(saved.read_bytes())
    last = services.printing.printed(clerk, number)[-1]
    assert (last.kind, last.copy_no, last.output) == (DocumentKind.RECEIPT, 2, "file")
    assert last.sha256 == hashlib.sha256(saved.read_bytes()).hexdigest()

    # closing goes back to the window; the applications page lists the printed documents
    press(qtbot, Qt.Key.Key_Escape)
    settle(qtbot)
    assert window.findChild(PrintPreviewDialog) is None or not window.findChild(PrintPreviewDialog).isVisible()
    applications = window.show_page("applications")
    settle(qtbot)
    applications.open(number)
    qtbot.waitUntil(lambda: applications.detail is not None and applications.detail.number == number)
    assert [(p.kind, p.copy_no) for p in applications.detail.printed][-1] == (DocumentKind.RECEIPT, 2)
    assert len(applications.detail.printed) == 6
    assert "打印记录" in applications.ui.detail.toPlainText() and "王丽" in applications.ui.detail.toPlainText()


def test_reprint_from_the_applications_page(qtbot: QtBot, services: Services, clerk: Actor, make_window,
                                            screens: Path, tmp_path: Path) -> None:
    number = services.intake.submit(clerk, intake_form(services, clerk)).number
    services.printing.render(clerk, number, DocumentKind.RECEIPT, output="printer")
    window = make_window(services, clerk)
    page = window.show_page("applications")
    settle(qtbot)
    page.open(number)
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.number == number)
    assert page.print_button.isEnabled()
    qtbot.mouseClick(page.print_button, LEFT)
    dialog = open_dialog(qtbot, window)
    ticked = [d.kind for d in dialog.ticked()]
    assert DocumentKind.RECEIPT not in ticked and DocumentKind.DECLARATION in ticked, "printed ones stay unticked"

    # Ctrl+P in the window brings up the same dialog, not a second one
    window.activateWindow()
    window.print_requested.emit(number)
    settle(qtbot)
    assert len(window.findChildren(PrintPreviewDialog)) == 1

    dialog.set_ticked([(DocumentKind.RECEIPT.value, None)])
    output = tmp_path / "reprint.pdf"
    printer = pdf_printer(dialog, output)
    dialog.print_to(printer)  # the printer as chosen in the print dialog
    qtbot.waitUntil(lambda: dialog.last_outcome is not None and not dialog.working, timeout=60_000)
    assert [(r.kind, r.copy_no) for r in dialog.last_outcome.documents] == [(DocumentKind.RECEIPT, 2)]
    assert output.exists() and len(PdfReader(str(output)).pages) == 1
    settle(qtbot)
    qtbot.waitUntil(lambda: page.detail is not None and len(page.detail.printed) == 2)
    text = page.ui.detail.toPlainText()
    assert text.count("受理回执") >= 2, "both prints are listed on the application"


def test_font_fallback_is_shown(qtbot: QtBot, services: Services, clerk: Actor, make_window, screens: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    number = services.intake.submit(clerk, intake_form(services, clerk)).number
    monkeypatch.setattr(fonts, "_candidates", lambda: ([], []))
    fonts.find_cjk_font.cache_clear()
    try:
        window = make_window(services, clerk)
        window.print_requested.emit(number)
        dialog = open_dialog(qtbot, window)
        assert dialog.font_banner.isVisible() and dialog.font_banner.kind == "warning"
        assert "STSong-Light" in dialog.font_banner.text()
        dialog.grab().save(str(screens / "83_print_font_warning.png"))
    finally:
        fonts.find_cjk_font.cache_clear()


def test_missing_characters_are_named_and_nothing_is_recorded(qtbot: QtBot, services: Services, clerk: Actor,
                                                              make_window, screens: Path, tmp_path: Path) -> None:
    font = services.printing.font()
    rare = next((c for c in ("𠮷", "𪚥", "\U0003134a") if fonts.missing_characters(c, font)), None)
    if rare is None:
        pytest.skip("every candidate rare character is printable here")
    number = services.intake.submit(clerk, single_form(5, name=f"{rare}晓燕")).number
    window = make_window(services, clerk)
    window.print_requested.emit(number)
    qtbot.waitUntil(lambda: window.findChild(PrintPreviewDialog) is not None)
    dialog = window.findChild(PrintPreviewDialog)
    qtbot.waitUntil(lambda: bool(dialog.documents) and dialog.banner.kind == "error")
    settle(qtbot)
    assert rare in dialog.banner.text()
    dialog.grab().save(str(screens / "84_print_missing_character.png"))
    dialog.print_to(pdf_printer(dialog, tmp_path / "never.pdf"))
    settle(qtbot)
    qtbot.waitUntil(lambda: not dialog.working)
    assert rare in dialog.banner.text() and dialog.banner.kind == "error"
    assert services.printing.printed(clerk, number) == []
    assert QApplication.activeModalWidget() is None
