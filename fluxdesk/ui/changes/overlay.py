"""The "what moved" heat map over the page, with each hotspot outlined and numbered.

The heat map (made off the GUI thread at ~1500 px: it is smooth) is stretched over the page
rect; hotspot boxes are in pencil pixels, which are the canvas's page coordinates, so both sit
exactly on the drawing at any zoom. GUI thread only.
"""

from __future__ import annotations

import numpy as np
from PIL import Image
from PySide6.QtCore import QObject, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QTransform

from fluxdesk.core.compare import Hotspot
from fluxdesk.ui.canvas import render
from fluxdesk.ui.canvas.overlay import CanvasOverlay

HEAT_SIDE = 1536  # long side of the heat map as drawn
SHOWN_HOTSPOTS = 12  # boxed and listed, strongest first; the heat map shows every change
HOTSPOT = QColor(255, 64, 129)
ACTIVE_HOTSPOT = QColor(255, 214, 0)


def heat_image(heat: Image.Image) -> QImage:
    """A mode L heat map (0 cold .. 255 redrawn) as a translucent yellow-to-magenta image,
    transparent where nothing moved. Safe off the GUI thread (QImage, not QPixmap)."""
    scale = min(1.0, HEAT_SIDE / max(heat.size))
    if scale < 1.0:
        size = (max(1, round(heat.width * scale)), max(1, round(heat.height * scale)))
        heat = heat.resize(size, Image.Resampling.BILINEAR)
    level = np.asarray(heat, np.float32) / 255.0
    rgba = np.empty((*level.shape, 4), np.uint8)
    rgba[..., 0] = 255
    rgba[..., 1] = np.round(210 * (1 - level) + 30 * level)
    rgba[..., 2] = np.round(40 + 110 * level)
    rgba[..., 3] = np.round(np.clip(level * 2.2, 0, 1) * 215)
    height, width = level.shape
    image = QImage(rgba.data, width, height, 4 * width, QImage.Format.Format_RGBA8888)
    return image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)  # owns its pixels


class HeatOverlay(CanvasOverlay):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._heat: QImage | None = None
        self._hotspots: tuple[Hotspot, ...] = ()
        self._page: tuple[int, int] | None = None
        self._active: int | None = None
        self._opacity = 0.85
        self._visible = False

    def set_map(
        self, heat: QImage | None, hotspots: tuple[Hotspot, ...], page: tuple[int, int] | None
    ) -> None:
        self._heat, self._hotspots, self._page, self._active = heat, hotspots, page, None
        self.changed.emit()

    def set_visible(self, visible: bool) -> None:
        if visible != self._visible:
            self._visible = visible
            self.changed.emit()

    def set_opacity(self, opacity: float) -> None:
        self._opacity = min(1.0, max(0.0, opacity))
        self.changed.emit()

    def is_visible(self) -> bool:
        return self._visible

    def set_active(self, index: int | None) -> None:
        self._active = index
        self.changed.emit()

    def paint(self, painter: QPainter, to_widget: QTransform, page: QSizeF) -> None:
        if not self._visible or self._page != (round(page.width()), round(page.height())):
            return
        if self._heat is not None:
            painter.save()
            painter.setOpacity(self._opacity)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
            painter.drawImage(to_widget.mapRect(QRectF(QPointF(), page)), self._heat)
            painter.restore()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for number, spot in enumerate(self._hotspots[:SHOWN_HOTSPOTS], start=1):
            box = spot.box
            rect = to_widget.mapRect(QRectF(box.left, box.top, box.width, box.height))
            rect = rect.adjusted(-4, -4, 4, 4)  # around the heat, not on it
            active = self._active == number - 1
            for color, width in ((QColor(255, 255, 255, 200), 4.0), (_ink(active), 2.0)):
                pen = QPen(color, width)
                pen.setCosmetic(True)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(rect, 4, 4)
            anchor = rect.topLeft() + QPointF(0, -24 if rect.top() > 30 else 4)
            render.paint_pill(
                painter, str(number), anchor, Qt.AlignmentFlag.AlignLeft, painter.font()
            )


def _ink(active: bool) -> QColor:
    return ACTIVE_HOTSPOT if active else HOTSPOT
