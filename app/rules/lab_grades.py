"""A lab value's CTCAE v5.0 grade, derived from the value (issue 36).

Pure: the value, its unit, the lab's LLN/ULN (in the same unit) and the patient's baseline
value in; the grade and the reason in words out. The criteria are data (lab_criteria); a
value in a unit CTCAE prints is compared with NCI's own bound, another unit of the same
quantity is converted first (lab_units). ALT, AST, bilirubin and ALP are graded against
the baseline when the baseline was abnormal (above the ULN), as CTCAE v5.0 says.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from app.errors import InvalidEntry, Phrase
from app.rules import lab_units as u
from app.rules.lab_criteria import (
    ABSOLUTE,
    BASELINE,
    CRITERIA,
    LLN,
    ULN,
    Criteria,
    Step,
    criteria_for,
)


@dataclass(frozen=True)
class LabGrade:
    term: str  # the CTCAE v5.0 term
    meddra_code: str
    grade: int  # 0: no grade (the value does not meet grade 1)
    reason: Phrase
    criterion: str | None  # NCI's text of the grade, None at grade 0
    note: str  # what the value alone cannot tell
    baseline_abnormal: bool


@dataclass(frozen=True)
class Limits:
    """The lab's normal range and the patient's baseline, in the value's unit."""

    lln: Decimal | None = None
    uln: Decimal | None = None
    baseline: Decimal | None = None


def terms() -> list[str]:
    """The lab-defined terms graded from a value."""
    return [c.term for c in CRITERIA]


def criteria(term: str) -> Criteria:
    found = criteria_for(term)
    if found is None:
        raise InvalidEntry("Term", "{term} is not a lab-defined CTCAE term graded from a value "
                                   "(the terms: {terms})", term=term, terms=", ".join(terms()))
    return found


def grade(term: str, value: Decimal, unit: str, limits: Limits) -> LabGrade:
    """The grade of `value` (in `unit`) for `term`, with the reason."""
    crit = criteria(term)
    unit = u.unit_of(crit.quantity, unit)
    _needs(crit, limits)
    abnormal = bool(crit.abnormal_baseline) and limits.baseline is not None \
        and limits.uln is not None and limits.baseline > limits.uln
    steps = crit.abnormal_baseline if abnormal else crit.steps
    passed = [(s, bound) for s in steps if (bound := _bound(crit, s, unit, limits)) is not None
              and _passes(s, value, bound, crit, unit)]
    shown = f"{value} {unit}"
    if crit.above_baseline and limits.baseline is not None and value <= limits.baseline:
        reason = Phrase("{value} is not above the baseline {baseline}: no grade",
                        value=shown, baseline=f"{limits.baseline} {unit}")
        return LabGrade(crit.term, crit.meddra_code, 0, reason, None, crit.note, abnormal)
    if not passed:
        first = steps[0]
        reason = Phrase("{value} is not {relation} {bound}: no grade", value=shown,
                        relation=_relation(first),
                        bound=_worded(first, _bound(crit, first, unit, limits), unit))
        return LabGrade(crit.term, crit.meddra_code, 0, reason, None, crit.note, abnormal)
    step, bound = max(passed, key=lambda p: p[0].grade)
    reason = Phrase("grade {grade}: {value} is {relation} {bound} ({text})",
                    grade=step.grade, value=shown, relation=_relation(step),
                    bound=_worded(step, bound, unit), text=crit.texts[step.grade])
    return LabGrade(crit.term, crit.meddra_code, step.grade, reason, crit.texts[step.grade],
                    crit.note, abnormal)


def _needs(crit: Criteria, limits: Limits) -> None:
    refs = crit.refs()
    if LLN in refs and limits.lln is None:
        raise InvalidEntry("LLN", "{term} is graded against the lower limit of normal: the LLN "
                                  "is needed", term=crit.term)
    if ULN in refs and limits.uln is None:
        raise InvalidEntry("ULN", "{term} is graded against the upper limit of normal: the ULN "
                                  "is needed", term=crit.term)
    if limits.lln is not None and limits.uln is not None and limits.lln > limits.uln:
        raise InvalidEntry("LLN", "the LLN {lln} is above the ULN {uln}",
                           lln=str(limits.lln), uln=str(limits.uln))


def _bound(crit: Criteria, step: Step, unit: str, limits: Limits) -> Decimal | None:
    """The step's bound in the value's unit (absolute bounds: see _passes), or None when
    its reference is not known (a baseline-based step without a baseline)."""
    if step.ref == ABSOLUTE:
        if unit in step.limits:
            return step.limits[unit]
        home = _home(crit, step)
        return u.convert(crit.quantity, step.limits[home], home, unit)
    ref = {LLN: limits.lln, ULN: limits.uln, BASELINE: limits.baseline}[step.ref]
    return None if ref is None else ref * step.factor


def _passes(step: Step, value: Decimal, bound: Decimal, crit: Criteria, unit: str) -> bool:
    if step.ref == ABSOLUTE and unit not in step.limits:
        # a unit CTCAE does not print: the value converted to a unit it prints is compared
        home = _home(crit, step)
        value, bound = u.convert(crit.quantity, value, unit, home), step.limits[home]
    if step.below:
        return value < bound or (step.on_bound and value == bound)
    return value > bound or (step.on_bound and value == bound)


def _home(crit: Criteria, step: Step) -> str:
    """The CTCAE unit another unit is converted to: the quantity's own if CTCAE prints it."""
    canonical = crit.quantity.canonical
    return canonical if canonical in step.limits else next(iter(step.limits))


def _relation(step: Step) -> str:
    if step.below:
        return "at or below" if step.on_bound else "below"
    return "at or above" if step.on_bound else "above"


def _worded(step: Step, bound: Decimal | None, unit: str) -> str:
    at = f"{_plain(bound)} {unit}" if bound is not None else "?"
    if step.ref == ABSOLUTE:
        return at
    if step.factor == 1:
        return f"the {step.ref} {at}"
    return f"{step.factor} x {step.ref} ({at})"


def _plain(value: Decimal) -> str:
    """A bound as CTCAE prints it (1.0 stays 1.0); a computed one to 3 places (4.965)."""
    exponent = value.as_tuple().exponent
    fine = isinstance(exponent, int) and exponent < -3
    return format(value.quantize(Decimal("0.001")).normalize() if fine else value, "f")
