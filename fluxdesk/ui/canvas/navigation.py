"""Zoom and pan state shared by every pane of the canvas (this is what "zoom-locked" means).

`zoom` is in device pixels per page pixel, so 100% (1.0) shows one scan pixel per physical
screen pixel on HiDPI screens too: line art stays crisp at 100%.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSizeF
from PySide6.QtGui import QTransform

MAX_ZOOM = 32.0
FIT_MARGIN = 24.0  # logical px around a fitted page, so its shadow shows
ZOOM_STEPS = (
    1 / 32,
    1 / 24,
    1 / 16,
    1 / 12,
    1 / 8,
    1 / 6,
    1 / 4,
    1 / 3,
    1 / 2,
    2 / 3,
    1.0,
    1.5,
    2.0,
    3.0,
    4.0,
    6.0,
    8.0,
    12.0,
    16.0,
    24.0,
    32.0,
)


class Navigator:
    """Page <-> widget mapping for panes of any size. Plain Python; owned by the view."""

    def __init__(self) -> None:
        self.zoom = 1.0
        self.center = QPointF()  # page point shown at the centre of each pane
        self.page = QSizeF()
        self.dpr = 1.0
        self.fitting = True  # refit on resize until the user zooms or pans

    def has_page(self) -> bool:
        return self.page.width() > 0 and self.page.height() > 0

    def scale(self) -> float:
        """Logical pixels per page pixel."""
        return self.zoom / self.dpr

    def fit_zoom(self, pane: QRectF) -> float:
        if not self.has_page():
            return 1.0
        width = max(1.0, pane.width() - 2 * FIT_MARGIN)
        height = max(1.0, pane.height() - 2 * FIT_MARGIN)
        logical = min(width / self.page.width(), height / self.page.height())
        return min(MAX_ZOOM, logical * self.dpr)

    def min_zoom(self, pane: QRectF) -> float:
        return min(0.05, self.fit_zoom(pane) / 2)

    def clamp(self, zoom: float, pane: QRectF) -> float:
        return max(self.min_zoom(pane), min(MAX_ZOOM, zoom))

    def fit(self, pane: QRectF) -> None:
        self.zoom = self.fit_zoom(pane)
        self.center = QPointF(self.page.width() / 2, self.page.height() / 2)
        self.fitting = True

    def to_widget(self, pane: QRectF) -> QTransform:
        """Page -> widget coordinates for `pane`, translation snapped to device pixels so
        100% is pixel-exact."""
        scale = self.scale()
        dx = pane.center().x() - self.center.x() * scale
        dy = pane.center().y() - self.center.y() * scale
        dx = round(dx * self.dpr) / self.dpr
        dy = round(dy * self.dpr) / self.dpr
        return QTransform(scale, 0, 0, scale, dx, dy)

    def to_page(self, point: QPointF, pane: QRectF) -> QPointF:
        inverse, _ = self.to_widget(pane).inverted()
        return inverse.map(point)

    def zoom_to(self, zoom: float, anchor: QPointF, pane: QRectF) -> None:
        """Sets the zoom keeping the page point under `anchor` (widget coords) in place."""
        zoom = self.clamp(zoom, pane)
        before = self.to_page(anchor, pane)
        self.zoom = zoom
        scale = self.scale()
        offset = anchor - pane.center()
        self.center = QPointF(before.x() - offset.x() / scale, before.y() - offset.y() / scale)
        self._clamp_center()
        self.fitting = False

    def pan_by(self, delta: QPointF) -> None:
        """Moves the page by `delta` logical pixels."""
        scale = self.scale()
        self.center = QPointF(
            self.center.x() - delta.x() / scale, self.center.y() - delta.y() / scale
        )
        self._clamp_center()
        self.fitting = False

    def _clamp_center(self) -> None:
        # The pane centre always stays over the page, so the page can't get lost off-screen.
        x = min(max(self.center.x(), 0.0), self.page.width())
        y = min(max(self.center.y(), 0.0), self.page.height())
        self.center = QPointF(x, y)


def next_step(zoom: float, direction: int) -> float:
    """The next preset zoom above (direction > 0) or below the current one."""
    if direction > 0:
        return next((step for step in ZOOM_STEPS if step > zoom * 1.001), ZOOM_STEPS[-1])
    return next((step for step in reversed(ZOOM_STEPS) if step < zoom / 1.001), ZOOM_STEPS[0])
