"""Request validation answers like FastAPI + pydantic v2 would, on top of BFL's OpenAPI schema."""

from __future__ import annotations

import base64

import pytest
from PIL import Image

from fluxdesk.emulator.schema import SchemaValidator
from fluxdesk.emulator.validation import (
    RequestRejected,
    openapi_document,
    parse_json,
    validate_submit,
)

GE_256 = ("greater_than_equal", "Input should be greater than or equal to 256")


def errors_of(model: str, body: object) -> list[tuple[tuple, str, str]]:
    with pytest.raises(RequestRejected) as caught:
        validate_submit(model, body)
    return [(e.loc, e.type, e.msg) for e in caught.value.errors]


@pytest.mark.parametrize(
    ("model", "body", "expected"),
    [
        ("flux-pro-1.1", {"width": 128}, [(("body", "width"), *GE_256)]),
        (
            "flux-pro-1.1",
            {"width": 1600},
            [
                (
                    ("body", "width"),
                    "less_than_equal",
                    "Input should be less than or equal to 1440",
                )
            ],
        ),
        (
            "flux-pro-1.1",
            {"height": 1000},
            [(("body", "height"), "multiple_of", "Input should be a multiple of 32")],
        ),
        (
            "flux-dev",
            {"width": "abc"},
            [
                (
                    ("body", "width"),
                    "int_parsing",
                    "Input should be a valid integer, unable to parse string as an integer",
                )
            ],
        ),
        (
            "flux-dev",
            {"width": 1024.5},
            [
                (
                    ("body", "width"),
                    "int_from_float",
                    "Input should be a valid integer, got a number with a fractional part",
                )
            ],
        ),
        (
            "flux-dev",
            {"width": [1024]},
            [(("body", "width"), "int_type", "Input should be a valid integer")],
        ),
        (
            "flux-dev",
            {"prompt_upsampling": "maybe"},
            [
                (
                    ("body", "prompt_upsampling"),
                    "bool_parsing",
                    "Input should be a valid boolean, unable to interpret input",
                )
            ],
        ),
        (
            "flux-dev",
            {"prompt": 5},
            [(("body", "prompt"), "string_type", "Input should be a valid string")],
        ),
        (
            "flux-dev",
            {"output_format": "gif"},
            [(("body", "output_format"), "enum", "Input should be 'jpeg', 'png' or 'webp'")],
        ),
        (
            "flux-dev",
            {"guidance": 1.0},
            [
                (
                    ("body", "guidance"),
                    "greater_than_equal",
                    "Input should be greater than or equal to 1.5",
                )
            ],
        ),
        (
            "flux-dev",
            {"guidance": "lots"},
            [
                (
                    ("body", "guidance"),
                    "float_parsing",
                    "Input should be a valid number, unable to parse string as a number",
                )
            ],
        ),
        ("flux-kontext-pro", {}, [(("body", "prompt"), "missing", "Field required")]),
        (
            "flux-kontext-pro",
            {"prompt": None},
            [(("body", "prompt"), "string_type", "Input should be a valid string")],
        ),
        (
            "flux-2-pro",
            {"prompt": "x", "width": 0},  # 0 means "auto" in the schema but must be omitted
            [
                (
                    ("body", "width"),
                    "greater_than_equal",
                    "Input should be greater than or equal to 64",
                )
            ],
        ),
        (
            "flux-2-pro",
            {"prompt": "x", "safety_tolerance": 6},
            [
                (
                    ("body", "safety_tolerance"),
                    "less_than_equal",
                    "Input should be less than or equal to 5",
                )
            ],
        ),
        (
            "flux-pro-1.0-expand",
            {"image": "x", "top": 3000},
            [(("body", "top"), "less_than_equal", "Input should be less than or equal to 2048")],
        ),
        (
            "flux-2-pro",
            {"prompt": "x", "webhook_url": "ftp://example.com/hook"},
            [(("body", "webhook_url"), "url_scheme", "URL scheme should be 'http' or 'https'")],
        ),
        (
            "flux-2-pro",
            {"prompt": "x", "webhook_url": "hook"},
            [
                (
                    ("body", "webhook_url"),
                    "url_parsing",
                    "Input should be a valid URL, relative URL without a base",
                )
            ],
        ),
    ],
)
def test_schema_errors_match_pydantic(model, body, expected):
    assert errors_of(model, body) == expected


