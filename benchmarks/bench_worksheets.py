"""30 visit worksheets into one PDF; prints the time. Target (issue 8): under 0.5 s.

(Bare reportlab builds 30 simple pages in about 0.1 s on this machine: benchmarks/README.md.)
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.rules.protocol import default_protocol
from app.services.database import open_site_database
from app.services.demo import seed_demo
from app.services.worksheets import worksheet_data
from reports.worksheet import write_worksheets

TODAY = date(2026, 11, 25)
TARGET_S = 0.5


def printing_figure(tmp: Path) -> dict[str, Any]:
    """Six worksheet pages through the print path to a PDF printer at 1200 dpi (capped at
    300): seconds and the size of what was spooled. Targets: under 3 s and 5 MB."""
    from bench_schedule import TODAY
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
