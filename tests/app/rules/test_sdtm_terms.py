"""SDTM's words and shared derivations: CT submission values, study day, epoch."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from app.rules.safety import ACTIONS, OUTCOMES, RELATIONSHIPS
from app.rules.sdtm_terms import (
    CODELISTS,
    CT_VERSION,
    ae_action,
    ae_outcome,
    ae_relationship,
    disposition,
    epoch,
    full_date,
    response,
    seriousness,
    study_day,
    study_day_of,
)

days = st.dates(date(2000, 1, 1), date(2040, 12, 31))


def test_one_named_ct_version():
    assert CT_VERSION == "2024-12-20"


def test_every_app_word_maps_into_its_non_extensible_code_list():
    assert {ae_action(a) for a in ACTIONS} <= set(CODELISTS["ACN"].terms)
    assert {ae_outcome(o) for o in OUTCOMES} <= set(CODELISTS["OUT"].terms)
    assert {ae_relationship(r) for r in RELATIONSHIPS} <= set(CODELISTS["AEREL"].terms)
    assert ae_action("none") == "DOSE NOT CHANGED"
    assert ae_action("interrupted") == "DRUG INTERRUPTED"
    assert ae_outcome("recovered") == "RECOVERED/RESOLVED"
    assert ae_action(None) is None
    assert ae_action("paused") == "PAUSED"  # unknown: kept, for the check to name


def test_end_of_treatment_reasons_are_ncomplt_terms():
    from app.rules.entry.disposition import EOT_REASONS

    assert {disposition(r) for r in EOT_REASONS} <= set(CODELISTS["NCOMPLT"].terms)
    assert disposition("progression") == "PROGRESSIVE DISEASE"


def test_serious_names_its_criteria_and_a_non_serious_one_none():
    flags = seriousness(True, ("hospitalisation",))
    assert flags["AESHOSP"] == "Y" and flags["AESDTH"] == "N" and len(flags) == 6
    assert set(seriousness(False, ()).values()) == {None}


def test_responses_as_oncrsr_spells_them():
    assert response("NON_CR_NON_PD") == "NON-CR/NON-PD"
    assert response("PR") == "PR" and response(None) is None


@given(days, days)
def test_there_is_no_study_day_zero_and_days_run_on(day, reference):
    dy = study_day(day, reference)
    assert dy != 0
    assert (dy > 0) == (day >= reference)
    following = study_day(day + timedelta(days=1), reference)
    assert following == (dy + 1 if dy != -1 else 1)


def test_study_day_of_iso_dates_and_none_for_partial_ones():
    assert study_day_of("2026-01-10", "2026-01-10") == 1
    assert study_day_of("2026-01-09", "2026-01-10") == -1
    assert study_day_of("2026-01-12T08:30", "2026-01-10") == 3
    assert study_day_of("2026-01", "2026-01-10") is None
    assert full_date("2026") is None and full_date("") is None


@given(days, days, st.integers(0, 400))
def test_the_epoch_follows_the_doses(day, first, length):
    last = first + timedelta(days=length)
    assert epoch(day, first, last) == (
        "SCREENING" if day < first else "TREATMENT" if day <= last else "FOLLOW-UP")
    assert epoch(day, None, None) == "SCREENING"
    assert epoch(None, first, last) is None


def test_every_code_list_a_dataset_names_is_held_with_its_nci_code():
    from app.rules.sdtm_spec import SPECS

    named = {v.codelist for s in SPECS.values() for v in s.variables if v.codelist}
    assert named <= set(CODELISTS)
    assert all(CODELISTS[n].nci.startswith("C") for n in named if n != "AEREL")


def test_scan_modalities_as_method_terms():
    from app.rules.sdtm_terms import scan_method

    assert [scan_method(m) for m in ("CT", "mri", "PET-CT", None)] == [
        "CT SCAN", "MRI", "PET SCAN", None]
    assert scan_method("CT chest") == "CT CHEST"  # kept, for the check to name
