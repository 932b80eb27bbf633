"""What the site records of the patient beyond visits and events: vital signs and ECG
readings per visit, concomitant medications and medical history. Clinical data: audited,
never deleted (entered in error by marking, with a reason)."""

from datetime import date

from sqlalchemy import Boolean, Date, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

import db.models  # noqa: F401  the tables this module's foreign keys name
from db.base import Audited, Base, SoftDelete, Versioned


class VitalSign(Audited, SoftDelete, Versioned, Base):
    """One reading (vital sign or ECG interval) taken at one visit; computed ones (BSA,
    QTcF) are stored as computed, so the record shows what the site saw."""

    __tablename__ = "vital_sign"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), index=True)
    visit_code: Mapped[str] = mapped_column(String(16))
    test: Mapped[str] = mapped_column(String(16))  # the protocol's measure code
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(16))
    #: outside its usual range, and the user confirmed it
    confirmed: Mapped[bool] = mapped_column(Boolean, default=False)


class ConMed(Audited, SoftDelete, Versioned, Base):
    """A concomitant medication; dates partial where the day or month is unknown."""

    __tablename__ = "con_med"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), index=True)
    drug: Mapped[str] = mapped_column(String(200))
    dose: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(20))
    route: Mapped[str | None] = mapped_column(String(20))
    frequency: Mapped[str | None] = mapped_column(String(20))
    indication: Mapped[str] = mapped_column(Text)
    start_date: Mapped[date | None] = mapped_column(Date)
    start_partial: Mapped[str | None] = mapped_column(String(11))
    end_date: Mapped[date | None] = mapped_column(Date)
    end_partial: Mapped[str | None] = mapped_column(String(11))
    ongoing: Mapped[bool] = mapped_column(Boolean, default=False)


class MedicalHistory(Audited, SoftDelete, Versioned, Base):
    """A condition the patient had or has, coded to a CTCAE term, with its grade at
    baseline: an AE of the same term is treatment-emergent only when worse."""

    __tablename__ = "medical_history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), index=True)
    term: Mapped[str] = mapped_column(String(200))
    meddra_code: Mapped[str | None] = mapped_column(String(16))
    grade: Mapped[int | None] = mapped_column(Integer)
    start_date: Mapped[date | None] = mapped_column(Date)
    start_partial: Mapped[str | None] = mapped_column(String(11))
    end_date: Mapped[date | None] = mapped_column(Date)
    end_partial: Mapped[str | None] = mapped_column(String(11))
    ongoing: Mapped[bool] = mapped_column(Boolean, default=False)
    comment: Mapped[str | None] = mapped_column(Text)
