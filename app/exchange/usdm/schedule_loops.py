"""Building the schedule: the fixed reference, codes, the loops (cycles and series), then
every visit placed by its timing, each after the visit it anchors on."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from app.exchange.usdm.durations import MINUTES_PER_DAY
from app.exchange.usdm.model import ACTIVITY, Instance
from app.exchange.usdm.schedule import _TIMES, _UNIT_DAYS, _WITHIN, Loop, Schedule

if TYPE_CHECKING:
    from app.exchange.usdm.schedule import _Mapper


def build(m: _Mapper) -> Schedule:
    _first_dose(m)
    visits = [i for i in m.order if i.kind == ACTIVITY
              and (i.encounter_id or i.activity_ids or i.id == getattr(m.first, "id", ""))]
    for inst in visits:
        m.out.codes[inst.id] = m.code(inst)
        if inst.encounter_id and inst.encounter_id not in m.out.at_encounter:
            m.out.at_encounter[inst.encounter_id] = m.out.codes[inst.id]
    loops = [lp for lp in m.loops() if _repeats(m, lp)]
    cycle = next((lp for lp in loops if _is_cycle(m, lp)), None)
    loops = [lp for lp in loops if lp is cycle or _not_treatment(m, lp, cycle)]
    for loop in loops:
        m.in_loops |= _members(m, loop)
    if cycle is not None and cycle.decision is not None:
        m.cycle_decision = cycle.decision.id
    _place_visits(m, [i for i in visits if i.id not in m.in_loops])
    if cycle is not None:
        _cycles(m, cycle)
    for loop in loops:
        if loop is not cycle and loop.start.id not in _continuations(m, loops):
            m.out.series.append(_series(m, loop, loops))
    return m.out


def _first_dose(m: _Mapper) -> None:
    fixed = [t for t in m.tl.timings if t.type.lower().startswith("fixed")]
    if len(fixed) > 1:
        m.ctx.ask(m.tl.id, f"{len(fixed)} Fixed Reference timings "
                  f"({', '.join(t.id for t in fixed)})", f"{fixed[0].id} is the first dose")
    first = m.ctx.instances.get(fixed[0].from_id) if fixed else None
    if first is None:
        first = m.ctx.instances.get(m.tl.entry_id or "") or next(
            (i for i in m.order if i.kind == ACTIVITY), None)
        m.ctx.ask(m.tl.id, "no Fixed Reference timing says which visit is the first dose",
                  f"{first.id if first else 'nothing'} taken as the first dose")
    m.first = first


def _interval(m: _Mapper, loop: Loop) -> int | None:
    """Minutes from the loop's first visit to its decision, along the decision's chain of
    timings (None where the chain does not come back to it)."""
    at, total = loop.decision.id if loop.decision else "", 0
    for _ in range(len(m.order)):
        found = m.timings.get(at, [])
        if not found:
            return None
        total += m.ctx.place(found[0], unit_days=False).minutes
        at = found[0].to_id
        if at == loop.start.id:
            return total
    return None


def _repeats(m: _Mapper, loop: Loop) -> bool:
    """A loop whose decision comes back at least a day after its first visit; one that
    does not (a day repeated "while Day = -6") is asked, and its visits written once."""
    every = _interval(m, loop)
    if every is None or every >= MINUTES_PER_DAY:
        return True
    m.ctx.ask(loop.decision.id if loop.decision else loop.start.id,
              f"it repeats {loop.start.id} ('{loop.condition}') {every} min after it: not "
              "a repeat the app can project", "its visits written once, not repeated")
    return False


def _is_cycle(m: _Mapper, loop: Loop) -> bool:
    """A loop of treatment visits that makes cycles: its first day 1 counted at least a
    day after the visit before it, and every day of it within the cycle."""
    if m.kind(loop.start) != "treatment":
        return False
    t = m.timings.get(loop.start.id, [])
    length = m.ctx.place(t[0], unit_days=False).minutes if t else 0
    days = [m.ctx.place(m.timings[i][0], unit_days=False).minutes
            for i in _members(m, loop) - {loop.start.id}]
    if length >= MINUTES_PER_DAY and all(0 < d < length for d in days):
        return True
    m.ctx.ask(loop.start.id, f"a repeat of treatment visits ('{loop.condition}') whose "
              f"cycle would be {length // MINUTES_PER_DAY} days, shorter than its own days",
              "its visits written once, not repeated")
    return False


def _not_treatment(m: _Mapper, loop: Loop, cycle: Loop | None) -> bool:
    """Treatment visits repeat only as the cycles: another loop of them is asked (by
    _is_cycle where there are no cycles) and its visits written once."""
    if m.kind(loop.start) != "treatment":
        return True
    if cycle is not None:
        m.ctx.ask(loop.start.id, "a second repeat of treatment visits beside the cycles",
                  "its visits written once, not repeated")
    return False


def _members(m: _Mapper, loop: Loop) -> set[str]:
    """The loop's first visit and the visits counted from it before its decision."""
    out = {loop.start.id}
    end = m.index[loop.decision.id] if loop.decision else m.index[loop.start.id] + 1
    for inst in m.order[m.index[loop.start.id] + 1:end]:
        t = m.timings.get(inst.id, [])
        if inst.kind == ACTIVITY and t and t[0].to_id == loop.start.id:
            out.add(inst.id)
    return out


