"""Dose escalation and dosing in the window, by key presses: slots opened, the SMC's RP2D
recorded, a DLT review, a hold and a dispensing with its return; the place and the tab show
what the services derived."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from app.rules.dosing import Evaluable
from app.services.dosing import dosing_page
from app.services.escalation import open_slots
from app.services.escalation_view import escalation_view
from app.services.studies import DEFAULT_STUDY
from tests.ui.conftest import TODAY
from tests.ui.test_dialogs_by_keyboard import _open, here, press, save, tab_to, type_
from ui.dosing_tab import DosingTab, ModificationDialog, SupplyDialog
from ui.places.escalation import DecisionDialog, DltReviewDialog, EscalationPage, SlotsDialog

CTRL = Qt.KeyboardModifier.ControlModifier


def test_slots_opened_by_keyboard_and_a_full_level_refused_on_its_field(qtbot, ctx):
    dialog = _open(qtbot, SlotsDialog(ctx, DEFAULT_STUDY))
    assert here() is dialog.fields["dose_level"]
    type_(qtbot, "DL2")
    press(qtbot, Qt.Key.Key_Tab)
    type_(qtbot, "3")
    tab_to(qtbot, dialog.fields["reference"])
    type_(qtbot, "sponsor e-mail 14-FEB")
    save(qtbot, dialog)
    view = escalation_view(ctx.db, DEFAULT_STUDY, TODAY)
    assert [(lv.code, lv.opened, lv.open) for lv in view.levels] == [("DL2", 3, 3)]
    again = _open(qtbot, SlotsDialog(ctx, DEFAULT_STUDY))
    press(qtbot, Qt.Key.Key_Tab)                                 # no level chosen
    type_(qtbot, "2")
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert again.isVisible() and "Choose the dose level" in again.error.text()
    assert here() is again.fields["dose_level"]


def test_the_rp2d_recorded_by_keyboard_opens_part_2(qtbot, ctx):
    dialog = _open(qtbot, DecisionDialog(ctx, DEFAULT_STUDY))
    assert here() is dialog.fields["decided_on"].edit
    type_(qtbot, "20-FEB-2026")
    tab_to(qtbot, dialog.fields["decision"])
    type_(qtbot, "R")                                            # "RP2D declared"
    tab_to(qtbot, dialog.fields["dose_level"])
    type_(qtbot, "DL3")
    tab_to(qtbot, dialog.fields["minutes_ref"])
    type_(qtbot, "SMC-05 minutes")
    save(qtbot, dialog)
    view = escalation_view(ctx.db, DEFAULT_STUDY, TODAY)
    assert view.rp2d == "DL3" and view.decisions[0].minutes_ref == "SMC-05 minutes"
    from app.services.patients import EnrolmentForm, enrol, patient_page

    pid = enrol(ctx.db, ctx.protocol, EnrolmentForm(
        subject_id="101-009", initials="XY", year_of_birth=1970, sex="M", part=2,
        cohort="USC", consent_date=date(2026, 2, 25)), TODAY)
    assert patient_page(ctx.db, ctx.protocol, pid, TODAY).form.dose_level == "DL3"


def test_the_place_lists_levels_and_enter_on_a_patient_opens_the_dlt_review(qtbot, ctx,
                                                                            dosed,
                                                                            monkeypatch):
    open_slots(ctx.db, DEFAULT_STUDY, "DL2", 3, date(2025, 11, 1), None, TODAY)
    page = EscalationPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    assert page.levels.rowCount() == 1 and page.patients.rowCount() == 1
    assert "3+3 dose escalation, 1 patient in Part 1" in page.heading.text()
    assert "No RP2D declared yet" in page.heading.text()
    opened = []
    monkeypatch.setattr(DltReviewDialog, "exec", lambda self: opened.append(
        self.patient.subject_id) or 0)
    page.patient_table.setFocus()
    page.patient_table.setCurrentIndex(page.patients.index(0, 0))
    qtbot.keyClick(page.patient_table, Qt.Key.Key_Return)
    assert opened == ["101-001"]


def test_a_dlt_review_by_keyboard_once_the_period_is_over(qtbot, ctx, dosed):
    patient = escalation_view(ctx.db, DEFAULT_STUDY, TODAY).levels[0].patients[0]
    assert patient.evaluability.status is Evaluable.PENDING  # compliance not recorded
    dialog = _open(qtbot, DltReviewDialog(ctx, patient))
    tab_to(qtbot, dialog.fields["evaluable"])
    press(qtbot, Qt.Key.Key_Space)                               # ticked: evaluable
    tab_to(qtbot, dialog.fields["comment"])
    type_(qtbot, "took every dose per the diary")
    save(qtbot, dialog)
    after = escalation_view(ctx.db, DEFAULT_STUDY, TODAY).levels[0]
    assert after.patients[0].review is not None and after.evaluable == 1


def test_a_hold_and_a_dispensing_by_keyboard_on_the_dosing_tab(qtbot, ctx, dosed):
    dialog = _open(qtbot, ModificationDialog(ctx, dosed))
    assert here() is dialog.fields["kind"]
    type_(qtbot, "H")                                            # "Hold"
    assert not dialog.fields["to_level"].isEnabled()
    press(qtbot, Qt.Key.Key_Tab)
    type_(qtbot, "30-JAN-2026")
    tab_to(qtbot, dialog.fields["end"])
    type_(qtbot, "05-FEB-2026")
    tab_to(qtbot, dialog.fields["why"])
    type_(qtbot, "grade 3 neutropenia")
    save(qtbot, dialog)
    supply = _open(qtbot, SupplyDialog(ctx, dosed))
    assert here() is supply.fields["dispensed_on"].edit          # the cycle is offered: 1
    type_(qtbot, "12-JAN-2026")
    press(qtbot, Qt.Key.Key_Tab)
    tab_to(qtbot, supply.fields["lot"])
    type_(qtbot, "L2026-07")
    press(qtbot, Qt.Key.Key_Tab)
    type_(qtbot, "84")
    tab_to(qtbot, supply.fields["returned_on"])
    type_(qtbot, "02-FEB-2026")
    press(qtbot, Qt.Key.Key_Tab)
    tab_to(qtbot, supply.fields["returned"])
    type_(qtbot, "90")                                           # more than dispensed
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert supply.isVisible() and "90 tablets returned is more than the 84" in \
        supply.error.text()
    assert here() is supply.fields["returned"]
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_(qtbot, "20")
    save(qtbot, supply)
    page = dosing_page(ctx.db, dosed, TODAY)
    assert page.modifications[0].mod.end == date(2026, 2, 5)
    c1 = page.compliance[0]
    assert (c1.taken, c1.planned) == (16, 21)  # (84 - 20) tablets at 4 a dose (100 mg / 25)
    tab = DosingTab(ctx, dosed)
    qtbot.addWidget(tab)
    tab.refresh()
    assert tab.mods.rowCount() == 1 and "16 of 21 planned doses" in tab.supplies.data(
        tab.supplies.index(0, 7))
    assert "Dose level today: <b>DL2 · 100 mg</b>" in tab.summary.text()


def test_the_place_exports_the_summary_and_the_dlt_review_list(qtbot, ctx, dosed, tmp_path):
    from openpyxl import load_workbook

    from tests.conftest import name_the_site

    name_the_site(ctx.db)  # an export names the site (refused, in a message, without it)
    page = EscalationPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    page.export(str(tmp_path / "escalation.xlsx"))
    book = load_workbook(tmp_path / "escalation.xlsx")
    assert book.sheetnames == ["Dose levels", "DLT review"]
    cells = [c.value for row in book["DLT review"].iter_rows() for c in row]
    assert "101-001" in cells and "Evaluable (derived)" in cells
