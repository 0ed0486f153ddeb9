"""Turns an artist's image into what the API accepts: upright, flattened, at most the model's
working size and the API's limits, as PNG bytes (sent as plain base64, no ``data:`` prefix).

The original file is never modified. Blocking; call from a worker thread in the GUI.
"""

from __future__ import annotations

import base64
import hashlib
import io
import math
from dataclasses import dataclass

from PIL import Image

from fluxdesk.core.api.catalog import MAX_API_BASE64_BYTES, MAX_API_PIXELS
from fluxdesk.core.errors import InputError
from fluxdesk.core.messages import Message

MIN_SIDE = 256  # the API refuses smaller inputs


@dataclass(frozen=True, slots=True)
class PreparedImage:
    data: bytes
    width: int
    height: int
    sha256: str
    scale: float  # prepared size / original size (1.0 = unchanged)

    def as_base64(self) -> str:
        return base64.b64encode(self.data).decode("ascii")


def target_size(width: int, height: int, max_pixels: int) -> tuple[int, int]:
    """Largest size within `max_pixels` (and the API's 20 MP) with the same shape, at least
    256 px on the short side where the shape allows it. Never above the limit: a long, thin
    strip stays thinner than 256 px (and `prepare_image` refuses it)."""
    limit = min(max_pixels, MAX_API_PIXELS)
    fit = math.sqrt(limit / (width * height))
    scale = min(1.0, fit)
    if min(width, height) * scale < MIN_SIDE:
        scale = min(MIN_SIDE / min(width, height), fit)
    size = max(1, round(width * scale)), max(1, round(height * scale))
    if size[0] * size[1] > limit:  # rounded up past the limit
        size = max(1, math.floor(width * scale)), max(1, math.floor(height * scale))
    return size


def _encode(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=6)
    return buffer.getvalue()


def prepare_image(image: Image.Image, max_pixels: int) -> PreparedImage:
    """`image` must be mode L or RGB (see ``imaging.load.load_image``)."""
    width, height = image.size
    size = target_size(width, height, max_pixels)
    if min(size) < MIN_SIDE:  # checked before resizing: the strip could be huge (GB) upscaled
        raise InputError(
            Message(
                "The image is {width}×{height} px: too long and narrow to send. The API needs at "
                "least {side} px on the short side within {mp:.0f} MP; crop it to a less "
                "extreme shape.",
                width=width,
                height=height,
                side=MIN_SIDE,
                mp=min(max_pixels, MAX_API_PIXELS) / 1e6,
            )
        )
    if size != (width, height):
        image = image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
    data = _encode(image)
    # Base64 grows by a third; noisy colour scans can still be too big: shrink until they fit.
    while len(data) * 4 / 3 > MAX_API_BASE64_BYTES:
        image = image.resize(
            (int(image.width * 0.85), int(image.height * 0.85)), Image.Resampling.LANCZOS
        )
        data = _encode(image)
    return PreparedImage(
        data, image.width, image.height, hashlib.sha256(data).hexdigest(), image.width / width
    )


def prepare_mask(mask: Image.Image, size: tuple[int, int]) -> PreparedImage:
    """A Fill mask at exactly `size` (the prepared image's), pure black and white."""
    grey = mask.convert("L")
    if grey.size != size:
        grey = grey.resize(size, Image.Resampling.NEAREST)
    binary = grey.point(lambda value: 255 if value >= 128 else 0)
    data = _encode(binary)
    return PreparedImage(
        data, size[0], size[1], hashlib.sha256(data).hexdigest(), size[0] / mask.width
    )
