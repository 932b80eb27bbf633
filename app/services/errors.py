"""The errors services raise: bad input (InvalidEntry, from the entry rules) and what the
storage refuses (locked, disk full, a text too long, a record saved by someone else
meanwhile: StorageProblem), re-exported here so the ui needs no db import."""

from app.errors import InvalidEntry
from db.errors import ChainBroken, EditConflict, StorageProblem, ValueTooLong

__all__ = ["ChainBroken", "EditConflict", "InvalidEntry", "StorageProblem", "ValueTooLong"]
