"""PK rules: timepoints, windows at their exact edges, midnight, the dose each counts from."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.rules import pk
from app.rules.protocol import default_protocol
from app.rules.site_time import later

P = default_protocol()
PARIS = ZoneInfo("Europe/Paris")


def at(*parts: int) -> datetime:
    """A clock time at the site (Paris: its clocks change in March and October)."""
    return datetime(*parts, tzinfo=PARIS)


DOSE = at(2026, 1, 5, 8, 0)
M = timedelta(minutes=1)


def due(code: str, tp: str, dose=DOSE) -> pk.SampleTime:
    return next(t for t in pk.sample_times(P, code, dose) if t.slot.id == tp)


def test_each_visit_draws_the_protocols_tubes():
    ids = lambda code: [s.id for s in pk.slots(P, code)]  # noqa: E731
    intensive = ["pre", "0.5h", "1h", "2h", "4h", "6h", "8h"]
    assert ids("LI") == intensive and ids("C1D1") == intensive and ids("C1D15") == intensive
    assert ids("LI24") == ["24h"] and ids("LI48") == ["48h"] and ids("C1D2") == ["24h"]
    assert ids("C1D8") == ["pre"] and ids("C2D1") == ["pre"] and ids("C17D1") == ["pre"]
    assert not pk.has_pk(P, "TA1") and not pk.has_pk(P, "SCR")
    with pytest.raises(pk.PkError, match="TA1 has no PK"):
        pk.slots(P, "TA1")


def test_later_day_samples_count_from_the_earlier_dose():
    assert pk.slots(P, "LI24")[0].dose_of == "LI"
    assert pk.slots(P, "LI48")[0].dose_of == "LI"
    assert pk.slots(P, "C1D2")[0].dose_of == "C1D1"
    li24 = due("LI24", "24h")
    assert li24.nominal == at(2026, 1, 6, 8, 0)
    assert (li24.earliest, li24.latest) == (at(2026, 1, 6, 7, 0), at(2026, 1, 6, 9))
    li48 = due("LI48", "48h")
    assert (li48.earliest, li48.latest) == (at(2026, 1, 7, 6, 0), at(2026, 1, 7, 10))


@pytest.mark.parametrize(("tp", "nominal_min", "tol"), [
    ("0.5h", 30, 5), ("1h", 60, 10), ("2h", 120, 10), ("4h", 240, 15), ("6h", 360, 15),
    ("8h", 480, 30)])
def test_tolerance_at_its_exact_edges(tp, nominal_min, tol):
    d = due("LI", tp)
    assert d.nominal == DOSE + nominal_min * M
    assert pk.check(d, d.nominal + tol * M).within
    assert pk.check(d, d.nominal - tol * M).within
    assert not pk.check(d, d.nominal + (tol + 1) * M).within
    assert not pk.check(d, d.nominal - (tol + 1) * M).within
    assert pk.check(d, d.nominal + (tol + 1) * M).deviation_min == tol + 1


def test_pre_dose_is_before_the_dose_within_60_minutes():
    d = due("C1D1", "pre")
    assert pk.check(d, DOSE - 60 * M).within and pk.check(d, DOSE).within
    assert not pk.check(d, DOSE - 61 * M).within
    assert not pk.check(d, DOSE + 1 * M).within       # after the dose: a deviation
    assert pk.check(d, DOSE - 20 * M).deviation_min == -20


def test_a_late_evening_dose_crosses_midnight():
    late = at(2026, 1, 5, 22, 40)
    four = due("LI", "4h", late)
    assert four.nominal == at(2026, 1, 6, 2, 40)
    typed = pk.nearest_datetime(four.nominal, time(2, 50))
    assert typed == at(2026, 1, 6, 2, 50)
    assert pk.check(four, typed).deviation_min == 10
    pre = due("LI", "pre", at(2026, 1, 6, 0, 20))
    assert pk.nearest_datetime(pre.nominal, time(23, 50)) == at(2026, 1, 5, 23, 50)


def test_impossible_times_are_refused():
    with pytest.raises(pk.PkError, match="before the dose"):
        pk.check(due("LI", "1h"), DOSE - 5 * M)
    with pytest.raises(pk.PkError, match="more than 24 hours"):
        pk.check(due("LI", "1h"), DOSE + timedelta(hours=26))
    with pytest.raises(pk.PkError, match="before the dose"):
        pk.check(due("LI24", "24h"), DOSE - M, DOSE)


def test_sample_ids_are_unique_readable_and_deterministic():
    ids = {pk.sample_id("IMP7068-101", subj, code, s.id)
           for subj in ("101-001", "101-002") for code in ("LI", "C1D1", "C1D15")
           for s in pk.slots(P, code)}
    assert len(ids) == 2 * 3 * 7
    assert pk.sample_id("IMP7068-101", "101-001", "LI", "0.5h") == "IMP7068-101-101-001-LI-0.5H"
    assert all(all(32 <= ord(c) < 127 for c in i) for i in ids)  # Code128 set B


def test_json_shape():
    assert due("LI", "1h").to_json() == {"timepoint": "1 h", "nominal": "2026-01-05T09:00",
                                         "earliest": "2026-01-05T08:50",
                                         "latest": "2026-01-05T09:10"}


doses = st.datetimes(datetime(2020, 1, 1), datetime(2030, 12, 31), timezones=st.just(PARIS),
                     allow_imaginary=False).map(lambda d: d.replace(second=0, microsecond=0))


@given(doses, st.sampled_from(["LI", "LI24", "LI48", "C1D1", "C1D2", "C1D15", "C4D1"]))
def test_a_sample_at_its_nominal_time_deviates_by_zero(dose, code):
    for d in pk.sample_times(P, code, dose):
        result = pk.check(d, d.nominal, dose)
        assert result.deviation_min == 0 and result.within


@given(doses, st.sampled_from(["LI", "C1D1", "C1D15", "LI24", "LI48"]))
def test_the_window_always_holds_the_nominal_time(dose, code):
    """In real time (through UTC: Python compares two times of one zone on their wall
    clocks, which in the autumn fold puts 02:50 before 02:00)."""
    for d in pk.sample_times(P, code, dose):
        assert d.earliest.astimezone(UTC) <= d.nominal.astimezone(UTC) <= \
            d.latest.astimezone(UTC)


@given(doses, st.integers(-600, 600))
def test_nearest_datetime_recovers_any_time_within_12_hours(dose, minutes):
    """On a clock without daylight saving (UTC) every time within 12 h is recovered."""
    d = due("LI", "4h", dose.astimezone(UTC))
    actual = d.nominal + minutes * M
    assert pk.nearest_datetime(d.nominal, actual.time()) == actual


# --- daylight-saving change days (Europe/Paris: 29-MAR-2026 02:00 -> 03:00, 25-OCT-2026
# 03:00 -> 02:00) -------------------------------------------------------------------------

def test_the_24_hour_tube_across_the_spring_change_is_24_real_hours():
    dose = at(2026, 3, 28, 10, 0)  # UTC+1
    li24 = due("LI24", "24h", dose)
    assert li24.nominal == at(2026, 3, 29, 11, 0)  # on the new clock (UTC+2)
    assert li24.nominal - dose != timedelta(hours=24)  # wall clocks differ by 25 h...
    assert li24.nominal.astimezone(UTC) - dose.astimezone(UTC) == timedelta(hours=24)
    typed = pk.nearest_datetime(li24.nominal, time(11, 0))
    assert pk.check(li24, typed, dose).deviation_min == 0


def test_the_24_hour_tube_across_the_autumn_change_is_24_real_hours():
    dose = at(2026, 10, 24, 10, 0)  # UTC+2
    li24 = due("LI24", "24h", dose)
    assert f"{li24.nominal:%H:%M}" == "09:00"  # the clocks went back an hour
    typed = pk.nearest_datetime(li24.nominal, time(10, 0))  # an hour late, by the clock
    assert pk.check(li24, typed, dose).deviation_min == 60


def test_a_tube_typed_in_the_spring_gap_does_not_exist():
    from app.rules.site_time import TimeProblem

    dose = at(2026, 3, 29, 0, 30)
    two = due("LI", "2h", dose)  # 02:30 does not exist: nominal is 03:30 on the new clock
    assert f"{two.nominal:%H:%M}" == "03:30"
    with pytest.raises(TimeProblem, match="does not exist"):
        pk.nearest_datetime(two.nominal, time(2, 30))
    assert later(dose, timedelta(hours=2)) == two.nominal
