"""Errors the storage layer raises, each with a message a user can act on."""

from __future__ import annotations

from pathlib import Path


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

    `field` names the form field the message belongs to, when there is one. The message is
    kept as its template and values too (as the app's worded errors are), so that the
    windows say the template in the user's language and fill in the file's name after.
    """

    def __init__(self, message: str, field: str | None = None, **values: object) -> None:
        self.template, self.values = message, values
        self.message = message.format(**values) if values else message
        super().__init__(self.message)
        self.field = field


class NobodySignedIn(StorageProblem):
    """A write with nobody signed in: only the upgrades, the demo's fill and the first
    administrator's creation act without an account, and each names itself."""


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
                 current_version: int | str | None = None, **values: object) -> None:
        super().__init__(message, field, **values)
        self.current_version = current_version


class KeyMissing(StorageProblem):
    """The audit key of this database is not on this computer: nothing can be saved (the
    chain cannot be extended) nor checked here."""


class ChainBroken(StorageProblem):
    """The audit trail holds an entry the app did not write where the next one goes (a row
    forged behind its back): nothing can be added to it until someone looks."""


CHAIN_BROKEN = (
    "This database's audit trail holds an entry the app did not write, so nothing can be "
    "saved here and nobody can sign in to work: an administrator or a monitor runs "
    "'sitetrack audit verify' (which only reads) to see what was changed")


def first_line(exc: BaseException) -> str:
    """The driver's own first line of an error (SQLAlchemy wraps it in `orig`)."""
    orig = getattr(exc, "orig", None) or exc
    return (str(orig).strip().splitlines() or [type(orig).__name__])[0]


def storage_problem(exc: BaseException, where: str, backend: str, path: Path | None,
                    busy_timeout_ms: int) -> StorageProblem:
    """One sentence for what the database `where` refused (the details go nowhere: no data);
    `path` is an SQLite file's, for its busy message."""
    line = first_line(exc)
    text = line.lower()
    if path is not None and ("locked" in text or "busy" in text):
        from db.locks import busy_words

        template, values = busy_words(path, busy_timeout_ms / 1000)
        return StorageProblem(template, None, **values)
    if "full" in text or "no space" in text:
        return StorageProblem("The disk holding {where} is full: nothing was saved. Free some "
                              "space, then save again", where=where)
    if "readonly" in text or "read-only" in text:
        return StorageProblem("{where} is read-only now (the file, its folder or its disk): "
                              "nothing was saved", where=where)
    if "i/o" in text:
        return StorageProblem("The disk holding {where} reported an error: nothing was saved. "
                              "Check the disk, then save again", where=where)
    if backend == "postgresql":
        return StorageProblem("The database server {where} cannot be reached or refused the "
                              "save ({problem}): nothing was saved", where=where,
                              problem=line)
    return StorageProblem("{where} could not save: {problem}; nothing was saved", where=where,
                          problem=line)
