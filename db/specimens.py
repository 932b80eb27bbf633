"""A PK tube's life after its draw: its aliquots, the freezer boxes that hold them, and the
shipments that take them to the central lab. Clinical records: audited, never deleted.

What an aliquot is (processed, stored, shipped, received) is derived from these rows, not
stored: a box position, a shipment dispatched, the lab's condition on receipt. Its chain of
custody (who put it where, when) is the audit trail of its row."""

from datetime import datetime

from sqlalchemy import Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

import db.models  # noqa: F401  the tables this module's foreign keys name
from db.base import Audited, Base, SoftDelete, Versioned
from db.types import UtcDateTime


class StorageBox(Audited, SoftDelete, Versioned, Base):
    """A freezer box: its label (a barcode), where it stands, its grid."""

    __tablename__ = "storage_box"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    study_id: Mapped[int] = mapped_column(ForeignKey("study.id"), index=True)
    label: Mapped[str] = mapped_column(String(40), unique=True)
    freezer: Mapped[str] = mapped_column(String(80))
    rack: Mapped[str | None] = mapped_column(String(40))
    rows: Mapped[int] = mapped_column(Integer)
    columns: Mapped[int] = mapped_column(Integer)


class Shipment(Audited, SoftDelete, Versioned, Base):
    """A batch of aliquots to the central lab. Its state follows its instants: packed at
    creation, dispatched, closed on a receipt, or cancelled before it left."""

    __tablename__ = "shipment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    study_id: Mapped[int] = mapped_column(ForeignKey("study.id"), index=True)
    courier: Mapped[str] = mapped_column(String(80))
    tracking: Mapped[str] = mapped_column(String(80))
    packed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    packed_by: Mapped[str] = mapped_column(String(120))
    dispatched_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    received_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    #: what the lab's receipt listed that was not in the shipment, one ID a line
    unexpected: Mapped[str | None] = mapped_column(Text)


class Aliquot(Audited, SoftDelete, Versioned, Base):
    """One aliquot of a processed tube: its own ID and label, where it is stored, the
    shipment it went in, and the lab's word on it (received, thawed, damaged, missing)."""

    __tablename__ = "aliquot"
    __table_args__ = (UniqueConstraint("pk_sample_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pk_sample_id: Mapped[int] = mapped_column(ForeignKey("pk_sample.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    aliquot_id: Mapped[str] = mapped_column(String(96), unique=True)
    label: Mapped[str] = mapped_column(String(40))
    volume_ml: Mapped[float] = mapped_column(Float)
    box_id: Mapped[int | None] = mapped_column(ForeignKey("storage_box.id"), index=True)
    position: Mapped[str | None] = mapped_column(String(4))
    shipment_id: Mapped[int | None] = mapped_column(ForeignKey("shipment.id"), index=True)
    condition: Mapped[str | None] = mapped_column(String(24))
    receipt_note: Mapped[str | None] = mapped_column(Text)
