"""Importing NCI's CTCAE v5.0 workbook, and looking terms up (SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
from datetime import datetime, time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.rules.ctcae import CtcaeFileError, read_ctcae
from app.services.dictionary import (
    DictionaryShrinks,
    closest_terms,
    dictionary_info,
    find_term,
    import_dictionary,
    search_terms,
)
from db.models import CtcaeTerm
from tests.conftest import reference_file


@pytest.fixture(scope="module")
def workbook() -> Path:
    return reference_file("ctcae", "CTCAE_v5.0.xlsx")


def _count(db) -> int:
    with db.reading() as s:
        return s.scalar(select(func.count()).select_from(CtcaeTerm))


def test_the_real_workbook(workbook):
    entries = read_ctcae(workbook)
    assert len(entries) == 837 and len({e.soc for e in entries}) == 26
    by_term = {e.term: e for e in entries}
    anemia = by_term["Anemia"]
    assert anemia.meddra_code == "10002272"
    assert anemia.grade_3 == "Hgb <8.0 g/dL; <4.9 mmol/L; <80 g/L; transfusion indicated"
    assert set(by_term["Alopecia"].grades) == {1, 2}        # no grade 3, 4 or 5
    assert 5 not in by_term["Nausea"].grades and 5 in anemia.grades
    # line breaks inside cells survive (Hypertension's grades: adult, then paediatric)
    assert "\n\nPediatric:" in by_term["Hypertension"].grade_1
    assert by_term["Blood and lymphatic system disorders - Other, specify"].other_specify


def test_the_csv_export_reads_the_same(workbook):
    csv_file = reference_file("ctcae", "CTCAE_v5.0.csv")
    assert read_ctcae(csv_file) == read_ctcae(workbook)


def test_import_then_reimport_changes_nothing(db, workbook):
    result = import_dictionary(db, workbook)
    assert (result.total, result.added, result.changed, result.removed) == (837, 837, 0, 0)
    info = dictionary_info(db)
    assert info["terms"] == 837 and info["file"] == "CTCAE_v5.0.xlsx"
    again = import_dictionary(db, workbook)
    assert again.unchanged and "unchanged" in again.summary()
    assert dictionary_info(db)["imported_at"] == info["imported_at"]
    assert _count(db) == 837


def test_a_changed_file_updates_only_what_changed(db, workbook, tmp_path):
    import_dictionary(db, workbook)
    rows = list(csv.reader(reference_file("ctcae", "CTCAE_v5.0.csv").open(encoding="utf-8")))
    rows[1][3] = "Mild anemia (edited)"
    del rows[5]
    edited = tmp_path / "edited.csv"
    with edited.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    with pytest.raises(DictionaryShrinks, match="lacks 1 of the loaded dictionary"):
        import_dictionary(db, edited)
    assert find_term(db, "anemia").grade_1 != "Mild anemia (edited)"   # nothing changed
    result = import_dictionary(db, edited, replace=True)
    assert (result.added, result.changed, result.removed) == (0, 1, 1)
    assert find_term(db, "anemia").grade_1 == "Mild anemia (edited)"


@pytest.mark.parametrize(("content", "message"), [
    ("Term,Grade\nNausea,1\n", "no column"),
    ("", "empty"),
    ("MedDRA Code,MedDRA SOC,CTCAE Term,Grade 1,Grade 2,Grade 3,Grade 4,Grade 5,Definition,"
     "Navigational Note\n10028813,GI,Nausea, -, -, -, -, -,,\n", "no grade at all"),
    ("MedDRA Code,MedDRA SOC,CTCAE Term,Grade 1,Grade 2,Grade 3,Grade 4,Grade 5,Definition,"
     "Navigational Note\n10028813,GI,Nausea,a,b,c, -, -,,\n10028813,GI,Nausea,a,b,c, -, -,,\n",
     "twice"),
])
def test_a_file_of_the_wrong_shape_leaves_the_dictionary_as_it_was(db, workbook, tmp_path,
                                                                   content, message):
    import_dictionary(db, workbook)
    bad = tmp_path / "bad.csv"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(CtcaeFileError, match=message):
        import_dictionary(db, bad)
    assert _count(db) == 837


def test_not_a_workbook(tmp_path):
    fake = tmp_path / "fake.xlsx"
    fake.write_text("hello")
    with pytest.raises(CtcaeFileError, match="not an Excel workbook"):
        read_ctcae(fake)
    pdf = tmp_path / "x.pdf"
    pdf.write_text("x")
    with pytest.raises(CtcaeFileError, match=r"\.xlsx workbook or a \.csv"):
        read_ctcae(pdf)


def test_search_and_closest(db, workbook):
    import_dictionary(db, workbook)
    assert search_terms(db, "nausea")[0].term == "Nausea"
    assert all("Gastrointestinal" in e.soc or "nausea" in e.term.lower()
               for e in search_terms(db, "nausea"))
    assert search_terms(db, "10002272")[0].term == "Anemia"
    assert len(search_terms(db, "Gastrointestinal disorders", limit=500)) > 50
    assert find_term(db, "10028813").term == "Nausea"
    assert "Nausea" in closest_terms(db, "nausia")
    assert find_term(db, "nausia") is None


def _small_file(tmp_path, name, rows):
    from tests.app.services.test_adverse_events import HEADER

    path = tmp_path / name
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([HEADER, *rows])
    return path


def test_a_smaller_file_never_takes_away_a_term_an_ae_uses(db, protocol, patient, tmp_path):
    from dataclasses import replace
    from datetime import date

    from app.rules.safety import GradeSpell
    from app.services.adverse_events import AeForm, patient_aes, save_ae
    from app.services.dictionary import dictionary_imports
    from app.services.visits import VisitEntry, record_visit
    from tests.app.services.conftest import C1D1, FD, TODAY
    from tests.app.services.test_adverse_events import TERMS

    full = _small_file(tmp_path, "full.csv", TERMS)
    import_dictionary(db, full)
    record_visit(db, protocol, patient, "LI", VisitEntry(outcome="done", actual_date=FD), TODAY)
    record_visit(db, protocol, patient, "C1D1", VisitEntry(outcome="done", actual_date=C1D1),
                 TODAY)
    save_ae(db, protocol, patient, AeForm(
        verbatim="sick", meddra_code="10028813", onset_date=date(2026, 1, 20),
        grades=[GradeSpell(1, date(2026, 1, 20))]), TODAY)
    without_nausea = _small_file(tmp_path, "smaller.csv",
                                 [t for t in TERMS if t[2] not in ("Nausea", "Alopecia")])
    with pytest.raises(DictionaryShrinks, match=r"lacks 2 .* 1 are used by adverse events"):
        import_dictionary(db, without_nausea)
    assert _count(db) == 5 and len(dictionary_imports(db)) == 1     # refused: nothing changed
    result = import_dictionary(db, without_nausea, replace=True)
    assert (result.removed, result.kept_in_use) == (2, 1)
    assert "1 of them stay with the adverse events" in result.summary()
    assert _count(db) == 5                                            # retired, not deleted
    assert [e.term for e in search_terms(db, "nausea")] == []         # no longer offered
    assert find_term(db, "10028813").term == "Nausea"                 # still there for the AE
    assert dictionary_info(db)["loaded_terms"] == 3
    # the AE coded to the retired term can still be edited
    row = patient_aes(db, patient, datetime.combine(TODAY, time(12)))[0]
    save_ae(db, protocol, patient, replace(row.form(), relationship="possible"), TODAY,
            ae_id=row.id, base=row.form(), version=row.version)
    assert patient_aes(db, patient, datetime.combine(TODAY, time(12)))[0].term == "Nausea"
    versions = dictionary_imports(db)
    assert [(v.file_name, v.replace, v.retired) for v in versions] == [
        ("full.csv", False, 0), ("smaller.csv", True, 2)]
    # the full file again brings the terms back into the look-ups
    back = import_dictionary(db, full)
    assert back.changed == 2 and search_terms(db, "nausea")[0].term == "Nausea"
