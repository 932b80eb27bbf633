"""The data-entry dialogs: enrolment, a visit, disposition, survival contact, and more."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from app.rules.calendar import DELAY_REASONS
from app.rules.protocol import Protocol
from app.services import patients as pat
from app.services import visits as vis
from app.services.errors import InvalidEntry
from ui.context import Context
from ui.disposition_dialogs import ContactDialog, DispositionDialog  # noqa: F401  (re-exported)
from ui.forms import FormDialog
from ui.i18n import tr, window_text
from ui.vitals_section import VitalsSection


class EnrolDialog(FormDialog):
    """Enrol a patient, or correct a patient's enrolment data (with a reason)."""
    help_page = "enrol"
    version: int | None = None

    def __init__(self, ctx: Context, parent: QWidget | None = None,
                 patient_id: int | None = None, current: pat.EnrolmentForm | None = None,
                 version: int | None = None) -> None:
        super().__init__(tr("Edit patient") if patient_id else tr("Enrol a patient"), parent)
        self.ctx, self.patient_id = ctx, patient_id
        self.saved_id: int | None = None
        f = current or pat.EnrolmentForm()
        self.protocol = p = ctx.protocol
        self.studies = ctx.studies() if patient_id is None else {}
        if len(self.studies) > 1:  # a new patient: into which study
            study = self.choice("study", tr("Study"),
                                [(s.code, s) for s in self.studies.values()],
                                next((s for s in self.studies.values() if s.code == p.code), None))
            study.currentIndexChanged.connect(self._study_changed)
        self.line("subject_id", tr("Subject ID"), f.subject_id)
        self.line("initials", tr("Initials"), f.initials, placeholder=tr("e.g. ABC"))
        self.line("year_of_birth", tr("Year of birth"),
                  str(f.year_of_birth) if f.year_of_birth else "", placeholder=tr("e.g. 1961"))
        self.choice("sex", tr("Sex"), [("", None)] + [(tr(v), k) for k, v in pat.SEXES.items()],
                    f.sex)
        part = self.choice("part", tr("Study part"), [], f.part)
        self.choice("dose_level", tr("Dose level (Part 1)"), [], f.dose_level)
        self.choice("cohort", tr("Cohort (Part 2)"), [], f.cohort)
        self.date_field("consent_date", tr("Consent date"), f.consent_date)
        self.date_field("screening_date", tr("Screening date"), f.screening_date)
        self.date_field("planned_first_dose", tr("Planned first dose"), f.planned_first_dose)
        self.reason_field(patient_id is not None)
        if patient_id is not None:
            self.add_history(tr("Patient {subject_id}").format(
                    subject_id=current.subject_id if current else '').strip(),
                             "patient", patient_id)
        self._fill_study(f)
        part.currentIndexChanged.connect(self._part_changed)
        self._part_changed()
        self.base = current if patient_id is not None else None
        self.version = version

    def _fill_study(self, f: pat.EnrolmentForm) -> None:
        """The chosen study's parts, dose levels and cohorts, and its subject ID format."""
        from app.services.escalation import arm_notes

        p = self.protocol
        self.field("subject_id", QLineEdit).setPlaceholderText(
            tr("e.g. {example}").format(example=p.subject_id_example)
            if p.subject_id_example else "")
        slots, rp2d = arm_notes(self.ctx.db, p)  # open slots; the RP2D Part 2 enrols at
        placeholder = p.escalation.rp2d_placeholder if p.escalation else None
        for name, items, current in (
                ("part", [(x.label, x.number) for x in p.parts], f.part),
                ("dose_level", [("", None)] + [(p.dose_text(d.code) + (
                    f" ({slots[d.code]})" if d.code in slots else ""), d.code)
                    for d in p.dose_levels], f.dose_level),
                ("cohort", [("", None)] + [(c.label + (
                    "" if c.dose_level != placeholder or placeholder is None else
                    tr(" at {rp2d}").format(rp2d=p.dose_text(rp2d)) if rp2d
                    else tr(" (opens at the RP2D)")), c.code)
                    for c in p.cohorts], f.cohort)):
            box = self.field(name, QComboBox)
            box.blockSignals(True)
            box.clear()
            for text, value in items:
                box.addItem(text, value)
            box.setCurrentIndex(max(box.findData(current), 0))
            box.blockSignals(False)

    def _study_changed(self) -> None:
        chosen = self.read_choice("study", Protocol)
        if chosen is not None:
            self.protocol = chosen
        self._fill_study(pat.EnrolmentForm())
        self._part_changed()

    def _part_changed(self) -> None:
        uses = next((x.uses for x in self.protocol.parts
                     if x.number == self.read_choice("part", int)), "dose_levels")
        self.fields["dose_level"].setEnabled(uses == "dose_levels")
        self.fields["cohort"].setEnabled(uses == "cohorts")

    def collect(self) -> pat.EnrolmentForm:
        yob = self.read_text("year_of_birth")
        if yob and not yob.isdigit():
            raise InvalidEntry("year_of_birth", tr("Year of birth '{yob}' is not a year").format(
                    yob=yob))
        return pat.EnrolmentForm(
            subject_id=self.read_text("subject_id"), initials=self.read_text("initials"),
            year_of_birth=int(yob) if yob else None, sex=self.read_choice("sex"),
            part=self.read_choice("part", int), dose_level=self.read_choice("dose_level"),
            cohort=self.read_choice("cohort"),
            consent_date=self.read_date("consent_date", tr("Consent date")),
            screening_date=self.read_date("screening_date", tr("Screening date")),
            planned_first_dose=self.read_date("planned_first_dose", tr("Planned first dose")))

    def save(self) -> None:
        def act() -> None:
            form = self.collect()
            if self.patient_id is None:
                self.saved_id = pat.enrol(self.ctx.db, self.protocol, form, self.ctx.today())
            else:
                pat.update_patient(self.ctx.db, self.ctx.protocol, self.patient_id, form,
                                   self.ctx.today(), reason=self.read_text("reason") or None,
                                   base=self.base, version=self.version)
                self.saved_id = self.patient_id
        if self.attempt(act):
            self.accept()


