"""The FLUX models fal.ai sells, described in FluxDesk's terms, and the mapping to fal's input.

Where fal runs the same model as BFL, the model keeps BFL's id and BFL's parameter names, so a
preset or a history entry runs on either provider unchanged; ``fal_request`` renames what differs
(``shared/bfl-api.md`` §7): ``input_image`` -> ``image_url`` (a data URI), several images ->
``image_urls`` on the ``/multi`` app, ``prompt_upsampling`` -> ``enhance_prompt``,
``safety_tolerance`` int -> string, ``guidance`` -> ``guidance_scale``, ``steps`` ->
``num_inference_steps``, ``width``/``height`` -> ``image_size``. Prices (US cents per image, or
per megapixel rounded up) are fal's published ones (2025); the Kontext [max] price is in §7.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

from fluxdesk.core.api.catalog import (
    Family,
    FieldKind,
    FieldSpec,
    ModelSpec,
    PriceRule,
)
from fluxdesk.core.api.models import GenerationRequest
from fluxdesk.core.errors import InputError
from fluxdesk.core.messages import Message

# fal's Kontext apps take these aspect ratios only.
FAL_ASPECT_RATIOS = ("21:9", "16:9", "4:3", "3:2", "1:1", "2:3", "3:4", "9:16", "9:21")
_KONTEXT_SLOTS = ("input_image", "input_image_2", "input_image_3", "input_image_4")
# Renames of FluxDesk (BFL) parameter names to fal's.
_RENAMES = {
    "prompt_upsampling": "enhance_prompt",
    "guidance": "guidance_scale",
    "steps": "num_inference_steps",
}


def _field(name: str, kind: FieldKind, label: str, **extra: Any) -> FieldSpec:
    return FieldSpec(name, kind, label, **extra)


_OUTPUT_FORMAT = _field(
    "output_format",
    FieldKind.choice,
    Message("Output format"),
    default="jpeg",
    choices=("jpeg", "png"),
    help=Message("PNG keeps line art lossless; fal has no WebP."),
)
_SAFETY = _field(
    "safety_tolerance",
    FieldKind.integer,
    Message("Safety tolerance"),
    default=2,
    minimum=1,
    maximum=6,
    help=Message("1 is the strictest moderation."),
    advanced=True,
)
_UPSAMPLING = _field(
    "prompt_upsampling",
    FieldKind.boolean,
    Message("Prompt upsampling"),
    default=False,
    help=Message("Let fal rewrite the prompt more creatively (enhance_prompt)."),
    advanced=True,
)


def _guidance(default: float) -> FieldSpec:
    return _field(
        "guidance",
        FieldKind.number,
        Message("Guidance"),
        default=default,
        minimum=1.0,
        maximum=20.0,
        help=Message("How closely to follow the prompt (guidance_scale)."),
        advanced=True,
    )


def _steps(default: int) -> FieldSpec:
    return _field(
        "steps", FieldKind.integer, "Steps", default=default, minimum=1, maximum=50, advanced=True
    )


def _size(name: str) -> FieldSpec:
    return _field(
        name,
        FieldKind.integer,
        Message("Width") if name == "width" else Message("Height"),
        default=1024 if name == "width" else 768,
        minimum=256,
        maximum=1440,
        multiple_of=32,
        help=Message("Pixels, a multiple of 32 between 256 and 1440."),
    )


_KONTEXT_FIELDS = (
    _field(
        "aspect_ratio",
        FieldKind.choice,
        Message("Aspect ratio"),
        choices=FAL_ASPECT_RATIOS,
        help=Message("fal takes these ratios only; Default keeps the input's shape."),
    ),
    _OUTPUT_FORMAT,
    _guidance(3.5),
    _SAFETY,
    _UPSAMPLING,
)


@dataclass(frozen=True, slots=True)
class FalModel:
    spec: ModelSpec
    edit_app: str | None  # with one input image (image_url)
    text_app: str | None = None  # without an input image
    multi_app: str | None = None  # with several (image_urls)


def _kontext(model_id: str, label: str, app: str, cents: float, summary: str) -> FalModel:
    spec = ModelSpec(
        model_id,
        label,
        Family.kontext,
        _KONTEXT_FIELDS,
        _KONTEXT_SLOTS,
        PriceRule(flat=cents),
        prompt_required=True,
        summary=summary,
    )
    return FalModel(spec, app, f"{app}/text-to-image", f"{app}/multi")


FAL_MODELS: tuple[FalModel, ...] = (
    _kontext(
        "flux-kontext-pro",
        "FLUX.1 Kontext [pro]",
        "fal-ai/flux-pro/kontext",
        4,
        Message("Kontext on fal.ai: edits an image by instruction (inking, clean-up, redraws)."),
    ),
    _kontext(
        "flux-kontext-max",
        "FLUX.1 Kontext [max]",
        "fal-ai/flux-pro/kontext/max",
        8,
        Message("Kontext [max] on fal.ai: the best prompt following and typography."),
    ),
    FalModel(
        ModelSpec(
            "flux-kontext-dev",
            "FLUX.1 Kontext [dev]",
            Family.kontext,
            (_OUTPUT_FORMAT, _steps(28), _guidance(2.5)),
            ("input_image",),
            PriceRule(flat=2.5),
            image_required=True,
            prompt_required=True,
            summary=Message("The open-weights Kontext on fal.ai: cheaper inking and edits."),
        ),
        "fal-ai/flux-kontext/dev",
    ),
    FalModel(
        ModelSpec(
            "flux-pro-1.1",
            "FLUX1.1 [pro]",
            Family.flux1,
            (_size("width"), _size("height"), _UPSAMPLING, _OUTPUT_FORMAT, _SAFETY),
            (),
            PriceRule(first_mp=4, extra_mp=4),
            prompt_required=True,
            summary=Message("Text to image at an exact size, on fal.ai (priced per megapixel)."),
        ),
        None,
        "fal-ai/flux-pro/v1.1",
    ),
    FalModel(
        ModelSpec(
            "flux-dev",
            "FLUX.1 [dev]",
            Family.flux1,
            (_size("width"), _size("height"), _steps(28), _guidance(3.5), _OUTPUT_FORMAT),
            (),
            PriceRule(first_mp=2.5, extra_mp=2.5),
            prompt_required=True,
            summary=Message("Open-weights text to image on fal.ai (priced per megapixel)."),
        ),
        None,
        "fal-ai/flux/dev",
    ),
)

_BY_ID = {model.spec.id: model for model in FAL_MODELS}


def fal_model(model_id: str) -> FalModel:
    try:
        return _BY_ID[model_id]
    except KeyError:
        known = ", ".join(_BY_ID)
        raise InputError(
            Message(
                "fal.ai has no model '{model_id}' in FluxDesk. Known: {known}.",
                model_id=model_id,
                known=known,
            )
        ) from None


def _data_uri(data: bytes) -> str:
    kind = "jpeg" if data[:3] == b"\xff\xd8\xff" else "png"
    return f"data:image/{kind};base64," + base64.b64encode(data).decode("ascii")


def fal_request(
    model: FalModel, request: GenerationRequest, read_image: Any
) -> tuple[str, dict[str, Any]]:
    """(fal app id, input JSON) for `request`; `read_image(sha256)` gives an input's bytes."""
    body: dict[str, Any] = {"prompt": request.prompt, "num_images": 1}
    size: dict[str, int] = {}
    for name, value in request.params.items():
        if value is None:
            continue
        if name in ("width", "height"):
            size[name] = int(value)
        elif name == "safety_tolerance":
            body[name] = str(value)
        elif name == "aspect_ratio":
            body[name] = str(value).replace(" ", "")
        else:
            body[_RENAMES.get(name, name)] = value
    if size:
        body["image_size"] = size
    if request.seed is not None:
        body["seed"] = request.seed
    images = [
        _data_uri(read_image(image.sha256))
        for slot in model.spec.image_slots
        if (image := request.input(slot)) is not None
    ]
    if len(images) > 1 and model.multi_app:
        return model.multi_app, body | {"image_urls": images}
    if images and model.edit_app:
        return model.edit_app, body | {"image_url": images[0]}
    if not images and model.text_app:
        return model.text_app, body
    raise InputError(
        Message(
            "{label} on fal.ai needs an input image.",
            label=model.spec.label,
        )
    )
