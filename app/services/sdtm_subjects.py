"""One study's subjects in SDTM: what every domain needs of them (read once), and the
domains of the subject itself: DM, SV, EX, DS."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.rules.dosing import HOLD, Modification
from app.rules.partial_dates import as_iso
from app.rules.protocol import Protocol
from app.rules.sdtm_derive import Dose, age_at, exposure_spans, treatment_name, visit_number
from app.rules.sdtm_spec import SPECS, Dataset, Row, dataset
from app.rules.sdtm_terms import disposition, epoch, full_date, study_day_of
from app.services import calendar as cal
from app.services.dosing import modifications_of
from db.models import Patient, SurvivalContact, VisitRecord


@dataclass
class StudySite:
    """One study at the site: its protocol, patients, visits done and first doses."""

    protocol: Protocol
    site_number: str
    country: str
    patients: list[Patient]
    visits: dict[int, list[VisitRecord]]  # done, with a date, by patient, in date order
    contacts: dict[int, list[date]]
    firsts: dict[int, date]
    levels: dict[int, list[Dose]] = field(default_factory=dict)  # dosing visits and changes
    holds: dict[int, list[tuple[date, date | None]]] = field(default_factory=dict)
    rfstdtc: dict[str, str | None] = field(default_factory=dict)  # by USUBJID

    @property
    def code(self) -> str:
        return self.protocol.code

    def usubjid(self, subject_id: str) -> str:
        return f"{self.code}-{subject_id}"

    def patient(self, pid: int) -> Patient | None:
        return next((p for p in self.patients if p.id == pid), None)

    def epoch(self, pid: int, dtc: str | None) -> str | None:
        p = self.patient(pid)
        return epoch(full_date(dtc), self.firsts.get(pid), p.last_dose_date if p else None)

    def day(self, pid: int, dtc: str | None) -> int | None:
        p = self.patient(pid)
        return study_day_of(dtc, self.rfstdtc.get(self.usubjid(p.subject_id))) if p else None

    def dated(self, pid: int, prefix: str, start: str | None, end: str | None = None,
              with_end: bool = False) -> Row:
        """EPOCH, --STDTC/--STDY (and --ENDTC/--ENDY), or --DTC/--DY when no end."""
        p = self.patient(pid)
        row: Row = {"STUDYID": self.code, "USUBJID": self.usubjid(p.subject_id if p else ""),
                    "EPOCH": self.epoch(pid, start)}
        if with_end:
            row |= {f"{prefix}STDTC": start or None, f"{prefix}STDY": self.day(pid, start),
                    f"{prefix}ENDTC": end or None, f"{prefix}ENDY": self.day(pid, end)}
        else:
            row |= {f"{prefix}DTC": start or None, f"{prefix}DY": self.day(pid, start)}
        return row


def load_site(session: Session, protocol: Protocol, study_id: int, site_number: str,
              country: str) -> StudySite:
    patients = list(session.scalars(select(Patient).where(
        cal.live(Patient), Patient.study_id == study_id).order_by(Patient.subject_id)))
    ids = [p.id for p in patients]
    visits: dict[int, list[VisitRecord]] = {}
    for v in session.scalars(select(VisitRecord).where(
            cal.live(VisitRecord), VisitRecord.patient_id.in_(ids), VisitRecord.outcome == "done",
            VisitRecord.actual_date.is_not(None)).order_by(VisitRecord.actual_date)):
        visits.setdefault(v.patient_id, []).append(v)
    contacts: dict[int, list[date]] = {}
    for pid, day in session.execute(select(SurvivalContact.patient_id,
                                           SurvivalContact.contact_date).where(
            cal.live(SurvivalContact), SurvivalContact.patient_id.in_(ids))):
        contacts.setdefault(pid, []).append(day)
    site = StudySite(protocol, site_number, country, patients, visits, contacts,
                     cal.first_doses(session, {pid: protocol for pid in ids}, ids))
    for p in patients:
        mods = modifications_of(session, p.id)
        site.levels[p.id] = _doses(protocol, p, visits.get(p.id, []), mods)
        site.holds[p.id] = [(m.start, m.end) for m in mods if m.kind == HOLD]
        site.rfstdtc[site.usubjid(p.subject_id)] = _iso(site.firsts.get(p.id))
    return site


def _enrolled(protocol: Protocol, p: Patient) -> str | None:
    cohort = next((c for c in protocol.cohorts if c.code == p.cohort), None)
    return p.dose_level or (cohort.dose_level if cohort else None)


def _doses(protocol: Protocol, p: Patient, done: list[VisitRecord],
           mods: list[Modification]) -> list[Dose]:
    daily_from = protocol.cycles.first_visit if protocol.cycles else protocol.first_dose_visit
    daily = next((v.actual_date for v in done if v.code == daily_from), None)
    out = []
    for v in done:
        if protocol.is_dosing(v.code) and v.dose_action != "held" and v.actual_date:
            single = daily is None or v.actual_date < daily
            out.append(Dose(v.actual_date, v.dose_level or _enrolled(protocol, p), single))
    for m in mods:
        if m.kind != HOLD and m.to_level and daily is not None and m.start >= daily:
            out.append(Dose(m.start, m.to_level, False))
    return out


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _last(days: Iterable[date | None]) -> date | None:
    known = [d for d in days if d is not None]
    return max(known) if known else None


def _arm(protocol: Protocol, p: Patient, treated: bool) -> Row:
    level = p.cohort or p.dose_level
    labels = {x.code: x.label for x in protocol.dose_levels} \
        | {x.code: x.label for x in protocol.cohorts}
    label = labels.get(level or "", level)
    if p.screen_fail_date:
        return {"ARMNRS": "SCREEN FAILURE"}
    if not level:
        return {"ARMNRS": "NOT ASSIGNED"}
    arm: Row = {"ARMCD": level, "ARM": label}
    return arm | ({"ACTARMCD": level, "ACTARM": label} if treated
                  else {"ARMNRS": "ASSIGNED, NOT TREATED"})


def dm(site: StudySite) -> Dataset:
    rows = []
    for p in site.patients:
        first = site.firsts.get(p.id)
        death = full_date(as_iso(p.death_date, p.death_partial)) if p.death_date else None
        seen = [p.consent_date, p.screen_fail_date, p.last_dose_date, death,
                *(v.actual_date for v in site.visits.get(p.id, [])),
                *site.contacts.get(p.id, [])]
        age = age_at(p.year_of_birth, p.consent_date)
        row: Row = {
            "STUDYID": site.code, "USUBJID": site.usubjid(p.subject_id),
            "SUBJID": p.subject_id, "RFSTDTC": _iso(first),
            "RFENDTC": _iso(_last(seen)) if first else None, "RFXSTDTC": _iso(first),
            "RFXENDTC": _iso(p.last_dose_date) if first else None,
            "RFICDTC": _iso(p.consent_date), "RFPENDTC": _iso(_last(seen)),
            "DTHDTC": as_iso(p.death_date, p.death_partial) or None,
            "DTHFL": "Y" if p.death_date else None, "SITEID": site.site_number or None,
            "BRTHDTC": str(p.year_of_birth) if p.year_of_birth else None,
            "AGE": age, "AGEU": "YEARS" if age is not None else None, "SEX": p.sex or "U",
            "COUNTRY": site.country or None}
        rows.append(row | _arm(site.protocol, p, first is not None))
    return dataset(SPECS["DM"], site.code, rows)


def sv(site: StudySite) -> Dataset:
    rows = []
    for p in site.patients:
        for v in site.visits.get(p.id, []):
            day = _iso(v.actual_date)
            rows.append(site.dated(p.id, "SV", day, day, with_end=True) | {
                "VISITNUM": visit_number(site.protocol, v.code), "VISIT": v.code,
                "SVPRESP": None if v.unscheduled else "Y",
                "SVOCCUR": None if v.unscheduled else "Y",
                "SVUPDES": (v.unscheduled_reason or "Unscheduled") if v.unscheduled
                else None})
    return dataset(SPECS["SV"], site.code, rows)


def ex(site: StudySite) -> Dataset:
    protocol = site.protocol
    doses = {d.code: d.dose_mg for d in protocol.dose_levels}
    per_day = protocol.dosing.doses_per_day if protocol.dosing else 1
    rows = []
    for p in site.patients:
        for span in exposure_spans(site.levels.get(p.id, []), p.last_dose_date,
                                   site.holds.get(p.id, [])):
            start, end = _iso(span.start), _iso(span.end)
            rows.append(site.dated(p.id, "EX", start, end, with_end=True) | {
                "EXTRT": treatment_name(protocol), "EXDOSE": doses.get(span.level or ""),
                "EXDOSU": "mg", "EXDOSFRM": "TABLET",
                "EXDOSFRQ": "ONCE" if span.single else {1: "QD", 2: "BID", 3: "TID"}.get(
                    per_day), "EXROUTE": "ORAL"})
    return dataset(SPECS["EX"], site.code, rows)


def ds(site: StudySite) -> Dataset:
    rows = []
    for p in site.patients:
        events: list[tuple[str, str, str, str | None]] = [
            ("INFORMED CONSENT OBTAINED", "INFORMED CONSENT OBTAINED", "PROTOCOL MILESTONE",
             _iso(p.consent_date))]
        if p.screen_fail_date:
            events.append(((p.screen_fail_reason or "Screen failure")[:200], "SCREEN FAILURE",
                           "DISPOSITION EVENT", _iso(p.screen_fail_date)))
        if p.last_dose_date:
            reason = p.end_of_treatment_reason or "other"
            events.append((f"End of treatment: {reason}", disposition(reason),
                           "DISPOSITION EVENT", _iso(p.last_dose_date)))
        if p.death_date:
            events.append(("DEATH", "DEATH", "DISPOSITION EVENT",
                           as_iso(p.death_date, p.death_partial)))
        for term, decod, category, day in events:
            rows.append(site.dated(p.id, "DS", day, with_end=False) | {
                "DSTERM": term, "DSDECOD": decod, "DSCAT": category, "DSSTDTC": day,
                "DSSTDY": site.day(p.id, day)})
    return dataset(SPECS["DS"], site.code, rows)


__all__ = ["StudySite", "dm", "ds", "ex", "load_site", "sv"]
