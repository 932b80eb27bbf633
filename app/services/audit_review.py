"""The audit-trail review: what the trail and the access log hold for a period (and a
study) that a reviewer should look at (app/rules/audit_review.py decides), and the
reviewer's marks, each with a comment. Reading it needs the `audit` right (monitors,
administrators); a mark is itself audited."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import NotFound
from app.rules.audit_review import (
    DoorLine,
    ReviewItem,
    ReviewSettings,
    TrailLine,
    check_comment,
    check_period,
    check_settings,
    door_findings,
    trail_findings,
)
from app.rules.dates import fmt_date
from app.rules.site_time import local_instant, utc
from app.services.attempts import attempt
from app.services.site_time import site_zone
from db import Database
from db.accounts import AccessEvent
from db.base import Base, SoftDelete
from db.models import (
    AdverseEvent,
    AeGrade,
    AuditEntry,
    LesionMeasurement,
    Patient,
    PkSample,
    SiteSetting,
    VisitRecord,
)
from db.models import TumourAssessment as Scan
from db.monitoring import AuditReviewMark
from db.queries import DataQuery
from db.tables import load_every_table

LATE_KEY, HOURS_KEY = "audit_late_days", "working_hours"
REVIEWED = "audit trail reviewed"
#: what a record of each child table belongs to: (its column, the parent's model)
_PARENTS: dict[str, tuple[str, Any]] = {"ae_grade": ("ae_id", AdverseEvent),
                                        "lesion_measurement": ("assessment_id", Scan)}
_CHILDREN: dict[str, Any] = {"ae_grade": AeGrade, "lesion_measurement": LesionMeasurement}


def clinical_tables() -> dict[str, Any]:
    """The clinical tables (never deleted, only withdrawn), by name; not the accounts'
    assignments to studies."""
    load_every_table()
    found: dict[str, Any] = {}
    for mapper in Base.registry.mappers:
        model: Any = mapper.class_
        if issubclass(model, SoftDelete):
            found[str(model.__tablename__)] = model
    found.pop("study_member", None)
    return found


@dataclass(frozen=True)
class ReviewRow:
    item: ReviewItem
    reviewed_by: str | None
    reviewed_at: datetime | None
    comment: str | None

    def as_json(self) -> dict[str, Any]:
        i = self.item
        return {"key": i.key, "at": utc(i.at).isoformat(), "finding": i.finding.value,
                "who": i.actor, "subject": i.subject, "record": i.record,
                "detail": str(i.detail), "reason": i.reason, "reviewed_by": self.reviewed_by,
                "reviewed_at": utc(self.reviewed_at).isoformat() if self.reviewed_at else None,
                "comment": self.comment}


def review_settings(db: Database) -> ReviewSettings:
    with db.reading(purpose=None) as session:
        late = session.get(SiteSetting, LATE_KEY)
        hours = session.get(SiteSetting, HOURS_KEY)
    settings = ReviewSettings()
    if late is not None:
        settings = ReviewSettings(int(late.value), settings.work_start, settings.work_end)
    if hours is not None:
        start, end = (time.fromisoformat(t) for t in hours.value.split("-"))
        settings = ReviewSettings(settings.late_days, start, end)
    return settings


def set_review_settings(db: Database, late_days: int, start: time, end: time,
                        reason: str) -> None:
    """The site's late-entry limit and working hours (an administrator's setting)."""
    check_settings(late_days, start, end)
    values = {LATE_KEY: str(late_days),
              HOURS_KEY: f"{start.strftime('%H:%M')}-{end.strftime('%H:%M')}"}
    with db.unit_of_work(reason=reason or "audit review settings", purpose="settings") as s:
        for key, value in values.items():
            row = s.get(SiteSetting, key)
            if row is None:
                s.add(SiteSetting(key=key, value=value))
            elif row.value != value:
                row.value = value


def _label(model: Any, row: Any) -> str | None:
    """What the screen calls a record: a visit's code, an AE's term, a scan's date."""
    if model is VisitRecord:
        return str(row.code)
    if model is PkSample:
        return f"{row.visit_code} {row.timepoint}"
    if model is AdverseEvent:
        return str(row.term or row.verbatim)
    if model is Scan:
        return fmt_date(row.scan_date)
    return None


