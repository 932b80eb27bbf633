"""The end of a patient's study beyond its form's fields: a death date known in part,
kept as typed with the date the rules read imputed; the reason the visits left open were not
done; and a survival contact's result, which is not changed once saved."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from app.errors import InvalidEntry
from app.rules.dates import fmt_date
from app.rules.entry.disposition import DispositionForm
from app.rules.future import not_in_future
from app.rules.partial_dates import PartialDate, impute_death, parse_partial
from app.rules.refusals import on_field


def impute_death_date(form: DispositionForm, today: date, last_alive: date | None
                      ) -> DispositionForm:
    """A death date known in part kept as entered, with the date the rules read imputed
    (its first possible day, not before the patient was last known alive)."""
    if not form.death_partial:
        return replace(form, death_partial=None)
    with on_field("death_date"):
        parsed = parse_partial(form.death_partial)
    if not isinstance(parsed, PartialDate):
        return replace(form, death_date=parsed, death_partial=None)
    not_in_future("death_date", parsed.earliest, today, "Death {text} is in the future",
                  text=parsed.text)
    return replace(form, death_date=impute_death(parsed, last_alive),
                   death_partial=parsed.text)


class CancelsBookedVisits(InvalidEntry):
    """The disposition would cancel visits the site has booked: saved only when the user
    says so (`cancel_booked=True`), never silently."""

    def __init__(self, visits: list[tuple[str, date]]) -> None:
        listed = ", ".join(f"{code} ({fmt_date(when)})" for code, when in visits)
        if len(visits) == 1:
            super().__init__("last_dose_date", "This cancels the booked visit {listed}",
                             listed=listed)
        else:
            super().__init__("last_dose_date", "This cancels {n} booked visits: {listed}",
                             n=len(visits), listed=listed)
        self.visits = visits


def check_booked_kept(cancelled: list[tuple[str, date]], confirmed: bool) -> None:
    """Visits the site booked (code, day) that a disposition cancels: refused unless the
    user said so."""
    if cancelled and not confirmed:
        raise CancelsBookedVisits(cancelled)


def check_not_done_reason(reason: str) -> None:
    """Visits left open and marked not done carry the reason why."""
    if not reason:
        raise InvalidEntry("not_done_reason", "Give the reason the visits were not done")


def check_result_kept(new: str | None, saved: str | None) -> None:
    """A death or a loss ends the study: it is corrected under End of treatment, not by
    changing the contact's result."""
    if new != saved:
        raise InvalidEntry("result", "A contact's result is not changed once saved: a "
                           "death or a loss to follow-up is corrected under End of "
                           "treatment, a contact entered in error is marked so")


__all__ = ["CancelsBookedVisits", "check_booked_kept", "check_not_done_reason", "check_result_kept",
           "impute_death_date"]
