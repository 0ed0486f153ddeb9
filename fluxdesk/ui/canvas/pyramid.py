"""Tiled image pyramids: what the canvas paints.

A pyramid holds an image as QImage tiles at full resolution plus box-filtered half-size levels,
so any zoom paints only the visible tiles of a level close to screen resolution. Building one is
slow and runs on a loader thread (QImage only, never QPixmap); painting one is cheap.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterator
from dataclasses import dataclass

from PIL import Image
from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QImage

from fluxdesk.ui.qimage import pil_to_qimage

TILE_SIZE = 1024
PREVIEW_SIDE = 2048


@dataclass(frozen=True, slots=True, eq=False)
class Level:
    """One resolution of the image, cut into square tiles in row-major order."""

    width: int
    height: int
    tile_size: int
    tiles: tuple[QImage, ...]

    @property
    def columns(self) -> int:
        return max(1, math.ceil(self.width / self.tile_size))

    @property
    def rows(self) -> int:
        return max(1, math.ceil(self.height / self.tile_size))

    def tiles_in(self, area: QRectF) -> Iterator[tuple[QRect, QImage]]:
        """(rect in level pixels, tile) for every tile that meets `area` (level pixels)."""
        size = self.tile_size
        left = max(0, math.floor(area.left() / size))
        top = max(0, math.floor(area.top() / size))
        right = min(self.columns - 1, math.ceil(area.right() / size) - 1)
        bottom = min(self.rows - 1, math.ceil(area.bottom() / size) - 1)
        for row in range(top, bottom + 1):
            for column in range(left, right + 1):
                tile = self.tiles[row * self.columns + column]
                yield QRect(column * size, row * size, tile.width(), tile.height()), tile


@dataclass(frozen=True, slots=True, eq=False)
class Pyramid:
    """Levels from largest to smallest; each covers the whole image. `sharp` is False for a
    preview (its largest level is smaller than `full_size`)."""

    full_size: tuple[int, int]
    levels: tuple[Level, ...]
    sharp: bool

    @classmethod
    def single(cls, image: QImage, full_size: tuple[int, int] | None = None) -> Pyramid:
        """One untiled level: a preview (scaled up to `full_size`) or a small image."""
        size = full_size or (image.width(), image.height())
        level = Level(image.width(), image.height(), max(image.width(), image.height()), (image,))
        return cls(size, (level,), sharp=size == (image.width(), image.height()))

    def level_for(self, device_scale: float) -> Level:
        """The smallest level with at least one pixel per device pixel at `device_scale`
        (device pixels per full-resolution pixel), else the largest."""
        wanted = device_scale * self.full_size[0] * 0.999
        for level in reversed(self.levels):
            if level.width >= wanted:
                return level
        return self.levels[0]


def preview_factor(width: int, height: int, side: int = PREVIEW_SIDE) -> int:
    """The integer reduction that brings the long side to at most `side`."""
    return max(1, math.ceil(max(width, height) / side))


def make_preview(image: Image.Image, side: int = PREVIEW_SIDE) -> Image.Image:
    """A box-filtered reduction with long side <= `side` (cheap; Pillow releases the GIL)."""
    factor = preview_factor(*image.size, side=side)
    return image if factor == 1 else image.reduce(factor)


def _tile_level(image: Image.Image, tile_size: int, cancel: threading.Event | None) -> Level | None:
    width, height = image.size
    tiles: list[QImage] = []
    for top in range(0, height, tile_size):
        for left in range(0, width, tile_size):
            if cancel is not None and cancel.is_set():
                return None
            box = (left, top, min(width, left + tile_size), min(height, top + tile_size))
            tiles.append(pil_to_qimage(image.crop(box)))
    return Level(width, height, tile_size, tuple(tiles))


def build_pyramid(
    image: Image.Image,
    cancel: threading.Event | None = None,
    tile_size: int = TILE_SIZE,
) -> Pyramid | None:
    """Tiles and half-size levels down to one tile. Blocking; call from a worker thread.
    Returns None when `cancel` is set part-way."""
    levels: list[Level] = []
    current = image
    while True:
        level = _tile_level(current, tile_size, cancel)
        if level is None:
            return None
        levels.append(level)
        if max(current.size) <= tile_size:
            break
        current = current.reduce(2)  # box filter: thin lines fade instead of breaking up
    return Pyramid(image.size, tuple(levels), sharp=True)
