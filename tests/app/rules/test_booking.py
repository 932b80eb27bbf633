"""The appointment book's pure rules (issue 38): a booking's day, place and nurse; four PK
days in three chairs; a holiday named, never moved over silently."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest

from app.errors import InvalidEntry
from app.rules.booking import (
    Block,
    Closure,
    Nurses,
    OpeningHours,
    Place,
    SiteBook,
    Wanted,
    book,
    free_days,
)
from app.rules.booking_plan import tick_minutes
from app.rules.protocol import default_protocol, load_protocol

P = default_protocol()
TODAY = date(2026, 3, 2)  # a Monday
THU = date(2026, 3, 5)
SITE = SiteBook(places=(Place("Chair 1"), Place("Chair 2"), Place("Chair 3"),
                        Place("Room A", "room")),
                closures=(Closure(date(2026, 3, 6), "Site holiday"),),
                working={"t.part": frozenset({0, 1})})
NURSES = Nurses({"t.nurse": True, "t.other": True, "t.part": True, "t.new": False}, 10)


def wanted(code: str = "C1D1", day: date = THU, at: time = time(8, 0), **over) -> Wanted:
    base = dict(subject="101-001", code=code, start=datetime.combine(day, at),
                needs=P.needs_of(code), earliest=day - timedelta(days=1),
                latest=day + timedelta(days=1), target=day,
                tick_minutes=tick_minutes(P, code))
    base.update(over)
    return Wanted(**base)


def pk_day(subject: str, chair: str, nurse: str | None = None, day: date = THU) -> Block:
    return book(wanted(subject=subject, place=chair, nurse=nurse, day=day), SITE, [], NURSES,
                TODAY)


def test_a_pk_day_holds_a_chair_nine_hours_and_a_nurse_at_each_timepoint():
    block = pk_day("101-001", "Chair 1", "t.nurse")
    assert block.minutes == 540 and block.end == datetime(2026, 3, 5, 17, 0)
    # pre-dose, 0.5, 1, 2, 4, 6, 8 h after the dose given 30 min after arrival
    assert [t.time() for t in block.ticks] == [time(8, 30), time(9, 0), time(9, 30),
                                               time(10, 30), time(12, 30), time(14, 30),
                                               time(16, 30)]
    assert tick_minutes(P, "LI24") == (0,) and tick_minutes(P, "C1D8") == (30,)
    assert tick_minutes(P, "TA1") == ()


def test_the_fourth_pk_day_in_three_chairs_is_refused_naming_the_free_days():
    blocks = [pk_day(f"101-00{i}", f"Chair {i}") for i in (1, 2, 3)]
    with pytest.raises(InvalidEntry) as info:
        book(wanted(subject="101-004"), SITE, blocks, NURSES, TODAY)
    assert info.value.field == "chair"
    assert "No chair is free on 05-MAR-2026 from 08:00 to 17:00 (all 3 are booked)" in \
        info.value.message
    # Wednesday is free; Friday is the site's holiday
    assert "free days in the window: 04-MAR-2026" in info.value.message
    with pytest.raises(InvalidEntry) as info:
        book(wanted(subject="101-004", place="Chair 2"), SITE, blocks, NURSES, TODAY)
    assert "Chair 2 is booked then for 101-002 C1D1 (08:00 to 17:00); free then: none" in \
        info.value.message


def test_a_holiday_is_named_never_moved_over():
    with pytest.raises(InvalidEntry) as info:
        book(wanted(day=date(2026, 3, 6)), SITE, [], NURSES, TODAY)
    assert info.value.field == "when"
    assert "The site is closed on 06-MAR-2026 (Site holiday)" in info.value.message
    assert "05-MAR-2026, 07-MAR-2026" not in info.value.message  # Saturday is closed
    assert "05-MAR-2026" in info.value.message


@pytest.mark.parametrize(("kw", "field", "words"), [
    ({"at": time(10, 0)}, "when", "outside the opening hours (08:00 to 18:00, Mon Tue Wed"),
    ({"day": date(2026, 3, 7)}, "when", "outside the opening hours"),  # a Saturday
    ({"place": "Chair 9"}, "chair", "There is no chair named 'Chair 9' (the site's: Chair 1"),
    ({"place": "Room A"}, "chair", "no chair named 'Room A'"),
    ({"nurse": "t.new"}, "nurse", "t.new is not delegated for PK sampling on this study"),
    ({"nurse": "nobody"}, "nurse", "There is no nurse account 'nobody'"),
    ({"nurse": "t.part"}, "nurse", "t.part does not work on Thursday (works Mon Tue)"),
])
def test_bad_input_is_one_clear_message(kw, field, words):
    with pytest.raises(InvalidEntry) as info:
        book(wanted(**kw), SITE, [], NURSES, TODAY)
    assert info.value.field == field
    assert words in info.value.message


def test_a_booking_in_the_past_or_outside_the_window():
    with pytest.raises(InvalidEntry) as info:
        book(wanted(day=date(2026, 2, 26)), SITE, [], NURSES, TODAY)
    assert "26-FEB-2026 08:00 is in the past" in info.value.message
    w = wanted(earliest=date(2026, 3, 9), latest=date(2026, 3, 11), target=date(2026, 3, 10))
    with pytest.raises(InvalidEntry) as info:
        book(w, SITE, [], NURSES, TODAY)
    assert "05-MAR-2026 is outside the window of C1D1, 09-MAR-2026 to 11-MAR-2026" in \
        info.value.message
    assert book(replace(w, why_outside="patient's travel"), SITE, [], NURSES, TODAY).place \
        == "Chair 1"


def test_a_nurse_draws_one_tube_at_a_time():
    first = pk_day("101-001", "Chair 1", "t.nurse")
    with pytest.raises(InvalidEntry) as info:
        book(wanted(subject="101-002", nurse="t.nurse", at=time(8, 5)), SITE, [first], NURSES,
             TODAY)
    assert "t.nurse draws 101-001's C1D1 tube at 08:30: 08:35 is a PK timepoint" in \
        info.value.message
    # 15 minutes later every timepoint is clear of hers
    later = book(wanted(subject="101-002", nurse="t.nurse", at=time(8, 15)), SITE, [first],
                 NURSES, TODAY)
    assert later.place == "Chair 2"
    # another nurse takes the same minute
    assert book(wanted(subject="101-002", nurse="t.other", at=time(8, 5)), SITE, [first],
                NURSES, TODAY).nurse == "t.other"


def test_a_move_does_not_clash_with_itself_and_scans_take_no_chair():
    first = pk_day("101-001", "Chair 1")
    first = Block(**{**first.__dict__, "key": 7})
    moved = book(wanted(place="Chair 1", at=time(8, 30), key=7), SITE, [first], NURSES, TODAY)
    assert moved.place == "Chair 1"
    scan = book(wanted("TA1", at=time(20, 0)), SITE, [first], NURSES, TODAY)
    assert scan.place is None and scan.ticks == ()
    call = wanted("SURV1", at=time(9, 0))
    assert call.needs.place == "phone" and book(call, SITE, [], NURSES, TODAY).place is None


def test_screening_takes_a_room_and_the_other_protocol_its_own_durations():
    assert book(wanted("SCR", at=time(9, 0)), SITE, [], NURSES, TODAY).place == "Room A"
    abc = load_protocol("resources/protocols/abc2201.toml")
    assert abc.needs_of("C1D1").minutes == 240 and abc.needs_of("C2D1").minutes == 90
    assert tick_minutes(abc, "C1D1") == (15, 135)


def test_free_days_skip_closures_weekends_and_full_days():
    blocks = [pk_day(f"101-00{i}", f"Chair {i}", day=date(2026, 3, 4)) for i in (1, 2, 3)]
    w = wanted(earliest=date(2026, 3, 2), latest=date(2026, 3, 9))
    assert free_days(w, SITE, blocks, NURSES, TODAY) == [date(2026, 3, 2), date(2026, 3, 3),
                                                         date(2026, 3, 5), date(2026, 3, 9)]
    assert OpeningHours().text() == "08:00 to 18:00, Mon Tue Wed Thu Fri"


def test_a_broken_booking_section_names_its_keys():
    import tomllib

    from app.rules.protocol import ProtocolError, parse_protocol

    data = tomllib.loads(P.path.read_text(encoding="utf-8"))
    data["booking"]["types"][0]["visits"] = ["LI", "XYZ"]
    data["booking"]["types"][1]["place"] = "bed"
    data["booking"]["types"][2]["kinds"] = ["nap"]
    with pytest.raises(ProtocolError) as info:
        parse_protocol(data, "broken.toml")
    assert info.value.problems == [
        "booking.types[0].visits: unknown visit 'XYZ'",
        "booking.types[1].place: 'bed' is not one of chair, room, none, phone",
        "booking.types[2].kinds: unknown kind 'nap'"]
    data = tomllib.loads(P.path.read_text(encoding="utf-8"))
    del data["booking"]
    assert parse_protocol(data).needs_of("LI").minutes == 60  # the defaults
