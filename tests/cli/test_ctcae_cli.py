"""`ctcae import` and `ctcae grades` on the command line."""

from __future__ import annotations

import json

import main
from tests.conftest import login, reference_file


def test_import_and_grades(tmp_path, capsys):
    workbook = reference_file("ctcae", "CTCAE_v5.0.xlsx")
    url = f"sqlite:///{tmp_path / 'site.sqlite'}"
    assert main.main(["--db", url, "ctcae", "grades", "Nausea"]) == 2
    assert "not loaded" in capsys.readouterr().err
    assert main.main([*login(url), "ctcae", "import", str(workbook)]) == 0
    assert "837 terms (837 added" in capsys.readouterr().out
    assert main.main([*login(url), "ctcae", "import", str(workbook)]) == 0
    assert "unchanged" in capsys.readouterr().out

    assert main.main(["--db", url, "ctcae", "grades", "alopecia", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["term", "meddra_code", "soc", "grades"]
    assert (data["term"], data["meddra_code"]) == ("Alopecia", "10001760")
    assert list(data["grades"]) == ["1", "2"]                 # no grade 3, 4 or 5
    assert main.main(["--db", url, "ctcae", "grades", "Anemia"]) == 0
    assert "Grade 5: Death" in capsys.readouterr().out

    assert main.main(["--db", url, "ctcae", "grades", "nausia"]) == 1
    err = capsys.readouterr().err
    assert "not a CTCAE v5.0 term" in err and "Nausea" in err and err.count("\n") == 1


def test_wrong_file_is_one_line_and_keeps_the_dictionary(tmp_path, capsys):
    workbook = reference_file("ctcae", "CTCAE_v5.0.xlsx")
    url = f"sqlite:///{tmp_path / 'site.sqlite'}"
    main.main([*login(url), "ctcae", "import", str(workbook)])
    bad = tmp_path / "terms.csv"
    bad.write_text("Term,Grade\nNausea,1\n")
    assert main.main([*login(url), "ctcae", "import", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "no column" in err and "left as it was" in err
    assert main.main(["--db", url, "ctcae", "grades", "Nausea"]) == 0


def test_a_smaller_file_needs_replace(tmp_path, capsys):
    import csv

    csv_file = reference_file("ctcae", "CTCAE_v5.0.csv")
    url = f"sqlite:///{tmp_path / 'site.sqlite'}"
    main.main([*login(url), "ctcae", "import", str(csv_file)])
    rows = list(csv.reader(csv_file.open(encoding="utf-8")))
    smaller = tmp_path / "smaller.csv"
    with smaller.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows[:101])
    capsys.readouterr()
    assert main.main([*login(url), "ctcae", "import", str(smaller)]) == 2
    err = capsys.readouterr().err
    assert "lacks 737" in err and "--replace" in err and err.count("\n") == 1
    assert main.main([*login(url), "ctcae", "import", str(smaller), "--replace"]) == 0
    assert "737 no longer offered" in capsys.readouterr().out


def test_lab_grade_needs_no_database_nor_sign_in(capsys):
    args = ["ctcae", "lab-grade", "Neutrophil count decreased", "--value", "999",
            "--unit", "/mm3", "--lln", "2000", "--json"]
    assert main.main(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["term"], data["grade"], data["criterion"]) == (
        "Neutrophil count decreased", 3, "<1000 - 500/mm3; <1.0 - 0.5 x 10e9 /L")
    assert "999 /mm3 is below 1000 /mm3" in data["reason"]
    assert main.main(["ctcae", "lab-grade", "ALT increased", "--value", "90", "--unit",
                      "U/L", "--uln", "40", "--baseline", "60"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Alanine aminotransferase increased: grade 1\n")
    assert "1.5 x baseline" in out


def test_lab_grade_bad_input_is_one_line(capsys):
    assert main.main(["ctcae", "lab-grade", "Hypokalemia", "--value", "3", "--unit",
                      "mg/dL", "--lln", "3.5"]) == 2
    err = capsys.readouterr().err
    assert "mg/dL is not a unit" in err and err.count("\n") == 1
    assert main.main(["ctcae", "lab-grade", "Hypokalemia", "--value", "x", "--unit",
                      "mmol/L", "--lln", "3.5"]) == 2
    assert "--value: x is not a number" in capsys.readouterr().err
    assert main.main(["ctcae", "lab-grade", "Hypokalemia", "--value", "3", "--unit",
                      "mmol/L"]) == 2
    assert "the LLN is needed" in capsys.readouterr().err
