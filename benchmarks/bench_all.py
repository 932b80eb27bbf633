"""Every benchmark in one run, each figure beside its floor measured in the same run.

`make bench` runs this and prints one JSON document. This machine's speed varies from run to
run by up to twice, so a figure alone says little; its ratio to a floor measured minutes
apart on the same machine says whether the app's own work is the cost:

- worklist: the place refreshed (query and table filled) vs its SQL replayed in plain
  sqlite3 (the statements the refresh ran, captured as it ran them);
- patient page: the page opened vs its SQL replayed in plain sqlite3;
- calendar: one patient's calendar vs a bare timedelta loop making as many dated windows;
- worksheets: 30 visits' worksheets vs bare reportlab pages of tables of the same shapes;
- start-up: the window on screen after process start vs a process importing the ORM and Qt;
- table sort: a header click on the worklist vs sorting its rows by the same key;
- ORM row: one row read through SQLAlchemy's ORM vs the same SELECT in plain sqlite3 (the
  share of every screen's reading that no screen can remove);
- places: each place's first opening and its later ones (places do not have floors: the
  targets are 300 ms and 150 ms);
- peak memory (RSS) of this process with the 7,000-patient database open.

A benchmark that cannot build its database says so in one line and exits 2: no figure it
did not measure is ever printed. The database folder is $SITETRACK_BENCH_DIR (default /tmp).
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import platform
import random
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

TARGETS = {"worklist": 2.0, "patient page": 3.0, "worksheets": 2.5, "start-up": 1.5}
PLACE_FIRST_MS, PLACE_AGAIN_MS, RSS_MB = 300.0, 150.0, 300.0


class SqlRecorder:
    """The SELECTs an engine runs while recording, with their parameters as the driver got
    them, to replay in plain sqlite3: the floor of a screen's reading."""

    def __init__(self, engine: Any) -> None:
        from sqlalchemy import event

        self.calls: list[tuple[str, Any]] = []
        self.on = False
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, _conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if self.on and statement.lstrip().upper().startswith(("SELECT", "WITH")):
            self.calls.append((statement, parameters))

    def record(self, fn: Callable[[], object]) -> list[tuple[str, Any]]:
        self.calls, self.on = [], True
        try:
            fn()
        finally:
            self.on = False
        return self.calls


def paired_s(fn: Callable[[], object], floor: Callable[[], object],
             runs: int) -> tuple[float, float]:
    """Medians of `fn` and of its floor, their runs alternating: the machine's drifts of
    speed during the run (by up to a third here) fall on both alike."""
    fn(), floor()  # warm: imports, caches, the page cache as the app has it
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for side, call in enumerate((fn, floor)):
            start = time.perf_counter()
            call()
            times[side].append(time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1])


@contextlib.contextmanager
def replaying(path: Path, calls: list[tuple[str, Any]]) -> Iterator[Callable[[], None]]:
    """The statements recorded, replayed in plain sqlite3 on their own connection."""
    con = sqlite3.connect(path)
    try:
        def once() -> None:
            for statement, parameters in calls:
                con.execute(statement, parameters or ()).fetchall()
        yield once
    finally:
        con.close()


def figure(name: str, value_s: float, floor_s: float, what: str, floor_what: str,
           unit: str = "ms") -> dict[str, Any]:
    scale = 1000.0 if unit == "ms" else 1.0
    ratio = value_s / floor_s if floor_s > 0 else float("inf")
    target = TARGETS.get(name)
    return {"name": name, "what": what, "figure": round(value_s * scale, 3),
            "floor": round(floor_s * scale, 3), "unit": unit, "floor_is": floor_what,
            "ratio": round(ratio, 2), "target_ratio": target,
            "ok": None if target is None else ratio <= target}


def calendar_figures() -> dict[str, Any]:
    from bench_schedule import TODAY, make_patient

    from app.rules.calendar import build_calendar
    from app.rules.protocol import default_protocol

    protocol = default_protocol()
    rng = random.Random(7068)
    patients = [make_patient(rng) for _ in range(2000)]
    calendars = [build_calendar(protocol, p, TODAY) for p in patients]
    windows = [[(v.target - p.first_dose).days for v in c.visits]
               for p, c in zip(patients, calendars, strict=True)]
    day = timedelta(days=1)

    def engine() -> None:
        for p in patients:
            build_calendar(protocol, p, TODAY)

    def bare() -> None:  # as many dated windows, from a list of offsets
        for p, offsets in zip(patients, windows, strict=True):
            [(p.first_dose + n * day - 3 * day, p.first_dose + n * day + 3 * day)
             for n in offsets]

    value, floor = paired_s(engine, bare, 3)
    return figure("calendar", value / len(patients), floor / len(patients),
                  "one patient's calendar (2,000 patients at every stage)",
                  "a bare timedelta loop making as many dated windows")


