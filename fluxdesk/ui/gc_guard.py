"""Runs Python's cyclic garbage collector on the GUI thread only.

Left automatic, the collector runs in whichever thread happens to allocate, so a reference
cycle holding a Qt object (a widget, a window) can be destroyed on a worker thread, which
crashes Qt. Anki does the same: automatic collection off, a timer on the GUI thread collects
when the allocation counts say a collection is due.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer, Slot

_CHECK_MS = 1000


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(_CHECK_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()

    @Slot()
    def _on_timer_timeout(self) -> None:
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._thresholds[generation]:
                gc.collect(generation)
                return

    def stop(self) -> None:
        self._timer.stop()
        gc.collect()
        gc.enable()
