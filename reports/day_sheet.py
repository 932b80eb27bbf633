"""The unit's day sheet (reportlab): each chair and room with its patients' blocks, their
nurse and PK timepoints, the visits held elsewhere (a scan, a call), each nurse's load and
what the book holds that it should not. Printed from the Planner for the morning huddle."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from app.infra.files import written_atomically
from app.rules.booking import Block
from app.rules.dates import fmt_date, fmt_datetime
from app.services.planner import PlanDay
from reports.fonts import markup, register_fonts

COLUMNS = ("Time", "Subject", "Visit", "Nurse", "PK timepoints", "Note")


def block_line(b: Block) -> list[str]:
    return [f"{b.start:%H:%M}-{b.end:%H:%M}", b.subject, b.code, b.nurse or "",
            " ".join(f"{t:%H:%M}" for t in b.ticks),
            "outside its window" if b.out_of_window else ""]


def sheet_lines(day: PlanDay) -> list[tuple[str, list[list[str]]]]:
    """(heading, lines) for each place, then the visits held elsewhere."""
    out = [(f"{name} ({kind})", [block_line(b) for b in blocks] or [["free", *[""] * 5]])
           for name, kind, blocks in day.places]
    if day.elsewhere:
        out.append(("Elsewhere (scans, calls)", [block_line(b) for b in day.elsewhere]))
    return out


def print_day_sheet(path: Path | str, day: PlanDay, site: str, printed_at: datetime) -> Path:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    regular, bold, _cjk = register_fonts()
    base = getSampleStyleSheet()
    h = ParagraphStyle("h", parent=base["Heading2"], fontName=bold, fontSize=13)
    h3 = ParagraphStyle("h3", parent=base["Heading3"], fontName=bold, fontSize=10.5)
    p = ParagraphStyle("p", parent=base["BodyText"], fontName=regular, fontSize=8.5,
                       leading=10.5)
    story: list[Flowable] = [
        Paragraph(markup(f"Day sheet: {day.day:%A} {fmt_date(day.day)}"), h),
        Paragraph(markup(f"Site: {site}. Printed {fmt_datetime(printed_at)}."
                         + (f" The site is closed: {day.closure}." if day.closure else "")), p),
        Spacer(1, 3 * mm)]
    for heading, lines in sheet_lines(day):
        story.append(Paragraph(markup(heading), h3))
        data = [[Paragraph(markup(c), p) for c in line] for line in [list(COLUMNS), *lines]]
        table = Table(data, repeatRows=1, colWidths=[24 * mm, 22 * mm, 16 * mm, 24 * mm,
                                                     64 * mm, 30 * mm])
        table.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
            ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story += [table, Spacer(1, 3 * mm)]
    loads = [f"{n.nurse}: {n.patients} patient(s), {n.tubes} PK tube(s)" for n in day.loads]
    story.append(Paragraph(markup("Nurses: " + ("; ".join(loads) or "none booked")), p))
    for c in day.conflicts:
        story.append(Paragraph(markup(f"Conflict: {c.what}"), p))
    with written_atomically(path) as tmp:
        doc = SimpleDocTemplate(str(tmp), pagesize=A4, title="Day sheet",
                                leftMargin=12 * mm, rightMargin=12 * mm,
                                topMargin=12 * mm, bottomMargin=12 * mm)
        doc.build(story)
    return Path(path)


__all__ = ["block_line", "print_day_sheet", "sheet_lines"]
