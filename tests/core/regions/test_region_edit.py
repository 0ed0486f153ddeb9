"""Region edits: untouched outside the selection (bit for bit), result inside, registered."""

from __future__ import annotations

import hashlib
import time

import numpy as np
import pytest
from PIL import Image, ImageOps

from fluxdesk.core.errors import InputError
from fluxdesk.core.regions import (
    Polygon,
    Rect,
    crop_for_model,
    paste_back,
    plan_region,
    rasterize,
    working_size,
)

RNG_SEED = 1234


def noise_page(size: tuple[int, int], mode: str) -> Image.Image:
    rng = np.random.default_rng(RNG_SEED)
    shape = (size[1], size[0], 3) if mode == "RGB" else (size[1], size[0])
    return Image.fromarray(rng.integers(0, 256, shape, dtype=np.uint8), mode)


def fake_model(sent: Image.Image, size: tuple[int, int] | None = None) -> Image.Image:
    """A 'model' that inverts the picture and answers at its own size."""
    return ImageOps.invert(sent).resize(size or sent.size, Image.Resampling.BICUBIC)


def check_paste(page: Image.Image, out: Image.Image, result: Image.Image, plan, feather: float):
    before, after = np.asarray(page), np.asarray(out)
    crop = plan.crop
    inside = np.zeros(before.shape[:2], bool)
    inside[crop.top : crop.bottom, crop.left : crop.right] = np.asarray(plan.selection_mask()) > 0
    assert np.array_equal(before[~inside], after[~inside]), "pixels outside the selection changed"
    # Deep inside (past the feather), the page holds exactly the fitted result.
    fitted = np.asarray(result.convert(page.mode).resize(crop.size, Image.Resampling.LANCZOS))
    full = np.asarray(plan.paste_alpha(feather)) == 255
    region = after[crop.top : crop.bottom, crop.left : crop.right]
    assert full.any()
    assert np.array_equal(region[full], fitted[full])


@pytest.mark.parametrize("mode", ["L", "RGB"])
def test_rect_edit_changes_only_the_selection(mode: str) -> None:
    page = noise_page((1600, 1200), mode)
    digest = hashlib.sha256(page.tobytes()).hexdigest()
    plan = plan_region(page.size, Rect(400, 300, 900, 800), margin_px=48)
    assert plan.crop == Rect(352, 252, 948, 848)
    sent = crop_for_model(page, plan)
    assert sent.size == plan.send_size and sent.mode == mode
    result = fake_model(sent, (sent.width - 48, sent.height + 32))  # a different size back
    out = paste_back(page, result, plan, feather_px=6)
    check_paste(page, out, result, plan, 6)
    assert hashlib.sha256(page.tobytes()).hexdigest() == digest, "input page was modified"


@pytest.mark.parametrize("mode", ["L", "RGB"])
def test_lasso_edit_changes_only_the_selection(mode: str) -> None:
    page = noise_page((1500, 2000), mode)
    lasso = Polygon.of([(300, 400), (1100, 350), (1250, 900), (800, 1500), (350, 1200), (600, 800)])
    plan = plan_region(page.size, lasso, margin_px=64)
    result = fake_model(crop_for_model(page, plan))
    out = paste_back(page, result, plan, feather_px=10)
    check_paste(page, out, result, plan, 10)


def test_feather_ramps_inward_and_stops_at_the_edge() -> None:
    plan = plan_region((1000, 1000), Rect(200, 200, 600, 600), margin_px=40)
    alpha = np.asarray(plan.paste_alpha(9))
    row = alpha[200 - plan.crop.top + 200, :]  # through the middle of the selection
    start = 200 - plan.crop.left
    assert (row[:start] == 0).all()
    assert 0 < row[start] < row[start + 5] < 255
    assert row[start + 10] == 255


@pytest.mark.parametrize(
    "selection",
    [
        Rect(0, 0, 300, 250),  # top-left corner
        Rect(1350, 700, 1400, 1000),  # right edge
        Rect(-50, 900, 400, 1100),  # partly off the page
        Polygon.of([(1000, 800), (1500, 1100), (1500, 800)]),  # past the bottom-right
    ],
)
def test_selections_at_page_edges(selection) -> None:
    page = noise_page((1400, 1000), "L")
    plan = plan_region(page.size, selection, margin_px=64)
    crop = plan.crop
    assert 0 <= crop.left < crop.right <= 1400 and 0 <= crop.top < crop.bottom <= 1000
    result = fake_model(crop_for_model(page, plan))
    out = paste_back(page, result, plan, feather_px=8)
    check_paste(page, out, result, plan, 8)
    # No seam against the page edge: selected pixels on the edge take the result fully.
    alpha = np.asarray(plan.paste_alpha(8))
    inside = np.asarray(plan.selection_mask()) > 0
    if crop.left == 0 and inside[:, 0].any():
        assert alpha[inside[:, 0], 0].max() == 255


