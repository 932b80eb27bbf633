"""Study drug at the site, as the forms enter it: dosing recorded only under a protocol's
[dosing] section, and a dispensing's dates and counts (what came back not before it went
out, neither in the future)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.errors import InvalidEntry
from app.rules.dosing import Supply, check_supply
from app.rules.future import not_in_future
from app.rules.protocol import Protocol
from app.rules.protocol.dosing import Dosing


def dosing_of(protocol: Protocol) -> Dosing:
    """The protocol's [dosing] section; InvalidEntry where doses are recorded at the visits
    only."""
    if protocol.dosing is None:
        raise InvalidEntry("kind", "The protocol of {code} has no [dosing] section: doses are "
                                   "recorded at the visits only",
                                   code=protocol.code)
    return protocol.dosing


@dataclass(frozen=True)
class SupplyForm:
    cycle: int | None
    dispensed_on: date | None
    lot: str
    dispensed: int | None
    returned_on: date | None = None
    returned: int | None = None
    missed_doses: int | None = None
    comment: str | None = None


def check_supply_form(form: SupplyForm, today: date) -> Supply:
    """A dispensing as typed: cycle, date, lot and count given; dates not in the future, the
    return not before the dispensing; the counts as check_supply allows. The supply."""
    if form.cycle is None:
        raise InvalidEntry("cycle", "Give the cycle the study drug is for")
    if form.dispensed_on is None:
        raise InvalidEntry("dispensed_on", "Give the date dispensed")
    if not form.lot.strip():
        raise InvalidEntry("lot", "Give the lot number on the bottle")
    if form.dispensed is None:
        raise InvalidEntry("dispensed", "Give the number of tablets dispensed")
    not_in_future("dispensed_on", form.dispensed_on, today, "The date dispensed is in the future")
    if form.returned is not None and form.returned_on is None:
        raise InvalidEntry("returned_on", "Give the date the tablets came back")
    if form.returned_on is not None and form.returned_on < form.dispensed_on:
        raise InvalidEntry("returned_on", "Tablets cannot come back before they were "
                           "dispensed")
    not_in_future("returned_on", form.returned_on, today, "The date returned is in the future")
    supply = Supply(form.cycle, form.dispensed, form.returned, form.missed_doses)
    check_supply(supply)
    return supply


__all__ = ["SupplyForm", "check_supply_form", "dosing_of"]
