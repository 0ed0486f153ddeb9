"""What the artist waits for in the window, on a B4 600 dpi page (6071×8598, 52 MP): Detect
(decode the scan + find the panels), composing a run on panels into a history entry (decode
the results, paste, encode the page, store it), and the change overlay's analysis (decode,
register, heat map, hotspots). Each is the worker-thread call the GUI makes.

    .venv/bin/python benchmarks/panel_runs.py
"""

from __future__ import annotations

import sys
import tempfile
import time
import uuid
from pathlib import Path

from PIL import Image, ImageOps

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "core" / "panels"))

from synthetic_pages import make_page

from fluxdesk.core.api.models import GenerationRequest
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.imaging.load import load_image
from fluxdesk.core.jobs import JobId
from fluxdesk.core.panels import crop_panels, detect_panels, plan_panels
from fluxdesk.core.panels.runs import PanelRun, PanelTake, compose_run
from fluxdesk.ui.controllers.changes import analyse

B4 = (6071, 8598)


def timed(label: str, action, repeat: int = 2):
    best, value = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        value = action()
        best = min(best, time.perf_counter() - start)
    print(f"  {label:<58} {best:6.2f} s")
    return value


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        print("B4 600 dpi synthetic manga page (52 MP), 7 panels, one bleeding off the page:")
        page_path = root / "page.png"
        make_page(6, B4).image.save(page_path, compress_level=1)
        page = timed("decode the scan (PNG)", lambda: load_image(page_path), 1)
        panels = timed("detect_panels", lambda: detect_panels(page))
        timed(
            "Detect as the window runs it (decode + detect)",
            lambda: detect_panels(load_image(page_path)),
            1,
        )

        plans = plan_panels(page.size, panels)
        results = {}
        for panel_id, crop in crop_panels(page, plans).items():
            path = root / f"result-{panel_id}.png"
            ImageOps.invert(crop).save(path)  # what the model answers: ~1 MP per panel
            results[panel_id] = path
        store = HistoryStore.open(root / "history.sqlite3", root / "images")
        run = PanelRun(
            "bench",
            "0" * 64,
            page_path,
            page.size,
            GenerationRequest("flux-kontext-pro", "ink"),
            len(panels),
            tuple(
                PanelTake(p, n, plans[p.id], JobId(f"job-{p.id}"))
                for n, p in enumerate(panels, start=1)
            ),
        )

        def compose(cached: Image.Image | None) -> None:
            compose_run(store, run, results, JobId(uuid.uuid4().hex), page=cached)

        timed("compose a run: 7 results -> page entry (page in memory)", lambda: compose(page))
        timed("compose a run onto a composed page (decoded from disk)", lambda: compose(None), 1)

        print("Change overlay, B4 pencils against:")
        small = root / "small.png"
        ImageOps.invert(page).resize((896, 1248), Image.Resampling.LANCZOS).save(small)
        full = root / "full.png"
        ImageOps.invert(page).save(full, compress_level=1)
        for label, result in (("a ~1 MP result", small), ("a full-size composed page", full)):
            analysis = timed(
                f"{label}: decode + register + heat map",
                lambda r=result: analyse((page_path, r)),
                1,
            )
            print(
                f"    of which register {analysis.register_seconds:.2f} s, heat map and "
                f"hotspots {analysis.heat_seconds:.2f} s"
            )


if __name__ == "__main__":
    main()
