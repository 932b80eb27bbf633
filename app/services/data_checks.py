"""`check-data`: stored data that a rule of the study now forbids, listed with what to
correct. Never changed silently: the site corrects it, with a reason, in the usual dialogs.

Rules change (a protocol amendment, a convention fixed later); data entered before stays as
it was entered. Each finding names the patient, the record, the rule and the correction.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.rules.conmeds import history_baseline
from app.rules.dates import fmt_date
from app.rules.efficacy import baseline_problem
from app.rules.first_dose import screening_after_dose, treatment_before_dose
from app.rules.protocol import Protocol
from app.rules.recist import RecistError
from app.rules.safety import GradeSpell, dlt_problem, emergence
from app.services import calendar as cal
from app.services.adverse_events import dlt_period_of
from app.services.conmeds import history_items
from app.services.errors import InvalidEntry
from app.services.escalation import rp2d_before
from app.services.response import BaselineAfterDose, evaluate_patient
from app.services.studies import study_named_in
from db import Database
from db.models import AdverseEvent, AeGrade, CtcaeTerm, Patient


@dataclass(frozen=True)
class Finding:
    subject_id: str
    what: str  # the record, as the screen names it
    problem: str  # the rule it breaks
    fix: str  # what to correct, and where

    def to_json(self) -> dict[str, str]:
        return asdict(self)


def check_data(db: Database, study: Protocol | None, today: date) -> list[Finding]:
    """Every finding, by subject ID, for one study's patients (None: every study's), each
    checked against the protocol version the patient follows; an empty list when the data
    obey every rule."""
    with db.reading() as session:
        stmt = select(Patient.id).where(cal.live(Patient)).order_by(Patient.subject_id)
        study_id = study_named_in(session, study)
        if study_id is not None:
            stmt = stmt.where(Patient.study_id == study_id)
        out: list[Finding] = []
        for pid in list(session.scalars(stmt)):
            out += _patient_findings(session, pid, today)
    return out


def _patient_findings(session: Session, patient_id: int, today: date
                      ) -> list[Finding]:
    loaded = cal.load(session, patient_id)
    protocol = loaded.protocol
    subject = loaded.patient.subject_id
    first = cal.dosed_on(loaded.records, protocol)
    out = [Finding(subject, f"{m.code} on {fmt_date(m.when)}",
                   "a treatment visit done before any dose" if m.first_dose is None else
                   f"a treatment visit done before the first dose ({fmt_date(m.first_dose)})",
                   "Record the dose that came before it, or correct the visit's date "
                   "(patient page, Calendar)")
           for m in treatment_before_dose(protocol, cal.done_visits(loaded.records))]
    out += [Finding(subject, f"{late.code} on {fmt_date(late.when)}",
                    f"a screening visit done after the first dose ({fmt_date(late.first_dose)})",
                    "Correct the screening visit's date, or the dosing visit's (patient page, "
                    "Calendar)")
            for late in screening_after_dose(protocol, cal.done_visits(loaded.records))]
    failed = loaded.patient.screen_fail_date
    if failed and first:
        out.append(Finding(subject, f"screen failure on {fmt_date(failed)}",
                           f"a dose is recorded on {fmt_date(first)}",
                           "Correct the screen failure or the dosing visit"))
    for scan in loaded.scans:
        problem = baseline_problem(scan.scan_date, first, protocol.response.baseline_max_days) \
            if scan.baseline else None
        if problem:
            out.append(Finding(subject, f"baseline scan of {fmt_date(scan.scan_date)}", problem,
                               "Correct the scan's date or which scan is the baseline "
                               "(patient page, Response)"))
    out += _enrolment_findings(session, protocol, loaded.patient)
    out += _evaluation_findings(session, protocol, loaded, today)
    out += _ae_findings(session, protocol, loaded, first, today)
    out += _coding_findings(session, loaded.patient)
    return out


def _coding_findings(session: Session, p: Patient) -> list[Finding]:
    """An AE coded to a MedDRA code the site's CTCAE dictionary does not hold (a term an AE
    is coded to is never removed by an import: it is kept, retired)."""
    rows = session.execute(select(AdverseEvent.term, AdverseEvent.verbatim,
                                  AdverseEvent.onset_date, AdverseEvent.meddra_code).where(
        AdverseEvent.patient_id == p.id, cal.live(AdverseEvent),
        AdverseEvent.meddra_code.is_not(None),
        ~select(CtcaeTerm.id).where(CtcaeTerm.meddra_code == AdverseEvent.meddra_code)
        .exists()).order_by(AdverseEvent.onset_date))
    return [Finding(p.subject_id, f"AE '{term or verbatim}' from {fmt_date(onset)}",
                    f"coded to MedDRA code {code}, which the CTCAE dictionary does not hold",
                    "Code the AE again from the dictionary (Adverse events), or import the "
                    "CTCAE file it was coded with (Tools)")
            for term, verbatim, onset, code in rows]


def _enrolment_findings(session: Session, protocol: Protocol, p: Patient) -> list[Finding]:
    """The subject ID in the study's own format; a dose-escalation patient not enrolled at
    another level once the SMC had declared the RP2D (from then on it is the dose)."""
    out = []
    if not re.fullmatch(protocol.subject_id_pattern, p.subject_id):
        example = f" (for example {protocol.subject_id_example})" \
            if protocol.subject_id_example else ""
        out.append(Finding(p.subject_id, f"subject ID {p.subject_id}",
                           f"not in this study's format{example}",
                           "Correct the subject ID (patient page, Edit patient...)"))
    part = next((x for x in protocol.parts if x.number == p.part), None)
    enrolled = p.consent_date
    if protocol.escalation is None or part is None or part.uses != "dose_levels" \
            or enrolled is None or p.dose_level is None:
        return out
    declared = rp2d_before(session, p.study_id, enrolled)
    if declared is not None and declared[1] != p.dose_level:
        out.append(Finding(
            p.subject_id, f"enrolment on {fmt_date(enrolled)} at {p.dose_level}",
            f"a Part {p.part} patient enrolled at {p.dose_level} after the SMC declared the "
            f"RP2D at {declared[1]} on {fmt_date(declared[0])}",
            "Correct the dose level or the consent date (patient page, Edit patient...), "
            "or the SMC's decision (Escalation)"))
    return out


def _evaluation_findings(session: Session, protocol: Protocol, loaded: cal.Loaded,
                         today: date) -> list[Finding]:
    subject = loaded.patient.subject_id
    try:
        evaluate_patient(session, protocol, loaded, today)
    except BaselineAfterDose:
        return []  # listed with the baseline scan
    except RecistError as exc:
        return [Finding(subject, "tumour assessments", f"cannot be evaluated: {exc}",
                        "Correct the lesions (patient page, Response)")]
    except InvalidEntry as exc:
        return [Finding(subject, "calendar", exc.message,
                        "Correct the visit named (patient page, Calendar)")]
    return []


def _ae_findings(session: Session, protocol: Protocol, loaded: cal.Loaded, first: date | None,
                 today: date) -> list[Finding]:
    subject, p = loaded.patient.subject_id, loaded.patient
    events = list(session.scalars(select(AdverseEvent).where(
        AdverseEvent.patient_id == p.id, cal.live(AdverseEvent))
        .order_by(AdverseEvent.onset_date)))
    out = []
    period = None
    if any(ae.dlt for ae in events):
        try:
            period = dlt_period_of(protocol, loaded, today)
        except InvalidEntry:
            period = None  # a calendar that does not build is a finding of its own
    for ae in events:
        name = f"AE '{ae.term or ae.verbatim}' from {fmt_date(ae.onset_date)}"
        if ae.dlt:
            problem = dlt_problem(protocol, p.part, ae.onset_date, period)
            if problem:
                out.append(Finding(subject, name, f"marked a DLT: {problem}",
                                   "Untick DLT or correct the onset (Adverse events)"))
        if ae.worsened_on is not None:
            spells = [GradeSpell(g.grade, g.start_date, g.end_date) for g in session.scalars(
                select(AeGrade).where(AeGrade.ae_id == ae.id, cal.live(AeGrade)))]
            history = history_items(session, [p.id]).get(p.id, [])
            derived = emergence(ae.onset_date, spells, first, p.last_dose_date,
                                protocol.safety.teae_days_after_last_dose,
                                history_baseline(ae.term, history, first)).worsened_on
            if derived != ae.worsened_on:
                said = fmt_date(derived) if derived else "no worsening on treatment"
                out.append(Finding(
                    subject, name, f"'worsened on {fmt_date(ae.worsened_on)}' was typed; the "
                    f"grade history says {said}",
                    "Enter the change of grade on that day in the grade history (Adverse "
                    "events); the TEAE status follows the grade history"))
    return out
