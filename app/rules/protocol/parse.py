"""From a TOML tree to a Protocol: one function per section, every problem collected.

Sections are read in the file's order of dependence: the visits name the anchors the cycles
and series may use, and the kinds the stopping rules may name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.rules.protocol.booking import parse_booking
from app.rules.protocol.dosing import parse_dosing, parse_escalation
from app.rules.protocol.labs import parse_labs
from app.rules.protocol.measures import parse_measures, parse_prohibited
from app.rules.protocol.model import (
    CANCELS,
    DATE_ANCHORS,
    DEVIATION_CATEGORIES,
    EVENTS,
    FIRST_DOSE,
    PROJECTION,
    Cohort,
    CycleDayDef,
    CyclesDef,
    DltPeriod,
    DoseLevel,
    Part,
    PkTimepoint,
    PkVisit,
    Protocol,
    ProtocolError,
    Response,
    Safety,
    SeriesDef,
    Step,
    StoppingRule,
    VisitDef,
)
from app.rules.protocol.reader import Reader, open_reviews, template_pattern
from app.rules.protocol.specimens import parse_specimens


@dataclass
class _Known:
    """What the sections read so far make known to the next ones."""

    codes: set[str] = field(default_factory=set)
    anchors: set[str] = field(default_factory=lambda: set(DATE_ANCHORS))
    kinds: set[str] = field(default_factory=set)


def _visit(r: Reader, v: Any, i: int, known: _Known) -> VisitDef | None:
    key = f"visits[{i}]"
    if not isinstance(v, dict):
        r.fail(key, "must be a table")
        return None
    vcode = r.get(v, key, "code", str)
    if vcode:
        key = f"visits[{i}] ({vcode})"
        if vcode in known.codes:
            r.fail(f"{key}.code", f"duplicate code '{vcode}'")
        known.codes.add(vcode)
    anchor = r.get(v, key, "anchor", str)
    if anchor is not None and anchor not in known.anchors:
        r.fail(f"{key}.anchor", f"unknown anchor '{anchor}' (known here: "
               f"{', '.join(sorted(known.anchors))})")
    if vcode:
        known.anchors.add(vcode)
    return VisitDef(
        code=vcode or "?", label=r.get(v, key, "label", str) or "",
        kind=r.get(v, key, "kind", str) or "", anchor=anchor or FIRST_DOSE,
        offset_days=r.get(v, key, "offset_days", int) or 0, window=r.window(v, key),
        procedures=r.strings(v, key, "procedures"),
        vital_signs=bool(r.get(v, key, "vital_signs", bool, False)),
        dosing=bool(r.get(v, key, "dosing", bool, False)),
    )


def _visits(r: Reader, data: dict[str, Any], first_dose_visit: str | None,
            known: _Known) -> list[VisitDef]:
    visits = [v for i, raw in enumerate(r.array(data, "", "visits"))
              if (v := _visit(r, raw, i, known)) is not None]
    if first_dose_visit and first_dose_visit not in known.codes:
        r.fail("study.first_dose_visit", f"unknown visit '{first_dose_visit}'")
    else:
        fdv = next((v for v in visits if v.code == first_dose_visit), None)
        if fdv and (fdv.anchor != FIRST_DOSE or fdv.offset_days != 0):
            r.fail("study.first_dose_visit",
                   f"'{first_dose_visit}' must be anchored on first_dose with offset_days = 0")
    known.kinds |= {v.kind for v in visits}
    return visits


def _cycle_days(r: Reader, c: dict[str, Any]) -> list[CycleDayDef]:
    days = []
    seen: set[int] = set()
    for i, d in enumerate(r.array(c, "cycles", "days")):
        key = f"cycles.days[{i}]"
        day = r.get(d, key, "day", int, minimum=1)
        if day in seen:
            r.fail(f"{key}.day", f"duplicate day {day}")
        seen.add(day)
        days.append(CycleDayDef(
            day=day or 1, window=r.window(d, key), procedures=r.strings(d, key, "procedures"),
            vital_signs=bool(r.get(d, key, "vital_signs", bool, False)),
            dosing=bool(r.get(d, key, "dosing", bool, False)),
        ))
    if days and 1 not in seen:
        r.fail("cycles.days", "must include day 1 (the later days follow it)")
    return days


def _cycles(r: Reader, data: dict[str, Any], known: _Known) -> CyclesDef | None:
    if "cycles" not in data:
        return None
    c = r.table(data, "", "cycles")
    first_visit = r.get(c, "cycles", "first_visit", str)
    if first_visit and first_visit not in known.codes:
        r.fail("cycles.first_visit", f"unknown visit '{first_visit}'")
    template = r.get(c, "cycles", "code", str) or "C{n}D{d}"
    if "{n}" not in template or "{d}" not in template:
        r.fail("cycles.code", "must contain {n} (cycle) and {d} (day)")
    days = _cycle_days(r, c)
    length = r.get(c, "cycles", "length_days", int, minimum=1)
    for d in days:
        if length and d.day > length:
            r.fail("cycles.days", f"day {d.day} is past the cycle's {length} days")
    cycles = CyclesDef(
        length_days=length or 1, first_visit=first_visit or "",
        repeat_from=r.get(c, "cycles", "repeat_from", int, 2, minimum=2) or 2,
        code=template, label=r.get(c, "cycles", "label", str) or "",
        kind=r.get(c, "cycles", "kind", str) or "",
        days=tuple(sorted(days, key=lambda x: x.day)),
    )
    known.anchors.add("cycle")
    known.kinds.add(cycles.kind)
    return cycles


def _rhythm(r: Reader, s: dict[str, Any], key: str) -> tuple[Step, ...]:
    steps = []
    rhythm = r.array(s, key, "rhythm")
    for j, st in enumerate(rhythm):
        every = r.get(st, f"{key}.rhythm[{j}]", "every_days", int, minimum=1)
        times = r.get(st, f"{key}.rhythm[{j}]", "times", int, None, minimum=1)
        if times is None and j != len(rhythm) - 1:
            r.fail(f"{key}.rhythm[{j}]", "only the last step may repeat without 'times'")
        steps.append(Step(every or 1, times))
    return tuple(steps)


def _one_series(r: Reader, s: Any, i: int, templates: list[str], known: _Known) -> SeriesDef:
    scode = r.get(s, f"series[{i}]", "code", str)
    key = f"series[{i}] ({scode})" if scode else f"series[{i}]"
    if scode and "{k}" not in scode:
        r.fail(f"{key}.code", "must contain {k}, the visit's number")
    if scode in templates:
        r.fail(f"{key}.code", f"duplicate code '{scode}'")
    anchor = r.get(s, key, "anchor", str)
    if anchor is not None and anchor not in known.anchors:
        r.fail(f"{key}.anchor", f"unknown anchor '{anchor}'")
    until = r.get(s, key, "until", str, None)
    horizon = r.get(s, key, "horizon_days", int, None, minimum=0)
    if until is not None and until != PROJECTION:
        r.fail(f"{key}.until", f"unknown value '{until}' (known: {PROJECTION})")
    if (until is None) == (horizon is None):
        r.fail(key, "give exactly one of until = \"projection\" or horizon_days")
    if scode:
        templates.append(scode)
    return SeriesDef(
        code=scode or "?{k}", label=r.get(s, key, "label", str) or "",
        kind=r.get(s, key, "kind", str) or "", anchor=anchor or FIRST_DOSE,
        window=r.window(s, key), rhythm=_rhythm(r, s, key), until=until, horizon_days=horizon,
        procedures=r.strings(s, key, "procedures"),
        vital_signs=bool(r.get(s, key, "vital_signs", bool, False)),
    )


def _series(r: Reader, data: dict[str, Any], cycles: CyclesDef | None, known: _Known
            ) -> tuple[list[SeriesDef], tuple[tuple[re.Pattern[str], str], ...]]:
    templates: list[str] = [cycles.code] if cycles else []
    series = [_one_series(r, s, i, templates, known)
              for i, s in enumerate(r.array(data, "", "series", required=False))]
    patterns = tuple((template_pattern(t), t) for t in templates)
    for vcode in known.codes:
        for pat, t in patterns:
            if pat.fullmatch(vcode) and not (cycles and t == cycles.code):
                r.fail("visits", f"code '{vcode}' collides with the series '{t}'")
    known.kinds |= {s.kind for s in series}
    return series, patterns


def _stopping(r: Reader, data: dict[str, Any], known: _Known) -> list[StoppingRule]:
    stopping = []
    for i, s in enumerate(r.array(data, "", "stopping", required=False)):
        key = f"stopping[{i}]"
        event = r.get(s, key, "event", str)
        if event is not None and event not in EVENTS:
            r.fail(f"{key}.event", f"unknown event '{event}' (known: {', '.join(EVENTS)})")
        cancels = r.get(s, key, "cancels", str)
        if cancels is not None and cancels not in CANCELS:
            r.fail(f"{key}.cancels", f"must be one of {', '.join(CANCELS)}, not '{cancels}'")
        rule_kinds = r.strings(s, key, "kinds")
        for k in rule_kinds:
            if k not in known.kinds:
                r.fail(f"{key}.kinds", f"no visit is of kind '{k}'")
        stopping.append(StoppingRule(event or "", frozenset(rule_kinds), cancels or "after"))
    return stopping


def _pk_timepoints(r: Reader, pk: dict[str, Any]) -> list[PkTimepoint]:
    timepoints = []
    ids: set[str] = set()
    for i, t in enumerate(r.array(pk, "pk", "timepoints", required=False)):
        key = f"pk.timepoints[{i}]"
        tid = r.get(t, key, "id", str)
        if tid in ids:
            r.fail(f"{key}.id", f"duplicate timepoint '{tid}'")
        ids.add(tid)
        timepoints.append(PkTimepoint(
            id=tid or "?", label=r.get(t, key, "label", str) or "",
            nominal_min=r.get(t, key, "nominal_min", int, minimum=0) or 0,
            before_min=r.get(t, key, "before_min", int, minimum=0) or 0,
            after_min=r.get(t, key, "after_min", int, minimum=0) or 0,
            pre_dose=bool(r.get(t, key, "pre_dose", bool, False)),
        ))
    return timepoints


def _pk_visit(r: Reader, pv: Any, i: int, cycle_days: set[str], tp_ids: set[str],
              known: _Known) -> PkVisit:
    key = f"pk.visits[{i}]"
    vcode = r.get(pv, key, "visit", str)
    from_cycle = r.get(pv, key, "from_cycle", int, None, minimum=1)
    if vcode and vcode not in known.codes and vcode not in cycle_days:
        r.fail(f"{key}.visit", f"unknown visit '{vcode}'")
    if vcode in cycle_days and from_cycle is None:
        r.fail(f"{key}.from_cycle", "missing (the first cycle this applies to)")
    dose_of = r.get(pv, key, "dose_of", str, None)
    if dose_of is not None and dose_of not in known.codes:
        r.fail(f"{key}.dose_of", f"unknown visit '{dose_of}'")
    tps = r.strings(pv, key, "timepoints")
    for tp in tps:
        if tp not in tp_ids:
            r.fail(f"{key}.timepoints", f"unknown timepoint '{tp}'")
    return PkVisit(vcode or "", tps, dose_of, from_cycle, r.get(pv, key, "note", str, None))


def _pk(r: Reader, data: dict[str, Any], cycles: CyclesDef | None, known: _Known
        ) -> tuple[list[PkTimepoint], list[PkVisit]]:
    pk = r.table(data, "", "pk", required=False)
    timepoints = _pk_timepoints(r, pk)
    tp_ids = {t.id for t in timepoints}
    cycle_days = ({cycles.code.replace("{d}", str(d.day)) for d in cycles.days}
                  if cycles else set())
    visits = [_pk_visit(r, pv, i, cycle_days, tp_ids, known)
              for i, pv in enumerate(r.array(pk, "pk", "visits", required=False))]
    return timepoints, visits


def _arms(r: Reader, data: dict[str, Any]
          ) -> tuple[list[Part], list[DoseLevel], list[Cohort]]:
    """The study's parts, dose levels and cohorts."""
    parts = [Part(r.get(p, f"parts[{i}]", "number", int, minimum=1) or 0,
                  r.get(p, f"parts[{i}]", "label", str) or "",
                  r.get(p, f"parts[{i}]", "uses", str) or "")
             for i, p in enumerate(r.array(data, "", "parts"))]
    for i, p in enumerate(parts):
        if p.uses not in ("dose_levels", "cohorts"):
            r.fail(f"parts[{i}].uses", "must be 'dose_levels' or 'cohorts'")
    dose_levels = [DoseLevel(r.get(d, f"dose_levels[{i}]", "code", str) or "",
                             r.get(d, f"dose_levels[{i}]", "label", str) or "",
                             r.get(d, f"dose_levels[{i}]", "dose_mg", (int, float), None))
                   for i, d in enumerate(r.array(data, "", "dose_levels", required=False))]
    cohorts = [Cohort(r.get(c, f"cohorts[{i}]", "code", str) or "",
                      r.get(c, f"cohorts[{i}]", "label", str) or "",
                      r.get(c, f"cohorts[{i}]", "dose_level", str, None))
               for i, c in enumerate(r.array(data, "", "cohorts", required=False))]
    for name, items in (("dose_levels", dose_levels), ("cohorts", cohorts), ("parts", parts)):
        seen: set[Any] = set()
        for i, item in enumerate(items):
            ident = getattr(item, "code", None) or getattr(item, "number", None)
            if ident in seen:
                r.fail(f"{name}[{i}]", f"duplicate '{ident}'")
            seen.add(ident)
    return parts, dose_levels, cohorts


