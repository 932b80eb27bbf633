"""Endpoints per patient: events and censoring at the right dates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.rules.endpoints import FollowUp, patient_endpoints, rates
from app.rules.recist import CR, NE, PD, PR, SD, Evaluation, Timepoint, best_overall_response

FIRST = date(2026, 1, 5)
D = timedelta(days=1)


C1D1 = FIRST + 7 * D
#: the scheduled scans' windows: TA1.. every 42 days from C1D1, +/- 7 days
SCANS = [(C1D1 + (42 * k - 7) * D, C1D1 + (42 * k + 7) * D) for k in range(1, 9)]


def ev(points, bor=None, pd=None) -> Evaluation:
    """An evaluation of (day from the first dose, response) timepoints; the best response
    computed by the study's rules unless given."""
    tps = tuple(Timepoint(FIRST + d * D, None, None, None, None, None, r) for d, r in points)
    best = best_overall_response([(t.date, t.overall) for t in tps], C1D1, 28, 42)
    return Evaluation(tps, bor or best.response, pd or best.first_progression,
                      best.confirmed_on, best.start)


def endpoints(e, death=None, alive=None, new_therapy=None, scans=()):
    return patient_endpoints(e, FollowUp(FIRST, death, new_therapy,
                                         [alive] if alive else [], scans))


def test_progression_is_the_pfs_event_and_ends_the_response():
    e = ev([(49, PR), (91, PR), (133, PD)], PR, FIRST + 133 * D)
    p = endpoints(e, alive=FIRST + 200 * D)
    assert p.objective_response and p.disease_control
    assert (p.pfs.event, p.pfs.days) == (True, 134)
    assert (p.dor.start, p.dor.end, p.dor.event) == (FIRST + 49 * D, FIRST + 133 * D, True)
    assert (p.os.event, p.os.end) == (False, FIRST + 200 * D)


def test_censored_at_the_last_adequate_assessment():
    e = ev([(49, SD), (91, SD), (133, NE)], SD)
    p = endpoints(e)
    assert (p.pfs.event, p.pfs.end) == (False, FIRST + 91 * D)
    assert p.dor is None and p.disease_control and not p.objective_response


def test_death_without_progression_is_a_pfs_event():
    e = ev([(49, SD)], SD)
    death = FIRST + 70 * D
    p = endpoints(e, death)
    assert (p.pfs.event, p.pfs.end) == (True, death)
    assert (p.os.event, p.os.days) == (True, 71)


def test_no_assessment_is_censored_at_day_one():
    p = endpoints(ev([], NE))
    assert (p.pfs.days, p.pfs.event, p.best_overall_response) == (1, False, NE)


def test_rates():
    cr = endpoints(ev([(49, CR), (91, CR)], CR))
    sd = endpoints(ev([(49, SD)], SD))
    ne = endpoints(ev([], NE))
    orr, dcr = rates([cr, sd, ne])
    assert (orr.count, orr.total, dcr.count) == (1, 3, 2)
    assert str(orr) == "1/3 (33.3 %)"


# --- PFS censoring (FDA 2018) ------------------------------------------------------------

def test_pfs_without_adequate_assessment_nor_death_is_censored_at_the_first_dose():
    p = endpoints(ev([(49, NE)]), alive=FIRST + 80 * D)
    assert (p.pfs.end, p.pfs.event) == (FIRST, False)
    assert "no adequate assessment" in p.pfs.why


def test_a_baseline_only_is_censored_at_the_first_dose_until_the_first_scan():
    """Three weeks in, a baseline and nothing after it: censored at day 1 and said so (it
    changes at the first scan); a first scan that is NE is a failed assessment instead; a
    first scan that counts moves the censoring to it; a death is an event all the same."""
    from app.rules.endpoints import NO_ADEQUATE, NO_ASSESSMENT_YET

    waiting = endpoints(ev([], NE), alive=FIRST + 21 * D)
    assert (waiting.pfs.end, waiting.pfs.days, waiting.pfs.event, waiting.pfs.why) == (
        FIRST, 1, False, NO_ASSESSMENT_YET)
    assert waiting.best_overall_response == NE and waiting.dor is None
    assert endpoints(ev([(42, NE)]), alive=FIRST + 43 * D).pfs.why == NO_ADEQUATE
    first_scan = endpoints(ev([(42, SD)]))
    assert (first_scan.pfs.end, first_scan.pfs.why) == (FIRST + 42 * D,
                                                       "censored at the last adequate assessment")
    died = endpoints(ev([], NE), death=FIRST + 20 * D)
    assert (died.pfs.event, died.pfs.end) == (True, FIRST + 20 * D)


def test_pd_after_two_missed_assessments_is_censored_at_the_last_adequate_one():
    # TA1 (day 49) done SD; TA2 and TA3 missed; PD at TA4 (day 175)
    p = endpoints(ev([(49, SD), (175, PD)]), scans=SCANS)
    assert (p.pfs.end, p.pfs.event) == (FIRST + 49 * D, False)
    assert "after 2 missed assessments" in p.pfs.why


