"""Layered PSD hand-off, verified by reading the written file back with psd-tools."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw
from psd_tools import PSDImage
from psd_tools.constants import BlendMode as PsdBlend
from psd_tools.constants import ColorMode, Resource

from fluxdesk.core.errors import InputError, StorageError
from fluxdesk.core.layers import BlendMode, Layer, flatten, write_psd

SIZE = (600, 840)


def line_art(seed: int, grey: int) -> Image.Image:
    rng = np.random.default_rng(seed)
    image = Image.new("L", SIZE, 255)
    draw = ImageDraw.Draw(image)
    for _ in range(25):
        draw.line([tuple(rng.integers(0, SIZE)), tuple(rng.integers(0, SIZE))], grey, 3)
    return image


def flats() -> Image.Image:
    image = Image.new("RGB", SIZE, (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.rectangle((50, 60, 400, 500), fill=(250, 200, 170))  # skin
    draw.ellipse((300, 400, 580, 800), fill=(90, 120, 210))  # jacket
    return image


@pytest.fixture
def layers() -> list[Layer]:
    return [
        Layer("下書き (pencils)", line_art(1, 140), opacity=0.4),
        Layer("Flats", flats()),
        Layer("Ink v2 seed 1234", line_art(2, 0), blend=BlendMode.multiply),
        Layer("Ink v1 (rejected)", line_art(3, 0), visible=False),
    ]


def test_layers_read_back_with_names_order_and_pixels(tmp_path: Path, layers) -> None:
    path = write_psd(tmp_path / "page 12.psd", layers, dpi=600)
    psd = PSDImage.open(path)
    assert psd.size == SIZE and psd.color_mode == ColorMode.RGB and psd.depth == 8
    assert [layer.name for layer in psd] == [layer.name for layer in layers]  # bottom first
    assert all(layer.kind == "pixel" and layer.size == SIZE for layer in psd)
    assert [layer.visible for layer in psd] == [True, True, True, False]
    assert [layer.opacity for layer in psd] == [102, 255, 255, 255]
    assert psd[2].blend_mode == PsdBlend.MULTIPLY and psd[1].blend_mode == PsdBlend.NORMAL
    for written, original in zip(psd, layers, strict=True):
        assert np.array_equal(
            np.asarray(written.topil().convert("RGB")), np.asarray(original.image.convert("RGB"))
        )
    info = psd.image_resources.get_data(Resource.RESOLUTION_INFO)
    assert info.horizontal / 65536 == 600 and info.vertical / 65536 == 600


def test_composite_is_stored_and_matches_what_layer_apps_show(tmp_path: Path, layers) -> None:
    path = write_psd(tmp_path / "page.psd", layers)
    psd = PSDImage.open(path)
    stored = np.asarray(psd.topil().convert("RGB"), np.int16)  # what a flat viewer shows
    ours = np.asarray(flatten(layers), np.int16)
    assert np.array_equal(stored, ours)
    # psd-tools re-rendering the layers (Photoshop's blend maths) agrees to a level or two.
    rendered = np.asarray(psd.composite(ignore_preview=True).convert("RGB"), np.int16)
    assert np.abs(rendered - stored).max() <= 2
    # An independent reader that ignores layers (Pillow) shows the same page.
    with Image.open(path) as flat:
        assert flat.mode == "RGB" and np.array_equal(np.asarray(flat, np.int16), stored)
    # Spot checks: visible ink is black; elsewhere the opaque flats cover the pencils, and
    # the hidden ink layer leaves no trace.
    ink = np.asarray(layers[2].image) == 0
    assert (stored[ink] == 0).all()
    assert np.array_equal(stored[~ink], np.asarray(layers[1].image, np.int16)[~ink])


def test_grayscale_layers_make_a_grayscale_file(tmp_path: Path) -> None:
    pencils, ink = line_art(1, 150), line_art(1, 0).convert("1")
    path = write_psd(tmp_path / "mono.psd", [Layer("Pencils", pencils), Layer("Ink", ink)])
    psd = PSDImage.open(path)
    assert psd.color_mode == ColorMode.GRAYSCALE and psd.channels == 1
    assert np.array_equal(np.asarray(psd.topil()), np.asarray(ink.convert("L")))


def test_never_overwrites_unless_asked_and_leaves_no_temp_files(tmp_path: Path, layers) -> None:
    path = write_psd(tmp_path / "page.psd", layers[:1])
    before = path.read_bytes()
    with pytest.raises(StorageError):
        write_psd(path, layers)
    assert path.read_bytes() == before
    write_psd(path, layers, overwrite=True)
    assert path.read_bytes() != before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.psd"]


def test_unwritable_place_is_a_storage_error(tmp_path: Path, layers) -> None:
    with pytest.raises(StorageError):
        write_psd(tmp_path / "missing" / "page.psd", layers)


@pytest.mark.parametrize(
    "bad",
    [
        [],
        [Layer("small", Image.new("L", (10, 10))), Layer("big", Image.new("L", (20, 10)))],
        [Layer("alpha", Image.new("RGBA", (10, 10)))],
    ],
)
def test_unusable_layers_are_input_errors(tmp_path: Path, bad) -> None:
    with pytest.raises(InputError):
        write_psd(tmp_path / "x.psd", bad)
    assert not (tmp_path / "x.psd").exists()
