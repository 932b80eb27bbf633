"""A plot's frame in reportlab's graphics: axes with round ticks, their labels, a title and
a legend, and the mapping from data to the drawing's points (y grows upwards). The Response
pictures draw on it; reportlab writes them to PDF and the window paints the same shapes."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.graphics.shapes import Drawing, Group, Line, Rect, Shape, String
from reportlab.lib.colors import Color, HexColor, black

WIDTH = 900  # points: 9 by 4.5 inches on paper, as many pixels on screen at 100 %
HEIGHT = 450
LEFT, RIGHT, BOTTOM, TOP = 70.0, 20.0, 55.0, 30.0
GREY = HexColor("#6b7280")


def _fonts() -> tuple[str, str]:
    """The embedded fonts (DejaVu Sans and its bold): a saved picture prints the same on
    every PC, and the window paints the same face (ui/drawing_view.py)."""
    from reports.fonts import base_fonts

    return base_fonts()


def box(x: float, y: float, width: float, height: float, fill: Color | None,
        stroke: Color | None = None, line: float = 0.8) -> Rect:
    """A rectangle (reportlab's stubs type Rect's keywords wrongly: set after)."""
    rect = Rect(x, y, width, height)
    rect.fillColor, rect.strokeColor, rect.strokeWidth = fill, stroke, line
    return rect


def nice_ticks(low: float, high: float, count: int = 6) -> list[float]:
    """Round tick values covering [low, high] (steps of 1, 2, 2.5 or 5 times a power of 10)."""
    if high <= low:
        high = low + 1.0
    raw = (high - low) / count
    power = 10.0 ** math.floor(math.log10(raw))
    step = next((s * power for s in (1, 2, 2.5, 5, 10) if s * power >= raw), 10 * power)
    first = math.floor(low / step + 1e-9) * step
    ticks, k = [], 0
    while first + k * step <= high + step * 1e-9:
        ticks.append(round(first + k * step, 10))
        k += 1
    return ticks


def tick_text(value: float) -> str:
    return f"{value:g}"


@dataclass
class Frame:
    """The plotting area of a drawing, with the data ranges shown on its axes."""

    drawing: Drawing
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    left: float = LEFT
    bottom: float = BOTTOM
    right: float = RIGHT
    top: float = TOP
    plot: Group = field(default_factory=Group)
    overlay: Group = field(default_factory=Group)  # the legend, over what is plotted

    @property
    def area(self) -> tuple[float, float, float, float]:
        """(x, y, width, height) of the plotting area in points."""
        return (self.left, self.bottom, self.drawing.width - self.left - self.right,
                self.drawing.height - self.bottom - self.top)

    def x(self, value: float) -> float:
        x0, _y0, w, _h = self.area
        low, high = self.x_range
        return x0 + (value - low) / ((high - low) or 1.0) * w

    def y(self, value: float) -> float:
        _x0, y0, _w, h = self.area
        low, high = self.y_range
        return y0 + (value - low) / ((high - low) or 1.0) * h

    def add(self, *shapes: Shape) -> None:
        for shape in shapes:
            self.plot.add(shape)

    def hline(self, value: float, colour: Color) -> None:
        """A dashed reference line across the plot (+20 %, -30 %)."""
        x0, _y0, w, _h = self.area
        self.add(Line(x0, self.y(value), x0 + w, self.y(value), strokeColor=colour,
                      strokeWidth=0.8, strokeDashArray=[4, 3]))

    def finish(self, title: str, x_label: str, y_label: str = "",
               x_ticks: Sequence[float] | None = None,
               y_ticks: Sequence[float] | None = None,
               names: Sequence[tuple[float, str]] = (),
               under: Sequence[tuple[float, str]] = ()) -> Drawing:
        """Axes, ticks, labels and the title around what was plotted; `names` label rows
        left of the axis (at their y), `under` columns below it, turned upright (at their x)."""
        x0, y0, w, h = self.area
        d = self.drawing
        for y, text in names:
            d.add(String(x0 - 6, y - 2.5, text, fontName=_fonts()[0], fontSize=7,
                         textAnchor="end"))
        for x, text in under:
            turned = Group(String(0, 0, text, fontName=_fonts()[0], fontSize=7,
                                  textAnchor="end"))
            turned.transform = (0, 1, -1, 0, x + 2.5, y0 - 4)
            d.add(turned)
        d.add(self.plot)
        d.add(box(x0, y0, w, h, None, black))
        for value in nice_ticks(*self.x_range) if x_ticks is None else x_ticks:
            if self.x_range[0] - 1e-9 <= value <= self.x_range[1] + 1e-9:
                x = self.x(value)
                d.add(Line(x, y0, x, y0 - 4, strokeColor=black, strokeWidth=0.8))
                d.add(String(x, y0 - 14, tick_text(value), fontName=_fonts()[0],
                             fontSize=8, textAnchor="middle"))
        for value in nice_ticks(*self.y_range) if y_ticks is None else y_ticks:
            if self.y_range[0] - 1e-9 <= value <= self.y_range[1] + 1e-9:
                y = self.y(value)
                d.add(Line(x0, y, x0 - 4, y, strokeColor=black, strokeWidth=0.8))
                d.add(String(x0 - 6, y - 3, tick_text(value), fontName=_fonts()[0],
                             fontSize=8, textAnchor="end"))
        d.add(String(x0 + w / 2, 12, x_label, fontName=_fonts()[0], fontSize=9,
                     textAnchor="middle"))
        if y_label:
            label = Group(String(0, 0, y_label, fontName=_fonts()[0], fontSize=9,
                                 textAnchor="middle"))
            label.transform = (0, 1, -1, 0, 16, y0 + h / 2)  # turned a quarter left
            d.add(label)
        d.add(String(x0 + w / 2, d.height - 20, title, fontName=_fonts()[1],
                     fontSize=11, textAnchor="middle"))
        d.add(self.overlay)
        return d

    def legend(self, title: str, entries: Sequence[tuple[str, Color]],
               low: bool = False) -> None:
        """A boxed legend in the plot's right corner, top or `low`: a swatch and a word per
        entry."""
        x0, y0, w, h = self.area
        width, line = 90.0, 11.0
        height = line * (len(entries) + 1) + 6
        left = x0 + w - width - 6
        top = y0 + height + 6 if low else y0 + h - 6
        self.overlay.add(box(left, top - height, width, height, HexColor("#ffffff"), GREY, 0.5))
        self.overlay.add(String(left + 6, top - 11, title, fontName=_fonts()[0], fontSize=7))
        for k, (word, colour) in enumerate(entries, start=1):
            y = top - 11 - k * line
            self.overlay.add(box(left + 6, y - 1, 14, 7, colour))
            self.overlay.add(String(left + 26, y, word, fontName=_fonts()[0], fontSize=7))


def drawing(height: float = HEIGHT) -> Drawing:
    """A picture whose text, even a String given no font, is set in the embedded face."""
    d = Drawing(WIDTH, height)
    d.initialFontName = _fonts()[0]  # type: ignore[attr-defined]  # in attrMap, not stubs
    return d
