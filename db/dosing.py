"""What the site records of dosing and escalation: the cohort slots the sponsor opened, each
patient's dose modifications and holds, the study drug dispensed and returned, the SMC's
decisions and the investigator's DLT review. All clinical data: audited, never deleted
(withdrawn by marking, with a reason)."""


from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

import db.models  # noqa: F401  the tables this module's foreign keys name
from db.base import Audited, Base, SoftDelete, Versioned
from db.types import UtcDateTime


class CohortSlot(Audited, SoftDelete, Versioned, Base):
    """Slots the sponsor opened at a Part 1 dose level; patients enrolled at that level
    fill them in order."""

    __tablename__ = "cohort_slot"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    study_id: Mapped[int] = mapped_column(ForeignKey("study.id"), index=True)
    dose_level: Mapped[str] = mapped_column(String(32))
    slots: Mapped[int] = mapped_column(Integer)
    opened_on: Mapped[date] = mapped_column(Date)
    reference: Mapped[str | None] = mapped_column(Text)  # the sponsor's letter or e-mail


class DoseModification(Audited, SoftDelete, Versioned, Base):
    """A patient's dose changed (reduced, re-escalated) or held, from a day, with why."""

    __tablename__ = "dose_modification"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # reduction | re-escalation | hold
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)  # a hold's last day held
    from_level: Mapped[str | None] = mapped_column(String(32))
    to_level: Mapped[str | None] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(Text)
    ae_id: Mapped[int | None] = mapped_column(ForeignKey("adverse_event.id"), index=True)


class Dispensing(Audited, SoftDelete, Versioned, Base):
    """Study drug handed out for one cycle (lot, tablets), what came back, and the doses
    the patient's diary says were missed."""

    __tablename__ = "dispensing"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), index=True)
    cycle: Mapped[int] = mapped_column(Integer)
    dispensed_on: Mapped[date] = mapped_column(Date)
    lot: Mapped[str] = mapped_column(String(40))
    dispensed: Mapped[int] = mapped_column(Integer)
    returned_on: Mapped[date | None] = mapped_column(Date)
    returned: Mapped[int | None] = mapped_column(Integer)
    missed_doses: Mapped[int | None] = mapped_column(Integer)
    comment: Mapped[str | None] = mapped_column(Text)


class SmcDecision(Audited, SoftDelete, Versioned, Base):
    """The Safety Monitoring Committee's decision as the sponsor communicated it."""

    __tablename__ = "smc_decision"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    study_id: Mapped[int] = mapped_column(ForeignKey("study.id"), index=True)
    decided_on: Mapped[date] = mapped_column(Date)
    # escalate | stay | de-escalate | MTD declared | RP2D declared
    decision: Mapped[str] = mapped_column(String(16))
    dose_level: Mapped[str] = mapped_column(String(32))
    minutes_ref: Mapped[str | None] = mapped_column(Text)
    comment: Mapped[str | None] = mapped_column(Text)


class DltReview(Audited, Versioned, Base):
    """The investigator's review of one Part 1 patient at the end of the DLT period:
    evaluable or not, DLT or not; signed as a "DLT review"."""

    __tablename__ = "dlt_review"
    __table_args__ = (UniqueConstraint("patient_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), index=True)
    evaluable: Mapped[bool] = mapped_column(Boolean)
    dlt: Mapped[bool] = mapped_column(Boolean)
    comment: Mapped[str | None] = mapped_column(Text)
    reviewed_by: Mapped[str] = mapped_column(String(120))
    reviewed_at: Mapped[datetime] = mapped_column(UtcDateTime)
