"""The site's appointment book's resources: its chairs (or beds) and rooms, and the days
it is closed. Opening hours and each account's working days are site settings. A booking
itself is the visit record's booked date and time, with its place and nurse."""

from datetime import date

from sqlalchemy import Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Audited, Base, SoftDelete, Versioned


class SiteResource(Audited, SoftDelete, Versioned, Base):
    """A chair (or bed) or a room the unit books; retired by soft delete, with a reason."""

    __tablename__ = "site_resource"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(8))  # chair | room


class SiteClosure(Audited, SoftDelete, Versioned, Base):
    """A day the site sees no patient (a holiday); withdrawn by soft delete."""

    __tablename__ = "site_closure"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    label: Mapped[str] = mapped_column(String(80))
