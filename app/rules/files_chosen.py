"""Files and databases a user points the app at: an iCalendar file ends in .ics; patients
are imported from a .csv or a readable .xlsx; no file is read that is the database the app
has open; the demo goes into a database of its own."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.errors import InvalidEntry


def check_ics_path(path: Path) -> None:
    if path.suffix.lower() != ".ics":
        raise InvalidEntry("path", "{name}: an iCalendar file ends in .ics",
                                   name=path.name)


def import_kind(path: Path) -> str:
    """"csv" or "xlsx": the kinds of file patients are imported from."""
    ending = path.suffix.lower()
    if ending not in (".csv", ".xlsx"):
        raise InvalidEntry("path", "{name}: import a .csv or .xlsx file",
                                   name=path.name)
    return ending[1:]


@contextmanager
def readable_workbook(path: Path) -> Iterator[None]:
    """Inside, a workbook that cannot be opened is refused, naming what the reader said."""
    try:
        yield
    except Exception as exc:  # openpyxl raises many kinds for a file that is not one
        raise InvalidEntry("path", "{name} is not a readable workbook ({exc})",
                                   name=path.name, exc=exc) from None


def check_not_open_database(path: Path | str, open_here: bool, field: str = "file") -> None:
    """A file chosen to be read that is a database this process has open (`open_here`):
    refused, never opened (closing it would drop SQLite's locks on it)."""
    if open_here:
        raise InvalidEntry(field, "{path} is the database Site Tracker has open, not a file "
                                  "to read here: choose another file; nothing was changed",
                           path=path)


def check_demo_target(holds_real_data: bool) -> None:
    """The demo's patients and accounts never go into a database of real ones."""
    if holds_real_data:
        raise InvalidEntry("database", "this database holds real patients or accounts: "
                           "the demo goes into its own file (sitetrack --demo)")


__all__ = ["check_demo_target", "check_ics_path", "check_not_open_database", "import_kind",
           "readable_workbook"]
