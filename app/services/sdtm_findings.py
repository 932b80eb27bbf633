"""One study's events and findings in SDTM: AE (with SUPPAE), PC, TU, TR, RS, DV."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from app.rules.partial_dates import as_iso
from app.rules.sdtm_derive import short_code, treatment_name, visit_number
from app.rules.sdtm_spec import AE_QUALIFIERS, SPECS, SUPPAE, Dataset, Row, dataset, sort_key
from app.rules.sdtm_terms import (
    ae_action,
    ae_outcome,
    ae_relationship,
    response,
    scan_method,
    seriousness,
    tumour_state,
)
from app.services import calendar as cal
from app.services.adverse_events import site_aes
from app.services.deviation_log import deviation_log
from app.services.pk_samples import pk_listing
from app.services.sdtm_subjects import StudySite
from app.services.site_results import site_courses
from db import Database
from db.models import LesionMeasurement, Patient, TumourAssessment


def _code(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() else None


def ae(db: Database, site: StudySite, now: datetime) -> tuple[Dataset, Dataset]:
    """AE, and SUPPAE with each AE's treatment-emergence and DLT flags."""
    rows: list[Row] = []
    for r in site_aes(db, site.protocol, now):
        start, end = as_iso(r.onset_date, r.onset_partial), as_iso(r.end_date, r.end_partial)
        rows.append(site.dated(r.patient_id, "AE", start, end, with_end=True) | {
            "AETERM": r.verbatim, "AELLT": r.term, "AELLTCD": _code(r.meddra_code),
            "AEDECOD": r.term, "AEPTCD": _code(r.meddra_code), "AEBODSYS": r.soc,
            "AESOC": r.soc, "AESER": "Y" if r.serious else "N",
            "AEACN": ae_action(r.action), "AEREL": ae_relationship(r.relationship),
            "AEOUT": ae_outcome(r.outcome),
            "AETOXGR": str(r.worst_grade) if r.worst_grade else None,
            "_TRTEM": "Y" if r.teae else "N", "_DLT": "Y" if r.dlt else None}
            | dict(seriousness(r.serious, r.sae_criteria)))
    events = dataset(SPECS["AE"], site.code, rows)
    supp: list[Row] = []
    # the same order as `dataset` sorts AE in, so that each qualifier finds its AESEQ
    for raw, row in zip(_as_sorted(rows, events), events.rows, strict=True):
        for qnam, label in AE_QUALIFIERS.items():
            value = raw.get(f"_{qnam[2:]}")
            if value:
                supp.append({"STUDYID": site.code, "RDOMAIN": "AE", "USUBJID": row["USUBJID"],
                             "IDVAR": "AESEQ", "IDVARVAL": str(row["AESEQ"]), "QNAM": qnam,
                             "QLABEL": label, "QVAL": value,
                             "QORIG": "Derived" if qnam == "AETRTEM" else "Collected",
                             "QEVAL": None if qnam == "AETRTEM" else "INVESTIGATOR"})
    return events, dataset(SUPPAE, site.code, supp)


def _as_sorted(rows: list[Row], events: Dataset) -> list[Row]:
    """`rows` in the order `dataset` put them in (it sorts stably by the same keys)."""
    keys = [k for k in events.spec.keys if k != "AESEQ"]
    return sorted(rows, key=lambda r: [sort_key(r.get(k)) for k in keys])


def pc(db: Database, site: StudySite) -> Dataset:
    order = {t.label: i for i, t in enumerate(site.protocol.pk_timepoints, start=1)}
    drug = treatment_name(site.protocol)
    pids = {p.subject_id: p.id for p in site.patients}
    rows = []
    for r in pk_listing(db, site.protocol):
        pid = pids.get(r.subject_id)
        if pid is None:
            continue
        missing = r.actual is None
        dtc = r.actual.isoformat(timespec="minutes") if r.actual else None
        rows.append(site.dated(pid, "PC", dtc) | {
            "PCREFID": r.sample_id, "PCTESTCD": short_code(drug),
            "PCTEST": f"{drug} concentration"[:40], "PCSPEC": "PLASMA",
            "PCSTAT": "NOT DONE" if missing else None,
            "PCREASND": (r.not_collected_reason or "Not collected") if missing else None,
            "VISITNUM": visit_number(site.protocol, r.visit), "VISIT": r.visit,
            "PCTPT": r.timepoint, "PCTPTNUM": order.get(r.timepoint)})
    return dataset(SPECS["PC"], site.code, rows)


Lesion = tuple[int, date, str | None, bool, str | None, LesionMeasurement]


