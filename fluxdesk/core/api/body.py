"""GenerationRequest -> the JSON body one BFL endpoint expects."""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

from fluxdesk.core.api.catalog import ModelSpec
from fluxdesk.core.api.models import GenerationRequest


def build_body(
    spec: ModelSpec, request: GenerationRequest, image_bytes: Callable[[str], bytes]
) -> dict[str, Any]:
    """`image_bytes(sha256)` returns a stored input's bytes; they go as plain base64.

    Fields left at None are omitted rather than sent as null: the API rejects some nulls
    (FLUX.2 width/height of 0 or null, safety_tolerance).
    """
    body: dict[str, Any] = {}
    if request.prompt or spec.prompt_required:
        body["prompt"] = request.prompt
    body.update({name: value for name, value in request.params.items() if value is not None})
    if request.seed is not None:
        body["seed"] = request.seed
    for image in request.inputs:
        body[image.slot] = base64.b64encode(image_bytes(image.sha256)).decode("ascii")
    return body
