"""SDTM-named listings: each domain a sheet (or a CSV), SDTMIG 3.4 names, ISO 8601 dates."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook

from app.services.errors import InvalidEntry
from app.services.sdtm import DOMAINS, export_sdtm, sdtm_listings

TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


@pytest.fixture
def site(sqlite_demo_site):
    sqlite_db = sqlite_demo_site(TODAY, patients=16, second_study=4)
    return sqlite_db


def test_every_domain_with_its_sdtm_names(site):
    tables = sdtm_listings(site, TODAY, NOW)
    assert tuple(tables) == DOMAINS
    ae_columns, ae_rows = tables["AE"]
    assert {"AETERM", "AEDECOD", "AEBODSYS", "AETOXGR", "AESER", "AEREL", "AEACN", "AEOUT",
            "AESTDTC", "AEENDTC"} <= set(ae_columns)
    pc_columns, pc_rows = tables["PC"]
    assert {"PCTPT", "PCTPTNUM", "PCDTC", "PCSTAT", "PCREASND"} <= set(pc_columns)
    for name, (columns, rows) in tables.items():
        assert columns[:3] == ["STUDYID", "DOMAIN", "USUBJID"], name
        assert all(len(r) == len(columns) and r[1] == name for r in rows), name
    dm_columns, dm_rows = tables["DM"]
    assert len(dm_rows) == 20 and {r[0] for r in dm_rows} == {"IMP7068-101", "ABC-2201"}
    start = dm_columns.index("RFICDTC")
    assert all(len(r[start]) == 10 and r[start][4] == "-" for r in dm_rows)   # ISO 8601
    assert ae_rows and ae_rows[0][3] == "1"                                  # AESEQ
    assert all(r[pc_columns.index("PCSTAT")] in ("", "NOT DONE") for r in pc_rows)


def test_a_workbook_or_a_folder_each_with_its_header(site, tmp_path):
    written = export_sdtm(site, tmp_path / "sdtm.xlsx", TODAY, NOW, "t.monitor")
    book = load_workbook(tmp_path / "sdtm.xlsx")
    assert book.sheetnames == list(DOMAINS) and written["DM"] == 20
    assert book["AE"]["B1"].value.startswith("SDTM-named listings for review")
    export_sdtm(site, tmp_path / "sdtm", TODAY, NOW, "t.monitor")
    files = sorted(p.name for p in (tmp_path / "sdtm").iterdir())
    assert files == sorted(f"{d.lower()}.csv" for d in DOMAINS)
    rows = list(csv.reader((tmp_path / "sdtm" / "dm.csv").open(encoding="utf-8-sig")))
    assert rows[7][:3] == ["STUDYID", "DOMAIN", "USUBJID"]
    with pytest.raises(InvalidEntry):
        export_sdtm(site, tmp_path / "sdtm.pdf", TODAY, NOW, "t.monitor")
