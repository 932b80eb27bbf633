"""Endpoints per patient: events and censoring at the right dates."""

from __future__ import annotations

from datetime import date, timedelta

from app.endpoints import patient_endpoints, rates
from app.recist import CR, NE, PD, PR, SD, Evaluation, Timepoint

FIRST = date(2026, 1, 5)
D = timedelta(days=1)


def ev(points, bor, pd=None) -> Evaluation:
    return Evaluation(tuple(Timepoint(FIRST + d * D, None, None, None, None, None, r)
                            for d, r in points), bor, pd)


def test_progression_is_the_pfs_event_and_ends_the_response():
    e = ev([(49, PR), (91, PR), (133, PD)], PR, FIRST + 133 * D)
    p = patient_endpoints(FIRST, e, None, FIRST + 200 * D)
    assert p.objective_response and p.disease_control
    assert (p.pfs.event, p.pfs.days) == (True, 134)
    assert (p.dor.start, p.dor.end, p.dor.event) == (FIRST + 49 * D, FIRST + 133 * D, True)
    assert (p.os.event, p.os.end) == (False, FIRST + 200 * D)


def test_censored_at_the_last_adequate_assessment():
    e = ev([(49, SD), (91, SD), (133, NE)], SD)
    p = patient_endpoints(FIRST, e, None, None)
    assert (p.pfs.event, p.pfs.end) == (False, FIRST + 91 * D)
    assert p.dor is None and p.disease_control and not p.objective_response


def test_death_without_progression_is_a_pfs_event():
    e = ev([(49, SD)], SD)
    death = FIRST + 70 * D
    p = patient_endpoints(FIRST, e, death, None)
    assert (p.pfs.event, p.pfs.end) == (True, death)
    assert (p.os.event, p.os.days) == (True, 71)


def test_no_assessment_is_censored_at_day_one():
    p = patient_endpoints(FIRST, ev([], NE), None, None)
    assert (p.pfs.days, p.pfs.event, p.best_overall_response) == (1, False, NE)


def test_rates():
    cr = patient_endpoints(FIRST, ev([(49, CR), (91, CR)], CR), None, None)
    sd = patient_endpoints(FIRST, ev([(49, SD)], SD), None, None)
    ne = patient_endpoints(FIRST, ev([], NE), None, None)
    orr, dcr = rates([cr, sd, ne])
    assert (orr.count, orr.total, dcr.count) == (1, 3, 2)
    assert str(orr) == "1/3 (33.3 %)"
