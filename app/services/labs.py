"""Laboratory results of a patient (issue 36): entered by hand, reviewed when imported,
graded, and the adverse events their grades propose, accepted or dismissed by the
investigator. The rules decide (app/rules/lab_entry, lab_review, lab_grades); this loads
and writes, every change audited."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import InvalidEntry, NotFound
from app.rules import lab_review as rv
from app.rules.lab_entry import Checked, LabEntry, Patient, RangeRow, check_not_twice, check_result
from app.rules.lab_grades import LabGrade
from app.rules.protocol.labs import Analyte
from app.services import calendar as cal
from app.services.attempts import attempt
from app.services.changes import delegated, reason_needed, set_changed
from app.services.lab_ranges import ranges_in
from app.services.patient_rows import once_in, patient_rows
from db import Database
from db.labs import LabResult
from db.models import AdverseEvent, AeGrade
from db.models import Patient as PatientRow


@dataclass(frozen=True)
class LabRow:
    """One result as the Labs tab and `labs list` show it."""

    id: int
    analyte: str  # the code
    name: str
    panel: str
    lab: str
    sample_date: date
    sample_id: str | None
    value: str  # as reported
    unit: str
    kept: str | None  # in the analyte's unit
    kept_unit: str
    lln: str | None
    uln: str | None
    status: str  # pending | accepted | rejected
    source: str
    source_row: int | None
    review_reason: str | None
    grades: tuple[LabGrade, ...]
    problems: tuple[str, ...]
    proposal: rv.Proposal | None
    ae_decision: str | None
    ae_reason: str | None
    ae_id: int | None
    version: int

    @property
    def grade(self) -> int | None:
        return max((g.grade for g in self.grades), default=None)

    @property
    def grade_reason(self) -> str:
        worst = max(self.grades, key=lambda g: g.grade, default=None)
        return str(worst.reason) if worst else "; ".join(self.problems)

    @property
    def may_review(self) -> bool:
        return self.status == rv.PENDING

    @property
    def range_text(self) -> str:
        return f"{self.lln or ''} - {self.uln or ''}".strip(" -")


def analytes_of(session: Session, patient_id: int) -> dict[str, Analyte]:
    return {a.code: a for a in cal.load(session, patient_id).protocol.labs}


def patient_facts(session: Session, patient_id: int) -> tuple[PatientRow, Patient]:
    patient = session.get(PatientRow, patient_id)
    if patient is None or patient.deleted_at is not None:
        raise NotFound("patient", "no patient with id {patient_id}", patient_id=patient_id)
    return patient, Patient(patient.sex, patient.consent_date)


def live_results(session: Session, patient_id: int) -> list[LabResult]:
    return patient_rows(session, "lab_result", patient_id, lambda ids: select(LabResult).where(
        LabResult.patient_id.in_(ids), cal.live(LabResult)).order_by(
        LabResult.sample_date, LabResult.analyte, LabResult.id))


def kept_keys(session: Session, patient_id: int, analytes: dict[str, Analyte],
              ranges: Sequence[RangeRow], patient: Patient, today: date
              ) -> set[tuple[str, date, str, Decimal]]:
    """The results the patient has (held for review or accepted), as duplicates are told."""
    keys = set()
    for r in live_results(session, patient_id):
        if r.status == rv.REJECTED:
            continue
        try:
            keys.add(_checked(r, analytes, ranges, patient, today).key())
        except InvalidEntry:  # a result kept before its range changed: not comparable
            continue
    return keys


def _checked(r: LabResult, analytes: dict[str, Analyte], ranges: Sequence[RangeRow],
             patient: Patient, today: date) -> Checked:
    entry = LabEntry(r.analyte, r.lab, r.sample_date, r.value, r.unit, r.sample_id)
    return check_result(entry, list(analytes.values()), ranges, patient, today)


def new_result(checked: Checked, patient_id: int, status: str, source: str,
               import_id: int | None = None, row: int | None = None) -> LabResult:
    return LabResult(patient_id=patient_id, analyte=checked.analyte.code, lab=checked.lab,
                     sample_date=checked.sample_date, sample_id=checked.sample_id,
                     value=format(checked.value, "f"), unit=checked.unit, status=status,
                     source=source, import_id=import_id, source_row=row)


@attempt("enter a lab result of {subject}")
@delegated("data_entry")
def enter_result(db: Database, patient_id: int, entry: LabEntry, today: date) -> int:
    """A result typed by the site: it counts at once (a person entered it)."""
    with db.unit_of_work() as session:
        _, facts = patient_facts(session, patient_id)
        analytes = analytes_of(session, patient_id)
        ranges = ranges_in(session)
        checked = check_result(entry, list(analytes.values()), ranges, facts, today)
        check_not_twice(checked, kept_keys(session, patient_id, analytes, ranges, facts, today))
        row = new_result(checked, patient_id, rv.ACCEPTED, "manual")
        session.add(row)
        session.flush()
        return row.id


def result_of(session: Session, patient_id: int, result_id: int) -> LabResult:
    row = session.get(LabResult, result_id)
    if row is None or row.patient_id != patient_id or row.deleted_at is not None:
        raise NotFound("result", "no lab result {result_id} for this patient",
                       result_id=result_id)
    return row


@attempt("review a lab result of {subject}")
@delegated("data_entry")
def review_result(db: Database, patient_id: int, result_id: int, decision: str,
                  today: date, now: datetime, reason: str | None = None,
                  corrected: LabEntry | None = None) -> None:
    """Accept, correct (the corrected values with the reason) or reject an imported result."""
    why = (reason or "").strip() or "reviewed and accepted as imported"
    with reason_needed(), db.unit_of_work(reason=why) as session:
        row = result_of(session, patient_id, result_id)
        rv.check_review(row.status, decision, reason)
        values: dict[str, object] = {
            "status": rv.REJECTED if decision == rv.REJECT else rv.ACCEPTED,
            "review_reason": (reason or "").strip() or None,
            "reviewed_by": session.info.get("actor"), "reviewed_at": instant(now)}
        if decision == rv.CORRECT and corrected is not None:
            _, facts = patient_facts(session, patient_id)
            analytes = analytes_of(session, patient_id)
            checked = check_result(corrected, list(analytes.values()), ranges_in(session),
                                   facts, today)
            values.update(analyte=checked.analyte.code, lab=checked.lab,
                          sample_date=checked.sample_date, sample_id=checked.sample_id,
                          value=format(checked.value, "f"), unit=checked.unit)
        set_changed(row, values)


def instant(now: datetime) -> datetime:
    """A moment as the database keeps it (UTC, aware): a naive one is taken as UTC."""
    return now.astimezone(UTC) if now.tzinfo is not None else now.replace(tzinfo=UTC)


def _open_aes(session: Session, patient_id: int) -> dict[str, rv.OpenAe]:
    """The patient's ongoing AEs by MedDRA code, with their current grade."""
    out: dict[str, rv.OpenAe] = {}
    spells: dict[int, list[AeGrade]] = {}
    for g, _pid in patient_rows(session, "open_ae_grade", patient_id, lambda ids: select(
            AeGrade, AdverseEvent.patient_id).join(AdverseEvent, AdverseEvent.id == AeGrade.ae_id)
            .where(AdverseEvent.patient_id.in_(ids), cal.live(AeGrade))
            .order_by(AeGrade.start_date, AeGrade.id), of=lambda r: r[1], scalars=False):
        spells.setdefault(g.ae_id, []).append(g)
    for ae in patient_rows(session, "open_ae", patient_id, lambda ids: select(AdverseEvent)
                           .where(AdverseEvent.patient_id.in_(ids), cal.live(AdverseEvent),
                                  AdverseEvent.end_date.is_(None),
                                  AdverseEvent.meddra_code.is_not(None))
                           .order_by(AdverseEvent.id)):
        current = next((g.grade for g in reversed(spells.get(ae.id, []))
                        if g.end_date is None), None)
        out[str(ae.meddra_code)] = rv.OpenAe(ae.id, current)
    return out


