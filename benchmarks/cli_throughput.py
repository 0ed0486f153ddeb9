"""CLI throughput against the emulator with 2 s of latency per job.

Prints, from one run: the wall time of 1 job and of 24 jobs with `--count 24` (each a real
`fluxdesk generate` process), the same 24 jobs run one after another the way BFL's example
script does (submit, sleep 0.5 s, poll, ... download), polls per job for both, and the median
client overhead per job (job time in the history minus the emulator's 2 s).

    python benchmarks/cli_throughput.py [--json]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests
from figures import Report
from PIL import Image, ImageDraw

from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.paths import AppPaths
from fluxdesk.emulator import EmulatorServer, start_emulator

LATENCY = 2.0
KEY = "bfl_benchmark"
PROMPT = "Ink these pencils with clean black lines"


def _pencils(folder: Path) -> Path:
    image = Image.new("L", (1200, 1700), 235)
    draw = ImageDraw.Draw(image)
    for n in range(12):
        draw.ellipse((100 + n * 40, 100 + n * 90, 700 + n * 30, 500 + n * 90), outline=100, width=3)
    path = folder / "pencils.png"
    image.save(path)
    return path


def _polls(server: EmulatorServer, since: int) -> int:
    return sum(1 for r in server.requests[since:] if "get_result" in r.path)


def _cli(server: EmulatorServer, home: Path, pencils: Path, out: Path, count: int) -> float:
    env = {**os.environ, "BFL_API_KEY": KEY, "FLUXDESK_HOME": str(home)}
    command = [
        sys.executable,
        "-m",
        "fluxdesk",
        "generate",
        "--model",
        "flux-kontext-pro",
        "--prompt",
        PROMPT,
        "--input",
        str(pencils),
        "--api-url",
        server.base_url,
        "--out",
        str(out),
        "--count",
        str(count),
    ]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"fluxdesk generate failed: {done.stderr.strip()}")
    return elapsed


def _example_script(server: EmulatorServer, pencils: Path, jobs: int) -> float:
    """BFL's example flow: one job at a time, fixed 0.5 s sleeps between polls."""
    import base64

    image = base64.b64encode(pencils.read_bytes()).decode()
    started = time.perf_counter()
    for _ in range(jobs):
        submitted = requests.post(
            f"{server.base_url}/v1/flux-kontext-pro",
            headers={"x-key": KEY, "accept": "application/json"},
            json={"prompt": PROMPT, "input_image": image},
            timeout=30,
        ).json()
        while True:
            time.sleep(0.5)
            result = requests.get(submitted["polling_url"], timeout=30).json()
            if result["status"] == "Ready":
                assert requests.get(result["result"]["sample"], timeout=30).content
                break
    return time.perf_counter() - started


def _overheads(home: Path) -> list[float]:
    paths = AppPaths.under(home)
    store = HistoryStore.open(paths.history_db, paths.images)
    return [
        (record.finished_at - record.created_at) - LATENCY
        for record in store.list_jobs(1000)
        if record.finished_at is not None
    ]


def main() -> None:
    report = Report.from_argv(__doc__.splitlines()[0])
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        pencils = _pencils(folder)
        server = start_emulator(latency=LATENCY, min_polls=0, initial_credits=1e6)
        try:
            mark = len(server.requests)
            one = _cli(server, folder / "home1", pencils, folder / "one.png", 1)
            one_polls = _polls(server, mark)

            mark = len(server.requests)
            many = _cli(server, folder / "home24", pencils, folder / "many.png", 24)
            many_polls = _polls(server, mark) / 24

            mark = len(server.requests)
            sequential = _example_script(server, pencils, 24)
            sequential_polls = _polls(server, mark) / 24
            overheads = _overheads(folder / "home24")
        finally:
            server.stop()

    report.add("one_job_s", one)
    report.add("one_job_polls", one_polls)
    report.add("count24_s", many)
    report.add("count24_polls_per_job", many_polls)
    report.add("example_script_24_s", sequential)
    report.add("example_script_polls_per_job", sequential_polls)
    report.add("speedup", sequential / many)
    report.add("client_overhead_median_ms", statistics.median(overheads) * 1000)
    report.add("client_overhead_max_ms", max(overheads) * 1000)
    report.line(f"emulator latency per job: {LATENCY:.1f} s (kontext-pro, 1200×1700 input)")
    report.line(f"{'run':<46}{'wall time':>12}{'polls/job':>12}")
    report.line(f"{'1 job (fluxdesk generate)':<46}{one:>10.2f} s{one_polls:>12.1f}")
    report.line(f"{'24 jobs (fluxdesk generate --count 24)':<46}{many:>10.2f} s{many_polls:>12.1f}")
    report.line(
        f"{'24 jobs one after another (BFL example script)':<46}"
        f"{sequential:>10.2f} s{sequential_polls:>12.1f}"
    )
    report.line(f"speed-up of --count 24 over the example script: {sequential / many:.1f}×")
    report.line(
        f"median client overhead per job (record → saved, minus latency): "
        f"{statistics.median(overheads) * 1000:.0f} ms (max {max(overheads) * 1000:.0f} ms)"
    )
    report.finish()


if __name__ == "__main__":
    main()
