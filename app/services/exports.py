"""Listings exported as the user sees them, with a header saying what, where, when and who."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from app import __version__
from app.exchange.listing import Cell, ExportHeader, write_listing
from app.infra.clock import Clock
from app.services.worksheets import site_name as worksheet_site_name
from db import Database


def site_name(db: Database) -> str:
    """The site as exports name it: its name in the site settings (as the worksheets print
    it), else its database."""
    return worksheet_site_name(db) or db.display_name


def listing_header(db: Database, listing: str, study: str, user: str) -> ExportHeader:
    """What an export says about itself: the listing, study, site, now (UTC), who, version."""
    return ExportHeader(listing=listing, study=study, site=site_name(db), user=user,
                        at=Clock.utc_now(), version=__version__)


def export_listing(db: Database, path: Path | str, listing: str, study: str, user: str,
                   columns: Sequence[str], rows: Sequence[Sequence[Cell]]) -> int:
    """Write a listing on screen to CSV or XLSX; returns the rows written."""
    return write_listing(path, listing_header(db, listing, study, user), columns, rows)
