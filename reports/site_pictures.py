"""The Response place's heavy work, done in a helper process: the site's results (scipy and
lifelines for the intervals and Kaplan-Meier medians) and its pictures (matplotlib). The
window's process never loads those libraries, never waits, and its memory stays its own."""

from __future__ import annotations

from datetime import date

from app.protocol import Protocol
from app.services.site_results import SiteAnalysis, site_analysis
from db.engine import open_reader
from reports.response_plots import draw_all


def work_out(url: str, studies: dict[int, str] | None, actor: str, protocol: Protocol,
             today: date, scale: float = 1.0) -> tuple[SiteAnalysis, dict[str, bytes]]:
    """Read the site's results with the user's scope, group them every way, draw them."""
    db = open_reader(url, studies, actor)
    try:
        analysis = site_analysis(db, protocol, today)
    finally:
        db.close()
    return analysis, draw_all(analysis.results.courses, scale)
