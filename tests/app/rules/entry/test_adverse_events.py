"""AE entry rules, pure: onset against consent and today, grade spells, SAE facts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from app.errors import InvalidEntry
from app.rules.ctcae import CtcaeEntry
from app.rules.entry.adverse_events import AeForm, check_ae
from app.rules.safety import GradeSpell

TODAY = date(2026, 3, 2)
CONSENT = date(2026, 1, 1)
ONSET = date(2026, 2, 1)
D = timedelta(days=1)
ALOPECIA = CtcaeEntry("10001760", "Alopecia", "Skin and subcutaneous tissue disorders",
                      "Hair loss <50%", "Hair loss >=50%", None, None, None, None, None)
OK = AeForm(verbatim="hair thinning", onset_date=ONSET, grades=[GradeSpell(1, ONSET)])


def _field(form: AeForm, entry: CtcaeEntry | None = None) -> str:
    with pytest.raises(InvalidEntry) as info:
        check_ae(form, entry, TODAY, CONSENT, "5.0")
    return info.value.field


def test_onset_from_consent_to_today():
    check_ae(replace(OK, onset_date=CONSENT, grades=[GradeSpell(1, CONSENT)]), None, TODAY,
             CONSENT, "5.0")
    assert _field(replace(OK, onset_date=CONSENT - D)) == "onset_date"   # medical history
    assert _field(replace(OK, onset_date=TODAY + D)) == "onset_date"


def test_only_the_grades_the_term_has():
    check_ae(replace(OK, grades=[GradeSpell(2, ONSET)]), ALOPECIA, TODAY, CONSENT, "5.0")
    assert _field(replace(OK, grades=[GradeSpell(3, ONSET)]), ALOPECIA) == "grades"
    assert _field(replace(OK, grades=[GradeSpell(6, ONSET)])) == "grades"


def test_grade_spells_follow_one_another_from_the_onset():
    closed = [GradeSpell(1, ONSET, ONSET + 2 * D), GradeSpell(2, ONSET + 2 * D)]
    check_ae(replace(OK, grades=closed), None, TODAY, CONSENT, "5.0")             # touching
    assert _field(replace(OK, grades=[GradeSpell(1, ONSET - D)])) == "grades"
    assert _field(replace(OK, grades=[GradeSpell(1, ONSET), GradeSpell(2, ONSET + D)])) \
        == "grades"                                                              # not closed
    overlap = [GradeSpell(1, ONSET, ONSET + 3 * D), GradeSpell(2, ONSET + 2 * D)]
    assert _field(replace(OK, grades=overlap)) == "grades"
    assert _field(replace(OK, grades=[])) == "grades"


def test_a_grade_starting_on_or_before_the_one_before_it_is_refused_in_words():
    first = GradeSpell(1, ONSET + D, ONSET + D)
    for start in (ONSET + D, ONSET):                          # the same day, the day before
        with pytest.raises(InvalidEntry, match="must start after the grade before it"):
            check_ae(replace(OK, grades=[first, GradeSpell(2, start)]), None, TODAY, CONSENT,
                     "5.0")
    check_ae(replace(OK, grades=[first, GradeSpell(2, ONSET + 2 * D)]), None, TODAY,
             CONSENT, "5.0")                                  # the day after


def test_a_serious_ae_needs_criteria_and_the_moment_the_site_knew():
    aware = datetime(2026, 2, 2, 9, 0)
    serious = replace(OK, serious=True, sae_criteria=("hospitalisation",), aware_at=aware)
    check_ae(serious, None, TODAY, CONSENT, "5.0")
    assert _field(replace(serious, sae_criteria=())) == "sae_criteria"
    assert _field(replace(serious, aware_at=None)) == "aware_at"
    assert _field(replace(serious, reported_at=aware - timedelta(minutes=1))) == "reported_at"
    check_ae(replace(serious, reported_at=aware), None, TODAY, CONSENT, "5.0")   # the edge


def test_grade_5_is_fatal():
    fatal = replace(OK, grades=[GradeSpell(5, ONSET)])
    assert _field(replace(fatal, outcome="recovered")) == "outcome"
    check_ae(replace(fatal, outcome="fatal"), None, TODAY, CONSENT, "5.0")


def test_other_specify_terms_need_the_text():
    other = CtcaeEntry("10029883", "Gastrointestinal disorders - Other, specify",
                       "Gastrointestinal disorders", "Mild", "Moderate", "Severe",
                       "Life-threatening", "Death", None, None)
    assert _field(OK, other) == "other_specify"
    check_ae(replace(OK, other_specify="bloating"), other, TODAY, CONSENT, "5.0")
