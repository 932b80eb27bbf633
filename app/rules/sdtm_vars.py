"""How an SDTM dataset's definition is written down (app.rules.sdtm_spec and
app.rules.sdtm_clinical hold the definitions): a variable with its label, type, core, code
list and origin; a dataset with its class, structure, keys and variables. Pure data.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Variable:
    name: str
    label: str
    type: str  # "text" | "integer" | "float" | "datetime" (ISO 8601 text)
    core: str  # "Req" | "Exp" | "Perm"
    codelist: str | None = None
    origin: str = "Collected"  # Collected | Derived | Assigned | Protocol

    @property
    def numeric(self) -> bool:
        return self.type in ("integer", "float")


@dataclass(frozen=True, slots=True)
class DatasetSpec:
    name: str
    label: str
    cls: str  # the SDTM observation class
    structure: str
    keys: tuple[str, ...]
    variables: tuple[Variable, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(v.name for v in self.variables)

    def variable(self, name: str) -> Variable:
        return next(v for v in self.variables if v.name == name)


_TYPES = {"C": "text", "N": "integer", "F": "float", "D": "datetime"}
_CORES = {"R": "Req", "E": "Exp", "P": "Perm"}
_ORIGINS = {"C": "Collected", "D": "Derived", "A": "Assigned", "P": "Protocol"}


def variables(text: str) -> tuple[Variable, ...]:
    """One variable a line: NAME|Label|type core origin|codelist (type C/N/F/D, core
    R/E/P, origin C/D/A/P)."""
    out = []
    for line in text.strip().splitlines():
        name, label, flags, *cl = (part.strip() for part in line.split("|"))
        out.append(Variable(name, label, _TYPES[flags[0]], _CORES[flags[1]],
                            cl[0] if cl and cl[0] else None, _ORIGINS[flags[2]]))
    return tuple(out)


_ID = """STUDYID|Study Identifier|CRA
DOMAIN|Domain Abbreviation|CRA
USUBJID|Unique Subject Identifier|CRD"""


def spec(name: str, label: str, cls: str, structure: str, keys: str, body: str
          ) -> DatasetSpec:
    return DatasetSpec(name, label, cls, structure, tuple(keys.split()),
                       variables(f"{_ID}\n{body}"))


__all__ = ["DatasetSpec", "Variable", "spec", "variables"]
