"""A worksheet's kept pieces (a heading with what follows it, boxes kept whole) break pages
exactly as reportlab's KeepTogether breaks them, without copying the page's frame."""

from __future__ import annotations

from copy import deepcopy
from pathlib import Path
from typing import Any

import pytest
from reportlab.lib import colors
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from reports.worksheet import _styles
from reports.worksheet_keep import Kept
from tests.reports.pdf_checks import grey_pages


def _pages(path: Path) -> list[bytes]:
    return grey_pages(path, scale=1)


def _story(gap: float) -> list[Any]:
    s = _styles()
    table = Table([[f"row {i}", ""] for i in range(6)], colWidths=[200, 200])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    boxes = Table([["Completed by", ""], ["Investigator", ""]], colWidths=[200, 200],
                  rowHeights=28)
    boxes.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    return [Spacer(1, gap), Paragraph("Procedures", s["h"]), table,
            KeepTogether(boxes), Paragraph("Comments", s["h"]), Spacer(1, 30)]


@pytest.mark.parametrize("gap", [300, 520, 560, 600, 640, 670])
def test_kept_breaks_pages_as_keep_together(tmp_path, gap, monkeypatch):
    copies: list[object] = []
    import reportlab.platypus.flowables as flowables

    monkeypatch.setattr(flowables, "deepcopy", lambda x: copies.append(x) or deepcopy(x))
    theirs = SimpleDocTemplate(str(tmp_path / "theirs.pdf"), invariant=True)
    theirs.build(_story(gap))
    assert copies  # reportlab's own copies the frame at each measuring
    copies.clear()
    story = [Kept(f._content) if isinstance(f, KeepTogether) else f for f in _story(gap)]
    ours = SimpleDocTemplate(str(tmp_path / "ours.pdf"), invariant=True)
    ours.keepTogetherClass = Kept
    ours.build(story)
    assert not copies
    assert _pages(tmp_path / "ours.pdf") == _pages(tmp_path / "theirs.pdf")
