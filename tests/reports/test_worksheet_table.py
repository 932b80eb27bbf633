"""Squares to tick drawn by the worksheet's table print as the tick flowables did, and its
empty cells as reportlab's, in plain, spanned and split tables."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, SimpleDocTemplate, Spacer, Table, TableStyle

from reports.worksheet_table import SheetTable, table_kind, tick_box
from tests.reports.pdf_checks import grey_pages


class Tick(Flowable):
    """The square as a flowable in its cell, as the worksheet drew it before."""

    def wrap(self, *_args: float) -> tuple[float, float]:
        return 3.4 * mm, 3.4 * mm

    def draw(self) -> None:
        self.canv.setLineWidth(0.7)
        self.canv.rect(0, 0, 3.4 * mm, 3.4 * mm)


def _pages(path: Path) -> list[bytes]:
    return grey_pages(path, scale=300 / 72)


def _story(kind: type[Table], tick: type) -> list[object]:
    style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("FONTSIZE", (0, 0), (-1, -1), 8),
             ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
    long = kind([["Procedure", "Done", "Not done", "Time"]]
                + [[f"Procedure {i}", tick(), tick(), ""] for i in range(60)],
                colWidths=[90 * mm, 12 * mm, 18 * mm, 20 * mm], repeatRows=1)
    long.setStyle(TableStyle(style))
    meds = kind([["Reviewed:", tick(), "no change", tick(), "changes"],
                 ["Changes", "", "", "", ""]],
                colWidths=[22 * mm, 7 * mm, 22 * mm, 7 * mm, 60 * mm],
                rowHeights=[7 * mm, 14 * mm])
    meds.setStyle(TableStyle([*style, ("SPAN", (1, 1), (-1, 1))]))
    return [Spacer(1, 200), long, meds]  # the long one split over pages


def test_tick_boxes_and_empty_cells_print_as_reportlab_s_own(tmp_path):
    """The worksheet's tables against reportlab's Table with the tick flowables (and, kept
    together at breaks, against the same class with them)."""
    for kind, before in ((SheetTable, Table), (table_kind(2), table_kind(2))):
        ours, theirs = tmp_path / "ours.pdf", tmp_path / "theirs.pdf"
        SimpleDocTemplate(str(ours), invariant=True).build(_story(kind, tick_box))
        SimpleDocTemplate(str(theirs), invariant=True).build(_story(before, Tick))
        pages = _pages(ours)
        assert len(pages) >= 2
        assert pages == _pages(theirs)
