"""One log of every deviation the rules see, derived from the data, reviewed by the site."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from app.services.adverse_events import save_ae
from app.services.deviation_log import DeviationKind, deviation_log, review_deviation
from app.services.errors import InvalidEntry
from app.services.history import patient_history
from app.services.pk_samples import SampleEntry, save_pk
from app.services.visits import VisitEntry, record_visit
from tests.app.services.conftest import C1D1, FD, TODAY
from tests.app.services.test_adverse_events import _form
from tests.conftest import SITE_ZONE

NOW = datetime(2026, 3, 1, 12, 0)
DOSE = datetime(2026, 1, 5, 8, 0, tzinfo=SITE_ZONE)


@pytest.fixture
def deviating(db, protocol, patient):
    """A patient with one deviation of each kind the data can show."""
    record_visit(db, protocol, patient, "LI", VisitEntry(outcome="done", actual_date=FD), TODAY)
    save_pk(db, protocol, patient, "LI", DOSE, [
        SampleEntry("1h", DOSE + timedelta(minutes=82)),                   # 22 min late
        SampleEntry("2h", None, "cannula blocked")], TODAY)
    record_visit(db, protocol, patient, "C1D1", VisitEntry(outcome="done", actual_date=C1D1),
                 TODAY)
    record_visit(db, protocol, patient, "C1D8",
                 VisitEntry(outcome="missed", missed_reason="patient unwell"), TODAY)
    record_visit(db, protocol, patient, "C2D1", VisitEntry(
        outcome="done", actual_date=date(2026, 2, 6), booking_reason="holiday"), TODAY)
    aware = datetime(2026, 2, 1, 9, 0)
    save_ae(db, protocol, patient, _form(
        meddra_code=None, serious=True, sae_criteria=("hospitalisation",), aware_at=aware,
        reported_at=aware + timedelta(hours=30)), TODAY)
    return patient


def test_every_kind_is_derived_with_its_numbers_in_words(db, deviating):
    log = deviation_log(db, None, NOW)
    kinds = {d.kind for d in log}
    assert {DeviationKind.MISSED, DeviationKind.DOSE_WINDOW, DeviationKind.PK_OUT,
            DeviationKind.PK_MISSING, DeviationKind.SAE_LATE} <= kinds
    late = next(d for d in log if d.key == f"visit:{deviating}:C2D1")
    assert late.kind == DeviationKind.DOSE_WINDOW                     # C2D1 is a dosing visit
    assert late.detail.startswith("done 06-FEB-2026, 1 day after the window")
    assert late.reason == "holiday" and late.status == "new"
    pk_late = next(d for d in log if d.kind == DeviationKind.PK_OUT)
    assert pk_late.what == "LI 1 h" and pk_late.detail.startswith("+22 min")
    missing = next(d for d in log if d.kind == DeviationKind.PK_MISSING)
    assert missing.reason == "cannula blocked"
    sae = next(d for d in log if d.kind == DeviationKind.SAE_LATE)
    assert sae.detail.startswith("reported late")


def test_a_review_is_the_site_s_entry_audited_and_changed_with_a_reason(db, deviating):
    late = next(d for d in deviation_log(db, None, NOW) if d.key.endswith(":C2D1"))
    with pytest.raises(InvalidEntry) as info:
        review_deviation(db, late, True, "Not a category", None)
    assert info.value.field == "category" and "Visit schedule" in info.value.message
    review_deviation(db, late, True, "Visit schedule", "dose one day late, sponsor told")
    reviewed = next(d for d in deviation_log(db, None, NOW) if d.key == late.key)
    assert (reviewed.status, reviewed.important, reviewed.category, reviewed.comment) == (
        "reviewed", True, "Visit schedule", "dose one day late, sponsor told")
    with pytest.raises(InvalidEntry) as info:
        review_deviation(db, reviewed, False, "Visit schedule", "not important after all")
    assert info.value.field == "reason"
    review_deviation(db, reviewed, False, "Visit schedule", "not important after all",
                     reason="sponsor's guidance")
    again = next(d for d in deviation_log(db, None, NOW) if d.key == late.key)
    assert again.important is False
    assert deviation_log(db, 1, NOW) and deviation_log(db, 1, NOW)[0].study == "IMP7068-101"
    assert patient_history(db, deviating)  # the patient's trail is untouched by reviews
