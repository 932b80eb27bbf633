"""A saved dose time and the PK tubes that count from it, checked together: a tube of this
visit's dose, or a later day's that counts from it (LI24, LI48, C1D2), is refused when the
corrected dose time would put it out of its window, or when the dose time is not given."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from app.errors import InvalidEntry
from app.rules import pk
from app.rules.protocol import Protocol
from app.rules.refusals import on_field


def check_dependent_tubes(protocol: Protocol,
                          collected: Iterable[tuple[str, str, datetime | None]], code: str,
                          dose_of: str, reference: datetime | None) -> None:
    """`collected`: the patient's tubes (visit, timepoint, when collected on the site's clock,
    None when not); `code` the visit saved, `dose_of` its dose, `reference` that dose's time
    on the site's clock (None: not given)."""
    for visit_code, tp, when in collected:
        slot = next((s for s in pk.slots(protocol, visit_code) if s.id == tp), None) \
            if pk.has_pk(protocol, visit_code) else None
        if when is None or slot is None or slot.dose_of != dose_of:
            continue
        if reference is None:
            if visit_code == code:
                raise InvalidEntry("dose_at", "Give the {dose_of} dose time first: the samples "
                                              "count from it",
                                              dose_of=dose_of)
            continue
        with on_field(f"sample:{tp}" if visit_code == code else "dose_at", pk.PkError):
            pk.check(pk.times_for(slot, reference), when, reference)


__all__ = ["check_dependent_tubes"]
