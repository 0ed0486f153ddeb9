"""The Fill mask the artist paints: 8-bit weights over the page, with undo per stroke.

Storage: one ``QImage`` in ``Format_Alpha8`` (1 byte per pixel) that numpy paints through, and
Qt draws directly as the red overlay. Up to 16 MP the mask is at page resolution, exactly. A
bigger page (a 52 MP B4 scan) gets a mask at 1/k of the page on each side, with k the smallest
whole number that fits (k = 2 for B4: 13 MB instead of 52 MB, and every brush dab a quarter of
the work). Whole-number k makes the export exact and cheap: page pixel (x, y) takes mask pixel
(x // k, y // k), which is what the overlay shows. A brush is never finer than 2 page px at
that scale, far below anything the model (near 1 MP for the whole region) can see.

Dabs combine by maximum, within a stroke and with what is there, so a stroke has the same
weight everywhere, overlaps don't build up and a soft edge stays soft. Undo keeps only the
changed rectangle of each stroke (before and after). GUI thread only, except
``snapshot_to_raster`` (plain numpy, any thread).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QObject, QPointF, QRect, Signal
from PySide6.QtGui import QImage, QUndoCommand, QUndoStack

from fluxdesk.core.regions import Raster, Rect
from fluxdesk.ui.i18n import translate

MAX_MASK_PIXELS = 16_000_000
UNDO_LIMIT = 64
SOFT_EDGE = 0.6  # a soft brush fades over the outer 60% of its radius
DAB_SPACING = 0.2  # of the radius, between dabs along a stroke

Box = tuple[int, int, int, int]  # x0, y0, x1, y1 in mask px, half-open


@dataclass(frozen=True, slots=True)
class Brush:
    size: float  # diameter in page px
    hard: bool = True
    erase: bool = False


@dataclass(frozen=True, slots=True)
class MaskSnapshot:
    """The painted part of a mask, copied for a worker thread."""

    values: np.ndarray  # uint8, mask px
    origin: tuple[int, int]  # mask px
    factor: int
    page_size: tuple[int, int]


def mask_factor(page_size: tuple[int, int], max_pixels: int = MAX_MASK_PIXELS) -> int:
    width, height = page_size
    factor = 1
    while math.ceil(width / factor) * math.ceil(height / factor) > max_pixels:
        factor += 1
    return factor


def snapshot_to_raster(snapshot: MaskSnapshot) -> Raster:
    """The mask at page resolution (exact block upscaling), trimmed. Raises InputError if
    nothing is painted. Plain numpy: safe on any thread."""
    factor, values = snapshot.factor, snapshot.values
    if factor > 1:
        values = np.repeat(np.repeat(values, factor, axis=0), factor, axis=1)
    left, top = snapshot.origin[0] * factor, snapshot.origin[1] * factor
    width, height = snapshot.page_size
    return Raster.of(values[: max(0, height - top), : max(0, width - left)], (left, top))


def _union(a: Box | None, b: Box | None) -> Box | None:
    if a is None or b is None:
        return a or b
    return min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])


class _Stroke:
    def __init__(self, brush: Brush, before: np.ndarray, factor: int) -> None:
        self.brush = brush
        self.before = before
        self.weights = np.zeros_like(before)
        self.radius = max(0.5, brush.size / 2 / factor)
        self.dirty: Box | None = None
        self.last = QPointF()


class _PatchCommand(QUndoCommand):
    """Puts `before` or `after` back into one rectangle. Strokes are pushed already painted."""

    def __init__(
        self,
        layer: MaskLayer,
        box: Box,
        before: np.ndarray,
        after: np.ndarray,
        text: str,
        *,
        applied: bool,
    ) -> None:
        super().__init__(text)
        self._layer, self._box, self._before, self._after = layer, box, before, after
        self._done = applied  # a stroke is already on the mask when it is pushed

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._layer.write(self._box, self._after)

    def undo(self) -> None:
        self._layer.write(self._box, self._before)


class _InvertCommand(QUndoCommand):
    def __init__(self, layer: MaskLayer) -> None:
        super().__init__(translate("MaskLayer", "Invert mask"))
        self._layer = layer

    def redo(self) -> None:
        self._layer.invert_now()

    def undo(self) -> None:
        self._layer.invert_now()


class MaskLayer(QObject):
    changed = Signal()  # pixels changed: repaint
    edited = Signal()  # a stroke, clear, invert, undo or redo finished

    def __init__(self, page_size: tuple[int, int], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.page_size = page_size
        self.factor = mask_factor(page_size)
        width = math.ceil(page_size[0] / self.factor)
        height = math.ceil(page_size[1] / self.factor)
        self.image = QImage(width, height, QImage.Format.Format_Alpha8)
        if self.image.isNull():
            raise MemoryError(f"could not allocate a {width}×{height} mask")
        self.image.fill(0)
        # A view on the image's own buffer; the image is never copied, so it never detaches.
        rows = np.frombuffer(self.image.bits(), np.uint8).reshape(height, -1)
        self.pixels = rows[:, :width]
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(UNDO_LIMIT)
        # Every push, undo and redo (from the window's Edit menu too) is an edit.
        self.undo_stack.indexChanged.connect(self.edited)
        self._bounds: Box | None = None
        self._stroke: _Stroke | None = None

    # --- what is painted ----------------------------------------------------------------------

    def is_empty(self) -> bool:
        return self._bounds is None

    def mask_bounds(self) -> QRect:
        """The painted pixels' bounding box in mask px (empty when nothing is painted)."""
        if self._bounds is None:
            return QRect()
        x0, y0, x1, y1 = self._bounds
        return QRect(x0, y0, x1 - x0, y1 - y0)

    def bounds(self) -> Rect | None:
        """The painted pixels' bounding box in page px, within the page."""
        if self._bounds is None:
            return None
        k = self.factor
        x0, y0, x1, y1 = self._bounds
        return Rect(x0 * k, y0 * k, x1 * k, y1 * k).clipped(self.page_size)

    def snapshot(self) -> MaskSnapshot | None:
        if self._bounds is None:
            return None
        x0, y0, x1, y1 = self._bounds
        values = self.pixels[y0:y1, x0:x1].copy()
        return MaskSnapshot(values, (x0, y0), self.factor, self.page_size)

    def _recount(self, around: Box | None) -> None:
        """Recomputes the bounds, looking only where they can have changed."""
        area = _union(self._bounds, around)
        self._bounds = None
        if area is None:
            return
        x0, y0, x1, y1 = area
        block = self.pixels[y0:y1, x0:x1]
        rows = np.flatnonzero(block.any(axis=1))
        if rows.size:
            cols = np.flatnonzero(block.any(axis=0))
            top, bottom = y0 + int(rows[0]), y0 + int(rows[-1]) + 1
            self._bounds = (x0 + int(cols[0]), top, x0 + int(cols[-1]) + 1, bottom)

    # --- painting -------------------------------------------------------------------------------

    def begin_stroke(self, page_pos: QPointF, brush: Brush) -> None:
        self._stroke = _Stroke(brush, self.pixels.copy(), self.factor)
        self._stroke.last = page_pos / self.factor
        self._dab(self._stroke.last)
        self.changed.emit()

    def stroke_to(self, page_pos: QPointF) -> None:
        stroke = self._stroke
        if stroke is None:
            return
        target = page_pos / self.factor
        delta = target - stroke.last
        length = math.hypot(delta.x(), delta.y())
        step = max(0.5, stroke.radius * DAB_SPACING)
        count = int(length // step)
        for n in range(1, count + 1):
            self._dab(stroke.last + delta * (n * step / length))
        if count:
            stroke.last = stroke.last + delta * (count * step / length)
            self.changed.emit()

    def end_stroke(self) -> None:
        stroke, self._stroke = self._stroke, None
        if stroke is None or stroke.dirty is None:
            return
        x0, y0, x1, y1 = box = stroke.dirty
        before = stroke.before[y0:y1, x0:x1].copy()
        after = self.pixels[y0:y1, x0:x1].copy()
        self._recount(box)
        self.undo_stack.push(
            _PatchCommand(self, box, before, after, self.tr("Paint"), applied=True)
        )

    def _dab(self, center: QPointF) -> None:
        stroke = self._stroke
        assert stroke is not None
        height, width = self.pixels.shape
        radius, cx, cy = stroke.radius, center.x(), center.y()
        x0, x1 = max(0, math.floor(cx - radius - 1)), min(width, math.ceil(cx + radius + 1))
        y0, y1 = max(0, math.floor(cy - radius - 1)), min(height, math.ceil(cy + radius + 1))
        if x0 >= x1 or y0 >= y1:
            return
        xs = np.arange(x0, x1, dtype=np.float32) + 0.5 - cx
        ys = np.arange(y0, y1, dtype=np.float32)[:, None] + 0.5 - cy
        distance = np.sqrt(xs * xs + ys * ys)
        if stroke.brush.hard:
            weight = np.clip(radius - distance + 0.5, 0.0, 1.0)  # a one-pixel antialiased edge
        else:
            ramp = np.clip((radius - distance) / (radius * SOFT_EDGE), 0.0, 1.0)
            weight = ramp * ramp * (3 - 2 * ramp)
        dab = np.round(weight * 255).astype(np.uint8)
        weights = stroke.weights[y0:y1, x0:x1]
        np.maximum(weights, dab, out=weights)
        before = stroke.before[y0:y1, x0:x1]
        if stroke.brush.erase:
            kept = (before.astype(np.uint16) * (255 - weights) + 127) // 255
            self.pixels[y0:y1, x0:x1] = kept.astype(np.uint8)
        else:
            self.pixels[y0:y1, x0:x1] = np.maximum(before, weights)
        stroke.dirty = _union(stroke.dirty, (x0, y0, x1, y1))

    # --- whole-mask edits (undoable) ------------------------------------------------------------

    def clear(self) -> None:
        if self._bounds is None:
            return
        x0, y0, x1, y1 = box = self._bounds
        before = self.pixels[y0:y1, x0:x1].copy()
        cleared = np.zeros_like(before)
        self.undo_stack.push(
            _PatchCommand(self, box, before, cleared, self.tr("Clear"), applied=False)
        )

    def invert(self) -> None:
        self.undo_stack.push(_InvertCommand(self))

    def undo(self) -> None:
        if self._stroke is None and self.undo_stack.canUndo():
            self.undo_stack.undo()

    def redo(self) -> None:
        if self._stroke is None and self.undo_stack.canRedo():
            self.undo_stack.redo()

    # --- used by the undo commands --------------------------------------------------------------

    def write(self, box: Box, values: np.ndarray) -> None:
        x0, y0, x1, y1 = box
        self.pixels[y0:y1, x0:x1] = values
        self._recount(box)
        self.changed.emit()

    def invert_now(self) -> None:
        np.subtract(255, self.pixels, out=self.pixels)
        height, width = self.pixels.shape
        self._bounds = None
        self._recount((0, 0, width, height))
        self.changed.emit()
