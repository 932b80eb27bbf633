"""Reading NCI's CTCAE dictionary file (xlsx term sheet, or a CSV export of it).

No database here: the file becomes a list of terms, or a CtcaeFileError that says what is
wrong with it. Which columns mean what is data (resources/ctcae_columns.toml).
"""

from __future__ import annotations

import csv
import re
import tomllib
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

GRADES = (1, 2, 3, 4, 5)
#: the longest MedDRA code, term and SOC the dictionary keeps (db/models.py CtcaeTerm, kept
#: equal by tests/app/test_ctcae_limits.py): longer is refused by the file's check, on
#: every backend alike, before anything is written
LIMITS = {"meddra_code": 16, "term": 200, "soc": 120}


class CtcaeFileError(ValueError):
    """A file that is not the CTCAE term list; the message names the file and the problem."""


@dataclass(frozen=True, slots=True)
class CtcaeEntry:
    meddra_code: str
    term: str
    soc: str
    grade_1: str | None
    grade_2: str | None
    grade_3: str | None
    grade_4: str | None
    grade_5: str | None
    definition: str | None
    navigational_note: str | None

    def grade_text(self, grade: int) -> str | None:
        return getattr(self, f"grade_{grade}") if grade in GRADES else None

    @property
    def grades(self) -> dict[int, str]:
        """The grades this term has, with NCI's text; absent grades are left out."""
        return {g: t for g in GRADES if (t := self.grade_text(g)) is not None}

    @property
    def other_specify(self) -> bool:
        """'Other, specify' terms take the investigator's own words beside the term."""
        return self.term.endswith("Other, specify")


@dataclass(frozen=True)
class ColumnMap:
    version: str
    sheet: str
    not_applicable: str
    columns: dict[str, str]


def column_map() -> ColumnMap:
    data = tomllib.loads(files("resources").joinpath("ctcae_columns.toml").read_text("utf-8"))
    return ColumnMap(data["version"], data["sheet"], data["not_applicable"], data["columns"])


def _fold(text: object) -> str:
    return re.sub(r"\s+", " ", str(text or "")).strip().casefold()


def _cell(value: object, na: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    if text.strip() in ("", na):
        return None
    return text.strip()


def _rows_xlsx(path: Path, sheet: str) -> list[tuple[Any, ...]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise CtcaeFileError(f"{path.name} is not an Excel workbook ({exc})") from None
    try:
        if sheet not in book.sheetnames:
            raise CtcaeFileError(f"{path.name} has no sheet '{sheet}' (it has: "
                                 f"{', '.join(book.sheetnames)})")
        return list(book[sheet].iter_rows(values_only=True))
    finally:
        book.close()


def _rows_csv(path: Path) -> list[tuple[Any, ...]]:
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            reader = csv.reader(fh)
            try:
                return [tuple(r) for r in reader]
            except csv.Error:  # a field over csv's 128 KB: no term list has one
                raise CtcaeFileError(
                    f"{path.name}, line {reader.line_num}: a field is longer than "
                    f"{csv.field_size_limit() // 1024} KB, so this is not NCI's term "
                    "list") from None
    except UnicodeDecodeError:
        raise CtcaeFileError(f"{path.name} is not a UTF-8 CSV file") from None


def read_ctcae(path: Path | str) -> list[CtcaeEntry]:
    """Every term of the file, checked: the columns exist, codes and terms are unique."""
    path = Path(path)
    cmap = column_map()
    rows = _read_rows(path, cmap)
    index = _column_index(path, rows[0], cmap)
    entries: list[CtcaeEntry] = []
    codes: set[str] = set()
    terms: set[str] = set()
    for number, row in enumerate(rows[1:], start=2):
        if not any(v not in (None, "") for v in row):
            continue
        values = {k: _cell(row[i] if i < len(row) else None, cmap.not_applicable)
                  for k, i in index.items()}
        entry = _check_term(values, f"{path.name}, row {number}", cmap, codes, terms)
        codes.add(entry.meddra_code)
        terms.add(entry.term)
        entries.append(entry)
    if not entries:
        raise CtcaeFileError(f"{path.name} holds no terms")
    return entries


def _read_rows(path: Path, cmap: ColumnMap) -> list[tuple[Any, ...]]:
    if not path.is_file():
        raise CtcaeFileError(f"{path} does not exist")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        rows = _rows_xlsx(path, cmap.sheet)
    elif suffix in (".csv", ".txt"):
        rows = _rows_csv(path)
    else:
        raise CtcaeFileError(f"{path.name}: give NCI's .xlsx workbook or a .csv export of it")
    if not rows:
        raise CtcaeFileError(f"{path.name} is empty")
    return rows


def _column_index(path: Path, header_row: tuple[Any, ...], cmap: ColumnMap) -> dict[str, int]:
    """Where each column of the map is, headers matched after folding NCI's spaces."""
    header = [_fold(h) for h in header_row]
    index: dict[str, int] = {}
    missing = []
    for key, title in cmap.columns.items():
        if _fold(title) in header:
            index[key] = header.index(_fold(title))
        else:
            missing.append(title)
    if missing:
        raise CtcaeFileError(f"{path.name} is not the CTCAE term list: no column "
                             + ", ".join(f"'{m}'" for m in missing))
    return index


def _check_term(values: dict[str, str | None], where: str, cmap: ColumnMap, codes: set[str],
                terms: set[str]) -> CtcaeEntry:
    for key in ("meddra_code", "term", "soc"):
        if not values[key]:
            raise CtcaeFileError(f"{where}: '{cmap.columns[key]}' is empty")
    for key, limit in LIMITS.items():
        if len(values[key] or "") > limit:
            raise CtcaeFileError(f"{where}: '{cmap.columns[key]}' is {len(values[key] or '')} "
                                 f"characters long; at most {limit} are kept")
    for key, value in values.items():
        if value and "\x00" in value:  # PostgreSQL keeps no NUL in a text
            raise CtcaeFileError(f"{where}: '{cmap.columns[key]}' holds a NUL character")
    code, term, soc = values["meddra_code"] or "", values["term"] or "", values["soc"] or ""
    if not code.isdigit():
        raise CtcaeFileError(f"{where}: MedDRA code '{code}' is not a number")
    if values["meddra_code"] in codes or values["term"] in terms:
        raise CtcaeFileError(f"{where}: '{values['term']}' appears twice")
    if not any(values[f"grade_{g}"] for g in GRADES):
        raise CtcaeFileError(f"{where}: '{values['term']}' has no grade at all")
    return CtcaeEntry(code, term, soc, values["grade_1"], values["grade_2"], values["grade_3"],
                      values["grade_4"], values["grade_5"], values["definition"],
                      values["navigational_note"])


