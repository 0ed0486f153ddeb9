"""One description per BFL model: its endpoint, fields, types, defaults, ranges and images.

This is the single source of truth for what FluxDesk may send. The client validates against it
before sending anything, and the GUI builds its parameter form from it. Facts come from BFL's
OpenAPI schema (2026-04) and help pages, see ``shared/bfl-api.md``; a test checks every field
against the schema when that file is present.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from fluxdesk.core.errors import InputError
from fluxdesk.core.messages import Message


class FieldKind(StrEnum):
    integer = "integer"
    number = "number"
    boolean = "boolean"
    text = "text"
    choice = "choice"
    aspect_ratio = "aspect_ratio"


class Family(StrEnum):
    kontext = "kontext"
    flux1 = "flux1"
    ultra = "ultra"
    fill = "fill"
    expand = "expand"
    flux2 = "flux2"


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str
    kind: FieldKind
    label: str
    default: Any = None
    minimum: float | None = None
    maximum: float | None = None
    multiple_of: int | None = None
    choices: tuple[str, ...] = ()
    help: str = ""
    advanced: bool = False


@dataclass(frozen=True, slots=True)
class PriceRule:
    """Credits (1 credit = US$0.01). Flat per image, or FLUX.2's per-megapixel formula."""

    flat: float | None = None
    first_mp: float = 0.0
    extra_mp: float = 0.0


@dataclass(frozen=True, slots=True)
class ModelSpec:
    id: str
    label: str
    family: Family
    fields: tuple[FieldSpec, ...]
    # Image slots in the order `--input` fills them: the first is the main input.
    image_slots: tuple[str, ...]
    price: PriceRule
    image_required: bool = False
    prompt_required: bool = False
    takes_mask: bool = False
    # Largest input the model can use; bigger inputs are downscaled before sending.
    max_input_pixels: int = 4 * 1024 * 1024
    # The API refuses more than this many tasks in flight for this model.
    concurrency: int = 24
    summary: str = ""

    @property
    def endpoint(self) -> str:
        return f"/v1/{self.id}"

    @property
    def takes_images(self) -> bool:
        return bool(self.image_slots)

    @property
    def reference_slots(self) -> tuple[str, ...]:
        return self.image_slots[1:]

    def field(self, name: str) -> FieldSpec | None:
        return next((f for f in self.fields if f.name == name), None)

    def defaults(self) -> dict[str, Any]:
        return {f.name: f.default for f in self.fields if f.default is not None}


# --- Shared field definitions --------------------------------------------------------------------

OUTPUT_FORMATS = ("jpeg", "png", "webp")
MAX_API_PIXELS = 20_000_000  # the API's input limit (20 MP)
MAX_API_BASE64_BYTES = 20_000_000  # and 20 MB of base64


def _output_format(default: str) -> FieldSpec:
    return FieldSpec(
        "output_format",
        FieldKind.choice,
        Message("Output format"),
        default=default,
        choices=OUTPUT_FORMATS,
        help=Message("PNG keeps line art lossless; JPEG is smaller."),
    )


def _safety(maximum: int) -> FieldSpec:
    return FieldSpec(
        "safety_tolerance",
        FieldKind.integer,
        Message("Safety tolerance"),
        default=2,
        minimum=0,
        maximum=maximum,
        help=Message("0 is the strictest moderation."),
        advanced=True,
    )


def _upsampling(default: bool) -> FieldSpec:
    return FieldSpec(
        "prompt_upsampling",
        FieldKind.boolean,
        Message("Prompt upsampling"),
        default=default,
        help=Message("Let the API rewrite the prompt more creatively."),
        advanced=True,
    )


_SIZE_LABELS = {"width": Message("Width"), "height": Message("Height")}
_EXPAND_LABELS = {
    "top": Message("Expand top"),
    "bottom": Message("Expand bottom"),
    "left": Message("Expand left"),
    "right": Message("Expand right"),
}


def _size(name: str, default: int) -> FieldSpec:
    return FieldSpec(
        name,
        FieldKind.integer,
        _SIZE_LABELS[name],
        default=default,
        minimum=256,
        maximum=1440,
        multiple_of=32,
        help=Message("Pixels, a multiple of 32 between 256 and 1440."),
    )


