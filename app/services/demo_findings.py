"""The demo's vital signs, ECG and con-meds: readings at the screening visit and at the
latest visit done (as typed ones would be, inside their usual ranges, BSA and QTcF computed
by the rules), and a con-med or two for some patients (one a drug the protocol forbids, so
the flag shows). Fictional, like the rest of the demo."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from app.rules.calendar import DONE
from app.rules.protocol import Protocol
from app.rules.vitals import derived, half_up, measures_at
from app.services.demo_labs import demo_labs
from db.findings import ConMed, VitalSign

#: where a demo reading falls (within the protocol's usual range)
TYPICAL = {"WEIGHT": (55, 95), "HEIGHT": (155, 185), "TEMP": (36.2, 37.2),
           "PULSE": (60, 95), "SYSBP": (105, 145), "DIABP": (60, 90), "RESP": (12, 20),
           "OXYSAT": (95, 99), "ECOG": (0, 1), "HR": (58, 95), "PR": (130, 190),
           "QRS": (80, 105), "QT": (360, 420)}
MEDS = (("Ondansetron", 8.0, "mg", "oral", "PRN", "Nausea"),
        ("Paracetamol", 1.0, "g", "oral", "PRN", "Pain"),
        ("Loperamide", 2.0, "mg", "oral", "PRN", "Diarrhea"),
        ("Omeprazole", 20.0, "mg", "oral", "QD", "Gastro-oesophageal reflux"),
        ("Clarithromycin", 500.0, "mg", "oral", "BID", "Pneumonia"))


def demo_findings(add: Callable[[Any], object], protocol: Protocol, patient_id: int,
                  records: dict[str, dict[str, Any]], consent: date, today: date,
                  sex: str | None = None) -> None:
    """Readings at the first and the latest visit done; lab panels then too
    (app.services.demo_labs); con-meds for about half. Its own random numbers (from the
    patient), so the rest of the demo stays as it was."""
    demo_labs(add, protocol, patient_id, sex, records)
    rng = random.Random(7068 * 1000 + patient_id)
    done = sorted((r["actual_date"], code) for code, r in records.items()
                  if r.get("outcome") == DONE and r.get("actual_date"))
    measured = [(day, code) for day, code in done if measures_at(protocol, code)]
    weight = rng.uniform(*TYPICAL["WEIGHT"])
    height: float | None = None
    for _day, code in dict.fromkeys([*measured[:1], *measured[-1:]]):
        measures = measures_at(protocol, code)
        values: dict[str, float] = {}
        for m in measures:
            if m.computed:
                continue
            low, high = TYPICAL.get(m.code, m.plausible)
            value = weight + rng.uniform(-1.5, 1.5) if m.code == "WEIGHT" else \
                rng.uniform(low, high)
            values[m.code] = half_up(min(max(value, m.plausible[0]), m.plausible[1]),
                                     m.decimals)
        values.update(derived(measures, values, height))
        height = values.get("HEIGHT", height)
        units = {m.code: m.unit for m in measures}
        for code_, value in values.items():
            add(VitalSign(patient_id=patient_id, visit_code=code, test=code_,
                                  value=value, unit=units[code_], confirmed=False))
    if not done or rng.random() < 0.5:
        return
    for drug, dose, unit, route, frequency, why in rng.sample(MEDS, rng.choice([1, 1, 2])):
        start = min(done[0][0] + timedelta(days=rng.randint(0, 20)), today)
        add(ConMed(patient_id=patient_id, drug=drug, dose=dose, unit=unit,
                           route=route, frequency=frequency, indication=why,
                           start_date=max(start, consent), ongoing=True))


__all__ = ["demo_findings"]
