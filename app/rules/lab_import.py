"""A lab's export read into results (issue 36), pure: the site's column mapping (which of
the file's columns is the subject, the analyte, the value, ... and which of the lab's test
names is which analyte of the protocol), each row as a result or as the problem that names
it. The file itself is read by the service (CSV, XLSX) or app/exchange/fhir_labs (FHIR)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from app.errors import InvalidEntry
from app.rules.dates import parse_user_date
from app.rules.lab_entry import LabEntry

#: what a mapping names, and the column names of a file without a mapping
HEADERS = {"subject": "Subject ID", "analyte": "Analyte", "value": "Value", "unit": "Unit",
           "sample_date": "Sample date", "lab": "Lab", "sample_id": "Sample ID"}
REQUIRED = ("subject", "analyte", "value", "unit", "sample_date")


@dataclass(frozen=True)
class Mapping:
    name: str
    columns: dict[str, str] = field(default_factory=lambda: dict(HEADERS))
    tests: dict[str, str] = field(default_factory=dict)  # the lab's test name -> code
    lab: str | None = None  # the lab's name, for a file without a lab column

    def as_json(self) -> dict[str, Any]:
        return {"columns": self.columns, "tests": self.tests, "lab": self.lab}

    @classmethod
    def from_json(cls, name: str, text: str) -> Mapping:
        data = json.loads(text)
        return cls(name, dict(data.get("columns") or {}), dict(data.get("tests") or {}),
                   data.get("lab"))


DEFAULT = Mapping("")


def check_mapping(mapping: Mapping) -> Mapping:
    name = " ".join(mapping.name.split())
    if not name:
        raise InvalidEntry("Name", "Give the mapping a name")
    unknown = sorted(set(mapping.columns) - set(HEADERS))
    if unknown:
        raise InvalidEntry("Columns", "{fields}: not what a mapping names (it names "
                                      "{known})", fields=", ".join(unknown),
                           known=", ".join(HEADERS))
    columns = {**{k: v for k, v in HEADERS.items() if k in REQUIRED},
               **{k: v.strip() for k, v in mapping.columns.items() if v and v.strip()}}
    if "lab" not in columns and not (mapping.lab or "").strip():
        raise InvalidEntry("Lab", "Name the lab's column, or the lab the file comes from")
    return Mapping(name, columns, {k.strip(): v.strip() for k, v in mapping.tests.items()},
                   (mapping.lab or "").strip() or None)


@dataclass(frozen=True)
class SourceRow:
    number: int  # the file's row (the names are row 1), a bundle's entry (from 1)
    subject: str
    entry: LabEntry


@dataclass(frozen=True)
class RowProblem:
    number: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"row {self.number}, {self.field}: {self.message}" if self.field else \
            f"row {self.number}: {self.message}"


def _text(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float):
        return format(Decimal(repr(cell)), "f")
    return str(cell).strip()


def cell_date(cell: Any) -> date | None:
    """A sample date: a spreadsheet's date, DD-MMM-YYYY or ISO (ValueError otherwise)."""
    if cell in (None, ""):
        return None
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    text = str(cell).strip()
    if len(text) > 10 and text[4:5] == "-" and text[10:11] in ("T", " "):
        text = text[:10]  # an ISO date-time: its day
    return parse_user_date(text)


def rows_of_table(table: list[list[Any]], mapping: Mapping
                  ) -> tuple[list[SourceRow], list[RowProblem]]:
    """The table's rows as results, or the problems naming them (the header row first)."""
    if not table:
        return [], [RowProblem(1, "", "the file is empty")]
    header = [_text(c).casefold() for c in table[0]]
    where: dict[str, int] = {}
    problems = []
    for what, name in mapping.columns.items():
        if name.casefold() in header:
            where[what] = header.index(name.casefold())
        elif what in REQUIRED or (what == "lab" and not mapping.lab):
            problems.append(RowProblem(1, name, "this column is missing"))
    if problems:
        return [], problems
    tests = {k.casefold(): v for k, v in mapping.tests.items()}
    rows = []
    for number, raw in enumerate(table[1:], start=2):
        cells = {what: raw[i] if i < len(raw) else None for what, i in where.items()}
        if not any(_text(c) for c in cells.values()):
            continue  # a blank row
        try:
            day = cell_date(cells.get("sample_date"))
        except ValueError as exc:
            problems.append(RowProblem(number, mapping.columns["sample_date"], str(exc)))
            continue
        typed = _text(cells.get("analyte"))
        rows.append(SourceRow(number, _text(cells.get("subject")).upper(), LabEntry(
            analyte=tests.get(typed.casefold(), typed),
            lab=_text(cells.get("lab")) or (mapping.lab or ""), sample_date=day,
            value=_text(cells.get("value")), unit=_text(cells.get("unit")),
            sample_id=_text(cells.get("sample_id")) or None)))
    return rows, problems


def check_lab_file(name: str, exists: bool, kind: str) -> None:
    """The file to import: there, and of a kind read (CSV, XLSX, a FHIR bundle)."""
    if not name.strip():
        raise InvalidEntry("file", "Choose the lab's file")
    if not exists:
        raise InvalidEntry("file", "{name}: no such file", name=name)
    if not kind:
        raise InvalidEntry("file", "{name}: a lab file is .csv, .xlsx or a FHIR bundle (.json)",
                           name=name)
