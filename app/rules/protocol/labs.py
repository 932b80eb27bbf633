"""The protocol's laboratory analytes, read from `[[labs.analytes]]` (optional: a study
without them records no labs): each with its code (the SDTM LBTESTCD), the unit its results
are kept in, the kind of quantity that says which other units a lab may report and how
they convert (app/rules/lab_units), the LOINC codes a FHIR Observation names it by, and
the CTCAE terms graded from its value."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.rules.protocol.reader import Reader

PANELS = ("haematology", "chemistry")


@dataclass(frozen=True, slots=True)
class Analyte:
    code: str  # LBTESTCD: "NEUT"
    name: str  # as the screens say it: "Neutrophils"
    panel: str  # haematology or chemistry
    unit: str  # the unit results are kept and shown in
    quantity: str  # a lab_units quantity: the units accepted and their factors
    loinc: tuple[str, ...] = ()
    grades: tuple[str, ...] = ()  # CTCAE terms graded from the value


def parse_labs(r: Reader, data: dict[str, Any]) -> tuple[Analyte, ...]:
    """`[[labs.analytes]]`, each checked against the units and the CTCAE criteria known."""
    from app.rules.lab_criteria import criteria_for
    from app.rules.lab_units import QUANTITIES, spelled

    labs = r.table(data, "", "labs", required=False)
    out: list[Analyte] = []
    for i, a in enumerate(r.array(labs, "labs", "analytes", required=False)):
        key = f"labs.analytes[{i}]"
        if not isinstance(a, dict):
            r.fail(key, "must be a table")
            continue
        code = r.get(a, key, "code", str) or ""
        quantity = r.get(a, key, "quantity", str) or ""
        unit = spelled(r.get(a, key, "unit", str) or "")
        panel = r.get(a, key, "panel", str, "chemistry")
        if quantity not in QUANTITIES:
            r.fail(f"{key}.quantity", f"'{quantity}' is not one of {', '.join(QUANTITIES)}")
        elif unit not in QUANTITIES[quantity].factors:
            r.fail(f"{key}.unit", f"'{unit}' is not a unit of {quantity}")
        if panel not in PANELS:
            r.fail(f"{key}.panel", f"'{panel}' is not one of {', '.join(PANELS)}")
        grades = r.strings(a, key, "grades")
        for j, term in enumerate(grades):
            crit = criteria_for(term)
            if crit is None:
                r.fail(f"{key}.grades[{j}]", f"'{term}' is not a lab-defined CTCAE term")
            elif crit.quantity.name != quantity:
                r.fail(f"{key}.grades[{j}]", f"'{term}' grades {crit.quantity.name}, "
                                             f"not {quantity}")
        if code in {x.code for x in out}:
            r.fail(f"{key}.code", f"'{code}' is named twice")
        out.append(Analyte(code=code, name=r.get(a, key, "name", str, code) or code,
                           panel=panel or "chemistry", unit=unit, quantity=quantity,
                           loinc=r.strings(a, key, "loinc"),
                           grades=tuple(c.term for t in grades if (c := criteria_for(t)))))
    return tuple(out)


__all__ = ["PANELS", "Analyte", "parse_labs"]
