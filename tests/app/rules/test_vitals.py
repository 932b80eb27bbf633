"""Vital signs and ECG: BSA by Mosteller, QTcF by Fridericia, the QTcF's CTCAE v5.0 grade at
every boundary, a reading refused outside its possible range and held for confirmation
outside its plausible one, and the protocol's measures per visit."""

from __future__ import annotations

import math
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import InvalidEntry
from app.rules.protocol import default_protocol, parse_protocol
from app.rules.protocol.measures import MeasureDef
from app.rules.vitals import (
    Implausible,
    Reading,
    baseline_of,
    bsa_mosteller,
    check_readings,
    derived,
    last_values,
    measures_at,
    qtc_grade,
    qtcf,
    reading_text,
)

WEIGHT = MeasureDef("WEIGHT", "Weight", "kg", "vitals", (35, 200), (1, 400), 1)
HEIGHT = MeasureDef("HEIGHT", "Height", "cm", "vitals", (130, 210), (50, 250), 0, ("SCR",))
BSA = MeasureDef("BSA", "BSA (Mosteller)", "m2", "vitals", (1.2, 2.8), (0.1, 5), 2)
QT = MeasureDef("QT", "QT interval", "ms", "ecg", (300, 500), (150, 800))
HR = MeasureDef("HR", "ECG heart rate", "beats/min", "ecg", (40, 130), (10, 300))
QTCF = MeasureDef("QTCF", "QTcF (Fridericia)", "ms", "ecg", (330, 480), (150, 900))


def test_bsa_by_mosteller():
    assert bsa_mosteller(70, 170) == 1.82  # sqrt(70 x 170 / 3600) = 1.8181
    assert bsa_mosteller(100, 180) == 2.24  # sqrt(5) = 2.2360
    assert bsa_mosteller(36, 100) == 1.0


def test_qtcf_by_fridericia():
    assert qtcf(400, 60) == 400  # RR 1 s: no correction
    assert qtcf(400, 75) == 431  # RR 0.8 s: 400 / 0.8^(1/3) = 430.9
    assert qtcf(360, 120) == 454  # RR 0.5 s: 360 / 0.7937 = 453.6


@given(st.integers(150, 800), st.integers(20, 250))
def test_qtcf_is_qt_over_the_cube_root_of_rr(qt, hr):
    exact = qt / (60 / hr) ** (1 / 3)
    assert abs(qtcf(qt, hr) - exact) <= 0.5 + 1e-9


@pytest.mark.parametrize(("qtc", "grade"), [
    (449, 0), (449.4, 0), (449.5, 1), (450, 1), (451, 1), (479, 1), (480, 1), (480.4, 1),
    (480.5, 2), (481, 2), (482, 2), (499, 2), (500, 2), (501, 3), (502, 3), (650, 3),
])
def test_qtc_grade_at_every_boundary(qtc, grade):
    """CTCAE v5.0: grade 1 "Average QTc 450 - 480 ms", grade 2 "481 - 500 ms", grade 3
    ">= 501 ms"; the QTc read to the whole millisecond."""
    assert qtc_grade(qtc).grade == grade


@pytest.mark.parametrize(("qtc", "baseline", "grade"), [
    (460, 400, 1), (461, 400, 3), (459, 400, 1), (440, 379, 3), (440, 380, 0),
    (490, 430, 2), (491, 430, 3),
])
def test_qtc_more_than_60_ms_above_baseline_is_grade_3(qtc, baseline, grade):
    result = qtc_grade(qtc, baseline)
    assert result.grade == grade
    if grade == 3 and qtc < 501:
        assert "above baseline" in result.reason


def test_the_grade_says_the_ctcae_words():
    assert qtc_grade(490).reason == "QTcF 490 ms: grade 2 (Average QTc 481 - 500 ms)"
    assert qtc_grade(420).reason == "QTcF 420 ms: not prolonged (below 450 ms)"


def test_a_reading_inside_its_range_is_kept_rounded():
    assert check_readings([WEIGHT, HEIGHT], {"WEIGHT": "72,46", "HEIGHT": "171"}) == {
        "WEIGHT": 72.5, "HEIGHT": 171.0}
    assert check_readings([WEIGHT], {"WEIGHT": " "}) == {}


@pytest.mark.parametrize("text", ["abc", "nan", "inf", "7O"])
def test_a_reading_that_is_not_a_number_is_refused_naming_the_field(text):
    with pytest.raises(InvalidEntry) as err:
        check_readings([WEIGHT], {"WEIGHT": text})
    assert err.value.field == "WEIGHT"
    assert "Weight" in err.value.message


@pytest.mark.parametrize(("text", "refused"), [("0.9", True), ("1", False), ("400", False),
                                               ("400.1", True), ("-3", True)])
def test_outside_the_possible_range_is_refused(text, refused):
    try:
        check_readings([WEIGHT], {"WEIGHT": text}, confirmed={"WEIGHT"})
    except InvalidEntry as exc:
        assert refused, exc.message
        assert exc.message == "Weight must be between 1.0 and 400.0 kg"
    else:
        assert not refused


