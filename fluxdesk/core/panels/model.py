"""Panels as values, and the order a reader visits them in.

A page's panels are a ``list[Panel]`` in reading order: the list order *is* the reading order,
so the GUI can number them by index, and an artist's manual reordering is just a new list.
Pure functions; safe on any thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from fluxdesk.core.regions.geometry import Polygon, Rect

# Share of a panel's box ignored at each side when cutting a page into rows and columns, so
# slanted gutters (whose boxes overlap a little) still separate.
_CORE_SHRINK = 0.2


class ReadingDirection(StrEnum):
    right_to_left = "right_to_left"  # manga
    left_to_right = "left_to_right"  # western comics


@dataclass(frozen=True, slots=True)
class Panel:
    """One panel: its outline in page px (the frame line's outer edge; the page edge where art
    bleeds off), and the frame line's thickness (0 for borderless art).

    ``id`` is stable across edits of other panels, so results can stay keyed by it.
    """

    id: int
    polygon: Polygon
    border_px: float = 0.0

    @property
    def bbox(self) -> Rect:
        return self.polygon.bbox


def order_panels(
    panels: Sequence[Panel], direction: ReadingDirection = ReadingDirection.right_to_left
) -> list[Panel]:
    """`panels` in reading order: tiers top to bottom, and across each tier right to left
    (manga) or left to right.

    A recursive X-Y cut: split the page into rows where no panel straddles a horizontal line,
    else into columns, and recurse. A tall panel beside a stack is one column and its
    neighbours another, which is how readers take that layout.
    """
    cores = [_core(panel.bbox) for panel in panels]
    order = _xy_cut(list(range(len(panels))), cores, direction)
    return [panels[index] for index in order]


def _core(box: Rect) -> tuple[float, float, float, float]:
    dx, dy = box.width * _CORE_SHRINK, box.height * _CORE_SHRINK
    return box.left + dx, box.top + dy, box.right - dx, box.bottom - dy


def _xy_cut(
    indices: list[int],
    cores: list[tuple[float, float, float, float]],
    direction: ReadingDirection,
) -> list[int]:
    if len(indices) <= 1:
        return indices
    rows = _bands(indices, cores, axis=1)
    if len(rows) > 1:
        return [i for row in rows for i in _xy_cut(row, cores, direction)]
    columns = _bands(indices, cores, axis=0)
    if direction is ReadingDirection.right_to_left:
        columns.reverse()
    if len(columns) > 1:
        return [i for column in columns for i in _xy_cut(column, cores, direction)]
    # No clean cut (overlapping cores): fall back to top first, then across.
    sign = -1 if direction is ReadingDirection.right_to_left else 1
    return sorted(indices, key=lambda i: (cores[i][1], sign * cores[i][0]))


def _bands(
    indices: list[int], cores: list[tuple[float, float, float, float]], axis: int
) -> list[list[int]]:
    """Groups whose extents along `axis` (0 = x, 1 = y) overlap, in increasing order."""
    ordered = sorted(indices, key=lambda i: cores[i][axis])
    bands: list[list[int]] = []
    end = float("-inf")
    for index in ordered:
        start, stop = cores[index][axis], cores[index][axis + 2]
        if bands and start < end:
            bands[-1].append(index)
            end = max(end, stop)
        else:
            bands.append([index])
            end = stop
    return bands