def rows_of(session: Session, patient_id: int, today: date,
            loaded: cal.Loaded | None = None) -> list[LabRow]:
    """The patient's results graded; `loaded`: the patient already loaded in `session`."""
    loaded = loaded or cal.load(session, patient_id)
    _, facts = patient_facts(session, patient_id)  # the loaded patient, not read again
    analytes = {a.code: a for a in loaded.protocol.labs}
    first = cal.dosed_on(loaded.records, loaded.protocol)
    ranges = once_in(session, "lab_ranges", lambda: ranges_in(session))
    results = live_results(session, patient_id)
    checked: dict[int, Checked] = {}
    problems: dict[int, str] = {}
    for r in results:
        try:
            checked[r.id] = _checked(r, analytes, ranges, facts, max(today, r.sample_date))
        except InvalidEntry as exc:  # shown on the row (no range any more, ...)
            problems[r.id] = exc.message
    kept = [rv.Kept(r.id, checked[r.id].analyte, r.sample_date, checked[r.id].kept,
                    checked[r.id].lln, checked[r.id].uln, r.ae_decision)
            for r in results if r.status == rv.ACCEPTED and r.id in checked]
    graded = rv.graded(kept, first, _open_aes(session, patient_id))
    out = []
    for r in results:
        c, g = checked.get(r.id), graded.get(r.id)
        a = analytes.get(r.analyte)
        out.append(LabRow(
            r.id, r.analyte, a.name if a else r.analyte, a.panel if a else "", r.lab,
            r.sample_date, r.sample_id, r.value, r.unit,
            _text(c.kept) if c else None, a.unit if a else r.unit,
            _text(c.lln) if c else None, _text(c.uln) if c else None, r.status, r.source,
            r.source_row, r.review_reason, g.grades if g else (),
            (g.problems if g else ()) + ((problems[r.id],) if r.id in problems else ()),
            g.proposal if g else None, r.ae_decision, r.ae_reason, r.ae_id, r.version))
    return out


def _text(value: Decimal | None) -> str | None:
    if value is None:
        return None
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -4:
        value = value.quantize(Decimal("0.0001"))
    return format(value.normalize(), "f")


def patient_labs(db: Database, patient_id: int, today: date) -> list[LabRow]:
    """The patient's results, oldest sample first, with grades and proposals."""
    with db.reading() as session:
        return rows_of(session, patient_id, today)


def latest_by_analyte(rows: Sequence[LabRow]) -> list[LabRow]:
    """The last accepted result of each analyte (the patient's page's summary)."""
    last: dict[str, LabRow] = {}
    for r in rows:
        if r.status == rv.ACCEPTED:
            last[r.analyte] = r
    return sorted(last.values(), key=lambda r: (r.panel, r.name))
