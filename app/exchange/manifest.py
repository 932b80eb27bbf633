"""A manifest as the central lab reads it: its own column headings, in its order (the
protocol file's mapping), one row per aliquot; CSV or XLSX by the file's ending. No header
block (the lab's system reads the first row as the headings); text is formula-safe."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from app.errors import InvalidEntry
from app.exchange.listing import ENDINGS, neutral
from app.infra.files import written_atomically


def write_lab_table(path: Path | str, headings: Sequence[str],
                    rows: Sequence[Sequence[str]]) -> int:
    """Write the rows under the lab's headings; returns how many rows."""
    path = Path(path)
    if path.suffix.lower() not in ENDINGS:
        raise InvalidEntry("path", "{name}: export to a .csv or .xlsx file", name=path.name)
    with written_atomically(path) as temp:
        if path.suffix.lower() == ".csv":
            with temp.open("w", newline="", encoding="utf-8-sig") as fh:
                out = csv.writer(fh)
                out.writerow([neutral(h) for h in headings])
                out.writerows([[neutral(c) for c in row] for row in rows])
        else:
            from openpyxl import Workbook

            book = Workbook()
            sheet = book.active
            assert sheet is not None
            sheet.append([neutral(h) for h in headings])
            for row in rows:
                sheet.append([neutral(c) for c in row])
            book.save(temp)
    return len(rows)


__all__ = ["write_lab_table"]
