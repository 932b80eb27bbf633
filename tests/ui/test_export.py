"""Every list on screen exports as shown: Ctrl+E in it, a file offered in Documents with a
name saying what it holds, the header block naming study, site, time and user."""

from __future__ import annotations

import csv
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from tests.ui.conftest import activate
from ui.export import suggested_file


def test_ctrl_e_exports_the_worklist_as_shown(qtbot, sqlite_demo_site, tmp_path, monkeypatch):
    from app.rules.protocol import default_protocol
    from ui.context import Context
    from ui.main_window import WORKLIST, MainWindow

    today = date(2026, 11, 25)
    sqlite_db = sqlite_demo_site(today, patients=6, second_study=0)
    ctx = Context(sqlite_db, default_protocol(), clock=lambda: today)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    activate(window)
    window.go(WORKLIST)
    offered: list[str] = []
    target = tmp_path / "worklist.csv"

    def save_as(_parent, _title, suggested, _filters):  # type: ignore[no-untyped-def]
        offered.append(suggested)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    table = window.worklist.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert offered and offered[0].endswith("Worklist_IMP7068-101_25-NOV-2026.xlsx")
    lines = list(csv.reader(target.open(encoding="utf-8-sig", newline="")))
    assert lines[0] == ["Listing", "Worklist"] and lines[1] == ["Study", "IMP7068-101"]
    assert lines[4][0] == "Exported by" and lines[4][1]
    model = window.worklist.model
    columns = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert lines[7] == columns
    assert len(lines) - 8 == model.rowCount() > 0
    assert lines[8][0] == model.data(model.index(0, 0))                # the words of the screen
    assert "rows" in window.statusBar().currentMessage()


def test_suggested_names_say_what_the_file_holds():
    name = suggested_file("101-001", "C2D1", day=date(2026, 11, 25), ending=".pdf")
    assert name.endswith("101-001_C2D1_25-NOV-2026.pdf")
    assert suggested_file("PK samples/all", ending=".csv").endswith("PK-samples-all.csv")


def test_the_patients_list_sorts_by_a_header_and_filters_by_arm(qtbot, sqlite_demo_site):
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QApplication

    from app.rules.protocol import default_protocol
    from ui.context import Context
    from ui.main_window import PATIENTS, MainWindow

    today = date(2026, 11, 25)
    sqlite_db = sqlite_demo_site(today, patients=16, second_study=0)
    ctx = Context(sqlite_db, default_protocol(), clock=lambda: today)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    activate(window)
    window.go(PATIENTS)
    page = window.patients
    model = page.model
    subjects = [r.subject_id for r in model.rows]
    assert subjects == sorted(subjects)
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(0) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    after = [r.subject_id for r in model.rows]
    assert after == sorted(subjects, reverse=True)              # the header sorts, both ways
    page.refresh()
    assert [r.subject_id for r in model.rows] == after          # and stays sorted on refresh
    page.arm.setFocus()
    qtbot.keyClicks(page.arm, "DL2")                            # "DL2 · 100 mg"
    QApplication.processEvents()
    assert page.arm.currentText() == "DL2 · 100 mg"
    assert model.rows and all(r.dose_level == "DL2" for r in model.rows)
    assert all(model.data(model.index(i, 4)) == "DL2 · 100 mg" for i in range(model.rowCount()))
    qtbot.keyClick(page.arm, Qt.Key.Key_Home)                   # all, then one down: Part 1
    qtbot.keyClick(page.arm, Qt.Key.Key_Down)
    assert page.arm.currentText() == "Part 1"
    assert model.rows and all(r.part == 1 for r in model.rows)


def test_the_file_menu_exports_the_visits_as_a_calendar(qtbot, sqlite_demo_site, tmp_path):
    from icalendar import Calendar

    from app.rules.protocol import default_protocol
    from ui.context import Context
    from ui.main_menu import export_calendar
    from ui.main_window import MainWindow

    today = date(2026, 11, 25)
    sqlite_db = sqlite_demo_site(today, patients=6, second_study=0)
    window = MainWindow(Context(sqlite_db, default_protocol(), clock=lambda: today))
    qtbot.addWidget(window)
    assert any(a.text().startswith("Export visits to a &calendar")
               for a in window.menuBar().actions()[0].menu().actions())
    export_calendar(window, str(tmp_path / "visits.ics"))
    events = list(Calendar.from_ical((tmp_path / "visits.ics").read_bytes()).walk("VEVENT"))
    assert events and "visits written to" in window.statusBar().currentMessage()


def test_the_file_menu_exports_sdtm_and_odm(qtbot, sqlite_demo_site, tmp_path):
    import xml.etree.ElementTree as ET

    from app.rules.protocol import default_protocol
    from ui.context import Context
    from ui.main_menu import export_for_sponsor
    from ui.main_window import MainWindow

    today = date(2026, 11, 25)
    sqlite_db = sqlite_demo_site(today, patients=6, second_study=0)
    window = MainWindow(Context(sqlite_db, default_protocol(), clock=lambda: today))
    qtbot.addWidget(window)
    texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "Export &SDTM (.xpt, .csv, .xlsx)…" in texts
    assert "Export CDISC &ODM 1.3.2 (.xml)…" in texts
    export_for_sponsor(window, "odm", str(tmp_path / "site.xml"))
    assert ET.parse(tmp_path / "site.xml").getroot().get("ODMVersion") == "1.3.2"
    assert "6 subjects in ODM 1.3.2 written to" in window.statusBar().currentMessage()


