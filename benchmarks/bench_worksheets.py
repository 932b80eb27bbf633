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

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.protocol import default_protocol
from app.services.database import open_site_database
from app.services.demo import seed_demo
from app.services.worksheets import worksheet_data
from reports.worksheet import write_worksheets

TODAY = date(2026, 11, 25)
TARGET_S = 0.5


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
