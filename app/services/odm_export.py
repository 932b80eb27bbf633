"""The site's data as one CDISC ODM 1.3.2 file (`sitetrack export odm`): each study's
metadata from its protocol file, and every patient's visits, PK samples, adverse events,
tumour responses, vital signs and ECG, lab results, con-meds and medical history, each
value with its last change from the audit trail and each signed record with the
investigator's signature."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from app import __version__
from app.exchange import odm
from app.infra.files import written_atomically
from app.rules.partial_dates import as_iso
from app.rules.pk import has_pk, slots
from app.rules.protocol import Protocol
from app.rules.site_time import utc
from app.services import calendar as cal
from app.services import odm_clinical
from app.services.exports import site_name
from app.services.response import patient_response
from app.services.signatures import SignatureView, signatures_of
from app.services.studies import study_codes, study_protocols
from db import Database
from db.accounts import UserAccount
from db.models import (
    AdverseEvent,
    AeGrade,
    AuditEntry,
    LesionMeasurement,
    Patient,
    PkSample,
    TumourAssessment,
    VisitRecord,
)

#: which stored field each ODM item shows (its AuditRecord is that field's last change)
FIELDS: dict[str, dict[str, str]] = {
    "visit_record": {"actual_date": "SVSTDTC", "actual_time": "SVSTTM",
                     "outcome": "SVOUTCOME", "missed_reason": "SVREASND",
                     "dose_level": "EXDOSLVL", "dose_action": "EXACT", "dose_at": "EXSTDTC"},
    "pk_sample": {"collected_at": "PCDTC", "not_collected_reason": "PCREASND"},
    "adverse_event": {"verbatim": "AETERM", "term": "AEDECOD", "soc": "AEBODSYS",
                      "serious": "AESER", "relationship": "AEREL", "onset_date": "AESTDTC",
                      "onset_partial": "AESTDTC", "end_date": "AEENDTC",
                      "end_partial": "AEENDTC", "dlt": "AEDLT"},
    "tumour_assessment": {"scan_date": "RSDTC", "baseline": "RSBASE"},
} | odm_clinical.FIELDS
Audits = dict[tuple[str, str, str], odm.Audit]


def _audits(session: Any) -> Audits:
    """The last change of every exported field: (table, record id, item) -> who, when, why."""
    out: Audits = {}
    rows = session.execute(select(AuditEntry.table_name, AuditEntry.record_id,
                                  AuditEntry.field, AuditEntry.actor, AuditEntry.at,
                                  AuditEntry.reason)
                           .where(AuditEntry.table_name.in_(list(FIELDS)))
                           .order_by(AuditEntry.seq))
    for table, record_id, field, actor, at, reason in rows:
        item = FIELDS[table].get(field or "")
        if item is not None:
            out[(table, record_id, item)] = odm.Audit(actor, utc(at), reason)
    return out


def _items(table: str, record_id: int, values: dict[str, object], audits: Audits
           ) -> tuple[odm.Item, ...]:
    rid = str(record_id)
    return tuple(odm.Item(name, value, audits.get((table, rid, name)))
                 for name, value in values.items())


def _signed(view: SignatureView | None) -> odm.Signed | None:
    if view is None or view.stale:  # a signature of an older version does not sign this one
        return None
    return odm.Signed(view.signer, view.meaning, utc(view.signed_at))


class _Subject:
    """One patient's events as they are gathered (an event's forms from several tables)."""

    def __init__(self) -> None:
        self.events: dict[tuple[str, str | None], list[odm.Group]] = {}

    def add(self, event: tuple[str, str | None], group: odm.Group) -> None:
        self.events.setdefault(event, []).append(group)

    def done(self, key: str) -> odm.Subject:
        return odm.Subject(key, tuple(odm.EventData(e, k, tuple(g))
                                      for (e, k), g in self.events.items()))


def _tubes(protocol: Protocol, code: str) -> list[Any]:
    """The visit's PK tubes in protocol order ([] where the protocol no longer has them)."""
    return slots(protocol, code) if has_pk(protocol, code) else []


