"""SDTM-named listings for review: DM, SV, AE, PC, RS, TR, DS, DV.

Column names and meanings follow SDTMIG 3.4, so a sponsor's reviewer finds what they
expect, but these are listings for review, not a submission package: no define.xml, no
controlled-terminology mapping beyond the app's own words, no SEQ derivation rules beyond
one number per row in subject order. Dates are ISO 8601 (times with their offset).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from app.rules.partial_dates import as_iso
from app.services import calendar as cal
from app.services.adverse_events import site_aes
from app.services.deviation_log import deviation_log
from app.services.pk_samples import pk_listing
from app.services.site_results import site_courses
from app.services.studies import protocols_by_patient, study_codes, study_protocol
from db import Database
from db.models import LesionMeasurement, Patient, TumourAssessment, VisitRecord

Table = tuple[list[str], list[list[str]]]
DOMAINS = ("DM", "SV", "AE", "PC", "RS", "TR", "DS", "DV")


def _iso(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    return value.isoformat()


def _yn(flag: bool) -> str:
    return "Y" if flag else "N"


def _usubjid(study: str, subject: str) -> str:
    return f"{study}-{subject}"


def _numbered(rows: list[list[str]]) -> list[list[str]]:
    """--SEQ: 1, 2, ... within each subject (rows are in subject order; USUBJID third)."""
    out, seq, last = [], 0, None
    for row in rows:
        seq = seq + 1 if row[2] == last else 1
        last = row[2]
        out.append([*row[:3], str(seq), *row[3:]])
    return out


@dataclass(frozen=True)
class _Site:
    """The patients, each one's study code and first dose: read once for every domain."""

    patients: list[Patient]
    codes: dict[int, str]
    firsts: dict[int, date]


def _site(db: Database) -> _Site:
    with db.reading() as session:
        patients = list(session.scalars(select(Patient).where(cal.live(Patient))
                                        .order_by(Patient.study_id, Patient.subject_id)))
        protocols = protocols_by_patient(session)
        firsts = cal.first_doses(session, protocols)
        codes = {p.id: protocols[p.id].code for p in patients if p.id in protocols}
    return _Site(patients, codes, firsts)


def dm(site: _Site) -> Table:
    patients, codes, firsts = site.patients, site.codes, site.firsts
    columns = ["STUDYID", "DOMAIN", "USUBJID", "SUBJID", "RFSTDTC", "RFENDTC", "RFICDTC",
               "DTHDTC", "DTHFL", "BRTHDTC", "SEX", "ARMCD", "ARM"]
    rows = []
    for p in patients:
        study = codes.get(p.id, "")
        arm = p.cohort or p.dose_level or ""
        rows.append([study, "DM", _usubjid(study, p.subject_id), p.subject_id,
                     _iso(firsts.get(p.id)), _iso(p.last_dose_date), _iso(p.consent_date),
                     as_iso(p.death_date, p.death_partial), "Y" if p.death_date else "",
                     str(p.year_of_birth or ""), p.sex or "", arm,
                     f"Part {p.part}: {arm}" if arm else f"Part {p.part}"])
    return columns, rows


def sv(db: Database, site: _Site) -> Table:
    patients, codes = site.patients, site.codes
    subject = {p.id: p.subject_id for p in patients}
    with db.reading() as session:
        records = session.execute(
            select(VisitRecord.patient_id, VisitRecord.code, VisitRecord.actual_date,
                   VisitRecord.unscheduled)
            .where(cal.live(VisitRecord), VisitRecord.outcome == "done",
                   VisitRecord.actual_date.is_not(None))
            .order_by(VisitRecord.patient_id, VisitRecord.actual_date, VisitRecord.code)).all()
    columns = ["STUDYID", "DOMAIN", "USUBJID", "VISITNUM", "VISIT", "SVSTDTC", "SVENDTC",
               "SVUPDES"]
    rows, number, last = [], 0, None
    for pid, code, day, unscheduled in records:
        if pid not in subject:
            continue
        number = number + 1 if pid == last else 1
        last = pid
        study = codes.get(pid, "")
        rows.append([study, "SV", _usubjid(study, subject[pid]), str(number), code,
                     _iso(day), _iso(day), "unscheduled" if unscheduled else ""])
    return columns, rows


def ae(db: Database, now: datetime) -> Table:
    columns = ["STUDYID", "DOMAIN", "USUBJID", "AESEQ", "AETERM", "AEDECOD", "AEBODSYS",
               "AETOXGR", "AESER", "AEREL", "AEACN", "AEOUT", "AESTDTC", "AEENDTC"]
    rows = [[r.study, "AE", _usubjid(r.study, r.subject_id), r.verbatim, r.term or "",
             r.soc or "", str(r.worst_grade or ""), _yn(r.serious),
             (r.relationship or "").upper(), (r.action or "").upper(), (r.outcome or "").upper(),
             as_iso(r.onset_date, r.onset_partial), as_iso(r.end_date, r.end_partial)]
            for r in site_aes(db, None, now)]
    return columns, _numbered(rows)


