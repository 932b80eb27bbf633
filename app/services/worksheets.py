"""What a visit's source-document worksheet holds, and which visits a clinic day prints."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from app.infra.clock import fixed
from app.rules.lab_worksheet import LabLine, Result, lab_line, labs_to_do, panels_due
from app.rules.protocol import Protocol
from app.rules.statuses import PENDING
from app.services import calendar as cal
from app.services.adverse_events import patient_aes_in
from app.services.dosing import dosing_notes
from app.services.errors import NotFound
from app.services.patient_rows import once_in, patient_rows, reading_patients
from app.services.patients import find_patient
from app.services.site_time import zone_in
from app.services.worksheet_pk import PkLine, pk_table
from db import Database
from db.models import CalendarVisit, Patient, PkSample, SiteSetting

SITE_NAME_KEY = "site_name"


@dataclass(frozen=True)
class OpenAe:
    name: str
    grade: int | None
    onset: date
    serious: bool


@dataclass(frozen=True)
class WorksheetData:
    study: str
    protocol_number: str
    site: str
    subject_id: str
    initials: str
    part: int
    dose_level: str | None
    visit_code: str
    visit_label: str
    target: date
    earliest: date
    latest: date
    booked: date | None
    procedures: tuple[str, ...]
    vital_signs: bool
    dosing: bool
    pk: tuple[PkLine, ...]
    pk_dose_of: str | None
    open_aes: tuple[OpenAe, ...]
    #: the audit trail's head when printed (entry number and the start of its hash): the
    #: paper anchors the electronic record outside the database
    audit_head: str = ""
    #: the investigator's e-signature of the visit's recorded data, as it stands
    signature: str = ""
    #: a dosing visit's dosing as it stands: level changes, a hold, compliance per cycle
    dosing_notes: tuple[str, ...] = ()
    #: the booked clock time of the visit
    booked_time: time | None = None
    #: under the PK heading: the dose the times count from, recorded or expected
    pk_basis: str = ""
    #: the last value of each vital sign and ECG reading: "Weight 70.0 kg (C1D8 19-JAN-2026)"
    last_vitals: tuple[str, ...] = ()
    #: the con-meds ongoing, a prohibited one flagged
    conmeds: tuple[str, ...] = ()
    #: the last accepted value of each analyte, with its range and grade
    labs: tuple[LabLine, ...] = ()
    #: the labs still to do at this visit, and results held for review
    labs_to_do: tuple[str, ...] = ()


def site_name(db: Database) -> str:
    with db.reading(purpose=None) as session:  # a setting, not patient data
        return _site_name_in(session)


def _site_name_in(session: Session) -> str:
    setting = session.get(SiteSetting, SITE_NAME_KEY)
    return setting.value if setting else ""


def worksheet_data(db: Database, protocol: Protocol | None, patient_id: int, code: str,
                   today: date) -> WorksheetData:
    """Everything the worksheet of one visit prints, from the protocol the patient follows
    (its study's header, procedures and PK; `protocol`, when given, must be of that study);
    NotFound for an unknown visit. Read in one transaction, the patient loaded once."""
    with db.reading() as session:
        sheet, record = _sheet_in(session, protocol, patient_id, code, today,
                                  fixed(today).now())
    return replace(sheet, signature=_visit_signature(db, record))


def day_worksheets(db: Database, visits: list[tuple[int, str]], today: date
                   ) -> list[WorksheetData]:
    """The worksheets of a clinic day's visits ((patient, visit code), in the order given),
    each as `worksheet_data` makes it, read in one transaction with one query per table for
    all the day's patients (their visits, samples, readings, labs...), not one per visit."""
    if not visits:
        return []
    with db.reading() as session:
        now = fixed(today).now()  # one moment for the day's AE logs, read at once
        with reading_patients(session, {pid for pid, _code in visits}):
            made = [_sheet_in(session, None, pid, code, today, now) for pid, code in visits]
    signed = _signatures(db, [record for _sheet, record in made if record is not None])
    return [replace(sheet, signature=signed.get(record, "") if record is not None else "")
            for sheet, record in made]


def _sheet_in(session: Session, protocol: Protocol | None, patient_id: int, code: str,
              today: date, now: datetime) -> tuple[WorksheetData, int | None]:
    """The worksheet read in `session` (its signature left to the caller), and the id of
    the visit's record, if recorded."""
    loaded = cal.load(session, patient_id, protocol)
    protocol = loaded.protocol  # the version this patient follows
    p = loaded.patient
    zone = zone_in(session)
    row = next((v for v in cal.calendar_rows(session, patient_id) if v.code == code), None)
    if row is None:
        raise NotFound("visit", "{subject_id} has no visit {code} in the calendar",
                                    subject_id=p.subject_id, code=code)
    records = {r.code: r for r in loaded.records}
    subject, initials, part, level = p.subject_id, p.initials, p.part, p.dose_level
    visit = (row.code, row.label, row.target, row.earliest, row.latest, row.booked_date)
    booked_time = row.booked_time
    done = records[code].actual_date if code in records else None
    day_of_visit = done or row.booked_date or row.target
    samples = {s.timepoint: s for s in patient_rows(
        session, "pk_sample", patient_id, lambda ids: select(PkSample).where(
            PkSample.patient_id.in_(ids), cal.live(PkSample)).order_by(PkSample.id))
        if s.visit_code == code}
    notes: tuple[str, ...] = ()
    if protocol.is_dosing(code) and protocol.dosing is not None:
        day = done or max(row.booked_date or row.target, today)  # not before today
        level, notes = dosing_notes(session, protocol, p, day)
    lines, dose_of, basis = pk_table(protocol, subject, code, records, samples, zone,
                                     day_of_visit)
    aes = patient_aes_in(session, patient_id, now, protocol)
    last, meds = findings_lines(session, loaded)
    labs, labs_to_do = lab_lines(session, loaded, protocol.procedures_of(code), done, today)
    site = once_in(session, "site_name", lambda: _site_name_in(session))
    head = once_in(session, "audit_head", lambda: audit_head(session))
    open_aes = tuple(OpenAe(a.name, a.current_grade, a.onset_date, a.serious)
                     for a in aes if a.ongoing)
    record = records.get(code)
    return WorksheetData(
        study=protocol.code, protocol_number=protocol.protocol_number, site=site,
        subject_id=subject, initials=initials, part=part,
        dose_level=protocol.dose_text(level) or None,
        visit_code=visit[0], visit_label=visit[1], target=visit[2], earliest=visit[3],
        latest=visit[4], booked=visit[5], procedures=protocol.procedures_of(code),
        vital_signs=protocol.has_vital_signs(code),
        dosing=protocol.is_dosing(code), pk=lines, pk_dose_of=dose_of,
        open_aes=open_aes, audit_head=head, dosing_notes=notes,
        booked_time=booked_time, pk_basis=basis, last_vitals=last, conmeds=meds,
        labs=labs, labs_to_do=labs_to_do), getattr(record, "id", None)


def lab_lines(session: Session, loaded: cal.Loaded, procedures: tuple[str, ...],
              done: date | None, today: date
              ) -> tuple[tuple[LabLine, ...], tuple[str, ...]]:
    """What the worksheet prints of the labs: the last accepted value of each analyte, and
    what is still to do at the visit (`done`: its date once done), the patient loaded in
    `session`."""
    from app.services.labs import latest_by_analyte, rows_of

    protocol = loaded.protocol
    if not protocol.labs:
        return (), ()
    rows = rows_of(session, loaded.patient.id, today, loaded)
    lines = []
    for r in latest_by_analyte(rows):
        worst = max(r.grades, key=lambda g: g.grade, default=None)
        kept = r.kept is not None
        lines.append(lab_line(r.name, r.kept if kept else r.value,
                              r.kept_unit if kept else r.unit, r.lln, r.uln, r.grade,
                              worst.term if worst else None, r.sample_date))
    due = panels_due(procedures, sorted({a.panel for a in protocol.labs}))
    results = [Result(r.panel, r.sample_date, r.status) for r in rows]
    return tuple(lines), labs_to_do(due, done, results)


def findings_lines(session: Session, loaded: cal.Loaded
                   ) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What the worksheet prints of the readings (the last of each) and the con-meds
    (the ongoing ones, a prohibited drug flagged), the patient loaded in `session`."""
    from app.rules.dates import fmt_date
    from app.services.conmeds import conmeds_in
    from app.services.vitals import last_readings, readings_in

    last = tuple(f"{r.label} {r.text} ({r.visit_code} {fmt_date(r.day) if r.day else ''})"
                 .replace(" )", ")") + (f", grade {r.grade}" if r.grade else "")
                 for r in last_readings(readings_in(session, loaded)))
    meds = tuple(" ".join(x for x in (c.drug, c.dose_text, c.route or "", c.frequency or "")
                          if x) + f" since {c.start} for {c.indication}"
                 + (f": {c.prohibited.upper()}" if c.prohibited else "")
                 for c in conmeds_in(session, loaded.patient.id, loaded.protocol)
                 if c.ongoing)
    return last, meds


def _visit_signature(db: Database, record: int | None) -> str:
    return _signatures(db, [record]).get(record, "") if record is not None else ""


def _signatures(db: Database, records: list[int]) -> dict[int, str]:
    """What each visit record's e-signature prints ("E-signed: ..."), the signed ones'."""
    from app.services.signatures import signatures_of

    return {rid: f"E-signed: {found.text}"
            for rid, found in signatures_of(db, "visit", records).items()}


def audit_head(session: Session) -> str:
    """'entry 1234 · 3f9a0c2b71d4': the head of the trail, as printed on paper."""
    from db.models import AuditHead

    head = session.execute(select(AuditHead.seq, AuditHead.hash)).first()
    return f"entry {head.seq} · {head.hash[:12]}" if head else ""




def visit_by_subject(db: Database, subject: str, code: str, study: str | None = None
                     ) -> tuple[int, str]:
    pid = find_patient(db, subject, study)
    if pid is None:
        raise NotFound("subject", "no patient with subject ID {subject}",
                                      subject=subject)
    return pid, code.strip().upper()


def clinic_day(db: Database, day: date) -> list[tuple[int, str]]:
    """(patient, visit) printed for a clinic day, every study mixed in booking order (by
    booked time, then subject): the visits booked on that date, or where nothing is booked
    that day, the pending visits whose target it is."""
    base = (select(Patient.id, CalendarVisit.code, Patient.subject_id, CalendarVisit.target,
                   CalendarVisit.booked_time)
            .join(Patient, and_(Patient.id == CalendarVisit.patient_id, cal.live(Patient)))
            .where(CalendarVisit.state.in_((PENDING, "done", "done_out_of_window"))))
    booked = db.rows(base.where(CalendarVisit.booked_date == day))
    rows = booked or db.rows(base.where(CalendarVisit.target == day,
                                        CalendarVisit.state == PENDING))
    # an unbooked visit's worksheet only where that patient has nothing booked that day
    rows = sorted(rows, key=lambda r: (r[4] or time.max, r[2], r[3], r[1]))
    return [(pid, code) for pid, code, _s, _t, _b in rows]


