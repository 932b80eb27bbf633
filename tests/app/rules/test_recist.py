"""RECIST 1.1: the response tables row by row, exact arithmetic, confirmation conventions."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.rules.recist import (
    CR,
    NA,
    NE,
    NON_CR_NON_PD,
    PD,
    PR,
    SD,
    Assessment,
    NonTargetLesion,
    RecistError,
    TargetLesion,
    best_overall_response,
    evaluate,
    mm,
    overall_response,
    target_response,
)

C1D1 = date(2026, 1, 12)
BASE = date(2026, 1, 5)
D = timedelta(days=1)


def tl(id_, size, organ="liver", nodal=False, **kw) -> TargetLesion:
    return TargetLesion(id_, organ, nodal, None if size is None else mm(size), **kw)


def baseline(*targets, non_targets=()) -> Assessment:
    return Assessment(BASE, True, tuple(targets), tuple(non_targets))


def scan(day, *targets, non_targets=(), new=False) -> Assessment:
    return Assessment(C1D1 + day * D, False, tuple(targets), tuple(non_targets), new)


def run(*assessments, confirm=28, sd=42):
    return evaluate(list(assessments), C1D1, confirm, sd)


# --- exact arithmetic ------------------------------------------------------------------------

def test_exactly_minus_30_percent_is_a_partial_response():
    # 23.1 against 33.0 is exactly -30 %; in binary floating point it is -29.999...
    assert (23.1 - 33.0) / 33.0 > -0.30  # the trap
    result = run(baseline(tl("T1", 33.0)), scan(42, tl("T1", 23.1)))
    assert result.timepoints[0].target == PR
    assert result.timepoints[0].change_from_baseline_pct == Decimal(-30)
    assert run(baseline(tl("T1", 33.0)), scan(42, tl("T1", 23.2))).timepoints[0].target == SD


def test_plus_20_percent_from_nadir_needs_5_mm_too():
    base = baseline(tl("T1", 20.0))
    # nadir 20 -> 24 is +20 % but only +4 mm: not PD
    assert run(base, scan(42, tl("T1", 24.0))).timepoints[0].target == SD
    # nadir 25 (baseline) -> 30: +20 % and +5 mm: PD
    assert run(baseline(tl("T1", 25.0)), scan(42, tl("T1", 30.0))).timepoints[0].target == PD
    # from a nadir reached on study, not from baseline
    r = run(baseline(tl("T1", 50.0)), scan(42, tl("T1", 30.0)), scan(84, tl("T1", 36.0)))
    assert [t.target for t in r.timepoints] == [PR, PD]
    assert r.timepoints[1].change_from_nadir_pct == Decimal(20)


def test_nodal_complete_response_with_a_non_zero_sum():
    base = baseline(tl("T1", 20.0, organ="liver"), tl("N1", 18.0, organ="neck node", nodal=True))
    r = run(base, scan(42, tl("T1", 0), tl("N1", 8.0)))
    assert r.timepoints[0].target == CR and r.timepoints[0].sum_mm == Decimal("8.0")
    assert run(base, scan(42, tl("T1", 0), tl("N1", 10.0))).timepoints[0].target == PR


def test_too_small_counts_5_mm_and_not_assessed_is_ne():
    base = baseline(tl("T1", 40.0), tl("T2", 20.0, organ="lung"))
    r = run(base, scan(42, tl("T1", 30.0), tl("T2", None, too_small=True)))
    assert r.timepoints[0].sum_mm == Decimal(35)
    r = run(base, scan(42, tl("T1", 30.0), tl("T2", None, not_assessed=True)))
    assert (r.timepoints[0].target, r.timepoints[0].overall) == (NE, NE)
    # PD is certain even with a lesion missing when the measured ones already show it
    r = run(base, scan(42, tl("T1", 80.0), tl("T2", None, not_assessed=True)))
    assert r.timepoints[0].target == PD


# --- the tables row by row -------------------------------------------------------------------

@pytest.mark.parametrize(("target", "non_target", "new", "overall"), [
    (CR, CR, False, CR), (CR, NA, False, CR), (CR, NON_CR_NON_PD, False, PR), (CR, NE, False, PR),
    (PR, NON_CR_NON_PD, False, PR), (PR, NE, False, PR), (PR, CR, False, PR),
    (SD, NON_CR_NON_PD, False, SD), (SD, NE, False, SD), (NE, NON_CR_NON_PD, False, NE),
    (PD, CR, False, PD), (CR, PD, False, PD), (SD, NON_CR_NON_PD, True, PD),
    (None, CR, False, CR), (None, NON_CR_NON_PD, False, SD), (None, NE, False, NE),
    (None, PD, False, PD), (None, CR, True, PD),
])
def test_overall_response_table(target, non_target, new, overall):
    assert overall_response(target, non_target, new) == overall


def test_non_target_responses():
    base = baseline(tl("T1", 40.0), non_targets=[NonTargetLesion("NT1", "bone")])
    nt = lambda **kw: [NonTargetLesion("NT1", "bone", **kw)]  # noqa: E731
    assert run(base, scan(42, tl("T1", 40.0), non_targets=nt(status="absent"))
               ).timepoints[0].non_target == CR
    assert run(base, scan(42, tl("T1", 40.0), non_targets=nt(status="progression"))
               ).timepoints[0].overall == PD
    assert run(base, scan(42, tl("T1", 40.0), non_targets=nt(status="not_assessed"))
               ).timepoints[0].non_target == NE
    node = [NonTargetLesion("NT1", "node", True, "present", mm(9.5))]
    assert run(base, scan(42, tl("T1", 0), non_targets=node)).timepoints[0].overall == CR
    assert run(baseline(tl("T1", 40.0)), scan(42, tl("T1", 40.0))).timepoints[0].non_target == NA


def test_target_response_function_directly():
    base = {"T1": tl("T1", 40.0)}
    assert target_response({"T1": tl("T1", 0)}, base, mm(40), mm(40)) == (CR, mm(0))


# --- best overall response -------------------------------------------------------------------

def bor(*points, confirm=28, sd=42):
    return best_overall_response([(C1D1 + d * D, r) for d, r in points], C1D1, confirm,
                                 sd).response


def test_confirmation_conventions():
    assert bor((42, PR), (70, PR)) == PR                  # 28 days later: confirmed
    assert bor((42, PR), (69, PR)) == SD                  # 27 days: not confirmed, SD >= 42
    assert bor((42, CR), (70, CR)) == CR
    assert bor((42, CR), (70, PR)) == PR                  # a CR is confirmed only by a CR
    assert bor((42, PR), (56, NE), (84, PR)) == PR        # one NE between may stand
    assert bor((42, PR), (56, NE), (63, NE), (84, PR)) == SD  # two do not
    assert bor((42, PR), (56, SD), (84, PR)) == SD        # an SD between breaks it
    assert bor((42, PR), (84, PD), (126, PR)) == SD       # nothing after the first PD counts


def test_early_sd_before_day_42():
    assert bor((35, SD)) == NE
    assert bor((35, SD), (77, PD)) == PD
    assert bor((42, SD)) == SD
    assert bor((30, PR), (50, PD)) == PD                   # unconfirmed PR before day 42, then PD
    assert bor((30, PR), (45, SD), (60, PD)) == SD         # an SD on day 45 counts


def test_no_assessment_after_baseline_is_ne():
    assert run(baseline(tl("T1", 40.0))).best_overall_response == NE
    assert evaluate([], C1D1, 28, 42).best_overall_response == NE


def test_first_progression_date():
    r = run(baseline(tl("T1", 40.0)), scan(42, tl("T1", 40.0)), scan(84, tl("T1", 60.0)),
            scan(126, tl("T1", 20.0)))
    assert r.first_progression_date == C1D1 + 84 * D and r.best_overall_response == SD


def test_investigator_overall_responses_only():
    points = [Assessment(C1D1 + 42 * D, overall=PR), Assessment(C1D1 + 84 * D, overall=PR)]
    assert evaluate(points, C1D1, 28, 42).best_overall_response == PR


# --- bad input -------------------------------------------------------------------------------

@pytest.mark.parametrize(("assessments", "message"), [
    ([baseline(*[tl(f"T{i}", 20.0, organ=f"o{i}") for i in range(6)])], "at most 5"),
    ([baseline(tl("T1", 20.0), tl("T2", 20.0), tl("T3", 20.0))], "3 target lesions in liver"),
    ([baseline(tl("N1", 12.0, organ="node", nodal=True))], "N1 is a lymph node of 12.0 mm"),
    ([baseline(tl("T1", 8.0))], "T1 is 8.0 mm"),
    ([baseline(tl("T1", 20.0)), scan(42, tl("T1", 20.0), tl("T9", 15.0, organ="lung"))],
     "T9 .* was not a target lesion at baseline"),
    ([baseline(tl("T1", 20.0)), Assessment(BASE - D, False, (tl("T1", 20.0),))],
     "before the baseline"),
    ([baseline(tl("T1", 20.0)), scan(42, tl("T1", 20.0)), scan(42, tl("T1", 21.0))],
     "two scans on 23-FEB-2026"),
])
def test_rule_breaking_scans_name_the_lesion_or_date(assessments, message):
    with pytest.raises(RecistError, match=message):
        evaluate(assessments, C1D1, 28, 42)


# --- a property ------------------------------------------------------------------------------

RANK = {CR: 4, PR: 3, SD: 2, PD: 1, NE: 0}


@given(st.lists(st.tuples(st.integers(1, 500), st.sampled_from([CR, PR, SD, PD, NE])),
                max_size=10, unique_by=lambda p: p[0]))
def test_best_response_is_never_better_than_the_best_timepoint(points):
    best = bor(*points)
    counted = sorted(points)
    first_pd = next((d for d, r in counted if r == PD), None)
    counted = [r for d, r in counted if first_pd is None or d <= first_pd]
    assert RANK[best] <= max((RANK[r] for r in counted), default=0)
