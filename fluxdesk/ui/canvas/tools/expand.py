"""The Expand tool: drag the page's edges outward; FLUX Expand paints what lies beyond.

`ExpandState` holds the sides in page px, always snapped to what the API can be sent (whole
pixels at the send scale, 0..2048 each); `ExpandTool` draws the new canvas bounds and handles.
A drag that starts away from a handle pans as usual. GUI thread only.
"""

from __future__ import annotations

import math
from dataclasses import astuple

from PySide6.QtCore import QObject, QPointF, QRectF, QSizeF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QMouseEvent, QPainter, QPainterPath, QTransform

from fluxdesk.core.regions.expand import (
    ExpandPlan,
    Sides,
    page_side_limit,
    plan_expand,
    side_limit,
)
from fluxdesk.ui.canvas import render
from fluxdesk.ui.canvas.overlay import CanvasTool
from fluxdesk.ui.canvas.tools import look
from fluxdesk.ui.i18n import translate

# Where each handle sits on the grown canvas, and which sides it moves.
_HANDLES: dict[str, tuple[float, float]] = {
    "left": (0.0, 0.5),
    "right": (1.0, 0.5),
    "top": (0.5, 0.0),
    "bottom": (0.5, 1.0),
    "top_left": (0.0, 0.0),
    "top_right": (1.0, 0.0),
    "bottom_left": (0.0, 1.0),
    "bottom_right": (1.0, 1.0),
}
_CURSORS = {
    "left": Qt.CursorShape.SizeHorCursor,
    "right": Qt.CursorShape.SizeHorCursor,
    "top": Qt.CursorShape.SizeVerCursor,
    "bottom": Qt.CursorShape.SizeVerCursor,
    "top_left": Qt.CursorShape.SizeFDiagCursor,
    "bottom_right": Qt.CursorShape.SizeFDiagCursor,
    "top_right": Qt.CursorShape.SizeBDiagCursor,
    "bottom_left": Qt.CursorShape.SizeBDiagCursor,
}


