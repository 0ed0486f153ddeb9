from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter
from print_art import line_art

from fluxdesk.core.printing.align import align_to
from fluxdesk.core.printing.fit import (
    Alignment,
    Anchor,
    FitMode,
    PlacedRect,
    fit_rect,
    fit_to_page,
    pencils_rect,
    register_to_pencils,
)
from fluxdesk.core.printing.pages import PAGE_PRESETS, PageBox, Rect


def test_fit_keeps_the_whole_image_and_fill_covers_the_box() -> None:
    box = Rect(10, 20, 400, 600)
    assert fit_rect((200, 200), box) == PlacedRect(10, 120, 400, 400)
    assert fit_rect((200, 200), box, FitMode.fill) == PlacedRect(-90, 20, 600, 600)
    assert fit_rect((200, 200), box, anchor=Anchor.top) == PlacedRect(10, 20, 400, 400)
    assert fit_rect((200, 200), box, anchor=Anchor.bottom_right) == PlacedRect(10, 220, 400, 400)


def test_fit_to_page_draws_on_a_white_page_of_the_exact_size() -> None:
    guides = PAGE_PRESETS["a5"].guides_px(100, bleed=True)
    square = Image.new("L", (50, 50), 0)
    page = fit_to_page(square, guides, box=PageBox.trim)
    assert page.size == (guides.canvas.width, guides.canvas.height)
    ink = np.argwhere(np.asarray(page) < 128)
    (top, left), (bottom, right) = ink.min(axis=0), ink.max(axis=0) + 1
    assert (left, right) == (guides.trim.left, guides.trim.right)  # width fits the trim
    assert abs((top + bottom) / 2 - (guides.trim.top + guides.trim.bottom) / 2) <= 0.5


def test_a_result_is_registered_over_its_pencils_without_crop_or_shift() -> None:
    """Pencils scanned at 6:7 and a result at the model's 16-px grid: the result's frame is
    stretched onto the pencils' rect, so a mark at 25 %/75 % of the frame lands at 25 %/75 %
    of the pencils' place on the page."""
    guides = PAGE_PRESETS["b5"].guides_px(150)
    pencils_size = (1200, 1400)
    result = Image.new("L", (864, 1008), 255)  # 0.72× in x and y, rounded to 16
    ImageDraw.Draw(result).rectangle((212, 748, 220, 764), fill=0)  # around (25 %, 75 %)
    page = register_to_pencils(result, pencils_size, guides)
    rect = pencils_rect(pencils_size, guides)
    ink = np.argwhere(np.asarray(page) < 128)
    cy, cx = ink.mean(axis=0) + 0.5
    assert cx == pytest.approx(rect.left + rect.width * 216.5 / 864, abs=0.6)
    assert cy == pytest.approx(rect.top + rect.height * 756.5 / 1008, abs=0.6)


def test_pencils_with_a_known_dpi_sit_at_their_print_size() -> None:
    guides = PAGE_PRESETS["b5"].guides_px(600)
    rect = pencils_rect((1000, 1500), guides, pencils_dpi=300)
    assert (rect.width, rect.height) == (2000, 3000)
    assert rect.left + rect.width / 2 == pytest.approx(guides.trim.width / 2)


def test_alignment_moves_and_scales_about_the_centre() -> None:
    rect = PlacedRect(100, 200, 1000, 2000)
    moved = Alignment(dx=10, dy=-20, scale=1.1).apply(rect, (500, 1000))  # 2 canvas px each
    assert moved == PlacedRect(
        pytest.approx(100 - 50 + 20), pytest.approx(200 - 100 - 40), 1100, 2200
    )


def _pencils_and_result(shift: tuple[float, float], scale: float):
    """Pencils (thin grey lines) and an "inked" result at a model's ~1 MP size whose drawing
    needs moving by ``shift`` and scaling by ``scale`` (about the centre) to match them."""
    size = (1200, 1680)
    pencils = line_art(size, seed=3).point(lambda v: 255 - (255 - v) // 2)
    pencils = pencils.filter(ImageFilter.GaussianBlur(1))
    inked = line_art((size[0] * 2, size[1] * 2), seed=3, stroke=2)
    cx, cy = size  # the centre of the 2× drawing
    # result(p) = inked(c + scale·(p − c) + shift): content at p belongs there in the pencils.
    coefficients = (
        scale, 0, cx * (1 - scale) + 2 * shift[0],
        0, scale, cy * (1 - scale) + 2 * shift[1],
    )  # fmt: skip
    inked = inked.transform(inked.size, Image.Transform.AFFINE, coefficients, fillcolor=255)
    return pencils, inked.resize((832, 1168), Image.Resampling.LANCZOS)


@pytest.mark.parametrize(
    ("shift", "scale"), [((0.0, 0.0), 1.0), ((14.6, -9.3), 1.0), ((-8.0, 21.5), 1.035)]
)
def test_align_recovers_a_known_shift_and_scale(shift, scale) -> None:
    pencils, result = _pencils_and_result(shift, scale)
    found = align_to(pencils, result)
    assert found.dx == pytest.approx(shift[0], abs=1.0)
    assert found.dy == pytest.approx(shift[1], abs=1.0)
    assert found.scale == pytest.approx(scale, rel=0.005)
    assert found.confidence > 0.8


@pytest.mark.parametrize("other", ["blank", "noise", "another drawing"])
def test_align_reports_no_confidence_for_unrelated_images(other) -> None:
    image = {
        "blank": Image.new("L", (600, 800), 255),
        "noise": Image.effect_noise((600, 800), 60),
        "another drawing": line_art((600, 800), seed=9),
    }[other]
    found = align_to(line_art((600, 800), seed=3), image)
    assert found.confidence < 0.2
    if found.confidence == 0:
        assert (found.dx, found.dy, found.scale) == (0, 0, 1)


def test_an_alignment_from_align_to_puts_the_result_over_its_pencils() -> None:
    pencils, result = _pencils_and_result((18.0, -12.0), 1.03)
    guides = PAGE_PRESETS["b5"].guides_px(100)
    on_page = register_to_pencils(pencils, pencils.size, guides)
    corrected = register_to_pencils(
        result, pencils.size, guides, alignment=align_to(pencils, result)
    )
    uncorrected = register_to_pencils(result, pencils.size, guides)

    def overlap(page: Image.Image) -> float:
        a, b = np.asarray(on_page) < 200, np.asarray(page) < 128
        return float((a & b).sum() / (a | b).sum())

    # Pencil and ink lines differ in width, so even a perfect match overlaps ~0.6.
    assert overlap(corrected) > 0.5 > 0.25 > overlap(uncorrected)
