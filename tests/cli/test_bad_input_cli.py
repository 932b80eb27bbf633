"""Bad input on the command line, as an attacker or an unlucky site types it: every one is a
single line naming the field, with its exit code, never "unexpected error" (issue 30,
item 9). Dates at the ends of the calendar, impossible delays and deaths, RECIST files
that are not what they claim, CTCAE files whose values do not fit (on both backends)."""

from __future__ import annotations

import json

import pytest

import main
from tests.conftest import login

OK = {"c1d1": "2026-01-05", "assessments": [
    {"date": "2026-01-01", "baseline": True, "targets": [{"id": "T1", "organ": "liver",
                                                          "mm": 50}]},
    {"date": "2026-03-01", "targets": [{"id": "T1", "mm": 30}],
     "non_targets": [{"id": "NT1", "status": "present"}]}]}
OK_TEXT = json.dumps(OK)


def _refused(capsys, argv: list[str], exit_code: int, *names: str) -> str:
    code = main.main(argv)
    out, err = capsys.readouterr()
    assert (code, out) == (exit_code, ""), err
    assert err.startswith("sitetrack") and err.count("\n") == 1, err
    assert "unexpected" not in err and "Traceback" not in err, err
    for name in names:
        assert name in err, err
    return err


SCHEDULE = ["schedule", "--first-dose", "2026-01-05", "--today", "2026-06-01"]


@pytest.mark.parametrize(("argv", "names"), [
    (["schedule", "--first-dose", "2026-01-05", "--today", "9999-12-31"],
     ("--today", "'9999-12-31' is outside the dates a record can hold")),
    (["schedule", "--first-dose", "0001-01-01", "--today", "2026-01-01"],
     ("--first-dose", "01-JAN-1900 to 31-DEC-2199")),
    (["schedule", "--first-dose", "2026-01-05", "--today", "31-DEC-9999"], ("--today",)),
    ([*SCHEDULE, "--visit", "C1D1=9999-12-31"], ("date of C1D1", "9999-12-31")),
    ([*SCHEDULE, "--death", "0001-01-01"], ("--death",)),
    ([*SCHEDULE, "--delay", "C3D1=99999:toxicity"],
     ("--delay", "C3D1 is delayed by 99999 days: a delay is 1 to 120 days")),
    ([*SCHEDULE, "--delay", "C3D1=-99999999999999999999:toxicity"], ("--delay", "C3D1")),
    ([*SCHEDULE, "--death", "2026-01-01"],
     ("--death", "Death 01-JAN-2026 is before the first dose (05-JAN-2026)")),
    (["pk-times", "--visit", "C1D1", "--dose-time", "9999-12-31 23:59", "--time-zone", "UTC"],
     ("--dose-time", "'9999-12-31 23:59' is outside the dates")),
    (["pk-times", "--visit", "C1D1", "--dose-time", "0001-01-01 00:00", "--time-zone", "UTC"],
     ("--dose-time",)),
    (["--db", "sqlite:///{tmp}/s.sqlite", "--user", "nina", "upcoming", "--days",
      "1000000000"], ("--days", "Look ahead 0 to 3650 days, not 1000000000")),
    (["--db", "sqlite:///{tmp}/s.sqlite", "--user", "nina", "upcoming", "--days", "-1"],
     ("--days",)),
    (["--db", "sqlite:///{tmp}/s.sqlite", "--user", "nina", "upcoming", "--today",
      "9999-12-31"], ("--today",)),
    (["--db", "sqlite:///{tmp}/s.sqlite", "--user", "nina", "ical", "-o", "{tmp}/v.ics",
      "--days", "1000000000"], ("--days",)),
    (["--db", "sqlite:///{tmp}/s.sqlite", "demo", "--today", "9999-12-31"], ("--today",)),
    (["--db", "sqlite:///{tmp}/s.sqlite", "demo", "--today", "0001-01-01"], ("--today",)),
], ids=lambda v: " ".join(v) if isinstance(v, list) else None)
def test_dates_at_the_ends_of_the_calendar_and_impossible_facts(tmp_path, capsys, argv,
                                                                 names):
    _refused(capsys, [a.replace("{tmp}", str(tmp_path)) for a in argv], 2, *names)


