"""The study's endpoints per patient, pure: ORR, DCR, PFS, DOR, OS.

Durations count days from the start date to the end date inclusive (start + 0 is day 1).
Best response, ORR, DCR and DOR use the assessments inside the efficacy window (the
evaluation marks them). PFS follows the FDA 2018 guidance: no adequate post-baseline
assessment and no death -> censored at the first dose; PD or death after two or more missed
scheduled assessments -> censored at the last adequate assessment before them; a new
anticancer therapy before PD -> censored at the last adequate assessment before it. DOR
starts when the CR or PR criteria were first met in the confirmed response episode (a PR later
confirmed as CR: at the PR) and is censored as PFS. OS is censored at
the last date the patient was known alive.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from app.errors import Phrase
from app.rules.recist import CR, NE, PD, PR, SD, Evaluation

DAYS_PER_MONTH = 30.4375
ANY_NUMBER = sys.maxsize  # of missed scans: no censoring for them (the all-events figure)


#: why a time to event ends where it does (the screens say them in the user's language)
PROGRESSION, DEATH = "progression", "death"
NEW_THERAPY = ("censored: new anticancer therapy before progression (last adequate "
               "assessment before it)")
NO_ADEQUATE = "censored at the first dose: no adequate assessment after it"
NO_ASSESSMENT_YET = ("censored at the first dose: no assessment after the baseline yet "
                     "(changes at the first scan)")
LAST_ADEQUATE = "censored at the last adequate assessment"
LAST_KNOWN_ALIVE = "censored: last known alive"
REASONS = (PROGRESSION, DEATH, NEW_THERAPY, NO_ADEQUATE, NO_ASSESSMENT_YET, LAST_ADEQUATE,
           LAST_KNOWN_ALIVE)


@dataclass(frozen=True, slots=True)
class TimeToEvent:
    start: date
    end: date
    event: bool  # False: censored at `end`
    why: str = ""  # the rule that set the end, in the screen's words

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def months(self) -> float:
        return self.days / DAYS_PER_MONTH


@dataclass(frozen=True, slots=True)
class FollowUp:
    """What is known of the patient beyond the scans."""

    first_dose: date
    death: date | None = None
    new_therapy: date | None = None
    known_alive: Sequence[date] = ()  # visits done, scans (NE too), AE dates, contacts alive
    scheduled_scans: Sequence[tuple[date, date]] = ()  # each planned scan's window
    missed_limit: int = 2


@dataclass(frozen=True, slots=True)
class PatientEndpoints:
    best_overall_response: str
    objective_response: bool  # confirmed CR or PR
    disease_control: bool  # CR, PR or SD (SD at least sd_min_days after C1D1)
    pfs: TimeToEvent
    dor: TimeToEvent | None  # responders only
    os: TimeToEvent
    #: PFS counting every progression or death, missed scans or not (EMA-style): the figure
    #: the FDA 2018 rule is compared with
    pfs_all_events: TimeToEvent | None = None

    @property
    def censored_for_missed_scans(self) -> bool:
        """An event the FDA 2018 rule censored because scans were missed before it."""
        return (not self.pfs.event and self.pfs_all_events is not None
                and self.pfs_all_events.event)


class Censoring(StrEnum):
    """Which PFS convention a figure follows."""

    FDA_2018 = "fda-2018"  # censored after the protocol's number of missed scans
    ALL_EVENTS = "all-events"  # every progression or death is an event (EMA-style)


def pfs_convention(missed_limit: int, censored: int) -> Phrase:
    """The PFS convention in force, said aloud with what it did to these patients."""
    return Phrase("PFS by FDA 2018: {censored} deaths/progressions censored after "
                  "{missed_limit} or more missed scans", censored=censored,
                  missed_limit=missed_limit)


def progression_free(evaluation: Evaluation, f: FollowUp) -> TimeToEvent:
    """PFS from the first dose, with the FDA 2018 censoring rules."""
    start = f.first_dose
    usable = [t for t in evaluation.timepoints
              if f.new_therapy is None or t.date <= f.new_therapy]
    adequate = sorted(t.date for t in usable if t.overall != NE and t.date >= start)
    pd = next((t.date for t in sorted(usable, key=lambda t: t.date) if t.overall == PD), None)
    death = f.death
    if death is not None and f.new_therapy is not None and death > f.new_therapy:
        death = None  # after a new therapy: censored before it, below
    events = [d for d in (pd, death) if d is not None]
    if not events:
        if f.new_therapy is not None:
            last = max(adequate, default=start)
            return TimeToEvent(start, last, False, NEW_THERAPY)
        if not adequate:  # a baseline only: nothing to judge yet, not a failed assessment
            return TimeToEvent(start, start, False,
                               NO_ADEQUATE if evaluation.timepoints else NO_ASSESSMENT_YET)
        return TimeToEvent(start, adequate[-1], False, LAST_ADEQUATE)
    event = min(events)
    before = max((d for d in adequate if d < event), default=None)
    since = before or start
    missed = sum(1 for earliest, latest in f.scheduled_scans
                 if earliest > since and latest < event)
    if missed >= f.missed_limit:
        return TimeToEvent(start, since, False,
                           f"censored: {'progression' if event == pd else 'death'} after "
                           f"{missed} missed assessments")
    return TimeToEvent(start, event, True, PROGRESSION if event == pd else DEATH)


def dor_start(evaluation: Evaluation) -> date | None:
    """The day DOR starts: the first date the CR or PR criteria were met in the response
    episode that was confirmed (RECIST 1.1, 4.4), so a PR later confirmed as CR starts it
    at the PR. The episode runs back from the confirmed response over the CR and PR
    before it, through at most one NE (as a confirmation does); an SD or PD ends it."""
    start = evaluation.response_start
    if start is None:
        return None
    before = sorted((t for t in evaluation.timepoints if t.counts and t.date < start),
                    key=lambda t: t.date, reverse=True)
    nes = 0
    for t in before:
        if t.overall in (CR, PR):
            start = t.date
        elif t.overall == NE and nes == 0:
            nes += 1
        else:
            break
    return start


def patient_endpoints(evaluation: Evaluation, follow_up: FollowUp) -> PatientEndpoints:
    """One patient's endpoints from their evaluated scans and their follow-up."""
    bor = evaluation.best_overall_response
    pfs = progression_free(evaluation, follow_up)
    dor = None
    start = dor_start(evaluation)
    if bor in (CR, PR) and start is not None:
        dor = TimeToEvent(start, max(pfs.end, start), pfs.event, pfs.why)
    first = follow_up.first_dose
    if follow_up.death is not None:
        os = TimeToEvent(first, follow_up.death, True, DEATH)
    else:
        alive = [d for d in follow_up.known_alive if d >= first]
        scans = [t.date for t in evaluation.timepoints if t.date >= first]
        last = max([*alive, *scans, first])
        os = TimeToEvent(first, last, False, LAST_KNOWN_ALIVE)
    every = progression_free(evaluation, replace(follow_up, missed_limit=ANY_NUMBER))
    return PatientEndpoints(bor, bor in (CR, PR), bor in (CR, PR, SD), pfs, dor, os, every)


@dataclass(frozen=True, slots=True)
class Rate:
    count: int
    total: int

    @property
    def percent(self) -> float | None:
        return None if not self.total else 100 * self.count / self.total

    def __str__(self) -> str:
        pct = self.percent
        return f"{self.count}/{self.total}" + ("" if pct is None else f" ({pct:.1f} %)")


def rates(patients: Sequence[PatientEndpoints]) -> tuple[Rate, Rate]:
    """Confirmed ORR and DCR over the patients given (the treated, evaluable set)."""
    n = len(patients)
    return (Rate(sum(p.objective_response for p in patients), n),
            Rate(sum(p.disease_control for p in patients), n))


__all__ = ["NO_ASSESSMENT_YET", "PD", "REASONS", "FollowUp", "PatientEndpoints", "Rate",
           "TimeToEvent", "dor_start", "patient_endpoints", "progression_free", "rates"]
