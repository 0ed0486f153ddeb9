"""Checks a request against its model description before anything is sent.

Returns every problem at once, as (field, reason) pairs an artist can read, so the GUI can mark
each field and the CLI can print one line. No credit is ever spent on a request that fails here.
"""

from __future__ import annotations

import math
import re
from typing import Any

from fluxdesk.core.api.catalog import FieldKind, FieldSpec, ModelSpec
from fluxdesk.core.api.models import GenerationRequest
from fluxdesk.core.messages import Message

Problem = tuple[str, str]

MAX_SEED = 2**63 - 1
FLUX2_MAX_PIXELS = 4 * 1024 * 1024
_RATIO = re.compile(r"^\s*(\d+)\s*:\s*(\d+)\s*$")
_WIDEST = 21 / 9


def parse_aspect_ratio(text: str) -> tuple[int, int] | None:
    """'16:9' -> (16, 9); None when the text is not a ratio of two positive whole numbers."""
    match = _RATIO.match(text)
    if not match:
        return None
    w, h = int(match.group(1)), int(match.group(2))
    return (w, h) if w > 0 and h > 0 else None


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def check_field(spec: FieldSpec, value: Any) -> str | None:
    """The reason `value` is not acceptable for `spec`, or None when it is."""
    kind = spec.kind
    if kind is FieldKind.boolean:
        return None if isinstance(value, bool) else Message("must be true or false")
    if kind in (FieldKind.integer, FieldKind.number):
        if isinstance(value, bool):
            return Message("must be a number")
        if kind is FieldKind.integer and not isinstance(value, int):
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            else:
                return Message("must be a whole number")
        if not isinstance(value, int | float) or not math.isfinite(value):
            return Message("must be a number")
        low, high = spec.minimum, spec.maximum
        if low is not None and high is not None and not low <= value <= high:
            return Message(
                "must be between {low} and {high}", low=_number_text(low), high=_number_text(high)
            )
        if low is not None and value < low:
            return Message("must be at least {low}", low=_number_text(low))
        if high is not None and value > high:
            return Message("must be at most {high}", high=_number_text(high))
        if spec.multiple_of and int(value) % spec.multiple_of:
            return Message("must be a multiple of {step}", step=spec.multiple_of)
        return None
    if not isinstance(value, str):
        return Message("must be text")
    if kind is FieldKind.choice and value not in spec.choices:
        return Message("must be one of {choices}", choices=", ".join(spec.choices))
    if kind is FieldKind.aspect_ratio:
        ratio = parse_aspect_ratio(value)
        if ratio is None:
            return Message("must look like 16:9")
        if not 1 / _WIDEST - 1e-9 <= ratio[0] / ratio[1] <= _WIDEST + 1e-9:
            return Message("must be between 21:9 and 9:21")
    return None


def _family_rules(spec: ModelSpec, request: GenerationRequest) -> list[Problem]:
    problems: list[Problem] = []
    params = request.params
    if spec.family == "flux2":
        width, height = params.get("width"), params.get("height")
        if (width is None) != (height is None):
            problems.append(
                ("height" if height is None else "width", Message("set both sizes or neither"))
            )
        elif (
            isinstance(width, int)
            and isinstance(height, int)
            and width * height > (FLUX2_MAX_PIXELS)
        ):
            problems.append(
                (
                    "width",
                    Message(
                        "{width}×{height} is over FLUX.2's 4 megapixels", width=width, height=height
                    ),
                )
            )
    if spec.family == "expand":
        sides = [params.get(side, 0) for side in ("top", "bottom", "left", "right")]
        if all(isinstance(s, int) and s == 0 for s in sides):
            problems.append(("top", Message("expand at least one side")))
    if spec.takes_mask:
        image, mask = request.input(spec.image_slots[0]), request.input("mask")
        if image and mask and (image.width, image.height) != (mask.width, mask.height):
            problems.append(
                (
                    "mask",
                    Message(
                        "is {width}×{height} but the image is {image_width}×{image_height}",
                        width=mask.width,
                        height=mask.height,
                        image_width=image.width,
                        image_height=image.height,
                    ),
                )
            )
    return problems


def validate_request(spec: ModelSpec, request: GenerationRequest) -> list[Problem]:
    problems: list[Problem] = []
    for name, value in request.params.items():
        field = spec.field(name)
        if field is None:
            problems.append((name, Message("is not a setting of {model}", model=spec.label)))
        elif value is not None and (reason := check_field(field, value)):
            problems.append((name, reason))

    if spec.prompt_required and not request.prompt.strip():
        problems.append(("prompt", Message("{model} needs a prompt", model=spec.label)))
    if request.seed is not None and (
        isinstance(request.seed, bool)
        or not isinstance(request.seed, int)
        or not 0 <= request.seed <= MAX_SEED
    ):
        problems.append(("seed", Message("must be a whole number of 0 or more")))

    allowed_slots = set(spec.image_slots) | ({"mask"} if spec.takes_mask else set())
    for image in request.inputs:
        if image.slot not in allowed_slots:
            if not spec.image_slots:
                problems.append(
                    (image.slot, Message("{model} takes no input image", model=spec.label))
                )
            else:
                count = len(spec.image_slots)
                reason = Message(
                    "{model} takes at most {count} image(s)", model=spec.label, count=count
                )
                problems.append((image.slot, reason))
    if spec.image_required and request.input(spec.image_slots[0]) is None:
        reason = Message("{model} needs an input image", model=spec.label)
        problems.append((spec.image_slots[0], reason))
    if "mask" in {i.slot for i in request.inputs} and request.input(spec.image_slots[0]) is None:
        problems.append(("mask", Message("a mask needs an image to apply to")))

    return problems + _family_rules(spec, request)
