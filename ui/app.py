"""Starting the Qt application around an open database."""

from __future__ import annotations

import gc
import os
import sys
import time

from app.protocol import Protocol
from app.services.database import Database


def install_error_dialog() -> None:
    """An error nobody foresaw shows one plain message; the traceback goes to the log file."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from app.logs import record_failure

    def hook(kind, exc, tb) -> None:  # type: ignore[no-untyped-def]
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        from app.services.errors import StorageProblem

        if isinstance(exc, StorageProblem):  # locked, disk full: a known state, said plainly
            QMessageBox.warning(QApplication.activeWindow(), "Site Tracker", exc.message)
            return
        where = record_failure(exc)
        QMessageBox.critical(
            QApplication.activeWindow(), "Site Tracker",
            f"Something went wrong: {exc}\n\nNothing already saved was lost. "
            + (f"The details are in {where}." if where else ""))

    sys.excepthook = hook


def run_gui(db: Database, protocol: Protocol, demo: bool = False) -> int:
    from PySide6.QtWidgets import QApplication

    from ui.context import Context
    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    install_error_dialog()
    app.setApplicationName("Site Tracker")
    app.setOrganizationName("SiteTracker")
    window = MainWindow(Context(db, protocol, demo=demo))
    probe = os.environ.get("SITETRACK_STARTUP_PROBE")
    if probe:
        # benchmarks/: report when the first frame is on screen, and when the worklist is
        # filled, then quit. Queued before show(), this runs right after the first paint.
        from PySide6.QtCore import QTimer

        def painted() -> None:
            print(f"painted-at {time.time():.6f}", flush=True)
            QTimer.singleShot(0, filled)

        def filled() -> None:
            print(f"filled-at {time.time():.6f} rows {window.today.booked_model.rowCount()}",
                  flush=True)
            app.quit()

        QTimer.singleShot(0, painted)
    window.show()
    gc.freeze()  # what start-up built lives as long as the app: keep it out of collections
    gc.enable()
    try:
        return app.exec()
    finally:
        db.close()
