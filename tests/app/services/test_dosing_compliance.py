"""Compliance after a dose reduction in the middle of a cycle, on SQLite and PostgreSQL: the
tablets counted back are doses at the level in force on each day, so a patient who took
every dose reads 21 of 21 (and stays DLT-evaluable), whether the reduction starts the day
before, the day of or the day after a given day of the cycle."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.rules.dosing import Evaluable, Modification
from app.services.dosing import SupplyForm, dosing_page, save_modification, save_supply
from app.services.escalation_view import escalation_view
from app.services.studies import DEFAULT_STUDY
from tests.app.services.conftest import C1D1, TODAY

D = timedelta(days=1)
DL1, DL_1 = 2, 1  # tablets a dose: 50 mg and 25 mg, of 25 mg tablets


def tablets_for_all_doses(reduced_from_day: int) -> int:
    """Cycle 1's 21 doses: DL1 before cycle day `reduced_from_day`, DL-1 from it."""
    return sum(DL1 if day < reduced_from_day else DL_1 for day in range(1, 22))


@pytest.mark.parametrize("reduced_from_day", [10, 11, 12])  # the day before, of, after
def test_every_dose_taken_across_a_mid_cycle_reduction_is_full_compliance(
        db, protocol, dosed, reduced_from_day):
    start = C1D1 + (reduced_from_day - 1) * D
    save_modification(db, dosed, Modification("reduction", start, to_level="DL-1",
                                              reason="grade 3 fatigue"), TODAY)
    used = tablets_for_all_doses(reduced_from_day)
    save_supply(db, dosed, SupplyForm(1, C1D1, "L1", 42, C1D1 + 21 * D, 42 - used), TODAY)
    c1 = dosing_page(db, dosed, TODAY).compliance[0]
    assert (c1.taken, c1.planned, c1.percent) == (21, 21, 100.0)
    patient = escalation_view(db, DEFAULT_STUDY, TODAY).levels[0].patients[0]
    assert patient.evaluability.status is Evaluable.YES
    assert "21 of 21" in patient.evaluability.why


def test_a_dose_missed_after_the_reduction_counts_one_dose_not_two(db, protocol, dosed):
    save_modification(db, dosed, Modification("reduction", C1D1 + 10 * D, to_level="DL-1",
                                              reason="grade 3 fatigue"), TODAY)
    used = tablets_for_all_doses(11) - DL_1  # one 25 mg dose missed, 1 tablet back
    save_supply(db, dosed, SupplyForm(1, C1D1, "L1", 42, C1D1 + 21 * D, 42 - used), TODAY)
    c1 = dosing_page(db, dosed, TODAY).compliance[0]
    assert (c1.taken, c1.planned) == (20, 21)


def test_a_reduction_the_day_after_the_cycle_ends_leaves_it_at_the_starting_level(
        db, protocol, dosed):
    save_modification(db, dosed, Modification("reduction", C1D1 + 21 * D, to_level="DL-1",
                                              reason="grade 3 fatigue"), TODAY)
    save_supply(db, dosed, SupplyForm(1, C1D1, "L1", 42, C1D1 + 21 * D, 0), TODAY)
    save_supply(db, dosed, SupplyForm(2, C1D1 + 21 * D, "L2", 42, C1D1 + 42 * D, 21), TODAY)
    c1, c2 = dosing_page(db, dosed, TODAY).compliance
    assert (c1.taken, c1.planned) == (21, 21)  # 42 tablets at 2 a dose
    assert (c2.taken, c2.planned) == (21, 21)  # 21 tablets at 1 a dose
