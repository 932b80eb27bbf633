"""The demo's treatment: adverse events and the holds they caused, the dose escalation (slots
the sponsor opened, the SMC's decisions up to the RP2D that opened Part 2), and the study
drug dispensed and returned at each cycle's day 1."""

from __future__ import annotations

import random
from datetime import date, time, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.protocol import Protocol
from app.services.site_time import zone_in
from app.site_time import later
from db.dosing import CohortSlot, Dispensing, DoseModification, SmcDecision
from db.models import AdverseEvent, AeGrade, Patient, VisitRecord

if TYPE_CHECKING:
    from app.services.demo import DemoPatient



_DEMO_AES = [  # verbatim terms: the demo carries no CTCAE dictionary, so they are not coded
    ("nausea", 1, 2), ("fatigue", 1, 2), ("diarrhoea", 1, 3), ("neutrophil count decreased", 2, 4),
    ("anaemia", 1, 3), ("vomiting", 1, 2), ("decreased appetite", 1, 1),
]


def adverse_events(session: Session, patient: Patient, p: DemoPatient, today: date,
                    rng: random.Random) -> None:
    """A few AEs for treated patients; now and then an SAE, one of them reported late; a
    grade 3 or worse interrupts the dose: a week's hold, linked to it."""
    from app.services.demo import site_clock

    if p.stage in ("screening", "screen_failure"):
        return
    start = p.planned_first_dose
    end = min(p.disposition.get("last_dose_date") or today, today)
    span = (end - start).days
    if span < 3:
        return
    held = False
    for _ in range(rng.randint(1, 3)):
        verbatim, low, high = rng.choice(_DEMO_AES)
        onset = start + timedelta(days=rng.randint(1, span - 1))
        grade = rng.randint(low, high)
        closed = rng.random() < 0.6 and onset + timedelta(days=10) <= today
        serious = grade >= 3 and rng.random() < 0.5
        aware = site_clock(onset + timedelta(days=1), time(9, 15), zone_in(session)) \
            if serious else None
        reported = later(aware, timedelta(hours=rng.choice([3, 20, 30]))) if aware else None
        ae = AdverseEvent(
            patient_id=patient.id, verbatim=verbatim, onset_date=onset,
            end_date=onset + timedelta(days=10) if closed else None,
            pre_existing=False, serious=serious,
            sae_criteria="hospitalisation" if serious else None, aware_at=aware,
            reported_at=reported, relationship=rng.choice(["possible", "probable", "unlikely"]),
            action="interrupted" if grade >= 3 else "none",
            outcome="recovered" if closed else "recovering", dlt=False)
        session.add(ae)
        session.flush()
        session.add(AeGrade(ae_id=ae.id, grade=grade, start_date=onset,
                            end_date=ae.end_date))
        hold_end = onset + timedelta(days=7)
        if grade >= 3 and not held and hold_end < end:
            held = True
            session.add(DoseModification(patient_id=patient.id, kind="hold",
                                         start_date=onset + timedelta(days=1),
                                         end_date=hold_end, ae_id=ae.id,
                                         reason=f"grade {grade} {verbatim}"))


def demo_rp2d(protocol: Protocol) -> str | None:
    """The level the demo's SMC declared the RP2D: the third positive level on the ladder
    (the file's placeholder where the study has no escalation)."""
    if protocol.escalation is None or protocol.dosing is None:
        return next((c.dose_level for c in protocol.cohorts), None)
    levels = [c for c in protocol.dosing.ladder if not c.startswith("DL-")]
    return levels[min(2, len(levels) - 1)]


def escalation_history(session: Session, protocol: Protocol, study_id: int, today: date,
                       rng: random.Random) -> None:
    """Slots and decisions for the levels the demo's Part 1 patients are at, and the
    dispensing of every cycle they started."""
    esc, dosing = protocol.escalation, protocol.dosing
    patients = list(session.scalars(select(Patient).where(Patient.study_id == study_id)))
    if esc is not None and dosing is not None:
        used = [c for c in dosing.ladder if any(p.part == 1 and p.dose_level == c
                                                for p in patients)]
        start = today - timedelta(days=60 * len(used) + 200)
        for i, code in enumerate(used):
            filled = sum(p.part == 1 and p.dose_level == code and not p.screen_fail_date
                         for p in patients)
            opened = start + timedelta(days=60 * i)
            session.add(CohortSlot(study_id=study_id, dose_level=code, opened_on=opened,
                                   slots=max(esc.cohort_size, filled + 1),
                                   reference=f"Sponsor letter {i + 1}"))
            if i + 1 < len(used):
                session.add(SmcDecision(study_id=study_id, decision="escalate",
                                        decided_on=opened + timedelta(days=55),
                                        dose_level=used[i + 1],
                                        minutes_ref=f"SMC meeting {i + 1} minutes"))
        rp2d = demo_rp2d(protocol)
        if rp2d:
            session.add(SmcDecision(study_id=study_id, decision="RP2D declared",
                                    decided_on=start - timedelta(days=1) + timedelta(
                                        days=60 * len(used)), dose_level=rp2d,
                                    minutes_ref=f"SMC meeting {len(used)} minutes"))
    if dosing is not None and protocol.cycles is not None:
        _dispensing(session, protocol, patients, rng)


def _dispensing(session: Session, protocol: Protocol, patients: list[Patient],
                rng: random.Random) -> None:
    """Each started cycle's bottle, returned at the next day 1 (the last one at the end of
    treatment) with the spare tablets, the missed doses' and the held days' ones."""
    from app.dosing import Modification, hold_days

    dosing, cycles = protocol.dosing, protocol.cycles
    assert dosing is not None and cycles is not None
    for p in patients:
        done = {r.code: r.actual_date for r in session.scalars(select(VisitRecord).where(
            VisitRecord.patient_id == p.id, VisitRecord.outcome == "done"))}
        holds = [Modification("hold", m.start_date, m.end_date) for m in session.scalars(
            select(DoseModification).where(DoseModification.patient_id == p.id))]
        day1s = [(1, done.get(cycles.first_visit))] + [
            (n, done.get(cycles.code_of(n, 1))) for n in range(cycles.repeat_from, 60)]
        started = [(n, d) for n, d in day1s if d is not None]
        dose = next((d.dose_mg for d in protocol.dose_levels if d.code == p.dose_level), None)
        per_dose = dosing.tablets_per_dose(dose)
        for i, (n, day) in enumerate(started):
            planned = cycles.length_days * dosing.doses_per_day
            back = started[i + 1][1] if i + 1 < len(started) else p.last_dose_date
            missed = rng.choice([0, 0, 0, 1, 2]) if back else None
            held = hold_days(holds, day, day + timedelta(days=cycles.length_days - 1))
            not_taken = 2 + (missed or 0) + held * dosing.doses_per_day
            session.add(Dispensing(
                patient_id=p.id, cycle=n, dispensed_on=day, lot=f"IMP-{24100 + n // 4}",
                dispensed=(planned + 2) * per_dose, returned_on=back,
                returned=min(planned + 2, not_taken) * per_dose if back else None,
                missed_doses=missed))


__all__ = ["adverse_events", "demo_rp2d", "escalation_history"]
