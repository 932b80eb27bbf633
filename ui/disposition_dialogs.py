"""End of treatment and what follows it: the disposition dialog and survival contacts."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QListWidget, QListWidgetItem, QMessageBox, QWidget

from app.rules.dates import fmt_date
from app.services import disposition as disp
from app.services.disposition import ContactForm
from app.services.errors import InvalidEntry, StorageProblem
from app.services.patients import ContactView
from ui.context import Context
from ui.forms import FormDialog
from ui.i18n import said, tr, window_text

# the dates whose change changes which visits are left open
_EVENT_DATES = ("last_dose_date", "progression_date", "death_date", "withdrawal_date",
                "lost_to_follow_up_date", "new_therapy_date")


class _ClosesOpenVisits(FormDialog):
    """A dialog whose save can end the study: it lists the visits left open, to be recorded
    not done in the same save."""

    ctx: Context
    patient_id: int

    def _open_visits(self) -> None:
        """The visits whose window closed with nothing recorded: ticked, they are recorded
        not done (missed) for the reason chosen, in the same save."""
        self.unticked: set[str] = set()
        listing = QListWidget()
        listing.setMaximumHeight(120)
        # wide enough for a visit and its window on one line (the dialog grows to it)
        listing.setMinimumWidth(listing.fontMetrics().horizontalAdvance(
            "C10D15 Cycle 10 Day 15 · 29-NOV-2026 to 01-DEC-2026 (target 30-NOV)") + 60)
        listing.setToolTip(tr("Ticked visits are recorded not done (missed) with the reason "
                              "below; untick one (Space) to leave it open"))
        listing.itemChanged.connect(self._ticked)
        self.add("not_done", tr("Visits never recorded"), listing)
        self.reason_words = {"ended treatment": tr("Ended treatment"),
                             "off study": tr("Off study"),
                             "patient did not attend": tr("Patient did not attend"),
                             "data not available": tr("Data not available")}
        why = QComboBox()
        why.setEditable(True)  # the usual reasons, or the nurse's own words
        for value in disp.NOT_DONE_REASONS:
            why.addItem(self.reason_words.get(value, value), value)
        self.add("not_done_reason", tr("Why not done"), why)

    def _ticked(self, item: QListWidgetItem) -> None:
        code = item.data(Qt.ItemDataRole.UserRole)
        if item.checkState() == Qt.CheckState.Checked:
            self.unticked.discard(code)
        else:
            self.unticked.add(code)

    def preview(self) -> list[disp.OpenVisit]:
        """The visits what is typed so far would leave open."""
        raise NotImplementedError

    def _refresh_open(self) -> None:
        """The list follows what is typed (a date half typed changes nothing)."""
        try:
            visits = self.preview()
        except (InvalidEntry, StorageProblem):
            return
        listing: QListWidget = self.fields["not_done"]  # type: ignore[assignment]
        listing.blockSignals(True)
        listing.clear()
        for v in visits:
            item = QListWidgetItem(f"{v.code} {v.label} · "
                                   + window_text(v.earliest, v.latest, v.target))
            item.setData(Qt.ItemDataRole.UserRole, v.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked if v.code in self.unticked
                               else Qt.CheckState.Checked)
            listing.addItem(item)
        if visits:
            listing.setCurrentRow(0)
        listing.blockSignals(False)
        for name in ("not_done", "not_done_reason"):
            self.fields[name].setVisible(bool(visits))
            self.form.labelForField(self.fields[name]).setVisible(bool(visits))

    def not_done(self) -> disp.NotDone | None:
        """The visits ticked to be recorded not done, and why."""
        listing: QListWidget = self.fields["not_done"]  # type: ignore[assignment]
        codes = frozenset(
            listing.item(i).data(Qt.ItemDataRole.UserRole) for i in range(listing.count())
            if listing.item(i).checkState() == Qt.CheckState.Checked)
        if not codes or listing.isHidden():
            return None
        why: QComboBox = self.fields["not_done_reason"]  # type: ignore[assignment]
        text = why.currentText().strip()
        chosen = why.findText(text, Qt.MatchFlag.MatchFixedString)
        return disp.NotDone(codes, why.itemData(chosen) if chosen >= 0 else text)


class DispositionDialog(_ClosesOpenVisits):
    """How treatment and the study ended: last dose, progression, death, withdrawal, ..."""
    help_page = "end-treatment"

    def __init__(self, ctx: Context, patient_id: int, current: dict,
                 parent: QWidget | None = None, version: int | None = None) -> None:
        super().__init__(tr("End of treatment and disposition"), parent)
        self.ctx, self.patient_id = ctx, patient_id
        self.date_field("last_dose_date", tr("Last dose"), current.get("last_dose_date"))
        self.choice("end_of_treatment_reason", tr("Why treatment ended"),
                    [("", None)] + [(tr(x.capitalize()), x) for x in disp.EOT_CHOICES]
                    + [(tr(x.capitalize()), x) for x in disp.EOT_REASONS  # an older word, saved
                       if x == current.get("end_of_treatment_reason")
                       and x not in disp.EOT_CHOICES],
                    current.get("end_of_treatment_reason"))
        self.date_field("progression_date", tr("Progression"), current.get("progression_date"))
        self.date_field("death_date", tr("Death"), current.get("death_date"),
                        current.get("death_partial"), allow_partial=True)
        self.line("death_cause", tr("Cause of death"), current.get("death_cause") or "")
        self.date_field("withdrawal_date", tr("Withdrawal of consent"),
                        current.get("withdrawal_date"))
        self.date_field("lost_to_follow_up_date", tr("Lost to follow-up"),
                        current.get("lost_to_follow_up_date"))
        self.date_field("new_therapy_date", tr("New anticancer therapy started"),
                        current.get("new_therapy_date"))
        self.line("new_therapy", tr("New therapy"), current.get("new_therapy") or "")
        self._open_visits()
        for name in _EVENT_DATES:
            self.fields[name].changed.connect(self._refresh_open)  # type: ignore[attr-defined]
        self.reason_field(any(v is not None for v in current.values()))
        self.base, self.version = self.collect(), version
        self._refresh_open()
        if any(v is not None for v in current.values()):
            self.add_history(tr("End of treatment and disposition"), "patient", patient_id)

    def preview(self) -> list[disp.OpenVisit]:
        return disp.open_past_visits(self.ctx.db, self.ctx.protocol, self.patient_id,
                                     self.collect(), self.ctx.today())

    def collect(self) -> disp.DispositionForm:
        try:
            death = self.fields["death_date"].value()  # type: ignore[attr-defined]
        except ValueError as exc:
            raise InvalidEntry("death_date", tr("Death: {exc}").format(exc=said(exc))) from None
        return disp.DispositionForm(
                last_dose_date=self.read_date("last_dose_date", tr("Last dose")),
                end_of_treatment_reason=self.read_choice("end_of_treatment_reason"),
                progression_date=self.read_date("progression_date", tr("Progression")),
                death_date=death if isinstance(death, date) else None,
                death_partial=None if death is None or isinstance(death, date) else death.text,
                death_cause=self.read_text("death_cause") or None,
                withdrawal_date=self.read_date("withdrawal_date", tr("Withdrawal of consent")),
                lost_to_follow_up_date=self.read_date("lost_to_follow_up_date",
                                                      tr("Lost to follow-up")),
                new_therapy_date=self.read_date("new_therapy_date", tr("New therapy")),
                new_therapy=self.read_text("new_therapy") or None)

    def save(self) -> None:
        def run(cancel_booked: bool) -> None:
            disp.set_disposition(self.ctx.db, self.ctx.protocol, self.patient_id, self.collect(),
                                 self.ctx.today(), reason=self.read_text("reason") or None,
                                 base=self.base, version=self.version,
                                 cancel_booked=cancel_booked, not_done=self.not_done())

        def act() -> None:
            try:
                run(False)
            except disp.CancelsBookedVisits as exc:  # booked visits are cancelled knowingly
                answer = QMessageBox.question(
                    self, tr("Booked visits"),
                    tr("{message}.\n\nCancel them and save?").format(message=said(exc)),
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                    QMessageBox.StandardButton.No)
                if answer != QMessageBox.StandardButton.Yes:
                    raise
                run(True)
        if self.attempt(act):
            self.accept()


class ContactDialog(_ClosesOpenVisits):
    """A survival follow-up contact, or a saved one corrected (with a reason; its result
    stays: a death or a loss is corrected under End of treatment)."""
    help_page = "end-treatment"

    def __init__(self, ctx: Context, patient_id: int, parent: QWidget | None = None,
                 contact: ContactView | None = None) -> None:
        super().__init__(tr("Survival follow-up contact"), parent)
        self.ctx, self.patient_id, self.contact = ctx, patient_id, contact
        f = contact.form() if contact else ContactForm(contact_date=ctx.today())
        self.date_field("contact_date", tr("Date of contact"), f.contact_date)
        # a new contact's How and Result start unanswered: a keystroke never saves "alive"
        unanswered: list[tuple[str, object]] = [] if contact else [("", None)]
        self.choice("method", tr("How"), unanswered + [
            (tr(m.capitalize()), m) for m in disp.CONTACT_METHODS], f.method)
        self.choice("result", tr("Result"), [
            *unanswered, (tr("Alive"), "alive"), (tr("Dead"), "dead"),
            (tr("Lost to follow-up"), "lost")], f.result)
        self.first_field = "contact_date"
        self.date_field("death_date", tr("Date of death"), f.death_date)
        self.line("death_cause", tr("Cause of death"), f.death_cause or "")
        self.line("subsequent_therapy", tr("Subsequent anticancer therapy"),
                  f.subsequent_therapy or "")
        self.text_box("comment", tr("Comment"), f.comment or "")
        self._open_visits()  # a new contact that finds the patient dead or lost ends the study
        why: QComboBox = self.fields["not_done_reason"]  # type: ignore[assignment]
        why.setCurrentIndex(why.findData("off study"))
        self.reason_field(contact is not None)
        self.fields["result"].currentIndexChanged.connect(self._result_changed)
        self._result_changed()
        if contact is None:
            for name in ("contact_date", "death_date"):
                self.fields[name].changed.connect(self._refresh_open)  # type: ignore[attr-defined]
        if contact is not None:
            for name in ("result", "death_date", "death_cause"):  # the end of study's
                self.fields[name].setEnabled(False)
            self.add_history(tr("Survival contact {contact_date}").format(
                    contact_date=fmt_date(contact.contact_date)),
                             "survival_contact", contact.id)

    def _result_changed(self) -> None:
        dead = self.read_choice("result") == "dead" and self.contact is None
        self.fields["death_date"].setEnabled(dead)
        self.fields["death_cause"].setEnabled(dead)
        self._refresh_open()

    def preview(self) -> list[disp.OpenVisit]:
        if self.contact is not None:  # a correction ends nothing
            return []
        return disp.open_past_visits_after_contact(self.ctx.db, self.ctx.protocol,
                                                   self.patient_id, self.collect(),
                                                   self.ctx.today())

    def collect(self) -> ContactForm:
        return ContactForm(
            contact_date=self.read_date("contact_date", tr("Date of contact")),
            method=self.read_choice("method"), result=self.read_choice("result"),
            death_date=self.read_date("death_date", tr("Date of death")),
            death_cause=self.read_text("death_cause") or None,
            subsequent_therapy=self.read_text("subsequent_therapy") or None,
            comment=self.read_text("comment") or None)

    def save(self) -> None:
        def act() -> None:
            if self.contact is None:
                disp.add_survival_contact(self.ctx.db, self.ctx.protocol, self.patient_id,
                                          self.collect(), self.ctx.today(),
                                          not_done=self.not_done())
            else:
                disp.update_survival_contact(
                    self.ctx.db, self.ctx.protocol, self.patient_id, self.contact.id,
                    self.collect(), self.ctx.today(), self.read_text("reason") or None,
                    self.contact.version)
        if self.attempt(act):
            self.accept()
