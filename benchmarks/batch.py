"""Chapter batch and layered hand-off figures.

- throughput: 12 pages on the emulator with 2 s per job, FLUX.1 Kontext [pro] (24 at once) and
  Kontext [max] (6 at once), one and four results per page, through the same runner the
  command line uses (`core.batch.send_pages`);
- restart: a `fluxdesk batch run` of 12 pages on Kontext [max] is killed with SIGKILL while six
  jobs run and six pages wait; then the window is started on the same history and timed until
  the six paid jobs are fetched, the six others sent, and every page done. Submits counted;
- PSD: a B5 page at 600 dpi (4299 × 6071) with pencils, two inks and flats (results at about
  1 MP, fitted to the page) built, written and read back: time, peak memory and file size.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/batch.py
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
from PIL import Image, ImageDraw

from fluxdesk.core.api.client import FluxApi
from fluxdesk.core.api.models import GenerationRequest
from fluxdesk.core.batch import (
    BatchSettings,
    create_batch,
    keep_source,
    page_files,
    read_batch,
    send_pages,
)
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.jobs import PollPolicy
from fluxdesk.core.layers.handoff import LayerRole, LayerSource, export_layered_psd
from fluxdesk.core.paths import AppPaths
from fluxdesk.core.providers.bfl import BflProvider
from fluxdesk.emulator import start_emulator

KEY = "bfl_benchmark_key"
POLLS = PollPolicy(first_delay=0.25, min_interval=0.1, max_interval=0.5)


def pages(folder: Path, count: int, size: tuple[int, int] = (1200, 1700)) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(1, count + 1):
        image = Image.new("L", size, 236)
        ImageDraw.Draw(image).ellipse((100 + number * 20, 200, 700, 900), outline=80, width=4)
        image.save(folder / f"page-{number:02d}.png")
    return folder


def throughput(root: Path) -> None:
    server = start_emulator(latency=2.0, min_polls=1)
    try:
        folder = pages(root / "chapter", 12)
        for model, variations in (
            ("flux-kontext-pro", 1),
            ("flux-kontext-pro", 4),
            ("flux-kontext-max", 1),
        ):
            paths = AppPaths.under(root / f"home-{model}-{variations}").ensure()
            store = HistoryStore.open(paths.history_db, paths.images)
            template = GenerationRequest(model, "ink these pencils", {"output_format": "png"})
            settings = BatchSettings(template, variations)
            sources = [keep_source(store, path) for path in page_files(folder)]
            batch = create_batch(store, settings, sources, book="B", chapter="C", source="bench")
            started = time.perf_counter()
            send_pages(
                store,
                batch,
                [page.page for page in read_batch(store, batch.id).to_send()],
                provider=BflProvider(FluxApi(server.base_url, KEY)),
                policy=POLLS,
                cancel=threading.Event(),
            )
            seconds = time.perf_counter() - started
            jobs = 12 * variations
            done = read_batch(store, batch.id).finished
            print(
                f"throughput  {model:<17} 12 pages x {variations} = {jobs:>2} jobs: "
                f"{seconds:5.1f} s ({jobs / seconds * 60:5.0f} jobs/min), all done: {done}"
            )
    finally:
        server.stop()


def restart(root: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from fluxdesk.core.batch import PageStatus
    from fluxdesk.ui.app import build_window

    app = QApplication.instance() or QApplication([])
    server = start_emulator(latency=2.0, min_polls=1)
    home = root / "restart-home"
    env = {**os.environ, "BFL_API_KEY": KEY, "FLUXDESK_HOME": str(home)}
    command = [sys.executable, "-m", "fluxdesk", "batch", "run", "--folder"]
    command += [str(pages(root / "restart", 12)), "--preset", "ink-bw-print"]
    command += ["--model", "flux-kontext-max", "--variations", "1", "--yes"]
    command += ["--api-url", server.base_url]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    paths = AppPaths.under(home)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if paths.history_db.exists():
            try:
                store = HistoryStore(paths.history_db, paths.images)
                if sum(job.task_id is not None for job in store.unfinished_jobs()) >= 6:
                    break
            except Exception:  # the database is still being made
                pass
        threading.Event().wait(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    before = len([r for r in server.requests if r.method == "POST" and "/v1/" in r.path])

    os.environ["BFL_API_KEY"] = KEY
    wall = time.time()
    started = time.perf_counter()
    built = build_window(paths, api_url=server.base_url, poll_policy=POLLS)
    built.start()
    controller = built.batch.controller  # type: ignore[union-attr]
    marks: dict[str, float] = {}
    while time.perf_counter() - started < 60:
        app.processEvents()
        submits = len([r for r in server.requests if r.method == "POST" and "/v1/" in r.path])
        view = controller.view()
        if submits == 12 and "sent" not in marks:
            marks["sent"] = time.perf_counter() - started
        if view is not None and view.count(PageStatus.done) == 12:
            marks["done"] = time.perf_counter() - started
            break
        threading.Event().wait(0.005)
    jobs = [job for page in controller.view().pages for job in page.jobs]
    resumed = [job.resumed_at - wall for job in jobs if job.resumed_at]
    print(
        f"restart     killed with {before} jobs sent and 6 pages unsent; from window start: "
        f"{len(resumed)} paid jobs resumed by {max(resumed):.2f} s, unsent pages sent by "
        f"{marks.get('sent', float('nan')):.2f} s (as the resumed jobs free their slots), "
        f"all 12 done at {marks.get('done', float('nan')):.2f} s; {len(server.tasks)} submits"
    )
    built.window.skip_close_question()
    built.window.close()
    built.shutdown(5000)
    server.stop()


def line_art(size: tuple[int, int], seed: int, lines: int, grey: int) -> Image.Image:
    rng = np.random.default_rng(seed)
    image = Image.new("L", size, 255 if grey < 100 else 238)
    draw = ImageDraw.Draw(image)
    width = max(2, size[0] // 700)
    for _ in range(lines):
        draw.line([tuple(rng.integers(0, size)), tuple(rng.integers(0, size))], grey, width)
    return image


def psd(root: Path) -> None:
    folder = root / "psd"
    folder.mkdir()
    b5 = (4299, 6071)
    line_art(b5, 1, 600, 120).save(folder / "pencils.png")
    line_art((864, 1216), 2, 300, 0).save(folder / "ink-a.png")
    line_art((864, 1216), 3, 300, 0).save(folder / "ink-b.png")
    flats = Image.new("RGB", (864, 1216), "white")
    draw = ImageDraw.Draw(flats)
    for n in range(40):
        draw.rectangle(
            (n * 18, n * 26, n * 18 + 300, n * 26 + 220), fill=(230 - n * 4, 140, 90 + n)
        )
    flats.save(folder / "flats.png")
    sources = [
        LayerSource("下書き", folder / "pencils.png", LayerRole.pencils, False),
        LayerSource("フラット", folder / "flats.png", LayerRole.flats),
        LayerSource("ペン入れ A", folder / "ink-a.png", LayerRole.ink, False),
        LayerSource("ペン入れ B", folder / "ink-b.png", LayerRole.ink),
    ]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    summary = export_layered_psd(folder / "page.psd", sources, dpi=600, overwrite=False)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        f"psd         B5 600 dpi {summary.size[0]}x{summary.size[1]}, {len(summary.layers)} "
        f"layers (RGB): {summary.seconds:.1f} s build+write+read back, "
        f"{summary.bytes / 1e6:.1f} MB, peak RSS {max(peak, before) / 1024:.0f} MB"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        os.environ["FLUXDESK_HOME"] = str(root / "fluxdesk-home")
        throughput(root)
        restart(root)
        psd(root)


if __name__ == "__main__":
    main()
