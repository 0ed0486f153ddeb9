"""The editing tools on a bare canvas, driven by simulated mouse and keys: selections land in page
pixels, brush strokes and their undo change the mask exactly, expand handles clamp and snap."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, QSizeF, Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from fluxdesk.core.regions import Polygon, Rect
from fluxdesk.core.regions.expand import Sides
from fluxdesk.ui.canvas import CanvasView
from fluxdesk.ui.canvas.tools import (
    Brush,
    ExpandState,
    ExpandTool,
    LassoTool,
    MaskBrushTool,
    MaskHolder,
    MaskOverlay,
    RectSelectTool,
    SelectionOverlay,
    SelectionState,
    snapshot_to_raster,
)
from fluxdesk.ui.canvas.tools.mask import MaskLayer, mask_factor

PAGE = (1600, 2200)
LEFT = Qt.MouseButton.LeftButton
SHIFT = Qt.KeyboardModifier.ShiftModifier


def show_page(qtbot: QtBot, canvas: CanvasView, size: tuple[int, int] = PAGE) -> QSizeF:
    image = QImage(*size, QImage.Format.Format_Grayscale8)
    image.fill(240)
    canvas.show_image(image, key="input")
    qtbot.waitUntil(lambda: canvas.page_size() == QSizeF(*size), timeout=5000)
    canvas.grab()  # one paint: the tools learn the zoom
    return QSizeF(*size)


def tolerance(canvas: CanvasView) -> float:
    return 1.5 / (canvas.zoom() / canvas.devicePixelRatioF())  # a widget pixel and a half


def assert_near(rect: Rect, expected: tuple[float, float, float, float], slack: float) -> None:
    for got, want in zip(rect.box, expected, strict=True):
        assert abs(got - want) <= slack, (rect, expected)


@pytest.fixture
def selecting(qtbot: QtBot, canvas: CanvasView):
    page = show_page(qtbot, canvas)
    state = SelectionState()
    canvas.add_overlay(SelectionOverlay(state))
    rect, lasso = RectSelectTool(state), LassoTool(state)
    rect.set_page(page)
    lasso.set_page(page)
    return state, rect, lasso


def test_rectangle_lands_in_page_pixels_and_adjusts(
    qtbot: QtBot, canvas: CanvasView, selecting, drag, at
) -> None:
    state, rect_tool, _ = selecting
    canvas.set_tool(rect_tool)
    slack = tolerance(canvas)
    drag(canvas, [(300, 400), (700, 900), (1100, 1300)])
    selection = state.selection()
    assert isinstance(selection, Rect)
    assert_near(selection, (300, 400, 1100, 1300), slack)
    canvas.grab()

    # The bottom-right handle moves two edges; the inside moves the whole box.
    drag(canvas, [(selection.right, selection.bottom), (1200, 1500)])
    assert_near(state.selection(), (300, 400, 1200, 1500), 2 * slack)
    before = state.selection()
    drag(canvas, [(700, 900), (800, 950)])
    moved = state.selection()
    assert moved.size == before.size
    assert abs(moved.left - before.left - 100) <= 2 * slack

    # Shift makes a square; a drag past the page edge stays on the page.
    drag(canvas, [(100, 100), (600, 350)], SHIFT)
    square = state.selection()
    assert abs(square.width - square.height) <= 1 and abs(square.width - 500) <= 2 * slack
    drag(canvas, [(1300, 2000), (1900, 2600)])
    assert state.selection().right == PAGE[0] and state.selection().bottom == PAGE[1]

    qtbot.keyClick(canvas, Qt.Key.Key_Escape)
    assert state.selection() is None
    drag(canvas, [(300, 400), (900, 900)])
    qtbot.mouseClick(canvas, LEFT, pos=at(canvas, 1400, 2000))  # a click outside deselects
    assert state.selection() is None


def test_lasso_closes_on_release_in_page_pixels(
    qtbot: QtBot, canvas: CanvasView, selecting, drag, at
) -> None:
    state, _, lasso = selecting
    canvas.set_tool(lasso)
    path = [(400, 300), (900, 350), (1200, 800), (1000, 1400), (500, 1300), (350, 800)]
    drag(canvas, path)
    selection = state.selection()
    assert isinstance(selection, Polygon) and len(selection.points) >= 6
    slack = tolerance(canvas)
    for x, y in path:  # every corner of the gesture is a vertex, where it was drawn
        nearest = min(abs(px - x) + abs(py - y) for px, py in selection.points)
        assert nearest <= 2 * slack
    assert abs(selection.bbox.left - 350) <= slack and abs(selection.bbox.bottom - 1400) <= slack

    # Escape while drawing cancels the new outline; Escape again clears nothing more.
    qtbot.mousePress(canvas, LEFT, pos=at(canvas, 100, 100))
    qtbot.mouseMove(canvas, at(canvas, 300, 120))
    assert lasso.is_drawing() and state.selection() is None
    qtbot.keyClick(canvas, Qt.Key.Key_Escape)
    assert not lasso.is_drawing()
    qtbot.mouseRelease(canvas, LEFT, pos=at(canvas, 300, 120))
    assert state.selection() is None  # too small to be a shape: nothing selected


def test_brush_strokes_undo_and_redo_change_the_mask_exactly(
    qtbot: QtBot, canvas: CanvasView, drag
) -> None:
    page = show_page(qtbot, canvas)
    holder = MaskHolder()
    canvas.add_overlay(MaskOverlay(holder))
    brush = MaskBrushTool(holder)
    brush.set_page(page)
    brush.set_brush(Brush(80, hard=True))
    canvas.set_tool(brush)

    drag(canvas, [(300, 500), (700, 500), (1100, 600)])
    layer = holder.layer()
    assert layer is not None and layer.factor == 1
    first = layer.pixels.copy()
    assert first[500, 500] == 255 and first[500 + 60, 500] == 0 and first[1500, 800] == 0
    bounds = layer.bounds()
    assert abs(bounds.left - 260) <= 8 and abs(bounds.top - 460) <= 8

    brush.set_brush(Brush(200, hard=False))
    drag(canvas, [(800, 1200), (800, 1600)])
    second = layer.pixels.copy()
    assert second[1400, 800] == 255 and 0 < second[1400, 800 + 80] < 255  # a soft edge

    qtbot.keyClick(canvas, Qt.Key.Key_X)  # erase
    assert brush.brush.erase
    drag(canvas, [(500, 480), (520, 480)])
    assert layer.pixels[490, 510] == 0

    layer.undo()
    assert np.array_equal(layer.pixels, second)
    layer.undo()
    assert np.array_equal(layer.pixels, first)
    layer.redo()
    assert np.array_equal(layer.pixels, second)
    layer.invert()
    assert layer.pixels[1500, 200] == 255 and layer.pixels[1400, 800] == 0
    layer.undo()
    layer.clear()
    assert layer.is_empty() and layer.bounds() is None
    layer.undo()
    assert np.array_equal(layer.pixels, second)

    size = brush.brush.size
    qtbot.keyClick(canvas, Qt.Key.Key_BracketRight)
    assert brush.brush.size > size
    qtbot.keyClick(canvas, Qt.Key.Key_BracketLeft)
    qtbot.keyClick(canvas, Qt.Key.Key_BracketLeft)
    assert brush.brush.size < size
    canvas.grab()  # the red overlay paints without errors


def test_a_huge_page_gets_a_coarser_mask_exported_exactly() -> None:
    page = (6071, 8598)  # B4 at 600 dpi, 52 MP
    assert mask_factor(page) == 2 and mask_factor((4000, 4000)) == 1
    layer = MaskLayer(page)
    assert (layer.image.width(), layer.image.height()) == (3036, 4299)
    layer.begin_stroke(QPointF(6060, 8590), Brush(40))  # into the bottom-right corner
    layer.end_stroke()
    raster = snapshot_to_raster(layer.snapshot())
    box = raster.bbox
    assert box.right == 6071 and box.bottom == 8598  # clipped to the page, not the mask
    # Every page pixel takes the mask pixel (x // 2, y // 2).
    mask = layer.pixels
    for x, y in [(6045, 8570), (6046, 8571), (6070, 8597), (6050, 8580)]:
        page_value = raster.values[y - raster.top, x - raster.left]
        assert page_value == mask[y // 2, x // 2]


def test_expand_handles_clamp_snap_and_pan_elsewhere(
    qtbot: QtBot, canvas: CanvasView, drag
) -> None:
    show_page(qtbot, canvas, (3000, 4000))  # 12 MP: sent at 4 MP, so sides are scaled
    state = ExpandState()
    state.configure((3000, 4000), (1774, 2365))
    tool = ExpandTool(state)
    canvas.set_tool(tool)
    canvas.set_zoom(canvas.zoom() / 4)
    canvas.grab()
    limit_x, limit_y = state.limits()
    assert limit_x == 2048 * 3000 // 1774 and limit_y == 2048 * 4000 // 2365

    drag(canvas, [(3000, 2000), (3600, 2000)])
    sides = state.page_sides()
    assert abs(sides.right - 600) <= 4 / (canvas.zoom() / canvas.devicePixelRatioF())
    assert sides.left == sides.top == sides.bottom == 0
    # Snapped: the page px are exactly what the sent px cover.
    assert sides.right == state.sent_sides().right * 3000 // 1774

    drag(canvas, [(3600, 4000), (3600 + 9000, 4000 + 9000)])  # far past the limit
    sides = state.page_sides()
    assert sides.right == limit_x and sides.bottom == limit_y
    assert state.sent_sides().right == 2048 and state.sent_sides().bottom == 2048

    center = canvas.view_center()
    drag(canvas, [(1500, 2000), (1700, 2200)])  # not on a handle: the view pans
    assert canvas.view_center() != center
    assert state.page_sides() == sides
    qtbot.keyClick(canvas, Qt.Key.Key_Escape)
    assert state.page_sides() == Sides()
