"""The errors services raise: bad input (InvalidEntry, from the entry rules) and what the
storage refuses (locked, disk full, a text too long, a record saved by someone else
meanwhile: StorageProblem), re-exported here so the ui needs no db import."""

from pathlib import Path

from app.errors import InvalidEntry, NotAllowed, NotFound
from app.rules.files_chosen import check_not_open_database
from db.errors import ChainBroken, EditConflict, StorageProblem, ValueTooLong
from db.open_files import in_use

__all__ = ["ChainBroken", "EditConflict", "InvalidEntry", "NotAllowed", "NotFound",
           "StorageProblem", "ValueTooLong", "refuse_the_database"]


def refuse_the_database(path: Path | str, field: str = "file") -> None:
    """A file chosen to be read that is a database this process has open: refused, never
    opened (closing it would drop SQLite's locks on it, db/open_files.py)."""
    check_not_open_database(path, in_use(Path(path)), field)