def _visits(session: Any, db: Database, protocol: Protocol, ids: list[int],
            subjects: dict[int, _Subject], audits: Audits) -> None:
    records = list(session.scalars(select(VisitRecord).where(
        VisitRecord.patient_id.in_(ids), cal.live(VisitRecord),
        VisitRecord.outcome.is_not(None)).order_by(VisitRecord.patient_id, VisitRecord.id)))
    signed = signatures_of(db, "visit", [r.id for r in records])
    for r in records:
        event = (odm.UNSCHEDULED, r.code) if r.unscheduled else odm.event_of(protocol, r.code)
        subjects[r.patient_id].add(event, odm.Group("VISIT", _items("visit_record", r.id, {
            "SVSTDTC": r.actual_date, "SVSTTM": r.actual_time, "SVOUTCOME": r.outcome,
            "SVREASND": r.missed_reason, "EXDOSLVL": r.dose_level, "EXACT": r.dose_action,
            "EXSTDTC": utc(r.dose_at) if r.dose_at else None}, audits),
            signature=_signed(signed.get(r.id))))
    for s in session.scalars(select(PkSample).where(
            PkSample.patient_id.in_(ids), cal.live(PkSample))
            .order_by(PkSample.patient_id, PkSample.visit_code, PkSample.id)):
        numbers = {slot.timepoint.id: n for n, slot in enumerate(_tubes(protocol, s.visit_code),
                                                                 1)}
        label = next((t.label for t in protocol.pk_timepoints if t.id == s.timepoint),
                     s.timepoint)
        subjects[s.patient_id].add(odm.event_of(protocol, s.visit_code), odm.Group(
            "PC", _items("pk_sample", s.id, {
                "PCTPT": label, "PCTPTNUM": numbers.get(s.timepoint), "PCREFID": s.sample_id,
                "PCDTC": utc(s.collected_at) if s.collected_at else None,
                "PCSTAT": "NOT DONE" if s.not_collected_reason else None,
                "PCREASND": s.not_collected_reason}, audits),
            repeat_key=str(numbers.get(s.timepoint, s.id))))


def _aes(session: Any, db: Database, ids: list[int], subjects: dict[int, _Subject],
         audits: Audits) -> None:
    worst = {ae: g for ae, g in session.execute(select(
        AeGrade.ae_id, func.max(AeGrade.grade)).where(cal.live(AeGrade))
        .group_by(AeGrade.ae_id))}
    aes = list(session.scalars(select(AdverseEvent).where(
        AdverseEvent.patient_id.in_(ids), cal.live(AdverseEvent)).order_by(AdverseEvent.id)))
    signed = signatures_of(db, "ae", [a.id for a in aes])
    for a in aes:
        subjects[a.patient_id].add(("SE.AE", None), odm.Group("AE", _items(
            "adverse_event", a.id, {
                "AETERM": a.verbatim, "AEDECOD": a.term, "AEBODSYS": a.soc,
                "AETOXGR": worst.get(a.id), "AESER": bool(a.serious),
                "AEREL": a.relationship, "AESTDTC": as_iso(a.onset_date, a.onset_partial),
                "AEENDTC": as_iso(a.end_date, a.end_partial),
                "AEDLT": bool(a.dlt)}, audits),
            repeat_key=str(a.id), signature=_signed(signed.get(a.id))))