def _safety(r: Reader, data: dict[str, Any], known: _Known) -> Safety:
    sf = r.table(data, "", "safety")
    dlt = r.table(sf, "safety", "dlt")
    dlt_end = r.get(dlt, "safety.dlt", "end_anchor", str)
    if dlt_end and dlt_end not in known.codes and dlt_end not in DATE_ANCHORS:
        r.fail("safety.dlt.end_anchor", f"unknown anchor '{dlt_end}'")
    dlt_parts = r.array(dlt, "safety.dlt", "parts", required=False)
    return Safety(
        ctcae_version=str(r.get(sf, "safety", "ctcae_version", str, "5.0")),
        teae_days_after_last_dose=r.get(sf, "safety", "teae_days_after_last_dose", int,
                                        minimum=0) or 0,
        sae_report_hours=r.get(sf, "safety", "sae_report_hours", int, minimum=1) or 24,
        dlt=DltPeriod(tuple(int(p) for p in dlt_parts if isinstance(p, int)),
                      r.get(dlt, "safety.dlt", "start", str, FIRST_DOSE) or FIRST_DOSE,
                      dlt_end or FIRST_DOSE,
                      r.get(dlt, "safety.dlt", "end_offset_days", int) or 0),
    )


def _response(r: Reader, data: dict[str, Any], projection_anchor: str | None) -> Response:
    rs = r.table(data, "", "response")
    return Response(
        criteria=r.get(rs, "response", "criteria", str, "RECIST 1.1") or "RECIST 1.1",
        confirm_min_days=r.get(rs, "response", "confirm_min_days", int, minimum=0) or 0,
        sd_min_days=r.get(rs, "response", "sd_min_days", int, minimum=0) or 0,
        sd_anchor=r.get(rs, "response", "sd_anchor", str, projection_anchor or "")
        or (projection_anchor or ""),
        efficacy_days_after_last_dose=_int_or(r, rs, "efficacy_days_after_last_dose", 30),
        baseline_max_days=_int_or(r, rs, "baseline_max_days", 28),
        pfs_missed_scans=_int_or(r, rs, "pfs_missed_scans", 2, minimum=1),
    )


