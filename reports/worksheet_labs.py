"""The worksheet's laboratory section (issue 36): what is still to do at the visit (a
panel's sample to draw, results to enter or held for review), then the last accepted value
of each analyte with its unit, normal range, CTCAE grade and sample date, to compare the
new results with. Imported only when a worksheet is printed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from app.services.worksheets import WorksheetData

if TYPE_CHECKING:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Flowable, Table

Grid = Callable[..., "Table"]


def lab_section(w: WorksheetData, width: float, grid: Grid,
                styles: dict[str, ParagraphStyle]) -> Sequence[Flowable]:
    """The section, or nothing when the visit has no lab to do and the patient no result."""
    from reportlab.lib.units import mm

    from reports.worksheet_text import cell, cell_font, line

    if not w.labs and not w.labs_to_do:
        return []
    out: list[Flowable] = [line("Laboratory", styles["h"])]
    for to_do in w.labs_to_do:
        out.append(line(f"To do: {to_do}", styles["small"]))
    if w.labs:
        out.append(line("Last accepted values (in the analyte's unit):", styles["small"]))
        rows: list[list[Any]] = [["Analyte", "Last value", "Normal range", "CTCAE grade",
                                  "Sample"]]
        small, room = styles["small"], width - 118 * mm - 6  # the grade's, inside padding
        rows += [[cell(x.analyte, small, 38 * mm - 6), x.value, x.normal,
                  cell(x.grade, small, room), x.day] for x in w.labs]
        out.append(grid(rows, [38 * mm, 30 * mm, 26 * mm, width - 118 * mm, 24 * mm],
                        keep=2, fonts=[cell_font(small, (0, 1), (0, -1)),
                                       cell_font(small, (3, 1), (3, -1))]))
    return out


__all__ = ["lab_section"]