def _owners(session: Session, wanted: dict[str, set[str]]
            ) -> dict[tuple[str, str], tuple[int, str | None]]:
    """(table, record id) -> (patient id, what the record is called) of every record."""
    tables = clinical_tables()
    out: dict[tuple[str, str], tuple[int, str | None]] = {}
    for table, ids in wanted.items():
        numbers = [int(i) for i in ids if i.isdigit()]
        model = tables.get(table)
        if model is None or not numbers:
            continue
        if table == "patient":
            out.update({(table, str(i)): (i, None) for i in numbers})
        elif table in _PARENTS:
            column, parent = _PARENTS[table]
            child = _CHILDREN[table]
            for rid, pid in session.execute(
                    select(child.id, parent.patient_id)
                    .join(parent, parent.id == getattr(child, column))
                    .where(child.id.in_(numbers))):
                out[(table, str(rid))] = (pid, None)
        elif hasattr(model, "patient_id"):
            for row in session.scalars(select(model).where(model.id.in_(numbers))):
                out[(table, str(row.id))] = (row.patient_id, _label(model, row))
    return out


def audit_review(db: Database, start: date, end: date, study_id: int | None = None
                 ) -> list[ReviewRow]:
    """What the reviewer should look at from `start` to `end` (site days, both included),
    oldest first, with the marks already made."""
    check_period(start, end)
    zone = site_zone(db)
    settings = review_settings(db)
    since = utc(local_instant(start, time(0), zone))
    until = utc(local_instant(end + timedelta(days=1), time(0), zone))
    tables = clinical_tables()
    with db.reading(purpose="audit") as session:
        entries = list(session.scalars(select(AuditEntry).where(
            AuditEntry.at >= since, AuditEntry.at < until,
            AuditEntry.table_name.in_(list(tables))).order_by(AuditEntry.seq)))
        wanted: dict[str, set[str]] = {}
        for e in entries:
            wanted.setdefault(e.table_name, set()).add(e.record_id)
        owners = _owners(session, wanted)
        stmt = select(Patient.id, Patient.subject_id)
        if study_id is not None:
            stmt = stmt.where(Patient.study_id == study_id)
        subjects = {pid: subject for pid, subject in session.execute(stmt)}
        every = study_id is None and db.studies is None
        lines = []
        for e in entries:
            pid, label = owners.get((e.table_name, e.record_id), (None, None))
            if (pid is None and not every) or (pid is not None and pid not in subjects):
                continue
            lines.append(TrailLine(e.seq, utc(e.at).astimezone(zone), e.actor, e.action,
                                   e.table_name, e.record_id, e.field, e.old_value,
                                   e.new_value, e.reason, subjects.get(pid) if pid else None,
                                   label))
        door = [DoorLine(a.id, utc(a.at).astimezone(zone), a.account, a.event, a.detail)
                for a in session.scalars(select(AccessEvent).where(
                    AccessEvent.at >= since, AccessEvent.at < until).order_by(AccessEvent.id))]
        queries = set(session.scalars(select(DataQuery.id)))
        items = trail_findings(lines, settings, queries) + door_findings(door, settings)
        marks = {m.key: m for m in session.scalars(select(AuditReviewMark).where(
            AuditReviewMark.key.in_([i.key for i in items])))} if items else {}
    items.sort(key=lambda i: (i.at, i.key))
    return [ReviewRow(i, *((m.reviewed_by, m.reviewed_at, m.comment)
                           if (m := marks.get(i.key)) else (None, None, None)))
            for i in items]


@attempt("mark lines of the audit review reviewed", audit_bad_input=True)
def mark_reviewed(db: Database, keys: Sequence[str], comment: str, now: datetime) -> int:
    """Mark lines of the review reviewed, with the reviewer's comment (a line marked before
    takes the new comment, the old one staying in the trail)."""
    text = check_comment(comment)
    with db.unit_of_work(reason=REVIEWED, purpose="audit") as session:
        for key in dict.fromkeys(keys):
            kind, _, number = key.partition(":")
            if kind not in ("audit", "access") or not number.isdigit():
                raise NotFound("key", "No line {key} in the audit review", key=key)
            mark = session.scalar(select(AuditReviewMark).where(AuditReviewMark.key == key))
            if mark is None:
                session.add(AuditReviewMark(key=key, comment=text, reviewed_by=db.actor,
                                            reviewed_at=utc(now)))
            else:
                mark.comment, mark.reviewed_by, mark.reviewed_at = text, db.actor, utc(now)
    return len(set(keys))


def period_words(start: date, end: date) -> str:
    return f"{fmt_date(start)} to {fmt_date(end)}"
