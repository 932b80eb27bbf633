"""Freezer boxes and what they hold: a box added with its label, an aliquot put in (or
moved to) a position, a box's grid, an aliquot's chain of custody read from its audit
trail (who put it where, when, why)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import NotFound
from app.rules.protocol import Protocol
from app.rules.specimens import (
    check_box_label,
    check_storable,
    parse_position,
    position_name,
)
from app.services.calendar import live
from app.services.changes import reason_needed, set_changed
from app.services.delegation_gate import delegated
from app.services.site_time import local, zone_in
from app.services.specimens import AliquotView, all_tubes
from app.services.studies import study_id_of
from db import Database
from db.models import AuditEntry, PkSample
from db.specimens import Aliquot, StorageBox


@dataclass(frozen=True)
class BoxView:
    id: int
    label: str
    freezer: str
    rack: str | None
    rows: int
    columns: int
    #: position name ("B3") -> the aliquot ID it holds
    held: dict[str, str]

    @property
    def where(self) -> str:
        return " / ".join(p for p in (self.freezer, self.rack, self.label) if p)

    def at(self, row: int, column: int) -> str | None:
        return self.held.get(position_name(row, column))

    @property
    def free(self) -> int:
        return self.rows * self.columns - len(self.held)


@delegated("pk_sampling")
def add_box(db: Database, protocol: Protocol, label: str, freezer: str, rack: str | None,
            today: date) -> str:
    """A new freezer box of the study's grid (the protocol's box size); returns its label."""
    assert protocol.specimens is not None, "a study without [specimens]"
    with db.unit_of_work() as session:
        text = (label or "").strip().upper()
        taken = session.scalar(select(StorageBox.id).where(StorageBox.label == text))
        text = check_box_label(label, taken is not None)
        session.add(StorageBox(study_id=study_id_of(session, protocol), label=text,
                               freezer=(freezer or "").strip() or "freezer",
                               rack=(rack or "").strip() or None,
                               rows=protocol.specimens.box_rows,
                               columns=protocol.specimens.box_columns))
    return text


def _held(session: Session, box_ids: list[int]) -> dict[int, dict[str, str]]:
    out: dict[int, dict[str, str]] = {i: {} for i in box_ids}
    for a in session.scalars(select(Aliquot).where(Aliquot.box_id.in_(box_ids),
                                                   live(Aliquot))):
        if a.box_id is not None and a.position:
            out[a.box_id][a.position] = a.aliquot_id
    return out


def boxes(db: Database, study: Protocol | None) -> list[BoxView]:
    with db.reading() as session:
        stmt = select(StorageBox).where(live(StorageBox)).order_by(StorageBox.label)
        if study is not None:
            stmt = stmt.where(StorageBox.study_id == study_id_of(session, study))
        found = list(session.scalars(stmt))
        held = _held(session, [b.id for b in found])
        return [BoxView(b.id, b.label, b.freezer, b.rack, b.rows, b.columns, held[b.id])
                for b in found]


def box(db: Database, label: str) -> BoxView:
    """One box by its label (scanned or typed)."""
    found = next((b for b in boxes(db, None) if b.label == label.strip().upper()), None)
    if found is None:
        raise NotFound("box", "No box {label}", label=label.strip())
    return found


def _aliquot(session: Session, aliquot: str) -> Aliquot:
    found = session.scalar(select(Aliquot).where(
        Aliquot.aliquot_id == aliquot.strip().upper(), live(Aliquot)))
    if found is None:
        raise NotFound("aliquot", "No aliquot {aliquot}", aliquot=aliquot.strip())
    return found


def aliquot_view(db: Database, protocol: Protocol | None, aliquot: str, now: datetime
                 ) -> AliquotView:
    wanted = aliquot.strip().upper()
    for t in all_tubes(db, protocol, now):
        for a in t.aliquots:
            if a.aliquot_id == wanted:
                return a
    raise NotFound("aliquot", "No aliquot {aliquot}", aliquot=aliquot.strip())


@delegated("pk_sampling")
def store_aliquot(db: Database, protocol: Protocol, aliquot: str, box_label: str,
                  position: str, now: datetime, reason: str | None = None) -> None:
    """Put an aliquot in a box position; a move (it was stored elsewhere) needs a reason,
    and its audit trail is its chain of custody."""
    state = aliquot_view(db, protocol, aliquot, now).state
    with reason_needed("Give a reason for moving a stored aliquot"), \
            db.unit_of_work(reason=reason) as session:
        row = _aliquot(session, aliquot)
        target = session.scalar(select(StorageBox).where(
            StorageBox.label == box_label.strip().upper(), live(StorageBox)))
        if target is None:
            raise NotFound("box", "No box {label}", label=box_label.strip())
        r, c = parse_position(position, target.rows, target.columns)
        name = position_name(r, c)
        occupant = session.scalar(select(Aliquot.aliquot_id).where(
            Aliquot.box_id == target.id, Aliquot.position == name, live(Aliquot)))
        check_storable(row.aliquot_id, state, target.label, name, occupant)
        set_changed(row, {"box_id": target.id, "position": name})


@dataclass(frozen=True)
class CustodyStep:
    at: datetime
    actor: str
    what: str
    reason: str | None


def custody(db: Database, aliquot: str) -> list[CustodyStep]:
    """Who did what with an aliquot, when, where: made, frozen, stored, moved, shipped,
    received, in order (its row's and its tube's audit trail)."""
    with db.reading() as session:
        row = _aliquot(session, aliquot)
        tube = session.get(PkSample, row.pk_sample_id)
        zone = zone_in(session)
        labels = {str(b.id): b.label for b in session.scalars(select(StorageBox))}
        entries = list(session.scalars(select(AuditEntry).where(
            ((AuditEntry.table_name == "aliquot") & (AuditEntry.record_id == str(row.id)))
            | ((AuditEntry.table_name == "pk_sample") & (AuditEntry.record_id == str(tube.id
                                                                                      if tube
                                                                                      else 0))
               & AuditEntry.field.in_(("collected_at", "spun_at", "frozen_at"))))
            .order_by(AuditEntry.seq)))
    steps: list[CustodyStep] = []
    box_now = None
    for e in entries:
        what = _custody_words(e, labels, box_now)
        if e.table_name == "aliquot" and e.field == "box_id":
            box_now = labels.get(e.new_value or "")
        if what:
            at = local(e.at, zone)
            assert at is not None
            steps.append(CustodyStep(at, e.actor, what, e.reason))
    return steps


def _custody_words(e: AuditEntry, labels: dict[str, str], box_now: str | None) -> str:
    words = {"collected_at": "drawn", "spun_at": "spin started", "frozen_at": "frozen"}
    if e.table_name == "pk_sample":
        return words.get(e.field or "", "") if e.new_value else ""
    if e.field == "aliquot_id" and e.action == "insert":
        return f"aliquot {e.new_value} made"
    if e.field == "position" and e.new_value:
        return f"stored in {box_now or '?'} at {e.new_value}"
    if e.field == "box_id" and not e.new_value:
        return f"taken out of {labels.get(e.old_value or '', '?')}"
    if e.field == "shipment_id":
        return (f"packed in shipment {e.new_value}" if e.new_value
                else f"taken out of shipment {e.old_value}")
    if e.field == "condition" and e.new_value:
        return f"lab: {e.new_value}"
    return ""


__all__ = ["BoxView", "CustodyStep", "add_box", "aliquot_view", "box", "boxes", "custody",
           "store_aliquot"]
