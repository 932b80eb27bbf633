"""A worksheet's PK rows: due time and window from the dose they count from (LI24/LI48 the
lead-in dose, C1D2 the C1D1 dose), "expected" before that dose is recorded, and what was
recorded of each tube."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from hypothesis import given
from hypothesis import strategies as st

from app.rules import pk
from app.rules.dates import fmt_day_month
from app.rules.protocol import default_protocol
from app.rules.site_time import elapsed
from app.services.pk_samples import SampleEntry, save_pk
from app.services.visits import VisitEntry, record_visit
from app.services.worksheet_pk import DoseBasis, pk_line
from app.services.worksheets import worksheet_data
from tests.conftest import SITE_ZONE

from .conftest import FD, TODAY

C1D1_DAY = FD + timedelta(days=7)


def _rows(db, protocol, patient, code):
    w = worksheet_data(db, protocol, patient, code, TODAY)
    return w, {line.label: line for line in w.pk}


def test_times_count_from_the_recorded_lead_in_dose(db, protocol, patient):
    record_visit(db, protocol, patient, "LI", VisitEntry(outcome="done", actual_date=FD),
                 TODAY)
    save_pk(db, protocol, patient, "LI", datetime(2026, 1, 5, 8, 30),
            [SampleEntry("pre", datetime(2026, 1, 5, 8, 0)),
             SampleEntry("0.5h", None, "patient refused")], TODAY)
    w, li = _rows(db, protocol, patient, "LI")
    assert (li["pre-dose"].due, li["pre-dose"].window) == ("08:30", "07:30–08:30")
    assert (li["0.5 h"].due, li["0.5 h"].window) == ("09:00", "08:55–09:05")
    assert (li["8 h"].due, li["8 h"].window) == ("16:30", "16:00–17:00")
    assert not any(line.expected for line in w.pk)
    assert li["pre-dose"].collected == "08:00" and li["pre-dose"].not_collected == ""
    assert li["0.5 h"].not_collected == "patient refused" and li["0.5 h"].collected == ""
    assert li["1 h"].collected == li["1 h"].not_collected == ""   # boxes to write in
    assert w.pk_basis == "Times count from the dose, given at 08:30 on 05-JAN-2026."
    w, li24 = _rows(db, protocol, patient, "LI24")                # the day after
    assert (li24["24 h"].due, li24["24 h"].window) == ("08:30", "07:30–09:30")
    w, li48 = _rows(db, protocol, patient, "LI48")                # two days after, ±2 h
    line = li48["48 h"]
    assert line.nominal == datetime(2026, 1, 7, 8, 30, tzinfo=SITE_ZONE)
    assert (line.due, line.window, line.expected) == ("08:30", "06:30–10:30", False)
    assert w.pk_basis == "Times count from the LI dose, given at 08:30 on 05-JAN-2026."


def test_expected_from_the_booked_dose_until_it_is_recorded(db, protocol, patient):
    """C1D2's 24 h tube counts from the C1D1 dose: from its booked time, marked expected,
    until the dose time is recorded; then from the dose."""
    record_visit(db, protocol, patient, "LI", VisitEntry(outcome="done", actual_date=FD),
                 TODAY)
    record_visit(db, protocol, patient, "C1D1",
                 VisitEntry(booked_date=C1D1_DAY, booked_time=time(9, 15)), TODAY)
    w, c1d1 = _rows(db, protocol, patient, "C1D1")
    assert w.booked_time == time(9, 15)
    assert all(line.expected for line in w.pk)
    assert (c1d1["0.5 h"].due, c1d1["0.5 h"].window) == ("09:45", "09:40–09:50")
    assert w.pk_basis.startswith("Expected times: the dose is not recorded yet; counted "
                                 "from its booked time, 09:15 on 12-JAN-2026.")
    w, c1d2 = _rows(db, protocol, patient, "C1D2")
    line = c1d2["24 h"]
    assert (line.due, line.window, line.expected) == ("09:15", "08:15–10:15", True)
    assert "the C1D1 dose is not recorded yet" in w.pk_basis
    assert w.pk_basis.endswith("Drawn before the Day 2 dose.")   # the protocol's note
    record_visit(db, protocol, patient, "C1D1",
                 VisitEntry(booked_date=C1D1_DAY, booked_time=time(9, 15), outcome="done",
                            actual_date=C1D1_DAY), TODAY)
    save_pk(db, protocol, patient, "C1D1", datetime(2026, 1, 12, 10, 5), [], TODAY)
    w, c1d2 = _rows(db, protocol, patient, "C1D2")
    line = c1d2["24 h"]
    assert (line.due, line.window, line.expected) == ("10:05", "09:05–11:05", False)
    assert line.nominal == datetime(2026, 1, 13, 10, 5, tzinfo=SITE_ZONE)
    assert w.pk_basis.startswith("Times count from the C1D1 dose, given at 10:05 on "
                                 "12-JAN-2026.")


def test_without_any_dose_time_the_rows_say_how_long_after(db, protocol, patient):
    record_visit(db, protocol, patient, "LI", VisitEntry(outcome="done", actual_date=FD),
                 TODAY)
    w, li48 = _rows(db, protocol, patient, "LI48")
    line = li48["48 h"]
    assert (line.due, line.window, line.expected, line.nominal) == \
        ("", "±120 min", True, None)                          # a box to write it in
    assert w.pk_basis.startswith("Expected: no time is known yet for the LI dose.")
    w, c1d1 = _rows(db, protocol, patient, "C1D1")              # not booked at a time
    assert (c1d1["pre-dose"].due, c1d1["pre-dose"].window) == \
        ("", "within 60 min before the dose")


def test_a_late_dose_prints_the_next_days_date(db, protocol, patient):
    """A visit recorded at a clock time with no dose time: expected from that time; a tube
    due after midnight carries its date."""
    record_visit(db, protocol, patient, "LI",
                 VisitEntry(outcome="done", actual_date=FD, actual_time=time(21, 0)), TODAY)
    w, li = _rows(db, protocol, patient, "LI")
    assert "counted from the visit's recorded time, 21:00 on 05-JAN-2026" in w.pk_basis
    assert all(line.expected for line in w.pk)
    assert li["2 h"].due == "23:00" and li["2 h"].window == "22:50–23:10"
    assert li["4 h"].due == "06-JAN 01:00"
    assert li["8 h"].window == "06-JAN 04:30–06-JAN 05:30"


PARIS_DOSES = st.datetimes(datetime(2024, 1, 1), datetime(2030, 12, 31),
                           timezones=st.just(SITE_ZONE))


@given(PARIS_DOSES, st.sampled_from(["LI", "LI24", "LI48", "C1D1", "C1D2", "C1D15"]),
       st.booleans(), st.integers(-1, 3))
def test_a_row_prints_the_tubes_own_clock_times(dose, code, recorded, days_after):
    """Whatever the dose instant (daylight-saving changes included), the row's due time is
    the nominal instant on the site's clock, its window the tolerance in real minutes, and
    a date is printed exactly when the time falls on another day than the visit's."""
    protocol = default_protocol()
    day = dose.date() + timedelta(days=days_after)
    basis = DoseBasis(dose, recorded, "recorded" if recorded else "booked")
    for slot in pk.slots(protocol, code):
        line = pk_line(slot, "ID", basis, day, None, SITE_ZONE)
        t = slot.timepoint
        assert line.expected is not recorded and line.nominal is not None
        assert elapsed(dose, line.nominal) == timedelta(minutes=t.nominal_min)
        nominal = line.nominal.astimezone(SITE_ZONE)
        on_day = nominal.date() == day
        assert line.due == (f"{nominal:%H:%M}" if on_day
                            else f"{fmt_day_month(nominal.date())} {nominal:%H:%M}")
        first, last = line.window.split("–")
        due = pk.times_for(slot, dose)
        earliest, latest = due.earliest, due.latest
        assert elapsed(earliest, nominal) == timedelta(minutes=t.before_min)
        assert elapsed(nominal, latest) == timedelta(minutes=t.after_min)
        assert first.endswith(f"{earliest:%H:%M}") and last.endswith(f"{latest:%H:%M}")
        assert (" " in first) is (earliest.date() != day)


def test_the_24_h_tube_across_the_spring_change_is_24_real_hours():
    protocol = default_protocol()
    dose = datetime(2026, 3, 28, 9, 0, tzinfo=SITE_ZONE)       # clocks go forward on the 29th
    slot = pk.slots(protocol, "C1D2")[0]
    line = pk_line(slot, "ID", DoseBasis(dose, True, "recorded"), date(2026, 3, 29), None,
                   SITE_ZONE)
    assert (line.due, line.window) == ("10:00", "09:00–11:00")
