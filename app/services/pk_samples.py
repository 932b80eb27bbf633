"""PK on a visit: the dose time, each tube drawn or not, and the listing across patients."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, tzinfo
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.rules import pk
from app.rules.entry.pk import SampleEntry, check_dose_time, check_samples
from app.rules.pk_tubes import check_dependent_tubes
from app.rules.protocol import Protocol
from app.rules.refusals import on_field
from app.rules.site_time import elapsed
from app.services import calendar as cal
from app.services.changes import delegated, reason_needed, set_changed
from app.services.conflicts import local_time
from app.services.errors import EditConflict, NotFound
from app.services.site_time import local, typed, zone_in
from app.services.studies import protocols_by_patient, study_named_in
from db import Database
from db.models import AuditEntry, Patient, PkSample, VisitRecord

LATEST = datetime.max.replace(tzinfo=UTC)  # sorts a tube with no nominal time last


@dataclass(frozen=True, kw_only=True)
class TubeView:
    timepoint: str
    label: str
    pre_dose: bool
    sample_id: str
    nominal: datetime | None
    earliest: datetime | None
    latest: datetime | None
    collected_at: datetime | None
    not_collected_reason: str | None
    deviation_min: float | None
    within: bool | None

    @property
    def flag(self) -> pk.SampleFlag:
        return pk.sample_flag(self.collected_at is not None, bool(self.not_collected_reason),
                              self.within)


@dataclass(frozen=True)
class PkValues:
    """A visit's dose time and tubes, as shown or as stored: (collected, why not) by tube."""

    dose_at: datetime | None
    tubes: dict[str, tuple[datetime | None, str | None]]

    def differences(self, other: PkValues) -> list[str]:
        """The fields (dose_at, sample:TP) whose values differ."""
        out = ["dose_at"] if self.dose_at != other.dose_at else []
        return out + [f"sample:{tp}" for tp in sorted(set(self.tubes) | set(other.tubes))
                      if self.tubes.get(tp, (None, None)) != other.tubes.get(tp, (None, None))]


def _panel_version(record: VisitRecord | None, samples: dict[str, PkSample]) -> str:
    parts = [f"v{record.version if record else 0}"]
    parts += [f"{tp}{s.version}" for tp, s in sorted(samples.items())]
    return ".".join(parts)


@dataclass(frozen=True)
class PkPanel:
    patient_id: int
    subject_id: str
    visit_code: str
    dose_of: str
    dose_at: datetime | None  # the dose the tubes count from
    visit_date: date | None
    note: str | None
    tubes: list[TubeView] = field(default_factory=list)
    #: the versions of the visit record and its tubes when read: a save from an older
    #: panel is refused (app/services/conflicts.py)
    version: str = ""
    #: the visit's recorded clock time: what the dialog offers as the dose time
    visit_time: time | None = None

    def as_read(self) -> PkValues:
        """What the panel showed when it opened: a save writes only what differs from it."""
        return PkValues(self.dose_at if self.own_dose else None, {
            t.timepoint: (t.collected_at, t.not_collected_reason) for t in self.tubes})

    @property
    def own_dose(self) -> bool:
        """Whether the dose time is this visit's own (else it is another visit's, read-only)."""
        return self.dose_of == self.visit_code


def _tube(slot: pk.SampleSlot, dose_at: datetime | None, sid: str,
          collected: datetime | None, not_collected: str | None) -> TubeView:
    due = pk.times_for(slot, dose_at) if dose_at else None
    deviation = within = None
    if due and collected:
        try:
            result = pk.check(due, collected, dose_at)
            deviation, within = result.deviation_min, result.within
        except pk.PkError:
            deviation, within = elapsed(due.nominal, collected).total_seconds() / 60, False
    return TubeView(timepoint=slot.id, label=slot.label, pre_dose=slot.timepoint.pre_dose,
                    sample_id=sid, nominal=due.nominal if due else None,
                    earliest=due.earliest if due else None, latest=due.latest if due else None,
                    collected_at=collected, not_collected_reason=not_collected,
                    deviation_min=deviation, within=within)


def _note(protocol: Protocol, code: str) -> str | None:
    definition = pk.pk_visit(protocol, code)
    return definition.note if definition else None


