"""What the mapping from USDM to a draft protocol shares: the design's elements by id, the
review items collected on the way, and the reading of one timing."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.exchange.usdm.durations import duration_minutes, text_window_minutes, whole_days
from app.exchange.usdm.model import (
    ACTIVITY,
    DECISION,
    Activity,
    Instance,
    Named,
    StudyDesign,
    StudyVersion,
    Timeline,
    Timing,
)

_DOSING = re.compile(r"\b(administration|administered|dosing|infusion)\b", re.IGNORECASE)
_PK = re.compile(r"\bPK\b|pharmacokinetic", re.IGNORECASE)
_VITALS = re.compile(r"vital", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """A decision the import could not make: the USDM element, what to decide, and what
    the draft wrote meanwhile (its guess)."""

    element: str
    what: str
    guess: str = ""


@dataclass(frozen=True, slots=True)
class Placed:
    """One timing read: days (or minutes) from the instance it counts from, and its window."""

    minutes: int
    before_min: int
    after_min: int


class Context:
    def __init__(self, version: StudyVersion, design: StudyDesign) -> None:
        self.version = version
        self.design = design
        self.instances: dict[str, Instance] = {
            i.id: i for t in design.timelines for i in t.instances}
        self.encounters: dict[str, Named] = {e.id: e for e in design.encounters}
        self.epochs: dict[str, Named] = {e.id: e for e in design.epochs}
        self.activities: dict[str, Activity] = {a.id: a for a in design.activities}
        self.concepts: dict[str, Named] = {c.id: c for c in version.concepts}
        self.timelines: dict[str, Timeline] = {t.id: t for t in design.timelines}
        self.review: list[ReviewItem] = []
        parents = {c: a for a in design.activities for c in a.child_ids}
        self.pk_activities = {a.id for a in design.activities
                              if self._is_pk(a) or (a.id in parents
                                                    and self._is_pk(parents[a.id]))}

    def ask(self, element: str, what: str, guess: str = "") -> None:
        item = ReviewItem(element or "?", what, guess)
        if item not in self.review:
            self.review.append(item)

    def _is_pk(self, a: Activity) -> bool:
        return bool(_PK.search(a.words)) or any(
            _PK.search(self.concepts[c].words) for c in a.concept_ids if c in self.concepts)

    def activities_of(self, inst: Instance) -> list[Activity]:
        return [self.activities[a] for a in inst.activity_ids if a in self.activities]

    def is_dosing(self, inst: Instance) -> bool:
        return any(_DOSING.search(a.name) and a.id not in self.pk_activities
                   for a in self.activities_of(inst))

    def has_vitals(self, inst: Instance) -> bool:
        return any(_VITALS.search(a.words) for a in self.activities_of(inst))

    def has_pk_sample(self, inst: Instance) -> bool:
        return any(a in self.pk_activities and not self.activities[a].timeline_id
                   for a in inst.activity_ids)

    def procedures(self, inst: Instance) -> list[str]:
        return [a.label or a.name for a in self.activities_of(inst) if a.label or a.name]

    def where(self, instance_id: str) -> str:
        """Which timeline an instance is in, for a review item's words."""
        inst = self.instances.get(instance_id)
        if inst is None:
            return "no timeline of the file has it"
        tl = self.timelines.get(inst.timeline_id)
        return f"it is in the timeline {inst.timeline_id}" + (f" ({tl.name})" if tl else "")

    def is_activity(self, instance_id: str) -> bool:
        inst = self.instances.get(instance_id)
        return inst is not None and inst.kind == ACTIVITY

    def is_decision(self, instance_id: str) -> bool:
        inst = self.instances.get(instance_id)
        return inst is not None and inst.kind == DECISION

    def place(self, t: Timing, unit_days: bool) -> Placed:
        """The signed offset of a timing and its window, in minutes; every guess asked."""
        minutes = duration_minutes(t.value)
        if minutes is None:
            self.ask(t.id, f"its value '{t.value}' ({t.value_label}) is not an ISO 8601 "
                     "duration of fixed length", "0 written")
            minutes = 0
        if t.type.lower().startswith("before"):
            minutes = -minutes
        elif not t.type.lower().startswith(("after", "fixed")):
            self.ask(t.id, f"its type '{t.type}' is neither Before nor After",
                     "read as After")
        lower, upper = duration_minutes(t.window_lower), duration_minutes(t.window_upper)
        if lower is None or upper is None:
            lower, upper = self._text_window(t, lower, upper)
        if unit_days and (whole_days(minutes) is None or whole_days(lower) is None
                          or whole_days(upper) is None):
            self.ask(t.id, f"'{t.value}' with window {t.window_lower}..{t.window_upper} "
                     "is not in whole days", "rounded to days")
        return Placed(minutes, lower, upper)

    def _text_window(self, t: Timing, lower: int | None, upper: int | None
                     ) -> tuple[int, int]:
        if t.type.lower().startswith("fixed"):
            return 0, 0
        from_text = text_window_minutes(t.window_label)
        if from_text is not None:
            self.ask(t.id, f"its window is given only as text ('{t.window_label}')",
                     f"{from_text[0]} min before, {from_text[1]} min after written")
            return (lower if lower is not None else from_text[0],
                    upper if upper is not None else from_text[1])
        said = f" (its text: '{t.window_label}')" if t.window_label else ""
        self.ask(t.id, f"it gives no window{said}", "no window (0 before, 0 after) written")
        return lower or 0, upper or 0
