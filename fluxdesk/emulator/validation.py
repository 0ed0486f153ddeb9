"""Checks a submit body exactly as BFL would, and turns it into a ``ValidatedRequest``.

Two layers, kept apart so each is testable alone: the vendored OpenAPI schema (through
``schema.SchemaValidator``), then the documented rules the schema cannot express (FLUX.2 sizes on
a 16-pixel grid up to 4 MP, aspect ratios within 21:9..9:21, decodable input images up to 20 MP
and 20 MB of base64, a fill mask the size of its image, an expand with something to expand).
Every problem is a 422 in FastAPI's shape: ``{"detail": [{"type", "loc", "msg", "input"}]}``.
"""

from __future__ import annotations

import base64
import binascii
import functools
import io
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from PIL import Image, UnidentifiedImageError

from fluxdesk.emulator.catalog import (
    FLUX2_MAX_PIXELS,
    MODELS,
    Family,
    ModelSpec,
    image_fields,
    output_size,
    parse_ratio,
)
from fluxdesk.emulator.schema import FieldError, SchemaValidator, value_error

SCHEMA_FILE = "bfl-openapi.json"
MAX_INPUT_PIXELS = 20_000_000
MAX_BASE64_CHARS = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class InputImage:
    field: str
    data: bytes  # the decoded file, re-decoded when the result is rendered
    width: int
    height: int

    @property
    def pixels(self) -> int:
        return self.width * self.height


@dataclass(frozen=True, slots=True)
class ValidatedRequest:
    spec: ModelSpec
    params: dict[str, Any]  # the body after validation, schema defaults filled in
    images: tuple[InputImage, ...]
    width: int
    height: int
    output_format: str

    @property
    def prompt(self) -> str:
        return self.params.get("prompt") or ""

    @property
    def seed(self) -> int | None:
        return self.params.get("seed")

    def image(self, field: str) -> InputImage | None:
        return next((i for i in self.images if i.field == field), None)


class RequestRejected(Exception):
    """A 422: the request body does not validate."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(f"{'.'.join(map(str, e.loc))}: {e.msg}" for e in errors))
        self.errors = errors

    def to_json(self) -> dict[str, Any]:
        return {"detail": [e.to_json() for e in self.errors]}


@functools.cache
def openapi_document() -> dict[str, Any]:
    """BFL's OpenAPI schema as shipped inside the package (never read from ``shared/``)."""
    text = resources.files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    return json.loads(text)


@functools.cache
def _validator() -> SchemaValidator:
    return SchemaValidator(openapi_document())


