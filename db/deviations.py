"""The site's review of a deviation the rules derive: whether it is important, its
category (from the protocol file), a comment. The deviation itself is never stored: it is
derived again from the data each time; only the review is the site's entry."""


from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

import db.models  # noqa: F401  the tables this module's foreign keys name
from db.base import Audited, Base, Versioned
from db.types import UtcDateTime


class DeviationReview(Audited, Versioned, Base):
    """A deviation reviewed: `key` names the deviation ("visit:12:C2D1", "pk:12:LI:1h",
    "sae:7"), stable as long as what it is about stays."""

    __tablename__ = "deviation_review"
    __table_args__ = (UniqueConstraint("study_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    study_id: Mapped[int] = mapped_column(ForeignKey("study.id"), index=True)
    key: Mapped[str] = mapped_column(String(120))
    important: Mapped[bool] = mapped_column(Boolean, default=False)
    category: Mapped[str | None] = mapped_column(String(80))
    comment: Mapped[str | None] = mapped_column(Text)
    reviewed_by: Mapped[str] = mapped_column(String(120))
    reviewed_at: Mapped[datetime] = mapped_column(UtcDateTime)
