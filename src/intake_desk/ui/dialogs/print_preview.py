"""打印预览 – the documents of one application: preview, print on any installed printer, save as PDF.

The left side lists the documents that apply (受理回执, 告知承诺书, one 转介单 per department, 一次性告知书),
each with a check box; documents never printed are ticked, so right after a submit everything is
ticked and the clerk presses Enter (or Ctrl+P). A document printed before stays unticked: ticking it
prints a reprint, marked “补打（第 N 次）”. The right side shows the selected document as the next print
would look (QtPdf), which records nothing.

*打印 Print…* asks for the printer in the system print dialog; *另存为 PDF Save as…* asks for a file (one
document) or a folder (several). Every print or save is recorded in the print log through the print
service, which renders the PDF with the copy number it reserves; those are the bytes that reach the
paper or the file. All rendering, recording and painting runs off the GUI thread (QPainter on a
QPrinter and QPdfDocument both work in a worker thread), so the window never freezes; the dialog is
not modal, so the clerk can go on with the next applicant while it prints.

:func:`attach` connects a main window's ``print_requested(number)`` (the intake page after submit, the
applications page, Ctrl+P) to this dialog; ``intake_desk.ui.application`` calls it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QPageLayout, QPageSize, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from intake_desk.domain.enums import DocumentKind
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.services.errors import ServiceError
from intake_desk.services.permissions import Permission, allowed
from intake_desk.ui.i18n import in_language, label, pack_text
from intake_desk.ui.placement import opening_size
from intake_desk.ui.style import set_role
from intake_desk.ui.widgets.banner import Banner
from intake_desk.ui.worker import Operation, error_message, run_in_background

if TYPE_CHECKING:
    from intake_desk.services.printing import PrintableDocument, RenderedDocument
    from intake_desk.ui.main_window import MainWindow

log = logging.getLogger(__name__)

PRINT_DPI = 300
"""Pages are rasterised at most at this resolution for the printer (forms with 7.5 pt text stay sharp)."""

DOCUMENT_ROLE = Qt.ItemDataRole.UserRole + 1


class PrinterFailed(ServiceError):
    """The printer (or its driver) refused the job."""


# ------------------------------------------------------------------------------------------------
# painting PDFs on a printer (runs in a worker thread)
# ------------------------------------------------------------------------------------------------


def _pdf_document(pdf: bytes) -> tuple[QPdfDocument, QBuffer]:
    """A loaded QPdfDocument over ``pdf`` (the buffer must live as long as the document)."""
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready:
        raise PrinterFailed("文书无法读取，未能打印 / The document could not be read and was not printed")
    return document, buffer


def page_image(document: QPdfDocument, page: int, dpi: int) -> QImage:
    """One page rendered at ``dpi`` and painted on white (QtPdf renders onto a transparent image)."""
    points = document.pagePointSize(page)
    size = QSize(max(1, round(points.width() / 72 * dpi)), max(1, round(points.height() / 72 * dpi)))
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.drawImage(0, 0, document.render(page, size))
    painter.end()
    return image


def paint_pdfs(printer: QPrinter, pdfs: Sequence[bytes]) -> int:
    """Send ``pdfs`` to ``printer`` as one job, each page filling the sheet; returns the pages printed."""
    printer.setFullPage(True)  # the PDFs carry their own margins
    painter = QPainter()
    if not painter.begin(printer):
        raise PrinterFailed("打印机无法开始打印，请检查打印机是否连接、是否缺纸 / "
                            "The printer could not start the job; check that it is on and has paper")
    pages = 0
    try:
        dpi = min(printer.resolution(), PRINT_DPI)
        for pdf in pdfs:
            document, buffer = _pdf_document(pdf)
            try:
                for page in range(document.pageCount()):
                    if pages and not printer.newPage():
                        raise PrinterFailed("打印机拒绝了下一页 / The printer refused the next page")
                    image = page_image(document, page, dpi)
                    sheet = printer.pageLayout().fullRectPixels(printer.resolution())
                    scaled = image.size().scaled(sheet.size(), Qt.AspectRatioMode.KeepAspectRatio)
                    target = QRect(0, 0, scaled.width(), scaled.height())
                    target.moveCenter(QRect(0, 0, sheet.width(), sheet.height()).center())
                    painter.drawImage(target, image)
                    pages += 1
            finally:
                document.close()
                buffer.close()
    finally:
        painter.end()
    return pages


@dataclass(frozen=True)
class PrintOutcome:
    documents: tuple[RenderedDocument, ...]
    pages: int = 0
    files: tuple[Path, ...] = ()
    printer_name: str = ""
    """The printer the pages went to (empty when they were written to files)."""


# ------------------------------------------------------------------------------------------------
# the dialog
# ------------------------------------------------------------------------------------------------


class PrintPreviewDialog(QDialog):
    printed = Signal(str)
    """Prints or saves of the application with this number were recorded."""

    def __init__(self, services: Services, actor: Actor, number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.number = number
        self.setObjectName("printPreviewDialog")
        self.setWindowTitle(self.tr("打印文书 – %1").replace("%1", number))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setModal(False)
        self.resize(opening_size(self, 1100, 820))

        self.documents: list[PrintableDocument] = []
        self.font_warning: str | None = None
        self.printer: QPrinter | None = None
        self.last_outcome: PrintOutcome | None = None
        self._previews: dict[tuple[str, str | None], RenderedDocument] = {}
        self._wanted: tuple[str, str | None] | None = None
        self.displayed: RenderedDocument | None = None
        self._working = 0
        self._pdf = QPdfDocument(self)
        self._buffer = QBuffer(self)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        outer.setSpacing(8)
        self.title_label = QLabel(self.tr("打印文书  %1").replace("%1", number), self)
        self.title_label.setObjectName("printTitle")
        set_role(self.title_label, "subtitle")
        outer.addWidget(self.title_label)
        self.font_banner = Banner(self)
        self.font_banner.setObjectName("fontBanner")
        outer.addWidget(self.font_banner)
        self.banner = Banner(self)
        outer.addWidget(self.banner)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        left = QWidget(splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        caption = QLabel(self.tr("要打印的文书(&D)（空格键勾选）"), left)
        caption.setObjectName("documentsCaption")
        left_layout.addWidget(caption)
        self.document_list = QListWidget(left)
        self.document_list.setObjectName("documentList")
        self.document_list.setSpacing(2)
        self.document_list.setWordWrap(True)
        caption.setBuddy(self.document_list)
        left_layout.addWidget(self.document_list, 1)
        self.hint_label = QLabel(self.tr("已打印过的文书再次打印时，每页标注“补打（第 N 次）”。预览不计入打印记录。"), left)
        self.hint_label.setWordWrap(True)
        set_role(self.hint_label, "hint")
        left_layout.addWidget(self.hint_label)
        self.view = QPdfView(splitter)
        self.view.setObjectName("pdfView")
        self.view.setDocument(self._pdf)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        splitter.addWidget(left)
        splitter.addWidget(self.view)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 780])
        outer.addWidget(splitter, 1)

        buttons = QHBoxLayout()
        self.status_label = QLabel(self)
        self.status_label.setObjectName("printStatus")
        set_role(self.status_label, "hint")
        buttons.addWidget(self.status_label, 1)
        self.print_button = QPushButton(self.tr("打印(&P)…"), self)
        self.print_button.setObjectName("printButton")
        self.print_button.setProperty("role", "primary")
        self.print_button.setToolTip(self.tr("用系统打印对话框选择打印机，打印勾选的文书（Ctrl+P）"))
        self.save_button = QPushButton(self.tr("另存为 PDF(&S)…"), self)
        self.save_button.setObjectName("saveButton")
        self.save_button.setToolTip(self.tr("把勾选的文书保存为 PDF 文件（Ctrl+S），同样记入打印记录"))
        self.close_button = QPushButton(self.tr("关闭"), self)
        self.close_button.setObjectName("closeButton")
        for button in (self.print_button, self.save_button, self.close_button):
            buttons.addWidget(button)
        outer.addLayout(buttons)
        self.print_button.setDefault(True)
        self.print_button.setEnabled(False)
        self.save_button.setEnabled(False)

        self.print_button.clicked.connect(self.print_ticked)
        self.save_button.clicked.connect(self.save_ticked)
        self.close_button.clicked.connect(self.reject)
        self.document_list.currentItemChanged.connect(self._current_changed)
        self.document_list.itemChanged.connect(lambda _item: self._update_buttons())
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_ticked)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_ticked)
        self.reload()

    # -- ErrorHost -------------------------------------------------------------------------------
    def show_error(self, message: str) -> None:
        self.banner.show_message("error", message)

    # -- the documents ---------------------------------------------------------------------------
    def reload(self) -> None:
        """Fetch the documents that apply (and the font state) again, keeping the ticks the clerk set."""
        printing, actor, number = self.services.printing, self.actor, self.number

        def fetch() -> tuple[list[PrintableDocument], str | None]:
            return printing.documents_for(actor, number), printing.font_status()

        self._started(self.tr("正在读取文书…"))
        run_in_background(self, fetch, self._loaded, self._failed, label="print documents")

    def _loaded(self, result: tuple[list[PrintableDocument], str | None]) -> None:
        self._finished()
        documents, warning = result
        previous = {self._key(item): item.checkState() for item in self._items()}
        current = self._key(self.document_list.currentItem()) if self.document_list.currentItem() else None
        self.documents = list(documents)
        self.font_warning = warning
        if warning:
            self.font_banner.show_message("warning", in_language(warning))
        else:
            self.font_banner.clear()
        self.document_list.blockSignals(True)
        self.document_list.clear()
        for document in self.documents:
            item = QListWidgetItem(self._item_text(document))
            item.setData(DOCUMENT_ROLE, document)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable)
            state = previous.get(document.key)
            if state is None:
                state = Qt.CheckState.Checked if document.copies_printed == 0 else Qt.CheckState.Unchecked
            item.setCheckState(state)
            item.setToolTip(document.document_number)
            self.document_list.addItem(item)
        self.document_list.blockSignals(False)
        row = next((i for i, d in enumerate(self.documents) if d.key == current), 0)
        if self.documents:
            self.document_list.setCurrentRow(row)
            self._current_changed(self.document_list.currentItem(), None)
        self._update_buttons()
        self.print_button.setFocus()

    def _item_text(self, document: PrintableDocument) -> str:
        if document.copies_printed:
            state = self.tr("已打印 %n 次，再打印为补打", "", document.copies_printed)
        else:
            state = self.tr("未打印")
        return f"{self.title_of(document.kind, document.department_code)}\n{document.document_number}\n{state}"

    def title_of(self, kind: DocumentKind, department_code: str | None) -> str:
        """A document's name in the window's language: 受理回执, or 转介单（教育局） with the department's name."""
        department = next((d.department_name for d in self.documents
                           if d.kind is kind and d.department_code == department_code and d.department_name), None)
        if not department:
            return label(kind)
        return self.tr("%1（%2）").replace("%1", label(kind)).replace("%2", pack_text(department))

    def _items(self) -> list[QListWidgetItem]:
        return [self.document_list.item(i) for i in range(self.document_list.count())]

    @staticmethod
    def _key(item: QListWidgetItem | None) -> tuple[str, str | None] | None:
        if item is None:
            return None
        document: PrintableDocument = item.data(DOCUMENT_ROLE)
        return document.key

    def ticked(self) -> list[PrintableDocument]:
        return [item.data(DOCUMENT_ROLE) for item in self._items() if item.checkState() == Qt.CheckState.Checked]

    def set_ticked(self, keys: Sequence[tuple[str, str | None]]) -> None:
        wanted = set(keys)
        for item in self._items():
            item.setCheckState(Qt.CheckState.Checked if self._key(item) in wanted else Qt.CheckState.Unchecked)

    def _update_buttons(self) -> None:
        ready = bool(self.ticked()) and not self._working
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)

    # -- preview ---------------------------------------------------------------------------------
    def _current_changed(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is None:
            return
        document: PrintableDocument = item.data(DOCUMENT_ROLE)
        self.show_preview(document)

    def show_preview(self, document: PrintableDocument) -> None:
        key = document.key
        self._wanted = key
        cached = self._previews.get(key)
        if cached is not None and cached.copy_no == document.next_copy_no:
            self._display(cached)
            return
        printing, actor, number = self.services.printing, self.actor, self.number
        self._started(self.tr("正在生成预览…"))
        run_in_background(
            self, lambda: printing.render(actor, number, document.kind, document.department_code),
            self._previewed, self._preview_failed, label="print preview")

    def _previewed(self, rendered: RenderedDocument) -> None:
        self._finished()
        key = (rendered.kind.value, rendered.department_code)
        self._previews[key] = rendered
        if key == self._wanted:
            self._display(rendered)

    def _preview_failed(self, error: BaseException) -> None:
        self._finished()
        self._pdf.close()
        self.show_error(error_message(error))

    def _display(self, rendered: RenderedDocument) -> None:
        self._pdf.close()
        self._buffer.close()
        self._buffer.setData(QByteArray(rendered.pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._pdf.load(self._buffer)
        self.displayed = rendered
        mark = rendered.reprint_mark
        text = (self.tr("预览：%1，第 %2 份").replace("%1", self.title_of(rendered.kind, rendered.department_code))
                .replace("%2", str(rendered.copy_no)))
        if mark:
            text += self.tr("（将标注“%1”）").replace("%1", mark)
        if not self._working:
            self.status_label.setText(text)
        self.view.setToolTip(text)

    # -- printing --------------------------------------------------------------------------------
    def _printer(self) -> QPrinter:
        if self.printer is None:
            self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            self.printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
            self.printer.setPageOrientation(QPageLayout.Orientation.Portrait)
            self.printer.setDocName(self.number)
        return self.printer

    def print_ticked(self) -> None:
        """Print…: the system print dialog, then the ticked documents on the printer chosen there."""
        documents = self.ticked()
        if not documents:
            self.banner.show_message("info", self.tr("请先勾选要打印的文书。"), timeout_ms=6000)
            return
        if self._working:
            return
        printer = self._printer()
        dialog = QPrintDialog(printer, self)
        dialog.setObjectName("printDialog")
        dialog.setWindowTitle(self.tr("打印 %n 份文书", "", len(documents)))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.print_to(printer, documents))
        dialog.finished.connect(lambda _result: self._back())
        QDialog.open(dialog)  # window-modal, no nested event loop (QPrintDialog.open() wants a receiver)

    def _back(self) -> None:
        """Keyboard focus back here once the print or file dialog closes (Enter, Esc go on working)."""
        if shiboken6.isValid(self) and self.isVisible():
            self.activateWindow()

    def print_to(self, printer: QPrinter, documents: Sequence[PrintableDocument] | None = None) -> Operation:
        """Record and print ``documents`` (default: the ticked ones) on ``printer`` in the background."""
        chosen = list(documents if documents is not None else self.ticked())
        printing, actor, number = self.services.printing, self.actor, self.number
        # "Print to file" in the system dialog writes a PDF: the message must say so, not "printed".
        output_file = printer.outputFileName()
        printer_name = "" if output_file else printer.printerName()

        def job() -> PrintOutcome:
            # Check every document first (missing characters …) so nothing is recorded for a job
            # that cannot be printed whole.
            for document in chosen:
                printing.render(actor, number, document.kind, document.department_code)
            rendered = tuple(printing.render(actor, number, d.kind, d.department_code, output="printer")
                             for d in chosen)
            pages = paint_pdfs(printer, [r.pdf for r in rendered])
            return PrintOutcome(rendered, pages, files=(Path(output_file),) if output_file else (),
                                printer_name=printer_name)

        self._started(self.tr("正在打印…"))
        return run_in_background(self, job, self._printed, self._failed, label="print documents")

    def save_ticked(self) -> None:
        """Save as…: one document to a file, several to a folder (names say the document and copy)."""
        documents = self.ticked()
        if not documents:
            self.banner.show_message("info", self.tr("请先勾选要保存的文书。"), timeout_ms=6000)
            return
        if self._working:
            return
        dialog = QFileDialog(self)
        dialog.setObjectName("saveDialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setDirectory(str(Path.home()))
        if len(documents) == 1:
            dialog.setWindowTitle(self.tr("另存为 PDF"))
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            dialog.setFileMode(QFileDialog.FileMode.AnyFile)
            dialog.setNameFilter(self.tr("PDF 文件 (*.pdf)"))
            dialog.setDefaultSuffix("pdf")
            preview = self._previews.get(documents[0].key)
            dialog.selectFile(preview.file_name if preview else f"{documents[0].document_number}.pdf")
            dialog.fileSelected.connect(lambda path: self.save_to(Path(path), documents))
        else:
            dialog.setWindowTitle(self.tr("把 %n 份文书保存到文件夹", "", len(documents)))
            dialog.setFileMode(QFileDialog.FileMode.Directory)
            dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
            dialog.fileSelected.connect(lambda path: self.save_to(Path(path), documents))
        dialog.finished.connect(lambda _result: self._back())
        QDialog.open(dialog)

    def save_to(self, target: Path, documents: Sequence[PrintableDocument] | None = None) -> Operation:
        """Record and write ``documents`` as PDF: to ``target`` itself for one, into the folder ``target`` else."""
        chosen = list(documents if documents is not None else self.ticked())
        printing, actor, number = self.services.printing, self.actor, self.number
        into_folder = target.is_dir()

        def job() -> PrintOutcome:
            for document in chosen:
                printing.render(actor, number, document.kind, document.department_code)
            rendered: list[RenderedDocument] = []
            files: list[Path] = []
            for document in chosen:
                result = printing.render(actor, number, document.kind, document.department_code, output="file")
                path = target / result.file_name if into_folder else target
                try:
                    path.write_bytes(result.pdf)
                except OSError as exc:
                    raise PrinterFailed(f"无法写入 {path}（{exc.strerror}） / Cannot write {path} ({exc.strerror})") \
                        from None
                rendered.append(result)
                files.append(path)
            return PrintOutcome(tuple(rendered), files=tuple(files))

        self._started(self.tr("正在保存…"))
        return run_in_background(self, job, self._printed, self._failed, label="save documents")

    def _printed(self, outcome: PrintOutcome) -> None:
        self._finished()
        self.last_outcome = outcome
        listed = self.tr("、").join(self.tr("%1（第 %2 份）").replace("%1", self.title_of(r.kind, r.department_code))
                                   .replace("%2", str(r.copy_no)) for r in outcome.documents)
        if outcome.files:
            where = str(outcome.files[0].parent if len(outcome.files) > 1 else outcome.files[0])
            message = self.tr("已保存为 PDF 文件（未打印）%1：%2").replace("%1", listed).replace("%2", where)
        elif outcome.printer_name:
            message = (self.tr("已交给打印机“%3”：%1，共 %n 页。请到打印机取件。", "", outcome.pages).replace("%1", listed)
                       .replace("%3", outcome.printer_name))
        else:
            message = self.tr("已交给默认打印机：%1，共 %n 页。请到打印机取件。", "", outcome.pages).replace("%1", listed)
        self.banner.show_message("ok", message)
        self._previews.clear()
        self.set_ticked([])
        self.printed.emit(self.number)
        self.reload()

    def _failed(self, error: BaseException) -> None:
        self._finished()
        self.show_error(error_message(error))
        self.reload()

    # -- busy state ------------------------------------------------------------------------------
    def _started(self, text: str) -> None:
        self._working += 1
        self.status_label.setText(text)
        self._update_buttons()

    def _finished(self) -> None:
        self._working = max(0, self._working - 1)
        if not self._working:
            self.status_label.clear()
        self._update_buttons()

    @property
    def working(self) -> bool:
        return self._working > 0


# ------------------------------------------------------------------------------------------------
# the main window's hook
# ------------------------------------------------------------------------------------------------


def attach(window: MainWindow, *, connect: bool = True) -> Callable[[str], PrintPreviewDialog | None]:
    """Open this dialog whenever ``window`` asks to print an application (one dialog per application);
    returns the opener (``connect=False``: the caller connects it)."""
    dialogs: dict[str, PrintPreviewDialog] = {}

    def open_preview(number: str) -> PrintPreviewDialog | None:
        if not allowed(window.actor, Permission.PRINT):
            window.banner.show_message("info", window.tr("您的角色不能打印文书。"), timeout_ms=8000)
            return None
        dialog = dialogs.get(number)
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.show()
            dialog.raise_()
            dialog.activateWindow()
            dialog.reload()
            return dialog
        dialog = PrintPreviewDialog(window.services, window.actor, number, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialogs[number] = dialog
        dialog.finished.connect(lambda _result, n=number: _closed(window, dialogs, n))
        dialog.printed.connect(lambda n: _application_printed(window, n))
        dialog.show()
        dialog.activateWindow()
        return dialog

    if connect:
        window.print_requested.connect(open_preview)
        window.open_print_preview = open_preview  # type: ignore[attr-defined]
    return open_preview


def _closed(window: MainWindow, dialogs: dict[str, PrintPreviewDialog], number: str) -> None:
    """Back to the window the clerk came from (the keyboard goes on where it was, e.g. Ctrl+N)."""
    dialogs.pop(number, None)
    if shiboken6.isValid(window) and window.isVisible():
        window.activateWindow()


def _application_printed(window: MainWindow, number: str) -> None:
    """Pages that show the application refresh its print log."""
    if not shiboken6.isValid(window):
        return
    for page in window.pages.values():
        refresh = getattr(page, "application_printed", None)
        if refresh is not None:
            refresh(number)


__all__ = ["PrintPreviewDialog", "PrinterFailed", "attach", "page_image", "paint_pdfs"]
