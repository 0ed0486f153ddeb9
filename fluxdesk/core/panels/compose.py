"""Panel-aware page processing: each panel travels to the model as its own region near 1 MP,
and the results are composed back onto the full-resolution page inside each panel's interior
(its outline shrunk by the frame line), so gutters and frame lines stay bit-identical.

``compose_page`` is a pure function of the page, the plans and ``{panel_id: result}``: redo
one panel by composing again with just its result replaced.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PIL import Image

from fluxdesk.core.errors import InputError
from fluxdesk.core.messages import Message
from fluxdesk.core.panels.model import Panel
from fluxdesk.core.regions.region_edit import (
    WORKING_PIXELS,
    RegionPlan,
    crop_for_model,
    paste_into,
    plan_region,
)

# Kept clear inside the measured frame line: its anti-aliased inner edge and detection error.
SAFETY_PX = 2.0


def plan_panels(
    page_size: tuple[int, int],
    panels: Sequence[Panel],
    margin_px: int = 48,
    working_pixels: int = WORKING_PIXELS,
    *,
    safety_px: float = SAFETY_PX,
) -> dict[int, RegionPlan]:
    """One region plan per panel, keyed by panel id: the crop holds the whole panel, frame and
    `margin_px` of context; the paste stays ``border_px + safety_px`` inside the outline.
    Pure and fast; safe on the GUI thread."""
    return {
        panel.id: plan_region(
            page_size,
            panel.polygon,
            margin_px,
            working_pixels,
            inset_px=panel.border_px + safety_px,
        )
        for panel in panels
    }


def crop_panels(page: Image.Image, plans: Mapping[int, RegionPlan]) -> dict[int, Image.Image]:
    """The image to send for each panel. Blocking; call from a worker thread in the GUI."""
    return {panel_id: crop_for_model(page, plan) for panel_id, plan in plans.items()}


def compose_page(
    page: Image.Image,
    plans: Mapping[int, RegionPlan],
    results: Mapping[int, Image.Image],
    feather_px: float = 4.0,
) -> Image.Image:
    """A new page with each result pasted inside its panel's interior; `page` is untouched.

    Panels without a result keep the original pixels. Blocking; call from a worker thread.
    """
    missing = sorted(set(results) - set(plans))
    if missing:
        raise InputError(
            Message("No panel {panel} on this page; detect the panels again.", panel=missing[0])
        )
    out = page.copy()
    for panel_id in sorted(results):  # a fixed order: the same inputs give the same page
        paste_into(out, results[panel_id], plans[panel_id], feather_px)
    return out
