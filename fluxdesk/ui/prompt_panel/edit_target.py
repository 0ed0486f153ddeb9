"""What the canvas tools have marked, and what that means for the next run, in the artist's words.

Qt-free. The prompt panel shows the headline ("Editing the selected region (812 × 640 px)"),
prices the run with the size that will really be sent (the region near 1 MP, not the page) and
explains combinations that can't work ("Paint a mask first") in place.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from fluxdesk.core.api.catalog import ModelSpec
from fluxdesk.core.errors import InputError
from fluxdesk.core.regions import Polygon, Rect, plan_region
from fluxdesk.core.regions.expand import ExpandPlan, Sides
from fluxdesk.core.regions.page_edit import (
    DEFAULT_MARGIN_PX,
    SHAPE_PARAMS,
    EditKind,
    edit_area,
    kind_for,
)
from fluxdesk.ui.i18n import core_text


@dataclass(frozen=True, slots=True)
class EditTarget:
    """The marks on the current input page, in page px."""

    page_size: tuple[int, int]
    selection: Rect | Polygon | None = None  # rectangle or lasso
    mask_box: Rect | None = None  # the painted mask's bounding box
    margin_px: int = DEFAULT_MARGIN_PX
    send_size: tuple[int, int] | None = None  # the page as it would be sent (for Expand)

    @property
    def marked(self) -> bool:
        return self.selection is not None or self.mask_box is not None


@dataclass(frozen=True, slots=True)
class EditScope:
    kind: EditKind | None  # None: an ordinary run on the whole page
    headline: str = ""
    input_size: tuple[int, int] | None = None  # the main input's size as the run will send it
    size_text: str = ""
    problem: str = ""  # something missing, explained in place
    notes: tuple[str, ...] = ()


def _size(rect: Rect) -> str:
    return f"{rect.width}\u00a0×\u00a0{rect.height}\u00a0px"  # never wrapped apart


def describe(spec: ModelSpec, target: EditTarget, params: Mapping[str, Any]) -> EditScope:
    """What a run of `spec` with `params` does with `target`."""
    kind = kind_for(spec)
    width, height = target.page_size
    if kind is EditKind.expand:
        notes = ("The selection and mask are not used by Expand.",) if target.marked else ()
        sides = Sides.from_params(params)
        if not sides.any or target.send_size is None:
            return EditScope(
                kind,
                "Drag the page's edges outward with the Expand tool (E).",
                target.page_size,
                notes=notes,
            )
        plan = ExpandPlan(target.page_size, target.send_size, sides)
        grown_w, grown_h = plan.canvas_size
        model_w, model_h = plan.result_size
        if plan.send_size != plan.page_size:
            send_w, send_h = plan.send_size
            grown = ", ".join(
                f"+{value} px {name}" for name, value in plan.page.as_params().items() if value
            )
            notes = (
                *notes,
                f"Expand's sides count pixels of the image sent ({send_w}×{send_h}); on your "
                f"page that is {grown}.",
            )
        return EditScope(
            kind,
            f"Growing the page to {grown_w}\u00a0×\u00a0{grown_h}\u00a0px",
            target.page_size,
            f"→ new page {grown_w}×{grown_h} px (painted at {model_w}×{model_h})",
            notes=notes,
        )
    area = edit_area(kind, target.selection, target.mask_box)
    if kind is None:
        notes = ()
        if target.marked:
            notes = (f"The selection is not used: {spec.label} makes a new image.",)
        return EditScope(None, notes=notes)
    if area is None:
        if kind is EditKind.fill:
            return EditScope(
                kind,
                problem="Paint a mask first (B), or select a region (M): Fill repaints only "
                "what you mark.",
            )
        return EditScope(None)
    try:
        plan = plan_region(target.page_size, area, target.margin_px)
    except InputError as error:
        return EditScope(kind, problem=core_text(error.user_message))
    masked = area is target.mask_box
    what = "masked area" if masked else "selected region"
    verb = "Repainting" if kind is EditKind.fill else "Editing"
    notes = ()
    if any(params.get(name) is not None for name in SHAPE_PARAMS):
        notes = ("Aspect ratio and size are not sent: the region keeps its own shape.",)
    return EditScope(
        kind,
        f"{verb} the {what} ({_size(area.bbox.clipped(target.page_size))})",
        plan.send_size,
        f"→ pasted into the {width}×{height} px page; the rest untouched",
        notes=notes,
    )
