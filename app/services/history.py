"""The audit trail as a monitor reads it: per record, per patient, for the whole site.

Each line in the words of the screen (app/wording/records.py): what record, which field by its
label, the old and the new value as the screen shows them, who (full name and role), when,
and why. The trail itself is untouched: these are readings of it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, tzinfo
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.rules.accounts import Role
from app.rules.dates import fmt_date
from app.services import calendar as cal
from app.services.site_time import zone_in
from app.wording.records import ACTIONS, LINK_FIELDS, field_word, record_word, value_words
from db import Database
from db.accounts import UserAccount
from db.findings import ConMed, MedicalHistory, VitalSign
from db.models import (
    AdverseEvent,
    AeGrade,
    AuditEntry,
    LesionMeasurement,
    Patient,
    PkSample,
    SurvivalContact,
    TumourAssessment,
    VisitRecord,
)

SITE_LIMIT = 5000  # the newest lines the site listing reads at once (filters narrow it)


@dataclass(frozen=True)
class HistoryRow:
    """One change of one field. `field`, `old_value` and `new_value` are the trail's own
    (names and stable text forms); the properties give the screen's words."""

    at: datetime
    actor: str
    who: str  # the actor's full name and role
    action: str  # insert | update | delete (a withdrawal)
    table: str
    record_id: str
    what: str  # the record in words: "Visit C2D1", "AE Nausea"
    field: str | None
    old_value: str | None
    new_value: str | None
    reason: str | None
    subject: str = ""  # the patient's subject ID, where the record is a patient's

    @property
    def action_word(self) -> str:
        return ACTIONS.get(self.action, self.action)

    @property
    def field_label(self) -> str:
        return field_word(self.field)

    @property
    def old_text(self) -> str:
        return value_words(self.field, self.old_value)

    @property
    def new_text(self) -> str:
        return value_words(self.field, self.new_value)

    @property
    def words(self) -> str:
        """Everything a reader may look for in the line, lower-case (the filters' text)."""
        return " ".join((self.what, self.subject, self.field_label, self.old_text,
                         self.new_text, self.reason or "", self.who, self.action_word)).lower()

    @property
    def when_text(self) -> str:
        """The moment as the trail keeps it, in UTC."""
        at = self.at if self.at.tzinfo is None else self.at.astimezone(UTC)
        return f"{fmt_date(at.date())} {at:%H:%M}"

    def when_in(self, zone: tzinfo) -> str:
        """The moment on the site's clock (the trail keeps UTC: a naive value is UTC)."""
        at = (self.at if self.at.tzinfo else self.at.replace(tzinfo=UTC)).astimezone(zone)
        return f"{fmt_date(at.date())} {at:%H:%M}"


def _people(session: Session) -> dict[str, str]:
    """Each account's name -> "Full Name (role)"."""
    out = {}
    for name, printed, role in session.execute(
            select(UserAccount.name, UserAccount.printed_name, UserAccount.role)):
        try:
            word = Role(role).word
        except ValueError:
            word = role
        out[name] = f"{printed} ({word})"
    return out


