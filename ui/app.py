"""Starting the Qt application around an open database."""

from __future__ import annotations

import sys

from app.services.database import Database


def run_gui(db: Database) -> int:
    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Site Tracker")
    app.setOrganizationName("SiteTracker")
    window = MainWindow(db)
    window.show()
    try:
        return app.exec()
    finally:
        db.close()