def _place_visits(m: _Mapper, visits: list[Instance]) -> None:
    placed: dict[str, dict[str, Any]] = {}
    for inst in visits:
        code = m.out.codes[inst.id]
        t = m.timing(inst) if inst is not m.first else None
        anchor, offset, window = "first_dose", 0, {"before": 0, "after": 0}
        if t is not None:
            anchor = m.anchor(t)
            offset, window = m.days(m.ctx.place(t, unit_days=True))
        visit: dict[str, Any] = {
            "code": code, "label": m.label(inst), "kind": m.kind(inst), "anchor": anchor,
            "offset_days": offset, "window": window}
        if m.ctx.has_vitals(inst):
            visit["vital_signs"] = True
        if m.ctx.is_dosing(inst):
            visit["dosing"] = True
        visit["procedures"] = m.ctx.procedures(inst)
        placed[code] = visit
    done: set[str] = {"first_dose", "last_dose"}
    while placed:
        ready = next((c for c, v in placed.items() if v["anchor"] in done), None)
        if ready is None:
            ready = next(iter(placed))
            m.ctx.ask(ready, f"its anchor {placed[ready]['anchor']} comes back round to it",
                      "anchored on first_dose")
            placed[ready]["anchor"] = "first_dose"
        v = placed.pop(ready)
        m.out.visits.append(v)
        done.add(ready)
        base = 0 if v["anchor"] == "first_dose" else m.out.day_of.get(v["anchor"])
        if base is not None:
            m.out.day_of[ready] = base + v["offset_days"]
    if m.first is not None:
        m.out.first_dose_visit = m.out.codes.get(m.first.id, "")


def _cycles(m: _Mapper, loop: Loop) -> None:
    start = loop.start
    t = m.timing(start)
    first_visit = m.out.codes.get(t.to_id, "") if t else ""
    length, window = m.days(m.ctx.place(t, unit_days=True)) if t else (0, {})
    if not first_visit or t is None or t.to_id in m.in_loops:
        m.ctx.ask(start.id, "the cycles' first day 1 is not a visit its timing counts from",
                  f"cycles from {first_visit or '?'}")
    dt = m.timings.get(loop.decision.id, []) if loop.decision else []
    if dt and dt[0].to_id == start.id:
        every, _ = m.days(m.ctx.place(dt[0], unit_days=True))
        if every != length:
            m.ctx.ask(dt[0].id, f"the cycle is {length} days from {first_visit} but "
                      f"{every} days between repeats", f"{length}-day cycles written")
    elif loop.condition == "":
        m.ctx.ask(start.id, "how long a cycle is, is not said by a timing",
                  f"{length}-day cycles written")
    day1: dict[str, Any] = {"day": 1, "window": window}
    days = [day1, *_cycle_days(m, loop)]
    for d, inst in zip(days, [start], strict=False):
        if m.ctx.has_vitals(inst):
            d["vital_signs"] = True
        if m.ctx.is_dosing(inst):
            d["dosing"] = True
        d["procedures"] = m.ctx.procedures(inst)
    numbered = re.fullmatch(r"C(\d+)D1", first_visit)
    repeat_from = int(numbered.group(1)) + 1 if numbered else 2
    for v in m.out.visits:
        taken = re.fullmatch(r"C(\d+)D(\d+)", v["code"])
        if taken and int(taken.group(1)) >= repeat_from:
            m.ctx.ask(start.id, f"the visit {v['code']} has the code the cycles from "
                      f"cycle {repeat_from} give their own visits", "both written")
    m.out.cycles = {"length_days": max(length, 1), "first_visit": first_visit,
                    "repeat_from": max(repeat_from, 2), "code": "C{n}D{d}",
                    "label": "Cycle {n} Day {d}", "kind": "treatment", "days": days}
    m.out.codes[start.id] = "C{n}D1"


