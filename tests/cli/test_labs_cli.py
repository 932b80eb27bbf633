"""`labs range|ranges|mapping|import|list` on a small demo (issue 36)."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import select

import main
from app.services.database import open_site_database
from db.models import Patient
from tests.conftest import login

TODAY = "2026-12-06"


@pytest.fixture
def site(tmp_path):
    path = tmp_path / "demo.sqlite"
    assert main.main(["--db", f"sqlite:///{path}", "demo", "--patients", "2",
                      "--second-study", "0", "--today", TODAY]) == 0
    url = f"sqlite:///{path}"
    db = open_site_database(url)
    with db.reading(purpose=None) as s:
        subject = s.scalars(select(Patient.subject_id).order_by(Patient.id)).first()
    db.close()
    return url, subject


def test_ranges_import_and_list(site, tmp_path, capsys):
    url, subject = site
    nurse = login(url, "nurse")
    assert main.main([*nurse, "labs", "range", "City Lab", "Neutrophils", "--lln", "2.0",
                      "--uln", "7.5", "--unit", "x10e9/L", "--from", "01-JAN-2026"]) == 0
    assert re.fullmatch(r"reference range \d+ kept\n", capsys.readouterr().out)
    assert main.main([*nurse, "labs", "ranges", "--json"]) == 0
    (kept,) = [r for r in json.loads(capsys.readouterr().out) if r["analyte"] == "NEUT"
               and r["lab"] == "City Lab"]  # the demo's own lab has its range too
    assert (kept["lln"], kept["uln"], kept["unit"]) == ("2.0", "7.5", "10^9/L")
    labs = tmp_path / "labs.csv"
    labs.write_text("Subject ID,Analyte,Value,Unit,Sample date,Lab\n"
                    f"{subject},NEUT,0.8,10^9/L,{TODAY},City Lab\n"
                    f"{subject},Ferritin,30,ug/L,{TODAY},City Lab\n"
                    f"{subject},NEUT,0.9,mg/dL,{TODAY},City Lab\n", "utf-8")
    assert main.main([*nurse, "labs", "import", str(labs), "--dry-run", "--json",
                      "--today", TODAY]) == 1
    dry = json.loads(capsys.readouterr().out)
    assert dry["saved"] is False and [r["row"] for r in dry["refused"]] == [3, 4]
    assert main.main([*nurse, "labs", "import", str(labs), "--json", "--today", TODAY]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["held_for_review"] == [{"row": 2, "subject": subject, "analyte": "NEUT"}]
    assert "Ferritin is not an analyte" in report["refused"][0]["message"]
    assert "mg/dL is not a unit of Neutrophils" in report["refused"][1]["message"]
    assert main.main([*nurse, "labs", "import", str(labs), "--today", TODAY]) == 1
    assert "imported already" in capsys.readouterr().out
    assert main.main([*nurse, "labs", "list", subject, "--json", "--today", TODAY]) == 0
    (row,) = [r for r in json.loads(capsys.readouterr().out)["results"]
              if r["lab"] == "City Lab"]  # beside the demo's own results
    assert (row["value"], row["unit"], row["lln"], row["uln"], row["status"], row["grade"]) \
        == ("0.8", "10^9/L", "2", "7.5", "pending", None)


def test_mapping_saved_and_bad_input(site, tmp_path, capsys):
    url, _ = site
    nurse = login(url, "nurse")
    spec = tmp_path / "m.json"
    spec.write_text(json.dumps({"columns": {"subject": "Patient", "analyte": "Test",
                                            "value": "Result", "unit": "Units",
                                            "sample_date": "Collected"},
                                "tests": {"ANC": "NEUT"}, "lab": "City Lab"}), "utf-8")
    assert main.main([*nurse, "labs", "mapping", "City export", str(spec)]) == 0
    assert "mapping City export saved" in capsys.readouterr().out
    empty = tmp_path / "x.txt"
    empty.write_text("", "utf-8")
    assert main.main([*nurse, "labs", "import", str(empty)]) == 2
    assert ".csv, .xlsx or a FHIR bundle" in capsys.readouterr().err
    assert main.main([*nurse, "labs", "import", str(tmp_path / "none.csv")]) == 2
    assert "none.csv: no such file" in capsys.readouterr().err
    assert main.main([*nurse, "labs", "list", "999-999"]) == 2
    assert "no patient with subject ID 999-999" in capsys.readouterr().err
    assert main.main([*nurse, "labs", "range", "L", "NEUT", "--unit", "10^9/L",
                      "--from", "01-JAN-2026"]) == 2
    assert "Give the LLN, the ULN or both" in capsys.readouterr().err