def test_the_all_events_figure_counts_what_the_fda_rule_censored():
    censored = endpoints(ev([(49, SD), (175, PD)]), scans=SCANS)
    assert censored.censored_for_missed_scans
    assert censored.pfs_all_events is not None
    assert (censored.pfs_all_events.end, censored.pfs_all_events.event) == (FIRST + 175 * D,
                                                                            True)
    counted = endpoints(ev([(49, SD), (133, PD)]), scans=SCANS)
    assert not counted.censored_for_missed_scans and counted.pfs_all_events == counted.pfs
    dead = endpoints(ev([]), death=FIRST + 150 * D, scans=SCANS)
    assert dead.censored_for_missed_scans and dead.pfs_all_events.end == FIRST + 150 * D


def test_the_convention_is_said_with_its_count():
    from app.rules.endpoints import pfs_convention

    said = pfs_convention(2, 3)
    assert str(said) == ("PFS by FDA 2018: 3 deaths/progressions censored after 2 or more "
                         "missed scans")
    assert said.values == {"censored": 3, "missed_limit": 2}


def test_pd_after_one_missed_assessment_is_an_event():
    p = endpoints(ev([(49, SD), (133, PD)]), scans=SCANS)
    assert (p.pfs.end, p.pfs.event) == (FIRST + 133 * D, True)


def test_death_before_the_first_assessment_is_an_event():
    p = endpoints(ev([]), death=FIRST + 30 * D, scans=SCANS)
    assert (p.pfs.end, p.pfs.event, p.pfs.why) == (FIRST + 30 * D, True, "death")


def test_death_after_two_missed_assessments_with_no_scan_is_censored_at_the_first_dose():
    p = endpoints(ev([]), death=FIRST + 150 * D, scans=SCANS)
    assert (p.pfs.end, p.pfs.event) == (FIRST, False)
    assert p.os.event  # OS still counts the death


@pytest.mark.parametrize(("pd_day", "event"), [(99, True), (100, True), (101, False)])
def test_new_therapy_before_pd_censors_pfs_day_before_day_of_day_after(pd_day, event):
    """New therapy on day 100: a PD that day or before is the event; after it, PFS is
    censored at the last adequate assessment before the therapy."""
    p = endpoints(ev([(49, SD), (pd_day, PD)]), new_therapy=FIRST + 100 * D)
    assert p.pfs.event is event
    assert p.pfs.end == (FIRST + pd_day * D if event else FIRST + 49 * D)


def test_death_after_a_new_therapy_without_pd_is_censored():
    p = endpoints(ev([(49, SD)]), death=FIRST + 200 * D, new_therapy=FIRST + 100 * D)
    assert (p.pfs.end, p.pfs.event) == (FIRST + 49 * D, False)


# --- DOR and OS ---------------------------------------------------------------------------

def test_dor_starts_at_the_first_cr_or_pr_of_the_confirmed_response():
    # an unconfirmed PR (broken by SD), then a PR confirmed 6 weeks later
    e = ev([(49, PR), (91, SD), (133, PR), (175, PR), (217, PD)])
    assert e.best_overall_response == PR
    p = endpoints(e)
    assert (p.dor.start, p.dor.end, p.dor.event) == (FIRST + 133 * D, FIRST + 217 * D, True)



@pytest.mark.parametrize("confirm_day", [160, 161, 162])  # the CR confirmed from day 161
def test_dor_of_a_pr_later_confirmed_as_cr_starts_at_the_pr(confirm_day):
    # RECIST 1.1 (4.4): DOR starts when the PR criteria were first met, not at the CR
    e = ev([(49, PR), (133, CR), (confirm_day, CR), (217, PD)])
    assert e.best_overall_response == (CR if confirm_day >= 161 else PR)
    p = endpoints(e)
    assert (p.dor.start, p.dor.end, p.dor.event) == (FIRST + 49 * D, FIRST + 217 * D, True)


def test_the_response_episode_runs_back_through_one_ne_not_two_nor_an_sd():
    assert endpoints(ev([(49, PR), (91, NE), (133, CR), (175, CR)])).dor.start == FIRST + 49 * D
    two = ev([(7, PR), (49, NE), (91, NE), (133, CR), (175, CR)])
    assert endpoints(two).dor.start == FIRST + 133 * D
    broken = ev([(49, PR), (91, SD), (133, CR), (175, CR)])
    assert endpoints(broken).dor.start == FIRST + 133 * D

def test_os_known_alive_counts_an_ne_scan_but_not_a_lost_contact():
    e = ev([(49, SD), (300, NE)])
    p = endpoints(e, alive=FIRST + 250 * D)
    assert (p.os.end, p.os.event) == (FIRST + 300 * D, False)
