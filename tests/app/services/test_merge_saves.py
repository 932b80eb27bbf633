"""Two users saving one patient's details from the same copy, through the service, on both
backends: whatever each changed, the second is told of the first's save (naming its user),
and once told, saving again keeps the first's changes to the fields the second left alone."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.services.errors import EditConflict
from app.services.patients import patient_page, update_patient
from tests.app.services.conftest import TODAY

CHOICES = {"initials": ["AB", "CDE", "XY-Z"], "year_of_birth": [None, 1950, 1961, 1978],
           "sex": [None, "F", "M", "U"]}


#: some of the fields, each given a value (the draws never depend on the stored record)
edits = st.fixed_dictionaries({}, optional={f: st.sampled_from(v) for f, v in CHOICES.items()})


def _changes(drawn: dict[str, object], base: object) -> dict[str, object]:
    """The drawn values other than the copy's: what a user really changed."""
    return {f: v for f, v in drawn.items() if v != getattr(base, f)}


@settings(max_examples=max(5, settings.default.max_examples // 10),
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_the_second_save_is_told_and_keeps_what_it_left_alone(db, protocol, patient, data):
    page = patient_page(db, protocol, patient, TODAY)   # both dialogs read this copy
    base, version = page.form, page.version
    theirs = _changes(data.draw(edits, label="nurse_b"), base)
    mine = _changes(data.draw(edits, label="nurse_a"), base)
    db.actor = "nurse_b"
    if theirs:
        update_patient(db, protocol, patient, replace(base, **theirs), TODAY, reason="b",
                       base=base, version=version)
    db.actor = "nurse_a"
    if theirs:
        with pytest.raises(EditConflict) as info:
            update_patient(db, protocol, patient, replace(base, **mine), TODAY, reason="a",
                           base=base, version=version)
        assert "nurse_b changed" in info.value.message
        version = info.value.current_version
    update_patient(db, protocol, patient, replace(base, **mine), TODAY, reason="a",
                   base=base, version=version)
    now = patient_page(db, protocol, patient, TODAY).form
    for field in CHOICES:
        expected = mine.get(field, theirs.get(field, getattr(base, field)))
        assert getattr(now, field) == expected, field
