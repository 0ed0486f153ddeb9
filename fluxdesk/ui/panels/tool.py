"""The Panels tool: select panels, fix their outlines, split, merge, draw and delete them.

Modes (the options bar switches them):
- *edit*: click a panel to select it (Shift adds, Ctrl toggles, a click on paper clears);
  drag a selected panel's corner, edge or inside to move it; Delete removes the selection.
- *split*: drag a line across a panel to cut it in two there.
- *draw*: click the corners of a new panel (click the first one, double-click or Enter to
  close it; Backspace takes one back), or drag a rectangle.

Every change is one undoable step in the panel state; the geometry comes from
``core.panels.edit``. Page coordinates throughout. GUI thread only.
"""

from __future__ import annotations

import math
from enum import StrEnum

from PySide6.QtCore import QObject, QPointF, QSizeF, Qt, Signal
from PySide6.QtGui import (
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPolygonF,
    QTransform,
)

from fluxdesk.core.errors import InputError
from fluxdesk.core.panels import Panel, add_panel, move_vertex, remove_panel, split_panel
from fluxdesk.core.regions import Polygon
from fluxdesk.ui.canvas.overlay import CanvasTool
from fluxdesk.ui.canvas.tools import look
from fluxdesk.ui.i18n import core_text
from fluxdesk.ui.panels.state import PanelsState, Pick

MIN_DRAG_PX = 4.0  # widget px: less is a click


class PanelMode(StrEnum):
    edit = "edit"
    split = "split"
    draw = "draw"


def _contains(panel: Panel, point: QPointF) -> bool:
    polygon = QPolygonF([QPointF(x, y) for x, y in panel.polygon.points])
    return polygon.containsPoint(point, Qt.FillRule.OddEvenFill)


def _segment_distance(point: QPointF, a: tuple[float, float], b: tuple[float, float]) -> float:
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else ((point.x() - ax) * dx + (point.y() - ay) * dy) / length
    t = min(1.0, max(0.0, t))
    return math.hypot(point.x() - (ax + t * dx), point.y() - (ay + t * dy))


