"""Errors the storage layer raises, each with a message a user can act on."""


class DatabaseRefused(Exception):
    """The database cannot be used as it is; the message says why and what to do.

    Raised before anything is written, so the file or server is left as it was.
    """


class ReasonRequired(Exception):
    """Saved clinical data was changed without a reason (21 CFR Part 11 style audit trail)."""


class HardDeleteRefused(Exception):
    """Clinical records are never deleted; they are marked deleted with a reason instead."""
