"""Worksheets previewed inside the app, saved and printed, from the patient page and worklist."""

from __future__ import annotations

from datetime import date

import numpy as np
from pypdf import PdfReader
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtPrintSupport import QPrinter

from app.services.patients import EnrolmentForm, enrol
from tests.ui.conftest import TODAY
from ui.main_window import MainWindow
from ui.places import WorklistPage
from ui.worksheet_preview import WorksheetPreview


def test_preview_save_and_print(qtbot, ctx, tmp_path):
    pid = enrol(ctx.db, ctx.protocol, EnrolmentForm(
        subject_id="101-001", initials="ABC", year_of_birth=1960, sex="F",
        part=1, dose_level="DL1", cohort=None,
        consent_date=date(2025, 12, 1), planned_first_dose=date(2026, 1, 5)), TODAY)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.open_patient(pid)
    preview = window.patient_view.worksheet_preview("LI")
    qtbot.addWidget(preview)
    assert preview.building and not preview.save_button.isEnabled()  # made off the thread
    qtbot.waitUntil(lambda: not preview.building, timeout=30_000)
    assert preview.save_button.isEnabled()
    assert preview.page_count >= 1 and preview.pages.count() == preview.page_count
    assert not preview.pages.itemAt(0).widget().pixmap().isNull()
    assert preview.save_pdf(str(tmp_path / "li.pdf"))
    assert "101-001" in PdfReader(tmp_path / "li.pdf").pages[0].extract_text()
    preview.page_size.setCurrentText("Letter")
    qtbot.waitUntil(lambda: not preview.building, timeout=30_000)
    assert preview.save_pdf(str(tmp_path / "li-letter.pdf"))
    assert PdfReader(tmp_path / "li-letter.pdf").pages[0].mediabox.width == 612
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert preview.print_pdf(printer)
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == preview.page_count


def test_worklist_prints_the_selected_visits(qtbot, sqlite_demo_site, monkeypatch):
    from app.rules.protocol import default_protocol
    from ui.context import Context

    today = date(2026, 11, 25)
    sqlite_db = sqlite_demo_site(today, patients=16)
    ctx = Context(sqlite_db, default_protocol(), clock=lambda: today)
    page = WorklistPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    selection = page.table.selectionModel()
    for row in (0, 2):
        selection.select(page.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)
    shown: list[list] = []
    monkeypatch.setattr(WorksheetPreview, "exec", lambda self: shown.append(self.visits))
    page.print_selected()
    expected = sorted((page.model.rows[r] for r in (0, 2)), key=lambda r: r.subject_id)
    assert shown == [[(r.patient_id, r.code) for r in expected]]


def test_printing_goes_page_by_page_in_grey_at_300_dpi_and_can_be_cancelled(
        qtbot, sqlite_demo_site, tmp_path, monkeypatch):
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QProgressDialog

    from app.rules.protocol import default_protocol
    from app.services.worklist import worklist
    from ui.context import Context
    from ui.worksheet_preview import WorksheetPreview, render_pages

    today = date(2026, 11, 25)
    sqlite_db = sqlite_demo_site(today, patients=16)  # the demo of the test above
    ctx = Context(sqlite_db, default_protocol(), clock=lambda: today)
    visits = [(r.patient_id, r.code) for r in worklist(sqlite_db, today, 30)][:4]
    preview = WorksheetPreview(ctx, visits)
    qtbot.addWidget(preview)
    qtbot.waitUntil(lambda: not preview.building, timeout=30_000)
    assert preview.page_count >= 4
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)   # 1200 dpi: capped at 300
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    assert preview.print_pdf(printer)
    printed = PdfReader(out).pages
    assert len(printed) == preview.page_count
    # 6 pages under 5 MB (they were a colour JPEG each, 0.9 MB; grey and lossless: 0.2 MB)
    assert out.stat().st_size < 5_000_000 * preview.page_count / 6
    # each printed page is the worksheet's page at 300 dpi in grey, pixel for pixel: its
    # text and barcodes as they are, no JPEG blur at their edges
    pages = render_pages(preview.pdf, scale=300 / 72, grey=True)
    for sent, page in zip(printed, pages, strict=True):
        image = sent.images[0].image
        assert image.mode == "L"
        drawn = np.frombuffer(bytes(page.constBits()), np.uint8).reshape(
            page.height(), page.bytesPerLine())[:, :page.width()]
        assert np.array_equal(np.asarray(image), drawn)
    cancelled = iter([False, True])                                  # Cancel after page 1
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: next(cancelled, True))
    printer.setOutputFileName(str(tmp_path / "cancelled.pdf"))
    assert not preview.print_pdf(printer)
    assert preview.info.text().startswith("Printing cancelled after 1 of")


def test_the_preview_is_drawn_at_the_screen_s_pixels_at_200_percent(sqlite_demo_site):
    """In a process whose screen is at 200 % (QT_SCALE_FACTOR=2): the pages' pictures have
    twice the pixels and say so, so they show sharp at their normal size. (The process
    opens a copy of a filled demo: filling one there costs more than the check.)"""
    import os
    import subprocess
    import sys
    from pathlib import Path

    script = """
import sys
from datetime import date
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv)
from app.rules.protocol import default_protocol
from app.services.database import open_site_database
from ui.context import Context
from ui.worksheet_preview import WorksheetPreview
db = open_site_database(sys.argv[1])
preview = WorksheetPreview(Context(db, default_protocol(), clock=lambda: date(2026, 11, 25)),
                           [(1, "SCR")])
from PySide6.QtCore import QEventLoop
loop = QEventLoop()
preview.built.connect(loop.quit)
loop.exec()  # the pages are drawn off the GUI thread
pixmaps = [l.pixmap() for l in preview.findChildren(QLabel) if not l.pixmap().isNull()]
print(preview.devicePixelRatioF(), pixmaps[0].devicePixelRatio(),
      pixmaps[0].width() / pixmaps[0].deviceIndependentSize().width())
"""
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": "2",
           "PYTHONPATH": str(root)}
    demo = sqlite_demo_site(date(2026, 11, 25), patients=3, second_study=0)
    url = demo.url
    demo.close()  # the other process has the file to itself
    done = subprocess.run([sys.executable, "-c", script, url],
                          env=env, capture_output=True, text=True, timeout=120, cwd=root)
    assert done.returncode == 0, done.stderr[-2000:]
    screen, picture, pixels = (float(x) for x in done.stdout.split())
    assert screen == picture == 2.0 and pixels == 2.0


def test_a_paper_changed_while_the_pages_are_made_shows_the_last_one_asked(qtbot, ctx,
                                                                          tmp_path):
    pid = enrol(ctx.db, ctx.protocol, EnrolmentForm(
        subject_id="101-001", initials="ABC", year_of_birth=1960, sex="F",
        part=1, dose_level="DL1", cohort=None,
        consent_date=date(2025, 12, 1), planned_first_dose=date(2026, 1, 5)), TODAY)
    preview = WorksheetPreview(ctx, [(pid, "LI")])
    qtbot.addWidget(preview)
    for paper in ("Letter", "A4", "Letter"):                  # before the first is made
        preview.page_size.setCurrentText(paper)
    assert preview.builds == 4 and preview.building
    qtbot.waitUntil(lambda: not preview.building, timeout=60_000)
    assert preview.save_pdf(str(tmp_path / "last.pdf"))
    assert PdfReader(tmp_path / "last.pdf").pages[0].mediabox.width == 612  # Letter
