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
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cli.common import EXIT_OK, EXIT_USAGE

if TYPE_CHECKING:
    from app.rules.protocol import Protocol
    from app.services.database import Database


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    test = sub.add_parser("self-test", help="check this installation on a temporary database",
                          description="Makes a temporary database, enrols a fictional patient, "
                                      "renders a worksheet and draws the window offscreen; "
                                      "exit 0 when all is well. Touches no real data.")
    test.set_defaults(handler=cmd_self_test)


@dataclass
class _State:
    """What the steps made so far, for the steps after them (a step runs only when every
    one before it passed)."""
    db: Database | None = None
    protocol: Protocol | None = None
    patient: int | None = None

    def made(self) -> tuple[Database, Protocol]:
        if self.db is None or self.protocol is None:
            raise RuntimeError("the database and the protocol were not made")
        return self.db, self.protocol

    def the_patient(self) -> int:
        if self.patient is None:
            raise RuntimeError("no patient was enrolled")
        return self.patient


def _steps(folder: Path, state: _State) -> list[tuple[str, Callable[[], str]]]:
    from datetime import date

    today = date(2026, 3, 2)

    def database() -> str:
        from app.services.database import open_site_database

        db = open_site_database(f"sqlite:///{folder / 'self-test.sqlite'}")
        db.actor = "self-test"  # its own throw-away file: what it saves is in its name
        state.db = db
        return f"made and migrated ({db.display_name})"

    def protocol() -> str:
        from app.rules.protocol import default_protocol

        p = default_protocol()
        state.protocol = p
        return f"{p.code}, {len(p.visits)} visits, {p.version}"

    def patient() -> str:
        from app.services.patients import EnrolmentForm, enrol
        from app.services.visits import VisitEntry, record_visit

        db, p = state.made()
        pid = enrol(db, p, EnrolmentForm(
            subject_id="999-001", initials="ZZ", year_of_birth=1960, sex="F", part=1,
            dose_level=p.dose_levels[0].code, consent_date=date(2025, 12, 1),
            planned_first_dose=date(2026, 1, 5)), today)
        record_visit(db, p, pid, p.first_dose_visit,
                     VisitEntry(outcome="done", actual_date=date(2026, 1, 5)), today)
        state.patient = pid
        return "a fictional patient enrolled and dosed; calendar built"

    def worksheet() -> str:
        from app.services.worksheets import worksheet_data
        from reports.worksheet import write_worksheets
        from ui.worksheet_preview import render_pages

        pdf = folder / "worksheet.pdf"
        db, p = state.made()
        sheet = worksheet_data(db, p, state.the_patient(), "C1D1", today)
        pages = write_worksheets([sheet], pdf)
        picture = next(iter(render_pages(pdf, scale=0.5)))
        return f"{pages} pages, {pdf.stat().st_size // 1024} KB; page 1 drawn " \
               f"{picture.width()}x{picture.height()}"

    def pictures() -> str:
        """The site's results and pictures, worked out as the Response place does (the
        statistics of app.rules.statistics, reportlab drawings)."""
        from reports.site_pictures import work_out

        _analysis, drawn = work_out(*state.made(), today)
        return f"{len(drawn)} pictures drawn"

    def window() -> str:
        from PySide6.QtWidgets import QApplication

        from ui.context import Context
        from ui.main_window import MainWindow

        app = QApplication.instance() or QApplication(sys.argv)
        db, p = state.made()
        w = MainWindow(Context(db, p, clock=lambda: today))
        w.resize(1024, 700)
        w.show()
        w.today.refresh()
        app.processEvents()
        shot = w.grab()
        w.close()
        w.deleteLater()
        app.processEvents()
        return (f"drawn {shot.width()}x{shot.height()} on the "
                f"{QApplication.platformName()} platform")

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
        state = _State()
        for name, step in _steps(Path(tmp), state):
            start = time.perf_counter()
            try:
                said = step()
            except Exception as exc:  # a broken installation: said, then exit non-zero
                print(f"  {name:<10} FAILED: {type(exc).__name__}: {exc}")
                failed = True
                break
            print(f"  {name:<10} ok ({time.perf_counter() - start:.2f} s): {said}")
        if state.db is not None:
            state.db.close()
    print("self-test failed" if failed else "self-test passed")
    return EXIT_USAGE if failed else EXIT_OK