def _lesions(db: Database, site: StudySite) -> list[Lesion]:
    with db.reading() as session:
        return [(pid, day, visit, bool(baseline), modality, m)
                for pid, day, visit, baseline, modality, m in session.execute(select(
                    Patient.id, TumourAssessment.scan_date, TumourAssessment.visit_code,
                    TumourAssessment.baseline, TumourAssessment.modality, LesionMeasurement)
            .join(TumourAssessment, TumourAssessment.id == LesionMeasurement.assessment_id)
            .join(Patient, Patient.id == TumourAssessment.patient_id)
            .where(cal.live(LesionMeasurement), cal.live(TumourAssessment),
                   cal.live(Patient), Patient.id.in_([p.id for p in site.patients]))
            .order_by(TumourAssessment.scan_date, LesionMeasurement.lesion_id))]


def _result(m: LesionMeasurement) -> Row:
    if m.kind != "target":
        state = tumour_state(m.status or "present")
        return {"TRTESTCD": "TUMSTATE", "TRTEST": "Tumor State", "TRORRES": state,
                "TRSTRESC": state}
    if m.tenths_mm is None:
        text = "NOT EVALUABLE" if m.not_assessed or not m.too_small else "TOO SMALL TO MEASURE"
        return {"TRTESTCD": "LDIAM", "TRTEST": "Longest Diameter", "TRORRES": text,
                "TRSTRESC": text}
    mm = m.tenths_mm / 10
    return {"TRTESTCD": "LDIAM", "TRTEST": "Longest Diameter", "TRORRES": f"{mm:g}",
            "TRORRESU": "mm", "TRSTRESC": f"{mm:g}", "TRSTRESN": mm, "TRSTRESU": "mm"}


def tu_tr(db: Database, site: StudySite) -> tuple[Dataset, Dataset]:
    """TU: each lesion where it was first identified (target, non-target, or new after
    baseline); TR: each lesion's measurement or state on each scan."""
    tu: list[Row] = []
    tr: list[Row] = []
    seen: set[tuple[int, str]] = set()
    for pid, day, visit, baseline, modality, m in _lesions(db, site):
        dtc = day.isoformat()
        visitnum = visit_number(site.protocol, visit) if visit else None
        how: Row = {"METHOD": scan_method(modality), "LOBXFL": "Y" if baseline else None}
        if (pid, m.lesion_id) not in seen:
            seen.add((pid, m.lesion_id))
            kind = ("TARGET" if m.kind == "target" else "NON-TARGET") if baseline else "NEW"
            tu.append(site.dated(pid, "TU", dtc) | {
                "TULNKID": m.lesion_id, "TUTESTCD": "TUMIDENT",
                "TUTEST": "Tumor Identification", "TUORRES": kind, "TUSTRESC": kind,
                "TULOC": (m.organ or "").upper() or None, "TUEVAL": "INVESTIGATOR",
                "VISITNUM": visitnum} | {f"TU{k}": v for k, v in how.items()})
        tr.append(site.dated(pid, "TR", dtc) | {"TRLNKID": m.lesion_id,
                                                "TREVAL": "INVESTIGATOR",
                                                "VISITNUM": visitnum} | _result(m)
                  | {f"TR{k}": v for k, v in how.items()})
    return dataset(SPECS["TU"], site.code, tu), dataset(SPECS["TR"], site.code, tr)


def rs(db: Database, site: StudySite, today: date) -> Dataset:
    pids = {p.subject_id: p.id for p in site.patients}
    with db.reading() as session:
        visits = {(pid, day): code for pid, day, code in session.execute(
            select(TumourAssessment.patient_id, TumourAssessment.scan_date,
                   TumourAssessment.visit_code).where(cal.live(TumourAssessment)))}
    rows = []
    for course in site_courses(db, site.protocol, today):
        pid = pids[course.subject_id]
        for t in course.timepoints:
            visit = visits.get((pid, t.date))
            result = response(t.overall)
            rows.append(site.dated(pid, "RS", t.date.isoformat()) | {
                "RSTESTCD": "OVRLRESP", "RSTEST": "Overall Response", "RSCAT": "RECIST 1.1",
                "RSORRES": result, "RSSTRESC": result, "RSEVAL": "INVESTIGATOR",
                "VISITNUM": visit_number(site.protocol, visit) if visit else None})
    return dataset(SPECS["RS"], site.code, rows)


def dv(db: Database, site: StudySite, study_id: int, now: datetime) -> Dataset:
    rows = [site.dated(d.patient_id, "DV", d.day.isoformat()) | {
        "DVSTDTC": d.day.isoformat(), "DVSTDY": site.day(d.patient_id, d.day.isoformat()),
        "DVTERM": f"{d.what}: {d.detail}", "DVDECOD": d.kind.upper(),
        "DVCAT": d.category or None}
        for d in deviation_log(db, study_id, now) if site.patient(d.patient_id)]
    return dataset(SPECS["DV"], site.code, rows)


__all__ = ["ae", "dv", "pc", "rs", "tu_tr"]
