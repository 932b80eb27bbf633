"""The Response place's work, done off the window's thread: the site's results (the exact
intervals and Kaplan-Meier medians of app.rules.statistics) and its pictures (reportlab drawings
the window paints). It reads through the app's own database (its pool of connections, its
statements compiled once), in one read-only transaction on the worker thread."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from reportlab.graphics.shapes import Drawing

from app.rules.protocol import Protocol
from app.services.site_results import SiteAnalysis, site_analysis
from db import Database
from reports.response_plots import draw_all


def work_out(db: Database, protocol: Protocol, today: date,
             results: Callable[[SiteAnalysis], None] = lambda _a: None
             ) -> tuple[SiteAnalysis, dict[str, Drawing]]:
    """Read the site's results with the user's scope, group them every way, hand them to
    `results` (they show while the pictures are drawn), then draw them."""
    analysis = site_analysis(db, protocol, today)
    results(analysis)
    return analysis, draw_all(analysis.results.courses)
