"""What the protocol measures at the visits, read from `[[measures]]`: vital signs and ECG
intervals, each with its unit, the range a reading is plausible in (outside it, the user
confirms) and the range it can be at all (outside it, refused), the visits it is taken at;
BSA and QTcF are computed from the others. And `[[prohibited_medications]]`: the drugs the
protocol forbids, by name, with why (strong CYP3A inhibitors for an oral kinase inhibitor).
Both optional: a study without them records none."""

from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Any

from app.rules.protocol.reader import Reader

VITALS, ECG = "vitals", "ecg"
GROUPS = (VITALS, ECG)
#: the measures the app computes: from which others, by which formula
COMPUTED = {"BSA": ("WEIGHT", "HEIGHT"), "QTCF": ("QT", "HR")}
#: `at = "vital_signs"`: every visit the protocol marks `vital_signs = true`
AT_VITAL_SIGNS = "vital_signs"


@dataclass(frozen=True, slots=True)
class MeasureDef:
    code: str  # SDTM-like test code: WEIGHT, SYSBP, QT, QTCF ...
    label: str
    unit: str
    group: str  # vitals | ecg
    plausible: tuple[float, float]  # outside: the user confirms the reading
    possible: tuple[float, float]  # outside: refused
    decimals: int = 0
    #: visit codes or patterns ("C*D1"), or AT_VITAL_SIGNS
    at: tuple[str, ...] = (AT_VITAL_SIGNS,)

    @property
    def computed(self) -> bool:
        return self.code in COMPUTED

    def taken_at(self, code: str, vital_signs: bool) -> bool:
        return any((a == AT_VITAL_SIGNS and vital_signs) or fnmatchcase(code, a)
                   for a in self.at)


@dataclass(frozen=True, slots=True)
class Prohibited:
    """Drugs the protocol forbids, by generic name, and why."""

    names: tuple[str, ...]
    why: str


def _pair(r: Reader, m: dict[str, Any], key: str, name: str) -> tuple[float, float] | None:
    value = r.get(m, key, name, list, None)
    if value is None:
        return None
    if (len(value) != 2 or not all(isinstance(v, int | float) and not isinstance(v, bool)
                                   for v in value) or value[0] > value[1]):
        r.fail(f"{key}.{name}", "must be [low, high], two numbers, low first")
        return None
    return float(value[0]), float(value[1])


def _measure(r: Reader, m: Any, i: int, seen: set[str]) -> MeasureDef | None:
    key = f"measures[{i}]"
    if not isinstance(m, dict):
        r.fail(key, "must be a table")
        return None
    code = r.get(m, key, "code", str) or ""
    if code in seen:
        r.fail(f"{key}.code", f"duplicate code '{code}'")
    seen.add(code)
    group = r.get(m, key, "group", str, VITALS)
    if group not in GROUPS:
        r.fail(f"{key}.group", f"must be one of {', '.join(GROUPS)}, not '{group}'")
    plausible = _pair(r, m, key, "plausible")
    if plausible is None:
        r.fail(f"{key}.plausible", "missing: give [low, high]")
    possible = _pair(r, m, key, "possible") or plausible
    if plausible and possible and not (possible[0] <= plausible[0]
                                       and plausible[1] <= possible[1]):
        r.fail(f"{key}.possible", "must hold the plausible range")
    at = r.strings(m, key, "at") or (AT_VITAL_SIGNS,)
    return MeasureDef(code=code, label=r.get(m, key, "label", str, code) or code,
                      unit=r.get(m, key, "unit", str) or "", group=group or VITALS,
                      plausible=plausible or (0.0, 0.0), possible=possible or (0.0, 0.0),
                      decimals=r.get(m, key, "decimals", int, 0, minimum=0) or 0, at=at)


def parse_measures(r: Reader, data: dict[str, Any]) -> tuple[MeasureDef, ...]:
    """`[[measures]]`: the vital signs and ECG readings, in the file's order."""
    seen: set[str] = set()
    out = [d for i, m in enumerate(r.array(data, "", "measures", required=False))
           if (d := _measure(r, m, i, seen)) is not None]
    for code, sources in COMPUTED.items():
        if code in seen and not set(sources) <= seen:
            r.fail("measures", f"{code} is computed from {' and '.join(sources)}: "
                   "list them too")
    return tuple(out)


def parse_prohibited(r: Reader, data: dict[str, Any]) -> tuple[Prohibited, ...]:
    """`[[prohibited_medications]]`: names (generic, any case) and why."""
    out = []
    for i, p in enumerate(r.array(data, "", "prohibited_medications", required=False)):
        key = f"prohibited_medications[{i}]"
        if not isinstance(p, dict):
            r.fail(key, "must be a table")
            continue
        names = r.strings(p, key, "names")
        if not names:
            r.fail(f"{key}.names", "give the drugs' names")
        out.append(Prohibited(tuple(n.strip().lower() for n in names),
                              r.get(p, key, "why", str) or ""))
    return tuple(out)


__all__ = ["AT_VITAL_SIGNS", "COMPUTED", "ECG", "GROUPS", "VITALS", "MeasureDef",
           "Prohibited", "parse_measures", "parse_prohibited"]
