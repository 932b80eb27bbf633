"""Reading a USDM v4 file: ISO 8601 durations and text windows in minutes; a file that is
not USDM v4 refused in one sentence; every other defect kept as a problem, never a stop."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.exchange.usdm.durations import duration_minutes, text_window_minutes, whole_days
from app.exchange.usdm.model import UsdmError
from app.exchange.usdm.read import read_usdm, read_usdm_file
from tests.app.exchange.usdm_files import small_study


@given(st.integers(0, 400), st.integers(0, 23), st.integers(0, 59))
def test_durations_in_minutes(days, hours, minutes):
    assert duration_minutes(f"P{days}D") == days * 1440
    assert duration_minutes(f"P{days}DT{hours}H{minutes}M") == days * 1440 + hours * 60 + minutes
    assert duration_minutes(f"PT{hours}H") == hours * 60
    assert whole_days(days * 1440) == days


@given(st.integers(0, 60))
def test_weeks_are_seven_days(weeks):
    assert duration_minutes(f"P{weeks}W") == weeks * 7 * 1440


@pytest.mark.parametrize("text", ["", "P", "PT", "P1M", "P1Y", "7 days", "P-1D", None])
def test_what_is_no_duration_of_fixed_length(text):
    assert duration_minutes(text) is None


def test_windows_given_as_text():
    assert text_window_minutes("-5..5 minutes") == (5, 5)
    assert text_window_minutes("-1..1 hour") == (60, 60)
    assert text_window_minutes("0..27 days") == (0, 27 * 1440)
    assert text_window_minutes("-45..60 minutes") == (45, 60)
    assert text_window_minutes("0..? Days") is None
    assert text_window_minutes("as clinically indicated") is None


def test_a_small_study_is_read():
    study = read_usdm(small_study())
    assert study.usdm_version == "4.0.0" and study.problems == []
    design = study.versions[0].designs[0]
    assert [i.name for i in design.timelines[0].instances] == [
        "SCR", "D1", "D8", "CND1", "D_END", "EOT"]
    assert design.timelines[0].planned == (2.0, "Year", "")


@pytest.mark.parametrize(("data", "said"), [
    ([1, 2], "not a USDM file"),
    ({"study": {}}, "gives no 'usdmVersion'"),
    ({"usdmVersion": "3.0.0", "study": {"versions": []}}, "USDM 3.0.0: this import reads "
     "USDM v4"),
    ({"usdmVersion": "4.0.0", "study": {"versions": []}}, "no study version"),
])
def test_what_is_not_usdm_v4_is_refused_in_one_sentence(data, said):
    with pytest.raises(UsdmError, match=said):
        read_usdm(data)


def test_a_file_without_a_timeline_is_refused():
    data = small_study()
    data["study"]["versions"][0]["studyDesigns"][0]["scheduleTimelines"] = []
    with pytest.raises(UsdmError, match="no schedule timeline"):
        read_usdm(data)


def test_a_file_that_is_not_json(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("<xml/>", encoding="utf-8")
    with pytest.raises(UsdmError, match="is not JSON"):
        read_usdm_file(bad)
    with pytest.raises(UsdmError, match="cannot be read"):
        read_usdm_file(tmp_path / "absent.json")


def test_an_unknown_study_version_names_those_there_are():
    with pytest.raises(UsdmError, match=r"no study version 'SV_9' \(it has: SV_1 "
                       r"\(Amendment 1\)\)"):
        read_usdm(small_study()).version("SV_9")
    assert read_usdm(small_study()).version("Amendment 1").id == "SV_1"


def test_defects_are_problems_not_stops():
    data = small_study()
    tl = data["study"]["versions"][0]["studyDesigns"][0]["scheduleTimelines"][0]
    tl["timings"][1]["relativeFromScheduledInstanceId"] = ""
    tl["instances"][0]["instanceType"] = "ScheduledSomethingElse"
    study = read_usdm(json.loads(json.dumps(data)))
    assert sorted(p.element for p in study.problems) == ["I_SCR", "T_SCR"]
