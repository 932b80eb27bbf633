"""Vital signs and ECG readings, pure: which the protocol takes at a visit, a typed reading
checked against its possible range (refused outside) and its plausible one (kept only when
the user confirms it), and what the app computes from them:

- body surface area by Mosteller: BSA (m2) = sqrt(height (cm) x weight (kg) / 3600), the
  height the latest measured (at screening);
- QTcF by Fridericia: QTcF = QT / RR^(1/3), RR = 60 / heart rate, in seconds;
- the QTcF graded as CTCAE v5.0 "Electrocardiogram QT corrected interval prolonged":
  grade 1 "Average QTc 450 - 480 ms", grade 2 "Average QTc 481 - 500 ms", grade 3 "Average
  QTc >= 501 ms; >60 ms change from baseline". Grade 4 (torsade de pointes, polymorphic
  ventricular tachycardia, signs of serious arrhythmia) is clinical: never derived from a
  number. The QTcF is rounded to the whole millisecond, as the grades are written.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from app.errors import InvalidEntry, Phrase
from app.rules.protocol import Protocol
from app.rules.protocol.measures import MeasureDef

QTC_TERM = "Electrocardiogram QT corrected interval prolonged"
#: CTCAE v5.0's own words for each grade a number can give
QTC_GRADES = {1: "Average QTc 450 - 480 ms", 2: "Average QTc 481 - 500 ms",
              3: "Average QTc >= 501 ms; >60 ms change from baseline"}


def half_up(value: float, decimals: int = 0) -> float:
    """Rounded as people round (2.5 -> 3), not to even."""
    step = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(value)).quantize(step, rounding=ROUND_HALF_UP))


def bsa_mosteller(weight_kg: float, height_cm: float) -> float:
    """Body surface area in m2 (Mosteller 1987), to two decimals."""
    return half_up(math.sqrt(weight_kg * height_cm / 3600.0), 2)


def qtcf(qt_ms: float, heart_rate_bpm: float) -> int:
    """QT corrected by Fridericia, in whole milliseconds."""
    rr_s = 60.0 / heart_rate_bpm
    return int(half_up(qt_ms / rr_s ** (1.0 / 3.0)))


@dataclass(frozen=True, slots=True)
class QtcGrade:
    grade: int  # 0: not prolonged
    reason: Phrase


def qtc_grade(qtcf_ms: float, baseline_ms: float | None = None) -> QtcGrade:
    """The CTCAE v5.0 grade of a QTcF (whole ms), and the criterion that gave it; with the
    baseline QTcF, a rise of more than 60 ms is grade 3 whatever the value."""
    q = half_up(qtcf_ms)
    if q >= 501:
        return QtcGrade(3, Phrase("QTcF {q} ms: grade 3 ({text})", q=int(q), text=QTC_GRADES[3]))
    if baseline_ms is not None and q - half_up(baseline_ms) > 60:
        return QtcGrade(3, Phrase("QTcF {q} ms, {rise} ms above baseline: grade 3 ({text})",
                                  q=int(q), rise=int(q - half_up(baseline_ms)),
                                  text=QTC_GRADES[3]))
    if q >= 481:
        return QtcGrade(2, Phrase("QTcF {q} ms: grade 2 ({text})", q=int(q), text=QTC_GRADES[2]))
    if q >= 450:
        return QtcGrade(1, Phrase("QTcF {q} ms: grade 1 ({text})", q=int(q), text=QTC_GRADES[1]))
    return QtcGrade(0, Phrase("QTcF {q} ms: not prolonged (below 450 ms)", q=int(q)))


def measures_at(protocol: Protocol, visit_code: str) -> tuple[MeasureDef, ...]:
    """The readings the protocol takes at this visit, computed ones included."""
    vital_signs = protocol.has_vital_signs(visit_code)
    return tuple(m for m in protocol.measures if m.taken_at(visit_code, vital_signs))


def reading_text(m: MeasureDef, value: float | None) -> str:
    """A reading as a screen shows it: "72.5 kg" ("" when none)."""
    if value is None:
        return ""
    return f"{value:.{m.decimals}f} {m.unit}".strip()


def number_text(m: MeasureDef, value: float) -> str:
    return f"{value:.{m.decimals}f}"


class Implausible(InvalidEntry):
    """Readings outside their plausible range that the user has not confirmed: saved only
    once they say so."""

    def __init__(self, outside: Sequence[tuple[MeasureDef, float]]) -> None:
        listed = "; ".join(f"{m.label} {reading_text(m, v)} (usually "
                           f"{number_text(m, m.plausible[0])} to "
                           f"{number_text(m, m.plausible[1])} {m.unit})" for m, v in outside)
        super().__init__(outside[0][0].code, "Outside the usual range: {listed}", listed=listed)
        self.codes = tuple(m.code for m, _ in outside)


def _read(m: MeasureDef, text: str) -> float | None:
    t = text.strip().replace(",", ".")
    if not t:
        return None
    try:
        value = float(t)
    except ValueError:
        raise InvalidEntry(m.code, "{label}: '{text}' is not a number", label=m.label,
                           text=text.strip()) from None
    if not math.isfinite(value):
        raise InvalidEntry(m.code, "{label}: '{text}' is not a number", label=m.label,
                           text=text.strip())
    value = half_up(value, m.decimals)
    low, high = m.possible
    if not low <= value <= high:
        raise InvalidEntry(m.code, "{label} must be between {low} and {high} {unit}",
                           label=m.label, low=number_text(m, low), high=number_text(m, high),
                           unit=m.unit)
    return value


def check_readings(measures: Iterable[MeasureDef], typed: Mapping[str, str],
                   confirmed: Iterable[str] = ()) -> dict[str, float]:
    """The readings typed for a visit, by code (empty ones left out; computed ones are not
    typed). InvalidEntry on the first that is not a number or cannot be; Implausible
    naming every reading outside its usual range not yet confirmed."""
    values: dict[str, float] = {}
    outside: list[tuple[MeasureDef, float]] = []
    sure = set(confirmed)
    for m in measures:
        if m.computed:
            continue
        value = _read(m, typed.get(m.code, ""))
        if value is None:
            continue
        values[m.code] = value
        low, high = m.plausible
        if not low <= value <= high and m.code not in sure:
            outside.append((m, value))
    if outside:
        raise Implausible(outside)
    return values


def check_readings_done(outcome: str | None, values: Mapping[str, float]) -> None:
    """Readings belong to a visit done: none at a visit missed or not done yet."""
    if values and outcome != "done":
        first = next(iter(values))
        raise InvalidEntry(first, "Readings are recorded at a visit done: set Outcome to "
                                  "Done, or clear them")


def derived(measures: Iterable[MeasureDef], values: Mapping[str, float],
            height_cm: float | None = None) -> dict[str, float]:
    """The computed readings the protocol lists for the visit, from this visit's values
    (the height from `height_cm`, the latest measured, when not taken at this visit)."""
    out: dict[str, float] = {}
    codes = {m.code for m in measures}
    height = values.get("HEIGHT", height_cm)
    if "BSA" in codes and "WEIGHT" in values and height:
        out["BSA"] = bsa_mosteller(values["WEIGHT"], height)
    if "QTCF" in codes and "QT" in values and values.get("HR"):
        out["QTCF"] = float(qtcf(values["QT"], values["HR"]))
    return out


@dataclass(frozen=True, slots=True)
class Reading:
    """One stored reading, as the rules read it."""

    visit_code: str
    day: date | None  # the visit's date (None: not known)
    code: str
    value: float


def last_values(readings: Iterable[Reading]) -> dict[str, Reading]:
    """The latest reading of each measure (by the visit's date; undated ones last)."""
    out: dict[str, Reading] = {}
    for r in sorted(readings, key=lambda r: (r.day or date.max)):
        out[r.code] = r
    return out


def baseline_of(readings: Iterable[Reading], code: str, first_dose: date | None
                ) -> float | None:
    """The last reading of `code` before the first dose (or on its day): the baseline."""
    before = [r for r in readings if r.code == code and r.day is not None
              and (first_dose is None or r.day <= first_dose)]
    return max(before, key=lambda r: r.day or date.min).value if before else None


__all__ = ["QTC_GRADES", "QTC_TERM", "Implausible", "QtcGrade", "Reading", "baseline_of",
           "bsa_mosteller", "check_readings", "check_readings_done", "derived", "half_up",
           "last_values", "measures_at", "number_text", "qtc_grade", "qtcf", "reading_text"]
