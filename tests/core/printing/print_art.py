"""Synthetic line-art pages and independent file readers for the printing tests (imported by
the test modules beside it)."""

from __future__ import annotations

import shutil
import subprocess

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont


def line_art(size: tuple[int, int], *, seed: int = 1, stroke: float = 1.0) -> Image.Image:
    """A white L page with lines, circles, text and hatching, scaled to ``size``."""
    width, height = size
    unit = min(width, height) / 100  # drawing units: the short side is 100
    page = Image.new("L", size, 255)
    draw = ImageDraw.Draw(page)
    rng = np.random.default_rng(seed)
    pen = max(1, round(0.8 * unit * stroke))
    for _ in range(12):
        x, y = rng.uniform(15, 85) * unit, rng.uniform(15, 85) * height / 100
        r = rng.uniform(3, 10) * unit + pen / 2  # Pillow draws the ring inwards: centre it
        draw.ellipse((x - r, y - r, x + r, y + r), outline=0, width=pen)
    for _ in range(12):
        x0, x1 = rng.uniform(10, 90, 2) * width / 100
        y0, y1 = rng.uniform(10, 90, 2) * height / 100
        draw.line((x0, y0, x1, y1), fill=0, width=pen)
    for i in range(10):  # hatching
        x = (20 + 2 * i) * unit
        draw.line((x, 60 * unit, x + 8 * unit, 70 * unit), fill=0, width=pen)
    font = ImageFont.load_default(size=max(8, round(5 * unit)))
    draw.text((20 * unit, 20 * unit), "FLUX 漫画", font=font, fill=0)
    return page


def tool(name: str) -> str:
    """The path of a command-line reader, or skip the check with the package to install."""
    path = shutil.which(name)
    if path is None:
        package = {"tiffinfo": "libtiff-tools"}.get(name, "poppler-utils")
        pytest.skip(f"{name} is not installed (apt-get install {package}); Pillow checks ran")
    return path


def run_tool(*argv: str) -> str:
    return subprocess.run(
        [tool(argv[0]), *argv[1:]], check=True, capture_output=True, text=True, timeout=60
    ).stdout
