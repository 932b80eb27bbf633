"""The windows as the signed-in account may use them: what the services say it may do
(app/services/offers.py) decides what is offered, never a role name compared here. A
monitor's window offers no edit, record, correct or entered-in-error action, and its
dialogs open read only; open queries show as a flag beside the record or field."""

from __future__ import annotations

from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QWidget,
)

from app.rules.queries import Target, TargetKind
from app.services.offers import Offered, offered
from ui.forms import FormDialog
from ui.i18n import counted, tr
from ui.widgets import DateField

if TYPE_CHECKING:
    from app.services.queries import QueryRow
    from ui.context import Context
    from ui.main_window import MainWindow
    from ui.patient_view import PatientView

FLAG = "⚑"


class _StaysHidden(QObject):
    """Hides again a button its page shows when it refreshes (an empty list's Enrol)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            watched.hide()
        return False


def withdraw(button: QWidget) -> None:
    """Not offered: hidden, disabled, and hidden again whenever its page shows it."""
    button.setEnabled(False)
    button.hide()
    keeper = _StaysHidden(button)
    button.installEventFilter(keeper)


def read_only(dialog: FormDialog) -> None:
    """Every field shown, none editable; no Save (button or keys): Close only."""
    dialog.setWindowTitle(tr("{title} (read only)").format(title=dialog.windowTitle()))
    for widget in dialog.fields.values():
        target = widget.edit if isinstance(widget, DateField) else widget
        if isinstance(target, QLineEdit | QPlainTextEdit):
            target.setReadOnly(True)
        elif isinstance(target, QTableWidget):
            target.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        elif isinstance(target, QComboBox | QAbstractButton):
            target.setEnabled(False)
    for child in dialog.findChildren(QWidget):
        if isinstance(child, QPushButton) and child.parent() is not dialog.buttons \
                and child.window() is dialog:
            child.setEnabled(False)  # a dialog's own add/remove buttons
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    if save is not None:
        save.hide()
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    if cancel is not None:
        cancel.setText(tr("Close"))
    saving = {QKeySequence(QKeySequence.StandardKey.Save), QKeySequence("Ctrl+Return"),
              QKeySequence("Ctrl+Enter")}
    for shortcut in dialog.findChildren(QShortcut):
        if shortcut.key() in saving:
            shortcut.setEnabled(False)
    dialog.ask_before_discard = False


def flag_dialog(dialog: FormDialog, rows: list[QueryRow], kind: TargetKind,
                ref: str | None) -> None:
    """A flag beside each field an open query names (its question as the tooltip), and
    the record's own open queries above the form."""
    from app.services.queries import flags  # the queries' service: when a dialog opens

    found = flags(rows, kind, ref)
    for field, queries in found.items():
        tip = "\n".join(f"{tr('Query')} {q.id} ({q.opened_by}): {q.text}" for q in queries)
        widget = dialog.fields.get(field) if field else None
        label = dialog.form.labelForField(widget) if widget is not None else None
        if widget is not None and isinstance(label, QLabel):
            label.setText(f"{label.text()} {FLAG}")
            label.setToolTip(tip)
            widget.setToolTip(tip)
        else:
            dialog.intro.setText(dialog.intro.text() + "<br>" + FLAG + " " + tr(
                "Open query: {text}").format(text=tip.replace("\n", "<br>")))
            dialog.intro.setToolTip(tip)
            dialog.intro.show()


#: each patient page's queries bar (and the offer it was built with)
_PAGES: WeakKeyDictionary[QWidget, PatientQueries] = WeakKeyDictionary()


def target_of(dialog: FormDialog) -> tuple[TargetKind, str | None] | None:
    """Which record a patient page's dialog shows (None: none a query can name)."""
    from ui.ae_dialog import AeDialog
    from ui.dialogs import EnrolDialog, VisitDialog
    from ui.pk_dialog import PkDialog
    from ui.scan_dialog import ScanDialog

    if isinstance(dialog, ScanDialog):
        return (TargetKind.SCAN, str(dialog.scan_id)) if dialog.scan_id is not None else None
    if isinstance(dialog, VisitDialog):
        return TargetKind.VISIT, dialog.code
    if isinstance(dialog, PkDialog):
        return TargetKind.PK, dialog.code
    if isinstance(dialog, AeDialog):
        return (TargetKind.AE, str(dialog.row.id)) if dialog.row is not None else None
    if isinstance(dialog, EnrolDialog) and dialog.patient_id is not None:
        return TargetKind.PATIENT, None
    return None


def fit_dialog(view: PatientView, dialog: FormDialog) -> None:
    """A patient page's dialog as the account may use it, flagged with open queries."""
    queries = _PAGES.get(view)
    fit_record_dialog(view.ctx, view.patient_id, dialog,
                      queries.offer if queries is not None else offered(view.ctx.db))


