"""Investigators' e-signatures: what waits to be signed, signing with the password, and
whether a signature still stands.

What is signed: an AE's assessment (relationship and grades), a DLT decision, a tumour
response (one assessment), a visit's recorded data. A signature records the printed name,
the UTC instant, its meaning and the record's version with a hash of its values; editing the
record afterwards makes the signature stale and puts the item back on the list. Both are
checked wherever a signature is shown (To sign, worksheets, deviations, exports): a record
changed behind the app's back keeping its version is stale too (app/services/signed_content).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app.rules.dates import fmt_date, fmt_datetime
from app.rules.signing import DEFAULT_MEANING as DEFAULT_MEANING
from app.rules.signing import KIND_WORDS as KIND_WORDS
from app.rules.signing import Meaning as Meaning
from app.rules.signing import (
    SignatureState,
    check_dlt_marked,
    check_seen,
    check_signing,
    signature_state,
)
from app.rules.site_time import utc
from app.services import calendar as cal
from app.services.accounts import confirm_password
from app.services.delegation_gate import delegated
from app.services.errors import NotFound
from app.services.patient_scope import PatientScope
from app.services.signed_content import (
    KIND_TABLES,
    Stored,
    contents,
    digest,
    holds,
    stored,
)
from db import Database
from db.accounts import Signature
from db.dosing import DltReview, SmcDecision
from db.models import AdverseEvent, TumourAssessment, VisitRecord
from db.studies import Study


@dataclass(frozen=True)
class SignatureView:
    printed_name: str
    signer: str
    signed_at: datetime
    meaning: str
    stale: bool  # the record changed since: a new version, or other values (broken)
    #: the same version with other values: changed outside the app (stale too)
    broken: bool = False

    @property
    def text(self) -> str:
        when = fmt_datetime(utc(self.signed_at)) + " UTC"
        state = " (BROKEN: the record was changed outside the app)" if self.broken else \
            " (STALE: the record changed since)" if self.stale else ""
        return f"{self.meaning} by {self.printed_name}, {when}{state}"


@dataclass(frozen=True)
class ToSign:
    kind: str
    record_id: int
    patient_id: int
    subject_id: str
    what: str
    when: date
    signature: SignatureView | None  # the last one, stale
    study: str = ""  # the study's code
    study_id: int = 0

    @property
    def item_id(self) -> str:
        """How the command line names it: `ae:12`."""
        return f"{self.kind}:{self.record_id}"

    @property
    def state(self) -> str:
        if self.signature is None:
            return "not signed"
        day = fmt_date(utc(self.signature.signed_at).date())
        if self.signature.broken:
            return f"signature of {day} broken: changed outside the app"
        return f"changed since signed on {day}"


def record_hash(session: Session, kind: str, record_id: int) -> tuple[int, str]:
    """(version, hash of the values) of what a signature of `kind` covers: the AE with its
    grades, the assessment with its lesions, the visit record (app/services/signed_content)."""
    found = contents(session, kind, [record_id])
    if record_id not in found:
        raise NotFound("record", "There is no such record to sign")
    version, content = found[record_id]
    return version, digest(content)


def _latest(session: Session) -> dict[tuple[str, int], Signature]:
    out: dict[tuple[str, int], Signature] = {}
    for s in session.scalars(select(Signature).order_by(Signature.id)):
        out[(s.kind, s.record_id)] = s
    return out


@dataclass(frozen=True)
class _Signed:
    """A record's last signature as To sign first needs it: which one, and what it signed
    (who signed and when are read only for the few that no longer stand)."""

    signature_id: int
    record_version: int
    record_hash: str


def _checked(kind: str, record_id: int, s: _Signed | Signature, record: Stored | None
             ) -> SignatureState:
    """The signature still signs the record: same version and the same values (a change
    made behind the app's back keeping the version is caught by the values: broken). The
    values last found to carry it are not hashed again while they stay the same
    (signed_content.holds)."""
    version = None if record is None else record.version
    hashes = {s.record_hash} if record is not None and version == s.record_version and \
        holds(kind, record_id, record, s.record_hash) else set()
    return signature_state(s.record_version, s.record_hash, version, hashes)


def _view(s: Signature, state: SignatureState) -> SignatureView:
    return SignatureView(s.printed_name, s.signer, s.signed_at, s.meaning,
                         state is not SignatureState.VALID, state is SignatureState.BROKEN)


@dataclass(frozen=True)
class _Scope(PatientScope):
    """Whose records To sign reads (one study's or all), and which of them carry a
    signature."""

    #: kind -> a select of the ids of the records in scope that carry a signature
    signed: dict[str, Select[Any]] = field(default_factory=dict)

    def signatures(self, session: Session, kind: str, records: Select[Any]
                   ) -> dict[int, _Signed]:
        """The last signature of each record `records` (a select of ids) names."""
        first = records.selected_columns[0]
        ids = records.with_only_columns(first)
        self.signed[kind] = ids.where(  # a probe per record: an IN list made SQLite try
            select(Signature.id).where(  # each signature against each patient (0.4 s)
                Signature.record_id == first, Signature.kind == kind).exists())
        out: dict[int, _Signed] = {}
        for rid, signature_id, version, value_hash in session.execute(
                select(Signature.record_id, Signature.id, Signature.record_version,
                       Signature.record_hash).where(
                    Signature.kind == kind, Signature.record_id.in_(ids.scalar_subquery()))
                .order_by(Signature.id)):
            out[rid] = _Signed(signature_id, version, value_hash)
        return out


def to_sign(db: Database, study_id: int | None = None) -> list[ToSign]:
    """What waits for an investigator's signature, oldest first: never signed, or changed
    since it was signed (of one study, or every study the account sees). Each record is
    read as its few columns, with its last signature; only a record still at the version
    signed is read whole, to check its values."""
    scope = _Scope(study_id=study_id)
    waiting: list[tuple[ToSign, _Signed | None, int]] = []
    with db.reading() as session:
        codes = {i: c for i, c in session.execute(select(Study.id, Study.code))}
        names = scope.patients(session)

        def add(kind: str, signed: dict[int, _Signed], rid: int, version: int, pid: int,
                what: str, when: date, sid: int | None = None) -> None:
            """The subject (from `pid`), or `sid` for a study's own record."""
            who = (codes[sid], sid) if sid is not None else names.get(pid)
            if who is not None:
                waiting.append((ToSign(kind, rid, pid, who[0], what, when, None,
                                       codes.get(who[1], ""), who[1]),
                                signed.get(rid), version))

        aes = scope.of(AdverseEvent.id, AdverseEvent.version, AdverseEvent.patient_id,
                       AdverseEvent.term, AdverseEvent.verbatim, AdverseEvent.onset_date,
                       AdverseEvent.dlt)
        signed_ae = scope.signatures(session, "ae", aes)
        signed_dlt = scope.signatures(session, "dlt", aes.where(AdverseEvent.dlt.is_(True)))
        for rid, version, pid, term, verbatim, onset, dlt in session.execute(aes):
            name = term or verbatim
            add("ae", signed_ae, rid, version, pid, f"AE {name}", onset)
            if dlt:
                add("dlt", signed_dlt, rid, version, pid, f"DLT: {name}", onset)
        scans = scope.of(TumourAssessment.id, TumourAssessment.version,
                         TumourAssessment.patient_id, TumourAssessment.scan_date).where(
            TumourAssessment.baseline.is_(False))
        signed = scope.signatures(session, "response", scans)
        for rid, version, pid, scan_date in session.execute(scans):
            add("response", signed, rid, version, pid,
                f"Response of the scan of {fmt_date(scan_date)}", scan_date)
        visits = scope.of(VisitRecord.id, VisitRecord.version, VisitRecord.patient_id,
                          VisitRecord.code, VisitRecord.actual_date).where(
            VisitRecord.outcome == "done", VisitRecord.actual_date.is_not(None))
        signed = scope.signatures(session, "visit", visits)
        for rid, version, pid, code, actual in session.execute(visits):
            add("visit", signed, rid, version, pid, f"Visit {code}", actual)
        reviews = scope.of(DltReview.id, DltReview.version, DltReview.patient_id,
                           DltReview.evaluable, DltReview.dlt, DltReview.reviewed_at)
        signed = scope.signatures(session, "dlt_review", reviews)
        for rid, version, pid, evaluable, dlt, reviewed_at in session.execute(reviews):
            verdict = ("evaluable" if evaluable else "not evaluable") + \
                (", DLT" if dlt else ", no DLT")
            add("dlt_review", signed, rid, version, pid, f"DLT review: {verdict}",
                utc(reviewed_at).date())
        smc: tuple[Any, ...] = (SmcDecision.id, SmcDecision.version, SmcDecision.decision,
                                SmcDecision.dose_level, SmcDecision.decided_on,
                                SmcDecision.study_id)
        decisions: Select[Any] = select(*smc).where(cal.live(SmcDecision))
        if study_id is not None:
            decisions = decisions.where(SmcDecision.study_id == study_id)
        signed = scope.signatures(session, "smc", decisions)
        for rid, version, decision, level, decided_on, sid in session.execute(decisions):
            add("smc", signed, rid, version, 0, f"SMC: {decision} at {level}", decided_on,
                sid)
        out = _unsigned(session, waiting, scope.signed)
    out.sort(key=lambda t: (t.when, t.subject_id, t.kind, t.record_id))
    return out


def _unsigned(session: Session, waiting: list[tuple[ToSign, _Signed | None, int]],
              signed: dict[str, Select[Any]]) -> list[ToSign]:
    """The records never signed, and those whose last signature no longer stands: a new
    version, or the same version with other values (the records of a kind with one at the
    version signed are read whole, named by `signed`: no list of ids is sent)."""
    same = {item.kind for item, s, version in waiting
            if s is not None and s.record_version == version}
    found = {(kind, rid): record for kind in same
             for rid, record in stored(session, kind, signed[kind]).items()}
    out: list[ToSign] = []
    lapsed: list[tuple[int, ToSign, SignatureState]] = []  # (signature, item, state)
    for item, s, _version in waiting:
        if s is None:
            out.append(item)
            continue
        state = _checked(item.kind, item.record_id, s, found.get((item.kind, item.record_id)))
        if state is not SignatureState.VALID:
            lapsed.append((s.signature_id, item, state))
    ids = [signature_id for signature_id, _item, _state in lapsed]
    by_id = {}
    for start in range(0, len(ids), 500):
        by_id.update({sig.id: sig for sig in session.scalars(
            select(Signature).where(Signature.id.in_(ids[start:start + 500])))})
    out += [replace(item, signature=_view(by_id[signature_id], state))
            for signature_id, item, state in lapsed]
    return out


def sign(db: Database, kind: str, record_id: int, meaning: str, password: str,
         now: datetime) -> SignatureView:
    """Sign one record as an investigator: the password again, the meaning, the record as
    it stands (its version and hash) with the signer's printed name and the UTC instant."""
    chosen = check_signing(kind, meaning)
    if db.guard is not None:
        db.guard("sign")
    printed = confirm_password(db, db.actor, password, now)
    return write_signature(db, kind, record_id, chosen, printed, now)


@delegated("signing")
def write_signature(db: Database, kind: str, record_id: int, chosen: Meaning, printed: str,
                    now: datetime, seen_hash: str | None = None) -> SignatureView:
    """The signature itself, once the signer has proved who they are: the record's version
    and hash as it stands; with `seen_hash`, only if it still holds what was shown."""
    with db.unit_of_work(reason=f"signed: {KIND_WORDS[kind]}", purpose="sign") as session:
        version, values_hash = record_hash(session, kind, record_id)
        if seen_hash is not None:
            check_seen(seen_hash, values_hash)
        ae = session.get(AdverseEvent, record_id)
        check_dlt_marked(kind, ae is not None and bool(ae.dlt))
        signature = Signature(kind=kind, table_name=KIND_TABLES[kind].__tablename__,
                              record_id=record_id, record_version=version,
                              record_hash=values_hash,
                              meaning=chosen, signer=db.actor, printed_name=printed,
                              signed_at=utc(now))
        session.add(signature)
    return SignatureView(printed, db.actor, utc(now), chosen, False)


def signatures_of(db: Database, kind: str, ids: list[int]) -> dict[int, SignatureView]:
    """The last signature of each record (stale when it changed since), for screens, paper
    and exports."""
    if not ids:
        return {}
    with db.reading() as session:
        found = stored(session, kind, ids)
        latest = {s.record_id: s for s in session.scalars(
            select(Signature).where(Signature.kind == kind, Signature.record_id.in_(ids))
            .order_by(Signature.id))}
    return {rid: _view(s, _checked(kind, rid, s, found.get(rid))) for rid, s in latest.items()}


def broken_signatures(session: Session) -> list[str]:
    """Each signature whose record holds the version it was signed at with other values:
    changed outside the app (audit verify names them). A record changed through the app
    since (a new version) only makes its signature stale."""
    latest = _latest(session)
    by_kind: dict[str, list[int]] = {}
    for kind, rid in latest:
        by_kind.setdefault(kind, []).append(rid)
    out = []
    for kind, ids in sorted(by_kind.items()):
        found = stored(session, kind, ids)
        for rid in ids:
            s = latest[(kind, rid)]
            if _checked(kind, rid, s, found.get(rid)) is SignatureState.BROKEN:
                out.append(f"signature broken: {KIND_WORDS[kind]} {rid}, signed "
                           f"{fmt_datetime(utc(s.signed_at))} UTC by {s.printed_name} at "
                           f"version {s.record_version}, no longer holds the values signed")
    return out
