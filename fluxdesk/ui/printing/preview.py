"""The live finishing preview: the placed page on a screen-sized proxy, finished as it will
print, computed off the GUI thread with "latest wins".

``compute_preview`` is the blocking part (a worker thread; it builds QImages, never QPixmaps).
``PreviewEngine`` (GUI thread) runs at most one computation at a time and keeps at most one
request waiting: while the artist drags the threshold slider, every new value replaces the
waiting one, and a result that is no longer the latest request is dropped, so the canvas
never shows a stale value and the GUI thread never waits.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import numpy as np
from PIL import Image
from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QImage

from fluxdesk.core.printing.finishing import ColorMode, finish, grey_mask, otsu_threshold
from fluxdesk.core.printing.fit import PlacedRect, render
from fluxdesk.ui.printing.state import Layout, PrintState, scaled_rect
from fluxdesk.ui.printing.work import LastPage, LoadedSubject
from fluxdesk.ui.qimage import pil_to_qimage
from fluxdesk.ui.workers import ProgressTaskRunner, Report, TaskResult

MIN_PROXY_SIDE = 1024
MAX_PROXY_SIDE = 2048
GREY_HIGHLIGHT = (255, 0, 200, 215)  # magenta: absent from line art, visible on black and white


@dataclass(frozen=True, slots=True)
class PreviewRequest:
    request_id: int
    loaded: LoadedSubject
    state: PrintState
    proxy_side: int
    highlight_grey: bool

    def layout(self) -> Layout:
        return self.loaded.layout(self.state)


@dataclass(frozen=True, slots=True)
class PreviewFrame:
    request_id: int
    key: str  # the subject
    state: PrintState
    frame: PlacedRect  # where the canvas page lies on the page canvas, in target pixels
    canvas_size: tuple[int, int]  # the page canvas in target pixels, which `image` covers
    image: QImage  # the finished page, proxy size
    grey: QImage | None  # magenta where the placed page has grey (mono pages), else None
    threshold: int | None  # mono: the threshold used (Otsu's when automatic)
    seconds: float  # time spent computing


def placed_proxy(request: PreviewRequest, cache: LastPage) -> Image.Image:
    """The page placed at proxy size, from ``cache`` when only the finishing changed."""
    layout = request.layout()
    key = (request.loaded.key, id(request.loaded.full), layout, request.proxy_side)
    if (placed := cache.get(key)) is not None:
        return placed
    factor = request.proxy_side / max(layout.canvas_size)
    size = (
        max(1, round(layout.canvas_size[0] * factor)),
        max(1, round(layout.canvas_size[1] * factor)),
    )
    placed = render(request.loaded.preview, scaled_rect(layout.image, factor), size)
    cache.put(key, placed)
    return placed


def compute_preview(request: PreviewRequest, cache: LastPage) -> PreviewFrame:
    """Blocking; a few tens of milliseconds for a 2 MP proxy once the page is placed."""
    started = time.perf_counter()
    placed = placed_proxy(request, cache)
    layout = request.layout()
    settings = request.state.finish
    threshold = None
    if settings.mode is ColorMode.mono:
        # What "Auto" picks; the export measures the full page, within a level or two.
        threshold = settings.threshold or otsu_threshold(placed)
    finished = finish(placed, settings.scaled(placed.width / layout.canvas_size[0]))
    grey = None
    if request.highlight_grey and settings.mode is ColorMode.mono:
        grey = grey_overlay(placed)
    return PreviewFrame(
        request.request_id,
        request.loaded.key,
        request.state,
        layout.frame,
        layout.canvas_size,
        pil_to_qimage(finished),
        grey,
        threshold,
        time.perf_counter() - started,
    )


def grey_overlay(placed: Image.Image) -> QImage:
    """Transparent, with magenta where ``grey_mask`` finds grey."""
    mask = np.asarray(grey_mask(placed))
    rgba = np.zeros((*mask.shape, 4), dtype=np.uint8)
    rgba[mask] = GREY_HIGHLIGHT
    return pil_to_qimage(Image.fromarray(rgba, "RGBA"))


class PreviewEngine(QObject):
    """Latest-wins scheduling of ``compute_preview``; GUI thread."""

    frame_ready = Signal(object)  # PreviewFrame of the latest request
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = ProgressTaskRunner(max_threads=1, parent=self)
        self._runner.task_finished.connect(self._on_runner_task_finished)
        self._cache = LastPage()
        self._latest = 0
        self._waiting: PreviewRequest | None = None
        self._running: int | None = None  # task id
        self.dropped = 0  # results that arrived after a newer request (for tests, benchmarks)

    def request(
        self, loaded: LoadedSubject, state: PrintState, proxy_side: int, highlight_grey: bool
    ) -> int:
        self._latest += 1
        self._waiting = PreviewRequest(self._latest, loaded, state, proxy_side, highlight_grey)
        if self._running is None:
            self._start_waiting()
        return self._latest

    def latest_id(self) -> int:
        return self._latest

    def is_busy(self) -> bool:
        return self._running is not None or self._waiting is not None

    def clear(self) -> None:
        """Forget the page (a new subject): nothing pending will be shown."""
        self._latest += 1
        self._waiting = None
        self._cache.clear()

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        self._waiting = None
        return self._runner.shutdown(timeout_ms)

    def _start_waiting(self) -> None:
        request, self._waiting = self._waiting, None
        if request is None:
            return
        cache = self._cache

        def work(report: Report, cancel: threading.Event) -> PreviewFrame:
            return compute_preview(request, cache)

        self._running = self._runner.run_with_progress("preview", work)

    @Slot(object)
    def _on_runner_task_finished(self, result: TaskResult) -> None:
        self._running = None
        frame = result.value
        if result.ok and frame.request_id == self._latest:
            self.frame_ready.emit(frame)
        elif result.ok:
            self.dropped += 1
        elif result.error is not None and self._waiting is None:
            self.failed.emit(result.error.user_message)
        self._start_waiting()
