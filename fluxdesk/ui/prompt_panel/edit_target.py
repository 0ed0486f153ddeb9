"""What the canvas tools have marked, and what that means for the next run, in the artist's words.

Qt-free. The prompt panel shows the headline ("Editing the selected region (812 × 640 px)"),
prices the run with the size that will really be sent (the region near 1 MP, not the page) and
explains combinations that can't work ("Paint a mask first") in place.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

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
from fluxdesk.ui.i18n import core_text, translate


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


_SIDE_NAMES = {
    "top": QT_TRANSLATE_NOOP("EditTarget", "top"),
    "bottom": QT_TRANSLATE_NOOP("EditTarget", "bottom"),
    "left": QT_TRANSLATE_NOOP("EditTarget", "left"),
    "right": QT_TRANSLATE_NOOP("EditTarget", "right"),
}


def _size(rect: Rect) -> str:
    return f"{rect.width}\u00a0×\u00a0{rect.height}\u00a0px"  # never wrapped apart


def describe(spec: ModelSpec, target: EditTarget, params: Mapping[str, Any]) -> EditScope:
    """What a run of `spec` with `params` does with `target`."""
    kind = kind_for(spec)
    width, height = target.page_size
    if kind is EditKind.expand:
        unused = translate("EditTarget", "The selection and mask are not used by Expand.")
        notes = (unused,) if target.marked else ()
        sides = Sides.from_params(params)
        if not sides.any or target.send_size is None:
            return EditScope(
                kind,
                translate("EditTarget", "Drag the page's edges outward with the Expand tool (E)."),
                target.page_size,
                notes=notes,
            )
        plan = ExpandPlan(target.page_size, target.send_size, sides)
        grown_w, grown_h = plan.canvas_size
        model_w, model_h = plan.result_size
        if plan.send_size != plan.page_size:
            send_w, send_h = plan.send_size
            grown = ", ".join(
                translate("EditTarget", "+{value} px {side}").format(
                    value=value, side=translate("EditTarget", _SIDE_NAMES[name])
                )
                for name, value in plan.page.as_params().items()
                if value
            )
            sent = translate(
                "EditTarget",
                "Expand's sides count pixels of the image sent ({width}×{height}); on your "
                "page that is {grown}.",
            )
            notes = (*notes, sent.format(width=send_w, height=send_h, grown=grown))
        return EditScope(
            kind,
            translate("EditTarget", "Growing the page to {size}").format(
                size=_size(Rect(0, 0, grown_w, grown_h))
            ),
            target.page_size,
            translate(
                "EditTarget",
                "→ new page {width}×{height} px (painted at {model_width}×{model_height})",
            ).format(width=grown_w, height=grown_h, model_width=model_w, model_height=model_h),
            notes=notes,
        )
    area = edit_area(kind, target.selection, target.mask_box)
    if kind is None:
        notes = ()
        if target.marked:
            unused = translate(
                "EditTarget", "The selection is not used: {model} makes a new image."
            )
            notes = (unused.format(model=spec.label),)
        return EditScope(None, notes=notes)
    if area is None:
        if kind is EditKind.fill:
            return EditScope(
                kind,
                problem=translate(
                    "EditTarget",
                    "Paint a mask first (B), or select a region (M): Fill repaints only "
                    "what you mark.",
                ),
            )
        return EditScope(None)
    try:
        plan = plan_region(target.page_size, area, target.margin_px)
    except InputError as error:
        return EditScope(kind, problem=core_text(error.user_message))
    masked = area is target.mask_box
    if kind is EditKind.fill:
        heading = (
            translate("EditTarget", "Repainting the masked area ({size})")
            if masked
            else translate("EditTarget", "Repainting the selected region ({size})")
        )
    else:
        heading = (
            translate("EditTarget", "Editing the masked area ({size})")
            if masked
            else translate("EditTarget", "Editing the selected region ({size})")
        )
    notes = ()
    if any(params.get(name) is not None for name in SHAPE_PARAMS):
        notes = (
            translate(
                "EditTarget", "Aspect ratio and size are not sent: the region keeps its own shape."
            ),
        )
    pasted = translate(
        "EditTarget", "→ pasted into the {width}×{height} px page; the rest untouched"
    )
    return EditScope(
        kind,
        heading.format(size=_size(area.bbox.clipped(target.page_size))),
        plan.send_size,
        pasted.format(width=width, height=height),
        notes=notes,
    )
