"""Colours as light/dark pairs, each readable (WCAG contrast 4.5 or more), following the
palette in use: a dark system scheme gets the dark colours, and the sidebar stays legible."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from ui.style import (
    ERROR_TEXT,
    PATIENT_STATUS_PAIRS,
    STATUS,
    STATUS_DARK,
    WINDOW,
    contrast,
    dark_mode,
    status_colours,
)


@pytest.mark.parametrize("pairs", [STATUS, STATUS_DARK])
def test_every_status_colour_pair_reads(pairs):
    assert set(pairs) == set(STATUS)
    for status, (text, background) in pairs.items():
        assert contrast(text, background) >= 4.5, status


def test_patient_statuses_and_warnings_read_on_a_light_and_a_dark_window():
    for status, pair in {**PATIENT_STATUS_PAIRS, "error": ERROR_TEXT}.items():
        for colour, window in zip(pair, WINDOW, strict=True):
            assert contrast(colour, window) >= 4.5, status


def test_a_dark_palette_gets_the_dark_colours(qapp):
    light = QApplication.palette()
    dark = QPalette(light)
    for role, colour in ((QPalette.ColorRole.Window, "#1f2937"),
                         (QPalette.ColorRole.WindowText, "#f9fafb"),
                         (QPalette.ColorRole.Base, "#111827"),
                         (QPalette.ColorRole.Text, "#f9fafb")):
        dark.setColor(role, QColor(colour))
    QApplication.setPalette(dark)
    try:
        assert dark_mode()
        text, background = status_colours("overdue")
        assert (text.name(), background.name()) == STATUS_DARK["overdue"]
    finally:
        QApplication.setPalette(light)
    assert not dark_mode()
    assert status_colours("overdue")[1].name() == STATUS["overdue"][1]
