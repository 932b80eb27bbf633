"""Starting the Qt application around an open database."""

from __future__ import annotations

import gc
import os
import sys
import time
from datetime import date

from app.rules.protocol import Protocol
from app.services.accounts import SignedIn
from app.services.database import Database
from ui.i18n import said, tr


def install_error_dialog() -> None:
    """An error nobody foresaw shows one plain message; the traceback goes to the log file."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from app.infra.logs import record_failure

    def hook(kind, exc, tb) -> None:  # type: ignore[no-untyped-def]
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        from app.services.errors import StorageProblem

        if isinstance(exc, StorageProblem):  # locked, disk full: a known state, said plainly
            QMessageBox.warning(QApplication.activeWindow(), tr("Site Tracker"), said(exc))
            return
        from app.services.accounts import AccessDenied

        if isinstance(exc, AccessDenied):  # a role without the right: one sentence
            QMessageBox.warning(QApplication.activeWindow(), tr("Site Tracker"), said(exc))
            return
        where = record_failure(exc)
        QMessageBox.critical(
            QApplication.activeWindow(), tr("Site Tracker"),
            tr("Something went wrong: {exc}\n\nNothing already saved was lost. ").format(exc=exc)
            + (tr("The details are in {where}.").format(where=where) if where else ""))

    sys.excepthook = hook


def install_language() -> None:
    """The windows in the language this workstation chose (Settings), or the system's; a
    language whose words are missing says so once and leaves English."""
    from PySide6.QtWidgets import QMessageBox

    from ui.i18n import MissingTranslation, chosen_language, install, resolve

    try:
        install(resolve(chosen_language()))
    except MissingTranslation as exc:
        QMessageBox.warning(None, "Site Tracker", str(exc))


def signed_in(db: Database, demo: bool) -> SignedIn | None:
    """The door before any window: a new database's set-up (its first administrator, the
    site, the study, CTCAE, backups), else sign in. None: the user quit."""
    from app.services.accounts import has_accounts
    from ui.first_run import FirstRunWizard
    from ui.login import SignInDialog

    dialog = SignInDialog(db, demo) if has_accounts(db) else FirstRunWizard(db)
    return dialog.signed if dialog.exec() else None


def release_windows() -> None:
    """Delete every top-level window while Qt still runs. A window kept alive by its own
    slots (a lambda that holds it) is otherwise deleted by Python's teardown after Qt's,
    which Qt reports as "shared QObject was deleted directly" and which can crash on quit."""
    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        return
    for window in QApplication.topLevelWidgets():
        if shiboken6.isValid(window):
            window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def fill_demo(db: Database, protocol: Protocol, day: date) -> bool:
    """A new demo database filled off the GUI thread, with a progress window and Cancel;
    False: the user cancelled (nothing written) or it failed (said in a message)."""
    from PySide6.QtWidgets import QMessageBox

    from app.services.demo import FillStopped, seed_demo
    from ui.background import run_in_background

    title = tr("Site Tracker demo")
    try:
        run_in_background(None, title, tr("Making the demo's fictional patients…"),
                          lambda cancel: seed_demo(db, protocol, day, stop=cancel.is_set))
    except FillStopped:
        return False
    except Exception as exc:  # a full disk, a read-only folder: said, nothing half-written
        QMessageBox.warning(None, title, tr("The demo could not be made: {exc}").format(
            exc=said(exc)))
        return False
    return True


def run_gui(db: Database, protocol: Protocol, demo: bool = False,
            signed: SignedIn | None = None, fill_demo_on: date | None = None) -> int:
    from PySide6.QtWidgets import QApplication

    from ui.context import Context
    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    install_error_dialog()
    app.setApplicationName("Site Tracker")
    app.setOrganizationName("SiteTracker")
    install_language()
    if fill_demo_on is not None and not fill_demo(db, protocol, fill_demo_on):
        db.close()
        return 0
    signed = signed or signed_in(db, demo)
    if signed is None:
        db.close()
        return 0
    ctx = Context(db, protocol, demo=demo, signed=signed)
    if signed.role == "admin":
        from ui.admin_window import AdminWindow

        admin = AdminWindow(ctx, signed)
        admin.show()
        try:
            return app.exec()
        finally:
            release_windows()
            db.close()
    window = MainWindow(ctx)
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
        release_windows()
        db.close()
