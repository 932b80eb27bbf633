"""The demo's treatment: adverse events and the holds they caused, the dose escalation (slots
the sponsor opened, the SMC's decisions up to the RP2D that opened Part 2), and the study
drug dispensed and returned at each cycle's day 1."""

from __future__ import annotations

import hashlib
import random
from dataclasses import asdict
from datetime import date, time, timedelta
from functools import cache
from importlib.resources import as_file, files
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.rules.ctcae import CtcaeEntry, read_ctcae
from app.rules.protocol import Protocol
from app.rules.site_time import later
from db.bulk import update_all
from db.dosing import CohortSlot, Dispensing, DoseModification, SmcDecision
from db.models import (
    AdverseEvent,
    AeGrade,
    CtcaeImport,
    CtcaeTerm,
    Patient,
    SiteSetting,
    VisitRecord,
)

if TYPE_CHECKING:
    from app.services.demo import DemoPatient
    from app.services.demo_store import Fill, Stored



_DEMO_AES = [  # verbatim terms, each coded to its CTCAE v5.0 term (grades it has)
    ("nausea", 1, 2), ("fatigue", 1, 2), ("diarrhoea", 1, 3), ("neutrophil count decreased", 2, 4),
    ("anaemia", 1, 3), ("vomiting", 1, 2), ("decreased appetite", 1, 1),
]
#: the CTCAE v5.0 term each verbatim is coded to
_CODED_AS = {"nausea": "Nausea", "fatigue": "Fatigue", "diarrhoea": "Diarrhea",
             "neutrophil count decreased": "Neutrophil count decreased", "anaemia": "Anemia",
             "vomiting": "Vomiting", "decreased appetite": "Anorexia"}
#: NCI's own rows of those terms, copied from CTCAE v5.0 (the demo's dictionary)
DEMO_CTCAE = "demo_ctcae.csv"


@cache
def demo_terms() -> dict[str, CtcaeEntry]:
    """The demo dictionary's terms by name, read as any CTCAE file is."""
    with as_file(files("resources").joinpath(DEMO_CTCAE)) as path:
        return {e.term: e for e in read_ctcae(path)}


def demo_dictionary(session: Session) -> None:
    """Load the demo's CTCAE terms (those its AEs are coded to) where the database lacks
    them, as an import of NCI's file would; a dictionary already imported is kept."""
    import json

    from app.infra.clock import Clock
    from app.rules.ctcae import column_map
    from app.services.dictionary import SOURCE_KEY

    have = set(session.scalars(select(CtcaeTerm.meddra_code)))
    new = [e for e in demo_terms().values() if e.meddra_code not in have]
    if not new:
        return
    data = files("resources").joinpath(DEMO_CTCAE).read_bytes()
    record = CtcaeImport(file_name=DEMO_CTCAE, sha256=hashlib.sha256(data).hexdigest(),
                         dictionary_version=column_map().version, terms=len(demo_terms()),
                         added=len(new), changed=0, retired=0, replace=False,
                         imported_at=Clock.utc_now(), imported_by="demo")
    session.add(record)
    session.flush()
    session.add_all(CtcaeTerm(**asdict(e), import_id=record.id) for e in new)
    if session.get(SiteSetting, SOURCE_KEY) is None:
        session.add(SiteSetting(key=SOURCE_KEY, value=json.dumps({
            "file": DEMO_CTCAE, "sha256": record.sha256, "version": record.dictionary_version,
            "terms": record.terms, "by": "demo", "import": record.id,
            "imported_at": record.imported_at.isoformat(timespec="seconds")})))


