"""The AE log: record, code, grade over time; TEAE, DLT and the SAE clock derived."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, tzinfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.infra.clock import Clock
from app.rules.ae_record import check_coded, check_dlt, impute_dates
from app.rules.conmeds import history_baseline
from app.rules.ctcae import CtcaeEntry
from app.rules.dates import fmt_datetime
from app.rules.entry.adverse_events import AeForm, check_ae
from app.rules.protocol import Protocol
from app.rules.safety import (
    GradeSpell,
    SaeClock,
    close_spells,
    current_spell,
    dlt_period,
    emergence,
    sae_clock,
    worst_grade,
)
from app.rules.site_time import in_zone
from app.services import calendar as cal
from app.services.ae_rows import AeRow as AeRow
from app.services.attempts import attempt
from app.services.changes import delegated, reason_needed, set_changed, withdraw
from app.services.conflicts import check_version, merged
from app.services.conmeds import history_items
from app.services.dictionary import find_term
from app.services.errors import NotFound
from app.services.patient_rows import together
from app.services.site_time import local, typed, zone_in
from app.services.studies import patient_protocol, protocols_by_patient, study_named_in
from db import Database
from db.models import AdverseEvent, AeGrade, Patient


@dataclass(frozen=True)
class SaveResult:
    ae_id: int
    needs_death: bool  # grade 5 and no death recorded: ask for it


def _stored_form(ae: AdverseEvent, spells: Sequence[AeGrade], zone: tzinfo) -> AeForm:
    """The AE as saved now, in the dialog's shape (to tell whose changes are whose)."""
    return AeForm(
        verbatim=ae.verbatim, meddra_code=ae.meddra_code, other_specify=ae.other_specify,
        onset_date=ae.onset_date, end_date=ae.end_date, onset_partial=ae.onset_partial,
        end_partial=ae.end_partial, pre_existing=bool(ae.pre_existing),
        serious=bool(ae.serious),
        sae_criteria=tuple(ae.sae_criteria.split(",")) if ae.sae_criteria else (),
        aware_at=local(ae.aware_at, zone), reported_at=local(ae.reported_at, zone),
        relationship=ae.relationship,
        action=ae.action, outcome=ae.outcome, dlt=bool(ae.dlt),
        grades=[GradeSpell(g.grade, g.start_date, g.end_date) for g in spells])


@attempt("save an adverse event of {subject}")
@delegated("ae_assessment")
def save_ae(db: Database, protocol: Protocol, patient_id: int, form: AeForm, today: date,
            ae_id: int | None = None, reason: str | None = None, *,
            base: AeForm | None = None, version: int | None = None) -> SaveResult:
    """Log a new AE or change one (a changed saved value needs `reason`); all or nothing.

    With `base` (what the dialog read) and `version`, only what the user changed is written
    and an AE saved by someone else meanwhile is not overwritten (EditConflict).
    """
    with reason_needed(), db.unit_of_work(reason=reason) as session:
        zone = zone_in(session)
        form = _on_site_clock(form, zone)
        if base is not None:
            base = _on_site_clock(base, zone)
        ae, spells = _load_ae(session, patient_id, ae_id)
        if ae_id is not None and base is not None:
            stored = _stored_form(ae, spells, zone).__dict__
            check_version(session, ae, version, base.__dict__, stored)
            form = AeForm(**merged(base.__dict__, form.__dict__, stored))
        entry = find_term(db, form.meddra_code) if form.meddra_code else None
        check_coded(form.meddra_code, entry)
        loaded = cal.load(session, patient_id, protocol)
        protocol = loaded.protocol  # the version this patient follows
        form = impute_dates(form, today, cal.dosed_on(loaded.records, protocol),
                            loaded.patient.consent_date)
        form = replace(form, grades=close_spells(form.grades))  # a change ends the grade before
        check_ae(form, entry, today, loaded.patient.consent_date,
                 protocol.safety.ctcae_version)
        if form.dlt:
            check_dlt(protocol, loaded.patient.part, form.onset_date,
                      dlt_period_of(protocol, loaded, today))
        if ae_id is None:
            session.add(ae)
        values = _stored_values(form, entry)
        if entry is not None and ae.meddra_code == entry.meddra_code:
            # coded already: a later dictionary version does not recode it silently
            values["term"], values["soc"] = ae.term, ae.soc
        set_changed(ae, values)
        session.flush()
        if _write_grades(session, ae, spells, form.grades, reason) and ae_id is not None:
            # the AE's version covers its grades too: touching it bumps the version
            ae.updated_at = Clock.utc_now().replace(tzinfo=None)
        session.flush()
        needs_death = worst_grade(form.grades) == 5 and loaded.patient.death_date is None
        return SaveResult(ae.id, needs_death)


def _on_site_clock(form: AeForm, zone: tzinfo) -> AeForm:
    """The SAE times typed, as instants in the site's zone."""
    return replace(form, aware_at=typed(form.aware_at, zone, "aware_at"),
                   reported_at=typed(form.reported_at, zone, "reported_at"))


