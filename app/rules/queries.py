"""Queries, pure: what a query may be about, who may take which step in which state, and
the counts a monitoring report gives.

A monitor (or an investigator) opens a query on a record of a patient (the patient, a
visit, an AE, a scan, a visit's PK panel) or on one field of it; the site answers it; the
one who opened it, or another monitor, closes or re-opens it. Which role may open, answer
or close at all is the accounts' (app/accounts.py: Action.QUERY, Action.ENTER); the state
and the person are decided here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from app.errors import InvalidEntry
from app.wording.records import field_word


class QueryState(StrEnum):
    OPEN = "open"
    ANSWERED = "answered"
    CLOSED = "closed"

    @property
    def word(self) -> str:
        return self.value.capitalize()


class TargetKind(StrEnum):
    PATIENT = "patient"
    VISIT = "visit"
    AE = "ae"
    SCAN = "scan"
    PK = "pk"


#: the fields a query may name, per record (their screen words are app/record_words')
QUERY_FIELDS: dict[TargetKind, tuple[str, ...]] = {
    TargetKind.PATIENT: ("initials", "year_of_birth", "sex", "consent_date",
                         "screening_date", "planned_first_dose", "dose_level",
                         "last_dose_date", "death_date", "withdrawal_date"),
    TargetKind.VISIT: ("actual_date", "actual_time", "outcome", "missed_reason",
                       "booked_date", "dose_level", "dose_action", "dose_at",
                       "delay_days", "comment"),
    TargetKind.AE: ("verbatim", "term", "onset_date", "end_date", "serious", "aware_at",
                    "reported_at", "relationship", "action", "outcome", "dlt"),
    TargetKind.SCAN: ("scan_date", "modality", "baseline", "new_lesion", "overall",
                      "comment"),
    TargetKind.PK: ("collected_at", "not_collected_reason"),
}

TARGET_HELP = ("a visit code (C1D1), AE:ID, SCAN:ID, PK:VISIT, PATIENT, or one field of "
               "one (C1D1.actual_date)")


@dataclass(frozen=True)
class Target:
    """What a query is about: `ref` a visit code or a record's id (None: the patient)."""

    kind: TargetKind
    ref: str | None = None
    field: str | None = None

    @property
    def record_words(self) -> str:
        """'visit C1D1', 'AE 7', 'scan 3', 'PK samples of C1D1', 'patient'."""
        if self.kind is TargetKind.VISIT:
            return f"visit {self.ref}"
        if self.kind is TargetKind.AE:
            return f"AE {self.ref}"
        if self.kind is TargetKind.SCAN:
            return f"scan {self.ref}"
        if self.kind is TargetKind.PK:
            return f"PK samples of {self.ref}"
        return "patient"

    @property
    def words(self) -> str:
        """What the query is about, as the screens say it: 'visit C1D1: Actual date'."""
        if self.field is None:
            return self.record_words
        return f"{self.record_words}: {field_word(self.field)}"

    def __str__(self) -> str:
        return self.code

    @property
    def code(self) -> str:
        """The command line's form of the target: C1D1, AE:7, PK:C1D1, C1D1.actual_date."""
        base = {TargetKind.VISIT: self.ref or "", TargetKind.PATIENT: "PATIENT"}.get(
            self.kind, f"{self.kind.value.upper()}:{self.ref}")
        return f"{base}.{self.field}" if self.field else base


def parse_target(text: str) -> Target:
    """TARGET as typed on the command line: C1D1, AE:7, SCAN:3, PK:C1D1, PATIENT, or any of
    them with .FIELD. Unknown forms and fields are refused naming what is accepted."""
    raw = (text or "").strip()
    head, _, field = raw.partition(".")
    kind_word, colon, ref = head.partition(":")
    bad = InvalidEntry("on", "'{text}' is not a query target: give {help}",
                       text=raw, help=TARGET_HELP)
    kind = TargetKind.VISIT
    if not colon:
        if kind_word.upper() == "PATIENT":
            kind, ref = TargetKind.PATIENT, ""
        else:
            ref = kind_word
    else:
        try:
            kind = TargetKind(kind_word.strip().lower())
        except ValueError:
            raise bad from None
        if kind in (TargetKind.VISIT, TargetKind.PATIENT):
            raise bad
    ref = ref.strip().upper()
    if kind is not TargetKind.PATIENT and not ref:
        raise bad
    if kind in (TargetKind.AE, TargetKind.SCAN) and not ref.isdigit():
        raise InvalidEntry("on", "{kind} needs the record's number ({kind}:7), not '{ref}'",
                           kind=kind.value.upper(), ref=ref)
    return Target(kind, ref or None, check_field(kind, field.strip().lower() or None))


