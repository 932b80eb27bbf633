"""Reportlab drawings painted by Qt: what is drawn shows, only what is in view is painted,
and painting thousands of shapes leaves None alive (PySide6's stable-ABI build takes a
reference from None on each call returning nothing, on CPython 3.11)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from reportlab.graphics.shapes import Drawing, Group, Line, Rect, String
from reportlab.lib.colors import HexColor

from ui.drawing_view import DrawingView, flattened, paint_drawing, picture_image, save_png


def _many(n: int) -> Drawing:
    d = Drawing(300, 10 * n)
    for k in range(n):
        d.add(Rect(10, 10 * k, 50, 8, fillColor=HexColor("#b91c1c"), strokeColor=None))
        d.add(String(70, 10 * k, f"row {k}", fontName="Helvetica", fontSize=7))
        d.add(Line(0, 10 * k, 5, 10 * k))
    return d


def test_painting_thousands_of_shapes_keeps_none_alive(qapp):
    picture = _many(3000)
    before = sys.getrefcount(None)
    for _ in range(3):
        picture_image(picture)
    assert sys.getrefcount(None) >= before - 1000  # nothing lost that is not given back


def test_shapes_show_where_drawn_and_text_stays_upright(qapp, tmp_path):
    d = Drawing(200, 100)
    d.add(Rect(0, 0, 100, 50, fillColor=HexColor("#15803d"), strokeColor=None))  # bottom left
    turned = Group(String(0, 0, "upright", fontName="Helvetica", fontSize=9))
    turned.transform = (0, 1, -1, 0, 150, 10)
    d.add(turned)
    image = picture_image(d, 2.0)
    assert (image.width(), image.height()) == (400, 200)  # twice the points
    assert image.pixelColor(20, 180).name() == QColor("#15803d").name()  # y grows upwards
    assert image.pixelColor(20, 20).name() == "#ffffff"
    save_png(d, tmp_path / "p.png")
    assert QImage(str(tmp_path / "p.png")).width() == 400


def test_only_the_shapes_in_view_are_painted(qapp):
    picture = _many(500)
    shapes = flattened(picture)
    assert len(shapes) == 1500
    painted: list[object] = []
    import ui.drawing_view as view_module

    original = view_module.paint
    view_module.paint = lambda painter, shape: painted.append(shape)  # type: ignore[assignment]
    try:
        image = QImage(300, 100, QImage.Format.Format_ARGB32)
        painter = QPainter(image)
        paint_drawing(painter, picture, 1.0, shapes, QRectF(0, 0, 300, 100))
        painter.end()
    finally:
        view_module.paint = original
    assert 0 < len(painted) < 60  # the top ten rows or so, not 1,500 shapes


def test_the_view_is_the_picture_size(qtbot):
    view = DrawingView()
    qtbot.addWidget(view)
    view.set_picture(_many(40))
    assert (view.sizeHint().width(), view.sizeHint().height()) == (300, 400)
    view.set_picture(None)
    assert view.sizeHint().isEmpty()
