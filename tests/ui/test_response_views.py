"""Scans entered through the dialog; the Response tab and the site's pictures."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.services.patients import EnrolmentForm, enrol
from app.services.visits import VisitEntry, record_visit
from tests.ui.conftest import TODAY, click_save
from ui.entry_table import set_choice
from ui.response_tab import ResponseTab
from ui.response_views import ResponsePage
from ui.scan_dialog import status_choices


def _dosed(ctx) -> int:
    pid = enrol(ctx.db, ctx.protocol, EnrolmentForm(
        subject_id="101-001", initials="ABC", year_of_birth=1960, sex="F",
        part=1, dose_level="DL1", cohort=None,
        consent_date=date(2025, 12, 1), planned_first_dose=date(2026, 1, 5)), TODAY)
    for code, when in (("LI", date(2026, 1, 5)), ("C1D1", date(2026, 1, 12))):
        record_visit(ctx.db, ctx.protocol, pid, code,
                     VisitEntry(outcome="done", actual_date=when), TODAY)
    return pid


def _set(dialog, row, col, text):
    dialog.table.item(row, col).setText(text)


def test_baseline_then_follow_up_through_the_dialog(qtbot, ctx):
    pid = _dosed(ctx)
    tab = ResponseTab(ctx, pid, "101-001")
    qtbot.addWidget(tab)
    assert "record the baseline" in tab.summary.text()
    dialog = tab.dialog()
    qtbot.addWidget(dialog)
    dialog.fields["scan_date"].set_date(date(2025, 12, 28))
    dialog.fields["baseline"].setChecked(True)
    row = dialog.add_lesion("target")
    _set(dialog, row, 2, "liver")
    _set(dialog, row, 4, "33.0")
    dialog.add_lesion("non_target")
    _set(dialog, 1, 2, "bone")
    click_save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()
    tab.refresh()
    follow = tab.dialog()
    qtbot.addWidget(follow)
    assert [follow.table.item(r, 0).text() for r in range(follow.table.rowCount())] == [
        "T1", "NT1"]                                      # the baseline's lesions again
    assert [(s.kind, s.sum_mm) for s in tab.model.rows] == [("Baseline", 33)]  # shown
    follow.fields["scan_date"].set_date(date(2026, 2, 23))
    _set(follow, 0, 4, "23.1")
    click_save(qtbot, follow)                             # NT1's status never assumed
    assert follow.result() != QDialog.DialogCode.Accepted
    assert "Non-target lesion NT1: choose its status" in follow.error.text()
    set_choice(follow.table.item(1, 7), status_choices(), "present")
    click_save(qtbot, follow)
    assert follow.result() == QDialog.DialogCode.Accepted, follow.error.text()
    tab.refresh()
    follow_up = tab.model.rows[1]
    assert (follow_up.kind, follow_up.overall, follow_up.vs_baseline) == (
        "Follow-up", "PR", "-30.0 %")
    assert tab.table.editTriggers() == tab.table.EditTrigger.NoEditTriggers  # computed


def test_a_node_too_small_for_a_target_is_refused_on_the_field(qtbot, ctx):
    pid = _dosed(ctx)
    tab = ResponseTab(ctx, pid, "101-001")
    qtbot.addWidget(tab)
    dialog = tab.dialog()
    qtbot.addWidget(dialog)
    dialog.fields["scan_date"].set_date(date(2025, 12, 28))
    dialog.fields["baseline"].setChecked(True)
    row = dialog.add_lesion("target")
    _set(dialog, row, 2, "neck")
    dialog.table.item(row, 3).setCheckState(dialog.table.item(row, 3).checkState().Checked)
    _set(dialog, row, 4, "12")
    click_save(qtbot, dialog)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "needs at least 15" in dialog.error.text()


def test_site_pictures_render_and_save(qtbot, sqlite_demo_site, tmp_path):
    from app.rules.protocol import default_protocol
    from ui.context import Context

    today = date(2026, 11, 25)
    sqlite_db = sqlite_demo_site(today, patients=16)
    ctx = Context(sqlite_db, default_protocol(), clock=lambda: today)
    page = ResponsePage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    qtbot.waitUntil(lambda: "confirmed ORR" in page.summary.text(), timeout=20_000)
    assert "DCR" in page.summary.text()                   # worked out on a worker thread
    qtbot.waitUntil(lambda: all(view.picture is not None and view.height() > 100
                                for view in page.pictures.values()),
                    timeout=20_000)                       # drawn after the results showed
    analysis = page.analysis
    page.refresh()                                        # nothing changed: nothing redone
    assert page.reading is None and page.analysis is analysis
    # the Results tab: the site, then by part and by dose level, chosen by keyboard
    assert page.tabs.tabText(0) == "Results" and not page.save_button.isEnabled()
    assert page.groups.rowCount() == 1 and page.groups.item(0, 0).text() == "All patients"
    assert "95 % CI" in page.groups.item(0, 2).text()
    page.grouping.setFocus()
    qtbot.keyClick(page.grouping, Qt.Key.Key_Down)
    assert [page.groups.item(r, 0).text() for r in range(page.groups.rowCount())] == [
        "Part 1: dose escalation", "Part 2: expansion at the RP2D"]
    qtbot.keyClick(page.grouping, Qt.Key.Key_Down)
    assert page.groups.item(0, 0).text().startswith("DL-1 · 25 mg")
    assert page.dlts.rowCount() == len(default_protocol().dose_levels)
    assert page.tabs.tabText(1) == "Assessments" and page.assessments.rowCount() > 0
    notes = [page.assessments.item(r, 4).text() for r in range(page.assessments.rowCount())]
    assert any("confirmed by the scan of" in n for n in notes)
    page.tabs.setCurrentIndex(3)
    assert page.save_button.isEnabled()
    page.save_picture(str(tmp_path / "waterfall.pdf"))
    assert (tmp_path / "waterfall.pdf").read_bytes().startswith(b"%PDF")
    page.tabs.setCurrentIndex(2)
    page.save_picture(str(tmp_path / "swimmer.png"))
    assert (tmp_path / "swimmer.png").read_bytes()[:4] == b"\x89PNG"


def test_a_scan_saved_from_the_patient_page_completes_its_visit_at_once(qtbot, ctx,
                                                                         monkeypatch):
    from ui.patient_view import PatientView

    pid = _dosed(ctx)
    view = PatientView(ctx, pid)
    qtbot.addWidget(view)
    tab = view.response_tab

    scans = [(date(2025, 12, 28), True, "33.0"), (date(2026, 2, 23), False, "23.1")]

    def fill(dialog) -> bool:  # type: ignore[no-untyped-def]
        qtbot.addWidget(dialog)
        when, baseline, size = scans.pop(0)
        dialog.fields["scan_date"].set_date(when)
        dialog.fields["baseline"].setChecked(baseline)
        if baseline:
            row = dialog.add_lesion("target")
            _set(dialog, row, 2, "liver")
        _set(dialog, 0, 4, size)
        click_save(qtbot, dialog)
        assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()
        return True

    monkeypatch.setattr(tab, "dialog_exec", fill)
    tab.record()  # the baseline
    status = {r.code: r.status for r in view.page.calendar}
    assert status["TA1"] != "done"
    with qtbot.waitSignal(view.changed):
        tab.record()
    assert {r.code: r.status for r in view.page.calendar}["TA1"] == "done"
