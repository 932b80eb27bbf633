"""SDTM of vital signs, ECG, labs, con-meds and medical history (issue 36 item 6): VS, EG,
LB, CM and MH with SDTMIG 3.4's variables in order and CDISC CT's terms, partial dates kept
partial, a lab result only once accepted, written as XPT, CSV and XLSX and described in the
define.xml."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime

import pandas as pd
import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.rules.protocol import default_protocol
from app.rules.sdtm_conformance import problems
from app.rules.sdtm_spec import SPECS
from app.rules.sdtm_terms import CODELISTS
from app.services.demo import seed_demo
from app.services.sdtm import export_sdtm, sdtm_packages
from db.findings import ConMed, MedicalHistory
from db.labs import LabResult
from db.models import Patient

TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
STUDY = "IMP7068-101"
LABS = {"NEUT", "PLAT", "HGB", "WBC", "LYM", "ALT", "AST", "BILI", "ALP", "CREAT", "K",
        "SODIUM", "MG", "CA", "GLUC"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The demo (its readings, con-meds and accepted labs), and for one dosed patient: a
    con-med and a history item known in part, a platelet count reported in /mm3, and an
    imported result still held for review."""
    from db import open_database

    db = open_database(f"sqlite:///{tmp_path_factory.mktemp('sdtm') / 'site.sqlite'}")
    db.actor = "tester"
    seed_demo(db, default_protocol(), TODAY, patients=16, second_study=0)
    with db.unit_of_work(reason="test") as session:
        patient = session.scalars(select(Patient).where(
            Patient.last_dose_date.is_(None), Patient.screen_fail_date.is_(None),
            Patient.consent_date < date(2026, 6, 1)).order_by(Patient.subject_id)).first()
        pid, subject, drawn = patient.id, patient.subject_id, patient.consent_date
        session.add(ConMed(patient_id=pid, drug="Salbutamol", dose=100.0, unit="mcg",
                           route="inhaled", frequency="QW", indication="Asthma",
                           start_date=date(2026, 3, 1), start_partial="UN-MAR-2026",
                           ongoing=True))
        session.add(ConMed(patient_id=pid, drug="Amoxicillin", dose=1.0, unit="g",
                           route="other", frequency="TID", indication="Bronchitis",
                           start_date=date(2026, 5, 2), end_date=date(2026, 5, 9)))
        session.add(MedicalHistory(patient_id=pid, term="Hypertension", meddra_code="10020772",
                                   grade=1, start_date=date(2019, 1, 1),
                                   start_partial="UN-UNK-2019", ongoing=True))
        session.add(LabResult(patient_id=pid, analyte="PLAT", lab="Demo hospital laboratory",
                              sample_date=drawn, sample_id="P-1", value="210000",
                              unit="/mm3", status="accepted", source="manual"))
        session.add(LabResult(patient_id=pid, analyte="HGB", lab="Demo hospital laboratory",
                              sample_date=drawn, sample_id="P-1", value="9.1",
                              unit="g/dL", status="pending", source="csv"))
    yield db, f"{STUDY}-{subject}", drawn.isoformat()
    db.close()


@pytest.fixture(scope="module")
def package(site):
    return {d.name: d for d in sdtm_packages(site[0], TODAY, NOW)[STUDY]}


def test_the_new_domains_conform_with_their_variables_in_order(package):
    assert problems(list(package.values())) == []
    for name in ("VS", "EG", "LB", "CM", "MH"):
        assert package[name].rows, name
        assert list(package[name].rows[0]) == list(SPECS[name].names)
    assert SPECS["LB"].names[3:8] == ("LBSEQ", "LBREFID", "LBTESTCD", "LBTEST", "LBCAT")


def test_vital_signs_in_ct_with_the_protocols_visit_numbers(package):
    vs = package["VS"].rows
    assert {r["VSTESTCD"] for r in vs} == {"WEIGHT", "HEIGHT", "BSA", "TEMP", "PULSE",
                                           "SYSBP", "DIABP", "RESP", "OXYSAT"}  # no ECOG
    assert {(r["VSTESTCD"], r["VSTEST"]) for r in vs} >= {
        ("PULSE", "Pulse Rate"), ("SYSBP", "Systolic Blood Pressure"),
        ("BSA", "Body Surface Area"), ("OXYSAT", "Oxygen Saturation")}
    assert {r["VSORRESU"] for r in vs} <= set(CODELISTS["VSRESU"].terms)
    assert {r["VSORRESU"] for r in vs if r["VSTESTCD"] == "TEMP"} == {"C"}
    assert {r["VSDRVFL"] for r in vs if r["VSTESTCD"] == "BSA"} == {"Y"}
    assert {r["VISITNUM"] for r in vs if r["VISIT"] == "SCR"} == {1.0}
    flagged = [(r["USUBJID"], r["VSTESTCD"]) for r in vs if r["VSLOBXFL"] == "Y"]
    assert flagged and len(flagged) == len(set(flagged))


def test_ecg_aggregates_in_ct_with_the_qtcf_grade(package):
    eg = package["EG"].rows
    assert {(r["EGTESTCD"], r["EGTEST"]) for r in eg} == {
        ("HRMEAN", "Summary (Mean) Heart Rate"), ("PRAG", "PR Interval, Aggregate"),
        ("QRSAG", "QRS Duration, Aggregate"), ("QTAG", "QT Interval, Aggregate"),
        ("QTCFAG", "QTcF Interval, Aggregate")}
    assert {r["EGORRESU"] for r in eg if r["EGTESTCD"] != "HRMEAN"} == {"msec"}
    qtcf = [r for r in eg if r["EGTESTCD"] == "QTCFAG"]
    assert all(r["EGDRVFL"] == "Y" and r["EGTOXGR"] in ("0", "1", "2", "3") for r in qtcf)
    assert all(r["EGTOXGR"] is None for r in eg if r["EGTESTCD"] != "QTCFAG")


