"""Worksheets read back from the PDF: the visit's content, headers on every page, counts."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

import main
from app.rules.protocol import default_protocol
from app.rules.safety import GradeSpell
from app.services.adverse_events import AeForm, save_ae
from app.services.patients import EnrolmentForm, enrol
from app.services.pk_samples import SampleEntry, save_pk
from app.services.visits import VisitEntry, record_visit
from app.services.worksheets import clinic_day, worksheet_data
from reports.worksheet import write_worksheets
from tests.conftest import SITE_ZONE, login

TODAY = date(2026, 1, 20)


@pytest.fixture
def site(sqlite_db):
    protocol = default_protocol()
    ids = []
    for subject in ("101-002", "101-001"):
        pid = enrol(sqlite_db, protocol, EnrolmentForm(
            subject_id=subject, initials="ABC", year_of_birth=1960, sex="F", part=1,
            dose_level="DL1", consent_date=date(2025, 12, 1),
            planned_first_dose=date(2026, 1, 5)), TODAY)
        record_visit(sqlite_db, protocol, pid, "LI",
                     VisitEntry(outcome="done", actual_date=date(2026, 1, 5)), TODAY)
        save_pk(sqlite_db, protocol, pid, "LI", datetime(2026, 1, 5, 8, 30),
                [SampleEntry("pre", datetime(2026, 1, 5, 8, 0))], TODAY)
        record_visit(sqlite_db, protocol, pid, "C1D1",
                     VisitEntry(outcome="done", actual_date=date(2026, 1, 12)), TODAY)
        record_visit(sqlite_db, protocol, pid, "C1D8",
                     VisitEntry(booked_date=date(2026, 1, 19)), TODAY)
        ids.append(pid)
    save_ae(sqlite_db, protocol, ids[1], AeForm(
        verbatim="tiredness", onset_date=date(2026, 1, 14),
        grades=[GradeSpell(2, date(2026, 1, 14))]), TODAY)
    return sqlite_db, protocol, ids


def _text(path) -> list[str]:
    return [p.extract_text() for p in PdfReader(path).pages]


def test_one_visit_worksheet(site, tmp_path):
    db, protocol, (_p2, p1) = site
    w = worksheet_data(db, protocol, p1, "C1D15", TODAY)
    out = tmp_path / "c1d15.pdf"
    pages = write_worksheets([w], out)
    text = _text(out)
    assert len(text) == pages >= 1
    whole = "\n".join(text)
    assert "101-001" in whole and "C1D15" in whole and "Cycle 1 Day 15" in whole
    for line in w.pk:                                   # every PK timepoint and sample ID
        assert line.label in whole and line.sample_id in whole
    assert "tiredness (not coded)" in whole             # the open AE, for review
    for procedure in protocol.procedures_of("C1D15"):
        assert procedure.split(";")[0][:25] in whole.replace("\n", " ")
    for i, page in enumerate(text, start=1):            # the header on every page
        assert f"Page {i} of {pages}" in page
        assert "IMP7068-101" in page and "Subject 101-001" in page
    assert "Investigator (name)" in whole and "Tablets dispensed" not in whole


def test_pk_times_from_the_dose_and_the_dosing_record(site, tmp_path):
    db, protocol, (_p2, p1) = site
    w = worksheet_data(db, protocol, p1, "LI24", TODAY)
    assert w.pk[0].nominal == datetime(2026, 1, 6, 8, 30, tzinfo=SITE_ZONE)   # 24 h after the lead-in dose
    write_worksheets([w], tmp_path / "li24.pdf")
    assert "08:30" in _text(tmp_path / "li24.pdf")[0]
    dosing = worksheet_data(db, protocol, p1, "C2D1", TODAY)
    write_worksheets([dosing], tmp_path / "c2d1.pdf", page="Letter")
    reader = PdfReader(tmp_path / "c2d1.pdf")
    assert reader.pages[0].mediabox.width == 612            # Letter
    assert "Tablets dispensed" in reader.pages[0].extract_text()
    # the trail's head at printing anchors the paper to the electronic record
    assert f"Audit trail at printing: {dosing.audit_head}" in reader.pages[0].extract_text()
    assert dosing.audit_head.startswith("entry ")


def test_a_clinic_day_in_subject_order_with_pages_counted_per_worksheet(site, tmp_path):
    db, protocol, (p2, p1) = site
    visits = clinic_day(db, date(2026, 1, 19))               # both C1D8s are booked then
    assert visits == [(p1, "C1D8"), (p2, "C1D8")]
    sheets = [worksheet_data(db, protocol, pid, code, TODAY) for pid, code in visits]
    out = tmp_path / "day.pdf"
    pages = write_worksheets(sheets, out)
    text = _text(out)
    assert len(text) == pages
    subjects = [re.search(r"Subject (\d{3}-\d{3})", t).group(1) for t in text]
    assert subjects == sorted(subjects)
    for subject in ("101-001", "101-002"):
        own = [t for t in text if f"Subject {subject}" in t]
        assert f"Page 1 of {len(own)}" in own[0] and f"Page {len(own)} of {len(own)}" in own[-1]


def test_cli_bad_input_writes_nothing(site, tmp_path, capsys):
    db, _protocol, _ids = site
    url = f"sqlite:///{db.engine.url.database}"
    out = tmp_path / "x.pdf"
    assert main.main([*login(url), "worksheets", "--date", "2030-01-01", "-o", str(out)]) == 1
    assert "no visits" in capsys.readouterr().err and not out.exists()
    assert main.main([*login(url), "worksheet", "999-999", "C1D8", "-o", str(out)]) == 2
    assert main.main([*login(url), "worksheet", "101-001", "C9D9", "-o", str(out)]) == 2
    assert main.main([*login(url), "worksheet", "101-001", "C1D8", "-o",
                      str(tmp_path / "missing" / "x.pdf")]) == 2
    assert "cannot write" in capsys.readouterr().err and not out.exists()
    assert main.main([*login(url), "worksheets", "--date", "2026-01-19", "-o", str(out)]) == 0
    assert "2 worksheets" in capsys.readouterr().out and out.exists()


def test_same_sheet_every_time_dated_when_printed(site, tmp_path):
    """Printed twice, the pages are the same; the PDF's creation date is when each was
    printed (reportlab's invariant mode, with its fixed 2000 date, is off)."""
    from datetime import UTC, timedelta

    db, protocol, (_p2, p1) = site
    w = worksheet_data(db, protocol, p1, "C1D1", TODAY)
    before = datetime.now(UTC).replace(microsecond=0)
    write_worksheets([w], tmp_path / "a.pdf")
    write_worksheets([w], tmp_path / "b.pdf")
    after = datetime.now(UTC) + timedelta(seconds=1)
    a, b = PdfReader(tmp_path / "a.pdf"), PdfReader(tmp_path / "b.pdf")
    assert [p.get_contents().get_data() for p in a.pages] == \
           [p.get_contents().get_data() for p in b.pages]
    for reader in (a, b):
        created = reader.metadata.creation_date
        assert created is not None and created.tzinfo is not None
        assert before <= created <= after, created
    assert a.metadata.title == "Worksheet IMP7068-101 101-001 C1D1"


def test_every_font_is_embedded(site, tmp_path):
    """No standard-14 Helvetica left to the viewer: what prints is what the file holds."""
    from tests.reports.pdf_checks import fonts_of

    db, protocol, (_p2, p1) = site
    out = tmp_path / "c1d15.pdf"
    write_worksheets([worksheet_data(db, protocol, p1, code, TODAY)
                      for code in ("LI", "C1D15", "C2D1")], out)
    fonts = fonts_of(out)
    assert fonts and all(fonts.values()), fonts
    assert not any("Helvetica" in name for name in fonts), fonts
    assert {name.split("+")[-1] for name in fonts} >= {"DejaVuSans", "DejaVuSans-Bold"}
    import shutil
    import subprocess

    if shutil.which("pdffonts"):                    # poppler's word on it, where installed
        listed = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True,
                                check=True).stdout.splitlines()[2:]
        assert listed and all(line.split()[-5] == "yes" for line in listed), listed


