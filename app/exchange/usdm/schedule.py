"""The main timeline of a USDM design as the app's visits, cycles and series.

Each ScheduledActivityInstance of the main timeline is a visit coded by its name; its
Timing says from which instance it counts (the Fixed Reference is the first dose; a visit
counted from another visit anchors on that visit's actual date; one counted from the end of
the treatment loop anchors on the last dose), by how much and with which window. A decision
that loops back to a treatment visit makes the cycles; one that loops back to any other
visit makes a series (scans, survival contacts). Whatever the file leaves open is asked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from app.exchange.usdm.context import Context, Placed
from app.exchange.usdm.durations import MINUTES_PER_DAY
from app.exchange.usdm.model import ACTIVITY, Instance, Timeline, Timing

_PROSE_REPEAT = re.compile(r"\d\s*\+(?!\s*/)|\band beyond\b|\bonwards\b|\bsubsequent\b",
                           re.IGNORECASE)
_TIMES = re.compile(r"(\d+)\s*(?:times|assessments|visits|scans|contacts|cycles)",
                    re.IGNORECASE)
_WITHIN = re.compile(r"within\s+(\d+)\s*(year|month|week|day)s?", re.IGNORECASE)
_UNIT_DAYS = {"year": 365, "month": 30, "week": 7, "day": 1}
_KINDS = (
    (re.compile(r"screen", re.I), "screening"),
    (re.compile(r"end of treatment|\bEOT\b", re.I), "end_of_treatment"),
    (re.compile(r"safety", re.I), "safety_follow_up"),
    (re.compile(r"surviv|long[- ]term", re.I), "survival"),
    (re.compile(r"tumou?r|imaging|\bscan|recist", re.I), "tumour_assessment"),
    (re.compile(r"treatment|cycle|dos(e|ing)|lead-in", re.I), "treatment"),
)


@dataclass
class Loop:
    start: Instance  # the visit that repeats
    decision: Instance | None  # the decision that loops back to it (None: said in prose)
    condition: str


@dataclass
class Schedule:
    first_dose_visit: str = ""
    visits: list[dict[str, Any]] = field(default_factory=list)
    cycles: dict[str, Any] | None = None
    series: list[dict[str, Any]] = field(default_factory=list)
    #: instance id -> the visit code the app gives it (a cycle's day 1: "C{n}D1")
    codes: dict[str, str] = field(default_factory=dict)
    #: encounter id -> the visit code of the main timeline's instance at it
    at_encounter: dict[str, str] = field(default_factory=dict)
    #: fixed visit code -> its day counted from the first dose, where the chain says it
    day_of: dict[str, int] = field(default_factory=dict)


def main_timeline(ctx: Context) -> Timeline:
    timelines = ctx.design.timelines
    mains = [t for t in timelines if t.main]
    if len(mains) != 1:
        ctx.ask(ctx.design.id, f"{len(mains)} timelines are marked as the main one",
                f"{(mains or list(timelines))[0].id} read as the main timeline")
    return (mains or list(timelines))[0]


class _Mapper:
    def __init__(self, ctx: Context, tl: Timeline) -> None:
        self.ctx, self.tl = ctx, tl
        self.out = Schedule()
        self.timings: dict[str, list[Timing]] = {}
        for t in tl.timings:
            self.timings.setdefault(t.from_id, []).append(t)
        self.order = [i for i in tl.instances]
        self.index = {i.id: n for n, i in enumerate(self.order)}
        self.first: Instance | None = None
        self.cycle_decision: str | None = None
        self.in_loops: set[str] = set()

    # --- what each visit is ------------------------------------------------------------
    def kind(self, inst: Instance) -> str:
        enc = self.ctx.encounters.get(inst.encounter_id or "")
        epoch = self.ctx.epochs.get(inst.epoch_id or "")
        for words in (enc.words if enc else "", inst.words,
                      f"{epoch.words} {epoch.type}" if epoch else ""):
            for pattern, kind in _KINDS:
                if pattern.search(words):
                    return kind
        self.ctx.ask(inst.id, "its kind of visit is not said by its encounter or epoch",
                     "treatment")
        return "treatment"

    def label(self, inst: Instance) -> str:
        enc = self.ctx.encounters.get(inst.encounter_id or "")
        return (enc.description or enc.label) if enc else (
            inst.description or inst.label or inst.name)

    def code(self, inst: Instance) -> str:
        base = re.sub(r"[^A-Za-z0-9_-]", "", inst.name).upper().strip("-_") or (
            f"V{self.index.get(inst.id, 0) + 1}")
        code, n = base, 2
        while code in self.out.codes.values():
            code, n = f"{base}{n}", n + 1
        if code != base or not inst.name:
            self.ctx.ask(inst.id, f"its name '{inst.name}' does not give a visit code of "
                         "its own", f"code {code} written")
        return code

    # --- the chain of timings -----------------------------------------------------------
    def timing(self, inst: Instance) -> Timing | None:
        found = self.timings.get(inst.id, [])
        if len(found) > 1:
            self.ctx.ask(inst.id, f"{len(found)} timings place it "
                         f"({', '.join(t.id for t in found)})", f"{found[0].id} used")
        if not found:
            self.ctx.ask(inst.id, "no timing of the main timeline places it",
                         "placed on the first dose, offset 0")
        return found[0] if found else None

    def anchor(self, t: Timing) -> str:
        to = t.to_id
        if self.first is not None and to == self.first.id:
            return "first_dose"
        if to in self.out.codes and to not in self.in_loops:
            return self.out.codes[to]
        if to == self.cycle_decision:
            if "end" not in t.relative_to_from.lower().split(" to ")[0]:
                self.ctx.ask(t.id, f"it counts from the start of {to}, the end of the "
                             "cycles; the app counts from the last dose",
                             "anchored on the last dose")
            return "last_dose"
        inst = self.ctx.instances.get(to)
        on_main = inst is not None and inst.timeline_id == self.tl.id
        after_cycles = self.cycle_decision is not None and self.index.get(
            t.from_id, -1) > self.index.get(self.cycle_decision, 1 << 30)
        guess = "last_dose" if self.ctx.is_decision(to) or after_cycles else "first_dose"
        why = ("it is a decision that ends no cycle" if on_main
               else self.ctx.where(to))
        self.ctx.ask(t.id, f"broken chain: it counts from {to or 'nothing'} ({why})",
                     f"anchored on {guess}")
        return guess

    def days(self, placed: Placed) -> tuple[int, dict[str, int]]:
        return (round(placed.minutes / MINUTES_PER_DAY),
                {"before": round(placed.before_min / MINUTES_PER_DAY),
                 "after": round(placed.after_min / MINUTES_PER_DAY)})

    # --- loops --------------------------------------------------------------------------
    def loops(self) -> list[Loop]:
        found: list[Loop] = []
        for d in self.order:
            for condition, target in d.branches:
                start = self.ctx.instances.get(target)
                if (start is not None and start.kind == ACTIVITY
                        and self.index.get(target, 1 << 30) < self.index[d.id]):
                    found.append(Loop(start, d, condition))
        looped = {loop.start.id for loop in found}
        for inst in self.order:
            enc = self.ctx.encounters.get(inst.encounter_id or "")
            words = f"{inst.words} {enc.words if enc else ''}"
            if inst.kind == ACTIVITY and inst.id not in looped and _PROSE_REPEAT.search(words):
                nxt = self.ctx.instances.get(inst.next_id or "")
                found.append(Loop(inst, nxt if nxt and nxt.kind != ACTIVITY
                                  and nxt.id in self.index else None, ""))
                self.ctx.ask(inst.id, f"its repeat is said only in prose ('{words.strip()}')"
                             ": no decision loops back to it", "repeated (see below)")
        return found


def map_schedule(ctx: Context) -> Schedule:
    from app.exchange.usdm.schedule_loops import build

    tl = main_timeline(ctx)
    return build(_Mapper(ctx, tl))
