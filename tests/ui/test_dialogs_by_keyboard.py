"""Each data-entry dialog filled by key presses alone, as a nurse without a mouse does:
the focus where typing starts, Tab from field to field, letters to choose in a list, Space
to tick, Enter to pick in a list or a table, Ctrl+S to save; then what was saved is read
back from the services."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QWidget

from app.services import response as resp
from app.services.adverse_events import patient_aes
from app.services.disposition import DispositionForm, set_disposition
from app.services.patients import patient_page
from app.services.pk_samples import pk_panel
from app.services.visits import VisitEntry, record_visit
from tests.conftest import SITE_ZONE
from tests.ui.conftest import TODAY, activate
from tests.ui.conftest import enrolled as _enrolled
from ui.dialogs import (
    ContactDialog,
    DispositionDialog,
    ScreenFailDialog,
    UnscheduledDialog,
    VisitDialog,
)
from ui.pk_dialog import PkDialog
from ui.scan_dialog import ScanDialog

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


# --- a keyboard and nothing else -----------------------------------------------------------
def here() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(here(), key, modifier)
    QApplication.processEvents()  # what Qt queues after a key (a table's edit committed)


def type_(qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Each key to whatever has the focus then (a table's first key opens its editor)."""
    for char in text:
        qtbot.keyClicks(here(), char)


def _inside(widget: QWidget | None, target: QWidget) -> bool:
    while widget is not None:
        if widget is target:
            return True
        widget = widget.parentWidget()
    return False


def tab_to(qtbot, target: QWidget, back: bool = False, most: int = 30) -> None:  # type: ignore[no-untyped-def]
    """Press Tab (Shift+Tab going back) until the focus is in `target`: it is reachable."""
    for _ in range(most):
        if _inside(QApplication.focusWidget(), target):
            return
        press(qtbot, Qt.Key.Key_Backtab if back else Qt.Key.Key_Tab, SHIFT if back
              else Qt.KeyboardModifier.NoModifier)
    raise AssertionError(f"Tab never reached {target!r}; the focus is on {here()!r}")


