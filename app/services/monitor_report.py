"""The monitoring visit report: what the monitor verified in a period, the queries, the
deviations, the open safety items and the audit review, e-signed by the monitor (the
password again, as the investigators' signatures are). What it says is kept as a SHA-256
with the signature, so a report printed again from other data does not carry it."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select

from app.rules.dates import fmt_date
from app.rules.sdv import KIND_WORDS, SdvState
from app.rules.site_time import local_instant, utc
from app.services import calendar as cal
from app.services.accounts import confirm_password
from app.services.attempts import attempt
from app.services.audit_review import audit_review
from app.services.deviation_log import deviation_log
from app.services.queries import query_counts
from app.services.sdv import sdv_rows
from app.services.site_time import site_zone
from app.services.worksheets import site_name
from db import Database
from db.accounts import Signature
from db.models import AdverseEvent, Patient
from db.monitoring import MonitorReport, SdvMark
from db.studies import Study

SIGNED = "monitoring visit report signed"
MEANING = "reviewed"


@dataclass(frozen=True)
class KindCount:
    kind: str  # Visit, AE, Scan, PK panel
    verified_in_period: int
    verified: int
    changed: int
    required_not_verified: int
    total: int


@dataclass(frozen=True)
class Queries:
    opened: int
    answered: int
    closed: int
    open_now: int
    oldest_open_days: int | None


@dataclass(frozen=True)
class ReportData:
    study: str
    title: str
    site: str
    start: date
    end: date
    monitor: str
    counts: list[KindCount]
    #: (subject, target, what, verified on, by, state now) of the marks made in the period
    verified: list[tuple[str, str, str, str, str, str]]
    queries: Queries
    #: (subject, day, kind, what, detail) of the deviations that happened in the period
    deviations: list[tuple[str, str, str, str, str]]
    #: (subject, AE, onset, what is open)
    safety: list[tuple[str, str, str, str]]
    #: (finding, lines, reviewed) of the audit review of the period
    audit: list[tuple[str, int, int]] = field(default_factory=list)

    def digest(self) -> str:
        text = json.dumps(asdict(self), default=str, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ReportSignature:
    printed_name: str
    signer: str
    signed_at: datetime
    meaning: str
    content_hash: str

    @property
    def text(self) -> str:
        return (f"E-signed: {self.meaning} by {self.printed_name} ({self.signer}), "
                f"{utc(self.signed_at).strftime('%d-%b-%Y %H:%M').upper()} UTC")


@dataclass(frozen=True)
class SignedReport:
    data: ReportData
    signature: ReportSignature


def _queries(db: Database, study: str, start: date, end: date) -> Queries:
    """The period's queries: opened, answered, closed, open at its end, the oldest's age."""
    counts = query_counts(db, study, start, end)
    return Queries(counts.opened, counts.answered, counts.closed, counts.open_now,
                   counts.oldest_open_days)


def _counts(rows: list[Any], in_period: set[str]) -> list[KindCount]:
    out = []
    for kind, word in KIND_WORDS.items():
        mine = [r for r in rows if r.kind == kind]
        states = Counter(r.state for r in mine)
        out.append(KindCount(word, sum(1 for r in mine if r.key in in_period),
                             states[SdvState.VERIFIED], states[SdvState.CHANGED],
                             sum(1 for r in mine if r.required and r.state not in
                                 (SdvState.VERIFIED,)), len(mine)))
    return out


def monitor_report(db: Database, study_id: int, start: date, end: date, now: datetime
                   ) -> ReportData:
    """What the report of `start` to `end` (site days) says, as of `now`."""
    zone = site_zone(db)
    since = utc(local_instant(start, time(0), zone))
    until = utc(local_instant(end + timedelta(days=1), time(0), zone))
    rows = sdv_rows(db, study_id)
    by_target = {(r.patient_id, r.kind, r.target.partition(":")[2] or r.target): r
                 for r in rows}
    with db.reading() as session:
        study = session.get(Study, study_id)
        assert study is not None
        marks = list(session.scalars(select(SdvMark).join(
            Patient, Patient.id == SdvMark.patient_id).where(
            Patient.study_id == study_id, SdvMark.verified_at >= since,
            SdvMark.verified_at < until).order_by(SdvMark.id)))
        aes = list(session.execute(select(AdverseEvent, Patient.subject_id).join(
            Patient, Patient.id == AdverseEvent.patient_id).where(
            cal.live(AdverseEvent), Patient.study_id == study_id,
            AdverseEvent.end_date.is_(None)).order_by(Patient.subject_id, AdverseEvent.id)))
        code, title = study.code, study.title
    verified, in_period = [], set()
    for m in marks:
        row = by_target.get((m.patient_id, m.kind, m.target))
        if row is None:
            continue
        in_period.add(row.key)
        verified.append((row.subject_id, row.target, str(row.what),
                         fmt_date(utc(m.verified_at).astimezone(zone).date()), m.verified_by,
                         row.state.value))
    deviations = [(d.subject_id, fmt_date(d.day), str(d.kind), d.what, d.detail)
                  for d in deviation_log(db, study_id, now) if start <= d.day <= end]
    safety = []
    for ae, subject in aes:
        what = []
        if ae.serious:
            what.append("SAE ongoing" + ("" if ae.reported_at else ", not reported"))
        if ae.dlt:
            what.append("DLT ongoing")
        if what:
            safety.append((subject, ae.term or ae.verbatim, fmt_date(ae.onset_date),
                           "; ".join(what)))
    audit = Counter((r.item.finding.value, r.reviewed_by is not None)
                    for r in audit_review(db, start, end, study_id))
    findings = sorted({f for f, _ in audit})
    return ReportData(code, title, site_name(db), start, end, db.actor,
                      _counts(rows, in_period), verified, _queries(db, code, start, end),
                      deviations, safety,
                      [(f, audit[(f, False)] + audit[(f, True)], audit[(f, True)])
                       for f in findings])


@attempt("sign the monitoring visit report of {data.study}")
def sign_report(db: Database, data: ReportData, password: str, now: datetime
                ) -> SignedReport:
    """The monitor signs the report: the password again, then the report's hash kept with
    an e-signature (kind "mon_report")."""
    if db.guard is not None:
        db.guard("verify")
    printed = confirm_password(db, db.actor, password, now, what="monitoring report")
    content = data.digest()
    with db.unit_of_work(reason=SIGNED, purpose="verify") as session:
        study_id = session.scalar(select(Study.id).where(Study.code == data.study))
        report = MonitorReport(study_id=study_id, period_start=data.start,
                               period_end=data.end, content_hash=content, made_by=db.actor,
                               made_at=utc(now))
        session.add(report)
        session.flush()
        session.add(Signature(kind="mon_report", table_name=MonitorReport.__tablename__,
                              record_id=report.id, record_version=1, record_hash=content,
                              meaning=MEANING, signer=db.actor, printed_name=printed,
                              signed_at=utc(now)))
    return SignedReport(data, ReportSignature(printed, db.actor, utc(now), MEANING, content))
