"""The Response pictures: reportlab drawings, with or without patients, written to PDF."""

from __future__ import annotations

from datetime import date

from app.rules.protocol import default_protocol
from app.services.site_results import site_courses
from reports.response_plots import PICTURES, draw_all, save_pdf


def test_every_picture_draws_without_patients(tmp_path):
    drawn = draw_all([])
    assert set(drawn) == {"Swimmer", "Waterfall", "Spider", "Kaplan-Meier"} == set(PICTURES)
    save_pdf(drawn["Kaplan-Meier"], tmp_path / "km.pdf")
    assert (tmp_path / "km.pdf").read_bytes().startswith(b"%PDF")


def test_pictures_of_a_demo_site_write_to_pdf(sqlite_demo_site, tmp_path):
    from pypdf import PdfReader

    today = date(2026, 11, 25)
    sqlite_db = sqlite_demo_site(today, patients=12)
    courses = site_courses(sqlite_db, default_protocol(), today)
    assert courses
    drawn = draw_all(courses)
    assert drawn["Swimmer"].height == max(216, 23 * len(courses) + 86)  # a row per patient
    for name, picture in drawn.items():
        path = tmp_path / f"{name}.pdf"
        save_pdf(picture, path)
        text = PdfReader(path).pages[0].extract_text()
        assert name.split("-")[0] in text
    swimmer_text = PdfReader(tmp_path / "Swimmer.pdf").pages[0].extract_text()
    assert all(c.subject_id in swimmer_text for c in courses)


def test_a_saved_picture_embeds_its_fonts_and_says_what_and_when(tmp_path):
    from datetime import UTC, datetime, timedelta

    from pypdf import PdfReader

    from tests.reports.pdf_checks import fonts_of

    path = tmp_path / "km.pdf"
    save_pdf(draw_all([])["Kaplan-Meier"], path, "Kaplan-Meier · IMP7068-101")
    fonts = fonts_of(path)
    assert fonts and all(fonts.values()), fonts                       # every one embedded
    info = PdfReader(path).metadata
    assert info.title == "Kaplan-Meier · IMP7068-101" and info.creator == "Site Tracker"
    made = info.creation_date
    assert made is not None and made.year > 2000                       # not reportlab's 2000
    made = made if made.tzinfo else made.replace(tzinfo=UTC)
    assert abs(datetime.now(UTC) - made) < timedelta(days=1)


def test_the_pictures_do_not_read_the_cjk_font(sqlite_demo_site, monkeypatch):
    """The pictures set their texts in DejaVu Sans: their first drawing does not read the
    CJK font's file (63 ms of the fonts' 86 ms); a text with CJK letters still gets it."""
    import reports.fonts as fonts

    asked: list[str] = []
    monkeypatch.setattr(fonts, "cjk_face", lambda: asked.append("cjk") or fonts.CJK)
    today = date(2026, 11, 25)
    draw_all(site_courses(sqlite_demo_site(today, patients=12), default_protocol(), today))
    assert fonts.runs("101-001 DL1", fonts.WIDE) == [("101-001 DL1", fonts.WIDE)]
    assert fonts.markup("nausea") == "nausea" and asked == []
    assert fonts.runs("恶心 nausea", fonts.WIDE) == [("恶心", fonts.CJK),
                                                  (" nausea", fonts.WIDE)]
    assert fonts.markup("恶心") == f'<font name="{fonts.CJK}">恶心</font>' and asked
