from __future__ import annotations

import pytest

from fluxdesk.core.printing.pages import PAGE_PRESETS, PageBox, Rect, Unit, custom_page


@pytest.mark.parametrize(
    ("key", "dpi", "bleed", "expected"),
    [
        ("b4", 600, False, (6071, 8598)),  # 257 × 364 mm: 6070.87, 8598.43
        ("b5", 600, False, (4299, 6071)),  # 182 × 257 mm
        ("b5", 600, True, (4441, 6213)),  # trim + 2 × round(3 mm = 70.87 px)
        ("a4", 350, False, (2894, 4093)),  # 2893.7, 4092.5
        ("a5", 600, False, (3496, 4961)),
        ("toukou", 600, False, (5197, 7323)),
        ("us-comic", 600, False, (3975, 6113)),  # 6.625 in, 10.1875 in (6112.5 rounds up)
        ("us-comic", 600, True, (4125, 6263)),  # + 2 × 0.125 in = 75 px
    ],
)
def test_pixel_size_is_the_physical_size_rounded_half_up(key, dpi, bleed, expected) -> None:
    assert PAGE_PRESETS[key].size_px(dpi, bleed=bleed) == expected


def test_guides_are_whole_pixels_with_trim_centred_in_bleed() -> None:
    guides = PAGE_PRESETS["toukou"].guides_px(600, bleed=True)
    assert guides.canvas == guides.bleed == Rect(0, 0, 5197 + 142, 7323 + 142)
    assert guides.trim == Rect(71, 71, 5197, 7323)
    # The 180 × 270 mm inner frame, centred in the trim.
    assert (guides.safe.width, guides.safe.height) == (4252, 6378)
    assert guides.safe.left - guides.trim.left == (5197 - 4252) // 2
    assert guides.box(PageBox.safe) == guides.safe


def test_without_bleed_the_canvas_is_the_trim_and_the_bleed_box_reaches_outside() -> None:
    guides = PAGE_PRESETS["b5"].guides_px(600)
    assert guides.canvas == guides.trim == Rect(0, 0, 4299, 6071)
    assert guides.bleed == Rect(-71, -71, 4441, 6213)


def test_physical_sizes_in_mm_and_points() -> None:
    comic = PAGE_PRESETS["us-comic"]
    assert comic.size_mm() == pytest.approx((168.275, 258.7625))
    assert comic.size_points(bleed=True) == pytest.approx((6.875 * 72, 10.4375 * 72))
    assert PAGE_PRESETS["b5"].size_points(bleed=True) == pytest.approx(
        (188 / 25.4 * 72, 263 / 25.4 * 72)
    )


def test_custom_pages_in_mm_and_inches_get_default_bleed_and_safe_area() -> None:
    page = custom_page(200, 300)
    assert (page.bleed, page.safe_width, page.safe_height) == (3.0, 190.0, 290.0)
    inches = custom_page(8, 10, Unit.inch)
    assert inches.bleed == 0.125
    assert inches.size_px(300) == (2400, 3000)
    with pytest.raises(ValueError):
        custom_page(8, 8, safe_margin=5)
