"""A 50 MP scan loads off the GUI thread while a 5 ms heartbeat keeps ticking.

Timing is reported, not asserted (benchmarks/canvas_load.py measures it); the test checks the
load completes progressively while the event loop keeps running.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Slot
from pytestqt.qtbot import QtBot

from fluxdesk.ui.canvas import CanvasView


class Heartbeat(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.clock = QElapsedTimer()
        self.ticks = 0
        self.worst_ms = 0.0
        self._last = 0
        self.timer = QTimer(self)
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._on_timer_timeout)

    def start(self) -> None:
        self.clock.start()
        self._last = 0
        self.timer.start()

    @Slot()
    def _on_timer_timeout(self) -> None:
        now = self.clock.elapsed()
        self.worst_ms = max(self.worst_ms, now - self._last)
        self._last = now
        self.ticks += 1


@pytest.mark.slow
def test_a_50_mp_scan_shows_progressively_while_the_gui_keeps_ticking(
    qtbot: QtBot, canvas: CanvasView, tmp_path: Path
) -> None:
    path = tmp_path / "scan.png"
    Image.linear_gradient("L").resize((6000, 8400)).save(path, compress_level=1)
    heartbeat = Heartbeat()
    shown: list[bool] = []
    canvas.image_shown.connect(lambda key: shown.append(canvas.is_sharp()))
    heartbeat.start()
    with qtbot.waitSignal(canvas.image_loaded, timeout=60_000) as blocker:
        canvas.show_path(path)
    qtbot.waitUntil(lambda: heartbeat.ticks > 10)
    heartbeat.timer.stop()
    assert shown == [False]  # the preview came first, before the sharp tiles
    assert canvas.is_sharp()
    pyramid = blocker.args[0].pyramid
    assert (pyramid.levels[0].width, pyramid.levels[0].height) == (6000, 8400)
    assert len(pyramid.levels) >= 4
    canvas.actual_size()
    assert not canvas.grab().isNull()
    print(f"50 MP load: worst heartbeat gap {heartbeat.worst_ms:.0f} ms ({heartbeat.ticks} ticks)")
