"""Print export timings for a B4 manuscript page at 600 dpi (6071 × 8598 px, 52 MP).

    python benchmarks/export.py [--json]

Prints: fit + crisp upscale of a ~1 MP result, threshold, 1-bit G4 TIFF export and its file
size, preflight, a 24-page chapter PDF (pages read back from the TIFF, as a chapter export
does), and the finishing live preview on a 2 MP proxy. Goal: B4 1-bit export ≤ 1.5 s.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import numpy as np
from figures import Report
from PIL import Image, ImageDraw

from fluxdesk.core.printing.export import export_page
from fluxdesk.core.printing.finishing import FinishSettings, finish
from fluxdesk.core.printing.fit import fit_to_page
from fluxdesk.core.printing.pages import PAGE_PRESETS
from fluxdesk.core.printing.pdf import export_chapter_pdf
from fluxdesk.core.printing.preflight import preflight
from fluxdesk.core.printing.settings import ExportSettings

T = TypeVar("T")
CHAPTER_PAGES = 24


def model_result(size: tuple[int, int] = (864, 1216)) -> Image.Image:
    """A ~1 MP anti-aliased inked page, like an edit model returns."""
    big = Image.new("L", (size[0] * 4, size[1] * 4), 255)
    draw = ImageDraw.Draw(big)
    rng = np.random.default_rng(7)
    w, h = big.size
    for _ in range(400):
        x0, y0, x1, y1 = rng.uniform(0, 1, 4) * (w, h, w, h)
        draw.line((x0, y0, x1, y1), fill=0, width=int(rng.integers(2, 14)))
    for _ in range(120):
        x, y, r = rng.uniform(0, w), rng.uniform(0, h), rng.uniform(20, 300)
        draw.ellipse((x - r, y - r, x + r, y + r), outline=0, width=int(rng.integers(3, 12)))
    for i in range(0, 800, 10):
        draw.line((400 + i, 2000, 600 + i, 2600), fill=0, width=4)  # hatching
    return big.resize(size, Image.Resampling.LANCZOS)


def timed(
    label: str, rows: list[tuple[str, str]], work: Callable[[], T], repeat: int = 1
) -> tuple[T, float]:
    """Runs ``work`` (best of ``repeat``), adds its time to ``rows``; (result, seconds)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - start)
    unit = f"{best * 1000:.0f} ms" if best < 0.1 else f"{best:.2f} s"
    rows.append((label, unit))
    return result, best


def main() -> None:
    report = Report.from_argv(__doc__.splitlines()[0])
    settings = ExportSettings(PAGE_PRESETS["b4"], dpi=600)
    result = model_result()
    rows: list[tuple[str, str]] = [
        ("page", f"B4 {settings.size_px[0]}×{settings.size_px[1]} px, 600 dpi, mono"),
        ("cores", str(os.cpu_count())),
    ]
    placed, seconds = timed(
        "fit + crisp upscale", rows, lambda: fit_to_page(result, settings.guides)
    )
    report.add("fit_upscale_s", seconds)
    page, seconds = timed("threshold (Otsu)", rows, lambda: finish(placed, settings.finish))
    report.add("threshold_s", seconds)
    with tempfile.TemporaryDirectory() as folder:
        tiff = Path(folder) / "page.tif"
        _, seconds = timed("1-bit G4 TIFF export", rows, lambda: export_page(page, tiff, settings))
        report.add("b4_mono_export_s", seconds)
        rows.append(("  TIFF file size", f"{tiff.stat().st_size / 1e6:.2f} MB"))
        report.add("b4_mono_tiff_mb", tiff.stat().st_size / 1e6)
        tiff.unlink()
        _, seconds = timed(
            "1-bit export incl. threshold",
            rows,
            lambda: export_page(placed, tiff, settings),
        )
        report.add("b4_mono_export_with_threshold_s", seconds)
        _, seconds = timed(
            "preflight (5 checks)", rows, lambda: preflight(placed, settings, source_dpi=85)
        )
        report.add("preflight_s", seconds)
        pdf = Path(folder) / "chapter.pdf"
        _, seconds = timed(
            f"{CHAPTER_PAGES}-page chapter PDF",
            rows,
            lambda: export_chapter_pdf([tiff] * CHAPTER_PAGES, pdf, settings),
        )
        report.add("chapter_pdf_24_pages_s", seconds)
        rows.append(("  PDF file size", f"{pdf.stat().st_size / 1e6:.1f} MB"))
    proxy = placed.resize((1190, 1686), Image.Resampling.BOX)  # ~2 MP screen proxy
    preview = FinishSettings(despeckle_px=4, smooth_px=0.5)
    _, seconds = timed(
        "preview: threshold, 2 MP", rows, lambda: finish(proxy, FinishSettings()), repeat=5
    )
    report.add("preview_threshold_2mp_ms", seconds * 1000)
    _, seconds = timed(
        "preview: + despeckle + smooth", rows, lambda: finish(proxy, preview), repeat=5
    )
    report.add("preview_despeckle_smooth_2mp_ms", seconds * 1000)
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        report.line(f"{label:<{width}}  {value}")
    report.finish()


if __name__ == "__main__":
    main()
