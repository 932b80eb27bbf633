"""Shipments in the Specimens place by keyboard: a lead-in day's stored aliquots packed for
the courier, the manifest written, the lab's receipt (one missing, one thawed) reconciled,
each discrepancy's reason recorded until the shipment is closed; a monitor packs nothing."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.rules.shipments import ShipmentState
from tests.app.services.specimen_day import draw_the_day, process_the_day, store_the_day
from tests.conftest import SITE_ZONE
from tests.reports.code128_reader import read_barcodes
from tests.ui.conftest import activate, enrolled
from ui.context import Context
from ui.main_window import MainWindow
from ui.places.numbers import SPECIMENS

NOW = datetime(2026, 2, 10, 9, 0, tzinfo=SITE_ZONE)


@pytest.fixture
def stored(ctx, monkeypatch) -> tuple[Context, list[str]]:
    monkeypatch.setattr(Context, "now", lambda self: NOW)
    from app.services.site_time import set_site_zone

    set_site_zone(ctx.db, "Europe/Paris")
    pid = enrolled(ctx)
    draw_the_day(ctx.db, ctx.protocol, pid)
    process_the_day(ctx.db, ctx.protocol)
    return Context(ctx.db, ctx.protocol, clock=lambda: date(2026, 2, 10)), store_the_day(
        ctx.db, ctx.protocol)


def _dialog(qtbot, button):  # type: ignore[no-untyped-def]
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    dialog = QApplication.activeModalWidget()
    activate(dialog)
    return dialog


def _save(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    widget = QApplication.focusWidget() or dialog
    qtbot.keyClick(widget, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible(), dialog.error.text()


def _page(qtbot, ctx):  # type: ignore[no-untyped-def]
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    activate(window)
    window.sidebar.setCurrentRow(SPECIMENS)
    page = window.place(SPECIMENS)
    page.tabs.tabBar().setFocus()
    qtbot.keyClick(page.tabs.tabBar(), Qt.Key.Key_Right)
    qtbot.keyClick(page.tabs.tabBar(), Qt.Key.Key_Right)
    assert page.tabs.currentWidget() is page.shipments
    return page.shipments


def test_packed_manifested_received_and_closed_by_keys(qtbot, stored, tmp_path):
    ctx, aliquots = stored
    panel = _page(qtbot, ctx)
    dialog = _dialog(qtbot, panel.buttons["new"])
    for name, text in (("patient", "101-001"), ("courier", "World Courier"),
                       ("tracking", "WC-77")):
        qtbot.keyClicks(dialog.fields[name], text)
    _save(qtbot, dialog)
    assert "Shipment 1 packed" in panel.message.text()
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Down)
    shipment = panel.chosen()
    assert (shipment.number, shipment.state, len(shipment.aliquots)) == (
        1, ShipmentState.PACKED, 14)
    panel.manifest_pdf(str(tmp_path / "manifest.pdf"))
    assert read_barcodes(tmp_path / "manifest.pdf") == set(aliquots)

    receipt = tmp_path / "receipt.csv"
    lines = ["Sample ID,Condition"] + [f"{a},frozen" for a in aliquots[1:]]
    lines[1] = f"{aliquots[1]},thawed"
    receipt.write_text("\n".join(lines) + "\n")
    dialog = _dialog(qtbot, panel.buttons["receive"])
    qtbot.keyClicks(dialog.fields["file"], str(receipt))
    _save(qtbot, dialog)
    assert "12 matched, 1 missing, 1 thawed" in panel.message.text()
    assert panel.model.rows[0].state is ShipmentState.RECEIVED
    for aliquot in aliquots[:2]:
        dialog = _dialog(qtbot, panel.buttons["explain"])
        qtbot.keyClicks(dialog.fields["aliquot"], aliquot)
        qtbot.keyClick(dialog.fields["aliquot"], Qt.Key.Key_Tab)
        qtbot.keyClicks(dialog.fields["reason"], "dry ice ran out")
        _save(qtbot, dialog)
    assert panel.model.rows[0].state is ShipmentState.CLOSED


def test_a_wrong_receipt_keeps_the_dialog_open(qtbot, stored, tmp_path):
    ctx, aliquots = stored
    panel = _page(qtbot, ctx)
    dialog = _dialog(qtbot, panel.buttons["new"])
    for name, text in (("courier", "DHL"), ("tracking", "1")):
        qtbot.keyClicks(dialog.fields[name], text)
    _save(qtbot, dialog)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Down)
    receipt = tmp_path / "receipt.csv"
    receipt.write_text(f"Tube,State\n{aliquots[0]},ok\n")
    dialog = _dialog(qtbot, panel.buttons["receive"])
    qtbot.keyClicks(dialog.fields["file"], str(receipt))
    qtbot.keyClick(dialog.fields["file"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible() and "no column 'Sample ID'" in dialog.error.text()
    assert dialog.fields["file"].text() == str(receipt)  # what was typed stays


def test_a_monitor_is_offered_no_bench_storage_or_shipment_step(qtbot, stored):
    from app.services import accounts as acc

    ctx, _aliquots = stored
    acc.create_account(ctx.db, "mona", "Mona Person", "monitor", "correct horse battery",
                       must_change=False)
    signed = acc.sign_in(ctx.db, "mona", "correct horse battery", NOW)
    window = MainWindow(Context(ctx.db, ctx.protocol, clock=ctx.clock, signed=signed))
    qtbot.addWidget(window)
    activate(window)
    window.sidebar.setCurrentRow(SPECIMENS)
    page = window.place(SPECIMENS)
    assert all(b.isHidden() and not b.isEnabled() for b in page.entry_buttons())
    assert page.shipments.buttons["pdf"].isEnabled()  # printing is reading
