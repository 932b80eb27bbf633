"""The AE dialog driven through its widgets: find a term as you type, only its grades."""

from __future__ import annotations

import csv
from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from app.services.adverse_events import patient_aes
from app.services.dictionary import import_dictionary
from app.services.patients import EnrolmentForm, enrol
from app.services.visits import VisitEntry, record_visit
from tests.app.services.test_adverse_events import HEADER, TERMS
from tests.ui.conftest import TODAY, click_save
from ui.ae_dialog import AeDialog
from ui.main_window import ADVERSE_EVENTS, MainWindow


@pytest.fixture
def dosed(ctx, tmp_path) -> int:
    path = tmp_path / "ctcae.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([HEADER, *TERMS])
    import_dictionary(ctx.db, path)
    pid = enrol(ctx.db, ctx.protocol, EnrolmentForm(
        subject_id="101-001", initials="ABC", year_of_birth=1960, sex="F",
        part=1, dose_level="DL1", cohort=None,
        consent_date=date(2025, 12, 1), planned_first_dose=date(2026, 1, 5)), TODAY)
    record_visit(ctx.db, ctx.protocol, pid, "LI",
                 VisitEntry(outcome="done", actual_date=date(2026, 1, 5)), TODAY)
    return pid


def _grade_items(dialog) -> list[int]:
    return [grade for _label, grade in dialog.grade_list()]


def test_find_the_term_as_you_type_and_offer_only_its_grades(qtbot, ctx, dosed):
    dialog = AeDialog(ctx, dosed, "101-001", 1)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.search, "alop")
    assert dialog.matches.isVisible() or dialog.matches.count() == 1
    assert dialog.matches.item(0).text().startswith("Alopecia")
    dialog.matches.itemActivated.emit(dialog.matches.item(0))
    assert dialog.entry.term == "Alopecia"
    assert _grade_items(dialog) == [1, 2]                 # Alopecia has no grade 3, 4 or 5
    assert dialog.grade_list()[1][0].startswith("2: Hair loss >=50%")
    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "10029366")             # by MedDRA code
    dialog.matches.itemActivated.emit(dialog.matches.item(0))
    assert _grade_items(dialog) == [1, 2, 3, 4]
    qtbot.keyClicks(dialog.search, "")
    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "gastro")               # by SOC
    assert dialog.matches.count() == 2


def test_log_an_ae_through_the_dialog(qtbot, ctx, dosed):
    dialog = AeDialog(ctx, dosed, "101-001", 1)
    qtbot.addWidget(dialog)
    dialog.choose("10028813")                               # Nausea
    qtbot.keyClicks(dialog.fields["onset_date"].edit, "20-JAN-2026")
    dialog.set_grade(0, 2)
    dialog.fields["relationship"].setCurrentIndex(dialog.fields["relationship"].findData("possible"))
    click_save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()
    [row] = patient_aes(ctx.db, dosed, datetime(2026, 3, 1))
    assert (row.term, row.worst_grade, row.teae, row.ongoing) == ("Nausea", 2, True, True)
    # TEAE is shown, derived from the grade history; there is no "worsened on" to type
    reopened = AeDialog(ctx, dosed, "101-001", 1, row)
    qtbot.addWidget(reopened)
    assert "worsened_on" not in reopened.fields
    assert reopened.fields["emergence"].text() == "Yes: began on treatment"


def test_a_condition_before_the_first_dose_that_worsens_is_shown_worse_from_its_day(
        qtbot, ctx, dosed):
    dialog = AeDialog(ctx, dosed, "101-001", 1)
    qtbot.addWidget(dialog)
    dialog.choose("10028813")
    qtbot.keyClicks(dialog.fields["onset_date"].edit, "20-DEC-2025")
    dialog.set_grade(0, 1)
    dialog.grades.item(0, 1).setText("20-DEC-2025")
    dialog.grades.item(0, 2).setText("14-JAN-2026")  # grade 1 until then
    dialog.add_grade_row()
    dialog.set_grade(1, 3)
    dialog.grades.item(1, 1).setText("15-JAN-2026")
    click_save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()
    [row] = patient_aes(ctx.db, dosed, datetime(2026, 3, 1))
    reopened = AeDialog(ctx, dosed, "101-001", 1, row)
    qtbot.addWidget(reopened)
    assert reopened.fields["emergence"].text() == (
        "Yes: grade 1 at the first dose, worse from 15-JAN-2026 (grade 3)")