def _int_or(r: Reader, rs: dict[str, Any], key: str, default: int, minimum: int = 0) -> int:
    value = r.get(rs, "response", key, int, default, minimum=minimum)
    return default if value is None else value


def parse_protocol(data: dict[str, Any], path: Path | str = "<protocol>") -> Protocol:
    """Validate the TOML tree and build the protocol, or raise with every problem found."""
    r = Reader()
    study = r.table(data, "", "study")
    code = r.get(study, "study", "code", str)
    first_dose_visit = r.get(study, "study", "first_dose_visit", str)
    pattern = r.get(study, "study", "subject_id_pattern", str, r".+")
    try:
        re.compile(pattern or "")
    except re.error as exc:
        r.fail("study.subject_id_pattern", f"is not a valid regular expression ({exc})")
    projection = r.table(data, "", "projection")
    projection_anchor = r.get(projection, "projection", "anchor", str)
    projection_months = r.get(projection, "projection", "months", int, minimum=1)

    known = _Known()
    visits = _visits(r, data, first_dose_visit, known)
    cycles = _cycles(r, data, known)
    series, patterns = _series(r, data, cycles, known)
    if projection_anchor and projection_anchor not in known.codes:
        r.fail("projection.anchor", f"unknown visit '{projection_anchor}'")
    stopping = _stopping(r, data, known)
    timepoints, pk_visits = _pk(r, data, cycles, known)
    parts, dose_levels, cohorts = _arms(r, data)
    dosing = parse_dosing(r, data, [d.code for d in dose_levels])
    escalation = parse_escalation(r, data, dosing)
    for i, c in enumerate(cohorts):
        if escalation and c.dose_level not in (None, escalation.rp2d_placeholder,
                                               *(d.code for d in dose_levels)):
            r.fail(f"cohorts[{i}].dose_level", f"'{c.dose_level}' is neither a dose level "
                   f"nor '{escalation.rp2d_placeholder}'")
    safety = _safety(r, data, known)
    labs = parse_labs(r, data)
    booking = parse_booking(r, data, known.codes, known.kinds, patterns)
    specimens = parse_specimens(r, data)
    response = _response(r, data, projection_anchor)
    version = r.get(study, "study", "version", str, "Original")
    deviations = r.table(data, "", "deviations", required=False)
    categories = r.get(deviations, "deviations", "categories", list,
                       list(DEVIATION_CATEGORIES))
    if not categories or not all(isinstance(c, str) and c.strip() for c in categories):
        r.fail("deviations.categories", "must be a list of category names")
        categories = list(DEVIATION_CATEGORIES)

    open_reviews(r, data)
    measures, prohibited = parse_measures(r, data), parse_prohibited(r, data)
    if r.problems:
        raise ProtocolError(path, r.problems)
    return Protocol(
        path=Path(path), code=code, protocol_number=r.get(study, "study", "protocol_number",
                                                          str, code),
        title=study.get("title", code), sponsor=study.get("sponsor", ""),
        first_dose_visit=first_dose_visit, subject_id_pattern=pattern,
        subject_id_example=study.get("subject_id_example", ""),
        projection_anchor=projection_anchor, projection_months=projection_months,
        visits=tuple(visits), cycles=cycles, series=tuple(series), stopping=tuple(stopping),
        pk_timepoints=tuple(timepoints), pk_visits=tuple(pk_visits), parts=tuple(parts),
        dose_levels=tuple(dose_levels), cohorts=tuple(cohorts), safety=safety,
        response=response, version=version,
        deviation_categories=tuple(c.strip() for c in categories),
        dosing=dosing, escalation=escalation, labs=labs, booking=booking,
        specimens=specimens, measures=measures, prohibited=prohibited,
        _code_patterns=patterns,
    )
