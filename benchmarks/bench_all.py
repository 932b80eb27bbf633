"""Every benchmark in one run, each figure beside its floor measured in the same run.

`make bench` runs this and prints one JSON document. This machine's speed varies from run to
run by up to twice, so a figure alone says little; its ratio to a floor measured minutes
apart on the same machine says whether the app's own work is the cost. Every figure of the
site database is measured on SQLite and, when $SITETRACK_BENCH_PG_URL names a PostgreSQL
database, on PostgreSQL with the same data (benchmarks/bench_backend.py); "the plain
driver" is sqlite3 or psycopg alone:

- worklist: the place refreshed (query and table filled) vs its SQL replayed through the
  plain driver (the statements the refresh ran, captured as it ran them);
- patient page: the page opened vs the same widgets filled from plain Python rows read
  beforehand (no SQL, no ORM: what the app's reading adds); its SQL alone beside it;
- calendar: one patient's calendar vs a bare timedelta loop making as many dated windows;
- worksheets: 30 visits' worksheets vs bare reportlab pages of tables of the same shapes;
  and their data read from the site database vs its SQL replayed through the plain driver;
- start-up: the window on screen after process start vs a process importing the ORM, Qt,
  and the database's driver with SQLAlchemy's dialect for it;
- table sort: a header click on the worklist vs sorting its rows by the same key;
- ORM row: one row read through SQLAlchemy's ORM vs the same SELECT through the plain
  driver (the share of every screen's reading that no screen can remove);
- places: each place's first opening and its later ones until its content is on screen,
  work off the GUI thread included (places do not have floors: the targets are 300 ms and
  150 ms);
- peak memory (RSS) of this process with the 7,000-patient database open.

A benchmark that cannot build its database says so in one line and exits 2: no figure it
did not measure is ever printed. The database folder is $SITETRACK_BENCH_DIR (default /tmp).
$SITETRACK_BENCH_PG_PATIENTS=70000 adds the PostgreSQL figures at 70,000 patients (200
studies of 350: a hospital network's shared database; its first build takes minutes).
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
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_backend import Backend  # noqa: E402
from bench_places import PLACE_AGAIN_MS, PLACE_FIRST_MS  # noqa: E402

TARGETS = {"worklist": 2.0, "patient page": 2.0, "worksheets": 2.0, "start-up": 1.5}
RSS_MB = 300.0


class SqlRecorder:
    """The SELECTs an engine runs while recording, with their parameters as the driver got
    them, to replay in plain sqlite3: the floor of a screen's reading."""

    def __init__(self, engine: Any) -> None:
        from sqlalchemy import event

        self.calls: list[tuple[str, Any]] = []
        self.on = self.every = False
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, _conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if self.on and (self.every or statement.lstrip().upper().startswith(("SELECT",
                                                                             "WITH"))):
            self.calls.append((statement, parameters))

    def record(self, fn: Callable[[], object], every: bool = False) -> list[tuple[str, Any]]:
        """The SELECTs `fn` ran (`every`: every statement, BEGIN and the like too)."""
        self.calls, self.on, self.every = [], True, every
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


def site_figures(backend: Backend) -> tuple[list[dict[str, Any]], list[dict[str, Any]], float]:
    """Worklist, patient page, table sort and every place, on the site database."""
    from bench_backend import site_studies
    from bench_patient import patient_page_figure
    from bench_places import place_figures
    from bench_schedule import TODAY
    from bench_worklist import STUDIES
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from app.rules.protocol import default_protocol
    from app.services.database import open_site_database
    from ui.context import Context
    from ui.main_window import MainWindow
    from ui.places import WorklistPage

    app = QApplication.instance() or QApplication(sys.argv)
    db = open_site_database(backend.url)
    db.studies = site_studies(db)  # at 70,000 patients, one site's 20 studies (as signed in)
    recorder = SqlRecorder(db.engine)
    ctx = Context(db, default_protocol(), clock=lambda: TODAY)
    figures = []
    page = WorklistPage(ctx)
    page.refresh()
    calls = recorder.record(page.refresh)
    with backend.replaying(calls) as replay:
        value, floor = paired_s(page.refresh, replay, 7)
    figures.append(figure(
        "worklist", value, floor,
        f"the worklist refreshed: {page.model.rowCount()} rows of "
        f"{len(db.studies) if db.studies else STUDIES} studies, query and table filled",
        f"its SQL replayed through {backend.driver}"))
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
    ids = [rng.randint(1, 7000) for _ in range(15)]  # the first 20 studies' patients
    figures.append(patient_page_figure(app, ctx, backend, recorder, ids))
    figures.append(orm_row_figure(db, backend, recorder, ids))
    window = MainWindow(ctx)
    window.show()
    app.processEvents()
    gc.freeze()  # as ui.app.run_gui does once the window is on screen
    places = place_figures(app, window)  # before the Response figure: a first opening
    from bench_response import response_figure

    figures.append(response_figure(app, ctx, backend, recorder))
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    window.close()
    db.close()
    return figures, places, rss_mb