def _cycle_days(m: _Mapper, loop: Loop) -> list[dict[str, Any]]:
    out = []
    for iid in sorted(_members(m, loop) - {loop.start.id}, key=m.index.__getitem__):
        inst = m.ctx.instances[iid]
        offset, window = m.days(m.ctx.place(m.timings[iid][0], unit_days=True))
        out.append({"day": offset + 1, "window": window,
                    "procedures": m.ctx.procedures(inst)})
        m.out.codes[iid] = f"C{{n}}D{offset + 1}"
    return out


def _continuations(m: _Mapper, loops: list[Loop]) -> set[str]:
    """Loops that continue an earlier one (the same encounter, after its decision)."""
    out = set()
    for loop in loops:
        nxt = m.ctx.instances.get(loop.decision.next_id or "") if loop.decision else None
        if nxt is not None and nxt.encounter_id == loop.start.encounter_id and any(
                lp.start.id == nxt.id for lp in loops):
            out.add(nxt.id)
    return out


def _series(m: _Mapper, loop: Loop, loops: list[Loop]) -> dict[str, Any]:
    start = loop.start
    t = m.timing(start)
    anchor = m.anchor(t) if t else "first_dose"
    first, window = m.days(m.ctx.place(t, unit_days=True)) if t else (0, {})
    steps: list[dict[str, int]] = []
    chain = [loop]
    while True:
        nxt = m.ctx.instances.get(chain[-1].decision.next_id or "") if chain[-1].decision \
            else None
        more = next((lp for lp in loops if nxt is not None and lp.start.id == nxt.id
                     and nxt.encounter_id == start.encounter_id), None)
        if more is None:
            break
        chain.append(more)
    for n, lp in enumerate(chain):
        steps.append(_step(m, lp, first if n == 0 else None, last=n == len(chain) - 1))
    code = start.name.rstrip("0123456789_ ").upper() or m.out.codes[start.id]
    kind = m.kind(start)
    # scans are known by their study week (RECIST visits "week 18"), other series by number
    week = " (week {week})" if kind == "tumour_assessment" else ""
    series: dict[str, Any] = {
        "code": f"{code}{{k}}", "label": f"{m.label(start)} {{k}}{week}", "kind": kind,
        "anchor": anchor, "window": window, "rhythm": steps}
    series.update(_series_end(m, chain[-1]))
    series["procedures"] = m.ctx.procedures(start)
    if m.ctx.has_vitals(start):
        series["vital_signs"] = True
    m.out.codes[start.id] = series["code"]
    return series


def _step(m: _Mapper, loop: Loop, first: int | None, last: bool) -> dict[str, int]:
    dt = m.timings.get(loop.decision.id, []) if loop.decision else []
    every = m.days(m.ctx.place(dt[0], unit_days=True))[0] if dt else (first or 0)
    if not dt:
        m.ctx.ask(loop.start.id, "no timing says how often it repeats",
                  f"every {every} days written")
    if first is not None and first != every:
        m.ctx.ask(loop.start.id, f"it first comes {first} days after its anchor, then "
                  f"every {every} days; the app's series start one step after the anchor",
                  f"every {every} days from the anchor")
    step = {"every_days": max(every, 1)}
    if not last:
        found = _TIMES.search(loop.condition)
        times = int(found.group(1)) if found else 1
        m.ctx.ask(loop.decision.id if loop.decision else loop.start.id,
                  f"how many times it repeats is said only in prose ('{loop.condition}')",
                  f"{times} times written")
        step["times"] = times
    return step


def _series_end(m: _Mapper, loop: Loop) -> dict[str, Any]:
    element = loop.decision.id if loop.decision else loop.start.id
    found = _WITHIN.search(loop.condition)
    if found:
        days = int(found.group(1)) * _UNIT_DAYS[found.group(2).lower()]
        m.ctx.ask(element, f"when it stops is said only in prose ('{loop.condition}')",
                  f"horizon_days = {days} from its anchor")
        return {"horizon_days": days}
    if "treatment" not in loop.condition.lower():
        m.ctx.ask(element, f"when it stops is not said ('{loop.condition}')",
                  "projected as long as the cycles are")
    return {"until": "projection"}