def test_the_last_date_a_record_holds_still_computes(capsys):
    assert main.main(["schedule", "--first-dose", "2199-12-01", "--today", "2199-12-31",
                      "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["visits"]
    assert main.main(["pk-times", "--visit", "C1D1", "--dose-time", "2199-12-31 23:59",
                      "--time-zone", "UTC"]) == 0
    assert "01-JAN-2200" in capsys.readouterr().out


def _with(change) -> str:  # type: ignore[no-untyped-def]
    data = json.loads(OK_TEXT)
    change(data)
    return json.dumps(data)


RECIST_FILES = {
    "binary": (b"\x00\x01\xff\xfe\x80 not text", 2, ("not UTF-8",)),
    "utf-16": (OK_TEXT.encode("utf-16"), 2, ("not UTF-8",)),
    "nested 100,000 deep": (('{"c1d1": "2026-01-05", "assessments": ' + "[" * 100_000
                             + "]" * 100_000 + "}").encode(), 2, ("nested too deeply",)),
    "an integer of 5,000 digits": (OK_TEXT.replace('"mm": 30', '"mm": ' + "9" * 5000)
                                   .encode(), 2, ("not JSON",)),
    "NaN": (OK_TEXT.replace('"mm": 30', '"mm": NaN').encode(), 1,
            ("target lesion T1 on 2026-03-01", "'NaN' is not a measurement in mm")),
    "Infinity": (OK_TEXT.replace('"mm": 30', '"mm": Infinity').encode(), 1,
                 ("target lesion T1", "'Infinity' is not a measurement")),
    "-Infinity": (OK_TEXT.replace('"mm": 30', '"mm": -Infinity').encode(), 1,
                  ("target lesion T1",)),
    "1e308": (OK_TEXT.replace('"mm": 30', '"mm": 1e308').encode(), 1,
              ("target lesion T1", "is not a lesion's size (at most 1000 mm)")),
    "mm true": (OK_TEXT.replace('"mm": 30', '"mm": true').encode(), 1, ("target lesion T1",)),
    "targets a number": (_with(lambda d: d["assessments"][1].update(targets=5)).encode(), 1,
                         ("assessment of 2026-03-01", "'targets' must be a list of lesions")),
    "targets a string": (_with(lambda d: d["assessments"][1].update(targets="T1")).encode(),
                         1, ("'targets' must be a list",)),
    "a target a string": (_with(lambda d: d["assessments"][1].update(targets=["T1"]))
                          .encode(), 1, ("'targets' item 1 must be a lesion",)),
    "a non-target a string": (_with(lambda d: d["assessments"][1].update(
        non_targets=["NT1"])).encode(), 1, ("'non_targets' item 1 must be a lesion",)),
    "non-targets an object": (_with(lambda d: d["assessments"][1].update(
        non_targets={"id": "NT1"})).encode(), 1, ("'non_targets' must be a list",)),
    "confirm_min_days true": (_with(lambda d: d.update(confirm_min_days=True)).encode(), 1,
                              ("confirm_min_days must be a whole number", "not true")),
    "sd_min_days huge": (_with(lambda d: d.update(sd_min_days=10 ** 12)).encode(), 1,
                         ("sd_min_days",)),
    "C1D1 in year 1": (_with(lambda d: d.update(c1d1="0001-01-05")).encode(), 1,
                       ("c1d1", "outside the dates a record can hold")),
    "a scan in 9999": (_with(lambda d: d["assessments"][1].update(date="9999-12-31"))
                       .encode(), 1, ("assessment 2", "9999-12-31")),
}


@pytest.mark.parametrize("case", list(RECIST_FILES))
def test_recist_evaluate_refuses_a_bad_file_in_one_sentence(tmp_path, capsys, case):
    content, exit_code, names = RECIST_FILES[case]
    path = tmp_path / "scans.json"
    path.write_bytes(content)
    err = _refused(capsys, ["recist", "evaluate", str(path)], exit_code, *names)
    assert str(path) in err


HEADER = ["MedDRA Code", "MedDRA SOC", "CTCAE Term", "Grade 1", "Grade 2", "Grade 3",
          "Grade 4", "Grade 5", "Definition", "Navigational Note"]


def _ctcae_csv(path, code="10028813", soc="Gastrointestinal disorders", term="Nausea",
               definition="A disorder characterized by a queasy sensation."):
    import csv

    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        writer.writerow(["10047700", "Gastrointestinal disorders", "Vomiting", "1-2 episodes",
                         "3-5 episodes", ">=6 episodes", "Life-threatening", "Death", "-", "-"])
        writer.writerow([code, soc, term, "Loss of appetite", "Oral intake decreased",
                         "Inadequate oral intake", "-", "-", definition, "-"])
    return str(path)


@pytest.mark.parametrize(("values", "names"), [
    ({"term": "N" * 201}, ("row 3", "'CTCAE Term' is 201 characters long; at most 200")),
    ({"code": "1" * 17}, ("row 3", "'MedDRA Code' is 17 characters long; at most 16")),
    ({"soc": "S" * 121}, ("row 3", "'MedDRA SOC' is 121 characters long; at most 120")),
    ({"definition": "x" * 200_000}, ("line 3", "a field is longer than 128 KB")),
    ({"term": "Nau\x00sea"}, ("row 3", "'CTCAE Term' holds a NUL character")),
], ids=["term over 200", "code over 16", "SOC over 120", "field over 128 KB", "NUL"])
def test_a_ctcae_file_whose_values_do_not_fit_is_refused_on_both_backends(
        db_url, tmp_path, capsys, values, names):
    path = _ctcae_csv(tmp_path / "ctcae.csv", **values)
    _refused(capsys, [*login(db_url), "ctcae", "import", path], 2, "ctcae.csv", *names,
             "left as it was")
    assert main.main([*login(db_url), "ctcae", "import",
                      _ctcae_csv(tmp_path / "fine.csv")]) == 0
    assert "2 terms (2 added" in capsys.readouterr().out
