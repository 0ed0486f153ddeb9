"""Canvas editing tools: rectangle and lasso selection, the Fill mask brush, Expand handles.

Each tool is a `CanvasTool` working in page pixels; the state it edits (the selection, the
mask, the expand sides) lives in small QObjects that overlays draw whichever tool is active.
"""

from __future__ import annotations

from fluxdesk.ui.canvas.tools.brush import MaskBrushTool, MaskHolder, MaskOverlay
from fluxdesk.ui.canvas.tools.expand import ExpandState, ExpandTool
from fluxdesk.ui.canvas.tools.mask import Brush, MaskLayer, MaskSnapshot, snapshot_to_raster
from fluxdesk.ui.canvas.tools.selection import (
    LassoTool,
    RectSelectTool,
    SelectionOverlay,
    SelectionState,
)

__all__ = [
    "Brush",
    "ExpandState",
    "ExpandTool",
    "LassoTool",
    "MaskBrushTool",
    "MaskHolder",
    "MaskLayer",
    "MaskOverlay",
    "MaskSnapshot",
    "RectSelectTool",
    "SelectionOverlay",
    "SelectionState",
    "snapshot_to_raster",
]
