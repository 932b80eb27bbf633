"""The error every entry rule raises for bad input: which field, and what is wrong with it,
and the sentences the rules compose for the windows, kept the same way.

Its own exception type (not a ValueError), so that a stray `except ValueError` cannot
swallow it. Raised before anything is committed: nothing is saved half, nothing is lost.
"""

from __future__ import annotations


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


class NotFound(InvalidEntry):
    """A record the request names that is not there (a subject, a visit, an AE): one of the
    two refusals a service raises itself; every other refusal comes from a pure rule."""


class NotAllowed(InvalidEntry):
    """What the signed-in account may not do (its role, its delegation, a record it may
    not change): the other refusal a service raises itself, audited by the caller."""


class Unreadable(Worded, ValueError):
    """Typed text that is not what its field takes (a date, a time, a time zone): a
    ValueError, worded as InvalidEntry is."""

    def __init__(self, message: str, **values: object) -> None:
        super().__init__(self._word(message, values))


class Phrase(str, Worded):
    """A sentence a rule composes for the windows (a DLT evaluability's reason, a cycle's
    compliance), kept as its template and values as the errors are: the windows say it in
    the user's language; everywhere else (exports, the command line, worksheets) it is the
    English str. A value may itself be a Phrase, said in the same language."""

    def __new__(cls, template: str, **values: object) -> Phrase:
        text = template.format(**values) if values else template
        phrase = super().__new__(cls, text)
        phrase.template, phrase.values, phrase.message = template, values, text
        return phrase

    def __reduce__(self) -> tuple[object, ...]:  # pickled (helper processes) as it was made
        return (_phrase, (self.template, self.values))


def _phrase(template: str, values: dict[str, object]) -> Phrase:
    return Phrase(template, **values)
