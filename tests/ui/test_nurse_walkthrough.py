"""A clinic day walked by keys in the real window, as a study nurse does: enrol, the lead-in
dose, C1D1, an AE whose grade changes, the next visit's review, a cycle delayed for toxicity
booked on its new date in one save, and end of treatment closing the visits never recorded."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QListWidget, QMessageBox

from app.rules.protocol import default_protocol
from app.services.patients import find_patient
from tests.ui.conftest import activate
from tests.ui.test_ae_grade_changes import _add_change
from tests.ui.test_dialogs_by_keyboard import _dictionary, press, tab_to, type_
from ui.context import Context
from ui.forms import FormDialog
from ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def _by_keys(qtbot, monkeypatch, steps):  # type: ignore[no-untyped-def]
    """The next dialogs' exec(): shown, typed by `steps` in turn, saved by Ctrl+S."""
    queue = list(steps)
    errors: list[str] = []

    def run(dialog) -> int:  # type: ignore[no-untyped-def]
        qtbot.addWidget(dialog)
        activate(dialog)
        queue.pop(0)(dialog)
        qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_S, CTRL)
        if dialog.isVisible():
            errors.append(dialog.error.text())
            dialog.reject()
        return int(dialog.result())

    monkeypatch.setattr(FormDialog, "exec", run)
    return errors


def _select(view, code: str) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QTreeWidgetItemIterator

    from ui.patient_calendar import CODE_ROLE

    found = QTreeWidgetItemIterator(view.tree)
    while found.value():
        if found.value().data(0, CODE_ROLE) == code:
            view.tree.setFocus()
            view.tree.setCurrentItem(found.value())
            return
        found += 1
    raise AssertionError(f"no row {code}")


def _done(qtbot, day: str, at: str):  # type: ignore[no-untyped-def]
    def steps(dialog) -> None:  # type: ignore[no-untyped-def]
        assert dialog.fields["outcome"].hasFocus()        # the same first field every time
        type_(qtbot, "D")                                 # Done
        press(qtbot, Qt.Key.Key_Tab)
        dialog.fields["actual_date"].edit.selectAll()
        type_(qtbot, day)
        press(qtbot, Qt.Key.Key_Tab)
        type_(qtbot, at)
    return steps