class ExpandState(QObject):
    """The sides to add, in page px, snapped to the send scale of the current page."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._plan: ExpandPlan | None = None

    def plan(self) -> ExpandPlan | None:
        return self._plan

    def page_sides(self) -> Sides:
        return self._plan.page if self._plan is not None else Sides()

    def sent_sides(self) -> Sides:
        return self._plan.sent if self._plan is not None else Sides()

    def limits(self) -> tuple[int, int]:
        """The most page px a left/right and a top/bottom side can grow by."""
        if self._plan is None:
            return 0, 0
        (width, height), (send_w, send_h) = self._plan.page_size, self._plan.send_size
        return page_side_limit(width, send_w), page_side_limit(height, send_h)

    def configure(self, page_size: tuple[int, int], send_size: tuple[int, int]) -> None:
        """A page (or a better estimate of its send size); the sides are kept if it is the
        same page, else reset."""
        same_page = self._plan is not None and self._plan.page_size == page_size
        sides = self.page_sides() if same_page else Sides()
        self._set(plan_expand(page_size, send_size, sides))

    def forget(self) -> None:
        self._set(None)

    def reset(self) -> bool:
        """Back to no expansion. True if anything changed."""
        if self._plan is None or not self._plan.sent.any:
            return False
        self.set_page_sides(Sides())
        return True

    def set_page_sides(self, sides: Sides) -> None:
        if self._plan is not None:
            self._set(plan_expand(self._plan.page_size, self._plan.send_size, sides))

    def set_sent_sides(self, sent: Sides) -> None:
        """The API's numbers (the prompt panel's fields), kept exactly."""
        if self._plan is not None:
            limit = side_limit()
            clamped = Sides(*(max(0, min(limit, value)) for value in astuple(sent)))
            self._set(ExpandPlan(self._plan.page_size, self._plan.send_size, clamped))

    def _set(self, plan: ExpandPlan | None) -> None:
        if plan != self._plan:
            self._plan = plan
            self.changed.emit()


class ExpandTool(CanvasTool):
    def __init__(self, state: ExpandState, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self._drag: str | None = None
        self._hover: str | None = None
        self._scale = 1.0
        state.changed.connect(self.changed)

    def _grown(self) -> QRectF | None:
        """The new canvas in page coordinates."""
        plan = self.state.plan()
        if plan is None:
            return None
        sides, (width, height) = plan.page, plan.page_size
        return QRectF(-sides.left, -sides.top, *plan.canvas_size) if width and height else None

    def _hit(self, pos: QPointF) -> str | None:
        grown = self._grown()
        if grown is None:
            return None
        reach = look.GRAB_RADIUS * 1.4 / self._scale
        for name, (fx, fy) in _HANDLES.items():
            point = QPointF(grown.left() + fx * grown.width(), grown.top() + fy * grown.height())
            if abs(point.x() - pos.x()) <= reach and abs(point.y() - pos.y()) <= reach:
                return name
        return None

    def cursor(self) -> Qt.CursorShape:
        name = self._drag or self._hover
        return _CURSORS[name] if name else Qt.CursorShape.OpenHandCursor

    def press(self, page_pos: QPointF, event: QMouseEvent) -> bool:
        self._drag = self._hit(page_pos)
        return self._drag is not None

    def move(self, page_pos: QPointF, event: QMouseEvent) -> None:
        if self._drag is None:
            hover = self._hit(page_pos)
            if hover != self._hover:
                self._hover = hover
                self.changed.emit()
            return
        plan = self.state.plan()
        if plan is None:
            return
        width, height = plan.page_size
        sides = plan.page
        x, y = page_pos.x(), page_pos.y()
        left, top, right, bottom = sides.left, sides.top, sides.right, sides.bottom
        if "left" in self._drag:
            left = max(0, round(-x))
        if "right" in self._drag:
            right = max(0, round(x - width))
        if "top" in self._drag:
            top = max(0, round(-y))
        if "bottom" in self._drag:
            bottom = max(0, round(y - height))
        self.state.set_page_sides(Sides(left, top, right, bottom))

    def release(self, page_pos: QPointF, event: QMouseEvent) -> None:
        self._drag = None
        self._hover = self._hit(page_pos)
        self.changed.emit()

    def key_press(self, event: QKeyEvent) -> bool:
        return event.key() == Qt.Key.Key_Escape and self.state.reset()

    def paint(self, painter: QPainter, to_widget: QTransform, page: QSizeF) -> None:
        self._scale = max(1e-6, math.hypot(to_widget.m11(), to_widget.m12()))
        plan = self.state.plan()
        grown_page = self._grown()
        if (
            plan is None
            or grown_page is None
            or plan.page_size
            != (
                round(page.width()),
                round(page.height()),
            )
        ):
            return
        page_rect = to_widget.mapRect(QRectF(QPointF(), page))
        grown = to_widget.mapRect(grown_page)
        if plan.sent.any:
            band = QPainterPath()
            band.addRect(grown)
            inner = QPainterPath()
            inner.addRect(page_rect)
            band = band.subtracted(inner)
            painter.save()
            painter.fillPath(band, QColor(255, 255, 255, 200))
            painter.fillPath(band, QBrush(QColor(88, 160, 255, 110), Qt.BrushStyle.BDiagPattern))
            painter.restore()
            outline = QPainterPath()
            outline.addRect(grown)
            look.two_tone(painter, outline)
            self._paint_labels(painter, plan, page_rect, grown)
        for name, (fx, fy) in _HANDLES.items():
            point = QPointF(grown.left() + fx * grown.width(), grown.top() + fy * grown.height())
            look.handle(painter, point, active=name == (self._drag or self._hover))

    def _paint_labels(
        self, painter: QPainter, plan: ExpandPlan, page: QRectF, grown: QRectF
    ) -> None:
        font = painter.font()
        sides = plan.page
        centre = page.center()
        middle_h = Qt.AlignmentFlag.AlignHCenter
        labels = (
            (sides.left, QPointF((grown.left() + page.left()) / 2, centre.y() + 12)),
            (sides.right, QPointF((grown.right() + page.right()) / 2, centre.y() + 12)),
            (sides.top, QPointF(centre.x(), (grown.top() + page.top()) / 2 + 12)),
            (sides.bottom, QPointF(centre.x(), (grown.bottom() + page.bottom()) / 2 + 12)),
        )
        for value, anchor in labels:
            if value:
                render.paint_pill(painter, f"+{value} px", anchor, middle_h, font)
        width, height = plan.canvas_size
        anchor = QPointF(grown.center().x(), grown.bottom() + 34)
        text = translate("ExpandTool", "New page {width} × {height} px")
        render.paint_pill(painter, text.format(width=width, height=height), anchor, middle_h, font)