def test_labs_accepted_only_with_range_indicator_and_derived_grade(package, site):
    lb = package["LB"].rows
    assert {r["LBTESTCD"] for r in lb} == LABS
    assert {(r["LBTESTCD"], r["LBTEST"]) for r in lb} >= {
        ("WBC", "Leukocytes"), ("HGB", "Hemoglobin"), ("BILI", "Bilirubin"),
        ("SODIUM", "Sodium"), ("GLUC", "Glucose")}
    mine = [r for r in lb if r["USUBJID"] == site[1] and r["LBDTC"] == site[2]]
    assert [r["LBTESTCD"] for r in mine] == ["PLAT"]  # the HGB held for review is not sent
    plat = mine[0]
    assert (plat["LBORRES"], plat["LBORRESU"], plat["LBORNRLO"], plat["LBORNRHI"]) == (
        "210000", "/mm3", "150000", "400000")  # the range in the unit the lab reported
    assert (plat["LBSTRESC"], plat["LBSTRESN"], plat["LBSTRESU"], plat["LBSTNRLO"],
            plat["LBSTNRHI"], plat["LBNRIND"]) == ("210", 210.0, "10^9/L", 150.0, 400.0,
                                                   "NORMAL")
    assert {r["LBCAT"] for r in lb} == {"HEMATOLOGY", "CHEMISTRY"}
    assert {r["LBSPEC"] for r in lb} == {"BLOOD", "SERUM"}
    low = [r for r in lb if r["LBTESTCD"] == "NEUT" and r["LBSTRESN"] == 1.6]
    assert low and all((r["LBNRIND"], r["LBTOXGR"], r["LBTOX"]) == (
        "LOW", "1", "Neutrophil count decreased") for r in low)
    assert all(r["LBTOXGR"] == "0" and r["LBTOX"] is None for r in lb
               if r["LBNRIND"] == "NORMAL")
    assert {r["EPOCH"] for r in lb} <= {"SCREENING", "TREATMENT", "FOLLOW-UP"}


def test_conmeds_and_history_keep_partial_dates_and_speak_ct(package, site):
    cm = {r["CMTRT"]: r for r in package["CM"].rows if r["USUBJID"] == site[1]}
    inhaler = cm["Salbutamol"]
    assert (inhaler["CMSTDTC"], inhaler["CMSTDY"], inhaler["EPOCH"]) == ("2026-03", None, None)
    assert (inhaler["CMDOSE"], inhaler["CMDOSU"], inhaler["CMROUTE"], inhaler["CMDOSFRQ"]) == (
        100.0, "ug", "RESPIRATORY (INHALATION)", "QS")
    assert (inhaler["CMENRTPT"], inhaler["CMENTPT"], inhaler["CMENDTC"]) == (
        "ONGOING", "2026-11-25", None)
    ended = cm["Amoxicillin"]
    assert (ended["CMSTDTC"], ended["CMENDTC"], ended["CMROUTE"], ended["CMENRTPT"]) == (
        "2026-05-02", "2026-05-09", None, None)  # "other" has no CDISC route
    assert {r["CMROUTE"] for r in package["CM"].rows} - {None} <= set(CODELISTS["ROUTE"].terms)
    mh = [r for r in package["MH"].rows if r["USUBJID"] == site[1]]
    assert [(r["MHTERM"], r["MHDECOD"], r["MHTOXGR"], r["MHSTDTC"], r["MHSTDY"],
             r["MHENRTPT"]) for r in mh] == [("Hypertension", "Hypertension", "1", "2019",
                                              None, "ONGOING")]


def test_written_as_xpt_csv_and_xlsx_and_described_in_define(site, tmp_path):
    db = site[0]
    written = export_sdtm(db, tmp_path / "xpt", TODAY, NOW, "t.monitor", "xpt", True)
    folder = tmp_path / "xpt" / STUDY
    for name in ("VS", "EG", "LB", "CM", "MH"):
        frame = pd.read_sas(folder / f"{name.lower()}.xpt", format="xport", encoding="utf-8")
        assert list(frame.columns) == list(SPECS[name].names)
        assert len(frame) == written[STUDY][name]
    define = ET.parse(folder / "define.xml").getroot()
    odm = "{http://www.cdisc.org/ns/odm/v1.3}"
    groups = {g.get("Name") for g in define.iter(f"{odm}ItemGroupDef")}
    assert {"VS", "EG", "LB", "CM", "MH"} <= groups
    lists = {c.get("Name"): {i.get("CodedValue") for i in c} for c in
             define.iter(f"{odm}CodeList")}
    assert "QTCFAG" in lists["EGTESTCD"] and "NEUT" in lists["LBTESTCD"]
    export_sdtm(db, tmp_path / "csv", TODAY, NOW, "t.monitor", "csv", False)
    with (tmp_path / "csv" / STUDY / "lb.csv").open(encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    assert header == list(SPECS["LB"].names)
    export_sdtm(db, tmp_path / "xlsx", TODAY, NOW, "t.monitor", "xlsx", False)
    book = load_workbook(tmp_path / "xlsx" / STUDY / "sdtm.xlsx")
    assert {"VS", "EG", "LB", "CM", "MH"} <= set(book.sheetnames)
