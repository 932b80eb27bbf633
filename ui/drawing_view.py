"""A reportlab drawing painted with Qt's own painter: the Response place's pictures on
screen, and saved as PNG as they are seen (reportlab writes the PDF). Only the shapes
reports/response_plots.py uses: groups (moved or turned), rectangles, lines, polylines,
polygons, circles and text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QImage,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
    QTransform,
)
from PySide6.QtWidgets import QSizePolicy, QWidget
from reportlab.graphics.shapes import (
    Circle,
    Drawing,
    Group,
    Line,
    Polygon,
    PolyLine,
    Rect,
    Shape,
    String,
)
from reportlab.lib.colors import Color


def _colour(colour: Color | None) -> QColor | None:
    if colour is None:
        return None
    return QColor.fromRgbF(colour.red, colour.green, colour.blue, colour.alpha)


def _pen(shape: Shape) -> QPen:
    colour = _colour(getattr(shape, "strokeColor", None))
    if colour is None:
        return QPen(Qt.PenStyle.NoPen)
    pen = QPen(colour, float(getattr(shape, "strokeWidth", 1) or 1))
    dashes = getattr(shape, "strokeDashArray", None)
    if dashes:
        width = pen.widthF() or 1.0
        pen.setDashPattern([float(d) / width for d in dashes])
    return pen


def _brush(shape: Shape) -> QBrush:
    colour = _colour(getattr(shape, "fillColor", None))
    return QBrush(colour) if colour is not None else QBrush(Qt.BrushStyle.NoBrush)


def _points(values: list[float]) -> QPolygonF:
    return QPolygonF([QPointF(values[k], values[k + 1]) for k in range(0, len(values) - 1, 2)])


def _text(painter: QPainter, shape: String) -> None:
    """Text upright: the drawing's y grows upwards, the painter's was flipped to match."""
    font = QFont("DejaVu Sans")
    font.setPixelSize(max(1, round(shape.fontSize)))
    font.setBold("Bold" in shape.fontName)
    painter.save()
    painter.translate(shape.x, shape.y)
    painter.scale(1, -1)
    painter.setFont(font)
    painter.setPen(_colour(shape.fillColor) or QColor("black"))
    width = painter.fontMetrics().horizontalAdvance(shape.text)
    shift = {"middle": width / 2, "end": width}.get(shape.textAnchor, 0)
    painter.drawText(QPointF(-shift, 0), shape.text)
    painter.restore()


def paint(painter: QPainter, node: Shape) -> None:
    """One shape, or a group's shapes in its own coordinates."""
    if isinstance(node, Group):
        painter.save()
        a, b, c, d, e, f = (float(v) for v in node.transform)
        painter.setTransform(QTransform(a, b, c, d, e, f), True)  # inside the group's own
        for child in node.contents:
            paint(painter, child)
        painter.restore()
        return
    if isinstance(node, String):
        _text(painter, node)
        return
    painter.setPen(_pen(node))
    painter.setBrush(_brush(node))
    if isinstance(node, Rect):
        painter.drawRect(QRectF(node.x, node.y, node.width, node.height))
    elif isinstance(node, Line):
        painter.drawLine(QPointF(node.x1, node.y1), QPointF(node.x2, node.y2))
    elif isinstance(node, Circle):
        painter.drawEllipse(QPointF(node.cx, node.cy), node.r, node.r)
    elif isinstance(node, Polygon):
        painter.drawPolygon(_points(list(node.points)))
    elif isinstance(node, PolyLine):
        painter.drawPolyline(_points(list(node.points)))


Bounds = tuple[float, float, float, float]


def flattened(picture: Drawing) -> list[tuple[Bounds, Shape]]:
    """Each shape with its bounds in the drawing's points (groups that only gather shapes
    are opened; a turned group stays whole)."""
    out: list[tuple[Bounds, Shape]] = []

    def walk(node: Shape) -> None:
        if isinstance(node, Group) and tuple(node.transform) == (1, 0, 0, 1, 0, 0):
            for child in node.contents:
                walk(child)
        else:
            x0, y0, x1, y1 = node.getBounds()
            out.append(((x0 - 2, y0 - 2, x1 + 2, y1 + 2), node))  # a pen's width around

    for shape in picture.contents:
        walk(shape)
    return out


def paint_drawing(painter: QPainter, picture: Drawing, scale: float = 1.0,
                  shapes: list[tuple[Bounds, Shape]] | None = None,
                  visible: QRectF | None = None) -> None:
    """The drawing at `scale` pixels per point, its origin at the top left: only the
    shapes that reach `visible` (in pixels), when it is given."""
    keep: Callable[[Bounds], bool] = lambda _b: True  # noqa: E731
    if visible is not None:
        top = picture.height - visible.top() / scale
        bottom = picture.height - visible.bottom() / scale
        left, right = visible.left() / scale, visible.right() / scale

        def keep(b: Bounds) -> bool:
            return b[1] <= top and b[3] >= bottom and b[0] <= right and b[2] >= left
    chosen = shapes if shapes is not None else flattened(picture)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.translate(0, picture.height * scale)
    painter.scale(scale, -scale)  # reportlab's y grows upwards
    for bounds, shape in chosen:
        if keep(bounds):
            paint(painter, shape)


def picture_image(picture: Drawing, scale: float = 1.0) -> QImage:
    """The drawing as an image `scale` times its size in points, on white."""
    image = QImage(max(1, round(picture.width * scale)), max(1, round(picture.height * scale)),
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        paint_drawing(painter, picture, scale)
    finally:
        painter.end()
    return image


def save_png(picture: Drawing, path: Path | str, scale: float = 2.0) -> None:
    """The picture as PNG (by the file's ending), twice its size in points (sharp on
    slides); OSError if it could not be written."""
    from app.infra.files import written_atomically

    with written_atomically(Path(path)) as temp:
        if not picture_image(picture, scale).save(str(temp)):
            raise OSError(f"{Path(path).name}: the image could not be written")


class DrawingView(QWidget):
    """A drawing shown at its size in points (one pixel each at 100 %, sharp at any scale:
    painted at the screen's pixels, not stretched from an image). Only the shapes in view
    are painted: a swimmer plot of thousands of patients scrolls as one of ten."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picture: Drawing | None = None
        self.shapes: list[tuple[Bounds, Shape]] = []
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAutoFillBackground(False)

    def set_picture(self, picture: Drawing | None) -> None:
        self.picture = picture
        self.shapes = flattened(picture) if picture is not None else []
        self.updateGeometry()
        self.adjustSize()
        self.update()

    def sizeHint(self) -> QSize:
        if self.picture is None:
            return QSize(0, 0)
        return QSize(round(self.picture.width), round(self.picture.height))

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.picture is None:
            return
        painter = QPainter(self)
        try:
            painter.fillRect(event.rect(), QColor("white"))
            paint_drawing(painter, self.picture, 1.0, self.shapes, QRectF(event.rect()))
        finally:
            painter.end()
