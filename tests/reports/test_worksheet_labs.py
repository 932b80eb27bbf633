"""The worksheet's laboratory section read back from the PDF (issue 36 item 5): the last
accepted value of each analyte with its unit, range, grade and sample date, and what is
still to do at the visit (a result held for review named as such)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from pypdf import PdfReader

from app.rules.protocol import default_protocol
from app.services.labs import patient_labs
from app.services.patients import list_patients
from app.services.worksheets import worksheet_data
from db.labs import LabResult
from reports.worksheet import write_worksheets

TODAY = date(2026, 12, 6)


def _graded_patient(db):
    for p in list_patients(db):
        rows = patient_labs(db, p.id, TODAY)
        if any(r.grade for r in rows):
            return p, rows
    raise AssertionError("the demo has a graded result")


def test_the_worksheet_prints_last_values_grades_and_what_is_to_do(sqlite_demo_site, tmp_path):
    protocol = default_protocol()
    sqlite_db = sqlite_demo_site(TODAY, protocol=protocol, patients=8, second_study=0)
    patient, rows = _graded_patient(sqlite_db)
    low = next(r for r in rows if r.grade)
    with sqlite_db.unit_of_work(reason="test") as session:  # imported, not yet reviewed
        session.add(LabResult(patient_id=patient.id, analyte="PLAT", lab=low.lab,
                              sample_date=low.sample_date, value="95", unit="10^9/L",
                              status="pending", source="csv"))
    w = worksheet_data(sqlite_db, None, patient.id, "C2D1", TODAY)
    assert w.labs_to_do[-1] == "1 result(s) of other samples held for review"
    assert {x.analyte for x in w.labs} >= {"Neutrophils", "Platelets", "ALT", "Haemoglobin"}
    path = tmp_path / "c2d1.pdf"
    write_worksheets([w], path)
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(path).pages)
    assert "Laboratory" in text and "Last value Normal range CTCAE grade Sample" in text
    assert "To do: Haematology:" in text and "To do: Chemistry:" in text
    assert "To do: 1 result(s) of other samples held for review" in text
    neut = next(x for x in w.labs if x.analyte == "Neutrophils")
    assert (neut.value, neut.normal, neut.grade) == (
        "1.6 10^9/L", "1.8 - 7.5", "1 Neutrophil count decreased")
    assert f"Neutrophils 1.6 10^9/L 1.8 - 7.5 1 Neutrophil count decreased {neut.day}" in text


def test_a_visit_with_no_lab_and_a_patient_with_none_prints_no_section(sqlite_demo_site, tmp_path):
    protocol = default_protocol()
    sqlite_db = sqlite_demo_site(TODAY, protocol=protocol, patients=8, second_study=0)
    with sqlite_db.unit_of_work(reason="test") as session:
        for r in session.query(LabResult):
            r.deleted_at, r.deleted_by = datetime(2026, 12, 6, tzinfo=UTC), "tester"
    p = list_patients(sqlite_db)[0]
    w = worksheet_data(sqlite_db, None, p.id, "TA1", TODAY)
    assert (w.labs, w.labs_to_do) == ((), ())
    path = tmp_path / "ta1.pdf"
    write_worksheets([w], path)
    assert "Laboratory" not in " ".join(pg.extract_text() for pg in PdfReader(path).pages)