def _flux2_size(name: str) -> FieldSpec:
    return FieldSpec(
        name,
        FieldKind.integer,
        _SIZE_LABELS[name],
        default=None,
        minimum=64,
        maximum=4096,
        multiple_of=16,
        help=Message(
            "Leave empty to match the input (or 1024). A multiple of 16; at most 4 MP in all."
        ),
    )


def _steps(default: int, minimum: int) -> FieldSpec:
    return FieldSpec(
        "steps",
        FieldKind.integer,
        Message("Steps"),
        default=default,
        minimum=minimum,
        maximum=50,
        advanced=True,
    )


def _guidance(default: float, minimum: float, maximum: float) -> FieldSpec:
    return FieldSpec(
        "guidance",
        FieldKind.number,
        Message("Guidance"),
        default=default,
        minimum=minimum,
        maximum=maximum,
        help=Message("How closely to follow the prompt."),
        advanced=True,
    )


def _aspect(default: str | None, help_text: str) -> FieldSpec:
    return FieldSpec(
        "aspect_ratio",
        FieldKind.aspect_ratio,
        Message("Aspect ratio"),
        default=default,
        help=help_text,
    )


def _expand_side(name: str) -> FieldSpec:
    return FieldSpec(
        name,
        FieldKind.integer,
        _EXPAND_LABELS[name],
        default=0,
        minimum=0,
        maximum=2048,
        help=Message("Pixels to add on this side."),
    )


PROMPT_FIELD = "prompt"
SEED_FIELD = "seed"
# Fields every model takes outside its own list (the request carries them separately).
COMMON_FIELDS = (PROMPT_FIELD, SEED_FIELD)

_KONTEXT_FIELDS = (
    _aspect(None, Message("Between 21:9 and 9:21. Empty keeps the input's shape.")),
    _output_format("png"),
    _safety(6),
    _upsampling(False),
)
_KONTEXT_SLOTS = ("input_image", "input_image_2", "input_image_3", "input_image_4")
_FLUX2_SLOTS = tuple(["input_image"] + [f"input_image_{n}" for n in range(2, 9)])
_FLUX2_FIELDS = (_flux2_size("width"), _flux2_size("height"), _output_format("jpeg"), _safety(5))


def _flux2(model_id: str, label: str, price: PriceRule, summary: str) -> ModelSpec:
    return ModelSpec(
        model_id,
        label,
        Family.flux2,
        _FLUX2_FIELDS,
        _FLUX2_SLOTS,
        price,
        prompt_required=True,
        summary=summary,
    )


def _klein(model_id: str, label: str, price: PriceRule) -> ModelSpec:
    return ModelSpec(
        model_id,
        label,
        Family.flux2,
        _FLUX2_FIELDS,
        _FLUX2_SLOTS[:4],
        price,
        prompt_required=True,
        summary=Message("Small, fast and cheap FLUX.2; up to 4 reference images."),
    )


def _flux1(model_id: str, label: str, price: PriceRule, extra: tuple[FieldSpec, ...]) -> ModelSpec:
    return ModelSpec(
        model_id,
        label,
        Family.flux1,
        (_size("width", 1024), _size("height", 768), *extra, _output_format("jpeg"), _safety(6)),
        ("image_prompt",),
        price,
        summary=Message("Text to image at an exact size; an optional image prompt (Redux)."),
    )


def _inpaint_fields(*extra: FieldSpec) -> tuple[FieldSpec, ...]:
    return (
        *extra,
        _steps(50, 15),
        _guidance(60.0, 1.5, 100.0),
        _upsampling(False),
        _output_format("jpeg"),
        _safety(6),
    )


