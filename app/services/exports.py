"""Listings exported as the user sees them, with a header saying what, where, when and who."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from app import __version__
from app.exchange.listing import Cell, ExportHeader, write_listing
from app.infra.clock import Clock
from app.rules.site import site_label
from app.services.worksheets import SITE_NAME_KEY
from db import Database
from db.models import SiteSetting

SITE_NUMBER = "site_number"
SITE_COUNTRY = "site_country"  # ISO 3166-1 alpha-3, SDTM DM.COUNTRY


def site_name(db: Database) -> str:
    """The site as exports name it: its number and name from the site's settings, never its
    database's path or host; InvalidEntry (before any file is opened) while the number is
    unset."""
    with db.reading(purpose=None) as session:  # settings, not patient data
        number, name = (session.get(SiteSetting, key) for key in (SITE_NUMBER, SITE_NAME_KEY))
    return site_label(number.value if number else "", name.value if name else "")


def listing_header(db: Database, listing: str, study: str, user: str) -> ExportHeader:
    """What an export says about itself: the listing, study, site, now (UTC), who, version."""
    return ExportHeader(listing=listing, study=study, site=site_name(db), user=user,
                        at=Clock.utc_now(), version=__version__)


def export_listing(db: Database, path: Path | str, listing: str, study: str, user: str,
                   columns: Sequence[str], rows: Sequence[Sequence[Cell]]) -> int:
    """Write a listing on screen to CSV or XLSX; returns the rows written."""
    return write_listing(path, listing_header(db, listing, study, user), columns, rows)
