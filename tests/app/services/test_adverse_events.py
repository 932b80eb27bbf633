"""The AE log on SQLite and PostgreSQL: coding, grades that exist, TEAE, DLT, SAE clock."""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta

import pytest

from app.rules.groups import GroupBy
from app.rules.safety import GradeSpell
from app.services.adverse_events import (
    AeForm,
    late_saes,
    open_aes,
    patient_aes,
    save_ae,
    site_aes,
)
from app.services.dictionary import import_dictionary
from app.services.disposition import DispositionForm, set_disposition
from app.services.errors import InvalidEntry
from app.services.escalation import record_decision
from app.services.history import record_history
from app.services.patients import enrol, patient_history, patient_page
from app.services.studies import DEFAULT_STUDY
from app.services.teae_summary import export_teae_summary, teae_summary
from app.services.visits import VisitEntry, record_visit
from tests.app.services.conftest import C1D1, FD, TODAY
from tests.app.services.conftest import form as enrolment

NOW = datetime(2026, 3, 2, 12, 0)
HEADER = ["MedDRA Code", "MedDRA SOC", "CTCAE Term", "Grade 1", "Grade 2", "Grade 3",
          "Grade 4", "Grade 5", "Definition", "Navigational Note"]
TERMS = [
    ["10001760", "Skin and subcutaneous tissue disorders", "Alopecia", "Hair loss <50%",
     "Hair loss >=50%", " -", " -", " -", "Hair loss", ""],
    ["10028813", "Gastrointestinal disorders", "Nausea", "Loss of appetite",
     "Oral intake decreased", "Inadequate oral intake", " -", " -", "Queasiness", ""],
    ["10029366", "Investigations", "Neutrophil count decreased", "<LLN - 1500/mm3",
     "<1500 - 1000/mm3", "<1000 - 500/mm3", "<500/mm3", " -", "", ""],
    ["10029883", "Gastrointestinal disorders", "Gastrointestinal disorders - Other, specify",
     "Mild", "Moderate", "Severe", "Life-threatening", "Death", "", ""],
    ["10038695", "Respiratory, thoracic and mediastinal disorders", "Respiratory failure",
     " -", " -", " -", "Life-threatening", "Death", "", ""],
]


@pytest.fixture
def dictionary(db, tmp_path):
    path = tmp_path / "ctcae.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([HEADER, *TERMS])
    import_dictionary(db, path)


def _form(**over) -> AeForm:
    base = dict(verbatim="felt sick", meddra_code="10028813", onset_date=date(2026, 1, 20),
                relationship="possible", action="none", outcome="recovering",
                grades=[GradeSpell(2, date(2026, 1, 20))])
    base.update(over)
    return AeForm(**base)


def test_log_an_ae_derives_teae_and_worst_grade(db, protocol, dosed, dictionary):
    save_ae(db, protocol, dosed, _form(grades=[
        GradeSpell(1, date(2026, 1, 20), date(2026, 1, 22)),
        GradeSpell(3, date(2026, 1, 23), date(2026, 1, 25)),
        GradeSpell(2, date(2026, 1, 26))]), TODAY)
    [row] = patient_aes(db, dosed, NOW)
    assert (row.term, row.soc, row.worst_grade, row.current_grade) == (
        "Nausea", "Gastrointestinal disorders", 3, 2)
    assert row.teae and row.ongoing and row.coded
    assert [r.id for r in open_aes([row])] == [row.id]


@pytest.mark.parametrize(("over", "field", "text"), [
    ({"meddra_code": "10001760", "grades": [GradeSpell(3, date(2026, 1, 20))]}, "grades",
     "Alopecia has no grade 3 in CTCAE v5.0"),
    ({"end_date": date(2026, 1, 19)}, "end_date", "before onset"),
    ({"onset_date": date(2025, 11, 30), "grades": [GradeSpell(2, date(2025, 11, 30))]},
     "onset_date", "before consent"),
    ({"serious": True}, "sae_criteria", "SAE criteria"),
    ({"serious": True, "sae_criteria": ("hospitalisation",)}, "aware_at", "aware"),
    ({"meddra_code": "10029883"}, "other_specify", "specified"),
    ({"grades": []}, "grades", "Give the grade"),
    ({"grades": [GradeSpell(2, date(2026, 1, 20)), GradeSpell(3, date(2026, 1, 20))]},
     "grades", "must start after the grade before it"),  # an open one closes by itself
    ({"onset_date": date(2026, 3, 5)}, "onset_date", "future"),
])
def test_bad_ae_input_names_the_field_and_saves_nothing(db, protocol, dosed, dictionary, over,
                                                        field, text):
    with pytest.raises(InvalidEntry) as info:
        save_ae(db, protocol, dosed, _form(**over), TODAY)
    assert info.value.field == field and text in info.value.message
    assert patient_aes(db, dosed, NOW) == []


