"""The pictures investigators read: swimmer, waterfall, spider, Kaplan-Meier (matplotlib).

Drawn with the Agg backend (no Qt): the GUI shows them as images, and they save as PNG or
PDF for slides and reports.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from app.endpoints import TimeToEvent

from app.files import written_atomically
from app.services.site_results import PatientCourse

COLOURS = {"CR": "#15803d", "PR": "#22c55e", "SD": "#eab308", "PD": "#b91c1c", "NE": "#9ca3af"}


def _figure(height: float = 4.5) -> Figure:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    return Figure(figsize=(9, height), dpi=100, layout="constrained")


def _legend(ax: Axes) -> None:
    from matplotlib.patches import Patch

    ax.legend(handles=[Patch(color=c, label=r) for r, c in COLOURS.items()],
              title="Best response", fontsize=7, title_fontsize=7, loc="best")


def swimmer(courses: list[PatientCourse]) -> Figure:
    """Time on treatment per patient, response markers, arrows for those still on it."""
    fig = _figure(max(3.0, 0.32 * len(courses) + 1.2))
    ax = fig.add_subplot()
    ordered = sorted(courses, key=lambda c: (c.end - c.first_dose).days)
    for y, c in enumerate(ordered):
        weeks = ((c.end - c.first_dose).days + 1) / 7
        ax.barh(y, weeks, color=COLOURS.get(c.best_overall_response, "#9ca3af"), height=0.6)
        for day, response in c.responses:
            ax.plot(day / 7, y, marker="o" if response != "PD" else "X", color="black",
                    markersize=4 if response != "PD" else 6)
        if c.on_treatment:
            ax.annotate("", xy=(weeks + 3, y), xytext=(weeks, y),
                        arrowprops={"arrowstyle": "->", "color": "black"})
    _legend(ax)
    ax.set_yticks(range(len(ordered)), [c.subject_id for c in ordered], fontsize=7)
    ax.set_xlabel("Weeks on treatment (bar colour: best overall response; X: progression; "
                  "arrow: still on treatment)")
    ax.set_title("Swimmer plot")
    return fig


def waterfall(courses: list[PatientCourse]) -> Figure:
    """Best % change of the target sum from baseline, one bar per patient."""
    fig = _figure()
    ax = fig.add_subplot()
    changes = sorted(((c.best_change_pct, c) for c in courses if c.best_change_pct is not None),
                     key=lambda pair: pair[0], reverse=True)
    shown = [c for _, c in changes]
    ax.bar(range(len(shown)), [float(change) for change, _ in changes],
           color=[COLOURS.get(c.best_overall_response, "#9ca3af") for c in shown])
    ax.axhline(20, color="#b91c1c", linestyle="--", linewidth=0.8)
    ax.axhline(-30, color="#15803d", linestyle="--", linewidth=0.8)
    ax.set_xticks(range(len(shown)), [c.subject_id for c in shown], rotation=90, fontsize=7)
    _legend(ax)
    ax.set_ylabel("Best change of the sum of diameters (%)")
    ax.set_title("Waterfall plot (dashed: +20 % and -30 %)")
    return fig


def spider(courses: list[PatientCourse]) -> Figure:
    """% change of the target sum over time, one line per patient."""
    fig = _figure()
    ax = fig.add_subplot()
    for c in courses:
        if not c.changes:
            continue
        xs = [0] + [d / 7 for d, _ in c.changes]
        ys = [0] + [float(p) for _, p in c.changes]
        ax.plot(xs, ys, marker=".", linewidth=1,
                color=COLOURS.get(c.best_overall_response, "#9ca3af"))
    ax.axhline(20, color="#b91c1c", linestyle="--", linewidth=0.8)
    ax.axhline(-30, color="#15803d", linestyle="--", linewidth=0.8)
    ax.set_xlabel("Weeks from first dose")
    ax.set_ylabel("Change of the sum of diameters (%)")
    ax.set_title("Spider plot")
    return fig


def kaplan_meier(courses: list[PatientCourse]) -> Figure:
    """Kaplan-Meier estimates of PFS and OS for the site (lifelines)."""
    from lifelines import KaplanMeierFitter

    fig = _figure()
    ax = fig.add_subplot()
    picks: tuple[tuple[str, Callable[[PatientCourse], TimeToEvent]], ...] = (
        ("PFS", lambda c: c.endpoints.pfs), ("OS", lambda c: c.endpoints.os))
    for name, pick in picks:
        times = [pick(c) for c in courses]
        if not times:
            continue
        fitter: Any = KaplanMeierFitter(label=name)  # lifelines publishes no types
        fitter.fit([t.months for t in times], event_observed=[t.event for t in times])
        fitter.plot_survival_function(ax=ax, ci_show=True)
    ax.set_xlabel("Months from first dose")
    ax.set_ylabel("Probability")
    ax.set_ylim(0, 1.05)
    ax.set_title("Kaplan-Meier: progression-free and overall survival")
    return fig


PICTURES = {"Swimmer": swimmer, "Waterfall": waterfall, "Spider": spider,
            "Kaplan-Meier": kaplan_meier}


def png_bytes(fig: Figure, scale: float = 1.0) -> bytes:
    """The picture as PNG, `scale` times the figure's pixels (the screen's device pixel
    ratio: sharp at 150 or 200 % scaling)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=fig.dpi * scale)
    return buffer.getvalue()


def save(fig: Figure, path: Path | str) -> None:
    """PNG or PDF, by the file's ending."""
    path = Path(path)
    if path.suffix.lower() not in (".png", ".pdf"):
        raise ValueError(f"{path.name}: save the picture as .png or .pdf")
    with written_atomically(path) as temp:
        fig.savefig(temp, format=path.suffix.lower()[1:])


def draw_all(courses: list[PatientCourse], scale: float = 1.0) -> dict[str, bytes]:
    """Every picture as PNG: what the Response place shows (run in a helper process)."""
    return {name: png_bytes(draw(courses), scale) for name, draw in PICTURES.items()}


def save_picture(name: str, courses: list[PatientCourse], path: str) -> None:
    """One picture written to a PNG or PDF file (run in the helper process too)."""
    save(PICTURES[name](courses), path)
