"""The mask brush for FLUX Fill: paints (or erases) the mask, shown as a translucent red overlay.

`MaskHolder` keeps the mask of the current page (a new page gets a new, empty mask);
`MaskOverlay` draws it whichever tool is active; `MaskBrushTool` paints with the left button.
Keys while the brush is active: [ and ] resize, X swaps paint and erase. GUI thread only.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QObject, QPointF, QRectF, QSizeF, Qt, Signal, Slot
from PySide6.QtGui import QImage, QKeyEvent, QMouseEvent, QPainter, QTransform

from fluxdesk.core.regions.page_edit import DEFAULT_MARGIN_PX
from fluxdesk.ui.canvas.overlay import CanvasOverlay, CanvasTool
from fluxdesk.ui.canvas.tools import look
from fluxdesk.ui.canvas.tools.mask import Brush, MaskLayer
from fluxdesk.ui.canvas.tools.selection import paint_context

MIN_BRUSH = 1
MAX_BRUSH = 2000  # page px: a third of a B4 page at 600 dpi
DEFAULT_BRUSH = 120
SIZE_STEP = 1.25  # [ and ] scale the brush by this


def clamp_size(size: float) -> int:
    return max(MIN_BRUSH, min(MAX_BRUSH, round(size)))


class MaskHolder(QObject):
    """The current page's mask, made on the first stroke."""

    layer_changed = Signal()
    changed = Signal()  # repaint
    edited = Signal()  # the painted area (or undo state) changed

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._layer: MaskLayer | None = None

    def layer(self) -> MaskLayer | None:
        return self._layer

    def layer_for(self, page_size: tuple[int, int]) -> MaskLayer:
        if self._layer is None or self._layer.page_size != page_size:
            self._set(MaskLayer(page_size, self))
        assert self._layer is not None
        return self._layer

    def reset(self) -> None:
        if self._layer is not None:
            self._set(None)

    def _set(self, layer: MaskLayer | None) -> None:
        old, self._layer = self._layer, layer
        if old is not None:
            old.changed.disconnect(self._on_layer_changed)
            old.edited.disconnect(self._on_layer_edited)
            old.deleteLater()
        if layer is not None:
            layer.changed.connect(self._on_layer_changed)
            layer.edited.connect(self._on_layer_edited)
        self.layer_changed.emit()
        self.changed.emit()
        self.edited.emit()

    @Slot()
    def _on_layer_changed(self) -> None:
        self.changed.emit()

    @Slot()
    def _on_layer_edited(self) -> None:
        self.edited.emit()


class MaskOverlay(CanvasOverlay):
    """The mask in red, drawn only where it is painted and only as big as the screen shows it:
    the cost follows the window's size, not the page's."""

    def __init__(self, holder: MaskHolder, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._holder = holder
        self._hidden = False
        self.margin_px = DEFAULT_MARGIN_PX  # for the context box
        holder.changed.connect(self.changed)

    def set_hidden(self, hidden: bool) -> None:
        """Hidden while a result is on screen (red over the result would hide it)."""
        if hidden != self._hidden:
            self._hidden = hidden
            self.changed.emit()

    def paint(self, painter: QPainter, to_widget: QTransform, page: QSizeF) -> None:
        layer = self._holder.layer()
        if layer is None or layer.is_empty() or self._hidden:
            return
        if layer.page_size != (round(page.width()), round(page.height())):
            return  # another page is on screen
        bounds = layer.bounds()
        if bounds is not None:
            paint_context(painter, to_widget, layer.page_size, bounds, self.margin_px)
        k = layer.factor
        mask_to_widget = QTransform.fromScale(k, k) * to_widget
        inverse, ok = mask_to_widget.inverted()
        if not ok:
            return
        clip = painter.clipBoundingRect()
        if clip.isEmpty():
            clip = QRectF(painter.viewport())
        visible = inverse.mapRect(clip).toAlignedRect().adjusted(-1, -1, 1, 1)
        source = visible.intersected(layer.mask_bounds())
        if source.isEmpty():
            return
        target = mask_to_widget.mapRect(QRectF(source))
        dpr = painter.device().devicePixelRatioF() if painter.device() else 1.0
        width = max(1, math.ceil(target.width() * dpr))
        height = max(1, math.ceil(target.height() * dpr))
        tinted = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        tinted.fill(look.MASK_RED)
        tint = QPainter(tinted)
        tint.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationIn)
        tint.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, width < source.width())
        tint.drawImage(QRectF(0, 0, width, height), layer.image, QRectF(source))
        tint.end()
        painter.setOpacity(look.MASK_OPACITY)
        painter.drawImage(target, tinted)


class MaskBrushTool(CanvasTool):
    brush_changed = Signal(object)  # Brush

    def __init__(self, holder: MaskHolder, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.holder = holder
        self.brush = Brush(DEFAULT_BRUSH)
        self._page = QSizeF()
        self._scale = 1.0
        self._hover: QPointF | None = None
        self._layer: MaskLayer | None = None  # while a stroke is going on

    def set_brush(self, brush: Brush) -> None:
        brush = Brush(clamp_size(brush.size), brush.hard, brush.erase)
        if brush != self.brush:
            self.brush = brush
            self.brush_changed.emit(brush)
            self.changed.emit()

    def set_page(self, page: QSizeF) -> None:
        """The page the brush paints on (the input page), in page px."""
        self._page = QSizeF(page)

    def press(self, page_pos: QPointF, event: QMouseEvent) -> bool:
        if self._page.isEmpty():
            return False
        size = (round(self._page.width()), round(self._page.height()))
        self._layer = self.holder.layer_for(size)
        self._layer.begin_stroke(page_pos, self.brush)
        return True

    def move(self, page_pos: QPointF, event: QMouseEvent) -> None:
        self._hover = page_pos
        if self._layer is not None:
            self._layer.stroke_to(page_pos)
        else:
            self.changed.emit()  # the brush outline follows the pointer

    def release(self, page_pos: QPointF, event: QMouseEvent) -> None:
        layer, self._layer = self._layer, None
        if layer is not None:
            layer.stroke_to(page_pos)
            layer.end_stroke()

    def key_press(self, event: QKeyEvent) -> bool:
        key = event.key()
        brush = self.brush
        if key == Qt.Key.Key_BracketLeft:
            self.set_brush(
                Brush(min(brush.size - 1, brush.size / SIZE_STEP), brush.hard, brush.erase)
            )
        elif key == Qt.Key.Key_BracketRight:
            self.set_brush(
                Brush(max(brush.size + 1, brush.size * SIZE_STEP), brush.hard, brush.erase)
            )
        elif key == Qt.Key.Key_X:
            self.set_brush(Brush(brush.size, brush.hard, not brush.erase))
        else:
            return False
        return True

    def paint(self, painter: QPainter, to_widget: QTransform, page: QSizeF) -> None:
        self._scale = max(1e-6, math.hypot(to_widget.m11(), to_widget.m12()))
        if self._hover is not None:
            radius = self.brush.size / 2 * self._scale
            look.brush_circle(painter, to_widget.map(self._hover), radius, erase=self.brush.erase)
