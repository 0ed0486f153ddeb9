"""Edits the GUI makes to a page's panels: split by a line, merge, move a vertex, add a drawn
shape, remove. Each takes the current list (in reading order) and returns a new one; nothing
is modified in place. New panels get fresh ids, so results keyed by the other ids stay valid.
Pure and fast; safe on the GUI thread.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np

from fluxdesk.core.errors import InputError
from fluxdesk.core.messages import Message
from fluxdesk.core.panels.model import Panel, ReadingDirection, order_panels
from fluxdesk.core.regions.geometry import Point, Polygon

_MIN_AREA = 16.0  # px²: smaller pieces are slips of the pen


def split_panel(
    panels: Sequence[Panel],
    panel_id: int,
    line: tuple[Point, Point],
    gutter_px: float = 0.0,
    direction: ReadingDirection = ReadingDirection.right_to_left,
) -> list[Panel]:
    """Cuts a panel in two along the infinite line through `line`'s points, leaving a gutter of
    `gutter_px` between the pieces. The pieces take the panel's place, in reading order."""
    panel = _find(panels, panel_id)
    (x0, y0), (x1, y1) = line
    length = math.hypot(x1 - x0, y1 - y0)
    if length < 1:
        raise InputError("Draw a longer line to split the panel.")
    normal = ((y0 - y1) / length, (x1 - x0) / length)
    offset = normal[0] * x0 + normal[1] * y0
    half = max(0.0, gutter_px) / 2
    pieces = [
        _clip(panel.polygon.points, normal, offset + half),
        _clip(panel.polygon.points, (-normal[0], -normal[1]), -offset + half),
    ]
    if any(piece is None for piece in pieces):
        raise InputError("The line does not cross the panel; draw it across.")
    first = _next_id(panels)
    new = [
        Panel(first + n, piece, panel.border_px)
        for n, piece in enumerate(piece for piece in pieces if piece is not None)
    ]
    return _replace(panels, [panel_id], order_panels(new, direction))


def merge_panels(panels: Sequence[Panel], panel_ids: Iterable[int]) -> list[Panel]:
    """One panel covering the given ones (their convex hull), at the first one's place."""
    import cv2

    ids = list(dict.fromkeys(panel_ids))
    if len(ids) < 2:
        raise InputError("Pick at least two panels to merge.")
    chosen = [_find(panels, panel_id) for panel_id in ids]
    points = np.array([point for panel in chosen for point in panel.polygon.points], np.float32)
    hull = cv2.convexHull(points).reshape(-1, 2)
    merged = Panel(_next_id(panels), Polygon.of(hull.tolist()), max(p.border_px for p in chosen))
    return _replace(panels, ids, [merged])


def move_vertex(panels: Sequence[Panel], panel_id: int, index: int, to: Point) -> list[Panel]:
    """The panel with vertex `index` moved to `to` (same id: it is the same panel)."""
    panel = _find(panels, panel_id)
    points = list(panel.polygon.points)
    if not 0 <= index < len(points):
        raise InputError("That corner is not part of the panel.")
    points[index] = (float(to[0]), float(to[1]))
    polygon = Polygon(tuple(points))
    if polygon.area < _MIN_AREA:
        raise InputError("That would leave the panel with no area.")
    return [Panel(p.id, polygon, p.border_px) if p.id == panel_id else p for p in panels]


def add_panel(
    panels: Sequence[Panel],
    polygon: Polygon,
    border_px: float = 0.0,
    direction: ReadingDirection = ReadingDirection.right_to_left,
) -> list[Panel]:
    """A drawn panel, inserted where reading order puts it among the others (which keep the
    order the artist may have given them)."""
    if polygon.area < _MIN_AREA:
        raise InputError("The drawn panel has no area; draw a larger shape.")
    new = Panel(_next_id(panels), polygon, max(0.0, border_px))
    ordered = order_panels([*panels, new], direction)
    position = ordered.index(new)
    if position == 0:
        return [new, *panels]
    before = ordered[position - 1]
    at = next(i for i, panel in enumerate(panels) if panel.id == before.id) + 1
    return [*panels[:at], new, *panels[at:]]


def remove_panel(panels: Sequence[Panel], panel_id: int) -> list[Panel]:
    _find(panels, panel_id)
    return [panel for panel in panels if panel.id != panel_id]


def _find(panels: Sequence[Panel], panel_id: int) -> Panel:
    for panel in panels:
        if panel.id == panel_id:
            return panel
    raise InputError(Message("Panel {panel} is not on this page.", panel=panel_id))


def _next_id(panels: Sequence[Panel]) -> int:
    return max((panel.id for panel in panels), default=0) + 1


def _replace(panels: Sequence[Panel], old_ids: list[int], new: list[Panel]) -> list[Panel]:
    """`panels` without `old_ids`, with `new` where the first of them stood."""
    at = min(i for i, panel in enumerate(panels) if panel.id in old_ids)
    kept = [panel for panel in panels if panel.id not in old_ids]
    return [*kept[:at], *new, *kept[at:]]


def _clip(points: tuple[Point, ...], normal: Point, offset: float) -> Polygon | None:
    """The part of a polygon where ``normal · p >= offset`` (Sutherland-Hodgman, one plane)."""
    out: list[Point] = []
    for start, end in zip(points, (*points[1:], points[0]), strict=True):
        a = normal[0] * start[0] + normal[1] * start[1] - offset
        b = normal[0] * end[0] + normal[1] * end[1] - offset
        if a >= 0:
            out.append(start)
        if (a >= 0) != (b >= 0):
            t = a / (a - b)
            out.append((start[0] + t * (end[0] - start[0]), start[1] + t * (end[1] - start[1])))
    if len(out) < 3 or Polygon(tuple(out)).area < _MIN_AREA:
        return None
    return Polygon(tuple(out))
