"""VS, EG, LB, CM and MH in SDTM's words (CT), and the conformance rules for them: each
firing on a bad row, naming dataset, row and variable."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.rules.sdtm_clinical import (
    eg_test,
    frequency_term,
    number,
    range_indicator,
    route_term,
    unit_term,
)
from app.rules.sdtm_conformance import problems
from app.rules.sdtm_spec import SPECS, Row, dataset
from app.rules.sdtm_terms import CODELISTS

STUDY = "S-1"
DM: Row = {"STUDYID": STUDY, "USUBJID": "S-1-001", "SUBJID": "001", "RFSTDTC": "2026-01-10",
           "SITEID": "101", "SEX": "F", "COUNTRY": "FRA", "ARMCD": "DL1", "ARM": "Dose 1",
           "ACTARMCD": "DL1", "ACTARM": "Dose 1"}


def _found(name: str, *rows: Row) -> list[str]:
    return [str(p) for p in problems([dataset(SPECS["DM"], STUDY, [DM]),
                                      dataset(SPECS[name], STUDY, list(rows))])]


def _lb(**changes: object) -> Row:
    row: Row = {"STUDYID": STUDY, "USUBJID": "S-1-001", "LBTESTCD": "NEUT",
                "LBTEST": "Neutrophils", "LBORRES": "1.6", "LBORRESU": "10^9/L",
                "LBSTRESC": "1.6", "LBSTRESN": 1.6, "LBSTRESU": "10^9/L", "LBSTNRLO": 1.8,
                "LBSTNRHI": 7.5, "LBNRIND": "LOW", "LBTOX": "Neutrophil count decreased",
                "LBTOXGR": "1", "LBDTC": "2026-01-20", "LBDY": 11}
    return row | changes


def _cm(**changes: object) -> Row:
    row: Row = {"STUDYID": STUDY, "USUBJID": "S-1-001", "CMTRT": "Ondansetron",
                "CMDOSE": 8.0, "CMDOSU": "mg", "CMROUTE": "ORAL", "CMDOSFRQ": "PRN",
                "CMSTDTC": "2026-01", "CMENRTPT": "ONGOING", "CMENTPT": "2026-02-01"}
    return row | changes


@pytest.mark.parametrize(("code", "expected"), [
    ("HR", ("HRMEAN", "Summary (Mean) Heart Rate")), ("PR", ("PRAG", "PR Interval, Aggregate")),
    ("QRS", ("QRSAG", "QRS Duration, Aggregate")), ("QT", ("QTAG", "QT Interval, Aggregate")),
    ("QTCF", ("QTCFAG", "QTcF Interval, Aggregate"))])
def test_ecg_measures_are_cts_aggregates(code: str, expected: tuple[str, str]) -> None:
    assert eg_test(code) == expected
    assert expected[0] in CODELISTS["EGTESTCD"].terms
    assert expected[1] in CODELISTS["EGTEST"].terms


def test_units_routes_and_frequencies_as_ct_spells_them() -> None:
    assert [unit_term(u) for u in ("ms", "mcg", "ML", "tablets", "10^9/L", "", None)] == [
        "msec", "ug", "mL", "TABLET", "10^9/L", None, None]
    assert [route_term(r) for r in ("oral", "inhaled", "other", "nasal", None)] == [
        "ORAL", "RESPIRATORY (INHALATION)", None, "NASAL", None]  # NASAL: named by the check
    assert [frequency_term(f) for f in ("QD", "qw", "PRN", "continuous", "other")] == [
        "QD", "QS", "PRN", "CONTINUOUS", None]
    assert {"ORAL", "RESPIRATORY (INHALATION)"} <= set(CODELISTS["ROUTE"].terms)
    assert {"QS", "PRN", "CONTINUOUS"} <= set(CODELISTS["FREQ"].terms)


def test_range_indicator_includes_both_limits() -> None:
    d = Decimal
    assert range_indicator(d("1.8"), d("1.8"), d("7.5")) == "NORMAL"
    assert range_indicator(d("1.79"), d("1.8"), d("7.5")) == "LOW"
    assert range_indicator(d("7.51"), d("1.8"), d("7.5")) == "HIGH"
    assert range_indicator(d("7.5"), None, d("7.5")) == "NORMAL"
    assert range_indicator(d("7.5"), None, None) is None
    assert [number(x) for x in (72.0, 1.85, Decimal("150.000"), Decimal("0.00"))] == [
        "72", "1.85", "150", "0"]


def test_a_good_lab_row_conforms() -> None:
    assert _found("LB", _lb()) == []


@pytest.mark.parametrize(("changes", "expected"), [
    ({"LBNRIND": "NORMAL"}, "LB row 1, LBNRIND: NORMAL does not say where 1.6 falls in its "
                            "range (LOW)"),
    ({"LBTOXGR": "6"}, "LB row 1, LBTOXGR: '6' is not a CTCAE grade (0 to 5)"),
    ({"LBTOXGR": None}, "LB row 1, LBTOXGR: LBTOX names a toxicity with no grade"),
    ({"LBORRESU": None}, "LB row 1, LBORRESU: the result 1.6 has no unit"),
    ({"LBSTRESN": 16.0}, "LB row 1, LBSTRESN: 16.0 is not the number LBSTRESC writes (1.6)"),
    ({"LBTESTCD": "NEUTRO"}, "LB row 1, LBTESTCD: 'NEUTRO' is not in code list LBTESTCD "
                             "(C65047)"),
    ({"LBORRESU": "10e9/L"}, "LB row 1, LBORRESU: '10e9/L' is not in code list UNIT (C71620)"),
    ({"LBNRIND": "BELOW"}, "LB row 1, LBNRIND: 'BELOW' is not in code list NRIND (C78736)"),
])
def test_a_bad_lab_row_is_named(changes: dict[str, object], expected: str) -> None:
    assert expected in _found("LB", _lb(**changes))


def test_one_last_observation_before_exposure_per_test() -> None:
    first = _lb(LBLOBXFL="Y", LBDTC="2026-01-05", LBDY=-5)
    again = _lb(LBLOBXFL="Y", LBDTC="2026-01-08", LBDY=-2)
    other = _lb(LBLOBXFL="Y", LBTESTCD="PLAT", LBTEST="Platelets", LBDTC="2026-01-08",
                LBDY=-2)
    found = _found("LB", first, again, other)
    assert found == ["LB row 2, LBLOBXFL: a second last observation before exposure of NEUT "
                     "for S-1-001"]


def test_vital_signs_and_ecg_terms_come_from_ct() -> None:
    vs: Row = {"STUDYID": STUDY, "USUBJID": "S-1-001", "VSTESTCD": "PULSE",
               "VSTEST": "Pulse Rate", "VSORRES": "72", "VSORRESU": "beats/min",
               "VSSTRESC": "72", "VSSTRESN": 72.0, "VSSTRESU": "beats/min",
               "VSDTC": "2026-01-10", "VSDY": 1}
    assert _found("VS", vs) == []
    assert _found("VS", vs | {"VSTESTCD": "ECOG"}) == [
        "VS row 1, VSTESTCD: 'ECOG' is not in code list VSTESTCD (C66741)"]
    assert _found("VS", vs | {"VSORRESU": "bpm", "VSSTRESU": "bpm"})[0] == (
        "VS row 1, VSORRESU: 'bpm' is not in code list VSRESU (C66770)")
    eg: Row = {"STUDYID": STUDY, "USUBJID": "S-1-001", "EGTESTCD": "QTCFAG",
               "EGTEST": "QTcF Interval, Aggregate", "EGORRES": "452", "EGORRESU": "msec",
               "EGSTRESC": "452", "EGSTRESN": 452.0, "EGSTRESU": "msec",
               "EGTOX": "Electrocardiogram QT corrected interval prolonged", "EGTOXGR": "1",
               "EGDTC": "2026-01-10", "EGDY": 1}
    assert _found("EG", eg) == []
    assert _found("EG", eg | {"EGORRESU": "ms"}) == [
        "EG row 1, EGORRESU: 'ms' is not in code list UNIT (C71620)"]


def test_conmeds_and_history_spans() -> None:
    assert _found("CM", _cm()) == []
    assert _found("CM", _cm(CMENDTC="2026-01-20", CMENDY=11)) == [
        "CM row 1, CMENRTPT: ONGOING, yet it ended on 2026-01-20"]
    assert _found("CM", _cm(CMENTPT=None)) == [
        "CM row 1, CMENTPT: CMENRTPT is ONGOING, but relative to nothing"]
    assert _found("CM", _cm(CMSTDTC="2026-01-15", CMSTDY=6, CMENDTC="2026-01-12",
                            CMENDY=3, CMENRTPT=None, CMENTPT=None)) == [
        "CM row 1, CMENDTC: 2026-01-12 is before the start 2026-01-15"]
    assert _found("CM", _cm(CMSTDTC="2026-01", CMENDTC="2026-01-12", CMENDY=3,
                            CMENRTPT=None, CMENTPT=None)) == []  # partial: not before
    assert _found("CM", _cm(CMROUTE="NASAL"))[0] == (
        "CM row 1, CMROUTE: 'NASAL' is not in code list ROUTE (C66729)")
    mh: Row = {"STUDYID": STUDY, "USUBJID": "S-1-001", "MHTERM": "Hypertension",
               "MHDECOD": "Hypertension", "MHTOXGR": "1", "MHSTDTC": "2019",
               "MHENRTPT": "ONGOING", "MHENTPT": "2026-02-01"}
    assert _found("MH", mh) == []
    assert _found("MH", mh | {"MHTOXGR": "G2"}) == [
        "MH row 1, MHTOXGR: 'G2' is not a CTCAE grade (0 to 5)"]
