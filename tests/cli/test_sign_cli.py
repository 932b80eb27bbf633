"""`sign list --json` and `sign KIND:ID --meaning M`: the item's content printed, the
password read again, the signature made; `audit verify` names a signature broken by SQL
(both backends)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import create_engine, text

import main
from tests.conftest import login

TODAY = date(2026, 11, 25)


@pytest.fixture
def url(demo_site, migrated_url):
    """A copy of a 4 + 2 patient demo (filled once a worker), on each backend."""
    demo_site(TODAY, patients=4, second_study=2).close()
    return migrated_url


def _listed(capsys, who, *options):
    assert main.main([*who, "sign", "list", "--json", "--today", "2026-11-25", *options]) == 0
    return json.loads(capsys.readouterr().out)


def test_list_sign_and_verify(url, capsys):
    investigator, monitor = login(url, "investigator"), login(url, "monitor")
    every = _listed(capsys, investigator)
    assert sum(every["counts"].values()) == len(every["items"]) > 0
    aes = _listed(capsys, investigator, "--kind", "ae")
    assert aes["items"] and {i["kind"] for i in aes["items"]} == {"ae"}
    assert aes["counts"] == every["counts"]
    study = _listed(capsys, investigator, "--study", "ABC-2201")
    assert study["items"] and {i["study"] for i in study["items"]} == {"ABC-2201"}

    item = aes["items"][0]
    assert main.main([*investigator, "sign", item["id"], "--meaning", "reviewed",
                      "--today", "2026-11-25"]) == 0
    out = capsys.readouterr().out
    assert "Related to the study drug:" in out and "AE grade: Grade" in out
    assert f"signed: {item['id']}, reviewed by Test Investigator" in out
    assert item["id"] not in {i["id"] for i in _listed(capsys, investigator)["items"]}

    assert main.main([*monitor, "audit", "verify"]) == 0
    capsys.readouterr()
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("UPDATE adverse_event SET relationship = 'unrelated' "
                              "WHERE id = :id"), {"id": int(item["id"].split(":")[1])})
    finally:
        engine.dispose()
    assert main.main([*monitor, "audit", "verify"]) == 1
    assert "signature broken: AE assessment" in capsys.readouterr().err
    back = next(i for i in _listed(capsys, investigator)["items"] if i["id"] == item["id"])
    assert back["state"].endswith("broken: changed outside the app")


def test_bad_input_is_one_line(url, capsys):
    investigator, nurse = login(url, "investigator"), login(url, "nurse")
    for args, said in ((["sign", "ae:999999"], "Nothing waits for a signature as ae:999999"),
                       (["sign", "list", "--kind", "lab"], "--kind: one of ae, dlt"),
                       (["sign", "ae:1", "--kind", "ae"], "--kind and --study choose"),
                       (["sign", "list", "--study", "NOPE"], "--study:")):
        assert main.main([*investigator, *args]) == 2
        err = capsys.readouterr().err
        assert said in err and err.count("\n") == 1 and "unexpected" not in err
    item = _listed(capsys, investigator, "--kind", "visit")["items"][0]["id"]
    assert main.main([*investigator, "sign", item, "--meaning", "seen"]) == 2
    assert "Meaning: reviewed, approved, assessed" in capsys.readouterr().err
    assert main.main([*nurse, "sign", item]) == 2
    assert "cannot" in capsys.readouterr().err
