"""Studies as data: each protocol file loaded, its versions (amendments), who re-consented to
which version, and which accounts work on which study."""


from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Audited, Base, SoftDelete, Versioned
from db.types import UtcDateTime


class Study(Audited, Base):
    """One study the site runs; its rules are the text of its protocol versions."""

    __tablename__ = "study"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(Text)
    added_at: Mapped[datetime] = mapped_column(UtcDateTime, server_default=func.now())
    #: the services refuse an action to an account not delegated for it: turned on by an
    #: administrator once the study's log is filled in (the demo's studies have it on)
    delegation_enforced: Mapped[bool] = mapped_column(Boolean, default=False,
                                                      server_default=false())
    #: protocol training missing for the version in force: "warn" or "block"
    training_rule: Mapped[str] = mapped_column(String(8), default="warn",
                                               server_default="warn")
    #: the account of the principal investigator, who approves the delegation log
    principal_investigator: Mapped[str | None] = mapped_column(String(64))


class ProtocolVersion(Audited, Base):
    """One version of a study's protocol file, kept whole (the database reopens without the
    file) with its hash; `effective` is the date it applies from (None: from the start)."""

    __tablename__ = "protocol_version"
    __table_args__ = (UniqueConstraint("study_id", "sha256"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    study_id: Mapped[int] = mapped_column(ForeignKey("study.id"), index=True)
    label: Mapped[str] = mapped_column(String(40))
    effective: Mapped[date | None] = mapped_column(Date)
    sha256: Mapped[str] = mapped_column(String(64))
    file_name: Mapped[str] = mapped_column(String(255))
    content: Mapped[str] = mapped_column(Text)
    added_at: Mapped[datetime] = mapped_column(UtcDateTime, server_default=func.now())


class Reconsent(Audited, SoftDelete, Versioned, Base):
    """The date a patient consented to an amended protocol: from then on their calendar
    follows it."""

    __tablename__ = "reconsent"
    __table_args__ = (UniqueConstraint("patient_id", "protocol_version_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), index=True)
    protocol_version_id: Mapped[int] = mapped_column(ForeignKey("protocol_version.id"),
                                                     index=True)
    consent_date: Mapped[date] = mapped_column(Date)


class StudyMember(Audited, SoftDelete, Base):
    """An account assigned to a study, with its role there. An account with no assignment
    works on every study (the site's own staff before studies were assigned)."""

    __tablename__ = "study_member"
    __table_args__ = (UniqueConstraint("account", "study_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account: Mapped[str] = mapped_column(String(64), index=True)
    study_id: Mapped[int] = mapped_column(ForeignKey("study.id"), index=True)
    role: Mapped[str] = mapped_column(String(16))


import db.models  # noqa: E402, F401  the patient table this module's foreign keys name
