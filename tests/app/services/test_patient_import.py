"""Patients from a spreadsheet: all or nothing, every problem named by row and column."""

from __future__ import annotations

import csv
from datetime import date

from openpyxl import Workbook

from app.services.patient_import import import_patients
from app.services.patients import EnrolmentForm, enrol, find_patient, list_patients, patient_page

TODAY = date(2026, 3, 2)
HEADER = ["Subject ID", "Initials", "Year of birth", "Sex", "Part", "Dose level", "Cohort",
          "Consent date", "Planned first dose", "LI", "C1D1"]
GOOD = [["101-001", "AB", "1961", "F", "1", "DL1", "", "01-DEC-2025", "05-JAN-2026",
         "05-JAN-2026", "12-JAN-2026"],
        ["101-002", "张三", "1958", "M", "1", "DL2", "", "2025-12-03", "2026-01-07",
         "07-JAN-2026", ""]]


def _csv(path, rows):
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    return path


def test_a_dry_run_reports_and_saves_nothing_then_the_import_saves_all(db, protocol, tmp_path):
    path = _csv(tmp_path / "patients.csv", [HEADER, *GOOD])
    report = import_patients(db, protocol, path, TODAY, dry_run=True)
    assert report.problems == [] and not report.imported
    assert report.created == ["101-001 (IMP7068-101): 2 visits", "101-002 (IMP7068-101): 1 visit"]
    assert report.summary() == "would import 2 patients and 3 visits"
    assert list_patients(db) == []                                     # nothing saved
    report = import_patients(db, protocol, path, TODAY)
    assert report.imported and report.summary() == "imported 2 patients and 3 visits"
    pid = find_patient(db, "101-001")
    assert patient_page(db, protocol, pid, TODAY).records["C1D1"].actual_date == date(2026, 1, 12)
    assert [p.initials for p in list_patients(db)] == ["AB", "张三"]


def test_every_bad_row_is_named_and_nothing_is_imported(db, protocol, tmp_path):
    enrol(db, protocol, EnrolmentForm(subject_id="101-009", initials="ZZ", part=1,
                                      dose_level="DL1", consent_date=date(2025, 12, 1)), TODAY)
    rows = [HEADER, GOOD[0],
            ["101-001", "CD", "1970", "F", "1", "DL1", "", "01-DEC-2025", "", "", ""],
            ["101-003", "EF", "1970", "F", "1", "DL1", "", "31-FEB-2026", "", "", ""],
            ["101-009", "GH", "1970", "F", "1", "DL1", "", "01-DEC-2025", "", "", ""],
            ["101-004", "IJ", "19x0", "F", "1", "DL9", "", "01-DEC-2025", "", "", ""]]
    report = import_patients(db, protocol, _csv(tmp_path / "bad.csv", rows), TODAY)
    said = {(p.row, p.column) for p in report.problems}
    assert {(3, "Subject ID"), (4, "consent_date"), (5, "Subject ID"),
            (6, "Year of birth")} <= said
    assert "February 2026 has 28 days" in next(str(p) for p in report.problems if p.row == 4)
    assert report.summary().startswith("nothing imported")
    assert [p.subject_id for p in list_patients(db)] == ["101-009"]     # the good row too


def test_wrong_columns_and_unknown_visits_are_refused_before_anything(db, protocol, tmp_path):
    rows = [["Subject ID", "Initials", "Part", "Visit X9", "Shoe size"], ["101-001", "AB", "1", "", ""]]
    report = import_patients(db, protocol, _csv(tmp_path / "cols.csv", rows), TODAY)
    columns = {p.column for p in report.problems}
    assert {"Visit X9", "Shoe size", "Consent date"} <= columns
    assert all(p.row == 1 for p in report.problems)


def test_a_workbook_is_read_too(db, protocol, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(["101-005", "KL", 1960, "F", 1, "DL1", None, date(2025, 12, 1),
                  date(2026, 1, 5), date(2026, 1, 5), None])
    book.save(tmp_path / "patients.xlsx")
    report = import_patients(db, protocol, tmp_path / "patients.xlsx", TODAY)
    assert report.imported and report.created == ["101-005 (IMP7068-101): 1 visit"]


def test_the_screening_date_is_the_scr_visit_s(db, protocol, tmp_path):
    """A screening date records SCR done on it: an SCR column giving the same date is fine,
    another date is named as the problem (not as a change asking for a reason)."""
    header = ["Subject ID", "Initials", "Year of birth", "Sex", "Part", "Dose level", "Cohort",
              "Consent date", "Screening date", "Planned first dose", "SCR"]
    same = ["101-001", "AB", "1961", "F", "1", "DL1", "", "01-DEC-2025", "10-DEC-2025",
            "05-JAN-2026", "10-DEC-2025"]
    other = ["101-002", "CD", "1960", "M", "1", "DL1", "", "01-DEC-2025", "10-DEC-2025",
             "05-JAN-2026", "11-DEC-2025"]
    report = import_patients(db, protocol, _csv(tmp_path / "p.csv", [header, same, other]),
                             TODAY)
    assert [str(p) for p in report.problems] == [
        "row 3, Screening date: 10-DEC-2025 differs from SCR done on 11-DEC-2025: the "
        "screening date is the screening visit's, give one date"]
    report = import_patients(db, protocol, _csv(tmp_path / "q.csv", [header, same]), TODAY)
    assert report.imported and report.problems == []
    pid = find_patient(db, "101-001")
    assert patient_page(db, protocol, pid, TODAY).records["SCR"].actual_date == date(2025, 12, 10)
