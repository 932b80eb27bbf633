"""The protocol file: the shipped study loads whole; a broken file names file, key, problem."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from app.rules.protocol import ProtocolError, default_protocol, load_protocol, parse_protocol

ALT = Path(__file__).parents[1] / "protocols" / "alt28.toml"


def test_the_shipped_protocol_holds_the_study():
    p = default_protocol()
    assert p.code == "IMP7068-101"
    assert p.cycle_length_days == 21
    assert [v.code for v in p.visits] == [
        "SCR", "LI", "LI24", "LI48", "C1D1", "C1D2", "C1D8", "C1D15", "EOT", "SFU"]
    scr = p.visit("SCR")
    assert (scr.anchor, scr.offset_days, scr.window.before, scr.window.after) == (
        "first_dose", -28, 0, 27)
    ta = next(s for s in p.series if s.code == "TA{k}")
    assert (ta.anchor, ta.window.before, ta.window.after) == ("C1D1", 7, 7)
    surv = next(s for s in p.series if s.code == "SURV{k}")
    assert (surv.anchor, surv.horizon_days, surv.rhythm[0].every_days) == ("last_dose", 730, 84)
    assert p.projection_months == 26
    assert {t.id for t in p.pk_timepoints} >= {"pre", "0.5h", "1h", "8h", "24h", "48h"}
    assert next(t for t in p.pk_timepoints if t.id == "48h").before_min == 120
    assert p.safety.teae_days_after_last_dose == 30
    assert p.safety.dlt.parts == (1,) and p.safety.dlt.end_offset_days == 20
    assert (p.response.confirm_min_days, p.response.sd_min_days) == (28, 42)
    assert {d.code for d in p.dose_levels} >= {"DL1", "DL2"}
    assert {c.code for c in p.cohorts}
    assert all(p.procedures_of(code) for code in ("SCR", "LI", "C1D1", "C5D1", "TA3", "SURV2"))


def test_codes_of_repeating_visits_are_known():
    p = default_protocol()
    for code in ("C2D1", "C37D1", "TA1", "TA14", "SURV8"):
        assert p.is_known_code(code), code
    for code in ("C1D0", "C0D1", "C2D8", "TA0", "XYZ", "c2d1"):
        assert not p.is_known_code(code), code


def test_a_second_protocol_loads():
    p = load_protocol(ALT)
    assert p.code == "ALT-28" and p.cycle_length_days == 28
    assert p.is_known_code("Cy3-Day15") and not p.is_known_code("C3D1")


def _broken(edit) -> list[str]:
    data = tomllib.loads(ALT.read_text())
    edit(data)
    with pytest.raises(ProtocolError) as info:
        parse_protocol(data, "broken.toml")
    assert all(line.startswith("broken.toml: ") for line in str(info.value).splitlines())
    return info.value.problems


def test_unknown_anchor_is_named():
    def edit(d):
        d["visits"][2]["anchor"] = "D0"
    problems = _broken(edit)
    assert any("visits[2] (D15).anchor" in p and "unknown anchor 'D0'" in p for p in problems)


def test_negative_window_is_named():
    def edit(d):
        d["visits"][0]["window"]["before"] = -7
    problems = _broken(edit)
    assert any("visits[0] (BASE).window.before" in p and "negative window" in p
               for p in problems)


def test_duplicate_code_is_named():
    def edit(d):
        d["visits"][2]["code"] = "D1"
    assert any("duplicate code 'D1'" in p for p in _broken(edit))


def test_missing_field_is_named():
    def edit(d):
        del d["visits"][1]["offset_days"]
    assert any(p == "visits[1] (D1).offset_days: missing" for p in _broken(edit))


def test_wrong_type_is_named():
    def edit(d):
        d["cycles"]["length_days"] = "four weeks"
    assert any("cycles.length_days" in p and "whole number" in p for p in _broken(edit))


def test_every_problem_is_reported_at_once():
    def edit(d):
        d["visits"][2]["anchor"] = "nowhere"
        d["stopping"][0]["event"] = "eclipse"
        d["stopping"][0]["kinds"] = ["unheard_of"]
    problems = _broken(edit)
    assert len(problems) >= 3


def test_unreadable_and_invalid_files(tmp_path):
    with pytest.raises(ProtocolError, match="cannot be read"):
        load_protocol(tmp_path / "absent.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[study\ncode = 1")
    with pytest.raises(ProtocolError, match=r"bad\.toml: is not valid TOML"):
        load_protocol(bad)


def test_a_dose_level_reads_with_its_dose():
    from app.rules.protocol import default_protocol

    p = default_protocol()
    assert p.dose_text("DL2") == "DL2 · 100 mg"
    assert p.dose_text("DL-1") == "DL-1 · 25 mg"
    assert p.dose_text("RP2D") == "RP2D" and p.dose_text(None) == ""


def test_deviation_categories_come_from_the_file_or_the_app_s_defaults():
    from app.rules.protocol import (
        DEVIATION_CATEGORIES,
        default_protocol,
        load_protocol,
        shipped_protocol_path,
    )

    assert default_protocol().deviation_categories == DEVIATION_CATEGORIES
    other = load_protocol(shipped_protocol_path("abc2201.toml"))
    assert other.deviation_categories[:2] == ("Consent", "Eligibility")
