"""The PK table on paper: due times and windows, "expected", why a tube was not drawn, and
a table that never leaves a tube alone on either side of a page break."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, time

import pytest
from pypdf import PdfReader

from app.rules.protocol import default_protocol
from app.services.patients import EnrolmentForm, enrol
from app.services.pk_samples import SampleEntry, save_pk
from app.services.visits import VisitEntry, record_visit
from app.services.worksheet_pk import PkLine
from app.services.worksheets import worksheet_data
from reports.worksheet import write_worksheets
from tests.conftest import IN_CI

TODAY = date(2026, 1, 20)


@pytest.fixture
def patient(sqlite_db):
    protocol = default_protocol()
    pid = enrol(sqlite_db, protocol, EnrolmentForm(
        subject_id="101-001", initials="ABC", year_of_birth=1960, sex="F", part=1,
        dose_level="DL1", consent_date=date(2025, 12, 1),
        planned_first_dose=date(2026, 1, 5)), TODAY)
    record_visit(sqlite_db, protocol, pid, "LI",
                 VisitEntry(outcome="done", actual_date=date(2026, 1, 5)), TODAY)
    save_pk(sqlite_db, protocol, pid, "LI", datetime(2026, 1, 5, 8, 30),
            [SampleEntry("pre", datetime(2026, 1, 5, 8, 2)),
             SampleEntry("0.5h", None, "vein collapsed")], TODAY)
    record_visit(sqlite_db, protocol, pid, "C1D1",
                 VisitEntry(booked_date=date(2026, 1, 12), booked_time=time(9, 15)), TODAY)
    return sqlite_db, protocol, pid


def _pages(path) -> list[str]:
    return [p.extract_text() for p in PdfReader(path).pages]


def test_due_windows_and_why_not_collected_on_paper(patient, tmp_path):
    db, protocol, pid = patient
    out = tmp_path / "pk.pdf"
    write_worksheets([worksheet_data(db, protocol, pid, code, TODAY)
                      for code in ("LI", "LI48", "C1D2")], out)
    whole = "\n".join(_pages(out))
    flat = whole.replace("\n", " ")
    assert "Not collected: why" in flat and "Due" in whole and "Window" in whole
    assert "Times count from the dose, given at 08:30 on 05-JAN-2026." in flat
    assert "07:30–08:30" in whole and "08:02" in whole         # pre-dose: window, drawn at
    assert "08:55–09:05" in whole and "vein collapsed" in whole  # 0.5 h: why not drawn
    assert "Times count from the LI dose, given at 08:30 on 05-JAN-2026." in flat
    assert "06:30–10:30" in whole                                # LI48: 48 h ±120 min
    # C1D2 before the C1D1 dose: the 24 h tube expected from the booked dose time
    c1d2 = next(p for p in _pages(out) if "C1D2 Cycle 1 Day 2" in p)
    assert "expected" in c1d2 and "08:15–10:15" in c1d2
    assert "the C1D1 dose is not recorded yet" in c1d2.replace("\n", " ")


def _sheet_with(w, procedures: int, tubes: int):
    """A worksheet with `procedures` procedure rows (moving the PK table down the page)
    and `tubes` PK rows."""
    lines = tuple(PkLine(f"{i} h", None, "±5 min", f"IMP7068-101-101-001-C1D15-T{i:02d}",
                         due=f"{8 + i % 12:02d}:30", expected=True) for i in range(tubes))
    return replace(w, procedures=tuple(f"Procedure number {i}" for i in range(procedures)),
                   pk=lines)


def _tubes_by_page(path) -> list[int]:
    return [len(re.findall(r"C1D15-T\d\d", text)) for text in _pages(path)]


def _pages_of(w, tmp_path, procedures: int, tubes: int) -> list[str]:
    out = tmp_path / f"p{procedures}.pdf"
    write_worksheets([_sheet_with(w, procedures, tubes)], out)
    return _pages(out)


def _tubes_on(text: str) -> int:
    return len(re.findall(r"C1D15-T\d\d", text))


def test_a_pk_table_that_fits_a_page_is_never_split(patient, tmp_path):
    """Moved down the page half a tube at a time, the table of 7 tubes is always whole on
    one page, its heading with it. CI prints all 17 places; a developer's loop every third
    of them (0, 6, ... 30 procedures: from the top of the page to past its foot)."""
    db, protocol, pid = patient
    w = worksheet_data(db, protocol, pid, "C1D15", TODAY)
    for procedures in range(0, 34, 2 if IN_CI else 6):
        texts = _pages_of(w, tmp_path, procedures, 7)
        counts = [_tubes_on(t) for t in texts]
        assert [c for c in counts if c] == [7], (procedures, counts)
        assert "PK samples" in texts[counts.index(7)]


def _no_tube_alone(texts: list[str]) -> None:
    counts = [_tubes_on(t) for t in texts]
    assert sum(counts) == 40 and len([c for c in counts if c]) >= 2, counts
    assert all(c >= 2 for c in counts if c), counts
    for text, count in zip(texts, counts, strict=True):
        if count:   # the column headings repeated on every page of the table
            assert "Sample ID" in text and "Not collected: why" in text.replace("\n", " ")


def test_a_long_pk_table_at_the_page_foot_leaves_no_tube_alone(patient, tmp_path,
                                                               monkeypatch):
    """A table longer than a page splits with at least two tubes on each side of every
    break, its column headings repeated: where a plain table's last break would leave one
    tube alone on the last page, and wherever else it starts (CI: 7 other starts, 5
    procedures apart; a developer's loop: 3 of them, 15 apart)."""
    import reports.worksheet as sheet

    db, protocol, pid = patient
    w = worksheet_data(db, protocol, pid, "C1D15", TODAY)
    with monkeypatch.context() as plain:
        grid = sheet._grid
        plain.setattr(sheet, "_grid", lambda *a, keep=0, **k: grid(*a, **k))
        foot = next(p for p in range(34)
                    if 1 in [_tubes_on(t) for t in _pages_of(w, tmp_path, p, 40)])
    _no_tube_alone(_pages_of(w, tmp_path, foot, 40))
    for procedures in range(0, 34, 5 if IN_CI else 15):
        _no_tube_alone(_pages_of(w, tmp_path, procedures, 40))
