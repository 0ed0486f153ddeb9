"""Registers the result on screen on its pencils and maps what moved, off the GUI thread.

Runs when the canvas is in the onion-skin or "what moved" mode with a result over its pencils;
the analysis of the pair on screen is kept, so switching modes or coming back costs nothing.
GUI thread only (the work itself runs on a TaskRunner).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QImage

from fluxdesk.core.compare import Hotspot, Registration, change_map, register
from fluxdesk.core.imaging.load import load_image
from fluxdesk.ui.canvas import CanvasView, CompareMode
from fluxdesk.ui.changes.overlay import heat_image
from fluxdesk.ui.controllers.canvas import CanvasController
from fluxdesk.ui.i18n import core_text
from fluxdesk.ui.workers import TaskResult, TaskRunner

ANALYSED_MODES = (CompareMode.onion, CompareMode.changes)


@dataclass(frozen=True, slots=True)
class ChangeAnalysis:
    pair: tuple[Path, Path]  # pencils, result
    page_size: tuple[int, int]  # the pencils'
    registration: Registration
    heat: QImage
    hotspots: tuple[Hotspot, ...]
    register_seconds: float
    heat_seconds: float


def analyse(pair: tuple[Path, Path]) -> ChangeAnalysis:
    """Blocking; worker thread."""
    pencils, result = (load_image(path) for path in pair)
    started = time.perf_counter()
    registration = register(pencils, result)
    registered = time.perf_counter()
    changes = change_map(pencils, result, registration)
    heat = heat_image(changes.heatmap)
    done = time.perf_counter()
    return ChangeAnalysis(
        pair,
        pencils.size,
        registration,
        heat,
        changes.hotspots,
        registered - started,
        done - registered,
    )


class ChangesController(QObject):
    analysis_started = Signal()
    analysed = Signal(object)  # ChangeAnalysis of the pair on screen
    failed = Signal(str)

    def __init__(
        self, canvas: CanvasView, canvas_control: CanvasController, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._canvas = canvas
        self._canvas_control = canvas_control
        self._tasks = TaskRunner(max_threads=1, parent=self)
        self._tasks.task_finished.connect(self._on_tasks_task_finished)
        self._analysis: ChangeAnalysis | None = None
        self._pending: tuple[Path, Path] | None = None
        canvas.compare_mode_changed.connect(self._on_canvas_compare_mode_changed)
        canvas_control.showing_changed.connect(self._on_canvas_control_showing_changed)

    def analysis(self) -> ChangeAnalysis | None:
        """The analysis of the pair on screen, once it is ready."""
        analysis = self._analysis
        if analysis is not None and analysis.pair == self._canvas_control.shown_pair():
            return analysis
        return None

    def refresh(self) -> None:
        pair = self._canvas_control.shown_pair()
        if self._canvas.compare_mode() not in ANALYSED_MODES or pair is None:
            return
        if (current := self.analysis()) is not None:
            self.analysed.emit(current)
            return
        if pair == self._pending:
            return
        self._pending = pair
        self.analysis_started.emit()
        self._tasks.run("analyse", lambda: self._analyse_if_wanted(pair))

    def _analyse_if_wanted(self, pair: tuple[Path, Path]) -> ChangeAnalysis | None:
        """Worker thread. Flipping through results queues a request per result: only the one
        still wanted when its turn comes is analysed (a plain read of the latest request)."""
        return analyse(pair) if pair == self._pending else None

    @Slot(str)
    def _on_canvas_compare_mode_changed(self, mode: str) -> None:
        self.refresh()

    @Slot(str)
    def _on_canvas_control_showing_changed(self, showing: str) -> None:
        self.refresh()

    @Slot(object)
    def _on_tasks_task_finished(self, result: TaskResult) -> None:
        if not result.ok:
            self._pending = None
            self.failed.emit(core_text(result.error.user_message) if result.error else "")
            return
        analysis: ChangeAnalysis | None = result.value
        if analysis is None:
            return  # skipped: another pair was wanted by then
        if analysis.pair == self._pending:
            self._pending = None
        self._analysis = analysis
        if analysis.pair == self._canvas_control.shown_pair():
            self.analysed.emit(analysis)
        else:
            self.refresh()  # another result came on screen meanwhile

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        return self._tasks.shutdown(timeout_ms)
