"""`sitetrack ical`: the site's visits as an .ics file; a patient's alone; bad places refused."""

from __future__ import annotations

import pytest
from icalendar import Calendar

import main
from tests.conftest import login


@pytest.mark.slow  # a whole demo site built and exported
def test_ical_for_the_site_and_for_one_patient(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    main.main(["--db", url, "demo", "--patients", "12", "--today", "2026-11-25"])
    capsys.readouterr()
    out = tmp_path / "visits.ics"
    assert main.main([*login(url), "ical", "-o", str(out), "--today", "25-NOV-2026"]) == 0
    assert "written to" in capsys.readouterr().out
    events = list(Calendar.from_ical(out.read_bytes()).walk("VEVENT"))
    assert events and all(str(e["UID"]).endswith("@sitetracker") for e in events)
    subject = next(str(e["SUMMARY"]).split()[0] for e in events
                   if str(e["SUMMARY"]).startswith("101-"))
    mine = tmp_path / "one.ics"
    assert main.main([*login(url), "ical", "-o", str(mine), "--patient", subject,
                      "--study", "IMP7068-101", "--today", "2026-11-25"]) == 0
    theirs = list(Calendar.from_ical(mine.read_bytes()).walk("VEVENT"))
    assert theirs and {str(e["SUMMARY"]).split()[0] for e in theirs} == {subject}
    assert main.main([*login(url), "ical", "-o", str(tmp_path / "no" / "x.ics")]) == 2
    assert "cannot write" in capsys.readouterr().err
    assert main.main([*login(url), "ical", "-o", str(tmp_path / "x.txt")]) != 0


@pytest.mark.slow  # a whole demo site built and exported
def test_export_sdtm_as_xpt_with_define_one_study_or_all(tmp_path, capsys):
    import pandas as pd

    url = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    main.main(["--db", url, "demo", "--patients", "8", "--today", "2026-11-25"])
    capsys.readouterr()
    out = tmp_path / "sdtm"
    assert main.main([*login(url, "monitor"), "export", "sdtm", "-o", str(out), "--define",
                      "--study", "IMP7068-101", "--today", "25-NOV-2026"]) == 0
    said = capsys.readouterr().out
    assert "SDTM IMP7068-101 (xpt) written to" in said and "DM 8" in said
    assert sorted(p.name for p in out.iterdir()) == ["IMP7068-101"]
    files = {p.name for p in (out / "IMP7068-101").iterdir()}
    assert {"dm.xpt", "sv.xpt", "ae.xpt", "ex.xpt", "ds.xpt", "define.xml"} <= files
    assert len(pd.read_sas(out / "IMP7068-101" / "dm.xpt", format="xport")) == 8
    assert main.main([*login(url, "monitor"), "export", "sdtm", "-o", str(tmp_path / "csv"),
                      "--format", "csv", "--today", "25-NOV-2026"]) == 0
    assert (tmp_path / "csv" / "ABC-2201" / "dm.csv").is_file()
    assert main.main([*login(url, "monitor"), "export", "sdtm", "-o",
                      str(tmp_path / "x.pdf")]) == 2
    assert "name a folder" in capsys.readouterr().err
    assert main.main([*login(url, "monitor"), "export", "sdtm", "-o", str(out),
                      "--study", "NOPE"]) == 2


def test_import_patients_dry_run_then_for_real_and_refused_with_exit_1(tmp_path, capsys):
    import csv

    url = f"sqlite:///{tmp_path / 'site.sqlite'}"
    good = tmp_path / "patients.csv"
    with good.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([
            ["Subject ID", "Initials", "Part", "Dose level", "Consent date",
             "Planned first dose", "LI"],
            ["101-001", "AB", "1", "DL1", "01-DEC-2025", "05-JAN-2026", "05-JAN-2026"]])
    assert main.main([*login(url), "import", "patients", str(good), "--dry-run",
                      "--today", "2026-03-02"]) == 0
    assert "would import 1 patient and 1 visit" in capsys.readouterr().out
    assert main.main([*login(url), "import", "patients", str(good),
                      "--today", "2026-03-02"]) == 0
    assert "imported 1 patient and 1 visit" in capsys.readouterr().out
    assert main.main([*login(url), "import", "patients", str(good),
                      "--today", "2026-03-02"]) == 1                   # already enrolled
    out = capsys.readouterr().out
    assert "row 2, Subject ID: 101-001 is already enrolled" in out
    assert "nothing imported" in out


@pytest.mark.slow  # a whole demo site built and exported
def test_export_odm_for_one_study_and_an_unwritable_place(tmp_path, capsys):
    import xml.etree.ElementTree as ET

    url = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    main.main(["--db", url, "demo", "--patients", "8", "--today", "2026-11-25"])
    capsys.readouterr()
    out = tmp_path / "site.xml"
    assert main.main([*login(url, "monitor"), "export", "odm", "-o", str(out),
                      "--study", "IMP7068-101", "--today", "25-NOV-2026"]) == 0
    assert "ODM 1.3.2: 8 subjects written to" in capsys.readouterr().out
    root = ET.parse(out).getroot()
    ns = "{http://www.cdisc.org/ns/odm/v1.3}"
    assert [s.get("OID") for s in root.iter(f"{ns}Study")] == ["ST.IMP7068-101"]
    assert len(list(root.iter(f"{ns}SubjectData"))) == 8
    assert main.main([*login(url, "monitor"), "export", "odm", "-o",
                      str(tmp_path / "no" / "x.xml")]) == 2
    assert "cannot write" in capsys.readouterr().err
    assert not (tmp_path / "no").exists()
