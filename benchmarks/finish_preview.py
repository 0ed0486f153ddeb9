"""How live the black-and-white preview is while the artist drags the threshold slider.

Builds the real window offscreen, opens a ~1 MP inked page in Finish & Export, then drags the
threshold slider one step every 16 ms (a 60 Hz mouse) across its range. Prints, per scenario:
slider→preview latency (from a value being set until a preview of that value or a newer one is
on the canvas; median, 95th percentile, worst), how many previews were shown and how many
values were skipped because a newer one replaced them before they ran, and
the worst GUI stall (longest gap of a 5 ms heartbeat timer, so ~5 ms is a perfect score).
An idle run first gives the machine's own timer noise.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/finish_preview.py [--json]
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from export import model_result  # benchmarks/export.py: the same synthetic ~1 MP page
from figures import Report
from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QTimer, Slot
from PySide6.QtWidgets import QApplication, QSlider

from fluxdesk.core.paths import AppPaths
from fluxdesk.core.printing.pages import PAGE_PRESETS
from fluxdesk.ui.app import Built, build_window
from fluxdesk.ui.printing.preview import PreviewFrame
from fluxdesk.ui.printing.undo import StateChange

HEARTBEAT_MS = 5
DRAG_STEP_MS = 16
VALUES = list(range(40, 221, 3))  # 61 slider positions, about a second of dragging


def wait(condition: Callable[[], bool], timeout: float = 60.0) -> None:
    """Runs the event loop (blocking for events, never sleeping) until ``condition``."""
    tick = QTimer(interval=10)  # wakes the loop even when nothing else happens
    tick.start()
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise TimeoutError("the window did not settle")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    tick.stop()


class Drag(QObject):
    """Moves the slider on a timer and records when each value's preview appears."""

    def __init__(self, built: Built) -> None:
        super().__init__()
        self._built = built
        self._slider = built.window.findChild(QSlider, "thresholdSlider")
        self._page = built.window.finish.page
        self._page.preview_shown.connect(self._on_preview_shown)
        self._set: list[tuple[int, float]] = []  # (request id, time set)
        self.latencies: list[float] = []
        self.shown = 0
        self._values = list(VALUES)
        self._beat = QTimer(self, interval=HEARTBEAT_MS)
        self._beat.timeout.connect(self._on_beat)
        self._last_beat = 0.0
        self.worst_gap = 0.0
        self._step = QTimer(self, interval=DRAG_STEP_MS)
        self._step.timeout.connect(self._on_step)

    def run(self) -> None:
        self._last_beat = time.perf_counter()
        self._beat.start()
        self._step.start()
        wait(lambda: not self._values and not self._set)
        self._beat.stop()

    def idle(self, seconds: float) -> float:
        self._last_beat = time.perf_counter()
        self._beat.start()
        end = time.monotonic() + seconds
        wait(lambda: time.monotonic() > end)
        self._beat.stop()
        return self.worst_gap

    @Slot()
    def _on_beat(self) -> None:
        now = time.perf_counter()
        self.worst_gap = max(self.worst_gap, now - self._last_beat)
        self._last_beat = now

    @Slot()
    def _on_step(self) -> None:
        if not self._values:
            self._step.stop()
            return
        self._slider.setValue(self._values.pop(0))
        self._set.append((self._page.preview_engine().latest_id(), time.perf_counter()))

    @Slot(object)
    def _on_preview_shown(self, frame: PreviewFrame) -> None:
        self._built.window.canvas.repaint()  # count the paint in the latency
        now = time.perf_counter()
        self.shown += 1
        caught_up = [(rid, t) for rid, t in self._set if rid <= frame.request_id]
        self.latencies += [now - t for _, t in caught_up]
        self._set = [(rid, t) for rid, t in self._set if rid > frame.request_id]


def scenario(built: Built, label: str, change: StateChange | None) -> dict[str, float | int]:
    page = built.window.finish.page
    if change is not None:
        page.request_change(change)
    wait(lambda: not page.preview_engine().is_busy() and not page.preflight_pending())
    engine = page.preview_engine()
    skipped_before = engine.skipped
    drag = Drag(built)
    drag.run()
    ms = sorted(value * 1000 for value in drag.latencies)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    skipped = engine.skipped - skipped_before
    drag.deleteLater()
    return {
        "latency_median_ms": statistics.median(ms),
        "latency_p95_ms": p95,
        "latency_worst_ms": ms[-1],
        "shown": drag.shown,
        "skipped": skipped,
        "worst_stall_ms": drag.worst_gap * 1000,
    }


def row(label: str, figures: dict[str, float | int]) -> list[str]:
    latency = "{latency_median_ms:.0f} / {latency_p95_ms:.0f} / {latency_worst_ms:.0f} ms"
    return [
        label,
        latency.format(**figures),
        f"{figures['shown']} shown, {figures['skipped']} skipped of {len(VALUES)}",
        f"{figures['worst_stall_ms']:.0f} ms",
    ]


def main() -> None:
    report = Report.from_argv(__doc__.splitlines()[0])
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        built = build_window(AppPaths.under(root / "app"), demo=True)
        window = built.window
        window.resize(1440, 900)
        window.show()
        result = root / "result.png"
        model_result().save(result)
        window.canvas_control.open_paths([result])
        window.finish.show_panel()
        page = window.finish.page
        wait(lambda: page.loaded() is not None)
        wait(lambda: page.preview.frame() is not None and window.canvas.is_sharp())

        idle = Drag(built).idle(1.0)
        report.add("idle_noise_ms", idle * 1e3)
        report.line(
            f"cores: {os.cpu_count()}, idle timer noise (worst heartbeat gap): {idle * 1e3:.0f} ms"
        )
        state = page.state()
        heavy = state.with_finish(despeckle_px=12, smooth_px=1.0)
        b4 = replace(heavy, page=PAGE_PRESETS["b4"], bleed=True)
        scenarios = [
            ("B5, threshold only", "b5_threshold", None),
            ("B5, + despeckle 12 px + smooth", "b5_despeckle_smooth", StateChange(heavy, "x")),
            ("B4 with bleed, same", "b4_bleed_despeckle_smooth", StateChange(b4, "x")),
            ("B4, + grey highlight", "b4_grey_highlight", "highlight"),
        ]
        rows = [["scenario", "latency median / p95 / worst", "previews", "worst GUI stall"]]
        for label, key, change in scenarios:
            if change == "highlight":
                page.set_highlight_grey(True)
                change = None
            figures = report.add(key, scenario(built, label, change))
            rows.append(row(label, figures))
        widths = [max(len(row[column]) for row in rows) for column in range(4)]
        for cells in rows:
            report.line(
                "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True))
            )
        window.skip_close_question()
        window.close()
        built.shutdown(5000)
    del app
    report.finish()


if __name__ == "__main__":
    main()
