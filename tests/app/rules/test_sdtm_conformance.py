"""The SDTMIG checks every export runs: each names dataset, row and variable."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.errors import InvalidEntry
from app.rules.sdtm_conformance import (
    check_package_target,
    check_site,
    problems,
    refuse_nonconforming,
)
from app.rules.sdtm_spec import SPECS, Row, Variable, dataset

STUDY = "S-1"


def _dm(**changes: object) -> Row:
    row: Row = {
        "STUDYID": STUDY, "USUBJID": "S-1-001", "SUBJID": "001", "RFSTDTC": "2026-01-10",
        "SITEID": "101", "SEX": "F", "COUNTRY": "FRA", "ARMCD": "DL1", "ARM": "Dose 1",
        "ACTARMCD": "DL1", "ACTARM": "Dose 1"}
    return row | changes


def _ae(**changes: object) -> Row:
    row: Row = {
        "STUDYID": STUDY, "USUBJID": "S-1-001", "AETERM": "sick", "AEDECOD": "Nausea",
        "AESER": "N", "AEACN": "DOSE NOT CHANGED", "AESTDTC": "2026-01-12", "AESTDY": 3}
    return row | changes


def _check(dm: list[Row], ae: list[Row]) -> list[str]:
    return [str(p) for p in problems([dataset(SPECS["DM"], STUDY, dm),
                                      dataset(SPECS["AE"], STUDY, ae)])]


def test_a_conformant_pair_has_no_problem():
    assert _check([_dm()], [_ae(), _ae(AESTDTC="2026-01", AESTDY=None)]) == []


def test_each_check_names_dataset_row_and_variable():
    found = _check([_dm(COUNTRY=None, ARMCD=None)], [
        _ae(AEDECOD=""), _ae(AEACN="NONE"), _ae(AESTDTC="12-JAN-2026", AESTDY=None),
        _ae(AESTDY=4), _ae(AESTDTC="2026-01-09", AESTDY=0), _ae(AESER="Y"),
        _ae(AETERM="x" * 201), _ae(USUBJID="S-1-999", AESTDY=None), _ae(AETOXGR=3)])
    expected = [
        "DM row 1, COUNTRY: required, but empty",
        "DM row 1, ARMNRS: ARMCD is null, so ARMNRS must say why",
        "AEDECOD: required, but empty",
        "is not in code list ACN (C66767)",
        "AESTDTC: '12-JAN-2026' is not an ISO 8601 date",
        "AESTDY: 4 is not the study day of 2026-01-12 from RFSTDTC (3)",
        "AESTDY: there is no study day 0",
        "AESER: serious, but no seriousness criterion is Y",
        "AETERM: over 200 characters",
        "USUBJID: S-1-999 is not in DM",
        "AETOXGR: '3' is not of type text"]
    for text in expected:
        assert any(text in f for f in found), (text, found)


def test_seq_unique_and_visit_one_to_one():
    sv = dataset(SPECS["SV"], STUDY, [
        {"STUDYID": STUDY, "USUBJID": "S-1-001", "VISITNUM": 1.0, "VISIT": "SCR"},
        {"STUDYID": STUDY, "USUBJID": "S-1-001", "VISITNUM": 2.0, "VISIT": "SCR"}])
    found = [str(p) for p in problems([dataset(SPECS["DM"], STUDY, [_dm()]), sv])]
    assert any("not one to one" in f for f in found), found
    ae = dataset(SPECS["AE"], STUDY, [_ae(), _ae()])
    twice = replace(ae, rows=(ae.rows[0], ae.rows[0]))
    found = [str(p) for p in problems([dataset(SPECS["DM"], STUDY, [_dm()]), twice])]
    assert "AE row 2, AESEQ: 1 is used twice for S-1-001" in found


def test_names_and_labels_are_held_to_xport_limits():
    spec = replace(SPECS["DV"], variables=(*SPECS["DV"].variables,
                                           Variable("DVTOOLONGX", "x" * 41, "text", "Perm")))
    found = [str(p) for p in problems([dataset(spec, STUDY, [])])]
    assert "DV, DVTOOLONGX: the name is not 1 to 8 letters or digits" in found
    assert "DV, DVTOOLONGX: the label is over 40 characters" in found


def test_every_shipped_dataset_keeps_the_limits():
    assert all(not problems([dataset(s, STUDY, [])]) for s in SPECS.values())


def test_the_refusal_names_the_first_problems_and_counts_the_rest():
    rows = [_dm(USUBJID=f"S-1-{i:03d}", COUNTRY=None) for i in range(8)]
    with pytest.raises(InvalidEntry) as refused:
        refuse_nonconforming([dataset(SPECS["DM"], STUDY, rows)])
    assert "SDTM for S-1 does not conform, nothing was written: DM row 1, COUNTRY" \
        in refused.value.message
    assert "(and 3 more)" in refused.value.message


def test_the_site_needs_a_number_and_a_country_and_the_package_a_folder():
    with pytest.raises(InvalidEntry, match="no number"):
        check_site("", "FRA")
    with pytest.raises(InvalidEntry, match="no country"):
        check_site("101", " ")
    check_site("101", "FRA")
    with pytest.raises(InvalidEntry, match="name a folder"):
        check_package_target("sdtm.xlsx", ".xlsx", "xpt", ("xpt", "csv"))
    with pytest.raises(InvalidEntry, match="not 'sas'"):
        check_package_target("sdtm", "", "sas", ("xpt", "csv"))


def test_disposition_terms_by_their_category():
    ds = dataset(SPECS["DS"], STUDY, [
        {"STUDYID": STUDY, "USUBJID": "S-1-001", "DSTERM": "x", "DSDECOD": "DEATH",
         "DSCAT": "DISPOSITION EVENT", "DSSTDTC": "2026-02"},
        {"STUDYID": STUDY, "USUBJID": "S-1-001", "DSTERM": "x", "DSDECOD": "DIED",
         "DSCAT": "DISPOSITION EVENT", "DSSTDTC": "2026-03"},
        {"STUDYID": STUDY, "USUBJID": "S-1-001", "DSTERM": "x",
         "DSDECOD": "INFORMED CONSENT OBTAINED", "DSCAT": "PROTOCOL MILESTONE",
         "DSSTDTC": "2026-01-02", "DSSTDY": -8}])
    found = [str(p) for p in problems([dataset(SPECS["DM"], STUDY, [_dm()]), ds])]
    assert found == ["DS row 3, DSDECOD: 'DIED' is not in code list NCOMPLT (C66727)"]
