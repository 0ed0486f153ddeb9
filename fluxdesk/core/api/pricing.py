"""Price estimates in credits (1 credit = US$0.01), shown before anything is sent.

Flat prices per image, and FLUX.2's per-megapixel formula:
``first + (ceil(output MP) - 1) * extra + ceil(input MP) * extra`` per reference image.
The `cost` the API returns for each job is the authority; this is the estimate.
"""

from __future__ import annotations

import math

from fluxdesk.core.api.catalog import Family, ModelSpec
from fluxdesk.core.api.models import GenerationRequest
from fluxdesk.core.api.validation import parse_aspect_ratio
from fluxdesk.core.messages import Message

MEGAPIXEL = 1024 * 1024


def _fit(pixels: float, aspect: float, multiple: int) -> tuple[int, int]:
    width = math.sqrt(pixels * aspect)
    height = width / aspect
    return (
        max(multiple, round(width / multiple) * multiple),
        max(multiple, round(height / multiple) * multiple),
    )


def expected_output_size(spec: ModelSpec, request: GenerationRequest) -> tuple[int, int]:
    """The size the model is expected to return, for the price and for the GUI's preview."""
    params = request.params
    main = request.input(spec.image_slots[0]) if spec.image_slots else None
    ratio = parse_aspect_ratio(str(params.get("aspect_ratio") or ""))
    if spec.family == Family.flux1:
        return int(params.get("width") or 1024), int(params.get("height") or 768)
    if spec.family == Family.ultra:
        return _fit(4 * MEGAPIXEL, (ratio[0] / ratio[1]) if ratio else 16 / 9, 32)
    if spec.family == Family.fill and main:
        return main.width, main.height
    if spec.family == Family.expand and main:
        return (
            main.width + int(params.get("left") or 0) + int(params.get("right") or 0),
            main.height + int(params.get("top") or 0) + int(params.get("bottom") or 0),
        )
    if spec.family == Family.flux2 and params.get("width") and params.get("height"):
        return int(params["width"]), int(params["height"])
    if ratio:
        aspect = ratio[0] / ratio[1]
    elif main:
        aspect = main.width / main.height
    else:
        aspect = 1.0
    return _fit(MEGAPIXEL, aspect, 32 if spec.family == Family.kontext else 16)


def estimate_credits(spec: ModelSpec, request: GenerationRequest) -> float:
    """Credits for one image of this request."""
    rule = spec.price
    if rule.flat is not None:
        return rule.flat
    width, height = expected_output_size(spec, request)
    output_mp = max(1, math.ceil(width * height / MEGAPIXEL))
    input_mp = sum(
        math.ceil(image.width * image.height / MEGAPIXEL)
        for image in request.inputs
        if image.slot in spec.image_slots
    )
    return round(rule.first_mp + (output_mp - 1) * rule.extra_mp + input_mp * rule.extra_mp, 3)


def format_credits(credits: float) -> str:
    """'4 credits ($0.04)'."""
    dollars = f"{credits / 100:.3f}"
    dollars = dollars[:-1] if dollars.endswith("0") else dollars  # $0.04, but $0.045
    if credits == 1:
        return Message("1 credit (${dollars})", dollars=dollars)
    return Message("{credits} credits (${dollars})", credits=f"{credits:g}", dollars=dollars)
