"""Extension points of the canvas: overlays drawn over the page and tools that take the mouse.

Everything is in *page coordinates*: pixels of the reference (the pencils) when one is set,
else of the main image. Page guides, panel frames, selections and masks are overlays; the
rectangle/lasso selector, the mask brush and the expand handles are tools. GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, QSizeF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QTransform


class CanvasOverlay(QObject):
    """Drawn above the page in every pane, under the canvas's own labels."""

    changed = Signal()  # emit to have the canvas repaint

    def paint(self, painter: QPainter, to_widget: QTransform, page: QSizeF) -> None:
        """`to_widget` maps page coordinates to the widget; the painter is clipped to the
        pane. Keep it cheap: this runs on every repaint."""


class CanvasTool(CanvasOverlay):
    """Takes the left button while active; panning stays on the middle button and Space."""

    def cursor(self) -> Qt.CursorShape:
        return Qt.CursorShape.CrossCursor

    def press(self, page_pos: QPointF, event: QMouseEvent) -> bool:
        """Return True when the press was used (the canvas then does not pan)."""
        return False

    def move(self, page_pos: QPointF, event: QMouseEvent) -> None:
        """Called on every move, with or without a button down."""

    def release(self, page_pos: QPointF, event: QMouseEvent) -> None:
        pass

    def key_press(self, event: QKeyEvent) -> bool:
        """Return True when the key was used (e.g. Escape cancels a selection)."""
        return False
