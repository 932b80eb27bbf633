"""CTCAE v5.0 grades from lab values: every bound on, just below and just above, worked out
by hand from NCI's texts (quoted in app/rules/lab_criteria.py)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import InvalidEntry
from app.rules.lab_criteria import CRITERIA
from app.rules.lab_grades import Limits, grade, terms
from app.rules.lab_units import COUNT, amount, convert


def g(term: str, value: str, unit: str, lln: str | None = None, uln: str | None = None,
      baseline: str | None = None) -> int:
    limits = Limits(lln=None if lln is None else D(lln), uln=None if uln is None else D(uln),
                    baseline=None if baseline is None else D(baseline))
    return grade(term, D(value), unit, limits).grade


# (term, unit, lln, uln, [(value, grade), ...])
DECREASES = [
    ("Neutrophil count decreased", "10^9/L", "2.0", None, [
        ("2.0", 0), ("1.99", 1), ("1.5", 1), ("1.49", 2), ("1.0", 2), ("0.99", 3),
        ("0.5", 3), ("0.49", 4), ("0", 4)]),
    ("Neutrophil count decreased", "/mm3", "2000", None, [
        ("2000", 0), ("1999", 1), ("1500", 1), ("1499", 2), ("1000", 2), ("999", 3),
        ("500", 3), ("499", 4)]),
    ("Platelet count decreased", "10^9/L", "150", None, [
        ("150", 0), ("149.9", 1), ("75.0", 1), ("74.9", 2), ("50", 2), ("49.9", 3),
        ("25", 3), ("24.9", 4)]),
    ("Platelet count decreased", "/mm3", "150000", None, [
        ("75000", 1), ("74999", 2), ("50000", 2), ("49999", 3), ("25000", 3), ("24999", 4)]),
    ("White blood cell decreased", "x10e9/L", "4.0", None, [
        ("4.0", 0), ("3.9", 1), ("3.0", 1), ("2.9", 2), ("2.0", 2), ("1.9", 3), ("1.0", 3),
        ("0.9", 4)]),
    ("Lymphocyte count decreased", "10^9/L", "1.0", None, [
        ("1.0", 0), ("0.9", 1), ("0.8", 1), ("0.79", 2), ("0.5", 2), ("0.49", 3),
        ("0.2", 3), ("0.19", 4)]),
    ("Anaemia", "g/dL", "12.0", None, [
        ("12.0", 0), ("11.9", 1), ("10.0", 1), ("9.9", 2), ("8.0", 2), ("7.9", 3)]),
    ("Anemia", "g/L", "120", None, [
        ("120", 0), ("119", 1), ("100", 1), ("99", 2), ("80", 2), ("79", 3)]),
    ("Anemia", "mmol/L", "7.4", None, [
        ("7.4", 0), ("7.3", 1), ("6.2", 1), ("6.1", 2), ("4.9", 2), ("4.8", 3)]),
    ("Hypokalaemia", "mmol/L", "3.5", None, [
        ("3.5", 0), ("3.4", 1), ("3.0", 1), ("2.9", 3), ("2.5", 3), ("2.4", 4)]),
    ("Hyponatraemia", "mmol/L", "135", None, [
        ("135", 0), ("134", 1), ("130", 1), ("129.9", 2), ("129", 2), ("125", 2),
        ("124.9", 3), ("124", 3), ("120", 3), ("119.9", 4)]),
    ("Hypomagnesaemia", "mg/dL", "1.7", None, [
        ("1.7", 0), ("1.6", 1), ("1.2", 1), ("1.19", 2), ("0.9", 2), ("0.89", 3),
        ("0.7", 3), ("0.69", 4)]),
    ("Hypomagnesemia", "mmol/L", "0.7", None, [
        ("0.7", 0), ("0.69", 1), ("0.5", 1), ("0.49", 2), ("0.4", 2), ("0.39", 3),
        ("0.3", 3), ("0.29", 4)]),
    ("Hypercalcaemia", "mg/dL", None, "10.5", [
        ("10.5", 0), ("10.6", 1), ("11.5", 1), ("11.6", 2), ("12.5", 2), ("12.6", 3),
        ("13.5", 3), ("13.6", 4)]),
    ("Hypercalcemia", "mmol/L", None, "2.6", [
        ("2.6", 0), ("2.61", 1), ("2.9", 1), ("2.91", 2), ("3.1", 2), ("3.11", 3),
        ("3.4", 3), ("3.41", 4)]),
]


@pytest.mark.parametrize(("term", "unit", "lln", "uln", "cases"), DECREASES)
def test_absolute_bounds(term, unit, lln, uln, cases):
    assert [(v, g(term, v, unit, lln=lln, uln=uln)) for v, _ in cases] == cases


# (term, uln, [(multiple of ULN as value, grade)]) with a normal baseline
ULN_MULTIPLES = [
    ("Alanine aminotransferase increased", "40", [
        ("40", 0), ("40.1", 1), ("120", 1), ("120.1", 2), ("200", 2), ("200.1", 3),
        ("800", 3), ("800.1", 4)]),
    ("AST increased", "40", [("120", 1), ("120.1", 2), ("800", 3), ("800.1", 4)]),
    ("Blood bilirubin increased", "20", [
        ("20", 0), ("20.1", 1), ("30", 1), ("30.1", 2), ("60", 2), ("60.1", 3), ("200", 3),
        ("200.1", 4)]),
    ("Alkaline phosphatase increased", "100", [
        ("100", 0), ("101", 1), ("250", 1), ("251", 2), ("500", 2), ("501", 3),
        ("2000", 3), ("2001", 4)]),
    ("Creatinine increased", "1.0", [
        ("1.0", 0), ("1.01", 1), ("1.5", 1), ("1.51", 2), ("3.0", 2), ("3.01", 3),
        ("6.0", 3), ("6.01", 4)]),
]


@pytest.mark.parametrize(("term", "uln", "cases"), ULN_MULTIPLES)
def test_multiples_of_the_uln_with_a_normal_baseline(term, uln, cases):
    unit = "mg/dL" if term.startswith(("Creatinine", "Blood")) else "U/L"
    for baseline in (None, uln):  # no baseline, or a baseline on the ULN: normal
        assert [(v, g(term, v, unit, uln=uln, baseline=baseline)) for v, _ in cases] == cases


# an abnormal baseline (above the ULN): multiples of the baseline
ABNORMAL_BASELINE = [
    ("ALT increased", "U/L", "40", "60", [
        ("89.9", 0), ("90", 1), ("180", 1), ("180.1", 2), ("300", 2), ("300.1", 3),
        ("1200", 3), ("1200.1", 4)]),
    ("Aspartate aminotransferase increased", "U/L", "40", "50", [
        ("74", 0), ("75", 1), ("150", 1), ("151", 2)]),
    ("Blood bilirubin increased", "umol/L", "21", "30", [
        ("30", 0), ("30.1", 1), ("45", 1), ("45.1", 2), ("90", 2), ("90.1", 3), ("300", 3),
        ("300.1", 4)]),
    ("ALP increased", "U/L", "120", "200", [
        ("399", 0), ("400", 1), ("500", 1), ("501", 2), ("1000", 2), ("1001", 3),
        ("4000", 3), ("4001", 4)]),
]


@pytest.mark.parametrize(("term", "unit", "uln", "baseline", "cases"), ABNORMAL_BASELINE)
def test_multiples_of_an_abnormal_baseline(term, unit, uln, baseline, cases):
    found = [(v, g(term, v, unit, uln=uln, baseline=baseline)) for v, _ in cases]
    assert found == cases
    limits = Limits(uln=D(uln), baseline=D(baseline))
    assert grade(term, D(cases[-1][0]), unit, limits).baseline_abnormal


def test_creatinine_against_baseline_and_uln_whichever_is_higher():
    # baseline 0.5, ULN 1.2 mg/dL: >1.5 x baseline (0.75) is grade 2 even below the ULN
    assert g("Creatinine increased", "0.75", "mg/dL", uln="1.2", baseline="0.5") == 0
    assert g("Creatinine increased", "0.76", "mg/dL", uln="1.2", baseline="0.5") == 2
    assert g("Creatinine increased", "1.5", "mg/dL", uln="1.2", baseline="0.5") == 2
    assert g("Creatinine increased", "1.51", "mg/dL", uln="1.2", baseline="0.5") == 3
    assert g("Creatinine increased", "7.3", "mg/dL", uln="1.2", baseline="0.5") == 4
    # without a baseline, the ULN alone
    assert g("Creatinine increased", "0.76", "mg/dL", uln="1.2") == 0
    assert g("Creatinine increased", "133", "umol/L", uln="106") == 1


def test_hyperglycaemia_only_grade_1_and_only_above_baseline():
    assert g("Hyperglycaemia", "6.1", "mmol/L", uln="6.1") == 0
    assert g("Hyperglycaemia", "6.2", "mmol/L", uln="6.1") == 1
    assert g("Hyperglycaemia", "25", "mmol/L", uln="6.1") == 1
    assert g("Hyperglycaemia", "8", "mmol/L", uln="6.1", baseline="8") == 0
    assert g("Hyperglycaemia", "8.1", "mmol/L", uln="6.1", baseline="8") == 1
    found = grade("Hyperglycemia", D(25), "mmol/L", Limits(uln=D("6.1")))
    assert "investigator" in found.note


def test_the_reason_says_the_value_the_bound_and_nci_text():
    found = grade("Neutrophil count decreased", D("0.8"), "x10e9/L",
                  Limits(lln=D("2.0")))
    assert (found.term, found.meddra_code, found.grade) == (
        "Neutrophil count decreased", "10029366", 3)
    assert str(found.reason) == ("grade 3: 0.8 10^9/L is below 1.0 10^9/L "
                                 "(<1000 - 500/mm3; <1.0 - 0.5 x 10e9 /L)")
    normal = grade("ALT increased", D(30), "U/L", Limits(uln=D(40)))
    assert normal.grade == 0 and str(normal.reason) == (
        "30 U/L is not above the ULN 40 U/L: no grade")
    abnormal = grade("ALT increased", D(100), "IU/L", Limits(uln=D(40), baseline=D(60)))
    assert "1.5 x baseline (90.0 U/L)" in abnormal.reason


def test_units_other_than_ctcae_prints_are_converted():
    # 1500 cells/uL is 1.5 x 10^9/L; 4.9 mmol/L of Hgb printed by CTCAE, 79 g/L below 80
    assert g("Neutrophil count decreased", "1500", "cells/uL", lln="2000") == 1
    assert g("Neutrophil count decreased", "1499", "cells/uL", lln="2000") == 2
    assert g("Platelet count decreased", "49", "10^3/uL", lln="150") == 3
    # magnesium 0.5 mmol/L is 1.0 mEq/L; calcium 2.9 mmol/L is 5.8 mEq/L
    assert g("Hypomagnesemia", "1.0", "mEq/L", lln="1.4") == 1
    assert g("Hypomagnesemia", "0.98", "mEq/L", lln="1.4") == 2
    assert g("Hypercalcemia", "5.8", "mEq/L", uln="5.2") == 1
    assert g("Hypercalcemia", "5.82", "mEq/L", uln="5.2") == 2
    assert g("ALT increased", "2.1", "ukat/L", uln="0.7") == 1   # 3.0 x ULN on the bound


@given(st.integers(min_value=0, max_value=20_000), st.integers(min_value=1000, max_value=9000))
def test_a_count_graded_the_same_per_mm3_and_per_litre(per_mm3, lln):
    litre = convert(COUNT, D(per_mm3), "/mm3", "10^9/L")
    assert g("Neutrophil count decreased", str(per_mm3), "/mm3", lln=str(lln)) == \
        g("Neutrophil count decreased", str(litre), "10^9/L", lln=str(D(lln) / 1000))


@given(st.decimals(min_value=0, max_value=50, places=2))
def test_haemoglobin_g_per_dl_and_g_per_l_agree(value):
    assert g("Anemia", str(value), "g/dL", lln="12.0") == \
        g("Anemia", str(value * 10), "g/L", lln="120")


@given(st.decimals(min_value=0, max_value=2000, places=1),
       st.decimals(min_value=10, max_value=100, places=0))
def test_grades_never_fall_as_a_transaminase_rises(value, uln):
    assert g("ALT increased", str(value), "U/L", uln=str(uln)) <= \
        g("ALT increased", str(value + D("0.1")), "U/L", uln=str(uln))


def test_every_term_of_the_issue_is_graded():
    wanted = {"Neutrophil count decreased", "Platelet count decreased", "Anemia",
              "White blood cell decreased", "Lymphocyte count decreased",
              "Alanine aminotransferase increased", "Aspartate aminotransferase increased",
              "Blood bilirubin increased", "Alkaline phosphatase increased",
              "Creatinine increased", "Hypokalemia", "Hyponatremia", "Hypomagnesemia",
              "Hypercalcemia", "Hyperglycemia"}
    assert wanted <= set(terms())
    assert all(len(c.texts) == 4 for c in CRITERIA)


def test_the_texts_are_ncis_own():
    from tests.conftest import reference_file

    workbook = reference_file("ctcae", "CTCAE_v5.0.xlsx")
    from app.rules.ctcae import read_ctcae

    entries = {e.term: e for e in read_ctcae(workbook)}
    for crit in CRITERIA:
        entry = entries[crit.term]
        assert entry.meddra_code == crit.meddra_code
        assert {k: " ".join(v.split()) for k, v in entry.grades.items() if k < 5} == \
            {k: " ".join(v.split()) for k, v in crit.texts.items()}


@pytest.mark.parametrize(("call", "field", "words"), [
    (lambda: grade("Nausea", D(1), "U/L", Limits()), "Term", "not a lab-defined"),
    (lambda: grade("Hypokalemia", D(3), "mg/dL", Limits(lln=D("3.5"))), "Unit",
     "mg/dL is not a unit of monovalent ion"),
    (lambda: grade("Hypokalemia", D(3), "mmol/L", Limits()), "LLN", "the LLN is needed"),
    (lambda: grade("ALT increased", D(3), "U/L", Limits()), "ULN", "the ULN is needed"),
    (lambda: grade("Anemia", D(3), "g/dL", Limits(lln=D(12), uln=D(10))), "LLN",
     "above the ULN"),
    (lambda: amount("1.2.3", "Value"), "Value", "Value: 1.2.3 is not a number"),
    (lambda: amount("-1", "Value"), "Value", "cannot be negative"),
])
def test_refusals_name_the_field(call, field, words):
    with pytest.raises(InvalidEntry) as caught:
        call()
    assert caught.value.field == field and words in caught.value.message


def test_a_decimal_comma_and_thousands_separators_are_read():
    assert amount("1,5", "Value") == D("1.5")
    assert amount("0,500", "Value") == D("0.5")
    assert amount("75,000", "Value") == D(75000)               # as CTCAE writes it
    assert amount("1,250.5", "Value") == D("1250.5")
    assert amount("74,999", "Value") == D(74999)
    with pytest.raises(InvalidEntry):
        amount("1,25,000", "Value")