def test_a_clinic_day_mixes_studies_in_booking_order(site, tmp_path):
    """Each worksheet carries its own study's header and procedures; the day's PDF puts
    them in the order of the bookings, whatever the study."""
    from datetime import time

    from app.rules.protocol import shipped_protocol_path
    from app.services.studies import add_study, study_protocols

    db, protocol, (p2, p1) = site
    add_study(db, shipped_protocol_path("abc2201.toml"))
    abc = study_protocols(db)[2]
    other = enrol(db, abc, EnrolmentForm(
        subject_id="14-0001", initials="KL", year_of_birth=1958, sex="M", part=1,
        dose_level="600MG", consent_date=date(2025, 12, 1),
        planned_first_dose=date(2026, 1, 19)), TODAY)
    record_visit(db, abc, other, "C1D1", VisitEntry(booked_date=date(2026, 1, 19),
                                                    booked_time=time(8, 0)), TODAY)
    record_visit(db, protocol, p2, "C1D8", VisitEntry(booked_date=date(2026, 1, 19),
                                                      booked_time=time(9, 30)), TODAY,
                 reason="booked a time")
    visits = clinic_day(db, date(2026, 1, 19))
    assert visits == [(other, "C1D1"), (p2, "C1D8"), (p1, "C1D8")]
    sheets = [worksheet_data(db, None, pid, code, TODAY) for pid, code in visits]
    assert [s.study for s in sheets] == ["ABC-2201", "IMP7068-101", "IMP7068-101"]
    out = tmp_path / "day.pdf"
    write_worksheets(sheets, out)
    text = _text(out)
    first = text[0]
    assert "ABC-2201" in first and "Subject 14-0001" in first
    assert "ABC-2201 · protocol ABC-2201-P2" in first  # another name: said once each
    imp = [t for t in text if "Subject 101-" in t]
    for page in imp:                                        # IMP7068-101's: named once
        assert re.search(r"^IMP7068-101$", page, re.M) and "protocol IMP7068-101" not in page
    # the booked time, in the header and beside the window
    assert "booked 19-JAN-2026 08:00" in first
    own = [t for t in text if "Subject 101-002" in t]
    assert own and all("booked 19-JAN-2026 09:30" in t for t in own)
    assert "booked 19-JAN-2026" in text[-1]                # booked without a time
    assert "KRAS G12C mutation status" not in first  # screening's, not C1D1's
    assert "ABC-2201 dispensed; first dose taken at the clinic" in first.replace("\n", " ")


