"""Tube labels read back from the PDF: every sample ID, one label per tube."""

from __future__ import annotations

from datetime import date, datetime

from pypdf import PdfReader

import main
from app.rules.protocol import default_protocol
from app.services.patients import EnrolmentForm, enrol
from app.services.pk_samples import SampleEntry, pk_panel, save_pk
from app.services.visits import VisitEntry, record_visit
from reports.pk_labels import write_pk_labels
from tests.conftest import login

TODAY = date(2026, 3, 2)


def test_labels_carry_every_sample_id_and_due_time(sqlite_db, tmp_path):
    protocol = default_protocol()
    pid = enrol(sqlite_db, protocol, EnrolmentForm(
        subject_id="101-007", initials="ABC", year_of_birth=1960, sex="F", part=1,
        dose_level="DL1", consent_date=date(2025, 12, 1), planned_first_dose=date(2026, 1, 5)),
                TODAY)
    record_visit(sqlite_db, protocol, pid, "LI",
                 VisitEntry(outcome="done", actual_date=date(2026, 1, 5)), TODAY)
    save_pk(sqlite_db, protocol, pid, "LI", datetime(2026, 1, 5, 8, 30),
            [SampleEntry("pre", datetime(2026, 1, 5, 8, 0))], TODAY)
    panel = pk_panel(sqlite_db, protocol, pid, "LI")
    out = tmp_path / "labels.pdf"
    assert write_pk_labels(panel, out) == 7
    reader = PdfReader(out)
    text = "".join(page.extract_text() for page in reader.pages)
    for tube in panel.tubes:
        assert tube.sample_id in text
    assert "due 09:30" in text and "101-007" in text
    assert len(reader.pages) == 1
    from tests.reports.pdf_checks import fonts_of

    fonts = fonts_of(out)                        # printed alike on every PC
    assert fonts and all(fonts.values()) and not any("Helvetica" in f for f in fonts), fonts
    assert reader.metadata.creation_date.year == datetime.now().year  # when printed

    letter = tmp_path / "letter.pdf"
    sqlite_db.close()
    url = f"sqlite:///{sqlite_db.engine.url.database}"
    assert main.main([*login(url), "pk-labels", "101-007", "li", "-o", str(letter),
                      "--page", "Letter"]) == 0
    assert PdfReader(letter).pages[0].mediabox.width == 612
    assert main.main([*login(url), "pk-labels", "999-999", "LI", "-o", str(letter)]) == 2
    assert main.main([*login(url), "pk-labels", "101-007", "TA1", "-o", str(letter)]) == 2
