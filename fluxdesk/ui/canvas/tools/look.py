"""How the editing tools draw: outlines that read on paper and on ink, handles, size labels.

GUI thread only. Everything is drawn in widget coordinates with cosmetic pens, so lines stay
one crisp pixel at any zoom.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen

ACCENT = QColor(88, 160, 255)
MASK_RED = QColor(236, 52, 52)
MASK_OPACITY = 0.45
DIM = QColor(10, 12, 18, 46)  # over the page outside a selection
HANDLE_SIZE = 8.0  # widget px
GRAB_RADIUS = 9.0  # widget px around a handle that grab it


def two_tone(painter: QPainter, path: QPainterPath, *, dashed: bool = True) -> None:
    """A white line under a dark one, dashed ("marching ants") or solid: visible on any page."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    light = QPen(QColor(255, 255, 255, 235), 1.6)
    light.setCosmetic(True)
    painter.setPen(light)
    painter.drawPath(path)
    dark = QPen(QColor(20, 22, 28), 1.0)
    dark.setCosmetic(True)
    if dashed:
        dark.setDashPattern([4.0, 4.0])  # (a dash pattern makes any pen dashed)
    painter.setPen(dark)
    painter.drawPath(path)
    painter.restore()


def accent_outline(painter: QPainter, rect: QRectF, *, dotted: bool) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    pen = QPen(ACCENT, 1.0, Qt.PenStyle.DotLine if dotted else Qt.PenStyle.DashLine)
    pen.setCosmetic(True)
    painter.setPen(pen)
    painter.drawRect(rect)
    painter.restore()


def dim_outside(painter: QPainter, page: QRectF, inside: QPainterPath) -> None:
    """Darkens the page around `inside` (both in widget coordinates)."""
    path = QPainterPath()
    path.addRect(page)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.fillPath(path.subtracted(inside), DIM)
    painter.restore()


def handle(painter: QPainter, center: QPointF, *, active: bool = False) -> None:
    size = HANDLE_SIZE + (2 if active else 0)
    box = QRectF(center.x() - size / 2, center.y() - size / 2, size, size)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    pen = QPen(QColor(20, 22, 28), 1.0)
    pen.setCosmetic(True)
    painter.setPen(pen)
    painter.setBrush(QBrush(ACCENT if active else QColor(255, 255, 255)))
    painter.drawRoundedRect(box, 2, 2)
    painter.restore()


def brush_circle(painter: QPainter, center: QPointF, radius: float, *, erase: bool) -> None:
    """The brush's footprint under the pointer (dashed while erasing)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for color, width in ((QColor(255, 255, 255, 220), 2.2), (QColor(20, 22, 28), 1.0)):
        pen = QPen(
            color, width, Qt.PenStyle.DashLine if erase and width < 2 else Qt.PenStyle.SolidLine
        )
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.drawEllipse(center, max(1.5, radius), max(1.5, radius))
    painter.drawPoint(center)
    painter.restore()