class VisitDialog(FormDialog):
    """Book a visit, then record it: done (date, time, dose) or missed; delay a cycle."""
    help_page = "visit"
    version: int | None = None

    def __init__(self, ctx: Context, patient_id: int, subject: str, row: pat.CalendarRow,
                 record: pat.RecordView | None, parent: QWidget | None = None,
                 open_aes: list[str] | None = None, dose_level: str | None = None) -> None:
        super().__init__(f"{subject}: {row.code} {row.label}", parent)
        self.ctx, self.patient_id, self.code = ctx, patient_id, row.code
        review = (tr("<br><b>Open AEs to review:</b> ") + "; ".join(open_aes)) if open_aes else (
            tr("<br>No open adverse events to review."))
        self._show_window(row.earliest, row.latest, row.target, review, subject, row)
        self.intro.show()
        r = record or pat.RecordView(row.code, False, None, None, None, None, None, None, None,
                                     None, None, None, None, None, None)
        self.row, self.subject, self.review = row, subject, review
        self.delayed_by = r.delay_days or 0
        # the same first field every time: what happened, then when (a booking comes after)
        self.outcome = self.choice("outcome", tr("Outcome"), [
            (tr("Not done yet"), None), (tr("Done"), "done"),
            (tr("Not done (missed)"), "missed")], r.outcome)
        self.actual_date = self.date_field("actual_date", tr("Actual date"), r.actual_date)
        self.time_field("actual_time", tr("Actual time"), r.actual_time)
        self.line("missed_reason", tr("Why not done"), r.missed_reason or "")
        self.booked_date = self.date_field("booked_date", tr("Booked date"), r.booked_date)
        self.time_field("booked_time", tr("Booked time"), r.booked_time)
        self.line("booking_reason", tr("Why outside the window"), r.booking_reason or "",
                  placeholder=tr("only when booked outside the window"))
        self.is_day1 = ctx.protocol.is_cycle_day1(row.code)
        self.is_dosing = ctx.protocol.is_dosing(row.code)
        # typed, never spun: text typed here is refused, not read for its digits
        delay_days = self.line("delay_days", tr("Cycle delayed by (days)"),
                  str(r.delay_days) if r.delay_days else "", placeholder=tr("e.g. 7"))
        self.choice("delay_reason", tr("Delay reason"),
                    [("", None)] + [(tr(x.capitalize()), x) for x in DELAY_REASONS], r.delay_reason)
        for name in ("delay_days", "delay_reason"):
            self.fields[name].setEnabled(self.is_day1)
        delay_days.textChanged.connect(self._delay_typed)
        levels = [("", None)] + [(ctx.protocol.dose_text(code), code)
                                 for code in ctx.protocol.dose_level_codes()]
        self.dose_level = self.choice("dose_level", tr("Dose level given"), levels, r.dose_level)
        # a dosing visit not recorded yet, once done, offers the dose as planned at the
        # patient's current dose level
        self.offered_dose = dose_level if self.is_dosing and r.outcome is None \
            and r.dose_level is None and r.dose_action is None else None
        self.dose_action = self.choice("dose_action", tr("Dose"),
                    [("", None)] + [(tr(a.capitalize()), a) for a in vis.DOSE_ACTIONS],
                    r.dose_action)
        for name in ("dose_level", "dose_action"):
            self.fields[name].setEnabled(self.is_dosing)
        self.text_box("comment", tr("Comment"), r.comment or "")
        self.vitals = VitalsSection(self, ctx, patient_id, row.code)
        self.reason_field(record is not None)
        self.offered_date = ""
        self.outcome.currentIndexChanged.connect(self._outcome_changed)
        self.actual_date.changed.connect(self._actual_typed)
        self._outcome_changed()
        # what the dialog read: only what the user changes from it is saved
        if record is not None and record.id is not None:
            self.add_history(f"{subject} {row.code}", "visit_record", record.id)
        # (the record as saved, not as offered: an offered dose level is the user's entry)
        self.base = record.entry() if record is not None else self.collect()
        self.version = r.version

    def _show_window(self, earliest: date, latest: date, target: date, review: str,
                     subject: str, row: pat.CalendarRow) -> None:
        self.intro.setText(tr("<b>{subject} · {code} {label}</b><br>Window: {window}").format(
                subject=subject, code=row.code, label=row.label,
                window=window_text(earliest, latest, target)) + review)

    def _delay_typed(self) -> None:
        """The window shown moves with the delay typed (as the save will check it)."""
        try:
            days = self.read_delay()
        except InvalidEntry:
            return
        shift = timedelta(days=(days or 0) - self.delayed_by)
        r = self.row
        self._show_window(r.earliest + shift, r.latest + shift, r.target + shift, self.review,
                          self.subject, r)

    def read_delay(self) -> int | None:
        """The days typed in "Cycle delayed by": a whole number, or nothing."""
        text = self.read_text("delay_days")
        if not text:
            return None
        if not text.isdecimal() or not text.isascii():
            raise InvalidEntry("delay_days", tr(
                "Cycle delayed by: '{text}' is not a number of days (type the days as digits, "
                "e.g. 7)").format(text=text))
        return int(text) or None

    def showEvent(self, event: QShowEvent) -> None:
        """Opened on Outcome, whatever the visit's state (booked, done, missed or new)."""
        first = self._as_opened is None
        super().showEvent(event)
        if first:
            self.outcome.setFocus()

    def _actual_typed(self) -> None:
        if self.actual_date.edit.text().strip() and self.read_choice("outcome") is None:
            self.outcome.setCurrentIndex(self.outcome.findData("done"))

    def _outcome_changed(self) -> None:
        outcome = self.read_choice("outcome")
        self.fields["missed_reason"].setEnabled(outcome == "missed")
        self._offer_actual_date(outcome)
        if self.offered_dose is None:
            return
        level, action = self.dose_level, self.dose_action
        if outcome == "done" and level.currentData() is None and action.currentData() is None:
            level.setCurrentIndex(level.findData(self.offered_dose))
            action.setCurrentIndex(action.findData("as planned"))
        elif outcome != "done" and (level.currentData(), action.currentData()) == (
                self.offered_dose, "as planned"):  # offered, not chosen: taken back
            level.setCurrentIndex(0)
            action.setCurrentIndex(0)

    def _offer_actual_date(self, outcome: str | None) -> None:
        """Done: the date offered is the booked one (when it has come) or today; taken back
        when the outcome changes again and the date is still the one offered."""
        edit = self.actual_date.edit
        if outcome == "done" and not edit.text().strip():
            today = self.ctx.today()
            try:
                booked = self.booked_date.date()
            except ValueError:  # a booked date mistyped: said at Save
                booked = None
            offered = booked if booked is not None and booked <= today else today
            self.actual_date.set_date(offered)
            self.offered_date = edit.text()
        elif outcome != "done" and self.offered_date and edit.text() == self.offered_date:
            edit.clear()
            self.offered_date = ""

    def collect(self) -> vis.VisitEntry:
        return vis.VisitEntry(
            booked_date=self.read_date("booked_date", tr("Booked date")),
            booked_time=self.read_time("booked_time", tr("Booked time")),
            booking_reason=self.read_text("booking_reason") or None,
            outcome=self.read_choice("outcome"),
            actual_date=self.read_date("actual_date", tr("Actual date")),
            actual_time=self.read_time("actual_time", tr("Actual time")),
            missed_reason=self.read_text("missed_reason") or None,
            delay_days=self.read_delay(),
            delay_reason=self.read_choice("delay_reason"),
            dose_level=self.read_choice("dose_level"),
            dose_action=self.read_choice("dose_action"),
            comment=self.read_text("comment") or None)

    def save(self) -> None:
        def act() -> None:
            self.vitals.save(lambda confirmed: vis.record_visit(
                self.ctx.db, self.ctx.protocol, self.patient_id, self.code, self.collect(),
                self.ctx.today(), reason=self.read_text("reason") or None, base=self.base,
                version=self.version, readings=self.vitals.typed(), confirmed=confirmed))
        if self.attempt(act):
            self.accept()


