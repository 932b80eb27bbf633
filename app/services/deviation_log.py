"""Every deviation the rules can see, in one log, each derived again from the data (never
typed), with what the site adds to it: reviewed, important or not, category, comment.

Kinds: a visit done outside its window, a dose given outside its window, a tumour
assessment outside its window, a missed visit, a PK sample out of tolerance or not
collected, an SAE reported to the sponsor late (or overdue).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import select

from app.infra.clock import Clock
from app.rules.dates import fmt_date, fmt_datetime, fmt_window
from app.rules.deviation_review import check_category
from app.rules.pk import SampleFlag
from app.rules.protocol import Protocol
from app.services.adverse_events import site_aes
from app.services.changes import reason_needed, set_changed
from app.services.conflicts import refuse_newer
from app.services.pk_samples import pk_listing
from app.services.studies import study_codes, study_protocol
from app.services.worklist import deviations as visit_deviations
from db import Database
from db.deviations import DeviationReview


class DeviationKind(StrEnum):
    """What went outside the protocol (its words: `word` for the start of a line)."""

    VISIT_WINDOW = "visit out of window"
    DOSE_WINDOW = "dose given outside its window"
    ASSESSMENT_WINDOW = "assessment outside its window"
    MISSED = "missed visit"
    PK_OUT = "PK sample out of tolerance"
    PK_MISSING = "PK sample not collected"
    SAE_LATE = "SAE reported late"
    SPUN_LATE = "PK sample spun late"
    FROZEN_LATE = "PK sample frozen late"
    SPECIMEN_MISSING = "PK aliquot missing at the lab"
    SPECIMEN_THAWED = "PK aliquot received thawed"
    SPECIMEN_DAMAGED = "PK aliquot received damaged"

    @property
    def word(self) -> str:
        return self.value[0].upper() + self.value[1:]  # "PK sample…" keeps its capitals


NEW, REVIEWED = "new", "reviewed"


@dataclass(frozen=True)
class Deviation:
    key: str  # what it is about, stable: "visit:12:C2D1", "pk:12:LI:1 h", "sae:7"
    kind: DeviationKind
    patient_id: int
    study_id: int
    study: str
    subject_id: str
    day: date  # when it happened
    what: str  # "C2D1 Cycle 2 Day 1", "LI 1 h", "AE Nausea"
    detail: str  # the numbers, in words
    reason: str | None = None  # what the site recorded as the why (missed, not collected)
    signature: str = ""  # the investigator's e-signature of the visit, where signed
    important: bool | None = None  # the site's review (None: not reviewed yet)
    category: str | None = None
    comment: str | None = None
    reviewed_by: str | None = None
    reviewed_at: datetime | None = None
    review_version: int | None = None

    @property
    def status(self) -> str:
        return REVIEWED if self.reviewed_at is not None else NEW


def _visits(db: Database, study_id: int | None, protocols: dict[int, Protocol],
            ids: dict[str, int]) -> list[Deviation]:
    out = []
    for r in visit_deviations(db, study_id):
        sid = ids[r.study]
        protocol = protocols[sid]
        window = fmt_window(r.earliest, r.latest, r.target)
        if r.kind == "missed":
            kind, detail = DeviationKind.MISSED, f"not done; window {window}"
        else:
            series = protocol.series_of(r.code)
            kind = (DeviationKind.DOSE_WINDOW if protocol.is_dosing(r.code)
                    else DeviationKind.ASSESSMENT_WINDOW
                    if series is not None and series.anchor == protocol.response.sd_anchor
                    else DeviationKind.VISIT_WINDOW)
            days = abs(r.days_outside or 0)
            side = "after" if (r.days_outside or 0) > 0 else "before"
            detail = (f"done {fmt_date(r.actual)}, {days} day{'s' if days != 1 else ''} "
                      f"{side} the window ({window})")
        out.append(Deviation(f"visit:{r.patient_id}:{r.code}", kind, r.patient_id, sid,
                             r.study, r.subject_id, r.actual or r.target,
                             f"{r.code} {r.label}", detail, r.reason, r.signature))
    return out


def _samples(db: Database, study: Protocol | None, ids: dict[str, int]) -> list[Deviation]:
    out = []
    for r in pk_listing(db, study):
        flag = SampleFlag(r.flag)
        if flag not in (SampleFlag.OUT, SampleFlag.NOT_COLLECTED):
            continue
        when = r.actual or r.nominal
        day = when.date() if when else date.min
        if flag is SampleFlag.OUT:
            kind = DeviationKind.PK_OUT
            detail = (f"{r.deviation_min:+.0f} min: collected {fmt_datetime(r.actual)}, due "
                      f"{fmt_datetime(r.nominal)}")
        else:
            kind, detail = DeviationKind.PK_MISSING, f"due {fmt_datetime(r.nominal)}"
        out.append(Deviation(f"pk:{r.patient_id}:{r.visit}:{r.timepoint}", kind,
                             r.patient_id, ids[r.study], r.study, r.subject_id, day,
                             f"{r.visit} {r.timepoint}", detail, r.not_collected_reason))
    return out


def _saes(db: Database, study: Protocol | None, now: datetime, ids: dict[str, int]
          ) -> list[Deviation]:
    from app.services.adverse_events import clock_text

    out = []
    for ae in site_aes(db, study, now):
        if ae.clock is None or not ae.clock.late:
            continue
        out.append(Deviation(f"sae:{ae.id}", DeviationKind.SAE_LATE, ae.patient_id,
                             ids[ae.study], ae.study, ae.subject_id, ae.clock.aware_at.date(),
                             f"AE {ae.name}", clock_text(ae.clock)))
    return out


def _specimens(db: Database, study: Protocol | None, now: datetime, ids: dict[str, int]
               ) -> list[Deviation]:
    """Processing limits missed at the bench, and what the lab's receipt found wrong."""
    from app.services.specimens import all_tubes

    lab = {"missing": DeviationKind.SPECIMEN_MISSING, "received thawed":
           DeviationKind.SPECIMEN_THAWED, "received damaged": DeviationKind.SPECIMEN_DAMAGED}
    out = []
    for t in all_tubes(db, study, now):
        what = f"{t.visit} {t.timepoint}"
        for d in t.deviations:
            kind = DeviationKind.SPUN_LATE if d.step == "spin" else DeviationKind.FROZEN_LATE
            out.append(Deviation(f"{d.step}:{t.tube_id}", kind, t.patient_id, ids[t.study],
                                 t.study, t.subject_id, t.drawn_at.date(), what,
                                 f"{t.tube_id} {d.text}"))
        for a in t.aliquots:
            if a.condition in lab:
                out.append(Deviation(f"lab:{a.aliquot_id}", lab[a.condition], t.patient_id,
                                     ids[t.study], t.study, t.subject_id, t.drawn_at.date(),
                                     what, f"{a.aliquot_id} in shipment {a.shipment}",
                                     a.receipt_note))
    return out


