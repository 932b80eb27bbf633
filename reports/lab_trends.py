"""Small trend plots of a patient's lab results (issue 36): one panel per analyte, its
accepted values over time joined by a line, the lab's LLN and ULN as dashed lines, each
point coloured by its CTCAE grade (grey none, amber 1-2, red 3-4). A reportlab drawing:
the Labs tab paints it (ui/drawing_view.py), a PDF could print the same shapes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, String
from reportlab.lib.colors import Color, HexColor

from app.rules.dates import fmt_date
from app.services.labs import LabRow

PANEL_W, PANEL_H, PER_ROW = 220.0, 110.0, 4
PAD_L, PAD_R, PAD_B, PAD_T = 34.0, 10.0, 18.0, 20.0
GREY, AMBER, RED, LINE = (HexColor("#6b7280"), HexColor("#d97706"), HexColor("#dc2626"),
                          HexColor("#2563eb"))


def _fonts() -> str:
    from reports.fonts import register_fonts

    return register_fonts()[0]


def _colour(grade: int | None) -> Color:
    return RED if (grade or 0) >= 3 else AMBER if (grade or 0) >= 1 else GREY


def _series(rows: Sequence[LabRow]) -> dict[str, list[LabRow]]:
    """The accepted results with a value in the analyte's unit, per analyte, oldest first."""
    out: dict[str, list[LabRow]] = {}
    for r in sorted(rows, key=lambda r: (r.sample_date, r.id)):
        if r.status == "accepted" and r.kept is not None:
            out.setdefault(r.analyte, []).append(r)
    return out


def trends(rows: Sequence[LabRow]) -> Drawing | None:
    """The panels, or None where no result is accepted yet."""
    series = _series(rows)
    if not series:
        return None
    lines = (len(series) + PER_ROW - 1) // PER_ROW
    picture = Drawing(PANEL_W * min(len(series), PER_ROW), PANEL_H * lines)
    font = _fonts()
    for k, results in enumerate(series.values()):
        x0 = (k % PER_ROW) * PANEL_W
        y0 = picture.height - (k // PER_ROW + 1) * PANEL_H
        _panel(picture, results, x0, y0, font)
    return picture


def _panel(picture: Drawing, results: list[LabRow], x0: float, y0: float, font: str) -> None:
    last = results[-1]
    values = [float(r.kept or 0) for r in results]
    limits = [float(v) for v in (last.lln, last.uln) if v is not None]
    low, high = min(values + limits), max(values + limits)
    if high <= low:
        high = low + 1.0
    span = high - low
    low, high = low - span * 0.1, high + span * 0.1
    first, end = results[0].sample_date, results[-1].sample_date
    days = max((end - first).days, 1)
    left, right = x0 + PAD_L, x0 + PANEL_W - PAD_R
    bottom, top = y0 + PAD_B, y0 + PANEL_H - PAD_T

    def at(day: date, value: float) -> tuple[float, float]:
        x = left + (right - left) * ((day - first).days / days if len(results) > 1 else 0.5)
        return x, bottom + (top - bottom) * (value - low) / (high - low)

    picture.add(String(x0 + 4, y0 + PANEL_H - 13, f"{last.name} ({last.kept_unit})",
                       fontName=font, fontSize=9))
    for limit in limits:
        y = at(first, limit)[1]
        picture.add(Line(left, y, right, y, strokeColor=GREY, strokeWidth=0.6,
                         strokeDashArray=[3, 2]))
        picture.add(String(x0 + 2, y - 3, f"{limit:g}", fontName=font, fontSize=6,
                           fillColor=GREY))
    points = [at(r.sample_date, v) for r, v in zip(results, values, strict=True)]
    if len(points) > 1:
        picture.add(PolyLine([c for p in points for c in p], strokeColor=LINE,
                             strokeWidth=1))
    for (x, y), r in zip(points, results, strict=True):
        picture.add(Circle(x, y, 2.5, fillColor=_colour(r.grade), strokeColor=None))
    picture.add(String(left, y0 + 4, fmt_date(first), fontName=font, fontSize=6,
                       fillColor=GREY))
    if len(results) > 1:
        picture.add(String(right, y0 + 4, fmt_date(end), fontName=font, fontSize=6,
                           fillColor=GREY, textAnchor="end"))
