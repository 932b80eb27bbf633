"""The Response pictures are drawn at the screen's pixels: twice the pixels at 200 %."""

from __future__ import annotations

from PySide6.QtGui import QImage

from reports.response_plots import draw_all


def test_pictures_are_drawn_at_the_device_pixel_ratio(qapp):
    one, two = draw_all([], 1.0), draw_all([], 2.0)
    assert set(one) == {"Swimmer", "Waterfall", "Spider", "Kaplan-Meier"}
    for name in one:
        small, large = QImage.fromData(one[name]), QImage.fromData(two[name])
        assert large.width() == 2 * small.width() and large.height() == 2 * small.height()
