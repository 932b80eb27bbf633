"""The records source-data verification lists: each target (a visit, an AE, a scan, a PK
panel) of the patients in scope as its few columns, and the state of those a monitor marked,
worked out from their values as stored (app/rules/sdv.py decides; app/services/sdv.py
lists, verifies and keeps the plan).

A list of every record reads no content: a target never marked is "not verified" whatever
it holds. A marked target's values are read and compared with what its marks kept, unless
they and the marks are the same as at the last reading (a pure memo: the state is a
function of both).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import Phrase
from app.rules.dates import fmt_date
from app.rules.protocol import Protocol
from app.rules.sdv import Mark, SdvState, TargetSdv, target_state
from app.rules.site_time import utc
from app.services.patient_scope import PatientScope
from app.services.signed_content import Content, Rows, Stored, digest, rows_of, stored
from db.models import AdverseEvent, PkSample, TumourAssessment, VisitRecord
from db.monitoring import SdvMark

#: the signed-content kind each target reads its record by
CONTENT_KIND = {"visit": "visit", "ae": "ae", "scan": "response"}
#: columns that name the record rather than say anything of it
_NAMING = {"id", "patient_id", "ae_id", "assessment_id", "visit_code", "timepoint"}


@dataclass(frozen=True)
class Target:
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


def cycle_of(protocol: Protocol | None, code: str) -> int | None:
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


def targets(session: Session, scope: PatientScope,
            patients: dict[int, tuple[str, int]], protocols: dict[int, Protocol]) -> list[Target]:
    out: list[Target] = []

    def proto(pid: int) -> Protocol | None:
        return protocols.get(patients[pid][1])

    visit_words: dict[str, Phrase] = {}  # one per code: thousands of visits, a few codes
    for rid, pid, code, actual in session.execute(scope.of(
            VisitRecord.id, VisitRecord.patient_id, VisitRecord.code,
            VisitRecord.actual_date).where(VisitRecord.outcome.is_not(None))):
        what = visit_words.get(code) or visit_words.setdefault(
            code, Phrase("Visit {code}", code=code))
        out.append(Target(f"visit:{rid}", pid, "visit", code, what, actual,
                          cycle_of(proto(pid), code), False, rid))
    for rid, pid, term, verbatim, onset, serious in session.execute(scope.of(
            AdverseEvent.id, AdverseEvent.patient_id, AdverseEvent.term,
            AdverseEvent.verbatim, AdverseEvent.onset_date, AdverseEvent.serious)):
        out.append(Target(f"ae:{rid}", pid, "ae", str(rid),
                          Phrase("AE {ae_id}: {term}", ae_id=rid, term=term or verbatim),
                          onset, None, bool(serious), rid))
    for rid, pid, scan_date in session.execute(scope.of(
            TumourAssessment.id, TumourAssessment.patient_id, TumourAssessment.scan_date)):
        out.append(Target(f"scan:{rid}", pid, "scan", str(rid),
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
        out.append(Target(f"pk:{pid}:{code}", pid, "pk", code,
                          Phrase("PK samples of {code}", code=code),
                          min(days) if days else None, cycle_of(proto(pid), code), False))
    return out


def stored_targets(session: Session, targets: Iterable[Target]) -> dict[str, Stored]:
    """Each target's record as stored, by key: what a mark verifies and compares (a PK
    panel: its samples, by id)."""
    ids: dict[str, list[int]] = defaultdict(list)
    panels: set[tuple[int, str]] = set()
    for t in targets:
        if t.kind == "pk":
            panels.add((t.patient_id, t.ref))
        else:
            ids[t.kind].append(t.record_id)
    out: dict[str, Stored] = {}
    for kind, chosen in ids.items():
        for rid, record in stored(session, CONTENT_KIND[kind], chosen).items():
            out[f"{kind}:{rid}"] = record
    samples: dict[tuple[int, str], list[tuple[str, tuple[Any, ...]]]] = defaultdict(list)
    pids = sorted({pid for pid, _code in panels})
    for start in range(0, len(pids), 500):
        for (pid, code), values in rows_of(session, PkSample,
                                          (PkSample.patient_id, PkSample.visit_code),
                                          PkSample.patient_id.in_(pids[start:start + 500])):
            if (pid, code) in panels:
                samples[(pid, code)].append((PkSample.__tablename__, values))
    for (pid, code), rows in samples.items():
        out[f"pk:{pid}:{code}"] = Stored(0, tuple(rows))
    return out


@dataclass(frozen=True)
class MarkRow:
    """A mark as the list needs it, read as columns: the values it kept are read only
    when its target's state is worked out again (`states`)."""

    id: int
    fields: str | None
    content_hash: str  # of the values kept: they and the fields say what the mark holds
    verified_by: str
    verified_at: datetime


