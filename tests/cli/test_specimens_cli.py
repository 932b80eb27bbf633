"""`specimens list` and `shipments create/list/receive`: a lead-in day's aliquots packed,
the manifest's barcodes read back, the lab's receipt reconciled, the states followed."""

from __future__ import annotations

import json
from pathlib import Path

import main
from tests.conftest import login
from tests.reports.code128_reader import read_barcodes


def _a_stored_day(url: str) -> list[str]:
    from app.rules.protocol import default_protocol
    from app.services.database import open_site_database
    from app.services.patients import enrol
    from tests.app.services.conftest import TODAY, form
    from tests.app.services.specimen_day import draw_the_day, process_the_day, store_the_day

    db = open_site_database(url)
    db.actor = "tester"
    try:
        protocol = default_protocol()
        pid = enrol(db, protocol, form(), TODAY)
        draw_the_day(db, protocol, pid)
        process_the_day(db, protocol)
        return store_the_day(db, protocol)
    finally:
        db.close()


def _json(capsys, *args):
    assert main.main(list(args)) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


def test_a_lead_in_day_from_the_freezer_to_the_lab(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'site.sqlite'}"
    stored = _a_stored_day(url)
    nurse = login(url)
    listed = _json(capsys, *nurse, "specimens", "list", "--json")["specimens"]
    assert {r["state"] for r in listed} == {"stored"} and len(listed) == 14
    late = {r["tube"]: r["deviations"] for r in listed if r["deviations"]}
    assert sorted(len(d) for d in late.values()) == [1, 1]

    pdf, csv = tmp_path / "manifest.pdf", tmp_path / "manifest.csv"
    assert main.main([*nurse, "shipments", "create", "--study", "IMP7068-101",
                      "--patient", "101-001", "--courier", "World Courier",
                      "--tracking", "WC-123", "-o", str(pdf), "--csv", str(csv)]) == 0
    assert "shipment 1 packed with 14 aliquots" in capsys.readouterr().out
    assert read_barcodes(pdf) == set(stored)  # every aliquot, decoded from the pixels
    lines = csv.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("Sample ID,Protocol,Subject,Visit,Timepoint")
    assert len(lines) == 15
    listed = _json(capsys, *nurse, "specimens", "list", "--state", "shipped", "--json")
    assert len(listed["specimens"]) == 14
    shipments = _json(capsys, *nurse, "shipments", "list", "--json")["shipments"]
    assert (shipments[0]["id"], shipments[0]["state"], shipments[0]["tracking"]) == (
        1, "packed", "WC-123")

    receipt = tmp_path / "receipt.csv"
    rows = ["Sample ID,Condition"] + [f"{a},frozen" for a in stored[1:]]
    rows[1] = f"{stored[1]},THAWED"
    receipt.write_text("\n".join(rows) + "\n")
    result = _json(capsys, *nurse, "shipments", "receive", "1", str(receipt), "--json")
    assert (result["missing"], result["thawed"], result["discrepancies"]) == (
        [stored[0]], [stored[1]], 2)
    states = {r["aliquot"]: r["state"] for r in _json(
        capsys, *nurse, "specimens", "list", "--json")["specimens"]}
    assert states[stored[0]] == "shipped" and states[stored[2]] == "received"


def test_bad_input_is_one_line_and_saves_nothing(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'site.sqlite'}"
    stored = _a_stored_day(url)
    nurse = login(url)
    receipt = tmp_path / "receipt.csv"
    receipt.write_text(f"ID,State\n{stored[0]},ok\n")
    assert main.main([*nurse, "shipments", "receive", "7", str(receipt)]) == 2
    assert "No shipment 7" in capsys.readouterr().err
    pdf = tmp_path / "m.pdf"
    assert main.main([*nurse, "shipments", "create", "--study", "IMP7068-101", "--cycle", "2",
                      "--courier", "X", "--tracking", "1", "-o", str(pdf)]) == 2
    assert "pick at least one" in capsys.readouterr().err and not Path(pdf).exists()
    assert main.main([*nurse, "shipments", "create", "--study", "IMP7068-101",
                      "--courier", "X", "--tracking", "1", "-o", str(pdf)]) == 0
    capsys.readouterr()
    assert main.main([*nurse, "shipments", "receive", "1", str(receipt)]) == 2
    err = capsys.readouterr().err
    assert "no column 'Sample ID' (its columns: ID, State)" in err and "Traceback" not in err
    assert _json(capsys, *nurse, "shipments", "list", "--json")["shipments"][0]["state"] == (
        "packed")