def save(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()


def _open(qtbot, dialog):  # type: ignore[no-untyped-def]
    qtbot.addWidget(dialog)
    activate(dialog)
    return dialog


# --- patients ---------------------------------------------------------------------------------
def _row(ctx, pid: int, code: str):  # type: ignore[no-untyped-def]
    page = patient_page(ctx.db, ctx.protocol, pid, TODAY)
    return page, next(r for r in page.calendar if r.code == code)


def _dictionary(ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The tests' CTCAE terms loaded (Nausea, Alopecia, two gastro-intestinal terms...)."""
    import csv

    from app.services.dictionary import import_dictionary
    from tests.app.services.test_adverse_events import HEADER, TERMS

    path = tmp_path / "ctcae.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([HEADER, *TERMS])
    import_dictionary(ctx.db, path)


# --- the dialogs ------------------------------------------------------------------------------
def test_a_visit_recorded_done_by_keyboard_with_the_current_dose_offered(qtbot, ctx):
    pid = _enrolled(ctx)
    page, row = _row(ctx, pid, "LI")
    dialog = _open(qtbot, VisitDialog(ctx, pid, "101-001", row, None,
                                      dose_level=page.current_dose_level))
    assert here() is dialog.fields["outcome"]                    # the first field, always
    assert dialog.read_choice("dose_level") is None
    type_(qtbot, "D")                                            # "Done"
    assert (dialog.read_choice("dose_level"), dialog.read_choice("dose_action")) == (
        "DL2", "as planned")                                     # the patient's dose, offered
    press(qtbot, Qt.Key.Key_Tab)
    assert here() is dialog.fields["actual_date"].edit           # the Pick… button skipped
    assert here().text() == "02-MAR-2026"                        # today, offered
    type_(qtbot, "05-JAN-2026")                                  # typed over it
    press(qtbot, Qt.Key.Key_Tab)
    type_(qtbot, "08:30")
    tab_to(qtbot, dialog.fields["comment"])
    type_(qtbot, "taken with water")
    save(qtbot, dialog)
    record = patient_page(ctx.db, ctx.protocol, pid, TODAY).records["LI"]
    assert (record.outcome, record.actual_date, record.actual_time, record.dose_level,
            record.dose_action, record.comment) == (
        "done", date(2026, 1, 5), time(8, 30), "DL2", "as planned", "taken with water")


def test_an_adverse_event_coded_and_graded_by_keyboard(qtbot, ctx, dosed, tmp_path):
    from ui.ae_dialog import AeDialog

    _dictionary(ctx, tmp_path)
    dialog = _open(qtbot, AeDialog(ctx, dosed, "101-001", 1))
    assert here() is dialog.fields["verbatim"]
    type_(qtbot, "felt sick")
    press(qtbot, Qt.Key.Key_Tab)
    assert here() is dialog.search
    type_(qtbot, "naus")
    press(qtbot, Qt.Key.Key_Return)                              # picks, never saves
    assert dialog.isVisible() and dialog.entry is not None and dialog.entry.term == "Nausea"
    assert here() is dialog.fields["onset_date"].edit            # on to the onset
    type_(qtbot, "20-JAN-2026")
    tab_to(qtbot, dialog.grades)
    type_(qtbot, "2")                                            # the grade's list, at "2: …"
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.grade_at(0) == 2 and dialog.isVisible()
    press(qtbot, Qt.Key.Key_Tab)                                 # out of the table
    assert not _inside(here(), dialog.grades)
    tab_to(qtbot, dialog.fields["relationship"])
    type_(qtbot, "pos")                                          # "Possible"
    save(qtbot, dialog)
    [ae] = patient_aes(ctx.db, dosed, datetime(2026, 3, 1))
    assert (ae.term, ae.verbatim, ae.worst_grade, ae.relationship) == (
        "Nausea", "felt sick", 2, "possible")


def test_an_adverse_event_with_an_onset_known_to_the_month_by_keyboard(qtbot, ctx, dosed,
                                                                       tmp_path):
    """UN-JAN-2026 typed as the onset: kept as typed, imputed to the first dose
    (05-JAN-2026, in that month), and the first grade counts from there."""
    from ui.ae_dialog import AeDialog

    _dictionary(ctx, tmp_path)
    dialog = _open(qtbot, AeDialog(ctx, dosed, "101-001", 1))
    type_(qtbot, "felt sick")
    press(qtbot, Qt.Key.Key_Tab)
    type_(qtbot, "naus")
    press(qtbot, Qt.Key.Key_Return)
    assert here() is dialog.fields["onset_date"].edit
    type_(qtbot, "un-jan-2026")
    press(qtbot, Qt.Key.Key_Tab)
    assert dialog.fields["onset_date"].edit.text() == "UN-JAN-2026"  # tidied as CDASH writes
    tab_to(qtbot, dialog.grades)
    type_(qtbot, "1")
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Tab)
    tab_to(qtbot, dialog.fields["relationship"])
    type_(qtbot, "unl")                                          # "Unlikely"
    save(qtbot, dialog)
    [ae] = patient_aes(ctx.db, dosed, datetime(2026, 3, 1))
    assert (ae.onset_text, ae.onset_date, ae.grades[0].start, ae.teae) == (
        "UN-JAN-2026", date(2026, 1, 5), date(2026, 1, 5), True)


def test_down_in_the_term_box_goes_to_the_matches(qtbot, ctx, dosed, tmp_path):
    from ui.ae_dialog import AeDialog

    _dictionary(ctx, tmp_path)
    dialog = _open(qtbot, AeDialog(ctx, dosed, "101-001", 1))
    press(qtbot, Qt.Key.Key_Tab)
    type_(qtbot, "gastro")                                       # two matches by their SOC
    assert dialog.matches.count() == 2
    press(qtbot, Qt.Key.Key_Down)
    assert here() is dialog.matches
    press(qtbot, Qt.Key.Key_Down)
    second = dialog.matches.currentItem().data(Qt.ItemDataRole.UserRole)
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.entry is not None and dialog.entry.meddra_code == second
    assert dialog.isVisible()


def test_a_baseline_scan_with_its_lesions_by_keyboard(qtbot, ctx, dosed):
    dialog = _open(qtbot, ScanDialog(ctx, dosed, "101-001"))
    date_edit = dialog.fields["scan_date"].edit
    assert here() is date_edit              # every field filled in: the first one, typed over
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_(qtbot, "28-DEC-2025")
    tab_to(qtbot, dialog.fields["baseline"])
    press(qtbot, Qt.Key.Key_Space)
    assert dialog.fields["baseline"].isChecked()
    add_target = next(b for b in dialog.findChildren(QPushButton)
                      if b.text() == "Add a target lesion")
    tab_to(qtbot, add_target)
    press(qtbot, Qt.Key.Key_Space)
    assert here() is dialog.table and dialog.table.currentColumn() == 2    # the organ
    type_(qtbot, "Liver")
    press(qtbot, Qt.Key.Key_Return)                              # kept; Enter never saves
    assert dialog.isVisible()
    press(qtbot, Qt.Key.Key_Right)
    press(qtbot, Qt.Key.Key_Right)                               # past "Lymph node", to mm
    type_(qtbot, "42")
    press(qtbot, Qt.Key.Key_Return)
    add_non_target = next(b for b in dialog.findChildren(QPushButton)
                          if b.text() == "Add a non-target lesion")
    tab_to(qtbot, add_non_target)
    press(qtbot, Qt.Key.Key_Space)
    type_(qtbot, "Bone")
    press(qtbot, Qt.Key.Key_Return)
    for _ in range(5):
        press(qtbot, Qt.Key.Key_Right)                           # to the status
    assert dialog.table.currentColumn() == 7
    type_(qtbot, "a")                                            # "Absent"
    press(qtbot, Qt.Key.Key_Return)
    save(qtbot, dialog)
    [scan] = resp.patient_response(ctx.db, ctx.protocol, dosed, TODAY).assessments
    assert (scan.date, scan.baseline) == (date(2025, 12, 28), True)
    assert [(t.id, t.organ, t.mm) for t in scan.targets] == [("T1", "Liver", Decimal(42))]
    assert [(n.id, n.organ, n.status) for n in scan.non_targets] == [("NT1", "Bone", "absent")]


def test_pk_tubes_timed_by_keyboard(qtbot, ctx):
    pid = _enrolled(ctx)
    record_visit(ctx.db, ctx.protocol, pid, "LI",
                 VisitEntry(outcome="done", actual_date=date(2026, 1, 5)), TODAY)
    dialog = _open(qtbot, PkDialog(ctx, pid, "LI"))
    assert here() is dialog.fields["dose_time"]                  # no time yet: typed first
    type_(qtbot, "08:00")
    press(qtbot, Qt.Key.Key_Tab)
    assert here() is dialog.table
    first = dialog.table.currentRow()
    assert dialog.table.currentColumn() == 3                     # "Collected (HH:MM)"
    type_(qtbot, "07:50")
    press(qtbot, Qt.Key.Key_Return)                              # kept, and down a row
    assert dialog.table.currentRow() == first + 1 and dialog.isVisible()
    type_(qtbot, "08:31")
    press(qtbot, Qt.Key.Key_Return)
    save(qtbot, dialog)
    tubes = pk_panel(ctx.db, ctx.protocol, pid, "LI").tubes
    assert tubes[first].collected_at == datetime(2026, 1, 5, 7, 50, tzinfo=SITE_ZONE)
    assert tubes[first + 1].collected_at == datetime(2026, 1, 5, 8, 31, tzinfo=SITE_ZONE)


def test_end_of_treatment_by_keyboard(qtbot, ctx, dosed):
    page = patient_page(ctx.db, ctx.protocol, dosed, TODAY)
    dialog = _open(qtbot, DispositionDialog(ctx, dosed, page.disposition, None, page.version))
    assert here() is dialog.fields["last_dose_date"].edit
    type_(qtbot, "20-FEB-2026")
    press(qtbot, Qt.Key.Key_Tab)
    assert here() is dialog.fields["end_of_treatment_reason"]
    type_(qtbot, "adv")                                          # "Adverse event"
    save(qtbot, dialog)
    saved = patient_page(ctx.db, ctx.protocol, dosed, TODAY).disposition
    assert (saved["last_dose_date"], saved["end_of_treatment_reason"]) == (
        date(2026, 2, 20), "adverse event")


def test_a_death_known_to_the_month_by_keyboard(qtbot, ctx, dosed):
    page = patient_page(ctx.db, ctx.protocol, dosed, TODAY)
    dialog = _open(qtbot, DispositionDialog(ctx, dosed, page.disposition, None, page.version))
    type_(qtbot, "20-FEB-2026")
    press(qtbot, Qt.Key.Key_Tab)
    type_(qtbot, "dea")                                          # "Death"
    tab_to(qtbot, dialog.fields["death_date"])
    type_(qtbot, "UN-FEB-2026")
    press(qtbot, Qt.Key.Key_Tab)
    assert here() is dialog.fields["death_cause"]
    type_(qtbot, "disease progression")
    save(qtbot, dialog)
    saved = patient_page(ctx.db, ctx.protocol, dosed, TODAY).disposition
    # imputed to the last day known alive: the last dose, in that month
    assert (saved["death_partial"], saved["death_date"]) == ("UN-FEB-2026", date(2026, 2, 20))


def test_a_survival_contact_by_keyboard(qtbot, ctx, dosed):
    set_disposition(ctx.db, ctx.protocol, dosed, DispositionForm(
        last_dose_date=date(2026, 2, 20), end_of_treatment_reason="toxicity"), TODAY)
    dialog = _open(qtbot, ContactDialog(ctx, dosed))
    tab_to(qtbot, dialog.fields["method"], back=True)
    type_(qtbot, "c")                                            # "Clinic"
    press(qtbot, Qt.Key.Key_Tab)
    assert here() is dialog.fields["result"]
    type_(qtbot, "a")                                            # "Alive"
    press(qtbot, Qt.Key.Key_Tab)                                 # death fields off: skipped
    assert here() is dialog.fields["subsequent_therapy"]
    type_(qtbot, "carboplatin")
    save(qtbot, dialog)
    [contact] = patient_page(ctx.db, ctx.protocol, dosed, TODAY).contacts
    assert (contact.contact_date, contact.method, contact.result,
            contact.subsequent_therapy) == (TODAY, "clinic", "alive", "carboplatin")


def test_an_unscheduled_visit_by_keyboard(qtbot, ctx, dosed):
    dialog = _open(qtbot, UnscheduledDialog(ctx, dosed))
    assert here() is dialog.fields["actual_time"]                # the date is today's
    type_(qtbot, "10:15")
    press(qtbot, Qt.Key.Key_Tab)
    assert here() is dialog.fields["unscheduled_reason"]
    type_(qtbot, "fever")
    save(qtbot, dialog)
    [visit] = patient_page(ctx.db, ctx.protocol, dosed, TODAY).unscheduled
    assert visit.unscheduled_reason == "fever"


def test_a_screen_failure_by_keyboard(qtbot, ctx):
    pid = _enrolled(ctx)
    dialog = _open(qtbot, ScreenFailDialog(ctx, pid))
    assert here() is dialog.fields["screen_fail_reason"]
    type_(qtbot, "eligibility: ANC too low")
    save(qtbot, dialog)
    page = patient_page(ctx.db, ctx.protocol, pid, TODAY)
    assert (page.status, page.screen_fail_reason) == ("screen_failed", "eligibility: ANC too low")


def test_ending_treatment_asks_before_cancelling_booked_visits(qtbot, ctx, dosed, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    _page, c2 = _row(ctx, dosed, "C2D1")
    record_visit(ctx.db, ctx.protocol, dosed, "C2D1", VisitEntry(booked_date=c2.target), TODAY)
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, _t, text, *a: asked.append(text) or answers.pop(0))
    page = patient_page(ctx.db, ctx.protocol, dosed, TODAY)
    dialog = _open(qtbot, DispositionDialog(ctx, dosed, page.disposition, None, page.version))
    type_(qtbot, "20-JAN-2026")
    press(qtbot, Qt.Key.Key_Tab)
    type_(qtbot, "adv")                                          # "Adverse event"
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert asked and "This cancels the booked visit C2D1 (" in asked[0]
    assert dialog.isVisible() and "C2D1" in dialog.error.text()           # kept, not saved
    assert patient_page(ctx.db, ctx.protocol, dosed, TODAY).disposition["last_dose_date"] is None
    save(qtbot, dialog)                                          # this time: yes, cancel it
    _page, c2 = _row(ctx, dosed, "C2D1")
    assert c2.status == "cancelled"
