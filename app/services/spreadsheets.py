"""Writing a table for a spreadsheet: .xlsx or .csv by the file's ending, whole or not at all.

(The one exporter of issue 19 will grow from here: formula-safe cells, a header block.)
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import InvalidEntry
from app.files import written_atomically

if TYPE_CHECKING:
    import pandas as pd

SPREADSHEET_ENDINGS = (".xlsx", ".csv")


def write_table(frame: pd.DataFrame, path: Path | str, sheet: str,
                csv_datetimes: str | None = None) -> None:
    """The table into `path` (a temporary file renamed into place)."""
    path = Path(path)
    ending = path.suffix.lower()
    if ending not in SPREADSHEET_ENDINGS:
        raise InvalidEntry("path", f"{path.name}: export to a .csv or .xlsx file")
    with written_atomically(path) as temp:
        if ending == ".xlsx":
            frame.to_excel(temp, index=False, sheet_name=sheet)
        else:
            frame.to_csv(temp, index=False, date_format=csv_datetimes)
