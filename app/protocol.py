"""The study protocol as data: load and validate a study definition (TOML).

Nothing of IMP7068 lives in code: visits, windows, anchors, repeats, stopping rules, PK
timepoints, dose levels and cohorts all come from the file, so an amendment or the next
study is a new file. A broken file is reported with the file, the key and what is wrong.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

FIRST_DOSE = "first_dose"
LAST_DOSE = "last_dose"
DATE_ANCHORS = (FIRST_DOSE, LAST_DOSE)

#: the facts a stopping rule can name (PatientFacts carries one date for each)
EVENTS = ("last_dose", "progression", "new_anticancer_therapy", "lost_to_follow_up",
          "end_of_study", "death", "withdrawal")
CANCELS = ("after", "window_open")
PROJECTION = "projection"


class ProtocolError(ValueError):
    """A protocol file that cannot be used; each problem names the file and the key."""

    def __init__(self, path: Path | str, problems: list[str]) -> None:
        self.path = Path(path)
        self.problems = problems
        super().__init__("\n".join(f"{self.path.name}: {p}" for p in problems))


@dataclass(frozen=True, slots=True)
class Window:
    """Days before and after the target on which the visit is still on time."""

    before: int
    after: int


@dataclass(frozen=True, slots=True)
class VisitDef:
    code: str
    label: str
    kind: str
    anchor: str
    offset_days: int
    window: Window
    procedures: tuple[str, ...] = ()
    vital_signs: bool = False
    dosing: bool = False


@dataclass(frozen=True, slots=True)
class CycleDayDef:
    day: int
    window: Window
    procedures: tuple[str, ...] = ()
    vital_signs: bool = False
    dosing: bool = False


@dataclass(frozen=True, slots=True)
class CyclesDef:
    """Cycles `repeat_from` onwards; each day 1 follows the actual previous day 1."""

    length_days: int
    first_visit: str
    repeat_from: int
    code: str
    label: str
    kind: str
    days: tuple[CycleDayDef, ...]

    def code_of(self, n: int, d: int) -> str:
        return self.code.format(n=n, d=d)


@dataclass(frozen=True, slots=True)
class Step:
    every_days: int
    times: int | None = None


@dataclass(frozen=True, slots=True)
class SeriesDef:
    """Visits repeating from an anchor (scans, survival contacts), numbered from 1."""

    code: str
    label: str
    kind: str
    anchor: str
    window: Window
    rhythm: tuple[Step, ...]
    until: str | None = None
    horizon_days: int | None = None
    procedures: tuple[str, ...] = ()
    vital_signs: bool = False

    def offsets(self, limit_days: int) -> Iterator[tuple[int, int]]:
        """(number, days from anchor) for every visit up to `limit_days` from the anchor."""
        k, offset = 0, 0
        for step in self.rhythm:
            taken = 0
            while step.times is None or taken < step.times:
                offset += step.every_days
                if offset > limit_days:
                    return
                k += 1
                taken += 1
                yield k, offset


@dataclass(frozen=True, slots=True)
class StoppingRule:
    event: str
    kinds: frozenset[str]
    cancels: str


@dataclass(frozen=True, slots=True)
class PkTimepoint:
    id: str
    label: str
    nominal_min: int
    before_min: int
    after_min: int
    pre_dose: bool = False


@dataclass(frozen=True, slots=True)
class PkVisit:
    visit: str
    timepoints: tuple[str, ...]
    dose_of: str | None = None
    from_cycle: int | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class DoseLevel:
    code: str
    label: str
    dose_mg: float | None = None


@dataclass(frozen=True, slots=True)
class Cohort:
    code: str
    label: str
    dose_level: str | None = None


@dataclass(frozen=True, slots=True)
class Part:
    number: int
    label: str
    uses: str  # "dose_levels" | "cohorts"


@dataclass(frozen=True, slots=True)
class DltPeriod:
    parts: tuple[int, ...]
    start: str
    end_anchor: str
    end_offset_days: int


@dataclass(frozen=True, slots=True)
class Safety:
    ctcae_version: str
    teae_days_after_last_dose: int
    sae_report_hours: int
    dlt: DltPeriod


@dataclass(frozen=True, slots=True)
class Response:
    criteria: str
    confirm_min_days: int
    sd_min_days: int
    sd_anchor: str


@dataclass(frozen=True)
class Protocol:
    path: Path
    code: str
    protocol_number: str
    title: str
    sponsor: str
    first_dose_visit: str
    subject_id_pattern: str
    subject_id_example: str
    projection_anchor: str
    projection_months: int
    visits: tuple[VisitDef, ...]
    cycles: CyclesDef | None
    series: tuple[SeriesDef, ...]
    stopping: tuple[StoppingRule, ...]
    pk_timepoints: tuple[PkTimepoint, ...]
    pk_visits: tuple[PkVisit, ...]
    parts: tuple[Part, ...]
    dose_levels: tuple[DoseLevel, ...]
    cohorts: tuple[Cohort, ...]
    safety: Safety
    response: Response
    _code_patterns: tuple[tuple[re.Pattern[str], str], ...] = field(default=(), repr=False)

    @property
    def cycle_length_days(self) -> int | None:
        return self.cycles.length_days if self.cycles else None

    def visit(self, code: str) -> VisitDef | None:
        return self._visits_by_code.get(code)

    @property
    def _visits_by_code(self) -> dict[str, VisitDef]:
        cached = self.__dict__.get("_by_code")
        if cached is None:
            cached = {v.code: v for v in self.visits}
            object.__setattr__(self, "_by_code", cached)
        return cached

    def is_known_code(self, code: str) -> bool:
        """Whether `code` names a visit of this protocol (fixed, cycle or series)."""
        if self.visit(code) is not None:
            return True
        return self.match_code(code) is not None

    def match_code(self, code: str) -> tuple[str, dict[str, int]] | None:
        """For a repeating visit's code: which template it comes from and its numbers."""
        for pattern, template in self._code_patterns:
            m = pattern.fullmatch(code)
            if m:
                numbers = {k: int(v) for k, v in m.groupdict().items()}
                if template == (self.cycles.code if self.cycles else None):
                    n, d = numbers["n"], numbers["d"]
                    if n < self.cycles.repeat_from or d not in {x.day for x in self.cycles.days}:
                        continue
                elif numbers.get("k", 1) < 1:
                    continue
                return template, numbers
        return None

    def is_cycle_day1(self, code: str) -> bool:
        """Whether `code` is a cycle's day 1 (C1D1, C2D1, ...): the visits a delay moves."""
        c = self.cycles
        if c is None:
            return False
        if code == c.first_visit:
            return True
        matched = self.match_code(code)
        return bool(matched and matched[0] == c.code and matched[1]["d"] == 1)

    def series_of(self, code: str) -> SeriesDef | None:
        """The repeating series a visit code belongs to, if any (TA3: the scans)."""
        matched = self.match_code(code)
        if not matched:
            return None
        return next((s for s in self.series if s.code == matched[0]), None)

    def cycle_number(self, code: str) -> int | None:
        """The cycle a visit belongs to, for codes written like the cycle template (C1D8: 1)."""
        if not self.cycles:
            return None
        m = self._code_patterns[0][0].fullmatch(code)
        return int(m.group("n")) if m else None

    def kinds(self) -> frozenset[str]:
        kinds = {v.kind for v in self.visits} | {s.kind for s in self.series}
        if self.cycles:
            kinds.add(self.cycles.kind)
        return frozenset(kinds)

    def procedures_of(self, code: str) -> tuple[str, ...]:
        """The procedures a visit's worksheet lists."""
        v = self.visit(code)
        if v:
            return v.procedures
        matched = self.match_code(code)
        if not matched:
            return ()
        template, numbers = matched
        if self.cycles and template == self.cycles.code:
            return next(d.procedures for d in self.cycles.days if d.day == numbers["d"])
        return next(s.procedures for s in self.series if s.code == template)


