"""One study's vital signs, ECG, laboratory results, con-meds and medical history in SDTM
(VS, EG, LB, CM, MH): read from the record, put in SDTM's words by app.rules.sdtm_clinical.
A lab result counts only once accepted in review; partial dates stay partial; VISITNUM is
the protocol's (a lab sample takes the visit done on its day, if any)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from app.rules import lab_review as rv
from app.rules import lab_units
from app.rules.partial_dates import as_iso
from app.rules.protocol.labs import Analyte
from app.rules.sdtm_clinical import (
    LB_CATEGORIES,
    LB_SPECIMENS,
    LB_TESTS,
    NOT_VS,
    VS_TESTS,
    eg_test,
    frequency_term,
    number,
    range_indicator,
    route_term,
    unit_term,
)
from app.rules.sdtm_derive import visit_number
from app.rules.sdtm_spec import SPECS, Dataset, Row, dataset
from app.rules.vitals import QTC_TERM
from app.services import calendar as cal
from app.services.labs import LabRow, patient_labs
from app.services.sdtm_subjects import StudySite
from app.services.vitals import ReadingRow, readings_of
from db import Database
from db.findings import ConMed, MedicalHistory


def _last_before_exposure(rows: list[Row], prefix: str, first: date | None) -> None:
    """--LOBXFL = Y on each test's last result on or before the first dose (none when the
    patient was never dosed)."""
    if first is None:
        return
    last: dict[object, Row] = {}
    for row in sorted(rows, key=lambda r: str(r.get(f"{prefix}DTC") or "")):
        dtc = row.get(f"{prefix}DTC")
        if isinstance(dtc, str) and len(dtc) >= 10 and date.fromisoformat(dtc[:10]) <= first:
            last[row[f"{prefix}TESTCD"]] = row
    for row in last.values():
        row[f"{prefix}LOBXFL"] = "Y"


def _reading(site: StudySite, pid: int, r: ReadingRow) -> tuple[str, Row]:
    """("VS" or "EG", the row) of one reading."""
    text = number(r.value)
    dtc = r.day.isoformat() if r.day else None
    domain = "EG" if r.group == "ecg" else "VS"
    row = site.dated(pid, domain, dtc) | {
        "VISITNUM": visit_number(site.protocol, r.visit_code), "VISIT": r.visit_code}
    computed = any(m.code == r.code and m.computed for m in site.protocol.measures)
    if domain == "EG":
        code, name = eg_test(r.code)
        unit = unit_term(r.unit)
        graded = r.grade is not None
        return "EG", row | {
            "EGTESTCD": code, "EGTEST": name, "EGORRES": text, "EGORRESU": unit,
            "EGSTRESC": text, "EGSTRESN": float(r.value), "EGSTRESU": unit,
            "EGDRVFL": "Y" if computed else None,
            "EGTOX": QTC_TERM if graded and r.grade else None,
            "EGTOXGR": str(r.grade) if graded else None}
    unit = r.unit or None
    return "VS", row | {
        "VSTESTCD": r.code, "VSTEST": VS_TESTS.get(r.code, r.label), "VSORRES": text,
        "VSORRESU": unit, "VSSTRESC": text, "VSSTRESN": float(r.value), "VSSTRESU": unit,
        "VSDRVFL": "Y" if computed else None}


def vs_eg(db: Database, site: StudySite) -> tuple[Dataset, Dataset]:
    """VS and EG: each reading at its visit (ECOG aside: not a vital sign)."""
    out: dict[str, list[Row]] = {"VS": [], "EG": []}
    for p in site.patients:
        mine: dict[str, list[Row]] = {"VS": [], "EG": []}
        for r in readings_of(db, p.id):
            if r.code in NOT_VS:
                continue
            domain, row = _reading(site, p.id, r)
            mine[domain].append(row)
        for domain, rows in mine.items():
            _last_before_exposure(rows, domain, site.firsts.get(p.id))
            out[domain] += rows
    return dataset(SPECS["VS"], site.code, out["VS"]), dataset(SPECS["EG"], site.code,
                                                                out["EG"])


def _in_reported_unit(limit: str | None, r: LabRow, analyte: Analyte | None) -> str | None:
    """A reference limit (kept in the analyte's unit) in the unit the lab reported."""
    if limit is None:
        return None
    if analyte is None or r.unit == r.kept_unit:
        return limit
    quantity = lab_units.QUANTITIES[analyte.quantity]
    return number(lab_units.convert(quantity, Decimal(limit), r.kept_unit, r.unit))


def _visit_on(site: StudySite, pid: int, day: date) -> str | None:
    return next((v.code for v in site.visits.get(pid, []) if v.actual_date == day), None)


def _lab(site: StudySite, pid: int, r: LabRow, analyte: Analyte | None) -> Row:
    dtc = r.sample_date.isoformat()
    visit = _visit_on(site, pid, r.sample_date)
    kept = Decimal(r.kept) if r.kept is not None else None
    lln = Decimal(r.lln) if r.lln is not None else None
    uln = Decimal(r.uln) if r.uln is not None else None
    worst = max(r.grades, key=lambda g: g.grade, default=None)
    return site.dated(pid, "LB", dtc) | {
        "LBREFID": r.sample_id, "LBTESTCD": r.analyte,
        "LBTEST": LB_TESTS.get(r.analyte, r.name), "LBCAT": LB_CATEGORIES.get(r.panel),
        "LBORRES": r.value, "LBORRESU": unit_term(r.unit),
        "LBORNRLO": _in_reported_unit(r.lln, r, analyte),
        "LBORNRHI": _in_reported_unit(r.uln, r, analyte),
        "LBSTRESC": r.kept, "LBSTRESN": float(kept) if kept is not None else None,
        "LBSTRESU": unit_term(r.kept_unit) if kept is not None else None,
        "LBSTNRLO": float(lln) if lln is not None else None,
        "LBSTNRHI": float(uln) if uln is not None else None,
        "LBNRIND": range_indicator(kept, lln, uln) if kept is not None else None,
        "LBNAM": r.lab, "LBSPEC": LB_SPECIMENS.get(r.panel),
        "LBTOX": worst.term if worst and worst.grade else None,
        "LBTOXGR": str(worst.grade) if worst else None,
        "VISITNUM": visit_number(site.protocol, visit) if visit else None, "VISIT": visit}


def lb(db: Database, site: StudySite, today: date) -> Dataset:
    """LB: each result accepted in review (held or rejected ones count for nothing), with
    its range, its indicator and its derived CTCAE grade."""
    analytes = {a.code: a for a in site.protocol.labs}
    rows: list[Row] = []
    for p in site.patients:
        mine = [_lab(site, p.id, r, analytes.get(r.analyte))
                for r in patient_labs(db, p.id, today) if r.status == rv.ACCEPTED]
        _last_before_exposure(mine, "LB", site.firsts.get(p.id))
        rows += mine
    return dataset(SPECS["LB"], site.code, rows)


def _ongoing(prefix: str, ongoing: bool, end: str, today: date) -> Row:
    """--ENRTPT/--ENTPT: ONGOING as of the day of the export, when it was."""
    if not ongoing or end:
        return {}
    return {f"{prefix}ENRTPT": "ONGOING", f"{prefix}ENTPT": today.isoformat()}


def cm_mh(db: Database, site: StudySite, today: date) -> tuple[Dataset, Dataset]:
    """CM and MH: every con-med and history item, partial dates kept partial."""
    ids = [p.id for p in site.patients]
    with db.reading() as session:
        meds: Sequence[ConMed] = session.scalars(select(ConMed).where(
            cal.live(ConMed), ConMed.patient_id.in_(ids))).all()
        items: Sequence[MedicalHistory] = session.scalars(select(MedicalHistory).where(
            cal.live(MedicalHistory), MedicalHistory.patient_id.in_(ids))).all()
    cm = []
    for m in meds:
        start, end = as_iso(m.start_date, m.start_partial), as_iso(m.end_date, m.end_partial)
        cm.append(site.dated(m.patient_id, "CM", start, end, with_end=True) | {
            "CMTRT": m.drug, "CMINDC": m.indication or None, "CMDOSE": m.dose,
            "CMDOSU": unit_term(m.unit), "CMDOSFRQ": frequency_term(m.frequency),
            "CMROUTE": route_term(m.route)} | _ongoing("CM", m.ongoing, end, today))
    mh = []
    for h in items:
        start, end = as_iso(h.start_date, h.start_partial), as_iso(h.end_date, h.end_partial)
        mh.append(site.dated(h.patient_id, "MH", start, end, with_end=True) | {
            "MHTERM": h.term, "MHDECOD": h.term if h.meddra_code else None,
            "MHTOXGR": str(h.grade) if h.grade is not None else None}
            | _ongoing("MH", h.ongoing, end, today))
    return dataset(SPECS["CM"], site.code, cm), dataset(SPECS["MH"], site.code, mh)


__all__ = ["cm_mh", "lb", "vs_eg"]
