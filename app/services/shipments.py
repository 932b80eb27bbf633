"""Shipments to the central lab: aliquots picked (by patient, cycle, or all stored and
due), packed with the courier and tracking number, dispatched or cancelled before they
leave, the manifest in the lab's columns, and the lab's receipt reconciled. Every change is
audited; a discrepancy is a deviation whose reason the site records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from app.errors import NotFound
from app.rules.dates import fmt_datetime
from app.rules.protocol import Protocol
from app.rules.shipments import (
    Condition,
    Reconciliation,
    ShipmentState,
    check_cancel,
    check_courier,
    check_discrepancy_reason,
    check_dispatch,
    check_receivable,
    check_shippable,
    due_to_ship,
    read_receipt,
    reconcile,
    shipment_state,
)
from app.rules.specimens import AliquotState
from app.services.calendar import live
from app.services.changes import reason_needed, set_changed
from app.services.delegation_gate import delegated
from app.services.site_time import local, zone_in
from app.services.specimens import AliquotView, BenchTube, all_tubes, shipment_of
from app.services.studies import study_codes, study_id_of
from db import Database
from db.specimens import Aliquot, Shipment

DISCREPANT = (Condition.MISSING, Condition.THAWED, Condition.DAMAGED)


@dataclass(frozen=True)
class ShipmentView:
    number: int
    study: str
    courier: str
    tracking: str
    packed_at: datetime
    packed_by: str
    dispatched_at: datetime | None
    received_at: datetime | None
    state: ShipmentState
    aliquots: tuple[str, ...]
    unexpected: tuple[str, ...]

    @property
    def may_cancel(self) -> bool:
        return self.state is ShipmentState.PACKED

    @property
    def may_receive(self) -> bool:
        return self.state in (ShipmentState.PACKED, ShipmentState.DISPATCHED)


def _views(db: Database, study: Protocol | None, number: int | None = None
           ) -> list[ShipmentView]:
    codes = study_codes(db)
    with db.reading() as session:
        zone = zone_in(session)
        stmt = select(Shipment).where(live(Shipment)).order_by(Shipment.id)
        if study is not None:
            stmt = stmt.where(Shipment.study_id == study_id_of(session, study))
        if number is not None:
            stmt = stmt.where(Shipment.id == number)
        out = []
        for s in session.scalars(stmt):
            rows = list(session.scalars(select(Aliquot).where(
                Aliquot.shipment_id == s.id, live(Aliquot)).order_by(Aliquot.aliquot_id)))
            unexplained = sum(1 for a in rows if a.condition in DISCREPANT
                              and not a.receipt_note)
            packed = local(s.packed_at, zone)
            assert packed is not None
            out.append(ShipmentView(
                s.id, codes.get(s.study_id, ""), s.courier, s.tracking, packed, s.packed_by,
                local(s.dispatched_at, zone), local(s.received_at, zone),
                shipment_state(s.cancelled_at is not None, s.dispatched_at is not None,
                               s.received_at is not None, unexplained),
                tuple(a.aliquot_id for a in rows),
                tuple((s.unexpected or "").split()) if s.unexpected else ()))
    return out


def shipments(db: Database, study: Protocol | None) -> list[ShipmentView]:
    return _views(db, study)


def shipment(db: Database, number: int) -> ShipmentView:
    found = _views(db, None, number)
    if not found:
        raise NotFound("shipment", "No shipment {n}", n=number)
    return found[0]


def _cycle(protocol: Protocol, visit: str) -> int | None:
    n = protocol.cycle_number(visit)
    if n is None and protocol.cycles is not None and visit == protocol.cycles.first_visit:
        return 1
    return n if n is not None else (0 if protocol.visit(visit) is not None else None)


def pick(db: Database, protocol: Protocol, now: datetime, subject: str | None = None,
         cycle: int | None = None, due_only: bool = False) -> list[str]:
    """The stored aliquots to ship: of one patient, of one cycle (cycle 1 takes the
    lead-in days' too), or every stored one that is due by the protocol's shipping
    frequency."""
    assert protocol.specimens is not None, "a study without [specimens]"
    tubes = all_tubes(db, protocol, now)
    latest: dict[str, int] = {}
    for t in tubes:
        c = _cycle(protocol, t.visit)
        latest[t.subject_id] = max(latest.get(t.subject_id, 0), c or 0)
    out = []
    for t in tubes:
        if subject is not None and t.subject_id != subject.strip():
            continue
        c = _cycle(protocol, t.visit)
        if cycle is not None and c != cycle and not (cycle == 1 and c == 0):
            continue
        if due_only and not due_to_ship(protocol.specimens.frequency, t.drawn_at.date(),
                                        now.date(), c, latest.get(t.subject_id)):
            continue
        out += [a.aliquot_id for a in t.aliquots if a.state is AliquotState.STORED]
    return out


@delegated("pk_sampling")
def create_shipment(db: Database, protocol: Protocol, aliquots: list[str], courier: str,
                    tracking: str, now: datetime) -> int:
    """Pack the aliquots for the central lab: they are shipped from now on (a shipment
    can be cancelled until it is dispatched). Returns its number."""
    courier, tracking = check_courier(courier, tracking)
    states = {a.aliquot_id: a for t in all_tubes(db, protocol, now) for a in t.aliquots}
    wanted = [a.strip().upper() for a in aliquots]
    for a in wanted:
        if a not in states:
            raise NotFound("aliquots", "No aliquot {aliquot}", aliquot=a)
    check_shippable([(a, states[a].state, states[a].shipment) for a in wanted])
    with db.unit_of_work() as session:
        row = Shipment(study_id=study_id_of(session, protocol), courier=courier,
                       tracking=tracking, packed_at=now,
                       packed_by=session.info.get("actor") or db.actor)
        session.add(row)
        session.flush()
        for packed in session.scalars(select(Aliquot).where(Aliquot.aliquot_id.in_(wanted))):
            set_changed(packed, {"shipment_id": row.id})
        return row.id


@delegated("pk_sampling")
def cancel_shipment(db: Database, protocol: Protocol, number: int, reason: str | None,
                    now: datetime) -> None:
    """Unpack a shipment that has not left: its aliquots are stored again where they were."""
    state = shipment(db, number).state
    check_cancel(number, state)
    with reason_needed("Give a reason for cancelling the shipment"), \
            db.unit_of_work(reason=reason) as session:
        row = shipment_of(session, number)
        set_changed(row, {"cancelled_at": now})
        for a in session.scalars(select(Aliquot).where(Aliquot.shipment_id == number)):
            set_changed(a, {"shipment_id": None})


def _dispatch(db: Database, number: int, now: datetime, why: str) -> None:
    with db.unit_of_work(reason=why) as session:
        row = shipment_of(session, number)
        set_changed(row, {"dispatched_at": now})
        for a in session.scalars(select(Aliquot).where(Aliquot.shipment_id == number)):
            set_changed(a, {"box_id": None, "position": None})


@delegated("pk_sampling")
def dispatch_shipment(db: Database, protocol: Protocol, number: int, now: datetime) -> None:
    """The shipment left with the courier: its aliquots leave their box positions."""
    view = shipment(db, number)
    check_dispatch(number, view.state)
    _dispatch(db, number, now, f"dispatched in shipment {number} ({view.courier} "
                               f"{view.tracking})")


@delegated("pk_sampling")
def receive_shipment(db: Database, protocol: Protocol, number: int, path: Path | str,
                     now: datetime) -> Reconciliation:
    """The lab's receipt file reconciled with what was shipped, all or nothing: each
    aliquot's condition recorded, what the lab lists that was not shipped kept."""
    from app.services.patient_import import read_table

    assert protocol.specimens is not None, "a study without [specimens]"
    view = shipment(db, number)
    check_receivable(number, view.state)
    table = read_table(Path(path))
    lines = read_receipt(table[0] if table else [], table[1:],
                         protocol.specimens.receipt_id_column,
                         protocol.specimens.receipt_condition_column)
    result = reconcile(view.aliquots, lines)
    with db.unit_of_work(reason=f"receipt of shipment {number}") as session:
        row = shipment_of(session, number)
        set_changed(row, {"received_at": now, "dispatched_at": row.dispatched_at or now,
                          "unexpected": "\n".join(result.unexpected) or None})
        for a in session.scalars(select(Aliquot).where(Aliquot.shipment_id == number)):
            set_changed(a, {"condition": str(result.condition(a.aliquot_id)),
                            "box_id": None, "position": None})
    return result


@delegated("pk_sampling")
def explain_discrepancy(db: Database, protocol: Protocol, aliquot: str, reason: str,
                        today: date) -> None:
    """The site's why of an aliquot the lab found missing, thawed or damaged."""
    with db.unit_of_work(reason="discrepancy explained") as session:
        row = session.scalar(select(Aliquot).where(
            Aliquot.aliquot_id == aliquot.strip().upper(), live(Aliquot)))
        if row is None:
            raise NotFound("aliquot", "No aliquot {aliquot}", aliquot=aliquot.strip())
        text = check_discrepancy_reason(row.aliquot_id, row.condition, reason)
        set_changed(row, {"receipt_note": text})


@dataclass(frozen=True)
class Manifest:
    """What the manifest prints and exports: the lab's columns and one row per aliquot."""

    shipment: ShipmentView
    lab_name: str
    lab_address: tuple[str, ...]
    conditions: str
    storage: str
    headings: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    aliquot_ids: tuple[str, ...]


def _field(field: str, t: BenchTube, a: AliquotView, view: ShipmentView, volume: float
           ) -> str:
    values = {"aliquot_id": a.aliquot_id, "tube_id": t.tube_id, "study": t.study,
              "subject": t.subject_id, "visit": t.visit, "timepoint": t.timepoint,
              "matrix": t.sample_type, "volume_ml": f"{volume:g}",
              "drawn": fmt_datetime(t.drawn_at), "spun": fmt_datetime(t.spun_at),
              "frozen": fmt_datetime(t.frozen_at), "box": a.box or "",
              "position": a.position or "", "shipment": str(view.number),
              "condition": a.condition or ""}
    return values[field]


def manifest(db: Database, protocol: Protocol, number: int, now: datetime) -> Manifest:
    assert protocol.specimens is not None, "a study without [specimens]"
    s = protocol.specimens
    view = shipment(db, number)
    wanted = set(view.aliquots)
    rows, ids = [], []
    for t in all_tubes(db, protocol, now):
        for a in t.aliquots:
            if a.aliquot_id in wanted:
                rows.append(tuple(_field(c.field, t, a, view, a.volume_ml)
                                  for c in s.manifest))
                ids.append(a.aliquot_id)
    kind = s.type_of()
    return Manifest(view, s.lab_name, s.lab_address, s.shipping_conditions,
                    kind.storage_temperature, tuple(c.heading for c in s.manifest),
                    tuple(rows), tuple(ids))


__all__ = ["Manifest", "ShipmentView", "cancel_shipment", "create_shipment",
           "dispatch_shipment", "explain_discrepancy", "manifest", "pick",
           "receive_shipment", "shipment", "shipments"]
