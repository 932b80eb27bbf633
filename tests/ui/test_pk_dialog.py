"""The PK panel: due times as soon as the dose time is typed, deviations as tubes are timed."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtWidgets import QDialog

from app.services.patients import EnrolmentForm, enrol
from app.services.pk_samples import pk_listing, pk_panel
from app.services.visits import VisitEntry, record_visit
from tests.conftest import SITE_ZONE
from tests.ui.conftest import TODAY, click_save
from ui.pk_dialog import COLLECTED, DEVIATION, DUE, NOT_COLLECTED, WINDOW, PkDialog
from ui.places import PkListingPage


def _patient(ctx) -> int:
    pid = enrol(ctx.db, ctx.protocol, EnrolmentForm(
        subject_id="101-001", initials="ABC", year_of_birth=1960, sex="F",
        part=1, dose_level="DL1", cohort=None,
        consent_date=date(2025, 12, 1), planned_first_dose=date(2026, 1, 5)), TODAY)
    record_visit(ctx.db, ctx.protocol, pid, "LI",
                 VisitEntry(outcome="done", actual_date=date(2026, 1, 5)), TODAY)
    return pid


def _row(dialog, label):
    return next(r for r in range(dialog.table.rowCount())
                if dialog.table.item(r, 0).text() == label)


def test_due_times_follow_the_dose_and_deviations_show_at_once(qtbot, ctx):
    pid = _patient(ctx)
    dialog = PkDialog(ctx, pid, "LI")
    qtbot.addWidget(dialog)
    one_h = _row(dialog, "1 h")
    assert dialog.table.item(one_h, DUE).text() == ""
    qtbot.keyClicks(dialog.fields["dose_time"], "22:40")
    assert dialog.table.item(one_h, DUE).text() == "23:40"
    assert dialog.table.item(one_h, WINDOW).text() == "23:30 to 23:50"
    four_h = _row(dialog, "4 h")
    assert dialog.table.item(four_h, DUE).text() == "02:40"          # past midnight
    dialog.table.item(one_h, COLLECTED).setText("00:02")              # 22 min late
    assert "+22 min" in dialog.table.item(one_h, DEVIATION).text()
    assert "OUT OF TOLERANCE" in dialog.table.item(one_h, DEVIATION).text()
    dialog.table.item(four_h, COLLECTED).setText("02:50")
    assert dialog.table.item(four_h, DEVIATION).text() == "+10 min"
    dialog.table.item(_row(dialog, "8 h"), NOT_COLLECTED).setText("cannula blocked")
    click_save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    panel = pk_panel(ctx.db, ctx.protocol, pid, "LI")
    tubes = {t.label: t for t in panel.tubes}
    assert tubes["4 h"].collected_at == datetime(2026, 1, 6, 2, 50, tzinfo=SITE_ZONE)
    assert tubes["1 h"].within is False and tubes["8 h"].flag == "not collected"


def test_a_post_dose_tube_before_the_dose_is_refused(qtbot, ctx):
    pid = _patient(ctx)
    dialog = PkDialog(ctx, pid, "LI")
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.fields["dose_time"], "09:00")
    dialog.table.item(_row(dialog, "2 h"), COLLECTED).setText("08:10")
    assert dialog.table.item(_row(dialog, "2 h"), DEVIATION).text() == "impossible time"
    click_save(qtbot, dialog)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "before the dose" in dialog.error.text()
    assert pk_listing(ctx.db, ctx.protocol) == []


def test_listing_page_shows_the_flags(qtbot, ctx, tmp_path):
    pid = _patient(ctx)
    dialog = PkDialog(ctx, pid, "LI")
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.fields["dose_time"], "08:00")
    dialog.table.item(_row(dialog, "0.5 h"), COLLECTED).setText("08:40")
    click_save(qtbot, dialog)
    page = PkListingPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    assert page.model.rowCount() == 1
    assert page.model.data(page.model.index(0, 7)) == "Out of tolerance"
    from tests.conftest import name_the_site

    name_the_site(ctx.db)  # an export names the site (refused, in a message, without it)
    page.export(str(tmp_path / "pk.xlsx"))
    assert (tmp_path / "pk.xlsx").stat().st_size > 0


def test_print_tube_labels_from_the_panel(qtbot, ctx, tmp_path):
    pid = _patient(ctx)
    dialog = PkDialog(ctx, pid, "LI")
    qtbot.addWidget(dialog)
    dialog.print_labels(str(tmp_path / "labels.pdf"))
    assert "7 labels written" in dialog.status.text()
    assert (tmp_path / "labels.pdf").read_bytes().startswith(b"%PDF")


def test_a_panel_saved_meanwhile_is_not_put_back(qtbot, ctx):
    """Another nurse times the 1 h tube while this panel is open: told, then both kept."""
    from app.services.pk_samples import SampleEntry, save_pk

    pid = _patient(ctx)
    dose = datetime(2026, 1, 5, 8, 0)
    save_pk(ctx.db, ctx.protocol, pid, "LI", dose, [SampleEntry("pre", datetime(2026, 1, 5, 7, 50))],
            TODAY)
    dialog = PkDialog(ctx, pid, "LI")
    qtbot.addWidget(dialog)
    ctx.db.actor = "nurse_b"
    other = pk_panel(ctx.db, ctx.protocol, pid, "LI")
    save_pk(ctx.db, ctx.protocol, pid, "LI", dose,
            [SampleEntry("pre", datetime(2026, 1, 5, 7, 50)),
             SampleEntry("1h", datetime(2026, 1, 5, 9, 1))], TODAY,
            base=other.as_read(), version=other.version)
    ctx.db.actor = "nurse_a"
    dialog.table.item(_row(dialog, "2 h"), COLLECTED).setText("10:02")
    click_save(qtbot, dialog)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "nurse_b changed the 1h sample" in dialog.error.text()
    assert dialog.table.item(_row(dialog, "2 h"), COLLECTED).text() == "10:02"   # kept
    qtbot.keyClicks(dialog.fields["reason"], "2 h tube timed late on paper")
    click_save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    tubes = {t.timepoint: t.collected_at for t in pk_panel(ctx.db, ctx.protocol, pid, "LI").tubes}
    assert tubes["1h"] == at(9, 1) and tubes["2h"] == at(10, 2)


def at(hour: int, minute: int) -> datetime:
    return datetime(2026, 1, 5, hour, minute, tzinfo=SITE_ZONE)


def test_the_visit_time_is_offered_as_the_dose_time(qtbot, ctx):
    from datetime import time

    pid = _patient(ctx)
    record_visit(ctx.db, ctx.protocol, pid, "C1D1",
                 VisitEntry(outcome="done", actual_date=date(2026, 1, 12),
                            actual_time=time(9, 15)), TODAY)
    dialog = PkDialog(ctx, pid, "C1D1")
    qtbot.addWidget(dialog)
    assert dialog.fields["dose_time"].text() == "09:15"
    one_h = _row(dialog, "1 h")
    assert dialog.table.item(one_h, DUE).text() == "10:15"


def test_a_row_of_the_pk_listing_opens_its_visit_s_samples(qtbot, ctx, monkeypatch):
    from PySide6.QtCore import Qt

    from ui.main_window import PK_SAMPLES, MainWindow
    from ui.patient_view import PatientView

    pid = _patient(ctx)
    dialog = PkDialog(ctx, pid, "LI")
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.fields["dose_time"], "08:00")
    dialog.table.item(_row(dialog, "1 h"), COLLECTED).setText("09:01")
    click_save(qtbot, dialog)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.go(PK_SAMPLES)
    opened: list[str] = []
    monkeypatch.setattr(PatientView, "open_pk", lambda self, code: opened.append(code))
    table = window.pk_samples.table
    table.setFocus()
    table.setCurrentIndex(window.pk_samples.model.index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert opened == ["LI"] and window.patient_view.patient_id == pid


def _edit_reason(qtbot, dialog, row, keys):  # type: ignore[no-untyped-def]
    """The nurse goes to the row's "Not collected: why" cell and types."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    dialog.table.setFocus()
    dialog.table.setCurrentCell(row, NOT_COLLECTED)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)        # Enter edits the cell
    editor = QApplication.focusWidget()
    for key in keys:
        if isinstance(key, str):
            qtbot.keyClicks(editor, key)
        else:
            qtbot.keyClick(editor, *key)
    QApplication.processEvents()  # the cell takes the text once Enter's queued commit runs
    return editor


