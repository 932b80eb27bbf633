"""Vital signs and ECG saved with their visit, on SQLite and PostgreSQL: computed BSA and
QTcF, the QTcF graded against the baseline, out-of-range readings confirmed, corrections
audited with a reason, nothing saved on bad input."""

from __future__ import annotations

import pytest

from app.rules.vitals import Implausible
from app.services.errors import InvalidEntry
from app.services.history import patient_history
from app.services.visits import VisitEntry, record_visit
from app.services.vitals import last_readings, readings_of, visit_readings
from tests.app.services.conftest import C1D1, FD, TODAY

DONE_LI = VisitEntry(outcome="done", actual_date=FD)
DONE_C1D1 = VisitEntry(outcome="done", actual_date=C1D1)


def _save(db, protocol, pid, code, entry, typed, **kw):  # type: ignore[no-untyped-def]
    record_visit(db, protocol, pid, code, entry, TODAY, readings=typed, **kw)


def test_readings_are_saved_with_the_visit_and_computed(db, protocol, patient):
    _save(db, protocol, patient, "LI", DONE_LI,
          {"WEIGHT": "70", "TEMP": "36.6", "HR": "75", "QT": "400", "ECOG": "1"})
    rows = {r.code: r for r in readings_of(db, patient)}
    assert rows["QTCF"].value == 431 and rows["QTCF"].grade == 0
    assert rows["WEIGHT"].text == "70.0 kg" and rows["WEIGHT"].day == FD
    assert "BSA" not in rows  # no height yet: no BSA
    # the visit dialog reads them back as typed
    assert visit_readings(db, patient, "LI").typed["TEMP"] == "36.6"


def test_bsa_uses_the_screening_height(db, protocol, patient):
    from datetime import date
    _save(db, protocol, patient, "SCR", VisitEntry(outcome="done",
                                                   actual_date=date(2025, 12, 20)),
          {"HEIGHT": "170", "WEIGHT": "70"})
    _save(db, protocol, patient, "LI", DONE_LI, {"WEIGHT": "100"})
    bsa = [(r.visit_code, r.value) for r in readings_of(db, patient) if r.code == "BSA"]
    assert bsa == [("SCR", 1.82), ("LI", 2.17)]  # sqrt(100 x 170 / 3600) = 2.173


def test_an_implausible_reading_saves_nothing_until_confirmed(db, protocol, patient):
    with pytest.raises(Implausible) as err:
        _save(db, protocol, patient, "LI", DONE_LI, {"WEIGHT": "250", "PULSE": "72"})
    assert err.value.codes == ("WEIGHT",)
    assert readings_of(db, patient) == []
    from app.services.patients import patient_page
    assert patient_page(db, protocol, patient, TODAY).records.get("LI") is None  # nor the visit
    _save(db, protocol, patient, "LI", DONE_LI, {"WEIGHT": "250", "PULSE": "72"},
          confirmed=["WEIGHT"])
    rows = {r.code: r for r in readings_of(db, patient)}
    assert rows["WEIGHT"].value == 250 and rows["WEIGHT"].note == (
        "confirmed outside the usual range")


def test_an_impossible_reading_is_refused_on_its_field(db, protocol, patient):
    with pytest.raises(InvalidEntry) as err:
        _save(db, protocol, patient, "LI", DONE_LI, {"OXYSAT": "101"})
    assert err.value.field == "OXYSAT"
    with pytest.raises(InvalidEntry) as err:
        _save(db, protocol, patient, "LI", VisitEntry(), {"PULSE": "70"})
    assert "Outcome" in err.value.message
    assert readings_of(db, patient) == []


def test_a_correction_needs_a_reason_and_is_audited(db, protocol, patient):
    _save(db, protocol, patient, "LI", DONE_LI, {"PULSE": "72", "TEMP": "36.5"})
    with pytest.raises(InvalidEntry) as err:
        _save(db, protocol, patient, "LI", DONE_LI, {"PULSE": "80", "TEMP": "36.5"})
    assert err.value.field == "reason"
    _save(db, protocol, patient, "LI", DONE_LI, {"PULSE": "80", "TEMP": ""},
          reason="transcription error")
    rows = {r.code: r.value for r in readings_of(db, patient)}
    assert rows == {"PULSE": 80}
    lines = [h for h in patient_history(db, patient) if h.table == "vital_sign"]
    assert ("value", "72.0", "80.0", "transcription error") in {
        (h.field, h.old_value, h.new_value, h.reason) for h in lines}
    assert any(h.what == "Reading LI PULSE" for h in lines)
    assert any(h.field == "deleted_at" and h.reason == "transcription error" for h in lines)


def test_the_qtcf_is_graded_against_the_baseline(db, protocol, patient):
    from datetime import date
    _save(db, protocol, patient, "LI", DONE_LI, {"HR": "60", "QT": "400"})
    _save(db, protocol, patient, "C1D1", DONE_C1D1, {"HR": "60", "QT": "410"})
    _save(db, protocol, patient, "C2D1", VisitEntry(outcome="done",
                                                    actual_date=date(2026, 2, 2)),
          {"HR": "60", "QT": "471"})
    qtcf = [(r.visit_code, r.grade) for r in readings_of(db, patient) if r.code == "QTCF"]
    # baseline 410 (C1D1, the first dose's day): 471 is 61 ms above it
    assert qtcf == [("LI", 0), ("C1D1", 0), ("C2D1", 3)]
    last = {r.code: r.visit_code for r in last_readings(readings_of(db, patient))}
    assert last["QTCF"] == "C2D1" and last["HR"] == "C2D1"
