"""Protocol amendments of a study: a new version applying from a date, the report of what
it changes for each patient, and the re-consents that bring patients onto it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.rules.amendment_entry import check_amendment, check_reconsent
from app.rules.amendments import VisitChange, visit_changes
from app.rules.protocol import Protocol, read_protocol_file
from app.services.changes import delegated
from app.services.errors import refuse_the_database
from app.services.studies import (
    as_versions,
    reconsents_of,
    study_named,
    versions_of,
)
from db import Database
from db.models import Patient
from db.studies import ProtocolVersion, Reconsent, Study


@dataclass(frozen=True)
class PatientChanges:
    subject_id: str
    now: bool  # True: follows the amendment at once (consented on or after its date)
    changes: tuple[VisitChange, ...]


@dataclass(frozen=True)
class AmendmentReport:
    study: str
    label: str
    effective: date
    patients: tuple[PatientChanges, ...]
    saved: bool


def amend_study(db: Database, code: str, path: Path | str, effective: date, today: date, *,
                dry_run: bool = False) -> AmendmentReport:
    """A new version of a study's protocol, applying from `effective`: patients consented
    from that date follow it at once, the others when they re-consent. The report says,
    for every patient, which visits still to come would change and how."""
    from app.services import calendar as cal

    study_id = study_named(db, code)
    refuse_the_database(path)
    protocol, text, sha = read_protocol_file(path)
    with db.reading(purpose="studies") as session:
        report = _amendment_report(session, study_id, protocol, sha, Path(path).name,
                                   effective, today, saved=not dry_run)
    if dry_run:
        return report
    with db.unit_of_work(purpose="studies") as session:
        # checked again where it is written: another amendment may have come meanwhile
        _check_amendment(session, study_id, protocol, sha, Path(path).name, effective)
        session.add(ProtocolVersion(study_id=study_id, label=protocol.version,
                                    effective=effective, sha256=sha,
                                    file_name=Path(path).name, content=text))
        session.flush()
        for pid in ids_now(session, study_id, effective):
            cal.rebuild(session, pid, today)
    return report


def _check_amendment(session: Session, study_id: int, protocol: Protocol, sha: str,
                     file_name: str, effective: date) -> Study:
    """The file is a new version of this study, applying no earlier than its latest."""
    study = session.get_one(Study, study_id)
    rows = versions_of(session, study_id)
    check_amendment(study.code, file_name, protocol.code, protocol.version, sha,
                    {v.sha256 for v in rows}, as_versions(rows), effective)
    return study


def _amendment_report(session: Session, study_id: int, protocol: Protocol, sha: str,
                      file_name: str, effective: date, today: date, saved: bool
                      ) -> AmendmentReport:
    from app.services import calendar as cal

    study = _check_amendment(session, study_id, protocol, sha, file_name, effective)
    out = []
    ids = session.scalars(select(Patient.id).where(
        Patient.study_id == study_id, Patient.deleted_at.is_(None))
        .order_by(Patient.subject_id)).all()
    for pid in ids:
        loaded = cal.load(session, pid)
        before = cal.calendar_of(loaded, loaded.protocol, today)
        after = cal.calendar_of(loaded, protocol, today)
        consent = loaded.patient.consent_date
        out.append(PatientChanges(loaded.patient.subject_id,
                                  consent is not None and consent >= effective,
                                  tuple(visit_changes(before or (), after or ()))))
    return AmendmentReport(study.code, protocol.version, effective, tuple(out), saved)


def ids_now(session: Session, study_id: int, effective: date) -> list[int]:
    """Patients of the study who consented on or after `effective` (they follow it now)."""
    return list(session.scalars(select(Patient.id).where(
        Patient.study_id == study_id, Patient.deleted_at.is_(None),
        Patient.consent_date >= effective)))


@delegated("consent")
def record_reconsent(db: Database, patient_id: int, label: str, when: date,
                     today: date) -> str:
    """The date a patient consented to an amendment: from then on their calendar follows
    it (visits already done stay as they were). Returns the amendment's label."""
    from app.services import calendar as cal

    with db.unit_of_work() as session:
        loaded = cal.load(session, patient_id)
        patient = loaded.patient
        version = check_reconsent(label, when, today,
                                  as_versions(versions_of(session, patient.study_id)),
                                  patient.consent_date, reconsents_of(session, patient_id),
                                  patient.subject_id)
        session.add(Reconsent(patient_id=patient_id, protocol_version_id=version.id,
                              consent_date=when))
        session.flush()
        cal.rebuild(session, patient_id, today)
        return version.label