def test_a_clinic_day_by_keys(qtbot, sqlite_db, monkeypatch, tmp_path):
    day = [date(2026, 11, 2)]
    ctx = Context(sqlite_db, default_protocol(), clock=lambda: day[0])
    _dictionary(ctx, tmp_path)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    activate(window)

    def enrol(dialog) -> None:  # type: ignore[no-untyped-def]
        for name, text in (("subject_id", "101-013"), ("initials", "NRS"),
                           ("year_of_birth", "1958")):
            tab_to(qtbot, dialog.fields[name])
            type_(qtbot, text)
        tab_to(qtbot, dialog.fields["sex"])
        type_(qtbot, "F")
        tab_to(qtbot, dialog.fields["dose_level"])
        type_(qtbot, "DL1")
        for name, text in (("consent_date", "02-NOV-2026"), ("screening_date", "02-NOV-2026"),
                           ("planned_first_dose", "16-NOV-2026")):
            tab_to(qtbot, dialog.fields[name])
            type_(qtbot, text)

    errors = _by_keys(qtbot, monkeypatch, [enrol])
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)              # File > Enrol a patient
    assert errors == []
    pid = find_patient(sqlite_db, "101-013")
    assert pid is not None
    window.open_patient(pid)
    view = window.patient_view
    assert view.page.records["SCR"].actual_date == date(2026, 11, 2)  # the screening date

    # the lead-in PK day, then C1D1, each from the calendar by Enter
    for code, when, typed in (("LI", date(2026, 11, 16), "16-NOV-2026"),
                              ("C1D1", date(2026, 11, 23), "23-NOV-2026")):
        day[0] = when
        view.refresh()
        _select(view, code)
        errors = _by_keys(qtbot, monkeypatch, [_done(qtbot, typed, "09:00")])
        qtbot.keyClick(view.tree, Qt.Key.Key_Return)
        assert errors == []
        assert view.page.records[code].actual_date == when
        assert view.selected_code() == code                # the row stays selected

    # nausea G1 from 22-NOV, G2 from 25-NOV, G1 from 01-DEC: each grade closes the one before
    day[0] = date(2026, 12, 2)
    view.refresh()

    def ae(dialog) -> None:  # type: ignore[no-untyped-def]
        type_(qtbot, "nausea")
        press(qtbot, Qt.Key.Key_Tab)
        type_(qtbot, "naus")
        press(qtbot, Qt.Key.Key_Return)
        type_(qtbot, "22-NOV-2026")
        tab_to(qtbot, dialog.grades)
        type_(qtbot, "1")
        press(qtbot, Qt.Key.Key_Return)
        _add_change(qtbot, dialog, "2", "25-NOV-2026")
        _add_change(qtbot, dialog, "1", "01-DEC-2026")
        assert [dialog.grades.item(r, 2).text() for r in range(3)] == [
            "24-NOV-2026", "30-NOV-2026", ""]
        tab_to(qtbot, dialog.fields["relationship"])
        type_(qtbot, "pos")

    errors = _by_keys(qtbot, monkeypatch, [ae])
    view.open_ae(None)
    assert errors == []
    model = view.ae_model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert model.index(0, headers.index("Current grade")).data() == "1 since 01-DEC-2026"
    visit = view.visit_dialog("C1D15")
    qtbot.addWidget(visit)
    assert "Nausea, grade 1 since 01-DEC-2026 (worst 2)" in visit.intro.text()
    visit.reject()

    # C2D1 delayed 7 days for toxicity, booked on its new date: one save, no reason asked
    day[0] = date(2026, 12, 10)
    view.refresh()

    def delayed(dialog) -> None:  # type: ignore[no-untyped-def]
        tab_to(qtbot, dialog.fields["booked_date"])
        type_(qtbot, "21-DEC-2026")
        tab_to(qtbot, dialog.fields["delay_days"])
        type_(qtbot, "7")
        tab_to(qtbot, dialog.fields["delay_reason"])
        type_(qtbot, "tox")

    _select(view, "C2D1")
    errors = _by_keys(qtbot, monkeypatch, [delayed])
    qtbot.keyClick(view.tree, Qt.Key.Key_Return)
    assert errors == []
    record = view.page.records["C2D1"]
    assert (record.booked_date, record.delay_days, record.booking_reason) == (
        date(2026, 12, 21), 7, None)

    # end of treatment (last dose at C1D1): the past visits never recorded are listed,
    # ticked, and closed as not done in the same save
    day[0] = date(2026, 12, 28)
    view.refresh()
    listed: list[str] = []

    def ending(dialog) -> None:  # type: ignore[no-untyped-def]
        tab_to(qtbot, dialog.fields["last_dose_date"])
        type_(qtbot, "23-NOV-2026")
        tab_to(qtbot, dialog.fields["end_of_treatment_reason"])
        type_(qtbot, "Adv")
        QApplication.processEvents()
        box = dialog.fields["not_done"]
        found = box if isinstance(box, QListWidget) else box.findChild(QListWidget)
        listed.extend(found.item(i).text().split()[0] for i in range(found.count()))
        assert dialog.fields["not_done_reason"].currentText() == "Ended treatment"

    errors = _by_keys(qtbot, monkeypatch, [ending])
    asked: list[str] = []                                   # the booked C2D1 is cancelled
    monkeypatch.setattr(QMessageBox, "question", lambda _parent, title, *_a: asked.append(
        title) or QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(view.disposition_button, Qt.MouseButton.LeftButton)
    assert errors == []
    assert {"LI24", "LI48"} <= set(listed) and asked == ["Booked visits"]
    statuses = {r.code: str(getattr(r.status, "value", r.status)) for r in view.page.calendar}
    assert statuses["LI24"] == statuses["LI48"] == "missed"
    assert not [c for c, s in statuses.items() if s == "overdue"]
