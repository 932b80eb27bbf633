"""A listing as the user saw it, for a spreadsheet: CSV or XLSX by the file's ending.

Every file starts with a header block saying what it is: the listing, the study, the site,
when (UTC, ISO 8601), who, and the app's version. Then come the columns as the screen
names them. Free text can never act as a formula when the file is opened:
- in a CSV, a cell starting with = + - @, a tab or a carriage return gets a leading
  apostrophe (OWASP, "CSV injection");
- in an XLSX, every cell is written as text.
The file is written to a temporary name and renamed into place, so it is whole or absent.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from app.errors import InvalidEntry
from app.infra.files import written_atomically

ENDINGS = (".csv", ".xlsx")
RISKY_STARTS = ("=", "+", "-", "@", "\t", "\r")


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


def write_listing(path: Path | str, header: ExportHeader, columns: Sequence[str],
                  rows: Sequence[Sequence[str]]) -> int:
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
         rows: Sequence[Sequence[str]]) -> None:
    # UTF-8 with a byte-order mark: Excel then reads names in any script correctly
    with path.open("w", newline="", encoding="utf-8-sig") as fh:
        out = csv.writer(fh)
        for name, value in header.lines():
            out.writerow([name, neutral(value)])
        out.writerow([])
        out.writerow([neutral(c) for c in columns])
        for row in rows:
            out.writerow([neutral(str(cell)) for cell in row])


def _xlsx(path: Path, header: ExportHeader, columns: Sequence[str],
          rows: Sequence[Sequence[str]]) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=False)
    sheet = book.active
    assert sheet is not None
    _fill(sheet, header, header.listing, columns, rows)
    book.save(path)


def _fill(sheet: Any, header: ExportHeader, title: str, columns: Sequence[str],
          rows: Sequence[Sequence[str]]) -> None:
    """One sheet: the header block, the column names, the rows, every cell as text."""
    from openpyxl.styles import Font

    sheet.title = title[:31] or "Listing"  # Excel's limit for a sheet's name
    bold = Font(bold=True)

    def put(row: int, col: int, value: str, strong: bool = False) -> None:
        cell = sheet.cell(row=row, column=col)
        cell.value = value
        cell.data_type = "s"  # text, never a formula, whatever it starts with
        if strong:
            cell.font = bold

    lines = header.lines()
    for r, (name, value) in enumerate(lines, start=1):
        put(r, 1, name, strong=True)
        put(r, 2, value)
    first = len(lines) + 2
    for c, name in enumerate(columns, start=1):
        put(first, c, name, strong=True)
    for r, row in enumerate(rows, start=first + 1):
        for c, cell in enumerate(row, start=1):
            put(r, c, str(cell))
    sheet.freeze_panes = f"A{first + 1}"  # the header block and column names stay in view


def write_workbook(target: Path, header: ExportHeader,
                   tables: dict[str, tuple[list[str], list[list[str]]]]) -> dict[str, int]:
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
