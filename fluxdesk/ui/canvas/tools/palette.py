"""The tool palette: each tool's name, shortcut, hint and line icon.

Icons are drawn in the palette's text colour, at 3x with a device pixel ratio, so they stay crisp
on HiDPI screens and follow light and dark themes.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

SIZE = 18
SCALE = 3  # drawn at 3x, shown with a device pixel ratio: sharp on HiDPI screens too


class ToolId(StrEnum):
    navigate = "navigate"
    rectangle = "rectangle"
    lasso = "lasso"
    brush = "brush"
    expand = "expand"
    panels = "panels"


@dataclass(frozen=True, slots=True)
class ToolInfo:
    label: str
    shortcut: str
    tip: str


TOOLS: dict[ToolId, ToolInfo] = {
    ToolId.navigate: ToolInfo(
        QT_TRANSLATE_NOOP("ToolsBar", "Navigate"),
        "V",
        QT_TRANSLATE_NOOP("ToolsBar", "Pan and zoom; the page is not changed"),
    ),
    ToolId.rectangle: ToolInfo(
        QT_TRANSLATE_NOOP("ToolsBar", "Rectangle"),
        "M",
        QT_TRANSLATE_NOOP("ToolsBar", "Select a rectangle to edit (Shift: square, Esc: deselect)"),
    ),
    ToolId.lasso: ToolInfo(
        QT_TRANSLATE_NOOP("ToolsBar", "Lasso"),
        "L",
        QT_TRANSLATE_NOOP("ToolsBar", "Draw around the part to edit; it closes on release"),
    ),
    ToolId.brush: ToolInfo(
        QT_TRANSLATE_NOOP("ToolsBar", "Mask"),
        "B",
        QT_TRANSLATE_NOOP(
            "ToolsBar", "Paint what FLUX Fill should repaint ([ ] size, X: paint/erase)"
        ),
    ),
    ToolId.expand: ToolInfo(
        QT_TRANSLATE_NOOP("ToolsBar", "Expand"),
        "E",
        QT_TRANSLATE_NOOP("ToolsBar", "Drag the page's edges outward for FLUX Expand"),
    ),
    ToolId.panels: ToolInfo(
        QT_TRANSLATE_NOOP("ToolsBar", "Panels"),
        "P",
        QT_TRANSLATE_NOOP(
            "ToolsBar", "Find the page's panels, fix them, and run a preset panel by panel"
        ),
    ),
}


def _pen(color: QColor, width: float = 1.4, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(color, width, style)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def _navigate(painter: QPainter, color: QColor) -> None:
    arrow = QPolygonF(
        [
            QPointF(x, y)
            for x, y in (
                (4, 2),
                (4, 15),
                (7.5, 11.5),
                (10, 16.5),
                (12, 15.5),
                (9.6, 10.6),
                (14, 10.6),
            )
        ]
    )
    painter.setPen(_pen(color, 1.2))
    painter.setBrush(color)
    painter.drawPolygon(arrow)


def _rectangle(painter: QPainter, color: QColor) -> None:
    pen = _pen(color, 1.4, Qt.PenStyle.DashLine)
    pen.setDashPattern([2.2, 1.6])
    painter.setPen(pen)
    painter.drawRect(QRectF(2.5, 3.5, 13, 11))


def _lasso(painter: QPainter, color: QColor) -> None:
    painter.setPen(_pen(color, 1.4))
    painter.drawEllipse(QRectF(2, 2.5, 14, 9))
    tail = QPainterPath(QPointF(6, 10.8))
    tail.cubicTo(QPointF(4.5, 13), QPointF(7.5, 14), QPointF(5.5, 16.5))
    painter.drawPath(tail)


def _brush(painter: QPainter, color: QColor) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    soft = QColor(color)
    soft.setAlphaF(0.35)
    painter.setBrush(soft)
    painter.drawEllipse(QPointF(9, 9), 7.5, 7.5)
    painter.setBrush(color)
    painter.drawEllipse(QPointF(9, 9), 4.5, 4.5)


def _expand(painter: QPainter, color: QColor) -> None:
    painter.setPen(_pen(color, 1.3))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(QRectF(6, 6, 6, 6))
    for dx, dy in ((-1, 0), (1, 0), (0, -1), (0, 1)):
        start = QPointF(9 + dx * 4.5, 9 + dy * 4.5)
        end = QPointF(9 + dx * 8, 9 + dy * 8)
        painter.drawLine(start, end)
        side = QPointF(dy, dx) * 1.8
        back = end - QPointF(dx, dy) * 1.8
        painter.drawLine(end, back + side)
        painter.drawLine(end, back - side)


def _panels(painter: QPainter, color: QColor) -> None:
    """A manga page: one wide panel over two, the lower gutter slanted."""
    painter.setPen(_pen(color, 1.3))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(QRectF(2.5, 2.5, 13, 5.5))
    painter.drawPolygon(
        QPolygonF([QPointF(2.5, 10), QPointF(8.2, 10), QPointF(6.8, 15.5), QPointF(2.5, 15.5)])
    )
    painter.drawPolygon(
        QPolygonF([QPointF(10.2, 10), QPointF(15.5, 10), QPointF(15.5, 15.5), QPointF(8.8, 15.5)])
    )


_DRAW = {
    ToolId.navigate: _navigate,
    ToolId.rectangle: _rectangle,
    ToolId.lasso: _lasso,
    ToolId.brush: _brush,
    ToolId.expand: _expand,
    ToolId.panels: _panels,
}


def tool_icon(tool: ToolId, color: QColor) -> QIcon:
    """GUI thread only (QPixmap)."""
    pixmap = QPixmap(SIZE * SCALE, SIZE * SCALE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(SCALE, SCALE)
    _DRAW[tool](painter, color)
    painter.end()
    pixmap.setDevicePixelRatio(SCALE)
    return QIcon(pixmap)