class ScreenFailDialog(FormDialog):
    help_page = "enrol"

    def __init__(self, ctx: Context, patient_id: int, parent: QWidget | None = None) -> None:
        super().__init__(tr("Screen failure"), parent)
        self.ctx, self.patient_id = ctx, patient_id
        self.intro.setText(tr("The patient consented but will not be dosed. They stay on record."))
        self.intro.show()
        self.date_field("screen_fail_date", tr("Date"), ctx.today())
        self.line("screen_fail_reason", tr("Reason"),
                  placeholder=tr("e.g. eligibility: ANC too low"))

    def save(self) -> None:
        def act() -> None:
            when = self.read_date("screen_fail_date", tr("Date"))
            if when is None:
                raise InvalidEntry("screen_fail_date", tr("Give the date"))
            pat.record_screen_failure(self.ctx.db, self.ctx.protocol, self.patient_id, when,
                                      self.read_text("screen_fail_reason"), self.ctx.today())
        if self.attempt(act):
            self.accept()


class UnscheduledDialog(FormDialog):
    help_page = "visit"

    def __init__(self, ctx: Context, patient_id: int, parent: QWidget | None = None) -> None:
        super().__init__(tr("Unscheduled visit"), parent)
        self.ctx, self.patient_id = ctx, patient_id
        self.date_field("actual_date", tr("Date"), ctx.today())
        self.time_field("actual_time", tr("Time"))
        self.line("unscheduled_reason", tr("Reason"), placeholder=tr("e.g. toxicity check"))
        self.text_box("comment", tr("Comment"))
        self.code: str | None = None

    def save(self) -> None:
        def act() -> None:
            when = self.read_date("actual_date", tr("Date"))
            if when is None:
                raise InvalidEntry("actual_date", tr("Give the date of the visit"))
            self.code = vis.add_unscheduled_visit(
                self.ctx.db, self.ctx.protocol, self.patient_id, when,
                self.read_time("actual_time", tr("Time")), self.read_text("unscheduled_reason"),
                self.ctx.today(), self.read_text("comment") or None)
        if self.attempt(act):
            self.accept()



class ReconsentDialog(FormDialog):
    """The date a patient consented to an amendment: their calendar follows it from then."""
    help_page = "studies"

    def __init__(self, ctx: Context, patient_id: int, subject: str, labels: tuple[str, ...],
                 parent: QWidget | None = None) -> None:
        super().__init__(tr("{subject}: re-consent to an amendment").format(
                subject=subject), parent)
        self.ctx, self.patient_id = ctx, patient_id
        self.intro.setText(tr("Visits already done stay as they are; the visits still to come "
                           "follow the amendment from the re-consent on."))
        self.intro.show()
        self.choice("version", tr("Amendment"), [(label, label) for label in labels])
        self.date_field("consent_date", tr("Re-consent date"))

    def save(self) -> None:
        from app.services.amendments import record_reconsent

        def act() -> None:
            when = self.read_date("consent_date", tr("Re-consent date"))
            if when is None:
                raise InvalidEntry("consent_date", tr("Give the date of the re-consent"))
            record_reconsent(self.ctx.db, self.patient_id, self.read_choice("version") or "", when,
                             self.ctx.today())

        if self.attempt(act):
            self.accept()
