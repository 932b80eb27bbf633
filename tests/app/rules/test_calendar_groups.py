"""Which heading a visit sits under on the patient's calendar (pure), and the PK flag."""

from __future__ import annotations

from datetime import date, timedelta

from app.rules.calendar_groups import (
    FOLLOW_UP_HEADING,
    SCREENING_HEADING,
    cycle_starts,
    heading_of,
)
from app.rules.pk import SampleFlag, sample_flag
from app.rules.protocol import default_protocol

P = default_protocol()
D = timedelta(days=1)
C1, C2 = date(2026, 1, 12), date(2026, 2, 2)
STARTS = cycle_starts(P, [("C1D1", 1, C1, False), ("C1D8", 1, C1 + 7 * D, False),
                          ("C2D1", 2, C2, False), ("C3D1", 3, C2 + 21 * D, True)])


def test_cycle_starts_are_the_day_1s_not_cancelled():
    assert STARTS == [(C1, 1), (C2, 2)]


def test_a_visit_between_cycles_sits_in_the_cycle_its_date_falls_in():
    assert heading_of(P, "UNS1", None, C1 - D, STARTS) == SCREENING_HEADING   # the day before
    assert heading_of(P, "UNS1", None, C1, STARTS) == "Cycle 1"              # the day of C1D1
    assert heading_of(P, "UNS1", None, C2 - D, STARTS) == "Cycle 1"
    assert heading_of(P, "UNS1", None, C2, STARTS) == "Cycle 2"


def test_cycle_visits_and_follow_up():
    assert heading_of(P, "C2D8", 2, C2 + 7 * D, STARTS) == "Cycle 2"
    assert heading_of(P, "SURV1", None, C2 + 200 * D, STARTS) == FOLLOW_UP_HEADING


def test_the_pk_flag():
    assert sample_flag(True, False, True) is SampleFlag.WITHIN
    assert sample_flag(True, False, False) is SampleFlag.OUT
    assert sample_flag(False, True, None) is SampleFlag.NOT_COLLECTED
    assert sample_flag(False, False, None) is SampleFlag.NONE
    assert [f.needs_review for f in SampleFlag] == [False, False, True, True]