def worksheet_figures(tmp: Path) -> dict[str, Any]:
    from bench_schedule import TODAY
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import PageBreak, SimpleDocTemplate, Table, TableStyle

    from app.rules.protocol import default_protocol
    from app.services.database import open_site_database
    from app.services.demo import seed_demo
    from app.services.worklist import worklist
    from app.services.worksheets import worksheet_data
    from reports.worksheet import write_worksheets

    protocol = default_protocol()
    db = open_site_database(f"sqlite:///{tmp / 'worksheets.sqlite'}")
    seed_demo(db, protocol, TODAY, patients=40, second_study=0)
    due = worklist(db, TODAY, 60)[:30]
    sheets = [worksheet_data(db, protocol, r.patient_id, r.code, TODAY) for r in due]
    db.close()
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

    value, floor = paired_s(lambda: write_worksheets(sheets, out), bare, 7)
    return figure("worksheets", value, floor, f"{len(sheets)} visits' worksheets into one PDF",
                  "bare reportlab pages of tables of the same shapes", unit="s")


def site_figures(db_path: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]], float]:
    """Worklist, patient page, table sort and every place, on the 7,000-patient database."""
    from bench_schedule import TODAY
    from bench_worklist import PATIENTS
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtWidgets import QApplication

    from app.rules.protocol import default_protocol
    from app.services.database import open_site_database
    from ui.context import Context
    from ui.main_window import MainWindow
    from ui.patient_view import PatientView
    from ui.places import WorklistPage
    from ui.places import numbers as place

    app = QApplication.instance() or QApplication(sys.argv)
    db = open_site_database(f"sqlite:///{db_path}")
    recorder = SqlRecorder(db.engine)
    ctx = Context(db, default_protocol(), clock=lambda: TODAY)
    figures = []
    page = WorklistPage(ctx)
    page.refresh()
    calls = recorder.record(page.refresh)
    with replaying(db_path, calls) as replay:
        value, floor = paired_s(page.refresh, replay, 7)
    figures.append(figure(
        "worklist", value, floor,
        f"the worklist refreshed: {page.model.rowCount()} rows of 20 studies, query and "
        "table filled", "its SQL replayed in plain sqlite3"))
    rows = list(page.model.rows)
    column = next(i for i, c in enumerate(page.model.columns) if c.title == "Subject")

    def header_click() -> None:
        page.table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
        page.table.sortByColumn(column, Qt.SortOrder.DescendingOrder)

    key = page.model.columns[column].sort_key or page.model.columns[column].text
    figures.append(figure(
        "table sort", *paired_s(header_click, lambda: (
            sorted(rows, key=key), sorted(rows, key=key, reverse=True)), 7),
        f"a header click on the worklist ({len(rows)} rows), both ways",
        "sorting the same rows by the same key"))
    rng = random.Random(1)
    ids = [rng.randint(1, PATIENTS) for _ in range(15)]
    turn = iter(range(10_000))

    def open_page() -> None:
        view = PatientView(ctx, ids[next(turn) % len(ids)])
        app.processEvents()
        view.deleteLater()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)

    open_page()
    calls = recorder.record(lambda: PatientView(ctx, ids[0]).deleteLater())
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    with replaying(db_path, calls) as replay:
        value, floor = paired_s(open_page, replay, 15)
    figures.append(figure("patient page", value, floor,
                          "a patient's page opened (calendar, AEs, response, history)",
                          "its SQL replayed in plain sqlite3"))
    figures.append(orm_row_figure(db, db_path, recorder, ids))
    from bench_response import response_figure

    figures.append(response_figure(app, ctx, db_path, recorder))
    places = []
    window = MainWindow(ctx)
    window.show()
    app.processEvents()
    gc.freeze()  # as ui.app.run_gui does once the window is on screen
    names = {place.TODAY: "Today", place.WORKLIST: "Worklist", place.PATIENTS: "Patients",
             place.ADVERSE_EVENTS: "Adverse events", place.RESPONSE: "Response",
             place.DEVIATIONS: "Deviations", place.PK_SAMPLES: "PK samples",
             place.ESCALATION: "Escalation"}

    def opening(p: int) -> float:
        """From another place to `p`, until the events it posted are handled."""
        window.go(place.WORKLIST if p != place.WORKLIST else place.TODAY)
        app.processEvents()
        start = time.perf_counter()
        window.go(p)
        app.processEvents()
        return time.perf_counter() - start

    for number, name in names.items():
        first = opening(number)
        again = statistics.median(opening(number) for _ in range(3))
        places.append({"place": name, "first_ms": round(first * 1000, 1),
                       "again_ms": round(again * 1000, 1),
                       "ok": first * 1000 <= PLACE_FIRST_MS and again * 1000 <= PLACE_AGAIN_MS})
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    window.close()
    db.close()
    return figures, places, rss_mb


