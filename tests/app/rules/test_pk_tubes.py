"""A corrected dose time against the tubes that count from it, without a database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import InvalidEntry
from app.rules.pk_tubes import check_dependent_tubes
from app.rules.protocol import default_protocol

P = default_protocol()
DOSE = datetime(2026, 1, 10, 8, 0, tzinfo=UTC)
H = timedelta(hours=1)


def test_tubes_of_the_dose_need_its_time_first():
    with pytest.raises(InvalidEntry) as info:
        check_dependent_tubes(P, [("C1D1", "1h", DOSE + H)], "C1D1", "C1D1", None)
    assert (info.value.field, info.value.message) == (
        "dose_at", "Give the C1D1 dose time first: the samples count from it")
    # another visit's tubes, a tube not collected, another dose's: not this save's to refuse
    check_dependent_tubes(P, [("C1D2", "24h", DOSE + 24 * H), ("C1D1", "2h", None),
                              ("LI", "1h", DOSE + H)], "C1D1", "C1D1", None)
    check_dependent_tubes(P, [("C1D1", "1h", DOSE + H), ("C1D2", "24h", DOSE + 24 * H)],
                          "C1D1", "C1D1", DOSE)  # on time


@given(st.integers(-120, 120))
def test_a_post_dose_tube_before_the_corrected_dose_is_refused_on_its_field(minutes):
    collected = DOSE + H
    reference = DOSE + timedelta(minutes=minutes)
    if collected < reference:
        with pytest.raises(InvalidEntry) as info:
            check_dependent_tubes(P, [("C1D1", "1h", collected)], "C1D1", "C1D1", reference)
        assert info.value.field == "sample:1h"
        with pytest.raises(InvalidEntry) as later:  # a later day's tube: on the dose time
            check_dependent_tubes(P, [("C1D2", "24h", reference - H)], "C1D1", "C1D1",
                                  reference)
        assert later.value.field == "dose_at"
