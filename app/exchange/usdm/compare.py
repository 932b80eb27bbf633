"""What a draft imported from USDM changes against the protocol in force (an amendment):
visits, windows, cycles, series and PK timepoints, one sentence each, for the reviewer to
read beside the draft before the amendment's own dry run per patient."""

from __future__ import annotations

from app.rules.protocol import PkTimepoint, Protocol, SeriesDef, VisitDef, Window


def _window(w: Window) -> str:
    return f"-{w.before}/+{w.after}"


def _visit(v: VisitDef) -> str:
    return f"{v.anchor} {v.offset_days:+d} days, window {_window(v.window)}"


def _series(s: SeriesDef) -> str:
    rhythm = ", then ".join(f"every {st.every_days} days" + (f" x{st.times}" if st.times
                                                             else "") for st in s.rhythm)
    end = "until projection" if s.until else f"for {s.horizon_days} days"
    return f"from {s.anchor}: {rhythm} {end}, window {_window(s.window)}"


def _timepoint(t: PkTimepoint) -> str:
    return (f"{'pre-dose' if t.pre_dose else f'{t.nominal_min} min'}, "
            f"-{t.before_min}/+{t.after_min} min")


def _changes(what: str, old: dict[str, str], new: dict[str, str]) -> list[str]:
    out = []
    for key in new:
        if key not in old:
            out.append(f"{what} {key} added: {new[key]}")
        elif old[key] != new[key]:
            out.append(f"{what} {key}: {old[key]} → {new[key]}")
    out += [f"{what} {key} removed (was {old[key]})" for key in old if key not in new]
    return out


def protocol_changes(in_force: Protocol, draft: Protocol) -> list[str]:
    """Every difference of visits, windows, cycles, series and PK, in the protocol's order;
    empty when the calendar and the PK sampling are the same."""
    out = _changes("Visit", {v.code: _visit(v) for v in in_force.visits},
                   {v.code: _visit(v) for v in draft.visits})
    old_c, new_c = in_force.cycles, draft.cycles
    cycles = {}
    for name, c in (("old", old_c), ("new", new_c)):
        cycles[name] = {} if c is None else {
            f"{c.code} day {d.day}": f"window {_window(d.window)}" for d in c.days}
        if c is not None:
            cycles[name]["length"] = f"{c.length_days} days from {c.first_visit}"
    out += _changes("Cycles", cycles["old"], cycles["new"])
    out += _changes("Series", {s.code: _series(s) for s in in_force.series},
                    {s.code: _series(s) for s in draft.series})
    out += _changes("PK timepoint", {t.id: _timepoint(t) for t in in_force.pk_timepoints},
                    {t.id: _timepoint(t) for t in draft.pk_timepoints})
    pk_old = {pv.visit + (f" from cycle {pv.from_cycle}" if pv.from_cycle else ""):
              ", ".join(pv.timepoints) for pv in in_force.pk_visits}
    pk_new = {pv.visit + (f" from cycle {pv.from_cycle}" if pv.from_cycle else ""):
              ", ".join(pv.timepoints) for pv in draft.pk_visits}
    out += _changes("PK at", pk_old, pk_new)
    return out
