"""Correcting saved records from the patient's page, by keyboard: a scan opened again and
corrected with a reason, a survival contact corrected, an AE marked entered in error and
shown struck through with "Show entered in error"."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.services.adverse_events import patient_aes, save_ae
from app.services.disposition import (
    ContactForm,
    DispositionForm,
    add_survival_contact,
    set_disposition,
)
from app.services.history import patient_history
from app.services.response import LesionEntry, ScanForm, patient_response, save_scan
from tests.app.services.test_adverse_events import _form
from tests.ui.conftest import TODAY, activate
from ui.forms import FormDialog
from ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def _typing(qtbot, steps):  # type: ignore[no-untyped-def]
    """An exec() for the next dialog: shown, `steps(dialog)` typed, saved by Ctrl+S."""
    def run(dialog) -> int:  # type: ignore[no-untyped-def]
        qtbot.addWidget(dialog)
        activate(dialog)
        steps(dialog)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, CTRL)
        return int(dialog.result())
    return run


@pytest.fixture
def window(qtbot, ctx, dosed):
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    activate(w)
    return w


def test_an_ae_entered_in_error_is_struck_through_and_kept(qtbot, ctx, dosed, window,
                                                           monkeypatch):
    save_ae(ctx.db, ctx.protocol, dosed, _form(meddra_code=None), TODAY)
    window.open_patient(dosed)
    view = window.patient_view
    view.tabs.setCurrentWidget(view.ae_tab)
    view.ae_table.setCurrentIndex(view.ae_model.index(0, 0))

    def steps(dialog):  # type: ignore[no-untyped-def]
        assert "AE felt sick" in dialog.intro.text()
        qtbot.keyClicks(dialog.fields["reason"], "belongs to another patient")

    monkeypatch.setattr(FormDialog, "exec", _typing(qtbot, steps))
    view.error_button.setFocus()
    qtbot.keyClick(view.error_button, Qt.Key.Key_Space)
    assert view.ae_model.rowCount() == 0 and patient_aes(ctx.db, dosed, ctx.now()) == []
    view.show_removed.setFocus()
    qtbot.keyClick(view.show_removed, Qt.Key.Key_Space)
    [kept] = view.ae_model.rows
    assert kept.removed_reason == "belongs to another patient"
    font = view.ae_model.data(view.ae_model.index(0, 0), Qt.ItemDataRole.FontRole)
    assert font.strikeOut()


def test_a_scan_opens_again_and_is_corrected_with_a_reason(qtbot, ctx, dosed, window,
                                                           monkeypatch):
    save_scan(ctx.db, ctx.protocol, dosed, ScanForm(
        scan_date=date(2025, 12, 28), modality="CT", baseline=True,
        lesions=[LesionEntry("T1", "target", "liver", mm=Decimal(33))]), TODAY)
    window.open_patient(dosed)
    view = window.patient_view
    view.tabs.setCurrentWidget(view.response_tab)
    table = view.response_tab.table
    table.setFocus()
    table.setCurrentIndex(view.response_tab.model.index(0, 0))

    def steps(dialog):  # type: ignore[no-untyped-def]
        assert dialog.table.item(0, 4).text() == "33.0"           # as it was entered
        dialog.table.setFocus()
        dialog.table.setCurrentCell(0, 4)
        qtbot.keyClicks(dialog.table, "3")                        # opens the cell's editor
        qtbot.keyClicks(QApplication.focusWidget(), "5")
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        QApplication.processEvents()
        qtbot.keyClicks(dialog.fields["reason"], "re-measured")

    monkeypatch.setattr(FormDialog, "exec", _typing(qtbot, steps))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    [scan] = patient_response(ctx.db, ctx.protocol, dosed, TODAY).assessments
    assert scan.targets[0].mm == Decimal(35)
    assert any(h.reason == "re-measured" and h.field == "tenths_mm"
               for h in patient_history(ctx.db, dosed))


def test_a_survival_contact_opens_again_and_is_corrected(qtbot, ctx, dosed, window,
                                                         monkeypatch):
    set_disposition(ctx.db, ctx.protocol, dosed, DispositionForm(
        last_dose_date=date(2026, 2, 20), end_of_treatment_reason="adverse event"), TODAY)
    add_survival_contact(ctx.db, ctx.protocol, dosed, ContactForm(
        contact_date=date(2026, 2, 27), method="phone", result="alive"), TODAY)
    window.open_patient(dosed)
    view = window.patient_view
    view.tabs.setCurrentWidget(view.followup_tab)
    view.contacts.setFocus()
    view.contacts.setCurrentIndex(view.contacts_model.index(0, 0))

    def steps(dialog):  # type: ignore[no-untyped-def]
        assert not dialog.fields["result"].isEnabled()            # the result stays
        qtbot.keyClicks(dialog.fields["subsequent_therapy"], "carboplatin")
        qtbot.keyClicks(dialog.fields["reason"], "therapy was not written down")

    monkeypatch.setattr(FormDialog, "exec", _typing(qtbot, steps))
    qtbot.keyClick(view.contacts, Qt.Key.Key_Return)
    assert view.contacts_model.rows[0].subsequent_therapy == "carboplatin"
