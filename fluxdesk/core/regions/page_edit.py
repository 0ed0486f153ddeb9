"""Page edits: a region, a masked area or a grown canvas, sent to a model and placed back on the
full-resolution page.

``stage_region`` and ``stage_expand`` turn a page and what the artist marked into the inputs to
send (stored in the history by hash, like every input) and a *placement*: how the model's answer
goes back onto the page. The job (``page_edit_jobs``) composes the page with it once the result
is on disk. Blocking (decode, resize, encode); call from a worker thread in the GUI.
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from PIL import Image

from fluxdesk.core.api.catalog import Family, ModelSpec
from fluxdesk.core.api.models import InputImage
from fluxdesk.core.errors import InputError
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.inputs import store_input, store_mask
from fluxdesk.core.messages import Message
from fluxdesk.core.regions.expand import ExpandPlan, Sides, compose_expand
from fluxdesk.core.regions.geometry import Polygon, Raster, Rect, Selection
from fluxdesk.core.regions.region_edit import (
    WORKING_PIXELS,
    RegionPlan,
    crop_for_model,
    paste_back,
    plan_region,
)

DEFAULT_MARGIN_PX = 64  # context around a selection, in page px
DEFAULT_FEATHER_PX = 8.0
# A region is sent at its own shape; a size or aspect asked for the whole page would squash it.
SHAPE_PARAMS = ("aspect_ratio", "width", "height")
PNG_LEVEL = 3  # a 52 MP page: ~1 s and ~13 MB, against ~3 s for ~11 MB at level 6


class EditKind(StrEnum):
    region = "region"  # an edit model (Kontext, FLUX.2) on a crop, pasted inside the selection
    fill = "fill"  # FLUX Fill on a crop with its mask, pasted inside the mask
    expand = "expand"  # FLUX Expand on the page, grown at full resolution


@dataclass(frozen=True, slots=True)
class RegionSettings:
    margin_px: int = DEFAULT_MARGIN_PX
    feather_px: float = DEFAULT_FEATHER_PX
    working_pixels: int = WORKING_PIXELS


@dataclass(frozen=True, slots=True)
class RegionPlacement:
    kind: EditKind
    plan: RegionPlan
    feather_px: float

    def compose(self, page: Image.Image, result: Image.Image) -> Image.Image:
        return paste_back(page, result, self.plan, self.feather_px)

    def to_json(self) -> str:
        plan = self.plan
        return json.dumps(
            {
                "kind": str(self.kind),
                "crop": list(plan.crop.box),
                "send_size": list(plan.send_size),
                "feather_px": self.feather_px,
                "selection": _selection_json(plan.selection),
            }
        )


@dataclass(frozen=True, slots=True)
class ExpandPlacement:
    plan: ExpandPlan

    @property
    def kind(self) -> EditKind:
        return EditKind.expand

    def compose(self, page: Image.Image, result: Image.Image) -> Image.Image:
        return compose_expand(page, result, self.plan)

    def to_json(self) -> str:
        plan = self.plan
        return json.dumps(
            {
                "kind": str(self.kind),
                "send_size": list(plan.send_size),
                "sent": plan.sent.as_params(),
                "page": plan.page.as_params(),
                "origin": list(plan.origin),
            }
        )


Placement = RegionPlacement | ExpandPlacement


@dataclass(frozen=True, slots=True)
class PageEdit:
    """A staged edit. `page` is the full-resolution page, shared read-only by every variation;
    `inputs` are what the model gets (the main image, and the mask for Fill)."""

    page: Image.Image
    page_path: Path | None
    placement: Placement
    inputs: tuple[InputImage, ...]


def _selection_json(selection: Selection) -> dict[str, Any]:
    if isinstance(selection, Rect):
        return {"rect": list(selection.box)}
    if isinstance(selection, Polygon):
        return {"polygon": [[round(x, 2), round(y, 2)] for x, y in selection.points]}
    assert isinstance(selection, Raster)
    return {"mask_box": list(selection.bbox.box)}


def kind_for(spec: ModelSpec) -> EditKind | None:
    """What a page edit with this model is; None for models that make a new image."""
    if spec.family is Family.fill:
        return EditKind.fill
    if spec.family is Family.expand:
        return EditKind.expand
    if spec.family in (Family.kontext, Family.flux2):
        return EditKind.region
    return None


def edit_area(
    kind: EditKind | None, selection: Selection | None, mask: Selection | None
) -> Selection | None:
    """The marked area a page edit uses: Fill repaints the painted mask (else the selection);
    an edit model changes the selection (else the masked area). None: the whole page."""
    if kind is EditKind.fill:
        return mask if mask is not None else selection
    if kind is EditKind.region:
        return selection if selection is not None else mask
    return None


def region_params(params: Mapping[str, Any]) -> dict[str, Any]:
    """The run's parameters without the ones that would change the region's shape."""
    return {name: value for name, value in params.items() if name not in SHAPE_PARAMS}


def encode_png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=PNG_LEVEL)
    return buffer.getvalue()


def store_page(store: HistoryStore, page: Image.Image) -> Path:
    """Keeps a page that has no file (a pasted image) in the history, losslessly."""
    return store.add_image(encode_png(page), "png", page.width, page.height).path


def stage_region(
    store: HistoryStore,
    spec: ModelSpec,
    page: Image.Image,
    page_path: Path | None,
    selection: Selection,
    settings: RegionSettings | None = None,
) -> PageEdit:
    """Crops the selection with its context margin near the model's working size; for Fill,
    adds the selection as the mask at the same size. Blocking."""
    kind = kind_for(spec)
    if kind not in (EditKind.region, EditKind.fill):
        raise InputError(
            Message(
                "{label} can't edit a region; pick Kontext, FLUX.2 or Fill.",
                label=spec.label,
            )
        )
    settings = settings or RegionSettings()
    plan = plan_region(page.size, selection, settings.margin_px, settings.working_pixels)
    main = store_input(store, spec, crop_for_model(page, plan), spec.image_slots[0])
    inputs = [main]
    if kind is EditKind.fill:
        inputs.append(store_mask(store, plan.selection_mask(), (main.width, main.height)))
    placement = RegionPlacement(kind, plan, settings.feather_px)
    return PageEdit(page, page_path, placement, tuple(inputs))


def stage_expand(
    store: HistoryStore,
    spec: ModelSpec,
    page: Image.Image,
    page_path: Path | None,
    params: Mapping[str, Any],
) -> PageEdit:
    """The page at its send size; the sides (sent px) come from the run's parameters."""
    if kind_for(spec) is not EditKind.expand:
        raise InputError(
            Message(
                "{label} does not expand a page; pick FLUX.1 Expand.",
                label=spec.label,
            )
        )
    sides = Sides.from_params(params)
    if not sides.any:
        raise InputError("Drag an edge of the page outward first: nothing to expand.")
    main = store_input(store, spec, page, spec.image_slots[0])
    plan = ExpandPlan(page.size, (main.width, main.height), sides)
    return PageEdit(page, page_path, ExpandPlacement(plan), (main,))
