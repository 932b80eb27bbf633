"""Con-meds and medical history by keyboard: a prohibited drug flagged as it is typed, partial
dates, a bad end refused on its field with everything kept, a history item coded to a CTCAE
term; the patient's tabs list them with the last vital signs, and Entered in error takes
the one selected out."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.services.conmeds import conmeds_of, history_of
from app.services.visits import VisitEntry, record_visit
from tests.ui.conftest import TODAY
from tests.ui.test_dialogs_by_keyboard import (
    _dictionary,
    _open,
    here,
    press,
    save,
    tab_to,
    type_,
)
from ui.conmed_dialogs import ConMedDialog, HistoryDialog

CTRL = Qt.KeyboardModifier.ControlModifier


def test_a_con_med_by_keyboard_flagged_when_the_protocol_forbids_it(qtbot, ctx, dosed):
    dialog = _open(qtbot, ConMedDialog(ctx, dosed))
    assert here() is dialog.fields["drug"]
    type_(qtbot, "Clarithromycin")
    assert dialog.flag.isVisible() and "strong CYP3A inhibitor" in dialog.flag.text()
    press(qtbot, Qt.Key.Key_Tab)
    type_(qtbot, "500")
    press(qtbot, Qt.Key.Key_Tab)
    type_(qtbot, "mg")
    press(qtbot, Qt.Key.Key_Tab)
    type_(qtbot, "o")                                            # oral
    press(qtbot, Qt.Key.Key_Tab)
    type_(qtbot, "B")                                            # BID
    press(qtbot, Qt.Key.Key_Tab)
    type_(qtbot, "Pneumonia")
    tab_to(qtbot, dialog.fields["start"])
    type_(qtbot, "UN-FEB-2026")
    press(qtbot, Qt.Key.Key_Tab)
    type_(qtbot, "31-JAN-2026")                                  # before February: refused
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "The end date is before the start date" in dialog.error.text()
    assert here() is dialog.fields["end"].edit and here().text() == "31-JAN-2026"
    assert conmeds_of(ctx.db, dosed) == []
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_(qtbot, "17-FEB-2026")
    save(qtbot, dialog)
    [med] = conmeds_of(ctx.db, dosed)
    assert (med.drug, med.dose_text, med.route, med.frequency, med.indication, med.start,
            med.end, med.ongoing) == ("Clarithromycin", "500 mg", "oral", "BID", "Pneumonia",
                                      "UN-FEB-2026", "17-FEB-2026", False)
    assert "strong CYP3A inhibitor" in med.prohibited


def test_a_history_item_by_keyboard(qtbot, ctx, dosed, tmp_path):
    _dictionary(ctx, tmp_path)
    dialog = _open(qtbot, HistoryDialog(ctx, dosed))
    assert here() is dialog.fields["term"]
    type_(qtbot, "nausea")
    tab_to(qtbot, dialog.fields["grade"])
    type_(qtbot, "G")                                            # Grade 1
    press(qtbot, Qt.Key.Key_Tab)
    type_(qtbot, "UN-UNK-2025")
    assert dialog.fields["ongoing"].isChecked() and not dialog.fields["end"].isEnabled()
    save(qtbot, dialog)
    [item] = history_of(ctx.db, dosed)
    assert (item.term, item.grade, item.start, item.ongoing) == (
        "Nausea", 1, "UN-UNK-2025", True)


def test_the_patient_tabs_list_them_and_one_is_entered_in_error(qtbot, ctx, dosed,
                                                               monkeypatch):
    from app.services.conmeds import ConMedForm, save_conmed
    from ui.patient_corrections import EnteredInErrorDialog, mark_in_error
    from ui.patient_view import PatientView

    record_visit(ctx.db, ctx.protocol, dosed, "C1D8",
                 VisitEntry(outcome="done", actual_date=date(2026, 1, 19)), TODAY,
                 readings={"WEIGHT": "68.5", "PULSE": "80"})
    save_conmed(ctx.db, dosed, ConMedForm("Ondansetron", "8", "mg", "oral", "BID", "Nausea",
                                          "20-JAN-2026", "", True), TODAY)
    view = PatientView(ctx, dosed)
    qtbot.addWidget(view)
    view.tabs.setCurrentWidget(view.findings.vitals)
    assert "Weight <b>68.5 kg</b>" in view.findings.vitals.summary.text()
    assert view.findings.vitals.model.rowCount() == 2
    tab = view.findings.conmeds
    view.tabs.setCurrentWidget(tab)
    assert tab.meds.rowCount() == 1 and tab.meds.data(tab.meds.index(0, 6)) == "ongoing"
    tab.med_table.setFocus()
    tab.med_table.setCurrentIndex(tab.meds.index(0, 0))
    shown: list[EnteredInErrorDialog] = []

    def run(dialog):  # type: ignore[no-untyped-def]
        shown.append(dialog)
        _open(qtbot, dialog)
        type_(qtbot, "wrong patient")
        save(qtbot, dialog)
        view.refresh()
        return True

    monkeypatch.setattr(view, "run_dialog", run)
    mark_in_error(view)
    assert shown and shown[0].kind == "conmed"
    assert conmeds_of(ctx.db, dosed) == []
    assert tab.meds.rowCount() == 0
