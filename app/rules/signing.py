"""Signing, the rules: what a signature's state is, when a sitting still vouches for the
signer, and what the investigator reads before signing. Pure: the instant is passed in.

A sitting (21 CFR 11.200(a)(1)(i)): the password entered once, then a series of signings
during one continuous period of use; the password is asked again once SITTING_MINUTES pass
without a signature (or the window locks for want of use, which ends the sitting).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from app.errors import InvalidEntry
from app.wording.records import LINK_FIELDS, field_word, record_word, value_words

#: minutes without a signature after which a sitting asks for the password again
SITTING_MINUTES = 10


class SignatureState(StrEnum):
    VALID = "valid"
    STALE = "stale"  # the record was changed (a new version) since it was signed
    BROKEN = "broken"  # the same version with other values: changed outside the app


def signature_state(signed_version: int, signed_hash: str, version: int | None,
                    hashes: set[str]) -> SignatureState:
    """Valid only while the record holds the version AND the content it was signed with
    (`hashes`: every hash its content may carry; `version` None: the record is gone)."""
    if version is None or version != signed_version:
        return SignatureState.STALE
    return SignatureState.VALID if signed_hash in hashes else SignatureState.BROKEN


def check_seen(seen_hash: str, current_hash: str) -> None:
    """What the investigator read is what is signed: a record changed since it was shown
    is shown again before it is signed."""
    if seen_hash != current_hash:
        raise InvalidEntry("record", "The record changed while you read it: it is shown "
                                     "again as it stands now; nothing was signed")


def meaning_of(text: str, meanings: Sequence[str]) -> str:
    """The meaning of a signature, one of the app's."""
    chosen = text.strip().lower()
    if chosen not in meanings:
        raise InvalidEntry("meaning", "Meaning: {choices}", choices=", ".join(meanings))
    return chosen


@dataclass(frozen=True)
class Sitting:
    """One password entry, then signings: who, and when they last proved it was them."""

    token: str
    signer: str
    printed_name: str
    last_at: datetime  # the password, or the last signature


def sitting_ends(sitting: Sitting) -> datetime:
    return sitting.last_at + timedelta(minutes=SITTING_MINUTES)


def check_sitting(sitting: Sitting | None, actor: str, now: datetime) -> Sitting:
    """The sitting still vouches for `actor` at `now`: else the password again."""
    if sitting is None or sitting.signer != actor:
        raise InvalidEntry("password", "Your password, to sign")
    if now >= sitting_ends(sitting) or now < sitting.last_at:
        raise InvalidEntry("password", "{minutes} minutes without a signature: your "
                                       "password again, to sign", minutes=SITTING_MINUTES)
    return sitting


@dataclass(frozen=True)
class Line:
    """One value the signature covers, as the screen says it."""

    label: str
    value: str


Pairs = Sequence[tuple[str, str | None]]

#: the columns of a signed row that are bookkeeping, not what the investigator signs
_NOT_SHOWN = LINK_FIELDS | {"deleted_at", "deleted_by", "delete_reason", "study_id"}


def content_lines(content: Sequence[tuple[str, Pairs]]) -> list[Line]:
    """Every value of the signed content (the record, then its grades or lesions), in the
    screen's words: the very values the signature's hash is made of, blank ones left out.
    A grade or a lesion is one line ("Grade 2 from 22-NOV-2026 to 24-NOV-2026")."""
    out: list[Line] = []
    for table, pairs in content:
        values = {k: v for k, v in pairs if v is not None and k not in _NOT_SHOWN}
        if table == "ae_grade":
            out.append(Line(record_word(table), _grade(values)))
        elif table == "lesion_measurement":
            out.append(Line(record_word(table), _lesion(values)))
        else:
            out += [Line(field_word(k), value_words(k, v)) for k, v in values.items()]
    return out


def _grade(values: dict[str, str]) -> str:
    text = f"Grade {values.get('grade', '?')} from {value_words('start', values.get('start_date'))}"
    end = values.get("end_date")
    return text + (f" to {value_words('end', end)}" if end else ", ongoing")


def _lesion(values: dict[str, str]) -> str:
    parts = [values.get("lesion_id", "?"), value_words("kind", values.get("kind"))]
    if values.get("organ"):
        parts.append(values["organ"])
    if values.get("nodal") == "true":
        parts.append("lymph node")
    if values.get("tenths_mm") is not None:
        parts.append(value_words("tenths_mm", values["tenths_mm"]))
    if values.get("too_small") == "true":
        parts.append("too small to measure")
    if values.get("not_assessed") == "true":
        parts.append("not assessed")
    if values.get("status"):
        parts.append(value_words("status", values["status"]))
    return ", ".join(parts)
