"""The Labs tab's trend panels: one per analyte of the accepted results, points coloured by
grade, the lab's limits dashed; nothing before a result is accepted."""

from __future__ import annotations

from datetime import date

from reportlab.graphics.shapes import Circle, Line, String

from app.services.labs import LabRow
from reports.lab_trends import AMBER, GREY, RED, trends


def _row(i: int, analyte: str, day: date, kept: str, grade: int | None,
         status: str = "accepted") -> LabRow:
    from app.errors import Phrase
    from app.rules.lab_grades import LabGrade

    grades = () if grade is None else (LabGrade("t", "1", grade, Phrase("r"), None, "", False),)
    return LabRow(i, analyte, analyte.title(), "haematology", "Lab", day, None, kept, "10^9/L",
                  kept, "10^9/L", "2", "7.5", status, "manual", None, None, grades, (), None,
                  None, None, None, 1)


def test_one_panel_per_analyte_points_by_grade():
    rows = [_row(1, "NEUT", date(2026, 1, 2), "3.1", 0), _row(2, "NEUT", date(2026, 1, 20),
                                                               "0.8", 3),
            _row(3, "PLAT", date(2026, 1, 20), "120", 1),
            _row(4, "NEUT", date(2026, 1, 27), "0.1", 4, status="pending")]
    picture = trends(rows)
    assert picture is not None and (picture.width, picture.height) == (440, 110)
    circles = [s for s in picture.contents if isinstance(s, Circle)]
    assert [c.fillColor for c in circles] == [GREY, RED, AMBER]
    assert {s.text for s in picture.contents if isinstance(s, String)} >= {
        "Neut (10^9/L)", "Plat (10^9/L)", "02-JAN-2026", "20-JAN-2026"}
    assert sum(isinstance(s, Line) for s in picture.contents) == 4   # LLN and ULN, twice
    assert trends([rows[3]]) is None
