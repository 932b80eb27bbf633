"""`protocol check`: a valid file prints its visit table; a broken one names every problem
by its key, exit 2, and nothing is loaded."""

from __future__ import annotations

from pathlib import Path

import main

SHIPPED = Path(__file__).resolve().parents[2] / "resources" / "protocols" / "imp7068.toml"
ALT = Path(__file__).resolve().parents[1] / "app" / "protocols" / "alt28.toml"


def test_the_shipped_protocol_checks_and_prints_its_visits(capsys):
    assert main.main(["protocol", "check", str(SHIPPED)]) == 0
    out = capsys.readouterr().out
    assert "SCR        screening          first_dose       -28    0/+27  Screening" in out
    assert "Cycles of 21 days from C1D1" in out
    assert "Series TA{k} (tumour_assessment) from C1D1: every 42 days x8, then every 84 " \
           "days until projection, window -7/+7" in out
    assert "  WEIGHT  Weight (kg) 35 to 200 at visits with vital signs" in out
    assert "  QTCF    QTcF (Fridericia) (ms) 330 to 480 at SCR, LI, C1D1, C2D1  [computed]" in out
    assert "Prohibited (strong CYP3A inhibitor): ketoconazole, itraconazole" in out
    assert out.rstrip().endswith("imp7068.toml: valid")


def test_another_design_checks_too(capsys):
    assert main.main(["protocol", "check", str(ALT)]) == 0
    assert "Series SCAN{k} (imaging) from D1: every 56 days" in capsys.readouterr().out


def test_a_broken_file_names_each_problem(tmp_path, capsys):
    broken = tmp_path / "broken.toml"
    text = SHIPPED.read_text(encoding="utf-8")
    text = text.replace('first_dose_visit = "LI"', 'first_dose_visit = "NOPE"')
    text = text.replace("sd_min_days = 42", 'sd_min_days = "six weeks"')
    broken.write_text(text, encoding="utf-8")
    assert main.main(["protocol", "check", str(broken)]) == 2
    err = capsys.readouterr().err
    assert "NOPE" in err and "sd_min_days" in err and "Traceback" not in err
    assert main.main(["protocol", "check", str(tmp_path / "none.toml")]) == 2