class PanelsTool(CanvasTool):
    message = Signal(str)  # why an edit could not be made

    def __init__(self, state: PanelsState, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.mode = PanelMode.edit
        self._scale = 1.0  # widget px per page px, from the last paint
        self._on_page = False  # the page on screen is the one the panels belong to
        self._drag: tuple[str, int, int] | None = None  # (what, panel id, vertex/edge index)
        self._anchor = QPointF()
        self._moved = False
        self._pointer = QPointF()
        self._hover: tuple[str, int, int] | None = None
        self._line: tuple[QPointF, QPointF] | None = None  # split line being drawn
        self._points: list[QPointF] = []  # corners of a panel being drawn

    def set_mode(self, mode: PanelMode | str) -> None:
        self.mode = PanelMode(mode)
        self._cancel_drawing()

    def is_drawing(self) -> bool:
        return bool(self._points) or self._line is not None

    def _usable(self) -> bool:
        return self._on_page

    # --- hit testing --------------------------------------------------------------------------

    def _hit(self, pos: QPointF) -> tuple[str, int, int] | None:
        """What is under the pointer: a selected panel's corner or edge, else a panel's inside
        (the smallest one holding the point)."""
        reach = look.GRAB_RADIUS / self._scale
        panels = self.state.shown_panels()
        for panel in panels:
            if not self.state.is_selected(panel.id):
                continue
            for index, (x, y) in enumerate(panel.polygon.points):
                if math.hypot(pos.x() - x, pos.y() - y) <= reach:
                    return ("corner", panel.id, index)
        for panel in panels:
            if not self.state.is_selected(panel.id):
                continue
            points = panel.polygon.points
            for index, start in enumerate(points):
                end = points[(index + 1) % len(points)]
                if _segment_distance(pos, start, end) <= reach * 0.7:
                    return ("edge", panel.id, index)
        inside = [panel for panel in panels if _contains(panel, pos)]
        if inside:
            smallest = min(inside, key=lambda panel: panel.polygon.area)
            return ("inside", smallest.id, -1)
        return None

    def cursor(self) -> Qt.CursorShape:
        if self.mode is not PanelMode.edit:
            return Qt.CursorShape.CrossCursor
        hover = self._drag or self._hover
        if hover is None:
            return Qt.CursorShape.ArrowCursor
        what, panel_id, _ = hover
        if what == "corner":
            return Qt.CursorShape.SizeAllCursor
        if what == "edge" or (what == "inside" and self.state.is_selected(panel_id)):
            return Qt.CursorShape.SizeAllCursor
        return Qt.CursorShape.PointingHandCursor

    # --- mouse --------------------------------------------------------------------------------

    def press(self, page_pos: QPointF, event: QMouseEvent) -> bool:
        if not self._usable():
            return False
        self._anchor, self._pointer, self._moved = QPointF(page_pos), QPointF(page_pos), False
        if self.mode is PanelMode.split:
            self._line = (QPointF(page_pos), QPointF(page_pos))
            return True
        if self.mode is PanelMode.draw:
            return True  # a click adds a corner on release; a drag makes a rectangle
        hit = self._hit(page_pos)
        modifiers = event.modifiers()
        if hit is None:
            if not modifiers & _PICK_KEYS:
                self.state.select(())
            return True
        what, panel_id, _ = hit
        if modifiers & _CTRL:
            self.state.select([panel_id], Pick.toggle)
        elif modifiers & Qt.KeyboardModifier.ShiftModifier:
            self.state.select([panel_id], Pick.add)
        elif not self.state.is_selected(panel_id):
            self.state.select([panel_id])
        if self.state.is_selected(panel_id):
            self._drag = hit if what != "inside" or not modifiers else None
        return True

    def move(self, page_pos: QPointF, event: QMouseEvent) -> None:
        self._pointer = QPointF(page_pos)
        buttons = event.buttons() & Qt.MouseButton.LeftButton
        if not self._moved and buttons:
            self._moved = (page_pos - self._anchor).manhattanLength() * self._scale >= MIN_DRAG_PX
        if self.mode is PanelMode.split and self._line is not None:
            self._line = (self._line[0], QPointF(page_pos))
            self.changed.emit()
        elif self.mode is PanelMode.draw:
            self.changed.emit()  # the rubber band follows the pointer
        elif self._drag is not None and self._moved:
            self.state.set_draft(self._dragged(page_pos))
        elif not buttons:
            self._hover = self._hit(page_pos) if self._usable() else None

    def release(self, page_pos: QPointF, event: QMouseEvent) -> None:
        if self.mode is PanelMode.split:
            line, self._line = self._line, None
            if line is not None and self._moved:
                self._split(line[0], QPointF(page_pos))
            self.changed.emit()
        elif self.mode is PanelMode.draw:
            self._draw_release(page_pos)
        elif self._drag is not None:
            drag, self._drag = self._drag, None
            draft = self.state.shown_panels()
            self.state.set_draft(None)
            if self._moved:
                self._commit_drag(drag, draft)
            elif drag[0] == "inside" and not event.modifiers() & _PICK_KEYS:
                self.state.select([drag[1]])  # a click in a selection picks that panel alone
        self._hover = self._hit(page_pos) if self._usable() else None

    def double_click(self, page_pos: QPointF, event: QMouseEvent) -> bool:
        if self.mode is PanelMode.draw and len(self._points) >= 3:
            self._close_drawing()
            return True
        return self.mode is not PanelMode.edit

    # --- keys ---------------------------------------------------------------------------------

    def key_press(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key == Qt.Key.Key_Escape:
            if self.is_drawing():
                self._cancel_drawing()
                return True
            had = bool(self.state.selected_ids())
            self.state.select(())
            return had
        if self.mode is PanelMode.draw and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return self._close_drawing()
        if self.mode is PanelMode.draw and key == Qt.Key.Key_Backspace and self._points:
            self._points.pop()
            self.changed.emit()
            return True
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.state.selected_ids():
            self.delete_selected()
            return True
        return False

    # --- edits --------------------------------------------------------------------------------

    def delete_selected(self) -> None:
        panels = list(self.state.panels())
        ids = self.state.selected_ids()
        for panel_id in ids:
            panels = remove_panel(panels, panel_id)
        text = self.tr("Delete panel") if len(ids) == 1 else self.tr("Delete panels")
        self.state.apply(panels, text)

    def _dragged(self, pos: QPointF) -> Panel | None:
        """The dragged panel at the pointer (None if the move would break it)."""
        assert self._drag is not None
        what, panel_id, index = self._drag
        panel = next((p for p in self.state.panels() if p.id == panel_id), None)
        if panel is None:
            return None
        width, height = self.state.page_size() or (0, 0)
        dx, dy = pos.x() - self._anchor.x(), pos.y() - self._anchor.y()
        points = panel.polygon.points
        if what == "corner":
            moved = {index}
        elif what == "edge":
            moved = {index, (index + 1) % len(points)}
        else:
            moved = set(range(len(points)))
        panels: list[Panel] = [panel]
        try:
            for vertex in sorted(moved):
                x, y = points[vertex]
                target = (min(max(x + dx, 0.0), width), min(max(y + dy, 0.0), height))
                panels = move_vertex(panels, panel_id, vertex, target)
        except InputError:
            return None
        return panels[0]

    def _commit_drag(self, drag: tuple[str, int, int], shown: tuple[Panel, ...]) -> None:
        what, panel_id, _ = drag
        moved = next((p for p in shown if p.id == panel_id), None)
        if moved is None:
            return
        panels = [moved if p.id == panel_id else p for p in self.state.panels()]
        texts = {
            "corner": self.tr("Move corner"),
            "edge": self.tr("Move edge"),
            "inside": self.tr("Move panel"),
        }
        self.state.apply(panels, texts[what])

    def _split(self, start: QPointF, end: QPointF) -> None:
        panels = self.state.panels()
        middle = (start + end) / 2
        selected = self.state.selected_ids()
        target = next(
            (p for p in panels if p.id in selected and _crosses(p, start, end)),
            next((p for p in panels if _contains(p, middle)), None),
        )
        if target is None:
            self.message.emit(self.tr("Draw the line across the panel to split."))
            return
        line = ((start.x(), start.y()), (end.x(), end.y()))
        try:
            split = split_panel(panels, target.id, line, 0.0, self.state.direction())
        except InputError as error:
            self.message.emit(core_text(error.user_message))
            return
        self.state.apply(split, self.tr("Split panel"))
        new = {p.id for p in split} - {p.id for p in panels}
        self.state.select(new)

    def _draw_release(self, pos: QPointF) -> None:
        if self._moved and not self._points:  # a dragged rectangle
            a, b = self._anchor, pos
            corners = [(a.x(), a.y()), (b.x(), a.y()), (b.x(), b.y()), (a.x(), b.y())]
            self._add(corners)
            return
        reach = look.GRAB_RADIUS / self._scale
        if len(self._points) >= 3 and math.hypot(*_xy(pos - self._points[0])) <= reach:
            self._close_drawing()
            return
        self._points.append(_clamped(pos, self.state.page_size()))
        self.changed.emit()

    def _close_drawing(self) -> bool:
        if len(self._points) < 3:
            return False
        points, self._points = self._points, []
        self._add([(p.x(), p.y()) for p in points])
        self.changed.emit()
        return True

    def _add(self, corners: list[tuple[float, float]]) -> None:
        page = self.state.page_size()
        clamped = [_xy(_clamped(QPointF(x, y), page)) for x, y in corners]
        try:
            polygon = Polygon.of(clamped)
            panels = add_panel(
                self.state.panels(), polygon, self.state.border_px(), self.state.direction()
            )
        except InputError as error:
            self.message.emit(core_text(error.user_message))
            return
        self.state.apply(panels, self.tr("Draw panel"))
        self.state.select([max(p.id for p in panels)])

    def _cancel_drawing(self) -> None:
        self._points = []
        self._line = None
        self.changed.emit()

    # --- painting -----------------------------------------------------------------------------

    def paint(self, painter: QPainter, to_widget: QTransform, page: QSizeF) -> None:
        self._scale = max(1e-6, math.hypot(to_widget.m11(), to_widget.m12()))
        size = (round(page.width()), round(page.height()))
        self._on_page = self.state.page_size() == size
        if self._line is not None:
            path = QPainterPath(to_widget.map(self._line[0]))
            path.lineTo(to_widget.map(self._line[1]))
            look.two_tone(painter, path, dashed=False)
        if self.mode is PanelMode.draw and self._points:
            path = QPainterPath(to_widget.map(self._points[0]))
            for point in self._points[1:]:
                path.lineTo(to_widget.map(point))
            look.two_tone(painter, path, dashed=False)
            rubber = QPainterPath(to_widget.map(self._points[-1]))
            rubber.lineTo(to_widget.map(self._pointer))
            look.two_tone(painter, rubber)
            for index, point in enumerate(self._points):
                look.handle(painter, to_widget.map(point), active=index == 0)


_CTRL = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier
_PICK_KEYS = _CTRL | Qt.KeyboardModifier.ShiftModifier


def _xy(point: QPointF) -> tuple[float, float]:
    return point.x(), point.y()


def _clamped(point: QPointF, page: tuple[int, int] | None) -> QPointF:
    width, height = page or (0, 0)
    return QPointF(min(max(point.x(), 0.0), width), min(max(point.y(), 0.0), height))


def _crosses(panel: Panel, start: QPointF, end: QPointF) -> bool:
    """True when the infinite line through start-end has corners on both sides."""
    dx, dy = end.x() - start.x(), end.y() - start.y()
    sides = {
        math.copysign(1.0, dx * (y - start.y()) - dy * (x - start.x()))
        for x, y in panel.polygon.points
    }
    return len(sides) == 2
