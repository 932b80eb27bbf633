"""What the signed-in account may do, as the windows ask it: they offer an action only
where the services would accept it (a monitor's window offers no edit at all), never by
comparing role names themselves. The services refuse whatever is attempted anyway."""

from __future__ import annotations

from dataclasses import dataclass

from app.rules.accounts import Action, may
from app.services.attempts import account_role
from db import Database


@dataclass(frozen=True)
class Offered:
    enter: bool  # record, book, correct, enter in error, enrol, import; answer queries
    query: bool  # open, close and re-open queries
    sign: bool  # e-sign as investigator

    @property
    def read_only(self) -> bool:
        """The clinical record is read only (a monitor): dialogs open without Save."""
        return not self.enter


def offered(db: Database) -> Offered:
    """The account's offer; without an account (the app's own work, tests that build a
    window without signing in) everything, as the services then refuse nothing either."""
    role = account_role(db)
    if role is None:
        return Offered(db.guard is None, db.guard is None, db.guard is None)
    return Offered(may(role, Action.ENTER), may(role, Action.QUERY), may(role, Action.SIGN))


__all__ = ["Offered", "offered"]
