"""What may be marked entered in error, and why it must be said: an AE, a scan, a survival
contact, an unscheduled visit, a dose modification or a dispensing, with a reason; never a
calendar visit; never a contact whose death or loss End of treatment still records."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from app.errors import InvalidEntry
from app.rules.dates import fmt_date


def check_removal(kind: str, reason: str, words: Mapping[str, str]) -> str:
    """A removal of a `kind` of `words` (kind: its name on screen), with its reason; the
    name on screen."""
    if kind not in words:
        raise InvalidEntry("record", "Only {kinds} records are marked entered in error",
                                     kinds=', '.join(words.values()))
    word = words[kind]
    if not reason.strip():
        raise InvalidEntry("reason", "Say why this {word} was entered in error",
                                     word=word)
    return word


def check_not_calendar_visit(kind: str, unscheduled: bool) -> None:
    """A calendar visit is recorded missed or corrected, not entered in error."""
    if kind == "unscheduled" and not unscheduled:
        raise InvalidEntry("record", "A calendar visit is not entered in error: record it "
                           "as not done (missed), or correct it with a reason")


def check_contact_removable(result: str | None, contact_date: date | None,
                            contact_death: date | None, death: date | None,
                            lost: date | None) -> None:
    """A contact whose death or loss to follow-up End of treatment still records (`death`,
    `lost`: the patient's) is the source of the patient's end of study: that is cleared
    there first (with its reason), then the contact can be marked entered in error."""
    if result == "dead" and death is not None and death == contact_death:
        raise InvalidEntry("record", "This contact reported the death on {death}, which End "
                           "of treatment still records: clear Death there first (with the "
                           "reason), then mark this contact entered in error",
                           death=fmt_date(death))
    if result == "lost" and lost is not None and lost == contact_date:
        raise InvalidEntry("record", "This contact recorded the loss to follow-up on {lost}, "
                           "which End of treatment still records: clear Lost to follow-up "
                           "there first (with the reason), then mark this contact entered in "
                           "error", lost=fmt_date(lost))


__all__ = ["check_contact_removable", "check_not_calendar_visit", "check_removal"]
