"""PK tubes at the bench and in the freezer: each drawn tube with its spin and freeze
clocks, its aliquots (made at the spin, with their own IDs), where each is stored, and the
whole list by state. The rules decide (app/rules/specimens.py); this loads and writes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from app.errors import NotFound
from app.rules.protocol import Protocol
from app.rules.protocol.specimens import SampleType
from app.rules.specimens import (
    AliquotState,
    BenchClock,
    ProcessingDeviation,
    aliquot_id,
    aliquot_state,
    bench_clocks,
    check_processing,
    processing_deviations,
)
from app.services.calendar import live
from app.services.changes import reason_needed, set_changed
from app.services.delegation_gate import delegated
from app.services.site_time import local, zone_in
from app.services.studies import study_id_of, study_protocols
from db import Database
from db.models import Patient, PkSample
from db.specimens import Aliquot, Shipment, StorageBox


@dataclass(frozen=True)
class AliquotView:
    id: int
    aliquot_id: str
    label: str
    volume_ml: float
    state: AliquotState
    box: str | None
    position: str | None
    shipment: int | None
    condition: str | None
    receipt_note: str | None


@dataclass(frozen=True)
class BenchTube:
    """One drawn tube as the bench sees it: its clocks at `now`, its deviations so far, its
    aliquots; `may_spin` and `may_freeze` say what the bench may still record."""

    pk_sample_id: int
    patient_id: int
    study: str
    subject_id: str
    visit: str
    timepoint: str
    tube_id: str
    sample_type: str
    drawn_at: datetime
    spun_at: datetime | None
    frozen_at: datetime | None
    clocks: tuple[BenchClock, ...]
    deviations: tuple[ProcessingDeviation, ...]
    aliquots: tuple[AliquotView, ...]
    spun: bool  # whether the sample type is centrifuged

    @property
    def may_spin(self) -> bool:
        return self.spun and self.spun_at is None and self.frozen_at is None

    @property
    def may_freeze(self) -> bool:
        return self.frozen_at is None and (self.spun_at is not None or not self.spun)

    @property
    def state(self) -> AliquotState:
        return AliquotState.DRAWN if self.frozen_at is None else AliquotState.PROCESSED


def _aliquot_view(a: Aliquot, frozen: bool, boxes: dict[int, str]) -> AliquotView:
    received = a.condition is not None and a.condition != "missing"
    return AliquotView(a.id, a.aliquot_id, a.label, a.volume_ml,
                       aliquot_state(frozen, a.box_id is not None or a.shipment_id is not None,
                                     a.shipment_id is not None, received),
                       boxes.get(a.box_id) if a.box_id is not None else None, a.position,
                       a.shipment_id, a.condition, a.receipt_note)


def _tubes(session: Session, protocols: dict[int, Protocol], now: datetime,
           where: Iterable[ColumnElement[bool]] = ()) -> list[BenchTube]:
    zone = zone_in(session)
    rows = session.execute(
        select(PkSample, Patient.subject_id, Patient.study_id)
        .join(Patient, Patient.id == PkSample.patient_id)
        .where(live(PkSample), live(Patient), PkSample.collected_at.is_not(None), *where)
        .order_by(PkSample.collected_at, PkSample.sample_id)).all()
    ids = [s.id for s, _, _ in rows]
    aliquots: dict[int, list[Aliquot]] = {}
    for a in session.scalars(select(Aliquot).where(Aliquot.pk_sample_id.in_(ids), live(Aliquot))
                             .order_by(Aliquot.number)) if ids else ():
        aliquots.setdefault(a.pk_sample_id, []).append(a)
    boxes = {b.id: b.label for b in session.scalars(select(StorageBox))}
    out = []
    for sample, subject, study_id in rows:
        protocol = protocols.get(study_id)
        if protocol is None or protocol.specimens is None:
            continue
        kind = protocol.specimens.type_of()
        drawn, spun, frozen = (local(sample.collected_at, zone), local(sample.spun_at, zone),
                               local(sample.frozen_at, zone))
        assert drawn is not None
        label = next((t.label for t in protocol.pk_timepoints if t.id == sample.timepoint),
                     sample.timepoint)
        out.append(BenchTube(
            sample.id, sample.patient_id, protocol.code, subject, sample.visit_code, label,
            sample.sample_id, kind.name, drawn, spun, frozen,
            bench_clocks(kind, drawn, spun, frozen, now.astimezone(zone),
                         protocol.specimens.amber_min),
            tuple(processing_deviations(kind, drawn, spun, frozen)),
            tuple(_aliquot_view(a, frozen is not None, boxes)
                  for a in aliquots.get(sample.id, [])),
            kind.spin_within_min is not None))
    return out


#: how long an unfrozen tube stays on the bench: one drawn before is past every limit, and
#: is found in the list by state (a tube drawn before the site used the bench, say)
BENCH_HOURS = 24


def bench(db: Database, study: Protocol | None, now: datetime, day: date | None = None
          ) -> list[BenchTube]:
    """The tubes drawn on `day` (on the site's clock) and those of the last BENCH_HOURS not
    frozen yet, of one study (None: every study with specimen rules), oldest draw first."""
    protocols = study_protocols(db)
    with db.reading() as session:
        study_id = None if study is None else study_id_of(session, study)
        chosen = {k: v for k, v in protocols.items() if study_id in (None, k)}
        tubes = _tubes(session, chosen, now)
    since = now - timedelta(hours=BENCH_HOURS)
    return [t for t in tubes if (t.frozen_at is None and t.drawn_at >= since)
            or (day is not None and t.drawn_at.date() == day)]


def tube(db: Database, tube_id: str, now: datetime) -> BenchTube:
    """One tube by its barcode (scanned or typed)."""
    protocols = study_protocols(db)
    with db.reading() as session:
        found = _tubes(session, protocols, now,
                       [PkSample.sample_id == tube_id.strip().upper()])
    if not found:
        raise NotFound("tube", "No drawn tube {tube}", tube=tube_id.strip())
    return found[0]


def all_tubes(db: Database, study: Protocol | None, now: datetime) -> list[BenchTube]:
    """Every drawn tube of a study (None: all), for the list by state."""
    protocols = study_protocols(db)
    with db.reading() as session:
        study_id = None if study is None else study_id_of(session, study)
        return _tubes(session, {k: v for k, v in protocols.items() if study_id in (None, k)},
                      now)


def _make_aliquots(session: Session, sample: PkSample, kind: SampleType) -> None:
    have = {a.number for a in session.scalars(select(Aliquot).where(
        Aliquot.pk_sample_id == sample.id))}
    for n, label in enumerate(kind.aliquot_labels, start=1):
        if n not in have:
            session.add(Aliquot(pk_sample_id=sample.id, number=n,
                                aliquot_id=aliquot_id(sample.sample_id, n), label=label,
                                volume_ml=kind.aliquot_volume_ml))


@delegated("pk_sampling")
def record_processing(db: Database, protocol: Protocol, tube_id: str,
                      spun_at: datetime | None, frozen_at: datetime | None, now: datetime,
                      reason: str | None = None) -> None:
    """The spin start and freeze time of a tube (None: leave as stored). The aliquots are
    made with the spin (with the freeze for a type that is not spun). Changing a saved time
    needs a reason."""
    assert protocol.specimens is not None, "a study without [specimens]"
    kind = protocol.specimens.type_of()
    with reason_needed(), db.unit_of_work(reason=reason) as session:
        sample = session.scalar(select(PkSample).where(
            PkSample.sample_id == tube_id.strip().upper(), live(PkSample)))
        if sample is None:
            raise NotFound("tube", "No tube {tube}", tube=tube_id.strip())
        zone = zone_in(session)
        spun = local(spun_at or sample.spun_at, zone)
        frozen = local(frozen_at or sample.frozen_at, zone)
        check_processing(sample.sample_id, kind, local(sample.collected_at, zone), spun,
                         frozen, now)
        set_changed(sample, {"spun_at": spun, "frozen_at": frozen})
        session.flush()
        if spun is not None or (frozen is not None and kind.spin_within_min is None):
            _make_aliquots(session, sample, kind)


def shipment_of(session: Session, number: int) -> Shipment:
    found = session.get(Shipment, number)
    if found is None or found.deleted_at is not None:
        raise NotFound("shipment", "No shipment {n}", n=number)
    return found


__all__ = ["AliquotView", "BenchTube", "all_tubes", "bench", "record_processing",
           "shipment_of", "tube"]