def orm_row_figure(db: Any, backend: Backend, recorder: SqlRecorder,
                   ids: list[int]) -> dict[str, Any]:
    """One row read through SQLAlchemy's ORM, as every service reads, against the same
    SELECT through the plain driver: the share of every screen's reading that no screen
    can remove."""
    from sqlalchemy import select

    from db.models import Patient

    def one_row() -> None:
        with db.reading() as session:
            session.scalars(select(Patient).where(Patient.id == ids[0])).one()

    one_row()
    calls = recorder.record(one_row)
    with backend.replaying(calls) as replay:
        value, floor = paired_s(one_row, replay, 50)
    return figure("ORM row", value, floor,
                  "one patient's row read through the ORM, in its own transaction",
                  f"the same SELECT through {backend.driver}")


def startup_figure(backend: Backend) -> dict[str, Any]:
    from bench_worklist import DRIVERS, PATIENTS, STUDIES, compile_project, startup_seconds

    compile_project()
    floor, painted, _filled = startup_seconds(backend.url)
    from bench_backend import SITE_STUDIES

    shown = f"{SITE_STUDIES} of {STUDIES}" if STUDIES > SITE_STUDIES else f"{STUDIES}"
    return figure("start-up", painted, floor, "the window on screen after process start "
                  f"(sign-in, {shown} studies, {PATIENTS:,} patients)",
                  "a process importing SQLAlchemy's ORM, Qt's widgets, and the database's "
                  "driver with its dialect "
                  f"({DRIVERS[backend.url.split(':', 1)[0].split('+', 1)[0]]})", unit="s")


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


def backend_report(backend: Backend) -> dict[str, Any]:
    """Every figure of one backend, each beside its floor from the same run."""
    from bench_worksheets import worksheet_figures

    figures, places, rss_mb = site_figures(backend)
    figures += worksheet_figures(backend, SqlRecorder)
    figures.append(startup_figure(backend))
    report: dict[str, Any] = {"backend": backend.name, "figures": figures, "places": places}
    if backend.name == "SQLite":  # measured first: the process's peak is this half's
        report["peak_rss_mb"] = {"figure": round(rss_mb, 1), "target": RSS_MB,
                                 "ok": rss_mb < RSS_MB}
    return report


def printing() -> dict[str, Any]:
    """Six worksheet pages through the print path, from a demo site of 40 patients."""
    from bench_schedule import TODAY
    from bench_worksheets import printing_figure

    from app.rules.protocol import default_protocol
    from app.services.database import open_site_database
    from app.services.demo import seed_demo

    with tempfile.TemporaryDirectory() as tmp:
        db = open_site_database(f"sqlite:///{Path(tmp) / 'worksheets.sqlite'}")
        seed_demo(db, default_protocol(), TODAY, patients=40, second_study=0)
        db.close()
        return printing_figure(Path(tmp))


def postgresql_reports() -> dict[str, Any]:
    """The same figures on PostgreSQL ($SITETRACK_BENCH_PG_URL) at 7,000 patients, and at
    $SITETRACK_BENCH_PG_PATIENTS (70000: a hospital network's shared database) if asked."""
    import io

    from bench_backend import BIG_ENV, PG_ENV, pg_site_database, postgresql_backend

    server = os.environ.get(PG_ENV)
    if not server:
        print(f"bench: {PG_ENV} is not set: the PostgreSQL figures are skipped",
              file=sys.stderr)
        return {}
    import bench_worklist

    reports = {}
    for patients in (7000, int(os.environ.get(BIG_ENV) or 7000)):
        if f"postgresql_{patients}" in reports:
            continue
        with contextlib.redirect_stdout(io.StringIO()):
            url = pg_site_database(server, patients, __file__)
        bench_worklist.PATIENTS, bench_worklist.STUDIES = patients, patients // 350
        reports[f"postgresql_{patients}"] = backend_report(postgresql_backend(url))
    return reports


def main() -> None:
    import io

    from bench_backend import sqlite_backend

    fail_on_qt_warnings()
    with contextlib.redirect_stdout(io.StringIO()):  # the builders' chatter: not the JSON
        from bench_database import site_database

        db_path = site_database(__file__)
    sqlite = backend_report(sqlite_backend(db_path))
    sqlite["figures"].append(calendar_figures())
    with contextlib.redirect_stdout(io.StringIO()):
        printed = printing()
    report = {"machine": machine(), **sqlite, "printing": printed,
              **postgresql_reports(),
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
    elif "--build-pg" in sys.argv:  # URL PATIENTS: the PostgreSQL copy, by a child process
        from bench_backend import build_pg_only

        at = sys.argv.index("--build-pg")
        build_pg_only(sys.argv[at + 1], int(sys.argv[at + 2]))
    else:
        main()
