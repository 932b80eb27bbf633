"""The investigator's sitting: what waits, filtered and counted; each item's content as it
will be signed; one password for a series of signatures (app/rules/signing.py says how
long a sitting lasts).

Each signature still binds one record: its version and the hash of the very content the
investigator was shown (a record changed in between is shown again, nothing signed).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from app.errors import InvalidEntry, NotFound
from app.rules.dates import fmt_date
from app.rules.signing import Line, Sitting, check_sitting, content_lines, meaning_of
from app.services.accounts import confirm_password
from app.services.signatures import (
    DEFAULT_MEANING,
    KIND_WORDS,
    Meaning,
    SignatureView,
    ToSign,
    signatures_of,
    to_sign,
    write_signature,
)
from app.services.signed_content import contents, digest
from db import Database


@dataclass(frozen=True)
class SignFilter:
    """What To sign shows: one kind, one study, a subject (part of its ID), an age."""

    kind: str | None = None
    study_id: int | None = None
    subject: str = ""
    older_than_days: int | None = None  # only what is at least this many days old


@dataclass(frozen=True)
class Waiting:
    items: list[ToSign]  # oldest first
    counts: dict[str, int]  # per kind, of what the other filters leave (every kind)

    @property
    def changed(self) -> int:
        return sum(1 for t in self.items if t.signature is not None)


def waiting(db: Database, chosen: SignFilter, today: date,
            read: list[ToSign] | None = None) -> Waiting:
    """To sign, filtered, oldest first, with the count of each kind (`read`: the list as
    to_sign read it a moment ago, filtered again as the investigator types)."""
    if read is None:
        read = to_sign(db, chosen.study_id)
    items = [t for t in read if _keeps(chosen, t, today)]
    counts = {kind: 0 for kind in KIND_WORDS}
    for t in items:
        counts[t.kind] += 1
    if chosen.kind:
        items = [t for t in items if t.kind == chosen.kind]
    return Waiting(items, counts)


def _keeps(chosen: SignFilter, t: ToSign, today: date) -> bool:
    if chosen.study_id is not None and t.study_id != chosen.study_id:
        return False
    if chosen.subject and chosen.subject.strip().lower() not in t.subject_id.lower():
        return False
    return chosen.older_than_days is None or \
        t.when <= today - timedelta(days=chosen.older_than_days)


def find_item(db: Database, item_id: str) -> ToSign:
    """`ae:12`, as the command line names an item waiting for a signature."""
    found = next((t for t in to_sign(db) if t.item_id == item_id.strip()), None)
    if found is None:
        raise NotFound("item", "Nothing waits for a signature as {item}: `sign list` shows "
                               "what does (KIND:ID)", item=item_id)
    return found


@dataclass(frozen=True)
class SignPage:
    """One item as the investigator reads it before signing."""

    item: ToSign
    kind_words: str
    lines: tuple[Line, ...]  # the signed content, every value
    computed: tuple[Line, ...]  # what the app derives from it (responses, evaluability)
    version: int
    content_hash: str  # what a signature of this page binds
    meaning: str  # the meaning a kind is signed with unless another is chosen
    last: SignatureView | None  # the last signature, when it no longer stands


def sign_page(db: Database, item: ToSign, today: date) -> SignPage:
    with db.reading() as session:
        found = contents(session, item.kind, [item.record_id])
    if item.record_id not in found:
        raise NotFound("record", "This record is no longer on file: nothing to sign")
    version, content = found[item.record_id]
    computed: list[Line] = []
    if item.kind == "response":
        computed = _responses(db, item, today)
    elif item.kind == "dlt_review":
        computed = _evaluability(db, item, today)
    last = signatures_of(db, item.kind, [item.record_id]).get(item.record_id)
    return SignPage(item, KIND_WORDS[item.kind], tuple(content_lines(content)),
                    tuple(computed), version, digest(content),
                    DEFAULT_MEANING[item.kind].value, last)


def _responses(db: Database, item: ToSign, today: date) -> list[Line]:
    """The scan's timepoint as RECIST 1.1 computes it, and the best overall response."""
    from app.services.response import patient_response
    from app.services.studies import protocol_of_patient

    result = patient_response(db, protocol_of_patient(db, item.patient_id), item.patient_id,
                              today).evaluation
    if result is None:
        return [Line("Response", "not evaluable yet (no Day 1, or the scans break a rule)")]
    out: list[Line] = []
    for tp in result.timepoints:
        if tp.date != item.when:
            continue
        if tp.sum_mm is not None:
            out.append(Line("Sum of diameters", f"{tp.sum_mm:g} mm"))
        if tp.change_from_baseline_pct is not None:
            out.append(Line("Change from baseline", f"{tp.change_from_baseline_pct:+g} %"))
        if tp.change_from_nadir_pct is not None:
            out.append(Line("Change from nadir", f"{tp.change_from_nadir_pct:+g} %"))
        out += [Line("Target response", tp.target or "none"),
                Line("Non-target response", tp.non_target or "none"),
                Line("Overall response", tp.overall + ("" if tp.counts else f" ({tp.note})"))]
    out.append(Line("Best overall response", result.best_overall_response))
    return out


