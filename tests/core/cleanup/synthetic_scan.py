"""A synthetic pencil scan: warm paper with grain, non-photo-blue construction lines, red
pencil notes, and graphite lines drawn over them (pigments multiply, as on real paper)."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

PAPER = (246, 243, 235)
BLUE = (150, 205, 240)
RED = (235, 110, 120)
GRAPHITE = (72, 72, 76)


def _layer(size: tuple[int, int], draw: callable) -> np.ndarray:  # type: ignore[valid-type]
    mask = Image.new("L", size, 0)
    draw(ImageDraw.Draw(mask))
    return np.asarray(mask, dtype=np.float32)[..., None] / 255.0


def synthetic_scan(width: int = 1200, height: int = 900, seed: int = 7) -> Image.Image:
    rng = np.random.default_rng(seed)
    paper = np.empty((height, width, 3), np.float32)
    paper[:] = PAPER
    paper += rng.normal(0, 2.0, (height, width, 1))  # grain

    def blue_lines(d: ImageDraw.ImageDraw) -> None:
        for i in range(8):
            d.line((40 + i * 140, 20, 300 + i * 110, height - 20), fill=255, width=3)
            d.ellipse((80 + i * 130, 120, 230 + i * 130, 270), outline=170, width=2)

    def red_notes(d: ImageDraw.ImageDraw) -> None:
        d.rectangle((width - 220, height - 160, width - 40, height - 60), outline=255, width=3)

    def graphite(d: ImageDraw.ImageDraw) -> None:
        for i in range(7):
            y = 80 + i * 120
            d.line((0, y, width, y + 40), fill=255, width=4)
        for i in range(6):
            d.ellipse((100 + i * 170, 480, 240 + i * 170, 620), outline=255, width=3)

    image = paper
    for colour, draw in ((BLUE, blue_lines), (RED, red_notes), (GRAPHITE, graphite)):
        coverage = _layer((width, height), draw)
        tint = np.array(colour, np.float32) / 255.0
        image = image * (1 - coverage + coverage * tint)  # multiply, like pigment
    return Image.fromarray(np.clip(image, 0, 255).astype(np.uint8), "RGB")


def graphite_mask(width: int = 1200, height: int = 900) -> np.ndarray:
    mask = Image.new("L", (width, height), 0)
    d = ImageDraw.Draw(mask)
    for i in range(7):
        y = 80 + i * 120
        d.line((0, y, width, y + 40), fill=255, width=2)  # the lines' cores
    return np.asarray(mask) > 0


def blue_only_mask(width: int = 1200, height: int = 900) -> np.ndarray:
    """Blue line cores away from any graphite."""
    blue = Image.new("L", (width, height), 0)
    d = ImageDraw.Draw(blue)
    for i in range(8):
        d.line((40 + i * 140, 20, 300 + i * 110, height - 20), fill=255, width=1)
    ink = Image.new("L", (width, height), 0)
    g = ImageDraw.Draw(ink)
    for i in range(7):
        y = 80 + i * 120
        g.line((0, y, width, y + 40), fill=255, width=14)
    for i in range(6):
        g.ellipse((90 + i * 170, 470, 250 + i * 170, 630), outline=255, width=14)
    g.rectangle((width - 230, height - 170, width - 30, height - 50), outline=255, width=14)
    return (np.asarray(blue) > 0) & ~(np.asarray(ink) > 0)
