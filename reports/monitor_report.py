"""The monitoring visit report as a PDF (reportlab): the period, what was verified (counts
per kind, then each mark), the queries, the deviations, the open safety items, the audit
review, and the monitor's e-signature with the report's SHA-256."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.infra.files import written_atomically
from app.rules.dates import fmt_date
from app.services.monitor_report import SignedReport
from reports.fonts import markup, register_fonts

if TYPE_CHECKING:
    from reportlab.platypus import Flowable


def _styles() -> dict[str, Any]:
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet

    base = getSampleStyleSheet()
    regular, bold, _cjk = register_fonts()
    return {"title": ParagraphStyle("t", parent=base["Title"], fontName=bold, fontSize=15),
            "h": ParagraphStyle("h", parent=base["Heading3"], fontName=bold, fontSize=11,
                                spaceBefore=10, spaceAfter=4, keepWithNext=1),
            "p": ParagraphStyle("p", parent=base["BodyText"], fontName=regular, fontSize=8.5,
                                leading=10.5)}


def _table(rows: Sequence[Sequence[object]], widths: list[float], style: Any) -> Flowable:
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    _regular, bold, _cjk = register_fonts()
    cells = [[Paragraph(markup(str(c)), style) for c in row] for row in rows]
    table = Table(cells, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                               ("FONTNAME", (0, 0), (-1, 0), bold),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def _story(report: SignedReport, width: float) -> list[Flowable]:
    from reportlab.platypus import Paragraph, Spacer

    d, s = report.data, _styles()
    p = s["p"]

    def para(text: str, style: str = "p") -> Flowable:
        return Paragraph(markup(text), s[style])

    out: list[Flowable] = [
        para("Monitoring visit report", "title"),
        para(f"Study {d.study}: {d.title}"),
        para(f"Site: {d.site or '(site name not set)'}"),
        para(f"Period: {fmt_date(d.start)} to {fmt_date(d.end)}. Monitor: "
             f"{report.signature.printed_name} ({d.monitor})"),
        Spacer(1, 6),
        para("Source-data verification", "h")]
    out.append(_table([("Record", "Verified in the period", "Verified (all)",
                        "Changed since verified", "Asked by the plan, not verified", "On file")]
                      + [(c.kind, c.verified_in_period, c.verified, c.changed,
                          c.required_not_verified, c.total) for c in d.counts],
                      [width * f for f in (0.2, 0.16, 0.14, 0.16, 0.2, 0.14)], p))
    if d.verified:
        out.append(para("Verified in the period", "h"))
        out.append(_table([("Subject", "Record", "What", "Verified on", "By", "State now"),
                           *d.verified],
                          [width * f for f in (0.13, 0.13, 0.28, 0.15, 0.13, 0.18)], p))
    out.append(para("Queries", "h"))
    q = d.queries
    oldest = "none open" if q.oldest_open_days is None else f"{q.oldest_open_days} days"
    out.append(_table([("Opened", "Answered", "Closed", "Open now", "Oldest open"),
                       (q.opened, q.answered, q.closed, q.open_now, oldest)],
                      [width / 5] * 5, p))
    out.append(para(f"Deviations in the period ({len(d.deviations)})", "h"))
    if d.deviations:
        out.append(_table([("Subject", "Day", "Kind", "What", "Detail"), *list(d.deviations)],
                          [width * f for f in (0.13, 0.14, 0.18, 0.25, 0.3)], p))
    else:
        out.append(para("None."))
    out.append(para(f"Open safety items ({len(d.safety)})", "h"))
    if d.safety:
        out.append(_table([("Subject", "AE", "Onset", "Open"), *list(d.safety)],
                          [width * f for f in (0.15, 0.35, 0.15, 0.35)], p))
    else:
        out.append(para("None."))
    out.append(para("Audit-trail review", "h"))
    if d.audit:
        out.append(_table([("Finding", "Lines", "Reviewed"), *list(d.audit)],
                          [width * f for f in (0.5, 0.25, 0.25)], p))
    else:
        out.append(para("Nothing to review in the period."))
    out += [Spacer(1, 14), para("Signature", "h"), para(report.signature.text),
            para(f"Report SHA-256: {report.signature.content_hash}")]
    return out


def write_monitor_report(report: SignedReport, path: Path | str) -> Path:
    """The signed report into `path`, written whole or not at all."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    regular, _bold, _cjk = register_fonts()
    path = Path(path)
    with written_atomically(path) as tmp:
        doc = SimpleDocTemplate(str(tmp), pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm,
                                topMargin=15 * mm, bottomMargin=15 * mm,
                                title=f"Monitoring visit report {report.data.study}",
                                author="Site Tracker", creator="Site Tracker",
                                initialFontName=regular, invariant=False)
        doc.build(_story(report, A4[0] - 30 * mm))
    return path
