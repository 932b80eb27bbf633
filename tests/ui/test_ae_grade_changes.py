"""An AE whose grade changes, typed by keys: each change closes the grade before it, the
patient's AE tab shows the grade now, and the next visit reviews it at that grade."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from app.rules.safety import GradeSpell
from app.services.adverse_events import patient_aes
from tests.ui.conftest import TODAY
from tests.ui.test_dialogs_by_keyboard import _dictionary, _open, press, save, tab_to, type_
from ui.ae_dialog import AeDialog
from ui.main_window import MainWindow


def _add_change(qtbot, dialog, grade: str, start: str) -> None:  # type: ignore[no-untyped-def]
    """Click "Add a change of grade", then type its grade and the day it began."""
    button = next(b for b in dialog.findChildren(QPushButton)
                  if b.text() == "Add a change of grade")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    row = dialog.grades.rowCount() - 1
    assert dialog.grades.hasFocus() and dialog.grades.currentRow() == row
    type_(qtbot, grade)                                   # the grade's list, at "2: …"
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Right)                        # to "From"
    type_(qtbot, start)
    press(qtbot, Qt.Key.Key_Return)


def test_grade_changes_typed_by_keys_close_the_grade_before_and_show_the_grade_now(
        qtbot, ctx, dosed, tmp_path):
    _dictionary(ctx, tmp_path)
    dialog = _open(qtbot, AeDialog(ctx, dosed, "101-001", 1))
    type_(qtbot, "nausea")
    press(qtbot, Qt.Key.Key_Tab)
    type_(qtbot, "naus")
    press(qtbot, Qt.Key.Key_Return)
    type_(qtbot, "02-FEB-2026")                           # the onset
    tab_to(qtbot, dialog.grades)
    type_(qtbot, "1")
    press(qtbot, Qt.Key.Key_Return)
    _add_change(qtbot, dialog, "2", "05-FEB-2026")
    assert dialog.grades.item(0, 2).text() == "04-FEB-2026"   # grade 1 closed the day before
    _add_change(qtbot, dialog, "1", "11-FEB-2026")
    assert dialog.grades.item(1, 2).text() == "10-FEB-2026"
    # the day the grade 2 started, typed again: the grade before it follows
    dialog.grades.item(1, 1).setText("06-FEB-2026")
    assert dialog.grades.item(0, 2).text() == "05-FEB-2026"
    dialog.grades.item(1, 1).setText("05-FEB-2026")
    assert dialog.grades.item(2, 2).text() == ""              # the grade now: still
    tab_to(qtbot, dialog.fields["relationship"])
    type_(qtbot, "pos")
    save(qtbot, dialog)
    [ae] = patient_aes(ctx.db, dosed, datetime(2026, 3, 1))
    assert list(ae.grades) == [GradeSpell(1, date(2026, 2, 2), date(2026, 2, 4)),
                               GradeSpell(2, date(2026, 2, 5), date(2026, 2, 10)),
                               GradeSpell(1, date(2026, 2, 11))]
    # the patient's AE tab: a Current grade column; the next visit reviews it at grade 1
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.open_patient(dosed)
    view = window.patient_view
    model = view.ae_model
    column = [model.headerData(c, Qt.Orientation.Horizontal)
              for c in range(model.columnCount())].index("Current grade")
    assert model.index(0, column).data() == "1 since 11-FEB-2026"
    visit = view.visit_dialog("C1D15")
    qtbot.addWidget(visit)
    assert "Nausea, grade 1 since 11-FEB-2026 (worst 2)" in visit.intro.text()


def test_an_end_typed_by_the_nurse_is_kept_when_the_next_grade_starts(qtbot, ctx, dosed,
                                                                      tmp_path):
    _dictionary(ctx, tmp_path)
    dialog = _open(qtbot, AeDialog(ctx, dosed, "101-001", 1))
    dialog.choose("10028813")
    qtbot.keyClicks(dialog.fields["onset_date"].edit, "02-FEB-2026")
    dialog.set_grade(0, 1)
    dialog.grades.item(0, 2).setText("03-FEB-2026")          # typed: the nurse's
    _add_change(qtbot, dialog, "2", "05-FEB-2026")
    assert dialog.grades.item(0, 2).text() == "03-FEB-2026"
    dialog.grades.item(1, 1).setText("")                      # a start wiped: nothing moves
    assert dialog.grades.item(0, 2).text() == "03-FEB-2026"


def test_a_saved_grade_closed_by_the_next_one_follows_a_corrected_start(qtbot, ctx, dosed,
                                                                       tmp_path):
    from app.services.adverse_events import AeForm, save_ae

    _dictionary(ctx, tmp_path)
    feb = lambda day: date(2026, 2, day)  # noqa: E731
    save_ae(ctx.db, ctx.protocol, dosed, AeForm(
        verbatim="nausea", meddra_code="10028813", onset_date=feb(2),
        grades=[GradeSpell(1, feb(2), feb(3)), GradeSpell(2, feb(5)), GradeSpell(3, feb(8))]),
        TODAY)
    [ae] = patient_aes(ctx.db, dosed, datetime(2026, 3, 1))
    assert ae.grades[1].end == feb(7)                         # closed by the save
    dialog = _open(qtbot, AeDialog(ctx, dosed, "101-001", 1, ae))
    dialog.grades.setFocus()
    dialog.grades.setCurrentCell(2, 1)
    type_(qtbot, "09-FEB-2026")                               # the grade 3 began a day later
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.grades.item(1, 2).text() == "08-FEB-2026"   # closed by it: follows
    dialog.grades.setCurrentCell(1, 1)
    type_(qtbot, "06-FEB-2026")
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.grades.item(0, 2).text() == "03-FEB-2026"   # typed by the nurse: kept
    tab_to(qtbot, dialog.fields["reason"])
    type_(qtbot, "dates corrected from the notes")
    save(qtbot, dialog)
    [ae] = patient_aes(ctx.db, dosed, datetime(2026, 3, 1))
    assert list(ae.grades) == [GradeSpell(1, feb(2), feb(3)), GradeSpell(2, feb(6), feb(8)),
                               GradeSpell(3, feb(9))]
