"""The worksheet's tables: squares to tick drawn by the table itself, and tables that leave
rows together at a page break.

A day's worksheets hold about 500 squares to tick (done / not done for each procedure,
the con-meds' review). As flowables in their cells, each was measured with the cell's
content, placed and drawn through platypus: a twentieth of the day's making. A `TickBox`
is an empty cell the table draws its square in, where the flowable stood (the cell's left
padding, its middle), with the same strokes. Imported only when a worksheet is printed.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table

TICK = 3.4 * mm  # the square's side
TICK_LINE = 0.7


class TickBox(str):
    """An empty cell with a square to tick in it (drawn by SheetTable)."""

    __slots__ = ()


def tick_box() -> TickBox:
    return TickBox("")


class SheetTable(Table):
    """A worksheet's table: its TickBox cells get their square; its empty cells, nothing
    (reportlab set an empty text in each, a third of a day's cells)."""

    def _drawCell(self, cellval: Any, cellstyle: Any, pos: tuple[float, float],
                  size: tuple[float, float]) -> None:
        if cellval == "" and not isinstance(cellval, TickBox):
            return  # a box to write in: its lines are the table's (reportlab drew "")
        if not isinstance(cellval, TickBox):
            super()._drawCell(cellval, cellstyle, pos, size)  # type: ignore[misc]  # untyped
            return
        (left, bottom), height = pos, size[1]
        top = bottom + (height + cellstyle.bottomPadding - cellstyle.topPadding + TICK) / 2.0
        canvas = self.canv
        canvas.saveState()  # drawn as the square's flowable drew it, to the same pixels
        canvas.translate(left + cellstyle.leftPadding, top - TICK)
        canvas.setLineWidth(TICK_LINE)
        canvas.rect(0, 0, TICK, TICK)
        canvas.restoreState()


@cache
def table_kind(keep: int) -> type[SheetTable]:
    """A worksheet's table class that leaves at least `keep` rows on each side of a page
    break."""
    if not keep:
        return SheetTable

    class KeptTable(SheetTable):
        def split(self, aW: float, aH: float) -> list[Flowable]:
            # set at every split, so also on what was left after a break: reportlab's own
            # split does not hand a usable rowSplitRange on to the rest
            self._rowSplitRange = (keep + 1, -keep)  # the heading row, then `keep`
            parts: list[Flowable] = super().split(aW, aH)
            return parts

    return KeptTable


__all__ = ["TICK", "SheetTable", "TickBox", "table_kind", "tick_box"]
