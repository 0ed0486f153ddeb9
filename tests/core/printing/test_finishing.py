from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw
from print_art import line_art

from fluxdesk.core.printing.finishing import (
    ColorMode,
    FinishSettings,
    finish,
    grey_mask,
    otsu_threshold,
)


def test_otsu_splits_ink_from_paper() -> None:
    page = Image.new("L", (100, 100), 230)
    page.paste(40, (0, 0, 50, 100))
    threshold = otsu_threshold(page)
    assert 40 < threshold <= 230
    assert otsu_threshold(Image.new("L", (10, 10), 255)) == 128


def test_mono_is_one_bit_and_the_manual_threshold_decides() -> None:
    page = Image.new("L", (30, 10), 255)
    page.paste(100, (0, 0, 10, 10))
    page.paste(160, (10, 0, 20, 10))
    low = finish(page, FinishSettings(threshold=128))
    high = finish(page, FinishSettings(threshold=200))
    assert low.mode == high.mode == "1"
    assert (low.getpixel((5, 5)), low.getpixel((15, 5))) == (0, 255)
    assert (high.getpixel((5, 5)), high.getpixel((15, 5))) == (0, 0)


def test_despeckle_removes_specks_under_n_pixels_and_keeps_larger_dots() -> None:
    page = Image.new("L", (200, 60), 255)
    draw = ImageDraw.Draw(page)
    for side in range(1, 6):  # square dots of 1, 4, 9, 16 and 25 px
        x = 30 * side
        draw.rectangle((x, 20, x + side - 1, 20 + side - 1), fill=0)
    ink = ~np.asarray(finish(page, FinishSettings(threshold=128, despeckle_px=9)))
    kept = {side: bool(ink[20, 30 * side]) for side in range(1, 6)}
    assert kept == {1: False, 2: False, 3: True, 4: True, 5: True}
    assert ink.sum() == 9 + 16 + 25  # nothing else touched


def test_pinholes_in_black_are_filled_but_not_larger_white_shapes() -> None:
    page = Image.new("L", (100, 100), 0)
    page.putpixel((20, 20), 255)
    page.paste(255, (50, 50, 60, 60))
    filled = ~np.asarray(finish(page, FinishSettings(threshold=128, despeckle_px=4)))
    assert filled[20, 20] and not filled[55, 55]
    kept = ~np.asarray(
        finish(page, FinishSettings(threshold=128, despeckle_px=4, fill_pinholes=False))
    )
    assert not kept[20, 20]


def test_smoothing_rounds_jagged_edges() -> None:
    page = Image.new("L", (200, 200), 255)
    draw = ImageDraw.Draw(page)
    for step in range(0, 160, 4):  # a staircase of 4 px steps
        draw.rectangle((20 + step, 20 + step, 24 + step, 180), fill=0)
    plain = np.asarray(finish(page, FinishSettings(threshold=128)))
    smooth = np.asarray(finish(page, FinishSettings(threshold=128, smooth_px=2)))
    assert (plain != smooth).sum() > 0
    changes_along_rows = lambda a: int((a[:, 1:] != a[:, :-1]).sum())  # noqa: E731
    assert changes_along_rows(smooth) <= changes_along_rows(plain)


def test_gray_mode_keeps_greys_and_only_removes_specks() -> None:
    page = Image.new("L", (100, 100), 255)
    page.paste(128, (10, 10, 60, 60))
    page.putpixel((80, 80), 0)
    gray = finish(page, FinishSettings(mode=ColorMode.gray, threshold=200, despeckle_px=3))
    assert gray.mode == "L"
    assert gray.getpixel((30, 30)) == 128 and gray.getpixel((80, 80)) == 255
    assert finish(page, FinishSettings(mode=ColorMode.color)).mode == "RGB"


def test_grey_mask_marks_greys_and_colour_but_not_black_or_white() -> None:
    page = Image.new("RGB", (30, 10), (255, 255, 255))
    page.paste((0, 0, 0), (0, 0, 10, 10))
    page.paste((128, 128, 128), (10, 0, 20, 10))
    page.paste((250, 200, 200), (20, 0, 30, 10))  # light pink: nearly white, but colour
    mask = np.asarray(grey_mask(page))
    assert not mask[:, :10].any() and mask[:, 10:].all()


def test_scaled_settings_make_a_proxy_preview_match_the_export() -> None:
    settings = FinishSettings(despeckle_px=40, smooth_px=2.0)
    proxy = settings.scaled(0.25)
    assert (proxy.despeckle_px, proxy.smooth_px) == (2, 0.5)
    full = line_art((800, 1120))
    preview = finish(full.resize((200, 280), Image.Resampling.BOX), proxy)
    exported = finish(full, settings).resize((200, 280), Image.Resampling.BOX)
    agree = (np.asarray(preview) == (np.asarray(exported.convert("L")) >= 128)).mean()
    assert agree > 0.97