def _load_ae(session: Session, patient_id: int, ae_id: int | None
             ) -> tuple[AdverseEvent, list[AeGrade]]:
    """The AE to change with its grade spells (a new one when `ae_id` is None)."""
    if ae_id is None:
        return AdverseEvent(patient_id=patient_id), []
    ae = session.get(AdverseEvent, ae_id)
    if ae is None or ae.patient_id != patient_id or ae.deleted_at is not None:
        raise NotFound("ae", "no adverse event {ae_id} for this patient", ae_id=ae_id)
    spells = list(session.scalars(select(AeGrade).where(
        AeGrade.ae_id == ae_id, cal.live(AeGrade)).order_by(AeGrade.start_date)))
    return ae, spells


def dlt_period_of(protocol: Protocol, loaded: cal.Loaded, today: date
                  ) -> tuple[date, date] | None:
    """The patient's DLT period: the first dose to the protocol's end anchor (its actual
    date, else its target); None before any dose."""
    first = cal.dosed_on(loaded.records, protocol)
    if first is None:
        return None
    calendar = cal.calendar_of(loaded, protocol, today, "dlt")
    anchor = calendar.get(protocol.safety.dlt.end_anchor) if calendar else None
    return dlt_period(protocol, first, anchor.actual or anchor.target) if anchor else None


def _stored_values(form: AeForm, entry: CtcaeEntry | None) -> dict[str, object]:
    """The AE's columns from the form: what a choice made moot is stored blank."""
    return {
        "verbatim": form.verbatim.strip() or (entry.term if entry else ""),
        "meddra_code": entry.meddra_code if entry else None,
        "term": entry.term if entry else None, "soc": entry.soc if entry else None,
        "other_specify": (form.other_specify or "").strip() or None
        if entry and entry.other_specify else None,
        "onset_date": form.onset_date, "end_date": form.end_date,
        "onset_partial": form.onset_partial, "end_partial": form.end_partial,
        "pre_existing": form.pre_existing,
        "serious": form.serious,
        "sae_criteria": ",".join(form.sae_criteria) if form.serious else None,
        "aware_at": form.aware_at if form.serious else None,
        "reported_at": form.reported_at if form.serious else None,
        "relationship": form.relationship, "action": form.action,
        "outcome": form.outcome, "dlt": form.dlt,
    }


def _write_grades(session: Session, ae: AdverseEvent, spells: list[AeGrade],
                  grades: Sequence[GradeSpell], reason: str | None) -> bool:
    """Grade spells as entered: changed in place, added, or withdrawn; True if any moved."""
    changed = len(grades) != len(spells)
    for i, spell in enumerate(grades):
        if i < len(spells):
            changed |= set_changed(spells[i], {"grade": spell.grade, "start_date": spell.start,
                                               "end_date": spell.end})
        else:
            session.add(AeGrade(ae_id=ae.id, grade=spell.grade, start_date=spell.start,
                                end_date=spell.end))
    for row in spells[len(grades):]:
        withdraw(row, session.info.get("actor"), reason)
    return changed


