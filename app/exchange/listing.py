"""A listing as the user saw it, for a spreadsheet: CSV or XLSX by the file's ending.

Every file starts with a header block saying what it is: the listing, the study, the site,
when (UTC, ISO 8601), who, and the app's version. Then come the columns as the screen
names them. Numbers stay numbers (a deviation of -24 minutes sums in a spreadsheet); free
text can never act as a formula when the file is opened:
- in a CSV, a text cell starting with = + - @, a tab or a carriage return gets a leading
  apostrophe (OWASP, "CSV injection");
- in an XLSX, every text cell is written as text, and one with such a start also carries
  Excel's quote prefix, so that editing the cell later never turns it into a formula.
The file is written to a temporary name and renamed into place, so it is whole or absent.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.errors import InvalidEntry
from app.infra.files import written_atomically

ENDINGS = (".csv", ".xlsx")
RISKY_STARTS = ("=", "+", "-", "@", "\t", "\r")
Cell = str | int | float | Decimal | None  # a number is written as a number, None as empty


@dataclass(frozen=True)
class ExportHeader:
    """What a listing's file says about itself, above its columns."""

    listing: str
    study: str
    site: str
    user: str
    at: datetime  # UTC
    version: str

    def lines(self) -> list[tuple[str, str]]:
        return [("Listing", self.listing), ("Study", self.study), ("Site", self.site),
                ("Exported (UTC)", self.at.strftime("%Y-%m-%dT%H:%M:%SZ")),
                ("Exported by", self.user), ("Site Tracker version", self.version)]


def neutral(text: str) -> str:
    """A cell's text that a spreadsheet will not run as a formula."""
    return "'" + text if text.startswith(RISKY_STARTS) else text


def is_number(cell: Cell) -> bool:
    return isinstance(cell, int | float | Decimal) and not isinstance(cell, bool)


def csv_cell(cell: Cell) -> str:
    """A number as its digits (never guarded: -24 is a number), text made formula-safe."""
    if cell is None:
        return ""
    if is_number(cell):
        return format(cell, "g") if isinstance(cell, float) else str(cell)
    return neutral(str(cell))


def write_listing(path: Path | str, header: ExportHeader, columns: Sequence[str],
                  rows: Sequence[Sequence[Cell]]) -> int:
    """Write the listing; returns how many rows were written."""
    path = Path(path)
    ending = path.suffix.lower()
    if ending not in ENDINGS:
        raise InvalidEntry("path", "{name}: export to a .csv or .xlsx file",
                                   name=path.name)
    with written_atomically(path) as temp:
        if ending == ".csv":
            _csv(temp, header, columns, rows)
        else:
            _xlsx(temp, header, columns, rows)
    return len(rows)


def _csv(path: Path, header: ExportHeader, columns: Sequence[str],
         rows: Sequence[Sequence[Cell]]) -> None:
    # UTF-8 with a byte-order mark: Excel then reads names in any script correctly
    with path.open("w", newline="", encoding="utf-8-sig") as fh:
        out = csv.writer(fh)
        for name, value in header.lines():
            out.writerow([name, neutral(value)])
        out.writerow([])
        out.writerow([neutral(c) for c in columns])
        for row in rows:
            out.writerow([csv_cell(cell) for cell in row])


def _xlsx(path: Path, header: ExportHeader, columns: Sequence[str],
          rows: Sequence[Sequence[Cell]]) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=False)
    sheet = book.active
    assert sheet is not None
    _fill(sheet, header, header.listing, columns, rows)
    book.save(path)


def _fill(sheet: Any, header: ExportHeader | None, title: str, columns: Sequence[str],
          rows: Sequence[Sequence[Cell]]) -> None:
    """One sheet: the header block (none for a dataset: its names in row 1), the column
    names, the rows; numbers as numbers, every other cell as text (quote-prefixed where it
    starts like a formula)."""
    from openpyxl.styles import Font

    sheet.title = title[:31] or "Listing"  # Excel's limit for a sheet's name
    bold = Font(bold=True)

    def put(row: int, col: int, value: Cell, strong: bool = False) -> None:
        cell = sheet.cell(row=row, column=col)
        if is_number(value):
            cell.value = value
        else:
            text = "" if value is None else str(value)
            cell.value = text
            cell.data_type = "s"  # text, never a formula, whatever it starts with
            if text.startswith(RISKY_STARTS):
                cell.quotePrefix = True  # Excel's own guard, kept when the cell is edited
        if strong:
            cell.font = bold

    lines = header.lines() if header else []
    for r, (name, value) in enumerate(lines, start=1):
        put(r, 1, name, strong=True)
        put(r, 2, value)
    first = len(lines) + 2 if lines else 1
    for c, name in enumerate(columns, start=1):
        put(first, c, name, strong=True)
    for r, row in enumerate(rows, start=first + 1):
        for c, cell in enumerate(row, start=1):
            put(r, c, cell)
    sheet.freeze_panes = f"A{first + 1}"  # the header block and column names stay in view


def fill_sheet(sheet: Any, header: ExportHeader | None, title: str, columns: Sequence[str],
               rows: Sequence[Sequence[Cell]]) -> None:
    """A sheet of a workbook put together by its caller (SDTM's datasets: no header)."""
    _fill(sheet, header, title, columns, rows)


Table = tuple[Sequence[str], Sequence[Sequence[Cell]]]  # a listing's columns and rows


def write_workbook(target: Path, header: ExportHeader,
                   tables: Mapping[str, Table]) -> dict[str, int]:
    """Several listings: one workbook with a sheet each when `target` ends in .xlsx, else a
    folder of CSV files named after them (each file whole or absent). Rows per listing."""
    from dataclasses import replace

    if target.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        book = Workbook()
        first = True
        for name, (columns, rows) in tables.items():
            sheet = book.active if first else book.create_sheet()
            first = False
            assert sheet is not None
            _fill(sheet, replace(header, listing=f"{header.listing}: {name}"), name,
                  columns, rows)
        with written_atomically(target) as temp:
            book.save(temp)
    else:
        if target.suffix:
            raise InvalidEntry("path", "{name}: name a folder, or a .xlsx workbook",
                                       name=target.name)
        target.mkdir(parents=True, exist_ok=True)
        for name, (columns, rows) in tables.items():
            write_listing(target / f"{name.lower()}.csv",
                          replace(header, listing=f"{header.listing}: {name}"), columns, rows)
    return {name: len(rows) for name, (_columns, rows) in tables.items()}
