"""How fast scan clean-up runs on a 2 MP preview proxy and on a full 600 dpi B5 page.

Prints the median of several runs per setting. Goal: a proxy under about 30 ms, so dragging a
slider previews live; the full page (done once, off the GUI thread, when staging) in seconds.

    .venv/bin/python benchmarks/cleanup_speed.py [--runs N] [--json]
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "core" / "cleanup"))

from figures import Report
from synthetic_scan import synthetic_scan

from fluxdesk.core.imaging.cleanup import CleanupSettings, PencilColor, clean_up

SETTINGS = {
    "grey only": CleanupSettings(),
    "blue pencil": CleanupSettings(remove=PencilColor.blue),
    "blue + auto-contrast": CleanupSettings(remove=PencilColor.blue, auto_contrast=True),
    "blue + auto + despeckle 6": CleanupSettings(
        remove=PencilColor.blue, auto_contrast=True, despeckle_px=6
    ),
    "any colour, keep RGB": CleanupSettings(remove=PencilColor.any, grayscale=False),
}


def median_ms(image, settings, runs: int) -> float:  # type: ignore[no-untyped-def]
    clean_up(image, settings)  # warm the weight table
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        clean_up(image, settings)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = Report.parser(__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    report = Report(args.json)
    proxy = synthetic_scan(1632, 1225)  # 2.0 MP
    page = synthetic_scan(4299, 6071)  # B5 at 600 dpi, 26 MP
    report.line(f"{'setting':28} {'2 MP proxy':>12} {'26 MP page':>12}")
    for name, settings in SETTINGS.items():
        small = median_ms(proxy, settings, args.runs)
        full = median_ms(page, settings, max(1, args.runs // 4))
        report.add(name, {"proxy_2mp_ms": small, "page_26mp_s": full / 1000})
        report.line(f"{name:28} {small:10.1f} ms {full / 1000:10.2f} s")
    report.finish()


if __name__ == "__main__":
    main()
