"""Marking a record entered in error from the patient's page: the AE, scan, survival contact
or unscheduled visit selected in the tab shown, with the reason asked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMainWindow, QWidget

from app.rules.dates import fmt_date
from app.services.corrections import enter_in_error
from ui.context import Context
from ui.forms import FormDialog
from ui.i18n import tr
from ui.patient_calendar import RECORD_ROLE

if TYPE_CHECKING:
    from ui.patient_view import PatientView


class EnteredInErrorDialog(FormDialog):
    """Why a record was entered in error; saving takes it out of every listing."""
    help_page = "corrections"

    def __init__(self, ctx: Context, patient_id: int, kind: str, record_id: int, what: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(tr("Entered in error"), parent)
        self.ctx, self.patient_id = ctx, patient_id
        self.kind, self.record_id = kind, record_id
        self.intro.setText(
            tr("<b>{what}</b> leaves every listing and analysis. It stays on record, "
               "shown struck through with <i>Show entered in error</i>, with your name, "
               "the time and the reason, in the audit trail.").format(what=what))
        self.intro.show()
        self.text_box("reason", tr("Why it was entered in error"))

    def save(self) -> None:
        def act() -> None:
            enter_in_error(self.ctx.db, self.ctx.protocol, self.patient_id, self.kind,
                           self.record_id, self.read_text("reason"), self.ctx.today())
        if self.attempt(act):
            self.accept()


def selected_record(view: PatientView) -> tuple[str, int, str] | None:
    """(kind, record id, its name) of the record selected in the tab shown, when it is one
    that can be entered in error."""
    tab = view.tabs.currentWidget()
    if tab is view.ae_tab:
        index = view.ae_table.currentIndex()
        row = view.ae_model.row_at(index.row()) if index.isValid() else None
        if row is not None and row.removed_reason is None:
            return "ae", row.id, tr("AE {name}, onset {onset_text}").format(
                    name=row.name, onset_text=row.onset_text)
    elif tab is view.followup_tab:
        index = view.contacts.currentIndex()
        contact = view.contacts_model.row_at(index.row()) if index.isValid() else None
        if contact is not None and contact.removed_reason is None:
            return ("contact", contact.id,
                    tr("Survival contact of {contact_date}").format(
                            contact_date=fmt_date(contact.contact_date)))
    elif tab is view.response_tab:
        line = view.response_tab.selected()
        if line is not None and line.removed_reason is None:
            return "scan", line.scan_id, tr("Scan of {day}").format(day=fmt_date(line.day))
    elif tab is view.dosing_tab:
        return view.dosing_tab.selected_record()
    elif tab in view.findings.tabs:
        return view.findings.conmeds.selected_record() if tab is view.findings.conmeds else None
    elif tab is view.calendar_tab:
        item = view.tree.currentItem()
        record_id = item.data(0, RECORD_ROLE) if item is not None else None
        if item is not None and record_id is not None:
            return "unscheduled", int(record_id), item.text(0)
    return None


def mark_in_error(view: PatientView) -> None:
    """Entered in error… on the patient's page: the record selected in the tab shown."""
    chosen = selected_record(view)
    if chosen is None:
        window = view.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(
                tr("Select the AE, scan, survival contact, unscheduled visit, dose "
                   "modification, dispensing, con-med or history item entered in error "
                   "first (in its tab)"), 5000)
        return
    view.run_dialog(EnteredInErrorDialog(view.ctx, view.patient_id, *chosen, parent=view))
