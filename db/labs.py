"""Laboratory results and what they are judged by: the labs' reference ranges (LLN/ULN per
lab, analyte and sex, with their validity dates), the results per sample (entered by hand,
or imported and held for review), the files imported (a file is imported once) and the
column mappings each site keeps for its lab's export. All audited, none ever deleted.

Values are kept as the decimal text the lab printed ("1.50"), never as binary floats: a
grade boundary (1.5 x 10^9/L) stays exactly on the boundary on every backend."""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

import db.models  # noqa: F401  the tables this module's foreign keys name
from db.base import Audited, Base, SoftDelete, Versioned
from db.types import UtcDateTime


class LabReferenceRange(Audited, SoftDelete, Versioned, Base):
    """A lab's normal range of one analyte (for one sex, or both when `sex` is None),
    from `valid_from` to `valid_to` (None: still in use), in `unit`."""

    __tablename__ = "lab_reference_range"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    lab: Mapped[str] = mapped_column(String(80), index=True)
    analyte: Mapped[str] = mapped_column(String(16))
    sex: Mapped[str | None] = mapped_column(String(1))
    lln: Mapped[str | None] = mapped_column(String(32))
    uln: Mapped[str | None] = mapped_column(String(32))
    unit: Mapped[str] = mapped_column(String(16))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)


class LabImport(Audited, Base):
    """A file imported (its SHA-256: the same file twice is refused)."""

    __tablename__ = "lab_import"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(8))  # csv | xlsx | fhir
    mapping: Mapped[str | None] = mapped_column(String(80))
    rows: Mapped[int] = mapped_column(Integer)
    imported_at: Mapped[datetime] = mapped_column(UtcDateTime)


class LabResult(Audited, SoftDelete, Versioned, Base):
    """One analyte's result of one sample. `status`: pending (imported, not yet reviewed:
    it counts for nothing), accepted, rejected. A correction changes the value with its
    reason, in the audit trail. `ae_decision` is the investigator's answer to the adverse
    event the result's grade proposes: accepted (`ae_id` the AE made or re-graded) or
    dismissed (with `ae_reason`)."""

    __tablename__ = "lab_result"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), index=True)
    analyte: Mapped[str] = mapped_column(String(16))
    lab: Mapped[str] = mapped_column(String(80))
    sample_date: Mapped[date] = mapped_column(Date)
    sample_id: Mapped[str | None] = mapped_column(String(40))
    value: Mapped[str] = mapped_column(String(32))
    unit: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(12), index=True)
    source: Mapped[str] = mapped_column(String(8))  # manual | csv | xlsx | fhir
    import_id: Mapped[int | None] = mapped_column(ForeignKey("lab_import.id"), index=True)
    source_row: Mapped[int | None] = mapped_column(Integer)
    review_reason: Mapped[str | None] = mapped_column(Text)
    reviewed_by: Mapped[str | None] = mapped_column(String(64))
    reviewed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    ae_decision: Mapped[str | None] = mapped_column(String(12))
    ae_reason: Mapped[str | None] = mapped_column(Text)
    ae_id: Mapped[int | None] = mapped_column(ForeignKey("adverse_event.id"), index=True)


class LabMapping(Audited, SoftDelete, Versioned, Base):
    """A site's named column mapping of its lab's export: which column is the subject, the
    analyte, the value, ... and which of the lab's test names is which analyte (JSON)."""

    __tablename__ = "lab_mapping"
    __table_args__ = (UniqueConstraint("name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    columns: Mapped[str] = mapped_column(Text)
