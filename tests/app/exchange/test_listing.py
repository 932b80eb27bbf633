"""A listing's file: its header block, names in any script, and no cell a spreadsheet runs."""

from __future__ import annotations

import csv
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from app.errors import InvalidEntry
from app.exchange.listing import RISKY_STARTS, ExportHeader, neutral, write_listing

HEADER = ExportHeader(listing="Adverse events", study="IMP7068-101", site="Site 101",
                      user="Ana Ruiz (study nurse)", at=datetime(2026, 11, 25, 9, 30, tzinfo=UTC),
                      version="1.2.3")
PAYLOADS = ['=HYPERLINK("http://x","click")', "+1+2", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]
COLUMNS = ["Subject", "Event (verbatim)"]
ROWS = [["101-001", p] for p in PAYLOADS] + [["101-002", "头痛"]]


def test_csv_has_the_header_block_a_bom_and_no_live_formula(tmp_path):
    path = tmp_path / "aes.csv"
    assert write_listing(path, HEADER, COLUMNS, ROWS) == len(ROWS)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")                          # UTF-8 with BOM
    lines = list(csv.reader(path.open(encoding="utf-8-sig", newline="")))
    assert lines[:6] == [["Listing", "Adverse events"], ["Study", "IMP7068-101"],
                         ["Site", "Site 101"], ["Exported (UTC)", "2026-11-25T09:30:00Z"],
                         ["Exported by", "Ana Ruiz (study nurse)"],
                         ["Site Tracker version", "1.2.3"]]
    assert lines[7] == COLUMNS
    verbatims = [row[1] for row in lines[8:]]
    assert verbatims[:-1] == ["'" + p for p in PAYLOADS]             # each one neutralised
    assert verbatims[-1] == "头痛"


def test_xlsx_writes_every_cell_as_text(tmp_path):
    path = tmp_path / "aes.xlsx"
    write_listing(path, HEADER, COLUMNS, ROWS)
    sheet = load_workbook(path).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type == "s" for c in cells)                    # no formula anywhere
    assert sheet["B9"].value == PAYLOADS[0]                          # kept as typed, as text
    assert sheet["A8"].value == "Subject" and sheet["B1"].value == "Adverse events"


def test_an_unwritable_place_leaves_no_partial_file(tmp_path):
    folder = tmp_path / "missing"
    with pytest.raises(OSError):
        write_listing(folder / "aes.xlsx", HEADER, COLUMNS, ROWS)
    assert not folder.exists()
    with pytest.raises(InvalidEntry):
        write_listing(tmp_path / "aes.pdf", HEADER, COLUMNS, ROWS)
    assert list(tmp_path.iterdir()) == []


@given(st.text())
def test_a_neutral_cell_never_starts_a_formula(text):
    out = neutral(text)
    assert not out.startswith(RISKY_STARTS)
    assert out in (text, "'" + text)
