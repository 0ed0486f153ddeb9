"""Scan clean-up: blue pencil goes, graphite stays, the original is never touched."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from synthetic_scan import blue_only_mask, graphite_mask, synthetic_scan

from fluxdesk.core.imaging.cleanup import CleanupSettings, PencilColor, clean_up, proxy
from fluxdesk.core.imaging.load import load_image


@pytest.fixture(scope="module")
def scan() -> Image.Image:
    return synthetic_scan()


def test_blue_pencil_goes_and_graphite_stays(scan: Image.Image) -> None:
    before = np.asarray(scan.convert("L"))
    blue, graphite = blue_only_mask(), graphite_mask()
    assert before[blue].mean() < 225  # the blue lines are clearly visible in plain grey

    after = np.asarray(clean_up(scan, CleanupSettings(remove=PencilColor.blue)))
    paper = np.median(before)
    assert after[blue].mean() > paper - 6  # blue lines became paper
    assert after[graphite].mean() < 90  # graphite, even over blue, stays dark
    assert abs(float(after[graphite].mean()) - float(before[graphite].mean())) < 12

    # Auto-contrast then makes the paper pure white and the graphite near black.
    auto = np.asarray(clean_up(scan, CleanupSettings(remove=PencilColor.blue, auto_contrast=True)))
    assert np.percentile(auto[blue], 10) >= 250 and np.median(auto) == 255
    assert auto[graphite].mean() < 40


def test_red_and_any_colour(scan: Image.Image) -> None:
    red_box = (slice(900 - 160, 900 - 157), slice(1200 - 200, 1200 - 60))
    blue = blue_only_mask()
    only_blue = np.asarray(clean_up(scan, CleanupSettings(remove=PencilColor.blue)))
    assert only_blue[red_box].mean() < 215  # red is not blue: kept
    only_red = np.asarray(clean_up(scan, CleanupSettings(remove=PencilColor.red)))
    assert only_red[red_box].mean() > 230 and only_red[blue].mean() < 225
    every = np.asarray(clean_up(scan, CleanupSettings(remove=PencilColor.any)))
    assert every[red_box].mean() > 230 and every[blue].mean() > 230
    assert every[graphite_mask()].mean() < 90


def test_levels_gamma_colour_and_despeckle() -> None:
    ramp = Image.fromarray(np.tile(np.arange(256, dtype=np.uint8), (8, 1)), "L")
    out = np.asarray(clean_up(ramp, CleanupSettings(black_point=50, white_point=200)))[0]
    assert out[50] == 0 and out[200] == 255 and out[125] in range(125, 131)
    lighter = np.asarray(clean_up(ramp, CleanupSettings(gamma=2.0)))[0]
    assert lighter[128] > 170
    colour = Image.merge("RGB", (ramp, ramp, ramp))
    kept = clean_up(colour, CleanupSettings(grayscale=False, black_point=10))
    assert kept.mode == "RGB"

    specks = np.full((200, 200), 255, np.uint8)
    specks[50:52, 50:52] = 0  # a 4-pixel speck
    specks[100:103, 20:180] = 0  # a line
    cleaned = np.asarray(clean_up(Image.fromarray(specks), CleanupSettings(despeckle_px=10)))
    assert cleaned[50, 50] == 255 and cleaned[101, 100] == 0


def test_settings_validate_round_trip_and_scale() -> None:
    settings = CleanupSettings(PencilColor.blue, 70, True, 10, 240, 1.2, 12, False)
    assert CleanupSettings.from_data(settings.to_data()) == settings
    assert settings.scaled(0.5).despeckle_px == 3
    assert CleanupSettings().is_identity and not settings.is_identity
    for bad in ({"black_point": 200, "white_point": 100}, {"gamma": 0}, {"remove": "green"}):
        with pytest.raises(ValueError):
            CleanupSettings.from_data(bad)


def test_the_original_file_is_never_written(tmp_path: Path, scan: Image.Image) -> None:
    path = tmp_path / "pencils.png"
    scan.save(path)
    digest, mtime = hashlib.sha256(path.read_bytes()).digest(), path.stat().st_mtime_ns
    image = load_image(path)
    small, factor = proxy(image, 400_000)
    assert factor < 1 and small.width * small.height <= 400_000
    clean_up(image, CleanupSettings(remove=PencilColor.blue, auto_contrast=True, despeckle_px=5))
    clean_up(small, CleanupSettings(remove=PencilColor.any, grayscale=False))
    assert hashlib.sha256(path.read_bytes()).digest() == digest
    assert path.stat().st_mtime_ns == mtime
    assert np.array_equal(np.asarray(image), np.asarray(scan))  # the decoded image too