def marks(session: Session, scope: PatientScope) -> dict[tuple[int, str, str], list[MarkRow]]:
    out: dict[tuple[int, str, str], list[MarkRow]] = defaultdict(list)
    for mid, pid, kind, target, fields, value_hash, by, at in session.execute(scope.of(
            SdvMark.id, SdvMark.patient_id, SdvMark.kind, SdvMark.target, SdvMark.fields,
            SdvMark.content_hash, SdvMark.verified_by, SdvMark.verified_at)
            .order_by(SdvMark.id)):
        out[(pid, kind, target)].append(MarkRow(mid, fields, value_hash, by, at))
    return out


NEVER_MARKED = target_state([], {})  # not verified, whatever the record holds
#: target key -> (its marks, its values as stored, the state they give): a target whose
#: marks and values are the same as at the last reading is not compared field by field
#: again. The marks are named by what they hold (fields, hash of the values), not by id.
_STATES: dict[str, tuple[tuple[tuple[str | None, str], ...], Rows, TargetSdv]] = {}
_STATES_AT_MOST = 250_000


def states(session: Session, targets: list[Target],
            marks: dict[tuple[int, str, str], list[MarkRow]], found: dict[str, Stored]
            ) -> dict[str, TargetSdv]:
    """Each marked target's verification state (app/rules/sdv.py), by key; the values the
    marks kept are read for those not worked out at the last reading."""
    out: dict[str, TargetSdv] = {}
    again: list[tuple[Target, list[MarkRow], Stored]] = []
    for t in targets:
        mine, record = marks.get((t.patient_id, t.kind, t.ref)), found.get(t.key)
        if not mine or record is None:
            continue
        seen = tuple((m.fields, m.content_hash) for m in mine)
        known = _STATES.get(t.key)
        if known is not None and known[0] == seen and known[1] == record.rows:
            out[t.key] = known[2]
            continue
        state = _still_whole(t, mine[-1], record)
        if state is None:
            again.append((t, mine, record))
            continue
        _keep(t.key, seen, record, state)
        out[t.key] = state
    ids = [m.id for _t, mine, _r in again for m in mine]
    kept: dict[int, str] = {}
    for start in range(0, len(ids), 500):
        kept.update(session.execute(select(SdvMark.id, SdvMark.content).where(
            SdvMark.id.in_(ids[start:start + 500]))).tuples().all())
    for t, mine, record in again:
        state = target_state([_as_mark(m.fields, kept[m.id]) for m in mine],
                             flatten(t.kind, record.content()))
        _keep(t.key, tuple((m.fields, m.content_hash) for m in mine), record, state)
        out[t.key] = state
    return out


def _still_whole(t: Target, last: MarkRow, record: Stored) -> TargetSdv | None:
    """Verified, when the last mark took the whole record and the values still carry its
    hash: what target_state says of them (the values it kept are the values now), without
    reading them. None: worked out field by field."""
    if last.fields is not None:
        return None
    content = record.content()
    if digest(content) != last.content_hash:
        return None
    return TargetSdv(SdvState.VERIFIED, (), tuple(flatten(t.kind, content)))


def _keep(key: str, seen: tuple[tuple[str | None, str], ...], record: Stored,
          state: TargetSdv) -> None:
    if len(_STATES) >= _STATES_AT_MOST:
        _STATES.clear()
    _STATES[key] = (seen, record.rows, state)


def _as_mark(fields: str | None, content: str) -> Mark:
    return Mark(tuple(fields.split(",")) if fields else None, json.loads(content))
