"""The onion skin and the "what moved" base, drawn live by the canvas in page coordinates.

The result is drawn through its registration on the pencils (``core.compare.register``: a
uniform scale about the page centre and a shift, after the usual stretch onto the page), so
both line up exactly at any zoom and pan without a full-resolution render. Onion skin: the
pencils and the result as two inks on white (each image screened with its colour, then the
result multiplied over the pencils): lines in both look dark, lines in one show its colour,
the same picture as ``core.compare.onion_skin``. What moved: the registered result, faded, for
the heat map to sit on. Each paint composes two view-sized images: a few ms. GUI thread only.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QObject, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QTransform

from fluxdesk.core.compare import Registration
from fluxdesk.ui.canvas import render
from fluxdesk.ui.canvas.overlay import CompareRenderer
from fluxdesk.ui.canvas.pyramid import Pyramid

PENCILS_INK = QColor(30, 110, 255)  # the colours of core.compare.onion_skin
RESULT_INK = QColor(230, 40, 40)
FADED_RESULT = 0.45  # opacity of the result under the heat map


class InkStyle(StrEnum):
    onion = "onion"
    faded = "faded"


def registration_transform(registration: Registration, page: QSizeF) -> QTransform:
    """Stretched-result page coordinates -> pencil page coordinates:
    ``p -> c + scale (p - c) + (dx, dy)``, c the page centre."""
    cx, cy = page.width() / 2, page.height() / 2
    transform = QTransform()
    transform.translate(cx + registration.dx, cy + registration.dy)
    transform.scale(registration.scale, registration.scale)
    transform.translate(-cx, -cy)
    return transform


class InkRenderer(CompareRenderer):
    def __init__(self, style: InkStyle, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.style = style
        self._registration = Registration.identity()
        self._opacity = 1.0

    def registration(self) -> Registration:
        return self._registration

    def set_registration(self, registration: Registration | None) -> None:
        self._registration = registration or Registration.identity()
        self.changed.emit()

    def set_opacity(self, opacity: float) -> None:
        """The result's share: 0 shows the pencils (onion) or nothing (faded) alone."""
        self._opacity = min(1.0, max(0.0, opacity))
        self.changed.emit()

    def paint(
        self,
        painter: QPainter,
        pane: QRectF,
        to_widget: QTransform,
        page: QSizeF,
        zoom: float,
        layers: tuple[Pyramid, Pyramid],
    ) -> None:
        reference, main = layers
        area = to_widget.mapRect(QRectF(QPointF(), page)).intersected(pane)
        if area.isEmpty():
            return
        area = QRectF(area.toAlignedRect())
        result_to_widget = registration_transform(self._registration, page) * to_widget
        if self.style is InkStyle.faded:
            painter.fillRect(area, Qt.GlobalColor.white)
            painter.setOpacity(FADED_RESULT)
            render.paint_pyramid(painter, main, page, result_to_widget, zoom, area)
            painter.setOpacity(1.0)
            return
        dpr = painter.device().devicePixelRatioF()
        under = _inked(reference, page, to_widget, zoom, area, PENCILS_INK, dpr)
        over = _inked(main, page, result_to_widget, zoom, area, RESULT_INK, dpr)
        painter.drawImage(area.topLeft(), under)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Multiply)
        painter.setOpacity(self._opacity)
        painter.drawImage(area.topLeft(), over)
        painter.setOpacity(1.0)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)


def _inked(
    pyramid: Pyramid,
    page: QSizeF,
    to_widget: QTransform,
    zoom: float,
    area: QRectF,
    ink: QColor,
    dpr: float,
) -> QImage:
    """`pyramid` over `area` on white, its dark lines turned into `ink` (screen blend)."""
    image = QImage((area.size() * dpr).toSize(), QImage.Format.Format_RGB32)
    image.setDevicePixelRatio(dpr)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    try:
        painter.translate(-area.topLeft())
        render.paint_pyramid(painter, pyramid, page, to_widget, zoom, area)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Screen)
        painter.fillRect(area, ink)
    finally:
        painter.end()
    return image