def _names(session: Session, wanted: dict[str, set[str]]
           ) -> dict[tuple[str, str], tuple[str, str]]:
    """(table, record id) -> (the record in words, the patient's subject ID)."""
    out: dict[tuple[str, str], tuple[str, str]] = {}

    def ids(table: str) -> list[int]:
        return [int(i) for i in wanted.get(table, ()) if i.isdigit()]

    subjects = dict(session.execute(select(Patient.id, Patient.subject_id)).all()) \
        if wanted else {}
    for pid in ids("patient"):
        out["patient", str(pid)] = ("Patient", subjects.get(pid, ""))
    queries: list[tuple[str, Any, Any]] = [
        ("visit_record", select(VisitRecord.id, VisitRecord.patient_id, VisitRecord.code),
         lambda code: f"Visit {code}"),
        ("survival_contact", select(SurvivalContact.id, SurvivalContact.patient_id,
                                    SurvivalContact.contact_date),
         lambda day: f"Survival contact {fmt_date(day)}"),
        ("pk_sample", select(PkSample.id, PkSample.patient_id,
                             PkSample.visit_code + " " + PkSample.timepoint),
         lambda what: f"PK sample {what}"),
        ("adverse_event", select(AdverseEvent.id, AdverseEvent.patient_id,
                                 func.coalesce(AdverseEvent.term, AdverseEvent.verbatim)),
         lambda name: f"AE {name}"),
        ("tumour_assessment", select(TumourAssessment.id, TumourAssessment.patient_id,
                                     TumourAssessment.scan_date),
         lambda day: f"Scan {fmt_date(day)}"),
        ("vital_sign", select(VitalSign.id, VitalSign.patient_id,
                              VitalSign.visit_code + " " + VitalSign.test),
         lambda what: f"Reading {what}"),
        ("con_med", select(ConMed.id, ConMed.patient_id, ConMed.drug),
         lambda drug: f"Con-med {drug}"),
        ("medical_history", select(MedicalHistory.id, MedicalHistory.patient_id,
                                   MedicalHistory.term),
         lambda term: f"History {term}"),
    ]
    for table, stmt, word in queries:
        found = ids(table)
        if not found:
            continue
        key = stmt.selected_columns[0]
        for rid, pid, detail in session.execute(stmt.where(key.in_(found))):
            out[table, str(rid)] = (word(detail), subjects.get(pid, ""))
    if ids("ae_grade"):
        for rid, name, pid in session.execute(
                select(AeGrade.id, func.coalesce(AdverseEvent.term, AdverseEvent.verbatim),
                       AdverseEvent.patient_id).join(AdverseEvent, AdverseEvent.id == AeGrade.ae_id)
                .where(AeGrade.id.in_(ids("ae_grade")))):
            out["ae_grade", str(rid)] = (f"AE {name}: grade", subjects.get(pid, ""))
    if ids("lesion_measurement"):
        for rid, lesion, day, pid in session.execute(
                select(LesionMeasurement.id, LesionMeasurement.lesion_id,
                       TumourAssessment.scan_date, TumourAssessment.patient_id)
                .join(TumourAssessment,
                      TumourAssessment.id == LesionMeasurement.assessment_id)
                .where(LesionMeasurement.id.in_(ids("lesion_measurement")))):
            out["lesion_measurement", str(rid)] = (
                f"Scan {fmt_date(day)}: lesion {lesion}", subjects.get(pid, ""))
    return out


def _rows(session: Session, lines: Iterable[tuple[Any, ...]]) -> list[HistoryRow]:
    lines = list(lines)
    wanted: dict[str, set[str]] = {}
    for line in lines:
        wanted.setdefault(line[3], set()).add(line[4])
    names, people = _names(session, wanted), _people(session)
    out = []
    for at, actor, action, table, record_id, fld, old, new, why in lines:
        if fld in LINK_FIELDS:
            continue  # record keys: the record's name says whose it is
        what, subject = names.get((table, record_id), (f"{record_word(table)} {record_id}", ""))
        out.append(HistoryRow(at, actor, people.get(actor, actor), action, table, record_id,
                              what, fld, old, new, why, subject))
    return out


_LINE = (AuditEntry.at, AuditEntry.actor, AuditEntry.action, AuditEntry.table_name,
         AuditEntry.record_id, AuditEntry.field, AuditEntry.old_value, AuditEntry.new_value,
         AuditEntry.reason)