def deviation_log(db: Database, study_id: int | None, now: datetime) -> list[Deviation]:
    """Every deviation of one study (None: of every study), by study, subject and day,
    with the site's review of each."""
    codes = study_codes(db)
    ids = {code: sid for sid, code in codes.items()}
    protocols = {sid: study_protocol(db, sid) for sid in codes}
    study = protocols[study_id] if study_id is not None else None
    found = (_visits(db, study_id, protocols, ids) + _samples(db, study, ids)
             + _saes(db, study, now, ids) + _specimens(db, study, now, ids))
    with db.reading() as session:
        stmt = select(DeviationReview)
        if study_id is not None:
            stmt = stmt.where(DeviationReview.study_id == study_id)
        reviews = {(r.study_id, r.key): r for r in session.scalars(stmt)}
    out = []
    for d in found:
        r = reviews.get((d.study_id, d.key))
        if r is not None:
            d = Deviation(**{**d.__dict__, "important": r.important, "category": r.category,
                             "comment": r.comment, "reviewed_by": r.reviewed_by,
                             "reviewed_at": r.reviewed_at, "review_version": r.version})
        out.append(d)
    out.sort(key=lambda d: (d.study, d.subject_id, d.day, d.kind, d.what))
    return out


def _yes_no(value: bool | None) -> str:
    return "" if value is None else "Yes" if value else "No"


#: the log's columns as the Deviations place shows them and every export writes them
LOG_COLUMNS: tuple[tuple[str, Callable[[Deviation], str]], ...] = (
    ("Date", lambda d: fmt_date(d.day)),
    ("Subject", lambda d: d.subject_id),
    ("Study", lambda d: d.study),
    ("Kind", lambda d: d.kind.word),
    ("What", lambda d: d.what),
    ("Detail", lambda d: d.detail),
    ("Recorded why", lambda d: d.reason or ""),
    ("Status", lambda d: d.status.capitalize()),
    ("Important", lambda d: _yes_no(d.important)),
    ("Category", lambda d: d.category or ""),
    ("Comment", lambda d: d.comment or ""),
    ("Signed", lambda d: d.signature),
)


def log_table(log: list[Deviation]) -> tuple[list[str], list[list[str]]]:
    """The log as a listing's columns and rows (the command line's export)."""
    return ([name for name, _ in LOG_COLUMNS],
            [[cell(d) for _, cell in LOG_COLUMNS] for d in log])


def review_deviation(db: Database, deviation: Deviation, important: bool,
                     category: str | None, comment: str | None, reason: str | None = None
                     ) -> None:
    """The site's review of a deviation: important or not, its category (one of the
    protocol's), a comment. A review already saved changes only with a reason."""
    protocol = study_protocol(db, deviation.study_id)
    check_category(protocol.code, protocol.deviation_categories, category)
    with reason_needed(), db.unit_of_work(reason=reason) as session:
        row = session.scalar(select(DeviationReview).where(
            DeviationReview.study_id == deviation.study_id,
            DeviationReview.key == deviation.key))
        if row is None:
            row = DeviationReview(study_id=deviation.study_id, key=deviation.key)
            session.add(row)
        else:
            refuse_newer(row, deviation.review_version, "important",
                         "Reviewed by someone else while you were reviewing: close the "
                         "window and open the deviation again")
        set_changed(row, {"important": important, "category": category,
                          "comment": (comment or "").strip() or None,
                          "reviewed_by": session.info.get("actor") or db.actor,
                          "reviewed_at": Clock.utc_now()})


__all__ = ["LOG_COLUMNS", "NEW", "REVIEWED", "Deviation", "DeviationKind", "deviation_log",
           "log_table", "review_deviation"]
