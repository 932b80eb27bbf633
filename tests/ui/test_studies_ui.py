"""Many studies on screen: the study column and selector of Today, the worklist and the
patient list; enrolment into a chosen study; a patient's page in their own study's rules."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.services.demo import seed_demo
from app.services.patients import list_patients
from ui.dialogs import EnrolDialog
from ui.places import PatientsPage, WorklistPage

from .conftest import TODAY, activate


def _pick(qtbot, box, text: str, typed: str | None = None) -> None:
    """Choose an entry of a combo box by keyboard: focus it, type the entry's first letters
    (no space: a space opens the list)."""
    box.setFocus()
    qtbot.keyClicks(box, typed or text)
    assert box.currentText() == text, box.currentText()


def test_the_worklist_mixes_studies_and_filters_by_one(qtbot, ctx):
    seed_demo(ctx.db, ctx.protocol, TODAY, patients=8, second_study=6)
    page = WorklistPage(ctx)
    qtbot.addWidget(page)
    activate(page)
    page.refresh()
    assert page.study.isVisible()
    assert {r.study for r in page.model.rows} == {"ABC-2201", "IMP7068-101"}
    study_col = [page.model.headerData(i, Qt.Orientation.Horizontal)
                 for i in range(page.model.columnCount())].index("Study")
    assert page.model.data(page.model.index(0, study_col)) in ("ABC-2201", "IMP7068-101")
    _pick(qtbot, page.study, "ABC-2201")
    assert page.model.rows and {r.study for r in page.model.rows} == {"ABC-2201"}
    assert all(r.subject_id.startswith("14-") for r in page.model.rows)


def test_the_patient_list_finds_a_subject_in_any_study(qtbot, ctx):
    seed_demo(ctx.db, ctx.protocol, TODAY, patients=4, second_study=3)
    page = PatientsPage(ctx)
    qtbot.addWidget(page)
    activate(page)
    page.refresh()
    qtbot.keyClicks(page.search, "14-0002")
    assert [(r.subject_id, r.study) for r in page.model.rows] == [("14-0002", "ABC-2201")]
    page.search.clear()
    _pick(qtbot, page.study, "IMP7068-101")
    assert {r.study for r in page.model.rows} == {"IMP7068-101"}


def test_a_patient_is_enrolled_into_the_study_chosen(qtbot, ctx):
    from app.protocol import shipped_protocol_path
    from app.services.studies import add_study

    add_study(ctx.db, shipped_protocol_path("abc2201.toml"))
    dialog = EnrolDialog(ctx)
    qtbot.addWidget(dialog)
    activate(dialog)
    _pick(qtbot, dialog.fields["study"], "ABC-2201")
    assert dialog.fields["subject_id"].placeholderText() == "e.g. 14-0001"
    assert dialog.fields["dose_level"].findData("600MG") >= 0
    assert dialog.fields["dose_level"].findData("DL1") < 0
    for name, text in (("subject_id", "14-0007"), ("initials", "kl"),
                       ("year_of_birth", "1958"), ("consent_date", "02-FEB-2026"),
                       ("planned_first_dose", "23-FEB-2026")):
        w = dialog.fields[name]
        qtbot.keyClicks(getattr(w, "edit", w), text)
    _pick(qtbot, dialog.fields["dose_level"], "600 mg once daily", "600")
    qtbot.keyClick(dialog.fields["initials"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()
    [row] = list_patients(ctx.db)
    assert (row.subject_id, row.study, row.dose_level, row.next_visit_code) == (
        "14-0007", "ABC-2201", "600MG", "SCR")


def test_a_patient_page_reads_its_own_study(qtbot, ctx):
    from app.services.patients import find_patient
    from ui.patient_view import PatientView

    seed_demo(ctx.db, ctx.protocol, TODAY, patients=2, second_study=3)
    pid = find_patient(ctx.db, "14-0003")
    view = PatientView(ctx, pid)
    qtbot.addWidget(view)
    assert view.ctx.protocol.code == "ABC-2201"
    assert "ABC-2201</b> (Original protocol 1.0)" in view.header.text()
    codes = [view.tree.topLevelItem(i).child(j).text(0).split()[0]
             for i in range(view.tree.topLevelItemCount())
             for j in range(view.tree.topLevelItem(i).childCount())]
    assert "C1D22" in codes and "LI" not in codes
    assert view.tree.isColumnHidden(6)  # one protocol version made the whole calendar