def pk_panel(db: Database, protocol: Protocol, patient_id: int, code: str) -> PkPanel:
    with on_field("visit", pk.PkError):
        tube_slots = pk.slots(protocol, code)
    with db.reading() as session:
        loaded = cal.load(session, patient_id, protocol)
        protocol = loaded.protocol  # the version this patient follows
        records = {r.code: r for r in loaded.records}
        samples = {s.timepoint: s for s in session.scalars(select(PkSample).where(
            PkSample.patient_id == patient_id, PkSample.visit_code == code,
            cal.live(PkSample)))}
        subject = loaded.patient.subject_id
        zone = zone_in(session)
    dose_of = tube_slots[0].dose_of
    dose_rec = records.get(dose_of)
    dose_at = local(dose_rec.dose_at, zone) if dose_rec else None
    visit = records.get(code)
    tubes = []
    for s in tube_slots:
        sample = samples.get(s.id)
        tubes.append(_tube(s, dose_at, pk.sample_id(protocol.code, subject, code, s.id),
                           local(sample.collected_at, zone) if sample else None,
                           sample.not_collected_reason if sample else None))
    return PkPanel(patient_id, subject, code, dose_of, dose_at,
                   visit.actual_date if visit else None, _note(protocol, code),
                   tubes, _panel_version(visit, samples),
                   visit.actual_time if visit else None)


@delegated("pk_sampling")
def save_pk(db: Database, protocol: Protocol, patient_id: int, code: str,
            dose_at: datetime | None, entries: list[SampleEntry], today: date,
            reason: str | None = None, *, base: PkValues | None = None,
            version: str | None = None) -> None:
    """Save the dose time and the tubes of one visit, all or nothing.

    Every tube that counts from this dose is checked again, so a corrected dose time that
    would put a post-dose sample before the dose is refused. With `base` and `version`
    (what the panel read) only what the user changed is written, and a panel saved by
    someone else meanwhile is not overwritten (EditConflict).
    """
    with on_field("visit", pk.PkError):
        tube_slots = {s.id: s for s in pk.slots(protocol, code)}
    check_samples(entries, tube_slots, code, today)
    check_dose_time(dose_at, today)
    dose_of = next(iter(tube_slots.values())).dose_of
    with reason_needed(), db.unit_of_work(reason=reason) as session:
        zone = zone_in(session)
        dose_at, entries = _on_site_clock(dose_at, entries, zone)
        loaded = cal.load(session, patient_id, protocol)
        protocol = loaded.protocol  # the version this patient follows
        calendar = cal.calendar_of(loaded, protocol, today)
        if calendar is None or calendar.get(code) is None:
            raise NotFound("visit", "{code} is not in this patient's calendar",
                                        code=code)
        existing = {(s.visit_code, s.timepoint): s for s in session.scalars(
            select(PkSample).where(PkSample.patient_id == patient_id, cal.live(PkSample)))}
        if base is not None:
            dose_at, entries = _merge_panel(session, loaded, code, dose_of, dose_at, entries,
                                            existing, base, version)
        reference = _dose_reference(session, loaded, patient_id, code, dose_of, dose_at)
        _apply_samples(session, protocol, loaded.patient.subject_id, patient_id, code,
                       entries, existing)
        check_dependent_tubes(protocol, [(v, tp, local(s.collected_at, zone))
                                         for (v, tp), s in existing.items()],
                              code, dose_of, local(reference, zone))
        if _complete_visit(session, loaded, patient_id, code, dose_of, dose_at, entries, zone):
            cal.rebuild(session, patient_id, today)


def _complete_visit(session: Session, loaded: cal.Loaded, patient_id: int, code: str,
                    dose_of: str, dose_at: datetime | None, entries: list[SampleEntry],
                    zone: tzinfo) -> bool:
    """One entry, one record: a visit not yet recorded done is done when its dose (its own
    dose time) or its first tube (LI24, C1D2: tubes of an earlier dose) was recorded, on
    that day and at that time on the site's clock. True when the visit was completed."""
    record = next((r for r in loaded.records if r.code == code), None)
    if record is not None and record.outcome is not None:
        return False
    drawn = sorted(e.collected_at for e in entries if e.collected_at)
    when = dose_at if dose_of == code and dose_at else (drawn[0] if drawn else None)
    if when is None:
        return False
    if record is None:
        record = VisitRecord(patient_id=patient_id, code=code, unscheduled=False)
        session.add(record)
        loaded.records.append(record)
    at = local(when, zone)
    assert at is not None
    set_changed(record, {"outcome": "done", "actual_date": at.date(),
                         "actual_time": at.time().replace(second=0, microsecond=0)})
    return True