MODELS: tuple[ModelSpec, ...] = (
    ModelSpec(
        "flux-kontext-pro",
        "FLUX.1 Kontext [pro]",
        Family.kontext,
        _KONTEXT_FIELDS,
        _KONTEXT_SLOTS,
        PriceRule(flat=4),
        prompt_required=True,
        summary=Message(
            "Edits an image by instruction: inking, clean-up, redraws. About 1 MP out."
        ),
    ),
    ModelSpec(
        "flux-kontext-max",
        "FLUX.1 Kontext [max]",
        Family.kontext,
        _KONTEXT_FIELDS,
        _KONTEXT_SLOTS,
        PriceRule(flat=8),
        prompt_required=True,
        concurrency=6,
        summary=Message(
            "Kontext with the best prompt following and typography. Six jobs at a time."
        ),
    ),
    _flux2(
        "flux-2-pro",
        "FLUX.2 [pro]",
        PriceRule(first_mp=3, extra_mp=1.5),
        Message("BFL's recommended default for generation and editing; up to 8 references."),
    ),
    _flux2(
        "flux-2-max",
        "FLUX.2 [max]",
        PriceRule(first_mp=7, extra_mp=3),
        Message("The strongest FLUX.2; up to 8 references."),
    ),
    ModelSpec(
        "flux-2-flex",
        "FLUX.2 [flex]",
        Family.flux2,
        (
            *_FLUX2_FIELDS[:2],
            _steps(50, 1),
            _guidance(5.0, 1.5, 10.0),
            _upsampling(True),
            *_FLUX2_FIELDS[2:],
        ),
        _FLUX2_SLOTS,
        PriceRule(first_mp=5, extra_mp=5),
        prompt_required=True,
        summary=Message("FLUX.2 with steps and guidance under your control; good with text."),
    ),
    _klein("flux-2-klein-4b", "FLUX.2 [klein] 4B", PriceRule(first_mp=1.4, extra_mp=0.1)),
    _klein("flux-2-klein-9b", "FLUX.2 [klein] 9B", PriceRule(first_mp=1.5, extra_mp=0.2)),
    _flux1("flux-pro-1.1", "FLUX1.1 [pro]", PriceRule(flat=4), (_upsampling(False),)),
    ModelSpec(
        "flux-pro-1.1-ultra",
        "FLUX1.1 [pro] Ultra",
        Family.ultra,
        (
            _aspect("16:9", Message("Between 21:9 and 9:21. About 4 MP out.")),
            FieldSpec(
                "raw",
                FieldKind.boolean,
                Message("Raw"),
                default=False,
                help=Message("Less processed, more natural-looking images."),
            ),
            FieldSpec(
                "image_prompt_strength",
                FieldKind.number,
                Message("Image prompt strength"),
                default=0.1,
                minimum=0.0,
                maximum=1.0,
                help=Message("Blend between the prompt and the image prompt."),
                advanced=True,
            ),
            _upsampling(False),
            _output_format("jpeg"),
            _safety(6),
        ),
        ("image_prompt",),
        PriceRule(flat=6),
        summary=Message("Large (about 4 MP) text-to-image; an optional image prompt to remix."),
    ),
    _flux1(
        "flux-dev",
        "FLUX.1 [dev]",
        PriceRule(flat=2.5),
        (_steps(28, 1), _guidance(3.0, 1.5, 5.0), _upsampling(False)),
    ),
    ModelSpec(
        "flux-pro-1.0-fill",
        "FLUX.1 Fill [pro]",
        Family.fill,
        _inpaint_fields(),
        ("image",),
        PriceRule(flat=5),
        image_required=True,
        takes_mask=True,
        summary=Message("Repaints the white part of a mask; the rest of the image is kept."),
    ),
    ModelSpec(
        "flux-pro-1.0-expand",
        "FLUX.1 Expand [pro]",
        Family.expand,
        _inpaint_fields(*(_expand_side(side) for side in ("top", "bottom", "left", "right"))),
        ("image",),
        PriceRule(flat=5),
        image_required=True,
        summary=Message("Grows the canvas outward and paints what lies beyond the edges."),
    ),
)

_BY_ID = {spec.id: spec for spec in MODELS}


def get_model(model_id: str) -> ModelSpec:
    try:
        return _BY_ID[model_id]
    except KeyError:
        known = ", ".join(_BY_ID)
        raise InputError(
            Message(
                "Unknown model '{model_id}'. Known models: {known}.",
                model_id=model_id,
                known=known,
            )
        ) from None


def model_ids() -> tuple[str, ...]:
    return tuple(_BY_ID)