def default_protocol_path() -> Path:
    return Path(str(files("resources.protocols").joinpath("imp7068.toml")))


_DEFAULT: Protocol | None = None


def default_protocol() -> Protocol:
    """The study that ships with the app (loaded once)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = load_protocol(default_protocol_path())
    return _DEFAULT


def load_protocol(path: Path | str) -> Protocol:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ProtocolError(path, [f"cannot be read ({exc.strerror or exc})"]) from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ProtocolError(path, [f"is not valid TOML ({exc})"]) from exc
    return parse_protocol(data, path)


# --- validation --------------------------------------------------------------------------

class _Reader:
    """Reads typed values out of the TOML tree, collecting problems with their key paths."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, key: str, problem: str) -> None:
        self.problems.append(f"{key}: {problem}")

    def table(self, data: Any, key: str, name: str, required: bool = True) -> dict[str, Any]:
        value = data.get(name) if isinstance(data, dict) else None
        full = f"{key}.{name}" if key else name
        if value is None:
            if required:
                self.fail(full, "missing")
            return {}
        if not isinstance(value, dict):
            self.fail(full, "must be a table")
            return {}
        return value

    def array(self, data: dict[str, Any], key: str, name: str, required: bool = True) -> list:
        value = data.get(name)
        full = f"{key}.{name}" if key else name
        if value is None:
            if required:
                self.fail(full, "missing")
            return []
        if not isinstance(value, list):
            self.fail(full, "must be an array")
            return []
        return value

    def get(self, data: dict[str, Any], key: str, name: str, kind: type | tuple[type, ...],
            default: Any = ..., *, minimum: int | None = None) -> Any:
        full = f"{key}.{name}" if key else name
        if name not in data:
            if default is ...:
                self.fail(full, "missing")
                return None
            return default
        value = data[name]
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if (isinstance(value, bool) and bool not in kinds) or not isinstance(value, kinds):
            names = " or ".join(k.__name__ for k in kinds).replace("str", "text").replace(
                "int", "a whole number")
            self.fail(full, f"must be {names}, not {value!r}")
            return None
        if minimum is not None and isinstance(value, int) and value < minimum:
            self.fail(full, f"must be at least {minimum}, not {value}")
            return None
        return value

    def strings(self, data: dict[str, Any], key: str, name: str) -> tuple[str, ...]:
        items = self.array(data, key, name, required=False)
        out = []
        for i, item in enumerate(items):
            if not isinstance(item, str) or not item.strip():
                self.fail(f"{key}.{name}[{i}]", "must be non-empty text")
            else:
                out.append(item)
        return tuple(out)

    def window(self, data: dict[str, Any], key: str) -> Window:
        w = self.table(data, key, "window")
        before = self.get(w, f"{key}.window", "before", int)
        after = self.get(w, f"{key}.window", "after", int)
        for name, value in (("before", before), ("after", after)):
            if isinstance(value, int) and value < 0:
                self.fail(f"{key}.window.{name}", f"negative window ({value} days): "
                          "give the days before and after the target as 0 or more")
        return Window(before if isinstance(before, int) and before >= 0 else 0,
                      after if isinstance(after, int) and after >= 0 else 0)


