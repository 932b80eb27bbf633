"""Errors the storage layer raises, each with a message a user can act on."""


class DatabaseRefused(Exception):
    """The database cannot be used as it is; the message says why and what to do.

    Raised before anything is written, so the file or server is left as it was.
    """


class ReasonRequired(Exception):
    """Saved clinical data was changed without a reason (21 CFR Part 11 style audit trail).
    `table` and `fields` say what, for a message in the screen's words."""

    def __init__(self, message: str, table: str = "", fields: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.table = table
        self.fields = fields


class HardDeleteRefused(Exception):
    """Clinical records are never deleted; they are marked deleted with a reason instead."""


class StorageProblem(Exception):
    """The database could not take a save (locked, disk full, read-only); nothing was saved.

    `field` names the form field the message belongs to, when there is one.
    """

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class ValueTooLong(StorageProblem):
    """A text is longer than its column holds: checked before the database sees it, so
    SQLite (which would store it) and PostgreSQL (which would refuse it) behave alike."""


class EditConflict(StorageProblem):
    """The record was saved by someone else after this copy of it was read.

    `current_version` is the record's version now (for records read as a set, a PK panel,
    a token of their versions): a dialog that keeps the user's input takes it, so that
    saving again applies the user's changes on top, knowingly.
    """

    def __init__(self, message: str, field: str | None = None,
                 current_version: int | str | None = None) -> None:
        super().__init__(message, field)
        self.current_version = current_version


class KeyMissing(StorageProblem):
    """The audit key of this database is not on this computer: nothing can be saved (the
    chain cannot be extended) nor checked here."""