def record_history(db: Database, table: str, record_id: int | str | Sequence[int]
                   ) -> list[HistoryRow]:
    """One record's story, newest first (a dialog's History…), with its parts' (an AE's
    grades, a scan's lesions); several records of a table (a visit's PK samples) together."""
    ids = [str(i) for i in record_id] if isinstance(record_id, Sequence) \
        and not isinstance(record_id, str) else [str(record_id)]
    with db.reading() as session:
        conds = [(AuditEntry.table_name == table) & AuditEntry.record_id.in_(ids)]
        numbers = [int(i) for i in ids if i.isdigit()]
        parts = {"adverse_event": ("ae_grade", AeGrade.id, AeGrade.ae_id),
                 "tumour_assessment": ("lesion_measurement", LesionMeasurement.id,
                                       LesionMeasurement.assessment_id)}.get(table)
        if parts is not None and numbers:
            part_table, part_id, parent = parts
            part_ids = [str(i) for i in session.scalars(
                select(part_id).where(parent.in_(numbers)))]
            if part_ids:
                conds.append((AuditEntry.table_name == part_table)
                             & AuditEntry.record_id.in_(part_ids))
        return _rows(session, session.execute(
            select(*_LINE).where(or_(*conds)).order_by(AuditEntry.seq.desc())).all())


def pk_sample_ids(db: Database, patient_id: int, visit_code: str) -> list[int]:
    """The stored PK samples of one visit (its PK dialog's History…)."""
    with db.reading() as session:
        return list(session.scalars(select(PkSample.id).where(
            PkSample.patient_id == patient_id, PkSample.visit_code == visit_code)))


def patient_history(db: Database, patient_id: int) -> list[HistoryRow]:
    """The story of the patient and of everything recorded for them, newest first."""
    with db.reading() as session:
        cal.load(session, patient_id)  # the patient's study must be the user's
        mine: dict[str, list[str]] = {"patient": [str(patient_id)]}
        for table, model in (("visit_record", VisitRecord),
                             ("survival_contact", SurvivalContact), ("pk_sample", PkSample),
                             ("adverse_event", AdverseEvent),
                             ("tumour_assessment", TumourAssessment),
                             ("vital_sign", VitalSign), ("con_med", ConMed),
                             ("medical_history", MedicalHistory)):
            mine[table] = [str(i) for i in session.scalars(
                select(model.id).where(model.patient_id == patient_id))]
        ae_ids = [int(i) for i in mine["adverse_event"]]
        scan_ids = [int(i) for i in mine["tumour_assessment"]]
        mine["ae_grade"] = [str(i) for i in session.scalars(
            select(AeGrade.id).where(AeGrade.ae_id.in_(ae_ids)))] if ae_ids else []
        mine["lesion_measurement"] = [str(i) for i in session.scalars(
            select(LesionMeasurement.id).where(
                LesionMeasurement.assessment_id.in_(scan_ids)))] if scan_ids else []
        conds = [(AuditEntry.table_name == t) & AuditEntry.record_id.in_(ids)
                 for t, ids in mine.items() if ids]
        return _rows(session, session.execute(
            select(*_LINE).where(or_(*conds)).order_by(AuditEntry.seq.desc())).all())


def site_audit(db: Database, *, since: date | None = None, until: date | None = None,
               actor: str | None = None, text: str = "", limit: int = SITE_LIMIT
               ) -> list[HistoryRow]:
    """The whole site's trail, newest first: from `since` to `until` (days on the site's
    clock, as the lines show their times), by one user, or lines whose record, field,
    values or reason hold `text`."""
    stmt = select(*_LINE).order_by(AuditEntry.seq.desc())
    if actor:
        stmt = stmt.where(AuditEntry.actor == actor)
    with db.reading() as session:
        zone = zone_in(session)
        if since is not None:
            stmt = stmt.where(AuditEntry.at >= datetime.combine(since, time.min, tzinfo=zone))
        if until is not None:
            stmt = stmt.where(AuditEntry.at <= datetime.combine(until, time.max, tzinfo=zone))
        rows = _rows(session, session.execute(stmt.limit(limit if not text else limit * 4)))
    needle = text.strip().lower()
    if needle:
        rows = [r for r in rows if needle in r.words][:limit]
    return rows


__all__ = ["HistoryRow", "patient_history", "pk_sample_ids", "record_history", "site_audit"]
