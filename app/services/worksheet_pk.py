"""The PK table of a worksheet: when each tube is due, from the dose it counts from.

A tube's due time and window count from the dose the protocol names (the visit's own, or
for LI24/LI48 the lead-in dose and for C1D2 the C1D1 dose). Once that dose time is recorded
the times are the tube's; before, they are *expected*: counted from the dose visit's
recorded clock time or its booked time; with no time at all, the due time is left blank to
write in, beside the tolerance.
What is recorded of a tube (drawn at, or why it was not) is printed as it stands.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from app.rules import pk
from app.rules.dates import fmt_date, fmt_day_month
from app.rules.protocol import PkTimepoint, Protocol
from app.rules.site_time import TimeProblem, local_instant
from app.services.site_time import local
from db.models import PkSample, VisitRecord


@dataclass(frozen=True)
class PkLine:
    label: str
    nominal: datetime | None  # from the recorded, booked or planned dose time, when known
    window: str  # "08:20–08:40", or with no dose time "±10 min", "60 min before the dose"
    sample_id: str
    due: str = ""  # "08:30" (a date when not the visit's day); blank with no dose time
    expected: bool = False  # counted from a dose not yet recorded (booked or planned)
    collected: str = ""  # the recorded collection time
    not_collected: str = ""  # the recorded reason the tube was not drawn


@dataclass(frozen=True)
class DoseBasis:
    """The instant the tubes count from, and whether it is the recorded dose time."""

    at: datetime | None
    recorded: bool
    source: str  # recorded | visit time | booked | none


def dose_basis(record: VisitRecord | None, zone: tzinfo) -> DoseBasis:
    """The dose time the tubes count from: the recorded dose; else (expected) the dose
    visit's recorded clock time, or its booked time; else none yet."""
    if record is None:
        return DoseBasis(None, False, "none")
    if record.dose_at is not None:
        return DoseBasis(local(record.dose_at, zone), True, "recorded")
    for source, day, clock in (("visit time", record.actual_date, record.actual_time),
                               ("booked", record.booked_date, record.booked_time)):
        if day is not None and clock is not None:
            try:
                return DoseBasis(local_instant(day, clock, zone), False, source)
            except TimeProblem:
                continue  # a clock time in a daylight-saving gap: no times from it
    return DoseBasis(None, False, "none")


def _clock(value: datetime, day: date) -> str:
    """'08:30' on the visit's day, '06-JAN 08:30' on another."""
    return f"{value:%H:%M}" if value.date() == day else f"{fmt_day_month(value.date())} " \
                                                          f"{value:%H:%M}"


def _tolerance(t: PkTimepoint) -> str:
    if t.pre_dose:
        return f"within {t.before_min} min before the dose"
    if t.before_min == t.after_min:
        return f"±{t.before_min} min"
    return f"-{t.before_min}/+{t.after_min} min"


def pk_line(slot: pk.SampleSlot, sample_id: str, basis: DoseBasis, day: date,
            sample: PkSample | None, zone: tzinfo) -> PkLine:
    """One tube's row: due time and window from the dose basis (or the tolerance alone)."""
    if basis.at is not None:
        due = pk.times_for(slot, basis.at)
        nominal: datetime | None = due.nominal
        due_text = _clock(due.nominal, day)
        window = f"{_clock(due.earliest, day)}–{_clock(due.latest, day)}"
    else:
        nominal = None
        due_text = ""  # a box: the nurse writes it in once the dose time is known
        window = _tolerance(slot.timepoint)
    collected = local(sample.collected_at, zone) if sample else None
    return PkLine(slot.label, nominal, window, sample_id, due=due_text,
                  expected=not basis.recorded,
                  collected=_clock(collected, day) if collected else "",
                  not_collected=(sample.not_collected_reason or "") if sample else "")


def basis_text(code: str, dose_of: str, basis: DoseBasis, note: str | None) -> str:
    """The sentence under the PK heading: which dose the times count from, and whether they
    are the tubes' times or expected ones."""
    dose = "the dose" if dose_of == code else f"the {dose_of} dose"
    if basis.at is not None:
        when = f"{basis.at:%H:%M} on {fmt_date(basis.at.date())}"
        if basis.recorded:
            text = f"Times count from {dose}, given at {when}."
        else:
            how = "its booked time" if basis.source == "booked" \
                else "the visit's recorded time"
            text = (f"Expected times: {dose} is not recorded yet; counted from {how}, "
                    f"{when}. If the dose is given at another time, the tubes move with it.")
    else:
        text = (f"Expected: no time is known yet for {dose}. Each tube is due its "
                f"timepoint after it: write in the due times once the dose time is known.")
    return f"{text} {note}" if note else text


def pk_table(protocol: Protocol, subject: str, code: str,
             records: Mapping[str, VisitRecord], samples: Mapping[str, PkSample],
             zone: tzinfo, day: date) -> tuple[tuple[PkLine, ...], str | None, str]:
    """(rows, the visit whose dose they count from, the sentence saying how) of a visit's
    PK table; no rows for a visit without PK. `day` is the visit's day (actual, booked or
    target): a time on another day prints its date."""
    if not pk.has_pk(protocol, code):
        return (), None, ""
    slots = pk.slots(protocol, code)
    dose_of = slots[0].dose_of
    basis = dose_basis(records.get(dose_of), zone)
    lines = tuple(pk_line(s, pk.sample_id(protocol.code, subject, code, s.id), basis, day,
                          samples.get(s.id), zone) for s in slots)
    definition = pk.pk_visit(protocol, code)
    return lines, dose_of, basis_text(code, dose_of, basis,
                                      definition.note if definition else None)
