from __future__ import annotations

import threading

import numpy as np
import pytest
from PIL import Image
from print_art import line_art

from fluxdesk.core.errors import OperationCancelled
from fluxdesk.core.printing.finishing import FinishSettings, finish
from fluxdesk.core.printing.upscale import upscale_line_art

SCALE = 6


@pytest.fixture(scope="module")
def truth_and_source() -> tuple[np.ndarray, Image.Image]:
    """Line art drawn at high resolution (the truth) and its anti-aliased 1/6 reduction, the
    way a model delivers it."""
    truth = line_art((300 * SCALE, 420 * SCALE), stroke=1.5)
    return np.asarray(truth) < 128, truth.resize((300, 420), Image.Resampling.LANCZOS)


def _edge_pixels(ink: np.ndarray) -> int:
    return int((ink[1:] != ink[:-1]).sum() + (ink[:, 1:] != ink[:, :-1]).sum())


def test_edges_stay_crisp_where_bicubic_smears_them(truth_and_source) -> None:
    truth, source = truth_and_source
    size = (truth.shape[1], truth.shape[0])
    edges = _edge_pixels(truth)

    def mid_greys(image: Image.Image) -> float:
        pixels = np.asarray(image)
        return float(((pixels > 32) & (pixels < 224)).sum()) / edges

    crisp = upscale_line_art(source, size)
    bicubic = source.resize(size, Image.Resampling.BICUBIC)
    # About one grey pixel per edge pixel (anti-aliasing) instead of a 6× wider smear.
    assert mid_greys(crisp) < 2.0
    assert mid_greys(bicubic) > 2 * mid_greys(crisp)


def test_edges_land_where_the_high_resolution_truth_has_them(truth_and_source) -> None:
    truth, source = truth_and_source
    page = finish(upscale_line_art(source, (truth.shape[1], truth.shape[0])), FinishSettings())
    ink = ~np.asarray(page)
    assert page.mode == "1"
    # Pixels that differ from the truth, per edge pixel: under one pixel of edge error on
    # average (the source only knows the edge to a fraction of one of its pixels).
    assert (ink ^ truth).sum() / _edge_pixels(truth) < 1.0
    assert abs(int(ink.sum()) - int(truth.sum())) / truth.sum() < 0.05


def test_reducing_area_averages_and_colour_is_kept() -> None:
    colour = Image.new("RGB", (400, 300), (200, 30, 30))
    small = upscale_line_art(colour, (100, 75))
    assert small.size == (100, 75) and small.mode == "RGB"
    assert small.getpixel((50, 30)) == (200, 30, 30)
    big = upscale_line_art(colour, (800, 600))
    assert big.getpixel((400, 300)) == (200, 30, 30)


def test_a_box_of_the_source_is_enlarged_alone() -> None:
    source = Image.new("L", (100, 100), 255)
    source.paste(0, (50, 0, 100, 100))  # right half black
    left_half = upscale_line_art(source, (200, 400), box=(0, 0, 50, 100))
    assert np.asarray(left_half)[:, :190].min() >= 250


def test_progress_is_reported_and_cancel_stops_it() -> None:
    source = line_art((200, 280))
    fractions: list[float] = []
    upscale_line_art(source, (1200, 1680), progress=fractions.append)
    assert fractions == sorted(fractions) and fractions[-1] == 1.0 and len(fractions) > 2
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(OperationCancelled):
        upscale_line_art(source, (1200, 1680), cancel=cancel)
