"""One patient's whole story: header, calendar grouped by cycle, follow-up, history."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.rules.dates import fmt_date
from app.rules.pk import has_pk
from app.services import patients as pat
from app.services.adverse_events import AeRow, patient_aes
from app.services.corrections import removed_records
from app.services.history import patient_history
from app.services.patients import ContactView
from ui.context import Context, reads_once
from ui.dialogs import EnrolDialog, ReconsentDialog, ScreenFailDialog, UnscheduledDialog
from ui.disposition_dialogs import ContactDialog, DispositionDialog
from ui.dosing_tab import DosingTab
from ui.findings_tabs import FindingsTabs
from ui.forms import FormDialog
from ui.history_view import HistoryTab
from ui.i18n import counted, tr
from ui.labs_tab import LabsTab
from ui.patient_calendar import CODE_ROLE, fill_calendar, select_key, selected_key
from ui.patient_corrections import mark_in_error
from ui.patient_header import describe_open_ae, patient_header
from ui.places.adverse_events import ae_columns
from ui.read_only import fit_dialog, fit_patient_view
from ui.row_table import RowTable
from ui.table_model import Column, RowTableModel

if TYPE_CHECKING:
    from ui.ae_dialog import AeDialog
    from ui.dialogs import VisitDialog
    from ui.pk_dialog import PkDialog
    from ui.worksheet_preview import WorksheetPreview


class PatientView(QWidget):
    changed = Signal()
    page: pat.PatientPage  # read by refresh(), the last step of __init__

    @reads_once  # the page's first filling: one transaction
    def __init__(self, ctx: Context, patient_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.patient_id = ctx.for_patient(patient_id), patient_id
        ctx = self.ctx  # every tab and dialog of the page reads the patient's own study
        self.positioned = False  # the calendar scrolled to the current cycle on opening
        layout = QVBoxLayout(self)
        self.header = QLabel()
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        layout.addWidget(self.header)
        actions = QHBoxLayout()
        self.record_button = QPushButton(tr("Record visit…"))
        self.record_button.setToolTip(tr("Book or record the selected visit (Enter)"))
        self.worksheet_button = QPushButton(tr("Worksheet…"))
        self.worksheet_button.setToolTip(tr("Preview, print or save the selected visit's "
                                         "source-document worksheet"))
        self.pk_button = QPushButton(tr("PK samples…"))
        self.pk_button.setToolTip(tr("Dose time and PK tubes of the selected visit"))
        self.unscheduled_button = QPushButton(tr("Unscheduled visit…"))
        self.disposition_button = QPushButton(tr("End of treatment…"))
        self.disposition_button.setToolTip(tr("Last dose, progression, death, withdrawal of "
                                           "consent, lost to follow-up, new therapy"))
        self.contact_button = QPushButton(tr("Survival contact…"))
        self.edit_button = QPushButton(tr("Edit patient…"))
        self.screen_fail_button = QPushButton(tr("Screen failure…"))
        self.reconsent_button = QPushButton(tr("Re-consent…"))
        self.reconsent_button.setToolTip(tr("Record the patient's consent to an amendment of "
                                         "the protocol"))
        self.error_button = QPushButton(tr("Entered in error…"))
        self.error_button.setToolTip(tr("Mark the AE, scan, survival contact or unscheduled "
                                     "visit selected as entered in error (kept, with why)"))
        self.show_removed = QCheckBox(tr("Show entered in error"))
        self.show_removed.toggled.connect(lambda: self.refresh())
        for b in (self.record_button, self.worksheet_button, self.pk_button,
                  self.unscheduled_button,
                  self.disposition_button, self.contact_button, self.edit_button,
                  self.screen_fail_button, self.reconsent_button, self.error_button):
            actions.addWidget(b)
        actions.addStretch(1)
        actions.addWidget(self.show_removed)
        layout.addLayout(actions)
        self.record_button.clicked.connect(self.record_selected)
        self.pk_button.clicked.connect(lambda: self.open_pk(self.selected_code()))
        self.worksheet_button.clicked.connect(lambda: self.open_worksheet(self.selected_code()))
        self.unscheduled_button.clicked.connect(
            lambda: self.run_dialog(UnscheduledDialog(ctx, patient_id, self)))
        self.disposition_button.clicked.connect(
            lambda: self.run_dialog(DispositionDialog(ctx, patient_id, self.page.disposition, self,
                                                   self.page.version)))
        self.contact_button.clicked.connect(
            lambda: self.run_dialog(ContactDialog(ctx, patient_id, self)))
        self.edit_button.clicked.connect(
            lambda: self.run_dialog(EnrolDialog(ctx, self, patient_id, self.page.form,
                                             self.page.version)))
        self.screen_fail_button.clicked.connect(
            lambda: self.run_dialog(ScreenFailDialog(ctx, patient_id, self)))
        self.error_button.clicked.connect(lambda: mark_in_error(self))
        self.reconsent_button.clicked.connect(
            lambda: self.run_dialog(ReconsentDialog(ctx, patient_id, self.page.form.subject_id,
                                                 self.page.amendments_to_consent, self)))

        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        # Calendar
        cal_tab = QWidget()
        cal_layout = QVBoxLayout(cal_tab)
        self.show_cancelled = QCheckBox(tr("Show cancelled visits"))
        self.show_cancelled.toggled.connect(self._fill_calendar)
        cal_layout.addWidget(self.show_cancelled)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(tr("Calendar of visits"))
        self.tree.setColumnCount(6)
        self.tree.setHeaderLabels([tr("Visit"), tr("Target"), tr("Window"), tr("Booked"),
                                   tr("Actual"), tr("Status"),
                                   tr("Protocol version")])
        self.tree.itemActivated.connect(
            lambda item, _col: self.record_code(item.data(0, CODE_ROLE)))
        self.tree.currentItemChanged.connect(lambda *_: self._selection_changed())
        cal_layout.addWidget(self.tree)
        self.empty_calendar = QLabel()
        self.empty_calendar.setWordWrap(True)
        cal_layout.addWidget(self.empty_calendar)
        self.tabs.addTab(cal_tab, tr("Calendar"))
        self.calendar_tab = cal_tab
        # Follow-up
        fu = QWidget()
        fu_layout = QVBoxLayout(fu)
        self.disposition_form = QFormLayout()
        self.disposition_labels: dict[str, QLabel] = {}
        for key, label in (("last_dose_date", tr("Last dose")),
                           ("end_of_treatment_reason", tr("Why treatment ended")),
                           ("progression_date", tr("Progression")), ("death_date", tr("Death")),
                           ("death_cause", tr("Cause of death")),
                           ("withdrawal_date", tr("Withdrawal of consent")),
                           ("lost_to_follow_up_date", tr("Lost to follow-up")),
                           ("new_therapy_date", tr("New anticancer therapy")),
                           ("new_therapy", tr("New therapy"))):
            lab = QLabel()
            self.disposition_labels[key] = lab
            self.disposition_form.addRow(label + ":", lab)
        fu_layout.addLayout(self.disposition_form)
        fu_layout.addWidget(QLabel(tr("<b>Survival contacts</b>")))
        self.contacts_model = RowTableModel([
            Column(tr("Date"), lambda c: fmt_date(c.contact_date), lambda c: c.contact_date),
            Column(tr("Visit"), lambda c: c.visit_code or ""),
            Column(tr("How"), lambda c: tr(c.method.capitalize())),
            Column(tr("Result"), lambda c: {
                "alive": tr("Alive"), "dead": tr("Dead ({death_date})").format(
                        death_date=fmt_date(c.death_date)),
                "lost": tr("Lost to follow-up")}.get(c.result, c.result)),
            Column(tr("Subsequent therapy"), lambda c: c.subsequent_therapy or ""),
        ])
        self.contacts = RowTable(self.contacts_model)
        self.contacts.opened.connect(lambda contact: self.open_contact(contact))
        self._exportable(self.contacts, tr("survival contacts"))
        fu_layout.addWidget(self.contacts, 1)
        self.tabs.addTab(fu, tr("Follow-up"))
        self.followup_tab = fu
        # Adverse events
        ae_tab = QWidget()
        ae_layout = QVBoxLayout(ae_tab)
        ae_bar = QHBoxLayout()
        self.log_ae_button = QPushButton(tr("Log an adverse event…"))
        self.log_ae_button.clicked.connect(lambda: self.open_ae(None))
        ae_bar.addWidget(self.log_ae_button)
        self.ae_count = QLabel()
        ae_bar.addWidget(self.ae_count)
        ae_bar.addStretch(1)
        ae_layout.addLayout(ae_bar)
        self.ae_model = RowTableModel(ae_columns(with_subject=False))
        self.ae_table = RowTable(self.ae_model)
        self._exportable(self.ae_table, tr("adverse events"))
        self.ae_table.opened.connect(lambda row: self.open_ae(row))
        for i, w in enumerate((105, 260, 70, 130, 105, 60, 250, 50)):
            self.ae_table.setColumnWidth(i, w)
        ae_layout.addWidget(self.ae_table)
        self.tabs.addTab(ae_tab, tr("Adverse events"))
        self.ae_tab = ae_tab
        from ui.response_tab import ResponseTab

        self.response_tab = ResponseTab(ctx, patient_id, "", load=False)
        self.response_tab.saved.connect(self._scan_saved)
        self.tabs.addTab(self.response_tab, tr("Response"))
        self.dosing_tab = DosingTab(ctx, patient_id)
        self.dosing_tab.saved.connect(self._scan_saved)
        self.tabs.addTab(self.dosing_tab, tr("Dosing"))
        self.labs_tab = LabsTab(ctx, patient_id)
        self.labs_tab.saved.connect(self._scan_saved)
        self.tabs.addTab(self.labs_tab, tr("Labs"))
        self.findings = FindingsTabs(self)  # Vitals and ECG; Con-meds and history
        self.history_tab = HistoryTab(ctx, lambda: self.page.form.subject_id)
        self.history_model = self.history_tab.model
        self.tabs.addTab(self.history_tab, tr("History"))
        self.stale: set[QWidget] = set()
        self.tabs.currentChanged.connect(lambda _i: self._fill_shown_tab())
        self.refresh()
        fit_patient_view(self)  # what the account may do; the open queries

    def _exportable(self, table: RowTable, what: str) -> None:
        from ui.export import make_exportable

        table.setAccessibleName(what.capitalize())
        make_exportable(table, self.ctx, lambda: f"{self.page.form.subject_id} {what}",
                        lambda: self.ctx.protocol.code)

    # --- data -----------------------------------------------------------------------------
    def refresh(self) -> None:
        self.page = page = pat.patient_page(self.ctx.db, self.ctx.protocol, self.patient_id,
                                            self.ctx.today())
        self.header.setText(patient_header(page, self.ctx.protocol))
        # buttons shown only where they apply (the row fits a small screen): screen failure
        # while screening, survival contacts in follow-up, re-consent awaited after an amendment
        self.screen_fail_button.setVisible(page.may.screen_failure)
        self.reconsent_button.setVisible(bool(page.amendments_to_consent))
        self.contact_button.setVisible(page.may.survival_contact)
        self.unscheduled_button.setEnabled(page.may.unscheduled_visit)
        for key, lab in self.disposition_labels.items():
            value = (page.disposition.get("death_partial") if key == "death_date" else None) \
                or page.disposition.get(key)
            lab.setText(fmt_date(value) if isinstance(value, date) else (
                tr(str(value).capitalize()) if value else "—"))
        removed = removed_records(self.ctx.db, self.patient_id) \
            if self.show_removed.isChecked() else []
        self.removed = removed
        self.contacts_model.set_rows(page.contacts + [
            ContactView(r.id, r.day or date.min, "", "", None, None, None,
                        removed_reason=r.removed_reason) for r in removed if r.kind == "contact"])
        self.aes = patient_aes(self.ctx.db, self.patient_id, self.ctx.now())
        self.ae_model.set_rows(patient_aes(self.ctx.db, self.patient_id, self.ctx.now(),
                                           with_removed=True) if removed else self.aes)
        self.response_tab.subject = page.form.subject_id
        self.response_tab.show_removed = self.show_removed.isChecked()
        open_count = sum(r.ongoing for r in self.aes)
        self.ae_count.setText(tr("{aes}, {open_count} ongoing").format(
                aes=counted(len(self.aes), tr("{n} AE"),
                           tr("{n} AEs")), open_count=open_count) if self.aes
                              else tr("No adverse events logged"))
        # the tabs are read when shown: the page opens on its calendar
        self.stale = {self.response_tab, self.dosing_tab, self.labs_tab, self.history_tab,
                      *self.findings.tabs}
        self._fill_shown_tab()
        self._fill_calendar()
        self._selection_changed()

    def _fill_calendar(self) -> None:
        page = self.page
        kept = selected_key(self.tree)
        self.tree.clear()
        rows = page.calendar
        if not rows:
            self.tree.hide()
            self.empty_calendar.setText(
                tr("No calendar yet: set the planned first dose (Edit patient…) to build it.")
                if page.may.first_dose_to_plan else tr("This patient has no calendar."))
            self.empty_calendar.show()
            return
        self.tree.show()
        self.empty_calendar.hide()
        hidden, now = fill_calendar(self.tree, page, self.ctx.protocol,
                                    self.show_cancelled.isChecked(), self.removed)
        self.show_cancelled.setText(tr("Show cancelled visits ({hidden} hidden)").format(
                hidden=hidden) if hidden
                                    else tr("Show cancelled visits"))
        # which version made each visit: shown once an amendment has changed this calendar
        versions = {r.protocol_version for r in rows}
        self.tree.setColumnHidden(6, len(versions) < 2)
        self._open_at(now)
        select_key(self.tree, kept)  # after a save, the same row (PK samples… next)

    def _open_at(self, item: QTreeWidgetItem | None) -> None:
        """The page opens at the current cycle (once: a refresh keeps the user's place)."""
        if item is not None and not self.positioned:
            self.positioned = True
            self.tree.setCurrentItem(item)
            self.tree.scrollToItem(item.parent() or item,
                                   QAbstractItemView.ScrollHint.PositionAtTop)

    def _fill_shown_tab(self) -> None:
        tab = self.tabs.currentWidget()
        if tab not in self.stale:
            return
        self.stale.discard(tab)
        if tab in (self.response_tab, self.dosing_tab, self.labs_tab, *self.findings.tabs):
            tab.refresh()
        elif tab is self.history_tab:
            self.history_tab.set_rows(patient_history(self.ctx.db, self.patient_id))

    def _scan_saved(self) -> None:
        """A scan completes its visit, a hold moves a cycle: the calendar says so at once."""
        self.refresh()
        self.changed.emit()

    # --- actions ------------------------------------------------------------------------------
    def run_dialog(self, dialog: FormDialog) -> bool:
        fit_dialog(self, dialog)  # read only where the account may not change; flags
        if dialog.exec():
            self.refresh()
            self.changed.emit()
            return True
        return False

    def open_contact(self, contact: pat.ContactView) -> None:
        if contact.removed_reason is None:  # entered in error: kept as it was
            self.run_dialog(ContactDialog(self.ctx, self.patient_id, self, contact))

    def _selection_changed(self) -> None:
        code = self.selected_code()
        self.pk_button.setEnabled(bool(code and has_pk(self.ctx.protocol, code)))
        self.worksheet_button.setEnabled(bool(code))

    def worksheet_preview(self, code: str) -> WorksheetPreview:
        from ui.worksheet_preview import WorksheetPreview

        return WorksheetPreview(self.ctx, [(self.patient_id, code)], self)

    def open_worksheet(self, code: str | None) -> None:
        if code:
            self.worksheet_preview(code).exec()

    def pk_dialog(self, code: str) -> PkDialog:
        from ui.pk_dialog import PkDialog

        return PkDialog(self.ctx, self.patient_id, code, self)

    def open_pk(self, code: str | None) -> None:
        if code and has_pk(self.ctx.protocol, code):
            self.run_dialog(self.pk_dialog(code))

    def selected_code(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, CODE_ROLE) if item else None

    def record_selected(self) -> None:
        code = self.selected_code()
        if code is None:
            code = self.page.visit_to_record
        if code:
            self.record_code(code)
        else:
            window = self.window()
            if isinstance(window, QMainWindow):
                window.statusBar().showMessage(tr("Select a visit in the calendar first"), 4000)

    def visit_dialog(self, code: str) -> VisitDialog | None:
        from ui.dialogs import VisitDialog

        row = next((r for r in self.page.calendar if r.code == code), None)
        if row is None:
            return None
        return VisitDialog(self.ctx, self.patient_id, self.page.form.subject_id, row,
                           self.page.records.get(code), self,
                           open_aes=[describe_open_ae(r) for r in self.aes if r.ongoing],
                           dose_level=self.page.current_dose_level)

    def ae_dialog(self, row: AeRow | None) -> AeDialog:
        from ui.ae_dialog import AeDialog

        return AeDialog(self.ctx, self.patient_id, self.page.form.subject_id,
                        self.page.form.part, row, self)

    def open_ae(self, row: AeRow | None) -> None:
        if row is not None and row.removed_reason is not None:
            return  # entered in error: kept as it was
        dialog = self.ae_dialog(row)
        if self.run_dialog(dialog) and dialog.result_value and dialog.result_value.needs_death:
            answer = QMessageBox.question(
                self, tr("Grade 5 adverse event"),
                tr("Grade 5 means the patient died. Record the death now (date and cause)?"))
            if answer == QMessageBox.StandardButton.Yes:
                self.run_dialog(DispositionDialog(self.ctx, self.patient_id,
                                               self.page.disposition, self, self.page.version))

    def record_code(self, code: str | None) -> None:
        if not code:
            return
        dialog = self.visit_dialog(code)
        if dialog is not None:
            self.run_dialog(dialog)
