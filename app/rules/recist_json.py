"""The JSON `sitetrack recist evaluate` reads: one patient's scans, checked, evaluated.

Sizes are read as exact decimals (json's parse_float=Decimal), so 23.1 mm stays 23.1.
Every value is checked for what it must be before a rule sees it: a file that is not UTF-8
JSON, a size that is not a finite number of millimetres, a lesion list that is not a list
of lesions, a day count that is not a whole number, a date outside the calendar each get
one sentence naming the field.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

from app.rules.dates import DATE_RANGE, in_range
from app.rules.recist import (
    NON_TARGET_STATUSES,
    RESPONSES,
    Assessment,
    Evaluation,
    NonTargetLesion,
    RecistError,
    TargetLesion,
    evaluate,
    mm,
)

#: no lesion is a metre long: a bigger size is a typing slip (or 1e308)
MAX_MM = Decimal(1000)
#: the longest a confirmation or stable-disease interval can be: a year
MAX_DAYS = 365


def read_scans(raw: bytes) -> object:
    """The file's JSON: UTF-8 text (a byte-order mark allowed), numbers as exact decimals
    (NaN and Infinity too, so that the size they stand for is named when it is checked)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RecistError("the file is not UTF-8 text (save it as UTF-8 JSON)") from None
    try:
        return json.loads(text, parse_float=Decimal, parse_constant=Decimal)
    except RecursionError:
        raise RecistError("the file is nested too deeply to be one patient's scans") from None
    except ValueError as exc:  # JSONDecodeError, or an integer of thousands of digits
        raise RecistError(f"the file is not JSON ({exc})") from None


def _kind(value: object) -> str:
    """What a JSON value is, as the messages say it."""
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float | Decimal):
        return "a number"
    if isinstance(value, str):
        return "a text"
    return "a list" if isinstance(value, list) else "an object"


def _date(text: object, where: str) -> date:
    try:
        day = date.fromisoformat(str(text))
    except ValueError:
        raise RecistError(f"{where}: '{text}' is not a date (YYYY-MM-DD)") from None
    if not in_range(day):
        raise RecistError(f"{where}: '{text}' is outside the dates a record can hold "
                          f"({DATE_RANGE})")
    return day


def _lesion_mm(raw: dict[str, Any], where: str) -> Decimal | None:
    if "mm" not in raw or raw["mm"] is None:
        return None
    try:
        value = mm(raw["mm"]) if not isinstance(raw["mm"], bool) else Decimal("NaN")
    except (ArithmeticError, ValueError):
        value = Decimal("NaN")
    if not value.is_finite():
        raise RecistError(f"{where}: '{raw['mm']}' is not a measurement in mm")
    if value < 0:
        raise RecistError(f"{where}: a measurement cannot be negative")
    if value > MAX_MM:
        raise RecistError(f"{where}: {raw['mm']} mm is not a lesion's size (at most "
                          f"{MAX_MM} mm)")
    return value


def _lesions(raw: dict[str, Any], key: str, when: date) -> list[dict[str, Any]]:
    """The scan's `targets` or `non_targets`: a list of lesions, each an object."""
    value = raw.get(key)
    if value is None:
        return []
    where = f"assessment of {when.isoformat()}"
    if not isinstance(value, list):
        raise RecistError(f"{where}: '{key}' must be a list of lesions, not {_kind(value)}")
    for n, lesion in enumerate(value, start=1):
        if not isinstance(lesion, dict):
            raise RecistError(f"{where}: '{key}' item {n} must be a lesion (an object with "
                              f"its id), not {_kind(lesion)}")
    return value


def assessments_from_json(data: dict[str, Any]) -> list[Assessment]:
    """The assessments of the `recist evaluate` input (floats best parsed as Decimal)."""
    raw_list = data.get("assessments")
    if not isinstance(raw_list, list):
        raise RecistError("the file needs an 'assessments' list")
    base_organ: dict[str, tuple[str, bool]] = {}
    out = []
    for n, raw in enumerate(raw_list, start=1):
        if not isinstance(raw, dict):
            raise RecistError(f"assessment {n} is not an object")
        when = _date(raw.get("date"), f"assessment {n}")
        targets = []
        for t in _lesions(raw, "targets", when):
            tid = str(t.get("id", "")).strip()
            if not tid:
                raise RecistError(f"a target lesion on {when.isoformat()} has no id")
            where = f"target lesion {tid} on {when.isoformat()}"
            organ, nodal = base_organ.get(tid, (str(t.get("organ", "")), bool(t.get("nodal"))))
            if raw.get("baseline"):
                organ, nodal = str(t.get("organ", "")), bool(t.get("nodal", False))
                base_organ[tid] = (organ, nodal)
            size = _lesion_mm(t, where)
            too_small, not_assessed = bool(t.get("too_small")), bool(t.get("not_assessed"))
            if size is None and not too_small and not not_assessed:
                raise RecistError(f"{where}: give mm, too_small or not_assessed")
            targets.append(TargetLesion(tid, organ, nodal, size, too_small, not_assessed))
        non_targets = []
        for nt in _lesions(raw, "non_targets", when):
            nid = str(nt.get("id", "")).strip()
            where = f"non-target lesion {nid} on {when.isoformat()}"
            status = nt.get("status", "present")
            if status not in NON_TARGET_STATUSES:
                raise RecistError(f"{where}: status '{status}' is not one of "
                                  f"{', '.join(NON_TARGET_STATUSES)}")
            non_targets.append(NonTargetLesion(nid, str(nt.get("organ", "")),
                                               bool(nt.get("nodal", False)), status,
                                               _lesion_mm(nt, where)))
        overall = raw.get("overall")
        if overall is not None and overall not in RESPONSES:
            raise RecistError(f"assessment of {when.isoformat()}: overall '{overall}' is not "
                              f"one of {', '.join(RESPONSES)}")
        out.append(Assessment(when, bool(raw.get("baseline")), tuple(targets),
                              tuple(non_targets), bool(raw.get("new_lesion")), overall,
                              raw.get("modality")))
    return out


def evaluate_json(data: object, default_confirm_days: int, default_sd_days: int
                  ) -> Evaluation:
    if not isinstance(data, dict):
        raise RecistError("the file must hold one JSON object")
    c1d1 = _date(data.get("c1d1"), "c1d1")
    confirm = _days(data, "confirm_min_days", default_confirm_days)
    sd = _days(data, "sd_min_days", default_sd_days)
    return evaluate(assessments_from_json(data), c1d1, confirm, sd)


def _days(data: dict[str, Any], key: str, default: int) -> int:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_DAYS:
        shown = json.dumps(value) if isinstance(value, bool | int | str) else _kind(value)
        raise RecistError(f"{key} must be a whole number of days from 0 to {MAX_DAYS}, "
                          f"not {shown}")
    return value


def evaluation_json(result: Evaluation) -> dict[str, object]:
    """An evaluation as the CLI prints it: every timepoint, the best response, the first PD."""
    def pct(v: Decimal | None) -> float | None:
        return None if v is None else float(round(v, 1))

    return {"timepoints": [
        {"date": t.date.isoformat(), "sum_mm": None if t.sum_mm is None else float(t.sum_mm),
         "change_from_baseline_pct": pct(t.change_from_baseline_pct),
         "change_from_nadir_pct": pct(t.change_from_nadir_pct),
         "target": t.target, "non_target": t.non_target, "overall": t.overall,
         "counts": t.counts, "note": t.note} for t in result.timepoints],
        "best_overall_response": result.best_overall_response,
        "first_progression_date": (result.first_progression_date.isoformat()
                                   if result.first_progression_date else None)}
