from __future__ import annotations

import pytest

from fluxdesk.core.api.catalog import get_model
from fluxdesk.core.api.models import GenerationRequest, InputImage
from fluxdesk.core.api.validation import check_field, parse_aspect_ratio, validate_request


def problems(model: str, **kwargs: object) -> dict[str, str]:
    request = GenerationRequest(model, **kwargs)  # type: ignore[arg-type]
    return dict(validate_request(get_model(model), request))


def image(slot: str, w: int = 1024, h: int = 1024) -> InputImage:
    return InputImage(slot, "0" * 64, w, h)


def test_a_plain_kontext_edit_is_valid() -> None:
    assert problems("flux-kontext-pro", prompt="ink it", inputs=(image("input_image"),)) == {}


@pytest.mark.parametrize(
    ("model", "params", "field", "reason"),
    [
        ("flux-pro-1.1", {"width": 1000}, "width", "multiple of 32"),
        ("flux-pro-1.1", {"width": 2048}, "width", "between 256 and 1440"),
        ("flux-pro-1.1", {"height": "tall"}, "height", "whole number"),
        ("flux-dev", {"steps": 0}, "steps", "between 1 and 50"),
        ("flux-dev", {"guidance": 7}, "guidance", "between 1.5 and 5"),
        ("flux-kontext-pro", {"safety_tolerance": 7}, "safety_tolerance", "between 0 and 6"),
        ("flux-2-pro", {"safety_tolerance": 6}, "safety_tolerance", "between 0 and 5"),
        ("flux-kontext-pro", {"aspect_ratio": "3:1"}, "aspect_ratio", "21:9 and 9:21"),
        ("flux-kontext-pro", {"aspect_ratio": "wide"}, "aspect_ratio", "16:9"),
        ("flux-kontext-pro", {"output_format": "gif"}, "output_format", "jpeg, png, webp"),
        ("flux-kontext-pro", {"steps": 20}, "steps", "not a setting"),
        ("flux-pro-1.1-ultra", {"raw": "yes"}, "raw", "true or false"),
        ("flux-2-pro", {"width": 1000, "height": 1024}, "width", "multiple of 16"),
        ("flux-2-pro", {"width": 2048, "height": 2064}, "width", "4 megapixels"),
        ("flux-2-pro", {"width": 1024}, "height", "both sizes"),
        ("flux-2-flex", {"guidance": 11.0}, "guidance", "between 1.5 and 10"),
    ],
)
def test_out_of_range_and_unknown_fields(
    model: str, params: dict[str, object], field: str, reason: str
) -> None:
    found = problems(model, prompt="p", params=params)
    assert field in found and reason in found[field]


def test_prompt_required_for_kontext_and_flux2() -> None:
    assert "prompt" in problems("flux-kontext-pro", prompt="  ")
    assert "prompt" in problems("flux-2-klein-4b")
    assert "prompt" not in problems("flux-pro-1.1")


def test_images_count_and_presence() -> None:
    many = tuple(image(f"input_image_{n}") for n in range(2, 6))
    found = problems("flux-kontext-pro", prompt="p", inputs=(image("input_image"), *many))
    assert "input_image_5" in found
    assert "image" in problems("flux-pro-1.0-fill")
    assert "input_image" in problems("flux-pro-1.1", inputs=(image("input_image"),))


def test_fill_mask_must_match_and_expand_needs_a_side() -> None:
    found = problems(
        "flux-pro-1.0-fill", inputs=(image("image", 800, 600), image("mask", 600, 800))
    )
    assert "600×800" in found["mask"]
    assert "top" in problems("flux-pro-1.0-expand", inputs=(image("image"),))
    assert problems("flux-pro-1.0-expand", params={"left": 256}, inputs=(image("image"),)) == {}


def test_seed_must_be_non_negative_whole() -> None:
    assert "seed" in problems("flux-dev", seed=-1)
    assert "seed" in problems("flux-dev", seed=True)
    assert problems("flux-dev", seed=2**40) == {}


def test_check_field_accepts_integral_floats_for_integers() -> None:
    width = get_model("flux-pro-1.1").field("width")
    assert width is not None
    assert check_field(width, 1024.0) is None
    assert check_field(width, 1024.5) == "must be a whole number"


def test_parse_aspect_ratio() -> None:
    assert parse_aspect_ratio("16:9") == (16, 9)
    assert parse_aspect_ratio(" 3 : 4 ") == (3, 4)
    assert parse_aspect_ratio("0:4") is None
    assert parse_aspect_ratio("16/9") is None
