"""`endpoints` and `check-data` on the command line."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest

import main
from app.rules.protocol import default_protocol
from app.services.database import open_site_database
from app.services.escalation import record_decision
from app.services.patients import EnrolmentForm, enrol
from app.services.response import LesionEntry, ScanForm, save_scan
from app.services.studies import DEFAULT_STUDY
from app.services.visits import VisitEntry, record_visit
from tests.conftest import login

TODAY = date(2026, 9, 1)
FD, C1D1 = date(2026, 1, 5), date(2026, 1, 12)
D = timedelta(days=1)


@pytest.fixture
def site(tmp_path):
    """Two Part 1 patients at two dose levels and one Part 2 patient, all dosed; one PR."""
    url = f"sqlite:///{tmp_path / 'site.sqlite'}"
    db = open_site_database(url)
    db.actor = "tester"  # someone signed in
    p = default_protocol()
    record_decision(db, DEFAULT_STUDY, FD, "RP2D declared", "DL2", None, None, TODAY)
    for n, part, level, cohort in ((1, 1, "DL1", None), (2, 1, "DL2", None),
                                   (3, 2, None, "USC")):
        pid = enrol(db, p, EnrolmentForm(
            subject_id=f"101-00{n}", initials="ABC", year_of_birth=1960, sex="F", part=part,
            dose_level=level, cohort=cohort, consent_date=date(2025, 12, 1),
            screening_date=date(2025, 12, 2), planned_first_dose=FD), TODAY)
        for code, when in (("LI", FD), ("C1D1", C1D1)):
            record_visit(db, p, pid, code, VisitEntry(outcome="done", actual_date=when), TODAY)
        if n == 1:
            for day, size, base in ((-10, "40.0", True), (49, "20.0", False),
                                    (91, "19.0", False)):
                save_scan(db, p, pid, ScanForm(
                    scan_date=(FD if base else C1D1) + day * D, modality="CT", baseline=base,
                    lesions=[LesionEntry("T1", "target", "liver", mm=Decimal(size))]), TODAY)
    db.close()
    return url


def test_endpoints_by_dose_level_as_json(site, capsys):
    assert main.main([*login(site), "endpoints", "--by", "dose-level", "--json",
                      "--today", TODAY.isoformat()]) == 0
    out = json.loads(capsys.readouterr().out)
    groups = {g["group"]: g for g in out["groups"]}
    dl1 = groups["DL1 · 50 mg"]
    assert (dl1["n"], dl1["orr"]["count"], dl1["orr"]["total"]) == (1, 1, 1)
    assert round(dl1["orr"]["ci95"][0], 1) == 2.5 and dl1["orr"]["ci95"][1] == 100
    assert groups["DL2 · 100 mg"]["orr"]["count"] == 0
    assert "Part 2 cohort B: uterine serous carcinoma" not in groups  # Part 2: no dose level
    tally = {t["dose_level"]: t for t in out["dlt_by_dose_level"]}
    assert tally["DL1 · 50 mg"] == {
        "dose_level": "DL1 · 50 mg", "dosed": 1, "with_dlt": 0}


def test_endpoints_say_the_pfs_convention_and_give_the_all_events_figure_when_asked(site,
                                                                                   capsys):
    assert main.main([*login(site), "endpoints", "--json", "--today", TODAY.isoformat()]) == 0
    out = json.loads(capsys.readouterr().out)
    site_group = out["groups"][0]
    assert out["censoring"] == "fda-2018" and "pfs_all_events" not in site_group
    convention = site_group["pfs_convention"]
    assert (convention["censoring"], convention["missed_scans"]) == ("fda-2018", 2)
    assert convention["censored_for_missed_scans"] == 0
    assert convention["text"] == ("PFS by FDA 2018: 0 deaths/progressions censored after 2 "
                                  "or more missed scans")
    assert main.main([*login(site), "endpoints", "--json", "--censoring", "all-events",
                      "--today", TODAY.isoformat()]) == 0
    every = json.loads(capsys.readouterr().out)["groups"][0]
    assert every["pfs_all_events"]["n"] == site_group["pfs"]["n"]
    assert main.main([*login(site), "endpoints", "--censoring", "all-events",
                      "--today", TODAY.isoformat()]) == 0
    words = capsys.readouterr().out
    assert "PFS by FDA 2018: 0 deaths/progressions censored" in words
    assert "every progression or death an event (EMA-style)" in words


def test_endpoints_by_part_in_words(site, capsys):
    assert main.main([*login(site), "endpoints", "--by", "part",
                      "--today", TODAY.isoformat()]) == 0
    out = capsys.readouterr().out
    assert "Part 1: dose escalation: 2 patients dosed" in out
    assert "Part 2: expansion at the RP2D: 1 patients dosed" in out
    assert "ORR (confirmed)  1/2 (50.0 %; 95 % CI 1.3-98.7)" in out


def test_check_data_lists_a_baseline_after_the_first_dose_and_changes_nothing(site, capsys):
    from sqlalchemy import create_engine, text

    engine = create_engine(site)
    with engine.begin() as c:  # data entered before the rule existed
        c.execute(text("DROP TRIGGER IF EXISTS audit_no_update"))
        c.execute(text("UPDATE tumour_assessment SET scan_date = '2026-01-08' "
                       "WHERE baseline = 1"))
    engine.dispose()
    assert main.main([*login(site), "check-data", "--today", TODAY.isoformat()]) == 1
    out = capsys.readouterr().out
    assert "101-001    baseline scan of 08-JAN-2026: A baseline scan must be on or before " \
           "the first dose (05-JAN-2026)" in out
    assert main.main([*login(site), "check-data", "--json",
                      "--today", TODAY.isoformat()]) == 1
    assert len(json.loads(capsys.readouterr().out)["findings"]) == 1


def test_check_data_on_clean_data(site, capsys):
    assert main.main([*login(site), "check-data", "--today", TODAY.isoformat()]) == 0
    assert "nothing to correct" in capsys.readouterr().out


def test_time_zone_shown_set_and_refused(site, capsys):
    assert main.main([*login(site, "admin"), "time-zone"]) == 0
    assert capsys.readouterr().out == "site time zone: Europe/Paris\n"  # the workstation's
    assert main.main([*login(site, "admin"), "time-zone", "Asia/Tokyo", "--reason", "moved"]) == 0
    assert "Asia/Tokyo" in capsys.readouterr().out
    assert main.main([*login(site, "admin"), "time-zone", "Nowhere/Land"]) == 2
    assert "'Nowhere/Land' is not a time zone" in capsys.readouterr().err


def test_pk_times_across_the_spring_change(capsys):
    assert main.main(["pk-times", "--visit", "LI24", "--dose-time", "2026-03-28 10:00",
                      "--time-zone", "Europe/Paris"]) == 0
    assert "due 29-MAR-2026 11:00" in capsys.readouterr().out
    assert main.main(["pk-times", "--visit", "LI", "--dose-time", "2026-03-29 02:30",
                      "--time-zone", "Europe/Paris"]) == 2
    assert "does not exist" in capsys.readouterr().err
