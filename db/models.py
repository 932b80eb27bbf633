"""Typed tables. Clinical tables mix in `Audited` and `SoftDelete`."""


from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Audited, Base, SoftDelete, Versioned
from db.partial_indexes import OPEN_BOOKING, STALE_BOOKING, partial_index
from db.types import UtcDateTime


class AuditEntry(Base):
    """One changed field of one clinical record, chained by hash to the entry before it.

    Append-only: triggers in the database abort any UPDATE or DELETE of this table.
    """

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)  # an aware UTC instant
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
    #: the database's identity: its audit key is found by it (db/keys.py); set by 0011, and
    #: from then on a chain without it is a tampered one
    database_id: Mapped[str | None] = mapped_column(String(32))


class SiteSetting(Audited, Base):
    """Site-wide settings kept with the data (time zone, backups kept, ...); audited, since
    they change what the data mean or how they are kept."""

    __tablename__ = "site_setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Patient(Audited, SoftDelete, Versioned, Base):
    """A person enrolled at the site, from consent onwards (screen failures stay on record)."""

    __tablename__ = "patient"
    __table_args__ = (UniqueConstraint("study_id", "subject_id"),)
    # status and next visit are derived by the calendar engine, not entered
    __audit_exclude__ = frozenset({"created_at", "updated_at", "status", "next_visit_code",
                                   "next_visit_date"})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: the study the patient is in; subject IDs are unique within it. Study 1 is the study
    #: every database starts with (migration 0013): the default where none is named
    study_id: Mapped[int] = mapped_column(ForeignKey("study.id"), index=True, default=1)
    subject_id: Mapped[str] = mapped_column(String(32))
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
    screen_fail_date: Mapped[date | None] = mapped_column(Date)
    # disposition
    last_dose_date: Mapped[date | None] = mapped_column(Date)
    end_of_treatment_reason: Mapped[str | None] = mapped_column(String(32))
    progression_date: Mapped[date | None] = mapped_column(Date)
    death_date: Mapped[date | None] = mapped_column(Date)
    death_partial: Mapped[str | None] = mapped_column(String(11))  # as entered, when partial
    death_cause: Mapped[str | None] = mapped_column(Text)
    withdrawal_date: Mapped[date | None] = mapped_column(Date)
    lost_to_follow_up_date: Mapped[date | None] = mapped_column(Date)
    new_therapy_date: Mapped[date | None] = mapped_column(Date)
    new_therapy: Mapped[str | None] = mapped_column(Text)
    # derived by the calendar engine at every change
    status: Mapped[str] = mapped_column(String(16), default="screening",
                                        server_default="screening", index=True)
    next_visit_code: Mapped[str | None] = mapped_column(String(16))
    next_visit_date: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    updated_at: Mapped[datetime | None] = mapped_column(DateTime, onupdate=func.now())


class VisitRecord(Audited, SoftDelete, Versioned, Base):
    """What the site booked and recorded for one visit of one patient."""

    __tablename__ = "visit_record"
    __audit_exclude__ = frozenset({"created_at", "updated_at"})
    __table_args__ = (UniqueConstraint("patient_id", "code"),
                      partial_index("ix_visit_record_open_booking", "patient_id", OPEN_BOOKING))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), index=True)
    code: Mapped[str] = mapped_column(String(16))
    unscheduled: Mapped[bool] = mapped_column(Boolean, default=False)
    unscheduled_reason: Mapped[str | None] = mapped_column(Text)
    booked_date: Mapped[date | None] = mapped_column(Date)
    booked_time: Mapped[time | None] = mapped_column(Time)
    booking_reason: Mapped[str | None] = mapped_column(Text)  # booked outside the window
    #: the chair or room the booking holds, and the nurse booked with the patient
    booked_place_id: Mapped[int | None] = mapped_column(ForeignKey("site_resource.id"),
                                                        index=True)
    booked_nurse: Mapped[str | None] = mapped_column(String(64))
    outcome: Mapped[str | None] = mapped_column(String(12))  # done | missed
    actual_date: Mapped[date | None] = mapped_column(Date)
    actual_time: Mapped[time | None] = mapped_column(Time)
    missed_reason: Mapped[str | None] = mapped_column(Text)
    delay_days: Mapped[int | None] = mapped_column(Integer)
    delay_reason: Mapped[str | None] = mapped_column(String(16))
    dose_level: Mapped[str | None] = mapped_column(String(32))
    dose_action: Mapped[str | None] = mapped_column(String(16))  # as planned | reduced | held
    dose_at: Mapped[datetime | None] = mapped_column(UtcDateTime)  # the dose PK counts from
    comment: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    updated_at: Mapped[datetime | None] = mapped_column(DateTime, onupdate=func.now())


