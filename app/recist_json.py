"""The JSON `sitetrack recist evaluate` reads: one patient's scans, checked, evaluated.

Sizes are read as exact decimals (json's parse_float=Decimal), so 23.1 mm stays 23.1.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from app.recist import (
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


def _date(text: object, where: str) -> date:
    try:
        return date.fromisoformat(str(text))
    except ValueError:
        raise RecistError(f"{where}: '{text}' is not a date (YYYY-MM-DD)") from None


def _lesion_mm(raw: dict[str, Any], where: str) -> Decimal | None:
    if "mm" not in raw or raw["mm"] is None:
        return None
    try:
        value = mm(raw["mm"])
    except (ArithmeticError, ValueError):
        raise RecistError(f"{where}: '{raw['mm']}' is not a measurement in mm") from None
    if value < 0:
        raise RecistError(f"{where}: a measurement cannot be negative")
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
        for t in raw.get("targets", []):
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
        for nt in raw.get("non_targets", []):
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


def evaluate_json(data: dict[str, Any], default_confirm_days: int, default_sd_days: int
                  ) -> Evaluation:
    if not isinstance(data, dict):
        raise RecistError("the file must hold one JSON object")
    c1d1 = _date(data.get("c1d1"), "c1d1")
    confirm = data.get("confirm_min_days", default_confirm_days)
    sd = data.get("sd_min_days", default_sd_days)
    if not isinstance(confirm, int) or not isinstance(sd, int) or confirm < 0 or sd < 0:
        raise RecistError("confirm_min_days and sd_min_days must be whole numbers of days")
    return evaluate(assessments_from_json(data), c1d1, confirm, sd)


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