def request_schema(slug: str) -> dict[str, Any]:
    post = openapi_document()["paths"][f"/v1/{slug}"]["post"]
    ref = post["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    return _validator().resolve({"$ref": ref})


def parse_json(raw: bytes) -> Any:
    """The body as FastAPI reads it; an empty body is a missing one."""
    if not raw.strip():
        raise RequestRejected([FieldError(("body",), "Field required", "missing", None)])
    try:
        body = json.loads(raw)
    except json.JSONDecodeError as err:
        ctx = {"error": err.msg}
        raise RequestRejected(
            [FieldError(("body", err.pos), "JSON decode error", "json_invalid", {}, ctx)]
        ) from None
    except UnicodeDecodeError:
        ctx = {"error": "invalid UTF-8"}
        raise RequestRejected(
            [FieldError(("body", 0), "JSON decode error", "json_invalid", {}, ctx)]
        ) from None
    if body is None:
        raise RequestRejected([FieldError(("body",), "Field required", "missing", None)])
    return body


def validate_submit(slug: str, body: Any) -> ValidatedRequest:
    """Validates a parsed body for ``/v1/<slug>``; raises ``RequestRejected`` with every problem."""
    spec = MODELS[slug]
    schema = request_schema(slug)
    params, errors = _validator().validate_object(schema, body, ("body",))
    if errors:
        raise RequestRejected(errors)
    images, errors = _field_rules(spec, schema, params)
    if errors:
        raise RequestRejected(errors)
    first = (images[0].width, images[0].height) if images else None
    width, height = output_size(spec, params, first)
    errors = _model_rules(spec, params, images, width, height, body)
    if errors:
        raise RequestRejected(errors)
    default_format = schema["properties"]["output_format"].get("default", "jpeg")
    return ValidatedRequest(
        spec=spec,
        params=params,
        images=tuple(images),
        width=width,
        height=height,
        output_format=params.get("output_format") or default_format,
    )


def _field_rules(
    spec: ModelSpec, schema: dict[str, Any], params: dict[str, Any]
) -> tuple[list[InputImage], list[FieldError]]:
    errors: list[FieldError] = []
    ratio = params.get("aspect_ratio")
    if ratio is not None and parse_ratio(ratio) is None:
        message = "aspect_ratio must look like '16:9' and lie between 21:9 and 9:21"
        errors.append(value_error(("body", "aspect_ratio"), message, ratio))
    if spec.family is Family.flux2:
        for name in ("width", "height"):
            value = params.get(name)
            if value is not None and value % 16:
                msg = "Input should be a multiple of 16"
                errors.append(
                    FieldError(("body", name), msg, "multiple_of", value, {"multiple_of": 16})
                )
    images: list[InputImage] = []
    for name in image_fields(schema):
        value = params.get(name)
        if value is None:
            continue
        try:
            images.append(decode_image(name, value))
        except ValueError as err:
            errors.append(value_error(("body", name), str(err), _short(value)))
    return images, errors


def _model_rules(
    spec: ModelSpec,
    params: dict[str, Any],
    images: list[InputImage],
    width: int,
    height: int,
    body: Any,
) -> list[FieldError]:
    errors: list[FieldError] = []
    if spec.family is Family.flux2 and width * height > FLUX2_MAX_PIXELS:
        message = (
            f"width * height must be at most 4 MP ({FLUX2_MAX_PIXELS} pixels), got {width}x{height}"
        )
        errors.append(value_error(("body",), message, body))
    by_field = {i.field: i for i in images}
    if spec.family is Family.fill and "mask" in by_field and "image" in by_field:
        image, mask = by_field["image"], by_field["mask"]
        if (image.width, image.height) != (mask.width, mask.height):
            message = (
                f"mask must have the same dimensions as image ({image.width}x{image.height}), "
                f"got {mask.width}x{mask.height}"
            )
            errors.append(value_error(("body", "mask"), message, _short(params["mask"])))
    if spec.family is Family.expand and not any(
        (params.get(side) or 0) > 0 for side in ("top", "bottom", "left", "right")
    ):
        message = "at least one of top, bottom, left or right must be greater than 0"
        errors.append(value_error(("body",), message, body))
    return errors


def decode_image(field: str, value: str) -> InputImage:
    """Decodes one base64 image field; raises ``ValueError`` with a user-readable reason."""
    text = value.strip()
    if text.lower().startswith(("http://", "https://")):
        raise ValueError("URL inputs are not supported by the emulator")
    if text.lower().startswith("data:"):
        raise ValueError("send the bare base64 string, without a 'data:' URI prefix")
    if len(text) > MAX_BASE64_CHARS:
        raise ValueError("the base64 image is larger than 20 MB")
    try:
        compact = "".join(text.split())  # line-wrapped base64 (RFC 2045 style) is fine
        data = base64.b64decode(compact + "=" * (-len(compact) % 4), validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("not valid base64") from None
    try:
        with Image.open(io.BytesIO(data)) as img:
            width, height = img.size
            if width * height > MAX_INPUT_PIXELS:
                raise ValueError(f"the image has {width * height / 1e6:.1f} MP; the limit is 20 MP")
            img.load()
    except Image.DecompressionBombError:
        raise ValueError("the image is larger than 20 MP") from None
    except (UnidentifiedImageError, OSError, SyntaxError):
        raise ValueError("not a readable image (truncated, corrupt or unknown format)") from None
    return InputImage(field, data, width, height)


def _short(value: Any) -> Any:
    # Echoing a 20 MB base64 string back in the 422 helps nobody.
    if isinstance(value, str) and len(value) > 120:
        return value[:100] + f"... ({len(value)} characters)"
    return value
