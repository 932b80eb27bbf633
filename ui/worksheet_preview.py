"""Worksheets before they are printed: a preview inside the app, then print or save as PDF."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.services.errors import InvalidEntry
from app.services.worksheets import worksheet_data
from ui.context import Context
from ui.export import suggested_file
from ui.style import fit_to_screen

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

    def __init__(self, ctx: Context, visits: list[tuple[int, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.visits = ctx, visits
        self.setWindowTitle(f"Worksheets: {len(visits)} visit{'s' if len(visits) != 1 else ''}")
        fit_to_screen(self, 900, 900)  # resizable: the pages follow the window's width
        self.setSizeGripEnabled(True)
        self.folder = tempfile.TemporaryDirectory(prefix="sitetrack-worksheets-")
        self.pdf = Path(self.folder.name) / "worksheets.pdf"
        self.file_name = suggested_file("Worksheets", day=ctx.today(), ending=".pdf")
        self.progress: QProgressDialog | None = None
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.page_size = QComboBox()
        self.page_size.addItems(["A4", "Letter"])
        from ui.settings_dialog import paper_size

        self.page_size.setCurrentText(paper_size())  # this workstation's paper
        self.page_size.currentTextChanged.connect(lambda _t: self.build())
        bar.addWidget(QLabel("Paper"))
        bar.addWidget(self.page_size)
        self.info = QLabel()
        bar.addWidget(self.info, 1)
        self.print_button = QPushButton("Print…")
        self.print_button.clicked.connect(lambda: self.print_pdf())
        self.save_button = QPushButton("Save as PDF…")
        self.save_button.clicked.connect(lambda: self.save_pdf())
        close = QPushButton("Close")
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
        self.build()

    def build(self) -> None:
        """The worksheets made and their pages drawn off the GUI thread (a clinic day's
        thirty take seconds): the window answers meanwhile, Cancel stops between pages."""
        from reports.worksheet import write_worksheets
        from ui.background import Cancelled, run_in_background

        ratio = self.devicePixelRatioF()  # the screen's pixels: sharp at 150 or 200 %
        paper, today = self.page_size.currentText(), self.ctx.today()

        def make(cancel):  # type: ignore[no-untyped-def]
            sheets = [worksheet_data(self.ctx.db, None, pid, code, today)
                      for pid, code in self.visits]
            pages = write_worksheets(sheets, self.pdf, paper)
            images = []
            for image in render_pages(self.pdf, scale=1.3 * ratio):
                if cancel.is_set():
                    raise Cancelled("the preview was cancelled")
                images.append(image)
            return sheets, pages, images

        try:
            sheets, self.page_count, images = run_in_background(
                self, "Worksheets", f"Making {len(self.visits)} worksheet(s)…", make)
            # saved as: one visit by its subject and visit, several as the clinic day's
            self.file_name = suggested_file(
                *((sheets[0].subject_id, self.visits[0][1]) if len(sheets) == 1
                  else ("Worksheets", f"{len(sheets)} visits")),
                day=self.ctx.today(), ending=".pdf")
        except (InvalidEntry, OSError, ValueError, Cancelled) as exc:
            self.info.setText(f"Cannot make the worksheets: {exc}")
            self.print_button.setEnabled(False)
            self.save_button.setEnabled(False)
            return
        while self.pages.count():
            item = self.pages.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        for image in images:
            label = QLabel()
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(ratio)
            label.setPixmap(pixmap)
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.pages.addWidget(label)
        self.info.setText(f"{len(self.visits)} worksheet(s), {self.page_count} page(s)")

    def save_pdf(self, path: str | None = None) -> bool:
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, "Save the worksheets",
                                                  self.file_name, "PDF files (*.pdf)")
        if not path:
            return False
        try:
            shutil.copyfile(self.pdf, path)
        except OSError as exc:
            QMessageBox.warning(self, "Save the worksheets",
                                f"Cannot write {path}: {exc.strerror or exc}")
            return False
        self.info.setText(f"Saved to {path}")
        return True

    def print_pdf(self, printer=None) -> bool:  # type: ignore[no-untyped-def]
        """Page by page, in grey, at the printer's resolution capped at 300 dpi, fitted to
        its page, with progress and Cancel (a printer job of a few MB, not of page-sized
        1200 dpi colour images)."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
                return False
        dpi = min(printer.resolution(), PRINT_DPI)
        progress = self.print_progress()
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self, "Print", "The printer could not be started.")
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
            self.info.setText(f"Printing cancelled after {sent} of {self.page_count} pages")
            return False
        self.info.setText(f"{sent} page(s) sent to the printer")
        return True

    def print_progress(self) -> QProgressDialog:
        """The one progress window of this preview's printing (made once: a progress window
        made and dropped at each print was deleted twice at exit, by Qt and by Python)."""
        if self.progress is None:
            self.progress = QProgressDialog("Sending the worksheets to the printer…",
                                            "Cancel", 0, 1, self)
            self.progress.setWindowTitle("Print")
            self.progress.setWindowModality(Qt.WindowModality.WindowModal)
            self.progress.setMinimumDuration(300)
            self.progress.setAutoReset(False)
        self.progress.reset()
        self.progress.setMaximum(self.page_count)
        return self.progress

    def done(self, result: int) -> None:
        super().done(result)
        self.folder.cleanup()
