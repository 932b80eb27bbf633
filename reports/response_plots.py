"""The pictures investigators read: swimmer, waterfall, spider, Kaplan-Meier.

Each is a reportlab drawing (plain shapes on reports.plot_frame's axes): written to PDF for
slides and reports, and painted by the window with Qt's own painter (ui/drawing_view.py),
which saves it as PNG too. No plotting library: the pictures cost the app nothing to load.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, PolyLine
from reportlab.lib.colors import Color, HexColor, black

from app.infra.files import written_atomically
from app.rules.endpoints import TimeToEvent
from app.rules.statistics import kaplan_meier as km_curve
from app.services.site_results import PatientCourse
from reports.plot_frame import HEIGHT, Frame, box, drawing, nice_ticks

COLOURS = {"CR": "#15803d", "PR": "#22c55e", "SD": "#eab308", "PD": "#b91c1c", "NE": "#9ca3af"}
RED, GREEN = HexColor(COLOURS["PD"]), HexColor(COLOURS["CR"])
CURVES = {"PFS": "#1f77b4", "OS": "#ff7f0e"}


def _colour(course: PatientCourse) -> Color:
    return HexColor(COLOURS.get(course.best_overall_response, COLOURS["NE"]))


def _responses_legend(frame: Frame, low: bool = False) -> None:
    frame.legend("Best response", [(r, HexColor(c)) for r, c in COLOURS.items()], low)


def _span(values: list[float], floor: float = 0.0, pad: float = 0.05) -> tuple[float, float]:
    low, high = min([floor, *values]), max([floor + 1.0, *values])
    margin = (high - low) * pad
    return (low - margin if low < floor else low, high + margin)


def swimmer(courses: list[PatientCourse]) -> Drawing:
    """Time on treatment per patient, response markers, arrows for those still on it."""
    ordered = sorted(courses, key=lambda c: (c.end - c.first_dose).days)
    rows = max(len(ordered), 1)
    frame = Frame(drawing(max(216.0, 23.0 * len(ordered) + 86)), (0, 1), (-0.6, rows - 0.4))
    frame.left = 80
    weeks_of = [((c.end - c.first_dose).days + 1) / 7 for c in ordered]
    ends = [w + 3 for w, c in zip(weeks_of, ordered, strict=True) if c.on_treatment]
    frame.x_range = (0.0, _span([*weeks_of, *ends])[1])
    band = min(10.0, (frame.y(1) - frame.y(0)) * 0.3)
    for row, (c, weeks) in enumerate(zip(ordered, weeks_of, strict=True)):
        y = frame.y(row)
        frame.add(box(frame.x(0), y - band, frame.x(weeks) - frame.x(0), 2 * band,
                      _colour(c)))
        for day, response in c.responses:
            x = frame.x(day / 7)
            if response == "PD":
                frame.add(Line(x - 3, y - 3, x + 3, y + 3, strokeColor=black, strokeWidth=1.5),
                          Line(x - 3, y + 3, x + 3, y - 3, strokeColor=black, strokeWidth=1.5))
            else:
                frame.add(Circle(x, y, 2, fillColor=black, strokeColor=None))
        if c.on_treatment:
            tip = frame.x(weeks + 3)
            frame.add(Line(frame.x(weeks), y, tip, y, strokeColor=black, strokeWidth=0.8),
                      Polygon([tip, y, tip - 5, y + 3, tip - 5, y - 3], fillColor=black,
                              strokeColor=None))
    _responses_legend(frame, low=True)  # the shortest bars are at the bottom
    return frame.finish(
        "Swimmer plot", "Weeks on treatment (bar colour: best overall response; "
        "X: progression; arrow: still on treatment)", y_ticks=[], names=[
            (frame.y(row), c.subject_id) for row, c in enumerate(ordered)])


def waterfall(courses: list[PatientCourse]) -> Drawing:
    """Best % change of the target sum from baseline, one bar per patient."""
    changes = sorted(((float(c.best_change_pct), c) for c in courses
                      if c.best_change_pct is not None), key=lambda pair: pair[0],
                     reverse=True)
    values = [v for v, _ in changes]
    frame = Frame(drawing(), (-0.6, max(len(changes), 1) - 0.4), _span([*values, 20, -30]))
    frame.bottom = 80
    half = (frame.x(1) - frame.x(0)) * 0.4
    for k, (value, c) in enumerate(changes):
        x = frame.x(k)
        frame.add(box(x - half, min(frame.y(0), frame.y(value)), 2 * half,
                      abs(frame.y(value) - frame.y(0)), _colour(c)))
    frame.hline(20, RED)
    frame.hline(-30, GREEN)
    _responses_legend(frame)
    return frame.finish("Waterfall plot (dashed: +20 % and -30 %)", "",
                        "Best change of the sum of diameters (%)", x_ticks=[],
                        under=[(frame.x(k), c.subject_id) for k, (_v, c) in enumerate(changes)])


def spider(courses: list[PatientCourse]) -> Drawing:
    """% change of the target sum over time, one line per patient."""
    lines = [([0.0] + [d / 7 for d, _ in c.changes], [0.0] + [float(p) for _, p in c.changes],
              _colour(c)) for c in courses if c.changes]
    xs = [x for line in lines for x in line[0]]
    ys = [y for line in lines for y in line[1]]
    frame = Frame(drawing(), _span(xs), _span([*ys, 20, -30]))
    for line_xs, line_ys, colour in lines:
        points = [(frame.x(x), frame.y(y)) for x, y in zip(line_xs, line_ys, strict=True)]
        frame.add(PolyLine([v for p in points for v in p], strokeColor=colour, strokeWidth=1))
        for x, y in points:
            frame.add(Circle(x, y, 1.5, fillColor=colour, strokeColor=None))
    frame.hline(20, RED)
    frame.hline(-30, GREEN)
    return frame.finish("Spider plot", "Weeks from first dose",
                        "Change of the sum of diameters (%)")


def _steps(frame: Frame, times: tuple[float, ...], values: tuple[float, ...]
           ) -> list[float]:
    """A step curve held until the next time (drawn 'post', as survival curves are)."""
    points: list[float] = []
    for k, (t, v) in enumerate(zip(times, values, strict=True)):
        if k:
            points += [frame.x(t), frame.y(values[k - 1])]
        points += [frame.x(t), frame.y(v)]
    return points


def kaplan_meier(courses: list[PatientCourse]) -> Drawing:
    """Kaplan-Meier estimates of PFS and OS for the site, each with its 95 % band."""
    picks: tuple[tuple[str, Callable[[PatientCourse], TimeToEvent]], ...] = (
        ("PFS", lambda c: c.endpoints.pfs), ("OS", lambda c: c.endpoints.os))
    curves = []
    for name, pick in picks:
        times = [pick(c) for c in courses]
        if times:
            curves.append((name, km_curve([t.months for t in times], [t.event for t in times])))
    longest = max((max(curve.times) for _n, curve in curves), default=1.0)
    frame = Frame(drawing(), (0.0, longest * 1.05 or 1.0), (0.0, 1.05))
    for name, curve in curves:
        colour = HexColor(CURVES[name])
        upper = _steps(frame, curve.times, curve.upper)
        lower = _steps(frame, curve.times, curve.lower)
        pairs = list(zip(lower[::2], lower[1::2], strict=True))[::-1]
        band = Color(colour.red, colour.green, colour.blue, alpha=0.25)
        frame.add(Polygon(upper + [v for p in pairs for v in p], fillColor=band,
                          strokeColor=None))
        frame.add(PolyLine(_steps(frame, curve.times, curve.survival), strokeColor=colour,
                           strokeWidth=1.5))
    frame.legend("", [(name, HexColor(CURVES[name])) for name, _c in curves])
    return frame.finish("Kaplan-Meier: progression-free and overall survival",
                        "Months from first dose", "Probability",
                        y_ticks=nice_ticks(0.0, 1.0, 5))


PICTURES: dict[str, Callable[[list[PatientCourse]], Drawing]] = {
    "Swimmer": swimmer, "Waterfall": waterfall, "Spider": spider, "Kaplan-Meier": kaplan_meier}


def draw_all(courses: list[PatientCourse]) -> dict[str, Drawing]:
    """Every picture: what the Response place shows (drawn off the window's thread)."""
    return {name: draw(courses) for name, draw in PICTURES.items()}


def save_pdf(picture: Drawing, path: Path | str, title: str = "") -> None:
    """The picture as a one-page PDF of its own size, written whole or not at all: its fonts
    embedded, its title and the time it was made in the file's properties."""
    from reportlab.graphics import renderPDF
    from reportlab.pdfgen.canvas import Canvas

    from reports.fonts import base_fonts

    regular, _bold = base_fonts()
    with written_atomically(Path(path)) as temp:
        canvas = Canvas(str(temp), pagesize=(picture.width, picture.height), invariant=False,
                        initialFontName=regular)  # type: ignore[arg-type]  # stubs: a float
        canvas.setTitle(title or Path(path).stem)
        canvas.setAuthor("Site Tracker")
        canvas.setCreator("Site Tracker")
        renderPDF.draw(picture, canvas, 0, 0)
        canvas.showPage()
        canvas.save()


__all__ = ["COLOURS", "HEIGHT", "PICTURES", "draw_all", "save_pdf"]
