"""The studies a site runs: their protocol files (every version kept whole in the database),
amendments, re-consents, and the protocol each patient follows."""

from __future__ import annotations

import tomllib
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from app.rules.amendment_entry import check_new_study
from app.rules.amendments import Version, in_force
from app.rules.dates import fmt_date
from app.rules.protocol import Protocol, parse_protocol, read_protocol_file
from app.services.errors import NotFound, refuse_the_database
from app.services.patient_rows import patient_rows, reading_together, rows_read
from db import Database
from db.models import Patient
from db.studies import ProtocolVersion, Reconsent, Study

#: the study every database starts with (migration 0013)
DEFAULT_STUDY = 1


@lru_cache(maxsize=1024)
def _parsed(sha256: str, content: str, file_name: str) -> Protocol:
    """A stored version's rules, parsed once per process (the hash names the text). Room
    for every study of a research network's shared server: with 64, its 200 studies were
    parsed again at each reading of them all (1.2 s)."""
    return parse_protocol(tomllib.loads(content), file_name)


@dataclass(frozen=True)
class VersionRow:
    id: int
    label: str
    effective: date | None
    sha256: str
    file_name: str

    @property
    def applies_from(self) -> str:
        return fmt_date(self.effective) if self.effective else "the start"


@dataclass(frozen=True)
class StudyRow:
    id: int
    code: str
    title: str
    versions: tuple[VersionRow, ...]
    patients: int

    @property
    def current(self) -> VersionRow:
        return self.versions[-1]


def versions_of(session: Session, study_id: int) -> list[ProtocolVersion]:
    cache: dict[int, list[ProtocolVersion]] = session.info.setdefault("protocol_versions", {})
    if study_id not in cache:
        cache[study_id] = list(session.scalars(select(ProtocolVersion).where(
            ProtocolVersion.study_id == study_id).order_by(ProtocolVersion.id)))
    return cache[study_id]


def versions_of_studies(session: Session, study_ids: Collection[int]) -> None:
    """The stored versions of the studies named, in one query, kept for `versions_of`."""
    cache: dict[int, list[ProtocolVersion]] = session.info.setdefault("protocol_versions", {})
    wanted = sorted(set(study_ids) - cache.keys())
    if not wanted:
        return
    for sid in wanted:
        cache[sid] = []
    for version in session.scalars(select(ProtocolVersion).where(
            ProtocolVersion.study_id.in_(wanted)).order_by(ProtocolVersion.id)):
        cache[version.study_id].append(version)


def _protocol(v: ProtocolVersion) -> Protocol:
    return _parsed(v.sha256, v.content, v.file_name)


def list_studies(db: Database) -> list[StudyRow]:
    """Every study with its versions and how many patients it has (no patient data: any
    account may list them)."""
    with db.reading(purpose=None) as session:
        counts = {sid: n for sid, n in session.execute(select(
            Patient.study_id, func.count()).where(Patient.deleted_at.is_(None))
            .group_by(Patient.study_id))}
        return [StudyRow(s.id, s.code, s.title, tuple(
            VersionRow(v.id, v.label, v.effective, v.sha256, v.file_name)
            for v in versions_of(session, s.id)), counts.get(s.id, 0))
            for s in session.scalars(_visible(db, select(Study).order_by(Study.code)))]


_Stmt = TypeVar("_Stmt", bound="Select[*tuple[Any, ...]]")


def _visible(db: Database, stmt: _Stmt) -> _Stmt:
    """Only the studies the signed-in account is assigned to (all when none is)."""
    return stmt if db.studies is None else stmt.where(Study.id.in_(list(db.studies)))


def study_codes(db: Database) -> dict[int, str]:
    """Each study's code, by code (one short query: what a study selector lists)."""
    with db.reading(purpose=None) as session:
        return {sid: code for sid, code in session.execute(
            _visible(db, select(Study.id, Study.code).order_by(Study.code)))}


def study_protocol(db: Database, study_id: int) -> Protocol:
    """A study's latest protocol version."""
    with db.reading(purpose=None) as session:
        return _protocol(versions_of(session, study_id)[-1])


def study_protocols(db: Database) -> dict[int, Protocol]:
    """Each study's latest protocol version (what its places and new patients show)."""
    with db.reading(purpose=None) as session:
        studies = list(session.scalars(_visible(db, select(Study.id).order_by(Study.code))))
        versions_of_studies(session, studies)  # one query, not one per study
        return {s: _protocol(versions_of(session, s)[-1]) for s in studies}


