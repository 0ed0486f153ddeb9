"""How smooth the canvas stays while a 50 MP scan is dropped on it.

Runs a 5 ms QTimer heartbeat on the GUI thread while CanvasView.show_path() loads a synthetic
600 dpi B4 page (6071 × 8598, 52 MP) and prints, per file format: the worst gap between
heartbeats (the longest GUI stall), the time to the first preview on screen and the time to
sharp tiles. Afterwards it zooms to 100% and pans to time a repaint at full resolution.
An idle run first gives the machine's own noise floor (other processes, timer slack).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/canvas_load.py [--keep DIR] [--runs N]
        [--json]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from figures import Report
from PIL import Image, ImageDraw, ImageFilter
from PySide6.QtCore import QElapsedTimer, QEventLoop, QObject, QPointF, QTimer, Slot
from PySide6.QtWidgets import QApplication

from fluxdesk.ui.canvas import CanvasView

B4_600DPI = (6071, 8598)
HEARTBEAT_MS = 5


def make_scan(folder: Path) -> dict[str, Path]:
    """Pencil-like strokes on grainy paper, saved as the formats artists scan to."""
    width, height = B4_600DPI
    noise = Image.effect_noise((width // 4, height // 4), 18).resize((width, height))
    page = Image.eval(noise, lambda value: min(255, 150 + value // 2))
    draw = ImageDraw.Draw(page)
    for index in range(900):
        x = (index * 7919) % width
        y = (index * 104729) % height
        draw.line(
            [(x, y), (x + (index % 37) * 11 - 200, y + (index % 23) * 17 - 190)],
            fill=60 + index % 90,
            width=2 + index % 5,
        )
    page = page.filter(ImageFilter.SMOOTH)
    paths = {
        "PNG (grey)": folder / "page.png",
        "JPEG (grey)": folder / "page.jpg",
        "TIFF (1-bit G4)": folder / "page.tif",
    }
    page.save(paths["PNG (grey)"])
    page.save(paths["JPEG (grey)"], quality=92)
    page.point(lambda value: 255 if value > 128 else 0).convert("1").save(
        paths["TIFF (1-bit G4)"], compression="group4"
    )
    return paths


class Probe(QObject):
    def __init__(self, view: CanvasView) -> None:
        super().__init__()
        self.view = view
        self.clock = QElapsedTimer()
        self.last = 0.0
        self.worst = 0.0
        self.preview_ms: float | None = None
        self.sharp_ms: float | None = None
        self.failed: str | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(self._on_timer_timeout)
        self.loop = QEventLoop(self)
        QTimer.singleShot(30_000, self.loop.quit)
        view.image_shown.connect(self._on_view_image_shown)
        view.image_loaded.connect(self._on_view_image_loaded)
        view.load_failed.connect(self._on_view_load_failed)

    def start(self) -> None:
        self.clock.start()
        self.last = 0.0
        self.worst = 0.0
        self.gaps: list[float] = []
        self.timer.start()

    def now(self) -> float:
        return self.clock.nsecsElapsed() / 1e6

    @Slot()
    def _on_timer_timeout(self) -> None:
        now = self.now()
        self.worst = max(self.worst, now - self.last)
        self.gaps.append(now - self.last)
        self.last = now

    @Slot(str)
    def _on_view_image_shown(self, key: str) -> None:
        self.view.repaint()  # count the first paint of the preview in the stall
        self.preview_ms = self.now()

    @Slot(object)
    def _on_view_image_loaded(self, image: object) -> None:
        self.view.repaint()
        self.sharp_ms = self.now()
        self.loop.quit()

    @Slot(str)
    def _on_view_load_failed(self, message: str) -> None:
        self.failed = message
        self.loop.quit()


def spin(ms: int) -> None:
    """Runs the real event loop for `ms` (a benchmark may idle; tests may not)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def run_one(view: CanvasView, path: Path) -> dict[str, float | None]:
    view.clear()
    view.repaint()  # the empty state is already on screen when a file is dropped
    probe = Probe(view)
    probe.start()
    spin(100)  # baseline heartbeat
    start = probe.now()
    view.show_path(path)
    probe.loop.exec()  # until sharp or failed (or 30 s)
    spin(150)  # the paints that follow the swap
    load_worst = probe.worst
    gaps = sorted(probe.gaps)
    p99 = gaps[min(len(gaps) - 1, int(len(gaps) * 0.99))] if gaps else 0.0
    # Full-resolution interaction: 100% and a few pans, each repainted at once.
    paint_clock = time.perf_counter()
    view.actual_size()
    view.repaint()
    for _ in range(10):
        view.set_zoom(1.0, QPointF(view.width() / 3, view.height() / 3))
        view.pan_by(QPointF(173, 91))
        view.repaint()
    paint_ms = (time.perf_counter() - paint_clock) * 1000 / 11
    probe.timer.stop()
    if probe.failed:
        print(f"  load failed: {probe.failed}", file=sys.stderr)
    return {
        "worst gap": load_worst,
        "p99 gap": p99,
        "preview": None if probe.preview_ms is None else probe.preview_ms - start,
        "sharp": None if probe.sharp_ms is None else probe.sharp_ms - start,
        "paint@100%": paint_ms,
    }


def main(argv: list[str] | None = None) -> int:
    parser = Report.parser(__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="folder to write the test scans to")
    parser.add_argument("--runs", type=int, default=1, help="load each file this many times")
    args = parser.parse_args(argv)
    report = Report(args.json)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as temp:
        folder = args.keep or Path(temp)
        folder.mkdir(parents=True, exist_ok=True)
        report.line(f"Making a {B4_600DPI[0]}×{B4_600DPI[1]} test scan…")
        paths = make_scan(folder)
        view = CanvasView()
        view.resize(1400, 1000)
        view.show()
        app.processEvents()
        idle = Probe(view)
        idle.start()
        spin(1000)
        idle.timer.stop()
        report.add("idle_worst_gap_ms", idle.worst)
        report.line(
            f"idle event loop: worst heartbeat gap {idle.worst:.0f} ms (machine noise floor)"
        )
        columns = ("worst gap", "p99 gap", "preview", "sharp", "paint@100%")
        report.line(f"{'format':<18}" + "".join(f"{name:>12}" for name in columns))
        for _ in range(args.runs):
            for label, path in paths.items():
                result = run_one(view, path)
                report.add(label, result)  # with --runs N, the last run's figures
                cells = [
                    "—" if result[name] is None else f"{result[name]:.1f} ms" for name in columns
                ]
                report.line(f"{label:<18}" + "".join(f"{cell:>12}" for cell in cells))
        ok = view.shutdown(10_000)
        view.deleteLater()
        app.processEvents()
    report.finish()
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
