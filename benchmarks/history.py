"""How the history copes with 10,000 entries: cold start, memory, search, scrolling.

Builds a history of 10,000 finished entries (each with a small result image and its cached
thumbnail, varied prompts, a few models) in a temporary folder, then starts the real window
on it in a fresh process and prints:

- cold start: from launching the process to the window on screen with its first rows drawn
  (goal <= 1.0 s), with bytecode cached as an installed app has it;
- resident memory after scrolling through everything (goal <= 300 MB);
- search latency: typing a query to the list showing the results, through the dock's
  off-thread query (goal <= 50 ms), with the database part alone beside it;
- time to scroll to the end: page by page like an artist dragging through the list (with the
  longest frame), and a jump straight to the end.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/history.py [--entries N] [--keep DIR]
        [--json]
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import io
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

WORDS = (
    "ink",
    "pencils",
    "clean",
    "bold",
    "thin",
    "lines",
    "screentone",
    "sky",
    "night",
    "harbour",
    "ship",
    "storm",
    "girl",
    "eyes",
    "hand",
    "panel",
    "flats",
    "pastel",
    "shadow",
    "rain",
    "city",
    "rooftop",
    "cat",
    "samurai",
    "dawn",
    "hatching",
    "brush",
    "crisp",
    "grey",
    "black",
    "white",
    "tone",
    "dots",
    "cloud",
    "sea",
    "wave",
    "smoke",
    "fire",
    "lantern",
    "street",
    "alley",
    "forest",
    "moon",
)
MODELS = ("flux-kontext-pro", "flux-kontext-max", "flux-2-pro", "flux-dev")
QUERIES = ("ink", "harbour ship", "samurai dawn", "lantern", "pencils clean bold", "zebra")


def build(root: Path, count: int) -> None:
    """Writes the history straight into SQLite in one transaction (the store's own path
    fsyncs every job, which is right for real work and far too slow for 10,000 at once)."""
    from PIL import Image

    from fluxdesk.core.api.models import GenerationRequest
    from fluxdesk.core.history.store import HistoryStore
    from fluxdesk.core.imaging.thumbnails import thumbnail_path
    from fluxdesk.core.paths import AppPaths

    paths = AppPaths.under(root).ensure()
    store = HistoryStore.open(paths.history_db, paths.images)
    rnd = random.Random(7)
    base = [Image.effect_noise((72, 96), 40 + 8 * n).convert("L") for n in range(8)]
    now = time.time()
    images, jobs = [], []
    for n in range(count):
        picture = base[n % len(base)].copy()
        picture.putpixel((n % 72, (n // 72) % 96), n % 256)  # every image different
        picture.putpixel(((n // 7) % 72, (n // 13) % 96), (n * 7) % 256)
        buffer = io.BytesIO()
        picture.save(buffer, "PNG", compress_level=1)
        data = buffer.getvalue()
        sha = hashlib.sha256(data).hexdigest()
        path = store.image_path(sha, "png")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        thumb = thumbnail_path(paths.thumbnails, sha)  # under 256 px: its own thumbnail
        thumb.parent.mkdir(parents=True, exist_ok=True)
        thumb.write_bytes(data)
        images.append((sha, str(path.relative_to(paths.images)), "png", 72, 96, len(data), now))
        prompt = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(4, 14)))
        model = MODELS[n % len(MODELS)]
        request = GenerationRequest(model, prompt, {"output_format": "png"}, n).to_json()
        created = now - (count - n) * 37.0
        jobs.append(
            (
                f"{n:08d}{'0' * 24}",
                created,
                created,
                model,
                prompt,
                n,
                request,
                f"task-{n}",
                created + 2,
                created + 9,
                created + 12,
                4.0,
                sha,
                n,
            )
        )
    with store.transaction("benchmark") as db:
        db.executemany("INSERT INTO images VALUES (?, ?, ?, ?, ?, ?, ?)", images)
        db.executemany(
            "INSERT INTO jobs (id, created_at, updated_at, source, api_base, model, prompt, "
            "seed, request_json, price_estimate, state, task_id, polling_url, submitted_at, "
            "ready_at, finished_at, cost, result_sha256, result_seed) VALUES (?, ?, ?, 'gui', "
            "'https://api.bfl.ai', ?, ?, ?, ?, 4.0, 'succeeded', ?, 'https://api.bfl.ai/r', "
            "?, ?, ?, ?, ?, ?)",
            jobs,
        )


def _rss_mb() -> tuple[float, float]:
    """(current, peak) resident memory in MB, from /proc (Linux)."""
    values = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) / 1024
    return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)


def measure(root: Path, launched: float) -> dict[str, object]:
    """Runs in a fresh process: the real window on the big history."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop
    from PySide6.QtWidgets import QApplication

    from fluxdesk.core.history.search import HistoryQuery, search_ids
    from fluxdesk.core.paths import AppPaths
    from fluxdesk.ui.app import build_window

    app = QApplication([sys.argv[0]])

    def spin_until(done, timeout_ms: int = 20_000) -> None:  # type: ignore[no-untyped-def]
        clock = QElapsedTimer()
        clock.start()
        while not done() and clock.elapsed() < timeout_ms:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)

    built = build_window(AppPaths.under(root), demo=True)
    window = built.window
    window.resize(1440, 900)
    window.show()
    built.start()
    gc.freeze()  # as run_app does
    model = built.parts.history_model
    view = window.history_dock.view

    def first_screen_drawn() -> bool:
        if not model.loaded or model.rowCount() == 0:
            return False
        view.viewport().repaint()
        return model.row(model.index(0)) is not None

    spin_until(first_screen_drawn)
    interactive = time.time() - launched
    spin_until(
        lambda: (
            view.indexAt(view.viewport().rect().center()).isValid()
            and view.indexAt(view.viewport().rect().center()).data(1) is not None
        )
    )
    thumbnails = time.time() - launched

    history = built.parts.history
    store = history.store
    latencies, database = [], []
    for text in QUERIES * 3:
        for query in (HistoryQuery(text=text), HistoryQuery()):
            answered: list[int] = []
            history.loaded.connect(answered.append)
            started = time.perf_counter()
            history.set_query(query)
            spin_until(lambda answered=answered: bool(answered))
            history.loaded.disconnect(answered.append)
            if query.text:
                latencies.append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                search_ids(store, query)
                database.append((time.perf_counter() - started) * 1000)

    # Jump straight to the end (rows and thumbnails there were never read), then back to
    # the top and through everything a page at a time, as an artist dragging would.
    bar = view.verticalScrollBar()
    last = model.index(model.rowCount() - 1)
    started = time.perf_counter()
    view.scrollToBottom()
    spin_until(lambda: model.row(last) is not None and last.data(1) is not None)
    jump = time.perf_counter() - started
    bar.setValue(0)
    spin_until(lambda: False, 200)
    frame = QElapsedTimer()
    frames: list[float] = []
    started = time.perf_counter()
    while bar.value() < bar.maximum():
        frame.start()
        bar.setValue(min(bar.maximum(), bar.value() + view.viewport().height()))
        view.viewport().repaint()
        app.processEvents()
        frames.append(frame.nsecsElapsed() / 1e6)
    scrolled = time.perf_counter() - started
    rss, peak = _rss_mb()

    window.skip_close_question()
    window.close()
    built.shutdown(5000)
    return {
        "entries": model.rowCount(),
        "interactive_s": interactive,
        "thumbnails_s": thumbnails,
        "rss_mb": rss,
        "peak_mb": peak,
        "search_ms_median": statistics.median(latencies),
        "search_ms_p95": statistics.quantiles(latencies, n=20, method="inclusive")[-1],
        "search_ms_max": max(latencies),
        "database_ms_median": statistics.median(database),
        "scroll_s": scrolled,
        "scroll_frame_p99_ms": statistics.quantiles(frames, n=100, method="inclusive")[-1],
        "scroll_worst_frame_ms": max(frames),
        "pages": len(frames),
        "jump_s": jump,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the history here")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON instead")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--launched", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.launched)))
        return 0

    root = args.keep or Path(tempfile.mkdtemp(prefix="fluxdesk-history-bench-"))
    try:
        if not (root / "data" / "history.sqlite3").exists():
            started = time.perf_counter()
            build(root, args.entries)
            if not args.json:
                print(
                    f"built {args.entries} entries with thumbnails in "
                    f"{time.perf_counter() - started:.1f} s ({root})"
                )
        # An installed app starts from cached bytecode (written on its first start, or by the
        # installer): warm a cache of our own first, so this machine's PYTHONDONTWRITEBYTECODE
        # does not add a compile of every module to the figure.
        env = {**os.environ, "PYTHONPYCACHEPREFIX": str(root / "pycache")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run([sys.executable, "-c", "import fluxdesk.ui.app"], env=env, check=True)
        launched = time.time()
        done = subprocess.run(
            [sys.executable, __file__, "--measure", str(root), "--launched", str(launched)],
            capture_output=True,
            text=True,
            check=False,
            env=env,
        )
        if done.returncode != 0:
            print(done.stderr, file=sys.stderr)
            return 1
        figures = json.loads(done.stdout.strip().splitlines()[-1])
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    if args.json:
        print(json.dumps(figures))
        return 0
    print(f"entries:                {figures['entries']}")
    print(
        f"cold start:             {figures['interactive_s']:.2f} s to the first rows drawn "
        f"(goal <= 1.0 s); thumbnails on screen at {figures['thumbnails_s']:.2f} s"
    )
    print(
        f"resident memory:        {figures['rss_mb']:.0f} MB after scrolling everything "
        f"(peak {figures['peak_mb']:.0f} MB; goal <= 300 MB)"
    )
    print(
        f"search latency:         {figures['search_ms_median']:.1f} ms median, "
        f"{figures['search_ms_p95']:.1f} ms p95, {figures['search_ms_max']:.1f} ms worst, "
        "typing to results shown (goal <= 50 ms); "
        f"database alone {figures['database_ms_median']:.1f} ms"
    )
    print(
        f"scroll to the end:      {figures['scroll_s']:.2f} s page by page over "
        f"{figures['pages']} pages (frames: 99% under {figures['scroll_frame_p99_ms']:.1f} ms, "
        f"longest {figures['scroll_worst_frame_ms']:.1f} ms); "
        f"jump to the end {figures['jump_s'] * 1000:.0f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