def test_names_in_any_script_print_with_embedded_fonts(sqlite_db, tmp_path):
    """Cyrillic initials, a Chinese AE term and a Greek site name: the worksheet embeds the
    fonts that have their letters, and the PDF's text holds them (no boxes)."""
    from reports.fonts import cjk_font_file

    if cjk_font_file() is None:
        from tests.conftest import IN_CI

        if IN_CI:
            pytest.fail(".ci/run installs fonts-wqy-microhei: the CJK font is missing")
        pytest.skip("no CJK TrueType font on this machine (.ci/run installs WenQuanYi)")
    from app.services.site_settings import SiteSettings, save_site_settings

    protocol = default_protocol()
    save_site_settings(sqlite_db, SiteSettings("Νοσοκομείο Αθηνών", 15, 7, ""))
    pid = enrol(sqlite_db, protocol, EnrolmentForm(
        subject_id="101-009", initials="ЖЭ", year_of_birth=1960, sex="F", part=1,
        dose_level="DL1", consent_date=date(2025, 12, 1),
        planned_first_dose=date(2026, 1, 5)), TODAY)
    record_visit(sqlite_db, protocol, pid, "LI",
                 VisitEntry(outcome="done", actual_date=date(2026, 1, 5)), TODAY)
    save_ae(sqlite_db, protocol, pid, AeForm(
        verbatim="恶心 nausea", onset_date=date(2026, 1, 14),
        grades=[GradeSpell(1, date(2026, 1, 14))]), TODAY)
    out = tmp_path / "scripts.pdf"
    write_worksheets([worksheet_data(sqlite_db, protocol, pid, "C1D8", TODAY)], out)
    whole = "\n".join(_text(out))
    for words in ("ЖЭ", "恶心", "Νοσοκομείο"):
        assert words in whole, words
    fonts = set()
    for page in PdfReader(out).pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert any("DejaVuSans" in f for f in fonts)
    assert any(f.split("+")[-1] not in ("Helvetica", "Helvetica-Bold")
               and "DejaVu" not in f for f in fonts), fonts  # the CJK font
    from tests.reports.pdf_checks import fonts_of

    assert all(fonts_of(out).values()), fonts_of(out)  # every one embedded


def test_the_embedded_font_ships_with_the_app_not_with_a_plotting_library():
    """DejaVu Sans is read from the app's own resources, so a build without matplotlib (or
    any other package that happens to carry it) still prints the same letters."""
    from importlib.resources import files

    from reports import fonts

    folder = fonts._dejavu()
    assert folder == Path(str(files("resources.fonts")))
    assert (folder / "DejaVuSans-Bold.ttf").is_file()
    assert "Bitstream Vera" in (folder / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")


def test_the_worksheet_prints_the_last_vitals_and_the_ongoing_con_meds(site, tmp_path):
    from app.services.conmeds import ConMedForm, save_conmed

    db, protocol, (_p2, p1) = site
    record_visit(db, protocol, p1, "C1D1", VisitEntry(outcome="done",
                                                      actual_date=date(2026, 1, 12)),
                 TODAY, readings={"WEIGHT": "68.5", "HR": "60", "QT": "485"},
                 reason="readings added")
    save_conmed(db, p1, ConMedForm("Ketoconazole", "200", "mg", "oral", "QD", "Tinea",
                                   "UN-JAN-2026", "", True), TODAY)
    save_conmed(db, p1, ConMedForm("Paracetamol", "1", "g", "oral", "PRN", "Headache",
                                   "02-JAN-2026", "04-JAN-2026", False), TODAY)
    w = worksheet_data(db, protocol, p1, "C1D8", TODAY)
    assert "Weight 68.5 kg (C1D1 12-JAN-2026)" in w.last_vitals
    assert "QTcF (Fridericia) 485 ms (C1D1 12-JAN-2026), grade 2" in w.last_vitals
    [med] = w.conmeds  # the ended one is not printed
    assert med.startswith("Ketoconazole 200 mg oral QD since UN-JAN-2026 for Tinea: PROHIBITED")
    out = tmp_path / "c1d8.pdf"
    write_worksheets([w], out)
    text = " ".join(" ".join(_text(out)).split())
    assert "Last values: Weight 68.5 kg (C1D1 12-JAN-2026)" in text
    assert "Ketoconazole 200 mg" in text and "STRONG CYP3A INHIBITOR" in text
