"""The efficacy window, confirmation notes, non-targets against the baseline, the baseline
date: the study's rules at their edges (the day before, the day of, the day after)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.rules.efficacy import baseline_problem, efficacy_window
from app.rules.recist import (
    NE,
    PD,
    PR,
    Assessment,
    NonTargetLesion,
    RecistError,
    evaluate,
    non_target_response,
)

C1D1 = date(2026, 1, 12)
FIRST = C1D1 - timedelta(days=7)
D = timedelta(days=1)
LAST = C1D1 + 100 * D


def overall(day, response) -> Assessment:
    return Assessment(C1D1 + day * D, overall=response)


@pytest.mark.parametrize(("offset", "counts"), [(29, True), (30, True), (31, False)])
def test_efficacy_window_ends_at_last_dose_plus_30_days(offset, counts):
    window = efficacy_window(C1D1, LAST, None, 30)
    assert (window.why_not(LAST + offset * D) is None) is counts


@pytest.mark.parametrize(("offset", "counts"), [(-1, True), (0, True), (1, False)])
def test_nothing_counts_after_a_new_anticancer_therapy(offset, counts):
    therapy = C1D1 + 80 * D
    window = efficacy_window(C1D1, None, therapy, 30)
    why = window.why_not(therapy + offset * D)
    assert (why is None) is counts
    if not counts:
        assert why == "after the new anticancer therapy of 02-APR-2026"


def test_before_day_1_does_not_count():
    window = efficacy_window(C1D1, None, None, 30)
    assert window.why_not(C1D1 - D) == "before Day 1 (12-JAN-2026)"
    assert window.why_not(C1D1) is None


def test_a_scan_after_the_window_neither_confirms_nor_ends_the_best_response():
    window = efficacy_window(C1D1, C1D1 + 50 * D, None, 30)
    ev = evaluate([overall(42, PR), overall(84, PR)], C1D1, 28, 42, window)
    assert ev.best_overall_response == "SD"  # the PR of day 84 is 34 days after the last dose
    assert not ev.timepoints[1].counts
    ev = evaluate([overall(42, PR), overall(70, PR)], C1D1, 28, 42, window)
    assert ev.best_overall_response == PR and ev.response_start == C1D1 + 42 * D


def test_confirmation_notes_say_where_a_response_stands():
    ev = evaluate([overall(42, PR)], C1D1, 28, 42)
    assert ev.timepoints[0].note == ("PR awaiting confirmation: a confirming scan counts from "
                                     "23-MAR-2026")
    ev = evaluate([overall(42, PR), overall(69, PR)], C1D1, 28, 42)  # 27 days: too early
    assert ev.timepoints[0].note.startswith("PR awaiting confirmation")
    ev = evaluate([overall(42, PR), overall(70, PR)], C1D1, 28, 42)  # 28 days: confirmed
    assert ev.timepoints[0].note == "PR confirmed by the scan of 23-MAR-2026"
    ev = evaluate([overall(42, PR), overall(84, "SD"), overall(126, PR)], C1D1, 28, 42)
    assert ev.timepoints[0].note == "PR not confirmed"


def test_every_baseline_non_target_is_assessed():
    seen = (NonTargetLesion("NT1", status="present"),)
    assert non_target_response(seen, {"NT1", "NT2"}) == NE
    assert non_target_response(seen, {"NT1"}) == "NON_CR_NON_PD"
    progressing = (NonTargetLesion("NT1", status="progression"),)
    assert non_target_response(progressing, {"NT1", "NT2"}) == PD  # unequivocal progression


def test_a_non_target_that_was_not_at_baseline_is_refused_as_a_new_lesion():
    base = Assessment(FIRST - 5 * D, baseline=True,
                      non_targets=(NonTargetLesion("NT1", "bone"),))
    later = Assessment(C1D1 + 42 * D, non_targets=(NonTargetLesion("NT1"),
                                                   NonTargetLesion("NT2")))
    with pytest.raises(RecistError, match="NT2 on 23-FEB-2026 was not a non-target"):
        evaluate([base, later], C1D1, 28, 42)


@pytest.mark.parametrize(("days_before", "ok"), [(-1, False), (0, True), (28, True),
                                                  (29, False)])
def test_baseline_on_or_before_the_first_dose_and_at_most_28_days_before(days_before, ok):
    assert (baseline_problem(FIRST - days_before * D, FIRST, 28) is None) is ok
    assert baseline_problem(FIRST + 10 * D, None, 28) is None  # not dosed yet: no rule
