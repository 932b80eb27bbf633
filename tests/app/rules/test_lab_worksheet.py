"""What the worksheet says of the labs: the panels a visit's procedures call for, what is
still to do for each, results held for review, and the last values as printed."""

from __future__ import annotations

from datetime import date

from app.rules.lab_worksheet import Result, lab_line, labs_to_do, panels_due

PANELS = ["chemistry", "haematology"]
DAY = date(2026, 1, 12)


def test_the_procedures_name_the_panels_due() -> None:
    assert panels_due(["Physical examination", "Haematology and clinical chemistry"],
                      PANELS) == ("haematology", "chemistry")
    assert panels_due(["Haematology (safety labs)"], PANELS) == ("haematology",)
    assert panels_due(["Full blood count (FBC)"], PANELS) == ("haematology",)
    assert panels_due(["Haematology, chemistry"], ["haematology"]) == ("haematology",)
    assert panels_due(["CT scan"], PANELS) == ()


def test_what_is_left_to_do_at_the_visit() -> None:
    due = ("haematology", "chemistry")
    assert labs_to_do(due, None, []) == (
        "Haematology: sample to draw; results to enter or import",
        "Chemistry: sample to draw; results to enter or import")
    results = [Result("haematology", DAY, "accepted"), Result("chemistry", DAY, "pending"),
               Result("chemistry", DAY, "pending"), Result("haematology", date(2026, 1, 5),
                                                           "pending"),
               Result("chemistry", date(2026, 1, 5), "rejected")]
    assert labs_to_do(due, DAY, results) == (
        "Haematology: results of 12-JAN-2026 entered",
        "Chemistry: 2 result(s) of this visit's sample held for review",
        "1 result(s) of other samples held for review")
    assert labs_to_do(due, date(2026, 1, 19), results[:1]) == (
        "Haematology: no result of 19-JAN-2026 yet; enter or import them",
        "Chemistry: no result of 19-JAN-2026 yet; enter or import them")
    assert labs_to_do((), None, results) == ("3 result(s) of other samples held for review",)


def test_a_last_value_as_printed() -> None:
    line = lab_line("Neutrophils", "0.8", "10^9/L", "1.8", "7.5", 3,
                    "Neutrophil count decreased", DAY)
    assert (line.analyte, line.value, line.normal, line.grade, line.day) == (
        "Neutrophils", "0.8 10^9/L", "1.8 - 7.5", "3 Neutrophil count decreased",
        "12-JAN-2026")
    assert lab_line("ALT", "30", "U/L", None, "40", 0, "Alanine aminotransferase increased",
                    DAY).grade == "0"
    assert lab_line("ALT", "30", "U/L", None, "40", None, None, DAY).normal == "40"
    assert lab_line("ALT", "30", "U/L", None, None, None, None, DAY).grade == ""
