"""Page presets and their geometry: trim, bleed and safe area, in physical units and in pixels.

Pure values and arithmetic; safe on any thread.

Rounding rule (everywhere in printing): a physical length becomes ``floor(length_in_inches *
dpi + 0.5)`` pixels, the nearest whole pixel with halves rounded up. Inch presets are kept in
inches so that, e.g., 6.625 in at 600 dpi is exactly 3975 px. Boxes are built from rounded
parts so every guide lands on a whole pixel and the trim sits exactly centred in the bleed:
``bleed box = trim px + 2 × bleed px``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

MM_PER_INCH = 25.4
POINTS_PER_INCH = 72


class Unit(StrEnum):
    mm = "mm"
    inch = "in"

    @property
    def per_inch(self) -> float:
        return MM_PER_INCH if self is Unit.mm else 1.0


class PageBox(StrEnum):
    """One of the three guide boxes of a page."""

    bleed = "bleed"
    trim = "trim"
    safe = "safe"


def length_to_px(length: float, unit: Unit, dpi: float) -> int:
    return math.floor(length / unit.per_inch * dpi + 0.5)


@dataclass(frozen=True, slots=True)
class Rect:
    """Whole pixels; ``left``/``top`` inclusive, ``right``/``bottom`` exclusive."""

    left: int
    top: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height

    def as_box(self) -> tuple[int, int, int, int]:
        """Pillow's (left, top, right, bottom)."""
        return (self.left, self.top, self.right, self.bottom)

    @classmethod
    def from_box(cls, box: tuple[int, int, int, int]) -> Rect:
        left, top, right, bottom = box
        return cls(left, top, right - left, bottom - top)


@dataclass(frozen=True, slots=True)
class PageGuides:
    """Guide boxes in canvas pixels; the canvas is the bleed box or the trim box."""

    dpi: float
    canvas: Rect
    bleed: Rect
    trim: Rect
    safe: Rect

    def box(self, which: PageBox) -> Rect:
        return {PageBox.bleed: self.bleed, PageBox.trim: self.trim, PageBox.safe: self.safe}[which]


@dataclass(frozen=True, slots=True)
class PageSpec:
    """A printed page. Lengths are in ``unit``; the safe area is centred in the trim."""

    key: str
    name: str
    unit: Unit
    trim_width: float
    trim_height: float
    bleed: float
    safe_width: float
    safe_height: float

    def __post_init__(self) -> None:
        if not (self.trim_width > 0 and self.trim_height > 0):
            raise ValueError("a page needs a positive width and height")
        if self.bleed < 0:
            raise ValueError("bleed can't be negative")
        if not (
            0 < self.safe_width <= self.trim_width and 0 < self.safe_height <= self.trim_height
        ):
            raise ValueError("the safe area must fit inside the trim")

    def size(self, *, bleed: bool = False) -> tuple[float, float]:
        """Physical size in ``unit``: the trim, or the bleed box."""
        extra = 2 * self.bleed if bleed else 0.0
        return (self.trim_width + extra, self.trim_height + extra)

    def size_mm(self, *, bleed: bool = False) -> tuple[float, float]:
        width, height = self.size(bleed=bleed)
        factor = MM_PER_INCH / self.unit.per_inch
        return (width * factor, height * factor)

    def size_points(self, *, bleed: bool = False) -> tuple[float, float]:
        """Exact physical size in PDF points (1/72 in), not derived from rounded pixels."""
        width, height = self.size(bleed=bleed)
        factor = POINTS_PER_INCH / self.unit.per_inch
        return (width * factor, height * factor)

    def size_px(self, dpi: float, *, bleed: bool = False) -> tuple[int, int]:
        canvas = self.guides_px(dpi, bleed=bleed).canvas
        return (canvas.width, canvas.height)

    def guides_px(self, dpi: float, *, bleed: bool = False) -> PageGuides:
        """Trim, bleed and safe boxes at ``dpi``, on a canvas of the bleed box (``bleed=True``)
        or of the trim (then the bleed box reaches outside the canvas by the bleed)."""

        def px(length: float) -> int:
            return length_to_px(length, self.unit, dpi)

        bleed_px = px(self.bleed)
        trim_w, trim_h = px(self.trim_width), px(self.trim_height)
        offset = bleed_px if bleed else 0
        trim = Rect(offset, offset, trim_w, trim_h)
        safe_w, safe_h = px(self.safe_width), px(self.safe_height)
        safe = Rect(
            offset + (trim_w - safe_w) // 2, offset + (trim_h - safe_h) // 2, safe_w, safe_h
        )
        bleed_box = Rect(
            offset - bleed_px, offset - bleed_px, trim_w + 2 * bleed_px, trim_h + 2 * bleed_px
        )
        canvas = bleed_box if bleed else trim
        return PageGuides(float(dpi), canvas, bleed_box, trim, safe)


_DEFAULT_BLEED = {Unit.mm: 3.0, Unit.inch: 0.125}
# Printers' usual "keep text and faces inside" margin when the format has no printed frame.
_DEFAULT_SAFE_MARGIN = {Unit.mm: 5.0, Unit.inch: 0.25}


def custom_page(
    width: float,
    height: float,
    unit: Unit = Unit.mm,
    *,
    bleed: float | None = None,
    safe_margin: float | None = None,
) -> PageSpec:
    """A custom page; bleed defaults to 3 mm (0.125 in), the safe margin to 5 mm (0.25 in)."""
    bleed = _DEFAULT_BLEED[unit] if bleed is None else bleed
    margin = _DEFAULT_SAFE_MARGIN[unit] if safe_margin is None else safe_margin
    if width <= 2 * margin or height <= 2 * margin:
        raise ValueError("the page is smaller than its safe margins")
    label = f"{width:g} × {height:g} {unit.value}"
    return PageSpec(
        "custom", label, unit, width, height, bleed, width - 2 * margin, height - 2 * margin
    )


def _preset(key: str, name: str, width: float, height: float, unit: Unit = Unit.mm) -> PageSpec:
    spec = custom_page(width, height, unit)
    return PageSpec(key, name, unit, width, height, spec.bleed, spec.safe_width, spec.safe_height)


# 投稿 and B4 manuscript paper both print the 180 × 270 mm inner frame (基本枠) as the safe area.
PAGE_PRESETS: dict[str, PageSpec] = {
    "b4": PageSpec("b4", "B4 manuscript sheet", Unit.mm, 257, 364, 3, 180, 270),
    "toukou": PageSpec("toukou", "投稿 sheet", Unit.mm, 220, 310, 3, 180, 270),
    "b5": _preset("b5", "B5", 182, 257),
    "a4": _preset("a4", "A4", 210, 297),
    "a5": _preset("a5", "A5", 148, 210),
    "us-comic": _preset("us-comic", "US comic", 6.625, 10.1875, Unit.inch),
}
