"""What the ODM export (app.services.odm_export) says of a patient's readings, labs,
con-meds and history (issue 36): vital signs and ECG in the visit they were taken at, the
lab results accepted in review (with the grade derived from each), every con-med and
history item; each value with its last change from the audit trail."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, Protocol

from sqlalchemy import select

from app.exchange import odm
from app.rules import lab_review as rv
from app.rules.partial_dates import as_iso
from app.rules.protocol import Protocol as StudyProtocol
from app.services import calendar as cal
from app.services.labs import rows_of
from db.findings import ConMed, MedicalHistory, VitalSign

#: which stored field each ODM item shows (its AuditRecord is that field's last change);
#: a reading's value and unit are one field whether it is a vital sign or an ECG interval
FIELDS: dict[str, dict[str, str]] = {
    "vital_sign": {"value": "ORRES", "unit": "ORRESU"},
    "lab_result": {"value": "LBORRES", "unit": "LBORRESU", "sample_date": "LBDTC",
                   "analyte": "LBTESTCD", "sample_id": "LBREFID", "lab": "LBNAM"},
    "con_med": {"drug": "CMTRT", "dose": "CMDOSE", "unit": "CMDOSU", "route": "CMROUTE",
                "frequency": "CMDOSFRQ", "indication": "CMINDC", "start_date": "CMSTDTC",
                "start_partial": "CMSTDTC", "end_date": "CMENDTC", "end_partial": "CMENDTC",
                "ongoing": "CMONGO"},
    "medical_history": {"term": "MHTERM", "meddra_code": "MHLLTCD", "grade": "MHTOXGR",
                        "start_date": "MHSTDTC", "start_partial": "MHSTDTC",
                        "end_date": "MHENDTC", "end_partial": "MHENDTC", "ongoing": "MHONGO"},
}
Audits = Mapping[tuple[str, str, str], odm.Audit]


class Gathered(Protocol):
    """A patient's events as odm_export gathers them."""

    def add(self, event: tuple[str, str | None], group: odm.Group) -> None: ...


def _items(table: str, record_id: int, values: dict[str, object], audits: Audits,
           field: Callable[[str], str] = lambda name: name) -> tuple[odm.Item, ...]:
    rid = str(record_id)
    return tuple(odm.Item(name, value, audits.get((table, rid, field(name))))
                 for name, value in values.items())


def readings(session: Any, protocol: StudyProtocol, ids: list[int],
             subjects: Mapping[int, Gathered], audits: Audits) -> None:
    """Each vital sign (VS) and ECG interval (EG) in its visit's event, one group a
    measure."""
    ecg = {m.code for m in protocol.measures if m.group == "ecg"}
    for r in session.scalars(select(VitalSign).where(
            VitalSign.patient_id.in_(ids), cal.live(VitalSign))
            .order_by(VitalSign.patient_id, VitalSign.visit_code, VitalSign.id)):
        form = "EG" if r.test in ecg else "VS"
        subjects[r.patient_id].add(odm.event_of(protocol, r.visit_code), odm.Group(
            form, _items("vital_sign", r.id, {
                f"{form}TESTCD": r.test, f"{form}ORRES": r.value,
                f"{form}ORRESU": r.unit or None}, audits, lambda name: name[2:]),
            repeat_key=r.test))


def labs(session: Any, ids: list[int], subjects: Mapping[int, Gathered], audits: Audits,
         today: date) -> None:
    """The results accepted in review (held or rejected ones count for nothing)."""
    for pid in ids:
        for r in rows_of(session, pid, today):
            if r.status != rv.ACCEPTED:
                continue
            worst = max(r.grades, key=lambda g: g.grade, default=None)
            subjects[pid].add(("SE.LB", None), odm.Group("LB", _items("lab_result", r.id, {
                "LBTESTCD": r.analyte, "LBDTC": r.sample_date, "LBREFID": r.sample_id,
                "LBNAM": r.lab, "LBORRES": r.value, "LBORRESU": r.unit,
                "LBSTRESN": r.kept, "LBSTRESU": r.kept_unit if r.kept else None,
                "LBSTNRLO": r.lln, "LBSTNRHI": r.uln,
                "LBTOX": worst.term if worst and worst.grade else None,
                "LBTOXGR": worst.grade if worst else None}, audits), repeat_key=str(r.id)))


def conmeds_and_history(session: Any, ids: list[int], subjects: Mapping[int, Gathered],
                        audits: Audits) -> None:
    for m in session.scalars(select(ConMed).where(
            ConMed.patient_id.in_(ids), cal.live(ConMed)).order_by(ConMed.id)):
        subjects[m.patient_id].add(("SE.CM", None), odm.Group("CM", _items("con_med", m.id, {
            "CMTRT": m.drug, "CMDOSE": m.dose, "CMDOSU": m.unit, "CMROUTE": m.route,
            "CMDOSFRQ": m.frequency, "CMINDC": m.indication,
            "CMSTDTC": as_iso(m.start_date, m.start_partial),
            "CMENDTC": as_iso(m.end_date, m.end_partial), "CMONGO": bool(m.ongoing)},
            audits), repeat_key=str(m.id)))
    for h in session.scalars(select(MedicalHistory).where(
            MedicalHistory.patient_id.in_(ids), cal.live(MedicalHistory))
            .order_by(MedicalHistory.id)):
        subjects[h.patient_id].add(("SE.MH", None), odm.Group("MH", _items(
            "medical_history", h.id, {
                "MHTERM": h.term, "MHLLTCD": h.meddra_code, "MHTOXGR": h.grade,
                "MHSTDTC": as_iso(h.start_date, h.start_partial),
                "MHENDTC": as_iso(h.end_date, h.end_partial), "MHONGO": bool(h.ongoing)},
            audits), repeat_key=str(h.id)))


__all__ = ["FIELDS", "conmeds_and_history", "labs", "readings"]