def _rows(session: Session, study: Protocol | None, now: datetime,
          patient_id: int | None = None, with_removed: bool = False,
          follows: Protocol | None = None, patient_ids: list[int] | None = None
          ) -> list[AeRow]:
    """AE rows of one patient, or of every patient of `study` (None: of every study), each
    judged by the protocol its patient follows (`with_removed`: and those entered in error,
    for the patient's page only: never in a listing or an analysis; `follows`: the one
    patient's protocol, when the caller read it already; `patient_ids`: of those patients
    instead)."""
    stmt = (select(AdverseEvent, Patient.subject_id, Patient.part, Patient.dose_level,
                   Patient.cohort, Patient.last_dose_date)
            .join(Patient, Patient.id == AdverseEvent.patient_id)
            .where(cal.live(Patient)))
    if not with_removed:
        stmt = stmt.where(cal.live(AdverseEvent))
    if patient_id is not None:
        stmt = stmt.where(AdverseEvent.patient_id == patient_id)
    elif patient_ids is not None:
        stmt = stmt.where(AdverseEvent.patient_id.in_(patient_ids))
    elif (study_id := study_named_in(session, study)) is not None:
        stmt = stmt.where(Patient.study_id == study_id)
    events = session.execute(stmt.order_by(
        Patient.subject_id, AdverseEvent.onset_date, AdverseEvent.id)).all()
    # only the patients with an AE: their protocols and their first doses
    who = {ae.patient_id for ae, *_ in events}
    protocols = {patient_id: follows or patient_protocol(session, patient_id)} \
        if patient_id is not None \
        else protocols_by_patient(session, patient_ids=who)
    ids = [ae.id for ae, *_ in events]
    spells: dict[int, list[GradeSpell]] = {}
    if ids:
        for g in session.scalars(select(AeGrade).where(AeGrade.ae_id.in_(ids), cal.live(AeGrade))
                                 .order_by(AeGrade.start_date)):
            spells.setdefault(g.ae_id, []).append(GradeSpell(g.grade, g.start_date, g.end_date))
    firsts = cal.first_doses(session, protocols, who)
    history = history_items(session, who)
    zone = zone_in(session)
    now = in_zone(now, zone)
    out = []
    for ae, subject, part, dose_level, cohort, last_dose in events:
        protocol = protocols[ae.patient_id]
        grades = tuple(spells.get(ae.id, ()))
        first = firsts.get(ae.patient_id)
        derived = emergence(ae.onset_date, grades, first, last_dose,
                            protocol.safety.teae_days_after_last_dose,
                            history_baseline(ae.term, history.get(ae.patient_id, ()), first))
        aware = local(ae.aware_at, zone)
        clock = sae_clock(aware, local(ae.reported_at, zone), now,
                          protocol.safety.sae_report_hours) if ae.serious and aware else None
        out.append(AeRow(
            id=ae.id, patient_id=ae.patient_id, subject_id=subject, part=part,
            dose_level=dose_level, cohort=cohort,
            verbatim=ae.verbatim, meddra_code=ae.meddra_code, term=ae.term, soc=ae.soc,
            other_specify=ae.other_specify, onset_date=ae.onset_date, end_date=ae.end_date,
            worst_grade=worst_grade(grades),
            current_grade=held.grade if (held := current_spell(grades)) else None,
            emergence=derived,
            serious=ae.serious,
            sae_criteria=tuple(c for c in (ae.sae_criteria or "").split(",") if c),
            clock=clock, relationship=ae.relationship, action=ae.action, outcome=ae.outcome,
            dlt=ae.dlt, pre_existing=ae.pre_existing, grades=grades, version=ae.version,
            onset_partial=ae.onset_partial, end_partial=ae.end_partial, study=protocol.code,
            removed_reason=(ae.delete_reason or "entered in error")
            if ae.deleted_at is not None else None))
    return out


def patient_aes(db: Database, patient_id: int, now: datetime, with_removed: bool = False
                ) -> list[AeRow]:
    """One patient's AE log, oldest onset first (`with_removed`: with those entered in
    error, marked)."""
    with db.reading() as session:
        return _rows(session, None, now, patient_id, with_removed)


def patient_aes_in(session: Session, patient_id: int, now: datetime, follows: Protocol
                   ) -> list[AeRow]:
    """One patient's AE log (none entered in error), in the caller's transaction, by the
    protocol the patient follows (read already)."""
    def each(ids: list[int]) -> dict[int, list[AeRow]]:
        out: dict[int, list[AeRow]] = {}
        for row in _rows(session, None, now, patient_ids=ids):
            out.setdefault(row.patient_id, []).append(row)
        return out

    return together(session, f"ae_rows at {now.isoformat()}", patient_id, each,
                    lambda: _rows(session, None, now, patient_id, follows=follows), [])


def site_aes(db: Database, study: Protocol | None, now: datetime) -> list[AeRow]:
    """Every AE of a study's patients (None: of every study), by subject and onset."""
    with db.reading() as session:
        return _rows(session, study, now)


#: the Adverse events place's filters: (what the list says, key) and what each keeps
AE_FILTERS: dict[str | None, tuple[str, Callable[[AeRow], bool]]] = {
    None: ("All adverse events", lambda r: True),
    "open": ("Ongoing", lambda r: r.ongoing),
    "sae": ("Serious (SAEs)", lambda r: r.serious),
    "late": ("SAE reports late or overdue", lambda r: r.clock is not None and r.clock.late),
    "unreported": ("SAEs not yet reported",
                   lambda r: r.clock is not None and r.clock.reported_at is None),
    "dlt": ("DLTs", lambda r: r.dlt),
    "uncoded": ("Not coded", lambda r: not r.coded),
    "teae": ("Treatment-emergent", lambda r: r.teae),
}


def filter_aes(rows: Sequence[AeRow], key: str | None) -> list[AeRow]:
    """The AEs a filter of the Adverse events place keeps."""
    keep = AE_FILTERS[key][1]
    return [r for r in rows if keep(r)]


def open_aes(rows: Sequence[AeRow]) -> list[AeRow]:
    return [r for r in rows if r.ongoing]


def late_saes(rows: Sequence[AeRow]) -> list[AeRow]:
    """SAEs reported late, or not reported and past their clock."""
    return [r for r in rows if r.clock is not None and r.clock.late]


def clock_text(clock: SaeClock | None) -> str:
    if clock is None:
        return ""
    if clock.reported_at:
        return f"{clock.state} ({fmt_datetime(clock.reported_at)})"
    return f"{clock.state}: report by {fmt_datetime(clock.due_at)}"
