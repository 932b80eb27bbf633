"""Concomitant medications and medical history, pure: a con-med as typed (drug, dose, unit,
route, frequency, indication, partial start and end, ongoing), the protocol's prohibited
drugs it matches, a history item coded to a CTCAE term with its baseline grade, and the
baseline an AE of the same term starts from (an ongoing history item's grade)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from app.errors import InvalidEntry, Phrase, Unreadable
from app.rules.ctcae import CtcaeEntry
from app.rules.future import not_in_future
from app.rules.partial_dates import PartialDate, impute_end, impute_start, parse_partial
from app.rules.protocol.measures import Prohibited
from app.rules.safety import grade_problem

ROUTES = ("oral", "intravenous", "subcutaneous", "intramuscular", "topical", "inhaled",
          "transdermal", "rectal", "ophthalmic", "other")
FREQUENCIES = ("once", "QD", "BID", "TID", "QID", "Q4H", "Q6H", "Q8H", "QW", "PRN",
               "continuous", "other")


@dataclass(frozen=True, slots=True)
class Span:
    """Start and end as typed: a full date, or a partial one kept as entered."""

    start: date | None
    start_partial: str | None
    end: date | None
    end_partial: str | None
    ongoing: bool


#: what each date field says: (in the future, not a date)
_SAID = {"start": ("The start date is in the future", "Start: {problem}"),
         "end": ("The end date is in the future", "End: {problem}")}


def _when(field: str, text: str, today: date, end: bool = False
          ) -> tuple[date | None, str | None, date | None]:
    """The day a date counts as, the partial date's text, and the bound used to compare a
    start with an end (a partial start's earliest day, a partial end's latest)."""
    future, unreadable = _SAID[field]
    try:
        parsed = parse_partial(text)
    except Unreadable as exc:
        raise InvalidEntry(field, unreadable, problem=Phrase(exc.template, **exc.values)
                           ) from None
    if isinstance(parsed, PartialDate):
        not_in_future(field, parsed.earliest, today, future)
        day = impute_end(parsed, today) if end else impute_start(parsed, today)
        return day, parsed.text, parsed.latest if end else parsed.earliest
    not_in_future(field, parsed, today, future)
    return parsed, None, parsed


def check_span(start: str, end: str, ongoing: bool, today: date, *,
               start_required: bool = True) -> Span:
    """Start (full or partial), end or ongoing, not in the future, the end not before the
    start (for partial dates: not before the start can have been)."""
    if not start.strip() and start_required:
        raise InvalidEntry("start", "Give the start date (UN-JAN-2026 when the day is "
                                    "unknown, UN-UNK-2026 when the month is too)")
    s, sp, s_first = _when("start", start, today)
    if ongoing and end.strip():
        raise InvalidEntry("end", "An ongoing item has no end date: clear it, or untick "
                                  "Ongoing")
    if not ongoing and not end.strip():
        raise InvalidEntry("end", "Give the end date, or tick Ongoing")
    e, ep, e_last = _when("end", end, today, end=True)
    if s_first is not None and e_last is not None and e_last < s_first:
        raise InvalidEntry("end", "The end date is before the start date")
    return Span(s, sp, e, ep, ongoing)


@dataclass(frozen=True)
class ConMedForm:
    drug: str
    dose: str = ""
    unit: str = ""
    route: str = ""
    frequency: str = ""
    indication: str = ""
    start: str = ""
    end: str = ""
    ongoing: bool = False


@dataclass(frozen=True)
class CheckedConMed:
    drug: str
    dose: float | None
    unit: str | None
    route: str | None
    frequency: str | None
    indication: str
    span: Span


def check_conmed(form: ConMedForm, today: date) -> CheckedConMed:
    """A con-med as typed: the drug and its indication named, a dose a number (with its
    unit), the start given, an end or ongoing."""
    drug = " ".join(form.drug.split())
    if not drug:
        raise InvalidEntry("drug", "Give the drug's name")
    dose: float | None = None
    if form.dose.strip():
        try:
            dose = float(form.dose.strip().replace(",", "."))
        except ValueError:
            raise InvalidEntry("dose", "Dose: '{text}' is not a number",
                               text=form.dose.strip()) from None
        if not math.isfinite(dose) or dose <= 0:
            raise InvalidEntry("dose", "The dose must be more than 0")
        if not form.unit.strip():
            raise InvalidEntry("unit", "Give the dose's unit (mg, mL, ...)")
    if not form.indication.strip():
        raise InvalidEntry("indication", "Give the indication (an adverse event, a history "
                                         "item, or prophylaxis)")
    span = check_span(form.start, form.end, form.ongoing, today)
    return CheckedConMed(drug, dose, form.unit.strip() or None, form.route.strip() or None,
                         form.frequency.strip() or None, form.indication.strip(), span)


def prohibited_match(drug: str, prohibited: Iterable[Prohibited]) -> Phrase | None:
    """Why the protocol forbids this drug (its name contains a listed one as a word), or
    None."""
    words = drug.lower()
    for p in prohibited:
        for name in p.names:
            if re.search(rf"\b{re.escape(name)}\b", words):
                return Phrase("Prohibited by the protocol: {name} ({why})", name=name,
                              why=p.why)
    return None


@dataclass(frozen=True)
class HistoryForm:
    term: str
    grade: int | None
    start: str = ""
    end: str = ""
    ongoing: bool = True
    comment: str = ""


@dataclass(frozen=True)
class CheckedHistory:
    term: str
    grade: int | None
    span: Span
    comment: str | None


def check_history(form: HistoryForm, entry: CtcaeEntry | None, today: date
                  ) -> CheckedHistory:
    """A medical history item: a CTCAE term of the dictionary loaded, its grade one the
    term has (grade 5 never: the patient is alive), an end or ongoing."""
    if not form.term.strip():
        raise InvalidEntry("term", "Choose the condition's CTCAE term")
    if entry is None:
        raise InvalidEntry("term", "'{term}' is not a CTCAE term: choose one from the list",
                           term=form.term.strip())
    if form.grade is not None:
        if form.grade == 5:
            raise InvalidEntry("grade", "A history item's grade is 1 to 4")
        problem = grade_problem(entry, form.grade)
        if problem:
            raise InvalidEntry("grade", problem)
    elif form.ongoing:
        raise InvalidEntry("grade", "Give the grade of an ongoing condition: the adverse "
                                    "events of its term are measured against it")
    span = check_span(form.start, form.end, form.ongoing, today, start_required=False)
    return CheckedHistory(entry.term, form.grade, span, form.comment.strip() or None)


@dataclass(frozen=True, slots=True)
class HistoryItem:
    """A stored history item as the AE rules read it."""

    term: str
    grade: int | None
    ongoing: bool
    end: date | None


def history_baseline(term: str | None, items: Sequence[HistoryItem],
                     first_dose: date | None) -> int | None:
    """The baseline grade an AE of `term` starts from: the highest grade of the patient's
    history items of that term still present at the first dose (ongoing, or ended on or
    after it). None: no such item, the AE is judged on its own."""
    if not term:
        return None
    grades = [i.grade for i in items if i.term == term and i.grade is not None
              and (i.ongoing or (first_dose is not None and i.end is not None
                                 and i.end >= first_dose))]
    return max(grades, default=None)


__all__ = ["FREQUENCIES", "ROUTES", "CheckedConMed", "CheckedHistory", "ConMedForm",
           "HistoryForm", "HistoryItem", "Span", "check_conmed", "check_history",
           "check_span", "history_baseline", "prohibited_match"]