def _merge_panel(session: Session, loaded: cal.Loaded, code: str, dose_of: str,
                 dose_at: datetime | None, entries: list[SampleEntry],
                 existing: dict[tuple[str, str], PkSample], base: PkValues,
                 version: str | None) -> tuple[datetime | None, list[SampleEntry]]:
    """The user's changes over what is stored; refused if others changed it meanwhile."""
    record = next((r for r in loaded.records if r.code == code), None)
    mine = {tp: s for (vc, tp), s in existing.items() if vc == code}
    stored = PkValues(record.dose_at if record and dose_of == code else None,
                      {tp: (s.collected_at, s.not_collected_reason) for tp, s in mine.items()})
    theirs = stored.differences(base)
    current = _panel_version(record, mine)
    if version is not None and current != version and theirs:
        who = _who_changed(session, record, mine, theirs)
        raise EditConflict(
            "Saved by someone else while you were editing: {who}. Nothing was saved; your "
            "entries are still here: check them, then save again to apply your changes on "
            "top.", field=theirs[0], current_version=current, who=who)
    typed = PkValues(dose_at, {e.timepoint: (e.collected_at, e.not_collected_reason)
                               for e in entries})
    changed = set(typed.differences(base))
    new_dose = dose_at if "dose_at" in changed else stored.dose_at
    merged_entries = [e if f"sample:{e.timepoint}" in changed else SampleEntry(
        e.timepoint, *stored.tubes.get(e.timepoint, (None, None))) for e in entries]
    return (new_dose if dose_of == code else dose_at), merged_entries


def _who_changed(session: Session, record: VisitRecord | None, samples: dict[str, PkSample],
                 fields: list[str]) -> str:
    """'nurse_b at 25-NOV-2026 14:03 (C1D1 dose time, 2 h sample)' from the audit trail."""
    rows: list[tuple[str, str]] = []
    if record is not None and "dose_at" in fields:
        rows.append(("visit_record", str(record.id)))
    rows += [("pk_sample", str(s.id)) for tp, s in samples.items() if f"sample:{tp}" in fields]
    if not rows:
        return "someone else changed the panel"
    entry = session.execute(
        select(AuditEntry.actor, AuditEntry.at)
        .where(or_(*[(AuditEntry.table_name == t) & (AuditEntry.record_id == r)
                     for t, r in rows]))
        .order_by(AuditEntry.seq.desc()).limit(1)).first()
    what = ", ".join("the dose time" if f == "dose_at" else f"the {f[7:]} sample"
                     for f in fields)
    if entry is None:
        return f"someone else changed {what}"
    return f"{entry.actor} changed {what} at {local_time(entry.at)}"


def _on_site_clock(dose_at: datetime | None, entries: list[SampleEntry], zone: tzinfo
                   ) -> tuple[datetime | None, list[SampleEntry]]:
    """The dose and tube times typed, as instants in the site's zone."""
    return typed(dose_at, zone, "dose_at"), [
        replace(e, collected_at=typed(e.collected_at, zone, f"sample:{e.timepoint}"))
        for e in entries]


def _dose_reference(session: Session, loaded: cal.Loaded, patient_id: int, code: str,
                    dose_of: str, dose_at: datetime | None) -> datetime | None:
    """The dose the tubes count from: this visit's (stored now) or an earlier visit's."""
    records = {r.code: r for r in loaded.records}
    if dose_of != code:
        rec = records.get(dose_of)
        return rec.dose_at if rec else None
    record = records.get(code)
    if record is None:
        record = VisitRecord(patient_id=patient_id, code=code, unscheduled=False)
        session.add(record)
        loaded.records.append(record)
    set_changed(record, {"dose_at": dose_at})
    return dose_at


