from __future__ import annotations

import re
import threading
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from print_art import line_art, run_tool

from fluxdesk.core.errors import InputError, OperationCancelled, OutputExists
from fluxdesk.core.printing.export import export_page
from fluxdesk.core.printing.finishing import ColorMode, FinishSettings, finish
from fluxdesk.core.printing.pages import PAGE_PRESETS
from fluxdesk.core.printing.pdf import export_chapter_pdf
from fluxdesk.core.printing.settings import ExportSettings

B5_100 = ExportSettings(PAGE_PRESETS["b5"], dpi=100)  # 717 × 1012 px


def _images(listing: str) -> list[list[str]]:
    return [line.split() for line in listing.splitlines()[2:] if line.strip()]


def test_chapter_pages_are_g4_images_at_the_exact_physical_size(tmp_path: Path) -> None:
    pages = [line_art(B5_100.size_px, seed=seed) for seed in range(3)]
    seen: list[float] = []
    out = export_chapter_pdf(
        pages, tmp_path / "chapter.pdf", B5_100, title="第1話", progress=seen.append
    )
    assert seen == [pytest.approx(1 / 3), pytest.approx(2 / 3), 1.0]
    info = run_tool("pdfinfo", "-box", str(out))
    assert re.search(r"Pages:\s+3", info)
    width_pt, height_pt = 182 / 25.4 * 72, 257 / 25.4 * 72  # 515.91 × 728.50
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert size is not None
    assert (float(size[1]), float(size[2])) == pytest.approx((width_pt, height_pt), abs=0.01)
    assert "第1話" in info
    images = _images(run_tool("pdfimages", "-list", str(out)))
    assert len(images) == 3
    for row in images:  # page num type width height color comp bpc enc ...
        assert row[3:9] == ["717", "1012", "gray", "1", "1", "ccitt"]
        assert row[12:14] == ["100", "100"]  # x-ppi, y-ppi: image fills the page exactly


def test_g4_pages_are_lossless(tmp_path: Path) -> None:
    page = line_art(B5_100.size_px)
    out = export_chapter_pdf([page], tmp_path / "one.pdf", B5_100)
    run_tool("pdftoppm", "-r", "100", "-gray", str(out), str(tmp_path / "render"))
    rendered = np.asarray(Image.open(next(tmp_path.glob("render*.pgm")))) < 128
    expected = ~np.asarray(finish(page, FinishSettings()))
    assert rendered.shape == expected.shape
    assert np.array_equal(rendered, expected)


def test_bleed_pages_carry_trim_and_bleed_boxes(tmp_path: Path) -> None:
    settings = ExportSettings(
        PAGE_PRESETS["us-comic"], dpi=100, bleed=True, finish=FinishSettings(ColorMode.gray)
    )
    out = export_chapter_pdf([line_art(settings.size_px)], tmp_path / "c.pdf", settings)
    info = run_tool("pdfinfo", "-box", str(out))
    assert re.search(r"MediaBox:\s+0\.00\s+0\.00\s+495\.00\s+751\.50", info)  # 6.875 × 10.4375
    assert re.search(r"TrimBox:\s+9\.00\s+9\.00\s+486\.00\s+742\.50", info)
    assert re.search(r"BleedBox:\s+0\.00\s+0\.00\s+495\.00\s+751\.50", info)
    row = _images(run_tool("pdfimages", "-list", str(out)))[0]
    # 6.625 in → 662.5 → 663 px, 10.1875 in → 1019 px, bleed 12.5 → 13 px each side.
    assert row[3:9] == ["689", "1045", "gray", "1", "8", "image"]  # Flate, 8-bit grey


def test_pages_can_be_files_and_a_single_page_pdf_comes_from_export_page(tmp_path: Path) -> None:
    first = export_page(line_art(B5_100.size_px), tmp_path / "p1.tif", B5_100)
    single = export_page(line_art(B5_100.size_px), tmp_path / "p2.pdf", B5_100)
    chapter = export_chapter_pdf([first, first], tmp_path / "c.pdf", B5_100)
    assert re.search(r"Pages:\s+2", run_tool("pdfinfo", str(chapter)))
    assert re.search(r"Pages:\s+1", run_tool("pdfinfo", str(single)))
    assert chapter.read_bytes().startswith(b"%PDF-1.4")


def test_wrong_page_size_cancel_and_existing_file_leave_nothing(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="Page 2"):
        export_chapter_pdf(
            [line_art(B5_100.size_px), line_art((100, 100))], tmp_path / "c.pdf", B5_100
        )
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(OperationCancelled):
        export_chapter_pdf([line_art(B5_100.size_px)], tmp_path / "c.pdf", B5_100, cancel=cancel)
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "c.pdf").write_bytes(b"keep")
    with pytest.raises(OutputExists):
        export_chapter_pdf([line_art(B5_100.size_px)], tmp_path / "c.pdf", B5_100)
    assert (tmp_path / "c.pdf").read_bytes() == b"keep"
