"""Finds the panels on a scanned manga or comic page.

How: at ~1500 px on the long side, everything lighter than the paper threshold and connected
to the page border is the gutter network (margins and gutters, slanted or not). Whatever is
left, in pieces, are the panels: framed ones (the frame closes them off) and borderless art
that bleeds off the page (its tones and lines close it off from the gutters). Each piece's
convex hull is simplified to a quadrilateral where one fits, then every edge is refined at
full resolution onto the frame line's outer edge (``refine``), which also gives the frame's
thickness for pasting.

OpenCV does the pixel work (connected components, contours, hulls, Douglas-Peucker, robust
line fits, convex intersections): fast C++ routines that would be slow and fiddly by hand.

Limits: a balloon or figure that crosses a gutter joins the two panels (split it with
``edit.split_panel``); non-convex panels come out as their hull.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from fluxdesk.core.errors import InputError
from fluxdesk.core.panels.model import Panel, ReadingDirection, order_panels
from fluxdesk.core.panels.refine import Levels, refine_polygon
from fluxdesk.core.regions.geometry import Polygon

WORK_LONG_SIDE = 1500
MIN_PANEL_SHARE = 0.004  # of the page's area: page numbers and stray marks are smaller
# Threshold between paper and ink at the working size, as a share of their contrast: low, so a
# thin frame line averaged down to a light grey still closes its panel.
_COARSE_CONTRAST = 0.12
_SIMPLIFY_STEPS = (0.004, 0.008, 0.015, 0.03)  # Douglas-Peucker tolerances, × perimeter
_MIN_HULL_COVER = 0.985  # a simpler outline must keep this share of the hull's area
_MAX_NESTED_SHARE = 0.5  # a piece mostly inside a bigger panel is art, not a panel


def detect_panels(
    page: Image.Image,
    direction: ReadingDirection = ReadingDirection.right_to_left,
    *,
    work_long_side: int = WORK_LONG_SIDE,
    min_panel_share: float = MIN_PANEL_SHARE,
) -> list[Panel]:
    """The page's panels in reading order, ids numbered 1.. in that order.

    Blocking; call from a worker thread (about 0.1 s for a 26 MP page).
    """
    if page.width < 16 or page.height < 16:
        raise InputError("The page is too small to find panels on.")
    gray = page if page.mode == "L" else page.convert("L")
    full = np.asarray(gray)
    levels = Levels.measure(full)
    scale = min(1.0, work_long_side / max(page.size))
    small_size = (max(1, round(page.width * scale)), max(1, round(page.height * scale)))
    small = np.asarray(gray.resize(small_size, Image.Resampling.BOX))
    sx, sy = page.width / small_size[0], page.height / small_size[1]  # page px per small px
    ink = small < levels.paper - _COARSE_CONTRAST * (levels.paper - levels.ink)
    min_area = min_panel_share * small.size
    search = 1.5 * max(sx, sy) + 2
    max_border = max(8.0, 0.004 * max(page.size))  # ~0.6 mm at 600 dpi
    found: list[tuple[Polygon, float]] = []
    for outline in _piece_outlines(ink, min_area):
        rough = _to_page(outline, sx, sy, page.size)
        found.append(refine_polygon(full, rough, levels, search, max_border))
    kept = _drop_nested(found)
    ordered = order_panels([Panel(0, polygon, border) for polygon, border in kept], direction)
    return [Panel(number, p.polygon, p.border_px) for number, p in enumerate(ordered, start=1)]


def _piece_outlines(ink: np.ndarray, min_area: float) -> list[np.ndarray]:
    """Simplified convex outlines (small px) of every non-gutter piece of at least `min_area`."""
    import cv2

    paper = (~ink).astype(np.uint8)
    # 4-connectivity: a one-pixel diagonal frame line must not let the gutters leak in.
    _, labels = cv2.connectedComponents(paper, connectivity=4)
    border_labels = np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]]))
    gutters = np.isin(labels, border_labels[border_labels > 0])
    pieces = np.where(gutters, 0, 255).astype(np.uint8)
    contours, _ = cv2.findContours(pieces, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    outlines = []
    for contour in contours:
        hull = cv2.convexHull(contour)
        if cv2.contourArea(hull) >= min_area:
            outlines.append(_simplify(hull))
    return outlines


def _simplify(hull: np.ndarray) -> np.ndarray:
    """The fewest-vertex Douglas-Peucker outline that still covers the hull."""
    import cv2

    area = cv2.contourArea(hull)
    perimeter = cv2.arcLength(hull, True)
    best = hull
    for step in _SIMPLIFY_STEPS:
        approx = cv2.approxPolyDP(hull, step * perimeter, True)
        if len(approx) >= 3 and cv2.contourArea(approx) >= _MIN_HULL_COVER * area:
            best = approx
    return best.reshape(-1, 2)


def _to_page(outline: np.ndarray, sx: float, sy: float, size: tuple[int, int]) -> Polygon:
    """Small-image pixel centres → page px; vertices within a small pixel of the page edge
    snap onto it (art that bleeds off)."""
    width, height = size
    points = []
    for x, y in outline:
        px, py = (float(x) + 0.5) * sx, (float(y) + 0.5) * sy
        px = 0.0 if px < 1.5 * sx else float(width) if px > width - 1.5 * sx else px
        py = 0.0 if py < 1.5 * sy else float(height) if py > height - 1.5 * sy else py
        points.append((px, py))
    return Polygon(tuple(points))


def _drop_nested(found: list[tuple[Polygon, float]]) -> list[tuple[Polygon, float]]:
    """Drops pieces lying mostly inside a bigger panel (art cut off by a broken frame)."""
    import cv2

    shapes = [np.array(polygon.points, np.float32) for polygon, _ in found]
    areas = [polygon.area for polygon, _ in found]
    kept = []
    for index, item in enumerate(found):
        nested = any(
            areas[other] > areas[index]
            and cv2.intersectConvexConvex(shapes[index], shapes[other])[0]
            > _MAX_NESTED_SHARE * areas[index]
            for other in range(len(found))
        )
        if not nested:
            kept.append(item)
    return kept