def test_import_patients_from_the_file_menu_checks_first_then_imports(qtbot, ctx, tmp_path,
                                                                       monkeypatch):
    import csv as csv_module

    from PySide6.QtWidgets import QMessageBox

    from app.services.patients import list_patients
    from ui.main_menu import import_from_spreadsheet
    from ui.main_window import MainWindow

    path = tmp_path / "patients.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv_module.writer(fh).writerows([
            ["Subject ID", "Initials", "Part", "Dose level", "Consent date"],
            ["101-001", "AB", "1", "DL1", "01-DEC-2025"]])
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    asked: list[str] = []
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _w, _t, text, *a: asked.append(text) or answers.pop(0))
    import_from_spreadsheet(window, str(path))       # checked off the GUI thread, shown,
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=10_000)        # then declined
    assert "would import 1 patient and 0 visits" in asked[0] and list_patients(ctx.db) == []
    import_from_spreadsheet(window, str(path))
    qtbot.waitUntil(lambda: list_patients(ctx.db) != [], timeout=10_000)
    assert [p.subject_id for p in list_patients(ctx.db)] == ["101-001"]
    qtbot.waitUntil(lambda: "1 patient" in window.statusBar().currentMessage())
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.detailedText()))
    import_from_spreadsheet(window, str(path))                     # now already enrolled
    qtbot.waitUntil(lambda: shown != [], timeout=10_000)
    assert "row 2, Subject ID: 101-001 is already enrolled" in shown[0] and len(asked) == 2


def test_the_sdtm_dialog_by_keyboard_refuses_then_writes_the_chosen_format(qtbot, sqlite_demo_site,
                                                                          tmp_path):
    import pandas as pd
    from PySide6.QtWidgets import QCheckBox, QDialog

    from app.rules.protocol import default_protocol
    from tests.ui.test_dialogs_by_keyboard import _open, here, press, tab_to, type_
    from ui.context import Context
    from ui.sdtm_dialog import SdtmExportDialog

    today = date(2026, 11, 25)
    sqlite_db = sqlite_demo_site(today, patients=6, second_study=3)
    dialog = _open(qtbot, SdtmExportDialog(Context(sqlite_db, default_protocol(),
                                                   clock=lambda: today)))
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)   # no folder yet
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=30000)   # checked off the GUI
    assert dialog.isVisible() and "Choose the folder" in dialog.error.text()
    assert here() is dialog.fields["path"]
    tab_to(qtbot, dialog.fields["study"], back=True)
    type_(qtbot, "I")                                                 # IMP7068-101
    tab_to(qtbot, dialog.fields["format"])
    type_(qtbot, "C")                                                 # CSV
    tab_to(qtbot, dialog.fields["define"])
    press(qtbot, Qt.Key.Key_Space)                                    # no define.xml
    define = dialog.fields["define"]
    assert isinstance(define, QCheckBox) and not define.isChecked()
    tab_to(qtbot, dialog.fields["path"])
    type_(qtbot, str(tmp_path / "sdtm"))
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=60000)
    folder = tmp_path / "sdtm"
    assert [p.name for p in folder.iterdir()] == ["IMP7068-101"]
    files = {p.name for p in (folder / "IMP7068-101").iterdir()}
    assert {"dm.csv", "sv.csv", "ae.csv"} <= files and "define.xml" not in files
    assert len(pd.read_csv(folder / "IMP7068-101" / "dm.csv")) == 6
    assert "SDTM IMP7068-101 (DM, SV" in dialog.summary()


def test_the_sdtm_dialog_names_what_does_not_conform_and_writes_nothing(qtbot, sqlite_demo_site,
                                                                        tmp_path):
    from sqlalchemy import select

    from app.rules.protocol import default_protocol
    from db.models import AdverseEvent
    from tests.ui.test_dialogs_by_keyboard import _open, here, press, tab_to, type_
    from ui.context import Context
    from ui.sdtm_dialog import SdtmExportDialog

    today = date(2026, 11, 25)
    sqlite_db = sqlite_demo_site(today, patients=6, second_study=0)
    with sqlite_db.unit_of_work(reason="test") as session:
        session.scalars(select(AdverseEvent)).first().term = None  # not coded
    dialog = _open(qtbot, SdtmExportDialog(Context(sqlite_db, default_protocol(),
                                                   clock=lambda: today)))
    tab_to(qtbot, dialog.fields["path"])
    type_(qtbot, str(tmp_path / "sdtm"))
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=60000)
    assert "does not conform" in dialog.error.text() and "AEDECOD" in dialog.error.text()
    assert dialog.isVisible() and here() is dialog.folder
    assert dialog.folder.text() == str(tmp_path / "sdtm")            # kept as typed
    assert not (tmp_path / "sdtm").exists()
