"""A USDM study version as a draft protocol file: what the file says is written, what it
leaves open is in [review] naming the element, and nothing is guessed silently."""

from __future__ import annotations

import contextlib
import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.exchange.usdm.draft import draft_protocol
from app.exchange.usdm.model import UsdmError
from app.exchange.usdm.read import read_usdm
from app.exchange.usdm.toml_out import to_toml
from app.rules.protocol import ProtocolError, parse_protocol
from tests.app.exchange.usdm_files import code, small_study, timing, visit
from tests.conftest import examples


def _draft(data):
    d = draft_protocol(read_usdm(data))
    return d, to_toml(d.tree, d.review, "small.json", "SV_1")


def _decided(text: str) -> str:
    return text.replace("decided = false", "decided = true")


def _asked(draft) -> dict[str, str]:
    asked: dict[str, str] = {}
    for r in draft.review:
        asked[r.element] = f"{asked.get(r.element, '')} {r.what}".strip()
    return asked


def test_a_sound_file_gives_its_visits_cycles_and_anchors():
    d, text = _draft(small_study())
    p = parse_protocol(tomllib.loads(_decided(text)))
    assert [(v.code, v.anchor, v.offset_days, v.window.before, v.window.after)
            for v in p.visits] == [("SCR", "first_dose", -14, 0, 13),
                                   ("D1", "first_dose", 0, 0, 0),
                                   ("D8", "first_dose", 7, 1, 1), ("EOT", "last_dose", 7, 0, 7)]
    assert p.first_dose_visit == "D1" and p.visit("D1").dosing
    assert p.cycles is not None and (p.cycles.length_days, p.cycles.first_visit) == (28, "D1")
    assert p.cycles.days[0].window.before == 2 and p.cycles.days[0].dosing
    assert p.projection_months == 24 and p.code == "SMALL-1" and p.version == "Amendment 1"
    # what USDM does not carry is asked, never taken for granted
    assert set(_asked(d)) == {"SV_1", "Design_1"}


def test_a_draft_with_open_decisions_is_no_protocol():
    _, text = _draft(small_study())
    with pytest.raises(ProtocolError) as exc:
        parse_protocol(tomllib.loads(text))
    opened = [p for p in exc.value.problems if p.startswith("review.items")]
    assert len(opened) == 2 and "(SV_1)" in opened[-1] and "decided = true" in opened[-1]


def _with_defects():
    data = small_study()
    v = data["study"]["versions"][0]
    design = v["studyDesigns"][0]
    tl = design["scheduleTimelines"][0]
    t_d8 = tl["timings"][2]
    t_d8.update(windowLower=None, windowUpper=None, windowLabel="-2..2 days")
    tl["timings"][5]["relativeToScheduledInstanceId"] = "D_ELSEWHERE"  # broken chain
    tl["instances"][4]["conditionAssignments"] = []  # the cycles' loop only in prose
    design["encounters"][3]["label"] = "Cycle 2 and beyond, Day 1"
    design["encounters"][3]["description"] = "Cycle 2 and beyond, Day 1"
    v["studyInterventions"] = [{"administrations": [{
        "id": "Adm_1", "name": "10_MG_QD", "description": "10 mg once daily",
        "dose": {"value": 20, "unit": {"standardCode": code("Milligram")}}}]}]
    design["activities"].append({"id": "Act_pk", "name": "PK", "label": "PK sampling",
                                 "timelineId": "TL_PK"})
    design["activities"].append({"id": "Act_s", "name": "PK sample", "label": "PK sample"})
    design["scheduleTimelines"].append({
        "id": "TL_PK", "name": "PK", "mainTimeline": False, "entryId": "P_DOSE",
        "instances": [visit("P_DOSE", "D1_DOSE", "E_D1", ["Act_dose"], "P_PRE"),
                      visit("P_PRE", "D1_PRE", "E_D1", ["Act_s"], "P_2H"),
                      visit("P_2H", "D1_2H", "E_D1", ["Act_s"], "P_D8"),
                      {**visit("P_D8", "D8_PRE", "E_D1", ["Act_s"]),
                       "description": "Day 8 pre-dose"}],
        "timings": [timing("PT_DOSE", "P_DOSE", "P_DOSE", "Fixed Reference", "PT0M"),
                    timing("PT_PRE", "P_PRE", "P_DOSE", "Before", "PT0M", "PT30M", "PT0M"),
                    timing("PT_2H", "P_2H", "P_DOSE", "After", "PT2H", None, None,
                           "-10..10 minutes"),
                    timing("PT_D8", "P_D8", "P_DOSE", "After", "P7D", "PT1H", "PT1H")]})
    design["scheduleTimelines"][0]["instances"][1]["activityIds"].append("Act_pk")
    return data


