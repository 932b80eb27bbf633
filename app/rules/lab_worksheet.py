"""What a visit's worksheet says of the labs (issue 36): which panels the visit's procedures
call for, and for each what is still to do (the sample to draw, results to enter or to
review), the results of earlier samples still held for review; and how the last accepted
value of each analyte is printed (value, unit, normal range, CTCAE grade). Pure: the
visit's procedures, its day and the patient's results are passed in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from app.rules.dates import fmt_date

#: how a visit's procedure names a panel ("Haematology and clinical chemistry")
PANEL_WORDS = {"haematology": ("haematology", "hematology", "blood count", "fbc", "cbc"),
               "chemistry": ("chemistry", "biochemistry")}
PANEL_NAMES = {"haematology": "Haematology", "chemistry": "Chemistry"}
ACCEPTED, PENDING = "accepted", "pending"


@dataclass(frozen=True, slots=True)
class Result:
    """One of the patient's results, as the to-do list needs it."""

    panel: str
    sample_date: date
    status: str  # pending | accepted | rejected


@dataclass(frozen=True, slots=True)
class LabLine:
    """The last accepted value of one analyte, as the worksheet prints it."""

    analyte: str  # the analyte's name
    value: str  # "1.6 10^9/L"
    normal: str  # "1.8 - 7.5"
    grade: str  # "1 Neutrophil count decreased", "0", "" (not graded)
    day: str  # DD-MMM-YYYY


def panels_due(procedures: Sequence[str], panels: Sequence[str]) -> tuple[str, ...]:
    """The panels (of the study's, `panels`) the visit's procedures name, in their order."""
    text = " ".join(procedures).casefold()
    return tuple(p for p in PANEL_WORDS if p in panels
                 and any(word in text for word in PANEL_WORDS[p]))


def _panel_state(panel: str, visit_day: date | None, results: Sequence[Result]) -> str:
    name = PANEL_NAMES.get(panel, panel)
    todays = [r for r in results if r.panel == panel and visit_day is not None
              and r.sample_date == visit_day]
    held = sum(1 for r in todays if r.status == PENDING)
    if held:
        return f"{name}: {held} result(s) of this visit's sample held for review"
    if any(r.status == ACCEPTED for r in todays):
        return f"{name}: results of {fmt_date(visit_day)} entered"
    if visit_day is not None:
        return f"{name}: no result of {fmt_date(visit_day)} yet; enter or import them"
    return f"{name}: sample to draw; results to enter or import"


def labs_to_do(due: Sequence[str], visit_day: date | None, results: Sequence[Result]
               ) -> tuple[str, ...]:
    """For each panel due at the visit (`visit_day`: the day it was done, None before),
    what is still to do; then the results of other samples held for review."""
    lines = [_panel_state(p, visit_day, results) for p in due]
    others = sum(1 for r in results if r.status == PENDING
                 and not (r.panel in due and r.sample_date == visit_day))
    if others:
        lines.append(f"{others} result(s) of other samples held for review")
    return tuple(lines)


def lab_line(analyte: str, value: str | None, unit: str, lln: str | None, uln: str | None,
             grade: int | None, term: str | None, day: date) -> LabLine:
    """One analyte's last accepted value: in the analyte's unit, with the normal range and
    the grade (its term from grade 1)."""
    normal = f"{lln or ''} - {uln or ''}".strip(" -")
    graded = "" if grade is None else (f"{grade} {term}" if grade and term else str(grade))
    return LabLine(analyte, f"{value} {unit}" if value is not None else "", normal, graded,
                   fmt_date(day))


__all__ = ["LabLine", "Result", "lab_line", "labs_to_do", "panels_due"]