def test_teae_window_follows_the_last_dose(db, protocol, dosed, dictionary):
    last = date(2026, 1, 31)
    set_disposition(db, protocol, dosed, DispositionForm(
        last_dose_date=last, end_of_treatment_reason="toxicity"), TODAY)
    for offset in (30, 31):
        day = last + timedelta(days=offset)
        save_ae(db, protocol, dosed, _form(onset_date=day, grades=[GradeSpell(1, day)]),
                date(2026, 3, 5))
    before = date(2026, 1, 4)
    save_ae(db, protocol, dosed, _form(onset_date=before, grades=[GradeSpell(1, before)]),
            TODAY)
    teae = {r.onset_date: r.teae for r in patient_aes(db, dosed, NOW)}
    assert teae == {before: False, last + timedelta(days=30): True,
                    last + timedelta(days=31): False}


def test_dlt_only_inside_the_dlt_period(db, protocol, dosed, dictionary):
    inside = C1D1 + timedelta(days=20)          # C1D21
    save_ae(db, protocol, dosed, _form(onset_date=inside, grades=[GradeSpell(3, inside)],
                                       dlt=True), TODAY)
    outside = C1D1 + timedelta(days=21)
    with pytest.raises(InvalidEntry) as info:
        save_ae(db, protocol, dosed, _form(onset_date=outside, grades=[GradeSpell(3, outside)],
                                           dlt=True), TODAY)
    assert info.value.field == "dlt" and "DLT period" in info.value.message


def test_sae_clock_and_the_late_list(db, protocol, dosed, dictionary):
    aware = datetime(2026, 2, 1, 9, 0)
    on_time = _form(serious=True, sae_criteria=("hospitalisation",), aware_at=aware,
                    reported_at=aware + timedelta(hours=24))
    late = _form(serious=True, sae_criteria=("hospitalisation",), aware_at=aware,
                 reported_at=aware + timedelta(hours=25))
    unreported = _form(serious=True, sae_criteria=("important_medical_event",), aware_at=aware)
    for f in (on_time, late, unreported):
        save_ae(db, protocol, dosed, f, TODAY)
    rows = site_aes(db, protocol, NOW)
    assert [r.clock.state for r in rows] == ["reported on time", "reported late", "overdue"]
    assert len(late_saes(rows)) == 2


def test_uncoded_then_coded_later_with_an_audit_entry(db, protocol, dosed):
    result = save_ae(db, protocol, dosed, _form(meddra_code=None, verbatim="queasy"), TODAY)
    [row] = patient_aes(db, dosed, NOW)
    assert not row.coded and row.name == "queasy (not coded)"
    path_rows = [HEADER, *TERMS]
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ctcae.csv"
        with path.open("w", newline="", encoding="utf-8") as fh:
            csv.writer(fh).writerows(path_rows)
        import_dictionary(db, path)
    form = row.form()
    form.meddra_code = "10028813"
    save_ae(db, protocol, dosed, form, TODAY, ae_id=result.ae_id)
    [row] = patient_aes(db, dosed, NOW)
    assert row.coded and row.term == "Nausea"
    coded = [h for h in patient_history(db, dosed) if h.field == "meddra_code"]
    assert coded and coded[0].new_value == "10028813"


def test_changing_a_grade_needs_a_reason(db, protocol, dosed, dictionary):
    result = save_ae(db, protocol, dosed, _form(), TODAY)
    form = patient_aes(db, dosed, NOW)[0].form()
    form.grades = [GradeSpell(3, date(2026, 1, 20))]
    with pytest.raises(InvalidEntry) as info:
        save_ae(db, protocol, dosed, form, TODAY, ae_id=result.ae_id)
    assert info.value.field == "reason"
    save_ae(db, protocol, dosed, form, TODAY, ae_id=result.ae_id, reason="source says grade 3")
    assert patient_aes(db, dosed, NOW)[0].worst_grade == 3


def test_grade_5_asks_for_the_death(db, protocol, dosed, dictionary):
    result = save_ae(db, protocol, dosed, _form(
        meddra_code="10038695", outcome="fatal", grades=[GradeSpell(5, date(2026, 1, 20))]),
        TODAY)
    assert result.needs_death


