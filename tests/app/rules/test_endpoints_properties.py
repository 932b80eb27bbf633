"""PFS and OS censoring, as properties over any course of scans, death and new therapy.

Hypothesis draws a patient's post-dose scans (any response, NE too), perhaps a death after
them, perhaps a new anticancer therapy, against the study's scheduled scan windows. Whatever
the course: PFS starts at the first dose, a censored PFS ends at the first dose or at an
adequate assessment and never after the last one, an event is a progression or a death and
never before the first dose, a death before the first assessment is an event unless two
scheduled assessments were missed, and OS is censored exactly when there is no death.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from app.rules.endpoints import (
    DEATH,
    LAST_ADEQUATE,
    LAST_KNOWN_ALIVE,
    NEW_THERAPY,
    PROGRESSION,
    FollowUp,
    dor_start,
    patient_endpoints,
    progression_free,
)
from app.rules.recist import CR, NE, PD, PR, SD, Evaluation, Timepoint, best_overall_response

FIRST = date(2026, 1, 5)
C1D1 = FIRST + timedelta(days=7)
D = timedelta(days=1)
#: TA1.. every 42 days from C1D1, +/- 7 days, as the study schedules them
SCANS = tuple((C1D1 + (42 * k - 7) * D, C1D1 + (42 * k + 7) * D) for k in range(1, 9))

scans = st.dictionaries(st.integers(1, 400), st.sampled_from([CR, PR, SD, PD, NE]),
                        max_size=8)
maybe_day = st.one_of(st.none(), st.integers(0, 450))


def _evaluation(points: dict[int, str]) -> Evaluation:
    tps = tuple(Timepoint(FIRST + d * D, None, None, None, None, None, r)
                for d, r in sorted(points.items()))
    best = best_overall_response([(t.date, t.overall) for t in tps], C1D1, 28, 42)
    return Evaluation(tps, best.response, best.first_progression, best.confirmed_on,
                      best.start)


@st.composite
def courses(draw: st.DrawFn) -> tuple[Evaluation, FollowUp]:
    """Scans, then perhaps a death on or after the last of them, perhaps a new therapy."""
    points = draw(scans)
    death = draw(maybe_day)
    if death is not None:
        death = max([death, *points])
    therapy = draw(maybe_day)
    follow = FollowUp(FIRST, None if death is None else FIRST + death * D,
                      None if therapy is None else FIRST + therapy * D,
                      scheduled_scans=SCANS)
    return _evaluation(points), follow


def _adequate(evaluation: Evaluation, f: FollowUp) -> list[date]:
    """The non-NE assessments after the first dose, up to a new therapy."""
    return sorted(t.date for t in evaluation.timepoints
                  if t.overall != NE and t.date >= f.first_dose
                  and (f.new_therapy is None or t.date <= f.new_therapy))


@given(courses())
def test_pfs_starts_at_the_first_dose_and_lasts_at_least_a_day(course):
    evaluation, f = course
    pfs = progression_free(evaluation, f)
    assert pfs.start == FIRST and pfs.end >= pfs.start and pfs.days >= 1


@given(courses())
def test_a_censored_pfs_ends_at_the_first_dose_or_an_adequate_assessment(course):
    evaluation, f = course
    pfs = progression_free(evaluation, f)
    if pfs.event:
        return
    adequate = _adequate(evaluation, f)
    assert pfs.end == f.first_dose or pfs.end in adequate
    assert pfs.end <= max(adequate, default=f.first_dose)    # never after the last one
    if pfs.why in (LAST_ADEQUATE, NEW_THERAPY):
        assert pfs.end == max(adequate, default=f.first_dose)


@given(courses())
def test_an_event_is_a_progression_or_a_death_never_before_the_first_dose(course):
    evaluation, f = course
    pfs = progression_free(evaluation, f)
    if not pfs.event:
        return
    assert pfs.end >= f.first_dose
    progressions = [t.date for t in evaluation.timepoints if t.overall == PD]
    if pfs.why == PROGRESSION:
        assert pfs.end == min(progressions)
    else:
        assert pfs.why == DEATH and pfs.end == f.death
        assert not progressions or min(progressions) > f.death
    if f.new_therapy is not None:      # nothing after a new therapy is an event
        assert pfs.end <= f.new_therapy


@given(st.integers(0, 450), st.sampled_from([CR, PR, SD, PD, NE]), st.integers(1, 60))
def test_a_death_before_the_first_assessment_is_an_event_unless_two_scans_were_missed(
        death_day, response, after):
    death = FIRST + death_day * D
    evaluation = _evaluation({death_day + after: response})   # the scan after the death
    pfs = progression_free(evaluation, FollowUp(FIRST, death, scheduled_scans=SCANS))
    missed = sum(1 for earliest, latest in SCANS if earliest > FIRST and latest < death)
    if missed < 2:
        assert (pfs.event, pfs.end, pfs.why) == (True, death, DEATH)
    else:
        assert not pfs.event and pfs.end == FIRST
        assert pfs.why == f"censored: death after {missed} missed assessments"


@given(courses())
def test_os_is_an_event_exactly_at_a_death_and_never_ends_before_pfs(course):
    evaluation, f = course
    result = patient_endpoints(evaluation, f)
    os, pfs = result.os, result.pfs
    assert os.start == f.first_dose
    if f.death is not None:
        assert (os.event, os.end, os.why) == (True, f.death, DEATH)
    else:
        assert not os.event and os.why == LAST_KNOWN_ALIVE
        assert os.end == max([f.first_dose, *(t.date for t in evaluation.timepoints)])
    assert os.end >= pfs.end


@given(courses())
def test_a_response_lasts_from_its_start_to_the_pfs_end_censored_alike(course):
    evaluation, f = course
    result = patient_endpoints(evaluation, f)
    if result.dor is None:
        assert result.best_overall_response not in (CR, PR) or evaluation.response_start is None
        return
    # RECIST 1.1, 4.4: the episode's first CR or PR, on or before the confirmed response
    assert result.dor.start == dor_start(evaluation)
    assert result.dor.start <= evaluation.response_start
    assert next(t for t in evaluation.timepoints if t.date == result.dor.start).overall in (CR, PR)
    assert result.dor.end >= result.dor.start
    assert result.dor.event == result.pfs.event and result.dor.why == result.pfs.why


# --- what happens after the PFS event cannot move it ----------------------------------------

@given(courses(), scans)
def test_scans_after_an_event_do_not_move_it(course, later):
    evaluation, f = course
    pfs = progression_free(evaluation, f)
    if not pfs.event:
        return
    past = {(t.date - FIRST).days: t.overall for t in evaluation.timepoints}
    after = {(pfs.end - FIRST).days + d: r for d, r in later.items()}
    again = progression_free(_evaluation({**after, **past}), f)
    assert (again.end, again.event, again.why) == (pfs.end, pfs.event, pfs.why)


@given(courses(), st.integers(0, 120))
def test_a_new_therapy_after_the_event_changes_nothing(course, days_after):
    evaluation, f = course
    pfs = progression_free(evaluation, f)
    if not pfs.event or f.new_therapy is not None:
        return
    started = FollowUp(f.first_dose, f.death, pfs.end + days_after * D,
                       scheduled_scans=f.scheduled_scans)
    again = progression_free(evaluation, started)
    assert (again.end, again.event, again.why) == (pfs.end, pfs.event, pfs.why)


@given(courses())
def test_an_event_after_two_missed_scans_is_censored_at_the_last_adequate_one(course):
    evaluation, f = course
    pfs = progression_free(evaluation, f)
    if not pfs.why.startswith("censored: ") or "missed" not in pfs.why:
        return
    assert not pfs.event
    usable = [t for t in evaluation.timepoints
              if f.new_therapy is None or t.date <= f.new_therapy]
    progressions = [t.date for t in usable if t.overall == PD]
    death = f.death if f.new_therapy is None or (f.death or f.first_dose) <= f.new_therapy \
        else None
    event = min(d for d in (min(progressions, default=None), death) if d is not None)
    before = [d for d in _adequate(evaluation, f) if d < event]
    assert pfs.end == max(before, default=f.first_dose)
    missed = sum(1 for earliest, latest in SCANS if earliest > pfs.end and latest < event)
    assert missed >= 2 and f"after {missed} missed assessments" in pfs.why
