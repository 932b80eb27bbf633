"""Typed tables. Clinical tables mix in `Audited` and `SoftDelete`."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, Index, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Audited, Base, SoftDelete


class AuditEntry(Base):
    """One changed field of one clinical record, chained by hash to the entry before it.

    Append-only: triggers in the database abort any UPDATE or DELETE of this table.
    """

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)  # UTC, naive
    actor: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(16))  # insert | update | delete
    table_name: Mapped[str] = mapped_column(String(64))
    record_id: Mapped[str] = mapped_column(String(64))
    field: Mapped[str | None] = mapped_column(String(64))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))

    __table_args__ = (
        # The History tab reads one record's story.
        Index("ix_audit_log_record", "table_name", "record_id"),
    )


class AuditHead(Base):
    """The chain's last link, so that removing the newest audit entries is detected too.

    Its single row is also the lock that serialises writers of the chain.
    """

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))


class SiteSetting(Base):
    """Site-wide settings kept with the data (site name, subject-ID format, ...)."""

    __tablename__ = "site_setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Patient(Audited, SoftDelete, Base):
    """A person enrolled at the site, from consent onwards (screen failures stay on record)."""

    __tablename__ = "patient"
    __audit_exclude__ = frozenset({"created_at", "updated_at"})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subject_id: Mapped[str] = mapped_column(String(32), unique=True)
    initials: Mapped[str] = mapped_column(String(4))
    year_of_birth: Mapped[int | None] = mapped_column(Integer)
    sex: Mapped[str | None] = mapped_column(String(1))
    part: Mapped[int] = mapped_column(Integer)
    dose_level: Mapped[str | None] = mapped_column(String(32))
    cohort: Mapped[str | None] = mapped_column(String(32))
    consent_date: Mapped[date | None] = mapped_column(Date)
    screening_date: Mapped[date | None] = mapped_column(Date)
    planned_first_dose: Mapped[date | None] = mapped_column(Date)
    screen_fail_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    updated_at: Mapped[datetime | None] = mapped_column(DateTime, onupdate=func.now())