def _apply_samples(session: Session, protocol: Protocol, subject: str, patient_id: int, code: str,
                   entries: list[SampleEntry], existing: dict[tuple[str, str], PkSample]
                   ) -> None:
    for e in entries:
        sample = existing.get((code, e.timepoint))
        reason_text = (e.not_collected_reason or "").strip() or None
        if sample is None and not e.collected_at and not reason_text:
            continue  # a blank tube stays blank
        if sample is None:
            sample = PkSample(patient_id=patient_id, visit_code=code, timepoint=e.timepoint,
                              sample_id=pk.sample_id(protocol.code, subject, code, e.timepoint))
            session.add(sample)
            existing[(code, e.timepoint)] = sample
        set_changed(sample, {"collected_at": e.collected_at,
                             "not_collected_reason": reason_text})


@dataclass(frozen=True)
class PkListingRow:
    subject_id: str
    visit: str
    timepoint: str
    sample_id: str
    nominal: datetime | None
    actual: datetime | None
    deviation_min: float | None
    flag: pk.SampleFlag
    study: str = ""
    patient_id: int = 0  # to open the visit's PK samples from the listing
    not_collected_reason: str | None = None


def pk_listing(db: Database, study: Protocol | None) -> list[PkListingRow]:
    """Every PK sample recorded for one study's patients (None: every study's), by subject,
    visit and timepoint order, each judged by the protocol its patient follows."""
    with db.reading() as session:
        protocols = protocols_by_patient(session, study_named_in(session, study))
        samples = session.execute(
            select(Patient.subject_id, PkSample.patient_id, PkSample.visit_code,
                   PkSample.timepoint, PkSample.sample_id, PkSample.collected_at,
                   PkSample.not_collected_reason)
            .join(Patient, Patient.id == PkSample.patient_id)
            .where(cal.live(PkSample), cal.live(Patient))).all()
        doses = {(pid, code): at for pid, code, at in session.execute(
            select(VisitRecord.patient_id, VisitRecord.code, VisitRecord.dose_at)
            .where(VisitRecord.dose_at.is_not(None)))}
        zone = zone_in(session)
    rows = []
    for subject, pid, code, tp, sid, collected, not_collected in samples:
        protocol = protocols.get(pid)
        if protocol is None:
            continue
        order = {t.id: i for i, t in enumerate(protocol.pk_timepoints)}
        try:
            slot = next(s for s in pk.slots(protocol, code) if s.id == tp)
        except (pk.PkError, StopIteration):
            continue
        collected = local(collected, zone)
        tube = _tube(slot, local(doses.get((pid, slot.dose_of)), zone), sid, collected,
                     not_collected)
        rows.append((subject, tube.nominal or LATEST, order.get(tp, 99), PkListingRow(
            subject, code, slot.label, sid, tube.nominal, collected, tube.deviation_min,
            tube.flag, protocol.code, pid, not_collected)))
    rows.sort(key=lambda r: r[:3])
    return [r[3] for r in rows]


PK_COLUMNS = ["Study", "Subject", "Visit", "Timepoint", "Sample ID", "Nominal", "Actual",
              "Deviation (min)", "Flag", "Not collected: why"]


def export_pk_listing(db: Database, rows: list[PkListingRow], path: Path | str, study: str,
                      user: str) -> int:
    """CSV or XLSX (by the file's ending) through the one listing writer: the header block,
    ISO 8601 times with their offset, formula-safe cells; returns rows written."""
    from app.services.exports import export_listing

    def iso(value: datetime | None) -> str:
        return value.isoformat(timespec="minutes") if value is not None else ""

    cells = [[r.study, r.subject_id, r.visit, r.timepoint, r.sample_id, iso(r.nominal),
              iso(r.actual), _minutes(r.deviation_min),
              str(r.flag), r.not_collected_reason or ""] for r in rows]
    return export_listing(db, path, "PK samples", study, user, PK_COLUMNS, cells)


def _minutes(deviation: float | None) -> int | float | None:
    """A deviation as a number a spreadsheet sums (-24, not the text '-24); whole minutes as
    whole numbers."""
    if deviation is None:
        return None
    return int(deviation) if float(deviation).is_integer() else deviation
