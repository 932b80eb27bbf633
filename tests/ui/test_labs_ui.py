"""The patient's Labs tab by key presses (issue 36): a result typed, a lab's file imported
and held for review, a row reviewed, the grade 3 neutrophil count's proposed AE accepted
into the AE log; a monitor is offered none of it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.rules.lab_entry import RangeRow
from app.services.adverse_events import patient_aes
from app.services.labs import patient_labs
from tests.ui.conftest import TODAY, activate
from tests.ui.test_dialogs_by_keyboard import _dictionary, _open, here, press, save, tab_to, type_
from ui.forms import FormDialog
from ui.lab_dialogs import LabImportDialog, LabResultDialog, ReviewDialog

CTRL = Qt.KeyboardModifier.ControlModifier
LAB = "City Lab"


@pytest.fixture
def ranged(ctx, dosed, tmp_path):
    from app.services.lab_ranges import add_range

    _dictionary(ctx, tmp_path)
    add_range(ctx.db, RangeRow(LAB, "NEUT", None, D("2.0"), D("7.5"), "10^9/L",
                               date(2025, 1, 1)), ctx.protocol.labs)
    return dosed


def _typing(qtbot, steps):  # type: ignore[no-untyped-def]
    """An exec() for the next dialog: shown, `steps(dialog)` typed, saved by Ctrl+S."""
    def run(dialog) -> int:  # type: ignore[no-untyped-def]
        qtbot.addWidget(dialog)
        activate(dialog)
        steps(dialog)
        qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_S, CTRL)
        return int(dialog.result())
    return run


def test_a_result_typed_by_keyboard_and_a_bad_one_kept_with_its_message(qtbot, ctx, ranged):
    dialog = _open(qtbot, LabResultDialog(ctx, ranged))
    assert here() is dialog.fields["Analyte"]
    type_(qtbot, "Neu")                                          # "Neutrophils (10^9/L)"
    tab_to(qtbot, dialog.fields["Sample date"])
    type_(qtbot, "20-JAN-2026")
    tab_to(qtbot, dialog.fields["Value"])
    type_(qtbot, "1200")
    assert dialog.read_text("Unit") == "10^9/L"                  # the analyte's, offered
    tab_to(qtbot, dialog.fields["Unit"])
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_(qtbot, "mg/dL")
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert dialog.isVisible() and "mg/dL is not a unit of Neutrophils" in dialog.error.text()
    assert here() is dialog.fields["Unit"] and dialog.read_text("Value") == "1200"
    assert patient_labs(ctx.db, ranged, TODAY) == []
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_(qtbot, "/mm3")
    save(qtbot, dialog)
    (row,) = patient_labs(ctx.db, ranged, TODAY)
    assert (row.kept, row.grade, row.lab) == ("1.2", 2, LAB)


def test_import_review_and_the_proposed_ae_on_the_patients_page(qtbot, ctx, ranged, tmp_path,
                                                               monkeypatch):
    from ui.main_window import MainWindow

    labs = tmp_path / "labs.csv"
    labs.write_text("Subject ID,Analyte,Value,Unit,Sample date,Lab\n"
                    f"101-001,NEUT,0.8,10^9/L,20-JAN-2026,{LAB}\n"
                    f"101-001,Ferritin,30,ug/L,20-JAN-2026,{LAB}\n", "utf-8")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    activate(window)
    window.open_patient(ranged)
    view = window.patient_view
    tab = view.labs_tab
    view.tabs.setCurrentWidget(tab)
    monkeypatch.setattr("ui.export.open_path", lambda *a: str(labs))
    monkeypatch.setattr(FormDialog, "exec", _typing(qtbot, lambda d: None))
    tab.import_button.setFocus()
    qtbot.keyClick(tab.import_button, Qt.Key.Key_Space)
    assert "1 result held for review; 1 row refused" in tab.import_said.text()
    assert "row 3, Analyte: Ferritin is not an analyte" in tab.import_said.text()
    assert tab.model.rowCount() == 1 and "(1 held)" in tab.review_button.text()
    assert "No lab results accepted yet" in tab.latest.text()

    def accept(dialog):  # type: ignore[no-untyped-def]
        assert isinstance(dialog, ReviewDialog) and "row 2 of the file" in dialog.intro.text()
        assert dialog.read_choice("decision") == "accept"      # as offered
    monkeypatch.setattr(FormDialog, "exec", _typing(qtbot, accept))
    activate(window)                               # the import's dialog had the focus
    tab.table.setFocus()
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    (row,) = patient_labs(ctx.db, ranged, TODAY)
    assert (row.status, row.grade, row.proposal.grade) == ("accepted", 3, 3)
    assert "grade 3" in tab.latest.text() and "(1 proposed)" in tab.ae_button.text()
    assert tab.trend_area.isVisibleTo(tab) and tab.trend.picture is not None
    assert any(getattr(s, "text", "") == "Neutrophils (10^9/L)" for _b, s in tab.trend.shapes)

    def answer(dialog):  # type: ignore[no-untyped-def]
        assert "Neutrophil count decreased, grade 3, onset 20-JAN-2026: a new adverse event" \
            in dialog.intro.text()
    monkeypatch.setattr(FormDialog, "exec", _typing(qtbot, answer))
    activate(window)
    tab.ae_button.setFocus()
    qtbot.keyClick(tab.ae_button, Qt.Key.Key_Space)
    (ae,) = patient_aes(ctx.db, ranged, ctx.now())
    assert (ae.term, ae.worst_grade, ae.onset_date, ae.teae) == (
        "Neutrophil count decreased", 3, date(2026, 1, 20), True)
    assert view.ae_model.rowCount() == 1                         # the page refreshed
    assert tab.model.rows[0].ae_decision == "accepted"


def test_a_rejection_needs_its_reason_on_the_field(qtbot, ctx, ranged, tmp_path):
    labs = tmp_path / "labs.csv"
    labs.write_text("Subject ID,Analyte,Value,Unit,Sample date,Lab\n"
                    f"101-001,NEUT,0.8,10^9/L,20-JAN-2026,{LAB}\n", "utf-8")
    importing = _open(qtbot, LabImportDialog(ctx))
    assert here() is importing.fields["file"]
    type_(qtbot, str(tmp_path / "missing.csv"))
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert "missing.csv: no such file" in importing.error.text()
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_(qtbot, str(labs))
    save(qtbot, importing)
    (row,) = patient_labs(ctx.db, ranged, TODAY)
    dialog = _open(qtbot, ReviewDialog(ctx, ranged, row))
    assert not dialog.fields["Value"].isEnabled()
    type_(qtbot, "R")                                            # "Reject"
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert dialog.isVisible() and "Give the reason to reject" in dialog.error.text()
    assert here() is dialog.fields["reason"]
    type_(qtbot, "haemolysed sample")
    save(qtbot, dialog)
    (row,) = patient_labs(ctx.db, ranged, TODAY)
    assert (row.status, row.review_reason) == ("rejected", "haemolysed sample")


def test_a_monitor_is_offered_no_lab_action(qtbot, ctx, ranged):
    from tests.ui.test_monitor_window import _window

    window = _window(qtbot, ctx, "monitor")
    window.open_patient(ranged)
    view = window.patient_view
    view.tabs.setCurrentWidget(view.labs_tab)
    assert view.labs_tab.table.isVisibleTo(view)
    assert not any(b.isVisibleTo(view) for b in view.labs_tab.edit_buttons())


def test_a_reference_range_typed_by_keyboard(qtbot, ctx, dosed):
    from app.services.lab_ranges import reference_ranges
    from ui.lab_dialogs import RangeDialog

    dialog = _open(qtbot, RangeDialog(ctx))
    assert here() is dialog.fields["Lab"]
    type_(qtbot, "North Lab")
    tab_to(qtbot, dialog.fields["Analyte"])
    type_(qtbot, "Pla")                                          # "Platelets (10^9/L)"
    tab_to(qtbot, dialog.fields["Sex"])
    type_(qtbot, "F")                                            # "Female"
    tab_to(qtbot, dialog.fields["LLN"])
    type_(qtbot, "400")
    tab_to(qtbot, dialog.fields["ULN"])
    type_(qtbot, "150")
    tab_to(qtbot, dialog.fields["Unit"])
    type_(qtbot, "x10e9/L")
    tab_to(qtbot, dialog.fields["valid_from"])
    type_(qtbot, "01-JAN-2026")
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert dialog.isVisible() and "The LLN 400 is not below the ULN 150" in dialog.error.text()
    assert here() is dialog.fields["LLN"]
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_(qtbot, "150")
    tab_to(qtbot, dialog.fields["ULN"])
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_(qtbot, "400")
    save(qtbot, dialog)
    (kept,) = reference_ranges(ctx.db)
    assert (kept.lab, kept.analyte, kept.sex, kept.lln, kept.uln, kept.unit) == (
        "North Lab", "PLAT", "F", D(150), D(400), "10^9/L")


def test_a_nurse_is_not_offered_the_proposed_aes_answer(qtbot, ctx, ranged):
    from tests.ui.test_monitor_window import _window

    window = _window(qtbot, ctx, "nurse")
    window.open_patient(ranged)
    tab = window.patient_view.labs_tab
    window.patient_view.tabs.setCurrentWidget(tab)
    assert tab.enter_button.isVisibleTo(window.patient_view)
    assert not tab.ae_button.isVisibleTo(window.patient_view)


def test_a_column_mapping_typed_by_keyboard_reads_the_labs_export(qtbot, ctx, ranged,
                                                                 tmp_path):
    from ui.lab_dialogs import MappingDialog

    dialog = _open(qtbot, MappingDialog(ctx))
    assert here() is dialog.fields["Name"]
    type_(qtbot, "City export")
    for key, column in (("subject", "Patient"), ("analyte", "Test"), ("value", "Result"),
                        ("sample_date", "Collected"), ("lab", "")):
        tab_to(qtbot, dialog.fields[key])
        press(qtbot, Qt.Key.Key_A, CTRL)
        type_(qtbot, column) if column else press(qtbot, Qt.Key.Key_Delete)
    tab_to(qtbot, dialog.fields["Lab"])
    type_(qtbot, LAB)
    tab_to(qtbot, dialog.fields["tests"])
    type_(qtbot, "ANC = NEUT")
    save(qtbot, dialog)
    export = tmp_path / "export.csv"
    export.write_text("Patient,Test,Result,Unit,Collected\n"
                      "101-001,ANC,900,/mm3,20-JAN-2026\n", "utf-8")
    importing = _open(qtbot, LabImportDialog(ctx, str(export)))
    tab_to(qtbot, importing.fields["mapping"])
    type_(qtbot, "City")
    save(qtbot, importing)
    assert importing.report is not None and importing.report.landed == [(2, "101-001", "NEUT")]