def adverse_events(fill: Fill, patient: Patient, p: DemoPatient, today: date,
                   rng: random.Random) -> None:
    """A few AEs for treated patients; now and then an SAE, one of them reported late; a
    grade 3 or worse interrupts the dose: a week's hold, linked to it."""
    from app.services.demo_store import site_clock

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
        aware = site_clock(onset + timedelta(days=1), time(9, 15), fill.zone) \
            if serious else None
        reported = later(aware, timedelta(hours=rng.choice([3, 20, 30]))) if aware else None
        coded = demo_terms()[_CODED_AS[verbatim]]
        ae = AdverseEvent(
            patient_id=patient.id, verbatim=verbatim, meddra_code=coded.meddra_code,
            term=coded.term, soc=coded.soc, onset_date=onset,
            end_date=onset + timedelta(days=10) if closed else None,
            pre_existing=False, serious=serious,
            sae_criteria="hospitalisation" if serious else None, aware_at=aware,
            reported_at=reported, relationship=rng.choice(["possible", "probable", "unlikely"]),
            action="interrupted" if grade >= 3 else "none",
            outcome="recovered" if closed else "recovering", dlt=False)
        fill.add(ae)
        fill.add(AeGrade(ae_id=ae.id, grade=grade, start_date=onset, end_date=ae.end_date))
        hold_end = onset + timedelta(days=7)
        if grade >= 3 and not held and hold_end < end:
            held = True
            fill.add(DoseModification(patient_id=patient.id, kind="hold",
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


def escalation_history(fill: Fill, protocol: Protocol, study_id: int, today: date,
                       rng: random.Random) -> None:
    """Slots and decisions for the levels the demo's Part 1 patients are at, and the
    dispensing of every cycle they started (the patients written first)."""
    esc, dosing = protocol.escalation, protocol.dosing
    fill.write()
    patients = [p for p in fill.stored if p.study_id == study_id]
    if esc is not None and dosing is not None:
        _escalate_in_order(fill, protocol, study_id, patients, today)
    if dosing is not None and protocol.cycles is not None:
        _dispensing(fill, protocol, patients, rng)
        fill.write()


def _escalate_in_order(fill: Fill, protocol: Protocol, study_id: int,
                       patients: list[Stored], today: date) -> None:
    """A history the demo's own data obey: the earliest patients escalate the dose, level by
    level in the order they consented, each level opened by the sponsor before its first
    patient and left by the SMC's decision before the next level's; the RP2D is declared
    after the last of them, and every later patient is treated at it (Part 2's cohorts, and
    Part 1's backfill). So no Part 1 patient is enrolled at another level once the RP2D is
    declared, and no Part 2 patient before it."""
    esc, dosing = protocol.escalation, protocol.dosing
    assert esc is not None and dosing is not None
    session = fill.session
    ladder = dosing.ladder
    levels = list(ladder[ladder.index(esc.start_level):]) if esc.start_level in ladder \
        else [c for c in ladder if not c.startswith("DL-")]
    dose_part = next((x.number for x in protocol.parts if x.uses == "dose_levels"), 1)
    ordered = sorted((p for p in patients if p.consent_date is not None),
                     key=lambda p: (p.consent_date or date.min, p.subject_id))
    if not ordered or not levels:
        return
    n_esc = max(min(len(ordered), 3), round(len(ordered) * 0.45))
    chunk = -(-n_esc // min(len(levels), n_esc))  # patients a level, rounded up
    escalating, later_ones = ordered[:n_esc], ordered[n_esc:]
    used: list[str] = []
    levelled = Levelled()
    for i, p in enumerate(escalating):
        level = levels[i // chunk]
        if level not in used:
            used.append(level)
        levelled.set(p, dose_part, level, None)
    rp2d = used[min(2, len(used) - 1)]
    for p in later_ones:
        levelled.set(p, p.part, rp2d, p.cohort if p.part != dose_part else None)
    levelled.write(session)
    firsts = {lv: min(p.consent_date for p in escalating if p.dose_level == lv
                      and p.consent_date) for lv in used}
    opened = firsts[used[0]] - timedelta(days=10)
    for i, code in enumerate(used):
        filled = sum(p.part == dose_part and p.dose_level == code and not p.screen_fail_date
                     for p in patients)
        session.add(CohortSlot(study_id=study_id, dose_level=code, opened_on=opened,
                               slots=max(esc.cohort_size, filled + 1),
                               reference=f"Sponsor letter {i + 1}"))
        if i + 1 < len(used):
            decided = firsts[used[i + 1]] - timedelta(days=1)
            session.add(SmcDecision(study_id=study_id, decision="escalate", decided_on=decided,
                                    dose_level=used[i + 1],
                                    minutes_ref=f"SMC meeting {i + 1} minutes"))
            opened = decided
    last = escalating[-1].consent_date
    assert last is not None
    declared = last + timedelta(days=14)
    if later_ones and later_ones[0].consent_date:
        declared = min(declared, later_ones[0].consent_date - timedelta(days=1))
    session.add(SmcDecision(study_id=study_id, decision="RP2D declared",
                            decided_on=min(max(declared, last), today), dose_level=rp2d,
                            minutes_ref=f"SMC meeting {len(used)} minutes"))


class Levelled:
    """The patients' part, level and cohort as the escalation set them, and the level of
    each dose given: saved rows changed in bulk, audited as changes."""

    def __init__(self) -> None:
        self.patients: list[tuple[int, dict[str, tuple[Any, Any]]]] = []
        self.records: list[tuple[int, dict[str, tuple[Any, Any]]]] = []

    def set(self, p: Stored, part: int | None, level: str, cohort: str | None) -> None:
        self.patients.append((p.id, {"part": (p.part, part), "dose_level": (p.dose_level, level),
                                     "cohort": (p.cohort, cohort)}))
        p.part, p.dose_level, p.cohort = part, level, cohort
        self.records.extend((rid, {"dose_level": (old, level)}) for rid, old in p.dosed)
        p.dosed = [(rid, level) for rid, _old in p.dosed]

    def write(self, session: Session, at_once: int = 50_000) -> None:
        for model, changes in ((Patient, self.patients), (VisitRecord, self.records)):
            for start in range(0, len(changes), at_once):
                update_all(session, model, changes[start:start + at_once])


def _dispensing(fill: Fill, protocol: Protocol, patients: list[Stored],
                rng: random.Random) -> None:
    """Each started cycle's bottle, returned at the next day 1 (the last one at the end of
    treatment) with the spare tablets, the missed doses' and the held days' ones."""
    from app.rules.dosing import Modification, hold_days

    dosing, cycles = protocol.dosing, protocol.cycles
    assert dosing is not None and cycles is not None
    for p in patients:
        holds = [Modification("hold", start, end) for start, end in p.holds]
        day1s = [(1, p.done.get(cycles.first_visit))] + [
            (n, p.done.get(cycles.code_of(n, 1))) for n in range(cycles.repeat_from, 60)]
        started = [(n, d) for n, d in day1s if d is not None]
        dose = next((d.dose_mg for d in protocol.dose_levels if d.code == p.dose_level), None)
        per_dose = dosing.tablets_per_dose(dose)
        for i, (n, day) in enumerate(started):
            planned = cycles.length_days * dosing.doses_per_day
            back = started[i + 1][1] if i + 1 < len(started) else p.last_dose_date
            missed = rng.choice([0, 0, 0, 1, 2]) if back else None
            held = hold_days(holds, day, day + timedelta(days=cycles.length_days - 1))
            not_taken = 2 + (missed or 0) + held * dosing.doses_per_day
            fill.add(Dispensing(
                patient_id=p.id, cycle=n, dispensed_on=day, lot=f"IMP-{24100 + n // 4}",
                dispensed=(planned + 2) * per_dose, returned_on=back,
                returned=min(planned + 2, not_taken) * per_dose if back else None,
                missed_doses=missed))
        fill.written_if_many()


__all__ = ["DEMO_CTCAE", "adverse_events", "demo_dictionary", "demo_rp2d", "demo_terms",
           "escalation_history"]
