"""The error every service raises for bad input: which field, and what is wrong with it.

What the storage refuses (locked, disk full, a text too long, a record saved by someone
else meanwhile) comes as a StorageProblem, re-exported here so the ui needs no db import.
"""

from db.errors import EditConflict, StorageProblem, ValueTooLong

__all__ = ["EditConflict", "InvalidEntry", "StorageProblem", "ValueTooLong"]


class InvalidEntry(ValueError):
    """Input a user must correct; `field` names the form field the message belongs to.

    Raised before anything is committed, so nothing is saved half and nothing saved is lost.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message
