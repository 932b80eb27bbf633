"""Booking and recording visits: done, missed, delayed, dosed, or unscheduled."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, time

from app.rules.calendar import DONE
from app.rules.entry.visits import (
    DOSE_ACTIONS,
    VisitEntry,
    VisitWindow,
    check_booking,
    check_done_in_window,
    check_visit,
    clean_text,
    delayed_window,
)
from app.rules.first_dose import screening_after_dose, treatment_before_dose
from app.rules.protocol import Protocol
from app.rules.visit_order import (
    check_unscheduled,
    refuse_pretreatment_after_dose,
    refuse_treatment_before_dose,
)
from app.services import calendar as cal
from app.services.attempts import attempt
from app.services.changes import delegated, reason_needed, set_changed
from app.services.conflicts import check_version, merged
from app.services.errors import NotFound
from app.services.vitals import write_readings
from db import Database
from db.models import VisitRecord

UNSCHEDULED_PREFIX = "UNS"


@attempt("record visit {code} of {subject}")
@delegated("data_entry")
def record_visit(db: Database, protocol: Protocol, patient_id: int, code: str,
                 entry: VisitEntry, today: date, reason: str | None = None, *,
                 base: VisitEntry | None = None, version: int | None = None,
                 readings: Mapping[str, str] | None = None, confirmed: Sequence[str] = ()
                 ) -> None:
    """Book or record one calendar visit, then rebuild the calendar with the engine.

    A saved value that changes needs `reason`. If the engine refuses the new facts, nothing
    is saved. With `base` (what the dialog read) and `version` (0 for a visit with no
    record yet) only the fields the user changed are written, and a record saved by someone
    else meanwhile is not overwritten (EditConflict). With `readings` (vital signs and ECG
    by the protocol's codes, as typed) they are saved with the visit, in the same unit of
    work (app.services.vitals).
    """
    with reason_needed(), db.unit_of_work(reason=reason) as session:
        loaded = cal.load(session, patient_id, protocol)
        protocol = loaded.protocol  # the version this patient follows
        calendar = cal.calendar_of(loaded, protocol, today)
        visit = calendar.get(code) if calendar else None
        if visit is None:
            raise NotFound("code", "{code} is not in this patient's calendar",
                                       code=code)
        record = next((r for r in loaded.records if r.code == code), None)
        if base is not None and record is not None:
            check_version(session, record, version, base.__dict__)
            stored = {k: getattr(record, k) for k in entry.__dict__}
            entry = VisitEntry(**merged(base.__dict__, entry.__dict__, stored))
        # a delay typed in this save moves the window the booking is checked against
        window = delayed_window(VisitWindow(visit.earliest, visit.latest, visit.target),
                                visit.delay.days if visit.delay else 0,
                                _delay_after(visit.delay.days if visit.delay else None,
                                             record.delay_days if record else None, entry))
        clean = check_visit(entry, protocol, code, window, today, loaded.patient.consent_date)
        before = treatment_before_dose(protocol, cal.done_visits(loaded.records))
        first_before = cal.dosed_on(loaded.records, protocol)
        late_before = {(s.code, s.when) for s in
                       screening_after_dose(protocol, cal.done_visits(loaded.records))}
        delayed_before = record.delay_days if record is not None else None
        if record is None:
            record = VisitRecord(patient_id=patient_id, code=code, unscheduled=False)
            session.add(record)
            loaded.records.append(record)
        set_changed(record, clean.__dict__)
        done = cal.done_visits(loaded.records)
        refuse_treatment_before_dose(protocol, done, before)
        refuse_pretreatment_after_dose(protocol, done, first_before, late_before,
                                       [s.scan_date for s in loaded.scans if s.baseline])
        calendar = cal.rebuild(session, patient_id, today)
        moved = calendar.get(code) if calendar else None
        if moved is not None and clean.delay_days != delayed_before:
            # the window as the engine now has it, the new delay applied (a hold's too)
            window = VisitWindow(moved.earliest, moved.latest, moved.target)
            check_booking(clean, window)
        if code != protocol.first_dose_visit:
            check_done_in_window(clean, code, window)
        if readings is not None:
            write_readings(session, patient_id, protocol, code, record.outcome, readings,
                           confirmed, loaded.records)


def _delay_after(delayed_by: int | None, stored: int | None, entry: VisitEntry) -> int | None:
    """The delay the visit has once saved: the one typed, where one is typed or a stored one
    is taken back; else the one it has (a dose hold's, say)."""
    return entry.delay_days if entry.delay_days or stored else delayed_by


@attempt("add an unscheduled visit for {subject}")
@delegated("data_entry")
def add_unscheduled_visit(db: Database, protocol: Protocol, patient_id: int, when: date,
                          at: time | None, why: str, today: date, comment: str | None = None
                          ) -> str:
    """An extra visit outside the protocol's calendar (a toxicity check, say): done, with why."""
    with db.unit_of_work() as session:
        loaded = cal.load(session, patient_id, protocol)
        why = check_unscheduled(why, when, today, loaded.patient.consent_date,
                                loaded.patient.death_date)
        n = 1 + sum(1 for r in loaded.records if r.unscheduled)
        code = f"{UNSCHEDULED_PREFIX}{n}"
        session.add(VisitRecord(patient_id=patient_id, code=code, unscheduled=True,
                                unscheduled_reason=why, outcome=DONE, actual_date=when,
                                actual_time=at, comment=clean_text(comment)))
        return code


__all__ = ["DOSE_ACTIONS", "UNSCHEDULED_PREFIX", "VisitEntry", "add_unscheduled_visit",
           "record_visit"]
