"""End of treatment by keys lists the visits left open and records the ticked ones not done
in the same save (issue 40, item 1). The patient was dosed on 05-JAN-2026 (C1D1 12-JAN) and
nothing else was recorded; today is 02-MAR-2026."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.services.patients import list_patients, patient_page
from tests.ui.conftest import TODAY
from tests.ui.test_dialogs_by_keyboard import CTRL, _open, here, press, save, tab_to, type_
from ui.dialogs import DispositionDialog

LEFT_OPEN = ["SCR", "LI24", "LI48", "C1D2", "C1D8", "C1D15", "C2D1", "EOT"]


def _dialog(qtbot, ctx, pid):  # type: ignore[no-untyped-def]
    page = patient_page(ctx.db, ctx.protocol, pid, TODAY)
    return _open(qtbot, DispositionDialog(ctx, pid, page.disposition, None, page.version))


def _listed(dialog) -> list[str]:  # type: ignore[no-untyped-def]
    listing = dialog.fields["not_done"]
    return [listing.item(i).text().split()[0] for i in range(listing.count())]


def test_end_of_treatment_records_the_open_visits_not_done(qtbot, ctx, dosed):
    dialog = _dialog(qtbot, ctx, dosed)
    assert _listed(dialog) == [*LEFT_OPEN[:-1], "C3D1"]         # before a last dose
    type_(qtbot, "20-FEB-2026")                                  # Last dose
    assert _listed(dialog) == LEFT_OPEN                          # C3D1 cancelled, EOT due
    listing = dialog.fields["not_done"]                          # each line read whole
    assert all(listing.fontMetrics().horizontalAdvance(listing.item(i).text())
               <= listing.viewport().width() for i in range(listing.count()))
    press(qtbot, Qt.Key.Key_Tab)
    type_(qtbot, "adv")                                          # "Adverse event"
    tab_to(qtbot, dialog.fields["not_done"])
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Space)                               # LI24 left open
    press(qtbot, Qt.Key.Key_Tab)
    assert here() is dialog.fields["not_done_reason"]
    assert dialog.fields["not_done_reason"].currentText() == "Ended treatment"
    save(qtbot, dialog)
    page = patient_page(ctx.db, ctx.protocol, dosed, TODAY)
    assert page.disposition["last_dose_date"] == date(2026, 2, 20)
    missed = {code: r.missed_reason for code, r in page.records.items() if r.outcome == "missed"}
    assert missed == {c: "ended treatment" for c in LEFT_OPEN if c != "LI24"}
    assert [r.code for r in page.calendar if r.status == "overdue"] == ["LI24"]


def test_a_death_with_the_nurses_own_reason_and_no_next_visit(qtbot, ctx, dosed):
    dialog = _dialog(qtbot, ctx, dosed)
    type_(qtbot, "20-FEB-2026")
    press(qtbot, Qt.Key.Key_Tab)
    type_(qtbot, "dea")                                          # "Death"
    tab_to(qtbot, dialog.fields["death_date"])
    type_(qtbot, "25-FEB-2026")
    press(qtbot, Qt.Key.Key_Tab)
    type_(qtbot, "disease progression")
    tab_to(qtbot, dialog.fields["not_done_reason"])
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_(qtbot, "patient in hospice")
    save(qtbot, dialog)
    page = patient_page(ctx.db, ctx.protocol, dosed, TODAY)
    assert {r.missed_reason for r in page.records.values() if r.outcome == "missed"} == {
        "patient in hospice"}
    assert not [r for r in page.calendar if r.status in ("overdue", "open", "planned")]
    [row] = list_patients(ctx.db)
    assert (row.status, row.next_visit_date) == ("off_study", None)


def test_no_reason_is_refused_on_its_field_and_nothing_is_saved(qtbot, ctx, dosed):
    dialog = _dialog(qtbot, ctx, dosed)
    type_(qtbot, "20-FEB-2026")
    press(qtbot, Qt.Key.Key_Tab)
    type_(qtbot, "adv")
    tab_to(qtbot, dialog.fields["not_done_reason"])
    press(qtbot, Qt.Key.Key_A, CTRL)
    press(qtbot, Qt.Key.Key_Backspace)
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "reason the visits were not done" in dialog.error.text()
    assert here() in (dialog.fields["not_done_reason"],
                      dialog.fields["not_done_reason"].lineEdit())
    assert dialog.fields["last_dose_date"].edit.text() == "20-FEB-2026"  # kept
    page = patient_page(ctx.db, ctx.protocol, dosed, TODAY)
    assert page.disposition["last_dose_date"] is None
    assert not [r for r in page.records.values() if r.outcome == "missed"]


def test_nothing_left_open_shows_no_list(qtbot, ctx, dosed):
    from app.services.disposition import DispositionForm, NotDone, open_past_visits, set_disposition

    form = DispositionForm(last_dose_date=date(2026, 2, 20), end_of_treatment_reason="completed")
    codes = frozenset(v.code for v in open_past_visits(ctx.db, ctx.protocol, dosed, form, TODAY))
    set_disposition(ctx.db, ctx.protocol, dosed, form, TODAY,
                    not_done=NotDone(codes, "ended treatment"))
    dialog = _dialog(qtbot, ctx, dosed)
    assert dialog.fields["not_done"].isHidden() and dialog.fields["not_done_reason"].isHidden()
    dialog.reject()


def test_a_contact_that_finds_the_patient_dead_closes_what_is_left_open(qtbot, ctx, dosed):
    from app.services.disposition import DispositionForm, NotDone, open_past_visits, set_disposition
    from ui.dialogs import ContactDialog

    form = DispositionForm(last_dose_date=date(2026, 2, 20), end_of_treatment_reason="completed")
    codes = frozenset(v.code for v in open_past_visits(ctx.db, ctx.protocol, dosed, form, TODAY))
    set_disposition(ctx.db, ctx.protocol, dosed, form, TODAY,
                    not_done=NotDone(codes - {"EOT"}, "ended treatment"))  # EOT left open
    dialog = _open(qtbot, ContactDialog(ctx, dosed))
    assert dialog.fields["contact_date"].hasFocus()              # How and Result unanswered
    assert dialog.read_choice("method") is None and dialog.read_choice("result") is None
    assert dialog.fields["not_done"].isHidden()                  # nothing answered ends nothing
    tab_to(qtbot, dialog.fields["method"])
    type_(qtbot, "p")                                            # "Phone"
    tab_to(qtbot, dialog.fields["result"])
    type_(qtbot, "d")                                            # "Dead"
    assert _listed(dialog) == ["EOT"] and not dialog.fields["not_done"].isHidden()
    tab_to(qtbot, dialog.fields["death_date"])
    type_(qtbot, "01-MAR-2026")
    assert _listed(dialog) == ["EOT"]                            # SFU, after it: cancelled
    assert dialog.fields["not_done_reason"].currentText() == "Off study"
    press(qtbot, Qt.Key.Key_Tab)
    type_(qtbot, "disease progression")
    save(qtbot, dialog)
    page = patient_page(ctx.db, ctx.protocol, dosed, TODAY)
    assert (page.status, page.records["EOT"].outcome, page.records["EOT"].missed_reason) == (
        "off_study", "missed", "off study")
    assert not [r for r in page.calendar if r.status in ("overdue", "open", "planned")]
