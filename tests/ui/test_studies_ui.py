"""Many studies on screen: the study column and selector of Today, the worklist and the
patient list; enrolment into a chosen study; a patient's page in their own study's rules."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.rules.protocol import default_protocol
from app.services.patients import list_patients
from tests.conftest import amendment_file
from ui.context import Context
from ui.dialogs import EnrolDialog
from ui.places import PatientsPage, WorklistPage

from .conftest import TODAY, activate


def _pick(qtbot, box, text: str, typed: str | None = None) -> None:
    """Choose an entry of a combo box by keyboard: focus it, type the entry's first letters
    (no space: a space opens the list)."""
    box.setFocus()
    qtbot.keyClicks(box, typed or text)
    assert box.currentText() == text, box.currentText()


def _demo(sqlite_demo_site, **kwargs) -> Context:
    """The window's context on a copy of a demo filled once a worker (seed_demo's `kwargs`)."""
    return Context(sqlite_demo_site(TODAY, **kwargs), default_protocol(), clock=lambda: TODAY)


def test_the_worklist_mixes_studies_and_filters_by_one(qtbot, sqlite_demo_site):
    ctx = _demo(sqlite_demo_site, patients=8, second_study=6)
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


def test_the_patient_list_finds_a_subject_in_any_study(qtbot, sqlite_demo_site):
    ctx = _demo(sqlite_demo_site, patients=4, second_study=3)
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
    from app.rules.protocol import shipped_protocol_path
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
    _pick(qtbot, dialog.fields["dose_level"], "600MG · 600 mg", "600")
    qtbot.keyClick(dialog.fields["initials"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()
    [row] = list_patients(ctx.db)
    assert (row.subject_id, row.study, row.dose_level, row.next_visit_code) == (
        "14-0007", "ABC-2201", "600MG", "SCR")


def test_a_patient_page_reads_its_own_study(qtbot, sqlite_demo_site):
    from app.services.patients import find_patient
    from ui.patient_view import PatientView

    ctx = _demo(sqlite_demo_site, patients=2, second_study=3)
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


def _ctrl_s(qtbot, dialog, widget) -> None:
    activate(dialog)
    qtbot.keyClick(widget, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def test_the_administrator_adds_amends_and_assigns_by_keyboard(qtbot, ctx, tmp_path):
    from app.rules.protocol import shipped_protocol_path
    from app.services import accounts as acc
    from app.services.patients import enrol
    from app.services.study_members import members
    from ui.studies_admin import AddStudyDialog, AmendDialog, AssignDialog, StudiesTab

    from ..app.services.conftest import form

    enrol(ctx.db, ctx.protocol, form(), TODAY)
    acc.create_account(ctx.db, "mo", "Mo Monitor", "monitor", "violet staple 42")
    tab = StudiesTab(ctx)
    qtbot.addWidget(tab)

    add = AddStudyDialog(ctx, tab)
    qtbot.addWidget(add)
    qtbot.keyClicks(add.fields["file"], str(shipped_protocol_path("abc2201.toml")))
    _ctrl_s(qtbot, add, add.fields["file"])
    assert add.result() == QDialog.DialogCode.Accepted, add.error.text()
    tab.refresh()
    assert [s.code for s in tab.model.rows] == ["ABC-2201", "IMP7068-101"]

    again = AddStudyDialog(ctx, tab)
    qtbot.addWidget(again)
    qtbot.keyClicks(again.fields["file"], str(shipped_protocol_path("abc2201.toml")))
    _ctrl_s(qtbot, again, again.fields["file"])
    assert again.result() != QDialog.DialogCode.Accepted
    assert "already at this site" in again.error.text()

    imp = tab.model.rows[1]
    amend = AmendDialog(ctx, imp, tab)
    qtbot.addWidget(amend)
    activate(amend)
    qtbot.keyClicks(amend.fields["file"], str(amendment_file(tmp_path)))
    qtbot.keyClicks(amend.fields["effective"].edit, "01-FEB-2026")
    activate(amend)
    qtbot.keyClick(amend.fields["effective"].edit, Qt.Key.Key_F5)
    preview = amend.report.toPlainText()
    assert preview.startswith("Amendment 1, applying from 01-FEB-2026:"), amend.error.text()
    assert "101-001 (when re-consented): TA1 moves from 23-FEB-2026 to 09-MAR-2026" in preview
    assert [v.label for v in tab.model.rows[1].versions] == ["Original protocol 1.0"]
    _ctrl_s(qtbot, amend, amend.fields["effective"].edit)
    assert amend.result() == QDialog.DialogCode.Accepted, amend.error.text()
    tab.refresh()
    assert "Amendment 1 (from 01-FEB-2026)" in tab.model.data(tab.model.index(1, 1))

    assign = AssignDialog(ctx, tab.model.rows[0], tab)
    qtbot.addWidget(assign)
    _pick(qtbot, assign.fields["role"], "Monitor (read only)", "Mo")
    _ctrl_s(qtbot, assign, assign.fields["role"])
    assert assign.result() == QDialog.DialogCode.Accepted, assign.error.text()
    assert members(ctx.db)[2] == [("mo", "monitor")]


def test_a_patient_re_consents_to_an_amendment_from_their_page(qtbot, ctx, tmp_path):
    from app.rules.entry.visits import VisitEntry
    from app.services.amendments import amend_study
    from app.services.patients import enrol
    from app.services.visits import record_visit
    from ui.dialogs import ReconsentDialog
    from ui.patient_view import PatientView

    from ..app.services.conftest import form

    pid = enrol(ctx.db, ctx.protocol, form(), TODAY)
    record_visit(ctx.db, ctx.protocol, pid, "SCR",
                 VisitEntry(outcome="done", actual_date=date(2025, 12, 20)), TODAY)
    view = PatientView(ctx, pid)
    qtbot.addWidget(view)
    view.show()
    assert not view.reconsent_button.isVisible()
    amend_study(ctx.db, "IMP7068-101", str(amendment_file(tmp_path)), date(2026, 2, 1), TODAY)
    view.refresh()
    assert view.reconsent_button.isVisible()
    dialog = ReconsentDialog(ctx, pid, "101-001", view.page.amendments_to_consent, view)
    qtbot.addWidget(dialog)
    assert dialog.fields["version"].currentText() == "Amendment 1"
    qtbot.keyClicks(dialog.fields["consent_date"].edit, "20-FEB-2026")
    _ctrl_s(qtbot, dialog, dialog.fields["consent_date"].edit)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()
    view.refresh()
    assert not view.reconsent_button.isVisible()
    assert "(Amendment 1)" in view.header.text()
    assert not view.tree.isColumnHidden(6)  # two versions made this calendar now


def test_today_names_the_study_beside_the_subject_when_there_are_several(qtbot, sqlite_demo_site):
    from ui.places import TodayPage

    ctx = _demo(sqlite_demo_site, patients=8, second_study=6)
    page = TodayPage(ctx)
    qtbot.addWidget(page)  # not shown yet: the words do not depend on being on screen
    page.refresh()
    # (the subject's column of the overdue and of the booked lists: the demo has nothing
    # overdue for ever, so a list may be empty)
    texts = {model.data(model.index(i, column)) for model, column in (
        (page.overdue_model, 0), (page.booked_model, 1)) for i in range(len(model.rows))}
    assert texts
    assert all(t.endswith((" · ABC-2201", " · IMP7068-101")) for t in texts)



def _placed(qtbot, ctx):  # type: ignore[no-untyped-def]
    """A study selector made before its place holds it, then placed in a place shown."""
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from ui.widgets import StudyBox

    box = StudyBox(ctx)
    unshown = box.isWindow() and not box.isVisible()
    place = QWidget()
    qtbot.addWidget(place)
    QVBoxLayout(place).addWidget(box)
    place.show()
    return box, unshown, place


def test_the_study_selector_shows_with_its_place_never_as_a_window(qtbot, sqlite_demo_site):
    """Made before its place holds it, the selector stays unshown (shown then, it opened as a
    window of its own for a moment); it shows with its place when there are several
    studies."""
    box, unshown, _place = _placed(qtbot, _demo(sqlite_demo_site, patients=4, second_study=6))
    assert unshown and box.several and box.isVisible() and not box.isWindow()


def test_the_study_selector_stays_hidden_with_one_study(qtbot, ctx):
    box, unshown, _place = _placed(qtbot, ctx)
    assert unshown and not box.several and not box.isVisible()


def test_monitoring_shows_one_study_at_a_time(qtbot, sqlite_demo_site):
    """A monitor verifies one study's records: the place opens on the app's study (no
    "All studies": a site's every record would be read and listed) and another is chosen by
    keyboard."""
    from ui.places.monitoring import SdvTab

    ctx = _demo(sqlite_demo_site, patients=4, second_study=3)
    tab = SdvTab(ctx)
    qtbot.addWidget(tab)
    activate(tab)
    tab.refresh()
    assert tab.study.isVisible() and tab.study.findData(None) == -1
    assert tab.model.rows and {r.study for r in tab.model.rows} == {"IMP7068-101"}
    _pick(qtbot, tab.study, "ABC-2201")
    assert tab.model.rows and {r.study for r in tab.model.rows} == {"ABC-2201"}