def _template_pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{(\w+)\}", template)
    regex = ""
    for i, part in enumerate(parts):
        regex += re.escape(part) if i % 2 == 0 else f"(?P<{part}>\\d+)"
    return re.compile(regex)


def parse_protocol(data: dict[str, Any], path: Path | str = "<protocol>") -> Protocol:
    """Validate the TOML tree and build the protocol, or raise with every problem found."""
    r = _Reader()
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

    codes: set[str] = set()
    anchors_so_far: set[str] = set(DATE_ANCHORS)
    visits: list[VisitDef] = []
    for i, v in enumerate(r.array(data, "", "visits")):
        key = f"visits[{i}]"
        if not isinstance(v, dict):
            r.fail(key, "must be a table")
            continue
        vcode = r.get(v, key, "code", str)
        if vcode:
            key = f"visits[{i}] ({vcode})"
            if vcode in codes:
                r.fail(f"{key}.code", f"duplicate code '{vcode}'")
            codes.add(vcode)
        anchor = r.get(v, key, "anchor", str)
        if anchor is not None and anchor not in anchors_so_far:
            r.fail(f"{key}.anchor", f"unknown anchor '{anchor}' (known here: "
                   f"{', '.join(sorted(anchors_so_far))})")
        visits.append(VisitDef(
            code=vcode or "?", label=r.get(v, key, "label", str) or "",
            kind=r.get(v, key, "kind", str) or "", anchor=anchor or FIRST_DOSE,
            offset_days=r.get(v, key, "offset_days", int) or 0, window=r.window(v, key),
            procedures=r.strings(v, key, "procedures"),
            vital_signs=bool(r.get(v, key, "vital_signs", bool, False)),
            dosing=bool(r.get(v, key, "dosing", bool, False)),
        ))
        if vcode:
            anchors_so_far.add(vcode)
    if first_dose_visit and first_dose_visit not in codes:
        r.fail("study.first_dose_visit", f"unknown visit '{first_dose_visit}'")
    else:
        fdv = next((v for v in visits if v.code == first_dose_visit), None)
        if fdv and (fdv.anchor != FIRST_DOSE or fdv.offset_days != 0):
            r.fail("study.first_dose_visit",
                   f"'{first_dose_visit}' must be anchored on first_dose with offset_days = 0")

    cycles = None
    if "cycles" in data:
        c = r.table(data, "", "cycles")
        first_visit = r.get(c, "cycles", "first_visit", str)
        if first_visit and first_visit not in codes:
            r.fail("cycles.first_visit", f"unknown visit '{first_visit}'")
        template = r.get(c, "cycles", "code", str) or "C{n}D{d}"
        if "{n}" not in template or "{d}" not in template:
            r.fail("cycles.code", "must contain {n} (cycle) and {d} (day)")
        days = []
        seen_days: set[int] = set()
        for i, d in enumerate(r.array(c, "cycles", "days")):
            key = f"cycles.days[{i}]"
            day = r.get(d, key, "day", int, minimum=1)
            if day in seen_days:
                r.fail(f"{key}.day", f"duplicate day {day}")
            seen_days.add(day)
            days.append(CycleDayDef(
                day=day or 1, window=r.window(d, key), procedures=r.strings(d, key, "procedures"),
                vital_signs=bool(r.get(d, key, "vital_signs", bool, False)),
                dosing=bool(r.get(d, key, "dosing", bool, False)),
            ))
        if days and 1 not in seen_days:
            r.fail("cycles.days", "must include day 1 (the later days follow it)")
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
        anchors_so_far.add("cycle")

    series: list[SeriesDef] = []
    templates: list[str] = [cycles.code] if cycles else []
    for i, s in enumerate(r.array(data, "", "series", required=False)):
        scode = r.get(s, f"series[{i}]", "code", str)
        key = f"series[{i}] ({scode})" if scode else f"series[{i}]"
        if scode and "{k}" not in scode:
            r.fail(f"{key}.code", "must contain {k}, the visit's number")
        if scode in templates:
            r.fail(f"{key}.code", f"duplicate code '{scode}'")
        anchor = r.get(s, key, "anchor", str)
        if anchor is not None and anchor not in anchors_so_far:
            r.fail(f"{key}.anchor", f"unknown anchor '{anchor}'")
        steps = []
        rhythm = r.array(s, key, "rhythm")
        for j, st in enumerate(rhythm):
            every = r.get(st, f"{key}.rhythm[{j}]", "every_days", int, minimum=1)
            times = r.get(st, f"{key}.rhythm[{j}]", "times", int, None, minimum=1)
            if times is None and j != len(rhythm) - 1:
                r.fail(f"{key}.rhythm[{j}]", "only the last step may repeat without 'times'")
            steps.append(Step(every or 1, times))
        until = r.get(s, key, "until", str, None)
        horizon = r.get(s, key, "horizon_days", int, None, minimum=0)
        if until is not None and until != PROJECTION:
            r.fail(f"{key}.until", f"unknown value '{until}' (known: {PROJECTION})")
        if (until is None) == (horizon is None):
            r.fail(key, "give exactly one of until = \"projection\" or horizon_days")
        series.append(SeriesDef(
            code=scode or "?{k}", label=r.get(s, key, "label", str) or "",
            kind=r.get(s, key, "kind", str) or "", anchor=anchor or FIRST_DOSE,
            window=r.window(s, key), rhythm=tuple(steps), until=until, horizon_days=horizon,
            procedures=r.strings(s, key, "procedures"),
            vital_signs=bool(r.get(s, key, "vital_signs", bool, False)),
        ))
        if scode:
            templates.append(scode)
    patterns = tuple((_template_pattern(t), t) for t in templates)
    for vcode in codes:
        for pat, t in patterns:
            if pat.fullmatch(vcode) and not (cycles and t == cycles.code):
                r.fail("visits", f"code '{vcode}' collides with the series '{t}'")
    if projection_anchor and projection_anchor not in codes:
        r.fail("projection.anchor", f"unknown visit '{projection_anchor}'")

    kinds = {v.kind for v in visits} | {s.kind for s in series} | (
        {cycles.kind} if cycles else set())
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
            if k not in kinds:
                r.fail(f"{key}.kinds", f"no visit is of kind '{k}'")
        stopping.append(StoppingRule(event or "", frozenset(rule_kinds), cancels or "after"))

    pk = r.table(data, "", "pk", required=False)
    timepoints = []
    tp_ids: set[str] = set()
    for i, t in enumerate(r.array(pk, "pk", "timepoints", required=False)):
        key = f"pk.timepoints[{i}]"
        tid = r.get(t, key, "id", str)
        if tid in tp_ids:
            r.fail(f"{key}.id", f"duplicate timepoint '{tid}'")
        tp_ids.add(tid)
        timepoints.append(PkTimepoint(
            id=tid or "?", label=r.get(t, key, "label", str) or "",
            nominal_min=r.get(t, key, "nominal_min", int, minimum=0) or 0,
            before_min=r.get(t, key, "before_min", int, minimum=0) or 0,
            after_min=r.get(t, key, "after_min", int, minimum=0) or 0,
            pre_dose=bool(r.get(t, key, "pre_dose", bool, False)),
        ))
    pk_visits = []
    for i, pv in enumerate(r.array(pk, "pk", "visits", required=False)):
        key = f"pk.visits[{i}]"
        vcode = r.get(pv, key, "visit", str)
        from_cycle = r.get(pv, key, "from_cycle", int, None, minimum=1)
        cycle_days = ({cycles.code.replace("{d}", str(d.day)) for d in cycles.days}
                      if cycles else set())
        if vcode and vcode not in codes and vcode not in cycle_days:
            r.fail(f"{key}.visit", f"unknown visit '{vcode}'")
        if vcode in cycle_days and from_cycle is None:
            r.fail(f"{key}.from_cycle", "missing (the first cycle this applies to)")
        dose_of = r.get(pv, key, "dose_of", str, None)
        if dose_of is not None and dose_of not in codes:
            r.fail(f"{key}.dose_of", f"unknown visit '{dose_of}'")
        tps = r.strings(pv, key, "timepoints")
        for tp in tps:
            if tp not in tp_ids:
                r.fail(f"{key}.timepoints", f"unknown timepoint '{tp}'")
        pk_visits.append(PkVisit(vcode or "", tps, dose_of, from_cycle,
                                 r.get(pv, key, "note", str, None)))

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

    sf = r.table(data, "", "safety")
    dlt = r.table(sf, "safety", "dlt")
    dlt_end = r.get(dlt, "safety.dlt", "end_anchor", str)
    if dlt_end and dlt_end not in codes and dlt_end not in DATE_ANCHORS:
        r.fail("safety.dlt.end_anchor", f"unknown anchor '{dlt_end}'")
    dlt_parts = r.array(dlt, "safety.dlt", "parts", required=False)
    safety = Safety(
        ctcae_version=str(r.get(sf, "safety", "ctcae_version", str, "5.0")),
        teae_days_after_last_dose=r.get(sf, "safety", "teae_days_after_last_dose", int,
                                        minimum=0) or 0,
        sae_report_hours=r.get(sf, "safety", "sae_report_hours", int, minimum=1) or 24,
        dlt=DltPeriod(tuple(int(p) for p in dlt_parts if isinstance(p, int)),
                      r.get(dlt, "safety.dlt", "start", str, FIRST_DOSE) or FIRST_DOSE,
                      dlt_end or FIRST_DOSE,
                      r.get(dlt, "safety.dlt", "end_offset_days", int) or 0),
    )
    rs = r.table(data, "", "response")
    response = Response(
        criteria=r.get(rs, "response", "criteria", str, "RECIST 1.1") or "RECIST 1.1",
        confirm_min_days=r.get(rs, "response", "confirm_min_days", int, minimum=0) or 0,
        sd_min_days=r.get(rs, "response", "sd_min_days", int, minimum=0) or 0,
        sd_anchor=r.get(rs, "response", "sd_anchor", str, projection_anchor or "")
        or (projection_anchor or ""),
    )

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
        response=response, _code_patterns=patterns,
    )
