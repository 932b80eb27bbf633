"""Worksheets before they are printed: a preview inside the app, then print or save as PDF."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.services.worksheets import WorksheetData, day_worksheets
from ui.context import Context
from ui.export import save_path, suggested_file
from ui.i18n import counted, said, tr
from ui.style import fit_to_screen

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from app.services.worksheets import WorksheetData

PRINT_DPI = 300  # the most a page is rendered at for a printer: sharp, and a spool of MBs


def render_pages(pdf: Path, scale: float = 1.3, grey: bool = False) -> Iterator[QImage]:
    """Each page of a PDF as an image, one at a time (pdfium renders; Qt only shows): a
    printer gets a page while the next is drawn, never all of them held at once."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        for page in document:
            bitmap = page.render(scale=scale, grayscale=grey)
            kind = QImage.Format.Format_Grayscale8 if bitmap.n_channels == 1 \
                else QImage.Format.Format_BGR888
            image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride,
                           kind)
            yield image.copy()  # own the pixels before pdfium frees them
    finally:
        document.close()


class WorksheetPreview(QDialog):
    """The worksheets of the chosen visits, as they will print."""

    built = Signal()  # the pages show (or why they cannot)

    def __init__(self, ctx: Context, visits: list[tuple[int, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.visits = ctx, visits
        self.setWindowTitle(tr("Worksheets: {visits}").format(
            visits=counted(len(visits), tr("{n} visit"), tr("{n} visits"))))
        fit_to_screen(self, 900, 900)  # resizable: the pages follow the window's width
        self.setSizeGripEnabled(True)
        self.folder = tempfile.TemporaryDirectory(prefix="sitetrack-worksheets-")
        self.pdf = Path(self.folder.name) / "worksheets.pdf"
        self.file_name = suggested_file("Worksheets", day=ctx.today(), ending=".pdf")
        self.progress: QProgressDialog | None = None
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        from ui.workstation import PAPER_SIZES, paper_size

        self.page_size = QComboBox()
        for paper in PAPER_SIZES:
            self.page_size.addItem(tr(paper), paper)
        # this workstation's paper
        self.page_size.setCurrentIndex(max(self.page_size.findData(paper_size()), 0))
        self.page_size.currentIndexChanged.connect(lambda _t: self.build())
        bar.addWidget(QLabel(tr("Paper")))
        bar.addWidget(self.page_size)
        self.info = QLabel()
        bar.addWidget(self.info, 1)
        self.print_button = QPushButton(tr("Print…"))
        self.print_button.clicked.connect(lambda: self.print_pdf())
        self.save_button = QPushButton(tr("Save as PDF…"))
        self.save_button.clicked.connect(lambda: self.save_pdf())
        close = QPushButton(tr("Close"))
        close.clicked.connect(self.reject)
        for b in (self.print_button, self.save_button, close):
            bar.addWidget(b)
        layout.addLayout(bar)
        self.pages = QVBoxLayout()
        holder = QWidget()
        holder.setLayout(self.pages)
        scroll = QScrollArea()
        scroll.setWidget(holder)
        scroll.setWidgetResizable(True)
        layout.addWidget(scroll, 1)
        self.page_count = 0
        self.builds = 0  # the worksheets asked for: only the last one asked shows
        self.building = False
        self.build()

    def build(self) -> None:
        """The worksheets made and their pages drawn off the GUI thread (a clinic day's
        thirty take seconds): the window answers meanwhile, Cancel stops between pages.
        `built` says when they show (a paper changed meanwhile: the last one asked)."""
        from app.services.errors import InvalidEntry
        from reports.worksheet import write_worksheets
        from ui.operations import Cancelled, Job, Operation, show_failure

        ratio = self.devicePixelRatioF()  # the screen's pixels: sharp at 150 or 200 %
        paper, today, db = str(self.page_size.currentData()), self.ctx.today(), self.ctx.db
        self.builds += 1
        asked, pdf = self.builds, Path(self.folder.name) / f"worksheets-{self.builds}.pdf"
        self.building = True
        self.print_button.setEnabled(False)
        self.save_button.setEnabled(False)

        def make(job: Job) -> tuple[list[WorksheetData], int, list[QImage]]:
            sheets = day_worksheets(db, self.visits, today)  # one query per table
            pages = write_worksheets(sheets, pdf, paper)
            images = []
            for image in render_pages(pdf, scale=1.3 * ratio):
                if job.cancelled():
                    raise Cancelled(tr("the preview was cancelled"))
                images.append(image)
            return sheets, pages, images

        def made(result: tuple[list[WorksheetData], int, list[QImage]]) -> None:
            if asked == self.builds and shiboken6.isValid(self):
                self.pdf = pdf
                self._show(*result)

        def failed(exc: Exception) -> None:
            if asked != self.builds or not shiboken6.isValid(self):
                return
            self.building = False
            self.info.setText(tr("Cannot make the worksheets: {exc}").format(exc=said(exc)))
            if not isinstance(exc, InvalidEntry | OSError | ValueError | Cancelled):
                show_failure(self, tr("Worksheets"), exc)  # unforeseen: logged too
            self.built.emit()

        Operation(self, make, title=tr("Worksheets")).with_progress(
            tr("Making {visits} worksheet(s)…").format(visits=len(self.visits))).success(
                made).failure(failed).run()

    def _show(self, sheets: list[WorksheetData], page_count: int, images: list[QImage]
              ) -> None:
        # saved as: one visit by its subject and visit, several as the clinic day's
        self.page_count = page_count
        self.file_name = suggested_file(
            *((sheets[0].subject_id, self.visits[0][1]) if len(sheets) == 1
              else (tr("Worksheets"), f"{len(sheets)} visits")),
            day=self.ctx.today(), ending=".pdf")
        while self.pages.count():
            item = self.pages.takeAt(0)
            shown = item.widget() if item is not None else None
            if shown is not None:
                shown.deleteLater()
        for image in images:
            label = QLabel()
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(self.devicePixelRatioF())
            label.setPixmap(pixmap)
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.pages.addWidget(label)
        self.info.setText(tr("{visits} worksheet(s), {page_count} page(s)").format(
                visits=len(self.visits), page_count=self.page_count))
        self.building = False
        self.print_button.setEnabled(True)
        self.save_button.setEnabled(True)
        self.built.emit()

    def save_pdf(self, path: str | None = None) -> bool:
        if not path:
            path = save_path(self, tr("Save the worksheets"), self.file_name,
                             tr("PDF files (*.pdf)"))
        if not path:
            return False
        try:
            shutil.copyfile(self.pdf, path)
        except OSError as exc:
            QMessageBox.warning(self, tr("Save the worksheets"),
                                tr("Cannot write {path}: {problem}").format(
                                        path=path, problem=exc.strerror or exc))
            return False
        self.info.setText(tr("Saved to {path}").format(path=path))
        return True

    def print_pdf(self, printer: QPrinter | None = None) -> bool:
        """Page by page, in grey, at the printer's resolution capped at 300 dpi, fitted to
        its page, with progress and Cancel (a printer job of a few MB, not of page-sized
        1200 dpi colour images).

        The printer is set to print in grey: Qt then sends each page's picture as the grey
        it is, losslessly compressed (about 0.16 MB a page), where in colour it made it a
        colour JPEG (0.9 MB a page, and blurred at the letters' edges)."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
                return False
        printer.setColorMode(QPrinter.ColorMode.GrayScale)  # worksheets are black and white
        dpi = min(printer.resolution(), PRINT_DPI)
        progress = self.print_progress()
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self, tr("Print"), tr("The printer could not be started."))
            return False
        sent = 0
        try:
            for image in render_pages(self.pdf, scale=dpi / 72, grey=True):
                if progress.wasCanceled():
                    printer.abort()
                    break
                if sent:
                    printer.newPage()
                target = painter.viewport()
                fitted = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRect(target.topLeft(), fitted), image)
                sent += 1
                progress.setValue(sent)
                QApplication.processEvents()  # the window answers; Cancel can be pressed
        finally:
            painter.end()
            progress.close()
        if sent < self.page_count:
            self.info.setText(tr("Printing cancelled after {sent} of {page_count} pages").format(
                    sent=sent, page_count=self.page_count))
            return False
        self.info.setText(tr("{sent} page(s) sent to the printer").format(sent=sent))
        return True

    def print_progress(self) -> QProgressDialog:
        """The one progress window of this preview's printing (made once: a progress window
        made and dropped at each print was deleted twice at exit, by Qt and by Python)."""
        if self.progress is None:
            self.progress = QProgressDialog(tr("Sending the worksheets to the printer…"),
                                            tr("Cancel"), 0, 1, self)
            self.progress.setWindowTitle(tr("Print"))
            self.progress.setWindowModality(Qt.WindowModality.WindowModal)
            self.progress.setMinimumDuration(300)
            self.progress.setAutoReset(False)
        self.progress.reset()
        self.progress.setMaximum(self.page_count)
        return self.progress

    def done(self, result: int) -> None:
        super().done(result)
        self.folder.cleanup()
