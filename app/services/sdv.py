"""Source-data verification: what the monitor verified of each visit, AE, scan and PK panel,
whether it changed since, and what the sponsor's plan asks (app/rules/sdv.py decides).

A mark keeps the values it verified, read the way e-signatures read a record
(app/services/signed_content.py), with their SHA-256; a later edit shows as field: old ->
new. Only a monitor verifies (the `verify` action): anyone else is refused by the guard, and
the refusal is in the access log.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import NotFound, Phrase
from app.rules.sdv import (
    SdvPlan,
    SdvState,
    TargetSdv,
    check_plan,
    fields_to_verify,
    parse_target,
    required,
)
from app.rules.site_time import utc
from app.services import calendar as cal
from app.services import sdv_records as records
from app.services.attempts import attempt
from app.services.patient_scope import PatientScope
from app.services.sdv_records import flatten
from app.services.signed_content import Content, digest
from app.services.studies import study_protocol, study_protocols
from db import Database
from db.models import (
    AdverseEvent,
    PkSample,
    SiteSetting,
    TumourAssessment,
    VisitRecord,
)
from db.monitoring import SdvMark
from db.studies import Study

PLAN_KEY = "sdv_plan:{study_id}"
VERIFIED = "source data verified"


@dataclass(frozen=True)
class SdvRow:
    """One target of one patient, as the Monitoring place and `sdv list` show it."""

    key: str  # "visit:45", "pk:12:C1D1": what `verify` takes
    patient_id: int
    subject_id: str
    study: str
    kind: str
    target: str  # as typed on the command line: C1D1, AE:12, SCAN:3, PK:C1D1
    what: Phrase
    when: date | None
    sdv: TargetSdv
    verified_by: str | None
    verified_at: datetime | None
    required: Phrase | None  # why the plan asks for it (None: it does not)

    @property
    def state(self) -> SdvState:
        return self.sdv.state

    def as_json(self) -> dict[str, Any]:
        return {"subject": self.subject_id, "study": self.study, "target": self.target,
                "kind": self.kind, "what": str(self.what),
                "date": self.when.isoformat() if self.when else None,
                "state": self.state.value,
                "changes": [{"field": c.field, "old": c.old, "new": c.new}
                            for c in self.sdv.changes],
                "verified_by": self.verified_by,
                "verified_at": utc(self.verified_at).isoformat() if self.verified_at else None,
                "required_by_plan": self.required}


def _target_text(kind: str, ref: str) -> str:
    return ref if kind == "visit" else f"{kind.upper()}:{ref}"


def sdv_rows(db: Database, study_id: int | None = None,
             patient_id: int | None = None) -> list[SdvRow]:
    """Every target of every patient (of one study, or one patient), by subject then date,
    with its state, what changed since it was verified, and whether the plan asks for it.
    Only a marked target's content is read: one never verified is "not verified" whatever
    it holds."""
    # the protocol of the study listed only (a shared server's 200 studies: 1.6 s to read)
    protocols = {study_id: study_protocol(db, study_id)} if study_id is not None else \
        study_protocols(db)
    scope = PatientScope(study_id, patient_id)
    with db.reading() as session:
        patients = scope.patients(session)
        codes: dict[int, str] = {i: c for i, c in session.execute(select(Study.id, Study.code))}
        plans = {sid: _plan(session, sid) for sid in {sid for _s, sid in patients.values()}}
        targets = records.targets(session, scope, patients, protocols)
        marks = records.marks(session, scope)
        found = records.stored_targets(session, [t for t in targets
                                                 if (t.patient_id, t.kind, t.ref) in marks])
        states = records.states(session, targets, marks, found)
    rows = []
    for t in targets:
        subject, sid = patients[t.patient_id]
        mine = marks.get((t.patient_id, t.kind, t.ref), [])
        state = states.get(t.key, records.NEVER_MARKED)
        last = mine[-1] if mine else None
        why = required(plans[sid], t.cycle, t.serious,
                       f"{codes[sid]}:{subject}:{t.kind}:{t.ref}")
        rows.append(SdvRow(t.key, t.patient_id, subject, codes[sid], t.kind,
                           _target_text(t.kind, t.ref), t.what, t.when, state,
                           last.verified_by if last else None,
                           last.verified_at if last else None, why))
    rows.sort(key=lambda r: (r.study, r.subject_id, r.when or date.max, r.kind, r.target))
    return rows


def target_fields(db: Database, key: str) -> tuple[str, ...]:
    """The fields of a target (a key of `sdv_rows`) that hold a value: what may be verified
    one by one."""
    with db.reading() as session:
        target = _target(session, key)
        record = records.stored_targets(session, [target])[key]
        values = flatten(target.kind, record.content())
    return tuple(k for k, v in values.items() if v is not None)


def _target(session: Session, key: str) -> records.Target:
    """The target a key names (NotFound: no such record on file)."""
    pid = _patient_of(session, key)
    found = None
    if pid is not None:
        scope = PatientScope(patient_id=pid)
        mine = records.targets(session, scope, scope.patients(session), {})
        found = next((t for t in mine if t.key == key), None)
    if found is None:
        raise NotFound("target", "There is no such record to verify: {target}", target=key)
    return found


@attempt("verify source data", audit_bad_input=True)
def verify(db: Database, keys: Sequence[str], now: datetime,
           fields: Sequence[str] | None = None) -> int:
    """Mark each target (a key of `sdv_rows`) verified as it stands: the whole record, or
    only `fields`. A monitor only; one transaction, so all are marked or none."""
    with db.unit_of_work(reason=VERIFIED, purpose="verify") as session:
        targets = [_target(session, key) for key in sorted(set(keys))]
        found = records.stored_targets(session, targets)
        for target in targets:
            _mark(session, db.actor, target, found[target.key].content(), fields, now)
    return len(targets)


def _patient_of(session: Session, key: str) -> int | None:
    """The patient a target's key belongs to (None: no such record)."""
    kind, _, rest = key.partition(":")
    if kind == "pk":
        head = rest.partition(":")[0]
        return int(head) if head.isdigit() else None
    table: Any = {"visit": VisitRecord, "ae": AdverseEvent, "scan": TumourAssessment}.get(kind)
    if table is None or not rest.isdigit():
        return None
    found: int | None = session.scalar(select(table.patient_id).where(table.id == int(rest)))
    return found


