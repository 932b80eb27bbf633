"""The error every entry rule raises for bad input: which field, and what is wrong with it.

Its own exception type (not a ValueError), so that a stray `except ValueError` cannot
swallow it. Raised before anything is committed: nothing is saved half, nothing is lost.
"""


class Worded:
    """A message kept as its template and values: the windows say the template in the
    user's language and fill the blanks after, so the record's values (a subject ID, a
    date as typed) stay as they are. `message` is the English, filled in."""

    template: str
    values: dict[str, object]
    message: str

    def _word(self, message: str, values: dict[str, object]) -> str:
        self.template, self.values = message, values
        self.message = message.format(**values) if values else message
        return self.message


class InvalidEntry(Worded, Exception):
    """Input a user must correct; `field` names the form field the message belongs to."""

    def __init__(self, field: str, message: str, **values: object) -> None:
        self.field = field
        super().__init__(self._word(message, values))


class Unreadable(Worded, ValueError):
    """Typed text that is not what its field takes (a date, a time, a time zone): a
    ValueError, worded as InvalidEntry is."""

    def __init__(self, message: str, **values: object) -> None:
        super().__init__(self._word(message, values))
