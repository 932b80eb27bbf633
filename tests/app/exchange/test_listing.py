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
    risky = [c for c in cells if str(c.value).startswith(RISKY_STARTS)]
    assert len(risky) == len(PAYLOADS) and all(c.quotePrefix for c in risky)  # Excel's guard
    assert sheet["B15"].value == "头痛" and not sheet["B15"].quotePrefix  # plain text


NUMBERS = [["101-001", -24, 1.5, None, "-24 min late"], ["101-002", 0, 12, "", "=1+1"]]


def test_numbers_stay_numbers_and_only_text_is_guarded(tmp_path):
    columns = ["Subject", "Deviation (min)", "Dose", "Empty", "Note"]
    xlsx = tmp_path / "pk.xlsx"
    write_listing(xlsx, HEADER, columns, NUMBERS)
    sheet = load_workbook(xlsx).active
    assert sheet["B9"].value == -24 and sheet["B9"].data_type == "n"
    assert sheet["C9"].value == 1.5 and sheet["B10"].value == 0
    assert sheet["E9"].value == "-24 min late" and sheet["E9"].quotePrefix
    assert sheet["E10"].value == "=1+1" and sheet["E10"].data_type == "s"
    path = tmp_path / "pk.csv"
    write_listing(path, HEADER, columns, NUMBERS)
    lines = list(csv.reader(path.open(encoding="utf-8-sig", newline="")))
    assert lines[8] == ["101-001", "-24", "1.5", "", "'-24 min late"]
    assert lines[9] == ["101-002", "0", "12", "", "'=1+1"]


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


def test_every_export_of_the_app_neutralises_a_formula_typed_as_free_text(db, tmp_path):
    """An AE verbatim and a missed visit's reason starting with '=' reach the TEAE summary,
    the deviations log and the PK listing as text, never as a live formula."""
    import csv as csv_module
    from datetime import date, datetime, timedelta

    from app.rules.protocol import default_protocol
    from app.services.adverse_events import save_ae, site_aes
    from app.services.deviation_log import deviation_log, log_table
    from app.services.exports import export_listing
    from app.services.patients import EnrolmentForm, enrol
    from app.services.pk_samples import SampleEntry, export_pk_listing, pk_listing, save_pk
    from app.services.teae_summary import export_teae_summary
    from app.services.visits import VisitEntry, record_visit
    from tests.app.services.test_adverse_events import _form
    from tests.conftest import SITE_ZONE

    protocol, today = default_protocol(), date(2026, 3, 2)
    pid = enrol(db, protocol, EnrolmentForm(
        subject_id="101-001", initials="ABC", year_of_birth=1960, sex="F", part=1,
        dose_level="DL1", consent_date=date(2025, 12, 1), planned_first_dose=date(2026, 1, 5)),
        today)
    record_visit(db, protocol, pid, "LI", VisitEntry(outcome="done", actual_date=date(2026, 1, 5)),
                 today)
    dose = datetime(2026, 1, 5, 8, 0, tzinfo=SITE_ZONE)
    save_pk(db, protocol, pid, "LI", dose, [SampleEntry("1h", None, PAYLOADS[0])], today)
    record_visit(db, protocol, pid, "C1D1", VisitEntry(outcome="done",
                                                        actual_date=date(2026, 1, 12)), today)
    record_visit(db, protocol, pid, "C1D8", VisitEntry(outcome="missed",
                                                        missed_reason=PAYLOADS[1]), today)
    save_ae(db, protocol, pid, _form(meddra_code=None, verbatim=PAYLOADS[0]), today)
    now = datetime(2026, 3, 1, 12, 0)
    columns, cells = log_table(deviation_log(db, None, now + timedelta(0)))
    writes = {
        "teae": lambda p: export_teae_summary(db, site_aes(db, None, now), p, "S", "u"),
        "deviations": lambda p: export_listing(db, p, "Deviations", "S", "u", columns, cells),
        "pk": lambda p: export_pk_listing(db, pk_listing(db, None), p, "S", "u"),
    }
    for name, write in writes.items():
        write(tmp_path / f"{name}.csv")
        write(tmp_path / f"{name}.xlsx")
        rows = list(csv_module.reader((tmp_path / f"{name}.csv").open(encoding="utf-8-sig")))
        texts = [c for row in rows for c in row]
        assert not any(c.startswith(RISKY_STARTS) for c in texts), name
        assert any(c.startswith("'=") or c.startswith("'+") for c in texts), name
        sheet = load_workbook(tmp_path / f"{name}.xlsx").active
        assert all(c.data_type == "s" for row in sheet.iter_rows() for c in row
                   if c.value is not None), name
