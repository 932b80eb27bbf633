"""30 visit worksheets into one PDF; prints the time. Target (issue 8): under 0.5 s.

(Bare reportlab builds 30 simple pages in about 0.1 s on this machine: benchmarks/README.md.)
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.rules.protocol import default_protocol
from app.services.database import open_site_database
from app.services.demo import seed_demo
from app.services.worksheets import day_worksheets, worksheet_data
from reports.worksheet import write_worksheets

TODAY = date(2026, 11, 25)
TARGET_S = 0.5


def printing_figure(tmp: Path) -> dict[str, Any]:
    """Six worksheet pages through the print path to a PDF printer at 1200 dpi (capped at
    300): seconds and the size of what was spooled. Targets: under 3 s and 5 MB."""
    from bench_schedule import TODAY
    from PySide6.QtCore import QEventLoop
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication

    from app.rules.protocol import default_protocol
    from app.services.database import open_site_database
    from app.services.worklist import worklist
    from ui.context import Context
    from ui.worksheet_preview import WorksheetPreview

    QApplication.instance() or QApplication(sys.argv)
    db = open_site_database(f"sqlite:///{tmp / 'worksheets.sqlite'}")
    ctx = Context(db, default_protocol(), clock=lambda: TODAY)
    visits = [(r.patient_id, r.code) for r in worklist(db, TODAY, 60)]
    preview, n = None, 1
    while n <= len(visits):  # the fewest visits that make six pages at least
        preview = WorksheetPreview(ctx, visits[:n])
        waiting = QEventLoop()
        preview.built.connect(waiting.quit)
        waiting.exec()  # the pages are made off the GUI thread
        if preview.page_count >= 6:
            break
        n += 1
    assert preview is not None
    out = tmp / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    start = time.perf_counter()
    preview.print_pdf(printer)
    seconds = time.perf_counter() - start
    db.close()
    spool_mb = out.stat().st_size / 1e6
    return {"pages": preview.page_count, "seconds": round(seconds, 2),
            "spool_mb": round(spool_mb, 2), "target_seconds": 3.0, "target_mb": 5.0,
            "ok": seconds < 3.0 * preview.page_count / 6 and spool_mb < 5.0
            * preview.page_count / 6}


def worksheet_figures(backend: Any, recorder_for: Callable[[Any], Any]
                      ) -> list[dict[str, Any]]:
    """A day's worksheets (30 due visits of the site database): their data read, against
    their SQL replayed through the plain driver; written into one PDF, against bare
    reportlab pages of tables of the same shapes."""
    from bench_all import figure, paired_s
    from bench_schedule import TODAY
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import PageBreak, SimpleDocTemplate, Table, TableStyle

    from app.services.database import open_site_database
    from app.services.worklist import worklist

    db = open_site_database(backend.url)
    due = [(r.patient_id, r.code) for r in worklist(db, TODAY, 60)[:30]]

    def read() -> list[Any]:  # as the preview and the command line read a day's
        return day_worksheets(db, due, TODAY)

    sheets = read()
    calls = recorder_for(db.engine).record(read)
    tmp = Path(tempfile.mkdtemp(prefix="sitetrack-bench-"))
    out, bare_out = tmp / "day.pdf", tmp / "bare.pdf"
    write_worksheets(sheets, out)  # warm: imports, fonts
    grid = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)])

    def tables(w: Any) -> list[list[list[str]]]:
        return [[["Actual date", "", "Time", ""]],
                [["Procedure", "Done", "Not done", "Time", "Initials"]]
                + [[p, "", "", "", ""] for p in w.procedures],
                [["", "", "", ""]] * 4,
                [["Dose level", "", "Dose time", ""]] * 3,
                [["Timepoint", "Nominal", "Window", "Actual", "Initials", "Sample ID"]]
                + [[x.label, "", x.window, "", "", x.sample_id] for x in w.pk],
                [["Adverse event", "Onset", "Grade", "Ongoing", "Initials"]]
                + [["", "", "", "", ""]] * (len(w.open_aes) + 4),
                [["Reviewed", "", "no change", "", "changes"]] * 2, [[""]],
                [["Completed by", "", "Signature", "", "Date", ""]] * 2]

    def bare() -> None:
        story: list[Any] = []
        for w in sheets:
            for rows in tables(w):
                t = Table(rows)
                t.setStyle(grid)
                story.append(t)
            story.append(PageBreak())
        SimpleDocTemplate(str(bare_out), pagesize=A4).build(story)

    try:
        with backend.replaying(calls) as replay:
            read_s, sql_s = paired_s(read, replay, 7)
        value, floor = paired_s(lambda: write_worksheets(sheets, out), bare, 7)
    finally:
        db.close()
        for f in (out, bare_out):
            f.unlink(missing_ok=True)
        tmp.rmdir()
    return [figure("worksheets", value, floor, f"{len(sheets)} visits' worksheets into one PDF",
                   "bare reportlab pages of tables of the same shapes", unit="s"),
            figure("worksheets read", read_s, sql_s,
                   f"a day's worksheets read: {len(sheets)} due visits ({len(calls)} "
                   "statements)", f"their SQL replayed through {backend.driver}", unit="s")]


def main() -> None:
    protocol = default_protocol()
    with tempfile.TemporaryDirectory() as tmp:
        db = open_site_database(f"sqlite:///{Path(tmp) / 'demo.sqlite'}")
        seed_demo(db, protocol, TODAY, patients=40)
        from app.services.worklist import worklist

        due = worklist(db, TODAY, 60)[:30]  # PK days, cycles and scans alike
        sheets = [worksheet_data(db, protocol, r.patient_id, r.code, TODAY) for r in due]
        out = Path(tmp) / "day.pdf"
        pages = write_worksheets(sheets, out)  # warm-up: imports, fonts
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            write_worksheets(sheets, out)
            runs.append(time.perf_counter() - start)
        db.close()
    median = statistics.median(runs)
    print(f"worksheets: {len(sheets)} visits, {pages} pages in one PDF in {median:.3f} s "
          f"(median of 5; target < {TARGET_S} s): {'OK' if median < TARGET_S else 'TOO SLOW'}")


if __name__ == "__main__":
    main()