class SurvivalContact(Audited, SoftDelete, Versioned, Base):
    """A survival follow-up contact after the last dose."""

    __tablename__ = "survival_contact"
    __audit_exclude__ = frozenset({"created_at"})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), index=True)
    visit_code: Mapped[str | None] = mapped_column(String(16))
    contact_date: Mapped[date] = mapped_column(Date)
    method: Mapped[str] = mapped_column(String(16))  # phone | clinic | records
    result: Mapped[str] = mapped_column(String(16))  # alive | dead | lost
    death_date: Mapped[date | None] = mapped_column(Date)
    subsequent_therapy: Mapped[str | None] = mapped_column(Text)
    comment: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())


class PkSample(Audited, SoftDelete, Versioned, Base):
    """One PK tube: when it was drawn, or why it was not; its printable sample ID."""

    __tablename__ = "pk_sample"
    __audit_exclude__ = frozenset({"created_at", "updated_at"})
    __table_args__ = (UniqueConstraint("patient_id", "visit_code", "timepoint"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), index=True)
    visit_code: Mapped[str] = mapped_column(String(16))
    timepoint: Mapped[str] = mapped_column(String(16))
    sample_id: Mapped[str] = mapped_column(String(80), unique=True)
    collected_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    not_collected_reason: Mapped[str | None] = mapped_column(Text)
    #: at the bench: when the spin started, when the aliquots were frozen
    spun_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    frozen_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    updated_at: Mapped[datetime | None] = mapped_column(DateTime, onupdate=func.now())


class AdverseEvent(Audited, SoftDelete, Versioned, Base):
    """An adverse event as the site records it: verbatim, then coded to a CTCAE term.

    Treatment-emergence, worst grade and the SAE clock are derived, never stored.
    """

    __tablename__ = "adverse_event"
    __audit_exclude__ = frozenset({"created_at", "updated_at"})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), index=True)
    verbatim: Mapped[str] = mapped_column(Text)
    meddra_code: Mapped[str | None] = mapped_column(String(16))  # None: not coded yet
    term: Mapped[str | None] = mapped_column(String(200))
    soc: Mapped[str | None] = mapped_column(String(120))
    other_specify: Mapped[str | None] = mapped_column(Text)
    onset_date: Mapped[date] = mapped_column(Date, index=True)  # imputed when partial
    end_date: Mapped[date | None] = mapped_column(Date)
    #: the dates as entered when the day or month is unknown ("UN-JAN-2026")
    onset_partial: Mapped[str | None] = mapped_column(String(11))
    end_partial: Mapped[str | None] = mapped_column(String(11))
    pre_existing: Mapped[bool] = mapped_column(Boolean, default=False)
    worsened_on: Mapped[date | None] = mapped_column(Date)
    serious: Mapped[bool] = mapped_column(Boolean, default=False)
    sae_criteria: Mapped[str | None] = mapped_column(String(200))  # comma-separated keys
    aware_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    reported_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    relationship: Mapped[str | None] = mapped_column(String(16))
    action: Mapped[str | None] = mapped_column(String(16))
    outcome: Mapped[str | None] = mapped_column(String(32))
    dlt: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    updated_at: Mapped[datetime | None] = mapped_column(DateTime, onupdate=func.now())


class AeGrade(Audited, SoftDelete, Versioned, Base):
    """One grade of an AE over a span of days: each change of grade is a new row."""

    __tablename__ = "ae_grade"
    __audit_exclude__ = frozenset({"created_at"})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ae_id: Mapped[int] = mapped_column(ForeignKey("adverse_event.id"), index=True)
    grade: Mapped[int] = mapped_column(Integer)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())


class TumourAssessment(Audited, SoftDelete, Versioned, Base):
    """One scan (or the investigator's overall response for it), per RECIST 1.1."""

    __tablename__ = "tumour_assessment"
    __audit_exclude__ = frozenset({"created_at"})
    __table_args__ = (UniqueConstraint("patient_id", "scan_date"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), index=True)
    visit_code: Mapped[str | None] = mapped_column(String(16))  # the scan visit it completes
    scan_date: Mapped[date] = mapped_column(Date)
    modality: Mapped[str | None] = mapped_column(String(16))
    baseline: Mapped[bool] = mapped_column(Boolean, default=False)
    new_lesion: Mapped[bool] = mapped_column(Boolean, default=False)
    overall: Mapped[str | None] = mapped_column(String(4))  # investigator's, when no lesions
    comment: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())


