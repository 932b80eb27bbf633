"""Starting the Qt application around an open database."""

from __future__ import annotations

import sys

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
    window.show()
    try:
        return app.exec()
    finally:
        db.close()