def study_named(db: Database, code: str) -> int:
    with db.reading(purpose=None) as session:
        found = session.scalar(_visible(db, select(Study.id).where(
            func.upper(Study.code) == code.strip().upper())))
    if found is None:
        known = ", ".join(s.code for s in list_studies(db))
        where = "at this site" if db.studies is None else "among your account's studies"
        raise NotFound("study", "No study {code} {where} (studies: {known})",
                                    code=code.strip(), where=where, known=known)
    return int(found)


def add_study(db: Database, path: Path | str) -> StudyRow:
    """A new study from its protocol file, kept whole; its first version applies from the
    start."""
    refuse_the_database(path)
    protocol, text, sha = read_protocol_file(path)
    with db.unit_of_work(purpose="studies") as session:
        study_id = add_study_in(session, protocol, text, sha, Path(path).name)
    return next(s for s in list_studies(db) if s.id == study_id)


def add_study_in(session: Session, protocol: Protocol, text: str, sha: str,
                 file_name: str) -> int:
    """The study and its first version, in the caller's transaction (the demo's fill too)."""
    check_new_study(protocol.code, session.scalar(select(Study.id).where(
        func.upper(Study.code) == protocol.code.upper())) is not None)
    study = Study(code=protocol.code, title=protocol.title)
    session.add(study)
    session.flush()
    session.add(ProtocolVersion(study_id=study.id, label=protocol.version, effective=None,
                                sha256=sha, file_name=file_name, content=text))
    session.flush()
    return study.id


# --- the version each patient follows --------------------------------------------------------

def reconsents_of(session: Session, patient_id: int) -> dict[int, date]:
    """The patient's re-consents (version id -> date), read once per read-only session (a
    page asks three times); a writing session reads them afresh: it may have added one."""
    kept: dict[int, dict[int, date]] | None = None if session.info.get("writing") \
        else session.info.setdefault("reconsents", {})
    if kept is not None and patient_id in kept:
        return dict(kept[patient_id])
    rows = patient_rows(session, "reconsent", patient_id, lambda ids: select(
        Reconsent.patient_id, Reconsent.protocol_version_id, Reconsent.consent_date)
        .where(Reconsent.patient_id.in_(ids), Reconsent.deleted_at.is_(None)),
        scalars=False)
    found = {version: when for _pid, version, when in rows}
    if kept is not None:
        kept[patient_id] = dict(found)
    return found


def as_versions(rows: list[ProtocolVersion]) -> list[Version]:
    return [Version(v.id, v.label, v.effective) for v in rows]


@dataclass(frozen=True)
class Following:
    """The protocol a patient follows now, and the version label of any day's visits."""

    protocol: Protocol
    versions: tuple[Version, ...]
    consent: date | None
    reconsents: tuple[tuple[int, date], ...]

    def in_force(self) -> Version:
        """The version the patient follows now."""
        return in_force(self.versions, self.consent, dict(self.reconsents))

    def label_on(self, day: date | None) -> str:
        """Which version made a visit done on `day` (None: still to come, the current)."""
        return in_force(self.versions, self.consent, dict(self.reconsents), day).label


def _in_force_protocol(rows: list[ProtocolVersion], consent: date | None,
                       reconsents: dict[int, date]) -> Protocol:
    """The rules of the version a patient follows, among a study's stored versions."""
    if len(rows) == 1:  # most studies, never amended
        return _protocol(rows[0])
    chosen = in_force(as_versions(rows), consent, reconsents)
    return _protocol(next(v for v in rows if v.id == chosen.id))


def read_patient(session: Session, patient_id: int) -> Patient | None:
    """The patient's live row in a read-only session, read once per session (a page asks
    three times: its protocol, its calendar, its AE log), or None: no such patient, or one
    of a study the account is not assigned to. The SELECT goes through the ORM, so the
    account's study scope is added to it (db/access.py); only rows read so are kept (the
    session's identity map holds them only while something else does). Their study's row
    comes with them and is kept too: `session.get(Study, ...)` then finds it unread. A
    session reading a day's patients together reads all their rows at once."""
    if reading_together(session, patient_id):
        day = patient_rows(session, "patient", patient_id, lambda ids: select(Patient).where(
            Patient.id.in_(ids), Patient.deleted_at.is_(None)), of=lambda p: p.id)
        return day[0] if day else None
    kept: dict[int, tuple[Patient, Study]] = session.info.setdefault("patients", {})
    if patient_id not in kept:
        found = session.execute(select(Patient, Study).join(Study, Study.id == Patient.study_id)
                                .where(Patient.id == patient_id, Patient.deleted_at.is_(None))
                                ).one_or_none()
        if found is None:
            return None
        kept[patient_id] = (found[0], found[1])
    return kept[patient_id][0]


