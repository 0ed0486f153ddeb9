"""Painting helpers for the canvas. GUI thread only; each paints only what the clip shows."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPolygonF,
    QTransform,
)

from fluxdesk.ui.canvas.pyramid import Pyramid

NEAREST_ABOVE = 2.0  # device px per image px beyond which pixels are shown as squares


def backdrop_color(palette: QPalette) -> QColor:
    """Neutral grey around the page: dark in a dark theme, mid-grey in a light one."""
    if palette.color(QPalette.ColorRole.Window).lightness() < 128:
        return QColor(38, 39, 42)
    return QColor(83, 84, 88)


def paint_page_frame(painter: QPainter, page: QRectF) -> None:
    """A soft drop shadow (strokes only, so the cost is the perimeter) and a 1 px border."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for step in range(1, 9):
        painter.setPen(QPen(QColor(0, 0, 0, 44 - step * 5), 1))
        painter.drawRect(page.adjusted(-step, -step + 2, step, step + 2))
    painter.setPen(QPen(QColor(0, 0, 0, 110), 1))
    painter.drawRect(page.adjusted(-1, -1, 0, 0))
    painter.restore()


def paint_pyramid(
    painter: QPainter,
    pyramid: Pyramid,
    page: QSizeF,
    to_widget: QTransform,
    device_zoom: float,
    clip: QRectF,
) -> None:
    """Paints `pyramid` stretched over the page rect (registration), visible tiles only, from
    the level nearest to screen resolution."""
    full_width = pyramid.full_size[0]
    level = pyramid.level_for(device_zoom * page.width() / full_width)
    level_to_widget = (
        QTransform.fromScale(page.width() / level.width, page.height() / level.height) * to_widget
    )
    inverse, invertible = level_to_widget.inverted()
    if not invertible:
        return
    bounds = QRectF(0, 0, level.width, level.height)
    area = inverse.mapRect(clip).adjusted(-1, -1, 1, 1).intersected(bounds)
    if area.isEmpty():
        return
    area = QRectF(area.toAlignedRect()).intersected(bounds)
    magnification = device_zoom * page.width() / level.width
    painter.save()
    painter.setClipRect(clip, Qt.ClipOperation.IntersectClip)
    painter.setTransform(level_to_widget, True)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, magnification < NEAREST_ABOVE)
    page_in_level = bounds.intersected(area)
    painter.fillRect(page_in_level, Qt.GlobalColor.white)  # paper under any transparency
    for rect, tile in level.tiles_in(area):
        source = QRectF(rect).intersected(area)
        painter.drawImage(source, tile, source.translated(-rect.x(), -rect.y()))
    painter.restore()


def _font(base: QFont, scale: float, weight: QFont.Weight) -> QFont:
    font = QFont(base)
    if base.pointSizeF() > 0:
        font.setPointSizeF(base.pointSizeF() * scale)
    else:
        font.setPixelSize(round(max(base.pixelSize(), 12) * scale))
    font.setWeight(weight)
    return font


def paint_empty_state(
    painter: QPainter, rect: QRectF, title: str, body: str, base_font: QFont, hover: bool
) -> None:
    """A centred drop target: page-with-arrow icon, title and body, highlighted while dragging."""
    accent = QColor(88, 160, 255)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    zone = QRectF(0, 0, min(rect.width() - 48, 520), min(rect.height() - 48, 300))
    zone.moveCenter(rect.center())
    painter.setPen(QPen(accent if hover else QColor(255, 255, 255, 60), 2, Qt.PenStyle.DashLine))
    painter.setBrush(QColor(88, 160, 255, 36) if hover else QColor(255, 255, 255, 8))
    painter.drawRoundedRect(zone, 14, 14)

    title_font = _font(base_font, 1.45, QFont.Weight.DemiBold)
    body_font = _font(base_font, 1.0, QFont.Weight.Normal)
    title_height = QFontMetricsF(title_font).height()
    body_rect = QRectF(zone.left() + 24, 0, zone.width() - 48, 0)
    body_height = (
        QFontMetricsF(body_font)
        .boundingRect(body_rect.adjusted(0, 0, 0, 400), Qt.TextFlag.TextWordWrap, body)
        .height()
    )
    icon = QRectF(0, 0, 40, 50)
    total = icon.height() + 18 + title_height + 8 + body_height
    top = zone.center().y() - total / 2
    icon.moveTopLeft(QPointF(zone.center().x() - icon.width() / 2, top))
    _paint_page_icon(painter, icon, accent if hover else QColor(235, 236, 240, 200))

    painter.setPen(QColor(240, 241, 244))
    painter.setFont(title_font)
    title_rect = QRectF(zone.left(), icon.bottom() + 18, zone.width(), title_height)
    painter.drawText(title_rect, Qt.AlignmentFlag.AlignCenter, title)
    painter.setPen(QColor(190, 193, 200))
    painter.setFont(body_font)
    body_rect = QRectF(zone.left() + 24, title_rect.bottom() + 8, zone.width() - 48, body_height)
    painter.drawText(body_rect, Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap, body)
    painter.restore()


