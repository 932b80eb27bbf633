"""Two users editing one record: nothing one saved is silently undone by the other.

Each dialog saves only what its user changed; a save from a copy read before another
user's save is refused with who changed what, and saving again applies it on top.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time

import pytest

from app.rules.safety import GradeSpell
from app.services.adverse_events import AeForm, patient_aes, save_ae
from app.services.disposition import DispositionForm, set_disposition
from app.services.errors import EditConflict, ValueTooLong
from app.services.patients import patient_page, update_patient
from app.services.visits import VisitEntry, record_visit
from tests.app.services.conftest import C1D1, FD, TODAY


def _read(db, protocol, patient, code):
    """What a visit dialog reads: the record's values and version."""
    r = patient_page(db, protocol, patient, TODAY).records.get(code)
    if r is None:
        return VisitEntry(), 0
    return r.entry(), r.version


def test_second_save_from_an_old_copy_is_refused_and_names_who(db, protocol, patient):
    db.actor = "nurse_a"
    record_visit(db, protocol, patient, "LI", VisitEntry(booked_date=FD), TODAY)
    base_a, version_a = _read(db, protocol, patient, "LI")
    base_b, version_b = _read(db, protocol, patient, "LI")
    # B changes the booked time and saves first
    db.actor = "nurse_b"
    record_visit(db, protocol, patient, "LI", replace(base_b, booked_time=time(9, 30)), TODAY,
                 reason="time agreed with the patient", base=base_b, version=version_b)
    # A, from the old copy, changes the same field: refused, naming B and the field
    db.actor = "nurse_a"
    mine = replace(base_a, booked_time=time(11, 0))
    with pytest.raises(EditConflict) as info:
        record_visit(db, protocol, patient, "LI", mine, TODAY, reason="moved",
                     base=base_a, version=version_a)
    assert "nurse_b" in info.value.message and "Booked time" in info.value.message
    assert "booked_time" not in info.value.message
    assert _read(db, protocol, patient, "LI")[0].booked_time == time(9, 30)
    # saving again (the dialog took the newer version) applies A's change, knowingly
    record_visit(db, protocol, patient, "LI", mine, TODAY, reason="moved",
                 base=base_a, version=info.value.current_version)
    assert _read(db, protocol, patient, "LI")[0].booked_time == time(11, 0)


def test_changes_to_different_fields_both_survive(db, protocol, patient):
    record_visit(db, protocol, patient, "LI", VisitEntry(booked_date=FD), TODAY)
    base, version = _read(db, protocol, patient, "LI")
    record_visit(db, protocol, patient, "LI", replace(base, comment="fasting"), TODAY,
                 base=base, version=version)
    # the second dialog read the visit before the comment: told first, then it records the
    # visit done, and only that is written (the comment stays)
    mine = replace(base, outcome="done", actual_date=FD)
    with pytest.raises(EditConflict, match="Comment") as info:
        record_visit(db, protocol, patient, "LI", mine, TODAY, base=base, version=version)
    record_visit(db, protocol, patient, "LI", mine, TODAY, base=base,
                 version=info.value.current_version)
    now, _ = _read(db, protocol, patient, "LI")
    assert now.comment == "fasting" and now.outcome == "done"


def test_a_visit_first_recorded_by_someone_else_is_not_overwritten(db, protocol, patient):
    empty, version = _read(db, protocol, patient, "LI")
    assert version == 0
    record_visit(db, protocol, patient, "LI", VisitEntry(booked_date=FD), TODAY,
                 base=empty, version=version)
    with pytest.raises(EditConflict):
        record_visit(db, protocol, patient, "LI", VisitEntry(booked_date=date(2026, 1, 6)),
                     TODAY, base=empty, version=version)


def _ae_form(**over) -> AeForm:
    base = dict(verbatim="nausea", onset_date=date(2026, 1, 20),
                grades=[GradeSpell(1, date(2026, 1, 20), None)])
    base.update(over)
    return AeForm(**base)


