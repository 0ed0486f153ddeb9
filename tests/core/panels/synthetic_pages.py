"""Synthetic scanned manga pages with known panel frames, for detection and composition tests.

A page is a stack of tiers. A tier is a row of 1-3 panels, or a tall panel beside two stacked
ones. Gutters are 10-60 px, some slanted; frames 2-8 px; one panel per page (usually) is
borderless grey-washed art bleeding off the page edge. Inside: lines, circles, hatching, text.
Then slight blur, scan noise and grey paper. The truth is each panel's outer frame edge.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

Line = tuple[tuple[float, float], tuple[float, float]]
B5_300DPI = (2150, 3035)


@dataclass(frozen=True)
class SyntheticPage:
    image: Image.Image  # mode L
    polygons: list[list[tuple[float, float]]]  # true outer frame edges, page px
    borders: list[int]  # frame thickness per panel; 0 = borderless (bleeds off the page)
    order_rtl: list[int]  # indices into polygons, manga reading order
    order_ltr: list[int]


def make_page(seed: int, size: tuple[int, int] = B5_300DPI, *, bleed: bool = True) -> SyntheticPage:
    rng = np.random.default_rng(seed)
    width, height = size
    layout = _Layout(rng, width, height)
    layout.build()
    paper = int(rng.integers(222, 246))
    ink = int(rng.integers(15, 50))
    canvas = np.full((height, width), paper, np.uint8)
    borders = [int(rng.integers(2, 9)) for _ in layout.cells]
    bleed_index = layout.bleed_candidate() if bleed else None
    polygons = []
    for index, cell in enumerate(layout.cells):
        polygon = layout.polygon(cell, bleed=index == bleed_index)
        polygons.append(polygon)
        if index == bleed_index:
            borders[index] = 0
            _draw_bleed(canvas, polygon, rng, ink, paper)
        else:
            _draw_framed(canvas, polygon, borders[index], rng, ink, paper)
    # A page number in the margin: not a panel.
    cv2.putText(canvas, str(seed % 200 + 1), (width // 2, height - 40), 0, 1.2, ink, 2)
    image = _scan(canvas, rng)
    return SyntheticPage(
        Image.fromarray(image), polygons, borders, layout.order(rtl=True), layout.order(rtl=False)
    )


@dataclass(frozen=True)
class _Cell:
    top: Line
    bottom: Line
    left: Line
    right: Line
    tier: int
    column: int  # 0 = leftmost column of its tier
    row: int  # row inside a stacked column (0 otherwise)
    tall_side: str = ""  # "left"/"right" for a tall tier: which column is the tall panel


class _Layout:
    def __init__(self, rng: np.random.Generator, width: int, height: int) -> None:
        self.rng, self.width, self.height = rng, width, height
        self.cells: list[_Cell] = []
        mx, my = width * rng.uniform(0.06, 0.09), height * rng.uniform(0.05, 0.08)
        self.margins = (mx, my, width - mx, height - my)

    def build(self) -> None:
        rng = self.rng
        total = int(rng.integers(2, 8))
        tiers: list[int | str] = []  # panel count per tier, or "tall"
        left = total
        while left > 0:
            if left >= 3 and rng.random() < 0.25 and "tall" not in tiers:
                tiers.append("tall")
                left -= 3
            else:
                count = int(rng.integers(1, min(3, left) + 1))
                tiers.append(count)
                left -= count
        if len(tiers) > 4:  # too many thin tiers: merge into rows of three
            tiers = [3] * (total // 3) + ([total % 3] if total % 3 else [])
        weights = np.array([2.0 if t == "tall" else rng.uniform(0.7, 1.3) for t in tiers])
        _, my0, _, my1 = self.margins
        cuts = my0 + np.cumsum(weights / weights.sum()) * (my1 - my0)
        top: Line = ((0, my0), (self.width, my0))
        for index, tier in enumerate(tiers):
            if index == len(tiers) - 1:
                divider: Line = ((0, my1), (self.width, my1))
                bottom = divider
                next_top = divider
            else:
                divider = self._slanted_h(cuts[index])
                gap = self._gutter()
                bottom = _shift(divider, 0, -gap / 2)
                next_top = _shift(divider, 0, gap / 2)
            self._tier(index, tier, top, bottom)
            top = next_top

    def _gutter(self) -> float:
        return float(self.rng.integers(10, 61))

    def _slanted_h(self, y: float) -> Line:
        slant = (
            self.rng.uniform(25, 90) * self.rng.choice([-1, 1]) if self.rng.random() < 0.3 else 0
        )
        return ((0, y - slant / 2), (self.width, y + slant / 2))

    def _slanted_v(self, x: float, top: Line, bottom: Line) -> Line:
        y0, y1 = _y_at(top, x), _y_at(bottom, x)
        slant = (
            self.rng.uniform(30, 120) * self.rng.choice([-1, 1]) if self.rng.random() < 0.35 else 0
        )
        return ((x - slant / 2, y0), (x + slant / 2, y1))

    def _columns(self, count: int, top: Line, bottom: Line) -> list[tuple[Line, Line]]:
        mx0, _, mx1, _ = self.margins
        shares = self.rng.uniform(0.7, 1.3, count)
        xs = mx0 + np.cumsum(shares / shares.sum())[:-1] * (mx1 - mx0)
        sides = []
        for x in xs:
            divider = self._slanted_v(float(x), top, bottom)
            gap = self._gutter()
            sides.append((_shift(divider, -gap / 2, 0), _shift(divider, gap / 2, 0)))
        right_edge: Line = ((mx1, 0), (mx1, self.height))
        columns = []
        left: Line = ((mx0, 0), (mx0, self.height))
        for before, after in sides:
            columns.append((left, before))
            left = after
        columns.append((left, right_edge))
        return columns

    def _tier(self, index: int, tier: int | str, top: Line, bottom: Line) -> None:
        if tier != "tall":
            for column, (left, right) in enumerate(self._columns(int(tier), top, bottom)):
                self.cells.append(_Cell(top, bottom, left, right, index, column, 0))
            return
        side = "right" if self.rng.random() < 0.5 else "left"
        (l0, r0), (l1, r1) = self._columns(2, top, bottom)
        stacked = (l0, r0) if side == "right" else (l1, r1)
        column = 0 if side == "right" else 1
        middle = (_y_at(top, 0) + _y_at(bottom, 0)) / 2
        divider = self._slanted_h(middle)
        gap = self._gutter()
        tall = (l1, r1) if side == "right" else (l0, r0)
        self.cells.append(_Cell(top, bottom, *tall, index, 1 - column, 0, side))
        self.cells.append(
            _Cell(top, _shift(divider, 0, -gap / 2), *stacked, index, column, 0, side)
        )
        self.cells.append(
            _Cell(_shift(divider, 0, gap / 2), bottom, *stacked, index, column, 1, side)
        )

    def bleed_candidate(self) -> int:
        """A panel on the top tier or at a tier's end, so it can bleed off the page."""
        edge_cells = [
            i for i, c in enumerate(self.cells) if c.tier == 0 or c.column == 0 or self._last(c)
        ]
        return int(self.rng.choice(edge_cells))

    def _last(self, cell: _Cell) -> bool:
        return cell.column == max(c.column for c in self.cells if c.tier == cell.tier)

    def polygon(self, cell: _Cell, *, bleed: bool) -> list[tuple[float, float]]:
        top, bottom, left, right = cell.top, cell.bottom, cell.left, cell.right
        if bleed:  # sides on the page margin move out to the page edge
            if cell.tier == 0 and cell.row == 0:
                top = ((0, 0), (self.width, 0))
            if cell.tier == max(c.tier for c in self.cells) and (
                cell.row == 1 or not cell.tall_side or self._is_tall(cell)
            ):
                bottom = ((0, self.height), (self.width, self.height))
            if cell.column == 0:
                left = ((0, 0), (0, self.height))
            if self._last(cell):
                right = ((self.width, 0), (self.width, self.height))
        corners = [
            _cross(top, left),
            _cross(top, right),
            _cross(bottom, right),
            _cross(bottom, left),
        ]
        return [(float(x), float(y)) for x, y in corners]

    def _is_tall(self, cell: _Cell) -> bool:
        return bool(cell.tall_side) and cell.column == (1 if cell.tall_side == "right" else 0)

    def order(self, *, rtl: bool) -> list[int]:
        def key(index: int) -> tuple[int, int, int]:
            cell = self.cells[index]
            column = -cell.column if rtl else cell.column
            return cell.tier, column, cell.row

        return sorted(range(len(self.cells)), key=key)


