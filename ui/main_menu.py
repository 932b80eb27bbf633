"""The main window's menus: File (enrol, exports, backups, password, quit), Tools, Help."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from ui.guide import add_help_menu
from ui.i18n import counted, tr
from ui.places.numbers import DEVIATIONS

if TYPE_CHECKING:
    from ui.main_window import MainWindow



def export_calendar(window: MainWindow, path: str | None = None) -> None:
    """The visits due within 90 days and booked, as an iCalendar file."""
    from app.services.ical_export import DEFAULT_DAYS, export_ical
    from ui.export import suggested_file
    from ui.places.base import export_to_file

    today = window.ctx.today()
    export_to_file(window, tr("Export visits to a calendar"),
                   suggested_file("Site visits", day=today, ending=".ics"),
                   tr("iCalendar file (*.ics)"), path,
                   lambda target: counted(
                       export_ical(window.ctx.db, target, today, DEFAULT_DAYS),
                       tr("{n} visit"), tr("{n} visits")))


def open_settings(window: MainWindow) -> None:
    from ui.operations import Changes, announce
    from ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window.ctx, window)
    if dialog.exec():
        announce(Changes(settings=True), dialog)  # the places that show a setting read it
        window.statusBar().showMessage(dialog.saved_note(), 6000)


def export_for_sponsor(window: MainWindow, kind: str, path: str | None = None) -> None:
    """The site's data for the sponsor: SDTM (its own dialog) or CDISC ODM."""
    from app.infra.clock import Clock
    from app.services.odm_export import export_odm
    from ui.export import suggested_file
    from ui.places.base import export_to_file

    db, today = window.ctx.db, window.ctx.today()
    if kind == "odm":
        export_to_file(window, tr("Export CDISC ODM 1.3.2"), suggested_file(
            "Site ODM", day=today, ending=".xml"), tr("ODM XML file (*.xml)"), path,
            lambda target: counted(export_odm(db, target, today, Clock.utc_now()),
                                   tr("{n} subject in ODM 1.3.2"),
                                   tr("{n} subjects in ODM 1.3.2")))
    else:
        from ui.sdtm_dialog import SdtmExportDialog

        dialog = SdtmExportDialog(window.ctx, path or "", window)
        if dialog.exec():
            window.statusBar().showMessage(dialog.summary(), 10000)


def import_from_spreadsheet(window: MainWindow, path: str | None = None) -> None:
    """Check the file first (a dry run), show what would be created or every problem by row
    and column; import only when there is none and the user says so. Both run off the GUI
    thread (ui/operations.py); the import's new patients are announced to the places."""
    from pathlib import Path

    from PySide6.QtWidgets import QMessageBox

    from app.services.patient_import import ImportReport, import_patients
    from ui.export import open_path
    from ui.operations import Changes, Operation

    if not path:
        path = open_path(window, tr("Import patients"), tr("Spreadsheets (*.csv *.xlsx)"))
    if not path:
        return
    ctx, title, chosen, day = window.ctx, tr("Import patients"), Path(path), window.ctx.today()

    def imported(report: ImportReport) -> None:
        window.statusBar().showMessage(report.summary(), 8000)

    def checked(report: ImportReport) -> None:
        if report.problems:
            box = QMessageBox(QMessageBox.Icon.Warning, title,
                              f"{chosen.name}: {report.summary()}.", parent=window)
            box.setDetailedText("\n".join(str(p) for p in report.problems))
            box.exec()
            return
        answer = QMessageBox.question(
            window, title, f"{chosen.name}: {report.summary()}:\n\n"
            + "\n".join(report.created[:20]) + ("\n…" if len(report.created) > 20 else "")
            + tr("\n\nImport them now?"))
        if answer == QMessageBox.StandardButton.Yes:
            Operation(window, lambda job: import_patients(ctx.db, ctx.protocol, chosen, day),
                      title=title).changes(Changes(records=True)).success(imported).run()

    Operation(window, lambda job: import_patients(ctx.db, ctx.protocol, chosen, day,
                                                  dry_run=True),
              title=title).success(checked).run()  # a problem with the file: said in words


def monitoring_report(window: MainWindow, path: str | None = None) -> None:
    """File > Monitoring visit report: signed by the monitor, saved as a PDF."""
    from ui.monitor_report_dialog import MonitorReportDialog

    dialog = MonitorReportDialog(window.ctx, path, window)
    if dialog.exec() and dialog.written is not None:
        window.statusBar().showMessage(tr("Monitoring visit report written to {path}").format(
            path=dialog.written), 8000)


def open_audit_trail(window: MainWindow) -> None:
    from ui.history_view import AuditTrailWindow

    window.audit_window = audit = AuditTrailWindow(window.ctx, window)
    audit.show()


def export_deviations(window: MainWindow) -> None:
    """File > Export deviations: the Deviations place shown, its listing saved."""
    window.go(DEVIATIONS)
    window.deviations.export()


def open_delegation_log(window: MainWindow) -> None:
    from ui.delegation import DelegationWindow

    log = DelegationWindow(window.ctx, window)  # kept alive by its parent, the window
    log.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    log.show()


