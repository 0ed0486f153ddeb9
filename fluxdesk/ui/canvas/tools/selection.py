"""The region selection: its state, how it is drawn, and the rectangle and lasso tools.

Everything is in page pixels. The selection is drawn with the context box around it (dotted):
the part of the page the model will see. GUI thread only.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QObject, QPointF, QRectF, QSizeF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QPainterPath, QPolygonF, QTransform

from fluxdesk.core.errors import InputError
from fluxdesk.core.regions import Polygon, Rect, plan_region
from fluxdesk.core.regions.page_edit import DEFAULT_MARGIN_PX
from fluxdesk.ui.canvas import render
from fluxdesk.ui.canvas.overlay import CanvasOverlay, CanvasTool
from fluxdesk.ui.canvas.tools import look

ShapeSelection = Rect | Polygon
MIN_DRAG_PX = 3.0  # widget px: a shorter drag is a click, which deselects
LASSO_STEP_PX = 2.0  # widget px between lasso points


def selection_path(selection: ShapeSelection) -> QPainterPath:
    """The outline in page coordinates."""
    path = QPainterPath()
    if isinstance(selection, Rect):
        path.addRect(QRectF(selection.left, selection.top, selection.width, selection.height))
    else:
        path.addPolygon(QPolygonF([QPointF(x, y) for x, y in selection.points]))
        path.closeSubpath()
    return path


def size_text(width: int, height: int) -> str:
    return f"{width} × {height} px"


class SelectionState(QObject):
    """The committed selection (what a region edit uses) and the one being drawn."""

    changed = Signal()  # anything on screen changed (repaint)
    committed = Signal()  # the selection a run would use changed

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._selection: ShapeSelection | None = None
        self._draft: ShapeSelection | None = None
        self._page: tuple[int, int] | None = None
        self.margin_px = DEFAULT_MARGIN_PX

    def selection(self) -> ShapeSelection | None:
        return self._selection

    def page_size(self) -> tuple[int, int] | None:
        return self._page

    def shown(self) -> ShapeSelection | None:
        return self._draft if self._draft is not None else self._selection

    def belongs_to(self, page: QSizeF) -> bool:
        return self._page == (round(page.width()), round(page.height()))

    def set_draft(self, draft: ShapeSelection | None, page: QSizeF) -> None:
        self._page = (round(page.width()), round(page.height()))
        self._draft = draft
        self.changed.emit()

    def commit(self, selection: ShapeSelection | None) -> None:
        self._draft = None
        self._selection = selection
        self.changed.emit()
        self.committed.emit()

    def clear(self) -> bool:
        """True if there was something to clear."""
        had = self._selection is not None or self._draft is not None
        if had:
            self.commit(None)
        return had

    def set_margin(self, margin_px: int) -> None:
        if margin_px != self.margin_px:
            self.margin_px = margin_px
            self.changed.emit()
            self.committed.emit()


class SelectionOverlay(CanvasOverlay):
    """The selection as the artist sees it, whichever tool is active."""

    def __init__(self, state: SelectionState, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._quiet = False
        state.changed.connect(self.changed)

    def set_quiet(self, quiet: bool) -> None:
        """Outline only (a result is on screen: show where the edit is, not what to send)."""
        if quiet != self._quiet:
            self._quiet = quiet
            self.changed.emit()

    def paint(self, painter: QPainter, to_widget: QTransform, page: QSizeF) -> None:
        selection = self._state.shown()
        if selection is None or not self._state.belongs_to(page):
            return
        path = to_widget.map(selection_path(selection))
        if self._quiet:
            look.two_tone(painter, path)
            return
        page_rect = to_widget.mapRect(QRectF(QPointF(), page))
        look.dim_outside(painter, page_rect, path)
        size = (round(page.width()), round(page.height()))
        paint_context(painter, to_widget, size, selection, self._state.margin_px)
        look.two_tone(painter, path)
        inside = selection.bbox.clipped(size)
        bounds = path.boundingRect()
        anchor = bounds.topLeft() + QPointF(0, -26 if bounds.top() > 34 else 6)
        text = size_text(inside.width, inside.height)
        render.paint_pill(painter, text, anchor, Qt.AlignmentFlag.AlignLeft, painter.font())


def paint_context(
    painter: QPainter,
    to_widget: QTransform,
    page: tuple[int, int],
    area: ShapeSelection,
    margin_px: int,
) -> None:
    """The dotted box around a marked area: the part of the page the model will see."""
    try:
        crop = plan_region(page, area, margin_px).crop
    except InputError:
        return
    box = QRectF(crop.left, crop.top, crop.width, crop.height)
    look.accent_outline(painter, to_widget.mapRect(box), dotted=True)


def _clamp(point: QPointF, page: QSizeF) -> QPointF:
    return QPointF(min(max(point.x(), 0.0), page.width()), min(max(point.y(), 0.0), page.height()))


class _SelectTool(CanvasTool):
    """What both selection tools share: the state, the page and the zoom they work at."""

    def __init__(self, state: SelectionState, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self._page = QSizeF()
        self._scale = 1.0  # widget px per page px, from the last paint

    def set_page(self, page: QSizeF) -> None:
        """The page the tool marks (the input page), in page px."""
        self._page = QSizeF(page)

    def paint(self, painter: QPainter, to_widget: QTransform, page: QSizeF) -> None:
        self._scale = max(1e-6, math.hypot(to_widget.m11(), to_widget.m12()))

    def key_press(self, event: QKeyEvent) -> bool:
        return event.key() == Qt.Key.Key_Escape and self.state.clear()


_HANDLES = {
    "top_left": (0.0, 0.0),
    "top": (0.5, 0.0),
    "top_right": (1.0, 0.0),
    "right": (1.0, 0.5),
    "bottom_right": (1.0, 1.0),
    "bottom": (0.5, 1.0),
    "bottom_left": (0.0, 1.0),
    "left": (0.0, 0.5),
}
_HANDLE_CURSORS = {
    "top_left": Qt.CursorShape.SizeFDiagCursor,
    "bottom_right": Qt.CursorShape.SizeFDiagCursor,
    "top_right": Qt.CursorShape.SizeBDiagCursor,
    "bottom_left": Qt.CursorShape.SizeBDiagCursor,
    "top": Qt.CursorShape.SizeVerCursor,
    "bottom": Qt.CursorShape.SizeVerCursor,
    "left": Qt.CursorShape.SizeHorCursor,
    "right": Qt.CursorShape.SizeHorCursor,
}


def _normalized(a: QPointF, b: QPointF) -> Rect:
    left, right = sorted((round(a.x()), round(b.x())))
    top, bottom = sorted((round(a.y()), round(b.y())))
    return Rect(left, top, right, bottom)


def _handle_point(rect: Rect, name: str) -> QPointF:
    fx, fy = _HANDLES[name]
    return QPointF(rect.left + fx * rect.width, rect.top + fy * rect.height)


class RectSelectTool(_SelectTool):
    """Drag a rectangle (Shift: square); drag its handles or its inside to adjust; Escape
    clears; a click outside deselects."""

    def __init__(self, state: SelectionState, parent: QObject | None = None) -> None:
        super().__init__(state, parent)
        self._mode: str | None = None  # "create", "move" or a handle name while dragging
        self._anchor = QPointF()
        self._start_rect: Rect | None = None
        self._hover: str | None = None
        self._moved = False

    def _rect(self) -> Rect | None:
        shown = self.state.shown()
        return shown if isinstance(shown, Rect) and self.state.belongs_to(self._page) else None

    def _hit(self, pos: QPointF) -> str | None:
        rect = self._rect()
        if rect is None:
            return None
        reach = look.GRAB_RADIUS / self._scale
        for name in _HANDLES:
            delta = _handle_point(rect, name) - pos
            if abs(delta.x()) <= reach and abs(delta.y()) <= reach:
                return name
        inside = rect.left <= pos.x() <= rect.right and rect.top <= pos.y() <= rect.bottom
        return "move" if inside else None

    def cursor(self) -> Qt.CursorShape:
        if self._hover == "move":
            return Qt.CursorShape.SizeAllCursor
        return _HANDLE_CURSORS.get(self._hover or "", Qt.CursorShape.CrossCursor)

    def press(self, page_pos: QPointF, event: QMouseEvent) -> bool:
        if self._page.isEmpty():
            return False
        self._mode = self._hit(page_pos) or "create"
        self._anchor = _clamp(page_pos, self._page)
        self._start_rect = self._rect()
        self._moved = False
        return True

    def move(self, page_pos: QPointF, event: QMouseEvent) -> None:
        if self._mode is None:
            self._hover = self._hit(page_pos)
            return
        if not self._moved:
            distance = (page_pos - self._anchor).manhattanLength() * self._scale
            if distance < MIN_DRAG_PX:
                return
            self._moved = True
        square = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        self.state.set_draft(self._dragged(_clamp(page_pos, self._page), square), self._page)

    def release(self, page_pos: QPointF, event: QMouseEvent) -> None:
        mode, self._mode = self._mode, None
        if not self._moved:
            if mode == "create":
                self.state.clear()  # a click outside the selection deselects
            return
        draft = self.state.shown()
        usable = isinstance(draft, Rect) and min(draft.width, draft.height) >= 1
        self.state.commit(draft if usable else None)
        self._hover = self._hit(page_pos)

    def _dragged(self, pos: QPointF, square: bool) -> Rect:
        start = self._start_rect
        if self._mode == "move" and start is not None:
            dx = min(max(pos.x() - self._anchor.x(), -start.left), self._page.width() - start.right)
            dy = min(
                max(pos.y() - self._anchor.y(), -start.top), self._page.height() - start.bottom
            )
            return Rect(
                start.left + round(dx),
                start.top + round(dy),
                start.right + round(dx),
                start.bottom + round(dy),
            )
        if self._mode == "create" or start is None:
            fixed = self._anchor
        else:
            fx, fy = _HANDLES[self._mode or "bottom_right"]
            if 0.5 in (fx, fy):  # a side handle moves one edge
                edges = [
                    float(start.left),
                    float(start.top),
                    float(start.right),
                    float(start.bottom),
                ]
                if fx != 0.5:
                    edges[0 if fx == 0.0 else 2] = pos.x()
                if fy != 0.5:
                    edges[1 if fy == 0.0 else 3] = pos.y()
                return _normalized(QPointF(edges[0], edges[1]), QPointF(edges[2], edges[3]))
            fixed = QPointF(
                start.right if fx == 0.0 else start.left, start.bottom if fy == 0.0 else start.top
            )
        moving = pos
        if square:
            side = max(abs(moving.x() - fixed.x()), abs(moving.y() - fixed.y()))
            side = min(side, self._room(fixed, moving))
            moving = QPointF(
                fixed.x() + math.copysign(side, moving.x() - fixed.x()),
                fixed.y() + math.copysign(side, moving.y() - fixed.y()),
            )
        return _normalized(fixed, moving)

    def _room(self, fixed: QPointF, moving: QPointF) -> float:
        """How far a square may grow from `fixed` towards `moving` inside the page."""
        room_x = self._page.width() - fixed.x() if moving.x() >= fixed.x() else fixed.x()
        room_y = self._page.height() - fixed.y() if moving.y() >= fixed.y() else fixed.y()
        return min(room_x, room_y)

    def paint(self, painter: QPainter, to_widget: QTransform, page: QSizeF) -> None:
        super().paint(painter, to_widget, page)
        rect = self._rect()
        if rect is None or rect.width * self._scale < 12 or rect.height * self._scale < 12:
            return  # handles on a tiny rectangle would hide it
        for name in _HANDLES:
            point = to_widget.map(_handle_point(rect, name))
            look.handle(painter, point, active=name == (self._mode or self._hover))


class LassoTool(_SelectTool):
    """Draw a freehand outline; it closes on release. Escape cancels or clears."""

    def __init__(self, state: SelectionState, parent: QObject | None = None) -> None:
        super().__init__(state, parent)
        self._points: list[QPointF] = []

    def is_drawing(self) -> bool:
        return bool(self._points)

    def press(self, page_pos: QPointF, event: QMouseEvent) -> bool:
        if self._page.isEmpty():
            return False
        self.state.clear()
        self._points = [_clamp(page_pos, self._page)]
        return True

    def move(self, page_pos: QPointF, event: QMouseEvent) -> None:
        if not self._points:
            return
        point = _clamp(page_pos, self._page)
        if (point - self._points[-1]).manhattanLength() * self._scale >= LASSO_STEP_PX:
            self._points.append(point)
            self.changed.emit()

    def release(self, page_pos: QPointF, event: QMouseEvent) -> None:
        points, self._points = self._points, []
        points.append(_clamp(page_pos, self._page))
        polygon = None
        if len(points) >= 3:
            candidate = Polygon.of([(p.x(), p.y()) for p in points])
            if candidate.area * self._scale**2 >= MIN_DRAG_PX**2 * 4:
                polygon = candidate
        if polygon is not None:
            self.state.set_draft(None, self._page)  # records the page the outline is on
        self.state.commit(polygon)
        self.changed.emit()

    def key_press(self, event: QKeyEvent) -> bool:
        if event.key() == Qt.Key.Key_Escape and self._points:
            self._points = []
            self.changed.emit()
            return True
        return super().key_press(event)

    def paint(self, painter: QPainter, to_widget: QTransform, page: QSizeF) -> None:
        super().paint(painter, to_widget, page)
        if len(self._points) < 2:
            return
        path = QPainterPath()
        path.addPolygon(to_widget.map(QPolygonF(self._points)))
        look.two_tone(painter, path)
        closing = QPainterPath(to_widget.map(self._points[-1]))
        closing.lineTo(to_widget.map(self._points[0]))
        look.two_tone(painter, closing, dashed=True)