def _mark(session: Session, actor: str, target: records.Target, content: Content,
          fields: Sequence[str] | None, now: datetime) -> None:
    values = flatten(target.kind, content)
    chosen = fields_to_verify(fields, values, _target_text(target.kind, target.ref))
    kept = values if chosen is None else {k: values[k] for k in chosen}
    session.add(SdvMark(patient_id=target.patient_id, kind=target.kind, target=target.ref,
                        fields=",".join(chosen) if chosen else None,
                        content=json.dumps(kept, separators=(",", ":")),
                        content_hash=digest(content) if chosen is None else
                        digest([("fields", sorted(kept.items()))]),
                        verified_by=actor, verified_at=utc(now)))


def key_of(db: Database, patient_id: int, target_text: str) -> str:
    """The key of a target typed as on the command line (C1D1, AE:12, SCAN:3, PK:C1D1) of
    one patient; NotFound when the patient has no such record."""
    kind, ref = parse_target(target_text)
    with db.reading() as session:
        if kind == "pk":
            hit = session.scalar(select(PkSample.id).where(
                cal.live(PkSample), PkSample.patient_id == patient_id,
                PkSample.visit_code == ref).limit(1))
            key = f"pk:{patient_id}:{ref}" if hit is not None else None
        elif kind == "visit":
            hit = session.scalar(select(VisitRecord.id).where(
                cal.live(VisitRecord), VisitRecord.patient_id == patient_id,
                VisitRecord.code == ref, VisitRecord.outcome.is_not(None)))
            key = f"visit:{hit}" if hit is not None else None
        else:
            table: Any = AdverseEvent if kind == "ae" else TumourAssessment
            hit = session.scalar(select(table.id).where(
                cal.live(table), table.patient_id == patient_id, table.id == int(ref)))
            key = f"{kind}:{hit}" if hit is not None else None
    if key is None:
        raise NotFound("target", "{target} is not a recorded record of this patient",
                       target=target_text.strip())
    return key


def _plan(session: Session, study_id: int) -> SdvPlan:
    row = session.get(SiteSetting, PLAN_KEY.format(study_id=study_id))
    if row is None:
        return SdvPlan()
    full, share, sae = row.value.split(",")
    return SdvPlan(int(full), int(share), sae == "1")


def sdv_plan(db: Database, study_id: int) -> SdvPlan:
    with db.reading(purpose=None) as session:
        return _plan(session, study_id)


def set_sdv_plan(db: Database, study_id: int, plan: SdvPlan, reason: str) -> None:
    """The sponsor's plan for one study (a site setting: the administrator's)."""
    check_plan(plan.full_cycles, plan.share_percent)
    value = f"{plan.full_cycles},{plan.share_percent},{int(plan.every_sae)}"
    with db.unit_of_work(reason=reason or "monitoring plan", purpose="settings") as session:
        key = PLAN_KEY.format(study_id=study_id)
        row = session.get(SiteSetting, key)
        if row is None:
            session.add(SiteSetting(key=key, value=value))
        elif row.value != value:
            row.value = value