def following(session: Session, patient: Patient) -> Following:
    together = rows_read(session, "patient")  # patients read together: their studies' too
    if together:
        versions_of_studies(session, {p.study_id for p in together})
    rows = versions_of(session, patient.study_id)
    reconsents = reconsents_of(session, patient.id)
    return Following(_in_force_protocol(rows, patient.consent_date, reconsents),
                     tuple(as_versions(rows)), patient.consent_date,
                     tuple(sorted(reconsents.items())))


def following_at_enrolment(session: Session, study_id: int, consent: date | None
                           ) -> Following:
    """What a patient just enrolled follows (no re-consent yet), without loading them."""
    rows = versions_of(session, study_id)
    return Following(_in_force_protocol(rows, consent, {}), tuple(as_versions(rows)), consent,
                     ())


def protocol_of_patient(db: Database, patient_id: int) -> Protocol:
    """The protocol version a patient's calendar and entries follow."""
    with db.reading() as session:
        return patient_protocol(session, patient_id)


def patient_protocol(session: Session, patient_id: int) -> Protocol:
    """The same, in the caller's transaction (without loading the patient's records)."""
    patient = session.get(Patient, patient_id) if session.info.get("writing") \
        else read_patient(session, patient_id)
    if patient is None or patient.deleted_at is not None:
        raise NotFound("patient", "no patient with id {patient_id}",
                                      patient_id=patient_id)
    return following(session, patient).protocol


def study_id_of(session: Session, protocol: Protocol) -> int:
    """The study a protocol file is a version of, as the site holds it."""
    found = session.scalar(select(Study.id).where(
        func.upper(Study.code) == protocol.code.upper()))
    if found is None:
        raise NotFound("study", "Study {code} is not at this site: add its protocol file "
                                    "first (study add FILE.toml)",
                                    code=protocol.code)
    return int(found)


def study_named_in(session: Session, protocol: Protocol | None) -> int | None:
    """The id of the study a protocol belongs to (None for None: every study)."""
    return None if protocol is None else study_id_of(session, protocol)


def protocols_of_patients(session: Session, study_of: Mapping[int, int]
                          ) -> dict[int, Protocol]:
    """The protocol version each patient named follows, its study given (patient id ->
    study id, as a listing read them): a study never amended gives its one version to all
    its patients unread; only an amended study's patients are read, by study (no list of
    thousands of ids sent to the server)."""
    versions_of_studies(session, study_of.values())
    found: dict[int, Protocol] = {}
    amended: set[int] = set()
    for pid, sid in study_of.items():
        rows = versions_of(session, sid)
        if len(rows) == 1:
            found[pid] = _protocol(rows[0])
        else:
            amended.add(sid)
    for sid in sorted(amended):
        every = protocols_by_patient(session, sid)
        found.update({pid: every[pid] for pid, s in study_of.items()
                      if s == sid and pid in every})
    return found


def protocols_by_patient(session: Session, study_id: int | None = None, *,
                         patient_ids: Collection[int] | None = None) -> dict[int, Protocol]:
    """Every live patient's protocol version (of one study, or of the patients named), in
    three queries (listings across studies)."""
    if patient_ids is not None and not patient_ids:
        return {}
    stmt = select(Patient.id, Patient.study_id, Patient.consent_date).where(
        Patient.deleted_at.is_(None))
    signed = select(Reconsent.patient_id, Reconsent.protocol_version_id,
                    Reconsent.consent_date).where(Reconsent.deleted_at.is_(None))
    if study_id is not None:
        stmt = stmt.where(Patient.study_id == study_id)
    if patient_ids is not None:
        stmt = stmt.where(Patient.id.in_(list(patient_ids)))
        signed = signed.where(Reconsent.patient_id.in_(list(patient_ids)))
    patients = session.execute(stmt).all()
    reconsents: dict[int, dict[int, date]] = {}
    for pid, vid, when in session.execute(signed):
        reconsents.setdefault(pid, {})[vid] = when
    return {pid: _in_force_protocol(versions_of(session, sid), consent,
                                    reconsents.get(pid, {}))
            for pid, sid, consent in patients}
