"""The error every entry rule raises for bad input: which field, and what is wrong with it.

Its own exception type (not a ValueError), so that a stray `except ValueError` cannot
swallow it. Raised before anything is committed: nothing is saved half, nothing is lost.
"""


class InvalidEntry(Exception):
    """Input a user must correct; `field` names the form field the message belongs to.

    The message may have {blanks} filled from `values`: the windows say the message in the
    user's language (its `template` translated) and fill the blanks after, so the record's
    values (a subject ID, a date) stay as they are.
    """

    def __init__(self, field: str, message: str, **values: object) -> None:
        self.field = field
        self.template = message
        self.values = values
        self.message = message.format(**values) if values else message
        super().__init__(self.message)


class Unreadable(ValueError):
    """Typed text that is not what its field takes (a date, a time, a time zone): a
    ValueError, with its message as a template and values, as InvalidEntry's, so the windows
    say it in the user's language with the text as it was typed."""

    def __init__(self, message: str, **values: object) -> None:
        self.template = message
        self.values = values
        self.message = message.format(**values) if values else message
        super().__init__(self.message)
