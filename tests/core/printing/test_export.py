from __future__ import annotations

import errno
import json
import os
import threading
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from print_art import line_art, run_tool

from fluxdesk.core.errors import InputError, OperationCancelled, OutputExists, StorageError
from fluxdesk.core.printing.export import export_page, sidecar_path
from fluxdesk.core.printing.finishing import ColorMode, FinishSettings
from fluxdesk.core.printing.pages import PAGE_PRESETS
from fluxdesk.core.printing.recipe import AiArea, Recipe
from fluxdesk.core.printing.settings import ExportSettings

A5_100 = ExportSettings(PAGE_PRESETS["a5"], dpi=100)  # 583 × 827 px: small and quick
RECIPE = Recipe(
    model="flux-kontext-pro",
    prompt="ペン入れ: clean ink, pure black on white",
    seed=42,
    ai_areas=(AiArea("inking"), AiArea("panel 3", (10, 20, 300, 400))),
    job_id="job-1",
)


def _page(settings: ExportSettings = A5_100) -> Image.Image:
    return line_art(settings.size_px)


def _tiffinfo(path: Path) -> str:
    return run_tool("tiffinfo", str(path))


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_mono_tiff_is_one_bit_group4_at_the_dpi(tmp_path: Path) -> None:
    out = export_page(_page(), tmp_path / "page.tif", A5_100)
    with Image.open(out) as image:
        assert image.mode == "1" and image.size == (583, 827)
        assert image.info["compression"] == "group4"
        assert image.info["dpi"] == (100, 100)
    info = _tiffinfo(out)
    assert "Compression Scheme: CCITT Group 4" in info
    assert "Bits/Sample: 1" in info
    assert "Resolution: 100, 100 pixels/inch" in info


def test_a_full_b4_page_at_600_dpi(tmp_path: Path) -> None:
    settings = ExportSettings(PAGE_PRESETS["b4"], dpi=600)
    page = line_art((1200, 1698)).resize(settings.size_px)
    out = export_page(page, tmp_path / "b4.tif", settings)
    with Image.open(out) as image:
        assert image.size == (6071, 8598) and image.mode == "1"
    info = _tiffinfo(out)
    assert "Image Width: 6071 Image Length: 8598" in info
    assert "Resolution: 600, 600 pixels/inch" in info and "CCITT Group 4" in info


def test_one_bit_png_and_grey_and_colour_files(tmp_path: Path) -> None:
    page = _page()
    mono = export_page(page, tmp_path / "mono.png", A5_100)
    gray_settings = ExportSettings(
        PAGE_PRESETS["a5"], dpi=100, finish=FinishSettings(ColorMode.gray)
    )
    gray_tif = export_page(page, tmp_path / "gray.tif", gray_settings)
    gray_png = export_page(page, tmp_path / "gray.png", gray_settings)
    colour = ExportSettings(PAGE_PRESETS["a5"], dpi=100, finish=FinishSettings(ColorMode.color))
    jpeg = export_page(page.convert("RGB"), tmp_path / "colour.jpg", colour)
    png = export_page(page.convert("RGB"), tmp_path / "colour.png", colour)
    expected = {mono: "1", gray_tif: "L", gray_png: "L", jpeg: "RGB", png: "RGB"}
    for path, mode in expected.items():
        with Image.open(path) as image:
            assert image.mode == mode, path.name
            # PNG stores dots per metre, so 100 dpi reads back as 99.9998.
            assert image.info["dpi"] == pytest.approx((100, 100), abs=0.01), path.name
    with Image.open(gray_png) as image:
        assert len(set(image.tobytes())) > 2  # greys kept
    assert "Bits/Sample: 8" in _tiffinfo(gray_tif)
    assert "pixels/inch" in _tiffinfo(gray_tif)


def test_recipe_goes_into_png_and_tiff_metadata_only_when_asked(tmp_path: Path) -> None:
    plain = export_page(_page(), tmp_path / "plain.png", A5_100, recipe=RECIPE)
    with Image.open(plain) as image:
        assert "fluxdesk:recipe" not in image.info
    settings = ExportSettings(PAGE_PRESETS["a5"], dpi=100, embed_recipe=True)
    png = export_page(_page(), tmp_path / "page.png", settings, recipe=RECIPE)
    with Image.open(png) as image:
        recipe = json.loads(image.info["fluxdesk:recipe"])
        assert recipe["prompt"] == RECIPE.prompt and recipe["seed"] == 42
        assert "compositeWithTrainedAlgorithmicMedia" in image.info["XML:com.adobe.xmp"]
    tif = export_page(_page(), tmp_path / "page.tif", settings, recipe=RECIPE)
    with Image.open(tif) as image:
        assert json.loads(image.tag_v2[270])["model"] == "flux-kontext-pro"
        assert b"fluxdesk:Recipe" in image.info["xmp"]
    assert "ImageDescription" in _tiffinfo(tif)


