"""The audit-trail review (ICH E6(R3) 4.2.3), pure: which entries of a period a reviewer
should look at, and why.

From the trail: changes after entry (a saved value replaced: a correction, listed apart when
its reason cites no query), records entered in error (withdrawn), and
late entries (an event's date entered more than N days after it). From the access log:
sign-ins outside the site's working hours, failed sign-ins and lock-outs, and refusals.
Times come in the site's zone; the settings (late days, working hours) are passed in.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum

from app.errors import InvalidEntry, Phrase
from app.rules.sdv import changed_words
from app.wording.records import field_word, record_word, value_words

LATE_DAYS = 7
WORK_START, WORK_END = time(7, 0), time(19, 0)
WORK_DAYS = frozenset(range(5))  # Monday to Friday
#: a correction's reason that names the query it answers ("Query 12: ...")
_QUERY = re.compile(r"^\s*query\s+(\d+)\s*:", re.IGNORECASE)
#: the field of each table that holds the day its event happened
EVENT_FIELDS = {("visit_record", "actual_date"), ("adverse_event", "onset_date"),
                ("tumour_assessment", "scan_date"), ("pk_sample", "collected_at"),
                ("survival_contact", "contact_date")}


class Finding(StrEnum):
    CHANGE = "change after entry"  # a saved value replaced, its reason citing a query
    CORRECTION = "correction without a query"
    IN_ERROR = "entered in error"
    LATE = "late entry"
    AFTER_HOURS = "sign-in outside working hours"
    FAILED = "failed sign-in"
    REFUSAL = "refusal"


@dataclass(frozen=True)
class ReviewSettings:
    late_days: int = LATE_DAYS
    work_start: time = WORK_START
    work_end: time = WORK_END
    work_days: frozenset[int] = WORK_DAYS


def check_settings(late_days: int, work_start: time, work_end: time) -> None:
    if not 1 <= late_days <= 365:
        raise InvalidEntry("late_days", "Late entry after: 1 to 365 days, not {value}",
                           value=late_days)
    if work_start >= work_end:
        raise InvalidEntry("work_end", "Working hours end after they start")


@dataclass(frozen=True)
class TrailLine:
    """One audit entry of a clinical table, its instant in the site's zone, and the subject
    it belongs to (None: no patient's)."""

    seq: int
    at: datetime
    actor: str
    action: str  # insert | update | delete
    table: str
    record_id: str
    field: str | None
    old: str | None
    new: str | None
    reason: str | None
    subject: str | None = None
    label: str | None = None  # what the record is called ("C1D1", "Nausea")


@dataclass(frozen=True)
class DoorLine:
    id: int
    at: datetime  # in the site's zone
    account: str
    event: str
    detail: str | None


@dataclass(frozen=True)
class ReviewItem:
    key: str  # "audit:SEQ" or "access:ID": what a review mark names
    at: datetime
    finding: Finding
    actor: str
    subject: str | None
    record: str  # "visit_record 12", "sign-in"
    detail: Phrase
    reason: str | None = None
    fields: tuple[str, ...] = field(default=())


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _late(line: TrailLine, settings: ReviewSettings) -> int | None:
    """Days between the event and its entry, when over the limit."""
    if (line.table, line.field) not in EVENT_FIELDS or line.new is None or \
            line.action == "delete":
        return None
    happened = _day(line.new)
    if happened is None:
        return None
    days = (line.at.date() - happened).days
    return days if days > settings.late_days else None


def answers_a_query(reason: str | None, queries: Collection[int]) -> bool:
    """Whether a correction's reason names a query on file ("Query 12: ...")."""
    found = _QUERY.match(reason or "")
    return found is not None and int(found.group(1)) in queries


def _finding(lines: Sequence[TrailLine], settings: ReviewSettings, queries: Collection[int]
             ) -> tuple[Finding, Phrase] | None:
    """What one save of one record (its lines) shows, if anything."""
    first = lines[0]
    for line in lines:
        days = _late(line, settings)
        if days is not None:
            return Finding.LATE, Phrase("{field_name} {event_day} entered {days} days after",
                                        field_name=field_word(line.field),
                                        event_day=value_words(line.field, line.new), days=days)
    if first.action == "delete":
        return Finding.IN_ERROR, Phrase("withdrawn")
    if first.action != "update":
        return None
    changed = "; ".join(changed_words(ln.field or "", ln.old, ln.new)
                        for ln in lines if ln.old is not None or ln.new is not None)
    if not any(ln.old is not None for ln in lines):
        return None  # a blank filled in: the entry going on, not a change
    queried = answers_a_query(first.reason, queries)
    return Finding.CHANGE if queried else Finding.CORRECTION, Phrase("{changes}",
                                                                      changes=changed)


def trail_findings(lines: Iterable[TrailLine], settings: ReviewSettings,
                   queries: Collection[int] = ()) -> list[ReviewItem]:
    """The trail's entries worth a reviewer's look, one item per save of a record (the
    entries one transaction wrote for it); `queries`: the ids of the queries on file, which
    a correction's reason may name."""
    groups: dict[tuple[datetime, str, str, str, str], list[TrailLine]] = {}
    for line in lines:
        groups.setdefault((line.at, line.actor, line.table, line.record_id, line.action),
                          []).append(line)
    out = []
    for group in groups.values():
        found = _finding(group, settings, queries)
        if found is None:
            continue
        first = group[0]
        out.append(ReviewItem(f"audit:{first.seq}", first.at, found[0], first.actor,
                              first.subject, f"{record_word(first.table)} "
                              f"{first.label or first.record_id}", found[1],
                              first.reason, tuple(ln.field or "" for ln in group)))
    return out


def outside_hours(at: datetime, settings: ReviewSettings) -> bool:
    return at.weekday() not in settings.work_days or \
        not settings.work_start <= at.time() < settings.work_end


def door_findings(events: Iterable[DoorLine], settings: ReviewSettings) -> list[ReviewItem]:
    """Sign-ins outside working hours, failed sign-ins and lock-outs, and refusals."""
    out = []
    for e in events:
        if e.event == "login" and outside_hours(e.at, settings):
            finding, detail = Finding.AFTER_HOURS, Phrase("signed in at {time}",
                                                          time=e.at.strftime("%H:%M"))
        elif e.event in ("failed", "locked"):
            finding, detail = Finding.FAILED, Phrase("{event}", event=e.event)
        elif e.event in ("denied", "refused"):
            finding, detail = Finding.REFUSAL, Phrase("{event}: {detail}", event=e.event,
                                                      detail=e.detail or "")
        else:
            continue
        out.append(ReviewItem(f"access:{e.id}", e.at, finding, e.account, None, "sign-in",
                              detail))
    return out


def check_period(start: date | None, end: date | None) -> None:
    if start is None or end is None:
        raise InvalidEntry("from" if start is None else "to",
                           "The period needs a first and a last day")
    if end < start:
        raise InvalidEntry("to", "The period ends before it starts")


def check_comment(comment: str) -> str:
    text = " ".join(comment.split())
    if not text:
        raise InvalidEntry("comment", "Comment: say what the review found (it is kept in "
                                      "the audit trail)")
    return text