class LesionMeasurement(Audited, SoftDelete, Versioned, Base):
    """One lesion on one scan. Sizes are whole tenths of a millimetre: exact everywhere."""

    __tablename__ = "lesion_measurement"
    __audit_exclude__ = frozenset({"created_at"})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("tumour_assessment.id"), index=True)
    lesion_id: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(12))  # target | non_target
    organ: Mapped[str | None] = mapped_column(String(60))
    nodal: Mapped[bool] = mapped_column(Boolean, default=False)
    tenths_mm: Mapped[int | None] = mapped_column(Integer)
    too_small: Mapped[bool] = mapped_column(Boolean, default=False)
    not_assessed: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str | None] = mapped_column(String(16))  # a non-target's
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())


class CtcaeTerm(Base):
    """One term of the NCI CTCAE dictionary as imported; grades that do not exist are NULL.

    Reference data loaded from NCI's file, not clinical entry: replaced by an import, which
    the site_setting `ctcae_source` records (file, checksum, when, who).
    """

    __tablename__ = "ctcae_term"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meddra_code: Mapped[str] = mapped_column(String(16), unique=True)
    term: Mapped[str] = mapped_column(String(200), unique=True)
    soc: Mapped[str] = mapped_column(String(120), index=True)
    grade_1: Mapped[str | None] = mapped_column(Text)
    grade_2: Mapped[str | None] = mapped_column(Text)
    grade_3: Mapped[str | None] = mapped_column(Text)
    grade_4: Mapped[str | None] = mapped_column(Text)
    grade_5: Mapped[str | None] = mapped_column(Text)
    definition: Mapped[str | None] = mapped_column(Text)
    navigational_note: Mapped[str | None] = mapped_column(Text)
    #: the import that last wrote the term, and the one whose file no longer held it (a term
    #: an AE is coded to is never removed: it is kept, retired, out of the look-ups)
    import_id: Mapped[int | None] = mapped_column(ForeignKey("ctcae_import.id"), index=True)
    retired_by: Mapped[int | None] = mapped_column(ForeignKey("ctcae_import.id"), index=True)


class CtcaeImport(Base):
    """One import of the dictionary: the version a coded AE can be traced to."""

    __tablename__ = "ctcae_import"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    dictionary_version: Mapped[str] = mapped_column(String(32))
    terms: Mapped[int] = mapped_column(Integer)
    added: Mapped[int] = mapped_column(Integer)
    changed: Mapped[int] = mapped_column(Integer)
    retired: Mapped[int] = mapped_column(Integer)
    replace: Mapped[bool] = mapped_column(Boolean, default=False)
    imported_at: Mapped[datetime] = mapped_column(UtcDateTime)
    imported_by: Mapped[str] = mapped_column(String(120))


class PendingWork(Base):
    """Work a step left to finish (a calendar rebuild after an upgrade, say).

    Noted in the same transaction as the step, marked done when finished; whatever is not
    done when the app starts is done then, so a crash in between loses nothing.
    """

    __tablename__ = "pending_work"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    reason: Mapped[str | None] = mapped_column(Text)
    noted_at: Mapped[datetime] = mapped_column(UtcDateTime)
    done_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class CalendarVisit(Base):
    """The engine's calendar, stored for the worklist; rebuilt whole at every change.

    Derived data, not clinical entry: not audited, replaced rather than edited. `state` is
    what does not depend on the day (pending, done, done_out_of_window, missed, cancelled);
    planned/open/overdue are read from the window and today when listed.
    """

    __tablename__ = "calendar_visit"
    __table_args__ = (
        # Covers the worklist query whole: no lookups into the table's 100 rows a patient.
        Index("ix_calendar_visit_due", "state", "earliest", "latest", "patient_id", "target",
              "code", "label", "booked_date", "booked_time"),
        # Today's bookings to rebook: only those that may be stale (a handful at any site)
        partial_index("ix_calendar_visit_stale", "booked_date", STALE_BOOKING),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), index=True)
    code: Mapped[str] = mapped_column(String(16))
    label: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(32))
    cycle: Mapped[int | None] = mapped_column(Integer)
    target: Mapped[date] = mapped_column(Date)
    earliest: Mapped[date] = mapped_column(Date)
    latest: Mapped[date] = mapped_column(Date, index=True)
    state: Mapped[str] = mapped_column(String(20))
    actual: Mapped[date | None] = mapped_column(Date)
    booked_date: Mapped[date | None] = mapped_column(Date)
    booked_time: Mapped[time | None] = mapped_column(Time)
    reason: Mapped[str | None] = mapped_column(Text)
    #: the protocol version that made this visit (its label: "Amendment 2")
    protocol_version: Mapped[str | None] = mapped_column(String(40))


# the tables this module's foreign keys name (the patient's study, a booking's place): a
# flush sorts every mapped table by its foreign keys, and each must find its table
import db.booking  # noqa: E402
import db.studies  # noqa: E402, F401
