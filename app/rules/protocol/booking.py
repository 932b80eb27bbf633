"""What each visit takes of the site's day, read from the protocol's `[booking]`: how long
it lasts, the place it needs (a chair or bed, a room, none at the unit: a scan, or a phone
call) and whether a nurse is with the patient. Optional: a study without it books every
visit as its defaults (an hour in a chair with a nurse)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from app.rules.protocol.reader import Reader

#: the places a visit may need: a chair (or bed), a room, nothing of the unit's, a phone call
PLACES = ("chair", "room", "none", "phone")


@dataclass(frozen=True, slots=True)
class VisitNeeds:
    """What one visit type takes: `minutes` from its booked time, a place, a nurse."""

    label: str
    minutes: int
    place: str = "chair"
    nurse: bool = True

    @property
    def takes_a_place(self) -> bool:
        """Whether the visit holds one of the site's resources (a chair or a room)."""
        return self.place in ("chair", "room")


@dataclass(frozen=True, slots=True)
class VisitType:
    needs: VisitNeeds
    visits: tuple[str, ...] = ()  # codes or cycle templates ("C{n}D1")
    kinds: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class BookingDef:
    """The protocol's `[booking]`: the defaults, the visit types, the PK day's clock."""

    default: VisitNeeds
    types: tuple[VisitType, ...] = ()
    #: the dose is given this long after the patient's booked arrival (PK ticks follow it)
    dose_after_minutes: int = 30
    #: a nurse draws one tube at a time: two of her timepoints at least this far apart
    tube_minutes: int = 10


DEFAULT_BOOKING = BookingDef(VisitNeeds("Visit", 60))


def _needs(r: Reader, d: dict[str, Any], key: str, base: VisitNeeds) -> VisitNeeds:
    place = r.get(d, key, "place", str, base.place) or base.place
    if place not in PLACES:
        r.fail(f"{key}.place", f"'{place}' is not one of {', '.join(PLACES)}")
        place = base.place
    minutes = r.get(d, key, "minutes", int, base.minutes, minimum=5) or base.minutes
    if minutes > 24 * 60:
        r.fail(f"{key}.minutes", f"a visit lasts at most a day (1440), not {minutes}")
    return VisitNeeds(label=r.get(d, key, "label", str, base.label) or base.label,
                      minutes=minutes, place=place,
                      nurse=bool(r.get(d, key, "nurse", bool, base.nurse)))


def _template_known(code: str, patterns: tuple[tuple[re.Pattern[str], str], ...]) -> bool:
    """Whether a cycle or series template ("C{n}D1", "SURV{k}") names visits of the file."""
    sample = code.replace("{n}", "2").replace("{k}", "1")
    return "{" in code and any(p.fullmatch(sample) for p, _ in patterns)


def _matches(entry: str, code: str) -> bool:
    if "{" not in entry:
        return entry == code
    pattern = re.escape(entry).replace(re.escape("{n}"), r"\d+").replace(re.escape("{k}"),
                                                                            r"\d+")
    return re.fullmatch(pattern, code) is not None


def needs_of(booking: BookingDef | None, code: str, kind: str | None) -> VisitNeeds:
    """What a visit takes: the first type naming its code (or its template), else the first
    naming its kind, else the defaults."""
    b = booking or DEFAULT_BOOKING
    for t in b.types:
        if any(_matches(v, code) for v in t.visits):
            return t.needs
    for t in b.types:
        if kind in t.kinds:
            return t.needs
    return b.default


def parse_booking(r: Reader, data: dict[str, Any], codes: set[str], kinds: set[str],
                  patterns: tuple[tuple[re.Pattern[str], str], ...]) -> BookingDef | None:
    """`[booking]`, or None where the file has none; every visit or kind it names must be
    one of the protocol's."""
    b = r.table(data, "", "booking", required=False)
    if not b:
        return None
    default = _needs(r, b, "booking", DEFAULT_BOOKING.default)
    types = []
    for i, t in enumerate(r.array(b, "booking", "types", required=False)):
        key = f"booking.types[{i}]"
        if not isinstance(t, dict):
            r.fail(key, "must be a table")
            continue
        visits, type_kinds = r.strings(t, key, "visits"), r.strings(t, key, "kinds")
        for code in visits:
            if code not in codes and not _template_known(code, patterns):
                r.fail(f"{key}.visits", f"unknown visit '{code}'")
        for kind in type_kinds:
            if kind not in kinds:
                r.fail(f"{key}.kinds", f"unknown kind '{kind}'")
        if not visits and not type_kinds:
            r.fail(key, "name the visits or the kinds it is for")
        types.append(VisitType(_needs(r, t, key, default), visits, type_kinds))
    return BookingDef(
        default, tuple(types),
        dose_after_minutes=r.get(b, "booking", "dose_after_minutes", int, 30, minimum=0) or 0,
        tube_minutes=r.get(b, "booking", "tube_minutes", int, 10, minimum=1) or 10)


__all__ = ["DEFAULT_BOOKING", "PLACES", "BookingDef", "VisitNeeds", "VisitType", "needs_of",
           "parse_booking"]
