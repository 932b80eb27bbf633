"""What a sponsor's monitor records at the site: source-data verification marks, the review
of the audit trail, and the monitoring visit reports they sign.

None of them is clinical data, but each is the monitor's own statement about it, so each is
audited and never deleted; a verification mark and a signed report are never changed either
(a new mark supersedes an older one)."""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

import db.models  # noqa: F401  the tables this module's foreign keys name
from db.base import Audited, Base, Versioned
from db.types import UtcDateTime


class SdvMark(Audited, Base):
    """One verification of one target (a visit, an AE, a scan, a PK panel): `kind` and
    `target` name it (a visit's, an AE's or a scan's record id; the visit code of a PK
    panel), `fields` the fields verified (comma-separated; None: the whole record), and
    `content` the values verified (JSON: field -> value) with their SHA-256."""

    __tablename__ = "sdv_mark"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), index=True)
    kind: Mapped[str] = mapped_column(String(8))  # visit | ae | scan | pk
    target: Mapped[str] = mapped_column(String(32))
    fields: Mapped[str | None] = mapped_column(Text)
    content: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    verified_by: Mapped[str] = mapped_column(String(120))
    verified_at: Mapped[datetime] = mapped_column(UtcDateTime)


class AuditReviewMark(Audited, Versioned, Base):
    """A line of the audit-trail review marked reviewed: `key` names the line ("audit:812",
    "access:40"), stable since the trail and the access log are append-only."""

    __tablename__ = "audit_review_mark"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    comment: Mapped[str] = mapped_column(Text)
    reviewed_by: Mapped[str] = mapped_column(String(120))
    reviewed_at: Mapped[datetime] = mapped_column(UtcDateTime)


class MonitorReport(Audited, Base):
    """A monitoring visit report as it was signed: the study, the period, and the SHA-256
    of what it said (its e-signature is a `Signature` of kind "mon_report")."""

    __tablename__ = "monitor_report"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    study_id: Mapped[int] = mapped_column(ForeignKey("study.id"), index=True)
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    content_hash: Mapped[str] = mapped_column(String(64))
    made_by: Mapped[str] = mapped_column(String(120))
    made_at: Mapped[datetime] = mapped_column(UtcDateTime)
