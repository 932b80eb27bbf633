"""The error every entry rule raises for bad input: which field, and what is wrong with it.

Its own exception type (not a ValueError), so that a stray `except ValueError` cannot
swallow it. Raised before anything is committed: nothing is saved half, nothing is lost.
"""


class InvalidEntry(Exception):
    """Input a user must correct; `field` names the form field the message belongs to."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message