def test_teae_summary_pivot_and_export(db, protocol, dosed, dictionary, tmp_path):
    from tests.conftest import name_the_site

    name_the_site(db)
    save_ae(db, protocol, dosed, _form(), TODAY)
    save_ae(db, protocol, dosed, _form(meddra_code="10001760",
                                       grades=[GradeSpell(1, date(2026, 1, 20))]), TODAY)
    rows = site_aes(db, protocol, NOW)
    table = teae_summary(rows).records()
    nausea = next(r for r in table if r["Term"] == "Nausea")
    assert (nausea["Grade 2"], nausea["All grades"]) == (1, 1)
    overall = table[0]
    assert (overall["SOC"], overall["Grade 2"], overall["All grades"]) == ("Any TEAE", 1, 1)
    # Any TEAE, then per SOC its "All terms" line and its terms
    assert export_teae_summary(db, rows, tmp_path / "teae.xlsx", "IMP7068-101", "t.nurse") == 5
    assert (tmp_path / "teae.xlsx").exists()


def test_first_dose_is_c1d1_when_the_lead_in_dose_was_missed(db, protocol, patient,
                                                             dictionary):
    """The lead-in dose missed, C1D1 dosed: on treatment from C1D1, TEAEs and DLTs count."""
    record_visit(db, protocol, patient, "LI", VisitEntry(outcome="missed",
                                                         missed_reason="vomited"), TODAY)
    record_visit(db, protocol, patient, "C1D1", VisitEntry(outcome="done", actual_date=C1D1),
                 TODAY)
    save_ae(db, protocol, patient, _form(onset_date=C1D1 - timedelta(days=1),
                                         grades=[GradeSpell(1, C1D1 - timedelta(days=1))]),
            TODAY)
    save_ae(db, protocol, patient, _form(meddra_code="10001760", onset_date=C1D1, dlt=True,
                                         grades=[GradeSpell(1, C1D1)]), TODAY)
    rows = patient_aes(db, patient, NOW)
    assert [r.teae for r in rows] == [False, True]  # the day before C1D1, and C1D1 itself
    assert patient_page(db, protocol, patient, TODAY).status == "on_treatment"


def test_a_condition_that_worsens_on_treatment_is_counted_at_its_on_treatment_grade(
        db, protocol, dosed, dictionary):
    save_ae(db, protocol, dosed, _form(onset_date=date(2025, 12, 20), grades=[
        GradeSpell(1, date(2025, 12, 20), date(2026, 1, 14)), GradeSpell(3, date(2026, 1, 15))]),
        TODAY)
    row = site_aes(db, protocol, NOW)[0]
    assert row.teae and row.worsened_on == date(2026, 1, 15)
    assert row.emergence.baseline_grade == 1
    nausea = next(r for r in teae_summary([row]).records() if r["Term"] == "Nausea")
    assert (nausea["Grade 3"], nausea["Grade 1"]) == (1, 0)


def test_teae_summary_by_dose_level_and_by_cohort(db, protocol, dosed, dictionary):
    other = enrol(db, protocol, enrolment(subject_id="101-002", dose_level="DL2"), TODAY)
    record_decision(db, DEFAULT_STUDY, FD, "RP2D declared", "DL2", None, None, TODAY)
    third = enrol(db, protocol, enrolment(subject_id="101-003", part=2, dose_level=None,
                                          cohort="USC"), TODAY)
    for pid in (other, third):
        record_visit(db, protocol, pid, "LI", VisitEntry(outcome="done", actual_date=FD), TODAY)
    for pid in (dosed, other, third):
        save_ae(db, protocol, pid, _form(), TODAY)
    rows = site_aes(db, protocol, NOW)
    by_level = teae_summary(rows, protocol, GroupBy.DOSE_LEVEL).records()
    anys = [r for r in by_level if r["SOC"] == "Any TEAE"]
    assert [r["Dose level"] for r in anys] == ["DL1 · 50 mg", "DL2 · 100 mg"]
    by_cohort = teae_summary(rows, protocol, GroupBy.COHORT).records()
    assert {r["Cohort"] for r in by_cohort} == {"Part 2 cohort B: uterine serous carcinoma"}
    by_part = teae_summary(rows, protocol, GroupBy.PART).records()
    first = next(r for r in by_part if r["SOC"] == "Any TEAE")
    assert (first["Part"], first["All grades"]) == ("Part 1: dose escalation", 2)


