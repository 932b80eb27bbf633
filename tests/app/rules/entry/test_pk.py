"""PK entry rules, pure: each of the visit's tubes once, a time or a reason, nothing ahead.

The dose and every collection time are checked against "today" at the day before, of and
after, and for any instant hypothesis draws.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import InvalidEntry
from app.rules import pk
from app.rules.entry.pk import SampleEntry, check_dose_time, check_samples
from app.rules.protocol import default_protocol

TODAY = date(2026, 3, 2)
C1D1 = {s.id: s for s in pk.slots(default_protocol(), "C1D1")}
C1D2 = {s.id: s for s in pk.slots(default_protocol(), "C1D2")}

instants = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 12, 31))
timepoints = st.sampled_from(sorted(C1D1))


def _at(day: date, hour: int = 8, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute))


def test_every_tube_of_the_visit_with_its_time_is_accepted():
    entries = [SampleEntry(tp, collected_at=_at(TODAY, 8, i)) for i, tp in enumerate(C1D1)]
    check_samples(entries, C1D1, "C1D1", TODAY)


def test_a_tube_not_collected_with_its_reason_is_accepted():
    check_samples([SampleEntry("pre", not_collected_reason="vein collapsed")], C1D1, "C1D1",
                  TODAY)


def test_nothing_entered_is_accepted():
    check_samples([], C1D1, "C1D1", TODAY)


@pytest.mark.parametrize(("day", "accepted"), [
    (TODAY - timedelta(days=1), True),
    (TODAY, True),
    (TODAY + timedelta(days=1), False),
])
def test_a_collection_time_the_day_before_of_and_after_today(day, accepted):
    entries = [SampleEntry("1h", collected_at=_at(day, 23, 59))]
    if accepted:
        check_samples(entries, C1D1, "C1D1", TODAY)
        return
    with pytest.raises(InvalidEntry) as info:
        check_samples(entries, C1D1, "C1D1", TODAY)
    assert info.value.field == "sample:1h"
    assert info.value.message == "03-MAR-2026 23:59 is in the future"


def test_a_tube_of_another_visit_is_refused_naming_the_visit_and_the_timepoint():
    with pytest.raises(InvalidEntry) as info:
        check_samples([SampleEntry("24h", collected_at=_at(TODAY))], C1D1, "C1D1", TODAY)
    assert info.value.field == "timepoint"
    assert info.value.message == "C1D1 has no '24h' sample"


def test_the_24_hour_tube_belongs_to_the_next_day_visit():
    check_samples([SampleEntry("24h", collected_at=_at(TODAY))], C1D2, "C1D2", TODAY)
    with pytest.raises(InvalidEntry, match="C1D2 has no 'pre' sample"):
        check_samples([SampleEntry("pre")], C1D2, "C1D2", TODAY)


def test_a_tube_entered_twice_is_refused_with_its_label():
    entries = [SampleEntry("0.5h", collected_at=_at(TODAY, 8, 30)),
               SampleEntry("0.5h", not_collected_reason="haemolysed")]
    with pytest.raises(InvalidEntry) as info:
        check_samples(entries, C1D1, "C1D1", TODAY)
    assert info.value.field == "sample:0.5h"
    assert info.value.message == "The 0.5 h sample of C1D1 is entered twice"


def test_a_time_and_a_reason_together_are_refused():
    entries = [SampleEntry("pre", collected_at=_at(TODAY), not_collected_reason="refused")]
    with pytest.raises(InvalidEntry) as info:
        check_samples(entries, C1D1, "C1D1", TODAY)
    assert info.value.field == "sample:pre"
    assert "pre-dose sample has a time and a reason" in info.value.message


@pytest.mark.parametrize(("day", "accepted"), [
    (TODAY - timedelta(days=1), True),
    (TODAY, True),
    (TODAY + timedelta(days=1), False),
])
def test_the_dose_time_the_day_before_of_and_after_today(day, accepted):
    if accepted:
        check_dose_time(_at(day, 0, 0), TODAY)
        return
    with pytest.raises(InvalidEntry) as info:
        check_dose_time(_at(day, 0, 0), TODAY)
    assert info.value.field == "dose_at"
    assert info.value.message == "The dose time 03-MAR-2026 00:00 is in the future"


def test_no_dose_time_yet_is_accepted():
    check_dose_time(None, TODAY)


@given(instants, st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)))
def test_a_dose_time_is_refused_exactly_when_its_day_is_after_today(dose_at, today):
    try:
        check_dose_time(dose_at, today)
    except InvalidEntry as e:
        assert dose_at.date() > today
        assert e.field == "dose_at"
    else:
        assert dose_at.date() <= today


@given(timepoints, instants, st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)))
def test_a_collection_time_is_refused_exactly_when_its_day_is_after_today(tp, at, today):
    try:
        check_samples([SampleEntry(tp, collected_at=at)], C1D1, "C1D1", today)
    except InvalidEntry as e:
        assert at.date() > today
        assert e.field == f"sample:{tp}"
    else:
        assert at.date() <= today


@given(st.lists(timepoints, min_size=1, max_size=10), st.data())
def test_tubes_are_accepted_exactly_when_none_is_entered_twice(chosen, data):
    entries = []
    for tp in chosen:
        if data.draw(st.booleans(), label=f"{tp} collected"):
            entries.append(SampleEntry(tp, collected_at=_at(TODAY)))
        else:
            entries.append(SampleEntry(tp, not_collected_reason="patient declined"))
    try:
        check_samples(entries, C1D1, "C1D1", TODAY)
    except InvalidEntry as e:
        assert len(set(chosen)) < len(chosen)
        assert "entered twice" in e.message
    else:
        assert len(set(chosen)) == len(chosen)


# --- any panel hypothesis draws: refused exactly as the rules read, at the first bad tube --

any_timepoint = st.sampled_from([*sorted(C1D1), "24h", "12h", ""])
tubes = st.builds(SampleEntry, any_timepoint,
                  st.one_of(st.none(), instants),
                  st.one_of(st.none(), st.sampled_from(["", "refused", "vein collapsed"])))


def _first_refusal(entries: list[SampleEntry], today: date) -> str | None:
    """The field the rules name for the first tube that breaks one, read from the screen's
    rules one by one: an unknown timepoint, a tube twice, a time with a reason, a time ahead."""
    seen: set[str] = set()
    for e in entries:
        if e.timepoint not in C1D1:
            return "timepoint"
        if e.timepoint in seen or (e.collected_at and e.not_collected_reason) or (
                e.collected_at and e.collected_at.date() > today):
            return f"sample:{e.timepoint}"
        seen.add(e.timepoint)
    return None


@given(st.lists(tubes, max_size=9), st.dates(min_value=date(2020, 1, 1),
                                            max_value=date(2035, 12, 31)))
def test_any_panel_is_refused_exactly_at_its_first_bad_tube(entries, today):
    expected = _first_refusal(entries, today)
    try:
        check_samples(entries, C1D1, "C1D1", today)
    except InvalidEntry as e:
        assert e.field == expected
        assert e.message and "{" not in e.message          # worded, every blank filled
    else:
        assert expected is None


def test_a_collection_at_the_last_minute_of_today_is_accepted_and_at_midnight_refused():
    check_samples([SampleEntry("2h", collected_at=datetime.combine(TODAY, time(23, 59, 59)))],
                  C1D1, "C1D1", TODAY)
    with pytest.raises(InvalidEntry, match="03-MAR-2026 00:00 is in the future"):
        check_samples([SampleEntry("2h", collected_at=_at(TODAY + timedelta(days=1), 0, 0))],
                      C1D1, "C1D1", TODAY)


def test_an_unknown_timepoint_is_named_before_anything_else_about_it():
    entries = [SampleEntry("12h", collected_at=_at(TODAY + timedelta(days=9)),
                           not_collected_reason="refused")]
    with pytest.raises(InvalidEntry) as info:
        check_samples(entries, C1D1, "C1D1", TODAY)
    assert (info.value.field, info.value.message) == ("timepoint", "C1D1 has no '12h' sample")
