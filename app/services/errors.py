"""The error every service raises for bad input: which field, and what is wrong with it."""


class InvalidEntry(ValueError):
    """Input a user must correct; `field` names the form field the message belongs to.

    Raised before anything is committed, so nothing is saved half and nothing saved is lost.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message
