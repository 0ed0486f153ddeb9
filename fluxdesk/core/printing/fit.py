"""Placing an image on a page: register a result onto its pencils, or fit/fill a page box.

Geometry first (``fit_rect``, ``physical_rect``, ``Alignment.apply``): pure functions returning
a ``PlacedRect`` in page-canvas pixels with fractions kept, so the GUI can draw a placement
before any pixel is computed. ``render`` then draws an image into such a rect on a white page
with the crisp resampler; ``fit_to_page`` and ``register_to_pencils`` combine both.

Registration keeps the artist's geometry: an edit model returns the whole input frame at a
size rounded to its grid (e.g. 1024 × 1440 for a 6071 × 8598 scan), so the result is stretched
onto exactly the rect the pencils occupy, with no crop and no shift. What the model itself
moved is measured by ``align.align_to`` and applied here as an ``Alignment``.

Geometry is pure and thread-safe; ``render`` and the helpers built on it are blocking (call from
a worker thread), report progress and honour ``cancel`` between strips.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from enum import StrEnum

from PIL import Image

from fluxdesk.core.printing.pages import PageBox, PageGuides, Rect
from fluxdesk.core.printing.steps import Progress, check_cancel, report
from fluxdesk.core.printing.upscale import upscale_line_art


class FitMode(StrEnum):
    fit = "fit"  # the whole image inside the box; paper shows on two sides
    fill = "fill"  # the box covered; what overflows is cut (the artist's explicit choice)


class Anchor(StrEnum):
    """Where the image sits in the box along the axis it does not fill."""

    top_left = "top_left"
    top = "top"
    top_right = "top_right"
    left = "left"
    center = "center"
    right = "right"
    bottom_left = "bottom_left"
    bottom = "bottom"
    bottom_right = "bottom_right"

    @property
    def fractions(self) -> tuple[float, float]:
        """(0, 0) top-left … (1, 1) bottom-right."""
        x = 0.0 if "left" in self.value else 1.0 if "right" in self.value else 0.5
        y = 0.0 if "top" in self.value else 1.0 if "bottom" in self.value else 0.5
        return (x, y)


@dataclass(frozen=True, slots=True)
class PlacedRect:
    """Where an image's full frame lands, in canvas pixels (fractions kept)."""

    left: float
    top: float
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class Alignment:
    """A correction measured between a reference (the pencils) and an image stretched onto the
    reference's frame, in reference pixels: content at ``p`` in the image belongs at
    ``c + scale · (p − c) + (dx, dy)`` in the reference, ``c`` being the frame's centre.
    ``confidence`` is 0 (no match found) to 1 (every part of the page agrees)."""

    dx: float = 0.0
    dy: float = 0.0
    scale: float = 1.0
    confidence: float = 1.0

    def apply(self, rect: PlacedRect, reference_size: tuple[int, int]) -> PlacedRect:
        """The rect to draw the image in so that it matches a reference placed at ``rect``."""
        to_canvas_x = rect.width / reference_size[0]
        to_canvas_y = rect.height / reference_size[1]
        width, height = rect.width * self.scale, rect.height * self.scale
        return PlacedRect(
            rect.left + (rect.width - width) / 2 + self.dx * to_canvas_x,
            rect.top + (rect.height - height) / 2 + self.dy * to_canvas_y,
            width,
            height,
        )


def fit_rect(
    image_size: tuple[int, int],
    box: Rect,
    mode: FitMode = FitMode.fit,
    anchor: Anchor = Anchor.center,
) -> PlacedRect:
    """The image scaled uniformly to fit inside (or to cover) ``box``, anchored."""
    width, height = image_size
    pick = min if mode is FitMode.fit else max
    scale = pick(box.width / width, box.height / height)
    return _anchored(width * scale, height * scale, box, anchor)


def physical_rect(
    image_size: tuple[int, int],
    image_dpi: float,
    page_dpi: float,
    box: Rect,
    anchor: Anchor = Anchor.center,
) -> PlacedRect:
    """The image at its own print size (a scan with a known dpi), anchored in ``box``."""
    scale = page_dpi / image_dpi
    return _anchored(image_size[0] * scale, image_size[1] * scale, box, anchor)


def _anchored(width: float, height: float, box: Rect, anchor: Anchor) -> PlacedRect:
    fx, fy = anchor.fractions
    return PlacedRect(
        box.left + (box.width - width) * fx, box.top + (box.height - height) * fy, width, height
    )


def render(
    image: Image.Image,
    rect: PlacedRect,
    canvas_size: tuple[int, int],
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> Image.Image:
    """A white canvas with ``image`` drawn into ``rect``; only the visible part is resampled.
    Sub-pixel placement is exact: the source box is derived from the whole-pixel target."""
    mode = "RGB" if image.mode in ("RGB", "RGBA", "P", "CMYK") else "L"
    canvas = Image.new(mode, canvas_size, "white")
    left = max(0, math.floor(rect.left + 0.5))
    top = max(0, math.floor(rect.top + 0.5))
    right = min(canvas_size[0], math.floor(rect.left + rect.width + 0.5))
    bottom = min(canvas_size[1], math.floor(rect.top + rect.height + 0.5))
    if right <= left or bottom <= top:
        report(progress, 1.0)
        return canvas
    sx, sy = image.width / rect.width, image.height / rect.height
    source_box = (
        max(0.0, (left - rect.left) * sx),
        max(0.0, (top - rect.top) * sy),
        min(float(image.width), (right - rect.left) * sx),
        min(float(image.height), (bottom - rect.top) * sy),
    )
    check_cancel(cancel)
    drawn = upscale_line_art(
        image, (right - left, bottom - top), box=source_box, progress=progress, cancel=cancel
    )
    canvas.paste(drawn.convert(mode), (left, top))
    return canvas


def fit_to_page(
    image: Image.Image,
    guides: PageGuides,
    *,
    box: PageBox = PageBox.trim,
    mode: FitMode = FitMode.fit,
    anchor: Anchor = Anchor.center,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> Image.Image:
    """The page canvas of ``guides`` with ``image`` fitted to (or filling) one of its boxes.
    Blocking."""
    rect = fit_rect(image.size, guides.box(box), mode, anchor)
    return render(image, rect, _size(guides), progress=progress, cancel=cancel)


def pencils_rect(
    pencils_size: tuple[int, int],
    guides: PageGuides,
    *,
    pencils_dpi: float | None = None,
    box: PageBox = PageBox.trim,
) -> PlacedRect:
    """Where the pencils sit on the page: at their print size, centred, when the scan's dpi is
    known; otherwise fitted to ``box`` (a scan of the whole sheet covers the trim)."""
    if pencils_dpi:
        return physical_rect(pencils_size, pencils_dpi, guides.dpi, guides.box(box))
    return fit_rect(pencils_size, guides.box(box))


def register_to_pencils(
    result: Image.Image,
    pencils_size: tuple[int, int],
    guides: PageGuides,
    *,
    pencils_dpi: float | None = None,
    box: PageBox = PageBox.trim,
    alignment: Alignment | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> Image.Image:
    """The page canvas with ``result`` drawn exactly over its pencils (see ``pencils_rect``),
    corrected by ``alignment`` from ``align.align_to(pencils, result)``. Blocking."""
    rect = pencils_rect(pencils_size, guides, pencils_dpi=pencils_dpi, box=box)
    if alignment is not None:
        rect = alignment.apply(rect, pencils_size)
    return render(result, rect, _size(guides), progress=progress, cancel=cancel)


def _size(guides: PageGuides) -> tuple[int, int]:
    return (guides.canvas.width, guides.canvas.height)
