"""Region edits without a mask input: crop a page region, send it near the model's working size,
paste the result back at full resolution with a feathered seam, registered exactly.

Kontext has no mask, so the client does the masking: ``plan_region`` decides the crop (the
selection plus a context margin, clipped to the page) and the send size; ``crop_for_model``
makes the image to send; ``paste_back`` maps whatever size the model returned onto the crop box
and blends it only inside the selection. Every pixel outside the selection stays bit-identical.

Coordinates: page px as in ``geometry``. The crop box ``[left, right)`` maps linearly onto the
send image ``[0, send_w)`` (and back), the same convention Pillow's ``resize(box=...)`` uses.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PIL import Image

from fluxdesk.core.errors import InputError
from fluxdesk.core.messages import Message
from fluxdesk.core.regions.geometry import Point, Polygon, Raster, Rect, Selection, rasterize

WORKING_PIXELS = 1024 * 1024  # edit models work near 1 MP
SIZE_MULTIPLE = 32  # Kontext sizes are multiples of 32
MIN_SIDE = 256  # the API refuses smaller inputs
MAX_ASPECT = 21 / 9  # Kontext accepts 21:9 to 9:21
PAGE_MODES = ("L", "RGB")


@dataclass(frozen=True, slots=True)
class RegionPlan:
    """Where a region sits on the page and how it travels to the model and back.

    ``crop`` is in page px and lies inside the page; ``send_size`` is what the model gets.
    ``inset_px`` keeps the paste that far inside the selection (panels use it to spare their
    frame lines). A plan is a small value: store it with the job and reuse it for the paste.
    """

    page_size: tuple[int, int]
    selection: Selection
    crop: Rect
    send_size: tuple[int, int]
    inset_px: float = 0.0

    @property
    def scale_x(self) -> float:
        """Send px per page px, horizontally (may differ slightly from ``scale_y``)."""
        return self.send_size[0] / self.crop.width

    @property
    def scale_y(self) -> float:
        return self.send_size[1] / self.crop.height

    def to_send(self, point: Point) -> Point:
        x, y = point
        return (x - self.crop.left) * self.scale_x, (y - self.crop.top) * self.scale_y

    def to_page(self, point: Point) -> Point:
        x, y = point
        return x / self.scale_x + self.crop.left, y / self.scale_y + self.crop.top

    def selection_mask(self) -> Image.Image:
        """The selection (less the inset) in crop coordinates: mode L, 255 inside.

        Resize it with NEAREST to ``send_size`` for a model that does take a mask (FLUX Fill).
        """
        return Image.fromarray(
            np.where(self._inner_distance() > self.inset_px, 255, 0).astype(np.uint8)
        )

    def paste_alpha(self, feather_px: float) -> Image.Image:
        """Blend weights in crop coordinates: 0 outside the selection (and within ``inset_px`` of
        its edge), rising over ``feather_px`` to 255 inside, and never above a painted mask's
        weights. The seam is feathered inward only, so nothing outside the selection can change.
        Page edges get no seam: there is nothing beyond them to blend with."""
        ramp = (self._inner_distance() - self.inset_px) / (max(0.0, feather_px) + 0.5)
        alpha = np.round(np.clip(ramp, 0.0, 1.0) * 255).astype(np.uint8)
        if isinstance(self.selection, Raster):  # never more than what was painted
            alpha = np.minimum(alpha, self.selection.values_in(self.crop.box[:2], self.crop.size))
        return Image.fromarray(alpha)

    def _inner_distance(self) -> np.ndarray:
        """Distance (px) from each crop pixel's centre to the selection's edge; <= 0 outside."""
        import cv2

        crop = self.crop
        width, height = self.page_size
        # Pad with "outside" on every crop side that is not the page edge, so a selection
        # running into the crop border still gets its seam there.
        pad = (
            int(crop.top > 0),
            int(crop.bottom < height),
            int(crop.left > 0),
            int(crop.right < width),
        )
        origin = (crop.left - pad[2], crop.top - pad[0])
        size = (crop.width + pad[2] + pad[3], crop.height + pad[0] + pad[1])
        distance = cv2.distanceTransform(rasterize(self.selection, origin, size), cv2.DIST_L2, 5)
        # cv2 measures to the nearest outside pixel's centre; the edge is half a pixel nearer.
        return distance[pad[0] : pad[0] + crop.height, pad[2] : pad[2] + crop.width] - 0.5


def working_size(
    width: int, height: int, pixels: int = WORKING_PIXELS, multiple: int = SIZE_MULTIPLE
) -> tuple[int, int]:
    """Near `pixels` in area, the aspect of `width`×`height` (clamped to 21:9..9:21), both
    sides multiples of `multiple` and at least 256."""
    aspect = min(MAX_ASPECT, max(1 / MAX_ASPECT, width / height))
    send_w = math.sqrt(pixels * aspect)
    send_h = pixels / send_w

    def snap(value: float) -> int:
        return max(MIN_SIDE, round(value / multiple) * multiple)

    return snap(send_w), snap(send_h)


def plan_region(
    page_size: tuple[int, int],
    selection: Selection,
    margin_px: int = 64,
    working_pixels: int = WORKING_PIXELS,
    *,
    inset_px: float = 0.0,
) -> RegionPlan:
    """Plans a region edit: the selection's box plus `margin_px` of context, clipped to the page
    and widened (context only) if needed to an aspect the model accepts.

    Raises InputError when the selection is empty or lies outside the page. Pure and fast.
    """
    width, height = page_size
    if width <= 0 or height <= 0:
        raise InputError("The page has no pixels.")
    if isinstance(selection, Polygon) and selection.area < 1:
        raise InputError("The selection encloses no area; draw a larger shape.")
    inside = selection.bbox.clipped(page_size)
    if inside.is_empty:
        raise InputError("The selection lies outside the page.")
    crop = _widen_to_aspect(inside.expanded(max(0, margin_px)).clipped(page_size), page_size)
    return RegionPlan(
        page_size=(width, height),
        selection=selection,
        crop=crop,
        send_size=working_size(crop.width, crop.height, working_pixels),
        inset_px=max(0.0, inset_px),
    )


def crop_for_model(page: Image.Image, plan: RegionPlan) -> Image.Image:
    """The crop box of `page`, resized to ``plan.send_size`` (same mode as the page).

    Reads only the crop box, so it stays fast on a 50 MP page. Blocking; call from a worker
    thread in the GUI.
    """
    _check_page(page, plan)
    return page.resize(plan.send_size, Image.Resampling.LANCZOS, box=plan.crop.box)


def paste_back(
    page: Image.Image, result: Image.Image, plan: RegionPlan, feather_px: float = 8.0
) -> Image.Image:
    """A new page: `result` mapped exactly onto the crop box and blended in inside the
    selection, feathered inward over `feather_px`. `page` is not modified.

    The model may answer at a slightly different size or aspect than it was sent; the result
    is stretched onto the crop box regardless, because that is the frame the model drew in.
    Blocking; call from a worker thread in the GUI.
    """
    out = page.copy()
    paste_into(out, result, plan, feather_px)
    return out


def paste_into(
    target: Image.Image, result: Image.Image, plan: RegionPlan, feather_px: float
) -> None:
    """``paste_back`` in place, for callers that compose several regions onto one copy.
    Blocking; call from a worker thread, on an image no other thread is reading."""
    _check_page(target, plan)
    fitted = result.convert(target.mode).resize(plan.crop.size, Image.Resampling.LANCZOS)
    target.paste(fitted, plan.crop.box[:2], plan.paste_alpha(feather_px))


def _check_page(page: Image.Image, plan: RegionPlan) -> None:
    if page.mode not in PAGE_MODES:
        raise InputError(
            Message(
                "Region edits need a grayscale or RGB page, not mode {mode}.",
                mode=page.mode,
            )
        )
    if page.size != plan.page_size:
        raise InputError(
            Message(
                "This region was planned for a {planned_width}×{planned_height} page, but the "
                "page is {width}×{height}.",
                planned_width=plan.page_size[0],
                planned_height=plan.page_size[1],
                width=page.width,
                height=page.height,
            )
        )


def _widen_to_aspect(crop: Rect, page_size: tuple[int, int]) -> Rect:
    """Grows the short side of a very thin crop (more context) towards 21:9, within the page."""
    width, height = page_size
    if crop.width > crop.height * MAX_ASPECT:
        top, bottom = _grow(crop.top, crop.bottom, math.ceil(crop.width / MAX_ASPECT), height)
        return Rect(crop.left, top, crop.right, bottom)
    if crop.height > crop.width * MAX_ASPECT:
        left, right = _grow(crop.left, crop.right, math.ceil(crop.height / MAX_ASPECT), width)
        return Rect(left, crop.top, right, crop.bottom)
    return crop


def _grow(start: int, end: int, length: int, limit: int) -> tuple[int, int]:
    """Widens ``[start, end)`` to `length` around its centre, shifted to stay in ``[0, limit)``."""
    length = min(length, limit)
    start = max(0, min(limit - length, (start + end - length) // 2))
    return start, start + length