def _paint_page_icon(painter: QPainter, rect: QRectF, color: QColor) -> None:
    fold = 12.0
    outline = QPainterPath()
    outline.moveTo(rect.topLeft())
    outline.lineTo(rect.right() - fold, rect.top())
    outline.lineTo(rect.right(), rect.top() + fold)
    outline.lineTo(rect.bottomRight())
    outline.lineTo(rect.bottomLeft())
    outline.closeSubpath()
    pen = QPen(color, 2)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(outline)
    cx, cy = rect.center().x(), rect.center().y() + 4
    painter.drawLine(QPointF(cx, cy - 12), QPointF(cx, cy + 9))
    painter.drawPolyline(
        QPolygonF([QPointF(cx - 7, cy + 2), QPointF(cx, cy + 9), QPointF(cx + 7, cy + 2)])
    )


def paint_drop_highlight(painter: QPainter, rect: QRectF) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QPen(QColor(88, 160, 255), 3))
    painter.setBrush(QColor(88, 160, 255, 28))
    painter.drawRoundedRect(rect.adjusted(2.5, 2.5, -2.5, -2.5), 8, 8)
    painter.restore()


def paint_pill(
    painter: QPainter, text: str, anchor: QPointF, align: Qt.AlignmentFlag, base_font: QFont
) -> None:
    """A small rounded label; `anchor` is its top-left (AlignLeft), top-right (AlignRight) or
    bottom-centre (AlignHCenter)."""
    font = _font(base_font, 0.92, QFont.Weight.DemiBold)
    metrics = QFontMetricsF(font)
    box = QRectF(0, 0, metrics.horizontalAdvance(text) + 20, metrics.height() + 8)
    if align & Qt.AlignmentFlag.AlignRight:
        box.moveTopRight(anchor)
    elif align & Qt.AlignmentFlag.AlignHCenter:
        box.moveBottom(anchor.y())
        box.moveLeft(anchor.x() - box.width() / 2)
    else:
        box.moveTopLeft(anchor)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(22, 23, 26, 190))
    painter.drawRoundedRect(box, box.height() / 2, box.height() / 2)
    painter.setPen(QColor(245, 246, 248))
    painter.setFont(font)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
    painter.restore()


def paint_wipe_divider(painter: QPainter, x: float, rect: QRectF, active: bool) -> None:
    """The wipe line (white with dark edges, visible on paper and on ink) and a round grip."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.fillRect(QRectF(x - 2, rect.top(), 4, rect.height()), QColor(0, 0, 0, 110))
    painter.fillRect(QRectF(x - 1, rect.top(), 2, rect.height()), QColor(255, 255, 255))
    center = QPointF(x, rect.center().y())
    radius = 19.0 if active else 17.0
    painter.setPen(Qt.PenStyle.NoPen)
    for spread, alpha in ((5.0, 18), (3.0, 30), (1.5, 45)):
        painter.setBrush(QColor(0, 0, 0, alpha))
        painter.drawEllipse(center + QPointF(0, 2), radius + spread, radius + spread)
    painter.setPen(QPen(QColor(0, 0, 0, 60), 1))
    painter.setBrush(QColor(88, 160, 255) if active else QColor(255, 255, 255))
    painter.drawEllipse(center, radius, radius)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(255, 255, 255) if active else QColor(45, 47, 52))
    for sign in (-1, 1):
        tip = center.x() + sign * 11
        base = center.x() + sign * 3.5
        painter.drawPolygon(
            QPolygonF(
                [
                    QPointF(tip, center.y()),
                    QPointF(base, center.y() - 6),
                    QPointF(base, center.y() + 6),
                ]
            )
        )
    painter.restore()


def paint_pane_separator(painter: QPainter, x: float, rect: QRectF) -> None:
    painter.save()
    painter.fillRect(QRectF(x - 1, rect.top(), 2, rect.height()), QColor(18, 18, 20))
    painter.restore()
