"""PK sampling from the USDM timelines an activity of a visit points to (its flow chart):
each sample instance is placed by its chain of timings from the timeline's fixed reference,
counted from the dose of its own visit (or of the last visit dosed before it), and filed
under the visit of its encounter. A sample whose encounter is not where its timing puts it,
a chain that breaks, a tolerance given as text: asked, never guessed silently."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from app.exchange.usdm.context import Context, Placed
from app.exchange.usdm.durations import MINUTES_PER_DAY
from app.exchange.usdm.model import ACTIVITY, Instance, Timeline
from app.exchange.usdm.schedule import Schedule, main_timeline

_CYCLE_N = re.compile(r"C(\d+)D1", re.IGNORECASE)
_DAY = re.compile(r"\bday\s*(\d+)|\bD(\d+)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Sample:
    instance: str
    visit: str
    cycle: int | None  # for the cycles' day 1 template: which cycle, when the name says
    dose_of: str | None
    nominal_min: int
    before_min: int
    after_min: int
    pre_dose: bool


def _tp_id(s: Sample) -> str:
    if s.pre_dose:
        return "pre"
    m = s.nominal_min
    return f"{m / 60:g}h" if m % 30 == 0 else f"{m}min"


def _tp_label(s: Sample) -> str:
    if s.pre_dose:
        return "pre-dose"
    m = s.nominal_min
    return f"{m / 60:g} h" if m % 30 == 0 else f"{m} min"


def pk_timelines(ctx: Context) -> list[Timeline]:
    main = main_timeline(ctx)
    referred = {a.timeline_id for a in ctx.design.activities
                if a.id in ctx.pk_activities and a.timeline_id}
    return [t for t in ctx.design.timelines if t.id != main.id and (
        t.id in referred or any(ctx.has_pk_sample(i) for i in t.instances))]


def _chain(ctx: Context, tl: Timeline) -> tuple[dict[str, int], dict[str, tuple[Placed, str]]]:
    """Each instance's minutes from the timeline's fixed reference, and its own timing."""
    own: dict[str, tuple[Placed, str]] = {}
    for t in tl.timings:
        if t.from_id in own:
            ctx.ask(t.id, f"a second timing places {t.from_id}", "the first one used")
            continue
        own[t.from_id] = (ctx.place(t, unit_days=False), t.to_id)
    fixed = [t for t in tl.timings if t.type.lower().startswith("fixed")]
    at: dict[str, int] = {fixed[0].from_id: 0} if fixed else {}
    if not fixed:
        ctx.ask(tl.id, "no Fixed Reference timing: its samples count from nothing",
                "its samples left out")
    grew = True
    while grew:
        grew = False
        for iid, (placed, to) in own.items():
            if iid not in at and to in at:
                at[iid] = at[to] + placed.minutes
                grew = True
    return at, own


def map_pk(ctx: Context, sched: Schedule) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    main = main_timeline(ctx)
    at_encounter: dict[str, str] = {}
    for inst in main.instances:
        if inst.encounter_id and inst.id in sched.codes:
            at_encounter.setdefault(inst.encounter_id, sched.codes[inst.id])
    samples: list[Sample] = []
    for tl in pk_timelines(ctx):
        samples += _samples(ctx, tl, at_encounter)
    return _timepoints(ctx, samples), _visits(samples)


def _visit_of(ctx: Context, inst: Instance, at_encounter: dict[str, str]) -> str | None:
    visit = at_encounter.get(inst.encounter_id or "")
    if visit is None:
        ctx.ask(inst.id, f"filed under {inst.encounter_id or 'no encounter'}, which is no "
                "visit of the main timeline", "left out")
    elif "{" in visit and "{n}" not in visit:
        ctx.ask(inst.id, f"a sample at a repeating series' visit ({visit}): the app samples "
                "PK at fixed visits and cycle days", "left out")
        return None
    return visit


def _samples(ctx: Context, tl: Timeline, at_encounter: dict[str, str]) -> list[Sample]:
    at, own = _chain(ctx, tl)
    doses: dict[str, int] = {}
    for inst in tl.instances:
        visit = at_encounter.get(inst.encounter_id or "")
        if inst.kind == ACTIVITY and ctx.is_dosing(inst) and inst.id in at and visit:
            key = _occurrence(inst, visit)
            doses[key] = min(doses.get(key, at[inst.id]), at[inst.id])
    out = []
    for inst in tl.instances:
        if inst.kind != ACTIVITY or not ctx.has_pk_sample(inst):
            continue
        if inst.id not in at:
            ctx.ask(inst.id, "broken chain: its timings do not reach the timeline's fixed "
                    "reference", "left out")
            continue
        visit = _visit_of(ctx, inst, at_encounter)
        if visit is not None:
            _check_chain(ctx, inst, own[inst.id])
            sample = _sample(ctx, inst, visit, at[inst.id], own[inst.id][0], doses)
            if sample is not None:
                out.append(sample)
    return out


def _occurrence(inst: Instance, visit: str) -> str:
    """A visit and, for the cycles' template, which cycle the instance's name says."""
    if "{n}" not in visit:
        return visit
    found = _CYCLE_N.search(inst.name)
    return f"{visit}#{found.group(1) if found else 'x'}"


def _sample(ctx: Context, inst: Instance, visit: str, minutes: int, placed: Placed,
            doses: dict[str, int]) -> Sample | None:
    _check_encounter(ctx, inst, visit)
    dose_of = None
    key = _occurrence(inst, visit)
    if key in doses:
        nominal = minutes - doses[key]
    else:
        earlier = [(m, v.split("#")[0]) for v, m in doses.items() if m <= minutes]
        if not earlier:
            ctx.ask(inst.id, f"no dose before this sample at {visit}", "left out")
            return None
        dose_at, dose_of = max(earlier)
        nominal = minutes - dose_at
    pre = nominal <= 0 and placed.minutes <= 0
    if nominal < 0 and not (pre and nominal >= -placed.before_min):
        ctx.ask(inst.id, f"it comes {-nominal} min before its visit's dose", "pre-dose")
    if key in doses and nominal >= MINUTES_PER_DAY:
        ctx.ask(inst.id, f"filed under {inst.encounter_id} ({visit}), an unexpected "
                f"encounter: it is timed {nominal / 60:g} h after that visit's dose, on "
                "another day",
                f"kept at {visit}")
    if dose_of is not None and "{" in dose_of:
        ctx.ask(inst.id, f"a sample at {visit}, which has no dose of its own, counted "
                f"from the dose of a repeating cycle ({dose_of})", "left out")
        return None
    found = _CYCLE_N.search(inst.name)
    cycle = int(found.group(1)) if found and "{n}" in visit else None
    return Sample(inst.id, visit, cycle, dose_of, 0 if pre else nominal,
                  placed.before_min, 0 if pre else placed.after_min, pre)


def _check_chain(ctx: Context, inst: Instance, own: tuple[Placed, str]) -> None:
    """A sample timed within the hour from an instance of another visit: a broken chain
    (the file meant its own visit's instance of the same name, most likely)."""
    placed, to = own
    other = ctx.instances.get(to)
    if (other is not None and other.encounter_id and inst.encounter_id
            and other.encounter_id != inst.encounter_id
            and abs(placed.minutes) < MINUTES_PER_DAY):
        ctx.ask(inst.id, f"broken chain: filed under {inst.encounter_id} but timed "
                f"{placed.minutes} min from {to}, an instance of {other.encounter_id}",
                "placed by that chain")


def _check_encounter(ctx: Context, inst: Instance, visit: str) -> None:
    said = _DAY.search(inst.description or inst.label)
    code_day = re.search(r"D(\d+)$", visit)
    if said and code_day and (said.group(1) or said.group(2)) != code_day.group(1):
        ctx.ask(inst.id, f"'{inst.description or inst.label}' is filed under "
                f"{inst.encounter_id} ({visit}): an unexpected encounter", f"kept at {visit}")


def _timepoints(ctx: Context, samples: list[Sample]) -> list[dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for s in sorted(samples, key=lambda s: (not s.pre_dose, s.nominal_min)):
        tp: dict[str, Any] = {"id": _tp_id(s), "label": _tp_label(s), "nominal_min": s.nominal_min,
              "before_min": s.before_min, "after_min": s.after_min}
        if s.pre_dose:
            tp["pre_dose"] = True
        kept = out.setdefault(_tp_id(s), tp)
        if (kept["before_min"], kept["after_min"]) != (s.before_min, s.after_min):
            ctx.ask(s.instance, f"the {tp['label']} sample has the tolerance "
                    f"-{s.before_min}/+{s.after_min} min at {s.visit} but "
                    f"-{kept['before_min']}/+{kept['after_min']} min elsewhere",
                    "the first one written")
    return list(out.values())


def _visits(samples: list[Sample]) -> list[dict[str, Any]]:
    cycles = [s.cycle for s in samples if s.cycle is not None]
    rest = max(cycles, default=1) + 1
    by: dict[tuple[str, int | None], dict[str, Any]] = {}
    for s in samples:
        cycle = (s.cycle or rest) if "{n}" in s.visit else None
        pv = by.setdefault((s.visit, cycle), {"visit": s.visit, "timepoints": []})
        if cycle is not None:
            pv["from_cycle"] = cycle
        if s.dose_of:
            pv["dose_of"] = s.dose_of
        if _tp_id(s) not in pv["timepoints"]:
            pv["timepoints"].append(_tp_id(s))
    order = sorted(by.items(), key=lambda kv: (kv[0][1] is not None, -(kv[0][1] or 0)))
    for _, pv in order:
        pv["timepoints"].sort(key=lambda i: (i != "pre", _minutes_of(i)))
    return [pv for _, pv in order]


def _minutes_of(tp_id: str) -> float:
    if tp_id == "pre":
        return 0
    return float(tp_id[:-1]) * 60 if tp_id.endswith("h") else float(tp_id[:-3])
