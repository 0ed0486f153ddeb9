"""The models the emulator serves: endpoint, request schema, family, limits and output size.

Field names, types, ranges and defaults are not repeated here: they come from the vendored
``bfl-openapi.json``. This module adds only what the schema does not say (bfl-api.md §5.2, §4.1).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

MEGAPIXEL = 1024 * 1024
FLUX2_MAX_PIXELS = 4 * MEGAPIXEL
ACTIVE_TASK_LIMIT = 24

# Image-carrying body fields; FLUX.2 flex's ``input_image_blob_path`` is a storage path, not one.
_IMAGE_FIELD = re.compile(r"^(input_image(_\d+)?|image_prompt|image|mask)$")
_RATIO = re.compile(r"^\s*(\d+)\s*:\s*(\d+)\s*$")
# "Aspect ratio of the image between 21:9 and 9:21" (schema text for Kontext and Ultra).
MIN_RATIO, MAX_RATIO = 9 / 21, 21 / 9


class Family(StrEnum):
    kontext = "kontext"
    flux2 = "flux2"
    flux11 = "flux11"
    ultra = "ultra"
    dev = "dev"
    fill = "fill"
    expand = "expand"

    @property
    def edits_input(self) -> bool:
        """Whether an input image is the picture being worked on (not just a style reference)."""
        return self in (Family.kontext, Family.flux2, Family.fill, Family.expand)


@dataclass(frozen=True, slots=True)
class Price:
    """Credits (1 credit = US$0.01): flat per image, or FLUX.2's first/extra megapixel rates."""

    flat: float | None = None
    first_mp: float = 0.0
    extra_mp: float = 0.0


@dataclass(frozen=True, slots=True)
class ModelSpec:
    slug: str
    family: Family
    price: Price
    concurrency: int | None = None  # a per-model limit below the account's 24 active tasks

    @property
    def path(self) -> str:
        return f"/v1/{self.slug}"


def _flux2(slug: str, first: float, extra: float) -> ModelSpec:
    return ModelSpec(slug, Family.flux2, Price(first_mp=first, extra_mp=extra))


MODELS: dict[str, ModelSpec] = {
    spec.slug: spec
    for spec in (
        ModelSpec("flux-kontext-pro", Family.kontext, Price(flat=4)),
        ModelSpec("flux-kontext-max", Family.kontext, Price(flat=8), concurrency=6),
        ModelSpec("flux-pro-1.1", Family.flux11, Price(flat=4)),
        ModelSpec("flux-pro-1.1-ultra", Family.ultra, Price(flat=6)),
        ModelSpec("flux-dev", Family.dev, Price(flat=2.5)),
        ModelSpec("flux-pro-1.0-fill", Family.fill, Price(flat=5)),
        ModelSpec("flux-pro-1.0-expand", Family.expand, Price(flat=5)),
        _flux2("flux-2-pro", 3, 1.5),
        _flux2("flux-2-pro-preview", 3, 1.5),
        _flux2("flux-2-max", 7, 3),
        _flux2("flux-2-flex", 5, 5),
        _flux2("flux-2-klein-4b", 1.4, 0.1),
        _flux2("flux-2-klein-9b", 1.5, 0.2),
        _flux2("flux-2-klein-9b-preview", 1.5, 0.2),
    )
}


def image_fields(schema: dict[str, Any]) -> tuple[str, ...]:
    """The body fields of a request schema that carry an image, in schema order."""
    return tuple(name for name in schema.get("properties", {}) if _IMAGE_FIELD.match(name))


def parse_ratio(text: str) -> float | None:
    """``"16:9"`` -> 1.78; None when malformed or outside 21:9..9:21."""
    match = _RATIO.match(text)
    if not match or int(match[1]) == 0 or int(match[2]) == 0:
        return None
    ratio = int(match[1]) / int(match[2])
    return ratio if MIN_RATIO - 1e-9 <= ratio <= MAX_RATIO + 1e-9 else None


def size_for_area(ratio: float, pixels: int, step: int) -> tuple[int, int]:
    """Width and height near ``pixels`` at ``ratio``, each a multiple of ``step``."""
    height = math.sqrt(pixels / ratio)
    width = height * ratio
    return max(step, round(width / step) * step), max(step, round(height / step) * step)


def output_size(
    spec: ModelSpec, params: dict[str, Any], first_input: tuple[int, int] | None
) -> tuple[int, int]:
    """The size the real model would return (bfl-api.md §5.2)."""
    family = spec.family
    input_ratio = first_input[0] / first_input[1] if first_input else None
    if family in (Family.flux11, Family.dev):
        return params["width"], params["height"]
    if family is Family.ultra:
        # 2752x1536 at 16:9 is what BFL returns: ~4 MP on a 64-pixel grid.
        return size_for_area(parse_ratio(params["aspect_ratio"]) or 16 / 9, 4 * MEGAPIXEL, 64)
    if family is Family.kontext:
        ratio = parse_ratio(params["aspect_ratio"]) if params.get("aspect_ratio") else None
        ratio = ratio or min(max(input_ratio or 1.0, MIN_RATIO), MAX_RATIO)
        return size_for_area(ratio, MEGAPIXEL, 32)
    if family is Family.fill:
        assert first_input is not None  # fill requires ``image``
        return first_input
    if family is Family.expand:
        assert first_input is not None
        w, h = first_input
        sides = {k: params.get(k) or 0 for k in ("top", "bottom", "left", "right")}
        return w + sides["left"] + sides["right"], h + sides["top"] + sides["bottom"]
    width, height = params.get("width"), params.get("height")
    if width and height:
        return width, height
    ratio = input_ratio or 1.0
    if width:
        return width, max(64, round(width / ratio / 16) * 16)
    if height:
        return max(64, round(height * ratio / 16) * 16), height
    return size_for_area(ratio, MEGAPIXEL, 16)
