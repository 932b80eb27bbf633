"""A monitor's (or an investigator's) question about one record of a patient, or one field
of it, and the site's answer: open, answered, closed (and re-opened). Each step is an
update of the row, so the audit trail keeps who did which step, when, and with what text;
a query is never deleted."""

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

import db.models  # noqa: F401  the tables this module's foreign keys name
from db.base import Audited, Base, Versioned
from db.types import UtcDateTime


class DataQuery(Audited, Versioned, Base):
    """`target` names the record ("patient", "visit", "ae", "scan", "pk"), `ref` which one
    (a visit code, an AE's or a scan's id; none for the patient) and `field` the one field
    asked about (None: the whole record)."""

    __tablename__ = "data_query"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), index=True)
    target: Mapped[str] = mapped_column(String(16))
    ref: Mapped[str | None] = mapped_column(String(32))
    field: Mapped[str | None] = mapped_column(String(40))
    state: Mapped[str] = mapped_column(String(12), index=True)  # open | answered | closed
    text: Mapped[str] = mapped_column(Text)  # the question as opened (or re-opened)
    answer: Mapped[str | None] = mapped_column(Text)
    comment: Mapped[str | None] = mapped_column(Text)  # the closer's words
    opened_by: Mapped[str] = mapped_column(String(120))
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime)
    answered_by: Mapped[str | None] = mapped_column(String(120))
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    closed_by: Mapped[str | None] = mapped_column(String(120))
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