def test_ae_saved_meanwhile_is_not_reverted(db, protocol, patient):
    record_visit(db, protocol, patient, "LI", VisitEntry(outcome="done", actual_date=FD), TODAY)
    record_visit(db, protocol, patient, "C1D1", VisitEntry(outcome="done", actual_date=C1D1),
                 TODAY)
    saved = save_ae(db, protocol, patient, _ae_form(), TODAY)
    row = patient_aes(db, patient, datetime.combine(TODAY, time(12)))[0]
    base, version = row.form(), row.version
    db.actor = "dr_b"
    save_ae(db, protocol, patient, replace(base, end_date=date(2026, 1, 25)), TODAY,
            ae_id=saved.ae_id, reason="resolved", base=base, version=version)
    db.actor = "nurse_a"
    # A changes the relationship: told of B's end date first, then only A's field is written
    with pytest.raises(EditConflict, match="End date") as info:
        save_ae(db, protocol, patient, replace(base, relationship="possible"), TODAY,
                ae_id=saved.ae_id, reason="assessed", base=base, version=version)
    save_ae(db, protocol, patient, replace(base, relationship="possible"), TODAY,
            ae_id=saved.ae_id, reason="assessed", base=base, version=info.value.current_version)
    row = patient_aes(db, patient, datetime.combine(TODAY, time(12)))[0]
    assert row.end_date == date(2026, 1, 25) and row.relationship == "possible"
    # A changes the end date from the old copy: refused, naming dr_b
    with pytest.raises(EditConflict, match="dr_b"):
        save_ae(db, protocol, patient, replace(base, end_date=date(2026, 1, 30)), TODAY,
                ae_id=saved.ae_id, reason="x", base=base, version=version)
    # a grade added by B moves the AE's version too
    row = patient_aes(db, patient, datetime.combine(TODAY, time(12)))[0]
    before = row.version
    grades = [GradeSpell(1, date(2026, 1, 20), date(2026, 1, 21)),
              GradeSpell(2, date(2026, 1, 22), None)]
    save_ae(db, protocol, patient, replace(row.form(), grades=grades), TODAY,
            ae_id=saved.ae_id, reason="worse", base=row.form(), version=row.version)
    assert patient_aes(db, patient, datetime.combine(TODAY, time(12)))[0].version > before


def test_disposition_and_patient_details_from_old_copies(db, protocol, patient):
    page = patient_page(db, protocol, patient, TODAY)
    update_patient(db, protocol, patient, replace(page.form, initials="ABD"), TODAY,
                   reason="typo", base=page.form, version=page.version)
    with pytest.raises(EditConflict, match="Initials"):
        update_patient(db, protocol, patient, replace(page.form, initials="XYZ"), TODAY,
                       reason="typo", base=page.form, version=page.version)
    base = DispositionForm(**{k: page.disposition.get(k) for k in DispositionForm().__dict__})
    set_disposition(db, protocol, patient, replace(base, withdrawal_date=date(2026, 2, 1)),
                    TODAY, base=base, version=patient_page(db, protocol, patient, TODAY).version)
    with pytest.raises(EditConflict, match="Withdrawal date"):
        set_disposition(db, protocol, patient, replace(base, withdrawal_date=date(2026, 2, 2)),
                        TODAY, reason="x", base=base, version=page.version)


def test_over_long_text_is_refused_alike_on_both_backends(db, protocol, patient):
    """SQLite would store it, PostgreSQL would raise a raw DataError: both get one sentence."""
    from db.models import Patient

    with pytest.raises(ValueTooLong) as info, db.unit_of_work() as session:
        session.add(Patient(subject_id="101-" + "9" * 40, initials="AB", part=1))
    assert info.value.field == "subject_id"
    assert info.value.message.startswith("Subject ID is too long: at most 32 characters")
    with db.reading() as session:
        assert session.query(Patient).count() == 1          # only the enrolled patient
