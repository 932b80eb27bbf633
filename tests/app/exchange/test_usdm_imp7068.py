"""The shipped IMP7068-101 protocol written by hand in USDM v4
(resources/protocols/imp7068.usdm.json) imports to the shipped protocol's own calendar:
every visit, window, cycle, scan and survival contact for patients with different first
doses, cycle delays and last doses; and the same PK timepoints at the same visits."""

from __future__ import annotations

import tomllib
from datetime import date, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from app.exchange.usdm.draft import import_usdm_file
from app.rules.calendar import PatientFacts, build_calendar
from app.rules.protocol import load_protocol, parse_protocol, shipped_protocol_path

USDM = Path(shipped_protocol_path("imp7068.usdm.json"))
SHIPPED = load_protocol(shipped_protocol_path("imp7068.toml"))


def _imported():
    imported = import_usdm_file(str(USDM))
    assert imported.problems == []
    return imported


IMPORTED = _imported()
DRAFT = parse_protocol(tomllib.loads(IMPORTED.text.replace("decided = false",
                                                           "decided = true")), USDM)


def test_only_what_usdm_cannot_say_is_left_to_review():
    assert [(r.element, r.guess) for r in IMPORTED.draft.review] == [
        ("ScheduledDecisionInstance_TA_Y1", "8 times written"),
        ("ScheduledDecisionInstance_SURV_REPEAT", "horizon_days = 730 from its anchor"),
        ("InterventionalStudyDesign_1", "one part, the arms as its cohorts"),
        ("StudyVersion_1", "the app's usual values written: check them against the protocol"),
    ]


def test_the_definitions_are_the_shipped_ones():
    assert (DRAFT.code, DRAFT.first_dose_visit, DRAFT.projection_anchor,
            DRAFT.projection_months) == ("IMP7068-101", "LI", "C1D1", 26)
    strip = lambda v: (v.code, v.label, v.kind, v.anchor, v.offset_days, v.window,  # noqa: E731
                       v.vital_signs, v.dosing)
    assert [strip(v) for v in DRAFT.visits] == [strip(v) for v in SHIPPED.visits]
    assert DRAFT.cycles is not None and SHIPPED.cycles is not None
    assert DRAFT.cycles.days[0].window == SHIPPED.cycles.days[0].window
    assert [(s.code, s.label, s.kind, s.anchor, s.window, s.rhythm, s.until,
             s.horizon_days) for s in DRAFT.series] == [
        (s.code, s.label, s.kind, s.anchor, s.window, s.rhythm, s.until, s.horizon_days)
        for s in SHIPPED.series]
    assert DRAFT.stopping == SHIPPED.stopping


def test_the_pk_timepoints_are_the_shipped_ones():
    assert DRAFT.pk_timepoints == SHIPPED.pk_timepoints
    key = lambda pv: (pv.visit, pv.timepoints, pv.dose_of, pv.from_cycle)  # noqa: E731
    assert [key(pv) for pv in DRAFT.pk_visits] == [key(pv) for pv in SHIPPED.pk_visits]


def _rows(protocol, facts, today):
    """The calendar as `schedule --json` gives it."""
    return build_calendar(protocol, facts, today).to_json()


@st.composite
def patients(draw):
    first = draw(st.dates(date(2020, 1, 1), date(2030, 12, 31)))
    done = {"LI": first}
    c1d1 = first + timedelta(days=7 + draw(st.integers(-1, 1)))
    done["C1D1"] = day1 = c1d1
    for n in range(2, draw(st.integers(1, 12)) + 1):
        day1 = day1 + timedelta(days=21 + draw(st.integers(-3, 21)))  # on time, or delayed
        done[f"C{n}D1"] = day1
    stopped = draw(st.booleans())
    last = day1 + timedelta(days=draw(st.integers(0, 20))) if stopped else None
    today = (last or day1) + timedelta(days=draw(st.integers(0, 900)))
    return PatientFacts(first_dose=first, done=done, last_dose=last), today


@settings(max_examples=50)
@given(patients())
def test_fifty_patients_have_the_same_calendar(patient):
    facts, today = patient
    assert _rows(DRAFT, facts, today) == _rows(SHIPPED, facts, today)
