"""The site's delegation of authority log on paper (reportlab): per study, each person with
their tasks, the dates each applies from and to, and the principal investigator's
e-signature of it (printed name and UTC instant), or that it awaits approval. What the
monitor checks against who did what."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from app.infra.files import written_atomically
from app.rules.dates import fmt_date, fmt_datetime
from app.services.delegation import DelegationRow
from reports.fonts import markup, register_fonts

COLUMNS = ("Name", "Account", "Role", "Task", "From", "To", "Approved by the PI (e-signature)")


def approval_text(row: DelegationRow) -> str:
    if row.approved_at is None or row.approved_name is None:
        return "awaiting the PI's approval"
    return f"{row.approved_name}, {fmt_datetime(row.approved_at)} UTC"


def log_rows(rows: Sequence[DelegationRow]) -> list[list[str]]:
    """The log's lines as printed and exported: one per person and task."""
    return [[r.printed_name, r.account, r.role, r.task_word, fmt_date(r.start),
             fmt_date(r.end) if r.end else "ongoing", approval_text(r)] for r in rows]


def print_delegation_log(path: Path | str, rows: Sequence[DelegationRow], site: str,
                         printed_at: datetime, principals: dict[str, str]) -> Path:
    """One PDF, a section per study (landscape A4): `principals` gives each study's PI's
    printed name for its signature line."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    regular, bold, _cjk = register_fonts()
    base = getSampleStyleSheet()
    h = ParagraphStyle("h", parent=base["Heading2"], fontName=bold, fontSize=13)
    p = ParagraphStyle("p", parent=base["BodyText"], fontName=regular, fontSize=8.5,
                       leading=10.5)
    story: list[Flowable] = []
    studies = sorted({r.study for r in rows} | set(principals))
    for code in studies:
        mine = [r for r in rows if r.study == code]
        story.append(Paragraph(markup(f"Delegation of authority log: {code}"), h))
        story.append(Paragraph(markup(
            f"Site: {site}. Printed {fmt_datetime(printed_at)} UTC. Principal investigator: "
            f"{principals.get(code) or 'not named'}."), p))
        story.append(Spacer(1, 3 * mm))
        lines = log_rows(mine) or [["No task is delegated yet"] + [""] * 6]
        data = [[Paragraph(markup(c), p) for c in line] for line in [list(COLUMNS), *lines]]
        table = Table(data, repeatRows=1, colWidths=[38 * mm, 24 * mm, 22 * mm, 40 * mm,
                                                     27 * mm, 27 * mm, 80 * mm])
        table.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
            ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story += [table, Spacer(1, 8 * mm)]
    with written_atomically(path) as tmp:
        doc = SimpleDocTemplate(str(tmp), pagesize=landscape(A4), title="Delegation log",
                                leftMargin=12 * mm, rightMargin=12 * mm,
                                topMargin=12 * mm, bottomMargin=12 * mm)
        doc.build(story)
    return Path(path)