def test_errors_come_in_field_order_with_input_and_ctx():
    with pytest.raises(RequestRejected) as caught:
        validate_submit("flux-dev", {"steps": 0, "width": 100, "height": 2048, "seed": "x"})
    assert caught.value.to_json() == {
        "detail": [
            {
                "type": "multiple_of",
                "loc": ["body", "width"],
                "msg": "Input should be a multiple of 32",
                "input": 100,
                "ctx": {"multiple_of": 32},
            },
            {
                "type": "less_than_equal",
                "loc": ["body", "height"],
                "msg": "Input should be less than or equal to 1440",
                "input": 2048,
                "ctx": {"le": 1440},
            },
            {
                "type": "greater_than_equal",
                "loc": ["body", "steps"],
                "msg": "Input should be greater than or equal to 1",
                "input": 0,
                "ctx": {"ge": 1},
            },
            {
                "type": "int_parsing",
                "loc": ["body", "seed"],
                "msg": "Input should be a valid integer, unable to parse string as an integer",
                "input": "x",
            },
        ]
    }


def test_missing_field_reports_the_whole_body_as_input():
    with pytest.raises(RequestRejected) as caught:
        validate_submit("flux-pro-1.0-fill", {"prompt": "x"})
    assert caught.value.to_json()["detail"] == [
        {
            "type": "missing",
            "loc": ["body", "image"],
            "msg": "Field required",
            "input": {"prompt": "x"},
        }
    ]


def test_lax_conversions_and_unknown_fields():
    request = validate_submit(
        "flux-dev",
        {
            "width": 1024.0,
            "height": "512",
            "steps": True,  # pydantic's lax mode reads True as 1
            "prompt_upsampling": "yes",
            "guidance": "2.5",
            "seed": None,
            "unknown": {"is": "ignored"},
        },
    )
    assert (request.width, request.height) == (1024, 512)
    assert request.params["steps"] == 1
    assert request.params["prompt_upsampling"] is True
    assert request.params["guidance"] == 2.5
    assert request.seed is None
    assert "unknown" not in request.params
    kontext = validate_submit("flux-kontext-pro", {"prompt": "x", "guidance": 3, "steps": 50})
    assert kontext.output_format == "png"  # Kontext's default; every other model's is jpeg
    assert validate_submit("flux-2-pro", {"prompt": "x"}).output_format == "jpeg"


def test_flux2_size_rules():
    assert errors_of("flux-2-pro", {"prompt": "x", "width": 1000}) == [
        (("body", "width"), "multiple_of", "Input should be a multiple of 16")
    ]
    (loc, kind, msg), *_ = errors_of("flux-2-max", {"prompt": "x", "width": 4096, "height": 2048})
    assert (loc, kind) == (("body",), "value_error")
    assert msg.startswith("Value error, width * height must be at most 4 MP")
    assert (
        validate_submit("flux-2-pro", {"prompt": "x", "width": 2048, "height": 2048}).width == 2048
    )


def test_aspect_ratio_rule():
    (loc, kind, msg), *_ = errors_of("flux-pro-1.1-ultra", {"aspect_ratio": "30:9"})
    assert (loc, kind) == (("body", "aspect_ratio"), "value_error")
    assert "21:9" in msg
    assert (
        errors_of("flux-kontext-pro", {"prompt": "x", "aspect_ratio": "wide"})[0][1]
        == "value_error"
    )
    assert (
        validate_submit("flux-kontext-pro", {"prompt": "x", "aspect_ratio": "9:21"}).height == 1568
    )


def png_b64(size: tuple[int, int], mode: str = "L") -> str:
    from io import BytesIO

    buffer = BytesIO()
    Image.new(mode, size, 200).save(buffer, "PNG")
    return base64.b64encode(buffer.getvalue()).decode()


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("https://example.com/page.png", "URL inputs are not supported by the emulator"),
        ("data:image/png;base64," + png_b64((64, 64)), "without a 'data:' URI prefix"),
        ("not base64 at all!", "not valid base64"),
        (base64.b64encode(b"hello, not an image").decode(), "not a readable image"),
        (png_b64((64, 64))[:60], "not a readable image"),  # truncated file
    ],
)
def test_bad_input_images(value, reason):
    [(loc, kind, msg)] = errors_of("flux-kontext-pro", {"prompt": "x", "input_image": value})
    assert (loc, kind) == (("body", "input_image"), "value_error")
    assert reason in msg


