"""Decoding images for the canvas off the GUI thread: a fast preview first, then a tiled pyramid.

Thread contract: `ImageLoader` lives on the GUI thread and all its signals are delivered there.
The decode runs on the loader's own QThreadPool and builds QImages only (never QPixmaps).
"Latest wins" per channel: a newer request cancels older ones and their results are dropped.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtGui import QImage

from fluxdesk.core.errors import FluxError
from fluxdesk.core.imaging.load import load_image, read_info
from fluxdesk.ui.canvas.pyramid import (
    PREVIEW_SIDE,
    Pyramid,
    build_pyramid,
    make_preview,
    preview_factor,
)
from fluxdesk.ui.i18n import core_text, translate
from fluxdesk.ui.qimage import pil_to_qimage, qimage_to_pil

log = logging.getLogger(__name__)

MAIN_CHANNEL = "main"
_JPEG_MAGIC = b"\xff\xd8\xff"


@dataclass(frozen=True, slots=True, eq=False)
class LoadedPreview:
    request_id: int
    path: Path | None
    qimage_preview: QImage  # long side <= 2048, same aspect as the full image
    full_size: tuple[int, int]
    channel: str = MAIN_CHANNEL


@dataclass(frozen=True, slots=True, eq=False)
class LoadedImage:
    request_id: int
    path: Path | None
    pyramid: Pyramid  # full-resolution tiles + mip levels, ready to paint
    full_size: tuple[int, int]
    pil_image: Image.Image | None = None  # upright, mode L/RGB(A): for sending to the API
    channel: str = MAIN_CHANNEL


@dataclass(frozen=True, slots=True)
class LoadFailure:
    request_id: int
    path: Path | None
    user_message: str
    channel: str = MAIN_CHANNEL


class _TaskSignals(QObject):
    # Created on the GUI thread, so queued deliveries to the loader's slots land there.
    preview_ready = Signal(object)
    image_ready = Signal(object)
    load_failed = Signal(object)
    finished = Signal(object)  # (channel, request_id)


class _LoadTask(QRunnable):
    def __init__(
        self, request_id: int, channel: str, path: Path | None, qimage: QImage | None
    ) -> None:
        super().__init__()
        self.setAutoDelete(False)  # Python owns it; the loader keeps it alive until `finished`
        self.request_id = request_id
        self.channel = channel
        self.path = path
        self.qimage = qimage
        self.cancel = threading.Event()
        self.signals = _TaskSignals()

    def run(self) -> None:  # pool thread: QImage and Pillow only
        try:
            if not self.cancel.is_set():
                self._load()
        except FluxError as error:
            self._fail(core_text(error.user_message))
        except MemoryError:
            text = translate("CanvasView", "{name} is too large to open with the memory available.")
            self._fail(text.format(name=self._name()))
        except Exception:  # a bug must still end the load visibly
            log.exception("loading %s crashed", self.path or "an image")
            text = translate(
                "CanvasView", "FluxDesk could not open {name} (an internal error; see the log)."
            )
            self._fail(text.format(name=self._name()))
        finally:
            self.signals.finished.emit((self.channel, self.request_id))

    def _name(self) -> str:
        return (
            f"'{self.path.name}'" if self.path is not None else translate("CanvasView", "the image")
        )

    def _fail(self, message: str) -> None:
        self.signals.load_failed.emit(
            LoadFailure(self.request_id, self.path, message, self.channel)
        )

    def _emit_preview(self, preview: Image.Image, full_size: tuple[int, int]) -> None:
        payload = LoadedPreview(
            self.request_id, self.path, pil_to_qimage(preview), full_size, self.channel
        )
        self.signals.preview_ready.emit(payload)

    def _load(self) -> None:
        previewed = False
        if self.path is not None:
            previewed = self._jpeg_draft_preview(self.path)
            if self.cancel.is_set():
                return
            image = load_image(self.path)
        else:
            assert self.qimage is not None
            image = qimage_to_pil(self.qimage)
            self.qimage = None
        if self.cancel.is_set():
            return
        if not previewed:
            self._emit_preview(make_preview(image), image.size)
        pyramid = build_pyramid(image, self.cancel)
        if pyramid is None or self.cancel.is_set():
            return
        self.signals.image_ready.emit(
            LoadedImage(self.request_id, self.path, pyramid, image.size, image, self.channel)
        )

    def _jpeg_draft_preview(self, path: Path) -> bool:
        """For big JPEGs, decode at 1/2..1/8 scale in the DCT (several times faster)."""
        try:
            with path.open("rb") as handle:
                if handle.read(3) != _JPEG_MAGIC:
                    return False  # not read_info(): for a PNG it would decode the whole image
        except OSError:
            return False  # the full decode reports the problem properly
        info = read_info(path)  # header only for a JPEG; refuses oversized images
        if max(info.width, info.height) <= PREVIEW_SIDE:
            return False
        try:
            with Image.open(path) as source:
                factor = preview_factor(*source.size)
                source.draft(None, (source.width // factor, source.height // factor))
                source.load()
                upright = ImageOps.exif_transpose(source) or source
                if upright.mode not in ("L", "RGB"):
                    upright = upright.convert("RGB")
                preview = make_preview(upright)
        except (OSError, ValueError, SyntaxError):
            return False  # the full decode reports the problem properly
        self._emit_preview(preview, (info.width, info.height))
        return True


class ImageLoader(QObject):
    """Decodes files or QImages into previews and pyramids on its own pool."""

    preview_ready = Signal(object)  # LoadedPreview
    image_ready = Signal(object)  # LoadedImage
    load_failed = Signal(object)  # LoadFailure

    def __init__(self, parent: QObject | None = None, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)  # own pool, not globalInstance(): drains in tests
        self._pool.setMaxThreadCount(max_threads)
        self._tasks: dict[tuple[str, int], _LoadTask] = {}  # keep-alive until `finished`
        self._latest: dict[str, int] = {}
        # Pillow imports its format plugins on first use, holding the GIL for ~10-30 ms; pay
        # that now (at startup) rather than on a worker while the artist drops the first page.
        Image.init()

    def load(self, path: Path, request_id: int, *, channel: str = MAIN_CHANNEL) -> None:
        self._start(_LoadTask(request_id, channel, Path(path), None))

    def load_qimage(self, qimage: QImage, request_id: int, *, channel: str = MAIN_CHANNEL) -> None:
        """Builds a pyramid for an image already in memory (a paste or a big result)."""
        self._start(_LoadTask(request_id, channel, None, QImage(qimage)))

    def cancel(self, channel: str = MAIN_CHANNEL) -> None:
        """Drops whatever is loading on `channel`."""
        self._latest[channel] = -1
        for task in self._tasks.values():
            if task.channel == channel:
                task.cancel.set()

    def is_busy(self) -> bool:
        return bool(self._tasks)

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Cancels everything and waits for the pool to drain. True if it drained in time."""
        for channel in {task.channel for task in self._tasks.values()}:
            self.cancel(channel)
        done = self._pool.waitForDone(timeout_ms)
        if done:
            self._tasks.clear()
        return done

    def _start(self, task: _LoadTask) -> None:
        self.cancel(task.channel)
        self._latest[task.channel] = task.request_id
        task.signals.preview_ready.connect(self._on_task_preview_ready)
        task.signals.image_ready.connect(self._on_task_image_ready)
        task.signals.load_failed.connect(self._on_task_load_failed)
        task.signals.finished.connect(self._on_task_finished)
        self._tasks[(task.channel, task.request_id)] = task
        self._pool.start(task)

    def _is_current(self, request_id: int, channel: str) -> bool:
        return self._latest.get(channel) == request_id

    @Slot(object)
    def _on_task_preview_ready(self, preview: LoadedPreview) -> None:
        if self._is_current(preview.request_id, preview.channel):
            self.preview_ready.emit(preview)

    @Slot(object)
    def _on_task_image_ready(self, image: LoadedImage) -> None:
        if self._is_current(image.request_id, image.channel):
            self.image_ready.emit(image)

    @Slot(object)
    def _on_task_load_failed(self, failure: LoadFailure) -> None:
        if self._is_current(failure.request_id, failure.channel):
            self.load_failed.emit(failure)

    @Slot(object)
    def _on_task_finished(self, key: tuple[str, int]) -> None:
        self._tasks.pop(key, None)
