"""Timings (and PSD memory) for region edits, panels, change maps and layered PSD export.

    .venv/bin/python benchmarks/regions_panels.py [--json]

Pages are synthetic, at real manuscript sizes: B4 600 dpi (6071×8598, 52 MP) and B5 600 dpi
(4299×6071, 26 MP). Each PSD case runs in a fresh process so its peak memory is its own.
"""

from __future__ import annotations

import multiprocessing
import sys
import tempfile
import time
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageOps

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "core" / "panels"))

from figures import Report
from synthetic_pages import make_page

from fluxdesk.core.compare import change_map, onion_skin, register
from fluxdesk.core.layers import Layer, write_psd
from fluxdesk.core.panels import compose_page, crop_panels, detect_panels, plan_panels
from fluxdesk.core.regions import Polygon, crop_for_model, paste_back, plan_region

B4 = (6071, 8598)
B5 = (4299, 6071)


def timed(report: Report, key: str, label: str, action, repeat: int = 3):  # type: ignore[no-untyped-def]
    best, value = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        value = action()
        best = min(best, time.perf_counter() - start)
    report.add(key, best * 1000)
    report.line(f"  {label:<48} {best * 1000:8.0f} ms")
    return value


def line_page(size: tuple[int, int], seed: int, grey: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    page = np.full((size[1], size[0]), 236, np.uint8)
    for _ in range(200):
        start = tuple(int(v) for v in rng.integers(0, size))
        cv2.line(page, start, tuple(int(v) for v in rng.integers(0, size)), grey, 4, cv2.LINE_AA)
    return page


def regions(report: Report) -> None:
    report.line("Region edit, B4 600 dpi page (52 MP), lasso of ~2000×2400 px:")
    page = Image.fromarray(line_page(B4, 1, 120))
    lasso = Polygon.of([(2000, 3000), (3900, 3200), (4100, 5300), (2200, 5400), (1900, 4200)])
    plan = timed(report, "region_plan_ms", "plan_region", lambda: plan_region(page.size, lasso, 64))
    sent = timed(report, "region_crop_ms", "crop_for_model", lambda: crop_for_model(page, plan))
    result = ImageOps.invert(sent).resize((sent.width - 32, sent.height + 32))
    label = "paste_back (feather 8 px, includes page copy)"
    timed(report, "region_paste_back_ms", label, lambda: paste_back(page, result, plan))


def panels(report: Report) -> None:
    for name, key, size in (("B5 600 dpi (26 MP)", "b5", B5), ("B4 600 dpi (52 MP)", "b4", B4)):
        report.line(f"Panels, synthetic {name} page:")
        page = make_page(11, size).image
        found = timed(
            report,
            f"{key}_detect_panels_ms",
            "detect_panels",
            lambda page=page: detect_panels(page),
        )
        plans = plan_panels(page.size, found)
        crops = timed(
            report,
            f"{key}_crop_panels_ms",
            f"crop_panels ({len(found)} panels)",
            lambda p=page, q=plans: crop_panels(p, q),
            1,
        )
        results = {name: ImageOps.invert(crop) for name, crop in crops.items()}
        compose = lambda p=page, q=plans, r=results: compose_page(p, q, r)  # noqa: E731
        timed(report, f"{key}_compose_page_ms", "compose_page", compose, 1)


def changes(report: Report) -> None:
    report.line("Change map, B5 600 dpi pencils (26 MP) vs a ~1 MP result:")
    pencils = line_page(B5, 2, 130)
    ink = np.where(pencils < 200, 0, 255).astype(np.uint8)
    result = Image.fromarray(cv2.erode(ink, np.ones((7, 7), np.uint8))).resize((832, 1184))
    page = Image.fromarray(pencils)
    found = timed(report, "register_ms", "register", lambda: register(page, result))
    label = "change_map (heat map at 26 MP + hotspots)"
    timed(report, "change_map_ms", label, lambda: change_map(page, result, found))
    label = "onion_skin (26 MP RGB)"
    timed(report, "onion_skin_ms", label, lambda: onion_skin(page, result, found), 1)


def psd_case(mode: str, queue) -> None:
    pencils = Image.fromarray(line_page(B5, 3, 140))
    ink = Image.fromarray(line_page(B5, 4, 0))
    flats = Image.new(
        "RGB" if mode == "RGB" else "L", B5, (250, 210, 180) if mode == "RGB" else 200
    )
    layers = [Layer("Pencils", pencils, opacity=0.3), Layer("Flats", flats), Layer("Ink", ink)]
    baseline = peak_rss_mb()
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        path = write_psd(Path(folder) / "page.psd", layers, dpi=600)
        elapsed = time.perf_counter() - start
        size = path.stat().st_size
    queue.put((elapsed, size, baseline, peak_rss_mb()))


def peak_rss_mb() -> float:
    """This process's peak resident memory (Linux VmHWM: unlike ru_maxrss, not inherited
    from the parent a spawned child was forked from)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def psd(report: Report) -> None:
    report.line("Layered PSD, B5 600 dpi page, 3 layers (fresh process each):")
    context = multiprocessing.get_context("spawn")
    for mode in ("L", "RGB"):
        queue = context.Queue()
        process = context.Process(target=psd_case, args=(mode, queue))
        process.start()
        elapsed, size, baseline, peak = queue.get()
        process.join()
        report.add(f"psd_{mode}_ms", elapsed * 1000)
        report.add(f"psd_{mode}_peak_mb", peak)
        report.line(
            f"  write_psd {mode:<4} {elapsed * 1000:8.0f} ms, file {size / 1e6:5.1f} MB, "
            f"peak RSS {peak:5.0f} MB ({peak - baseline:+.0f} MB over the layers in memory)"
        )


if __name__ == "__main__":
    report = Report.from_argv(__doc__.splitlines()[0])
    regions(report)
    panels(report)
    changes(report)
    psd(report)
    report.finish()