def _draw_framed(canvas, polygon, border: int, rng, ink: int, paper: int) -> None:
    mask, (x0, y0) = _local_mask(polygon, canvas.shape)
    padded = cv2.copyMakeBorder(mask, 1, 1, 1, 1, cv2.BORDER_CONSTANT, value=0)
    inner = cv2.distanceTransform(padded, cv2.DIST_L2, 5)[1:-1, 1:-1] > border
    art = np.full(mask.shape, paper, np.uint8)
    _scribble(art, rng, ink)
    region = canvas[y0 : y0 + mask.shape[0], x0 : x0 + mask.shape[1]]
    region[(mask > 0) & ~inner] = ink
    region[inner] = art[inner]


def _draw_bleed(canvas, polygon, rng, ink: int, paper: int) -> None:
    mask, (x0, y0) = _local_mask(polygon, canvas.shape)
    art = np.full(mask.shape, int(rng.integers(110, 170)), np.uint8)  # a grey wash
    _scribble(art, rng, ink)
    region = canvas[y0 : y0 + mask.shape[0], x0 : x0 + mask.shape[1]]
    region[mask > 0] = art[mask > 0]


def _local_mask(polygon, shape) -> tuple[np.ndarray, tuple[int, int]]:
    points = np.array(polygon)
    x0, y0 = np.floor(points.min(axis=0)).astype(int).clip(0)
    x1 = min(shape[1], int(np.ceil(points[:, 0].max())))
    y1 = min(shape[0], int(np.ceil(points[:, 1].max())))
    mask = np.zeros((y1 - y0, x1 - x0), np.uint8)
    local = np.round((points - (x0 + 0.5, y0 + 0.5)) * 16).astype(np.int32)
    cv2.fillPoly(mask, [local], 255, cv2.LINE_8, 4)
    return mask, (int(x0), int(y0))