def pc(db: Database) -> Table:
    columns = ["STUDYID", "DOMAIN", "USUBJID", "PCSEQ", "PCREFID", "VISIT", "PCTPT",
               "PCTPTNUM", "PCDTC", "PCSTAT", "PCREASND"]
    protocols = {sid: study_protocol(db, sid) for sid in study_codes(db)}
    order = {p.code: {t.label: i + 1 for i, t in enumerate(p.pk_timepoints)}
             for p in protocols.values()}
    rows = []
    for r in pk_listing(db, None):
        missing = r.actual is None and bool(r.not_collected_reason)
        rows.append([r.study, "PC", _usubjid(r.study, r.subject_id), r.sample_id, r.visit,
                     r.timepoint, str(order.get(r.study, {}).get(r.timepoint, "")),
                     _iso(r.actual), "NOT DONE" if missing else "",
                     r.not_collected_reason or ""])
    return columns, _numbered(rows)


def rs(db: Database, today: date) -> Table:
    columns = ["STUDYID", "DOMAIN", "USUBJID", "RSSEQ", "RSTESTCD", "RSTEST", "RSORRES",
               "RSEVAL", "RSDTC"]
    rows = []
    for sid in study_codes(db):
        protocol = study_protocol(db, sid)
        for course in site_courses(db, protocol, today):
            for t in course.timepoints:
                rows.append([protocol.code, "RS", _usubjid(protocol.code, course.subject_id),
                             "OVRLRESP", "Overall Response", t.overall, "INVESTIGATOR",
                             _iso(t.date)])
    return columns, _numbered(rows)


def tr(db: Database, site: _Site) -> Table:
    columns = ["STUDYID", "DOMAIN", "USUBJID", "TRSEQ", "TRLNKID", "TRTESTCD", "TRTEST",
               "TRORRES", "TRORRESU", "TRLOC", "TRDTC"]
    codes = site.codes
    with db.reading() as session:
        found = session.execute(
            select(Patient.id, Patient.subject_id, TumourAssessment.scan_date,
                   LesionMeasurement.lesion_id, LesionMeasurement.kind,
                   LesionMeasurement.tenths_mm, LesionMeasurement.status,
                   LesionMeasurement.organ)
            .join(TumourAssessment, TumourAssessment.id == LesionMeasurement.assessment_id)
            .join(Patient, Patient.id == TumourAssessment.patient_id)
            .where(cal.live(LesionMeasurement), cal.live(TumourAssessment), cal.live(Patient))
            .order_by(Patient.study_id, Patient.subject_id, TumourAssessment.scan_date,
                      LesionMeasurement.lesion_id)).all()
    rows = []
    for pid, subject, day, lesion, kind, tenths, status, organ in found:
        study = codes.get(pid, "")
        measured = kind == "target"
        rows.append([study, "TR", _usubjid(study, subject), lesion,
                     "LDIAM" if measured else "TUMSTATE",
                     "Longest Diameter" if measured else "Tumor State",
                     (f"{tenths / 10:g}" if tenths is not None else "") if measured
                     else (status or "").upper(), "mm" if measured else "", organ or "",
                     _iso(day)])
    return columns, _numbered(rows)


def ds(site: _Site) -> Table:
    patients, codes = site.patients, site.codes
    columns = ["STUDYID", "DOMAIN", "USUBJID", "DSSEQ", "DSTERM", "DSDECOD", "DSCAT",
               "DSSTDTC"]
    rows = []
    for p in patients:
        study = codes.get(p.id, "")
        who = _usubjid(study, p.subject_id)
        events = [("INFORMED CONSENT OBTAINED", "PROTOCOL MILESTONE", p.consent_date)]
        if p.screen_fail_date:
            events.append(("SCREEN FAILURE", "DISPOSITION EVENT", p.screen_fail_date))
        if p.last_dose_date:
            events.append(((p.end_of_treatment_reason or "end of treatment").upper(),
                           "DISPOSITION EVENT", p.last_dose_date))
        if p.death_date:
            events.append(("DEATH", "DISPOSITION EVENT", p.death_date))
        for term, category, day in events:
            rows.append([study, "DS", who, term, term, category, _iso(day)])
    return columns, _numbered(rows)


def dv(db: Database, now: datetime) -> Table:
    columns = ["STUDYID", "DOMAIN", "USUBJID", "DVSEQ", "DVTERM", "DVDECOD", "DVCAT",
               "DVSTDTC"]
    rows = [[d.study, "DV", _usubjid(d.study, d.subject_id), f"{d.what}: {d.detail}",
             d.kind.upper(), d.category or "", _iso(d.day)]
            for d in deviation_log(db, None, now)]
    return columns, _numbered(rows)


def sdtm_listings(db: Database, today: date, now: datetime) -> dict[str, Table]:
    """Every domain, by its two-letter name."""
    site = _site(db)
    makers: dict[str, Callable[[], Table]] = {
        "DM": lambda: dm(site), "SV": lambda: sv(db, site), "AE": lambda: ae(db, now),
        "PC": lambda: pc(db), "RS": lambda: rs(db, today), "TR": lambda: tr(db, site),
        "DS": lambda: ds(site), "DV": lambda: dv(db, now)}
    return {name: make() for name, make in makers.items()}


def export_sdtm(db: Database, target: Path | str, today: date, now: datetime, user: str
                ) -> dict[str, int]:
    """Into one workbook (a sheet per domain) when `target` ends in .xlsx, else into the
    folder `target` (dm.csv, sv.csv, ...); each with its header block. Rows per domain."""
    from app.exchange.listing import write_workbook
    from app.services.exports import listing_header

    tables = sdtm_listings(db, today, now)
    header = listing_header(db, "SDTM-named listings for review (not a submission)",
                            "All studies", user)
    return write_workbook(Path(target), header, tables)
