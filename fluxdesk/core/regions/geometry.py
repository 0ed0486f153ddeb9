"""Page geometry shared by region edits and panels: rectangles, polygons and their rasters.

Coordinates are page pixels, continuous: pixel ``(i, j)`` covers ``[i, i+1) × [j, j+1)``, so
its centre is ``(i + 0.5, j + 0.5)``. Pure functions, no I/O; safe on any thread.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True, eq=False)
class Raster:
    """A painted mask used as a selection: weights 0..255 on a box of the page.

    Every pixel above 0 is selected, and the weights also cap the paste, so a soft brush blends
    softly. Compared by identity (it holds an array); the array is read-only.
    """

    left: int
    top: int
    values: np.ndarray  # uint8, shape (height, width)

    @classmethod
    def of(cls, values: np.ndarray, origin: tuple[int, int] = (0, 0)) -> Raster:
        """`values` (at `origin` on the page) trimmed to what is painted. Raises InputError
        when nothing is."""
        rows = np.flatnonzero(values.any(axis=1))
        cols = np.flatnonzero(values.any(axis=0))
        if rows.size == 0:
            raise InputError("The mask is empty: paint over the part to change.")
        top, bottom, left, right = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
        trimmed = np.array(values[top:bottom, left:right], dtype=np.uint8)
        trimmed.setflags(write=False)
        return cls(int(origin[0]) + int(left), int(origin[1]) + int(top), trimmed)

    @property
    def bbox(self) -> Rect:
        height, width = self.values.shape
        return Rect(self.left, self.top, self.left + width, self.top + height)

    def values_in(self, origin: tuple[int, int], size: tuple[int, int]) -> np.ndarray:
        """The weights on the pixel grid of the box at `origin`/`size` (0 outside the mask)."""
        width, height = size
        out = np.zeros((height, width), np.uint8)
        ox, oy = origin
        box = self.bbox
        overlap = Rect(box.left - ox, box.top - oy, box.right - ox, box.bottom - oy).clipped(size)
        if not overlap.is_empty:
            sx, sy = overlap.left + ox - self.left, overlap.top + oy - self.top
            out[overlap.top : overlap.bottom, overlap.left : overlap.right] = self.values[
                sy : sy + overlap.height, sx : sx + overlap.width
            ]
        return out


Selection = Rect | Polygon | Raster


def rasterize(selection: Selection, origin: tuple[int, int], size: tuple[int, int]) -> np.ndarray:
    """A uint8 mask (255 inside) of `selection` on the pixel grid of the box at `origin`/`size`.

    A Rect and a Raster are exact. A Polygon takes the pixels whose centres are inside, as cv2's
    scan converter sees it with sub-pixel vertices: it may add one pixel along right and bottom
    edges.
    """
    import cv2

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
    if isinstance(selection, Raster):
        return np.where(selection.values_in(origin, size) > 0, 255, 0).astype(np.uint8)
    # cv2 puts integer coordinates at pixel centres; ours put them at pixel corners.
    scale = 1 << _SUBPIXEL_BITS
    points = np.array(
        [((x - ox - 0.5) * scale, (y - oy - 0.5) * scale) for x, y in selection.points]
    )
    cv2.fillPoly(mask, [np.round(points).astype(np.int32)], 255, cv2.LINE_8, _SUBPIXEL_BITS)
    return mask