def _scribble(art: np.ndarray, rng: np.random.Generator, ink: int) -> None:
    """Random 'art': strokes, circles (heads, eyes), hatching and a line of text."""
    h, w = art.shape

    def point() -> tuple[int, int]:
        return int(rng.integers(0, w)), int(rng.integers(0, h))

    for _ in range(int(rng.integers(3, 9))):
        cv2.line(art, point(), point(), ink, int(rng.integers(1, 5)), cv2.LINE_AA)
    for _ in range(int(rng.integers(1, 5))):
        radius = int(rng.integers(10, max(11, min(w, h) // 4)))
        cv2.circle(art, point(), radius, ink, int(rng.integers(1, 4)), cv2.LINE_AA)
    x, y = point()
    size, step = int(rng.integers(60, 240)), int(rng.integers(5, 12))
    for offset in range(0, size, step):
        cv2.line(art, (x + offset, y), (x + offset - size // 3, y + size), ink, 1, cv2.LINE_AA)
    cv2.putText(art, "DOKI", point(), cv2.FONT_HERSHEY_SIMPLEX, 1.5, ink, 3, cv2.LINE_AA)


def _scan(canvas: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    soft = cv2.GaussianBlur(canvas, (3, 3), 0.7)
    noise = rng.standard_normal(canvas.shape, dtype=np.float32) * rng.uniform(2, 6)
    return np.clip(soft + noise, 0, 255).astype(np.uint8)


def _shift(line: Line, dx: float, dy: float) -> Line:
    (x0, y0), (x1, y1) = line
    return (x0 + dx, y0 + dy), (x1 + dx, y1 + dy)


def _y_at(line: Line, x: float) -> float:
    (x0, y0), (x1, y1) = line
    return y0 + (y1 - y0) * (x - x0) / (x1 - x0)


def _cross(first: Line, second: Line) -> tuple[float, float]:
    (x1, y1), (x2, y2) = first
    (x3, y3), (x4, y4) = second
    d = (x1 - x2) * (y3 - y4) - (y1 - y2) * (x3 - x4)
    a, b = x1 * y2 - y1 * x2, x3 * y4 - y3 * x4
    return (a * (x3 - x4) - (x1 - x2) * b) / d, (a * (y3 - y4) - (y1 - y2) * b) / d
