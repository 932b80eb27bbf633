"""What an investigator signs: the kinds of record a signature covers, the meaning it is
given (21 CFR 11.50), and a DLT decision only on an AE marked a DLT."""

from __future__ import annotations

from enum import StrEnum

from app.errors import InvalidEntry


class Meaning(StrEnum):
    REVIEWED = "reviewed"
    APPROVED = "approved"
    ASSESSED = "assessed"


KIND_WORDS = {"ae": "AE assessment (relationship and grade)", "dlt": "DLT decision",
              "response": "Tumour response", "visit": "Visit data",
              "dlt_review": "DLT review", "smc": "SMC decision (acknowledged)"}
#: the meaning a kind is signed with unless the investigator picks another
DEFAULT_MEANING = {"ae": Meaning.ASSESSED, "dlt": Meaning.APPROVED,
                   "response": Meaning.ASSESSED, "visit": Meaning.REVIEWED,
                   "dlt_review": Meaning.APPROVED, "smc": Meaning.REVIEWED}


def check_signing(kind: str, meaning: str) -> Meaning:
    """A signature of a kind of KIND_WORDS, with one of the meanings."""
    if kind not in KIND_WORDS:
        raise InvalidEntry("kind", "Only {kinds} are signed",
                                   kinds=', '.join(KIND_WORDS.values()))
    try:
        return Meaning(meaning)
    except ValueError:
        raise InvalidEntry("meaning", "Meaning: reviewed, approved or assessed") from None


def check_dlt_marked(kind: str, marked_dlt: bool) -> None:
    """A DLT decision is signed on an AE marked a DLT."""
    if kind == "dlt" and not marked_dlt:
        raise InvalidEntry("kind", "This AE is not marked as a DLT")


__all__ = ["DEFAULT_MEANING", "KIND_WORDS", "Meaning", "check_dlt_marked", "check_signing"]