def test_every_defect_is_asked_by_its_element():
    d, text = _draft(_with_defects())
    asked = _asked(d)
    assert "only as text" in asked["T_D8"]  # a window given only as text
    assert "broken chain" in asked["T_EOT"]  # a timing whose chain is broken
    assert "prose" in asked["I_CN"]  # a cycle repeat rule in free text
    assert "disagree" in asked["Adm_1"]  # a dose whose value and name disagree
    assert "unexpected encounter" in asked["P_D8"]  # a sample filed under the wrong visit
    assert "only as text" in asked["PT_2H"]
    # the guesses are written, and the draft is a protocol once they are decided
    p = parse_protocol(tomllib.loads(_decided(text)))
    assert p.visit("D8").window.before == 2 and p.visit("EOT").anchor == "last_dose"
    assert p.cycles is not None and p.cycles.length_days == 28
    pk = {t.id: (t.nominal_min, t.before_min, t.after_min, t.pre_dose)
          for t in p.pk_timepoints}
    assert pk["pre"] == (0, 30, 0, True) and pk["2h"] == (120, 10, 10, False)


def test_an_unknown_version_or_a_design_without_timeline_is_refused():
    with pytest.raises(UsdmError, match="no study version 'X'"):
        draft_protocol(read_usdm(small_study()), "X")


def test_an_amendment_is_compared_with_the_protocol_in_force():
    from dataclasses import replace

    from app.exchange.usdm.compare import protocol_changes
    from app.rules.protocol import Window

    _, text = _draft(small_study())
    in_force = parse_protocol(tomllib.loads(_decided(text)))
    assert protocol_changes(in_force, in_force) == []
    d8 = replace(in_force.visit("D8"), window=Window(2, 2))
    amended = replace(in_force, visits=(*in_force.visits[:2], d8, *in_force.visits[3:]))
    amended = replace(amended, visits=amended.visits[:-1])
    assert protocol_changes(in_force, amended) == [
        "Visit D8: first_dose +7 days, window -1/+1 → first_dose +7 days, window -2/+2",
        "Visit EOT removed (was last_dose +7 days, window -0/+7)"]


def _paths(o, p=()):
    yield p
    if isinstance(o, dict):
        for k, v in o.items():
            yield from _paths(v, (*p, k))
    elif isinstance(o, list):
        for i, v in enumerate(o):
            yield from _paths(v, (*p, i))


_BREAKS = (None, 7, "P2X", "I_D1", [], {}, "")


@settings(max_examples=examples(150))
@given(st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from((*_BREAKS, "drop"))),
                max_size=8))
def test_a_file_nobody_here_wrote_is_drafted_or_refused_never_crashed_on(breaks):
    """Whatever is missing, emptied or of the wrong type: a draft with its review, or a
    UsdmError's one sentence; and the draft, decided, is a protocol or a list of problems."""
    data = _with_defects()
    design = data["study"]["versions"][0]["studyDesigns"][0]
    for at, value in breaks:
        paths = [p for p in _paths(design) if p]
        if not paths:
            break
        where = paths[at % len(paths)]
        parent = design
        for k in where[:-1]:
            parent = parent[k]
        if value == "drop":
            parent.pop(where[-1])
        else:
            parent[where[-1]] = value
    try:
        d, text = _draft(data)
    except UsdmError:
        return
    with contextlib.suppress(ProtocolError):
        parse_protocol(tomllib.loads(_decided(text)))
    assert all(r.element and r.what for r in d.review)


def test_cycles_written_out_before_the_loop_are_counted():
    """Cycle 2 given as a visit of its own, the loop from cycle 3: the cycles repeat from 3
    on the actual C2D1, and no code is made twice."""
    data = small_study()
    design = data["study"]["versions"][0]["studyDesigns"][0]
    tl = design["scheduleTimelines"][0]
    tl["instances"][1]["name"] = "C1D1"
    tl["instances"].insert(3, visit("I_C2", "C2D1", "E_CN", ["Act_dose"], "I_CN"))
    tl["timings"].append(timing("T_C2", "I_C2", "I_D1", "After", "P28D", "P2D", "P2D"))
    tl["timings"][3]["relativeToScheduledInstanceId"] = "I_C2"
    d, text = _draft(data)
    p = parse_protocol(tomllib.loads(_decided(text)))
    assert p.cycles is not None
    assert (p.cycles.first_visit, p.cycles.repeat_from) == ("C2D1", 3)
    assert p.visit("C2D1") is not None and p.visit("C2D1").anchor == "first_dose"
    assert set(_asked(d)) == {"SV_1", "Design_1"}


def test_a_loop_the_app_cannot_project_is_asked_and_written_once():
    """A decision coming back within the day ("while Day = -6") makes no cycles: its
    visits are written once, and the codes keep their minus sign (D-7, not D7)."""
    data = small_study()
    tl = data["study"]["versions"][0]["studyDesigns"][0]["scheduleTimelines"][0]
    tl["instances"][0]["name"] = "D-7"
    tl["timings"][4]["value"] = "PT0M"  # the loop comes back at once
    d, text = _draft(data)
    p = parse_protocol(tomllib.loads(_decided(text)))
    assert p.cycles is None and p.visit("CND1") is not None and p.visit("D-7") is not None
    assert "not a repeat the app can project" in _asked(d)["D_END"]