def test_grid_stays_registered_within_one_pixel() -> None:
    """Grid lines go crop → resize → model (identity, other size) → paste and land in place."""
    width, height = 3000, 2400
    lines = list(range(53, width, 97))
    grid = np.full((height, width), 255, np.uint8)
    for x in lines:
        grid[:, x : x + 2] = 0
        if x < height:
            grid[x : x + 2, :] = 0
    page = Image.fromarray(grid)
    selection = Rect(700, 500, 2100, 1800)
    plan = plan_region(page.size, selection, margin_px=64)
    sent = crop_for_model(page, plan)
    result = sent.resize((sent.width + 64, sent.height - 32), Image.Resampling.BICUBIC)
    out = np.asarray(paste_back(Image.new("L", page.size, 255), result, plan, 0), np.float64)
    darkness = 255 - out[600:1700, :]
    profile_x = darkness.sum(axis=0)
    profile_y = (255 - out[:, 800:2000]).sum(axis=1)
    errors = []
    for x in lines:
        for profile, lo, hi in ((profile_x, 720, 2080), (profile_y, 520, 1780)):
            if lo < x < hi:
                window = np.arange(x - 6, x + 8)
                weights = profile[window]
                centre = float((weights * (window + 0.5)).sum() / weights.sum())
                errors.append(abs(centre - (x + 1)))  # the line covers [x, x + 2)
    assert len(errors) > 20
    assert max(errors) <= 1.0, f"misregistered by up to {max(errors):.2f} px"


def test_working_size_is_near_one_megapixel_in_multiples_of_32() -> None:
    for width, height in [(6071, 8598), (1000, 1000), (300, 200), (4000, 1800)]:
        send_w, send_h = working_size(width, height)
        assert send_w % 32 == 0 and send_h % 32 == 0
        assert 0.9e6 < send_w * send_h < 1.15e6
        assert abs(send_w / send_h - width / height) / (width / height) < 0.04


def test_thin_selection_gets_more_context_not_a_squashed_send() -> None:
    plan = plan_region((6000, 8000), Rect(1000, 4000, 5000, 4100), margin_px=10)
    assert plan.crop.width / plan.crop.height <= 21 / 9 + 0.01
    assert plan.crop.left == 990 and plan.crop.right == 5010
    assert abs(plan.scale_x - plan.scale_y) / plan.scale_x < 0.05


def test_plan_maps_points_both_ways() -> None:
    plan = plan_region((5000, 7000), Rect(1200, 2000, 2400, 3500), margin_px=100)
    for point in [(1100.0, 1900.0), (1800.5, 2750.25), (2500.0, 3600.0)]:
        back = plan.to_page(plan.to_send(point))
        assert back == pytest.approx(point)
    assert plan.to_send((1100.0, 1900.0)) == (0.0, 0.0)


def test_bad_requests_are_input_errors() -> None:
    page = noise_page((800, 600), "L")
    with pytest.raises(InputError):
        plan_region(page.size, Rect(900, 700, 1000, 800))
    with pytest.raises(InputError):
        Polygon.of([(0, 0), (10, 10)])
    with pytest.raises(InputError):
        plan_region(page.size, Polygon.of([(0, 0), (10, 10), (20, 20)]))  # no area
    plan = plan_region(page.size, Rect(10, 10, 200, 200))
    with pytest.raises(InputError):
        crop_for_model(noise_page((801, 600), "L"), plan)
    with pytest.raises(InputError):
        paste_back(page.convert("1"), page, plan)


def test_rasterize_rect_is_exact_and_polygon_within_a_pixel_of_it() -> None:
    rect = Rect(10, 20, 50, 45)
    exact = rasterize(rect, (5, 5), (60, 60)) > 0
    assert exact.sum() == 40 * 25 and exact[15, 5] and not exact[15, 4]
    scanned = rasterize(rect.to_polygon(), (5, 5), (60, 60)) > 0
    assert (scanned >= exact).all()
    assert (scanned & ~exact).sum() <= 40 + 25 + 1  # at most one more column and row


def test_fifty_megapixel_page_stays_fast() -> None:
    """Crop and paste touch only the region: a 52 MP B4 scan takes well under a second each."""
    page = Image.new("L", (6071, 8598), 235)
    plan = plan_region(page.size, Rect(2000, 3000, 3200, 4400), margin_px=64)
    start = time.perf_counter()
    sent = crop_for_model(page, plan)
    crop_s = time.perf_counter() - start
    start = time.perf_counter()
    paste_back(page, ImageOps.invert(sent), plan, feather_px=8)
    paste_s = time.perf_counter() - start
    assert crop_s < 1.0 and paste_s < 2.0, (crop_s, paste_s)
