"""Extension points of the canvas: overlays drawn over the page, tools that take the mouse, and
renderers that draw the page for a compare mode of their own.

Everything is in *page coordinates*: pixels of the reference (the pencils) when one is set,
else of the main image. Page guides, panel frames, selections and masks are overlays; the
rectangle/lasso selector, the mask brush and the expand handles are tools. GUI thread only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPointF, QRectF, QSizeF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QTransform

if TYPE_CHECKING:
    from fluxdesk.ui.canvas.pyramid import Pyramid


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

    def double_click(self, page_pos: QPointF, event: QMouseEvent) -> bool:
        """Return True when the double-click was used (the canvas then does not zoom)."""
        return False

    def key_press(self, event: QKeyEvent) -> bool:
        """Return True when the key was used (e.g. Escape cancels a selection)."""
        return False

    def takes_shortcut(self, event: QKeyEvent) -> bool:
        """Return True to get a key the window has a shortcut for (e.g. Ctrl+Z for the tool's
        own undo while the canvas has the focus)."""
        return False


class CompareRenderer(QObject):
    """Draws the page in a compare mode the canvas does not know itself (see
    ``CanvasView.set_compare_renderer``); the overlays are drawn over it as usual."""

    changed = Signal()  # emit to have the canvas repaint

    def paint(
        self,
        painter: QPainter,
        pane: QRectF,
        to_widget: QTransform,
        page: QSizeF,
        zoom: float,
        layers: tuple[Pyramid, Pyramid],
    ) -> None:
        """`layers` is (reference, main), each stretched over the page rect as usual; `zoom`
        is device px per page px. Paint only inside `pane`."""
