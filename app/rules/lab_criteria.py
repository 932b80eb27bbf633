"""The CTCAE v5.0 criteria of the lab-defined terms, as data.

Each grade's text is NCI's own (CTCAE v5.0 workbook, "CTCAE v5.0 Clean Copy", 27-Nov-2017),
quoted in `texts`; the steps say the same in numbers. A step is one bound: "below LLN",
"below 1.5 x 10e9/L", "above 3.0 x ULN", "at or above 1.5 x baseline". A value's grade is
the highest grade whose step it passes (lab_grades.grade). CTCAE's ranges read as follows:
"<LLN - 1500/mm3" is below the LLN down to 1500 included, "<1500 - 1000" below 1500 down
to 1000 included; ">ULN - 3.0 x ULN" is above the ULN up to 3.0 x ULN included; a range
without its sign ("1.5 - 3.0 x baseline") includes its lower bound.

Absolute bounds are kept in each unit CTCAE prints (Hgb 10.0 g/dL, 6.2 mmol/L, 100 g/L):
a value in one of those units is compared with NCI's own number, not a rounded conversion.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from app.rules import lab_units as u

LLN, ULN, BASELINE, ABSOLUTE = "LLN", "ULN", "baseline", "absolute"


@dataclass(frozen=True)
class Step:
    """Passing this bound gives at least `grade`."""

    grade: int
    ref: str  # LLN, ULN, baseline (times `factor`), or absolute (one of `limits`)
    below: bool  # a decrease (the value below the bound) or an increase (above it)
    factor: Decimal = Decimal(1)
    limits: dict[str, Decimal] = field(default_factory=dict)  # absolute: per CTCAE unit
    on_bound: bool = False  # the bound itself passes ("1.5 - 3.0 x baseline")


@dataclass(frozen=True)
class Criteria:
    term: str  # CTCAE v5.0 term (US spelling, as NCI's dictionary has it)
    meddra_code: str
    quantity: u.Quantity
    texts: dict[int, str]  # NCI's grade texts
    steps: tuple[Step, ...]
    #: used instead of `steps` when the baseline is above the ULN (ALT, AST, bilirubin, ALP)
    abnormal_baseline: tuple[Step, ...] = ()
    #: glucose: abnormal AND above baseline (when a baseline is known)
    above_baseline: bool = False
    #: what the value alone cannot tell (symptoms, interventions)
    note: str = ""
    also_called: tuple[str, ...] = ()

    def refs(self) -> set[str]:
        return {s.ref for s in self.steps + self.abnormal_baseline}


def _d(text: str) -> Decimal:
    return Decimal(text)


def _low(grade: int, **limits: str) -> Step:
    return Step(grade, ABSOLUTE, True, limits={_unit(k): _d(v) for k, v in limits.items()})


def _high(grade: int, **limits: str) -> Step:
    return Step(grade, ABSOLUTE, False, limits={_unit(k): _d(v) for k, v in limits.items()})


def _unit(key: str) -> str:
    return {"per_l": "10^9/L", "per_mm3": "/mm3", "g_dl": "g/dL", "g_l": "g/L",
            "mmol_l": "mmol/L", "mg_dl": "mg/dL"}[key]


def _times(grade: int, ref: str, factor: str, on_bound: bool = False) -> Step:
    return Step(grade, ref, False, _d(factor), on_bound=on_bound)


_BELOW_LLN = Step(1, LLN, True)
_ABOVE_ULN = Step(1, ULN, False)


def _count(term: str, code: str, g1: str, g2: str, g3: str, texts: dict[int, str]) -> Criteria:
    """A blood count decreased: below LLN, then below three absolute bounds (10^9/L)."""
    def per_mm3(x: str) -> str:
        return format((_d(x) * 1000).normalize(), "f")
    return Criteria(term, code, u.COUNT, texts, (
        _BELOW_LLN,
        _low(2, per_l=g1, per_mm3=per_mm3(g1)),
        _low(3, per_l=g2, per_mm3=per_mm3(g2)),
        _low(4, per_l=g3, per_mm3=per_mm3(g3))))


def _hepatic(term: str, code: str, quantity: u.Quantity, normal: tuple[str, str, str],
             abnormal_g1: tuple[str, bool], texts: dict[int, str],
             also: tuple[str, ...]) -> Criteria:
    """ALT, AST, bilirubin, ALP: x ULN if the baseline was normal, x baseline if not."""
    g2, g3, g4 = normal
    return Criteria(term, code, quantity, texts, (
        _ABOVE_ULN, _times(2, ULN, g2), _times(3, ULN, g3), _times(4, ULN, g4)),
        abnormal_baseline=(
            _times(1, BASELINE, abnormal_g1[0], on_bound=abnormal_g1[1]),
            _times(2, BASELINE, g2), _times(3, BASELINE, g3), _times(4, BASELINE, g4)),
        also_called=also)


_TRANSAMINASE = {
    1: ">ULN - 3.0 x ULN if baseline was normal; 1.5 - 3.0 x baseline if baseline was abnormal",
    2: ">3.0 - 5.0 x ULN if baseline was normal; >3.0 - 5.0 x baseline if baseline was abnormal",
    3: ">5.0 - 20.0 x ULN if baseline was normal; >5.0 - 20.0 x baseline if baseline was "
       "abnormal",
    4: ">20.0 x ULN if baseline was normal; >20.0 x baseline if baseline was abnormal"}

CRITERIA: tuple[Criteria, ...] = (
    _count("Neutrophil count decreased", "10029366", "1.5", "1.0", "0.5", {
        1: "<LLN - 1500/mm3; <LLN - 1.5 x 10e9 /L",
        2: "<1500 - 1000/mm3; <1.5 - 1.0 x 10e9 /L",
        3: "<1000 - 500/mm3; <1.0 - 0.5 x 10e9 /L",
        4: "<500/mm3; <0.5 x 10e9 /L"}),
    _count("Platelet count decreased", "10035528", "75.0", "50.0", "25.0", {
        1: "<LLN - 75,000/mm3; <LLN - 75.0 x 10e9 /L",
        2: "<75,000 - 50,000/mm3; <75.0 - 50.0 x 10e9 /L",
        3: "<50,000 - 25,000/mm3; <50.0 - 25.0 x 10e9 /L",
        4: "<25,000/mm3; <25.0 x 10e9 /L"}),
    _count("White blood cell decreased", "10049182", "3.0", "2.0", "1.0", {
        1: "<LLN - 3000/mm3; <LLN - 3.0 x 10e9 /L",
        2: "<3000 - 2000/mm3; <3.0 - 2.0 x 10e9 /L",
        3: "<2000 - 1000/mm3; <2.0 - 1.0 x 10e9 /L",
        4: "<1000/mm3; <1.0 x 10e9 /L"}),
    _count("Lymphocyte count decreased", "10025256", "0.8", "0.5", "0.2", {
        1: "<LLN - 800/mm3; <LLN - 0.8 x 10e9/L",
        2: "<800 - 500/mm3; <0.8 - 0.5 x 10e9 /L",
        3: "<500 - 200/mm3; <0.5 - 0.2 x 10e9 /L",
        4: "<200/mm3; <0.2 x 10e9 /L"}),
    Criteria("Anemia", "10002272", u.HAEMOGLOBIN, {
        1: "Hemoglobin (Hgb) <LLN - 10.0 g/dL; <LLN - 6.2 mmol/L; <LLN - 100 g/L",
        2: "Hgb <10.0 - 8.0 g/dL; <6.2 - 4.9 mmol/L; <100 - 80g/L",
        3: "Hgb <8.0 g/dL; <4.9 mmol/L; <80 g/L; transfusion indicated",
        4: "Life-threatening consequences; urgent intervention indicated"}, (
        _BELOW_LLN, _low(2, g_dl="10.0", mmol_l="6.2", g_l="100"),
        _low(3, g_dl="8.0", mmol_l="4.9", g_l="80")),
        note="grade 4 (life-threatening consequences) is the investigator's judgement",
        also_called=("Anaemia", "Hemoglobin decreased", "Haemoglobin decreased")),
    _hepatic("Alanine aminotransferase increased", "10001551", u.ENZYME, ("3.0", "5.0", "20.0"),
             ("1.5", True), _TRANSAMINASE, ("ALT increased",)),
    _hepatic("Aspartate aminotransferase increased", "10003481", u.ENZYME,
             ("3.0", "5.0", "20.0"), ("1.5", True), _TRANSAMINASE, ("AST increased",)),
    _hepatic("Blood bilirubin increased", "10005364", u.BILIRUBIN, ("1.5", "3.0", "10.0"),
             ("1.0", False), {
                 1: ">ULN - 1.5 x ULN if baseline was normal; > 1.0 - 1.5 x baseline if "
                    "baseline was abnormal",
                 2: ">1.5 - 3.0 x ULN if baseline was normal; >1.5 - 3.0 x baseline if "
                    "baseline was abnormal",
                 3: ">3.0 - 10.0 x ULN if baseline was normal; >3.0 - 10.0 x baseline if "
                    "baseline was abnormal",
                 4: ">10.0 x ULN if baseline was normal; >10.0 x baseline if baseline was "
                    "abnormal"}, ("Bilirubin increased",)),
    _hepatic("Alkaline phosphatase increased", "10001675", u.ENZYME, ("2.5", "5.0", "20.0"),
             ("2.0", True), {
                 1: ">ULN - 2.5 x ULN if baseline was normal; 2.0 - 2.5 x baseline if "
                    "baseline was abnormal",
                 2: ">2.5 - 5.0 x ULN if baseline was normal; >2.5 - 5.0 x baseline if "
                    "baseline was abnormal",
                 3: ">5.0 - 20.0 x ULN if baseline was normal; >5.0 - 20.0 x baseline if "
                    "baseline was abnormal",
                 4: ">20.0 x ULN if baseline was normal; >20.0 x baseline if baseline was "
                    "abnormal"}, ("ALP increased",)),
    Criteria("Creatinine increased", "10011368", u.CREATININE, {
        1: ">ULN - 1.5 x ULN",
        2: ">1.5 - 3.0 x baseline; >1.5 - 3.0 x ULN",
        3: ">3.0 x baseline; >3.0 - 6.0 x ULN",
        4: ">6.0 x ULN"}, (
        _ABOVE_ULN, _times(2, ULN, "1.5"), _times(3, ULN, "3.0"), _times(4, ULN, "6.0"),
        _times(2, BASELINE, "1.5"), _times(3, BASELINE, "3.0"))),
    Criteria("Hypokalemia", "10021018", u.MONOVALENT, {
        1: "<LLN - 3.0 mmol/L",
        2: "Symptomatic with <LLN - 3.0 mmol/L; intervention indicated",
        3: "<3.0 - 2.5 mmol/L; hospitalization indicated",
        4: "<2.5 mmol/L; life-threatening consequences"}, (
        _BELOW_LLN, _low(3, mmol_l="3.0"), _low(4, mmol_l="2.5")),
        note="grade 2 (symptomatic, intervention indicated) is the investigator's judgement",
        also_called=("Hypokalaemia",)),
    Criteria("Hyponatremia", "10021038", u.MONOVALENT, {
        1: "<LLN - 130 mmol/L",
        2: "125-129 mmol/L and asymptomatic",
        3: "125-129 mmol/L symptomatic; 120-124 mmol/L regardless of symptoms",
        4: "<120 mmol/L; life-threatening consequences"}, (
        _BELOW_LLN, _low(2, mmol_l="130"), _low(3, mmol_l="125"), _low(4, mmol_l="120")),
        note="125-129 mmol/L with symptoms is grade 3: the investigator's judgement",
        also_called=("Hyponatraemia",)),
    Criteria("Hypomagnesemia", "10021028", u.MAGNESIUM, {
        1: "<LLN - 1.2 mg/dL; <LLN - 0.5 mmol/L",
        2: "<1.2 - 0.9 mg/dL; <0.5 - 0.4 mmol/L",
        3: "<0.9 - 0.7 mg/dL; <0.4 - 0.3 mmol/L",
        4: "<0.7 mg/dL; <0.3 mmol/L; life-threatening consequences"}, (
        _BELOW_LLN, _low(2, mg_dl="1.2", mmol_l="0.5"), _low(3, mg_dl="0.9", mmol_l="0.4"),
        _low(4, mg_dl="0.7", mmol_l="0.3")),
        also_called=("Hypomagnesaemia",)),
    Criteria("Hypercalcemia", "10020587", u.CALCIUM, {
        1: "Corrected serum calcium of >ULN - 11.5 mg/dL; >ULN - 2.9 mmol/L; Ionized calcium "
           ">ULN - 1.5 mmol/L",
        2: "Corrected serum calcium of >11.5 - 12.5 mg/dL; >2.9 - 3.1 mmol/L; Ionized calcium "
           ">1.5 - 1.6 mmol/L; symptomatic",
        3: "Corrected serum calcium of >12.5 - 13.5 mg/dL; >3.1 - 3.4 mmol/L; Ionized calcium "
           ">1.6 - 1.8 mmol/L; hospitalization indicated",
        4: "Corrected serum calcium of >13.5 mg/dL; >3.4 mmol/L; Ionized calcium >1.8 mmol/L; "
           "life-threatening consequences"}, (
        _ABOVE_ULN, _high(2, mg_dl="11.5", mmol_l="2.9"), _high(3, mg_dl="12.5", mmol_l="3.1"),
        _high(4, mg_dl="13.5", mmol_l="3.4")),
        note="graded on the corrected serum calcium; a symptomatic patient may be graded "
             "higher by the investigator",
        also_called=("Hypercalcaemia",)),
    Criteria("Hyperglycemia", "10020639", u.GLUCOSE, {
        1: "Abnormal glucose above baseline with no medical intervention",
        2: "Change in daily management from baseline for a diabetic; oral antiglycemic agent "
           "initiated; workup for diabetes",
        3: "Insulin therapy initiated; hospitalization indicated",
        4: "Life-threatening consequences; urgent intervention indicated"}, (_ABOVE_ULN,),
        above_baseline=True,
        note="grades 2 to 4 depend on the treatment given, not on the value: the "
             "investigator's judgement",
        also_called=("Hyperglycaemia",)),
)

_BY_NAME = {name.casefold(): c for c in CRITERIA
            for name in (c.term, c.meddra_code, *c.also_called)}


def criteria_for(term: str) -> Criteria | None:
    """The criteria of a term by its CTCAE name, British spelling or MedDRA code."""
    return _BY_NAME.get(" ".join(term.split()).casefold())
