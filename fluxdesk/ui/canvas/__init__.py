"""The canvas: shows pencils and results, zoomable, with compare modes (see view.py)."""

from __future__ import annotations

from fluxdesk.ui.canvas.drop import expand_dropped
from fluxdesk.ui.canvas.layers import CompareMode
from fluxdesk.ui.canvas.loader import ImageLoader, LoadedImage, LoadedPreview, LoadFailure
from fluxdesk.ui.canvas.overlay import CanvasOverlay, CanvasTool
from fluxdesk.ui.canvas.view import CanvasView

__all__ = [
    "CanvasOverlay",
    "CanvasTool",
    "CanvasView",
    "CompareMode",
    "ImageLoader",
    "LoadFailure",
    "LoadedImage",
    "LoadedPreview",
    "expand_dropped",
]
