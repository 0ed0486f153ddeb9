"""The live finishing preview: the placed page on a screen-sized proxy, finished as it will
print, computed off the GUI thread with "latest wins".

``compute_preview`` is the blocking part (a worker thread; it builds QImages, never QPixmaps).
``PreviewEngine`` (GUI thread) runs at most one computation at a time and keeps at most one
request waiting: while the artist drags the threshold slider, every new value replaces the
waiting one, so the work never falls behind the hand. A finished preview is shown if it is
newer than the one on screen and still of the current page; anything else is dropped, so the
canvas never steps back to an older value or shows the previous image.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import numpy as np
from PIL import Image
from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QColor, QImage

from fluxdesk.core.printing.finishing import ColorMode, finish, grey_mask, otsu_threshold
from fluxdesk.core.printing.fit import PlacedRect, render
from fluxdesk.ui.i18n import core_text
from fluxdesk.ui.printing.state import Layout, PrintState, scaled_rect
from fluxdesk.ui.printing.work import LastResult, LoadedSubject
from fluxdesk.ui.qimage import pil_to_qimage
from fluxdesk.ui.workers import ProgressTaskRunner, Report, TaskResult

MAX_WORK_FACTOR = 2.0  # finishing runs at up to twice the proxy's resolution (see working_page)
_CROSS = np.array([[0, 1, 0], [1, 1, 1], [0, 1, 0]], bool)  # 4-connected neighbours
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


def _size(size: tuple[int, int], factor: float) -> tuple[int, int]:
    return (max(1, round(size[0] * factor)), max(1, round(size[1] * factor)))


class PreviewCache:
    """What survives a slider step: the placed working page and its grey highlight."""

    def __init__(self) -> None:
        self.pages: LastResult[Image.Image] = LastResult()
        self.greys: LastResult[QImage] = LastResult()

    def clear(self) -> None:
        self.pages.clear()
        self.greys.clear()


def _page_key(request: PreviewRequest) -> object:
    return (request.loaded.key, id(request.loaded.full), request.layout(), request.proxy_side)


def working_page(request: PreviewRequest, cache: LastResult[Image.Image]) -> Image.Image:
    """The page placed at the preview's working resolution, from ``cache`` when only the
    finishing changed.

    Finishing works at the artwork's own resolution (up to ``MAX_WORK_FACTOR`` × the proxy),
    not at the proxy's: a line one source pixel wide would turn grey in a smaller copy and
    break up under the threshold, which the export (at full size) would not do. The finished
    result is then reduced to the proxy for display."""
    layout = request.layout()
    key = _page_key(request)
    if (placed := cache.get(key)) is not None:
        return placed
    proxy = request.proxy_side / max(layout.canvas_size)
    source = request.loaded.preview.width / layout.image.width  # source px per page px
    factor = min(max(proxy, source), proxy * MAX_WORK_FACTOR)
    size = _size(layout.canvas_size, factor)
    placed = render(request.loaded.preview, scaled_rect(layout.image, factor), size)
    cache.put(key, placed)
    return placed


def compute_preview(request: PreviewRequest, cache: PreviewCache) -> PreviewFrame:
    """Blocking; tens of milliseconds once the page is placed."""
    started = time.perf_counter()
    placed = working_page(request, cache.pages)
    layout = request.layout()
    settings = request.state.finish
    proxy_size = _size(layout.canvas_size, request.proxy_side / max(layout.canvas_size))
    threshold = None
    if settings.mode is ColorMode.mono:
        # What "Auto" picks; the export measures the full page, within a level or two.
        threshold = settings.threshold or otsu_threshold(placed)
    finished = finish(placed, settings.scaled(placed.width / layout.canvas_size[0]))
    if finished.size != proxy_size:  # area average: a mono page shows its edges smoothly
        finished = finished.convert(placed.mode).resize(proxy_size, Image.Resampling.BOX)
    grey = None
    if request.highlight_grey and settings.mode is ColorMode.mono:
        # Grey depends on the placed page only, not on the finishing: once per page.
        grey = cache.greys.get(_page_key(request))
        if grey is None:
            grey = grey_overlay(placed, proxy_size)
            cache.greys.put(_page_key(request), grey)
    return PreviewFrame(
        request.request_id,
        request.loaded.key,
        request.state,
        layout.frame,
        layout.canvas_size,
        pil_to_qimage(finished).convertToFormat(QImage.Format.Format_RGB32),
        grey,
        threshold,
        time.perf_counter() - started,
    )


def grey_areas(placed: Image.Image) -> np.ndarray:
    """Grey the threshold will remove: ``grey_mask`` without the 1-2 px of anti-aliasing along
    every line (as preflight counts it), i.e. only grey at least 3 px across."""
    from scipy import ndimage

    grey = np.asarray(grey_mask(placed))
    return ndimage.binary_opening(grey, structure=_CROSS)


def grey_overlay(placed: Image.Image, size: tuple[int, int]) -> QImage:
    """``size``, transparent, magenta where ``grey_areas`` has grey. Built as 1-bit and
    converted by Qt: a few milliseconds, cheap enough for every slider step."""
    areas = Image.fromarray(grey_areas(placed))
    if areas.size != size:  # any grey under a display pixel marks it
        areas = areas.convert("L").resize(size, Image.Resampling.BOX).point(lambda v: 255 * (v > 0))
    mask = np.asarray(areas, dtype=bool)
    height, width = mask.shape
    stride = (width + 31) // 32 * 4  # Qt wants 32-bit aligned rows
    bits = np.zeros((height, stride), dtype=np.uint8)
    packed = np.packbits(mask, axis=1)  # most significant bit first, as Format_Mono
    bits[:, : packed.shape[1]] = packed
    image = QImage(bits.tobytes(), width, height, stride, QImage.Format.Format_Mono)
    image.setColorTable([0, QColor(*GREY_HIGHLIGHT).rgba()])
    # Converting here (and owning the pixels, the bytes above are temporary) leaves the GUI
    # thread a plain copy into a QPixmap instead of a conversion on every paint.
    return image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)


class PreviewEngine(QObject):
    """Latest-wins scheduling of ``compute_preview``; GUI thread."""

    frame_ready = Signal(object)  # PreviewFrame of the latest request
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = ProgressTaskRunner(max_threads=1, parent=self)
        self._runner.task_finished.connect(self._on_runner_task_finished)
        self._cache = PreviewCache()
        self._latest = 0  # request ids only grow
        self._shown = 0  # the request on screen
        self._cleared = 0  # requests up to this one were for an earlier page
        self._waiting: PreviewRequest | None = None
        self._running: int | None = None  # task id
        # For tests and benchmarks: requests replaced before they ran, results thrown away.
        self.skipped = 0
        self.dropped = 0

    def request(
        self, loaded: LoadedSubject, state: PrintState, proxy_side: int, highlight_grey: bool
    ) -> int:
        self._latest += 1
        if self._waiting is not None:
            self.skipped += 1
        self._waiting = PreviewRequest(self._latest, loaded, state, proxy_side, highlight_grey)
        if self._running is None:
            self._start_waiting()
        return self._latest

    def latest_id(self) -> int:
        return self._latest

    def is_busy(self) -> bool:
        return self._running is not None or self._waiting is not None

    def clear(self) -> None:
        """Forget the page (a new subject): nothing requested so far will be shown."""
        self._cleared = self._latest
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
        if result.ok and frame.request_id > max(self._shown, self._cleared):
            self._shown = frame.request_id
            self.frame_ready.emit(frame)
        elif result.ok:
            self.dropped += 1
        elif result.error is not None and self._waiting is None:
            self.failed.emit(core_text(result.error.user_message))
        self._start_waiting()
