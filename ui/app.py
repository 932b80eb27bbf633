"""Starting the Qt application around an open database."""

from __future__ import annotations

import gc
import os
import sys
import time

from app.protocol import Protocol
from app.services.database import Database


def run_gui(db: Database, protocol: Protocol, demo: bool = False) -> int:
    from PySide6.QtWidgets import QApplication

    from ui.context import Context
    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
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
            print(f"filled-at {time.time():.6f} rows {window.worklist.model.rowCount()}",
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
