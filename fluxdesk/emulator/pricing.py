"""What a task costs, in credits (bfl-api.md §5.3)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from fluxdesk.emulator.catalog import MEGAPIXEL, ModelSpec


def megapixels(pixels: int) -> float:
    """Megapixels as BFL reports them in ``input_mp``/``output_mp``: two decimals."""
    return round(pixels / MEGAPIXEL, 2)


def cost(spec: ModelSpec, output_pixels: int, input_pixels: Sequence[int]) -> float:
    """Flat models cost their price; FLUX.2 costs ``first + (ceil(out) - 1) * extra`` plus
    ``ceil(in) * extra`` per input image, megapixels rounded up per image."""
    price = spec.price
    if price.flat is not None:
        return float(price.flat)
    out_mp = max(1, math.ceil(output_pixels / MEGAPIXEL))
    in_mp = sum(math.ceil(px / MEGAPIXEL) for px in input_pixels)
    # Rounded so that 1.4 + 2 * 0.1 shows as 1.6, as BFL's own numbers do.
    return round(price.first_mp + (out_mp - 1 + in_mp) * price.extra_mp, 4)
