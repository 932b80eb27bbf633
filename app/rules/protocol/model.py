"""A study definition as typed, frozen data: what the parser builds and every rule reads."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.rules.protocol.booking import BookingDef, VisitNeeds
    from app.rules.protocol.dosing import Dosing, Escalation
    from app.rules.protocol.labs import Analyte
    from app.rules.protocol.measures import MeasureDef, Prohibited
    from app.rules.protocol.specimens import Specimens

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
    efficacy_days_after_last_dose: int = 30  # assessments count up to last dose + this
    baseline_max_days: int = 28  # a baseline scan at most this many days before first dose
    pfs_missed_scans: int = 2  # PD or death after this many missed scans: censored


#: the deviation categories of a protocol file that names none
DEVIATION_CATEGORIES = ("Informed consent", "Eligibility", "Visit schedule",
                        "Study drug and dosing", "Safety reporting", "PK sampling",
                        "Efficacy assessment", "Other")


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
    #: the protocol's version ("Amendment 2"): which rules made a visit
    version: str = "Original"
    #: the categories a site files a deviation under (the file's [deviations] categories)
    deviation_categories: tuple[str, ...] = ()
    #: how the drug is given and modified ([dosing]) and Part 1's escalation ([escalation])
    dosing: Dosing | None = None
    escalation: Escalation | None = None
    #: the laboratory analytes results are recorded for ([[labs.analytes]])
    labs: tuple[Analyte, ...] = ()
    #: what each visit takes of the site's day ([booking]); None: the defaults
    booking: BookingDef | None = None
    #: the lab manual's processing, storage and shipping of specimens ([specimens])
    specimens: Specimens | None = None
    #: vital signs and ECG readings ([[measures]]); drugs forbidden ([[prohibited_medications]])
    measures: tuple[MeasureDef, ...] = ()
    prohibited: tuple[Prohibited, ...] = ()
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
                cycles = self.cycles
                if cycles is not None and template == cycles.code:
                    n, d = numbers["n"], numbers["d"]
                    if n < cycles.repeat_from or d not in {x.day for x in cycles.days}:
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

    def dose_level_codes(self) -> tuple[str, ...]:
        """The levels a dose can be given at: Part 1's, then the cohorts' (RP2D, say)."""
        codes = [d.code for d in self.dose_levels]
        for c in self.cohorts:
            if c.dose_level and c.dose_level not in codes:
                codes.append(c.dose_level)
        return tuple(codes)

    def dose_text(self, code: str | None) -> str:
        """A dose level as every screen says it: its code and its dose, "DL2 · 100 mg"
        (a level without a dose in the file, RP2D say, by its code)."""
        level = next((d for d in self.dose_levels if d.code == code), None)
        if level is None or level.dose_mg is None:
            return code or ""
        return f"{level.code} · {level.dose_mg:g} mg"

    def definition_of(self, code: str) -> VisitDef | CycleDayDef | SeriesDef | None:
        """What the protocol says of a visit code: its fixed visit, cycle day or series."""
        v = self.visit(code)
        if v is not None:
            return v
        matched = self.match_code(code)
        if not matched:
            return None
        template, numbers = matched
        if self.cycles and template == self.cycles.code:
            return next((d for d in self.cycles.days if d.day == numbers["d"]), None)
        return next((s for s in self.series if s.code == template), None)

    def procedures_of(self, code: str) -> tuple[str, ...]:
        """The procedures a visit's worksheet lists."""
        d = self.definition_of(code)
        return d.procedures if d is not None else ()

    def is_dosing(self, code: str) -> bool:
        """Whether the study drug is given at this visit (its dose is recorded there)."""
        d = self.definition_of(code)
        return bool(getattr(d, "dosing", False))

    def kind_of(self, code: str) -> str | None:
        """The kind of a visit code (treatment, tumour_assessment, survival, ...)."""
        d = self.definition_of(code)
        if isinstance(d, CycleDayDef):
            return self.cycles.kind if self.cycles else None
        return d.kind if d is not None else None

    def needs_of(self, code: str) -> VisitNeeds:
        """What a visit takes of the site's day: its duration, place and nurse."""
        from app.rules.protocol.booking import needs_of

        return needs_of(self.booking, code, self.kind_of(code))

    def has_vital_signs(self, code: str) -> bool:
        d = self.definition_of(code)
        return bool(getattr(d, "vital_signs", False))
