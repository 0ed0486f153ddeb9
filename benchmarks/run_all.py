"""Runs every benchmark, each in its own process (so their figures do not interfere), and prints
one table with the machine it ran on. Each figure comes from one run of its benchmark.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/run_all.py [--only NAME ...] [--markdown]

About 3-4 minutes on 2 cores. The load average at the start and the end is printed: on a shared
machine, compare figures only between runs made at a similar load. `--markdown` prints the
table as Markdown (what benchmarks/README.md keeps).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
Figures = dict[str, Any]


def ms(value: float) -> str:
    return f"{value:.0f} ms" if value >= 10 else f"{value:.1f} ms"


def s(value: float) -> str:
    return f"{value:.2f} s"


def mb(value: float) -> str:
    return f"{value:.0f} MB"


@dataclass(frozen=True, slots=True)
class Row:
    benchmark: str
    label: str
    show: Callable[[Figures], str]
    goal: str = ""


def _canvas(label: str) -> Callable[[Figures], str]:
    def show(figures: Figures) -> str:
        row = figures[label]
        return f"{ms(row['preview'])} / {ms(row['sharp'])} (worst stall {ms(row['worst gap'])})"

    return show


ROWS = (
    Row(
        "ui_stall",
        "GUI worst stall, 52 MP drop + 24 jobs (p99)",
        lambda f: f"{ms(f['worst_stall_ms'])} (p99 {ms(f['p99_gap_ms'])})",
        "one frame, 16.7 ms",
    ),
    Row(
        "ui_stall",
        "  gaps over one frame / scan sharp / 24 jobs done",
        lambda f: (
            f"{f['gaps_over_frame']} of {f['heartbeats']} / {s(f['scan_sharp_s'])} / "
            f"{f['jobs_done']} in {s(f['jobs_total_s'])}"
        ),
    ),
    Row("cli_throughput", "1 job, `fluxdesk generate` (2 s emulator)", lambda f: s(f["one_job_s"])),
    Row(
        "cli_throughput",
        "24 jobs, `--count 24`, vs BFL's example script",
        lambda f: (
            f"{s(f['count24_s'])} vs {s(f['example_script_24_s'])}: {f['speedup']:.1f}× faster"
        ),
    ),
    Row(
        "cli_throughput",
        "  polls per job (--count 24 / example script)",
        lambda f: f"{f['count24_polls_per_job']:.1f} / {f['example_script_polls_per_job']:.1f}",
    ),
    Row(
        "cli_throughput",
        "  client overhead per job, median (max)",
        lambda f: f"{ms(f['client_overhead_median_ms'])} ({ms(f['client_overhead_max_ms'])})",
    ),
    Row(
        "history",
        "cold start, 10,000 entries: first rows drawn",
        lambda f: s(f["interactive_s"]),
        "≤ 1.0 s",
    ),
    Row(
        "history",
        "  resident memory after scrolling all (peak)",
        lambda f: f"{mb(f['rss_mb'])} ({mb(f['peak_mb'])})",
        "≤ 300 MB",
    ),
    Row(
        "history",
        "  search, typing to results (p95; database alone)",
        lambda f: (
            f"{ms(f['search_ms_median'])} ({ms(f['search_ms_p95'])}; {ms(f['database_ms_median'])})"
        ),
        "≤ 50 ms",
    ),
    Row(
        "history",
        "  scroll to the end page by page (frame p99; jump)",
        lambda f: (
            f"{s(f['scroll_s'])} ({ms(f['scroll_frame_p99_ms'])}; jump {ms(f['jump_s'] * 1000)})"
        ),
    ),
    Row("canvas_load", "52 MP scan PNG: drop to preview / sharp", _canvas("PNG (grey)")),
    Row("canvas_load", "52 MP scan JPEG: drop to preview / sharp", _canvas("JPEG (grey)")),
    Row(
        "canvas_load", "52 MP scan 1-bit TIFF: drop to preview / sharp", _canvas("TIFF (1-bit G4)")
    ),
    Row(
        "export",
        "B4 600 dpi 1-bit G4 TIFF export (with threshold)",
        lambda f: f"{s(f['b4_mono_export_s'])} ({s(f['b4_mono_export_with_threshold_s'])})",
        "≤ 1.5 s",
    ),
    Row(
        "export",
        "  24-page chapter PDF / preflight of a B4 page",
        lambda f: f"{s(f['chapter_pdf_24_pages_s'])} / {s(f['preflight_s'])}",
    ),
    Row(
        "finish_preview",
        "threshold slider to preview, B5 (p95; stall)",
        lambda f: (
            f"{ms(f['b5_threshold']['latency_median_ms'])} "
            f"({ms(f['b5_threshold']['latency_p95_ms'])}; "
            f"{ms(f['b5_threshold']['worst_stall_ms'])})"
        ),
    ),
    Row(
        "cleanup_speed",
        "scan clean-up, blue + auto + despeckle: 2 MP / 26 MP",
        lambda f: (
            f"{ms(f['blue + auto + despeckle 6']['proxy_2mp_ms'])} / "
            f"{s(f['blue + auto + despeckle 6']['page_26mp_s'])}"
        ),
    ),
    Row(
        "page_edits",
        "region edit on a 52 MP page: paste back / PNG",
        lambda f: f"{ms(f['region_paste_back_ms'])} / {ms(f['encode_52mp_png_ms'])}",
    ),
    Row(
        "regions_panels",
        "panels on a B4 page: detect / compose",
        lambda f: f"{ms(f['b4_detect_panels_ms'])} / {ms(f['b4_compose_page_ms'])}",
    ),
    Row(
        "regions_panels",
        "layered PSD, B5 RGB, 3 layers (peak memory)",
        lambda f: f"{ms(f['psd_RGB_ms'])} ({mb(f['psd_RGB_peak_mb'])})",
    ),
)
BENCHMARKS = tuple(dict.fromkeys(row.benchmark for row in ROWS))


@dataclass(frozen=True, slots=True)
class Outcome:
    figures: Figures | None
    seconds: float
    problem: str = ""


def run(name: str) -> Outcome:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, str(HERE / f"{name}.py"), "--json"],
            capture_output=True,
            text=True,
            env=env,
            timeout=600,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return Outcome(None, time.perf_counter() - started, "timed out after 10 minutes")
    seconds = time.perf_counter() - started
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return Outcome(None, seconds, f"failed ({done.returncode}): {last}")
    return Outcome(json.loads(lines[-1]), seconds)


def machine() -> list[tuple[str, str]]:
    import PIL
    import PySide6

    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        total = int(meminfo.read_text().split()[1])
        memory = f", {total / 1024**2:.1f} GB RAM"
    return [
        ("CPU", f"{os.cpu_count()} × {model or platform.processor() or 'unknown'}{memory}"),
        ("system", platform.platform()),
        (
            "Python / PySide6 / Pillow",
            f"{platform.python_version()} / {PySide6.__version__} / {PIL.__version__}",
        ),
    ]


def load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def table(rows: list[tuple[str, str, str]], markdown: bool) -> str:
    header = ("figure", "value", "goal")
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|---|---|---|"]
        for label, value, goal in rows:
            shown = f"↳ {label.strip()}" if label.startswith("  ") else label
            lines.append(f"| {shown} | {value} | {goal} |")
        return "\n".join(lines)
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(3)]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", choices=BENCHMARKS, help="run just these")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    args = parser.parse_args()
    chosen = args.only or list(BENCHMARKS)
    started, load_before = time.time(), load()
    outcomes: dict[str, Outcome] = {}
    for name in chosen:
        print(f"running {name}…", file=sys.stderr, flush=True)
        outcomes[name] = run(name)
        print(f"  {outcomes[name].seconds:.0f} s", file=sys.stderr, flush=True)

    rows: list[tuple[str, str, str]] = []
    for row in ROWS:
        if row.benchmark not in outcomes:
            continue
        outcome = outcomes[row.benchmark]
        if outcome.figures is None:
            value = outcome.problem
        else:
            try:
                value = row.show(outcome.figures)
            except (KeyError, TypeError) as missing:
                value = f"not measured ({missing})"
        rows.append((row.label, value, row.goal))

    facts = machine()
    facts.append(("load average (1/5/15 min)", f"{load_before} at start, {load()} at the end"))
    took = ", ".join(f"{name} {outcome.seconds:.0f} s" for name, outcome in outcomes.items())
    facts.append(("ran", f"{time.strftime('%Y-%m-%d %H:%M', time.localtime(started))}, {took}"))
    total = time.time() - started
    facts.append(("total", f"{total / 60:.1f} min"))
    if args.markdown:
        print("\n".join(f"- {key}: {value}" for key, value in facts))
        print()
    else:
        width = max(len(key) for key, _ in facts)
        print("\n".join(f"{key:<{width}}  {value}" for key, value in facts))
        print()
    print(table(rows, args.markdown))
    return 0 if all(outcome.figures is not None for outcome in outcomes.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
