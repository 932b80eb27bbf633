"""The calendar engine at the edges of every rule in study-imp7068.md."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from app.rules.calendar import (
    CANCELLED,
    DONE,
    DONE_OUT_OF_WINDOW,
    MISSED,
    OPEN,
    OVERDUE,
    PLANNED,
    CycleDelay,
    PatientFacts,
    ScheduleError,
    build_calendar,
)
from app.rules.protocol import default_protocol, load_protocol

P = default_protocol()
FD = date(2026, 1, 5)          # first dose (Day -7), a Monday
C1D1 = FD + timedelta(days=7)  # 12-JAN-2026
D = timedelta


def cal(today=date(2026, 1, 1), **facts):
    facts.setdefault("first_dose", FD)
    return build_calendar(P, PatientFacts(**facts), today)


def dated(**codes):
    return {k: v for k, v in codes.items()}


# --- targets and windows -----------------------------------------------------------------

def test_fixed_visits_targets_and_windows():
    c = cal()
    expect = {
        "SCR": (FD - D(28), FD - D(28), FD - D(1)),   # Day -35 .. Day -8
        "LI": (FD, FD, FD),
        "LI24": (FD + D(1), FD + D(1), FD + D(1)),
        "LI48": (FD + D(2), FD + D(2), FD + D(2)),
        "C1D1": (C1D1, C1D1 - D(1), C1D1 + D(1)),
        "C1D2": (C1D1 + D(1), C1D1 + D(1), C1D1 + D(1)),
        "C1D8": (C1D1 + D(7), C1D1 + D(6), C1D1 + D(8)),
        "C1D15": (C1D1 + D(14), C1D1 + D(13), C1D1 + D(15)),
        "C2D1": (C1D1 + D(21), C1D1 + D(18), C1D1 + D(24)),
    }
    for code, (target, earliest, latest) in expect.items():
        v = c[code]
        assert (v.target, v.earliest, v.latest) == (target, earliest, latest), code


def test_scr_window_is_day_minus_35_to_minus_8():
    v = cal()["SCR"]
    study_day = lambda d: (d - C1D1).days + (1 if d >= C1D1 else 0)  # noqa: E731  no Day 0
    assert (study_day(v.earliest), study_day(v.latest)) == (-35, -8)


def test_scans_every_6_weeks_then_every_12_numbering_continues():
    c = cal()
    assert c["TA1"].target == C1D1 + D(42)
    assert c["TA8"].target == C1D1 + D(336)      # week 48
    assert c["TA9"].target == C1D1 + D(420)      # week 60
    assert c["TA10"].target == C1D1 + D(504)     # week 72
    assert "week 60" in c["TA9"].label
    assert (c["TA3"].earliest, c["TA3"].latest) == (c["TA3"].target - D(7), c["TA3"].target + D(7))


def test_projection_stops_at_26_months_after_c1d1():
    c = cal()
    horizon = date(2028, 3, 12)  # 12-JAN-2026 + 26 months
    cycles = [v for v in c if v.code.startswith("C") and v.code.endswith("D1")]
    assert max(v.target for v in cycles) <= horizon
    assert max(v.target for v in cycles) + D(21) > horizon
    scans = [v for v in c if v.code.startswith("TA")]
    assert max(v.target for v in scans) <= horizon < max(v.target for v in scans) + D(84)
    assert c.get("EOT") is None and c.get("SURV1") is None  # no last dose yet


def test_sorted_by_target_then_code():
    c = cal()
    keys = [(v.target, v.code) for v in c]
    assert keys == sorted(keys)


# --- statuses at the window's edges ----------------------------------------------------

@pytest.mark.parametrize(("actual_offset", "status"), [
    (-2, DONE_OUT_OF_WINDOW), (-1, DONE), (0, DONE), (1, DONE), (2, DONE_OUT_OF_WINDOW)])
def test_c1d1_done_inside_and_outside_its_window(actual_offset, status):
    c = cal(today=date(2026, 2, 1), done={"LI": FD, "C1D1": C1D1 + D(actual_offset)})
    assert c["C1D1"].status == status


@pytest.mark.parametrize(("today_offset", "status"), [
    (-8, PLANNED), (-7, OPEN), (0, OPEN), (7, OPEN), (8, OVERDUE)])
def test_scan_status_follows_today(today_offset, status):
    target = C1D1 + D(42)
    c = cal(today=target + D(today_offset), done={"LI": FD, "C1D1": C1D1})
    assert c["TA1"].status == status


@pytest.mark.parametrize(("offset", "status"), [(-7, DONE), (7, DONE), (-8, DONE_OUT_OF_WINDOW),
                                                (8, DONE_OUT_OF_WINDOW)])
def test_scan_done_at_its_window_edges(offset, status):
    target = C1D1 + D(42)
    c = cal(today=target + D(30), done={"C1D1": C1D1, "TA1": target + D(offset)})
    assert c["TA1"].status == status


def test_missed_visit_keeps_its_reason():
    c = cal(today=date(2026, 2, 20), missed={"C1D8": "patient unwell, stayed home"})
    assert c["C1D8"].status == MISSED and c["C1D8"].reason == "patient unwell, stayed home"


# --- cycles chain on actual dates; scans never shift -------------------------------------

def test_late_cycle_shifts_later_cycles_but_not_scans():
    on_time = cal(today=date(2026, 3, 1), done={"C1D1": C1D1})
    late = cal(today=date(2026, 3, 1), done={"C1D1": C1D1, "C2D1": C1D1 + D(28)})
    assert late["C2D1"].status == DONE_OUT_OF_WINDOW
    assert late["C3D1"].target == C1D1 + D(28 + 21)
    assert late["C4D1"].target == on_time["C4D1"].target + D(7)
    for k in range(1, 10):
        assert late[f"TA{k}"].target == on_time[f"TA{k}"].target


def test_recorded_delay_moves_the_target_with_its_reason():
    delay = CycleDelay("C3D1", 7, "toxicity")
    c = cal(today=date(2026, 3, 1), done={"C1D1": C1D1, "C2D1": C1D1 + D(21)},
            delays={"C3D1": delay})
    assert c["C3D1"].target == C1D1 + D(42 + 7)
    assert c["C3D1"].delay == delay
    assert c["C4D1"].target == C1D1 + D(42 + 7 + 21)
    assert c["TA1"].target == C1D1 + D(42)
    done = cal(today=date(2026, 3, 10), done={"C1D1": C1D1, "C2D1": C1D1 + D(21),
                                              "C3D1": C1D1 + D(49)}, delays={"C3D1": delay})
    assert done["C3D1"].status == DONE


def test_delayed_c1d1_moves_cycle_1_and_the_projected_scans():
    c = cal(today=date(2026, 1, 10), delays={"C1D1": CycleDelay("C1D1", 3, "logistics")})
    assert c["C1D1"].target == C1D1 + D(3)
    assert c["C1D8"].target == C1D1 + D(10)
    assert c["TA1"].target == C1D1 + D(3 + 42)


def test_scans_anchor_on_the_actual_c1d1():
    c = cal(today=date(2026, 2, 1), done={"LI": FD, "C1D1": C1D1 + D(1)})
    assert c["TA1"].target == C1D1 + D(43)
    assert c["C1D8"].target == C1D1 + D(8)


# --- month ends, year ends, leap days -----------------------------------------------------

def test_across_a_leap_day_and_year_end():
    fd = date(2027, 12, 25)
    c = build_calendar(P, PatientFacts(first_dose=fd), date(2027, 12, 1))
    assert c["C1D1"].target == date(2028, 1, 1)
    assert c["C3D1"].target == date(2028, 2, 12)
    assert c["C4D1"].target == date(2028, 3, 4)       # 29-FEB-2028 counted
    assert c["TA1"].target == date(2028, 2, 12)
    assert c["SCR"].target == date(2027, 11, 27)


def test_month_end_projection_horizon():
    fd = date(2025, 12, 24)                                 # C1D1 31-DEC-2025
    c = build_calendar(P, PatientFacts(first_dose=fd), date(2025, 12, 1))
    horizon = date(2028, 2, 29)                             # 31-DEC-2025 + 26 months, clipped
    assert max(v.target for v in c) <= horizon


# --- end of treatment, safety and survival follow-up -----------------------------------

def test_last_dose_anchors_eot_sfu_and_survival():
    last = date(2026, 4, 20)
    c = cal(today=date(2026, 4, 21), done={"C1D1": C1D1}, last_dose=last)
    assert (c["EOT"].target, c["EOT"].earliest, c["EOT"].latest) == (last, last, last + D(7))
    assert (c["SFU"].target, c["SFU"].earliest, c["SFU"].latest) == (
        last + D(30), last + D(27), last + D(37))
    survs = [v for v in c if v.code.startswith("SURV")]
    assert [v.code for v in survs] == [f"SURV{k}" for k in range(1, 9)]  # 84*8=672 <= 730
    assert survs[0].target == last + D(84)
    assert (survs[0].earliest, survs[0].latest) == (last + D(70), last + D(98))
    assert survs[-1].target == last + D(672)


def test_treatment_visits_after_last_dose_are_cancelled_not_missed():
    last = C1D1 + D(30)
    c = cal(today=C1D1 + D(60), done={"LI": FD, "C1D1": C1D1, "C2D1": C1D1 + D(21)},
            last_dose=last)
    assert c["C2D1"].status == DONE
    assert c["C3D1"].status == CANCELLED and "last dose" in c["C3D1"].reason
    assert c["TA1"].status == CANCELLED                    # target after the last dose
    assert all(v.status == CANCELLED for v in c if v.kind == "treatment" and v.target > last)


def test_scan_on_the_last_dose_day_still_applies():
    last = C1D1 + D(42)
    c = cal(today=last, done={"C1D1": C1D1}, last_dose=last)
    assert c["TA1"].status == OPEN
    assert c["TA2"].status == CANCELLED


def test_progression_cancels_later_scans_only():
    pd = C1D1 + D(80)
    c = cal(today=pd + D(1), done={"C1D1": C1D1, "TA1": C1D1 + D(42)}, progression=pd)
    assert c["TA1"].status == DONE
    assert c["TA2"].status == CANCELLED and "progression" in c["TA2"].reason
    assert c["C6D1"].status == PLANNED                      # treatment may go on


def test_death_cancels_what_is_still_open_and_leaves_closed_windows_overdue():
    death = C1D1 + D(50)  # TA1 window closed on day 49: stays overdue
    c = cal(today=death + D(5), done={"LI": FD, "C1D1": C1D1}, death=death)
    assert c["TA1"].latest < death and c["TA1"].status == OVERDUE
    c3 = c["C3D1"]                                           # window 39..45: closed
    assert c3.status == OVERDUE
    assert all(v.status == CANCELLED for v in c if v.target > death)


def test_death_on_the_last_day_of_a_window_cancels_it():
    ta1 = C1D1 + D(42)
    c = cal(today=ta1 + D(10), done={"C1D1": C1D1}, death=ta1 + D(7))
    assert c["TA1"].status == CANCELLED
    c2 = cal(today=ta1 + D(10), done={"C1D1": C1D1}, death=ta1 + D(8))
    assert c2["TA1"].status == OVERDUE


def test_survival_contacts_stop_at_death_and_withdrawal():
    last = date(2026, 4, 20)
    death = last + D(200)
    c = cal(today=death + D(1), done={"C1D1": C1D1}, last_dose=last, death=death)
    assert c["SURV2"].status == OVERDUE                      # 168 +14 = 182 < 200
    assert c["SURV3"].status == CANCELLED                    # 252 - 14 = 238 > 200
    w = cal(today=last + D(100), done={"C1D1": C1D1}, last_dose=last, withdrawal=last + D(90))
    assert w["SURV1"].status == CANCELLED                    # window 70..98 still open on 90


def test_lost_to_follow_up_stops_survival_contacts():
    last = date(2026, 4, 20)
    c = cal(today=last + D(300), done={"C1D1": C1D1}, last_dose=last,
            lost_to_follow_up=last + D(170))
    assert c["SURV2"].status == OVERDUE
    assert c["SURV3"].status == CANCELLED


def test_new_anticancer_therapy_cancels_later_scans():
    c = cal(today=C1D1 + D(100), done={"C1D1": C1D1}, last_dose=C1D1 + D(90),
            new_anticancer_therapy=C1D1 + D(95))
    assert c["TA2"].status == OVERDUE        # target 84 before both events
    assert c["TA3"].status == CANCELLED


# --- bad input ---------------------------------------------------------------------------

@pytest.mark.parametrize(("facts", "today", "match"), [
    ({"done": {"C1D8": FD - D(1)}}, date(2026, 2, 1), r"C1D8 is dated 04-JAN-2026, before the first"),
    ({"done": {"LI": FD + D(1)}}, date(2026, 2, 1), r"LI is dated 06-JAN-2026 but the first dose"),
    ({"last_dose": FD - D(1)}, date(2026, 2, 1), r"last dose \(04-JAN-2026\) is before the first"),
    ({"done": {"C2D1": date(2026, 2, 2)}}, date(2026, 2, 1), r"C2D1 .* 02-FEB-2026.* future"),
    ({"done": {"C1D0": C1D1}}, date(2026, 2, 1), r"unknown visit code 'C1D0'"),
    ({"done": {"C1D8": C1D1 + D(7)}, "missed": {"C1D8": ""}}, date(2026, 2, 1), "both done"),
    ({"done": {"C1D1": C1D1, "C2D1": C1D1}}, date(2026, 2, 1), r"C2D1 .* not after C1D1"),
    ({"done": {"C1D8": C1D1 + D(7)}, "death": C1D1}, date(2026, 2, 1), r"after the death"),
    ({"death": date(2027, 1, 1)}, date(2026, 2, 1), r"death \(01-JAN-2027\) is in the future"),
    ({"delays": {"C1D8": CycleDelay("C1D8", 3, "toxicity")}}, date(2026, 2, 1), "not the first day"),
    ({"delays": {"C3D1": CycleDelay("C3D1", 3, "weather")}}, date(2026, 2, 1), "needs a reason"),
    ({"done": {"SURV1": date(2026, 1, 20)}}, date(2026, 2, 1), r"no SURV1"),
])
def test_impossible_facts_are_refused_with_visit_and_date(facts, today, match):
    with pytest.raises(ScheduleError, match=match):
        build_calendar(P, PatientFacts(first_dose=FD, **facts), today)


# --- another protocol: nothing of IMP7068 is in the code ----------------------------------

def test_a_28_day_protocol():
    alt = load_protocol(Path(__file__).parents[1] / "protocols" / "alt28.toml")
    fd = date(2026, 3, 2)
    c = build_calendar(alt, PatientFacts(first_dose=fd, done={"D1": fd, "Cy2-Day1": fd + D(30)}),
                       date(2026, 4, 15))
    assert c["BASE"].target == fd - D(14) and c["BASE"].earliest == fd - D(21)
    assert c["D15"].target == fd + D(14)
    assert c["Cy2-Day1"].status == DONE          # window -2/+5 around day 28
    assert c["Cy2-Day15"].target == fd + D(30 + 14)
    assert c["Cy3-Day1"].target == fd + D(30 + 28)
    assert c["SCAN1"].target == fd + D(56)
    assert c.get("C2D1") is None and c.get("TA1") is None
    last = fd + D(100)
    c2 = build_calendar(alt, PatientFacts(first_dose=fd, last_dose=last), last + D(1))
    assert c2["STOP"].target == last + D(7)
    assert [v.code for v in c2 if v.code.startswith("FU")] == [f"FU{k}" for k in range(1, 7)]
    assert all(v.status == CANCELLED for v in c2 if v.kind == "dosing" and v.target > last)
