"""The study's endpoints per patient, pure: ORR, DCR, PFS, DOR, OS.

Durations count days from the start date to the end date inclusive (start + 0 is day 1).
PFS and DOR are censored at the last adequate assessment (an overall response other than
NE), OS at the last contact alive.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.recist import CR, NE, PR, SD, Evaluation


@dataclass(frozen=True, slots=True)
class TimeToEvent:
    start: date
    end: date
    event: bool  # False: censored at `end`

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def months(self) -> float:
        return self.days / 30.4375


@dataclass(frozen=True, slots=True)
class PatientEndpoints:
    best_overall_response: str
    objective_response: bool  # confirmed CR or PR
    disease_control: bool  # CR, PR or SD (SD at least sd_min_days after C1D1)
    pfs: TimeToEvent
    dor: TimeToEvent | None  # responders only
    os: TimeToEvent


def patient_endpoints(first_dose: date, evaluation: Evaluation, death: date | None,
                      last_contact_alive: date | None) -> PatientEndpoints:
    """One patient's endpoints from their evaluated scans and their follow-up."""
    bor = evaluation.best_overall_response
    adequate = [t.date for t in evaluation.timepoints if t.overall != NE]
    last_adequate = max(adequate, default=first_dose)
    progression = evaluation.first_progression_date
    events = [d for d in (progression, death) if d is not None]
    if events:
        pfs = TimeToEvent(first_dose, min(events), True)
    else:
        pfs = TimeToEvent(first_dose, last_adequate, False)
    dor = None
    if bor in (CR, PR):
        onset = next(t.date for t in evaluation.timepoints if t.overall in (CR, PR))
        dor = TimeToEvent(onset, min(events), True) if events else TimeToEvent(
            onset, max(last_adequate, onset), False)
    if death is not None:
        os = TimeToEvent(first_dose, death, True)
    else:
        os = TimeToEvent(first_dose, max(d for d in (last_contact_alive, last_adequate,
                                                      first_dose) if d), False)
    return PatientEndpoints(bor, bor in (CR, PR), bor in (CR, PR, SD), pfs, dor, os)


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


def rates(patients: list[PatientEndpoints]) -> tuple[Rate, Rate]:
    """Confirmed ORR and DCR over the patients given (the treated, evaluable set)."""
    n = len(patients)
    return (Rate(sum(p.objective_response for p in patients), n),
            Rate(sum(p.disease_control for p in patients), n))
