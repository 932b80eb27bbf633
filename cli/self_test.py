"""`self-test`: prove an installed (or built) Site Tracker works on this PC, with no patient
data: a temporary database made and migrated, a fictional patient enrolled and dosed, the
protocol read, a worksheet rendered to PDF and to a picture, the main window drawn offscreen.
Hospital IT runs it after installing; the build's smoke test runs it on the bundle."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from cli.common import EXIT_OK, EXIT_USAGE


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    test = sub.add_parser("self-test", help="check this installation on a temporary database",
                          description="Makes a temporary database, enrols a fictional patient, "
                                      "renders a worksheet and draws the window offscreen; "
                                      "exit 0 when all is well. Touches no real data.")
    test.set_defaults(handler=cmd_self_test)


def _steps(folder: Path, state: dict[str, object]) -> list[tuple[str, Callable[[], str]]]:
    from datetime import date

    today = date(2026, 3, 2)

    def database() -> str:
        from app.services.database import open_site_database

        db = open_site_database(f"sqlite:///{folder / 'self-test.sqlite'}")
        db.actor = "self-test"  # its own throw-away file: what it saves is in its name
        state["db"] = db
        return f"made and migrated ({db.display_name})"

    def protocol() -> str:
        from app.rules.protocol import default_protocol

        p = default_protocol()
        state["protocol"] = p
        return f"{p.code}, {len(p.visits)} visits, {p.version}"

    def patient() -> str:
        from app.services.patients import EnrolmentForm, enrol
        from app.services.visits import VisitEntry, record_visit

        db, p = state["db"], state["protocol"]
        pid = enrol(db, p, EnrolmentForm(  # type: ignore[arg-type]
            subject_id="999-001", initials="ZZ", year_of_birth=1960, sex="F", part=1,
            dose_level=p.dose_levels[0].code, consent_date=date(2025, 12, 1),  # type: ignore[attr-defined]
            planned_first_dose=date(2026, 1, 5)), today)
        record_visit(db, p, pid, p.first_dose_visit,  # type: ignore[arg-type, attr-defined]
                     VisitEntry(outcome="done", actual_date=date(2026, 1, 5)), today)
        state["patient"] = pid
        return "a fictional patient enrolled and dosed; calendar built"

    def worksheet() -> str:
        from app.services.worksheets import worksheet_data
        from reports.worksheet import write_worksheets
        from ui.worksheet_preview import render_pages

        pdf = folder / "worksheet.pdf"
        sheet = worksheet_data(state["db"], state["protocol"], state["patient"],  # type: ignore[arg-type]
                               "C1D1", today)
        pages = write_worksheets([sheet], pdf)
        picture = next(iter(render_pages(pdf, scale=0.5)))
        return f"{pages} pages, {pdf.stat().st_size // 1024} KB; page 1 drawn " \
               f"{picture.width()}x{picture.height()}"

    def pictures() -> str:
        """The site's results and pictures, worked out as the Response place does (its own
        connection, the statistics of app.rules.statistics, reportlab drawings)."""
        from reports.site_pictures import work_out

        url = f"sqlite:///{folder / 'self-test.sqlite'}"
        _analysis, drawn = work_out(url, None, "self-test", state["protocol"],  # type: ignore[arg-type]
                                    today)
        return f"{len(drawn)} pictures drawn"

    def window() -> str:
        from PySide6.QtWidgets import QApplication

        from ui.context import Context
        from ui.main_window import MainWindow

        app = QApplication.instance() or QApplication(sys.argv)
        w = MainWindow(Context(state["db"], state["protocol"],  # type: ignore[arg-type]
                               clock=lambda: today))
        w.resize(1024, 700)
        w.show()
        w.today.refresh()
        app.processEvents()
        shot = w.grab()
        w.close()
        w.deleteLater()
        app.processEvents()
        return f"drawn {shot.width()}x{shot.height()} on the {app.platformName()} platform"

    def languages() -> str:
        """Every language's words are installed (a build that left them out is caught)."""
        from PySide6.QtWidgets import QApplication

        from ui import i18n

        QApplication.instance() or QApplication(sys.argv)
        try:
            said = [f"{i18n.LANGUAGES[code]}: {i18n.tr('Today')}"
                    for code in i18n.LANGUAGES if i18n.install(code) == code]
        finally:
            i18n.install("en")
        return ", ".join(said)

    return [("database", database), ("protocol", protocol), ("patient", patient),
            ("worksheet", worksheet), ("pictures", pictures), ("window", window),
            ("languages", languages)]


def cmd_self_test(args: argparse.Namespace) -> int:
    from app import __version__

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    print(f"Site Tracker {__version__} self-test ({sys.platform}, Python "
          f"{sys.version.split()[0]})")
    failed = False
    with tempfile.TemporaryDirectory(prefix="sitetrack-self-test-") as tmp:
        state: dict[str, object] = {}
        for name, step in _steps(Path(tmp), state):
            start = time.perf_counter()
            try:
                said = step()
            except Exception as exc:  # a broken installation: said, then exit non-zero
                print(f"  {name:<10} FAILED: {type(exc).__name__}: {exc}")
                failed = True
                break
            print(f"  {name:<10} ok ({time.perf_counter() - start:.2f} s): {said}")
        db = state.get("db")
        if db is not None:
            db.close()  # type: ignore[attr-defined]  # before its folder goes
    print("self-test failed" if failed else "self-test passed")
    return EXIT_USAGE if failed else EXIT_OK
