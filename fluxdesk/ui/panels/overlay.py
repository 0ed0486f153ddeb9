"""How panels are drawn over the page: each outline, its number in reading order (at the corner
a reader starts from), the selection, and a badge with its job's progress during a run.

Drawn in widget coordinates with cosmetic pens, so outlines stay crisp at any zoom and sit
exactly on the page pixels they describe. GUI thread only.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QObject, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen, QPolygonF, QTransform

from fluxdesk.core.jobs import JobState
from fluxdesk.core.panels import Panel, ReadingDirection
from fluxdesk.ui.canvas.overlay import CanvasOverlay
from fluxdesk.ui.canvas.tools import look
from fluxdesk.ui.panels.state import PanelsState, PanelStatus

BADGE_RADIUS = 12.0  # widget px
BADGE_INSET = 20.0  # widget px from the panel's first corner towards its middle
SELECTED_FILL = QColor(88, 160, 255, 48)
BADGE_FILL = QColor(22, 23, 26, 215)
DONE = QColor("#3fa66a")
FAILED = QColor("#d9534f")


def panel_path(panel: Panel, to_widget: QTransform) -> QPainterPath:
    path = QPainterPath()
    path.addPolygon(to_widget.map(QPolygonF([QPointF(x, y) for x, y in panel.polygon.points])))
    path.closeSubpath()
    return path


def badge_center(panel: Panel, direction: ReadingDirection, to_widget: QTransform) -> QPointF:
    """Near the corner a reader starts the panel from (top right in manga, top left in
    comics), pulled inside towards the panel's middle."""
    points = [to_widget.map(QPointF(x, y)) for x, y in panel.polygon.points]
    sign = 1 if direction is ReadingDirection.right_to_left else -1
    corner = min(points, key=lambda p: p.y() - sign * p.x())
    middle = QPointF(
        sum(p.x() for p in points) / len(points), sum(p.y() for p in points) / len(points)
    )
    towards = middle - corner
    length = math.hypot(towards.x(), towards.y())
    if length < 1e-6:
        return corner
    step = min(BADGE_INSET * math.sqrt(2), length / 2)
    return corner + towards * (step / length)


class PanelsOverlay(CanvasOverlay):
    def __init__(self, state: PanelsState, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._visible = False
        self._handles = False
        state.changed.connect(self.changed)

    def set_visible(self, visible: bool, *, handles: bool = False) -> None:
        """Shown while the Panels tool is active or a run is under way; corner handles on
        selected panels only while editing."""
        if (visible, handles) != (self._visible, self._handles):
            self._visible, self._handles = visible, handles
            self.changed.emit()

    def is_visible(self) -> bool:
        return self._visible

    def paint(self, painter: QPainter, to_widget: QTransform, page: QSizeF) -> None:
        state = self._state
        size = state.page_size()
        if not self._visible or size is None:
            return
        if size != (round(page.width()), round(page.height())):
            return  # another page is on screen
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        panels = state.shown_panels()
        for panel in panels:
            path = panel_path(panel, to_widget)
            selected = state.is_selected(panel.id)
            if selected:
                painter.fillPath(path, SELECTED_FILL)
            _outline(painter, path, selected)
        for panel in panels:
            selected = state.is_selected(panel.id)
            center = badge_center(panel, state.direction(), to_widget)
            number = state.number_of(panel.id) or 0
            _badge(painter, center, number, selected, state.status(panel.id))
            if selected and self._handles:
                for x, y in panel.polygon.points:
                    look.handle(painter, to_widget.map(QPointF(x, y)))


def _outline(painter: QPainter, path: QPainterPath, selected: bool) -> None:
    painter.setBrush(Qt.BrushStyle.NoBrush)
    halo = QPen(QColor(255, 255, 255, 220), 4.0 if selected else 3.2)
    halo.setCosmetic(True)
    halo.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    painter.setPen(halo)
    painter.drawPath(path)
    line = QPen(look.ACCENT.darker(115) if selected else look.ACCENT, 2.0 if selected else 1.4)
    line.setCosmetic(True)
    line.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    painter.setPen(line)
    painter.drawPath(path)


def _badge(
    painter: QPainter, center: QPointF, number: int, selected: bool, status: PanelStatus | None
) -> None:
    radius = BADGE_RADIUS
    fill = look.ACCENT if selected else BADGE_FILL
    if status is not None and status.state is JobState.succeeded:
        fill = DONE
    elif status is not None and status.state in (JobState.failed, JobState.cancelled):
        fill = FAILED
    painter.setPen(QPen(QColor(255, 255, 255, 230), 1.5))
    painter.setBrush(fill)
    painter.drawEllipse(center, radius, radius)
    if status is not None and not status.state.is_terminal:
        _progress_ring(painter, center, radius + 4, status.progress or 0.0)
    font = QFont(painter.font())
    font.setPixelSize(13)
    font.setWeight(QFont.Weight.DemiBold)
    painter.setFont(font)
    painter.setPen(QColor(255, 255, 255))
    box = QRectF(center.x() - radius, center.y() - radius, 2 * radius, 2 * radius)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, str(number))


def _progress_ring(painter: QPainter, center: QPointF, radius: float, progress: float) -> None:
    """A faint full ring (queued) with the share done drawn over it."""
    box = QRectF(center.x() - radius, center.y() - radius, 2 * radius, 2 * radius)
    track = QPen(QColor(20, 22, 28, 110), 3.0)
    painter.setPen(track)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawEllipse(box)
    if progress > 0:
        done = QPen(look.ACCENT, 3.0)
        done.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(done)
        painter.drawArc(box, 90 * 16, -round(360 * 16 * min(1.0, progress)))