def test_bad_ae_input_on_the_field(qtbot, ctx, dosed):
    dialog = AeDialog(ctx, dosed, "101-001", 1)
    qtbot.addWidget(dialog)
    dialog.choose("10028813")
    qtbot.keyClicks(dialog.fields["onset_date"].edit, "20-JAN-2026")
    qtbot.keyClicks(dialog.fields["end_date"].edit, "10-JAN-2026")
    dialog.set_grade(0, 1)
    click_save(qtbot, dialog)
    assert "before onset" in dialog.error.text()
    dialog.fields["end_date"].edit.clear()
    dialog.fields["serious"].setChecked(True)
    click_save(qtbot, dialog)
    assert "SAE criteria" in dialog.error.text()
    assert patient_aes(ctx.db, dosed, datetime(2026, 3, 1)) == []


def test_without_the_dictionary_an_ae_is_saved_not_coded(qtbot, sqlite_db):
    from app.rules.protocol import default_protocol
    from ui.context import Context

    ctx = Context(sqlite_db, default_protocol(), clock=lambda: TODAY)
    pid = enrol(ctx.db, ctx.protocol, EnrolmentForm(
        subject_id="101-002", initials="XYZ", year_of_birth=1960, sex="M", part=1,
        dose_level="DL1", consent_date=date(2025, 12, 1), planned_first_dose=date(2026, 1, 5)), TODAY)
    dialog = AeDialog(ctx, pid, "101-002", 1)
    qtbot.addWidget(dialog)
    assert "not loaded" in dialog.intro.text() and not dialog.search.isEnabled()
    qtbot.keyClicks(dialog.fields["verbatim"], "headache")
    qtbot.keyClicks(dialog.fields["onset_date"].edit, "02-JAN-2026")
    dialog.set_grade(0, 1)
    click_save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()
    [row] = patient_aes(ctx.db, pid, datetime(2026, 3, 1))
    assert row.name == "headache (not coded)" and not row.teae


def test_patient_tab_site_place_and_grade_5(qtbot, ctx, dosed, monkeypatch):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.open_patient(dosed)
    view = window.patient_view
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No)
    dialog = view.ae_dialog(None)
    dialog.choose("10038695")                               # Respiratory failure: grades 4, 5
    assert _grade_items(dialog) == [4, 5]
    qtbot.keyClicks(dialog.fields["onset_date"].edit, "25-JAN-2026")
    dialog.set_grade(0, 5)
    dialog.fields["outcome"].setCurrentIndex(dialog.fields["outcome"].findData("fatal"))
    monkeypatch.setattr(view, "ae_dialog", lambda row: dialog)
    monkeypatch.setattr(dialog, "exec", lambda: (dialog.save(), dialog.result())[1])
    view.open_ae(None)
    assert asked and "Record the death" in asked[0]
    assert view.ae_model.rowCount() == 1
    visit = view.visit_dialog("C1D1")
    qtbot.addWidget(visit)
    assert "Open AEs to review" in visit.intro.text() and "Respiratory failure" in visit.intro.text()
    window.go(ADVERSE_EVENTS)
    page = window.adverse_events
    assert page.model.rowCount() == 1
    assert page.summary_stale                  # worked out when its tab is shown
    page.tabs.setCurrentWidget(page.summary_tab)
    assert page.summary_model.rowCount() == 3  # any TEAE, its SOC, its term
    page.grouping.setFocus()
    qtbot.keyClick(page.grouping, Qt.Key.Key_Down)  # by part
    assert page.summary_model.columns[0].title == "Part"
    assert page.summary_model.index(0, 0).data() == "Part 1: dose escalation"
    qtbot.keyClick(page.grouping, Qt.Key.Key_Down)  # by dose level
    assert page.summary_model.columns[0].title == "Dose level"
    page.filter.setCurrentIndex(page.filter.findData("sae"))
    assert page.model.rowCount() == 0
    assert page.model.columns[0].title == "Subject"