def test_sidecar_describes_the_recipe_and_the_file(tmp_path: Path) -> None:
    settings = ExportSettings(PAGE_PRESETS["b5"], dpi=100, bleed=True, sidecar=True)
    out = export_page(line_art(settings.size_px), tmp_path / "p.tif", settings, recipe=RECIPE)
    sidecar = json.loads(sidecar_path(out).read_text(encoding="utf-8"))
    assert sidecar["schema"] == "fluxdesk.recipe/1"
    assert sidecar["model"] == "flux-kontext-pro" and sidecar["seed"] == 42
    assert sidecar["ai_assisted_areas"][1] == {"label": "panel 3", "bbox": [10, 20, 300, 400]}
    assert sidecar["software"].startswith("FluxDesk")
    assert sidecar["output"]["size_px"] == list(settings.size_px)
    assert sidecar["output"]["size_mm"] == [188.0, 263.0] and sidecar["output"]["dpi"] == 100


def test_never_overwrites_without_permission(tmp_path: Path) -> None:
    target = tmp_path / "page.tif"
    target.write_bytes(b"the artist's earlier export")
    with pytest.raises(OutputExists) as caught:
        export_page(_page(), target, A5_100)
    assert caught.value.path == target
    assert target.read_bytes() == b"the artist's earlier export"
    export_page(_page(), target, A5_100, overwrite=True)
    with Image.open(target) as image:
        assert image.mode == "1"
    assert _files(tmp_path) == ["page.tif"]


def test_an_existing_sidecar_also_needs_permission(tmp_path: Path) -> None:
    settings = ExportSettings(PAGE_PRESETS["a5"], dpi=100, sidecar=True)
    sidecar_path(tmp_path / "p.png").write_text("{}")
    with pytest.raises(OutputExists):
        export_page(_page(), tmp_path / "p.png", settings, recipe=RECIPE)
    assert _files(tmp_path) == ["p.png.json"]


@pytest.mark.parametrize("existing", [False, True])
def test_a_full_disk_gives_a_clear_error_and_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, existing: bool
) -> None:
    target = tmp_path / "page.tif"
    if existing:
        target.write_bytes(b"old")
    real_write = os.write
    written: list[int] = []

    def write_until_full(fd: int, data: bytes) -> int:
        if fd > 2 and written:  # the first chunk goes through, then the disk is full
            raise OSError(errno.ENOSPC, "No space left on device")
        written.append(len(data))
        return real_write(fd, data[:100])

    monkeypatch.setattr(os, "write", write_until_full)
    with pytest.raises(StorageError) as caught:
        export_page(_page(), target, A5_100, overwrite=True)
    monkeypatch.undo()
    assert "disk is full" in caught.value.user_message
    assert _files(tmp_path) == (["page.tif"] if existing else [])
    if existing:
        assert target.read_bytes() == b"old"


def test_cancel_writes_nothing(tmp_path: Path) -> None:
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(OperationCancelled):
        export_page(_page(), tmp_path / "page.tif", A5_100, cancel=cancel)
    assert _files(tmp_path) == []


def test_progress_ends_at_one(tmp_path: Path) -> None:
    seen: list[float] = []
    export_page(_page(), tmp_path / "page.png", A5_100, progress=seen.append)
    assert seen[-1] == 1.0 and seen == sorted(seen)


def test_wrong_size_format_or_folder_is_refused_before_writing(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="583×827"):
        export_page(line_art((500, 700)), tmp_path / "page.tif", A5_100)
    with pytest.raises(InputError, match="JPEG"):
        export_page(_page(), tmp_path / "page.jpg", A5_100)
    with pytest.raises(InputError, match=r"\.tif"):
        export_page(_page(), tmp_path / "page.bmp", A5_100)
    with pytest.raises(StorageError, match="does not exist"):
        export_page(_page(), tmp_path / "missing" / "page.tif", A5_100)
    (tmp_path / "pages.tif").mkdir()
    with pytest.raises(InputError, match="folder"):
        export_page(_page(), tmp_path / "pages.tif", A5_100)
    assert _files(tmp_path) == ["pages.tif"]


def test_a_mode_1_page_is_written_bit_for_bit(tmp_path: Path) -> None:
    page = Image.fromarray(np.random.default_rng(0).random((827, 583)) > 0.5)
    out = export_page(page, tmp_path / "page.tif", A5_100)
    with Image.open(out) as image:
        assert np.array_equal(np.asarray(image), np.asarray(page))
