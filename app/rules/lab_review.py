"""What is done with a lab result once kept (issue 36), pure: the review of an imported one
(accept, correct with a reason, reject with a reason: nothing counts before), each accepted
result's CTCAE grades against its range and the patient's baseline, and the adverse event
a grade above the baseline's proposes to the investigator (a new AE, or the grade change
of the AE already open for that term), who accepts it or dismisses it with a reason."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.errors import InvalidEntry
from app.rules.lab_grades import LabGrade, Limits, grade
from app.rules.protocol.labs import Analyte

PENDING, ACCEPTED, REJECTED = "pending", "accepted", "rejected"
ACCEPT, CORRECT, REJECT = "accept", "correct", "reject"
DISMISSED = "dismissed"


def check_review(status: str, decision: str, reason: str | None) -> None:
    """Only a result held for review is reviewed; a correction or a rejection says why."""
    if status != PENDING:
        raise InvalidEntry("status", "This result is {status} already: only a result held "
                                     "for review is reviewed", status=status)
    if decision not in (ACCEPT, CORRECT, REJECT):  # pragma: no cover - the windows offer three
        raise InvalidEntry("decision", "Accept, correct or reject")
    if decision != ACCEPT and not (reason or "").strip():
        raise InvalidEntry("reason", "Give the reason to {decision} this result",
                           decision=decision)


def check_ae_decision(decided: str | None, proposed: bool, accept: bool,
                      reason: str | None) -> None:
    """An open proposal only, answered once; a dismissal says why."""
    if decided is not None or not proposed:
        raise InvalidEntry("decision", "This result proposes no adverse event (any more)")
    if not accept and not (reason or "").strip():
        raise InvalidEntry("reason", "Give the reason to dismiss the proposed adverse event")


@dataclass(frozen=True)
class Kept:
    """An accepted result as the grading sees it (values in the analyte's unit)."""

    id: int
    analyte: Analyte
    sample_date: date
    kept: Decimal
    lln: Decimal | None
    uln: Decimal | None
    ae_decision: str | None = None


@dataclass(frozen=True)
class OpenAe:
    ae_id: int
    grade: int | None  # its current grade


@dataclass(frozen=True)
class Proposal:
    term: str
    meddra_code: str
    grade: int
    onset: date
    ae_id: int | None  # the AE open for the term: its grade changes instead
    from_grade: int | None


@dataclass(frozen=True)
class Graded:
    grades: tuple[LabGrade, ...]
    problems: tuple[str, ...]  # a term that cannot be graded (its range lacks the LLN)
    baseline: Decimal | None
    baseline_grade: int
    proposal: Proposal | None

    @property
    def worst(self) -> LabGrade | None:
        return max(self.grades, key=lambda g: g.grade, default=None)


def baseline_of(results: Sequence[Kept], first_dose: date | None) -> Kept | None:
    """The last accepted result on or before the first dose (None before any dose)."""
    if first_dose is None:
        return None
    before = [r for r in results if r.sample_date <= first_dose]
    return max(before, key=lambda r: (r.sample_date, r.id), default=None)


def _grades(result: Kept, baseline: Decimal | None
            ) -> tuple[tuple[LabGrade, ...], tuple[str, ...]]:
    found, problems = [], []
    for term in result.analyte.grades:
        try:
            found.append(grade(term, result.kept, result.analyte.unit,
                               Limits(result.lln, result.uln, baseline)))
        except InvalidEntry as exc:
            problems.append(exc.message)
    return tuple(found), tuple(problems)


def graded(results: Sequence[Kept], first_dose: date | None,
           open_aes: Mapping[str, OpenAe]) -> dict[int, Graded]:
    """Each accepted result's grades, and the AE it proposes (`open_aes` by MedDRA code)."""
    out: dict[int, Graded] = {}
    for code in {r.analyte.code for r in results}:
        mine = sorted((r for r in results if r.analyte.code == code),
                      key=lambda r: (r.sample_date, r.id))
        base = baseline_of(mine, first_dose)
        base_grades = _grades(base, None)[0] if base else ()
        base_grade = max((g.grade for g in base_grades), default=0)
        for r in mine:
            after = first_dose is not None and r.sample_date > first_dose
            grades, problems = _grades(r, base.kept if base and after else None)
            proposal = _proposal(r, grades, base_grade, open_aes) if after else None
            out[r.id] = Graded(grades, problems, base.kept if base else None, base_grade,
                               proposal)
    return out


def _proposal(result: Kept, grades: Sequence[LabGrade], base_grade: int,
              open_aes: Mapping[str, OpenAe]) -> Proposal | None:
    if result.ae_decision is not None:
        return None
    worst = max(grades, key=lambda g: g.grade, default=None)
    if worst is None or worst.grade <= base_grade:
        return None
    held = open_aes.get(worst.meddra_code)
    if held is not None and (held.grade or 0) >= worst.grade:
        return None  # the open AE has this grade already
    return Proposal(worst.term, worst.meddra_code, worst.grade, result.sample_date,
                    held.ae_id if held else None, held.grade if held else None)
