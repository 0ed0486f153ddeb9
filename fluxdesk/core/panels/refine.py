"""Full-resolution refinement of a rough panel outline: each edge is moved onto the frame line's
outer edge (a robust line fit through profile samples), and the line's thickness is measured.

Detection runs at ~1500 px, where one pixel is 3-6 page pixels; pasting must spare the frame
line exactly, so the final geometry comes from the full-resolution page. Only thin strips
along the edges are sampled (cv2.remap), so this costs milliseconds even on a 52 MP page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from fluxdesk.core.regions.geometry import Point, Polygon

_SAMPLES_PER_EDGE = 32
_MIN_FITTED_SHARE = 0.4  # of an edge's samples must find the frame, or the edge stays as it was
_MIN_AGREEING_RUNS = 0.5  # share of line-run samples that must agree for a frame line
_SNAP_PX = 0.5  # vertices this close to the page edge are on it


@dataclass(frozen=True, slots=True)
class Levels:
    """Grey levels of a page: its paper, its darkest ink, and where "ink" starts."""

    paper: float
    ink: float

    @property
    def threshold(self) -> float:
        """Where content starts: close to the paper, so tones and grey washes count."""
        return self.paper - 0.3 * (self.paper - self.ink)

    @property
    def line_threshold(self) -> float:
        """Where solid ink (a frame line) starts: darker than most washes and tones."""
        return self.ink + 0.4 * (self.paper - self.ink)

    @classmethod
    def measure(cls, gray: np.ndarray) -> Levels:
        """From a grayscale page (uint8), sampled on a ~1000 px grid. Paper is the commonest
        level near the light end: art bleeding off the page may cover more than the paper."""
        sample = gray[:: max(1, gray.shape[0] // 1024), :: max(1, gray.shape[1] // 1024)]
        counts = np.bincount(sample.ravel(), minlength=256)
        cumulative = np.cumsum(counts)
        light = max(0, int(np.searchsorted(cumulative, sample.size * 0.9)) - 40)
        paper = float(light + np.argmax(counts[light:]))
        ink = float(np.searchsorted(cumulative, sample.size * 0.002))
        return cls(paper, min(ink, paper - 64))


def refine_polygon(
    gray: np.ndarray, polygon: Polygon, levels: Levels, search_px: float, max_border_px: float
) -> tuple[Polygon, float]:
    """`polygon` (convex, roughly on the frame) snapped to the frame's outer edge, and the
    frame's thickness (0 when no consistent frame line is found: borderless art).

    Edges lying on the page edge are kept as they are. `search_px` bounds how far an edge may
    move; `gray` is the full-resolution page (uint8, H×W).
    """
    height, width = gray.shape
    points = polygon.points
    inward = 1.0 if polygon.signed_area > 0 else -1.0  # y points down: positive is clockwise
    lines: list[tuple[Point, Point]] = []
    runs: list[float] = []
    for index, start in enumerate(points):
        end = points[(index + 1) % len(points)]
        fitted = None
        if not _on_page_edge(start, end, width, height):
            fitted, edge_runs = _fit_edge(
                gray, start, end, inward, levels, search_px, max_border_px
            )
            runs.extend(edge_runs)
        lines.append(fitted or (start, end))  # unfitted edges keep their rough line
    refined = []
    for index, vertex in enumerate(points):
        corner = _intersect(lines[index - 1], lines[index])
        near = corner is not None and math.dist(corner, vertex) <= 3 * search_px
        x, y = corner if near and corner is not None else vertex
        refined.append((_snap(x, width), _snap(y, height)))
    return Polygon(tuple(refined)), _frame_thickness(runs, max_border_px)


def _frame_thickness(runs: list[float], max_border_px: float) -> float:
    """The typical solid-line run, if most runs agree on it (a frame line); else 0: art
    against the gutter gives runs of every length."""
    if not runs:
        return 0.0
    median = float(np.median(runs))
    if median > max_border_px:
        return 0.0
    agreeing = np.abs(np.array(runs) - median) <= max(1.5, 0.25 * median)
    return median if agreeing.mean() >= _MIN_AGREEING_RUNS else 0.0


def _fit_edge(
    gray: np.ndarray,
    start: Point,
    end: Point,
    inward: float,
    levels: Levels,
    search_px: float,
    max_border_px: float,
) -> tuple[tuple[Point, Point] | None, list[float]]:
    """A line through the outer edge of the frame along an edge, and frame thickness samples."""
    import cv2

    (x0, y0), (x1, y1) = start, end
    length = math.hypot(x1 - x0, y1 - y0)
    if length < 8:
        return None, []
    tx, ty = (x1 - x0) / length, (y1 - y0) / length
    nx, ny = -ty * inward, tx * inward  # unit normal pointing into the panel
    along = np.linspace(0.1, 0.9, _SAMPLES_PER_EDGE) * length
    across = np.arange(-search_px, search_px + max_border_px + 2, 1.0, dtype=np.float32)
    base_x = (x0 + tx * along)[:, None] - 0.5  # -0.5: cv2 samples at pixel centres
    base_y = (y0 + ty * along)[:, None] - 0.5
    map_x = (base_x + nx * across[None, :]).astype(np.float32)
    map_y = (base_y + ny * across[None, :]).astype(np.float32)
    profiles = cv2.remap(
        gray, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=255
    ).astype(np.float32)
    found: list[Point] = []
    runs: list[float] = []
    for row, profile in enumerate(profiles):
        hit = _outer_crossing(profile, across, levels, search_px)
        if hit is None:
            continue
        offset, run = hit
        found.append((x0 + tx * along[row] + nx * offset, y0 + ty * along[row] + ny * offset))
        runs.append(run)
    if len(found) < _MIN_FITTED_SHARE * _SAMPLES_PER_EDGE:
        return None, []
    vx, vy, px, py = cv2.fitLine(np.array(found, np.float32), cv2.DIST_HUBER, 0, 0.01, 0.01)
    line = ((float(px[0]), float(py[0])), (float(px[0] + vx[0]), float(py[0] + vy[0])))
    return line, runs


def _outer_crossing(
    profile: np.ndarray, across: np.ndarray, levels: Levels, search_px: float
) -> tuple[float, float] | None:
    """The paper→content crossing nearest the rough edge (sub-pixel), and the length of the
    solid line starting there (0 for tone or wash, infinite past the profile's end)."""
    content = profile < levels.threshold
    starts = np.flatnonzero(content[1:] & ~content[:-1]) + 1
    starts = starts[np.abs(across[starts]) <= search_px]
    if starts.size == 0:
        return None
    start = int(starts[np.argmin(np.abs(across[starts]))])
    offset = _crossing(profile, across, start, levels.threshold)
    # A frame line is solid ink: its run, measured at mid-grey, must reach the line level.
    middle = (levels.paper + levels.ink) / 2
    dark = profile < middle
    near = dark[start : start + 3]
    if not near.any():
        return offset, 0.0
    first = start + int(np.argmax(near))
    light = np.flatnonzero(~dark[first:])
    if light.size == 0:
        return offset, float("inf")
    stop = first + int(light[0])
    if profile[first:stop].min() >= levels.line_threshold:
        return offset, 0.0
    return offset, _crossing(profile, across, stop, middle) - _crossing(
        profile, across, first, middle
    )


def _snap(value: float, limit: int) -> float:
    """Inside ``[0, limit]``, and exactly on the page edge when within `_SNAP_PX` of it."""
    if value < _SNAP_PX:
        return 0.0
    if value > limit - _SNAP_PX:
        return float(limit)
    return value


def _crossing(profile: np.ndarray, across: np.ndarray, index: int, level: float) -> float:
    """Where the profile passes `level` between samples ``index - 1`` and `index`."""
    before, at = float(profile[index - 1]), float(profile[index])
    share = (before - level) / (before - at) if before != at else 0.0
    return float(across[index - 1] + share * (across[index] - across[index - 1]))


def _on_page_edge(start: Point, end: Point, width: int, height: int) -> bool:
    return any(
        abs(a - edge) < 0.5 and abs(b - edge) < 0.5
        for a, b, edge in (
            (start[0], end[0], 0),
            (start[0], end[0], width),
            (start[1], end[1], 0),
            (start[1], end[1], height),
        )
    )


def _intersect(first: tuple[Point, Point], second: tuple[Point, Point]) -> Point | None:
    (x1, y1), (x2, y2) = first
    (x3, y3), (x4, y4) = second
    denominator = (x1 - x2) * (y3 - y4) - (y1 - y2) * (x3 - x4)
    if abs(denominator) < 1e-9:
        return None
    a = x1 * y2 - y1 * x2
    b = x3 * y4 - y3 * x4
    return (
        (a * (x3 - x4) - (x1 - x2) * b) / denominator,
        (a * (y3 - y4) - (y1 - y2) * b) / denominator,
    )
