"""The demo's laboratory: one hospital lab's reference ranges (LLN/ULN per analyte and sex,
valid from 2020) and, for each patient with a visit done, a full panel at the first visit
done and at the latest, entered by the site (so they count at once). Values fall inside the
range, but a dosed patient's latest neutrophil count is sometimes just below the LLN (CTCAE
grade 1), judged not clinically significant by the investigator, so the Labs tab shows a
grade and its decision. Fictional, like the rest of the demo; cheap (no query per row)."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from app.rules.calendar import DONE
from app.rules.first_dose import first_dose_date
from app.rules.lab_review import ACCEPTED, DISMISSED
from app.rules.protocol import Protocol
from db.labs import LabReferenceRange, LabResult

LAB = "Demo hospital laboratory"
VALID_FROM = date(2020, 1, 1)
#: analyte -> (LLN, ULN) for women, for men (None: the same), decimals shown
RANGES: dict[str, tuple[tuple[str, str], tuple[str, str] | None, int]] = {
    "HGB": (("12.0", "16.0"), ("13.5", "17.5"), 1),
    "WBC": (("4.0", "11.0"), None, 1),
    "NEUT": (("1.8", "7.5"), None, 1),
    "LYM": (("1.0", "4.0"), None, 1),
    "PLAT": (("150", "400"), None, 0),
    "ALT": (("7", "40"), None, 0),
    "AST": (("10", "40"), None, 0),
    "BILI": (("3", "21"), None, 0),
    "ALP": (("40", "130"), None, 0),
    "CREAT": (("45", "90"), ("60", "110"), 0),
    "K": (("3.5", "5.1"), None, 1),
    "SODIUM": (("135", "145"), None, 0),
    "MG": (("0.70", "1.00"), None, 2),
    "CA": (("2.15", "2.55"), None, 2),
    "GLUC": (("3.9", "6.1"), None, 1),
}
NOT_SIGNIFICANT = "Grade 1, not clinically significant; repeat at the next visit (demo)"


def demo_ranges(add: Callable[[Any], object], protocol: Protocol) -> None:
    """The demo lab's ranges of the protocol's analytes, in their units (`add`: the fill's
    new rows)."""
    units = {a.code: a.unit for a in protocol.labs}
    for code, (women, men, _decimals) in RANGES.items():
        if code not in units:
            continue
        for sex, (lln, uln) in ((None, women),) if men is None else (("F", women),
                                                                     ("M", men)):
            add(LabReferenceRange(lab=LAB, analyte=code, sex=sex, lln=lln, uln=uln,
                                          unit=units[code], valid_from=VALID_FROM))


def _value(rng: random.Random, code: str, sex: str | None) -> str:
    women, men, decimals = RANGES[code]
    lln, uln = (Decimal(x) for x in (men if sex == "M" and men else women))
    margin = (uln - lln) / 10
    picked = rng.uniform(float(lln + margin), float(uln - margin))
    return format(Decimal(repr(picked)).quantize(Decimal(1).scaleb(-decimals)), "f")


def demo_labs(add: Callable[[Any], object], protocol: Protocol, patient_id: int,
              sex: str | None, records: dict[str, dict[str, Any]]) -> None:
    """A panel at the first and the latest visit done (their own random numbers); the
    demo lab's ranges are the fill's (app.services.demo_store), added once."""
    analytes = [a for a in protocol.labs if a.code in RANGES]
    done = sorted((r["actual_date"], code) for code, r in records.items()
                  if r.get("outcome") == DONE and r.get("actual_date"))
    if not analytes or not done:
        return
    rng = random.Random(36 * 100_000 + patient_id)
    first = first_dose_date(protocol, {code: day for day, code in done})
    for n, (day, _code) in enumerate(dict.fromkeys([done[0], done[-1]]), start=1):
        low_neut = first is not None and day > first and rng.random() < 0.4
        for a in analytes:
            value = "1.6" if low_neut and a.code == "NEUT" else _value(rng, a.code, sex)
            add(LabResult(
                patient_id=patient_id, analyte=a.code, lab=LAB, sample_date=day,
                sample_id=f"D{patient_id:03d}-{n}", value=value, unit=a.unit,
                status=ACCEPTED, source="manual",
                ae_decision=DISMISSED if low_neut and a.code == "NEUT" else None,
                ae_reason=NOT_SIGNIFICANT if low_neut and a.code == "NEUT" else None))


__all__ = ["LAB", "RANGES", "demo_labs", "demo_ranges"]
