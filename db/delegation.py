"""The delegation of authority log: which account may do which task on which study, from
and to which day, approved by the study's principal investigator; and each account's
training records (GCP, protocol training on a protocol version) with their expiry."""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

import db.models  # noqa: F401  the tables this module's foreign keys name
from db.base import Audited, Base, SoftDelete, Versioned
from db.types import UtcDateTime


class Delegation(Audited, SoftDelete, Versioned, Base):
    """One task delegated to one account on one study. Ending it sets `end_date` (audited,
    with a reason); the PI's approval is an e-signature kept on the row: the signer, the
    printed name and the UTC instant."""

    __tablename__ = "delegation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    study_id: Mapped[int] = mapped_column(ForeignKey("study.id"), index=True)
    account: Mapped[str] = mapped_column(String(64), index=True)
    task: Mapped[str] = mapped_column(String(40))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    approved_by: Mapped[str | None] = mapped_column(String(64))
    approved_name: Mapped[str | None] = mapped_column(String(120))
    approved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class TrainingRecord(Audited, SoftDelete, Versioned, Base):
    """A course an account completed: GCP, or a study's protocol training on one protocol
    version (its label: "Amendment 2"); `expires_on` None: it does not expire."""

    __tablename__ = "training_record"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    study_id: Mapped[int | None] = mapped_column(ForeignKey("study.id"), index=True)
    protocol_version: Mapped[str | None] = mapped_column(String(40))
    completed_on: Mapped[date] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
