from __future__ import annotations

from fluxdesk.core.api.catalog import get_model
from fluxdesk.core.api.models import GenerationRequest, InputImage
from fluxdesk.core.api.pricing import estimate_credits, expected_output_size, format_credits


def cost(model: str, **kwargs: object) -> float:
    return estimate_credits(get_model(model), GenerationRequest(model, "p", **kwargs))  # type: ignore[arg-type]


def test_flat_prices() -> None:
    assert cost("flux-kontext-pro") == 4
    assert cost("flux-kontext-max") == 8
    assert cost("flux-pro-1.1") == 4
    assert cost("flux-pro-1.1-ultra") == 6
    assert cost("flux-pro-1.0-fill") == 5
    assert cost("flux-dev") == 2.5


def test_flux2_per_megapixel() -> None:
    # BFL's published example: FLUX.2 [pro] at 1.98 MP costs 4.5 credits.
    assert cost("flux-2-pro", params={"width": 1440, "height": 1440}) == 4.5
    assert cost("flux-2-pro") == 3
    reference = (InputImage("input_image", "0" * 64, 1024, 1024),)
    assert cost("flux-2-pro", inputs=reference) == 4.5
    assert cost("flux-2-max", params={"width": 2048, "height": 2048}) == 7 + 3 * 3


def test_expected_sizes() -> None:
    spec = get_model("flux-kontext-pro")
    request = GenerationRequest("flux-kontext-pro", "p", {"aspect_ratio": "21:9"})
    width, height = expected_output_size(spec, request)
    assert width % 32 == 0 and height % 32 == 0 and width > 2 * height
    pencils = (InputImage("input_image", "0" * 64, 3000, 4000),)
    request = GenerationRequest("flux-kontext-pro", "p", {}, None, pencils)
    width, height = expected_output_size(spec, request)
    assert abs(width / height - 0.75) < 0.03


def test_format_credits() -> None:
    assert format_credits(4) == "4 credits ($0.04)"
    assert format_credits(1) == "1 credit ($0.01)"
    assert format_credits(4.5) == "4.5 credits ($0.045)"
