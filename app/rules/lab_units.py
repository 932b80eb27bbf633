"""Units of laboratory values, and the factors between them, per kind of quantity.

A lab prints neutrophils in 10^9/L or in cells/mm3, haemoglobin in g/dL, g/L or mmol/L,
creatinine in mg/dL or umol/L: the same value written differently. Each quantity names
its units as the labs spell them; converting is multiplying by exact decimal factors
(Decimal, so that 1500/mm3 is exactly 1.5 x 10^9/L and a grade boundary stays a boundary).
No Qt, no SQL, no clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from app.errors import InvalidEntry


@dataclass(frozen=True)
class Quantity:
    """A kind of lab value: its units, each as a factor to the first (the canonical one)."""

    name: str
    factors: dict[str, Decimal]

    @property
    def canonical(self) -> str:
        return next(iter(self.factors))

    def units(self) -> list[str]:
        return list(self.factors)


def _q(name: str, **spelled: str) -> dict[str, Decimal]:
    return {unit: Decimal(factor) for unit, factor in spelled.items()}


#: a cell count per litre of blood (neutrophils, platelets, white cells, lymphocytes)
COUNT = Quantity("count", {
    "10^9/L": Decimal(1), "/mm3": Decimal("0.001"), "10^3/uL": Decimal(1),
    "cells/uL": Decimal("0.001")})
#: haemoglobin: 1 g/dL is 10 g/L and 0.6206 mmol/L (Hb monomer, 16.114 g/mmol)
HAEMOGLOBIN = Quantity("haemoglobin", {
    "g/dL": Decimal(1), "g/L": Decimal("0.1"), "mmol/L": Decimal("1.6114")})
#: a monovalent ion (sodium, potassium): 1 mmol/L is 1 mEq/L
MONOVALENT = Quantity("monovalent ion", {"mmol/L": Decimal(1), "mEq/L": Decimal(1)})
#: magnesium, 24.305 g/mol: 1 mmol/L is 2 mEq/L and 2.4305 mg/dL
MAGNESIUM = Quantity("magnesium", {
    "mmol/L": Decimal(1), "mEq/L": Decimal("0.5"), "mg/dL": Decimal(1) / Decimal("2.4305")})
#: calcium, 40.078 g/mol: 1 mmol/L is 2 mEq/L and 4.0078 mg/dL
CALCIUM = Quantity("calcium", {
    "mmol/L": Decimal(1), "mEq/L": Decimal("0.5"), "mg/dL": Decimal(1) / Decimal("4.0078")})
#: creatinine, 113.12 g/mol: 1 mg/dL is 88.42 umol/L
CREATININE = Quantity("creatinine", {
    "umol/L": Decimal(1), "mg/dL": Decimal("88.42"), "mmol/L": Decimal(1000)})
#: bilirubin, 584.66 g/mol: 1 mg/dL is 17.104 umol/L
BILIRUBIN = Quantity("bilirubin", {"umol/L": Decimal(1), "mg/dL": Decimal("17.104")})
#: glucose, 180.16 g/mol: 1 mmol/L is 18.016 mg/dL
GLUCOSE = Quantity("glucose", {"mmol/L": Decimal(1), "mg/dL": Decimal(1) / Decimal("18.016")})
#: an enzyme activity (ALT, AST, ALP): 1 ukat/L is 60 U/L
ENZYME = Quantity("enzyme activity", {"U/L": Decimal(1), "ukat/L": Decimal(60)})

QUANTITIES = {q.name: q for q in (COUNT, HAEMOGLOBIN, MONOVALENT, MAGNESIUM, CALCIUM,
                                 CREATININE, BILIRUBIN, GLUCOSE, ENZYME)}

#: how labs also write the units above (compared without spaces, case kept apart only
#: where it matters: none of these collide within one quantity)
_SPELLINGS = {
    "x10^9/l": "10^9/L", "10e9/l": "10^9/L", "x10e9/l": "10^9/L", "10*9/l": "10^9/L",
    "gi/l": "10^9/L", "10^9/l": "10^9/L", "x10^3/ul": "10^3/uL",
    "10^3/ul": "10^3/uL", "10^3/µl": "10^3/uL", "k/ul": "10^3/uL", "x10e3/ul": "10^3/uL",
    "/mm3": "/mm3", "cells/mm3": "/mm3", "/mm^3": "/mm3", "/ul": "cells/uL",
    "cells/ul": "cells/uL", "/µl": "cells/uL", "g/dl": "g/dL", "g/l": "g/L",
    "mmol/l": "mmol/L", "meq/l": "mEq/L", "mg/dl": "mg/dL", "umol/l": "umol/L",
    "µmol/l": "umol/L", "μmol/l": "umol/L", "u/l": "U/L", "iu/l": "U/L", "ui/l": "U/L",
    "ukat/l": "ukat/L", "µkat/l": "ukat/L", "μkat/l": "ukat/L",
}


def spelled(unit: str) -> str:
    """A unit as this module spells it ("x10e9/L" -> "10^9/L"); unknown units unchanged."""
    key = "".join(unit.split()).lower()
    return _SPELLINGS.get(key, unit.strip())


def unit_of(quantity: Quantity, unit: str, field: str = "Unit") -> str:
    """The unit as the quantity names it, or the refusal naming what it takes instead."""
    name = spelled(unit)
    if name not in quantity.factors:
        raise InvalidEntry(field, "{unit} is not a unit of {quantity} (it takes {units})",
                           unit=unit.strip() or "(none)", quantity=quantity.name,
                           units=", ".join(quantity.units()))
    return name


def convert(quantity: Quantity, value: Decimal, unit: str, to: str) -> Decimal:
    """`value` in `unit` written in `to` (both units of the quantity)."""
    source, target = unit_of(quantity, unit), unit_of(quantity, to)
    if source == target:
        return value
    return value * quantity.factors[source] / quantity.factors[target]


#: "75,000" or "1,250.5": commas between groups of three digits, as CTCAE itself writes
#: "75,000/mm3" (a leading "0," is a decimal comma: "0,500" is 0.5)
_THOUSANDS = re.compile(r"[1-9]\d{0,2}(,\d{3})+(\.\d+)?")


def _decimal_text(typed: str) -> str:
    """Thousands separators dropped ("75,000"), a decimal comma read as a point ("1,5")."""
    if _THOUSANDS.fullmatch(typed):
        return typed.replace(",", "")
    return typed.replace(",", ".")


def amount(text: str | Decimal | float, field: str) -> Decimal:
    """A typed lab value as a Decimal ("1,5" is 1.5, "75,000" is 75000), or the refusal
    naming the field."""
    if isinstance(text, Decimal):
        return text
    typed = _decimal_text(str(text).strip())
    try:
        value = Decimal(typed)
    except InvalidOperation:
        raise InvalidEntry(field, "{name}: {typed} is not a number",
                           name=field, typed=str(text).strip() or "(empty)") from None
    if not value.is_finite():
        raise InvalidEntry(field, "{name}: {typed} is not a number", name=field, typed=typed)
    if value < 0:
        raise InvalidEntry(field, "{name} cannot be negative ({typed})",
                           name=field, typed=typed)
    return value