def fit_record_dialog(ctx: Context, patient_id: int, dialog: FormDialog,
                      offer: Offered | None = None) -> None:
    """A dialog of one of the patient's records (a tab's too: scans, dosing): read only
    where the account may not change it, flagged with the record's open queries."""
    if (offer or offered(ctx.db)).read_only:
        read_only(dialog)
    target = target_of(dialog)
    if target is None:
        return
    from app.services.queries import open_queries, reason_for

    rows = open_queries(ctx.db, ctx.today(), patient_id)
    flag_dialog(dialog, rows, *target)
    reason = dialog.fields.get("reason")
    mine = [q for q in rows if (q.target.kind, q.target.ref) == target]
    if mine and isinstance(reason, QLineEdit) and not reason.isReadOnly():
        # a correction answering the query names it: the audit trail links the two
        reason.setText(reason_for(mine[0].id))
        reason.setToolTip(tr("A correction answering query {id} keeps its number in the "
                             "reason").format(id=mine[0].id))


class PatientQueries:
    """The patient page's open queries (a count) and, for who may, Open a query."""

    def __init__(self, view: PatientView, offer: Offered) -> None:
        self.view, self.offer = view, offer
        bar = QHBoxLayout()
        self.count = QLabel()
        self.count.setAccessibleName(tr("Open queries"))
        self.button = QPushButton(tr("Open a &query…"))
        self.button.setToolTip(tr("A query on the selected visit (or on the patient)"))
        self.button.setVisible(offer.query)
        self.button.clicked.connect(lambda: self.open_query())
        bar.addWidget(self.count)
        bar.addWidget(self.button)
        bar.addStretch(1)
        layout = view.layout()
        if layout is not None and hasattr(layout, "insertLayout"):
            layout.insertLayout(1, bar)
        view.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        from app.services.queries import open_queries

        rows = open_queries(self.view.ctx.db, self.view.ctx.today(), self.view.patient_id)
        self.count.setText(counted(len(rows), tr("{n} open query"), tr("{n} open queries"))
                           if rows else "")
        self.count.setToolTip("\n".join(f"{r.target.words}: {r.text}" for r in rows))

    def open_query(self) -> None:
        from ui.query_dialogs import OpenQueryDialog

        code = self.view.selected_code()
        page = self.view.page
        subject = page.form.subject_id if page is not None else ""
        on = Target(TargetKind.VISIT, code) if code else Target(TargetKind.PATIENT)
        if OpenQueryDialog(self.view.ctx, self.view, subject, on).exec():
            self.refresh()


def fit_patient_view(view: PatientView) -> None:
    """No edit, record, correct or entered-in-error action where the account may not."""
    offer = offered(view.ctx.db)
    if offer.read_only:
        for button in (view.record_button, view.unscheduled_button, view.disposition_button,
                       view.contact_button, view.edit_button, view.screen_fail_button,
                       view.reconsent_button, view.error_button, view.log_ae_button,
                       view.response_tab.record_button, view.dosing_tab.modify_button,
                       view.dosing_tab.dispense_button, *view.labs_tab.edit_buttons(),
                       *view.findings.buttons()):
            withdraw(button)
    elif not offer.sign:  # a lab grade's proposed AE is the investigator's to answer
        withdraw(view.labs_tab.ae_button)
    _PAGES[view] = PatientQueries(view, offer)


def page_queries(view: PatientView) -> PatientQueries | None:
    return _PAGES.get(view)


def fit_window(window: MainWindow) -> None:
    """The main window's actions that change clinical data, offered only where they may."""
    offer: Offered = offered(window.db)
    if offer.read_only:
        for action in (window.enrol_action, window.import_action):
            action.setVisible(False)
            action.setEnabled(False)
        withdraw(window.today.record_button)
        withdraw(window.today.rebook_button)
        withdraw(window.today.cancel_booking_button)
        withdraw(window.today.enrol_button)


def fit_place(window: MainWindow, page: QWidget) -> None:
    """A place built on first opening: its buttons that change clinical data, where the
    account may (the Queries place offers its own steps itself)."""
    from ui.places.queries import QueriesPage

    if offered(window.db).read_only and not isinstance(page, QueriesPage):
        for name in ("enrol_button", "empty_enrol", "open_button", "smc_button",
                     "dlt_button", "move_button", "cancel_button", "book_button",
                     "cycle_button"):
            # Patients' enrol; Escalation's slots, SMC, DLT review; the bookings
            button = getattr(page, name, None)
            if isinstance(button, QPushButton):
                withdraw(button)
        for button in getattr(page, "entry_buttons", list)():  # Specimens' bench, boxes
            withdraw(button)
