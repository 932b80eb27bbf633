"""Groups a site's results are split by, pure: part, dose level (Part 1), cohort (Part 2).

Dose levels belong to the part that escalates and cohorts to the part that expands (the
protocol's `parts.uses`); a patient of the other part is in neither grouping.
"""

from __future__ import annotations

from enum import StrEnum

from app.rules.protocol import Protocol


class GroupBy(StrEnum):
    PART = "part"
    DOSE_LEVEL = "dose-level"
    COHORT = "cohort"

    @property
    def word(self) -> str:
        return {"part": "Part", "dose-level": "Dose level", "cohort": "Cohort"}[self.value]


ALL = "All patients"


def group_of(protocol: Protocol, by: GroupBy | None, part: int, dose_level: str | None,
             cohort: str | None) -> str | None:
    """The group a patient falls in (its label), or None when it is in none of them."""
    if by is None:
        return ALL
    uses = {p.number: p.uses for p in protocol.parts}
    if by is GroupBy.PART:
        return next((p.label for p in protocol.parts if p.number == part), f"Part {part}")
    if by is GroupBy.DOSE_LEVEL:
        if uses.get(part) != "dose_levels" or not dose_level:
            return None
        return protocol.dose_text(dose_level)
    if uses.get(part) != "cohorts" or not cohort:
        return None
    return next((c.label for c in protocol.cohorts if c.code == cohort), cohort)


def group_order(protocol: Protocol, by: GroupBy | None) -> list[str]:
    """The groups in the protocol's order (dose levels by dose, lowest first)."""
    if by is None:
        return [ALL]
    if by is GroupBy.PART:
        return [p.label for p in protocol.parts]
    if by is GroupBy.DOSE_LEVEL:
        levels = sorted(protocol.dose_levels, key=lambda d: (d.dose_mg or 0, d.code))
        return [protocol.dose_text(d.code) for d in levels]
    return [c.label for c in protocol.cohorts]
