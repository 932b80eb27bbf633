"""SDTM per study: conformant datasets (DM, SV, AE, SUPPAE, EX, PC, TU, TR, RS, DS, DV) as
XPT, CSV or XLSX with a define.xml; checked before anything is written."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import UTC, date, datetime

import pandas as pd
import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.rules.protocol import default_protocol
from app.rules.sdtm_conformance import problems
from app.rules.sdtm_spec import DOMAINS
from app.rules.sdtm_terms import CODELISTS
from app.services.demo import seed_demo
from app.services.errors import InvalidEntry
from app.services.sdtm import export_sdtm, sdtm_packages
from app.services.site_settings import save_site_settings, site_settings
from db.models import AdverseEvent, Patient

TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
STUDIES = ["ABC-2201", "IMP7068-101"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from db import open_database

    db = open_database(f"sqlite:///{tmp_path_factory.mktemp('sdtm') / 'site.sqlite'}")
    db.actor = "tester"
    seed_demo(db, default_protocol(), TODAY, patients=16, second_study=4)
    yield db
    db.close()


@pytest.fixture(scope="module")
def packages(site):
    """The demo's SDTM packages as the app makes them, once for the tests that only read
    them (made before any test of this module changes the site)."""
    return sdtm_packages(site, TODAY, NOW)


def _rows(package, name):
    return next(d for d in package if d.name == name).rows


def test_one_conformant_set_per_study(packages):
    assert sorted(packages) == STUDIES
    for code, package in packages.items():
        assert tuple(d.name for d in package) == DOMAINS
        assert problems(package) == []
        assert all(row.get("STUDYID") == code for d in package for row in d.rows)
    imp = packages["IMP7068-101"]
    assert len(_rows(imp, "DM")) == 16 and all(len(_rows(imp, n)) for n in
                                               ("SV", "AE", "SUPPAE", "EX", "PC", "TU",
                                                "TR", "RS", "DS", "DV"))


def test_dm_names_site_country_arm_and_screen_failures_have_none(packages):
    dm = _rows(packages["IMP7068-101"], "DM")
    assert {r["SITEID"] for r in dm} == {"101"} and {r["COUNTRY"] for r in dm} == {"FRA"}
    failed = [r for r in dm if r["ARMNRS"] == "SCREEN FAILURE"]
    assert failed and all(r["ARMCD"] is None and r["ACTARMCD"] is None for r in failed)
    treated = [r for r in dm if r["RFSTDTC"]]
    assert treated and all(r["ARMCD"] and r["ACTARMCD"] and r["AGEU"] == "YEARS"
                           for r in treated)


def test_visits_numbered_by_the_protocol_and_study_days_skip_zero(packages):
    package = packages["IMP7068-101"]
    sv = _rows(package, "SV")
    assert {r["VISITNUM"] for r in sv if r["VISIT"] == "C1D1"} == {5.0}
    assert {r["VISITNUM"] for r in sv if r["VISIT"] == "SCR"} == {1.0}
    dm = {r["USUBJID"]: r["RFSTDTC"] for r in _rows(package, "DM")}
    first = [r for r in sv if r["SVSTDTC"] == dm[r["USUBJID"]]]
    assert first and all(r["SVSTDY"] == 1 for r in first)
    assert all(r["SVSTDY"] != 0 for r in sv)
    assert {(r["SVPRESP"], r["SVOCCUR"]) for r in sv if r["SVUPDES"] is None} == {("Y", "Y")}
    assert {r["EPOCH"] for r in _rows(package, "AE")} <= {"SCREENING", "TREATMENT",
                                                          "FOLLOW-UP"}


def test_ae_in_ct_with_seriousness_and_suppae_by_aeseq(packages):
    package = packages["IMP7068-101"]
    ae = _rows(package, "AE")
    assert all(r["AEDECOD"] for r in ae)
    assert {r["AEACN"] for r in ae} - {None} <= set(CODELISTS["ACN"].terms)
    assert all(any(r[v] == "Y" for v in ("AESDTH", "AESHOSP", "AESLIFE", "AESDISAB",
                                          "AESCONG", "AESMIE"))
               for r in ae if r["AESER"] == "Y")
    seqs = {(r["USUBJID"], str(r["AESEQ"])) for r in ae}
    supp = _rows(package, "SUPPAE")
    assert {(r["USUBJID"], r["IDVARVAL"]) for r in supp} <= seqs
    assert {r["QNAM"] for r in supp} <= {"AETRTEM", "AEDLT"}


def test_lesions_identified_then_measured_with_their_method(packages):
    package = packages["IMP7068-101"]
    tu, tr = _rows(package, "TU"), _rows(package, "TR")
    assert {r["TUMETHOD"] for r in tu} == {"CT SCAN"}
    assert {r["TUORRES"] for r in tu} <= {"TARGET", "NON-TARGET", "NEW"}
    links = {(r["USUBJID"], r["TULNKID"]) for r in tu}
    assert {(r["USUBJID"], r["TRLNKID"]) for r in tr} == links  # every result identified
    baseline = [r for r in tr if r["TRLOBXFL"] == "Y"]
    assert baseline and all(r["TRDY"] < 0 for r in baseline)
    assert all(r["TRSTRESN"] is not None for r in tr if r["TRTESTCD"] == "LDIAM"
               and r["TRORRES"] not in ("NOT EVALUABLE", "TOO SMALL TO MEASURE"))


def test_a_death_known_in_part_stays_partial(site):
    with site.unit_of_work(reason="test") as session:
        patient = session.scalars(select(Patient).where(Patient.last_dose_date.is_not(None),
                                                        Patient.study_id == 1)).first()
        patient.death_date, patient.death_partial = date(2026, 4, 1), "UN-APR-2026"
        subject = patient.subject_id
    package = sdtm_packages(site, TODAY, NOW)["IMP7068-101"]
    death = [r for r in _rows(package, "DS") if r["DSDECOD"] == "DEATH"
             and r["USUBJID"].endswith(subject)]
    assert [(r["DSSTDTC"], r["DSSTDY"]) for r in death] == [("2026-04", None)]
    dm = [r for r in _rows(package, "DM") if r["SUBJID"] == subject]
    assert dm[0]["DTHDTC"] == "2026-04" and dm[0]["DTHFL"] == "Y"


def test_xpt_csv_xlsx_and_define_for_each_study(site, tmp_path):
    written = export_sdtm(site, tmp_path / "xpt", TODAY, NOW, "t.monitor", "xpt", True)
    assert sorted(written) == STUDIES
    folder = tmp_path / "xpt" / "IMP7068-101"
    dm = pd.read_sas(folder / "dm.xpt", format="xport", encoding="utf-8")
    assert len(dm) == written["IMP7068-101"]["DM"] == 16 and "COUNTRY" in dm.columns
    sv = pd.read_sas(folder / "sv.xpt", format="xport", encoding="utf-8")
    assert sv.groupby("VISIT")["VISITNUM"].nunique().max() == 1
    define = ET.parse(folder / "define.xml").getroot()
    hrefs = {e.get("{http://www.w3.org/1999/xlink}href") for e in define.iter()
             if e.get("{http://www.w3.org/1999/xlink}href")}
    assert hrefs == {f"{name.lower()}.xpt" for name in written["IMP7068-101"]}
    assert all((folder / h).is_file() for h in hrefs)
    assert define.get("Originator") == "101 · Demo site (fictional patients)"

    export_sdtm(site, tmp_path / "csv", TODAY, NOW, "t.monitor", "csv", False)
    rows = list(csv.reader((tmp_path / "csv" / "ABC-2201" / "dm.csv").open(encoding="utf-8")))
    assert rows[0][:3] == ["STUDYID", "DOMAIN", "USUBJID"] and len(rows) == 5
    assert not (tmp_path / "csv" / "ABC-2201" / "define.xml").exists()

    export_sdtm(site, tmp_path / "xlsx", TODAY, NOW, "t.monitor", "xlsx", True)
    book = load_workbook(tmp_path / "xlsx" / "IMP7068-101" / "sdtm.xlsx")
    assert book.sheetnames == [*written["IMP7068-101"], "About"]
    assert book["DM"]["A1"].value == "STUDYID"


def test_what_does_not_conform_is_refused_and_nothing_written(site, tmp_path):
    with site.unit_of_work(reason="test") as session:
        ae = session.scalars(select(AdverseEvent).join(Patient).where(
            Patient.study_id == 1)).first()
        coded = ae.id, ae.term, ae.meddra_code
        ae.term, ae.meddra_code = None, None
    with pytest.raises(InvalidEntry) as refused:
        export_sdtm(site, tmp_path / "out", TODAY, NOW, "t.monitor")
    with site.unit_of_work(reason="test") as session:  # coded again for the tests after
        ae = session.get(AdverseEvent, coded[0])
        ae.term, ae.meddra_code = coded[1:]
    assert "IMP7068-101 does not conform" in refused.value.message
    assert "AEDECOD: required, but empty" in refused.value.message
    assert not (tmp_path / "out").exists()
    with pytest.raises(InvalidEntry, match="name a folder"):
        export_sdtm(site, tmp_path / "sdtm.xlsx", TODAY, NOW, "t.monitor")
    with pytest.raises(InvalidEntry, match="No such study"):  # NotFound: not the account's
        export_sdtm(site, tmp_path / "out", TODAY, NOW, "t.monitor", study_id=999)
    assert not (tmp_path / "out").exists()


def test_a_site_with_no_country_is_told_how_to_set_it(sqlite_demo_site, tmp_path):
    sqlite_db = sqlite_demo_site(TODAY, patients=4, second_study=0)
    save_site_settings(sqlite_db, replace(site_settings(sqlite_db), country=""))
    with pytest.raises(InvalidEntry, match="no country yet"):
        export_sdtm(sqlite_db, tmp_path / "out", TODAY, NOW, "t.monitor")
    assert not (tmp_path / "out").exists()


def test_a_site_built_from_a_spreadsheet_exports_conformant_sdtm(db, tmp_path):
    from app.services.patient_import import import_patients

    sheet = tmp_path / "patients.csv"
    with sheet.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([
            ["Subject ID", "Initials", "Year of birth", "Sex", "Part", "Dose level",
             "Consent date", "Planned first dose", "SCR", "LI", "C1D1", "C1D8"],
            ["101-001", "AB", "1960", "F", "1", "DL1", "01-DEC-2025", "05-JAN-2026",
             "10-DEC-2025", "05-JAN-2026", "12-JAN-2026", "19-JAN-2026"],
            ["101-002", "CD", "1971", "M", "1", "DL1", "02-DEC-2025", "06-JAN-2026",
             "11-DEC-2025", "", "", ""]])
    report = import_patients(db, default_protocol(), sheet, TODAY, False)
    assert not report.problems, report.problems
    save_site_settings(db, replace(site_settings(db), site_number="101",
                                          country="DEU"))
    package = sdtm_packages(db, TODAY, NOW)["IMP7068-101"]
    assert problems(package) == []
    dm = {r["SUBJID"]: r for r in _rows(package, "DM")}
    assert dm["101-001"]["RFSTDTC"] == "2026-01-05" and dm["101-001"]["COUNTRY"] == "DEU"
    assert dm["101-002"]["ARMNRS"] == "ASSIGNED, NOT TREATED"
    sv = {r["VISIT"]: r for r in _rows(package, "SV") if r["USUBJID"].endswith("101-001")}
    assert (sv["C1D1"]["SVSTDY"], sv["SCR"]["SVSTDY"]) == (8, -26)
    ex = _rows(package, "EX")
    assert [(r["EXSTDTC"], r["EXENDTC"], r["EXDOSFRQ"]) for r in ex][:2] == [
        ("2026-01-05", "2026-01-05", "ONCE"), ("2026-01-12", None, "QD")]


def test_a_write_failing_half_way_leaves_no_study_behind(site, tmp_path, monkeypatch):
    import errno

    from app.services import sdtm

    real, calls = sdtm._write, []

    def full_disk(*args):
        calls.append(args[0])
        if len(calls) == 2:  # the second study: the disk is full
            raise OSError(errno.ENOSPC, "No space left on device")
        real(*args)

    monkeypatch.setattr(sdtm, "_write", full_disk)
    with pytest.raises(OSError):
        export_sdtm(site, tmp_path / "new", TODAY, NOW, "t.monitor", "csv", False)
    assert len(calls) == 2 and not (tmp_path / "new").exists()
    kept = tmp_path / "kept"
    kept.mkdir()
    (kept / "mine.txt").write_text("the user's")
    calls.clear()
    with pytest.raises(OSError):
        export_sdtm(site, kept, TODAY, NOW, "t.monitor", "csv", False)
    assert [p.name for p in kept.iterdir()] == ["mine.txt"]
