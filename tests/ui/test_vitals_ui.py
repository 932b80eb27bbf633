"""Vital signs and ECG in the visit dialog, by keyboard: the protocol's readings for the
visit with their units, BSA and QTcF computed as typed, a reading outside its usual range
asked about (No: nothing saved, all kept; Yes: saved), and the patient's Vitals tab with
the last values."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox

from app.services.visits import VisitEntry, record_visit
from app.services.vitals import readings_of
from tests.ui.conftest import TODAY
from tests.ui.test_dialogs_by_keyboard import _open, _row, here, press, save, tab_to, type_
from ui.dialogs import VisitDialog

CTRL = Qt.KeyboardModifier.ControlModifier


def _dialog(qtbot, ctx, pid, code):  # type: ignore[no-untyped-def]
    page, row = _row(ctx, pid, code)
    return _open(qtbot, VisitDialog(ctx, pid, "101-001", row, page.records.get(code),
                                    dose_level=page.current_dose_level))


def test_readings_typed_in_the_visit_dialog_are_saved_with_it(qtbot, ctx, dosed,
                                                             monkeypatch):
    record_visit(ctx.db, ctx.protocol, dosed, "SCR",
                 VisitEntry(outcome="done", actual_date=date(2025, 12, 20)), TODAY,
                 readings={"HEIGHT": "170"})
    dialog = _dialog(qtbot, ctx, dosed, "C2D1")
    form = dialog.form
    label = form.labelForField(dialog.fields["WEIGHT"])
    assert label is not None and label.text() == "Weight (kg)"
    assert dialog.fields["WEIGHT"].placeholderText() == "usually 35.0 to 200.0"
    assert "HEIGHT" not in dialog.fields  # screening only
    type_(qtbot, "D")
    press(qtbot, Qt.Key.Key_Tab)
    type_(qtbot, "02-FEB-2026")
    tab_to(qtbot, dialog.fields["WEIGHT"])
    type_(qtbot, "250")
    press(qtbot, Qt.Key.Key_Tab)
    assert here() is dialog.fields["TEMP"]  # the computed BSA is not a stop
    type_(qtbot, "36.8")
    tab_to(qtbot, dialog.fields["HR"])
    type_(qtbot, "75")
    tab_to(qtbot, dialog.fields["QT"])
    type_(qtbot, "400")
    bsa, qtcf = dialog.vitals.computed["BSA"], dialog.vitals.computed["QTCF"]
    assert isinstance(bsa, QLabel) and bsa.text() == "3.44 m2"  # sqrt(250 x 170 / 3600) = 3.436
    assert qtcf.text() == "431 ms · QTcF 431 ms: not prolonged (below 450 ms)"
    asked: list[str] = []
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[2]) or answers.pop(0))
    press(qtbot, Qt.Key.Key_S, CTRL)                     # No: nothing saved, all kept
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "Weight 250.0 kg (usually 35.0 to 200.0 kg)" in asked[0]
    assert "Weight" in dialog.error.text()
    assert dialog.fields["WEIGHT"].text() == "250"
    assert [r for r in readings_of(ctx.db, dosed) if r.visit_code == "C2D1"] == []
    save(qtbot, dialog)                                  # Yes: saved as typed
    rows = {r.code: r for r in readings_of(ctx.db, dosed) if r.visit_code == "C2D1"}
    assert rows["WEIGHT"].value == 250 and rows["WEIGHT"].note
    assert (rows["BSA"].value, rows["QTCF"].value, rows["TEMP"].value) == (3.44, 431, 36.8)


def test_a_reading_that_is_not_a_number_is_refused_on_its_field(qtbot, ctx, dosed):
    dialog = _dialog(qtbot, ctx, dosed, "C1D8")
    type_(qtbot, "D")
    press(qtbot, Qt.Key.Key_Tab)
    type_(qtbot, "19-JAN-2026")
    tab_to(qtbot, dialog.fields["PULSE"])
    type_(qtbot, "7O")
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "Pulse: '7O' is not a number" in dialog.error.text()
    assert here() is dialog.fields["PULSE"] and here().text() == "7O"
    assert readings_of(ctx.db, dosed) == []
