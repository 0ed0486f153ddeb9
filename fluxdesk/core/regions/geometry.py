"""Page geometry shared by region edits and panels: rectangles, polygons and their rasters.

Coordinates are page pixels, continuous: pixel ``(i, j)`` covers ``[i, i+1) × [j, j+1)``, so
its centre is ``(i + 0.5, j + 0.5)``. Pure functions, no I/O; safe on any thread.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from fluxdesk.core.errors import InputError

Point = tuple[float, float]

_SUBPIXEL_BITS = 4  # cv2.fillPoly takes fixed-point vertices: 1/16 px is plenty


@dataclass(frozen=True, slots=True)
class Rect:
    """An integer box, half-open: ``left <= x < right``, ``top <= y < bottom``."""

    left: int
    top: int
    right: int
    bottom: int

    @property
    def width(self) -> int:
        return self.right - self.left

    @property
    def height(self) -> int:
        return self.bottom - self.top

    @property
    def size(self) -> tuple[int, int]:
        return self.width, self.height

    @property
    def box(self) -> tuple[int, int, int, int]:
        """As Pillow's ``(left, upper, right, lower)``."""
        return self.left, self.top, self.right, self.bottom

    @property
    def is_empty(self) -> bool:
        return self.width <= 0 or self.height <= 0

    @property
    def bbox(self) -> Rect:
        return self

    def expanded(self, px: int) -> Rect:
        return Rect(self.left - px, self.top - px, self.right + px, self.bottom + px)

    def clipped(self, size: tuple[int, int]) -> Rect:
        width, height = size
        return Rect(
            max(0, self.left), max(0, self.top), min(width, self.right), min(height, self.bottom)
        )

    def to_polygon(self) -> Polygon:
        x0, y0, x1, y1 = self.box
        return Polygon(((x0, y0), (x1, y0), (x1, y1), (x0, y1)))


@dataclass(frozen=True, slots=True)
class Polygon:
    """A simple polygon (a lasso or a panel outline), vertices in order, not repeated."""

    points: tuple[Point, ...]

    def __post_init__(self) -> None:
        if len(self.points) < 3:
            raise InputError("A shape needs at least three points.")

    @classmethod
    def of(cls, points: Sequence[Sequence[float]]) -> Polygon:
        return cls(tuple((float(x), float(y)) for x, y in points))

    @property
    def bbox(self) -> Rect:
        """The smallest integer box holding every vertex."""
        xs = [x for x, _ in self.points]
        ys = [y for _, y in self.points]
        return Rect(
            math.floor(min(xs)), math.floor(min(ys)), math.ceil(max(xs)), math.ceil(max(ys))
        )

    @property
    def signed_area(self) -> float:
        """Shoelace area: positive when the points run clockwise on screen (y down)."""
        total = 0.0
        for (x0, y0), (x1, y1) in zip(self.points, (*self.points[1:], self.points[0]), strict=True):
            total += x0 * y1 - x1 * y0
        return total / 2

    @property
    def area(self) -> float:
        return abs(self.signed_area)


Selection = Rect | Polygon


def rasterize(selection: Selection, origin: tuple[int, int], size: tuple[int, int]) -> np.ndarray:
    """A uint8 mask (255 inside) of `selection` on the pixel grid of the box at `origin`/`size`.

    A Rect is exact. A Polygon takes the pixels whose centres are inside, as cv2's scan
    converter sees it with sub-pixel vertices: it may add one pixel along right and bottom edges.
    """
    width, height = size
    mask = np.zeros((height, width), np.uint8)
    ox, oy = origin
    if isinstance(selection, Rect):
        box = Rect(
            selection.left - ox, selection.top - oy, selection.right - ox, selection.bottom - oy
        ).clipped(size)
        if not box.is_empty:
            mask[box.top : box.bottom, box.left : box.right] = 255
        return mask
    # cv2 puts integer coordinates at pixel centres; ours put them at pixel corners.
    scale = 1 << _SUBPIXEL_BITS
    points = np.array(
        [((x - ox - 0.5) * scale, (y - oy - 0.5) * scale) for x, y in selection.points]
    )
    cv2.fillPoly(mask, [np.round(points).astype(np.int32)], 255, cv2.LINE_8, _SUBPIXEL_BITS)
    return mask
