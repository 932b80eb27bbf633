"""Con-meds and medical history on SQLite and PostgreSQL: saved, flagged when the protocol
forbids them, corrected with a reason, entered in error; the history's grade is the
baseline of an AE of the same term (TEAE only when worse)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.rules.safety import GradeSpell
from app.services.adverse_events import patient_aes, save_ae
from app.services.conmeds import (
    ConMedForm,
    HistoryForm,
    conmeds_of,
    drug_names,
    history_of,
    save_conmed,
    save_history,
)
from app.services.corrections import enter_in_error, removed_records
from app.services.errors import InvalidEntry
from tests.app.services.conftest import TODAY
from tests.app.services.test_adverse_events import _form, dictionary  # noqa: F401

NOW = datetime(2026, 3, 2, 12, 0)


def _med(**kw: object) -> ConMedForm:
    base = {"drug": "Ondansetron", "dose": "8", "unit": "mg", "route": "oral",
            "frequency": "BID", "indication": "Nausea", "start": "UN-JAN-2026",
            "ongoing": True}
    return ConMedForm(**{**base, **kw})  # type: ignore[arg-type]


def test_a_con_med_is_listed_as_entered_and_prohibited_ones_flagged(db, protocol, patient):
    save_conmed(db, patient, _med(), TODAY)
    save_conmed(db, patient, _med(drug="Clarithromycin", dose="500", indication="Pneumonia",
                                  start="10-FEB-2026", end="17-FEB-2026", ongoing=False),
                TODAY)
    first, second = conmeds_of(db, patient)
    assert (first.drug, first.dose_text, first.start, first.ongoing, first.prohibited) == (
        "Ondansetron", "8 mg", "UN-JAN-2026", True, "")
    assert second.end == "17-FEB-2026"
    assert second.prohibited == ("Prohibited by the protocol: clarithromycin (strong CYP3A "
                                 "inhibitor)")
    assert drug_names(db) == ["Clarithromycin", "Ondansetron"]


def test_bad_input_saves_nothing_and_a_correction_needs_a_reason(db, protocol, patient):
    with pytest.raises(InvalidEntry) as err:
        save_conmed(db, patient, _med(start="UN-APR-2026"), TODAY)
    assert err.value.field == "start"
    assert conmeds_of(db, patient) == []
    cid = save_conmed(db, patient, _med(), TODAY)
    row = conmeds_of(db, patient)[0]
    with pytest.raises(InvalidEntry) as err:
        save_conmed(db, patient, _med(dose="4"), TODAY, cid, version=row.version)
    assert err.value.field == "reason"
    save_conmed(db, patient, _med(dose="4"), TODAY, cid, "dose halved", row.version)
    assert conmeds_of(db, patient)[0].dose == 4
    enter_in_error(db, protocol, patient, "conmed", cid, "wrong patient", TODAY)
    assert conmeds_of(db, patient) == []
    [gone] = removed_records(db, patient)
    assert (gone.kind, gone.what) == ("conmed", "Con-med Ondansetron")


def test_history_takes_terms_of_the_dictionary(db, protocol, patient, dictionary):  # noqa: F811
    with pytest.raises(InvalidEntry) as err:
        save_history(db, patient, HistoryForm("Nausia", 1), TODAY)
    assert err.value.field == "term"
    with pytest.raises(InvalidEntry) as err:
        save_history(db, patient, HistoryForm("nausea", 4), TODAY)
    assert err.value.field == "grade"
    hid = save_history(db, patient, HistoryForm("nausea", 1, "UN-UNK-2025"), TODAY)
    [row] = history_of(db, patient)
    assert (row.id, row.term, row.grade, row.start, row.ongoing) == (
        hid, "Nausea", 1, "UN-UNK-2025", True)
    enter_in_error(db, protocol, patient, "history", hid, "duplicate", TODAY)
    assert history_of(db, patient) == []


def test_an_ae_of_an_ongoing_history_term_is_emergent_only_when_worse(
        db, protocol, dosed, dictionary):  # noqa: F811
    save_ae(db, protocol, dosed, _form(grades=[GradeSpell(1, date(2026, 1, 20))]), TODAY)
    [ae] = patient_aes(db, dosed, NOW)
    assert ae.teae  # no history: on treatment, emergent
    hid = save_history(db, dosed, HistoryForm("Nausea", 1, "UN-UNK-2025"), TODAY)
    [ae] = patient_aes(db, dosed, NOW)
    assert not ae.teae and ae.emergence.baseline_grade == 1
    save_history(db, dosed, HistoryForm("Nausea", None, "UN-UNK-2025", "01-JAN-2026", False),
                 TODAY, hid, "resolved before the first dose", history_of(db, dosed)[0].version)
    [ae] = patient_aes(db, dosed, NOW)
    assert ae.teae