def _responses(session: Any, db: Database, protocol: Protocol, ids: list[int],
               subjects: dict[int, _Subject], audits: Audits, today: date) -> None:
    scans = list(session.scalars(select(TumourAssessment).where(
        TumourAssessment.patient_id.in_(ids), cal.live(TumourAssessment))
        .order_by(TumourAssessment.patient_id, TumourAssessment.scan_date)))
    sums: dict[int, int] = {a: n for a, n in session.execute(select(
        LesionMeasurement.assessment_id, func.sum(LesionMeasurement.tenths_mm)).where(
        LesionMeasurement.kind == "target", cal.live(LesionMeasurement),
        LesionMeasurement.assessment_id.in_([s.id for s in scans]))
        .group_by(LesionMeasurement.assessment_id))}
    signed = signatures_of(db, "response", [s.id for s in scans])
    overall: dict[int, dict[date, str]] = {}
    for pid in sorted({s.patient_id for s in scans}):
        ev = patient_response(db, protocol, pid, today).evaluation
        overall[pid] = {t.date: t.overall for t in ev.timepoints} if ev else {}
    for s in scans:
        total = sums.get(s.id)
        subjects[s.patient_id].add(("SE.RS", None), odm.Group("RS", _items(
            "tumour_assessment", s.id, {
                "RSDTC": s.scan_date, "RSBASE": bool(s.baseline),
                "TRSUM": f"{total / 10:.1f}" if total is not None else None,
                "RSORRES": None if s.baseline else overall[s.patient_id].get(s.scan_date)},
            audits), repeat_key=str(s.id), signature=_signed(signed.get(s.id))))


def odm_studies(db: Database, today: date, study_id: int | None = None
                ) -> tuple[list[odm.StudyData], dict[str, str], set[str]]:
    """Each study's protocol and subjects, the users who appear, the signatures' meanings."""
    protocols = study_protocols(db)
    if study_id is not None:
        protocols = {study_id: protocols[study_id]}
    out: list[odm.StudyData] = []
    with db.reading() as session:
        audits = _audits(session)
        names = {n: p for n, p in session.execute(select(UserAccount.name,
                                                         UserAccount.printed_name))}
        for sid, protocol in protocols.items():
            patients = list(session.scalars(select(Patient).where(
                Patient.study_id == sid, cal.live(Patient)).order_by(Patient.subject_id)))
            ids = [p.id for p in patients]
            subjects = {p.id: _Subject() for p in patients}
            _visits(session, db, protocol, ids, subjects, audits)
            _aes(session, db, ids, subjects, audits)
            _responses(session, db, protocol, ids, subjects, audits, today)
            odm_clinical.readings(session, protocol, ids, subjects, audits)
            odm_clinical.labs(session, ids, subjects, audits, today)
            odm_clinical.conmeds_and_history(session, ids, subjects, audits)
            out.append(odm.StudyData(protocol, [subjects[p.id].done(p.subject_id)
                                                for p in patients]))
    users: dict[str, str] = {}
    meanings: set[str] = set()
    for data in out:
        for item_or_sig in _people(data):
            users[item_or_sig.user] = names.get(item_or_sig.user, item_or_sig.user)
            if isinstance(item_or_sig, odm.Signed):
                meanings.add(item_or_sig.meaning)
    return out, users, meanings


def _people(data: odm.StudyData) -> Iterable[odm.Audit | odm.Signed]:
    for subject in data.subjects:
        for ev in subject.events:
            for g in ev.groups:
                if g.signature is not None:
                    yield g.signature
                yield from (i.audit for i in g.items if i.audit is not None)


def export_odm(db: Database, path: Path | str, today: date, now: datetime,
               study_id: int | None = None) -> int:
    """Write the ODM file (whole or not at all); returns the subjects written."""
    studies, users, meanings = odm_studies(db, today, study_id)
    codes = "-".join(study_codes(db)[sid] for sid in ([study_id] if study_id else
                                                      study_codes(db)))
    tree = odm.build_odm(studies, site_name(db), users, meanings, utc(now),
                         odm.oid("ODM", codes, now.strftime("%Y%m%dT%H%M%S")), __version__)
    with written_atomically(path) as temp:
        tree.write(temp, encoding="UTF-8", xml_declaration=True)
    return sum(len(s.subjects) for s in studies)


__all__ = ["FIELDS", "export_odm", "odm_studies"]
