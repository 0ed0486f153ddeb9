"""Panel editing helpers: new lists every time, fresh ids, reading order kept sensible."""

from __future__ import annotations

import pytest

from fluxdesk.core.errors import InputError
from fluxdesk.core.panels import (
    Panel,
    ReadingDirection,
    add_panel,
    merge_panels,
    move_vertex,
    remove_panel,
    split_panel,
)
from fluxdesk.core.regions import Polygon, Rect


def box(panel_id: int, left: int, top: int, right: int, bottom: int, border: float = 4.0):
    return Panel(panel_id, Rect(left, top, right, bottom).to_polygon(), border)


@pytest.fixture
def page() -> list[Panel]:
    # Manga order: top-right, top-left, then the wide bottom panel.
    return [box(1, 520, 0, 1000, 500), box(2, 0, 0, 480, 500), box(3, 0, 540, 1000, 1000)]


def test_split_vertically_with_a_gutter(page) -> None:
    result = split_panel(page, 3, ((500, 500), (500, 1100)), gutter_px=40)
    assert [p.id for p in result] == [1, 2, 5, 4]  # right piece is read first in manga
    right, left = result[2], result[3]
    assert right.bbox == Rect(520, 540, 1000, 1000) and left.bbox == Rect(0, 540, 480, 1000)
    assert right.border_px == left.border_px == 4.0
    assert page[2].bbox == Rect(0, 540, 1000, 1000)  # the input list is untouched
    ltr = split_panel(page, 3, ((500, 500), (500, 1100)), direction=ReadingDirection.left_to_right)
    assert [p.bbox.left for p in ltr[2:]] == [0, 500]


def test_split_along_a_slant_keeps_area(page) -> None:
    result = split_panel(page, 1, ((500, 100), (1000, 400)))
    pieces = [p for p in result if p.id not in (2, 3)]
    assert len(pieces) == 2
    assert sum(p.polygon.area for p in pieces) == pytest.approx(480 * 500)


def test_split_line_missing_the_panel_is_refused(page) -> None:
    with pytest.raises(InputError):
        split_panel(page, 2, ((600, 0), (600, 500)))
    with pytest.raises(InputError):
        split_panel(page, 9, ((0, 0), (1, 1)))


def test_merge_takes_the_hull_at_the_first_place(page) -> None:
    result = merge_panels(page, [2, 1])
    assert [p.id for p in result] == [4, 3]
    assert result[0].bbox == Rect(0, 0, 1000, 500)
    with pytest.raises(InputError):
        merge_panels(page, [1])


def test_move_vertex_keeps_the_id(page) -> None:
    result = move_vertex(page, 2, 2, (470, 520))
    assert result[1].id == 2 and result[1].polygon.points[2] == (470.0, 520.0)
    assert result[0] is page[0]
    with pytest.raises(InputError):
        move_vertex(page, 2, 7, (0, 0))
    with pytest.raises(InputError):
        move_vertex(page, 2, 1, (0, 500))  # collapses the panel onto a line


def test_add_drawn_panel_lands_in_reading_order_and_keeps_manual_order(page) -> None:
    manual = [page[1], page[0], page[2]]  # the artist swapped the first two
    drawn = Polygon.of([(0, 1040), (1000, 1040), (1000, 1400), (0, 1400)])
    result = add_panel(manual, drawn)
    assert [p.id for p in result] == [2, 1, 3, 4]
    top = add_panel(page, Polygon.of([(0, -300), (1000, -300), (1000, -40), (0, -40)]))
    assert top[0].id == 4
    with pytest.raises(InputError):
        add_panel(page, Polygon.of([(0, 0), (10, 0), (20, 0)]))


def test_remove(page) -> None:
    assert [p.id for p in remove_panel(page, 1)] == [2, 3]
    with pytest.raises(InputError):
        remove_panel(page, 42)