@pytest.mark.parametrize(("text", "asks"), [("34.9", True), ("35", False), ("200", False),
                                            ("200.1", True)])
def test_outside_the_plausible_range_asks_to_confirm(text, asks):
    try:
        check_readings([WEIGHT], {"WEIGHT": text})
    except Implausible as exc:
        assert asks
        assert exc.codes == ("WEIGHT",)
        assert "Weight" in exc.message and "usually 35.0 to 200.0 kg" in exc.message
    else:
        assert not asks
    # confirmed, it is kept as typed
    assert check_readings([WEIGHT], {"WEIGHT": text}, confirmed={"WEIGHT"}) == {
        "WEIGHT": float(text)}


def test_every_unconfirmed_implausible_reading_is_named_at_once():
    with pytest.raises(Implausible) as err:
        check_readings([WEIGHT, QT], {"WEIGHT": "250", "QT": "520"})
    assert err.value.codes == ("WEIGHT", "QT")


def test_computed_readings_are_never_typed_and_follow_the_others():
    measures = [WEIGHT, HEIGHT, BSA, QT, HR, QTCF]
    values = check_readings(measures, {"WEIGHT": "70", "HEIGHT": "170", "BSA": "9",
                                       "QT": "400", "HR": "75"})
    assert "BSA" not in values
    assert derived(measures, values) == {"BSA": 1.82, "QTCF": 431.0}
    # a later visit: the screening height
    assert derived([WEIGHT, BSA], {"WEIGHT": 100}, height_cm=180) == {"BSA": 2.24}
    assert derived([WEIGHT, BSA], {"WEIGHT": 100}) == {}


def test_the_shipped_protocol_measures_per_visit():
    p = default_protocol()
    codes = {c: [m.code for m in measures_at(p, c)] for c in ("SCR", "C1D8", "C2D1", "C3D1",
                                                              "TA1")}
    assert codes["SCR"][:3] == ["WEIGHT", "HEIGHT", "BSA"]
    assert "QTCF" in codes["SCR"] and "QTCF" in codes["C2D1"]
    assert "HEIGHT" not in codes["C1D8"] and "QT" not in codes["C3D1"]
    assert codes["TA1"] == []


def test_a_protocol_computing_bsa_without_weight_is_refused():
    import tomllib

    from app.rules.protocol import ProtocolError
    data = tomllib.loads(default_protocol().path.read_text(encoding="utf-8"))
    data["measures"] = [m for m in data["measures"] if m["code"] != "WEIGHT"]
    with pytest.raises(ProtocolError, match="BSA is computed from WEIGHT and HEIGHT"):
        parse_protocol(data)
    data["measures"][0]["plausible"] = [5, 1]
    with pytest.raises(ProtocolError, match=r"measures\[0\].plausible"):
        parse_protocol(data)


def test_last_values_and_the_baseline():
    readings = [Reading("SCR", date(2026, 1, 5), "QTCF", 420.0),
                Reading("C1D1", date(2026, 1, 20), "QTCF", 430.0),
                Reading("C2D1", date(2026, 2, 10), "QTCF", 470.0),
                Reading("C1D8", date(2026, 1, 27), "WEIGHT", 70.0)]
    last = last_values(readings)
    assert last["QTCF"].value == 470.0 and last["WEIGHT"].visit_code == "C1D8"
    assert baseline_of(readings, "QTCF", date(2026, 1, 20)) == 430.0
    assert baseline_of(readings, "QTCF", date(2026, 1, 19)) == 420.0
    assert baseline_of(readings, "HR", date(2026, 1, 20)) is None


def test_a_reading_as_the_screen_shows_it():
    assert reading_text(WEIGHT, 72.0) == "72.0 kg"
    assert reading_text(BSA, 1.8) == "1.80 m2"
    assert reading_text(WEIGHT, None) == ""
    assert not math.isnan(bsa_mosteller(1, 50))


def test_readings_belong_to_a_visit_done():
    from app.rules.vitals import check_readings_done
    check_readings_done("done", {"WEIGHT": 70.0})
    check_readings_done(None, {})
    for outcome in (None, "missed"):
        with pytest.raises(InvalidEntry) as err:
            check_readings_done(outcome, {"WEIGHT": 70.0})
        assert err.value.field == "WEIGHT"


def test_the_second_shipped_study_lists_its_own_measures_and_prohibited_drugs():
    from app.rules.conmeds import prohibited_match
    from app.rules.protocol import load_protocol, shipped_protocol_path

    p = load_protocol(shipped_protocol_path("abc2201.toml"))
    assert "QTCF" in [m.code for m in measures_at(p, "C1D1")]
    assert "QTCF" not in [m.code for m in measures_at(p, "C2D1")]
    assert "acid-reducing" in (prohibited_match("Omeprazole 20 mg", p.prohibited) or "")
    assert prohibited_match("Ketoconazole", p.prohibited) is None  # IMP7068's, not this one's
