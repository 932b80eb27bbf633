"""Rows written in bulk (the demo's fill) leave the trail a session's flush would: the same
insert lines field by field, updates audited with their old value, a chain that verifies and
replays clean, on both backends."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.services.database import verify_audit_trail
from db.bulk import Ids, add_all, update_all
from db.errors import ValueTooLong
from db.models import AuditEntry, Patient, VisitRecord


def _trail(db, table: str) -> list[tuple[str, str, str | None, str | None]]:
    with db.reading(purpose=None) as s:
        return sorted(((e.record_id, e.field, e.old_value, e.new_value) for e in s.scalars(
            select(AuditEntry).where(AuditEntry.table_name == table))),
            key=lambda line: tuple(x or "" for x in line))


def _patient(subject: str, **kw: object) -> Patient:
    return Patient(study_id=1, subject_id=subject, initials="ABC", part=1, dose_level="DL1",
                   consent_date=date(2026, 1, 5), planned_first_dose=date(2026, 2, 1), **kw)


def test_bulk_rows_are_audited_as_the_session_audits_them(db):
    with db.unit_of_work(reason="setup") as s:
        s.add(_patient("101-001"))  # the session's flush hook writes this one's trail
    with db.unit_of_work(reason="setup") as s:
        ids = Ids(s)
        patient = _patient("101-002", id=ids.next(Patient))
        record = VisitRecord(id=ids.next(VisitRecord), patient_id=patient.id, code="SCR",
                             outcome="done", actual_date=date(2026, 1, 6))
        add_all(s, [record, patient])  # children before parents: written parents first
    by_session = [(f, o, n) for r, f, o, n in _trail(db, "patient") if r == "1" and f != "id"]
    by_bulk = [(f, o, n) for r, f, o, n in _trail(db, "patient")
               if r == str(patient.id) and f != "id"]
    assert ("id", None, str(patient.id)) in [(f, o, n) for r, f, o, n in _trail(db, "patient")]
    assert by_bulk == [(f, o, n.replace("101-001", "101-002") if n else n)
                       for f, o, n in by_session]
    assert ("unscheduled", None, "false") in [(f, o, n) for r, f, o, n in
                                          _trail(db, "visit_record")]  # its default, audited
    with db.reading(purpose=None) as s:
        stored = s.get(Patient, patient.id)
        assert stored is not None and stored.version == 1 and stored.subject_id == "101-002"
    assert verify_audit_trail(db).intact


def test_bulk_updates_audit_what_changed_and_raise_the_version(db):
    with db.unit_of_work(reason="setup") as s:
        ids = Ids(s)
        first, second = (_patient(f"101-00{n}", id=ids.next(Patient)) for n in (1, 2))
        add_all(s, [first, second])
    with db.unit_of_work(reason="escalation") as s:
        update_all(s, Patient, [(first.id, {"dose_level": ("DL1", "DL2"), "part": (1, 1)}),
                                (second.id, {"dose_level": ("DL1", "DL1")})])
    changes = [(r, f, o, n) for r, f, o, n in _trail(db, "patient") if o is not None]
    assert changes == [(str(first.id), "dose_level", "DL1", "DL2")]
    with db.reading(purpose=None) as s:
        assert s.get(Patient, first.id).version == 2  # type: ignore[union-attr]
        assert s.get(Patient, second.id).version == 1  # type: ignore[union-attr]
    report = verify_audit_trail(db)
    assert report.intact, report.message


def test_a_text_too_long_is_refused_naming_the_field_and_nothing_is_written(db):
    with pytest.raises(ValueTooLong, match="Subject ID"), db.unit_of_work(reason="x") as s:
        add_all(s, [_patient("1" * 300, id=Ids(s).next(Patient))])
    with db.reading(purpose=None) as s:
        assert s.scalar(select(Patient.id)) is None


def test_hundreds_of_rows_and_their_trail_go_in_by_copy_and_still_verify(db):
    """Past COPY_FROM rows, PostgreSQL takes them (and their audit entries) by COPY; SQLite
    by executemany: the same rows, the same trail, intact."""
    from datetime import UTC, datetime

    from db.copying import COPY_FROM
    from db.models import AdverseEvent

    with db.unit_of_work(reason="setup") as s:
        ids = Ids(s)
        patients = [_patient(f"101-{n:03d}", id=ids.next(Patient)) for n in range(COPY_FROM)]
        aes = [AdverseEvent(id=ids.next(AdverseEvent), patient_id=p.id, verbatim="nausea",
                            onset_date=date(2026, 2, 3), serious=True,
                            aware_at=datetime(2026, 2, 4, 8, 15, tzinfo=UTC))
               for p in patients]
        add_all(s, patients + aes)
    with db.reading(purpose=None) as s:
        stored = s.scalars(select(AdverseEvent).order_by(AdverseEvent.id)).all()
        assert len(stored) == COPY_FROM and stored[0].aware_at == datetime(2026, 2, 4, 8, 15,
                                                                           tzinfo=UTC)
        assert stored[-1].pre_existing is False  # its default, as a flush gives it
    report = verify_audit_trail(db)
    assert report.intact, report.message
