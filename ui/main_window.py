"""The main window: places in a sidebar, one shown at a time, a status bar naming the database."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from app import __version__
from app.rules.dates import fmt_date
from app.services.database import verify_audit_trail
from ui.context import Context
from ui.main_menu import build_menu
from ui.operations import Changes, announce, follow, show_failure
from ui.places import build_place
from ui.places.today import TodayPage
from ui.read_only import fit_place, fit_window
from ui.style import badge, fit_to_screen, scrolled
from ui.theme import restyle
from ui.window_places import PlacesWindow, Refreshes

if TYPE_CHECKING:
    from app.services.dictionary import ImportResult
    from ui.history_view import AuditTrailWindow
    from ui.patient_view import PatientView

from ui.i18n import said, signed_in_text, tr
from ui.places.numbers import (
    ADVERSE_EVENTS,
    DEVIATIONS,
    MONITORING,
    PATIENT,
    PATIENTS,
    PK_SAMPLES,
    RESPONSE,
    TO_SIGN,
    TODAY,
    WORKLIST,
)


class MainWindow(PlacesWindow):
    # the menu's actions the window enables and the tests trigger (made by ui/main_menu.py)
    backup_action: QAction
    restore_action: QAction
    keep_action: QAction
    password_action: QAction
    sign_out_action: QAction
    zone_action: QAction
    verify_action: QAction
    ctcae_action: QAction
    enrol_action: QAction  # File menu's: offered only to who may enter data
    import_action: QAction
    report_action: QAction  # the monitoring visit report (File menu)

    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx
        self.db = ctx.db
        self.setWindowTitle(tr("Site Tracker") + (tr(" (DEMO)") if ctx.demo else ""))
        fit_to_screen(self, 1280, 800)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        self.sidebar = QListWidget()
        self.sidebar.setAccessibleName(tr("Places"))
        self.sidebar.setFixedWidth(170)
        self.sidebar.setStyleSheet(
            # the palette's own colours: readable in a light and in a dark scheme
            "QListWidget { font-size: 11pt; border: none; background: palette(alternate-base);"
            " color: palette(text); }"
            "QListWidget::item { padding: 8px 12px; }"
            "QListWidget::item:selected { background: palette(highlight);"
            " color: palette(highlighted-text); }")
        for name in (tr("Today"), tr("Worklist"), tr("Patients"), tr("Adverse events"),
                     tr("Response"),
                     tr("Deviations"), tr("PK samples"), tr("Escalation"), tr("To sign"),
                     tr("Queries"), tr("Monitoring"), tr("Planner"), tr("Specimens")):
            QListWidgetItem(name, self.sidebar)
        # only an investigator signs: the place is theirs
        signer = ctx.signed is not None and ctx.signed.role == "investigator"
        self.sidebar.item(TO_SIGN).setHidden(not signer)
        # verification and the audit review: the monitor's own work
        monitor = ctx.signed is not None and ctx.signed.role == "monitor"
        self.sidebar.item(MONITORING).setHidden(not monitor)
        self.patient_item = QListWidgetItem(tr("Patient"), self.sidebar)
        self.patient_item.setHidden(True)
        self.stack = QStackedWidget()
        self.today = TodayPage(ctx)
        self.patient_view: PatientView | None = None
        self.audit_window: AuditTrailWindow | None = None  # Tools > Audit trail, once opened
        # the other places are built when first opened: start-up pays only for Today
        self._built: dict[int, QWidget] = {TODAY: self.today}
        for place in range(PATIENT):
            self.stack.addWidget(self._built.get(place) or QWidget())
        self.patient_holder = QStackedWidget()
        self.stack.addWidget(self.patient_holder)
        layout.addWidget(self.sidebar)
        layout.addWidget(scrolled(self.stack), 1)
        self.setCentralWidget(central)
        self.sidebar.currentRowChanged.connect(self.go)
        self.today.open_patient.connect(self.open_patient)
        self.today.record_visit.connect(self.record_visit)
        self.today.enrol_requested.connect(self.enrol)
        self._build_menu()
        self._build_status_bar()
        self.idle_lock = None
        if ctx.signed is not None:
            from app.services.database import idle_lock_minutes
            from ui.idle_lock import IdleLock

            self.idle_lock = IdleLock(self, ctx, idle_lock_minutes(ctx.db))
        QShortcut(QKeySequence("Ctrl+F"), self, self.find_patient)
        from ui.tray import ReminderTray

        self.tray = ReminderTray(ctx, self)  # reminders where the desktop has a tray
        # The window paints first; the worklist fills in the next turn of the event loop.
        self.sidebar.blockSignals(True)
        self.sidebar.setCurrentRow(TODAY)
        self.sidebar.blockSignals(False)
        fit_window(self)  # no action the account may not take (a monitor's: no edit)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.today.loaded:
            QTimer.singleShot(0, self.today.refresh)

    def _build_menu(self) -> None:
        build_menu(self)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.db_label = QLabel(tr("Database: {display_name}").format(
                display_name=self.db.display_name))
        signed = self.ctx.signed
        self.user_label = QLabel(signed_in_text(signed) if signed
                                 else tr("User: {actor}").format(actor=self.db.actor))
        self.today_label = QLabel(tr("Today: {today}").format(today=fmt_date(self.ctx.today())))
        status.addWidget(self.db_label, 1)
        status.addPermanentWidget(self.today_label)
        status.addPermanentWidget(self.user_label)
        self.demo_label = QLabel(tr("DEMO: fictional patients"))
        restyle(self.demo_label, lambda: self.demo_label.setStyleSheet(badge()))
        status.addPermanentWidget(self.demo_label)
        self.demo_label.setVisible(self.ctx.demo)

    # --- navigation -------------------------------------------------------------------------
    def built(self, place: int) -> QWidget | None:
        """The page of a place if it was opened already (a page built later reads the
        workstation's settings itself)."""
        return self._built.get(place)

    def place(self, place: int) -> QWidget:
        """The page of a place, built on first use."""
        page = self._built.get(place)
        if page is None:
            page = build_place(place, self.ctx)
            if place == PATIENTS:
                page.enrol_requested.connect(self.enrol)
            if hasattr(page, "open_patient"):
                page.open_patient.connect(self.open_patient)
            if hasattr(page, "open_pk"):
                page.open_pk.connect(self.open_pk)
            fit_place(self, page)
            old = self.stack.widget(place)
            self.stack.insertWidget(place, page)
            if old is not None:
                self.stack.removeWidget(old)
                old.deleteLater()
            self._built[place] = page
        return page

    def go(self, place: int) -> None:
        if self.sidebar.currentRow() != place:
            self.sidebar.setCurrentRow(place)
            return
        if place != PATIENT:
            self.place(place)
        self.stack.setCurrentIndex(place)
        page = self.stack.currentWidget()
        if place == PATIENT and self.patient_view is not None:
            self.patient_view.refresh()
        elif isinstance(page, Refreshes):
            page.refresh()

    def open_patient(self, patient_id: int) -> None:
        from ui.patient_view import PatientView  # the dialogs load when first needed

        old = self.patient_view
        view = PatientView(self.ctx, patient_id)
        view.changed.connect(self._data_changed)
        follow(view, view.refresh)  # changed elsewhere (the site's clock): read again
        restyle(view, view.refresh, now=False)  # the status's colour in the new scheme
        self.patient_holder.addWidget(view)
        self.patient_holder.setCurrentWidget(view)
        if old is not None:
            self.patient_holder.removeWidget(old)
            old.deleteLater()
        self.patient_view = view
        self.patient_item.setText(tr("Patient {subject_id}").format(
                subject_id=view.page.form.subject_id))
        self.patient_item.setHidden(False)
        self.sidebar.setCurrentRow(PATIENT)
        self.stack.setCurrentIndex(PATIENT)
        view.tree.setFocus()

    def record_visit(self, patient_id: int, code: str) -> None:
        """From Today: the patient's page, with the visit's dialog open."""
        self.open_patient(patient_id)
        if self.patient_view is not None:
            self.patient_view.record_code(code)

    def open_pk(self, patient_id: int, code: str) -> None:
        """From the PK listing: the patient's page, with the visit's PK samples open."""
        self.open_patient(patient_id)
        if self.patient_view is not None:
            self.patient_view.open_pk(code)

    def _data_changed(self) -> None:
        """A patient's page saved: said, and announced to every place."""
        self.statusBar().showMessage(tr("Saved"), 4000)
        announce(Changes(records=True), self.patient_view)

    def find_patient(self) -> None:
        self.go(PATIENTS)
        self.patients.search.setFocus()
        self.patients.search.selectAll()

    def enrol(self) -> None:
        from ui.dialogs import EnrolDialog

        dialog = EnrolDialog(self.ctx, self)
        if dialog.exec() and dialog.saved_id is not None:
            self.open_patient(dialog.saved_id)

    # --- tools ------------------------------------------------------------------------------
    def verify_audit_trail(self) -> None:
        report = verify_audit_trail(self.db)
        if report.intact:
            QMessageBox.information(
                self, tr("Audit trail"), tr("The audit trail is intact: {count} entries.").format(
                        count=report.count))
        else:
            QMessageBox.critical(
                self, tr("Audit trail"),
                report.message[0].upper() + report.message[1:]
                + "".join(f"\n{m}" for m in report.mismatches[1:10]))

    # --- backups ------------------------------------------------------------------------------
    def back_up(self, path: str | None = None) -> None:
        """A verified copy with its manifest (SQLite); the pg_dump line for PostgreSQL."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication

        from app.services import database as site
        from ui.export import save_path

        suggested = site.suggested_backup(self.db, self.ctx.today())
        if suggested is None:
            QMessageBox.information(self, tr("Back up the database"), site.PG_DUMP_HELP)
            return
        if not path:
            path = save_path(self, tr("Back up the database"), str(suggested),
                             tr("Site Tracker database (*.sqlite)"))
        if not path:
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            report = site.backup_now(self.db, path)
        except site.DatabaseRefused as exc:
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(self, tr("Back up the database"), said(exc))
            return
        QApplication.restoreOverrideCursor()
        QMessageBox.information(
            self, tr("Back up the database"),
            tr("Backed up to {path}: {holds}, checked (integrity and audit trail). A "
               "manifest describing it is beside it.").format(
                       path=report.path, holds=site.holds(report.patients, report.audit_entries)))

    def restore(self, backup: str | None = None, target: str | None = None) -> None:
        """Into a new file only: the database in use is never replaced."""
        from ui.restore_backup import restore_into_new_file

        restore_into_new_file(self, backup, target)

    def set_backup_keep(self, keep: int | None = None) -> None:
        from PySide6.QtWidgets import QInputDialog

        from app.services import database as site

        if keep is None:
            keep, ok = QInputDialog.getInt(
                self, tr("Daily backups"), tr("Keep the newest daily backups (one a day):"),
                site.keep_setting(self.db), 1, 3650)
            if not ok:
                return
        site.set_backup_keep(self.db, keep)
        self.statusBar().showMessage(tr("The newest {keep} daily backups are kept").format(
                keep=keep), 5000)

    def change_password(self) -> None:
        from ui.login import ChangePasswordDialog

        if self.ctx.signed is not None and ChangePasswordDialog(
                self.db, self.ctx.signed.name, parent=self).exec():
            self.statusBar().showMessage(tr("Your password is changed"), 5000)

    def sign_out(self) -> QMainWindow | None:
        """File > Sign out: back to the sign-in window, the program kept open (ui/sign_out)."""
        from ui.sign_out import sign_out

        return sign_out(self, self.ctx)

    def set_site_zone(self) -> None:
        from ui.site_time_dialog import SiteTimeDialog

        if SiteTimeDialog(self.ctx, self).exec():
            self.statusBar().showMessage(tr("Clock times are shown in {zone}").format(
                    zone=self.ctx.zone()), 5000)
            announce(Changes(clock=True))  # what is on screen, on the new clock

    def import_ctcae(self, path: str | None = None, *, replace: bool = False) -> None:
        """The dictionary read and loaded off the GUI thread (ui/operations.py); a file
        with fewer terms than the one loaded asks first, then loads again replacing it."""
        from app.rules.ctcae import CtcaeFileError
        from app.services.dictionary import DictionaryShrinks, import_dictionary
        from ui.export import open_path
        from ui.operations import Operation

        if not path:
            path = open_path(self, tr("Import the CTCAE dictionary"),
                             tr("NCI CTCAE workbook or CSV (*.xlsx *.csv)"))
        if not path:
            return
        title, chosen = tr("Import the CTCAE dictionary"), path

        def failed(exc: Exception) -> None:
            if isinstance(exc, DictionaryShrinks):
                answer = QMessageBox.question(
                    self, title,
                    f"{exc}.\n\nReplace the dictionary with this file? Terms adverse "
                    "events are coded to are kept for them either way.",
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                    QMessageBox.StandardButton.No)
                if answer == QMessageBox.StandardButton.Yes:
                    self.import_ctcae(chosen, replace=True)
            elif isinstance(exc, CtcaeFileError | OSError):
                QMessageBox.warning(self, title, tr("{exc}\n\nThe dictionary already loaded "
                                                    "was left as it was.").format(exc=said(exc)))
            else:
                show_failure(self, title, exc)

        def loaded(result: ImportResult) -> None:
            QMessageBox.information(self, title, result.summary() + ".")

        Operation(self, lambda job: import_dictionary(self.db, chosen, replace=replace,
                                                      cancelled=job.cancelled),
                  title=title).with_progress(tr("Reading {path} and loading its terms…").format(
                      path=path)).changes(Changes(dictionary=True)).success(
                          loaded).failure(failed).run()

    def show_about(self) -> None:
        QMessageBox.about(
            self, tr("About Site Tracker"),
            tr("Site Tracker {version}\n\n").format(version=__version__) + "\n".join(
                f"{p.code} ({p.version}): {p.title}" for p in self.ctx.studies().values())
            + tr("\n\nDatabase: {display_name}").format(display_name=self.db.display_name))


# the places' numbers too, by which the tests and tools open a place
__all__ = ["ADVERSE_EVENTS", "DEVIATIONS", "PATIENT", "PATIENTS", "PK_SAMPLES", "RESPONSE",
           "TODAY", "TO_SIGN", "WORKLIST", "MainWindow"]