def test_not_collected_offers_the_usual_reasons_and_keeps_free_text(qtbot, ctx):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QComboBox

    from tests.ui.conftest import activate

    pid = _patient(ctx)
    dialog = PkDialog(ctx, pid, "LI")
    qtbot.addWidget(dialog)
    activate(dialog)
    qtbot.keyClicks(dialog.fields["dose_time"], "08:00")
    eight = _row(dialog, "8 h")
    editor = _edit_reason(qtbot, dialog, eight, [])
    combo = editor if isinstance(editor, QComboBox) else editor.parent()
    assert isinstance(combo, QComboBox) and combo.isEditable()
    offered = [combo.itemText(i) for i in range(combo.count())]
    assert offered[:3] == ["Patient refused", "Difficult venous access",
                           "Sample not drawn in time"]
    assert "Patient not available" in offered and "Haemolysed or spoilt sample" in offered
    qtbot.keyClick(editor, Qt.Key.Key_Down)              # the list by the arrow keys
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.table.item(eight, NOT_COLLECTED).text() == "Patient refused")
    four = _row(dialog, "4 h")
    _edit_reason(qtbot, dialog, four, ["cannula blocked, redrawn too late",
                                       (Qt.Key.Key_Return,)])
    assert dialog.table.item(four, NOT_COLLECTED).text() == "cannula blocked, redrawn too late"
    two = _row(dialog, "2 h")
    _edit_reason(qtbot, dialog, two, ["Other: ", (Qt.Key.Key_Return,)])
    qtbot.keyClick(dialog.table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "2 h: say what the other reason was" in dialog.error.text()
    assert dialog.table.currentRow() == two               # the row the error names
    _edit_reason(qtbot, dialog, two, [(Qt.Key.Key_End,), "fainted", (Qt.Key.Key_Return,)])
    qtbot.keyClick(dialog.table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted
    tubes = {t.label: t for t in pk_panel(ctx.db, ctx.protocol, pid, "LI").tubes}
    assert tubes["8 h"].not_collected_reason == "Patient refused"
    assert tubes["4 h"].not_collected_reason == "cannula blocked, redrawn too late"
    assert tubes["2 h"].not_collected_reason == "Other: fainted"
