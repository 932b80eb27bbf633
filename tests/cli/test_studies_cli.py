"""`study list|add|amend|reconsent`: studies from their files, amendments with a report of
what changes, re-consents; every refusal one line and exit 2, nothing changed."""

from __future__ import annotations

from pathlib import Path

import main
from app.rules.protocol import shipped_protocol_path
from tests.conftest import amendment_file, login

ABC = str(shipped_protocol_path("abc2201.toml"))


def _enrol(url: str) -> None:
    from datetime import date

    from app.rules.protocol import default_protocol
    from app.services.database import open_site_database
    from app.services.patients import EnrolmentForm, enrol

    db = open_site_database(url)
    db.actor = "tester"
    try:
        enrol(db, default_protocol(), EnrolmentForm(
            subject_id="101-001", initials="AB", year_of_birth=1960, sex="F", part=1,
            dose_level="DL1", consent_date=date(2025, 12, 1),
            planned_first_dose=date(2026, 1, 5)), date(2026, 3, 2))
    finally:
        db.close()


def test_an_administrator_adds_and_amends_studies(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'site.sqlite'}"
    admin, nurse = login(url, "admin"), login(url, "nurse")
    assert main.main([*admin, "study", "add", ABC]) == 0
    assert "study: ABC-2201 added (Original protocol 1.0" in capsys.readouterr().out
    assert main.main([*nurse, "study", "add", ABC]) == 2
    assert "coordinator account cannot add studies or amend their protocols: nothing " \
           "was saved" in capsys.readouterr().err
    _enrol(url)

    assert main.main([*admin, "study", "amend", "IMP7068-101", str(amendment_file(tmp_path)),
                      "--effective", "2026-02-01", "--dry-run", "--today", "2026-03-02"]) == 0
    out = capsys.readouterr().out
    assert "IMP7068-101: Amendment 1 would be added (dry run: nothing saved), applying from " \
           "01-FEB-2026" in out
    assert "101-001: " in out and "change when re-consented" in out
    assert "TA1 moves from 23-FEB-2026 to 09-MAR-2026" in out
    assert main.main([*admin, "study", "list"]) == 0
    assert "Amendment 1" not in capsys.readouterr().out

    assert main.main([*admin, "study", "amend", "IMP7068-101", str(amendment_file(tmp_path)),
                      "--effective", "2026-02-01", "--today", "2026-03-02"]) == 0
    assert "Amendment 1 is added" in capsys.readouterr().out
    assert main.main([*admin, "study", "amend", "IMP7068-101", str(amendment_file(tmp_path)),
                      "--effective", "2026-02-01"]) == 2
    assert "is already a version of IMP7068-101" in capsys.readouterr().err

    assert main.main([*nurse, "study", "reconsent", "101-001", "amendment 1", "--date",
                      "2026-02-20", "--today", "2026-03-02"]) == 0
    assert "101-001 re-consented to Amendment 1 on 20-FEB-2026" in capsys.readouterr().out
    assert main.main([*nurse, "study", "list"]) == 0
    out = capsys.readouterr().out
    assert "IMP7068-101          1 patient" in out
    assert "Amendment 1                  from 01-FEB-2026" in out


def test_a_broken_file_names_its_problems_and_adds_nothing(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'site.sqlite'}"
    admin = login(url, "admin")
    broken = tmp_path / "broken.toml"
    broken.write_text(Path(ABC).read_text().replace('first_dose_visit = "C1D1"', ""))
    assert main.main([*admin, "study", "add", str(broken)]) == 2
    err = capsys.readouterr().err
    assert "broken.toml: 1 problem; nothing was added" in err
    assert "study.first_dose_visit: missing" in err
    assert main.main([*admin, "study", "list"]) == 0
    assert "ABC-2201" not in capsys.readouterr().out


def test_accounts_are_assigned_to_studies(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'site.sqlite'}"
    admin, monitor = login(url, "admin"), login(url, "monitor")
    _enrol(url)
    assert main.main([*admin, "study", "add", ABC]) == 0
    assert main.main([*admin, "study", "assign", "t.monitor", "abc-2201", "--role",
                      "monitor"]) == 0
    assert "t.monitor works on ABC-2201 as monitor" in capsys.readouterr().out
    assert main.main([*monitor, "upcoming", "--today", "2026-03-02"]) == 0
    assert "101-001" not in capsys.readouterr().out  # IMP7068-101 is not theirs
    assert main.main([*monitor, "study", "list"]) == 0
    out = capsys.readouterr().out
    assert "ABC-2201" in out and "IMP7068-101" not in out
    assert "accounts: t.monitor (monitor)" in out
    assert main.main([*admin, "study", "unassign", "t.monitor", "ABC-2201", "--reason",
                      "monitoring visit over"]) == 0
    assert main.main([*monitor, "upcoming", "--today", "2026-03-02"]) == 0
    assert "101-001" in capsys.readouterr().out


def test_an_unknown_study_is_one_line_on_every_command(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'site.sqlite'}"
    nurse = login(url, "nurse")
    for command in (["upcoming"], ["deviations"], ["endpoints"], ["check-data"]):
        assert main.main([*nurse, *command, "--study", "XYZ-1"]) == 2
        assert capsys.readouterr().err.strip() == (
            "sitetrack: --study: No study XYZ-1 at this site (studies: IMP7068-101)")