def orm_row_figure(db: Any, db_path: Path, recorder: SqlRecorder,
                   ids: list[int]) -> dict[str, Any]:
    """Why the patient page cannot be 3x its SQL: one row read through SQLAlchemy's ORM, as
    every service reads, against the same SELECT in plain sqlite3. A page of such reads
    carries this ratio before a single widget is made."""
    from sqlalchemy import select

    from db.models import Patient

    def one_row() -> None:
        with db.reading() as session:
            session.scalars(select(Patient).where(Patient.id == ids[0])).one()

    one_row()
    calls = recorder.record(one_row)
    with replaying(db_path, calls) as replay:
        value, floor = paired_s(one_row, replay, 50)
    return figure("ORM row", value, floor,
                  "one patient's row read through the ORM, in its own transaction",
                  "the same SELECT in plain sqlite3")


def startup_figure(db_path: Path) -> dict[str, Any]:
    from bench_worklist import compile_project, startup_seconds

    compile_project()
    floor, painted, _filled = startup_seconds(f"sqlite:///{db_path}")
    return figure("start-up", painted, floor, "the window on screen after process start "
                  "(sign-in, 20 studies, 7,000 patients)",
                  "a process importing SQLAlchemy's ORM and Qt's widgets", unit="s")


def machine() -> dict[str, Any]:
    import PySide6
    import sqlalchemy

    return {"python": platform.python_version(), "system": platform.platform(),
            "cpus": os.cpu_count(), "pyside6": PySide6.__version__,
            "sqlalchemy": sqlalchemy.__version__, "sqlite": sqlite3.sqlite_version}


QT_WARNINGS: list[str] = []


def fail_on_qt_warnings() -> None:
    """Qt's warnings are failures here too, as in the test suite (the offscreen platform
    saying what it cannot do excepted)."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    def handler(kind: QtMsgType, _context: Any, message: str) -> None:
        if kind != QtMsgType.QtDebugMsg and kind != QtMsgType.QtInfoMsg \
                and "This plugin does not support" not in message:
            QT_WARNINGS.append(message)

    qInstallMessageHandler(handler)


def main() -> None:
    import io

    fail_on_qt_warnings()
    with contextlib.redirect_stdout(io.StringIO()):  # the builders' chatter: not the JSON
        from bench_database import site_database

        db_path = site_database(__file__)
    figures, places, rss_mb = site_figures(db_path)
    figures.append(calendar_figures())
    with tempfile.TemporaryDirectory() as tmp:
        figures.append(worksheet_figures(Path(tmp)))
        from bench_worksheets import printing_figure

        printing = printing_figure(Path(tmp))
    figures.append(startup_figure(db_path))
    report = {"machine": machine(), "figures": figures, "places": places, "printing": printing,
              "peak_rss_mb": {"figure": round(rss_mb, 1), "target": RSS_MB,
                              "ok": rss_mb < RSS_MB},
              "targets": {"ratios": TARGETS, "place_first_ms": PLACE_FIRST_MS,
                          "place_again_ms": PLACE_AGAIN_MS}}
    from ui.app import release_windows

    release_windows()  # as the app does on quit: nothing left for Python's teardown
    report["qt_warnings"] = QT_WARNINGS
    print(json.dumps(report, indent=2))
    if QT_WARNINGS:
        print(f"bench: {len(QT_WARNINGS)} Qt warnings (see qt_warnings)", file=sys.stderr)
        raise SystemExit(1)


if __name__ == "__main__":
    if "--build-only" in sys.argv:
        from bench_database import build_only

        build_only()
    else:
        main()