def test_a_clock_time_in_the_spring_gap_is_refused_on_its_field(db, protocol, dosed,
                                                                dictionary):
    """02:30 on 29-MAR-2026 never showed on a Paris clock (the site's zone in the tests)."""
    with pytest.raises(InvalidEntry) as info:
        save_ae(db, protocol, dosed, _form(
            serious=True, sae_criteria=("hospitalisation",),
            aware_at=datetime(2026, 3, 29, 2, 30)), date(2026, 4, 1))
    assert info.value.field == "aware_at" and "does not exist" in info.value.message
    assert site_aes(db, protocol, NOW) == []


def test_a_partial_onset_in_the_month_of_the_first_dose_counts_from_it(db, protocol, dosed,
                                                                       dictionary):
    """UN-JAN-2026 with the first dose on 05-JAN-2026: imputed to the first dose, so the AE
    is treatment-emergent; kept and shown as entered, exported as "2026-01"."""
    from app.services.sdtm import study_package

    result = save_ae(db, protocol, dosed, _form(
        onset_date=None, onset_partial="un-jan-2026", end_partial="UN-FEB-2026",
        grades=[GradeSpell(2, date(2026, 1, 1))]), TODAY)
    row = next(r for r in site_aes(db, protocol, NOW) if r.id == result.ae_id)
    assert (row.onset_date, row.onset_partial, row.onset_text) == (
        FD, "UN-JAN-2026", "UN-JAN-2026")
    assert (row.end_date, row.end_text) == (date(2026, 2, 28), "UN-FEB-2026")
    assert row.teae and row.grades[0].start == FD  # the first grade from the imputed onset
    line = next(d for d in study_package(db, 1, TODAY, NOW) if d.name == "AE").rows[0]
    assert (line["AESTDTC"], line["AEENDTC"]) == ("2026-01", "2026-02")
    assert (line["AESTDY"], line["AEENDY"]) == (None, None)  # no day of a partial date
    history = record_history(db, "adverse_event", result.ae_id)
    assert any(h.field == "onset_partial" and h.new_value == "UN-JAN-2026" for h in history)


@pytest.mark.parametrize(("over", "field", "words"), [
    (dict(onset_partial="UN-DEC-2026"), "onset_date", "Onset UN-DEC-2026 is in the future"),
    (dict(onset_partial="UN-JAX-2026"), "onset_date", "'JAX' is not a month"),
])
def test_a_partial_date_that_cannot_be_is_refused_on_its_field(db, protocol, dosed,
                                                               dictionary, over, field, words):
    with pytest.raises(InvalidEntry) as err:
        save_ae(db, protocol, dosed, _form(onset_date=None, **over), TODAY)
    assert err.value.field == field and words in err.value.message


def test_a_change_of_grade_closes_the_grade_before_it_and_the_current_grade_is_the_latest(
        db, protocol, dosed, dictionary):
    """Nausea G1 from 02-FEB, G2 05-FEB to 10-FEB, G1 from 11-FEB: only the starts typed
    (and the end of G2); G1 is closed on 04-FEB, and the grade now is 1 since 11-FEB."""
    feb = lambda day: date(2026, 2, day)  # noqa: E731
    save_ae(db, protocol, dosed, _form(onset_date=feb(2), grades=[
        GradeSpell(1, feb(2)), GradeSpell(2, feb(5), feb(10)), GradeSpell(1, feb(11))]), TODAY)
    [row] = patient_aes(db, dosed, NOW)
    assert list(row.grades) == [GradeSpell(1, feb(2), feb(4)), GradeSpell(2, feb(5), feb(10)),
                                GradeSpell(1, feb(11))]
    assert (row.current_grade, row.current, row.current_since_text, row.worst_grade) == (
        1, GradeSpell(1, feb(11)), "11-FEB-2026", 2)
    [open_row] = open_aes([row])
    assert open_row.onset_text == "02-FEB-2026"                  # the onset stays the onset


def test_an_ae_that_never_changed_grade_is_at_it_since_its_onset_as_entered(
        db, protocol, dosed, dictionary):
    save_ae(db, protocol, dosed, _form(onset_date=None, onset_partial="UN-FEB-2026",
                                       grades=[GradeSpell(1, date(2026, 2, 1))]), TODAY)
    [row] = patient_aes(db, dosed, NOW)
    assert (row.current_grade, row.current_since_text) == (1, "UN-FEB-2026")
