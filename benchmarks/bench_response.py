"""The Response place on the 7,000-patient database: from a first opening (a new place, the
study's results worked out on its worker thread) until its results are shown, beside a floor
measured in the same run: the same SQL replayed in plain sqlite3. Its target is absolute:
the results shown within 1 s of the first opening.

Run alone: `.venv/bin/python benchmarks/bench_response.py` (prints one JSON document);
`bench_all.py` adds the same figure to its list."""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

RESULTS_SHOWN_S = 1.0  # the target: results on screen within a second of opening
RUNS = 5


def response_figure(app: Any, ctx: Any, backend: Any, recorder: Any) -> dict[str, Any]:
    """The Response place opened afresh until its results show (its pictures, drawn after,
    are waited for outside the timing), against its SQL replayed through the backend's
    plain driver."""
    from bench_all import figure
    from bench_places import wait_for
    from PySide6.QtCore import QEvent

    from app.services.site_results import site_analysis
    from ui.response_views import ResponsePage

    pages: list[Any] = []

    def open_place() -> None:
        page = ResponsePage(ctx)
        pages.append(page)
        page.refresh()
        wait_for(app, lambda: page.shown is not None or page.reading is None)
        if page.shown is None:
            raise SystemExit(f"bench: the Response place said: {page.summary.text()}")

    def settle() -> None:  # the pictures drawn and the place gone, before the next run
        for page in pages:
            operation = page.operation
            if operation is not None:
                wait_for(app, lambda: operation.done)  # noqa: B023  (called in this turn)
            app.processEvents()
            page.deleteLater()
        pages.clear()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)

    def shown_s() -> float:
        start = time.perf_counter()
        open_place()
        took = time.perf_counter() - start
        settle()
        return took

    # the first opening: run alone, nothing of the study read by this process yet (in
    # bench_all, the places' figures opened the place first: its first opening is theirs)
    first = shown_s()
    calls = recorder.record(lambda: site_analysis(ctx.db, ctx.protocol, ctx.today()))
    with backend.replaying(calls) as replay:
        replay()
        times: tuple[list[float], list[float]] = ([], [])
        for _ in range(RUNS):  # alternating with the floor's, as bench_all.paired_s
            times[0].append(shown_s())
            start = time.perf_counter()
            replay()
            times[1].append(time.perf_counter() - start)
    value, floor = statistics.median(times[0]), statistics.median(times[1])
    courses = len(site_analysis(ctx.db, ctx.protocol, ctx.today()).results.courses)
    out = figure("response results", value, floor,
                 f"the Response place opened until its results show ({courses} dosed "
                 f"patients of a 350-patient study, {len(calls)} statements)",
                 f"its SQL replayed through {backend.driver}")
    out["first_opening"] = round(first * 1000, 1)
    out["target_ms"] = RESULTS_SHOWN_S * 1000
    out["ok"] = max(first, value) <= RESULTS_SHOWN_S
    return out


def main() -> None:
    import contextlib
    import io

    from bench_all import SqlRecorder
    from bench_backend import sqlite_backend
    from bench_schedule import TODAY
    from PySide6.QtWidgets import QApplication

    from app.rules.protocol import default_protocol
    from app.services.database import open_site_database
    from ui.context import Context

    with contextlib.redirect_stdout(io.StringIO()):
        from bench_database import site_database

        db_path = site_database(str(ROOT / "benchmarks" / "bench_all.py"))
    app = QApplication.instance() or QApplication(sys.argv)
    db = open_site_database(f"sqlite:///{db_path}")
    ctx = Context(db, default_protocol(), clock=lambda: TODAY)
    try:
        print(json.dumps(response_figure(app, ctx, sqlite_backend(db_path),
                                         SqlRecorder(db.engine)), indent=2))
    finally:
        db.close()


if __name__ == "__main__":
    main()
