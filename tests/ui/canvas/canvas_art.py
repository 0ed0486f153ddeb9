"""Synthetic test images: gradients for checks, and a manga page as pencils and as clean inks."""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

Point = tuple[float, float]


def write_image(path: Path, size: tuple[int, int], mode: str = "L") -> Path:
    """A gradient with a black block in the top-left corner, so content is checkable."""
    width, height = size
    ramp = Image.linear_gradient("L").resize(size)
    if mode == "L":
        image = ramp
    else:
        image = Image.merge(
            "RGB", (ramp, ramp.transpose(Image.Transpose.ROTATE_90).resize(size), ramp)
        )
    image.paste(0, (0, 0, max(1, width // 10), max(1, height // 10)))
    image.save(path)
    return path


def _page_strokes() -> list[list[Point]]:
    """The page's line work in units of a 1000 × 1414 page."""
    strokes: list[list[Point]] = []

    def circle(cx: float, cy: float, rx: float, ry: float, start=0.0, end=360.0, n=48) -> None:
        strokes.append(
            [
                (cx + rx * math.cos(math.radians(a)), cy + ry * math.sin(math.radians(a)))
                for a in (start + (end - start) * i / n for i in range(n + 1))
            ]
        )

    # Top panel: a face in close-up with a speech balloon.
    circle(560, 330, 150, 175, 20, 160)  # jaw
    strokes.append(
        [(410, 300), (420, 230), (470, 170), (560, 150), (650, 170), (700, 230), (710, 300)]
    )
    strokes.append(
        [
            (400, 250),
            (430, 130),
            (470, 190),
            (500, 95),
            (540, 175),
            (590, 90),
            (620, 175),
            (680, 110),
            (690, 200),
            (740, 170),
            (715, 280),
        ]
    )
    circle(500, 330, 28, 20)  # eyes
    circle(625, 330, 28, 20)
    circle(500, 333, 9, 11)
    circle(625, 333, 9, 11)
    strokes.append([(470, 295), (525, 288)])
    strokes.append([(600, 288), (655, 295)])
    strokes.append([(560, 355), (552, 400), (568, 402)])
    circle(562, 440, 34, 12, 10, 170, 16)  # mouth
    circle(220, 190, 130, 80)  # balloon
    strokes.append([(300, 245), (360, 300), (320, 255)])
    # Bottom left: speed lines towards a running figure.
    for index in range(18):
        angle = math.radians(180 + index * 10)
        strokes.append(
            [
                (270 + 60 * math.cos(angle), 950 + 60 * math.sin(angle)),
                (270 + 380 * math.cos(angle), 950 + 380 * math.sin(angle)),
            ]
        )
    circle(270, 890, 40, 40)
    strokes.append([(270, 930), (260, 1050), (220, 1150)])
    strokes.append([(260, 1050), (320, 1140)])
    strokes.append([(200, 980), (270, 960), (340, 1000)])
    # Bottom right: rooftops and a moon.
    strokes.append(
        [(540, 1200), (600, 1080), (660, 1200), (720, 1020), (800, 1200), (880, 1100), (920, 1200)]
    )
    strokes.append([(540, 1200), (920, 1200)])
    circle(800, 760, 70, 70)
    circle(830, 740, 60, 60, 100, 260, 24)
    return strokes


_PANELS = [(60, 60, 940, 560), (60, 600, 480, 1354), (520, 600, 940, 1354)]


def _draw_page(
    size: tuple[int, int],
    stroke: Callable[[ImageDraw.ImageDraw, list[Point], float], None],
    border: Callable[[ImageDraw.ImageDraw, tuple[float, ...], float], None],
    background: int,
) -> Image.Image:
    scale = size[0] / 1000
    image = Image.new("L", size, background)
    draw = ImageDraw.Draw(image)
    for panel in _PANELS:
        border(draw, tuple(value * scale for value in panel), scale)
    for line in _page_strokes():
        stroke(draw, [(x * scale, y * scale) for x, y in line], scale)
    return image


def pencils(width: int = 1800) -> Image.Image:
    """Sketchy graphite: repeated, jittered grey strokes, construction lines, paper grain."""
    rng = random.Random(7)
    size = (width, round(width * 1.414))

    def stroke(draw: ImageDraw.ImageDraw, points: list[Point], scale: float) -> None:
        for _ in range(3):
            jitter = [
                (x + rng.uniform(-3, 3) * scale, y + rng.uniform(-3, 3) * scale) for x, y in points
            ]
            draw.line(
                jitter, fill=rng.randrange(95, 150), width=max(1, round(1.6 * scale)), joint="curve"
            )

    def border(draw: ImageDraw.ImageDraw, box: tuple[float, ...], scale: float) -> None:
        draw.rectangle(box, outline=150, width=max(1, round(1.2 * scale)))

    page = _draw_page(size, stroke, border, 244)
    guides = ImageDraw.Draw(page)
    s = width / 1000
    guides.line([(560 * s, 120 * s), (560 * s, 520 * s)], fill=205, width=max(1, round(s)))
    guides.line([(390 * s, 330 * s), (730 * s, 330 * s)], fill=205, width=max(1, round(s)))
    grain = Image.effect_noise((size[0] // 2, size[1] // 2), 10).resize(size)
    page = Image.blend(page, Image.eval(grain, lambda v: min(255, 120 + v)), 0.12)
    return page.filter(ImageFilter.GaussianBlur(0.6 * s))


def inks(width: int = 720) -> Image.Image:
    """The same page inked: clean pure-black lines on white, smaller (like a ~1 MP result)."""

    def stroke(draw: ImageDraw.ImageDraw, points: list[Point], scale: float) -> None:
        draw.line(points, fill=0, width=max(1, round(4.5 * scale)), joint="curve")

    def border(draw: ImageDraw.ImageDraw, box: tuple[float, ...], scale: float) -> None:
        draw.rectangle(box, outline=0, width=max(1, round(6 * scale)))

    big = width * 2  # drawn at 2x and reduced: antialiased, like a model's output
    page = _draw_page((big, round(big * 1.414)), stroke, border, 255)
    s = big / 1000
    hair = [(430, 200), (470, 190), (500, 95), (540, 175), (590, 90), (620, 175), (680, 110)]
    hair += [(690, 200), (650, 175), (560, 160)]
    ImageDraw.Draw(page).polygon([(x * s, y * s) for x, y in hair], fill=0)
    return page.reduce(2)