def test_input_image_limits():
    huge = png_b64((5000, 4100))  # 20.5 MP
    assert "limit is 20 MP" in errors_of("flux-pro-1.0-fill", {"image": huge})[0][2]
    too_long = "A" * (20 * 1024 * 1024 + 4)
    assert "larger than 20 MB" in errors_of("flux-pro-1.0-fill", {"image": too_long})[0][2]
    small = png_b64((64, 64))
    wrapped = "\n".join(small[i : i + 76] for i in range(0, len(small), 76))  # RFC 2045 lines
    request = validate_submit("flux-2-pro", {"prompt": "x", "input_image": wrapped})
    assert (request.images[0].width, request.images[0].height) == (64, 64)


def test_fill_mask_and_expand_sides():
    image, small_mask = png_b64((640, 480)), png_b64((320, 240))
    [(loc, kind, msg)] = errors_of("flux-pro-1.0-fill", {"image": image, "mask": small_mask})
    assert (loc, kind) == (("body", "mask"), "value_error")
    assert "same dimensions" in msg
    [(loc, kind, msg)] = errors_of("flux-pro-1.0-expand", {"image": image})
    assert (loc, kind) == (("body",), "value_error")
    expanded = validate_submit("flux-pro-1.0-expand", {"image": image, "right": 64, "bottom": 32})
    assert (expanded.width, expanded.height) == (704, 512)


def test_json_level_errors():
    with pytest.raises(RequestRejected) as caught:
        parse_json(b'{"prompt": ')
    assert caught.value.to_json()["detail"] == [
        {
            "type": "json_invalid",
            "loc": ["body", 11],
            "msg": "JSON decode error",
            "input": {},
            "ctx": {"error": "Expecting value"},
        }
    ]
    with pytest.raises(RequestRejected) as caught:
        parse_json(b"")
    assert caught.value.to_json()["detail"][0]["loc"] == ["body"]
    assert errors_of("flux-2-pro", [1, 2]) == [
        (
            ("body",),
            "model_attributes_type",
            "Input should be a valid dictionary or object to extract fields from",
        )
    ]


def test_validator_alone_on_a_small_schema():
    document = {
        "components": {
            "schemas": {
                "Size": {"type": "string", "enum": ["s", "m"]},
                "Thing": {
                    "type": "object",
                    "required": ["n"],
                    "properties": {
                        "n": {"type": "integer", "exclusiveMinimum": 0},
                        "size": {
                            "anyOf": [{"$ref": "#/components/schemas/Size"}, {"type": "null"}]
                        },
                        "name": {"type": "string", "minLength": 2, "maxLength": 3, "default": "ab"},
                    },
                },
            }
        }
    }
    validator = SchemaValidator(document)
    values, errors = validator.validate_body("Thing", {"n": 1, "size": None})
    assert (values, errors) == ({"n": 1, "size": None, "name": "ab"}, [])
    _, errors = validator.validate_body("Thing", {"n": 0, "size": "l", "name": "abcd"})
    assert [(e.type, e.msg) for e in errors] == [
        ("greater_than", "Input should be greater than 0"),
        ("enum", "Input should be 's' or 'm'"),
        ("string_too_long", "String should have at most 3 characters"),
    ]


def test_every_emulated_endpoint_has_its_schema():
    paths = openapi_document()["paths"]
    from fluxdesk.emulator.catalog import MODELS

    for spec in MODELS.values():
        assert "post" in paths[spec.path], spec.slug


# --- The same, over HTTP ------------------------------------------------------------------------


def test_http_422_shapes(api, emulator):
    response = api.submit("flux-pro-1.1", {"width": 100, "unknown": 1})
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "multiple_of",
                "loc": ["body", "width"],
                "msg": "Input should be a multiple of 32",
                "input": 100,
                "ctx": {"multiple_of": 32},
            }
        ]
    }
    raw = api.session.post(
        f"{emulator.base_url}/v1/flux-2-pro",
        data=b"<html>not json</html>",
        headers={"x-key": "k", "Content-Type": "application/json"},
        timeout=10,
    )
    assert raw.status_code == 422
    assert raw.json()["detail"][0]["type"] == "json_invalid"
    listed = api.submit("flux-2-pro", ["prompt"])
    assert listed.json()["detail"][0]["type"] == "model_attributes_type"
    assert len(emulator.tasks) == 0
    assert api.credits() == 1000.0  # nothing charged for a rejected request


def test_a_bad_key_is_reported_before_a_bad_body(api):
    assert api.submit("flux-2-pro", {"width": "x"}, key=None).status_code == 403