def _evaluability(db: Database, item: ToSign, today: date) -> list[Line]:
    """What the app derives of the patient's DLT period, beside the investigator's review."""
    from app.services.escalation_view import escalation_view

    view = escalation_view(db, item.study_id, today)
    for level in view.levels:
        for p in level.patients:
            if p.patient_id == item.patient_id:
                derived = p.evaluability
                return [Line("Derived evaluability", derived.status.value),
                        Line("Why", str(derived.why))] + (
                    [Line("DLT period ends", fmt_date(p.period_end))]
                    if p.period_end else [])
    return []


# --- the sitting ---------------------------------------------------------------------------

_SITTINGS: dict[str, Sitting] = {}


def open_sitting(db: Database, password: str, now: datetime) -> Sitting:
    """The password once: a sitting for the signed-in investigator (refused as a signature
    with a wrong password is, counting towards the lock-out)."""
    if db.guard is not None:
        db.guard("sign")
    printed = confirm_password(db, db.actor, password, now)
    sitting = Sitting(secrets.token_hex(16), db.actor, printed, now)
    _SITTINGS[sitting.token] = sitting
    return sitting


def sitting_alive(db: Database, sitting: Sitting | None, now: datetime) -> bool:
    """Whether the next signature needs no password: a sitting of the signed-in account,
    not ended by the lock, and not idle for the sitting's minutes."""
    known = _SITTINGS.get(sitting.token) if sitting is not None else None
    try:
        check_sitting(known, db.actor, now)
    except InvalidEntry:
        return False
    return True


def end_sittings(db: Database) -> None:
    """The window locked, or the investigator left: the next signature asks the password."""
    for token in [t for t, s in _SITTINGS.items() if s.signer == db.actor]:
        del _SITTINGS[token]


def sign_in_sitting(db: Database, sitting: Sitting | None, page: SignPage, meaning: str,
                    now: datetime) -> tuple[SignatureView, Sitting]:
    """Sign the page as shown, in a sitting still open (InvalidEntry on the password when it
    is over): the signature and the sitting, lasting from now."""
    chosen = Meaning(meaning_of(meaning, [m.value for m in Meaning]))
    known = _SITTINGS.get(sitting.token) if sitting is not None else None
    try:
        check_sitting(known, db.actor, now)
    except InvalidEntry:
        if sitting is not None:
            _SITTINGS.pop(sitting.token, None)
        raise
    assert known is not None
    if db.guard is not None:
        db.guard("sign")
    view = write_signature(db, page.item.kind, page.item.record_id, chosen,
                           known.printed_name, now, seen_hash=page.content_hash)
    later = replace(known, last_at=now)
    _SITTINGS[later.token] = later
    return view, later
