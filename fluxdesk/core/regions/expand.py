"""Growing a page with FLUX Expand, registered at full resolution.

The model gets the page at its send size (a big scan is downscaled) and ``top/bottom/left/right``
in pixels *of that image*, 0..2048 each. The artist thinks in page pixels, so ``plan_expand``
converts and snaps: each side becomes the fewest whole sent pixels that cover it, and the page
side the most whole page pixels those cover. Snapping a snapped value changes nothing.
``compose_expand`` maps the model's canvas onto the grown page so the original region lines up
exactly, then puts the original page back over it, bit for bit.

Pure functions; ``compose_expand`` is blocking on big pages (call it from a worker thread).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PIL import Image

from fluxdesk.core.api.catalog import Family, get_model
from fluxdesk.core.errors import InputError
from fluxdesk.core.messages import Message

EXPAND_MODEL = "flux-pro-1.0-expand"
SIDE_NAMES = ("top", "bottom", "left", "right")


def side_limit() -> int:
    """The API's limit per side, in pixels of the image sent (the catalog knows it)."""
    spec = get_model(EXPAND_MODEL)
    assert spec.family is Family.expand
    field = spec.field("top")
    return int(field.maximum) if field is not None and field.maximum is not None else 2048


@dataclass(frozen=True, slots=True)
class Sides:
    """Pixels added on each side (page px or sent px, as the holder says)."""

    left: int = 0
    top: int = 0
    right: int = 0
    bottom: int = 0

    @property
    def any(self) -> bool:
        return any(value > 0 for value in (self.left, self.top, self.right, self.bottom))

    def as_params(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in SIDE_NAMES}

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> Sides:
        return cls(**{name: int(params.get(name) or 0) for name in SIDE_NAMES})


@dataclass(frozen=True, slots=True)
class ExpandPlan:
    """One expand: the page, the image sent, and the sides in sent px (what the API gets)."""

    page_size: tuple[int, int]
    send_size: tuple[int, int]
    sent: Sides

    @property
    def page(self) -> Sides:
        """The sides in page px: each the most whole page px its sent px cover."""
        (width, height), (send_w, send_h) = self.page_size, self.send_size
        return Sides(
            left=self.sent.left * width // send_w,
            top=self.sent.top * height // send_h,
            right=self.sent.right * width // send_w,
            bottom=self.sent.bottom * height // send_h,
        )

    @property
    def canvas_size(self) -> tuple[int, int]:
        """The grown page, in page px."""
        page, (width, height) = self.page, self.page_size
        return width + page.left + page.right, height + page.top + page.bottom

    @property
    def origin(self) -> tuple[int, int]:
        """Where the original page's top-left corner lands on the grown page."""
        return self.page.left, self.page.top

    @property
    def result_size(self) -> tuple[int, int]:
        """What the model is expected to return."""
        send_w, send_h = self.send_size
        sent = self.sent
        return send_w + sent.left + sent.right, send_h + sent.top + sent.bottom


def plan_expand(
    page_size: tuple[int, int], send_size: tuple[int, int], page_sides: Sides
) -> ExpandPlan:
    """Page-px sides -> sent px (covering them, clamped to 0..limit), snapped. Pure and fast."""
    (width, height), (send_w, send_h) = page_size, send_size
    if min(width, height, send_w, send_h) <= 0:
        raise InputError("The page has no pixels.")
    limit = side_limit()

    def sent(value: int, page_len: int, send_len: int) -> int:
        return max(0, min(limit, math.ceil(value * send_len / page_len - 1e-9)))

    return ExpandPlan(
        page_size,
        send_size,
        Sides(
            left=sent(page_sides.left, width, send_w),
            top=sent(page_sides.top, height, send_h),
            right=sent(page_sides.right, width, send_w),
            bottom=sent(page_sides.bottom, height, send_h),
        ),
    )


def page_side_limit(page_len: int, send_len: int) -> int:
    """The most page px one side can grow by (the API's limit, at the page's scale)."""
    return side_limit() * page_len // send_len


def compose_expand(page: Image.Image, result: Image.Image, plan: ExpandPlan) -> Image.Image:
    """The grown page at full resolution: the model's canvas mapped so that its copy of the
    page lands exactly on the page, then the page itself pasted over it, unchanged.

    The model may answer at a slightly different size; its canvas is stretched onto the
    expected one regardless, because that is the frame it drew in. Blocking."""
    if page.size != plan.page_size:
        raise InputError(
            Message(
                "This expand was planned for a {planned_width}×{planned_height} page, but the "
                "page is {width}×{height}.",
                planned_width=plan.page_size[0],
                planned_height=plan.page_size[1],
                width=page.width,
                height=page.height,
            )
        )
    (width, height), (send_w, send_h) = plan.page_size, plan.send_size
    expected_w, expected_h = plan.result_size
    rx, ry = result.width / expected_w, result.height / expected_h  # result px per sent px
    sx, sy = send_w / width, send_h / height  # sent px per page px
    grown = plan.page
    # Page x maps to sent x = sent.left + (x - page.left) * sx; the canvas spans page x in
    # [0, canvas_w). The page sides are floored, so this box never leaves the result.
    box = (
        rx * (plan.sent.left - grown.left * sx),
        ry * (plan.sent.top - grown.top * sy),
        rx * (plan.sent.left + (width + grown.right) * sx),
        ry * (plan.sent.top + (height + grown.bottom) * sy),
    )
    box = (
        max(0.0, box[0]),
        max(0.0, box[1]),
        min(result.width, box[2]),
        min(result.height, box[3]),
    )
    canvas = result.convert(page.mode).resize(plan.canvas_size, Image.Resampling.LANCZOS, box=box)
    canvas.paste(page, plan.origin)
    return canvas