def check_field(kind: TargetKind, field: str | None) -> str | None:
    if field is None or field in QUERY_FIELDS[kind]:
        return field
    raise InvalidEntry("on", "A query on a {record} can name one of its fields: {fields}",
                       record=kind.value if kind is not TargetKind.AE else "AE",
                       fields=", ".join(QUERY_FIELDS[kind]))


def query_text(text: str | None, field: str = "text", what: str = "The query") -> str:
    """The words of a step: never empty."""
    clean = (text or "").strip()
    if not clean:
        raise InvalidEntry(field, "{what} needs a text: nothing was saved", what=what)
    return clean


def check_answer(state: str, text: str | None) -> str:
    """The site answers an open query (once answered, the monitor closes or re-opens)."""
    if state != QueryState.OPEN:
        raise InvalidEntry("answer", "This query is {state}: only an open query is answered",
                           state=state)
    return query_text(text, "answer", "An answer")


def check_closer(actor: str, actor_is_monitor: bool, opened_by: str) -> None:
    """Only the one who opened the query, or another monitor, closes or re-opens it."""
    if actor != opened_by and not actor_is_monitor:
        raise InvalidEntry("state", "Only {opened_by}, who opened this query, or a monitor "
                           "closes or re-opens it", opened_by=opened_by)


def check_close(state: str, actor: str, actor_is_monitor: bool, opened_by: str) -> None:
    if state == QueryState.CLOSED:
        raise InvalidEntry("state", "This query is already closed")
    check_closer(actor, actor_is_monitor, opened_by)


def check_reopen(state: str, actor: str, actor_is_monitor: bool, opened_by: str,
                 text: str | None) -> str:
    """An answered or closed query is re-opened with a text saying what is still wrong."""
    if state == QueryState.OPEN:
        raise InvalidEntry("state", "This query is already open")
    check_closer(actor, actor_is_monitor, opened_by)
    return query_text(text, "text", "Re-opening a query")


def age_days(opened_on: date, today: date) -> int:
    return max(0, (today - opened_on).days)


@dataclass(frozen=True)
class QueryCounts:
    """A period's queries: opened, answered and closed in it, and at its end how many were
    open (waiting for the site) and since how many days the oldest of them."""

    opened: int
    answered: int
    closed: int
    open_now: int
    oldest_open_days: int | None


@dataclass(frozen=True)
class StateStep:
    """One step of one query, from its audit trail: the state it entered, on which day."""

    query_id: int
    day: date
    state: str
    new: bool  # the query's opening (not a re-opening)


def count_steps(steps: Iterable[StateStep], start: date, end: date) -> QueryCounts:
    """The period's counts from every step of every query, oldest first; a query's age is
    counted from its opening's day."""
    opened = answered = closed = 0
    state_at_end: dict[int, str] = {}
    opened_on: dict[int, date] = {}
    for step in steps:
        if step.day > end:
            continue
        state_at_end[step.query_id] = step.state
        if step.new:
            opened_on.setdefault(step.query_id, step.day)
        if step.day < start:
            continue
        if step.state == QueryState.OPEN and step.new:
            opened += 1
        elif step.state == QueryState.ANSWERED:
            answered += 1
        elif step.state == QueryState.CLOSED:
            closed += 1
    still_open = [qid for qid, state in state_at_end.items() if state == QueryState.OPEN]
    oldest = max((age_days(opened_on.get(qid, end), end) for qid in still_open),
                 default=None)
    return QueryCounts(opened, answered, closed, len(still_open), oldest)


__all__ = ["QUERY_FIELDS", "TARGET_HELP", "QueryCounts", "QueryState", "StateStep",
           "Target", "TargetKind", "age_days", "check_answer", "check_close", "check_closer",
           "check_field", "check_reopen", "count_steps", "parse_target", "query_text"]
