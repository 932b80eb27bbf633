"""An adverse event's record beyond its form's fields: a term coded from the loaded
dictionary, partial onset and end dates kept as typed with the date the rules read imputed,
and a DLT only where and when the protocol assesses DLTs."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from app.errors import InvalidEntry
from app.rules.ctcae import CtcaeEntry
from app.rules.entry.adverse_events import AeForm
from app.rules.future import not_in_future
from app.rules.partial_dates import PartialDate, impute_end, impute_start, parse_partial
from app.rules.protocol import Protocol
from app.rules.refusals import on_field
from app.rules.safety import dlt_problem


def check_coded(meddra_code: str | None, entry: CtcaeEntry | None) -> None:
    """A MedDRA code chosen is one of the loaded dictionary's (`entry`: its row, if any)."""
    if meddra_code and entry is None:
        raise InvalidEntry("term",
                           "'{meddra_code}' is not in the loaded CTCAE dictionary",
                           meddra_code=meddra_code)


def check_dlt(protocol: Protocol, part: int, onset: date | None,
              period: tuple[date, date] | None) -> None:
    """An AE marked a DLT: dated, in a DLT part, starting inside the DLT `period`."""
    if onset is None:  # checked by the entry rules before
        raise InvalidEntry("onset_date", "Give the onset date")
    problem = dlt_problem(protocol, part, onset, period)
    if problem:
        raise InvalidEntry("dlt", problem)


def impute_dates(form: AeForm, today: date, first_dose: date | None,
                 consent: date | None) -> AeForm:
    """A partial onset or end kept as entered, with the date every rule reads imputed from
    it (app/rules/partial_dates.py); the first grade starts at the imputed onset."""
    onset, end = form.onset_date, form.end_date
    onset_text = end_text = None
    earliest = None  # the partial onset's first possible day
    for name, text in (("onset_date", form.onset_partial), ("end_date", form.end_partial)):
        if not text:
            continue
        with on_field(name):
            parsed = parse_partial(text)
        if not isinstance(parsed, PartialDate):  # a full date after all
            onset, onset_text = (parsed, None) if name == "onset_date" else (onset, onset_text)
            end, end_text = (parsed, None) if name == "end_date" else (end, end_text)
            continue
        not_in_future(name, parsed.earliest, today, "Onset {text} is in the future"
                      if name == "onset_date" else "End {text} is in the future",
                      text=parsed.text)
        if name == "onset_date":
            onset, onset_text = impute_start(parsed, today, first_dose, consent), parsed.text
            earliest = parsed.earliest
        else:
            end, end_text = impute_end(parsed, today), parsed.text
    grades = list(form.grades)
    if earliest and onset and grades and earliest <= grades[0].start < onset:
        grades[0] = replace(grades[0], start=onset)  # the partial month's first day, typed
    return replace(form, onset_date=onset, end_date=end, onset_partial=onset_text,
                   end_partial=end_text, grades=grades)


__all__ = ["check_coded", "check_dlt", "impute_dates"]