def build_menu(window: MainWindow) -> None:
    bar = window.menuBar()
    file_menu = bar.addMenu(tr("&File"))
    enrol = QAction(tr("&Enrol a patient…"), window)
    enrol.setShortcut(QKeySequence.StandardKey.New)
    enrol.triggered.connect(window.enrol)
    file_menu.addAction(enrol)
    window.enrol_action = enrol
    export = QAction(tr("Export &deviations…"), window)
    export.triggered.connect(lambda: export_deviations(window))
    file_menu.addAction(export)
    ical = QAction(tr("Export visits to a &calendar (.ics)…"), window)
    ical.setToolTip(tr("Booked and due visits for Outlook or another calendar: subject IDs and "
                    "visit codes only"))
    ical.triggered.connect(lambda: export_calendar(window))
    file_menu.addAction(ical)
    for kind, text, tip in (
            ("sdtm", tr("Export &SDTM (.xpt, .csv, .xlsx)…"),
             tr("Each study's SDTMIG 3.4 datasets with controlled terminology and a "
                "define.xml, checked before they are written")),
            ("odm", tr("Export CDISC &ODM 1.3.2 (.xml)…"), tr("Each study's metadata and clinical "
             "data, with the audit trail's last change of each value and the signatures"))):
        action = QAction(text, window)
        action.setToolTip(tip)
        action.triggered.connect(lambda _=False, k=kind: export_for_sponsor(window, k))
        file_menu.addAction(action)
    window.report_action = QAction(tr("&Monitoring visit report (PDF)…"), window)
    window.report_action.setToolTip(tr("What was verified, the queries, deviations and open "
                                       "safety items of a period, e-signed by the monitor"))
    window.report_action.triggered.connect(lambda: monitoring_report(window))
    window.report_action.setEnabled(window.ctx.signed is not None
                                    and window.ctx.signed.role == "monitor")
    file_menu.addAction(window.report_action)
    importing = QAction(tr("&Import patients from a spreadsheet…"), window)
    importing.setToolTip(tr("Patients and their past visits from a CSV or XLSX file: checked "
                         "first, then all or nothing"))
    importing.triggered.connect(lambda: import_from_spreadsheet(window))
    file_menu.addAction(importing)
    window.import_action = importing
    file_menu.addSeparator()
    window.backup_action = QAction(tr("&Back up the database…"), window)
    window.backup_action.triggered.connect(lambda: window.back_up())
    file_menu.addAction(window.backup_action)
    window.restore_action = QAction(tr("&Restore a backup into a new file…"), window)
    window.restore_action.triggered.connect(lambda: window.restore())
    file_menu.addAction(window.restore_action)
    window.keep_action = QAction(tr("Daily backups to &keep…"), window)
    window.keep_action.triggered.connect(lambda: window.set_backup_keep())
    file_menu.addAction(window.keep_action)
    file_menu.addSeparator()
    window.password_action = QAction(tr("Change my &password…"), window)
    window.password_action.triggered.connect(window.change_password)
    window.password_action.setEnabled(window.ctx.signed is not None)
    file_menu.addAction(window.password_action)
    window.sign_out_action = QAction(tr("Sign &out / switch user…"), window)
    window.sign_out_action.setToolTip(tr("Back to the sign-in window for the next person at "
                                         "this computer (the program stays open)"))
    window.sign_out_action.setShortcut(QKeySequence("Ctrl+Shift+Q"))
    window.sign_out_action.triggered.connect(lambda: window.sign_out())
    window.sign_out_action.setEnabled(window.ctx.signed is not None)
    file_menu.addAction(window.sign_out_action)
    quit_action = QAction(tr("&Quit"), window)
    quit_action.setShortcut(QKeySequence.StandardKey.Quit)
    quit_action.triggered.connect(window.close)
    file_menu.addAction(quit_action)
    tools = bar.addMenu(tr("&Tools"))
    settings = QAction(tr("&Settings…"), window)
    settings.setShortcut(QKeySequence("Ctrl+,"))
    settings.setToolTip(tr("This workstation's paper and worklist; the site's name, idle lock "
                        "and backups"))
    settings.triggered.connect(lambda: open_settings(window))
    tools.addAction(settings)
    window.zone_action = QAction(tr("Site &time zone…"), window)
    window.zone_action.triggered.connect(lambda: window.set_site_zone())
    tools.addAction(window.zone_action)
    window.verify_action = QAction(tr("&Verify audit trail"), window)
    window.verify_action.triggered.connect(window.verify_audit_trail)
    tools.addAction(window.verify_action)
    audit = QAction(tr("&Audit trail…"), window)
    audit.setToolTip(tr("Every change at the site: who, when, what, before and after, why"))
    audit.triggered.connect(lambda: open_audit_trail(window))
    tools.addAction(audit)
    delegation = QAction(tr("&Delegation log…"), window)
    delegation.setToolTip(tr("Who is delegated which task on each study, their training, "
                             "the PI's approval; print or export the log"))
    delegation.triggered.connect(lambda: open_delegation_log(window))
    tools.addAction(delegation)
    window.ctcae_action = QAction(tr("Import the &CTCAE dictionary…"), window)
    window.ctcae_action.setToolTip(tr("Load NCI's CTCAE v5.0 workbook (.xlsx) or a CSV export"))
    window.ctcae_action.triggered.connect(lambda: window.import_ctcae())
    tools.addAction(window.ctcae_action)
    add_help_menu(bar.addMenu(tr("&Help")), window, window.show_about)
