"""A worksheet's short texts set without a Paragraph print exactly as the Paragraph did."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from reports.fonts import markup
from reports.worksheet import _styles
from reports.worksheet_text import Line, cell, cell_font, line, lines
from tests.reports.pdf_checks import grey_pages

TEXTS = [
    "Vital signs",
    "ECOG performance status",
    "  Physical   examination\n(symptom-directed)  ",
    "Blood & urine <pregnancy> test",
    "Ibuprofen 400 mg PO PRN · since 03-JAN-2026",
    "A long procedure name that cannot stand on one line of the cell, so the worksheet "
    "sets it over two or three lines as a Paragraph always did",
    "胡 Wei · 张伟",  # another font's letters: the Paragraph's own work
    "non\xa0breaking and soft\xadhyphen",
    "",
    "   ",
]


def _pixels(pdf: Path) -> list[bytes]:
    return grey_pages(pdf, scale=2)


def _table(cells: list[list[object]], fonts: list[tuple[object, ...]]) -> Table:
    table = Table(cells, colWidths=[40 * mm, 20 * mm, 20 * mm])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("FONTSIZE", (0, 0), (-1, -1), 8), *fonts]))
    return table


def _build(path: Path, story: list[object]) -> Path:
    SimpleDocTemplate(str(path), invariant=True).build(story)
    return path


@pytest.mark.parametrize("style", ["small", "h", "p", "note"])
def test_lines_in_the_story_print_as_their_paragraphs(tmp_path, style):
    s = _styles()[style]
    made = [line(t, s) for t in TEXTS] + [lines([("08:30", ""), ("expected", "i")], s)]
    paragraphs = [Paragraph(markup(t), s) for t in TEXTS] + [
        Paragraph("08:30<br/><i>expected</i>", s)]
    assert any(isinstance(f, Line) for f in made)
    assert any(isinstance(f, Paragraph) for f in made)  # the CJK one at least
    assert _pixels(_build(tmp_path / "lines.pdf", made)) == \
        _pixels(_build(tmp_path / "paragraphs.pdf", paragraphs))


def test_a_line_too_wide_for_its_width_is_a_paragraph_in_a_narrow_column(tmp_path):
    s = _styles()["small"]
    text = "Pharmacokinetic sample before the dose"
    made = _table([[line(text, s), "", ""]], [])
    para = _table([[Paragraph(markup(text), s), "", ""]], [])
    made._argW[0] = para._argW[0] = 15 * mm  # narrower than the text
    assert _pixels(_build(tmp_path / "a.pdf", [made])) == \
        _pixels(_build(tmp_path / "b.pdf", [para]))


@pytest.mark.parametrize("face", ["", "b"])
def test_cells_print_as_paragraphs_in_cells(tmp_path, face):
    s = _styles()["small" if not face else "head"]
    room = 40 * mm - 12  # the column inside the table's default padding
    texts: list[str | list[tuple[str, str]]] = [*TEXTS, [("08:30", ""), ("expected", "i")]]
    made = [[cell(t, s, room, face), "", ""] for t in texts]
    paragraphs = [[Paragraph(markup(t) if isinstance(t, str) else
                             "08:30<br/><i>expected</i>", s), "", ""] for t in texts]
    if face:
        paragraphs = [[Paragraph(f"<b>{markup(t)}</b>" if isinstance(t, str) else
                                 "<b>08:30</b><br/><b><i>expected</i></b>", s), "", ""]
                      for t in texts]
    assert sum(isinstance(row[0], str) for row in made) >= 4  # plain strings, mostly
    font = [cell_font(s, (0, 0), (0, -1), face)]
    assert _pixels(_build(tmp_path / "cells.pdf", [_table(made, font)])) == \
        _pixels(_build(tmp_path / "paragraphs.pdf", [_table(paragraphs, [])]))


def test_a_cell_too_wide_or_in_another_script_is_a_paragraph():
    s = _styles()["small"]
    assert cell("Vital signs", s, 100) == "Vital signs"
    assert cell("  two   words ", s, 100) == "two words"
    assert cell([("08:30", ""), ("expected", "i")], s, 100) == "08:30\nexpected"
    assert isinstance(cell("Vital signs", s, 20), Paragraph)
    assert isinstance(cell("张伟", s, 100), Paragraph)
    assert isinstance(cell("08:30", s, 100, "b"), str)
    assert isinstance(cell([("08:30", ""), ("expected", "b")], s, 100), Paragraph)
