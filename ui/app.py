"""Starting the Qt application around an open database."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from datetime import date
from types import TracebackType
from typing import TYPE_CHECKING

from app.rules.protocol import Protocol
from app.services.accounts import SignedIn
from app.services.database import Database
from ui.i18n import said, tr

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget


def install_error_dialog() -> None:
    """An error nobody foresaw shows one plain message; the traceback goes to the log file."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from app.infra.logs import record_failure

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
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


def fill_demo(db: Database, protocol: Protocol, day: date, then: Callable[[bool], object]
              ) -> None:
    """A new demo database filled off the GUI thread (ui/operations.py), with a progress
    window and Cancel; then `then(True)`, or `then(False)`: the user cancelled (nothing
    written) or it failed (said in a message)."""
    from PySide6.QtWidgets import QMessageBox

    from app.services.demo import FillStopped, seed_demo
    from ui.operations import Changes, Operation

    title = tr("Site Tracker demo")

    def failed(exc: Exception) -> None:
        if not isinstance(exc, FillStopped):  # a full disk, a read-only folder: said
            QMessageBox.warning(None, title, tr("The demo could not be made: {exc}").format(
                exc=said(exc)))
        then(False)  # nothing half-written either way

    Operation(None, lambda job: seed_demo(db, protocol, day, stop=job.cancelled),
              title=title).with_progress(tr("Making the demo's fictional patients…")).changes(
                  Changes(records=True)).success(lambda _: then(True)).failure(failed).run()


def start_qt() -> QApplication:
    """Qt's application, its collector and this workstation's colours: what the window
    needs before anything is shown (the start makes them while the password is checked)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    from ui.garbage import collect_on_gui_thread

    collect_on_gui_thread(app)  # never a Qt object freed by a worker thread's collection
    app.setApplicationName("Site Tracker")
    app.setOrganizationName("SiteTracker")
    from ui.theme import install_theme

    install_theme()  # this workstation's colours: as the system (following it), light or dark
    return app


def prepare_window() -> None:
    """Import what building the main window imports besides its own modules (the studies'
    service for the study selectors, the idle lock, the tray, the export dialogs): the start
    calls this while the password is still being checked, so that building the window, after
    the answer, does not."""
    import app.services.studies  # noqa: F401
    import ui.export
    import ui.idle_lock
    import ui.tray  # noqa: F401


def run_gui(db: Database, protocol: Protocol, demo: bool = False,
            signed: SignedIn | None = None, fill_demo_on: date | None = None,
            started: QApplication | None = None) -> int:
    """The window (through the door, unless `signed`) until it is closed. `started`: Qt's
    application already made by `start_qt`."""
    app = started or start_qt()
    install_error_dialog()
    install_language()
    opened: list[QWidget] = []  # the window shown, kept while the app runs
    if fill_demo_on is None:
        if not _open_window(app, db, protocol, demo, signed, opened):
            db.close()
            return 0
    else:
        # the demo fills while the event loop runs; its windows open when it is filled (the
        # progress window and the door closing are not the app's last window)
        app.setQuitOnLastWindowClosed(False)

        def filled(ok: bool) -> None:
            if ok and _open_window(app, db, protocol, demo, signed, opened):
                app.setQuitOnLastWindowClosed(True)
            else:
                app.quit()

        fill_demo(db, protocol, fill_demo_on, filled)
    try:
        return app.exec()
    finally:
        release_windows()
        db.close()


def _open_window(app: QApplication, db: Database, protocol: Protocol, demo: bool,
                 signed: SignedIn | None, opened: list[QWidget]) -> bool:
    """Through the door, then the main window (or the administrator's) shown; False: the
    user quit at the door."""
    from ui.context import Context
    from ui.main_window import MainWindow

    signed = signed or signed_in(db, demo)
    if signed is None:
        return False
    ctx = Context(db, protocol, demo=demo, signed=signed)
    if signed.role == "admin":
        from ui.admin_window import AdminWindow

        admin = AdminWindow(ctx, signed)
        admin.show()
        opened.append(admin)
        return True
    window = MainWindow(ctx)
    if os.environ.get("SITETRACK_STARTUP_PROBE"):
        # benchmarks/: report when the first frame is on screen, and when the worklist is
        # filled, then quit. Queued before show(), this runs right after the first paint.
        from PySide6.QtCore import QTimer

        from app.infra.clock import Clock

        def painted() -> None:
            print(f"painted-at {Clock.utc_now().timestamp():.6f}", flush=True)
            QTimer.singleShot(0, filled)

        def filled() -> None:
            rows = window.today.booked_model.rowCount()
            print(f"filled-at {Clock.utc_now().timestamp():.6f} rows {rows}", flush=True)
            app.quit()

        QTimer.singleShot(0, painted)
    window.show()
    opened.append(window)
    gc.freeze()  # what start-up built lives as long as the app: keep it out of collections
    gc.enable()
    return True
