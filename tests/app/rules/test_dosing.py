"""Dosing rules at their edges: the level on a day, modifications the protocol allows, holds,
compliance per cycle and DLT evaluability; both protocols, to prove the rules are data."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import InvalidEntry
from app.rules.dosing import (
    Compliance,
    Evaluable,
    Modification,
    Supply,
    check_modification,
    check_supply,
    compliance,
    doses_covered,
    evaluability,
    held_on,
    hold_days,
    hold_overrun,
    level_on,
)
from app.rules.protocol import default_protocol, load_protocol

P = default_protocol()
ALT = load_protocol(Path(__file__).parents[1] / "protocols" / "alt28.toml")
assert P.dosing and P.escalation and ALT.dosing and ALT.escalation
DOSING, ESCALATION = P.dosing, P.escalation
FIRST = date(2026, 3, 2)
TODAY = date(2026, 5, 1)
D = timedelta(days=1)


def reduce(to, start=FIRST + 10 * D, **kw):
    return Modification("reduction", start, to_level=to, reason="neutropenia", **kw)


def test_protocol_files_carry_the_escalation_design():
    assert DOSING.ladder[0] == "DL-1" and DOSING.max_hold_days == 21
    assert not DOSING.re_escalation and DOSING.tablets_per_dose(150) == 6
    assert (ESCALATION.cohort_size, ESCALATION.evaluable_min_percent) == (3, 75)
    assert ALT.dosing.doses_per_day == 2 and ALT.dosing.re_escalation
    assert (ALT.escalation.cohort_size, ALT.escalation.evaluable_min_percent) == (4, 80)


def test_a_reduction_steps_down_the_ladder_and_remembers_where_it_came_from():
    saved = check_modification(DOSING, "DL3", reduce("DL2"), [], FIRST, TODAY)
    assert (saved.from_level, saved.to_level) == ("DL3", "DL2")
    assert level_on("DL3", [saved], FIRST) == "DL3"
    assert level_on("DL3", [saved], FIRST + 10 * D) == "DL2"


@pytest.mark.parametrize(("mod", "field", "words"), [
    (reduce("DL4"), "to_level", "not below"),
    (reduce("DL9"), "to_level", "no dose level 'DL9'"),
    (reduce("DL2", start=FIRST - D), "start", "cannot start before"),
    (reduce("DL2", start=TODAY + D), "start", "in the future"),
    (Modification("re-escalation", FIRST + D, to_level="DL3", reason="x"), "kind",
     "does not allow re-escalation"),
    (Modification("reduction", FIRST + D, to_level="DL2", reason=" "), "why", "reason"),
    (Modification("hold", FIRST + D, FIRST + 30 * D, reason="AE"), "end",
     "30 days is longer than the 21 days"),
    (Modification("hold", FIRST + 5 * D, FIRST + 4 * D, reason="AE"), "end", "before it"),
])
def test_modifications_the_protocol_does_not_allow_are_refused_naming_the_rule(mod, field,
                                                                                 words):
    with pytest.raises(InvalidEntry) as err:
        check_modification(DOSING, "DL3", mod, [], FIRST, TODAY)
    assert err.value.field == field and words in err.value.message


def test_the_other_protocol_allows_re_escalation_back_to_the_starting_level_only():
    down = check_modification(ALT.dosing, "A", Modification(
        "reduction", FIRST + D, to_level="A-", reason="AE"), [], FIRST, TODAY)
    up = check_modification(ALT.dosing, "A", Modification(
        "re-escalation", FIRST + 9 * D, to_level="A", reason="resolved"), [down], FIRST, TODAY)
    assert level_on("A", [down, up], TODAY) == "A"
    with pytest.raises(InvalidEntry, match="at most to the starting dose level"):
        check_modification(ALT.dosing, "A", Modification(
            "re-escalation", FIRST + 9 * D, to_level="A+", reason="x"), [down], FIRST, TODAY)
    with pytest.raises(InvalidEntry, match="15 days is longer than the 14"):
        check_modification(ALT.dosing, "A", Modification(
            "hold", FIRST, FIRST + 14 * D, reason="x"), [], FIRST, TODAY)


def test_holds_do_not_overlap_and_an_ongoing_one_past_the_limit_is_flagged():
    hold = Modification("hold", FIRST + 5 * D, None, reason="AE", id=1)
    with pytest.raises(InvalidEntry, match="already held"):
        check_modification(DOSING, "DL1", Modification("hold", FIRST + 8 * D, FIRST + 9 * D,
                                                        reason="x"), [hold], FIRST, TODAY)
    assert held_on([hold], FIRST + 5 * D) is hold and held_on([hold], FIRST + 4 * D) is None
    assert hold_overrun(DOSING, [hold], FIRST + 25 * D) is None
    assert hold_overrun(DOSING, [hold], FIRST + 26 * D) is hold


@given(st.integers(0, 60), st.integers(0, 30), st.integers(0, 60), st.integers(1, 40))
def test_hold_days_count_each_held_day_of_the_span_once(start, length, first, span):
    hold = Modification("hold", FIRST + start * D, FIRST + (start + length) * D, reason="x")
    lo, hi = FIRST + first * D, FIRST + (first + span - 1) * D
    expected = sum(1 for i in range(span) if hold.holds(lo + i * D))
    assert hold_days([hold], lo, hi) == expected


def test_returned_tablets_cannot_exceed_those_dispensed():
    with pytest.raises(InvalidEntry) as err:
        check_supply(Supply(1, 42, returned=43))
    assert err.value.field == "returned" and "43 tablets returned is more than the 42" \
        in err.value.message


def test_compliance_by_tablet_count_else_by_diary_else_unknown():
    two_a_dose = 2
    counted = compliance(DOSING, 1, 21, [Supply(1, 42, returned=6)], two_a_dose)
    assert (counted.taken, counted.planned, counted.source) == (18, 21, "tablet count")
    assert counted.text == "18 of 21 planned doses (86 %, by tablet count)"
    diary = compliance(DOSING, 1, 21, [Supply(1, 42, missed_doses=3)], two_a_dose, held_days=2)
    assert (diary.taken, diary.source) == (16, "diary")
    assert compliance(DOSING, 1, 21, [Supply(1, 42)], 2).percent is None
    assert compliance(ALT.dosing, 1, 28, [Supply(1, 112, missed_doses=0)], 2).planned == 56


@given(st.integers(1, 200), st.integers(0, 200), st.integers(1, 8))
def test_compliance_never_exceeds_the_plan_nor_goes_negative(dispensed, returned, per_dose):
    returned = min(returned, dispensed)
    c = compliance(DOSING, 1, 21, [Supply(1, dispensed, returned=returned)], per_dose)
    assert c.taken is not None and 0 <= c.taken <= c.planned



def test_tablets_count_at_the_level_of_each_day_of_the_cycle():
    per_day = [2] * 10 + [1] * 11  # a reduction from 50 mg to 25 mg on cycle day 11
    assert doses_covered(31, per_day) == 21
    assert doses_covered(30, per_day) == 20
    assert doses_covered(19, per_day) == 9  # the tablets ran out on day 10
    full = compliance(DOSING, 1, 21, [Supply(1, 42, returned=11)], per_day)
    assert (full.taken, full.planned) == (21, 21)


@given(st.integers(0, 21), st.integers(1, 4), st.integers(1, 4))
def test_every_planned_dose_taken_is_full_compliance_whatever_the_day_of_change(
        change, before, after):
    per_day = [before] * change + [after] * (21 - change)
    c = compliance(DOSING, 1, 21, [Supply(1, 200, returned=200 - sum(per_day))], per_day)
    assert (c.taken, c.planned) == (21, 21)

PERIOD = (FIRST, FIRST + 27 * D)


def test_evaluability_a_dlt_counts_at_once_else_the_period_and_enough_doses():
    def of(dlts=(), c1=None, stopped=None, today=TODAY):
        return evaluability(ESCALATION, PERIOD, list(dlts), c1, stopped, today)

    dlt = of([(FIRST + 9 * D, "Febrile neutropenia")], today=FIRST + 10 * D)
    assert dlt.status is Evaluable.YES and dlt.dlt and "Febrile neutropenia" in dlt.why
    assert of(today=PERIOD[1]).status is Evaluable.PENDING
    assert "DLT period ends 29-MAR-2026" in of(today=PERIOD[1]).why
    assert of().status is Evaluable.PENDING  # over, compliance unknown
    enough = Compliance(1, 21, 16, "diary")  # 76 %
    short = Compliance(1, 21, 15, "diary")  # 71 %
    assert of(c1=enough).status is Evaluable.YES
    assert of(c1=short).status is Evaluable.NO and "under the 75 %" in of(c1=short).why
    stopped = of(stopped=FIRST + 5 * D, c1=enough)
    assert stopped.status is Evaluable.NO and "before the DLT period ended" in stopped.why
    assert evaluability(ESCALATION, None, [], None, None, TODAY).status is Evaluable.PENDING
    # the other protocol asks 80 %: 76 % is not enough there
    assert evaluability(ALT.escalation, PERIOD, [], enough, None, TODAY).status \
        is Evaluable.NO


def test_the_reasons_are_phrases_the_windows_can_translate():
    """The English as before everywhere a str goes (exports, the command line, worksheets),
    and the template and values the windows translate; pickled as made."""
    import pickle

    short = Compliance(1, 21, 15, "diary")
    why = evaluability(ESCALATION, PERIOD, [], short, None, TODAY).why
    assert why == "no DLT; took 15 of 21 planned doses (71 %, by diary), under the 75 % " \
        "the protocol needs"
    assert why.template == "no DLT; took {compliance}, under the {needed} % the protocol needs"
    assert why.values["compliance"].template.startswith("{taken} of {planned}")
    assert pickle.loads(pickle.dumps(why)).values == why.values


def test_a_broken_dosing_section_names_each_key():
    import tomllib

    from app.rules.protocol import ProtocolError, parse_protocol

    data = tomllib.loads(P.path.read_text(encoding="utf-8"))
    data["dosing"]["ladder"] = ["DL1", "DL9", "DL1"]
    data["escalation"]["start_level"] = "DL7"
    data["escalation"]["evaluable_min_percent"] = 120
    data["cohorts"][0]["dose_level"] = "RP3D"
    with pytest.raises(ProtocolError) as err:
        parse_protocol(data, "broken.toml")
    text = str(err.value)
    for words in ("dosing.ladder[1]: unknown dose level 'DL9'", "names a dose level twice",
                  "escalation.start_level: 'DL7' is not on the dosing ladder",
                  "must be 100 or less", "cohorts[0].dose_level: 'RP3D'"):
        assert words in text
    del data["dosing"]
    with pytest.raises(ProtocolError, match="needs a \\[dosing\\] section"):
        parse_protocol(data, "broken.toml")
