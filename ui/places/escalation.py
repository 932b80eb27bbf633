"""Escalation: each Part 1 dose level with its slots and patients (DLT-evaluable or not, and
why; DLTs), the investigator's DLT review, and the SMC's decisions as the sponsor sent them."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton, QSpinBox, QWidget

from app.rules.dates import fmt_date
from app.services.escalation import DECISIONS, DecisionRow, open_slots, record_decision, review_dlt
from app.services.escalation_view import (
    EscalationPatient,
    EscalationView,
    LevelRow,
    escalation_view,
)
from app.services.studies import DEFAULT_STUDY
from ui.context import Context
from ui.forms import FormDialog
from ui.i18n import counted, said, tr
from ui.places.base import Place
from ui.row_table import RowTable
from ui.table_model import Column, RowTableModel
from ui.widgets import EmptyState, StudyBox


class SlotsDialog(FormDialog):
    """Slots the sponsor opened at a dose level (its letter or e-mail as the reference)."""
    help_page = "escalation"
    first_field = "dose_level"

    def __init__(self, ctx: Context, study_id: int, parent: QWidget | None = None) -> None:
        super().__init__(tr("Open slots"), parent)
        self.ctx, self.study_id = ctx, study_id
        protocol = ctx.study_protocol(study_id)
        ladder = protocol.dosing.ladder if protocol.dosing else ()
        self.choice("dose_level", tr("Dose level"), [("", None)] + [
            (protocol.dose_text(c), c) for c in reversed(ladder)])
        slots = QSpinBox()
        slots.setRange(0, 50)
        slots.setSpecialValueText(" ")
        self.add("slots", tr("Slots opened"), slots)
        self.date_field("opened_on", tr("Opened on"), ctx.today())
        self.line("reference", tr("Sponsor's reference"), placeholder=tr("letter, e-mail or IWRS "
                  "message that opened them"))

    def save(self) -> None:
        def act() -> None:
            n = self.fields["slots"].value()  # type: ignore[attr-defined]
            open_slots(self.ctx.db, self.study_id, self.read_choice("dose_level") or "",
                       n or None, self.read_date("opened_on", tr("Opened on")),
                       self.read_text("reference"), self.ctx.today())
        if self.attempt(act):
            self.accept()


class DecisionDialog(FormDialog):
    """The SMC's decision as the sponsor communicated it; a saved one changes with a reason."""
    help_page = "escalation"

    def __init__(self, ctx: Context, study_id: int, row: DecisionRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(tr("SMC decision"), parent)
        self.ctx, self.study_id, self.row = ctx, study_id, row
        protocol = ctx.study_protocol(study_id)
        ladder = protocol.dosing.ladder if protocol.dosing else ()
        self.date_field("decided_on", tr("Decided on"), row.decided_on if row else None)
        self.choice("decision", tr("Decision"),
                    [("", None)] + [(tr(d.value), d.value) for d in DECISIONS],
                    row.decision if row else None)
        self.choice("dose_level", tr("Dose level"), [("", None)] + [
            (protocol.dose_text(c), c) for c in reversed(ladder)], row.dose_level if row else None)
        self.line("minutes_ref", tr("Minutes reference"), row.minutes_ref or "" if row else "")
        self.text_box("comment", tr("Comment"), row.comment or "" if row else "")
        self.reason_field(row is not None)
        if row is not None:
            self.version = row.version
            self.add_history(tr("SMC decision"), "smc_decision", row.id)

    def save(self) -> None:
        def act() -> None:
            record_decision(self.ctx.db, self.study_id,
                            self.read_date("decided_on", tr("Decided on")),
                            self.read_choice("decision") or "", self.read_choice("dose_level"),
                            self.read_text("minutes_ref"), self.read_text("comment"),
                            self.ctx.today(), self.row.id if self.row else None,
                            self.read_text("reason") or None,
                            self.version if isinstance(self.version, int) else None)
        if self.attempt(act):
            self.accept()


class DltReviewDialog(FormDialog):
    """The investigator's review at the end of the DLT period: evaluable, DLT, comment."""
    help_page = "escalation"

    def __init__(self, ctx: Context, patient: EscalationPatient,
                 parent: QWidget | None = None) -> None:
        super().__init__(tr("DLT review"), parent)
        self.ctx, self.patient = ctx, patient
        ev, review = patient.evaluability, patient.review
        self.intro.setText(tr("<b>{subject_id}</b> at {dose_level}. Derived: {value} "
                              "({why}).").format(
                                      subject_id=patient.subject_id, dose_level=patient.dose_level,
                                      value=tr(ev.status.value), why=said(ev.why)))
        self.intro.show()
        evaluable = QCheckBox(tr("DLT-evaluable"))
        evaluable.setChecked(review.evaluable if review else ev.status.value == "evaluable")
        self.add("evaluable", "", evaluable)
        dlt = QCheckBox(tr("Had a DLT in the DLT period"))
        dlt.setChecked(review.dlt if review else ev.dlt)
        self.add("dlt", "", dlt)
        self.text_box("comment", tr("Comment"), review.comment or "" if review else "")
        self.reason_field(review is not None)
        if review is not None:
            self.version = review.version
            self.add_history(tr("DLT review of {subject_id}").format(
                    subject_id=patient.subject_id), "dlt_review", review.id)

    def save(self) -> None:
        def act() -> None:
            review_dlt(self.ctx.db, self.patient.patient_id,
                       self.fields["evaluable"].isChecked(),  # type: ignore[attr-defined]
                       self.fields["dlt"].isChecked(),  # type: ignore[attr-defined]
                       self.read_text("comment"), self.ctx.today(),
                       self.read_text("reason") or None,
                       self.version if isinstance(self.version, int) else None)
        if self.attempt(act):
            self.accept()


def _review_text(p: EscalationPatient) -> str:
    if p.review is None:
        return tr("not reviewed")
    r = p.review
    return tr("{evaluable}, {dlt} ({reviewed_by}, {day})").format(
        evaluable=tr("evaluable") if r.evaluable else tr("not evaluable"),
        dlt=tr("DLT") if r.dlt else tr("no DLT"), reviewed_by=r.reviewed_by,
        day=fmt_date(r.reviewed_at.date()))


class EscalationPage(Place):
    """Part 1 at a glance for the investigator and the coordinator."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.view: EscalationView | None = None
        self.study = StudyBox(ctx, everyone=False)
        self.bar.addWidget(self.study)
        self.bar.addStretch(1)
        for name, text, tip, slot in (
                ("open", tr("Open slots…"), tr("Record slots the sponsor opened at a dose level"),
                 self.add_slots),
                ("smc", tr("SMC decision…"),
                 tr("Record the SMC's decision as the sponsor sent it"), lambda: self.decide()),
                ("dlt", tr("DLT review…"),
                 tr("Review the selected patient at the end of the DLT period"),
                 self.review_selected),
                ("export", tr("Export…"), tr("The dose-escalation summary, to CSV or XLSX"),
                 lambda: self.export())):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            self.bar.addWidget(button)
            setattr(self, f"{name}_button", button)
        self.body.addLayout(self.bar)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.body.addWidget(self.heading)
        self.levels = RowTableModel([
            Column(tr("Dose level"), lambda lv: lv.dose),
            Column(tr("Slots opened"), lambda lv: "" if lv.opened is None else str(lv.opened)),
            Column(tr("Open"), lambda lv: "" if lv.open is None else str(lv.open)),
            Column(tr("Enrolled"), lambda lv: str(lv.enrolled)),
            Column(tr("DLT-evaluable"), lambda lv: str(lv.evaluable)),
            Column(tr("With a DLT"), lambda lv: str(lv.with_dlt))])
        self.level_table = RowTable(self.levels)
        self.level_table.setAccessibleName(tr("Dose levels"))
        self.exportable(self.level_table, tr("Dose-escalation summary"))
        self.body.addWidget(self.level_table)
        self.patients = RowTableModel([
            Column(tr("Subject"), lambda p: p.subject_id),
            Column(tr("Dose level"), lambda p: p.dose_level),
            Column(tr("Evaluable"), lambda p: tr(p.evaluability.status.value),
                   status=lambda p: {"evaluable": "done", "not evaluable": "missed"}.get(
                       p.evaluability.status.value, "planned")),
            Column(tr("Why"), lambda p: said(p.evaluability.why)),
            Column(tr("DLT period ends"), lambda p: fmt_date(p.period_end) if p.period_end else ""),
            Column(tr("Investigator's review"), _review_text)])
        self.patient_table = RowTable(self.patients)
        self.patient_table.setAccessibleName(tr("Part 1 patients"))
        self.patient_table.setToolTip(
            tr("Enter or a double click reviews the patient's DLT period"))
        self.patient_table.opened.connect(self.review)
        self.body.addWidget(QLabel(tr("Part 1 patients (Enter: DLT review)")))
        self.body.addWidget(self.patient_table, 2)
        self.decisions = RowTableModel([
            Column(tr("Decided on"), lambda d: fmt_date(d.decided_on), lambda d: d.decided_on),
            Column(tr("Decision"), lambda d: tr(d.decision)),
            Column(tr("Dose level"), lambda d: d.dose_level),
            Column(tr("Minutes"), lambda d: d.minutes_ref or ""),
            Column(tr("Comment"), lambda d: d.comment or "")])
        self.decision_table = RowTable(self.decisions)
        self.decision_table.setAccessibleName(tr("SMC decisions"))
        self.decision_table.opened.connect(self.decide)
        self.body.addWidget(QLabel(tr("SMC decisions (Enter: correct one)")))
        self.body.addWidget(self.decision_table, 1)
        self.empty = EmptyState(tr("No dose escalation"), tr("This study's protocol has no "
                                "[escalation] section."))
        self.empty.hide()
        self.body.addWidget(self.empty)
        self.study.currentIndexChanged.connect(self.refresh)

    def study_id(self) -> int:
        return self.study.study_id() or DEFAULT_STUDY

    def refresh(self) -> None:
        protocol = self.ctx.study_protocol(self.study_id())
        has = protocol.escalation is not None
        for w in (self.level_table, self.patient_table, self.decision_table):
            w.setVisible(has)
        for b in (self.open_button, self.smc_button, self.dlt_button, self.export_button):
            b.setEnabled(has)
        self.empty.setVisible(not has)
        if not has:
            self.heading.setText("")
            return
        view = self.view = escalation_view(self.ctx.db, self.study_id(), self.ctx.today())
        self.levels.set_rows(view.levels)
        self.patients.set_rows([p for lv in view.levels for p in lv.patients])
        self.decisions.set_rows(view.decisions)
        declared = (tr(" RP2D declared: {rp2d}: Part 2 enrols at it.").format(
                rp2d=protocol.dose_text(view.rp2d))
                    if view.rp2d else tr(" No RP2D declared yet: Part 2 is not open."))
        patients = sum(lv.enrolled for lv in view.levels)
        enrolled = counted(patients, tr("{n} patient"), tr("{n} patients"))
        self.heading.setText(tr("<b>{study}</b>: {design} dose escalation, {enrolled} in "
                                "Part 1.").format(
            study=view.study, design=view.design, enrolled=enrolled) + declared)

    def selected_patient(self) -> EscalationPatient | None:
        index = self.patient_table.currentIndex()
        return self.patients.row_at(index.row()) if index.isValid() else None

    def add_slots(self) -> None:
        if SlotsDialog(self.ctx, self.study_id(), self).exec():
            self.refresh()

    def decide(self, row: DecisionRow | None = None) -> None:
        if DecisionDialog(self.ctx, self.study_id(), row, self).exec():
            self.refresh()

    def review_selected(self) -> None:
        patient = self.selected_patient()
        if patient is None:
            self.heading.setText(self.heading.text().split("<br>")[0]
                                 + tr("<br>Select a patient to review first."))
            return
        self.review(patient)

    def review(self, patient: EscalationPatient) -> None:
        if DltReviewDialog(self.ctx, patient, self).exec():
            self.refresh()

    def export(self, path: str | None = None) -> None:
        from app.services.escalation_view import export_escalation
        from ui.places.base import SPREADSHEETS, export_to_file

        view = self.view
        if view is None:
            return

        def write(target):  # type: ignore[no-untyped-def]
            export_escalation(self.ctx.db, target, view, self.ctx.db.actor)
            return tr("Dose-escalation summary and DLT review list")

        export_to_file(self, tr("Export the dose-escalation summary"),
                       "dose-escalation-summary.xlsx", SPREADSHEETS, path, write)


__all__ = ["DecisionDialog", "DltReviewDialog", "EscalationPage", "LevelRow", "SlotsDialog"]
