"""A shipment's manifest on paper (reportlab): the central lab's address, the shipment's
courier and tracking number, the shipping conditions, one line per aliquot in the lab's
columns with its ID as a Code 128 barcode (the lab scans it on receipt), and the lines the
packer and the lab sign. A freezer box's contents print the same way, position by position."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from app.infra.files import written_atomically
from app.rules.dates import fmt_datetime
from app.services.shipments import Manifest
from app.services.storage import BoxView
from reports.fonts import markup, register_fonts

BARCODE_MM = 86  # the barcode column's width


def _barcode(value: str) -> Any:
    """A Code 128 symbol as wide a bar as the column allows (0.19 mm at least)."""
    from reportlab.graphics.barcode.code128 import Code128
    from reportlab.lib.units import mm

    modules = Code128(value, barWidth=1, quiet=True).width
    bar = max(0.19 * mm, min(0.3 * mm, (BARCODE_MM - 4) * mm / modules))
    return Code128(value, barHeight=8 * mm, barWidth=bar, quiet=True, humanReadable=False)


def _widths(headings: Sequence[str], rows: Sequence[Sequence[str]], room: float
            ) -> list[float]:
    """The lab's columns share the room by the length of what they hold."""
    sizes = [max([len(h) * 0.6, 8] + [len(r[i]) for r in rows]) for i, h in enumerate(headings)]
    return [room * n / sum(sizes) for n in sizes]


def _styles() -> tuple[Any, Any, Any]:
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet

    regular, bold, _cjk = register_fonts()
    base = getSampleStyleSheet()
    return (ParagraphStyle("h", parent=base["Heading2"], fontName=bold, fontSize=13),
            ParagraphStyle("p", parent=base["BodyText"], fontName=regular, fontSize=8.5,
                           leading=10.5),
            ParagraphStyle("b", parent=base["BodyText"], fontName=bold, fontSize=8.5,
                           leading=10.5))


def _build(path: Path | str, story: list[Any], title: str) -> Path:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    with written_atomically(Path(path)) as tmp:
        doc = SimpleDocTemplate(str(tmp), pagesize=landscape(A4), title=title,
                                leftMargin=10 * mm, rightMargin=10 * mm,
                                topMargin=10 * mm, bottomMargin=10 * mm)
        doc.build(story)
    return Path(path)


def _grid(data: Sequence[Sequence[Any]], widths: Sequence[float] | None = None) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    table = Table(list(map(list, data)), repeatRows=1, colWidths=widths)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    return table


def print_manifest(path: Path | str, m: Manifest, site: str, printed_at: datetime) -> Path:
    """The manifest PDF (landscape A4); returns its path."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    h, p, b = _styles()
    s = m.shipment
    story: list[Any] = [Paragraph(markup(f"Sample shipment manifest: shipment {s.number}, "
                                         f"{s.study}"), h)]
    address = "<br/>".join(markup(line) for line in (m.lab_name, *m.lab_address))
    facts = [f"From: {site}", f"Courier: {s.courier}", f"Tracking number: {s.tracking}",
             f"Packed: {fmt_datetime(s.packed_at)} by {s.packed_by}",
             f"Shipping conditions: {m.conditions}", f"Storage on arrival: {m.storage}",
             f"Aliquots: {len(m.rows)}", f"Printed: {fmt_datetime(printed_at)}"]
    story.append(_grid([[Paragraph(markup("To"), b), Paragraph(markup("Shipment"), b)],
                        [Paragraph(address, p),
                         Paragraph("<br/>".join(markup(f) for f in facts), p)]],
                       [120 * mm, 150 * mm]))
    story.append(Spacer(1, 4 * mm))
    header = [Paragraph(markup("Barcode"), b)] + [Paragraph(markup(c), b) for c in m.headings]
    lines = [[_barcode(aliquot)] + [Paragraph(markup(c), p) for c in row]
             for aliquot, row in zip(m.aliquot_ids, m.rows, strict=True)]
    room = 277 * mm - BARCODE_MM * mm
    story.append(_grid([header, *lines], [BARCODE_MM * mm, *_widths(m.headings, m.rows,
                                                                     room)]))
    story.append(Spacer(1, 8 * mm))
    for who in ("Packed by (site)", "Received by (central lab)"):
        story.append(Paragraph(markup(
            f"{who}: name ______________________   signature ______________________   "
            "date and time ____________________"), p))
        story.append(Spacer(1, 6 * mm))
    return _build(path, story, f"Manifest, shipment {s.number}")


def print_box(path: Path | str, box: BoxView, printed_at: datetime) -> Path:
    """A freezer box's contents: its label as a barcode, then each position and aliquot."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    from app.rules.specimens import position_name

    h, p, b = _styles()
    story: list[Any] = [Paragraph(markup(f"Freezer box {box.label}: {box.where}"), h),
                        _barcode(box.label), Spacer(1, 3 * mm),
                        Paragraph(markup(f"{len(box.held)} aliquots, {box.free} positions "
                                         f"free. Printed {fmt_datetime(printed_at)}."), p),
                        Spacer(1, 3 * mm)]
    grid = [[Paragraph(markup(""), b)] + [Paragraph(markup(str(c + 1)), b)
                                          for c in range(box.columns)]]
    for r in range(box.rows):
        grid.append([Paragraph(markup(chr(ord("A") + r)), b)] + [
            Paragraph(markup(box.held.get(position_name(r, c), "")), p)
            for c in range(box.columns)])
    story.append(_grid(grid))
    return _build(path, story, f"Box {box.label}")


__all__ = ["print_box", "print_manifest"]
