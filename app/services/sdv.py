"""Source-data verification: what the monitor verified of each visit, AE, scan and PK panel,
whether it changed since, and what the sponsor's plan asks (app/rules/sdv.py decides).

A mark keeps the values it verified, read the way e-signatures read a record
(app/services/signed_content.py), with their SHA-256; a later edit shows as field: old ->
new. Only a monitor verifies (the `verify` action): anyone else is refused by the guard, and
the refusal is in the access log.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app.errors import NotFound, Phrase
from app.rules.dates import fmt_date
from app.rules.protocol import Protocol
from app.rules.sdv import (
    Mark,
    SdvPlan,
    SdvState,
    TargetSdv,
    check_plan,
    fields_to_verify,
    parse_target,
    required,
    target_state,
)
from app.rules.site_time import utc
from app.services import calendar as cal
from app.services.attempts import attempt
from app.services.signed_content import Content, contents, digest, rows_content
from app.services.studies import study_protocols
from db import Database
from db.models import (
    AdverseEvent,
    Patient,
    PkSample,
    SiteSetting,
    TumourAssessment,
    VisitRecord,
)
from db.monitoring import SdvMark
from db.studies import Study

#: the signed-content kind each target reads its record by
CONTENT_KIND = {"visit": "visit", "ae": "ae", "scan": "response"}
#: columns that name the record rather than say anything of it
_NAMING = {"id", "patient_id", "ae_id", "assessment_id", "visit_code", "timepoint"}
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


@dataclass(frozen=True)
class _Target:
    """A record as the list names it: its few columns, not its content (read only where a
    mark needs it: a list of every record would hash millions of values)."""

    key: str
    patient_id: int
    kind: str
    ref: str
    what: Phrase
    when: date | None
    cycle: int | None
    serious: bool
    record_id: int = 0  # the record's id (a PK panel has none of its own)


def flatten(kind: str, content: Content) -> dict[str, str | None]:
    """field -> value of a target: the record's own columns, then its grades ("grade 2.
    grade"), lesions ("lesion T1.tenths_mm") or, for a PK panel, each sample by timepoint
    ("1h.collected_at")."""
    out: dict[str, str | None] = {}
    for index, (table, pairs) in enumerate(content):
        values = dict(pairs)
        if kind == "pk":
            prefix = f"{values.get('timepoint')}."
        elif index == 0:
            prefix = ""
        elif table == "lesion_measurement":
            prefix = f"lesion {values.get('lesion_id')}."
        else:
            prefix = f"grade {index}."
        out.update({prefix + k: v for k, v in pairs if k not in _NAMING})
    return out


def _cycle(protocol: Protocol | None, code: str) -> int | None:
    """0 for screening and the visits before cycle 1, the cycle's number, or None (scans,
    follow-up, unscheduled)."""
    if protocol is None:
        return None
    number = protocol.cycle_number(code)
    if number is not None:
        return number
    if protocol.visit(code) is not None and protocol.series_of(code) is None:
        return 0
    return None


@dataclass(frozen=True)
class _Scope:
    """Whose records: every live patient, one study's or one patient's."""

    study_id: int | None = None
    patient_id: int | None = None

    def of(self, *columns: Any) -> Select[Any]:
        """`columns` of a patient's table (the first names it), of live records of live
        patients in scope (joined: db/access.py scopes the patient to the account's
        studies, and no list of ids is sent)."""
        table = getattr(columns[0], "class_", columns[0])
        stmt = select(*columns).join(Patient, Patient.id == table.patient_id).where(
            cal.live(Patient))
        if hasattr(table, "deleted_at"):
            stmt = stmt.where(cal.live(table))
        if self.study_id is not None:
            stmt = stmt.where(Patient.study_id == self.study_id)
        if self.patient_id is not None:
            stmt = stmt.where(Patient.id == self.patient_id)
        return stmt


def _targets(session: Session, scope: _Scope, patients: dict[int, tuple[str, int]],
             protocols: dict[int, Protocol]) -> list[_Target]:
    out: list[_Target] = []

    def proto(pid: int) -> Protocol | None:
        return protocols.get(patients[pid][1])

    for rid, pid, code, actual in session.execute(scope.of(
            VisitRecord.id, VisitRecord.patient_id, VisitRecord.code,
            VisitRecord.actual_date).where(VisitRecord.outcome.is_not(None))):
        out.append(_Target(f"visit:{rid}", pid, "visit", code,
                           Phrase("Visit {code}", code=code), actual,
                           _cycle(proto(pid), code), False, rid))
    for rid, pid, term, verbatim, onset, serious in session.execute(scope.of(
            AdverseEvent.id, AdverseEvent.patient_id, AdverseEvent.term,
            AdverseEvent.verbatim, AdverseEvent.onset_date, AdverseEvent.serious)):
        out.append(_Target(f"ae:{rid}", pid, "ae", str(rid),
                           Phrase("AE {ae_id}: {term}", ae_id=rid, term=term or verbatim),
                           onset, None, bool(serious), rid))
    for rid, pid, scan_date in session.execute(scope.of(
            TumourAssessment.id, TumourAssessment.patient_id, TumourAssessment.scan_date)):
        out.append(_Target(f"scan:{rid}", pid, "scan", str(rid),
                           Phrase("Scan of {scan_date}", scan_date=fmt_date(scan_date)),
                           scan_date, None, False, rid))
    drawn: dict[tuple[int, str], list[date]] = {}
    for pid, code, collected in session.execute(scope.of(
            PkSample.patient_id, PkSample.visit_code, PkSample.collected_at)
            .order_by(PkSample.id)):
        days = drawn.setdefault((pid, code), [])
        if collected is not None:
            days.append(utc(collected).date())
    for (pid, code), days in drawn.items():
        out.append(_Target(f"pk:{pid}:{code}", pid, "pk", code,
                           Phrase("PK samples of {code}", code=code),
                           min(days) if days else None, _cycle(proto(pid), code), False))
    return out


def _contents(session: Session, targets: Iterable[_Target]) -> dict[str, Content]:
    """The content of each target, by key: what a mark verifies and compares."""
    ids: dict[str, list[int]] = defaultdict(list)
    panels: set[tuple[int, str]] = set()
    for t in targets:
        if t.kind == "pk":
            panels.add((t.patient_id, t.ref))
        else:
            ids[t.kind].append(t.record_id)
    out: dict[str, Content] = {}
    for kind, chosen in ids.items():
        for rid, (_version, content) in contents(session, CONTENT_KIND[kind], chosen).items():
            out[f"{kind}:{rid}"] = content
    samples: dict[tuple[int, str], list[PkSample]] = defaultdict(list)
    pids = sorted({pid for pid, _code in panels})
    for start in range(0, len(pids), 500):
        for p in session.scalars(select(PkSample).where(
                cal.live(PkSample), PkSample.patient_id.in_(pids[start:start + 500]))
                .order_by(PkSample.id)):
            if (p.patient_id, p.visit_code) in panels:
                samples[(p.patient_id, p.visit_code)].append(p)
    for (pid, code), rows in samples.items():
        out[f"pk:{pid}:{code}"] = rows_content(rows)
    return out


def _marks(session: Session, scope: _Scope) -> dict[tuple[int, str, str], list[SdvMark]]:
    out: dict[tuple[int, str, str], list[SdvMark]] = defaultdict(list)
    for (m,) in session.execute(scope.of(SdvMark).order_by(SdvMark.id)):
        out[(m.patient_id, m.kind, m.target)].append(m)
    return out


def _as_mark(m: SdvMark) -> Mark:
    return Mark(tuple(m.fields.split(",")) if m.fields else None, json.loads(m.content))


def _target_text(kind: str, ref: str) -> str:
    return ref if kind == "visit" else f"{kind.upper()}:{ref}"


def _patients(session: Session, study_id: int | None, patient_id: int | None = None
              ) -> dict[int, tuple[str, int]]:
    stmt = select(Patient.id, Patient.subject_id, Patient.study_id).where(cal.live(Patient))
    if study_id is not None:
        stmt = stmt.where(Patient.study_id == study_id)
    if patient_id is not None:
        stmt = stmt.where(Patient.id == patient_id)
    return {pid: (subject, sid) for pid, subject, sid in session.execute(stmt)}


def sdv_rows(db: Database, study_id: int | None = None,
             patient_id: int | None = None) -> list[SdvRow]:
    """Every target of every patient (of one study, or one patient), by subject then date,
    with its state, what changed since it was verified, and whether the plan asks for it.
    Only a marked target's content is read: one never verified is "not verified" whatever
    it holds."""
    protocols = study_protocols(db)
    scope = _Scope(study_id, patient_id)
    with db.reading() as session:
        patients = _patients(session, study_id, patient_id)
        codes: dict[int, str] = {i: c for i, c in session.execute(select(Study.id, Study.code))}
        plans = {sid: _plan(session, sid) for sid in {sid for _s, sid in patients.values()}}
        targets = _targets(session, scope, patients, protocols)
        marks = _marks(session, scope)
        found = _contents(session, [t for t in targets
                                    if (t.patient_id, t.kind, t.ref) in marks])
    rows = []
    for t in targets:
        subject, sid = patients[t.patient_id]
        mine = marks.get((t.patient_id, t.kind, t.ref), [])
        state = target_state([_as_mark(m) for m in mine],
                             flatten(t.kind, found[t.key]) if t.key in found else {})
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
        values = flatten(target.kind, _contents(session, [target])[key])
    return tuple(k for k, v in values.items() if v is not None)


def _target(session: Session, key: str) -> _Target:
    """The target a key names (NotFound: no such record on file)."""
    pid = _patient_of(session, key)
    found = None
    if pid is not None:
        patients = _patients(session, None, pid)
        found = next((t for t in _targets(session, _Scope(patient_id=pid), patients, {})
                      if t.key == key), None)
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
        found = _contents(session, targets)
        for target in targets:
            _mark(session, db.actor, target, found[target.key], fields, now)
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


def _mark(session: Session, actor: str, target: _Target, content: Content,
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
